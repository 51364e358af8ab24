/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for patterns.c: what a pattern needs before it runs, user
 * patterns, and patterns that do not compile. */
#include "check_util.h"
#include "fixture.h"

/* The test data and the patterns of text, prepared. */
static ng_knowledge *
kb_with_patterns(const char *text)
{
	char path[] = "/tmp/ng-pat-XXXXXX";
	ng_knowledge *kb = ng_knowledge_new();

	ck_assert_int_eq(ng_knowledge_load_dir(kb, NG_TEST_DATA), NG_OK);
	fx_temp_file(path, text);
	ck_assert_int_eq(ng_knowledge_add_patterns(kb, path), NG_OK);
	unlink(path);
	ck_assert_int_eq(ng_knowledge_prepare(kb), NG_OK);
	return kb;
}

/* Does the document hold the fact from this rule? */
static int
has_rule(const ng_doc *doc, const char *s, const char *o, const char *rule)
{
	size_t i;

	for (i = 0; i < ng_doc_fact_count(doc); i++) {
		ng_fact_info fi;
		if (!ng_doc_fact(doc, i, &fi) && !strcmp(fi.subject, s) && !strcmp(fi.object, o) &&
		    !strcmp(fi.rule, rule))
			return 1;
	}
	return 0;
}

START_TEST(test_needs_come_only_from_placeholders_it_can_read)
{
	ng_knowledge *kb = kb_with_patterns(
		"u-plain\tmetWith\tauto\t0.5\t\t(?<s>{PER}) met (?<o>{ORG})\n"
		"u-class\tmetWith\tauto\t0.5\t\t(?<s>[A-Z]{3}_\\d+) met (?<o>{ORG})\n"
		"u-option\tmetWith\tauto\t0.5\t\t(?i)(?<s>{PER}) met (?<o>{ORG})\n"
		"u-optional\tmetWith\tauto\t0.5\t\t(?<s>{PER})(?: and {ORG})? met (?<o>{PER})\n"
		"u-words\tmetWith\tauto\t0.5\t\t(?<s>{PER}) {GAP}(?:met|talks with) (?<o>{PER})\n"
		"u-midword\tmetWith\tauto\t0.5\t\t(?<s>{PER}) (?:[a-z]+)?(?:met|talks with) (?<o>{PER})\n");
	const ng_pattern *p = &kb->pat.items[kb->pat.n - 6];

	/* A PER and an ORG, two placeholders of those types. */
	ck_assert_uint_eq(p[0].n_need, 2);
	ck_assert_uint_ne(p[0].pair, 0);
	/* The class may match anything: only the ORG, and no pair. */
	ck_assert_uint_eq(p[1].n_need, 1);
	ck_assert_uint_eq(p[1].pair, 0);
	/* Options are not followed: nothing. */
	ck_assert_uint_eq(p[2].n_need, 0);
	ck_assert_uint_eq(p[2].pair, 0);
	/* The optional ORG is no need. */
	ck_assert_uint_eq(p[3].n_need, 1);
	ck_assert_uint_ne(p[3].pair, 0);
	/* "met" or "talks" begin a word after {GAP}; after letters, not. */
	ck_assert_uint_eq(p[4].n_words[0], 2);
	ck_assert_uint_eq(p[4].n_words[1], 0);
	ck_assert_uint_eq(p[5].n_words[0], 0);
	ng_knowledge_free(kb);
}
END_TEST

START_TEST(test_user_pattern_with_needs_not_derived_still_runs)
{
	ng_knowledge *kb = kb_with_patterns(
		"u-hex\tmetWith\tauto\t0.5\t\t(?<s>\\x50ER_\\d+) \\w+ (?:TTL )?(?<o>[A-Z]+_\\d+)\n"
		"u-caseless\tsupports\tauto\t0.5\t\t(?i)(?<s>{PER}) criticized (?:ttl )?(?<o>{PER})\n");
	const char *text = "President Ana Ruiz criticized Chancellor Otto Kramer.";
	ng_doc *doc = NULL;

	ck_assert_int_eq(ng_doc_analyze(kb, text, strlen(text), NULL, &doc, NULL), NG_OK);
	ck_assert(has_rule(doc, "Ana Ruiz", "Otto Kramer", "u-hex"));
	ck_assert(has_rule(doc, "Ana Ruiz", "Otto Kramer", "u-caseless"));
	ng_doc_free(doc);
	ng_knowledge_free(kb);
}
END_TEST

START_TEST(test_bad_pattern_reports_offset)
{
	ck_assert_int_eq(fx_load_text(ng_knowledge_add_patterns,
	                              "bad\tvisited\tauto\t0.5\tvisit\t(?<s>{PER}) visited (?<o>{GPE}\n"),
	                 NG_ERR_PATTERN);
}
END_TEST

/* A property the ontology does not define is refused by name; without an
 * ontology no property is known. */
static void
collect_message(void *handle, const ng_error *e)
{
	snprintf(handle, 512, "%s", e->message);
}

START_TEST(test_pattern_property_must_be_in_ontology)
{
	char path[] = "/tmp/ng-pat-XXXXXX", msg[512] = "";
	ng_knowledge *kb = ng_knowledge_new();

	ck_assert_int_eq(ng_knowledge_load_dir(kb, NG_TEST_DATA), NG_OK);
	ng_knowledge_set_error_func(kb, collect_message, msg);
	fx_temp_file(path, "bad\tvisitedd\tauto\t0.5\tvisit\t(?<s>{PER}) visited (?<o>{GPE})\n");
	ck_assert_int_eq(ng_knowledge_add_patterns(kb, path), NG_ERR_SYNTAX);
	ck_assert_ptr_nonnull(strstr(msg, "unknown property 'visitedd'"));
	ck_assert_ptr_nonnull(strstr(msg, "newsgraph.ttl"));
	ng_knowledge_free(kb);
	unlink(path);
	kb = ng_knowledge_new();
	strcpy(path, "/tmp/ng-pat-XXXXXX");
	fx_temp_file(path, "ok\tvisited\tauto\t0.5\tvisit\t(?<s>{PER}) visited (?<o>{GPE})\n");
	ck_assert_int_eq(ng_knowledge_add_patterns(kb, path), NG_ERR_SYNTAX);
	ng_knowledge_free(kb);
	unlink(path);
}
END_TEST

static Suite *
patterns_suite(void)
{
	Suite *s = suite_create("patterns");
	TCase *core = tcase_create("core");
	TCase *errors = tcase_create("errors");

	tcase_add_test(core, test_needs_come_only_from_placeholders_it_can_read);
	tcase_add_test(core, test_user_pattern_with_needs_not_derived_still_runs);
	tcase_add_test(errors, test_bad_pattern_reports_offset);
	tcase_add_test(errors, test_pattern_property_must_be_in_ontology);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}

NG_CHECK_MAIN(patterns_suite)
