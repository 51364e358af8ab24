/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the validator: fixtures under tests/validate/ with the
 * project's ontology and shapes; each expected result is asserted. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "newsgraph.h"
#include "triples.h"
#include "xsd.h"

#define ID "https://w3id.org/newsgraph/id/"

static char path_buf[8][4096];
static int path_next;

/* A path under the source tree (NG_SRCDIR in the environment or built in). */
static const char *
src(const char *rel)
{
	const char *dir = getenv("NG_SRCDIR");
	char *p = path_buf[path_next++ % 8];

#ifdef NG_SRCDIR
	if (!dir)
		dir = NG_SRCDIR;
#endif
	snprintf(p, sizeof path_buf[0], "%s/%s", dir ? dir : ".", rel);
	return p;
}

typedef struct {
	int count;
	ng_status status;
	unsigned long line, column;
	char message[1024];
} errors;

static void
on_error(void *handle, const ng_error *e)
{
	errors *err = handle;

	if (e->warning)
		return;
	if (!err->count) {
		err->status = e->status;
		err->line = e->line;
		err->column = e->column;
		snprintf(err->message, sizeof err->message, "%s", e->message ? e->message : "");
	}
	err->count++;
}

/* A validator with the project's ontology and shapes (or @p shapes). */
static ng_validator *
make(const char *shapes, errors *err)
{
	ng_validator *v = ng_validator_new();

	ck_assert_ptr_nonnull(v);
	memset(err, 0, sizeof *err);
	ng_validator_set_error_func(v, on_error, err);
	if (!shapes) {
		ck_assert_int_eq(ng_validator_load_ontology(v, src("ontology/newsgraph.ttl")), NG_OK);
		shapes = src("ontology/shapes.ttl");
	}
	ck_assert_int_eq(ng_validator_load_shapes(v, shapes), NG_OK);
	return v;
}

static ng_validator *
validate(const char *data, errors *err)
{
	ng_validator *v = make(NULL, err);
	const char *paths[1];

	paths[0] = src(data);
	ck_assert_int_eq(ng_validator_validate_files(v, paths, 1, NULL), NG_OK);
	return v;
}

/* Number of results with this component, focus, path and value (NULL
 * matches anything). */
static int
count(const ng_validator *v, const char *component, const char *focus,
      const char *path, const char *value)
{
	size_t i, n = ng_validator_result_count(v);
	int found = 0;

	for (i = 0; i < n; i++) {
		ng_validation_result r;

		ck_assert_int_eq(ng_validator_result(v, i, &r), NG_OK);
		if (component && strcmp(r.component, component))
			continue;
		if (focus && strcmp(r.focus, focus))
			continue;
		if (path && (!r.path || strcmp(r.path, path)))
			continue;
		if (value && (!r.value || strcmp(r.value, value)))
			continue;
		found++;
	}
	return found;
}

/* ------------------------------------------------------------ core */

START_TEST(test_free_null_is_noop)
{
	ng_validator_free(NULL);
}
END_TEST

