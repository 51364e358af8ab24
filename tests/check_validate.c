/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the validator's driver: the public ng_validator API, its
 * counts and its SHACL validation report. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "graph_iso.h"
#include "newsgraph.h"
#include "validate_fixture.h"
#include "triples.h"

/* A store and a raptor world to read reports back with. */
typedef struct {
	ng_store *st;
	raptor_world *w;
} reader;

static void
reader_open(reader *r)
{
	r->st = ng_store_new();
	r->w = raptor_new_world();
	ck_assert_ptr_nonnull(r->st);
	ck_assert_ptr_nonnull(r->w);
	ck_assert_int_eq(raptor_world_open(r->w), 0);
}

static void
reader_close(reader *r)
{
	ng_store_free(r->st);
	raptor_free_world(r->w);
}

/* Parses Turtle from @p f (or the file @p path) into @p g, leaving out
 * sh:resultMessage: messages are not compared. */
static void
read_turtle(reader *r, const char *path, FILE *f, ng_graph *g)
{
	ng_graph all;
	size_t i;
	errors err;

	memset(&err, 0, sizeof err);
	ng_graph_init(&all);
	ng_graph_init(g);
	ck_assert_int_eq(ng_graph_parse(&all, r->st, r->w, path, f, "turtle",
	                                on_error, &err), NG_OK);
	ck_assert_int_eq(err.count, 0);
	for (i = 0; i < all.n; i++)
		if (all.spo[i].p != ng_store_vocab(r->st)->sh_resultMessage)
			ck_assert_int_eq(ng_graph_add(g, all.spo[i].s, all.spo[i].p,
			                              all.spo[i].o), NG_OK);
	ck_assert_int_eq(ng_graph_index(g), NG_OK);
	ng_graph_clear(&all);
}

static void
read_turtle_text(reader *r, const char *text, ng_graph *g)
{
	FILE *f = tmpfile();

	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	rewind(f);
	read_turtle(r, "text.ttl", f, g);
	fclose(f);
}

/* Writes the report of @p v and reads it back into @p g. */
static void
read_report(reader *r, ng_validator *v, ng_graph *g)
{
	FILE *f = tmpfile();

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(ng_validator_write_report(v, f), NG_OK);
	rewind(f);
	read_turtle(r, "report.ttl", f, g);
	fclose(f);
}

/* Asserts that the report of @p v reads back isomorphic to @p want (read
 * with @p r), messages aside; then clears @p want and closes @p r. */
static void
assert_report(reader *r, ng_validator *v, ng_graph *want)
{
	ng_graph got;

	read_report(r, v, &got);
	ck_assert_int_eq(ng_graph_isomorphic(r->st, &got, want), 1);
	ng_graph_clear(&got);
	ng_graph_clear(want);
	reader_close(r);
}

