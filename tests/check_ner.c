/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for ner.c: gazetteer matching and its case rules, names found
 * by rule, and what is never a name. Sentences name the invented entities
 * of tests/data. */
#include "check_util.h"
#include "fixture.h"

START_TEST(test_country_alias_and_possessive)
{
	ng_doc *doc = fx_doc("Norvania's chancellor flew to Lindgrad.");
	ck_assert_int_eq(fx_class(doc, "Norvania"), NG_CLASS_COUNTRY);
	ck_assert_int_eq(fx_class(doc, "Lindgrad"), NG_CLASS_PLACE);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_acronym_titlecase_matches_but_lowercase_not)
{
	ng_doc *doc = fx_doc("Norda leaders met. Some of us stayed home.");
	ck_assert_int_eq(fx_class(doc, "NORDA"), NG_CLASS_ORGANIZATION);
	ck_assert_int_eq(fx_class(doc, "United Sovereignties"), -1);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_common_word_country_needs_exact_case)
{
	ng_doc *doc = fx_doc("They sold amber and chatted.");
	ck_assert_uint_eq(ng_doc_entity_count(doc), 0);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_accents_optional)
{
	ng_doc *doc = fx_doc("Officials in Surland and Portoval agreed.");
	ck_assert_int_eq(fx_class(doc, "S\xC3\xBCrland"), NG_CLASS_COUNTRY);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_ship_and_lone_given_name_are_not_persons)
{
	ng_doc *doc = fx_doc("The carrier HMS Queen Maren sailed. Gen said nothing.");
	ck_assert_int_eq(fx_class(doc, "Queen Maren"), -1);
	ck_assert_int_eq(fx_class(doc, "Gen"), -1);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_boilerplate_yields_no_entities)
{
	ng_doc *doc = fx_doc("Related Stories\nNorvania and Valdora signed.\n");
	ck_assert_uint_eq(ng_doc_entity_count(doc), 0);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_ship_name_holds_no_place)
{
	ng_doc *doc = fx_doc("The carrier HMS Prince of Ardenne sailed to Zelonia.");
	ck_assert_int_eq(fx_class(doc, "Ardenne"), -1);
	ck_assert_int_eq(fx_class(doc, "Zelonia"), NG_CLASS_COUNTRY);
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
	ng_doc *doc = fx_doc("Officials met Zentrix Labor in Castelmar. Then Zentrix Labor left.");
	ck_assert_uint_ge(ng_doc_unknown_names(doc, count_name, &n), 2);
	ck_assert_int_eq(n, 2);
	ng_doc_free(doc);
}
END_TEST

/* A given name and a surname are a person on a cue: a verb people do
 * after it, or a word such as "by" before it; without one, nothing. */
START_TEST(test_given_name_with_cue_is_a_person)
{
	ng_doc *doc = fx_doc("Ana Ruiz hosted Tom Berg at tea.\nBy Paula Wolfson\n"
	                     "The prize went to Carl Olsen. Jordan Vale said no.");
	ck_assert_int_eq(fx_class(doc, "Ana Ruiz"), NG_CLASS_PERSON);
	ck_assert_int_eq(fx_class(doc, "Tom Berg"), NG_CLASS_PERSON);
	ck_assert_int_eq(fx_class(doc, "Paula Wolfson"), NG_CLASS_PERSON);
	ck_assert_int_eq(fx_class(doc, "Jordan Vale"), NG_CLASS_PERSON);
	ck_assert_int_eq(fx_class(doc, "Carl Olsen"), -1);
	ng_doc_free(doc);
	/* A capitalized word after the name: it goes on, and is no person. */
	doc = fx_doc("Tom Berg Industries said profits rose.");
	ck_assert_int_eq(fx_class(doc, "Tom Berg"), -1);
	ng_doc_free(doc);
}
END_TEST

/* A middle initial ends neither the sentence nor the name. */
START_TEST(test_middle_initial_keeps_the_name_whole)
{
	ng_doc *doc = fx_doc("Jane Q. Public said the plan works.");
	ck_assert_int_eq(fx_class(doc, "Jane Q. Public"), NG_CLASS_PERSON);
	ck_assert_uint_eq(ng_doc_sentence_count(doc), 1);
	ng_doc_free(doc);
}
END_TEST

/* A one-word name inside a longer capitalized name is not linked; in
 * prose it is. */
