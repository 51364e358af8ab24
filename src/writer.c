/* SPDX-License-Identifier: Apache-2.0 */
/* The graph of a document as RDF statements: the article with the
 * entities it mentions, each entity with the facts about it as plain
 * triples, the sentences that state facts (NIF sentences, their text once),
 * and one provenance record per occurrence of a fact, pointing to its
 * sentence. On request the NIF layer too: the article's text and every
 * mention of an entity with its offsets.
 *
 * Terms are formatted by raptor2, once: every predicate, class and datatype
 * IRI when the writer is made (raptor_uri_escaped_write with N-Triples
 * flags, as raptor's serializers of the line formats write IRIs; for Turtle
 * raptor_uri_to_turtle_counted_string with a namespace stack holding
 * the prefixes the Turtle header declares, so that IRIs come out as
 * prefixed names where raptor would), and the article, entity, mention and
 * record IRIs once per document or per subject. Literals are escaped by
 * raptor_string_escaped_write with the flags of the format; a run of
 * printable ASCII, which raptor copies unchanged in every format, is copied
 * here directly.
 *
 * Statements are laid out by newsgraph into one buffer: N-Triples and
 * N-Quads as `S P O [G] .` lines, Turtle as subject blocks (consecutive
 * statements with the same subject share it, in the document's statement
 * order) after the @prefix header. Nothing of a document is held beyond the
 * buffer, which is handed on in chunks, so a huge article streams in every
 * format. */
#include "config.h"

#include "doc.h"
#include "iri.h"

#include <errno.h>
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
#define OWL_NS "http://www.w3.org/2002/07/owl#"
#define WD_NS "http://www.wikidata.org/entity/"
#define GEONAMES_NS "https://sws.geonames.org/"
#define SCHEMA_NS "https://schema.org/"

/* The constant terms, formatted once per writer. */
enum {
	K_TYPE, K_TITLE, K_DATE, K_IDENTIFIER, K_SOURCE, K_LABEL, K_ALT_LABEL,
	K_ISO_CODE, K_REF_CONTEXT, K_BEGIN, K_END, K_ANCHOR, K_TA_IDENT,
	K_R_SUBJECT, K_R_PREDICATE, K_R_OBJECT, K_ARTICLE, K_SENTENCE, K_RULE,
	K_MODALITY, K_CONFIDENCE, K_SAME_AS, K_MENTION_RULE, K_MENTIONS, K_IS_STRING,
	K_WHEN, K_WHEN_TEXT,
	K_C_ARTICLE, K_C_PHRASE, K_C_SENTENCE, K_C_PROVENANCE,
	K_MOD, /* five modalities */
	K_DT_NNI = K_MOD + 5, K_DT_DATE, K_DT_DECIMAL, K_DT_GYEAR, /* "^^" and the datatype */
	K_CLASS, /* NG_CLASS_COUNT classes */
	K_COUNT = K_CLASS + NG_CLASS_COUNT
};

static const char *const k_iris[K_CLASS] = {
	RDF_NS "type", DCT_NS "title", DCT_NS "date", DCT_NS "identifier", DCT_NS "source",
	RDFS_NS "label", SKOS_NS "altLabel", NG_NS "isoCode", NIF_NS "referenceContext",
	NIF_NS "beginIndex", NIF_NS "endIndex", NIF_NS "anchorOf", ITS_NS "taIdentRef",
	RDF_NS "subject", RDF_NS "predicate", RDF_NS "object", NG_NS "article",
	NG_NS "sentence", NG_NS "rule", NG_NS "modality", NG_NS "confidence",
	OWL_NS "sameAs", NG_NS "mentionRule", SCHEMA_NS "mentions", NIF_NS "isString",
	NG_NS "date", NG_NS "dateText",
	NG_NS "Article", NIF_NS "Phrase", NIF_NS "Sentence", NG_NS "Provenance",
	NG_NS "Asserted", NG_NS "Negated", NG_NS "Intended", NG_NS "Planned", NG_NS "Reported",
	XSD_NS "nonNegativeInteger", XSD_NS "date", XSD_NS "decimal", XSD_NS "gYear"
};

/* Bytes of a formatted term in one of the writer's buffers. */
typedef struct {
	size_t off, len;
} span;

/* A family of IRIs that differ in a tail of digits, commas or hex digits:
 * raptor's bytes for one of them, probe, split around the tail. A tail is
 * then written between head and rest without asking raptor again; made
 * only when raptor wrote the probe's tail unchanged. */
typedef struct {
	ng_buf b;     /* head, the probe's tail, rest */
	size_t head;  /* bytes before the tail */
	size_t probe; /* length of the probe's tail */
	bool ok;
} iri_tmpl;

/* A fact property (NG_NS + name) and its formatted IRI in kbuf. */
typedef struct {
	char *name;
	span s;
} prop_term;

struct ng_writer {
	raptor_world *world;
	raptor_namespace_stack *nstack; /* Turtle: the declared prefixes */
	raptor_iostream *io;            /* raptor's escapes land in out */
	FILE *fp;
	ng_buf out;     /* bytes not yet written, handed on in chunks */
	ng_format format;
	unsigned lit_flags; /* raptor_string_escaped_write flags for literals */
	char *base;
	/* The first failure, which keeps its kind: st of the document being
	 * written, io_st of the output since it was set (bytes were lost). */
	ng_status st;
	ng_status io_st;
	int io_errno;   /* of the write that failed */
	bool mentions;  /* write the NIF layer: the text and every mention */
	bool in_block;  /* Turtle: a subject block is open */
	bool header_done; /* Turtle: the output has its @prefix lines */
	bool relative;  /* Turtle: sentence and mention IRIs relative to @base */
	size_t last_p;  /* Turtle: the predicate of the last statement (kbuf
	                   offset), so that objects of one predicate share it */
	size_t docs;
	ng_buf header;  /* Turtle: the @prefix lines and a blank line */
	ng_buf kbuf;    /* constant terms */
	span k[K_COUNT];
	prop_term *props;
	size_t n_props, cap_props;
	ng_buf dbuf;    /* the document's article IRI */
	span article;
	span egraph;    /* N-Quads: the graph of entity descriptions (kbuf) */
	bool in_egraph; /* N-Quads: statements go to egraph */
	ng_strmap described; /* entities described in this output */
	ng_strmap ent_ids; /* entity IRIs formatted so far: id -> index */
	span *ent_terms;   /* their bytes in ebuf */
	size_t n_ent_terms, cap_ent_terms;
	ng_buf ebuf;
	span *ents;     /* per entity of the document; len 0 until looked up */
	size_t cap_ents;
	iri_tmpl frag;         /* the document's sentences and mentions:
	                          ARTICLE#char=B,E */
	iri_tmpl rec_digit;    /* fact records: BASEfact/HEX, HEX from 0-9 */
	iri_tmpl rec_letter;   /* and from a-f */
	double conf_v;         /* the last confidence written, as conf_s */
	char conf_s[16];
	bool conf_ok;
	ng_buf subj;    /* Turtle: the subject of the open block */
	ng_buf one;     /* a sentence's, mention's or record's IRI */
	ng_buf sent;    /* a record's sentence IRI */
	ng_buf anchor;  /* a mention's text, cleaned */
	ng_buf src;     /* the article's source URL as an IRI */
	ng_buf link;    /* an entity's owl:sameAs IRI */
	ng_buf a, b;    /* scratch */
	/* Per document: which facts get a plain triple, the facts in the
	 * order of their subjects (where each subject's run starts), and
	 * which sentences state a fact. */
	bool *plain;
	uint32_t *order, *start;
	bool *sent_on;
	bool *in_fact;  /* per entity: a fact names it */
	size_t cap_plain, cap_order, cap_start, cap_sents, cap_in_fact;
};