START_TEST(test_valid_graph_conforms)
{
	errors err;
	ng_validator *v = validate("tests/validate/valid.ttl", &err);

	ck_assert_int_eq((int)ng_validator_result_count(v), 0);
	ck_assert(ng_validator_conforms(v));
	ck_assert_int_eq((int)ng_validator_triple_count(v), 65);
	ck_assert_int_eq(err.count, 0);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_undeclared_property_and_class_reported)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-ontology.ttl", &err);

	ck_assert_int_eq(count(v, "ng:UndeclaredTermComponent", "<" ID "undeclared>",
	                       "ng:bornIn", NULL), 1);
	ck_assert_int_eq(count(v, "ng:UndeclaredTermComponent", "<" ID "undeclared>",
	                       "rdf:type", "ng:Company"), 1);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_article_as_subject_of_visited_breaks_domain)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-ontology.ttl", &err);

	ck_assert_int_eq(count(v, "ng:DomainComponent", NULL, NULL, NULL), 1);
	ck_assert_int_eq(count(v, "ng:DomainComponent", "<" ID "article>", "ng:visited", NULL), 1);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_person_and_literal_as_visited_place_break_range)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-ontology.ttl", &err);

	ck_assert_int_eq(count(v, "ng:RangeComponent", "<" ID "jane>", "ng:visited",
	                       "<" ID "john>"), 1);
	ck_assert_int_eq(count(v, "ng:RangeComponent", "<" ID "jane>", "ng:visited",
	                       "\"Paris\""), 1);
	ck_assert_int_eq(count(v, "ng:RangeComponent", "<" ID "ukr>", "ng:gazetteerId",
	                       NULL), 1);
	ck_assert_int_eq(count(v, "ng:RangeComponent", NULL, NULL, NULL), 3);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_person_that_is_a_country_breaks_disjointness)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-ontology.ttl", &err);

	ck_assert_int_eq(count(v, "ng:DisjointClassesComponent", NULL, NULL, NULL), 1);
	ck_assert_int_eq(count(v, "ng:DisjointClassesComponent", "<" ID "both>", NULL, NULL), 1);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_two_iso_codes_break_functional_property)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-ontology.ttl", &err);

	ck_assert_int_eq(count(v, "ng:FunctionalPropertyComponent", "<" ID "ukr>",
	                       "ng:isoCode", NULL), 1);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_month_13_and_12x_are_ill_formed_literals)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-ontology.ttl", &err);

	ck_assert_int_eq(count(v, "ng:IllFormedLiteralComponent", "<" ID "article>",
	                       "dcterms:date", "\"2025-13-45\"^^xsd:date"), 1);
	ck_assert_int_eq(count(v, "ng:IllFormedLiteralComponent", "<" ID "ukr>",
	                       "ng:gazetteerId", "\"12x\"^^xsd:integer"), 1);
	/* the article shape's sh:datatype xsd:date catches the date too */
	ck_assert_int_eq(count(v, "sh:DatatypeConstraintComponent", "<" ID "article>",
	                       "dcterms:date", NULL), 1);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_facts_without_provenance_reported)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-ontology.ttl", &err);

	ck_assert_int_eq(count(v, "ng:ProvenanceComponent", NULL, NULL, NULL), 3);
	ck_assert_int_eq(count(v, "ng:ProvenanceComponent", "<" ID "jane>", "ng:visited",
	                       "<" ID "john>"), 1);
	ck_assert_int_eq(ng_validator_severity_count(v, NG_SEVERITY_VIOLATION), 14);
	ck_assert_int_eq((int)ng_validator_result_count(v), 14);
	ck_assert(!ng_validator_conforms(v));
	ng_validator_free(v);
}
END_TEST