START_TEST(test_name_inside_longer_name_is_not_linked)
{
	ng_doc *doc = fx_doc("She dined at Castelmar House before the Royal Norvania Club met.");
	ck_assert_int_eq(fx_class(doc, "Castelmar"), -1);
	ck_assert_int_eq(fx_class(doc, "Norvania"), -1);
	ng_doc_free(doc);
	doc = fx_doc("She flew to Castelmar, the capital of Norvania.");
	ck_assert_int_eq(fx_class(doc, "Castelmar"), NG_CLASS_PLACE);
	ck_assert_int_eq(fx_class(doc, "Norvania"), NG_CLASS_COUNTRY);
	ng_doc_free(doc);
}
END_TEST

/* An entry with needcue=1 matches only with a cue. */
START_TEST(test_needcue_entry_needs_a_cue)
{
	ng_doc *doc;
	fx_add_gazetteer("reading-x\tPlace\tReading\t\tkind=city;country=NRV;needcue=1\n");
	doc = fx_doc("Reading the report, she said little.");
	ck_assert_int_eq(fx_class(doc, "Reading"), -1);
	ng_doc_free(doc);
	doc = fx_doc("She lives in Reading now.");
	ck_assert_int_eq(fx_class(doc, "Reading"), NG_CLASS_PLACE);
	ng_doc_free(doc);
}
END_TEST

/* A title-case headline mints no organization; time words never join
 * an organization's name. */
START_TEST(test_headline_and_time_words_make_no_organization)
{
	ng_doc *doc = fx_doc("Allies Boost Naval Command\n"
	                     "The Tormund Fisheries Institute on Friday said stocks rose.\n");
	ck_assert_int_eq(fx_class(doc, "Allies Boost Naval Command"), -1);
	ck_assert_int_eq(fx_class(doc, "Boost Naval Command"), -1);
	ck_assert_int_eq(fx_class(doc, "Tormund Fisheries Institute"), NG_CLASS_ORGANIZATION);
	ck_assert_int_eq(fx_class(doc, "Tormund Fisheries Institute on Friday"), -1);
	ng_doc_free(doc);
}
END_TEST

/* A title before the name is not the name, and a possessive after the
 * appositive title starts the next clause ("..., the president's car"). */
START_TEST(test_title_and_possessive_bound_the_apposition)
{
	ng_doc *doc = fx_doc("She flew with Secretary of State Ana Lindqvist, the president's "
	                     "car waiting.");
	ck_assert_int_eq(fx_class(doc, "State Ana Lindqvist"), -1);
	ck_assert_int_eq(fx_class(doc, "Ana Lindqvist"), NG_CLASS_PERSON);
	ng_doc_free(doc);
	doc = fx_doc("They met Secretary of State Ana Lindqvist, the foreign minister, at noon.");
	ck_assert_int_eq(fx_class(doc, "State Ana Lindqvist"), -1);
	ck_assert_int_eq(fx_class(doc, "Ana Lindqvist"), NG_CLASS_PERSON);
	ng_doc_free(doc);
}
END_TEST

/* An organization's name stops at a title on its left, at "and" before a
 * title on its right, and is not guessed when a capitalized word goes on
 * after its head word; a person's name after a title holds no head word. */
START_TEST(test_organization_boundaries)
{
	ng_doc *doc = fx_doc("Norda Spokesperson Velmar Air Force Brig. Gen. Tomas Ek spoke.");
	ck_assert_int_eq(fx_class(doc, "Norda Spokesperson Velmar Air Force"), -1);
	ck_assert_int_eq(fx_class(doc, "Velmar Air Force Brig"), -1);
	ng_doc_free(doc);
	doc = fx_doc("The visitors boarded Velmar Air Force One in the rain.");
	ck_assert_int_eq(fx_class(doc, "Velmar Air Force"), -1);
	ng_doc_free(doc);
	doc = fx_doc("He hosted the Director of the Tormund Fisheries Commission and Foreign "
	             "Minister Ana Lindqvist today.");
	ck_assert_int_eq(fx_class(doc, "Tormund Fisheries Commission"), NG_CLASS_ORGANIZATION);
	ck_assert_int_eq(fx_class(doc, "Tormund Fisheries Commission and Foreign Minister Ana Lindqvist"),
	                 -1);
	ck_assert_int_eq(fx_class(doc, "Ana Lindqvist"), NG_CLASS_PERSON);
	ng_doc_free(doc);
}
END_TEST