/* The buffer is handed on once this many bytes are collected, so a huge
 * article does not sit in memory whole. */
#define NG_WRITER_CHUNK (1u << 20)

/* Records a failure in slot unless one is there already. */
static void
fail(ng_status *slot, ng_status st)
{
	if (*slot == NG_OK)
		*slot = st;
}

/* Writes the collected bytes to the stream. */
static void
spill(ng_writer *w)
{
	if (w->out.len && (!w->fp || fwrite(w->out.buf, 1, w->out.len, w->fp) != w->out.len)) {
		if (!w->io_st)
			w->io_errno = w->fp ? errno : EBADF;
		fail(&w->io_st, NG_ERR_IO);
	}
	w->out.len = 0;
}

/* Makes room for n more bytes in out. */
static inline bool
room(ng_writer *w, size_t n)
{
	if (w->out.len + n < w->out.cap)
		return true;
	if (NG_GROW(w->out.buf, w->out.cap, w->out.len + n + 1)) {
		fail(&w->io_st, NG_ERR_NOMEM);
		return false;
	}
	return true;
}

static inline void
put(ng_writer *w, const char *s, size_t n)
{
	if (!n || !room(w, n))
		return;
	memcpy(w->out.buf + w->out.len, s, n);
	w->out.len += n;
}

static inline void
putc_(ng_writer *w, char c)
{
	if (!room(w, 1))
		return;
	w->out.buf[w->out.len++] = c;
}

static int
io_write_byte(void *context, const int byte)
{
	ng_writer *w = context;

	if (!room(w, 1))
		return 1;
	w->out.buf[w->out.len++] = (char)byte;
	return 0;
}

static int
io_write_bytes(void *context, const void *ptr, size_t size, size_t nmemb)
{
	ng_writer *w = context;

	if (!size || !nmemb)
		return (int)nmemb;
	if (!room(w, size * nmemb))
		return 0;
	memcpy(w->out.buf + w->out.len, ptr, size * nmemb);
	w->out.len += size * nmemb;
	return (int)nmemb;
}

static const raptor_iostream_handler io_handler = {
	2, NULL, NULL, io_write_byte, io_write_bytes, NULL, NULL, NULL
};

int
ng_format_from_name(const char *name)
{
	if (!strcmp(name, "turtle") || !strcmp(name, "ttl"))
		return NG_FORMAT_TURTLE;
	if (!strcmp(name, "ntriples") || !strcmp(name, "nt"))
		return NG_FORMAT_NTRIPLES;
	if (!strcmp(name, "nquads") || !strcmp(name, "nq"))
		return NG_FORMAT_NQUADS;
	if (!strcmp(name, "dot"))
		return NG_FORMAT_DOT;
	return -1;
}

static void
raptor_log(void *data, raptor_log_message *msg)
{
	ng_writer *w = data;

	if (msg->level >= RAPTOR_LOG_LEVEL_ERROR)
		fail(&w->st, NG_ERR_RDF);
}

/* Formats the IRI iri as raptor writes it in the writer's format, appended
 * to dst; *s gets where. The line formats take raptor_uri_escaped_write's
 * bytes, as raptor's N-Triples and N-Quads serializers do; it writes
 * through the iostream, so to the end of out, from where they are moved. */
static ng_status
format_iri(ng_writer *w, const char *iri, ng_buf *dst, span *s)
{
	raptor_uri *u = raptor_new_uri(w->world, (const unsigned char *)iri);
	unsigned char *str = NULL;
	size_t len = 0, mark = w->out.len;
	ng_status st = NG_ERR_RDF;

	if (!u)
		goto done;
	if (w->format == NG_FORMAT_TURTLE) {
		if (!(str = raptor_uri_to_turtle_counted_string(w->world, u, w->nstack, NULL, &len)))
			goto done;
		s->off = dst->len;
		s->len = len;
		st = ng_buf_add(dst, (const char *)str, len);
		goto done;
	}
	if (raptor_uri_escaped_write(u, NULL, RAPTOR_ESCAPED_WRITE_NTRIPLES_URI, w->io) ||
	    w->io_st) {
		w->out.len = mark;
		goto done;
	}
	s->off = dst->len;
	s->len = w->out.len - mark;
	st = ng_buf_add(dst, w->out.buf + mark, s->len);
	w->out.len = mark;
done:
	if (str)
		raptor_free_memory(str);
	if (u)
		raptor_free_uri(u);
	return st;
}

static ng_status
format_iri2(ng_writer *w, const char *a, const char *b, ng_buf *dst, span *s)
{
	ng_buf_clear(&w->a);
	if (ng_buf_adds(&w->a, a) || ng_buf_adds(&w->a, b))
		return NG_ERR_NOMEM;
	return format_iri(w, w->a.buf, dst, s);
}

/* Makes t from raptor's bytes for prefix + probe. */
static void
tmpl_set(ng_writer *w, iri_tmpl *t, const char *prefix, const char *probe)
{
	size_t n = strlen(probe), rest;
	span s;

	t->ok = false;
	ng_buf_clear(&t->b);
	ng_buf_clear(&w->a);
	if (ng_buf_adds(&w->a, prefix) || ng_buf_adds(&w->a, probe) ||
	    format_iri(w, w->a.buf, &t->b, &s) || s.len < n)
		return;
	/* The probe's tail, then nothing or the closing '>'. */
	rest = t->b.len >= n + 1 && t->b.buf[t->b.len - 1] == '>' ? 1 : 0;
	if (t->b.len < n + rest || memcmp(t->b.buf + t->b.len - rest - n, probe, n))
		return;
	t->head = t->b.len - rest - n;
	t->probe = n;
	t->ok = true;
}

/* Writes t's IRI with tail v (as raptor would write it: see tmpl_set). */
static void
tmpl_put(ng_writer *w, const iri_tmpl *t, const char *v, size_t n, ng_buf *dst)
{
	ng_buf_clear(dst);
	if (ng_buf_add(dst, t->b.buf, t->head) || ng_buf_add(dst, v, n) ||
	    ng_buf_add(dst, t->b.buf + t->head + t->probe, t->b.len - t->head - t->probe))
		fail(&w->st, NG_ERR_NOMEM);
}

