/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for litfilter.c: the literal prefilters of the boilerplate
 * rules and the modality cues never turn away a text their expression
 * matches. */
#include "check_util.h"
#include "fixture.h"

/* The literal filter of boilerplate.c lets a line outside ASCII pass it
 * only if it holds U+017F or U+212A: no other character matches an ASCII
 * one caselessly, as the rules are compiled (UTF, caseless, no UCP). */
START_TEST(test_only_long_s_and_kelvin_match_ascii_caselessly)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR) "^[\\x{01}-\\x{7f}]$", PCRE2_ZERO_TERMINATED,
	                               PCRE2_UTF | PCRE2_CASELESS, &err, &off, NULL);
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	uint32_t cp, wrong = 0;

	ck_assert_ptr_nonnull(re);
	ck_assert_ptr_nonnull(md);
	/* One assertion at the end: Check reports each passing one to its
	 * parent process, which over a million code points takes seconds. */
	for (cp = 0x80; cp <= 0x10FFFF; cp++) {
		unsigned char u[4];
		size_t n;
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		if (cp < 0x800) {
			u[0] = (unsigned char)(0xC0 | cp >> 6);
			u[1] = (unsigned char)(0x80 | (cp & 0x3F));
			n = 2;
		} else if (cp < 0x10000) {
			u[0] = (unsigned char)(0xE0 | cp >> 12);
			u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
			u[2] = (unsigned char)(0x80 | (cp & 0x3F));
			n = 3;
		} else {
			u[0] = (unsigned char)(0xF0 | cp >> 18);
			u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
			u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
			u[3] = (unsigned char)(0x80 | (cp & 0x3F));
			n = 4;
		}
		if ((pcre2_match(re, u, n, 0, 0, md, NULL) >= 0) != (cp == 0x17F || cp == 0x212A) &&
		    !wrong)
			wrong = cp;
	}
	ck_assert_msg(!wrong, "U+%04X", (unsigned)wrong);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
}
END_TEST

/* The literal filter of each cue of the lexicon never turns away a text its
 * expression matches: random texts of cue words, their pieces and other
 * words, in mixed case, with a long s (which matches 's' caselessly) now
 * and then. Most texts are turned away, so the filter does its work. */
START_TEST(test_cue_filters_never_hide_a_match)
{
	static const char *const words[] = {
		"not", "NOT", "n't", "never", "no", "longer", "Neither", "nor", "denied", "deny",
		"refused", "to", "will", "shall", "is", "scheduled", "set", "due", "expected",
		"plans", "planning", "going", "would", "apply", "applies", "bid", "seeking",
		"sought", "tries", "asked", "requesting", "prepares", "wants", "hoped", "aims",
		"intends", "like", "keen", "eager", "considering", "may", "might", "could",
		"reportedly", "allegedly", "said", "believed", "according", "reports",
		"sources", "media", "rumoured", "rumored", "ruled", "out", "without",
		"knot", "nothing", "willing", "mayor", "say", "\xc5\xbfources", "ma\xc5\xbft",
		"the", "PERSON0", "ORG1", "visited", "talks", "in", ",", "'", "wo", "n",
	};
	const size_t nw = sizeof(words) / sizeof(words[0]);
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	uint32_t x = 2463534242u;
	size_t k, i, turned = 0, tried = 0;
	char text[512], hidden[512] = "";
	size_t hidden_cue = 0;

	ck_assert_uint_gt(fx_kb->lex.n_cues, 0);
	for (k = 0; k < fx_kb->lex.n_cues; k++)
		ck_assert_ptr_nonnull(fx_kb->lex.cues[k].filter.pairs);
	for (i = 0; i < 200000; i++) {
		size_t n = 0, m = 1 + i % 7, j;
		for (j = 0; j < m; j++) {
			const char *w;
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			w = words[x % nw];
			if (n && (x >> 8) % 4)
				text[n++] = ' ';
			memcpy(text + n, w, strlen(w));
			n += strlen(w);
		}
		text[n] = '\0';
		for (k = 0; k < fx_kb->lex.n_cues; k++) {
			bool may = ng_litfilter_may_match(&fx_kb->lex.cues[k].filter, text, n);
			bool hit = pcre2_match(fx_kb->lex.cues[k].re, (PCRE2_SPTR)text, n, 0, 0, md, NULL) >= 0;
			/* One assertion at the end: Check reports each passing one
			 * to its parent process. */
			if (!may && hit && !hidden[0]) {
				memcpy(hidden, text, n + 1);
				hidden_cue = k;
			}
			tried++;
			turned += !may;
		}
	}
	ck_assert_msg(!hidden[0], "cue %zu matches '%s' but its filter turns it away", hidden_cue,
	              hidden);
	ck_assert_uint_gt(turned, tried / 4);
	pcre2_match_data_free(md);
}
END_TEST

static Suite *
litfilter_suite(void)
{
	Suite *s = suite_create("litfilter");
	TCase *core = tcase_create("core");

	tcase_add_unchecked_fixture(core, fx_setup, fx_teardown);
	tcase_set_timeout(core, 30);
	tcase_add_test(core, test_only_long_s_and_kelvin_match_ascii_caselessly);
	tcase_add_test(core, test_cue_filters_never_hide_a_match);
	suite_add_tcase(s, core);
	return s;
}

NG_CHECK_MAIN(litfilter_suite)