/* A name that holds a possessive matches whole, before a shorter name
 * inside it. */
START_TEST(test_possessive_inside_a_name)
{
	ng_doc *doc;

	fx_add_gazetteer("PRN\tCountry\tNorvania Popular\tPeople's Republic of Norvania\t\n"
	                 "ROV\tCountry\tRepublic of Norvania\t\t\n");
	doc = fx_doc("Envoys of the People\xE2\x80\x99s Republic of Norvania arrived.");
	ck_assert_int_eq(fx_class(doc, "Norvania Popular"), NG_CLASS_COUNTRY);
	ck_assert_int_eq(fx_class(doc, "Republic of Norvania"), -1);
	ng_doc_free(doc);
}
END_TEST

/* Titles in a row are one title, not a title and a name. */
START_TEST(test_titles_in_a_row_are_one)
{
	ng_doc *doc = fx_doc("Norda Chief Spokesperson Tomas Ek Lindqvist provided the readout.");
	ck_assert_int_eq(fx_class(doc, "Spokesperson Tomas Ek Lindqvist"), -1);
	ck_assert_int_eq(fx_class(doc, "Tomas Ek Lindqvist"), NG_CLASS_PERSON);
	ng_doc_free(doc);
}
END_TEST

/* A title's portfolio ("of National Defense", "of Commerce of Norvania")
 * comes before the name; hyphenated given names keep a lower-case part; a
 * generational suffix ends the name. */
START_TEST(test_portfolio_hyphen_and_suffix)
{
	ng_doc *doc = fx_doc("They met Minister of National Defense Song Young-moo in Castelmar.");
	ck_assert_int_eq(fx_class(doc, "Song Young-moo"), NG_CLASS_PERSON);
	ng_doc_free(doc);
	doc = fx_doc("They met Minister of Commerce of Norvania Tavo Kellander today.");
	ck_assert_int_eq(fx_class(doc, "Tavo Kellander"), NG_CLASS_PERSON);
	ng_doc_free(doc);
	doc = fx_doc("She called Minister of Economy, Trade, and Industry of Norvania Tavo Kellander.");
	ck_assert_int_eq(fx_class(doc, "Tavo Kellander"), NG_CLASS_PERSON);
	ng_doc_free(doc);
	doc = fx_doc("The Minister of Homeland Security spoke first.");
	ck_assert_int_eq(fx_class(doc, "Homeland Security"), -1);
	ng_doc_free(doc);
	doc = fx_doc("Acting Chief Norda Spokesperson Tomas E. Lindqvist Jr. gave the readout.");
	ck_assert_int_eq(fx_class(doc, "Tomas E. Lindqvist Jr."), NG_CLASS_PERSON);
	ck_assert_int_eq(fx_class(doc, "Norda Spokesperson Tomas E. Lindqvist"), -1);
	ng_doc_free(doc);
}
END_TEST

/* An organization's name ends before a title (with its "acting") or a
 * person's name; a place that needs a cue does not get one from a comma
 * and a lower-case word. */
START_TEST(test_organization_ends_at_title_or_person)
{
	ng_doc *doc = fx_doc("He met the Office of Fisheries Policy Acting Chief Ana Lindqvist today.");
	ck_assert_int_eq(fx_class(doc, "Office of Fisheries Policy"), NG_CLASS_ORGANIZATION);
	ck_assert_int_eq(fx_class(doc, "Office of Fisheries Policy Acting Chief"), -1);
	ng_doc_free(doc);
	doc = fx_doc("He met the Office of Fisheries Policy Ana Lindqvist today.");
	ck_assert_int_eq(fx_class(doc, "Office of Fisheries Policy Ana Lindqvist"), -1);
	ng_doc_free(doc);
	fx_add_gazetteer("federal-x\tPlace\tFederal\t\tkind=city;country=NRV;needcue=1\n");
	doc = fx_doc("The mayor joined Federal, state and local officials.");
	ck_assert_int_eq(fx_class(doc, "Federal"), -1);
	ng_doc_free(doc);
}
END_TEST

/* A lower-case title word after a name does not stop it ("... Ana
 * Lindqvist chair the talks"); a plural title names each of a list; a
 * region before a verb people do is someone's name. */
