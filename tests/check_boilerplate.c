/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for boilerplate.c: lines of page furniture, marked so that
 * they yield no entities and no facts. */
#include "check_util.h"
#include "fixture.h"

static size_t
count_sentences(const ng_doc *doc, int boiler)
{
	size_t i, n = 0;
	for (i = 0; i < doc->n_sents; i++)
		n += !!(doc->sents[i].flags & NG_SENT_BOILER) == boiler;
	return n;
}

START_TEST(test_boilerplate_lines_marked)
{
	ng_doc *doc = fx_doc("Valdora joined the Meridian Union.\n"
	                     "Press \"Enter\" to skip to content\n"
	                     "Topics :ValdoraMU\n"
	                     "Related Stories\n"
	                     "Belmoria joined the Meridian Union.\n");
	ck_assert_uint_eq(count_sentences(doc, 0), 1);
	ck_assert_uint_eq(count_sentences(doc, 1), 4);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_price_and_subscription_lines_are_boilerplate)
{
	ng_doc *doc = fx_doc("Norvania signed the deal.\n\xE2\x82\xB9" "900\n3 Months\nSAVE 25%\n");
	ck_assert_uint_eq(count_sentences(doc, 0), 1);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_unanchored_boilerplate_rules_in_any_case)
{
	/* Rules that match anywhere in a line go through a literal filter
	 * first; the filter must not lose matches in other cases or around
	 * non-ASCII text. */
	ng_doc *doc = fx_doc("Valdora joined the Meridian Union.\n"
	                     "Officials met (PHOTO: Northwire) on Monday\n"
	                     "\xC2\xA9 2025 Example. ALL RIGHTS RESERVED\n"
	                     "Portoval \xE2\x80\x94 5 Min Read\n"
	                     "Readers reserved all rights to the feed.\n");
	ck_assert_uint_eq(count_sentences(doc, 0), 2);
	ck_assert(!(doc->sents[doc->n_sents - 1].flags & NG_SENT_BOILER));
	ng_doc_free(doc);
	/* A long S (U+017F) matches s caselessly: such lines are never
	 * filtered out. */
	doc = fx_doc("Belmoria joined the Meridian Union.\n\xC5\xBFyndicated feed\n");
	ck_assert_uint_eq(count_sentences(doc, 1), 1);
	ng_doc_free(doc);
	/* Other characters outside ASCII do not keep the filter from its
	 * verdict either way. */
	doc = fx_doc("Estrel joined the Meridian Union \xE2\x80\x94 in 2025.\n"
	             "\xE2\x80\x9C" "All rights reserved\xE2\x80\x9D\n");
	ck_assert_uint_eq(count_sentences(doc, 0), 1);
	ck_assert_uint_eq(count_sentences(doc, 1), 1);
	ng_doc_free(doc);
}
END_TEST

static Suite *
boilerplate_suite(void)
{
	Suite *s = suite_create("boilerplate");
	TCase *core = tcase_create("core");

	tcase_add_unchecked_fixture(core, fx_setup, fx_teardown);
	tcase_add_test(core, test_boilerplate_lines_marked);
	tcase_add_test(core, test_price_and_subscription_lines_are_boilerplate);
	tcase_add_test(core, test_unanchored_boilerplate_rules_in_any_case);
	suite_add_tcase(s, core);
	return s;
}

NG_CHECK_MAIN(boilerplate_suite)
