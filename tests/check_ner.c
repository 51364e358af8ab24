/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for gazetteer.c and ner.c: matching, case rules, rules for
 * unknown names, coreference. Sentences are about other events than the
 * samples on purpose. */
#include "check_util.h"
#include "fixture.h"

START_TEST(test_country_alias_and_possessive)
{
	ng_doc *doc = fx_doc("Germany's chancellor flew to Warsaw.");
	ck_assert_int_eq(fx_class(doc, "Germany"), NG_CLASS_COUNTRY);
	ck_assert_int_eq(fx_class(doc, "Warsaw"), NG_CLASS_PLACE);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_acronym_titlecase_matches_but_lowercase_not)
{
	ng_doc *doc = fx_doc("Nato leaders met. Some of us stayed home.");
	ck_assert_int_eq(fx_class(doc, "NATO"), NG_CLASS_ORGANIZATION);
	ck_assert_int_eq(fx_class(doc, "United States"), -1);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_common_word_country_needs_exact_case)
{
	ng_doc *doc = fx_doc("They ate turkey and chatted.");
	ck_assert_uint_eq(ng_doc_entity_count(doc), 0);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_accents_optional)
{
	ng_doc *doc = fx_doc("Officials in Turkiye and Bogota agreed.");
	ck_assert_int_eq(fx_class(doc, "T\xC3\xBCrkiye"), NG_CLASS_COUNTRY);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_person_from_title_with_demonym)
{
	ng_doc *doc = fx_doc("Kenyan Foreign Minister Amina Wanjiru arrived in Lagos on Friday.");
	ck_assert_int_eq(fx_class(doc, "Amina Wanjiru"), NG_CLASS_PERSON);
	ck_assert(fx_has(doc, "Amina Wanjiru", "affiliatedWith", "Kenya", NG_MOD_ASSERTED));
	ck_assert(fx_has(doc, "Amina Wanjiru", "role", "Foreign Minister", NG_MOD_ASSERTED));
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_leader_title_gives_leader_of)
{
	ng_doc *doc = fx_doc("ASEAN Secretary General Tomas Ferreira opened the forum.");
	ck_assert(fx_has(doc, "Tomas Ferreira", "leaderOf", "ASEAN", NG_MOD_ASSERTED) ||
	          fx_has(doc, "Tomas Ferreira", "leaderOf", "Association of Southeast Asian Nations",
	                 NG_MOD_ASSERTED));
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_former_title_gives_no_office_fact)
{
	char path[] = "/tmp/ng-gaz-XXXXXX";
	ng_doc *doc;
	/* The gazetteer says the office is held; the article says "former". */
	fx_temp_file(path, "lars-holm\tPerson\tLars Holm\t\toffice=Prime Minister@Country:NOR@2020..\n");
	ck_assert_int_eq(ng_knowledge_add_gazetteer(fx_kb, path), NG_OK);
	ck_assert_int_eq(ng_knowledge_prepare(fx_kb), NG_OK);
	doc = fx_doc("Former Prime Minister Lars Holm visited Oslo. "
	             "Chile's new Foreign Minister Rosa Vidal met him.");
	ck_assert(!fx_any(doc, "Lars Holm", "leaderOf", "Norway"));
	ck_assert(fx_has(doc, "Rosa Vidal", "affiliatedWith", "Chile", NG_MOD_ASSERTED));
	ng_doc_free(doc);
	doc = fx_doc("Prime Minister Lars Holm visited Oslo.");
	ck_assert(fx_has(doc, "Lars Holm", "leaderOf", "Norway", NG_MOD_ASSERTED));
	ng_doc_free(doc);
	unlink(path);
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

START_TEST(test_surname_and_pronoun_coreference)
{
	ng_doc *doc = fx_doc("Chilean President Rosa Medina visited Peru. Medina then flew to Bolivia. "
	                     "She later visited Ecuador.");
	ck_assert(fx_has(doc, "Rosa Medina", "visited", "Peru", NG_MOD_ASSERTED));
	ck_assert(fx_has(doc, "Rosa Medina", "visited", "Bolivia", NG_MOD_ASSERTED));
	ck_assert(fx_has(doc, "Rosa Medina", "visited", "Ecuador", NG_MOD_ASSERTED));
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_role_description_refers_to_holder)
{
	ng_doc *doc = fx_doc("OPEC Secretary General Omar Haddad spoke in Vienna. "
	                     "The OPEC chief later visited Nigeria.");
	ck_assert(fx_has(doc, "Omar Haddad", "visited", "Nigeria", NG_MOD_ASSERTED));
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_nominal_refers_to_last_organization_of_its_kind)
{
	ng_doc *doc = fx_doc("Leaders of ASEAN met in Jakarta. Timor-Leste wants to join the bloc soon. "
	                     "The Brussels-based alliance was not named here.");
	ck_assert(fx_has(doc, "Timor-Leste", "interestedIn", "ASEAN", NG_MOD_ASSERTED));
	/* No alliance was named, so "the alliance" refers to nothing. */
	ck_assert(!fx_any(doc, "ASEAN", "basedIn", "Brussels"));
	ng_doc_free(doc);
	doc = fx_doc("NATO foreign ministers met. The Brussels-based alliance expanded.");
	ck_assert(fx_has(doc, "NATO", "basedIn", "Brussels", NG_MOD_ASSERTED));
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_acronym_defined_in_parentheses)
{
	ng_doc *doc = fx_doc("The Coastal Relief Agency (CRA) opened. Later, the CRA moved.");
	ck_assert_int_eq(fx_class(doc, "Coastal Relief Agency"), NG_CLASS_ORGANIZATION);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_ship_and_lone_given_name_are_not_persons)
{
	ng_doc *doc = fx_doc("The carrier HMS Queen Elizabeth sailed. Gen said nothing.");
	ck_assert_int_eq(fx_class(doc, "Queen Elizabeth"), -1);
	ck_assert_int_eq(fx_class(doc, "Gen"), -1);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_boilerplate_yields_no_entities)
{
	ng_doc *doc = fx_doc("Related Stories\nFrance and Spain signed.\n");
	ck_assert_uint_eq(ng_doc_entity_count(doc), 0);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_user_gazetteer_adds_entry)
{
	char path[] = "/tmp/ng-gaz-XXXXXX";
	ng_doc *doc;
	fx_temp_file(path, "zorbia\tCountry\tZorbia\t~Zorbian\t\n");
	ck_assert_int_eq(ng_knowledge_add_gazetteer(fx_kb, path), NG_OK);
	ck_assert_int_eq(ng_knowledge_prepare(fx_kb), NG_OK);
	doc = fx_doc("Zorbian officials visited Chile.");
	ck_assert_int_eq(fx_class(doc, "Zorbia"), NG_CLASS_COUNTRY);
	ng_doc_free(doc);
	unlink(path);
}
END_TEST

START_TEST(test_accent_strict_alias)
{
	char path[] = "/tmp/ng-gaz-XXXXXX";
	ng_doc *doc;
	/* "Málaga" only with its accent; a plain place matches either way. */
	fx_temp_file(path, "malaga-x\tPlace\tM\xC3\xA1laga Port\t!M\xC3\xA1laga\t\n"
	             "zeta\tPlace\tZ\xC3\xA9ta\t\t\n");
	ck_assert_int_eq(ng_knowledge_add_gazetteer(fx_kb, path), NG_OK);
	ck_assert_int_eq(ng_knowledge_prepare(fx_kb), NG_OK);
	doc = fx_doc("Ships left M\xC3\xA1laga. Others left Malaga. Then Zeta.");
	ck_assert_int_eq(fx_class(doc, "M\xC3\xA1laga Port"), NG_CLASS_PLACE);
	ck_assert_uint_eq(doc->ents[0].n_alts, 1);
	ck_assert_int_eq(fx_class(doc, "Z\xC3\xA9ta"), NG_CLASS_PLACE);
	ng_doc_free(doc);
	unlink(path);
}
END_TEST

START_TEST(test_bad_gazetteer_line_is_an_error)
{
	char path[] = "/tmp/ng-gaz-XXXXXX";
	ng_knowledge *kb = ng_knowledge_new();
	fx_temp_file(path, "x\tPlanet\tMars\t\t\n");
	ck_assert_int_eq(ng_knowledge_add_gazetteer(kb, path), NG_ERR_SYNTAX);
	ng_knowledge_free(kb);
	unlink(path);
}
END_TEST


START_TEST(test_office_holds_only_in_its_period)
{
	/* The gazetteer gives Kishida's term as prime minister as 2021-2024. */
	ng_doc *doc = fx_doc("March 3, 2022\nPrime Minister Fumio Kishida spoke in Osaka.\n");
	ck_assert(fx_has(doc, "Fumio Kishida", "leaderOf", "Japan", NG_MOD_ASSERTED));
	ng_doc_free(doc);
	doc = fx_doc("March 3, 2025\nPrime Minister Fumio Kishida spoke in Osaka.\n");
	ck_assert(!fx_any(doc, "Fumio Kishida", "leaderOf", "Japan"));
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_role_description_uses_gazetteer_holder_at_date)
{
	ng_doc *doc = fx_doc("June 1, 2015\nThe NATO chief visited Kyiv.\n");
	ck_assert(fx_has(doc, "Jens Stoltenberg", "visited", "Kyiv", NG_MOD_ASSERTED));
	ng_doc_free(doc);
}
END_TEST

static void
count_name(void *handle, const char *name, size_t len)
{
	int *n = handle;
	if (len == 13 && !memcmp(name, "Zentrix Labor", 13))
		(*n)++;
}

START_TEST(test_unknown_names_are_reported)
{
	int n = 0;
	ng_doc *doc = fx_doc("Officials met Zentrix Labor in Oslo. Then Zentrix Labor left.");
	ck_assert_uint_ge(ng_doc_unknown_names(doc, count_name, &n), 2);
	ck_assert_int_eq(n, 2);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_ship_name_holds_no_place)
{
	ng_doc *doc = fx_doc("The carrier HMS Prince of Wales sailed to Singapore.");
	ck_assert_int_eq(fx_class(doc, "Wales"), -1);
	ck_assert_int_eq(fx_class(doc, "Singapore"), NG_CLASS_COUNTRY);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_surname_of_name_unknown_to_gazetteer)
{
	ng_doc *doc = fx_doc("Professor Ilse Brandtner-Kovac of Vienna University spoke. "
	                     "Brandtner-Kovac visited Prague.");
	ck_assert(fx_has(doc, "Ilse Brandtner-Kovac", "visited", "Prague", NG_MOD_ASSERTED));
	ng_doc_free(doc);
}
END_TEST

static Suite *
ner_suite(void)
{
	Suite *s = suite_create("ner");
	TCase *core = tcase_create("core");
	TCase *errors = tcase_create("errors");

	tcase_add_checked_fixture(core, fx_setup, fx_teardown);
	tcase_add_test(core, test_country_alias_and_possessive);
	tcase_add_test(core, test_acronym_titlecase_matches_but_lowercase_not);
	tcase_add_test(core, test_common_word_country_needs_exact_case);
	tcase_add_test(core, test_accents_optional);
	tcase_add_test(core, test_person_from_title_with_demonym);
	tcase_add_test(core, test_leader_title_gives_leader_of);
	tcase_add_test(core, test_former_title_gives_no_office_fact);
	tcase_add_test(core, test_apposition_gives_affiliation);
	tcase_add_test(core, test_surname_and_pronoun_coreference);
	tcase_add_test(core, test_role_description_refers_to_holder);
	tcase_add_test(core, test_nominal_refers_to_last_organization_of_its_kind);
	tcase_add_test(core, test_acronym_defined_in_parentheses);
	tcase_add_test(core, test_ship_and_lone_given_name_are_not_persons);
	tcase_add_test(core, test_boilerplate_yields_no_entities);
	tcase_add_test(core, test_user_gazetteer_adds_entry);
	tcase_add_test(core, test_accent_strict_alias);
	tcase_add_test(core, test_office_holds_only_in_its_period);
	tcase_add_test(core, test_role_description_uses_gazetteer_holder_at_date);
	tcase_add_test(core, test_unknown_names_are_reported);
	tcase_add_test(core, test_ship_name_holds_no_place);
	tcase_add_test(core, test_surname_of_name_unknown_to_gazetteer);
	tcase_add_test(errors, test_bad_gazetteer_line_is_an_error);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}

NG_CHECK_MAIN(ner_suite)
