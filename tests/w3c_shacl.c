/* SPDX-License-Identifier: Apache-2.0 */
/* Runs the W3C SHACL Core test suite (tests/w3c-shacl-core) through the
 * command line: for each sht:Validate entry of the manifests, runs
 * `newsgraph validate -O ONTOLOGY -s SHAPES -o REPORT DATA` as a user would
 * (with the project's ontology, whose checks must stay out of the report),
 * reads REPORT back and compares it with the entry's expected report by the
 * suite's rule for full compliance: the expected graph is the mf:result
 * node's triples, its results' triples and their paths; the report keeps
 * the same predicates (sh:resultMessage only where the expected results have
 * it), and the two must be isomorphic graphs, under one blank node bijection.
 * Prints one line per failed test and "N passed, N failed". */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "graph_iso.h"
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
	       sht_dataGraph, sht_shapesGraph, sh_sourceConstraint;
	int passed, failed, xfailed;
	const char *root;
	const char *bin, *ontology;
	char report[4096], log[4096];
	int verbose;
} suite;

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
is_bnode(suite *s, ng_tid t)
{
	return iso_is_bnode(s->st, t);
}

static int
add(ng_graph *g, const ng_triple *t)
{
	return ng_graph_add(g, t->s, t->p, t->o) != NG_OK;
}

/* Adds the blank node structure below @p node in @p from (a path) to @p to. */
static int
add_path(suite *s, const ng_graph *from, ng_tid node, ng_graph *to, int depth)
{
	size_t n, i;
	const ng_triple *t;

	if (!is_bnode(s, node) || depth > 64)
		return 0;
	t = ng_graph_sp(from, node, 0, &n);
	for (i = 0; i < n; i++)
		if (add(to, &t[i]) || add_path(s, from, t[i].o, to, depth + 1))
			return -1;
	return 0;
}

/* The expected graph of the suite's rule: the triples of @p report in
 * @p m, those of its results and their paths. */
static int
expected_graph(suite *s, const ng_graph *m, ng_tid report, ng_graph *out)
{
	size_t n, i, k, j;
	const ng_triple *t = ng_graph_sp(m, report, 0, &n), *r;

	for (i = 0; i < n; i++) {
		if (add(out, &t[i]))
			return -1;
		if (t[i].p != s->v->sh_result)
			continue;
		r = ng_graph_sp(m, t[i].o, 0, &k);
		for (j = 0; j < k; j++)
			if (add(out, &r[j]) || (r[j].p == s->v->sh_resultPath
			                        && add_path(s, m, r[j].o, out, 0)))
				return -1;
	}
	return ng_graph_index(out) != NG_OK ? -1 : 0;
}

/* Whether result triple @p t of the report is one the comparison keeps:
 * the suite's list of predicates, and sh:resultMessage where the expected
 * graph @p want has the same message. */
static int
kept(suite *s, const ng_triple *t, const ng_graph *want)
{
	const ng_vocab *v = s->v;

	if (t->p == v->rdf_type)
		return t->o == v->sh_ValidationResult;
	if (t->p == v->sh_resultMessage) {
		size_t n;

		ng_graph_po(want, v->sh_resultMessage, t->o, &n);
		return n > 0;
	}
	return t->p == v->sh_focusNode || t->p == v->sh_resultPath
	       || t->p == v->sh_resultSeverity || t->p == s->sh_sourceConstraint
	       || t->p == v->sh_sourceConstraintComponent
	       || t->p == v->sh_sourceShape || t->p == v->sh_value;
}

/* The actual graph of the suite's rule, from the report @p g: its one
 * sh:ValidationReport node's type, sh:conforms and sh:result, and the kept
 * triples of each result with their paths. Returns a reason it cannot be
 * compared, or NULL. */
static const char *
actual_graph(suite *s, const ng_graph *g, const ng_graph *want, ng_graph *out)
{
	const ng_vocab *v = s->v;
	size_t n, i, k, j;
	const ng_triple *t = ng_graph_po(g, v->rdf_type, v->sh_ValidationReport, &n), *r;
	ng_tid report;

	if (n != 1)
		return "the report has not one sh:ValidationReport";
	report = t[0].s;
	if (!is_bnode(s, report))
		return "the sh:ValidationReport is not a blank node";
	t = ng_graph_sp(g, report, 0, &n);
	for (i = 0; i < n; i++) {
		if (t[i].p != v->rdf_type && t[i].p != v->sh_conforms
		    && t[i].p != v->sh_result)
			continue;
		if (add(out, &t[i]))
			return "out of memory";
		if (t[i].p != v->sh_result)
			continue;
		if (!is_bnode(s, t[i].o))
			return "a sh:ValidationResult is not a blank node";
		r = ng_graph_sp(g, t[i].o, 0, &k);
		for (j = 0; j < k; j++) {
			if (!kept(s, &r[j], want))
				continue;
			if (add(out, &r[j]) || (r[j].p == v->sh_resultPath
			                        && add_path(s, g, r[j].o, out, 0)))
				return "out of memory";
		}
	}
	return ng_graph_index(out) != NG_OK ? "out of memory" : NULL;
}

