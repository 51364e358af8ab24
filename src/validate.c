/* SPDX-License-Identifier: Apache-2.0 */
/* The validator, the driver of the public ng_validator API: loads the
 * ontology, the shapes and the data into indexed graphs (triples.c), runs
 * the OWL checks (owl.c) and SHACL Core (shacl.c), and reports the results
 * of both as a sorted list and those of SHACL alone as a W3C SHACL
 * validation report (results.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "owl.h"
#include "results.h"
#include "shacl.h"
#include "triples.h"

#define TRY(st, expr) \
	do { \
		if (((st) = (expr)) != NG_OK) \
			goto done; \
	} while (0)

typedef struct {
	char *focus, *path, *value, *shape, *component, *message;
	ng_severity severity;
} formatted;

struct ng_validator {
	raptor_world *world;
	ng_store *st;
	ng_graph onto, shapes, data;
	int have_onto, have_shapes;
	/* The store's next term ID after the vocabulary and after the last
	 * load of each graph: the clear functions give back the terms of the
	 * graphs they drop. */
	size_t base_end, onto_end, shapes_end, data_end;
	ng_error_func func;
	void *handle;
	ng_results owl;       /* results of the OWL checks, not in the report */
	ng_results shacl;     /* results of SHACL Core, the report's */
	formatted *fmt;       /* sorted, one per result of either */
	size_t sev_count[3];
};

/* ------------------------------------------------------------ validator */

static void
quiet_log(void *user, raptor_log_message *m)
{
	(void)user;
	(void)m;
}

ng_validator *
ng_validator_new(void)
{
	ng_validator *v = calloc(1, sizeof *v);

	if (!v)
		return NULL;
	v->world = raptor_new_world();
	v->st = ng_store_new();
	if (!v->world || !v->st)
		goto fail;
	raptor_world_set_log_handler(v->world, NULL, quiet_log);
	/* raptor's URI interning stays on although the store interns terms:
	 * raptor 2.0.15's N-Triples and N-Quads parsers leak a reference to
	 * the datatype URI of each typed literal, which only costs memory
	 * when every URI is a new allocation. */
	if (raptor_world_open(v->world))
		goto fail;
	ng_graph_init(&v->onto);
	ng_graph_init(&v->shapes);
	ng_graph_init(&v->data);
	v->base_end = ng_store_count(v->st) + 1;
	return v;
fail:
	ng_validator_free(v);
	return NULL;
}

static void
clear_run(ng_validator *v)
{
	size_t i;

	if (v->fmt)
		for (i = 0; i < v->owl.n + v->shacl.n; i++) {
			free(v->fmt[i].focus);
			free(v->fmt[i].path);
			free(v->fmt[i].value);
			free(v->fmt[i].shape);
			free(v->fmt[i].component);
			free(v->fmt[i].message);
		}
	free(v->fmt);
	v->fmt = NULL;
	ng_results_clear(&v->owl);
	ng_results_clear(&v->shacl);
	memset(v->sev_count, 0, sizeof v->sev_count);
}

void
ng_validator_free(ng_validator *v)
{
	if (!v)
		return;
	clear_run(v);
	ng_graph_clear(&v->onto);
	ng_graph_clear(&v->shapes);
	ng_graph_clear(&v->data);
	ng_store_free(v->st);
	if (v->world)
		raptor_free_world(v->world);
	free(v);
}

void
ng_validator_set_error_func(ng_validator *v, ng_error_func func, void *handle)
{
	v->func = func;
	v->handle = handle;
}

/* Parses path (or in, named path) into g; *end becomes the store's next
 * term ID, whether or not the parse succeeded. */
static ng_status
load(ng_validator *v, ng_graph *g, size_t *end, const char *path, FILE *in,
     const char *syntax)
{
	ng_status st;

	if (!v || !path)
		return NG_ERR_BAD_ARG;
	st = ng_graph_parse(g, v->st, v->world, path, in, syntax, v->func, v->handle);
	*end = ng_store_count(v->st) + 1;
	return st;
}

ng_status
ng_validator_load_ontology(ng_validator *v, const char *path)
{
	ng_status st = load(v, &v->onto, &v->onto_end, path, NULL, NULL);

	if (!st)
		v->have_onto = 1;
	return st;
}

ng_status
ng_validator_load_shapes(ng_validator *v, const char *path)
{
	ng_status st = load(v, &v->shapes, &v->shapes_end, path, NULL, NULL);

	if (!st)
		v->have_shapes = 1;
	return st;
}

ng_status
ng_validator_load_data(ng_validator *v, const char *path, const char *syntax)
{
	return load(v, &v->data, &v->data_end, path, NULL, syntax);
}

ng_status
ng_validator_load_data_stream(ng_validator *v, FILE *in, const char *name,
                              const char *syntax)
{
	if (!in || !name || !syntax)
		return NG_ERR_BAD_ARG;
	return load(v, &v->data, &v->data_end, name, in, syntax);
}

static size_t
max_size(size_t a, size_t b)
{
	return a > b ? a : b;
}

/* Gives back the terms that no graph still loaded uses: every term of a
 * graph was interned before the end of its last load. */
static void
release_terms(ng_validator *v)
{
	size_t keep = max_size(v->base_end, v->onto_end);

	if (v->shapes.n || v->have_shapes)
		keep = max_size(keep, v->shapes_end);
	if (v->data.n)
		keep = max_size(keep, v->data_end);
	ng_store_truncate(v->st, keep);
}