/* Declares a Turtle prefix: in the namespace stack and in the header. */
static ng_status
prefix(ng_writer *w, const char *uri, const char *name)
{
	span s;
	ng_status st;

	if (raptor_namespaces_start_namespace_full(w->nstack, (const unsigned char *)name,
	                                           (const unsigned char *)uri, 0))
		return NG_ERR_RDF;
	if ((st = ng_buf_adds(&w->header, "@prefix ")) || (st = ng_buf_adds(&w->header, name)) ||
	    (st = ng_buf_adds(&w->header, ": ")) || (st = format_iri(w, uri, &w->header, &s)))
		return st;
	return ng_buf_adds(&w->header, " .\n");
}

static ng_status
turtle_prefixes(ng_writer *w)
{
	ng_buf b = {0};
	ng_status st;
	span s;
	size_t i;

	if (!(w->nstack = raptor_new_namespaces(w->world, 0)))
		return NG_ERR_NOMEM;
	TRY(st, prefix(w, RDF_NS, "rdf"));
	TRY(st, prefix(w, NG_NS, "ng"));
	TRY(st, prefix(w, RDFS_NS, "rdfs"));
	TRY(st, prefix(w, XSD_NS, "xsd"));
	TRY(st, prefix(w, SKOS_NS, "skos"));
	TRY(st, prefix(w, DCT_NS, "dcterms"));
	TRY(st, prefix(w, NIF_NS, "nif"));
	TRY(st, prefix(w, ITS_NS, "itsrdf"));
	TRY(st, prefix(w, OWL_NS, "owl"));
	TRY(st, prefix(w, WD_NS, "wd"));
	TRY(st, prefix(w, SCHEMA_NS, "schema"));
	for (i = 0; i < NG_CLASS_COUNT; i++) {
		ng_buf_clear(&b);
		TRY(st, ng_buf_printf(&b, "%s%s/", w->base, ng_class_path((ng_class)i)));
		TRY(st, prefix(w, b.buf, ng_class_path((ng_class)i)));
	}
	ng_buf_clear(&b);
	TRY(st, ng_buf_printf(&b, "%sfact/", w->base));
	TRY(st, prefix(w, b.buf, "fact"));
	ng_buf_clear(&b);
	TRY(st, ng_buf_printf(&b, "%sarticle/", w->base));
	TRY(st, prefix(w, b.buf, "article"));
	/* Sentences and mentions are <HEX#char=B,E> against this base, when
	 * such a reference resolves to BASEarticle/HEX#char=B,E: a base with
	 * an authority and a path, no query and no dot segments. */
	w->relative = strstr(w->base, "://") && !strpbrk(w->base, "?") &&
	              !strstr(w->base, "/./") && !strstr(w->base, "/../");
	if (w->relative) {
		TRY(st, ng_buf_adds(&w->header, "@base "));
		TRY(st, format_iri(w, b.buf, &w->header, &s));
		TRY(st, ng_buf_adds(&w->header, " ."));
	}
	st = ng_buf_adds(&w->header, "\n\n");
done:
	ng_buf_free(&b);
	return st;
}

/* Formats the constant terms. A datatype is kept as "^^" and its IRI, the
 * suffix of a typed literal. */
static ng_status
constants(ng_writer *w)
{
	ng_status st = NG_OK;
	size_t i;

	for (i = 0; i < K_CLASS && !st; i++) {
		if (i >= K_DT_NNI) {
			size_t off = w->kbuf.len;
			if ((st = ng_buf_add(&w->kbuf, "^^", 2)) ||
			    (st = format_iri(w, k_iris[i], &w->kbuf, &w->k[i])))
				break;
			w->k[i].off = off;
			w->k[i].len += 2;
		} else
			st = format_iri(w, k_iris[i], &w->kbuf, &w->k[i]);
	}
	for (i = 0; i < NG_CLASS_COUNT && !st; i++)
		st = format_iri2(w, NG_NS, ng_class_name((ng_class)i), &w->kbuf, &w->k[K_CLASS + i]);
	if (!st)
		st = format_iri2(w, w->base, "entities", &w->kbuf, &w->egraph);
	return st;
}

ng_writer *
ng_writer_new(ng_format format, const char *base, FILE *out)
{
	ng_writer *w;

	if (base && !ng_iri_is_base(base))
		return NULL;
	if (!(w = calloc(1, sizeof(*w))))
		return NULL;
	w->format = format;
	w->fp = out;
	/* Turtle literals keep UTF-8 but escape controls, so that every
	 * literal fits a one-line string. */
	w->lit_flags = format == NG_FORMAT_TURTLE
	               ? RAPTOR_ESCAPED_WRITE_NTRIPLES_LITERAL | RAPTOR_ESCAPED_WRITE_BITFLAG_UTF8
	               : RAPTOR_ESCAPED_WRITE_NTRIPLES_LITERAL;
	w->base = ng_strndup(base ? base : NG_DEFAULT_BASE, strlen(base ? base : NG_DEFAULT_BASE));
	if (!w->base || !(w->world = raptor_new_world()) || raptor_world_open(w->world))
		goto fail;
	raptor_world_set_log_handler(w->world, w, raptor_log);
	if (!(w->io = raptor_new_iostream_from_handler(w->world, w, &io_handler)))
		goto fail;
	if (format == NG_FORMAT_TURTLE && turtle_prefixes(w))
		goto fail;
	if (constants(w) || w->st)
		goto fail;
	ng_strmap_init(&w->ent_ids);
	ng_strmap_init(&w->described);
	ng_buf_clear(&w->b);
	if (ng_buf_printf(&w->b, "%sfact/", w->base))
		goto fail;
	tmpl_set(w, &w->rec_digit, w->b.buf, "0123456789abcdef");
	tmpl_set(w, &w->rec_letter, w->b.buf, "abcdef0123456789");
	return w;
fail:
	ng_writer_free(w);
	return NULL;
}

void
ng_writer_set_mentions(ng_writer *w, int on)
{
	w->mentions = on != 0;
}

void
ng_writer_free(ng_writer *w)
{
	size_t i;

	if (!w)
		return;
	if (w->nstack)
		raptor_free_namespaces(w->nstack);
	if (w->io)
		raptor_free_iostream(w->io);
	if (w->world)
		raptor_free_world(w->world);
	for (i = 0; i < w->n_props; i++)
		free(w->props[i].name);
	free(w->props);
	free(w->ents);
	ng_strmap_free(&w->ent_ids);
	ng_strmap_free(&w->described);
	free(w->ent_terms);
	ng_buf_free(&w->ebuf);
	ng_buf_free(&w->frag.b);
	free(w->plain);
	free(w->order);
	free(w->start);
	free(w->sent_on);
	free(w->in_fact);
	ng_buf_free(&w->rec_digit.b);
	ng_buf_free(&w->rec_letter.b);
	ng_buf_free(&w->out);
	ng_buf_free(&w->header);
	ng_buf_free(&w->kbuf);
	ng_buf_free(&w->dbuf);
	ng_buf_free(&w->subj);
	ng_buf_free(&w->one);
	ng_buf_free(&w->sent);
	ng_buf_free(&w->anchor);
	ng_buf_free(&w->src);
	ng_buf_free(&w->link);
	ng_buf_free(&w->a);
	ng_buf_free(&w->b);
	free(w->base);
	free(w);
}

