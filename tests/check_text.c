/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for text.c: UTF-8 checks, NFC, folding and offsets. */
#include "knowledge.h"
#include "text.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "check_util.h"

static ng_text t;

static void
init_ok(const char *s)
{
	size_t bad = 0;
	const char *why = NULL;
	ck_assert_int_eq(ng_text_init(&t, s, strlen(s), &bad, &why), NG_OK);
}

START_TEST(test_nfc_composes_combining_acute)
{
	/* "Cafe" + U+0301 becomes "Café" with a precomposed é. */
	init_ok("Cafe\xCC\x81 bar");
	ck_assert_str_eq(t.norm, "Caf\xC3\xA9 bar");
	/* The é maps back to the original 'e' at byte 3; "bar" to byte 7. */
	ck_assert_uint_eq(ng_text_orig(&t, 3), 3);
	ck_assert_uint_eq(ng_text_orig(&t, 6), 7);
	ng_text_clear(&t);
}
END_TEST

START_TEST(test_typographic_apostrophe_folds_but_offsets_stay)
{
	init_ok("NATO\xE2\x80\x99s chief");
	ck_assert_str_eq(t.norm, "NATO's chief");
	/* "s" is at byte 7 of the original (after a 3-byte apostrophe). */
	ck_assert_uint_eq(ng_text_orig(&t, 5), 7);
	ck_assert_uint_eq(ng_text_char_offset(&t, 7), 5);
	ng_text_clear(&t);
}
END_TEST

START_TEST(test_plain_runs_of_every_length_map_byte_to_byte)
{
	/* Runs of plain ASCII of 1 to 20 bytes between folded apostrophes:
	 * each normalized byte maps to its original, whatever the run's
	 * length modulo the four entries filled at once. */
	char in[512];
	size_t n = 0, len, k, at = 0, norm = 0;

	for (len = 1; len <= 20; len++) {
		for (k = 0; k < len; k++)
			in[n++] = (char)('a' + k);
		memcpy(in + n, "\xE2\x80\x99", 3);
		n += 3;
	}
	in[n] = '\0';
	init_ok(in);
	ck_assert_uint_eq(t.norm_len, n - 2 * 20);
	for (len = 1; len <= 20; len++) {
		/* The run and its apostrophe, one byte in the normalized text
		 * and three in the original. */
		for (k = 0; k <= len; k++)
			ck_assert_uint_eq(ng_text_orig(&t, norm + k), at + k);
		norm += len + 1;
		at += len + 3;
	}
	ck_assert_uint_eq(ng_text_orig(&t, t.norm_len), n);
	ng_text_clear(&t);
}
END_TEST

START_TEST(test_dashes_and_quotes_fold)
{
	init_ok("\xE2\x80\x9CYes\xE2\x80\x9D \xE2\x80\x94 no");
	ck_assert_str_eq(t.norm, "\"Yes\"  -  no");
	ng_text_clear(&t);
}
END_TEST

START_TEST(test_bom_is_skipped)
{
	init_ok("\xEF\xBB\xBFHello");
	ck_assert_str_eq(t.norm, "Hello");
	ck_assert_uint_eq(t.orig_len, 5);
	ng_text_clear(&t);
}
END_TEST

START_TEST(test_crlf_becomes_newline)
{
	init_ok("One.\r\nTwo.\r\n");
	ck_assert_str_eq(t.norm, "One.\nTwo.\n");
	ck_assert_uint_eq(ng_text_orig(&t, 5), 6);
	ng_text_clear(&t);
}
END_TEST

START_TEST(test_char_offsets_count_code_points)
{
	init_ok("\xC3\xA9t\xC3\xA9 X");
	ck_assert_uint_eq(ng_text_char_offset(&t, 5), 3);
	ck_assert_uint_eq(ng_text_char_offset(&t, 0), 0);
	ck_assert_uint_eq(ng_text_char_offset(&t, 6), 4);
	ng_text_clear(&t);
}
END_TEST

