/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for analyze.c and doc.c: one article through the pipeline,
 * its IRI, and the document it leaves. */
#include "check_util.h"
#include "fixture.h"

START_TEST(test_same_text_same_article_iri)
{
	ng_doc *a = fx_doc("Same text.");
	ng_doc *b = fx_doc("Same text.");
	ng_doc *c = fx_doc("Other text.");
	ck_assert_str_eq(a->article_id, b->article_id);
	ck_assert_str_ne(a->article_id, c->article_id);
	ng_doc_free(a);
	ng_doc_free(b);
	ng_doc_free(c);
}
END_TEST

START_TEST(test_doc_free_null_is_noop)
{
	ng_doc_free(NULL);
}
END_TEST

static Suite *
analyze_suite(void)
{
	Suite *s = suite_create("analyze");
	TCase *core = tcase_create("core");
	TCase *errors = tcase_create("errors");

	tcase_add_unchecked_fixture(core, fx_setup, fx_teardown);
	tcase_add_test(core, test_same_text_same_article_iri);
	tcase_add_test(errors, test_doc_free_null_is_noop);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}

NG_CHECK_MAIN(analyze_suite)