/* The formatted IRI of fact property name, formatted on first use. */
static const span *
prop(ng_writer *w, const char *name)
{
	prop_term *p;
	size_t i;
	ng_status st;

	for (i = 0; i < w->n_props; i++)
		if (!strcmp(w->props[i].name, name))
			return &w->props[i].s;
	if (NG_GROW(w->props, w->cap_props, w->n_props + 1)) {
		fail(&w->st, NG_ERR_NOMEM);
		return NULL;
	}
	p = &w->props[w->n_props];
	if (!(p->name = ng_strndup(name, strlen(name)))) {
		fail(&w->st, NG_ERR_NOMEM);
		return NULL;
	}
	if ((st = format_iri2(w, NG_NS, name, &w->kbuf, &p->s))) {
		fail(&w->st, st);
		free(p->name);
		return NULL;
	}
	w->n_props++;
	return &p->s;
}

/* ------------------------------------------------------ statement layout */

/* Starts a statement with subject s (bytes of a formatted term) and
 * predicate p. In Turtle a statement about the subject of the open block
 * continues it. */
static void
begin(ng_writer *w, const char *s, size_t n, const span *p)
{
	if (w->format != NG_FORMAT_TURTLE) {
		put(w, s, n);
		putc_(w, ' ');
		put(w, w->kbuf.buf + p->off, p->len);
		putc_(w, ' ');
		return;
	}
	if (w->in_block && w->subj.len == n && !memcmp(w->subj.buf, s, n)) {
		if (p->off == w->last_p) {
			put(w, ",\n        ", 10);
			return;
		}
		put(w, " ;\n    ", 7);
	} else {
		if (w->in_block)
			put(w, " .\n\n", 4);
		put(w, s, n);
		put(w, "\n    ", 5);
		ng_buf_clear(&w->subj);
		if (ng_buf_add(&w->subj, s, n))
			fail(&w->st, NG_ERR_NOMEM);
		w->in_block = true;
	}
	w->last_p = p->off;
	if (p == &w->k[K_TYPE])
		putc_(w, 'a');
	else
		put(w, w->kbuf.buf + p->off, p->len);
	putc_(w, ' ');
}

/* Ends a statement; the Turtle terminator waits for the next subject. */
static void
end(ng_writer *w)
{
	if (w->format == NG_FORMAT_NQUADS) {
		putc_(w, ' ');
		if (w->in_egraph)
			put(w, w->kbuf.buf + w->egraph.off, w->egraph.len);
		else
			put(w, w->dbuf.buf + w->article.off, w->article.len);
	}
	if (w->format != NG_FORMAT_TURTLE)
		put(w, " .\n", 3);
	if (w->out.len >= NG_WRITER_CHUNK)
		spill(w);
}

/* Ends the open Turtle block. */
static void
close_block(ng_writer *w)
{
	if (w->in_block)
		put(w, " .\n\n", 4);
	w->in_block = false;
}

static inline void
obj_k(ng_writer *w, const span *o)
{
	put(w, w->kbuf.buf + o->off, o->len);
}

static inline void
obj_ent(ng_writer *w, const span *o)
{
	put(w, w->ebuf.buf + o->off, o->len);
}

/* Printable ASCII but the quote and the backslash: raptor writes these
 * bytes as they are with either format's flags. */
static inline bool
plain_byte(unsigned char c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\';
}

/* Writes a run of bytes >= 0x80 escaped by raptor, but U+FFFD as \uFFFD
 * in Turtle too (raptor writes it as it is there, and strict parsers warn
 * of it as a sign of broken input). False when raptor stopped. */
static bool
escape_run(ng_writer *w, const char *s, size_t n)
{
	const char *rep;

	while (n) {
		size_t k = n;
		if ((rep = memmem(s, n, "\xEF\xBF\xBD", 3)))
			k = (size_t)(rep - s);
		ng_buf_clear(&w->b);
		if (k && ng_buf_add(&w->b, s, k)) {
			fail(&w->st, NG_ERR_NOMEM);
			return false;
		}
		if (k && raptor_string_escaped_write((const unsigned char *)w->b.buf, k, '"',
		                                     w->lit_flags, w->io))
			return false;
		if (!rep)
			break;
		put(w, "\\uFFFD", 6);
		s += k + 3;
		n -= k + 3;
	}
	return true;
}

/* Writes a literal's quoted lexical form: the runs of bytes raptor leaves
 * alone are copied, the rest is escaped by raptor. raptor stops at a NUL
 * and at the first bad UTF-8 sequence, and so does this. */
static void
lit(ng_writer *w, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, j;

	n = strnlen(s, n);
	putc_(w, '"');
	while (i < n) {
		for (j = i; j < n && plain_byte(p[j]); j++)
			;
		put(w, s + i, j - i);
		if ((i = j) == n)
			break;
		/* Up to the next plain byte: whole UTF-8 sequences, as those
		 * bytes are all >= 0x80. */
		for (j = i; j < n && !plain_byte(p[j]); j++)
			;
		if (!escape_run(w, s + i, j - i))
			break;
		i = j;
	}
	putc_(w, '"');
}

static void
lit_typed(ng_writer *w, const char *s, size_t n, const span *dt)
{
	lit(w, s, n);
	obj_k(w, dt);
}

/* Writes v in decimal at the end of buf (of 24 bytes); returns the first
 * digit. snprintf costs more than the rest of a statement. */
static char *
utoa(size_t v, char *end)
{
	char *p = end;

	do
		*--p = (char)('0' + v % 10);
	while (v /= 10);
	return p;
}

static void
lit_uint(ng_writer *w, size_t v)
{
	char buf[24], *close = buf + sizeof(buf) - 1, *p;

	*close = '"';
	p = utoa(v, close);
	*--p = '"';
	put(w, p, (size_t)(close + 1 - p));
	obj_k(w, &w->k[K_DT_NNI]);
}

/* --------------------------------------------------------------- the doc */

/* Entity IRIs stay formatted across documents until this many bytes, then
 * the cache starts again. On generated news nine lookups in ten hit at this
 * size; a larger cache kept batch's memory growing over its first hundreds
 * of megabytes of input (the cache, its map and terms, for each worker). */
#define NG_WRITER_ENT_CACHE (1u << 18)

/* The formatted IRI of entity i of the document (in ebuf). */
static const span *
ent(ng_writer *w, const ng_doc *doc, size_t i)
{
	const char *id = doc->ents[i].id;
	size_t n = strlen(id);
	uint32_t k;

	if (w->ents[i].len)
		return &w->ents[i];
	if (!ng_strmap_get(&w->ent_ids, id, n, &k)) {
		ng_status st = NG_GROW(w->ent_terms, w->cap_ent_terms, w->n_ent_terms + 1);
		if (!st)
			st = format_iri2(w, w->base, id, &w->ebuf, &w->ent_terms[w->n_ent_terms]);
		if (!st)
			st = ng_strmap_put(&w->ent_ids, id, n, (uint32_t)w->n_ent_terms);
		if (st) {
			fail(&w->st, st);
			return NULL;
		}
		k = (uint32_t)w->n_ent_terms++;
	}
	w->ents[i] = w->ent_terms[k];
	return &w->ents[i];
}