void
ng_validator_clear_data(ng_validator *v)
{
	if (!v)
		return;
	clear_run(v);
	ng_graph_clear(&v->data);
	v->data_end = 0;
	release_terms(v);
}

void
ng_validator_clear_shapes(ng_validator *v)
{
	if (!v)
		return;
	clear_run(v);
	ng_graph_clear(&v->shapes);
	v->have_shapes = 0;
	v->shapes_end = 0;
	release_terms(v);
}

static ng_severity
severity_of(const ng_validator *v, ng_tid t)
{
	const ng_vocab *voc = ng_store_vocab(v->st);

	return t == voc->sh_Warning ? NG_SEVERITY_WARNING
	       : t == voc->sh_Info ? NG_SEVERITY_INFO : NG_SEVERITY_VIOLATION;
}

static int
cmp_str(const char *a, const char *b)
{
	return strcmp(a ? a : "", b ? b : "");
}

static int
cmp_fmt(const void *x, const void *y)
{
	const formatted *a = x, *b = y;
	int c;

	if (a->severity != b->severity)
		return a->severity < b->severity ? -1 : 1;
	if ((c = cmp_str(a->focus, b->focus)) || (c = cmp_str(a->path, b->path))
	    || (c = cmp_str(a->value, b->value))
	    || (c = cmp_str(a->component, b->component))
	    || (c = cmp_str(a->shape, b->shape)))
		return c;
	return cmp_str(a->message, b->message);
}

ng_status
ng_validator_run(ng_validator *v)
{
	ng_status st = NG_OK;
	size_t i, n;

	if (!v)
		return NG_ERR_BAD_ARG;
	clear_run(v);
	TRY(st, ng_graph_index(&v->data));
	TRY(st, ng_graph_index(&v->onto));
	TRY(st, ng_graph_index(&v->shapes));
	if (v->have_onto)
		TRY(st, ng_owl_check(v->st, &v->onto, &v->data, &v->owl));
	if (v->have_shapes)
		TRY(st, ng_shacl_validate(v->st, &v->shapes, &v->data,
		                          v->have_onto ? &v->onto : NULL, &v->shacl,
		                          v->func, v->handle));
	n = v->owl.n + v->shacl.n;
	v->fmt = calloc(n + 1, sizeof *v->fmt);
	if (!v->fmt) {
		st = NG_ERR_NOMEM;
		goto done;
	}
	for (i = 0; i < n; i++) {
		const ng_result *r = i < v->owl.n ? &v->owl.v[i]
		                                  : &v->shacl.v[i - v->owl.n];
		formatted *f = &v->fmt[i];
		const ng_term *m = ng_store_term(v->st, r->message);

		f->severity = severity_of(v, r->severity);
		f->focus = ng_store_format(v->st, r->focus);
		f->path = r->path ? ng_path_format(v->st, &v->shapes, r->path) : NULL;
		f->value = r->value ? ng_store_format(v->st, r->value) : NULL;
		f->shape = r->shape ? ng_store_format(v->st, r->shape) : NULL;
		f->component = ng_store_format(v->st, r->component);
		f->message = strdup(m ? m->lex : r->text ? r->text : "");
		if (!f->focus || (r->path && !f->path) || (r->value && !f->value)
		    || (r->shape && !f->shape) || !f->component || !f->message) {
			st = NG_ERR_NOMEM;
			goto done;
		}
		v->sev_count[f->severity]++;
	}
	/* Sort the formatted view; the report keeps result order. */
	qsort(v->fmt, n, sizeof *v->fmt, cmp_fmt);
done:
	if (st && !v->fmt) {
		ng_results_clear(&v->owl);
		ng_results_clear(&v->shacl);
	}
	return st;
}

ng_status
ng_validator_validate_files(ng_validator *v, const char *const *paths, size_t n,
                            const char *syntax)
{
	ng_status st = NG_OK;
	size_t i;

	if (!v || (n && !paths))
		return NG_ERR_BAD_ARG;
	for (i = 0; i < n; i++)
		TRY(st, ng_validator_load_data(v, paths[i], syntax));
	st = ng_validator_run(v);
done:
	return st;
}

int
ng_validator_conforms(const ng_validator *v)
{
	return v && v->owl.n == 0 && v->shacl.n == 0;
}

int
ng_validator_shapes_conform(const ng_validator *v)
{
	return v && v->shacl.n == 0;
}

size_t
ng_validator_triple_count(const ng_validator *v)
{
	return v ? v->data.n : 0;
}

size_t
ng_validator_result_count(const ng_validator *v)
{
	return v && v->fmt ? v->owl.n + v->shacl.n : 0;
}

size_t
ng_validator_severity_count(const ng_validator *v, ng_severity sev)
{
	if (!v || (unsigned)sev > NG_SEVERITY_INFO)
		return 0;
	return v->sev_count[sev];
}

ng_status
ng_validator_result(const ng_validator *v, size_t i, ng_validation_result *out)
{
	const formatted *f;

	if (!v || !out || i >= ng_validator_result_count(v))
		return NG_ERR_BAD_ARG;
	f = &v->fmt[i];
	out->severity = f->severity;
	out->focus = f->focus;
	out->path = f->path;
	out->value = f->value;
	out->shape = f->shape;
	out->component = f->component;
	out->message = f->message;
	return NG_OK;
}

ng_status
ng_validator_write_report(ng_validator *v, FILE *out)
{
	if (!v || !out)
		return NG_ERR_BAD_ARG;
	return ng_results_write_report(&v->shacl, v->st, &v->shapes, out);
}