static void
dump(suite *s, const char *title, const ng_graph *g)
{
	size_t i;

	fprintf(stderr, "  %s:\n", title);
	for (i = 0; i < g->n; i++) {
		char *a = ng_store_format(s->st, g->spo[i].s);
		char *b = ng_store_format(s->st, g->spo[i].p);
		char *c = ng_store_format(s->st, g->spo[i].o);

		fprintf(stderr, "    %s %s %s\n", a ? a : "?", b ? b : "?", c ? c : "?");
		free(a);
		free(b);
		free(c);
	}
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
outcome(suite *s, const char *name, const char *why)
{
	if (!why) {
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

/* Runs `newsgraph validate` on @p data and @p shapes with the report to
 * s->report and its output to s->log; returns its exit status, or -1. */
static int
run_cli(suite *s, const char *data, const char *shapes)
{
	pid_t pid;
	int status;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (!freopen(s->log, "w", stdout) || dup2(fileno(stdout), 2) < 0)
			_exit(127);
		execl(s->bin, s->bin, "validate", "-O", s->ontology, "-s", shapes,
		      "-o", s->report, data, (char *)NULL);
		fprintf(stderr, "cannot run %s: %s\n", s->bin, strerror(errno));
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void
show_log(suite *s)
{
	FILE *f = fopen(s->log, "r");
	char line[1024];

	if (!f)
		return;
	while (fgets(line, sizeof line, f))
		fprintf(stderr, "  | %s", line);
	fclose(f);
}

static void
run_entry(suite *s, const ng_graph *m, ng_tid entry)
{
	const ng_vocab *v = s->v;
	const char *name = short_name(s, ng_store_term(s->st, entry)->lex);
	ng_tid action = ng_graph_object(m, entry, s->mf_action);
	ng_tid expect = ng_graph_object(m, entry, s->mf_result);
	char *data = NULL, *shapes = NULL, why[512];
	const char *fail = NULL;
	ng_graph report, want, got;
	const ng_term *conf;
	int rc;

	ng_graph_init(&report);
	ng_graph_init(&want);
	ng_graph_init(&got);
	if (!action || !expect) {
		fail = "malformed manifest entry";
		goto done;
	}
	data = iri_to_path(s, ng_graph_object(m, action, s->sht_dataGraph));
	shapes = iri_to_path(s, ng_graph_object(m, action, s->sht_shapesGraph));
	if (!data || !shapes) {
		fail = "no data or shapes graph";
		goto done;
	}
	remove(s->report);
	rc = run_cli(s, data, shapes);
	conf = ng_store_term(s->st, ng_graph_object(m, expect, v->sh_conforms));
	if (rc != 0 && rc != 1) {
		snprintf(why, sizeof why, "newsgraph validate exited with %d", rc);
		fail = why;
	} else if (rc == 0 && !(conf && !strcmp(conf->lex, "true"))) {
		fail = "newsgraph validate exited with 0 on data that does not conform";
	} else if (ng_graph_parse(&report, s->st, s->world, s->report, NULL, "turtle",
	                          on_error, s) || ng_graph_index(&report)) {
		fail = "the report does not parse";
	} else if (expected_graph(s, m, expect, &want)) {
		fail = "out of memory";
	} else if ((fail = actual_graph(s, &report, &want, &got)) == NULL) {
		int iso = ng_graph_isomorphic(s->st, &got, &want);

		if (iso < 0)
			fail = "out of memory";
		else if (!iso)
			fail = "the report is not isomorphic to the expected one";
	}
	if (fail && s->verbose) {
		show_log(s);
		dump(s, "expected", &want);
		dump(s, "report", &got);
	}
done:
	outcome(s, name, fail);
	ng_graph_clear(&report);
	ng_graph_clear(&want);
	ng_graph_clear(&got);
	free(data);
	free(shapes);
}

static int
run_manifest(suite *s, const char *path, int depth)
{
	const ng_vocab *v = s->v;
	ng_graph m;
	size_t n, i, ne;
	const ng_triple *t;
	ng_tid *entries = NULL;

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
				run_entry(s, &m, entries[j]);
		free(entries);
		entries = NULL;
	}
	ng_graph_clear(&m);
	return 0;
}

int
main(int argc, char **argv)
{
	suite s;
	const char *srcdir = getenv("NG_SRCDIR"), *tmp = getenv("TMPDIR");
	char manifest[4096], onto[4096], dir[4000];
	int i;

	memset(&s, 0, sizeof s);
	for (i = 1; i < argc && argv[i][0] == '-'; i++)
		if (!strcmp(argv[i], "-v"))
			s.verbose = 1;
#ifdef NG_SRCDIR
	if (!srcdir)
		srcdir = NG_SRCDIR;
#endif
	if (!srcdir)
		srcdir = ".";
	snprintf(manifest, sizeof manifest, "%s/tests/w3c-shacl-core/manifest.ttl",
	         srcdir);
	if (i < argc)
		snprintf(manifest, sizeof manifest, "%s", argv[i]);
	snprintf(onto, sizeof onto, "%s/ontology/newsgraph.ttl", srcdir);
	s.ontology = onto;
	s.bin = getenv("NG_BIN");
#ifdef NG_BUILDDIR
	if (!s.bin)
		s.bin = NG_BUILDDIR "/src/newsgraph";
#endif
	if (!s.bin) {
		fputs("w3c_shacl: set NG_BIN to the newsgraph binary\n", stderr);
		return 1;
	}
	snprintf(dir, sizeof dir, "%s/w3c_shacl.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir)) {
		fprintf(stderr, "w3c_shacl: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	snprintf(s.report, sizeof s.report, "%s/report.ttl", dir);
	snprintf(s.log, sizeof s.log, "%s/output.txt", dir);
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
	s.sh_sourceConstraint = ng_store_iri(s.st, NG_SH "sourceConstraint");
	run_manifest(&s, manifest, 0);
	remove(s.report);
	remove(s.log);
	rmdir(dir);
	if (s.xfailed)
		printf("%d expected failures\n", s.xfailed);
	printf("%d passed, %d failed\n", s.passed, s.failed);
	ng_store_free(s.st);
	raptor_free_world(s.world);
	return s.failed || !s.passed ? 1 : 0;
}