/* A statement about entity i whose object the caller writes; false (and
 * nothing written) when the entity's IRI cannot be formatted (ent says
 * why). */
static bool
begin_ent(ng_writer *w, const ng_doc *doc, size_t i, const span *p)
{
	const span *s = ent(w, doc, i);

	if (!s)
		return false;
	begin(w, w->ebuf.buf + s->off, s->len, p);
	return true;
}

static void
begin_one(ng_writer *w, const span *p)
{
	begin(w, w->one.buf, w->one.len, p);
}

static void
begin_article(ng_writer *w, const span *p)
{
	begin(w, w->dbuf.buf + w->article.off, w->article.len, p);
}

/* Appends s and a '|' to b. */
static ng_status
add_field(ng_buf *b, const char *s)
{
	ng_status st = ng_buf_adds(b, s);

	return st ? st : ng_buf_addc(b, '|');
}

/* Statements about the record or mention whose IRI is in w->one: the
 * predicate is the constant term pk, the object a constant term, an
 * entity, the article, a literal or a count. */
static void
one_k(ng_writer *w, int pk, const span *o)
{
	begin_one(w, &w->k[pk]);
	obj_k(w, o);
	end(w);
}

static void
one_ent(ng_writer *w, int pk, const span *o)
{
	begin_one(w, &w->k[pk]);
	obj_ent(w, o);
	end(w);
}

static void
one_article(ng_writer *w, int pk)
{
	begin_one(w, &w->k[pk]);
	put(w, w->dbuf.buf + w->article.off, w->article.len);
	end(w);
}

static void
one_lit(ng_writer *w, int pk, const char *s, size_t n)
{
	begin_one(w, &w->k[pk]);
	lit(w, s, n);
	end(w);
}

static void
one_uint(ng_writer *w, int pk, size_t v)
{
	begin_one(w, &w->k[pk]);
	lit_uint(w, v);
	end(w);
}

static const int mod_keys[] = {K_MOD, K_MOD + 1, K_MOD + 2, K_MOD + 3, K_MOD + 4};

/* Character offsets of sentence si in the article. */
static void
sentence_offsets(const ng_doc *doc, uint32_t si, size_t *b, size_t *e)
{
	const ng_sentence *se = &doc->sents[si];

	*b = ng_text_char_offset(&doc->text, ng_text_orig(&doc->text, se->b));
	*e = ng_text_char_offset(&doc->text, ng_text_orig(&doc->text, se->e));
}

/* Puts into w->one the IRI ARTICLE#char=B,E of a sentence or mention. */
static bool
frag_iri(ng_writer *w, const ng_doc *doc, size_t cb, size_t ce)
{
	char pos[48], *p = utoa(ce, pos + sizeof(pos));
	size_t n;
	span mt;

	*--p = ',';
	p = utoa(cb, p);
	n = (size_t)(pos + sizeof(pos) - p);
	if (w->relative && !strncmp(doc->article_id, "article/", 8)) {
		/* Relative to the @base of the header. */
		ng_buf_clear(&w->one);
		if (ng_buf_addc(&w->one, '<') || ng_buf_adds(&w->one, doc->article_id + 8) ||
		    ng_buf_add(&w->one, "#char=", 6) || ng_buf_add(&w->one, p, n) ||
		    ng_buf_addc(&w->one, '>')) {
			fail(&w->st, NG_ERR_NOMEM);
			return false;
		}
		return true;
	}
	if (w->frag.ok) {
		tmpl_put(w, &w->frag, p, n, &w->one);
		return true;
	}
	ng_buf_clear(&w->b);
	ng_buf_clear(&w->one);
	return !ng_buf_printf(&w->b, "%s%s#char=%.*s", w->base, doc->article_id, (int)n, p) &&
	       !format_iri(w, w->b.buf, &w->one, &mt);
}

/* The plain triple of fact f: subject, property, object. */
static void
write_plain(ng_writer *w, const ng_doc *doc, const ng_fact *f)
{
	const span *p = prop(w, f->prop), *o = NULL;

	/* prop and ent say why they failed. */
	if (!p || (!f->literal && !(o = ent(w, doc, f->o))) || !begin_ent(w, doc, f->s, p))
		return;
	if (f->literal)
		lit(w, f->literal, strlen(f->literal));
	else
		obj_ent(w, o);
	end(w);
}

/* The statements a NIF string of the article shares: ARTICLE#char=B,E,
 * of class cls, in the article, at B to E. False when its IRI cannot be
 * made (nothing written). */
static bool
nif_string(ng_writer *w, const ng_doc *doc, int cls, size_t b, size_t e)
{
	if (!frag_iri(w, doc, b, e))
		return false;
	one_k(w, K_TYPE, &w->k[cls]);
	one_article(w, K_REF_CONTEXT);
	one_uint(w, K_BEGIN, b);
	one_uint(w, K_END, e);
	return true;
}

/* A sentence that states a fact, as a NIF sentence of the article. */
static void
write_sentence(ng_writer *w, const ng_doc *doc, uint32_t si)
{
	const char *text = ng_doc_sentence_text(doc, si);
	size_t b, e;

	/* The analysis gives every sentence with a fact its text. */
	if (!text) {
		fail(&w->st, NG_ERR_BAD_ARG);
		return;
	}
	sentence_offsets(doc, si, &b, &e);
	if (nif_string(w, doc, K_C_SENTENCE, b, e))
		one_lit(w, K_ANCHOR, text, strlen(text));
}

