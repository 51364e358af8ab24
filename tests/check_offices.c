/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for offices.c: roles from titles, leaderOf and affiliatedWith
 * by the gazetteer's dated offices, appositions, and the holder of an
 * office at the article's date. */
#include "check_util.h"
#include "fixture.h"

START_TEST(test_person_from_title_with_demonym)
{
	ng_doc *doc = fx_doc("Valdoran Foreign Minister Amina Wanjiru arrived in Lindgrad on Friday.");
	ck_assert_int_eq(fx_class(doc, "Amina Wanjiru"), NG_CLASS_PERSON);
	ck_assert(fx_has(doc, "Amina Wanjiru", "affiliatedWith", "Valdora", NG_MOD_ASSERTED));
	ck_assert(fx_has(doc, "Amina Wanjiru", "role", "Foreign Minister", NG_MOD_ASSERTED));
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_leader_title_gives_leader_of)
{
	ng_doc *doc = fx_doc("CORSA Secretary General Tomas Ferreira opened the forum.");
	ck_assert(fx_has(doc, "Tomas Ferreira", "leaderOf", "CORSA", NG_MOD_ASSERTED) ||
	          fx_has(doc, "Tomas Ferreira", "leaderOf", "Coral Sea Association", NG_MOD_ASSERTED));
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_former_title_gives_no_office_fact)
{
	ng_doc *doc;
	/* The gazetteer says the office is held; the article says "former". */
	fx_add_gazetteer("lars-holm\tPerson\tLars Holm\t\toffice=Prime Minister@Country:NRV@2020..\n");
	doc = fx_doc("Former Prime Minister Lars Holm visited Castelmar. "
	             "Valdora's new Foreign Minister Rosa Vidal met him.");
	ck_assert(!fx_any(doc, "Lars Holm", "leaderOf", "Norvania"));
	ck_assert(fx_has(doc, "Rosa Vidal", "affiliatedWith", "Valdora", NG_MOD_ASSERTED));
	ng_doc_free(doc);
	doc = fx_doc("May 4, 2023\nPrime Minister Lars Holm visited Castelmar.");
	ck_assert(fx_has(doc, "Lars Holm", "leaderOf", "Norvania", NG_MOD_ASSERTED));
	ng_doc_free(doc);
	/* Without an article date no dated office is known to hold: an old
	 * article must not get today's holder. */
	doc = fx_doc("Prime Minister Lars Holm visited Castelmar.");
	ck_assert(!fx_any(doc, "Lars Holm", "leaderOf", "Norvania"));
	ck_assert(!ng_doc_date(doc));
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_apposition_gives_affiliation)
{
	ng_doc *doc = fx_doc("The plan is risky, said Maria Lopez, a senior lecturer at Northfield State University.");
	ck_assert_int_eq(fx_class(doc, "Maria Lopez"), NG_CLASS_PERSON);
	ck_assert_int_eq(fx_class(doc, "Northfield State University"), NG_CLASS_ORGANIZATION);
	ck_assert(fx_has(doc, "Maria Lopez", "affiliatedWith", "Northfield State University",
	                 NG_MOD_ASSERTED));
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_office_holds_only_in_its_period)
{
	/* The gazetteer gives Falk's term as prime minister as 2021-2024. */
	ng_doc *doc = fx_doc("March 3, 2022\nPrime Minister Idris Falk spoke in Tormund.\n");
	ck_assert(fx_has(doc, "Idris Falk", "leaderOf", "Norvania", NG_MOD_ASSERTED));
	ng_doc_free(doc);
	doc = fx_doc("March 3, 2025\nPrime Minister Idris Falk spoke in Tormund.\n");
	ck_assert(!fx_any(doc, "Idris Falk", "leaderOf", "Norvania"));
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_role_description_uses_gazetteer_holder_at_date)
{
	FX_HAS("June 1, 2015\nThe NORDA chief visited Lindgrad.\n", "Marta Lind", "visited", "Lindgrad",
	       NG_MOD_ASSERTED);
}
END_TEST

/* A title looks for its modifier in its own sentence: a headline that
 * ends in a capital, then "Prime Minister X said" on the next line. */
START_TEST(test_title_modifier_not_across_sentence_start)
{
	ng_doc *doc = fx_doc("May 4, 2023\nTalks resume in Castelmar\n"
	                     "Prime Minister Vera Lind said the talks went well.\n");
	ck_assert(!fx_any(doc, "Vera Lind", "leaderOf", "Norvania"));
	ng_doc_free(doc);
}
END_TEST

/* An apposition's title "of" a country gives the fact for that country,
 * and so does "TITLE NAME of COUNTRY" for a name no list holds. */
START_TEST(test_apposition_of_a_country)
{
	FX_HAS("President Tavo Kellander of Norvania spoke first.", "Tavo Kellander", "leaderOf",
	       "Norvania", NG_MOD_ASSERTED);
	/* A list under one title, each with a country. */
	FX_HAS("She sat between Presidents Tavo Kellander of Norvania, Lucien Marchetti of Gallander "
	       "and Konrad Wessel of Ostmark.", "Lucien Marchetti", "leaderOf", "Gallander",
	       NG_MOD_ASSERTED);
	FX_HAS("She sat between Presidents Tavo Kellander of Norvania, Lucien Marchetti of Gallander "
	       "and Konrad Wessel of Ostmark.", "Konrad Wessel", "leaderOf", "Ostmark", NG_MOD_ASSERTED);
	FX_HAS("Tavo Kellander, prime minister of Norvania, said the port would open.", "Tavo Kellander",
	       "leaderOf", "Norvania", NG_MOD_ASSERTED);
}
END_TEST

static Suite *
offices_suite(void)
{
	Suite *s = suite_create("offices");
	TCase *core = tcase_create("core");

	tcase_add_checked_fixture(core, fx_setup, fx_teardown);
	tcase_add_test(core, test_person_from_title_with_demonym);
	tcase_add_test(core, test_apposition_of_a_country);
	tcase_add_test(core, test_title_modifier_not_across_sentence_start);
	tcase_add_test(core, test_leader_title_gives_leader_of);
	tcase_add_test(core, test_former_title_gives_no_office_fact);
	tcase_add_test(core, test_apposition_gives_affiliation);
	tcase_add_test(core, test_office_holds_only_in_its_period);
	tcase_add_test(core, test_role_description_uses_gazetteer_holder_at_date);
	suite_add_tcase(s, core);
	return s;
}

NG_CHECK_MAIN(offices_suite)