/* Whether the Turtle texts @p x and @p y are isomorphic graphs. */
static int
turtle_isomorphic(const char *x, const char *y)
{
	reader r;
	ng_graph a, b;
	int iso;

	reader_open(&r);
	read_turtle_text(&r, x, &a);
	read_turtle_text(&r, y, &b);
	iso = ng_graph_isomorphic(r.st, &a, &b);
	ng_graph_clear(&a);
	ng_graph_clear(&b);
	reader_close(&r);
	return iso;
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
	ck_assert_int_eq((int)ng_validator_triple_count(v), 75);
	ck_assert_int_eq(err.count, 0);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_report_is_turtle_with_conforms_false)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-shapes.ttl", &err);
	reader r;
	ng_graph g;
	const ng_vocab *voc;
	size_t n;
	ng_tid no;

	reader_open(&r);
	read_report(&r, v, &g);
	voc = ng_store_vocab(r.st);
	no = ng_store_intern(r.st, NG_TERM_LITERAL, "false", 5, voc->xsd_boolean, NULL);
	ng_graph_po(&g, voc->sh_conforms, no, &n);
	ck_assert_int_eq((int)n, 1);
	/* 14 results, two of them the ontology checks' and not in the report */
	ck_assert_int_eq((int)ng_validator_result_count(v), 14);
	ng_graph_po(&g, voc->rdf_type, voc->sh_ValidationResult, &n);
	ck_assert_int_eq((int)n, 12);
	ng_graph_po(&g, voc->sh_sourceConstraintComponent, 0, &n);
	ck_assert_int_eq((int)n, 12);
	ng_graph_po(&g, voc->sh_sourceShape, 0, &n);
	ck_assert_int_eq((int)n, 12);
	ng_graph_clear(&g);
	reader_close(&r);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_report_writes_each_shared_path_in_full)
{
	errors err;
	ng_validator *v = validate_with("tests/validate/shapes-paths.ttl",
	                                "tests/validate/paths.ttl", &err);
	reader r;
	ng_graph want;

	ck_assert_int_eq((int)ng_validator_result_count(v), 11);
	reader_open(&r);
	read_turtle(&r, src("tests/validate/paths-report.ttl"), NULL, &want);
	assert_report(&r, v, &want);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_report_leaves_out_ontology_results)
{
	errors err;
	ng_validator *v = validate_with("tests/validate/shapes-simple.ttl",
	                                "tests/validate/ill-formed.ttl", &err);
	reader r;
	ng_graph want;

	/* conforms to the shapes; then run the ontology checks too */
	ck_assert(ng_validator_conforms(v));
	ck_assert_int_eq(ng_validator_load_ontology(v, src("ontology/newsgraph.ttl")), NG_OK);
	ck_assert_int_eq(ng_validator_run(v), NG_OK);
	ck_assert_int_eq(count(v, "ng:IllFormedLiteralComponent", NULL, NULL, NULL), 1);
	ck_assert_int_eq((int)ng_validator_result_count(v), 1);
	ck_assert(!ng_validator_conforms(v));
	ck_assert(ng_validator_shapes_conform(v));
	reader_open(&r);
	read_turtle_text(&r, "@prefix sh: <" NG_SH "> .\n"
	                 "[] a sh:ValidationReport ; sh:conforms true .", &want);
	assert_report(&r, v, &want);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_isomorphism_renames_blank_nodes)
{
	ck_assert_int_eq(turtle_isomorphic(
		"<x:s> <x:p> _:a . _:a <x:q> ( <x:o> _:b ) . _:b <x:r> \"1\" .",
		"_:z <x:r> \"1\" . <x:s> <x:p> _:y . _:y <x:q> ( <x:o> _:z ) ."), 1);
}
END_TEST

START_TEST(test_isomorphism_needs_one_bijection)
{
	/* The same triples per blank node, but one node shared in x. */
	ck_assert_int_eq(turtle_isomorphic(
		"<x:a> <x:p> _:b . <x:c> <x:p> _:b .",
		"<x:a> <x:p> _:b . <x:c> <x:p> _:d ."), 0);
	/* Locally alike, crossed differently. */
	ck_assert_int_eq(turtle_isomorphic(
		"_:x <x:p> <x:1> . _:x <x:q> <x:2> . _:y <x:p> <x:2> . _:y <x:q> <x:1> .",
		"_:x <x:p> <x:1> . _:x <x:q> <x:1> . _:y <x:p> <x:2> . _:y <x:q> <x:2> ."), 0);
	ck_assert_int_eq(turtle_isomorphic("<x:a> <x:p> \"1\" .",
	                                   "<x:a> <x:p> 1 ."), 0);
}
END_TEST

/* ------------------------------------------------------------ reuse */

/* A term as results_text writes it: blank-node labels differ from parse to
 * parse, so all are "_:". */
static const char *
term_text(const char *t)
{
	return !t ? "-" : !strncmp(t, "_:", 2) ? "_:" : t;
}

/* The results of the last run of @p v, one line each, in order. */
static char *
results_text(const ng_validator *v)
{
	char *buf = NULL;
	size_t len = 0, i;
	FILE *f = open_memstream(&buf, &len);

	ck_assert_ptr_nonnull(f);
	for (i = 0; i < ng_validator_result_count(v); i++) {
		ng_validation_result r;

		ck_assert_int_eq(ng_validator_result(v, i, &r), NG_OK);
		fprintf(f, "%d %s %s %s %s %s %s\n", (int)r.severity, term_text(r.focus),
		        term_text(r.path), term_text(r.value), term_text(r.shape),
		        r.component, r.message);
	}
	ck_assert_int_eq(fclose(f), 0);
	return buf;
}

/* The results of a fresh validator with the project's ontology and shapes
 * on @p data, and its triple count in *triples. */
static char *
fresh_results(const char *data, size_t *triples)
{
	errors err;
	ng_validator *v = validate(data, &err);
	char *text = results_text(v);

	*triples = ng_validator_triple_count(v);
	ng_validator_free(v);
	return text;
}

/* Loads @p data from an open stream into @p v, runs it and checks its
 * triples and results against those of a fresh validator. */