/* The provenance record of one occurrence of fact f. */
static void
write_record(ng_writer *w, const ng_doc *doc, const ng_fact *f)
{
	const ng_entity *s = &doc->ents[f->s];
	const char *obj = f->literal ? f->literal : doc->ents[f->o].id;
	const span *p = prop(w, f->prop), *o = NULL, *sub = ent(w, doc, f->s);
	const iri_tmpl *t;
	span rec;
	uint64_t h;
	size_t b, e;
	char hex[17], num[24] = {0}, num2[24] = {0};
	int k;

	if (!p || (!f->literal && !(o = ent(w, doc, f->o))))
		return;
	sentence_offsets(doc, f->sent, &b, &e);
	/* The record's IRI is a hash of what makes the occurrence unique:
	 * article|subject|property|object|literal?|begin|end|rule. */
	ng_buf_clear(&w->b);
	if (add_field(&w->b, doc->article_id) || add_field(&w->b, s->id) ||
	    add_field(&w->b, f->prop) || add_field(&w->b, obj) ||
	    add_field(&w->b, f->literal ? "1" : "0") ||
	    add_field(&w->b, utoa(b, num + sizeof(num) - 1)) ||
	    add_field(&w->b, utoa(e, num2 + sizeof(num2) - 1)) || ng_buf_adds(&w->b, f->rule)) {
		fail(&w->st, NG_ERR_NOMEM);
		return;
	}
	h = ng_hash64(w->b.buf, w->b.len, 0);
	for (k = 16; k-- > 0; h >>= 4)
		hex[k] = "0123456789abcdef"[h & 15];
	hex[16] = '\0';
	/* The sentence's IRI first (w->one is then the record's). */
	if (!frag_iri(w, doc, b, e))
		return;
	ng_buf_clear(&w->sent);
	if (ng_buf_add(&w->sent, w->one.buf, w->one.len)) {
		fail(&w->st, NG_ERR_NOMEM);
		return;
	}
	t = hex[0] <= '9' ? &w->rec_digit : &w->rec_letter;
	if (w->format == NG_FORMAT_TURTLE) {
		/* fact:HEX: a Turtle name may start with a digit. */
		ng_buf_clear(&w->one);
		if (ng_buf_add(&w->one, "fact:", 5) || ng_buf_add(&w->one, hex, 16))
			fail(&w->st, NG_ERR_NOMEM);
	} else if (t->ok)
		tmpl_put(w, t, hex, 16, &w->one);
	else {
		ng_status st;
		ng_buf_clear(&w->b);
		ng_buf_clear(&w->one);
		if ((st = ng_buf_printf(&w->b, "%sfact/%s", w->base, hex)) ||
		    (st = format_iri(w, w->b.buf, &w->one, &rec))) {
			fail(&w->st, st);
			return;
		}
	}
	one_k(w, K_TYPE, &w->k[K_C_PROVENANCE]);
	if (sub)
		one_ent(w, K_R_SUBJECT, sub);
	one_k(w, K_R_PREDICATE, p);
	if (f->literal)
		one_lit(w, K_R_OBJECT, f->literal, strlen(f->literal));
	else
		one_ent(w, K_R_OBJECT, o);
	one_article(w, K_ARTICLE);
	begin_one(w, &w->k[K_SENTENCE]);
	put(w, w->sent.buf, w->sent.len);
	end(w);
	one_lit(w, K_RULE, f->rule, strlen(f->rule));
	one_k(w, K_MODALITY, &w->k[mod_keys[f->mod]]);
	/* A pattern's confidence is fixed: formatted once while it repeats. */
	if (!w->conf_ok || memcmp(&w->conf_v, &f->confidence, sizeof(double))) {
		snprintf(w->conf_s, sizeof(w->conf_s), "%.2f", f->confidence);
		w->conf_v = f->confidence;
		w->conf_ok = true;
	}
	begin_one(w, &w->k[K_CONFIDENCE]);
	lit_typed(w, w->conf_s, strlen(w->conf_s), &w->k[K_DT_DECIMAL]);
	end(w);
	/* When, if the sentence says: a day or a year. */
	if (f->date) {
		size_t n = strlen(f->date);
		begin_one(w, &w->k[K_WHEN]);
		lit_typed(w, f->date, n, &w->k[n == 4 ? K_DT_GYEAR : K_DT_DATE]);
		end(w);
		one_lit(w, K_WHEN_TEXT, f->date_text, strlen(f->date_text));
	}
}

static void
write_mention(ng_writer *w, const ng_doc *doc, const ng_mention *m)
{
	size_t ob = ng_text_orig(&doc->text, doc->toks[m->tb].b);
	size_t oe = ng_text_orig(&doc->text, doc->toks[m->te - 1].e);
	size_t cb = ng_text_char_offset(&doc->text, ob);
	size_t ce = ng_text_char_offset(&doc->text, oe), an = oe - ob;
	const char *a = doc->text.orig + ob;
	const span *e;
	const char *rule;

	if (!nif_string(w, doc, K_C_PHRASE, cb, ce))
		return;
	/* Most mentions are clean text: written as they are, else cleaned
	 * into a buffer the writer keeps. */
	if (!an || !ng_literal_is_clean(a, an)) {
		ng_buf_clear(&w->anchor);
		an = ng_clean_literal(a, an, &w->anchor) ? 0 : w->anchor.len;
		a = w->anchor.buf;
	}
	if (an)
		one_lit(w, K_ANCHOR, a, an);
	if ((e = ent(w, doc, m->ent)))
		one_ent(w, K_TA_IDENT, e);
	if ((rule = ng_mention_rule_id((ng_mention_rule)m->rule)))
		one_lit(w, K_MENTION_RULE, rule, strlen(rule));
}

/* Entity i owl:sameAs the IRI of prefix, n and suffix: the same thing in
 * another dataset, from an identifier of its gazetteer entry. */
static void
write_same_as(ng_writer *w, const ng_doc *doc, size_t i, const char *prefix, uint32_t n,
              const char *suffix)
{
	char iri[96];
	span s;
	ng_status st;

	snprintf(iri, sizeof iri, "%s%lu%s", prefix, (unsigned long)n, suffix);
	ng_buf_clear(&w->link);
	if ((st = format_iri(w, iri, &w->link, &s))) {
		fail(&w->st, st);
		return;
	}
	if (begin_ent(w, doc, i, &w->k[K_SAME_AS])) {
		put(w, w->link.buf + s.off, s.len);
		end(w);
	}
}

/* An entity is described once per output: in N-Quads in the graph of
 * entity descriptions, which no article owns. An alternative label, which
 * comes from the text, once per entity and label. The set is bounded;
 * past it, entities are described again, which changes no graph. */
#define NG_WRITER_DESCRIBED_MAX (1u << 16)

/* Whether key (n bytes) is new to the output, and now known. */
static bool
first_time(ng_writer *w, const char *key, size_t n)
{
	uint32_t k;

	if (ng_strmap_get(&w->described, key, n, &k))
		return false;
	if (w->described.count >= NG_WRITER_DESCRIBED_MAX) {
		ng_strmap_free(&w->described);
		ng_strmap_init(&w->described);
	}
	if (ng_strmap_put(&w->described, key, n, 0))
		fail(&w->st, NG_ERR_NOMEM);
	return true;
}

