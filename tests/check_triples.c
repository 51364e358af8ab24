/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the validator's RDF layer: parse errors of the data files
 * a validator loads, with their status, line and column. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "newsgraph.h"
#include "validate_fixture.h"

/* ------------------------------------------------------------ errors */

START_TEST(test_syntax_error_reports_line_and_column)
{
	errors err;
	ng_validator *v = make(NULL, &err);

	ck_assert_int_eq(ng_validator_load_data(v, src("tests/validate/bad-syntax.ttl"), NULL),
	                 NG_ERR_SYNTAX);
	ck_assert_int_ge(err.count, 1);
	ck_assert_int_eq(err.status, NG_ERR_SYNTAX);
	ck_assert_int_eq((int)err.line, 5);
	ck_assert_int_eq((int)err.column, 12);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_ntriples_syntax_error_has_column)
{
	errors err;
	ng_validator *v = make(NULL, &err);

	ck_assert_int_eq(ng_validator_load_data(v, src("tests/validate/bad-syntax.ttl"),
	                                        "ntriples"), NG_ERR_SYNTAX);
	ck_assert_int_gt((int)err.line, 0);
	ck_assert_int_gt((int)err.column, 0);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_missing_file_is_io_error)
{
	errors err;
	ng_validator *v = make(NULL, &err);

	ck_assert_int_eq(ng_validator_load_data(v, "/nonexistent/data.ttl", NULL), NG_ERR_IO);
	ck_assert_int_eq(err.count, 1);
	ck_assert_ptr_nonnull(strstr(err.message, "cannot open"));
	ng_validator_free(v);
}
END_TEST

START_TEST(test_unknown_syntax_is_bad_arg)
{
	errors err;
	ng_validator *v = make(NULL, &err);

	ck_assert_int_eq(ng_validator_load_data(v, src("tests/validate/valid.ttl"), "klingon"),
	                 NG_ERR_BAD_ARG);
	ng_validator_free(v);
}
END_TEST

static Suite *
triples_suite(void)
{
	Suite *s = suite_create("triples");
	TCase *te = tcase_create("errors");

	tcase_add_test(te, test_syntax_error_reports_line_and_column);
	tcase_add_test(te, test_ntriples_syntax_error_has_column);
	tcase_add_test(te, test_missing_file_is_io_error);
	tcase_add_test(te, test_unknown_syntax_is_bad_arg);
	suite_add_tcase(s, te);
	return s;
}

NG_CHECK_MAIN(triples_suite)
