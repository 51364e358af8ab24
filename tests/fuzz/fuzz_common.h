/* SPDX-License-Identifier: Apache-2.0 */
/* Shared by the fuzz targets: the RDF round-trip checks, the validation
 * checks, and the setup done once per process (LLVMFuzzerInitialize): a
 * raptor world and a private directory on tmpfs for the loaders that take
 * only a path. Everything is static: each target is one translation unit. */
#ifndef NG_FUZZ_COMMON_H
#define NG_FUZZ_COMMON_H

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <raptor2.h>

#include "newsgraph.h"

#ifndef NG_SRCDIR
#error "compile with -DNG_SRCDIR='\"/path/to/source\"'"
#endif

/* The checks of the output are not what is fuzzed: their branches would
 * only add noise to the coverage that guides libFuzzer. */
#define FUZZ_NOCOV __attribute__((no_sanitize("coverage")))

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Errors are expected on hostile input; the sink keeps them quiet. */
static void
fuzz_quiet(void *handle, const ng_error *error)
{
	(void)handle;
	(void)error;
}

static void
fuzz_die(const char *what, const unsigned char *s, size_t len)
{
	fprintf(stderr, "fuzz: %s: %.*s\n", what, (int)(len > 300 ? 300 : len), (const char *)s);
	abort();
}

/* Valid UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF. */
static FUZZ_NOCOV int
fuzz_utf8_ok(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i], n, k;
		uint32_t cp;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3, cp = c & 0x07;
		else
			return 0;
		for (k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += n + 1;
	}
	return 1;
}

/* Bytes an IRI never holds: space, controls and what RFC 3987 excludes
 * (<>"{}|^`\); built at the first check. */
static unsigned char fuzz_iri_bad[256];

/* An absolute IRI: a scheme, then no byte of fuzz_iri_bad, and valid
 * UTF-8. */
