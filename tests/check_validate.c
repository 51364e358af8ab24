/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the validator's driver: the public ng_validator API, its
 * counts and its SHACL validation report. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "newsgraph.h"
#include "validate_fixture.h"
#include "triples.h"

/* ------------------------------------------------------------ core */

START_TEST(test_free_null_is_noop)
{
	ng_validator_free(NULL);
}
END_TEST

START_TEST(test_valid_graph_conforms)
{
	errors err;
	ng_validator *v = validate("tests/validate/valid.ttl", &err);

	ck_assert_int_eq((int)ng_validator_result_count(v), 0);
	ck_assert(ng_validator_conforms(v));
	ck_assert_int_eq((int)ng_validator_triple_count(v), 65);
	ck_assert_int_eq(err.count, 0);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_report_is_turtle_with_conforms_false)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-shapes.ttl", &err);
	FILE *f = tmpfile();
	ng_store *st = ng_store_new();
	raptor_world *w = raptor_new_world();
	ng_graph g;
	const ng_vocab *voc;
	size_t n;
	ng_tid no;

	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(raptor_world_open(w), 0);
	ck_assert_int_eq(ng_validator_write_report(v, f), NG_OK);
	rewind(f);
	ng_graph_init(&g);
	ck_assert_int_eq(ng_graph_parse(&g, st, w, "report.ttl", f, "turtle", NULL, NULL), NG_OK);
	ck_assert_int_eq(ng_graph_index(&g), NG_OK);
	voc = ng_store_vocab(st);
	no = ng_store_intern(st, NG_TERM_LITERAL, "false", 5, voc->xsd_boolean, NULL);
	ng_graph_po(&g, voc->sh_conforms, no, &n);
	ck_assert_int_eq((int)n, 1);
	ng_graph_po(&g, voc->rdf_type, voc->sh_ValidationResult, &n);
	ck_assert_int_eq((int)n, 11);
	ng_graph_po(&g, voc->sh_sourceConstraintComponent, 0, &n);
	ck_assert_int_eq((int)n, 11);
	ng_graph_clear(&g);
	ng_store_free(st);
	raptor_free_world(w);
	fclose(f);
	ng_validator_free(v);
}
END_TEST

/* ------------------------------------------------------------ errors */

START_TEST(test_result_out_of_range_is_bad_arg)
{
	errors err;
	ng_validator *v = validate("tests/validate/valid.ttl", &err);
	ng_validation_result r;

	ck_assert_int_eq(ng_validator_result(v, 0, &r), NG_ERR_BAD_ARG);
	ck_assert_int_eq(ng_validator_result(NULL, 0, &r), NG_ERR_BAD_ARG);
	ck_assert_int_eq(ng_validator_run(NULL), NG_ERR_BAD_ARG);
	ng_validator_free(v);
}
END_TEST

static Suite *
validate_suite(void)
{
	Suite *s = suite_create("validate");
	TCase *tc = tcase_create("core");
	TCase *te = tcase_create("errors");

	tcase_add_test(tc, test_free_null_is_noop);
	tcase_add_test(tc, test_valid_graph_conforms);
	tcase_add_test(tc, test_report_is_turtle_with_conforms_false);
	suite_add_tcase(s, tc);
	tcase_add_test(te, test_result_out_of_range_is_bad_arg);
	suite_add_tcase(s, te);
	return s;
}

NG_CHECK_MAIN(validate_suite)
