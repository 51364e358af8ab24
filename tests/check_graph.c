/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for graph.c: what the writer emits for a document. */
#include "check_util.h"
#include "fixture.h"

static char *
write_doc(const char *text, ng_format fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ng_writer *w = ng_writer_new(fmt, "http://example.org/", f);
	ng_doc *doc = fx_doc(text);
	ck_assert_ptr_nonnull(w);
	ck_assert_int_eq(ng_writer_write_doc(w, doc), NG_OK);
	ck_assert_int_eq(ng_writer_finish(w), NG_OK);
	ng_writer_free(w);
	ng_doc_free(doc);
	fclose(f);
	return buf;
}

START_TEST(test_fact_triple_and_provenance_in_ntriples)
{
	char *out = write_doc("Finland joined NATO in 2023.", NG_FORMAT_NTRIPLES);
	ck_assert_ptr_nonnull(strstr(out, "<http://example.org/country/FIN> "
	                                  "<https://w3id.org/newsgraph/ns#joined> "
	                                  "<http://example.org/organization/nato> ."));
	ck_assert_ptr_nonnull(strstr(out, "<https://w3id.org/newsgraph/ns#Provenance>"));
	ck_assert_ptr_nonnull(strstr(out, "\"join-verb\""));
	ck_assert_ptr_nonnull(strstr(out, "<https://w3id.org/newsgraph/ns#Asserted>"));
	ck_assert_ptr_null(strstr(out, "_:"));
	free(out);
}
END_TEST

START_TEST(test_negated_fact_has_no_plain_triple)
{
	char *out = write_doc("Switzerland is not a member of the European Union.", NG_FORMAT_NTRIPLES);
	ck_assert_ptr_null(strstr(out, "<https://w3id.org/newsgraph/ns#memberOf> <http"));
	ck_assert_ptr_nonnull(strstr(out, "<https://w3id.org/newsgraph/ns#Negated>"));
	free(out);
}
END_TEST

START_TEST(test_nquads_use_article_graph)
{
	char *out = write_doc("Finland joined NATO in 2023.", NG_FORMAT_NQUADS);
	ck_assert_ptr_nonnull(strstr(out, "> <http://example.org/article/"));
	free(out);
}
END_TEST

START_TEST(test_turtle_declares_prefixes)
{
	char *out = write_doc("Finland joined NATO in 2023.", NG_FORMAT_TURTLE);
	ck_assert_ptr_nonnull(strstr(out, "@prefix ng: <https://w3id.org/newsgraph/ns#> ."));
	free(out);
}
END_TEST

START_TEST(test_hostile_text_is_escaped)
{
	char *out = write_doc("\"> . \\ <x> \x01 Chile\xEF\xBF\xBE \xE2\x80\x8F joined the OAS.", NG_FORMAT_NTRIPLES);
	/* Every line is a complete statement. */
	char *p = out;
	while ((p = strchr(p, '\n'))) {
		ck_assert(p[-1] == '.');
		p++;
	}
	free(out);
}
END_TEST

START_TEST(test_unknown_format_name)
{
	ck_assert_int_eq(ng_format_from_name("rdfxml"), -1);
	ck_assert_int_eq(ng_format_from_name("nquads"), NG_FORMAT_NQUADS);
}
END_TEST

static Suite *
graph_suite(void)
{
	Suite *s = suite_create("graph");
	TCase *core = tcase_create("core");
	TCase *errors = tcase_create("errors");

	tcase_add_unchecked_fixture(core, fx_setup, fx_teardown);
	tcase_add_test(core, test_fact_triple_and_provenance_in_ntriples);
	tcase_add_test(core, test_negated_fact_has_no_plain_triple);
	tcase_add_test(core, test_nquads_use_article_graph);
	tcase_add_test(core, test_turtle_declares_prefixes);
	tcase_add_test(core, test_hostile_text_is_escaped);
	tcase_add_test(errors, test_unknown_format_name);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}

NG_CHECK_MAIN(graph_suite)
