/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for meta.c: the title and publication date of an article. */
#include "check_util.h"
#include "fixture.h"

START_TEST(test_metadata_title_and_date)
{
	ng_doc *doc = fx_doc("Skip to content\nValdora elects a president\nPortoval, Apr 08 2025 | 9:50 PM\nText.");
	ck_assert_str_eq(doc->title, "Valdora elects a president");
	ck_assert_str_eq(doc->date, "2025-04-08");
	ng_doc_free(doc);
	doc = fx_doc("Title\nPublished 2024-02-30 and 2024-03-01.");
	ck_assert_str_eq(doc->date, "2024-03-01");
	ng_doc_free(doc);
	doc = fx_doc("Title\nOn March 9, 2023 it rained.");
	ck_assert_str_eq(doc->date, "2023-03-09");
	ng_doc_free(doc);
}
END_TEST

static Suite *
meta_suite(void)
{
	Suite *s = suite_create("meta");
	TCase *core = tcase_create("core");

	tcase_add_unchecked_fixture(core, fx_setup, fx_teardown);
	tcase_add_test(core, test_metadata_title_and_date);
	suite_add_tcase(s, core);
	return s;
}

NG_CHECK_MAIN(meta_suite)
