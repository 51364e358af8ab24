/* SPDX-License-Identifier: Apache-2.0 */
/* The graph of a document as RDF statements, serialized by raptor2: the
 * article, its entities with their mentions (NIF), the facts as plain
 * triples, and one provenance record per occurrence of a fact. */
#include "internal.h"

#include <raptor2.h>
#include <stdlib.h>
#include <string.h>

#define RDF_NS "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define RDFS_NS "http://www.w3.org/2000/01/rdf-schema#"
#define XSD_NS "http://www.w3.org/2001/XMLSchema#"
#define SKOS_NS "http://www.w3.org/2004/02/skos/core#"
#define DCT_NS "http://purl.org/dc/terms/"
#define NIF_NS "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
#define ITS_NS "http://www.w3.org/2005/11/its/rdf#"
#define PROV_NS "http://www.w3.org/ns/prov#"
#define SCHEMA_NS "https://schema.org/"

struct ng_writer {
	raptor_world *world;
	raptor_serializer *ser;  /* N-Triples and N-Quads: one for the run */
	raptor_iostream *io;     /* writes into out */
	FILE *fp;
	ng_buf out;              /* one document's bytes, written with fwrite */
	ng_format format;
	char *base;
	bool started;
	bool failed;
	bool io_failed;
	bool no_mentions;
	size_t docs;
	ng_buf a, b;      /* scratch */
	raptor_term *graph; /* current named graph (N-Quads) */
};

static const char *const format_names[] = {"turtle", "ntriples", "nquads"};

/* The line formats hand their bytes on once this many are collected, so a
 * huge article does not sit in memory whole. */
#define NG_WRITER_CHUNK (1u << 20)

/* Writes the collected bytes to the stream mid-document. */
static int
spill(ng_writer *w)
{
	if (fwrite(w->out.buf, 1, w->out.len, w->fp) != w->out.len) {
		w->io_failed = true;
		w->out.len = 0;
		return 1;
	}
	w->out.len = 0;
	return 0;
}

/* raptor writes byte by byte; collecting the bytes in memory and writing
 * them in large chunks avoids a locked fputc per byte. */
static int
io_write_byte(void *context, const int byte)
{
	ng_writer *w = context;

	if (w->out.len + 1 >= w->out.cap &&
	    NG_GROW(w->out.buf, w->out.cap, w->out.len + 2)) {
		w->io_failed = true;
		return 1;
	}
	w->out.buf[w->out.len++] = (char)byte;
	if (w->out.len >= NG_WRITER_CHUNK && w->format != NG_FORMAT_TURTLE)
		return spill(w);
	return 0;
}

static int
io_write_bytes(void *context, const void *ptr, size_t size, size_t nmemb)
{
	ng_writer *w = context;
	if (ng_buf_add(&w->out, ptr, size * nmemb)) {
		w->io_failed = true;
		return 0;
	}
	if (w->out.len >= NG_WRITER_CHUNK && w->format != NG_FORMAT_TURTLE && spill(w))
		return 0;
	return (int)nmemb;
}

static const raptor_iostream_handler io_handler = {
	2, NULL, NULL, io_write_byte, io_write_bytes, NULL, NULL, NULL
};

/* Writes what the document produced to the stream. */
static ng_status
drain(ng_writer *w)
{
	if (w->out.len && fwrite(w->out.buf, 1, w->out.len, w->fp) != w->out.len) {
		ng_buf_clear(&w->out);
		return NG_ERR_IO;
	}
	ng_buf_clear(&w->out);
	return w->io_failed ? NG_ERR_IO : NG_OK;
}

int
ng_format_from_name(const char *name)
{
	if (!strcmp(name, "turtle") || !strcmp(name, "ttl"))
		return NG_FORMAT_TURTLE;
	if (!strcmp(name, "ntriples") || !strcmp(name, "nt"))
		return NG_FORMAT_NTRIPLES;
	if (!strcmp(name, "nquads") || !strcmp(name, "nq"))
		return NG_FORMAT_NQUADS;
	return -1;
}

