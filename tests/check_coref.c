/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for coref.c: surnames, pronouns, acronyms the article defined,
 * nominals ("the alliance") and roles ("the OSEC chief"). */
#include "check_util.h"
#include "fixture.h"

START_TEST(test_surname_and_pronoun_coreference)
{
	ng_doc *doc = fx_doc("Valdoran President Rosa Medina visited Mirovia. Medina then flew to Belmoria. "
	                     "She later visited Estrel.");
	ck_assert(fx_has(doc, "Rosa Medina", "visited", "Mirovia", NG_MOD_ASSERTED));
	ck_assert(fx_has(doc, "Rosa Medina", "visited", "Belmoria", NG_MOD_ASSERTED));
	ck_assert(fx_has(doc, "Rosa Medina", "visited", "Estrel", NG_MOD_ASSERTED));
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_surname_of_name_unknown_to_gazetteer)
{
	FX_HAS("Professor Ilse Brandtner-Kovac of Castelmar University spoke. "
	       "Brandtner-Kovac visited Vostrava.",
	       "Ilse Brandtner-Kovac", "visited", "Vostrava", NG_MOD_ASSERTED);
}
END_TEST

START_TEST(test_role_description_refers_to_holder)
{
	FX_HAS("OSEC Secretary General Omar Haddad spoke in Haldheim. "
	       "The OSEC chief later visited Quarrin.",
	       "Omar Haddad", "visited", "Quarrin", NG_MOD_ASSERTED);
}
END_TEST

START_TEST(test_nominal_refers_to_last_organization_of_its_kind)
{
	ng_doc *doc = fx_doc("Leaders of CORSA met in Perlan. Isla-Morena wants to join the bloc soon. "
	                     "The Brelle-based alliance was not named here.");
	ck_assert(fx_has(doc, "Isla-Morena", "interestedIn", "CORSA", NG_MOD_ASSERTED));
	/* No alliance was named, so "the alliance" refers to nothing. */
	ck_assert(!fx_any(doc, "CORSA", "basedIn", "Brelle"));
	ng_doc_free(doc);
	doc = fx_doc("NORDA foreign ministers met. The Brelle-based alliance expanded.");
	ck_assert(fx_has(doc, "NORDA", "basedIn", "Brelle", NG_MOD_ASSERTED));
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

/* A listed person named by a title and one name, at the article's date. */
START_TEST(test_title_and_one_name_link_a_listed_holder)
{
	ng_doc *doc;
	fx_add_gazetteer("lars-holm\tPerson\tLars Holm\t\toffice=Prime Minister@Country:NRV@2020..\n");
	doc = fx_doc("May 4, 2023\nPrime Minister Holm met reporters in Castelmar.");
	ck_assert(fx_has(doc, "Lars Holm", "leaderOf", "Norvania", NG_MOD_ASSERTED));
	ng_doc_free(doc);
	/* Before the office, nobody. */
	doc = fx_doc("May 4, 2012\nPrime Minister Holm met reporters in Castelmar.");
	ck_assert_int_eq(fx_class(doc, "Lars Holm"), -1);
	ng_doc_free(doc);
	/* Without a date, the one Holm the gazetteer holds, who was prime
	 * minister at some time. */
	doc = fx_doc("Prime Minister Holm met reporters in Castelmar.");
	ck_assert_int_eq(fx_class(doc, "Lars Holm"), NG_CLASS_PERSON);
	ng_doc_free(doc);
}
END_TEST

/* A title names an office by its head before "of": "Secretary Holm" for
 * the Secretary of Fisheries. */
START_TEST(test_title_head_names_the_office)
{
	ng_doc *doc;
	fx_add_gazetteer("lars-holm\tPerson\tLars Holm\t\toffice=Secretary of Fisheries@Country:NRV@2020..\n");
	doc = fx_doc("May 4, 2023\nSecretary Holm met reporters in Castelmar.");
	ck_assert_int_eq(fx_class(doc, "Lars Holm"), NG_CLASS_PERSON);
	ng_doc_free(doc);
}
END_TEST

/* Undated, a name that two listed people bear links neither, even if only
 * one of them held the office. */
START_TEST(test_undated_title_and_shared_name_link_nobody)
{
	ng_doc *doc;
	fx_add_gazetteer("lars-holm\tPerson\tLars Holm\t\toffice=Prime Minister@Country:NRV@2020..\n"
	                 "eva-holm\tPerson\tEva Holm\t\tcountry=NRV\n");
	doc = fx_doc("Prime Minister Holm met reporters in Castelmar.");
	ck_assert_int_eq(fx_class(doc, "Lars Holm"), -1);
	ck_assert_int_eq(fx_class(doc, "Eva Holm"), -1);
	ng_doc_free(doc);
	/* Dated, the holder at the date. */
	doc = fx_doc("May 4, 2023\nPrime Minister Holm met reporters in Castelmar.");
	ck_assert_int_eq(fx_class(doc, "Lars Holm"), NG_CLASS_PERSON);
	ng_doc_free(doc);
}
END_TEST

/* A name an earlier mention already resolved is not given a title's
 * listed holder as well: one mention per word (the fuzzer found two,
 * which the shapes refuse). */
START_TEST(test_one_mention_per_word)
{
	ng_doc *doc;
	size_t i, j;

	fx_add_gazetteer("lars-holm\tPerson\tLars Holm\t\toffice=Prime Minister@Country:NRV@2020..\n");
	doc = fx_doc("May 4, 2023\nAna Holm said the port would open.\n"
	             "Prime Minister Holm met reporters in Castelmar.");
	for (i = 0; i < doc->n_mentions; i++)
		for (j = i + 1; j < doc->n_mentions; j++)
			ck_assert(doc->mentions[i].tb != doc->mentions[j].tb ||
			          doc->mentions[i].te != doc->mentions[j].te);
	ng_doc_free(doc);
}
END_TEST

static Suite *
coref_suite(void)
{
	Suite *s = suite_create("coref");
	TCase *core = tcase_create("core");

	tcase_add_checked_fixture(core, fx_setup, fx_teardown);
	tcase_add_test(core, test_surname_and_pronoun_coreference);
	tcase_add_test(core, test_title_and_one_name_link_a_listed_holder);
	tcase_add_test(core, test_one_mention_per_word);
	tcase_add_test(core, test_undated_title_and_shared_name_link_nobody);
	tcase_add_test(core, test_title_head_names_the_office);
	tcase_add_test(core, test_surname_of_name_unknown_to_gazetteer);
	tcase_add_test(core, test_role_description_refers_to_holder);
	tcase_add_test(core, test_nominal_refers_to_last_organization_of_its_kind);
	tcase_add_test(core, test_acronym_defined_in_parentheses);
	suite_add_tcase(s, core);
	return s;
}

NG_CHECK_MAIN(coref_suite)
