/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for knowledge.c: a data directory loaded into its modules. */
#include "check_util.h"
#include "fixture.h"

/* Every data file of the directory loads, into its module. */
START_TEST(test_load_dir_reads_every_data_file)
{
	ck_assert_uint_eq(ng_knowledge_entry_count(fx_kb), 66);
	ck_assert_uint_eq(fx_kb->pat.n, 38);
	ck_assert_uint_eq(fx_kb->lex.n_cues, 6);
	ck_assert_uint_eq(fx_kb->boiler.n_rules, 41);
}
END_TEST

START_TEST(test_data_dir_from_environment)
{
	ck_assert_int_eq(setenv("NEWSGRAPH_DATADIR", NG_TEST_DATA, 1), 0);
	ck_assert_str_eq(ng_data_dir(), NG_TEST_DATA);
	ck_assert_int_eq(unsetenv("NEWSGRAPH_DATADIR"), 0);
}
END_TEST

START_TEST(test_knowledge_free_null_is_noop)
{
	ng_knowledge_free(NULL);
}
END_TEST

START_TEST(test_load_dir_without_data_files_fails)
{
	ng_knowledge *kb = ng_knowledge_new();
	ck_assert_int_eq(ng_knowledge_load_dir(kb, NG_TEST_DATA "/gazetteer"), NG_ERR_NOT_FOUND);
	ng_knowledge_free(kb);
}
END_TEST

static Suite *
knowledge_suite(void)
{
	Suite *s = suite_create("knowledge");
	TCase *core = tcase_create("core");
	TCase *errors = tcase_create("errors");

	tcase_add_unchecked_fixture(core, fx_setup, fx_teardown);
	tcase_add_test(core, test_load_dir_reads_every_data_file);
	tcase_add_test(core, test_data_dir_from_environment);
	tcase_add_test(errors, test_knowledge_free_null_is_noop);
	tcase_add_test(errors, test_load_dir_without_data_files_fails);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}

NG_CHECK_MAIN(knowledge_suite)