static void
run_stream_as_fresh(ng_validator *v, const char *data)
{
	FILE *in = fopen(src(data), "rb");
	size_t triples;
	char *want = fresh_results(data, &triples), *got;

	ck_assert_ptr_nonnull(in);
	ck_assert_int_eq(ng_validator_load_data_stream(v, in, data, "turtle"), NG_OK);
	fclose(in);
	ck_assert_int_eq(ng_validator_run(v), NG_OK);
	ck_assert_int_eq((int)ng_validator_triple_count(v), (int)triples);
	got = results_text(v);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
}

START_TEST(test_clear_data_validates_graphs_in_turn)
{
	errors err;
	ng_validator *v = make(NULL, &err);
	int round;

	/* The terms of each graph are given back at each clear; what the
	 * ontology and shapes hold must survive that, round after round. */
	for (round = 0; round < 20; round++) {
		run_stream_as_fresh(v, "tests/validate/invalid-shapes.ttl");
		ck_assert_int_eq((int)ng_validator_result_count(v), 14);
		ng_validator_clear_data(v);
		ck_assert_int_eq((int)ng_validator_triple_count(v), 0);
		ck_assert_int_eq((int)ng_validator_result_count(v), 0);
		run_stream_as_fresh(v, "tests/validate/valid.ttl");
		ck_assert_int_eq((int)ng_validator_triple_count(v), 75);
		ck_assert(ng_validator_conforms(v));
		ng_validator_clear_data(v);
	}
	ck_assert_int_eq(err.count, 0);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_clear_shapes_keeps_the_data)
{
	errors err;
	ng_validator *v = make(src("tests/validate/shapes-simple.ttl"), &err);
	const char *data[1];

	data[0] = src("tests/validate/simple.ttl");
	ck_assert_int_eq(ng_validator_validate_files(v, data, 1, NULL), NG_OK);
	ck_assert_int_eq((int)ng_validator_result_count(v), 3);
	ck_assert_int_eq(count(v, "sh:PatternConstraintComponent", "<http://example.org/a>",
	                       NULL, "\"a1\""), 1);
	ng_validator_clear_shapes(v);
	ck_assert_int_eq(ng_validator_run(v), NG_OK);
	ck_assert_int_eq((int)ng_validator_result_count(v), 0);
	ck_assert_int_eq((int)ng_validator_triple_count(v), 6);
	ck_assert_int_eq(ng_validator_load_shapes(v, src("tests/validate/shapes-simple.ttl")), NG_OK);
	ck_assert_int_eq(ng_validator_run(v), NG_OK);
	ck_assert_int_eq((int)ng_validator_result_count(v), 3);
	ck_assert_int_eq(count(v, "sh:PatternConstraintComponent", "<http://example.org/a>",
	                       NULL, "\"a1\""), 1);
	ck_assert_int_eq(err.count, 0);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_load_data_stream_reports_its_name)
{
	errors err;
	ng_validator *v = make(NULL, &err);
	static const char text[] = "<http://example.org/a> <http://example.org/b> .\n";
	FILE *in = fmemopen((void *)text, sizeof text - 1, "rb");

	ck_assert_ptr_nonnull(in);
	ck_assert_int_ne(ng_validator_load_data_stream(v, in, "memory.nt", "ntriples"), NG_OK);
	fclose(in);
	ck_assert_int_eq(err.count, 1);
	ck_assert_int_eq((int)err.line, 1);
	ck_assert_int_eq(ng_validator_load_data_stream(v, NULL, "x", "turtle"), NG_ERR_BAD_ARG);
	ng_validator_clear_data(NULL);
	ng_validator_clear_shapes(NULL);
	ng_validator_free(v);
}
END_TEST

/* ------------------------------------------------------------ errors */

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
	tcase_add_test(tc, test_report_is_turtle_with_conforms_false);
	tcase_add_test(tc, test_report_writes_each_shared_path_in_full);
	tcase_add_test(tc, test_report_leaves_out_ontology_results);
	tcase_add_test(tc, test_isomorphism_renames_blank_nodes);
	tcase_add_test(tc, test_isomorphism_needs_one_bijection);
	tcase_add_test(tc, test_clear_data_validates_graphs_in_turn);
	tcase_add_test(tc, test_clear_shapes_keeps_the_data);
	tcase_add_test(tc, test_load_data_stream_reports_its_name);
	suite_add_tcase(s, tc);
	tcase_add_test(te, test_result_out_of_range_is_bad_arg);
	suite_add_tcase(s, te);
	return s;
}

NG_CHECK_MAIN(validate_suite)
