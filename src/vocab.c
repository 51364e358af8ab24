/* SPDX-License-Identifier: Apache-2.0 */
/* The ontology's fact properties, read from newsgraph.ttl through raptor2,
 * so that a new property is added to the ontology, not to the code. */
#include "config.h"

#include <errno.h>
#include <raptor2.h>
#include <stdlib.h>
#include <string.h>

#include "vocab.h"

#define RDF_TYPE "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#define FACT_PROPERTY NG_NS "FactProperty"

typedef struct {
	ng_vocab *v;
	ng_status st;
	const char *path;
} reader;

static void
statement(void *data, raptor_statement *t)
{
	reader *r = data;
	ng_vocab *v = r->v;
	const char *s, *name;
	size_t i, n = strlen(NG_NS);

	if (r->st || t->subject->type != RAPTOR_TERM_TYPE_URI ||
	    t->object->type != RAPTOR_TERM_TYPE_URI ||
	    strcmp((const char *)raptor_uri_as_string(t->predicate->value.uri), RDF_TYPE) ||
	    strcmp((const char *)raptor_uri_as_string(t->object->value.uri), FACT_PROPERTY))
		return;
	s = (const char *)raptor_uri_as_string(t->subject->value.uri);
	if (strncmp(s, NG_NS, n) || !s[n]) {
		ng_sink_error(v->sink, NG_ERR_SYNTAX, r->path, 0, 0,
		              "fact property <%s> is not in the namespace <%s>", s, NG_NS);
		r->st = NG_ERR_SYNTAX;
		return;
	}
	name = s + n;
	for (i = 0; i < v->n_props; i++)
		if (!strcmp(v->props[i], name))
			return;
	if (NG_GROW(v->props, v->cap_props, v->n_props + 1) ||
	    !(v->props[v->n_props] = ng_strndup(name, strlen(name)))) {
		r->st = NG_ERR_NOMEM;
		return;
	}
	v->n_props++;
}

static void
log_error(void *data, raptor_log_message *msg)
{
	reader *r = data;

	if (msg->level < RAPTOR_LOG_LEVEL_ERROR || r->st)
		return;
	ng_sink_error(r->v->sink, NG_ERR_SYNTAX, r->path,
	              msg->locator ? (unsigned long)(msg->locator->line > 0 ? msg->locator->line : 0) : 0,
	              0, "%s", msg->text ? msg->text : "Turtle syntax error");
	r->st = NG_ERR_SYNTAX;
}

void
ng_vocab_init(ng_vocab *v, const ng_sink *sink)
{
	memset(v, 0, sizeof(*v));
	v->sink = sink;
}

ng_status
ng_vocab_load(ng_vocab *v, const char *path)
{
	reader r = {v, NG_OK, path};
	raptor_world *world = NULL;
	raptor_parser *p = NULL;
	raptor_uri *uri = NULL;
	unsigned char *file_uri = NULL;
	FILE *fp;

	if (!(fp = fopen(path, "rb"))) {
		ng_status st = errno == ENOENT ? NG_ERR_NOT_FOUND : NG_ERR_IO;
		ng_sink_error(v->sink, st, path, 0, 0, "cannot read the ontology: %s", strerror(errno));
		return st;
	}
	if (!(world = raptor_new_world()) || raptor_world_open(world)) {
		r.st = NG_ERR_NOMEM;
		goto done;
	}
	raptor_world_set_log_handler(world, &r, log_error);
	if (!(p = raptor_new_parser(world, "turtle")) ||
	    !(file_uri = raptor_uri_filename_to_uri_string(path)) ||
	    !(uri = raptor_new_uri(world, file_uri))) {
		r.st = NG_ERR_NOMEM;
		goto done;
	}
	raptor_parser_set_statement_handler(p, &r, statement);
	if (raptor_parser_parse_file_stream(p, fp, path, uri) && !r.st)
		r.st = NG_ERR_SYNTAX;
	if (!r.st && !v->n_props) {
		ng_sink_error(v->sink, NG_ERR_SYNTAX, path, 0, 0,
		              "the ontology defines no ng:FactProperty");
		r.st = NG_ERR_SYNTAX;
	}
	if (!r.st && !(v->file = ng_strndup(path, strlen(path))))
		r.st = NG_ERR_NOMEM;
done:
	if (uri)
		raptor_free_uri(uri);
	if (file_uri)
		raptor_free_memory(file_uri);
	if (p)
		raptor_free_parser(p);
	if (world)
		raptor_free_world(world);
	fclose(fp);
	return r.st;
}

const char *
ng_vocab_property(const ng_vocab *v, const char *name)
{
	size_t i;

	for (i = 0; i < v->n_props; i++)
		if (!strcmp(v->props[i], name))
			return v->props[i];
	return NULL;
}

void
ng_vocab_free(ng_vocab *v)
{
	size_t i;

	for (i = 0; i < v->n_props; i++)
		free(v->props[i]);
	free(v->props);
	free(v->file);
	memset(v, 0, sizeof(*v));
}