static FUZZ_NOCOV void
fuzz_check_iri(raptor_uri *uri)
{
	size_t len, i;
	const unsigned char *s = raptor_uri_as_counted_string(uri, &len);

	if (!fuzz_iri_bad[0]) {
		for (i = 0; i <= 0x20; i++)
			fuzz_iri_bad[i] = 1;
		for (i = 0; i < 9; i++)
			fuzz_iri_bad[(unsigned char)"<>\"{}|^`\\"[i]] = 1;
		fuzz_iri_bad[0x7F] = 1;
	}

	if (!len || !((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z'))
		fuzz_die("IRI without a scheme", s, len);
	for (i = 1; i < len && s[i] != ':'; i++)
		if (!((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') && !(s[i] >= '0' && s[i] <= '9') &&
		    !strchr("+-.", s[i]))
			fuzz_die("IRI with a bad scheme", s, len);
	if (i == len)
		fuzz_die("IRI without a scheme", s, len);
	for (i = 0; i < len; i++)
		if (fuzz_iri_bad[s[i]])
			fuzz_die("IRI with a forbidden character", s, len);
	if (!fuzz_utf8_ok(s, len))
		fuzz_die("IRI with invalid UTF-8", s, len);
}

/* A literal: valid UTF-8 with no control character but tab (and line
 * feed in an article's text, lines) and no noncharacter U+FFFE or U+FFFF,
 * as ng_clean_literal and ng_clean_text promise. */
static FUZZ_NOCOV void
fuzz_check_literal(const raptor_term *t, int lines)
{
	const unsigned char *s = t->value.literal.string;
	size_t len = t->value.literal.string_len, i;

	if (!fuzz_utf8_ok(s, len))
		fuzz_die("literal with invalid UTF-8", s, len);
	for (i = 0; i < len; i++) {
		if ((s[i] < 0x20 && s[i] != '\t' && !(lines && s[i] == '\n')) || s[i] == 0x7F)
			fuzz_die("literal with a control character", s, len);
		if (s[i] == 0xC2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)
			fuzz_die("literal with a C1 control character", s, len);
		if (s[i] == 0xEF && i + 2 < len && s[i + 1] == 0xBF && (s[i + 2] == 0xBE || s[i + 2] == 0xBF))
			fuzz_die("literal with U+FFFE or U+FFFF", s, len);
	}
	if (t->value.literal.datatype)
		fuzz_check_iri(t->value.literal.datatype);
}

static void
fuzz_check_term(const raptor_term *t, int lines)
{
	if (!t)
		return;
	if (t->type == RAPTOR_TERM_TYPE_URI)
		fuzz_check_iri(t->value.uri);
	else if (t->type == RAPTOR_TERM_TYPE_LITERAL)
		fuzz_check_literal(t, lines);
	else if (t->type == RAPTOR_TERM_TYPE_BLANK)
		fuzz_die("a blank node in newsgraph output", (const unsigned char *)"", 0);
}

typedef struct {
	size_t statements;
	size_t errors;
	int check_terms;
} fuzz_parse;

static void
fuzz_statement(void *handle, raptor_statement *st)
{
	fuzz_parse *p = handle;

	p->statements++;
	if (p->check_terms) {
		const unsigned char *pred = raptor_uri_as_string(st->predicate->value.uri);
		fuzz_check_term(st->subject, 0);
		fuzz_check_term(st->predicate, 0);
		fuzz_check_term(st->object,
		                !strcmp((const char *)pred, "http://persistence.uni-leipzig.org/"
		                                            "nlp2rdf/ontologies/nif-core#isString"));
		fuzz_check_term(st->graph, 0);
	}
}

static void
fuzz_log(void *handle, raptor_log_message *m)
{
	fuzz_parse *p = handle;

	if (m->level >= RAPTOR_LOG_LEVEL_WARN) {
		p->errors++;
		fprintf(stderr, "fuzz: raptor: %s\n", m->text ? m->text : "?");
	}
}

/* Parses len bytes of RDF in syntax; aborts if raptor warns or fails, and
 * checks every term when check_terms is set. Returns the statement count. */
static size_t
fuzz_reparse(raptor_world *world, const char *syntax, const char *buf, size_t len,
             int check_terms)
{
	fuzz_parse p = {0, 0, check_terms};
	raptor_parser *parser = raptor_new_parser(world, syntax);
	raptor_uri *base = raptor_new_uri(world, (const unsigned char *)"https://example.org/fuzz");

	if (!parser || !base)
		abort();
	raptor_world_set_log_handler(world, &p, fuzz_log);
	raptor_parser_set_statement_handler(parser, &p, fuzz_statement);
	if (raptor_parser_parse_start(parser, base) ||
	    raptor_parser_parse_chunk(parser, (const unsigned char *)buf, len, 1) || p.errors)
		fuzz_die("newsgraph wrote RDF that raptor rejects", (const unsigned char *)buf, len);
	raptor_free_parser(parser);
	raptor_free_uri(base);
	return p.statements;
}

/* ------------------------------------------------------------ setup */

/* One raptor world for the whole run, for the round trips (the writers and
 * validators have their own). */
static raptor_world *fuzz_world;
/* A private directory on tmpfs for the loaders that take only a path. */
static char fuzz_dir[64];

static void
fuzz_remove_dir(void)
{
	DIR *d = opendir(fuzz_dir);
	struct dirent *e;
	char path[sizeof(fuzz_dir) + 256 + 2];

	while (d && (e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..")) {
			snprintf(path, sizeof(path), "%s/%s", fuzz_dir, e->d_name);
			unlink(path);
		}
	if (d)
		closedir(d);
	rmdir(fuzz_dir);
}

/* Called once from each LLVMFuzzerInitialize. */
static void
fuzz_setup(void)
{
	const char *tmp = access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm";

	/* URI interning stays on: raptor's N-Quads parser leaks a reference to
	 * each typed literal's datatype URI, which would otherwise be a new
	 * allocation each time and grow an hour-long run by gigabytes. */
	if (!(fuzz_world = raptor_new_world()) || raptor_world_open(fuzz_world))
		abort();
	snprintf(fuzz_dir, sizeof(fuzz_dir), "%s/ng-fuzz-XXXXXX", tmp);
	if (!mkdtemp(fuzz_dir))
		abort();
	atexit(fuzz_remove_dir);
}

/* The path of file name in the private directory (a static buffer each). */
#define FUZZ_PATH(var, name) \
	static char var[sizeof(fuzz_dir) + sizeof(name) + 1]; \
	if (!var[0]) \
		snprintf(var, sizeof(var), "%s/%s", fuzz_dir, name)

/* Replaces the contents of path by len bytes of data. */
static void
fuzz_write_file(const char *path, const void *data, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || (len && fwrite(data, 1, len, f) != len) || fclose(f))
		abort();
}

/* For the targets whose first input byte chooses what the rest is: writes
 * the rest to path and returns that byte, or -1 for an empty input. */
static int
fuzz_write_choice(const char *path, const uint8_t *data, size_t size)
{
	if (!size)
		return -1;
	fuzz_write_file(path, data + 1, size - 1);
	return data[0];
}

/* ------------------------------------------------------------ in memory */

/* A stream into memory: open_memstream, with len and buf valid after
 * fuzz_mem_close (the caller frees buf). */
typedef struct {
	FILE *f;
	char *buf;
	size_t len;
} fuzz_mem;

static FILE *
fuzz_mem_open(fuzz_mem *m)
{
	m->buf = NULL;
	m->len = 0;
	if (!(m->f = open_memstream(&m->buf, &m->len)))
		abort();
	return m->f;
}

static void
fuzz_mem_close(fuzz_mem *m)
{
	if (fclose(m->f))
		abort();
	m->f = NULL;
}

/* Writes doc with w, which is made once and reused, to memory. */
static void
fuzz_write_doc(ng_writer *w, const ng_doc *doc, fuzz_mem *out)
{
	ng_writer_set_output(w, fuzz_mem_open(out));
	if (ng_writer_write_doc(w, doc) || ng_writer_finish(w))
		abort();
	ng_writer_set_output(w, NULL);
	fuzz_mem_close(out);
}

/* ------------------------------------------------------------ validation */

/* A validator with the shipped ontology, and the shipped shapes unless
 * with_shapes is 0. */
static ng_validator *
fuzz_validator_new(int with_shapes)
{
	ng_validator *v = ng_validator_new();

	if (!v)
		abort();
	ng_validator_set_error_func(v, fuzz_quiet, NULL);
	if (ng_validator_load_ontology(v, NG_SRCDIR "/ontology/newsgraph.ttl") ||
	    (with_shapes && ng_validator_load_shapes(v, NG_SRCDIR "/ontology/shapes.ttl")))
		abort();
	return v;
}

/* Checks the results of the last run against the counts, then writes the
 * validation report to memory: raptor must read it again as Turtle. */
static void
fuzz_check_results(ng_validator *v)
{
	size_t i, n = ng_validator_result_count(v), by_severity = 0;
	fuzz_mem m;

	if (!!ng_validator_conforms(v) != !n)
		abort();
	for (i = 0; i < n; i++) {
		ng_validation_result r;
		if (ng_validator_result(v, i, &r) || !r.message || !r.focus || !r.component)
			abort();
	}
	for (i = NG_SEVERITY_VIOLATION; i <= NG_SEVERITY_INFO; i++)
		by_severity += ng_validator_severity_count(v, (ng_severity)i);
	if (by_severity != n)
		abort();
	if (ng_validator_write_report(v, fuzz_mem_open(&m)))
		abort();
	fuzz_mem_close(&m);
	fuzz_reparse(fuzz_world, "turtle", m.buf, m.len, 0);
	free(m.buf);
}

/* Prints the results of the last run, to say what a finding broke. */
static void
fuzz_print_results(const ng_validator *v)
{
	size_t i;

	for (i = 0; i < ng_validator_result_count(v); i++) {
		ng_validation_result r;
		if (!ng_validator_result(v, i, &r))
			fprintf(stderr, "fuzz: %s %s %s: %s\n", r.focus, r.path ? r.path : "-",
			        r.value ? r.value : "-", r.message);
	}
}

#endif /* NG_FUZZ_COMMON_H */
