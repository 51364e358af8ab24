/* SPDX-License-Identifier: Apache-2.0 */
/* Runs the W3C SHACL Core test suite (tests/w3c-shacl-core): reads the
 * manifests, validates each sht:Validate entry and compares sh:conforms and
 * the multiset of results (focus node, path, value, source shape, component,
 * severity) with the expected report. Blank nodes of different files match
 * any blank node; paths are compared by structure. Prints one line per failed
 * test and "N passed, N failed". */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results.h"
#include "shacl.h"
#include "triples.h"

#define MF "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
#define SHT "http://www.w3.org/ns/shacl-test#"

/* Tests known to fail, with the reason; none at present. */
static const char *const expected_failures[] = {
	NULL
};

typedef struct {
	raptor_world *world;
	ng_store *st;
	const ng_vocab *v;
	ng_tid mf_include, mf_entries, mf_action, mf_result, sht_Validate,
	       sht_dataGraph, sht_shapesGraph;
	int passed, failed, xfailed;
	const char *root;
	int verbose;
} suite;

typedef struct {
	ng_graph g;
	char *path;
} loaded;

static void
on_error(void *handle, const ng_error *e)
{
	suite *s = handle;

	if (s->verbose)
		fprintf(stderr, "  error: %s: line %lu: %s\n", e->file ? e->file : "-",
		        e->line, e->message ? e->message : "");
}

static char *
iri_to_path(suite *s, ng_tid iri)
{
	const ng_term *t = ng_store_term(s->st, iri);
	char *p, *r;

	(void)s;
	if (!t || t->kind != NG_TERM_IRI)
		return NULL;
	p = (char *)raptor_uri_uri_string_to_filename((const unsigned char *)t->lex);
	if (!p)
		return NULL;
	r = strdup(p);
	raptor_free_memory(p);
	return r;
}

static int
path_eq(suite *s, const ng_graph *ga, ng_tid a, const ng_graph *gb, ng_tid b,
        int depth)
{
	const ng_term *ta = ng_store_term(s->st, a), *tb = ng_store_term(s->st, b);
	size_t na, nb, i, j;
	const ng_triple *x, *y;

	if (a == b && ga == gb)
		return 1;
	if (!ta || !tb || ta->kind != NG_TERM_BNODE || tb->kind != NG_TERM_BNODE)
		return a == b;
	if (depth > 32)
		return 0;
	/* Lists compare by members, whatever else their nodes say. */
	if (ng_graph_object(ga, a, s->v->rdf_first)) {
		return path_eq(s, ga, ng_graph_object(ga, a, s->v->rdf_first), gb,
		               ng_graph_object(gb, b, s->v->rdf_first), depth + 1)
		       && path_eq(s, ga, ng_graph_object(ga, a, s->v->rdf_rest), gb,
		                  ng_graph_object(gb, b, s->v->rdf_rest), depth + 1);
	}
	x = ng_graph_sp(ga, a, 0, &na);
	y = ng_graph_sp(gb, b, 0, &nb);
	if (na != nb)
		return 0;
	for (i = 0; i < na; i++) {
		for (j = 0; j < nb; j++)
			if (x[i].p == y[j].p && path_eq(s, ga, x[i].o, gb, y[j].o, depth + 1))
				break;
		if (j == nb)
			return 0;
	}
	return 1;
}

static int
node_eq(suite *s, ng_tid a, ng_tid b)
{
	const ng_term *ta = ng_store_term(s->st, a), *tb = ng_store_term(s->st, b);

	if (a == b)
		return 1;
	return ta && tb && ta->kind == NG_TERM_BNODE && tb->kind == NG_TERM_BNODE;
}

static int
result_matches(suite *s, const ng_graph *m, ng_tid exp, const ng_graph *shapes,
               const ng_result *r)
{
	const ng_vocab *v = s->v;
	ng_tid p = ng_graph_object(m, exp, v->sh_resultPath);
	ng_tid val = ng_graph_object(m, exp, v->sh_value);
	ng_tid sev = ng_graph_object(m, exp, v->sh_resultSeverity);

	if (!node_eq(s, ng_graph_object(m, exp, v->sh_focusNode), r->focus))
		return 0;
	if (!!p != !!r->path || (p && !path_eq(s, m, p, shapes, r->path, 0)))
		return 0;
	if (!!val != !!r->value || (val && !node_eq(s, val, r->value)))
		return 0;
	if (!node_eq(s, ng_graph_object(m, exp, v->sh_sourceShape), r->shape))
		return 0;
	if (ng_graph_object(m, exp, v->sh_sourceConstraintComponent) != r->component)
		return 0;
	return (sev ? sev : v->sh_Violation) == r->severity;
}