START_TEST(test_entity_label_cardinality_and_length_reported)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-shapes.ttl", &err);

	ck_assert_int_eq(count(v, "sh:MaxCountConstraintComponent", "<" ID "twolabels>",
	                       "rdfs:label", NULL), 1);
	ck_assert_int_eq(count(v, "sh:MinLengthConstraintComponent", "<" ID "emptylabel>",
	                       "rdfs:label", "\"\""), 1);
	ck_assert_int_eq(count(v, "sh:MinCountConstraintComponent", "<" ID "nolabel>",
	                       "rdfs:label", NULL), 1);
	ck_assert_int_eq(count(v, "sh:NodeKindConstraintComponent", NULL, NULL, NULL), 1);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_provenance_offsets_modality_and_confidence_reported)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-shapes.ttl", &err);

	ck_assert_int_eq(count(v, "sh:LessThanOrEqualsConstraintComponent", "<" ID "p1>",
	                       "nif:beginIndex", "\"20\"^^xsd:nonNegativeInteger"), 1);
	ck_assert_int_eq(count(v, "sh:InConstraintComponent", "<" ID "p1>",
	                       "ng:modality", "ng:Rumoured"), 1);
	ck_assert_int_eq(count(v, "sh:MaxCountConstraintComponent", "<" ID "p1>",
	                       "ng:modality", NULL), 1);
	ck_assert_int_eq(count(v, "sh:MaxInclusiveConstraintComponent", "<" ID "p1>",
	                       "ng:confidence", "\"1.5\"^^xsd:decimal"), 1);
	ck_assert_int_eq(count(v, "sh:MaxCountConstraintComponent", "<" ID "a1>",
	                       "dcterms:date", NULL), 1);
	ck_assert_int_eq(count(v, "sh:MinCountConstraintComponent", "<" ID "m1>",
	                       "itsrdf:taIdentRef", NULL), 1);
	ck_assert_int_eq((int)ng_validator_result_count(v), 11);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_pattern_flags_and_warning_severity)
{
	errors err;
	ng_validator *v = make(src("tests/validate/shapes-simple.ttl"), &err);
	const char *paths[1];
	ng_validation_result r;

	paths[0] = src("tests/validate/simple.ttl");
	ck_assert_int_eq(ng_validator_validate_files(v, paths, 1, NULL), NG_OK);
	ck_assert_int_eq(count(v, "sh:PatternConstraintComponent", "<http://example.org/a>",
	                       "<http://example.org/name>", "\"a1\""), 1);
	ck_assert_int_eq(count(v, "sh:HasValueConstraintComponent", NULL,
	                       "(<http://example.org/next>/<http://example.org/next>)", NULL), 2);
	ck_assert_int_eq(ng_validator_severity_count(v, NG_SEVERITY_VIOLATION), 1);
	ck_assert_int_eq(ng_validator_severity_count(v, NG_SEVERITY_WARNING), 2);
	/* sorted: the violation first */
	ck_assert_int_eq(ng_validator_result(v, 0, &r), NG_OK);
	ck_assert_int_eq(r.severity, NG_SEVERITY_VIOLATION);
	ck_assert_str_eq(r.shape ? "shape" : "none", "shape");
	ng_validator_free(v);
}
END_TEST

START_TEST(test_report_is_turtle_with_conforms_false)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-shapes.ttl", &err);
	FILE *f = tmpfile();
	ng_store *st = ng_store_new();
	raptor_world *w = raptor_new_world();
	ng_graph g;
	const ng_vocab *voc;
	size_t n;
	ng_tid no;

	ck_assert_ptr_nonnull(f);
	ck_assert_ptr_nonnull(st);
	ck_assert_int_eq(raptor_world_open(w), 0);
	ck_assert_int_eq(ng_validator_write_report(v, f), NG_OK);
	rewind(f);
	ng_graph_init(&g);
	ck_assert_int_eq(ng_graph_parse(&g, st, w, "report.ttl", f, "turtle", NULL, NULL), NG_OK);
	ck_assert_int_eq(ng_graph_index(&g), NG_OK);
	voc = ng_store_vocab(st);
	no = ng_store_intern(st, NG_TERM_LITERAL, "false", 5, voc->xsd_boolean, NULL);
	ng_graph_po(&g, voc->sh_conforms, no, &n);
	ck_assert_int_eq((int)n, 1);
	ng_graph_po(&g, voc->rdf_type, voc->sh_ValidationResult, &n);
	ck_assert_int_eq((int)n, 11);
	ng_graph_po(&g, voc->sh_sourceConstraintComponent, 0, &n);
	ck_assert_int_eq((int)n, 11);
	ng_graph_clear(&g);
	ng_store_free(st);
	raptor_free_world(w);
	fclose(f);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_literal_lexical_forms)
{
	ng_store *st = ng_store_new();
	static const struct {
		const char *lex, *dt;
		int ok;
	} cases[] = {
		{ "2024-02-29", "date", 1 }, { "2023-02-29", "date", 0 },
		{ "2025-13-45", "date", 0 }, { "2025-01-01Z", "date", 1 },
		{ "2025-01-01T10:00:00+01:00", "dateTime", 1 },
		{ "2025-01-01 10:00:00", "dateTime", 0 },
		{ "12", "integer", 1 }, { "12x", "integer", 0 }, { "-0", "integer", 1 },
		{ "-1", "nonNegativeInteger", 0 }, { "0", "positiveInteger", 0 },
		{ "300", "byte", 0 }, { "255", "unsignedByte", 1 },
		{ "1.", "decimal", 1 }, { ".5", "decimal", 1 }, { "1e5", "decimal", 0 },
		{ "1e5", "double", 1 }, { "INF", "float", 1 }, { "inf", "float", 0 },
		{ "true", "boolean", 1 }, { "yes", "boolean", 0 },
		{ "2025", "gYear", 1 }, { "25", "gYear", 0 }, { "anything", "string", 1 },
	};
	size_t i;

	ck_assert_ptr_nonnull(st);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char dt[128];
		ng_tid id;

		snprintf(dt, sizeof dt, NG_XSD "%s", cases[i].dt);
		id = ng_store_intern(st, NG_TERM_LITERAL, cases[i].lex, strlen(cases[i].lex),
		                     ng_store_iri(st, dt), NULL);
		ck_assert_msg(ng_literal_valid(st, ng_store_term(st, id)) == cases[i].ok,
		              "%s^^xsd:%s", cases[i].lex, cases[i].dt);
	}
	ng_store_free(st);
}
END_TEST

