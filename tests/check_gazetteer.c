/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for gazetteer.c: the shipped data loads and overrides work. */
#include "check_util.h"
#include "fixture.h"

START_TEST(test_shipped_data_sizes)
{
	size_t i, n[NG_CLASS_COUNT] = {0};
	for (i = 0; i < fx_kb->gaz.n_entries; i++)
		if (!fx_kb->gaz.entries[i].dead)
			n[fx_kb->gaz.entries[i].cls]++;
	ck_assert_uint_eq(n[NG_CLASS_COUNTRY], 249);
	ck_assert_uint_ge(n[NG_CLASS_ORGANIZATION], 200);
	ck_assert_uint_ge(n[NG_CLASS_PERSON], 500);
	ck_assert_uint_ge(n[NG_CLASS_PLACE], 500);
}
END_TEST

START_TEST(test_references_resolve)
{
	int32_t jpn = ng_gazetteer_find(&fx_kb->gaz, "Country:JPN", 11);
	int32_t tokyo = ng_gazetteer_find(&fx_kb->gaz, "Place:tokyo", 11);
	ck_assert_int_ge(jpn, 0);
	ck_assert_int_ge(tokyo, 0);
	ck_assert_int_eq(fx_kb->gaz.entries[jpn].capital, tokyo);
	ck_assert_int_eq(fx_kb->gaz.entries[tokyo].country, jpn);
}
END_TEST

START_TEST(test_override_replaces_entry)
{
	char path[] = "/tmp/ng-gaz-XXXXXX";
	ng_doc *doc;
	fx_temp_file(path, "JPN\tCountry\tNippon\tJapan\t\n");
	ck_assert_int_eq(ng_knowledge_add_gazetteer(fx_kb, path), NG_OK);
	ck_assert_int_eq(ng_knowledge_prepare(fx_kb), NG_OK);
	doc = fx_doc("Japan joined the OECD.");
	ck_assert_int_eq(fx_class(doc, "Nippon"), NG_CLASS_COUNTRY);
	ng_doc_free(doc);
	unlink(path);
}
END_TEST

START_TEST(test_bad_office_is_an_error)
{
	char path[] = "/tmp/ng-gaz-XXXXXX";
	ng_knowledge *kb = ng_knowledge_new();
	fx_temp_file(path, "a-b\tPerson\tA B\t\toffice=Chief@Country:JPN@2025-13..\n");
	ck_assert_int_eq(ng_knowledge_add_gazetteer(kb, path), NG_ERR_SYNTAX);
	ng_knowledge_free(kb);
	unlink(path);
}
END_TEST

static Suite *
gazetteer_suite(void)
{
	Suite *s = suite_create("gazetteer");
	TCase *core = tcase_create("core");
	TCase *errors = tcase_create("errors");

	tcase_add_checked_fixture(core, fx_setup, fx_teardown);
	tcase_add_test(core, test_shipped_data_sizes);
	tcase_add_test(core, test_references_resolve);
	tcase_add_test(core, test_override_replaces_entry);
	tcase_add_test(errors, test_bad_office_is_an_error);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}

NG_CHECK_MAIN(gazetteer_suite)