static const char *
short_name(suite *s, const char *iri)
{
	const char *p = strstr(iri, s->root);

	return p ? p + strlen(s->root) : iri;
}

static int
is_xfail(const char *name)
{
	size_t i;

	for (i = 0; expected_failures[i]; i++)
		if (!strcmp(expected_failures[i], name))
			return 1;
	return 0;
}

static void
outcome(suite *s, const char *name, int ok, const char *why)
{
	if (ok) {
		s->passed++;
		return;
	}
	if (is_xfail(name)) {
		s->xfailed++;
		printf("XFAIL %s: %s\n", name, why);
		return;
	}
	s->failed++;
	printf("FAIL %s: %s\n", name, why);
}

/* The graph of @p iri: @p self when it names the manifest file itself. */
static const ng_graph *
graph_for(suite *s, ng_tid iri, const char *self_path, const ng_graph *self,
          loaded *slot)
{
	char *path = iri_to_path(s, iri);

	if (!path)
		return NULL;
	if (!strcmp(path, self_path)) {
		free(path);
		return self;
	}
	ng_graph_init(&slot->g);
	slot->path = path;
	if (ng_graph_parse(&slot->g, s->st, s->world, path, NULL, NULL, on_error, s)
	    || ng_graph_index(&slot->g))
		return NULL;
	return &slot->g;
}

static void
run_entry(suite *s, const ng_graph *m, const char *mpath, ng_tid entry)
{
	const ng_vocab *v = s->v;
	const char *name = short_name(s, ng_store_term(s->st, entry)->lex);
	ng_tid action = ng_graph_object(m, entry, s->mf_action);
	ng_tid expect = ng_graph_object(m, entry, s->mf_result);
	loaded ld = { { 0 }, NULL }, ls = { { 0 }, NULL };
	const ng_graph *data, *shapes;
	ng_results res = { 0 };
	ng_status st;
	size_t n, i, j;
	const ng_triple *exp;
	char *used = NULL, why[512];
	const ng_term *conf;
	int want_conforms, ok = 1;

	if (!action || !expect) {
		outcome(s, name, 0, "malformed manifest entry");
		return;
	}
	data = graph_for(s, ng_graph_object(m, action, s->sht_dataGraph), mpath, m, &ld);
	shapes = graph_for(s, ng_graph_object(m, action, s->sht_shapesGraph), mpath, m, &ls);
	if (!data || !shapes) {
		outcome(s, name, 0, "cannot load the data or shapes graph");
		goto done;
	}
	st = ng_shacl_validate(s->st, shapes, data, NULL, &res, on_error, s);
	if (st) {
		snprintf(why, sizeof why, "validation failed: %s", ng_strerror(st));
		outcome(s, name, 0, why);
		goto done;
	}
	conf = ng_store_term(s->st, ng_graph_object(m, expect, v->sh_conforms));
	want_conforms = conf && !strcmp(conf->lex, "true");
	exp = ng_graph_sp(m, expect, v->sh_result, &n);
	if (want_conforms != (res.n == 0) || n != res.n) {
		snprintf(why, sizeof why, "expected %zu results, got %zu", n, res.n);
		ok = 0;
	}
	used = calloc(res.n + 1, 1);
	for (i = 0; ok && i < n; i++) {
		for (j = 0; j < res.n; j++)
			if (!used[j] && result_matches(s, m, exp[i].o, shapes, &res.v[j]))
				break;
		if (j == res.n) {
			char *f = ng_store_format(s->st, ng_graph_object(m, exp[i].o, v->sh_focusNode));
			char *c = ng_store_format(s->st, ng_graph_object(m, exp[i].o, v->sh_sourceConstraintComponent));

			snprintf(why, sizeof why, "no result matches the expected one for %s (%s)",
			         f ? f : "?", c ? c : "?");
			free(f);
			free(c);
			ok = 0;
		} else {
			used[j] = 1;
		}
	}
	if (!ok && s->verbose)
		for (j = 0; j < res.n; j++) {
			char *f = ng_store_format(s->st, res.v[j].focus);
			char *c = ng_store_format(s->st, res.v[j].component);
			char *val = ng_store_format(s->st, res.v[j].value);
			char *p = ng_path_format(s->st, shapes, res.v[j].path);

			fprintf(stderr, "  got %s %s %s %s\n", f, p, val, c);
			free(f);
			free(c);
			free(val);
			free(p);
		}
	outcome(s, name, ok, why);
done:
	free(used);
	ng_results_clear(&res);
	ng_graph_clear(&ld.g);
	ng_graph_clear(&ls.g);
	free(ld.path);
	free(ls.path);
}