static void
write_entity(ng_writer *w, const ng_doc *doc, size_t i)
{
	const ng_entity *e = &doc->ents[i];
	bool first = first_time(w, e->id, strlen(e->id));
	size_t j;

	w->in_egraph = true;
	if (first && begin_ent(w, doc, i, &w->k[K_TYPE])) {
		obj_k(w, &w->k[K_CLASS + e->cls]);
		end(w);
	}
	if (first && begin_ent(w, doc, i, &w->k[K_LABEL])) {
		lit(w, e->label, strlen(e->label));
		end(w);
	}
	for (j = 0; j < e->n_alts; j++) {
		/* ID, a byte no ID holds, the label. */
		ng_buf_clear(&w->b);
		if (ng_buf_adds(&w->b, e->id) || ng_buf_addc(&w->b, '\x1f') ||
		    ng_buf_adds(&w->b, e->alts[j])) {
			fail(&w->st, NG_ERR_NOMEM);
			break;
		}
		if (first_time(w, w->b.buf, w->b.len) && begin_ent(w, doc, i, &w->k[K_ALT_LABEL])) {
			lit(w, e->alts[j], strlen(e->alts[j]));
			end(w);
		}
	}
	if (!first) {
		w->in_egraph = false;
		return;
	}
	if (e->cls == NG_CLASS_COUNTRY && e->entry >= 0 && doc->gaz->entries[e->entry].iso3) {
		const char *iso = doc->gaz->entries[e->entry].iso3;
		if (begin_ent(w, doc, i, &w->k[K_ISO_CODE])) {
			lit(w, iso, strlen(iso));
			end(w);
		}
	}
	if (e->entry >= 0) {
		const ng_entry *g = &doc->gaz->entries[e->entry];
		if (g->geonames)
			write_same_as(w, doc, i, GEONAMES_NS, g->geonames, "/");
		if (g->wikidata)
			write_same_as(w, doc, i, WD_NS "Q", g->wikidata, "");
	}
	w->in_egraph = false;
}

static void
write_article(ng_writer *w, const ng_doc *doc)
{
	const span *e;
	size_t i;

	begin_article(w, &w->k[K_TYPE]);
	obj_k(w, &w->k[K_C_ARTICLE]);
	end(w);
	if (doc->title && *doc->title) {
		begin_article(w, &w->k[K_TITLE]);
		lit(w, doc->title, strlen(doc->title));
		end(w);
	}
	if (doc->date) {
		begin_article(w, &w->k[K_DATE]);
		lit_typed(w, doc->date, strlen(doc->date), &w->k[K_DT_DATE]);
		end(w);
	}
	if (doc->id_meta) {
		ng_buf t = {0};
		if (!ng_clean_literal(doc->id_meta, strlen(doc->id_meta), &t) && t.buf) {
			begin_article(w, &w->k[K_IDENTIFIER]);
			lit(w, t.buf, t.len);
			end(w);
		}
		ng_buf_free(&t);
	}
	if (doc->url && ng_iri_from_url(doc->url, &w->src)) {
		span u;
		ng_buf_clear(&w->one);
		/* Only an IRI raptor takes; otherwise no source. */
		if (!format_iri(w, w->src.buf, &w->one, &u)) {
			begin_article(w, &w->k[K_SOURCE]);
			put(w, w->one.buf, w->one.len);
			end(w);
		}
	}
	/* One statement per entity the article mentions, however often. */
	for (i = 0; i < doc->n_ents; i++)
		if (doc->ents[i].used && (e = ent(w, doc, i))) {
			begin_article(w, &w->k[K_MENTIONS]);
			obj_ent(w, e);
			end(w);
		}
	/* With the mentions, the text their offsets count in, its lines
	 * kept and other controls made spaces (no offset moves). */
	if (w->mentions) {
		ng_buf_clear(&w->anchor);
		if (ng_clean_text(doc->text.orig, doc->text.orig_len, &w->anchor)) {
			fail(&w->st, NG_ERR_NOMEM);
			return;
		}
		begin_article(w, &w->k[K_IS_STRING]);
		lit(w, w->anchor.buf ? w->anchor.buf : "", w->anchor.len);
		end(w);
	}
}

/* Sizes the per-document arrays for doc; false when out of memory. */
static bool
doc_arrays(ng_writer *w, const ng_doc *doc)
{
	if (doc->n_ents > w->cap_ents && NG_GROW(w->ents, w->cap_ents, doc->n_ents))
		return false;
	return !NG_GROW(w->plain, w->cap_plain, doc->n_facts) &&
	       !NG_GROW(w->order, w->cap_order, doc->n_facts) &&
	       !NG_GROW(w->start, w->cap_start, doc->n_ents + 1) &&
	       !NG_GROW(w->sent_on, w->cap_sents, doc->n_sents) &&
	       !NG_GROW(w->in_fact, w->cap_in_fact, doc->n_ents);
}

/* Which facts get a plain triple: each asserted fact once, however many
 * sentences state it. Then the facts in the order of their subjects
 * (stable), and the sentences that state one. */
static void
doc_plan(ng_writer *w, const ng_doc *doc)
{
	ng_u64map seen;
	size_t i;

	ng_u64map_init(&seen);
	for (i = 0; i < doc->n_facts; i++) {
		const ng_fact *f = &doc->facts[i];
		bool plain = false;
		if (f->mod == NG_MOD_ASSERTED) {
			uint64_t key = ng_fact_key(f, false);
			uint32_t prev;
			plain = !ng_u64map_get(&seen, key, &prev) || !ng_fact_same(&doc->facts[prev], f);
			if (plain && ng_u64map_put(&seen, key, (uint32_t)i))
				fail(&w->st, NG_ERR_NOMEM);
		}
		w->plain[i] = plain;
	}
	ng_u64map_free(&seen);
	memset(w->start, 0, (doc->n_ents + 1) * sizeof(*w->start));
	for (i = 0; i < doc->n_facts; i++)
		w->start[doc->facts[i].s + 1]++;
	for (i = 0; i < doc->n_ents; i++)
		w->start[i + 1] += w->start[i];
	for (i = 0; i < doc->n_facts; i++)
		w->order[w->start[doc->facts[i].s]++] = (uint32_t)i;
	/* start[s] is now the end of s's run, which is where s + 1 begins. */
	memmove(w->start + 1, w->start, doc->n_ents * sizeof(*w->start));
	w->start[0] = 0;
	if (doc->n_sents)
		memset(w->sent_on, 0, doc->n_sents * sizeof(*w->sent_on));
	if (doc->n_ents)
		memset(w->in_fact, 0, doc->n_ents * sizeof(*w->in_fact));
	for (i = 0; i < doc->n_facts; i++) {
		w->sent_on[doc->facts[i].sent] = true;
		w->in_fact[doc->facts[i].s] = true;
		if (!doc->facts[i].literal)
			w->in_fact[doc->facts[i].o] = true;
	}
}

/* ----------------------------------------------------------- Graphviz */

static const char dot_header[] =
	"digraph newsgraph {\n"
	"  rankdir=LR;\n"
	"  node [fontname=\"Helvetica\", fontsize=11];\n"
	"  edge [fontname=\"Helvetica\", fontsize=9];\n";

/* Writes s quoted as a DOT string: quotes and backslashes escaped. A
 * literal holds no other control than a tab, which DOT takes as it is. */
static void
dot_str(ng_writer *w, const char *s, size_t n)
{
	size_t i, run = 0;

	putc_(w, '"');
	for (i = 0; i < n; i++)
		if (s[i] == '"' || s[i] == '\\') {
			put(w, s + run, i - run);
			putc_(w, '\\');
			run = i;
		}
	put(w, s + run, n - run);
	putc_(w, '"');
}

/* Writes the IRI of entity i as a DOT string. */
static void
dot_ent(ng_writer *w, const ng_doc *doc, size_t i)
{
	ng_buf_clear(&w->b);
	if (ng_buf_adds(&w->b, w->base) || ng_buf_adds(&w->b, doc->ents[i].id)) {
		fail(&w->st, NG_ERR_NOMEM);
		return;
	}
	dot_str(w, w->b.buf, w->b.len);
}