static void
raptor_log(void *data, raptor_log_message *msg)
{
	ng_writer *w = data;

	if (msg->level >= RAPTOR_LOG_LEVEL_ERROR)
		w->failed = true;
}

ng_writer *
ng_writer_new(ng_format format, const char *base, FILE *out)
{
	ng_writer *w = calloc(1, sizeof(*w));

	if (!w)
		return NULL;
	w->format = format;
	w->fp = out;
	w->base = ng_strndup(base ? base : NG_DEFAULT_BASE, strlen(base ? base : NG_DEFAULT_BASE));
	if (!w->base || !(w->world = raptor_new_world()) || raptor_world_open(w->world))
		goto fail;
	raptor_world_set_log_handler(w->world, w, raptor_log);
	if (!(w->io = raptor_new_iostream_from_handler(w->world, w, &io_handler)))
		goto fail;
	return w;
fail:
	ng_writer_free(w);
	return NULL;
}

void
ng_writer_set_mentions(ng_writer *w, int on)
{
	w->no_mentions = !on;
}

void
ng_writer_free(ng_writer *w)
{
	if (!w)
		return;
	if (w->ser)
		raptor_free_serializer(w->ser);
	if (w->io)
		raptor_free_iostream(w->io);
	if (w->world)
		raptor_free_world(w->world);
	ng_buf_free(&w->out);
	ng_buf_free(&w->a);
	ng_buf_free(&w->b);
	free(w->base);
	free(w);
}

static void
ns(ng_writer *w, const char *uri, const char *prefix)
{
	raptor_uri *u = raptor_new_uri(w->world, (const unsigned char *)uri);

	if (!u) {
		w->failed = true;
		return;
	}
	raptor_serializer_set_namespace(w->ser, u, (const unsigned char *)prefix);
	raptor_free_uri(u);
}

/* Starts a serializer. Turtle gets one per document, so that each
 * document is complete and memory does not grow with the run (raptor
 * 2.0.15's Turtle serializer writes only at its end); the line formats
 * stream through one serializer for the whole run. */
static ng_status
start(ng_writer *w)
{
	ng_buf b = {0};
	size_t i;

	if (w->ser && w->format != NG_FORMAT_TURTLE)
		return NG_OK;
	if (!(w->ser = raptor_new_serializer(w->world, format_names[w->format])))
		return NG_ERR_RDF;
	/* A NULL base: raptor 2.0.15 writes relative IRIs against a base. */
	if (raptor_serializer_start_to_iostream(w->ser, NULL, w->io))
		return NG_ERR_RDF;
	w->started = true;
	if (w->format != NG_FORMAT_TURTLE)
		return NG_OK;
	ns(w, NG_NS, "ng");
	ns(w, RDF_NS, "rdf");
	ns(w, RDFS_NS, "rdfs");
	ns(w, XSD_NS, "xsd");
	ns(w, SKOS_NS, "skos");
	ns(w, DCT_NS, "dcterms");
	ns(w, NIF_NS, "nif");
	ns(w, ITS_NS, "itsrdf");
	for (i = 0; i < NG_CLASS_COUNT; i++) {
		ng_buf_clear(&b);
		if (ng_buf_printf(&b, "%s%s/", w->base, ng_class_path((ng_class)i)))
			return NG_ERR_NOMEM;
		ns(w, b.buf, ng_class_path((ng_class)i));
	}
	ng_buf_clear(&b);
	if (ng_buf_printf(&b, "%sfact/", w->base))
		return NG_ERR_NOMEM;
	ns(w, b.buf, "fact");
	ng_buf_free(&b);
	return w->failed ? NG_ERR_RDF : NG_OK;
}

/* Ends a Turtle document. */
static ng_status
end_turtle(ng_writer *w)
{
	int r = raptor_serializer_serialize_end(w->ser);

	raptor_free_serializer(w->ser);
	w->ser = NULL;
	return r ? NG_ERR_RDF : NG_OK;
}