static int
run_manifest(suite *s, const char *path, int depth)
{
	const ng_vocab *v = s->v;
	ng_graph m;
	size_t n, i, ne;
	const ng_triple *t;
	ng_tid *entries = NULL;
	int rc = 0;

	if (depth > 8)
		return -1;
	ng_graph_init(&m);
	if (ng_graph_parse(&m, s->st, s->world, path, NULL, "turtle", on_error, s)
	    || ng_graph_index(&m)) {
		printf("FAIL %s: cannot read the manifest\n", path);
		s->failed++;
		ng_graph_clear(&m);
		return -1;
	}
	t = ng_graph_po(&m, s->mf_include, 0, &n);
	for (i = 0; i < n; i++) {
		char *p = iri_to_path(s, t[i].o);

		if (p && strcmp(p, path))
			run_manifest(s, p, depth + 1);
		free(p);
	}
	t = ng_graph_po(&m, s->mf_entries, 0, &n);
	for (i = 0; i < n; i++) {
		size_t j;

		if (ng_graph_list(&m, v, t[i].o, &entries, &ne))
			continue;
		for (j = 0; j < ne; j++)
			if (ng_graph_has(&m, entries[j], v->rdf_type, s->sht_Validate))
				run_entry(s, &m, path, entries[j]);
		free(entries);
		entries = NULL;
	}
	ng_graph_clear(&m);
	return rc;
}

int
main(int argc, char **argv)
{
	suite s;
	const char *srcdir = getenv("NG_SRCDIR");
	char def[4096];
	const char *manifest;
	int i;

	memset(&s, 0, sizeof s);
	for (i = 1; i < argc && argv[i][0] == '-'; i++)
		if (!strcmp(argv[i], "-v"))
			s.verbose = 1;
	if (i < argc) {
		manifest = argv[i];
	} else {
#ifdef NG_SRCDIR
		if (!srcdir)
			srcdir = NG_SRCDIR;
#endif
		snprintf(def, sizeof def, "%s/tests/w3c-shacl-core/manifest.ttl",
		         srcdir ? srcdir : ".");
		manifest = def;
	}
	s.root = "w3c-shacl-core/";
	s.world = raptor_new_world();
	s.st = ng_store_new();
	if (!s.world || !s.st || raptor_world_open(s.world)) {
		fputs("w3c_shacl: out of memory\n", stderr);
		return 1;
	}
	s.v = ng_store_vocab(s.st);
	s.mf_include = ng_store_iri(s.st, MF "include");
	s.mf_entries = ng_store_iri(s.st, MF "entries");
	s.mf_action = ng_store_iri(s.st, MF "action");
	s.mf_result = ng_store_iri(s.st, MF "result");
	s.sht_Validate = ng_store_iri(s.st, SHT "Validate");
	s.sht_dataGraph = ng_store_iri(s.st, SHT "dataGraph");
	s.sht_shapesGraph = ng_store_iri(s.st, SHT "shapesGraph");
	run_manifest(&s, manifest, 0);
	if (s.xfailed)
		printf("%d expected failures\n", s.xfailed);
	printf("%d passed, %d failed\n", s.passed, s.failed);
	ng_store_free(s.st);
	raptor_free_world(s.world);
	return s.failed || !s.passed ? 1 : 0;
}