/* The node of entity i, declared once per output: its IRI, its label,
 * a shape by class. */
static void
dot_node(ng_writer *w, const ng_doc *doc, size_t i)
{
	static const char *const shapes[NG_CLASS_COUNT] = {"ellipse", "box", "hexagon", "octagon"};
	const ng_entity *e = &doc->ents[i];
	size_t n = strlen(e->id);

	if (!first_time(w, e->id, n))
		return;
	put(w, "  ", 2);
	dot_ent(w, doc, i);
	put(w, " [label=", 8);
	dot_str(w, e->label, strlen(e->label));
	put(w, ", shape=", 8);
	put(w, shapes[e->cls], strlen(shapes[e->cls]));
	put(w, "];\n", 3);
}

/* An edge for each asserted fact, once per output; a literal object (a
 * role) is a note of its own. */
static void
dot_doc(ng_writer *w, const ng_doc *doc)
{
	size_t i;

	if (!w->header_done) {
		put(w, dot_header, sizeof(dot_header) - 1);
		w->header_done = true;
	}
	for (i = 0; i < doc->n_facts; i++) {
		const ng_fact *f = &doc->facts[i];
		const char *obj = f->literal ? f->literal : doc->ents[f->o].id;
		char lit_id[24];

		if (!w->plain[i])
			continue;
		ng_buf_clear(&w->b);
		if (ng_buf_adds(&w->b, doc->ents[f->s].id) || ng_buf_addc(&w->b, '\x1f') ||
		    ng_buf_adds(&w->b, f->prop) || ng_buf_addc(&w->b, '\x1f') ||
		    ng_buf_adds(&w->b, obj)) {
			fail(&w->st, NG_ERR_NOMEM);
			return;
		}
		snprintf(lit_id, sizeof lit_id, "v%016llx",
		         (unsigned long long)ng_hash64(w->b.buf, w->b.len, 0));
		if (!first_time(w, w->b.buf, w->b.len))
			continue;
		dot_node(w, doc, f->s);
		if (f->literal) {
			put(w, "  ", 2);
			put(w, lit_id, strlen(lit_id));
			put(w, " [label=", 8);
			dot_str(w, f->literal, strlen(f->literal));
			put(w, ", shape=note];\n", 15);
		} else
			dot_node(w, doc, f->o);
		put(w, "  ", 2);
		dot_ent(w, doc, f->s);
		put(w, " -> ", 4);
		if (f->literal)
			put(w, lit_id, strlen(lit_id));
		else
			dot_ent(w, doc, f->o);
		put(w, " [label=", 8);
		dot_str(w, f->prop, strlen(f->prop));
		put(w, "];\n", 3);
		if (w->out.len >= NG_WRITER_CHUNK)
			spill(w);
	}
}

ng_status
ng_writer_write_doc(ng_writer *w, const ng_doc *doc)
{
	size_t i, j;

	w->st = NG_OK;
	if (w->format == NG_FORMAT_DOT) {
		if (!doc_arrays(w, doc))
			return NG_ERR_NOMEM;
		doc_plan(w, doc);
		dot_doc(w, doc);
		w->docs++;
		spill(w);
		return w->io_st ? w->io_st : w->st;
	}
	ng_buf_clear(&w->dbuf);
	if (!doc_arrays(w, doc))
		return NG_ERR_NOMEM;
	if (doc->n_ents)
		memset(w->ents, 0, doc->n_ents * sizeof(*w->ents));
	/* In Turtle article:HEX, as fact:HEX. */
	if (w->format == NG_FORMAT_TURTLE && !strncmp(doc->article_id, "article/", 8)) {
		w->article.off = 0;
		w->article.len = strlen(doc->article_id);
		if (ng_buf_adds(&w->dbuf, doc->article_id))
			return NG_ERR_NOMEM;
		w->dbuf.buf[7] = ':';
	} else if (format_iri2(w, w->base, doc->article_id, &w->dbuf, &w->article))
		return NG_ERR_NOMEM;
	if (w->ebuf.len > NG_WRITER_ENT_CACHE) {
		ng_strmap_free(&w->ent_ids);
		ng_strmap_init(&w->ent_ids);
		ng_buf_clear(&w->ebuf);
		w->n_ent_terms = 0;
	}
	ng_buf_clear(&w->b);
	w->frag.ok = false;
	if ((doc->n_facts || (w->mentions && doc->n_mentions)) &&
	    !ng_buf_printf(&w->b, "%s%s#char=", w->base, doc->article_id))
		tmpl_set(w, &w->frag, w->b.buf, "0123456789,9876543210");
	if (w->format == NG_FORMAT_TURTLE && !w->header_done) {
		put(w, w->header.buf, w->header.len);
		w->header_done = true;
	}
	doc_plan(w, doc);
	write_article(w, doc);
	/* Each entity in one block: what it is, then the facts about it.
	 * One a fact names but no mention (a country for its capital) is
	 * described too. */
	for (i = 0; i < doc->n_ents; i++) {
		if (doc->ents[i].used || w->in_fact[i])
			write_entity(w, doc, i);
		for (j = w->start[i]; j < w->start[i + 1]; j++)
			if (w->plain[w->order[j]])
				write_plain(w, doc, &doc->facts[w->order[j]]);
	}
	for (i = 0; i < doc->n_sents; i++)
		if (w->sent_on[i])
			write_sentence(w, doc, (uint32_t)i);
	/* A provenance record for each occurrence of a fact. */
	for (i = 0; i < doc->n_facts; i++)
		write_record(w, doc, &doc->facts[i]);
	for (i = 0; w->mentions && i < doc->n_mentions; i++)
		write_mention(w, doc, &doc->mentions[i]);
	close_block(w);
	w->docs++;
	spill(w);
	return w->io_st ? w->io_st : w->st;
}

void
ng_writer_set_output(ng_writer *w, FILE *out)
{
	spill(w);
	w->fp = out;
	w->header_done = false;
	ng_strmap_free(&w->described);
	ng_strmap_init(&w->described);
	w->io_st = NG_OK;
	w->io_errno = 0;
}

int
ng_writer_errno(const ng_writer *w)
{
	return w->io_st == NG_ERR_IO ? w->io_errno : 0;
}

/* Documents have reported their own failures; this reports its own. */
ng_status
ng_writer_finish(ng_writer *w)
{
	w->io_st = NG_OK;
	if (w->format == NG_FORMAT_DOT) {
		if (!w->header_done)
			put(w, dot_header, sizeof(dot_header) - 1);
		put(w, "}\n", 2);
		w->header_done = false;
		spill(w);
		return w->io_st;
	}
	/* No document: still a valid, empty Turtle file with prefixes. */
	if (w->format == NG_FORMAT_TURTLE && !w->header_done) {
		put(w, w->header.buf, w->header.len);
		w->header_done = true;
	}
	spill(w);
	return w->io_st;
}