START_TEST(test_char_offsets_at_every_byte_of_a_long_text)
{
	/* Over several 64-byte blocks, with one- to four-byte characters,
	 * and for texts ending on a block's end and within one: every
	 * character's offset, and the end. */
	static const char *const pieces[] = {"a", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", " "};
	char in[700];
	size_t len, n, b, chars;

	for (len = 128; len <= 140; len += 12) {
		size_t starts[700], nstarts = 0;
		n = 0;
		for (b = 0; n + 4 < len; b = (b * 7 + 3) % 5) {
			starts[nstarts++] = n;
			memcpy(in + n, pieces[b], strlen(pieces[b]));
			n += strlen(pieces[b]);
		}
		while (n < len) {
			starts[nstarts++] = n;
			in[n++] = 'z';
		}
		in[n] = '\0';
		init_ok(in);
		for (chars = 0; chars < nstarts; chars++)
			ck_assert_uint_eq(ng_text_char_offset(&t, starts[chars]), chars);
		ck_assert_uint_eq(ng_text_char_offset(&t, n), nstarts);
		ck_assert_uint_eq(ng_text_char_offset(&t, n + 5), nstarts);
		ng_text_clear(&t);
	}
}
END_TEST

START_TEST(test_fold_strips_accents_and_case)
{
	ng_buf b = {0};
	ck_assert_int_eq(ng_fold("Erdo\xC4\x9F" "an", 8, true, &b), NG_OK);
	ck_assert_str_eq(b.buf, "erdogan");
	ng_buf_clear(&b);
	ck_assert_int_eq(ng_fold("\xC3\x9C" "NAL", 5, false, &b), NG_OK);
	ck_assert_str_eq(b.buf, "\xC3\xBCnal");
	ng_buf_free(&b);
}
END_TEST

START_TEST(test_clean_literal_replaces_controls)
{
	ng_buf b = {0};
	ck_assert_int_eq(ng_clean_literal("a\x01" "b\xEF\xBF\xBE", 6, &b), NG_OK);
	ck_assert_str_eq(b.buf, "a b\xEF\xBF\xBD");
	ng_buf_free(&b);
}
END_TEST

START_TEST(test_slug_lowercases_joins_with_dashes_and_encodes_non_ascii)
{
	ng_buf b = {0};
	ck_assert_int_eq(ng_slug("Jean-Luc  Picard", 16, &b), NG_OK);
	ck_assert_str_eq(b.buf, "jean-luc-picard");
	ng_buf_clear(&b);
	ck_assert_int_eq(ng_slug("O'Brien", 7, &b), NG_OK);
	ck_assert_str_eq(b.buf, "obrien");
	ng_buf_clear(&b);
	/* Marks go, a letter without a decomposition is percent-encoded. */
	ck_assert_int_eq(ng_slug("Zo\xC3\xAB \xC5\x81\xC3\xB3" "d\xC5\xBA", 12, &b), NG_OK);
	ck_assert_str_eq(b.buf, "zoe-%C5%82odz");
	ng_buf_clear(&b);
	/* Appended to what the buffer holds; no dash at the start of the
	 * slug, an "x" for nothing. */
	ck_assert_int_eq(ng_buf_adds(&b, "person/"), NG_OK);
	ck_assert_int_eq(ng_slug(" -A.", 4, &b), NG_OK);
	ck_assert_str_eq(b.buf, "person/a");
	ck_assert_int_eq(ng_buf_adds(&b, "/"), NG_OK);
	ck_assert_int_eq(ng_slug(" - ", 3, &b), NG_OK);
	ck_assert_str_eq(b.buf, "person/a/x");
	ck_assert_uint_eq(b.len, strlen(b.buf));
	ng_buf_free(&b);
}
END_TEST

START_TEST(test_invalid_utf8_reports_byte)
{
	size_t bad = 99;
	const char *why = NULL;
	ck_assert_int_eq(ng_text_init(&t, "abc\xFF" "def", 7, &bad, &why), NG_ERR_BAD_UTF8);
	ck_assert_uint_eq(bad, 3);
	ck_assert_ptr_nonnull(why);
}
END_TEST

START_TEST(test_overlong_encoding_rejected)
{
	size_t bad = 99;
	const char *why = NULL;
	/* "/" encoded in two bytes. */
	ck_assert_int_eq(ng_utf8_check("ab\xC0\xAF", 4, &bad, &why), NG_ERR_BAD_UTF8);
	ck_assert_uint_eq(bad, 2);
	ck_assert_int_eq(ng_utf8_check("\xE0\x80\xAF", 3, &bad, &why), NG_ERR_BAD_UTF8);
	ck_assert_int_eq(ng_utf8_check("\xED\xA0\x80", 3, &bad, &why), NG_ERR_BAD_UTF8);
}
END_TEST

START_TEST(test_nul_byte_rejected)
{
	size_t bad = 99;
	const char *why = NULL;
	ck_assert_int_eq(ng_text_init(&t, "ab\0cd", 5, &bad, &why), NG_ERR_NUL);
	ck_assert_uint_eq(bad, 2);
}
END_TEST

START_TEST(test_empty_and_bom_only_rejected)
{
	size_t bad = 99;
	const char *why = NULL;
	ck_assert_int_eq(ng_text_init(&t, "", 0, &bad, &why), NG_ERR_EMPTY);
	ck_assert_int_eq(ng_text_init(&t, "\xEF\xBB\xBF", 3, &bad, &why), NG_ERR_EMPTY);
}
END_TEST

START_TEST(test_truncated_sequence_at_end)
{
	size_t bad = 99;
	const char *why = NULL;
	ck_assert_int_eq(ng_utf8_check("abc\xE2\x80", 5, &bad, &why), NG_ERR_BAD_UTF8);
	ck_assert_uint_eq(bad, 3);
}
END_TEST

static Suite *
text_suite(void)
{
	Suite *s = suite_create("text");
	TCase *core = tcase_create("core");
	TCase *errors = tcase_create("errors");

	tcase_add_test(core, test_nfc_composes_combining_acute);
	tcase_add_test(core, test_typographic_apostrophe_folds_but_offsets_stay);
	tcase_add_test(core, test_plain_runs_of_every_length_map_byte_to_byte);
	tcase_add_test(core, test_char_offsets_at_every_byte_of_a_long_text);
	tcase_add_test(core, test_dashes_and_quotes_fold);
	tcase_add_test(core, test_bom_is_skipped);
	tcase_add_test(core, test_crlf_becomes_newline);
	tcase_add_test(core, test_char_offsets_count_code_points);
	tcase_add_test(core, test_fold_strips_accents_and_case);
	tcase_add_test(core, test_clean_literal_replaces_controls);
	tcase_add_test(core, test_slug_lowercases_joins_with_dashes_and_encodes_non_ascii);
	tcase_add_test(errors, test_invalid_utf8_reports_byte);
	tcase_add_test(errors, test_overlong_encoding_rejected);
	tcase_add_test(errors, test_nul_byte_rejected);
	tcase_add_test(errors, test_empty_and_bom_only_rejected);
	tcase_add_test(errors, test_truncated_sequence_at_end);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}

NG_CHECK_MAIN(text_suite)
