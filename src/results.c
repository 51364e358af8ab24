/* SPDX-License-Identifier: Apache-2.0 */
/* Validation results: the list the OWL checks and SHACL Core append to, and
 * its W3C SHACL validation report written by raptor2. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results.h"
/* ------------------------------------------------------------ results */

void
ng_results_clear(ng_results *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->v[i].text);
	free(r->v);
	memset(r, 0, sizeof *r);
}

ng_status
ng_results_add(ng_results *r, const ng_result *res)
{
	if (r->n == r->cap) {
		size_t ncap = r->cap ? r->cap * 2 : 16;
		ng_result *nv = realloc(r->v, ncap * sizeof *nv);

		if (!nv)
			return NG_ERR_NOMEM;
		r->v = nv;
		r->cap = ncap;
	}
	r->v[r->n++] = *res;
	return NG_OK;
}

/* ------------------------------------------------------------ report */

typedef struct {
	ng_store *st;
	raptor_world *world;
	const ng_graph *shapes; /* where result paths come from */
	raptor_serializer *ser;
	ng_tid *copied;       /* path blank nodes already written */
	size_t ncopied, ccap;
	ng_status status;
} report_ctx;

static raptor_term *
rterm(report_ctx *r, ng_tid id)
{
	const ng_term *t = ng_store_term(r->st, id);
	const ng_vocab *voc = ng_store_vocab(r->st);
	raptor_uri *dt = NULL;
	raptor_term *rt;

	if (!t)
		return NULL;
	switch (t->kind) {
	case NG_TERM_IRI:
		return raptor_new_term_from_uri_string(r->world,
		                                       (const unsigned char *)t->lex);
	case NG_TERM_BNODE:
		return raptor_new_term_from_blank(r->world,
		                                  (const unsigned char *)t->lex);
	default:
		if (!t->lang && t->dt != voc->xsd_string) {
			dt = raptor_new_uri(r->world, (const unsigned char *)
			                    ng_store_term(r->st, t->dt)->lex);
			if (!dt)
				return NULL;
		}
		rt = raptor_new_term_from_counted_literal(
			r->world, (const unsigned char *)t->lex, t->len, dt,
			(const unsigned char *)t->lang, t->lang ? (unsigned char)strlen(t->lang) : 0);
		if (dt)
			raptor_free_uri(dt);
		return rt;
	}
}

static void
emit3(report_ctx *r, ng_tid s, ng_tid p, ng_tid o)
{
	raptor_term *ts, *tp, *to;
	raptor_statement *stmt;

	if (r->status)
		return;
	ts = rterm(r, s);
	tp = rterm(r, p);
	to = rterm(r, o);
	if (!ts || !tp || !to) {
		if (ts)
			raptor_free_term(ts);
		if (tp)
			raptor_free_term(tp);
		if (to)
			raptor_free_term(to);
		r->status = NG_ERR_NOMEM;
		return;
	}
	stmt = raptor_new_statement_from_nodes(r->world, ts, tp, to, NULL);
	if (!stmt) {
		r->status = NG_ERR_NOMEM;
		return;
	}
	if (raptor_serializer_serialize_statement(r->ser, stmt))
		r->status = NG_ERR_RDF;
	raptor_free_statement(stmt);
}

/* Writes the blank node structure of a path (lists, sh:inversePath, ...)
 * from the shapes graph, once per node. */
static void
copy_path(report_ctx *r, ng_tid node, int depth)
{
	const ng_term *t = ng_store_term(r->st, node);
	size_t n, i;
	const ng_triple *tr;

	if (!t || t->kind != NG_TERM_BNODE || depth > 64)
		return;
	for (i = 0; i < r->ncopied; i++)
		if (r->copied[i] == node)
			return;
	if (ng_tid_push(&r->copied, &r->ncopied, &r->ccap, node)) {
		r->status = NG_ERR_NOMEM;
		return;
	}
	tr = ng_graph_sp(r->shapes, node, 0, &n);
	for (i = 0; i < n; i++) {
		const ng_vocab *voc = ng_store_vocab(r->st);

		/* a list node of a sequence path: only its list triples */
		if (ng_graph_object(r->shapes, node, voc->rdf_first)
		    && tr[i].p != voc->rdf_first && tr[i].p != voc->rdf_rest)
			continue;
		emit3(r, node, tr[i].p, tr[i].o);
		copy_path(r, tr[i].o, depth + 1);
	}
}