START_TEST(test_lower_case_title_plural_title_and_region_name)
{
	ng_doc *doc = fx_doc("Tavo Kellander and Norvanian Foreign Minister Ana Lindqvist chair the talks.");
	ck_assert_int_eq(fx_class(doc, "Ana Lindqvist"), NG_CLASS_PERSON);
	ng_doc_free(doc);
	doc = fx_doc("They sat beside Presidents Tomas Ek of Norvania and others.");
	ck_assert_int_eq(fx_class(doc, "Tomas Ek"), NG_CLASS_PERSON);
	ng_doc_free(doc);
	fx_add_gazetteer("kellan-r\tPlace\tKellan\t\tkind=region;country=NRV\n");
	doc = fx_doc("Kellan said the talks would go on.");
	ck_assert_int_eq(fx_class(doc, "Kellan"), -1);
	ng_doc_free(doc);
	doc = fx_doc("Floods hit Kellan on Monday.");
	ck_assert_int_eq(fx_class(doc, "Kellan"), NG_CLASS_PLACE);
	ng_doc_free(doc);
}
END_TEST

/* A name that holds a comma matches whole. */
START_TEST(test_comma_inside_a_name)
{
	ng_doc *doc;

	fx_add_gazetteer("nrv-mfsi\tOrganization\tMinistry of Fisheries, Salt and Ice\t\tkind=ministry\n");
	doc = fx_doc("The Ministry of Fisheries, Salt and Ice said catches rose.");
	ck_assert_int_eq(fx_class(doc, "Ministry of Fisheries, Salt and Ice"), NG_CLASS_ORGANIZATION);
	ng_doc_free(doc);
}
END_TEST

/* A demonym after a language cue and before no noun is a language. */
START_TEST(test_demonym_as_language_names_no_country)
{
	ng_doc *doc = fx_doc("The statement was translated into Norvanian, officials said.");
	ck_assert_int_eq(fx_class(doc, "Norvania"), -1);
	ng_doc_free(doc);
	doc = fx_doc("She speaks Norvanian and little else.");
	ck_assert_int_eq(fx_class(doc, "Norvania"), -1);
	ng_doc_free(doc);
	doc = fx_doc("Protests spread in Norvanian cities.");
	ck_assert_int_eq(fx_class(doc, "Norvania"), NG_CLASS_COUNTRY);
	ng_doc_free(doc);
}
END_TEST

static Suite *
ner_suite(void)
{
	Suite *s = suite_create("ner");
	TCase *core = tcase_create("core");

	tcase_add_checked_fixture(core, fx_setup, fx_teardown);
	tcase_add_test(core, test_country_alias_and_possessive);
	tcase_add_test(core, test_given_name_with_cue_is_a_person);
	tcase_add_test(core, test_middle_initial_keeps_the_name_whole);
	tcase_add_test(core, test_name_inside_longer_name_is_not_linked);
	tcase_add_test(core, test_needcue_entry_needs_a_cue);
	tcase_add_test(core, test_headline_and_time_words_make_no_organization);
	tcase_add_test(core, test_title_and_possessive_bound_the_apposition);
	tcase_add_test(core, test_organization_boundaries);
	tcase_add_test(core, test_possessive_inside_a_name);
	tcase_add_test(core, test_demonym_as_language_names_no_country);
	tcase_add_test(core, test_titles_in_a_row_are_one);
	tcase_add_test(core, test_portfolio_hyphen_and_suffix);
	tcase_add_test(core, test_organization_ends_at_title_or_person);
	tcase_add_test(core, test_lower_case_title_plural_title_and_region_name);
	tcase_add_test(core, test_comma_inside_a_name);
	tcase_add_test(core, test_acronym_titlecase_matches_but_lowercase_not);
	tcase_add_test(core, test_common_word_country_needs_exact_case);
	tcase_add_test(core, test_accents_optional);
	tcase_add_test(core, test_ship_and_lone_given_name_are_not_persons);
	tcase_add_test(core, test_boilerplate_yields_no_entities);
	tcase_add_test(core, test_ship_name_holds_no_place);
	tcase_add_test(core, test_unknown_names_are_reported);
	suite_add_tcase(s, core);
	return s;
}

NG_CHECK_MAIN(ner_suite)