static raptor_term *
iri(ng_writer *w, const char *s)
{
	return raptor_new_term_from_uri_string(w->world, (const unsigned char *)s);
}

static raptor_term *
iri2(ng_writer *w, const char *a, const char *b)
{
	raptor_term *t;

	ng_buf_clear(&w->a);
	if (ng_buf_adds(&w->a, a) || ng_buf_adds(&w->a, b))
		return NULL;
	t = iri(w, w->a.buf);
	return t;
}

static raptor_term *
lit(ng_writer *w, const char *s, size_t n, const char *dt)
{
	raptor_uri *u = NULL;
	raptor_term *t;

	if (dt && !(u = raptor_new_uri(w->world, (const unsigned char *)dt)))
		return NULL;
	t = raptor_new_term_from_counted_literal(w->world, (const unsigned char *)s, n, u, NULL, 0);
	if (u)
		raptor_free_uri(u);
	return t;
}

static raptor_term *
lit_int(ng_writer *w, size_t v)
{
	char buf[32];
	int n = snprintf(buf, sizeof(buf), "%zu", v);
	return lit(w, buf, (size_t)n, XSD_NS "nonNegativeInteger");
}

/* Emits a statement, taking the three terms. */
static void
emit(ng_writer *w, raptor_term *s, raptor_term *p, raptor_term *o)
{
	raptor_statement *st;

	if (!s || !p || !o) {
		w->failed = true;
		goto fail;
	}
	st = raptor_new_statement_from_nodes(w->world, s, p, o,
	                                     w->graph ? raptor_term_copy(w->graph) : NULL);
	if (!st) {
		w->failed = true;
		return;
	}
	if (raptor_serializer_serialize_statement(w->ser, st))
		w->failed = true;
	raptor_free_statement(st);
	return;
fail:
	if (s)
		raptor_free_term(s);
	if (p)
		raptor_free_term(p);
	if (o)
		raptor_free_term(o);
}

static raptor_term *
ent_term(ng_writer *w, const ng_entity *e)
{
	return iri2(w, w->base, e->id);
}

static const char *const mod_iris[] = {NG_NS "Asserted", NG_NS "Negated", NG_NS "Intended",
                                      NG_NS "Planned", NG_NS "Reported"};

static void
write_fact(ng_writer *w, ng_doc *doc, const ng_fact *f, raptor_term *article, bool plain)
{
	const ng_entity *s = &doc->ents[f->s];
	const ng_sentence *se = &doc->sents[f->sent];
	size_t b = ng_text_char_offset(&doc->text, ng_text_orig(&doc->text, se->b));
	size_t e = ng_text_char_offset(&doc->text, ng_text_orig(&doc->text, se->e));
	const char *obj = f->literal ? f->literal : doc->ents[f->o].id;
	const char *text;
	raptor_term *rec;
	uint64_t h;
	char conf[16];

	if (plain) {
		emit(w, ent_term(w, s), iri2(w, NG_NS, f->prop),
		     f->literal ? lit(w, f->literal, strlen(f->literal), NULL)
		                : ent_term(w, &doc->ents[f->o]));
	}
	/* The record's IRI is a hash of what makes the occurrence unique. */
	ng_buf_clear(&w->b);
	if (ng_buf_printf(&w->b, "%s|%s|%s|%s|%d|%zu|%zu|%s", doc->article_id, s->id, f->prop,
	                  obj, f->literal != NULL, b, e, f->rule)) {
		w->failed = true;
		return;
	}
	h = ng_hash64(w->b.buf, w->b.len, 0);
	ng_buf_clear(&w->b);
	if (ng_buf_printf(&w->b, "%sfact/%016llx", w->base, (unsigned long long)h)) {
		w->failed = true;
		return;
	}
	if (!(rec = iri(w, w->b.buf))) {
		w->failed = true;
		return;
	}
	emit(w, raptor_term_copy(rec), iri(w, RDF_NS "type"), iri(w, NG_NS "Provenance"));
	emit(w, raptor_term_copy(rec), iri(w, RDF_NS "subject"), ent_term(w, s));
	emit(w, raptor_term_copy(rec), iri(w, RDF_NS "predicate"), iri2(w, NG_NS, f->prop));
	emit(w, raptor_term_copy(rec), iri(w, RDF_NS "object"),
	     f->literal ? lit(w, f->literal, strlen(f->literal), NULL) : ent_term(w, &doc->ents[f->o]));
	emit(w, raptor_term_copy(rec), iri(w, NG_NS "article"), raptor_term_copy(article));
	text = ng_doc_sentence_text(doc, f->sent);
	emit(w, raptor_term_copy(rec), iri(w, NG_NS "sentence"),
	     text ? lit(w, text, strlen(text), NULL) : NULL);
	emit(w, raptor_term_copy(rec), iri(w, NIF_NS "beginIndex"), lit_int(w, b));
	emit(w, raptor_term_copy(rec), iri(w, NIF_NS "endIndex"), lit_int(w, e));
	emit(w, raptor_term_copy(rec), iri(w, NG_NS "rule"), lit(w, f->rule, strlen(f->rule), NULL));
	emit(w, raptor_term_copy(rec), iri(w, NG_NS "modality"), iri(w, mod_iris[f->mod]));
	snprintf(conf, sizeof(conf), "%.2f", f->confidence);
	emit(w, rec, iri(w, NG_NS "confidence"), lit(w, conf, strlen(conf), XSD_NS "decimal"));
}