START_TEST(test_numeric_and_date_comparison)
{
	ng_store *st = ng_store_new();
	ng_tid i1 = ng_store_intern(st, NG_TERM_LITERAL, "1", 1, ng_store_iri(st, NG_XSD "integer"), NULL);
	ng_tid d1 = ng_store_intern(st, NG_TERM_LITERAL, "1.0", 3, ng_store_iri(st, NG_XSD "decimal"), NULL);
	ng_tid d2 = ng_store_intern(st, NG_TERM_LITERAL, "0.5", 3, ng_store_iri(st, NG_XSD "decimal"), NULL);
	ng_tid s1 = ng_store_intern(st, NG_TERM_LITERAL, "1", 1, 0, NULL);
	ng_tid t1 = ng_store_intern(st, NG_TERM_LITERAL, "2025-01-01T12:00:00Z", 20,
	                            ng_store_iri(st, NG_XSD "dateTime"), NULL);
	ng_tid t2 = ng_store_intern(st, NG_TERM_LITERAL, "2025-01-01T12:30:00+01:00", 25,
	                            ng_store_iri(st, NG_XSD "dateTime"), NULL);

	ck_assert_int_eq(ng_literal_compare(st, i1, d1), 0);
	ck_assert_int_eq(ng_literal_compare(st, d2, i1), -1);
	ck_assert_int_eq(ng_literal_compare(st, s1, i1), 2);
	ck_assert_int_eq(ng_literal_compare(st, t2, t1), -1);
	ng_store_free(st);
}
END_TEST

/* ------------------------------------------------------------ errors */

START_TEST(test_syntax_error_reports_line_and_column)
{
	errors err;
	ng_validator *v = make(NULL, &err);

	ck_assert_int_eq(ng_validator_load_data(v, src("tests/validate/bad-syntax.ttl"), NULL),
	                 NG_ERR_SYNTAX);
	ck_assert_int_ge(err.count, 1);
	ck_assert_int_eq(err.status, NG_ERR_SYNTAX);
	ck_assert_int_eq((int)err.line, 5);
	ck_assert_int_eq((int)err.column, 12);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_ntriples_syntax_error_has_column)
{
	errors err;
	ng_validator *v = make(NULL, &err);

	ck_assert_int_eq(ng_validator_load_data(v, src("tests/validate/bad-syntax.ttl"),
	                                        "ntriples"), NG_ERR_SYNTAX);
	ck_assert_int_gt((int)err.line, 0);
	ck_assert_int_gt((int)err.column, 0);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_missing_file_is_io_error)
{
	errors err;
	ng_validator *v = make(NULL, &err);

	ck_assert_int_eq(ng_validator_load_data(v, "/nonexistent/data.ttl", NULL), NG_ERR_IO);
	ck_assert_int_eq(err.count, 1);
	ck_assert_ptr_nonnull(strstr(err.message, "cannot open"));
	ng_validator_free(v);
}
END_TEST

START_TEST(test_unknown_syntax_is_bad_arg)
{
	errors err;
	ng_validator *v = make(NULL, &err);

	ck_assert_int_eq(ng_validator_load_data(v, src("tests/validate/valid.ttl"), "klingon"),
	                 NG_ERR_BAD_ARG);
	ng_validator_free(v);
}
END_TEST

