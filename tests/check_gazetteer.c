/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for gazetteer.c: the entries of tests/data, their references,
 * alias markers, user files that add or override entries, bad lines. */
#include "check_util.h"
#include "fixture.h"

START_TEST(test_test_data_sizes)
{
	size_t i, n[NG_CLASS_COUNT] = {0};
	for (i = 0; i < fx_kb->gaz.n_entries; i++)
		if (!fx_kb->gaz.entries[i].dead)
			n[fx_kb->gaz.entries[i].cls]++;
	ck_assert_uint_eq(n[NG_CLASS_COUNTRY], 31);
	ck_assert_uint_eq(n[NG_CLASS_ORGANIZATION], 11);
	ck_assert_uint_eq(n[NG_CLASS_PERSON], 5);
	ck_assert_uint_eq(n[NG_CLASS_PLACE], 19);
}
END_TEST

START_TEST(test_references_resolve)
{
	int32_t nrv = ng_gazetteer_find(&fx_kb->gaz, "Country:NRV", 11);
	int32_t castelmar = ng_gazetteer_find(&fx_kb->gaz, "Place:castelmar", 15);
	ck_assert_int_ge(nrv, 0);
	ck_assert_int_ge(castelmar, 0);
	ck_assert_int_eq(fx_kb->gaz.entries[nrv].capital, castelmar);
	ck_assert_int_eq(fx_kb->gaz.entries[castelmar].country, nrv);
}
END_TEST

START_TEST(test_override_replaces_entry)
{
	ng_doc *doc;
	fx_add_gazetteer("NRV\tCountry\tNorvaland\tNorvania\t\n");
	doc = fx_doc("Norvania joined the CEC.");
	ck_assert_int_eq(fx_class(doc, "Norvaland"), NG_CLASS_COUNTRY);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_user_gazetteer_adds_entry)
{
	ng_doc *doc;
	fx_add_gazetteer("zorbia\tCountry\tZorbia\t~Zorbian\t\n");
	doc = fx_doc("Zorbian officials visited Valdora.");
	ck_assert_int_eq(fx_class(doc, "Zorbia"), NG_CLASS_COUNTRY);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_accent_strict_alias)
{
	ng_doc *doc;
	/* "Sélvan" only with its accent; a plain place matches either way. */
	fx_add_gazetteer("selvan-port\tPlace\tS\xC3\xA9lvan Port\t!S\xC3\xA9lvan\t\n"
	                 "zeta\tPlace\tZ\xC3\xA9ta\t\t\n");
	doc = fx_doc("Ships left S\xC3\xA9lvan. Others left Selvan. Then Zeta.");
	ck_assert_int_eq(fx_class(doc, "S\xC3\xA9lvan Port"), NG_CLASS_PLACE);
	ck_assert_uint_eq(doc->ents[0].n_alts, 1);
	ck_assert_int_eq(fx_class(doc, "Z\xC3\xA9ta"), NG_CLASS_PLACE);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_link_identifiers)
{
	int32_t i;

	fx_add_gazetteer("velmar\tPlace\tVelmar\t\tgeonames=2643743;wikidata=Q84\n");
	i = ng_gazetteer_find(&fx_kb->gaz, "Place:velmar", 12);
	ck_assert_int_ge(i, 0);
	ck_assert_uint_eq(fx_kb->gaz.entries[i].geonames, 2643743);
	ck_assert_uint_eq(fx_kb->gaz.entries[i].wikidata, 84);
	i = ng_gazetteer_find(&fx_kb->gaz, "Country:NRV", 11);
	ck_assert_uint_eq(fx_kb->gaz.entries[i].geonames, 0);
	ck_assert_uint_eq(fx_kb->gaz.entries[i].wikidata, 0);
}
END_TEST

/* Lines the loader refuses, each with the status it reports. */
START_TEST(test_bad_gazetteer_lines_are_errors)
{
	static const char *const lines[] = {
		"x\tPlanet\tMars\t\t\n",
		"a-b\tPerson\tA B\t\toffice=Chief@Country:NRV@2025-13..\n",
		"c\tPlace\tC\t\tgeonames=12a\n",
		"c\tPlace\tC\t\tgeonames=0\n",
		"c\tPlace\tC\t\tgeonames=4294967296\n",
		"c\tPlace\tC\t\twikidata=42\n",
		"c\tPlace\tC\t\twikidata=Q\n",
		"c\tPlace\tC\t\twikidata=\n",
		"tchia`ni\tCountry\tC\t\t\n",
		"a b\tPlace\tC\t\t\n",
		"caf\xC3\xA9\tPlace\tC\t\t\n",
	};
	size_t i;

	for (i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		ck_assert_int_eq(fx_load_text(ng_knowledge_add_gazetteer, lines[i]), NG_ERR_SYNTAX);
}
END_TEST

static Suite *
gazetteer_suite(void)
{
	Suite *s = suite_create("gazetteer");
	TCase *core = tcase_create("core");
	TCase *errors = tcase_create("errors");

	tcase_add_checked_fixture(core, fx_setup, fx_teardown);
	tcase_add_test(core, test_test_data_sizes);
	tcase_add_test(core, test_references_resolve);
	tcase_add_test(core, test_override_replaces_entry);
	tcase_add_test(core, test_user_gazetteer_adds_entry);
	tcase_add_test(core, test_accent_strict_alias);
	tcase_add_test(core, test_link_identifiers);
	tcase_add_test(errors, test_bad_gazetteer_lines_are_errors);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}

NG_CHECK_MAIN(gazetteer_suite)