ng_status
ng_writer_write_doc(ng_writer *w, const ng_doc *cdoc)
{
	ng_doc *doc = (ng_doc *)cdoc; /* caches offsets and sentence texts */
	raptor_term *article;
	size_t i, j;
	ng_status st;

	if ((st = start(w)))
		return st;
	w->failed = false;
	ng_buf_clear(&w->a);
	if (!(article = iri2(w, w->base, doc->article_id)))
		return NG_ERR_NOMEM;
	if (w->format == NG_FORMAT_NQUADS)
		w->graph = raptor_term_copy(article);
	emit(w, raptor_term_copy(article), iri(w, RDF_NS "type"), iri(w, NG_NS "Article"));
	if (doc->title && *doc->title)
		emit(w, raptor_term_copy(article), iri(w, DCT_NS "title"),
		     lit(w, doc->title, strlen(doc->title), NULL));
	if (doc->date)
		emit(w, raptor_term_copy(article), iri(w, DCT_NS "date"),
		     lit(w, doc->date, strlen(doc->date), XSD_NS "date"));
	if (doc->id_meta) {
		ng_buf t = {0};
		if (!ng_clean_literal(doc->id_meta, strlen(doc->id_meta), &t) && t.buf)
			emit(w, raptor_term_copy(article), iri(w, DCT_NS "identifier"),
			     lit(w, t.buf, t.len, NULL));
		ng_buf_free(&t);
	}
	if (doc->url) {
		raptor_uri *u = raptor_new_uri(w->world, (const unsigned char *)doc->url);
		if (u) {
			raptor_free_uri(u);
			emit(w, raptor_term_copy(article), iri(w, DCT_NS "source"), iri(w, doc->url));
		}
	}
	for (i = 0; i < doc->n_ents; i++) {
		const ng_entity *e = &doc->ents[i];
		if (!e->used)
			continue;
		emit(w, ent_term(w, e), iri(w, RDF_NS "type"), iri2(w, NG_NS, ng_class_name(e->cls)));
		emit(w, ent_term(w, e), iri(w, RDFS_NS "label"), lit(w, e->label, strlen(e->label), NULL));
		for (j = 0; j < e->n_alts; j++)
			emit(w, ent_term(w, e), iri(w, SKOS_NS "altLabel"),
			     lit(w, e->alts[j], strlen(e->alts[j]), NULL));
		if (e->cls == NG_CLASS_COUNTRY && e->entry >= 0 && doc->kb->entries[e->entry].iso3) {
			const char *iso = doc->kb->entries[e->entry].iso3;
			emit(w, ent_term(w, e), iri(w, NG_NS "isoCode"), lit(w, iso, strlen(iso), NULL));
		}
	}
	for (i = 0; !w->no_mentions && i < doc->n_mentions; i++) {
		const ng_mention *m = &doc->mentions[i];
		size_t ob = ng_text_orig(&doc->text, doc->toks[m->tb].b);
		size_t oe = ng_text_orig(&doc->text, doc->toks[m->te - 1].e);
		size_t cb = ng_text_char_offset(&doc->text, ob);
		size_t ce = ng_text_char_offset(&doc->text, oe);
		raptor_term *mt;
		ng_buf t = {0};
		char frag[64];
		snprintf(frag, sizeof(frag), "#char=%zu,%zu", cb, ce);
		ng_buf_clear(&w->b);
		if (ng_buf_printf(&w->b, "%s%s%s", w->base, doc->article_id, frag) ||
		    !(mt = iri(w, w->b.buf)))
			continue;
		emit(w, raptor_term_copy(mt), iri(w, RDF_NS "type"), iri(w, NIF_NS "Phrase"));
		emit(w, raptor_term_copy(mt), iri(w, NIF_NS "referenceContext"), raptor_term_copy(article));
		emit(w, raptor_term_copy(mt), iri(w, NIF_NS "beginIndex"), lit_int(w, cb));
		emit(w, raptor_term_copy(mt), iri(w, NIF_NS "endIndex"), lit_int(w, ce));
		if (!ng_clean_literal(doc->text.orig + ob, oe - ob, &t) && t.buf)
			emit(w, raptor_term_copy(mt), iri(w, NIF_NS "anchorOf"), lit(w, t.buf, t.len, NULL));
		ng_buf_free(&t);
		emit(w, mt, iri(w, ITS_NS "taIdentRef"), ent_term(w, &doc->ents[m->ent]));
	}
	{
		/* One plain triple per asserted fact, however many sentences
		 * state it; a provenance record for each occurrence. */
		ng_u64map seen;
		ng_u64map_init(&seen);
		for (i = 0; i < doc->n_facts; i++) {
			const ng_fact *f = &doc->facts[i];
			bool plain = false;
			if (f->mod == NG_MOD_ASSERTED) {
				uint64_t key = ng_fact_key(f, false);
				uint32_t prev;
				plain = !ng_u64map_get(&seen, key, &prev) || !ng_fact_same(&doc->facts[prev], f);
				if (plain && ng_u64map_put(&seen, key, (uint32_t)i))
					w->failed = true;
			}
			write_fact(w, doc, f, article, plain);
		}
		ng_u64map_free(&seen);
	}
	raptor_free_term(article);
	if (w->graph) {
		raptor_free_term(w->graph);
		w->graph = NULL;
	}
	if (w->format == NG_FORMAT_TURTLE) {
		if (end_turtle(w))
			w->failed = true;
	} else if (raptor_serializer_flush(w->ser))
		w->failed = true;
	w->docs++;
	if ((st = drain(w)))
		return st;
	return w->failed ? NG_ERR_RDF : NG_OK;
}

ng_status
ng_writer_finish(ng_writer *w)
{
	ng_status st;

	if (w->format == NG_FORMAT_TURTLE) {
		/* No document: still a valid, empty Turtle file with prefixes. */
		if (w->docs)
			return NG_OK;
		if ((st = start(w)) || (st = end_turtle(w)))
			return st;
		return drain(w);
	}
	if ((st = start(w)))
		return st;
	if (raptor_serializer_serialize_end(w->ser))
		return NG_ERR_RDF;
	if ((st = drain(w)))
		return st;
	return w->failed ? NG_ERR_RDF : NG_OK;
}