static ng_status
run_with_shapes(const char *shapes, errors *err)
{
	ng_validator *v = make(src(shapes), err);
	const char *paths[1];
	ng_status st;

	paths[0] = src("tests/validate/simple.ttl");
	st = ng_validator_validate_files(v, paths, 1, NULL);
	ck_assert_int_eq((int)ng_validator_result_count(v), 0);
	ng_validator_free(v);
	return st;
}

START_TEST(test_missing_shape_is_not_found)
{
	errors err;

	ck_assert_int_eq(run_with_shapes("tests/validate/shapes-missing.ttl", &err),
	                 NG_ERR_NOT_FOUND);
	ck_assert_int_eq(err.count, 1);
	ck_assert_ptr_nonnull(strstr(err.message, "NoSuchShape"));
}
END_TEST

START_TEST(test_recursive_shape_is_limit_error)
{
	errors err;

	ck_assert_int_eq(run_with_shapes("tests/validate/shapes-recursive.ttl", &err),
	                 NG_ERR_LIMIT);
	ck_assert_ptr_nonnull(strstr(err.message, "recursive"));
}
END_TEST

START_TEST(test_invalid_pattern_is_pattern_error)
{
	errors err;

	ck_assert_int_eq(run_with_shapes("tests/validate/shapes-bad-pattern.ttl", &err),
	                 NG_ERR_PATTERN);
	ck_assert_ptr_nonnull(strstr(err.message, "offset"));
}
END_TEST

START_TEST(test_result_out_of_range_is_bad_arg)
{
	errors err;
	ng_validator *v = validate("tests/validate/valid.ttl", &err);
	ng_validation_result r;

	ck_assert_int_eq(ng_validator_result(v, 0, &r), NG_ERR_BAD_ARG);
	ck_assert_int_eq(ng_validator_result(NULL, 0, &r), NG_ERR_BAD_ARG);
	ck_assert_int_eq(ng_validator_run(NULL), NG_ERR_BAD_ARG);
	ng_validator_free(v);
}
END_TEST

static Suite *
validate_suite(void)
{
	Suite *s = suite_create("validate");
	TCase *tc = tcase_create("core");
	TCase *te = tcase_create("errors");

	tcase_add_test(tc, test_free_null_is_noop);
	tcase_add_test(tc, test_valid_graph_conforms);
	tcase_add_test(tc, test_undeclared_property_and_class_reported);
	tcase_add_test(tc, test_article_as_subject_of_visited_breaks_domain);
	tcase_add_test(tc, test_person_and_literal_as_visited_place_break_range);
	tcase_add_test(tc, test_person_that_is_a_country_breaks_disjointness);
	tcase_add_test(tc, test_two_iso_codes_break_functional_property);
	tcase_add_test(tc, test_month_13_and_12x_are_ill_formed_literals);
	tcase_add_test(tc, test_facts_without_provenance_reported);
	tcase_add_test(tc, test_entity_label_cardinality_and_length_reported);
	tcase_add_test(tc, test_provenance_offsets_modality_and_confidence_reported);
	tcase_add_test(tc, test_pattern_flags_and_warning_severity);
	tcase_add_test(tc, test_report_is_turtle_with_conforms_false);
	tcase_add_test(tc, test_literal_lexical_forms);
	tcase_add_test(tc, test_numeric_and_date_comparison);
	suite_add_tcase(s, tc);
	tcase_add_test(te, test_syntax_error_reports_line_and_column);
	tcase_add_test(te, test_ntriples_syntax_error_has_column);
	tcase_add_test(te, test_missing_file_is_io_error);
	tcase_add_test(te, test_unknown_syntax_is_bad_arg);
	tcase_add_test(te, test_missing_shape_is_not_found);
	tcase_add_test(te, test_recursive_shape_is_limit_error);
	tcase_add_test(te, test_invalid_pattern_is_pattern_error);
	tcase_add_test(te, test_result_out_of_range_is_bad_arg);
	suite_add_tcase(s, te);
	return s;
}

NG_CHECK_MAIN(validate_suite)