ng_status
ng_results_write_report(const ng_results *results, ng_store *st,
                        raptor_world *world, const ng_graph *shapes, FILE *out)
{
	static const char *const ns[][2] = {
		{ "sh", NG_SH }, { "rdf", NG_RDF }, { "rdfs", NG_RDFS },
		{ "xsd", NG_XSD }, { "ng", NG_NS },
		{ "dcterms", "http://purl.org/dc/terms/" },
		{ "skos", "http://www.w3.org/2004/02/skos/core#" },
		{ "nif", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#" },
		{ "itsrdf", "http://www.w3.org/2005/11/its/rdf#" },
	};
	report_ctx r;
	const ng_vocab *voc;
	ng_tid report, conforms;
	size_t i;

	memset(&r, 0, sizeof r);
	r.st = st;
	r.world = world;
	r.shapes = shapes;
	voc = ng_store_vocab(st);
	r.ser = raptor_new_serializer(world, "turtle");
	if (!r.ser)
		return NG_ERR_RDF;
	for (i = 0; i < sizeof ns / sizeof ns[0]; i++) {
		raptor_uri *u = raptor_new_uri(world, (const unsigned char *)ns[i][1]);

		if (!u) {
			r.status = NG_ERR_NOMEM;
			goto done;
		}
		raptor_serializer_set_namespace(r.ser, u, (const unsigned char *)ns[i][0]);
		raptor_free_uri(u);
	}
	if (raptor_serializer_start_to_file_handle(r.ser, NULL, out)) {
		r.status = NG_ERR_RDF;
		goto done;
	}
	report = ng_store_new_bnode(st);
	conforms = ng_store_intern(st, NG_TERM_LITERAL,
	                           results->n ? "false" : "true", results->n ? 5 : 4,
	                           voc->xsd_boolean, NULL);
	if (!report || !conforms) {
		r.status = NG_ERR_NOMEM;
		goto done;
	}
	emit3(&r, report, voc->rdf_type, voc->sh_ValidationReport);
	emit3(&r, report, voc->sh_conforms, conforms);
	for (i = 0; i < results->n && !r.status; i++) {
		const ng_result *res = &results->v[i];
		ng_tid node = ng_store_new_bnode(st), msg = res->message;

		if (!node) {
			r.status = NG_ERR_NOMEM;
			break;
		}
		if (!msg && res->text)
			msg = ng_store_intern(st, NG_TERM_LITERAL, res->text,
			                      strlen(res->text), 0, NULL);
		emit3(&r, report, voc->sh_result, node);
		emit3(&r, node, voc->rdf_type, voc->sh_ValidationResult);
		emit3(&r, node, voc->sh_focusNode, res->focus);
		if (res->path) {
			emit3(&r, node, voc->sh_resultPath, res->path);
			copy_path(&r, res->path, 0);
		}
		if (res->value)
			emit3(&r, node, voc->sh_value, res->value);
		if (res->shape)
			emit3(&r, node, voc->sh_sourceShape, res->shape);
		emit3(&r, node, voc->sh_sourceConstraintComponent, res->component);
		emit3(&r, node, voc->sh_resultSeverity, res->severity);
		if (msg)
			emit3(&r, node, voc->sh_resultMessage, msg);
	}
	if (raptor_serializer_serialize_end(r.ser) && !r.status)
		r.status = NG_ERR_RDF;
	if (fflush(out) && !r.status)
		r.status = NG_ERR_IO;
done:
	raptor_free_serializer(r.ser);
	free(r.copied);
	return r.status;
}