/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for jsonl.c: the JSON Lines reader of batch input. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "newsgraph.h"

static FILE *
mem_in(const char *s)
{
	FILE *f = fmemopen((void *)s, strlen(s), "r");
	ck_assert_ptr_nonnull(f);
	return f;
}

static int n_errors;
static unsigned long last_line;

static void
count_error(void *handle, const ng_error *e)
{
	(void)handle;
	n_errors++;
	last_line = e->line;
}

START_TEST(test_jsonl_reads_fields_and_skips_blank_lines)
{
	FILE *f = mem_in("{\"id\":\"a\",\"url\":\"https://x.org/1\",\"title\":\"T\","
	                 "\"date\":\"2024-05-01\",\"text\":\"Norvania joined NORDA.\"}\n"
	                 "\n  \n{\"id\":7,\"text\":\"caf\\u00e9\"}\r\n");
	ng_jsonl *r = ng_jsonl_new(f, "feed.jsonl", 0);
	ng_jsonl_article a;

	ck_assert_int_eq(ng_jsonl_next(r, &a), NG_OK);
	ck_assert_str_eq(a.text, "Norvania joined NORDA.");
	ck_assert_uint_eq(a.len, 22);
	ck_assert_str_eq(a.meta.id, "a");
	ck_assert_str_eq(a.meta.url, "https://x.org/1");
	ck_assert_str_eq(a.meta.title, "T");
	ck_assert_str_eq(a.meta.date, "2024-05-01");
	ck_assert_str_eq(a.meta.source, "feed.jsonl");
	ck_assert_uint_eq(a.line, 1);
	ck_assert_int_eq(ng_jsonl_next(r, &a), NG_OK);
	ck_assert_str_eq(a.meta.id, "7");
	ck_assert_str_eq(a.text, "caf\xc3\xa9");
	ck_assert_uint_eq(a.line, 4);
	ck_assert_int_eq(ng_jsonl_next(r, &a), NG_OK);
	ck_assert_ptr_null(a.text);
	ng_jsonl_free(r);
	fclose(f);
}
END_TEST

START_TEST(test_jsonl_nul_escape_keeps_length)
{
	FILE *f = mem_in("{\"text\":\"a\\u0000b\"}\n");
	ng_jsonl *r = ng_jsonl_new(f, "f", 0);
	ng_jsonl_article a;

	ck_assert_int_eq(ng_jsonl_next(r, &a), NG_OK);
	ck_assert_uint_eq(a.len, 3);
	ng_jsonl_free(r);
	fclose(f);
}
END_TEST

START_TEST(test_jsonl_free_null_is_noop)
{
	ng_jsonl_free(NULL);
}
END_TEST

START_TEST(test_jsonl_bad_lines_report_line_and_go_on)
{
	FILE *f = mem_in("{\"text\": \"ok\"}\n{broken\n[1,2]\n{\"id\":\"x\"}\n"
	                 "{\"text\": 5}\n{\"text\":\"t\",\"url\":3}\n{\"text\":\"last\"}\n");
	ng_jsonl *r = ng_jsonl_new(f, "f", 0);
	ng_jsonl_article a;
	unsigned long want[] = {2, 3, 4, 5, 6};
	int i;

	n_errors = 0;
	ng_jsonl_set_error_func(r, count_error, NULL);
	ck_assert_int_eq(ng_jsonl_next(r, &a), NG_OK);
	ck_assert_str_eq(a.text, "ok");
	for (i = 0; i < 5; i++) {
		ck_assert_int_eq(ng_jsonl_next(r, &a), NG_ERR_SYNTAX);
		ck_assert_uint_eq(a.line, want[i]);
		ck_assert_uint_eq(last_line, want[i]);
	}
	ck_assert_int_eq(ng_jsonl_next(r, &a), NG_OK);
	ck_assert_str_eq(a.text, "last");
	ck_assert_int_eq(n_errors, 5);
	ng_jsonl_free(r);
	fclose(f);
}
END_TEST

START_TEST(test_jsonl_text_over_max_size_is_too_big)
{
	FILE *f = mem_in("{\"text\":\"0123456789\"}\n{\"text\":\"01234\"}\n");
	ng_jsonl *r = ng_jsonl_new(f, "f", 8);
	ng_jsonl_article a;

	ck_assert_int_eq(ng_jsonl_next(r, &a), NG_ERR_TOO_BIG);
	ck_assert_uint_eq(a.line, 1);
	ck_assert_int_eq(ng_jsonl_next(r, &a), NG_OK);
	ck_assert_str_eq(a.text, "01234");
	ng_jsonl_free(r);
	fclose(f);
}
END_TEST

static Suite *
jsonl_suite(void)
{
	Suite *s = suite_create("jsonl");
	TCase *core = tcase_create("core");
	TCase *errors = tcase_create("errors");

	tcase_add_test(core, test_jsonl_reads_fields_and_skips_blank_lines);
	tcase_add_test(core, test_jsonl_nul_escape_keeps_length);
	tcase_add_test(errors, test_jsonl_free_null_is_noop);
	tcase_add_test(errors, test_jsonl_bad_lines_report_line_and_go_on);
	tcase_add_test(errors, test_jsonl_text_over_max_size_is_too_big);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}

NG_CHECK_MAIN(jsonl_suite)
