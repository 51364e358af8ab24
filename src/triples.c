/* SPDX-License-Identifier: Apache-2.0 */
/* In-memory RDF for the validator: terms interned to integer IDs in one
 * open-addressing hash table, triples in two sorted arrays (spo and pos)
 * searched by bisection, so memory stays proportional to the data. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "triples.h"
#include "util.h"

/* From text.c: the library's one UTF-8 check. */
ng_status ng_utf8_check(const char *s, size_t len, size_t *bad, const char **why);

struct ng_store {
	ng_term *terms;   /* terms[0] is unused */
	size_t n, cap;
	ng_tid *table;    /* hash slots holding IDs, 0 when empty */
	size_t tcap;
	unsigned long bnodes;
	unsigned long files; /* parses so far, to keep blank nodes apart */
	ng_vocab vocab;
};

static char *
dup_n(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (d) {
		memcpy(d, s, n);
		d[n] = '\0';
	}
	return d;
}

static uint64_t
term_hash(int kind, const char *lex, size_t len, ng_tid dt, const char *lang)
{
	uint64_t h = ng_hash_fast(lex, len);

	h = (h ^ ((uint64_t)dt << 2 | (unsigned)kind)) * 0x9E3779B97F4A7C15ULL;
	if (lang)
		h ^= ng_hash_fast(lang, strlen(lang));
	return h ^ (h >> 29);
}

static int
term_eq(const ng_term *t, int kind, const char *lex, size_t len, ng_tid dt,
        const char *lang)
{
	if (t->kind != kind || t->len != len || t->dt != dt)
		return 0;
	if (memcmp(t->lex, lex, len))
		return 0;
	if (!t->lang != !lang)
		return 0;
	return !lang || !strcmp(t->lang, lang);
}

/* Puts every term of st into the empty table of cap slots. */
static void
store_rehash(const ng_store *st, ng_tid *table, size_t cap)
{
	size_t i;

	for (i = 1; i < st->n; i++) {
		const ng_term *t = &st->terms[i];
		size_t j = term_hash(t->kind, t->lex, t->len, t->dt, t->lang) & (cap - 1);

		while (table[j])
			j = (j + 1) & (cap - 1);
		table[j] = (ng_tid)i;
	}
}

static int
store_grow_table(ng_store *st)
{
	size_t ncap = st->tcap ? st->tcap * 2 : 1024;
	ng_tid *nt = calloc(ncap, sizeof *nt);

	if (!nt)
		return -1;
	store_rehash(st, nt, ncap);
	free(st->table);
	st->table = nt;
	st->tcap = ncap;
	return 0;
}

static ng_tid
store_lookup(const ng_store *st, int kind, const char *lex, size_t len,
             ng_tid dt, const char *lang, size_t *slot)
{
	size_t j = term_hash(kind, lex, len, dt, lang) & (st->tcap - 1);

	while (st->table[j]) {
		if (term_eq(&st->terms[st->table[j]], kind, lex, len, dt, lang))
			return st->table[j];
		j = (j + 1) & (st->tcap - 1);
	}
	if (slot)
		*slot = j;
	return 0;
}

ng_tid
ng_store_intern(ng_store *st, int kind, const char *lex, size_t len, ng_tid dt,
                const char *lang)
{
	char lbuf[64];
	char *lower = NULL;
	size_t slot = 0, i;
	ng_tid id;
	ng_term *t;

	if (kind == NG_TERM_LITERAL) {
		if (lang && *lang) {
			size_t ll = strlen(lang);

			lower = ll < sizeof lbuf ? lbuf : malloc(ll + 1);
			if (!lower)
				return 0;
			for (i = 0; i <= ll; i++)
				lower[i] = (char)tolower((unsigned char)lang[i]);
			lang = lower;
			dt = st->vocab.rdf_langString;
		} else {
			lang = NULL;
			if (!dt)
				dt = st->vocab.xsd_string;
		}
	} else {
		dt = 0;
		lang = NULL;
	}
	if ((st->n + 1) * 2 > st->tcap && store_grow_table(st))
		goto fail;
	id = store_lookup(st, kind, lex, len, dt, lang, &slot);
	if (id)
		goto done;
	if (st->n == st->cap) {
		size_t ncap = st->cap * 2;
		ng_term *nt = realloc(st->terms, ncap * sizeof *nt);

		if (!nt)
			goto fail;
		st->terms = nt;
		st->cap = ncap;
	}
	t = &st->terms[st->n];
	t->kind = (unsigned char)kind;
	t->dt = dt;
	t->len = len;
	t->lex = dup_n(lex, len);
	t->lang = lang ? dup_n(lang, strlen(lang)) : NULL;
	if (!t->lex || (lang && !t->lang)) {
		free(t->lex);
		free(t->lang);
		goto fail;
	}
	id = (ng_tid)st->n++;
	st->table[slot] = id;
done:
	if (lower && lower != lbuf)
		free(lower);
	return id;
fail:
	id = 0;
	goto done;
}

ng_tid
ng_store_iri(ng_store *st, const char *iri)
{
	return ng_store_intern(st, NG_TERM_IRI, iri, strlen(iri), 0, NULL);
}

ng_tid
ng_store_find_iri(const ng_store *st, const char *iri)
{
	return store_lookup(st, NG_TERM_IRI, iri, strlen(iri), 0, NULL, NULL);
}

ng_store *
ng_store_new(void)
{
	ng_store *st = calloc(1, sizeof *st);

	if (!st)
		return NULL;
	st->cap = 1024;
	st->terms = calloc(st->cap, sizeof *st->terms);
	st->n = 1;
	if (!st->terms || store_grow_table(st))
		goto fail;
	/* xsd:string first: plain literals refer to it. */
	st->vocab.xsd_string = ng_store_iri(st, NG_XSD "string");
	st->vocab.rdf_langString = ng_store_iri(st, NG_RDF "langString");
#define NG_VOCAB_INIT(name, iri) \
	if (!(st->vocab.name = ng_store_iri(st, iri))) \
		goto fail;
	NG_VOCAB(NG_VOCAB_INIT)
#undef NG_VOCAB_INIT
	return st;
fail:
	ng_store_free(st);
	return NULL;
}

void
ng_store_free(ng_store *st)
{
	size_t i;

	if (!st)
		return;
	for (i = 1; i < st->n; i++) {
		free(st->terms[i].lex);
		free(st->terms[i].lang);
	}
	free(st->terms);
	free(st->table);
	free(st);
}

void
ng_store_truncate(ng_store *st, size_t n)
{
	size_t i;

	if (n < 1 || n >= st->n)
		return;
	for (i = n; i < st->n; i++) {
		free(st->terms[i].lex);
		free(st->terms[i].lang);
	}
	st->n = n;
	/* What is left fits the table as it is. */
	memset(st->table, 0, st->tcap * sizeof *st->table);
	store_rehash(st, st->table, st->tcap);
}

const ng_term *
ng_store_term(const ng_store *st, ng_tid id)
{
	return id && id < st->n ? &st->terms[id] : NULL;
}

const ng_vocab *
ng_store_vocab(const ng_store *st)
{
	return &st->vocab;
}

size_t
ng_store_count(const ng_store *st)
{
	return st->n - 1;
}

ng_tid
ng_store_new_bnode(ng_store *st)
{
	char buf[48];
	int n = snprintf(buf, sizeof buf, "v%lu", ++st->bnodes);

	return ng_store_intern(st, NG_TERM_BNODE, buf, (size_t)n, 0, NULL);
}

/* ------------------------------------------------------------ term lists */

int
ng_tid_in(const ng_tid *v, size_t n, ng_tid x)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (v[i] == x)
			return 1;
	return 0;
}

int
ng_tid_push(ng_tid **v, size_t *n, size_t *cap, ng_tid x)
{
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		ng_tid *nv = realloc(*v, ncap * sizeof *nv);

		if (!nv)
			return -1;
		*v = nv;
		*cap = ncap;
	}
	(*v)[(*n)++] = x;
	return 0;
}

/* ------------------------------------------------------------ formatting */

static const char *const prefixes[][2] = {
	{ "rdf:", NG_RDF }, { "rdfs:", NG_RDFS }, { "xsd:", NG_XSD },
	{ "owl:", NG_OWL }, { "sh:", NG_SH }, { "ng:", NG_NS },
	{ "skos:", "http://www.w3.org/2004/02/skos/core#" },
	{ "dcterms:", "http://purl.org/dc/terms/" },
	{ "nif:", "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#" },
	{ "itsrdf:", "http://www.w3.org/2005/11/its/rdf#" },
	{ "prov:", "http://www.w3.org/ns/prov#" },
};

typedef struct {
	char *s;
	size_t n, cap;
	int fail;
} sbuf;

static void
sb_add(sbuf *b, const char *s, size_t n)
{
	if (b->fail)
		return;
	if (b->n + n + 1 > b->cap) {
		size_t ncap = (b->n + n + 1) * 2;
		char *ns = realloc(b->s, ncap);

		if (!ns) {
			b->fail = 1;
			return;
		}
		b->s = ns;
		b->cap = ncap;
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
	b->s[b->n] = '\0';
}

static void
sb_str(sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

static char *
sb_take(sbuf *b)
{
	if (b->fail || !b->s) {
		free(b->s);
		return b->fail ? NULL : dup_n("", 0);
	}
	return b->s;
}

static void
fmt_iri(sbuf *b, const char *iri)
{
	size_t i;

	for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		size_t pl = strlen(prefixes[i][1]);
		const char *rest = iri + pl;

		if (strncmp(iri, prefixes[i][1], pl) || !*rest)
			continue;
		if (strspn(rest, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-")
		    != strlen(rest))
			continue;
		sb_str(b, prefixes[i][0]);
		sb_str(b, rest);
		return;
	}
	sb_str(b, "<");
	sb_str(b, iri);
	sb_str(b, ">");
}

static void
fmt_term(sbuf *b, const ng_store *st, ng_tid id)
{
	const ng_term *t = ng_store_term(st, id);
	size_t i;

	if (!t) {
		sb_str(b, "-");
		return;
	}
	switch (t->kind) {
	case NG_TERM_IRI:
		fmt_iri(b, t->lex);
		break;
	case NG_TERM_BNODE:
		sb_str(b, "_:");
		sb_str(b, t->lex);
		break;
	default:
		sb_str(b, "\"");
		for (i = 0; i < t->len; i++) {
			char c = t->lex[i];

			if (c == '"' || c == '\\')
				sb_add(b, "\\", 1);
			if (c == '\n')
				sb_str(b, "\\n");
			else if (c == '\r')
				sb_str(b, "\\r");
			else
				sb_add(b, &c, 1);
		}
		sb_str(b, "\"");
		if (t->lang) {
			sb_str(b, "@");
			sb_str(b, t->lang);
		} else if (t->dt != st->vocab.xsd_string) {
			sb_str(b, "^^");
			fmt_iri(b, st->terms[t->dt].lex);
		}
	}
}

char *
ng_store_format(const ng_store *st, ng_tid id)
{
	sbuf b = { NULL, 0, 0, 0 };

	fmt_term(&b, st, id);
	return sb_take(&b);
}

static void
fmt_path(sbuf *b, const ng_store *st, const ng_graph *g, ng_tid p, int depth)
{
	const ng_vocab *v = &st->vocab;
	const ng_term *t = ng_store_term(st, p);
	ng_tid x, *items = NULL;
	size_t n = 0, i;

	if (!t || depth > 32) {
		sb_str(b, "?");
		return;
	}
	if (t->kind == NG_TERM_IRI) {
		fmt_term(b, st, p);
		return;
	}
	if ((x = ng_graph_object(g, p, v->sh_inversePath))) {
		sb_str(b, "^");
		fmt_path(b, st, g, x, depth + 1);
	} else if ((x = ng_graph_object(g, p, v->sh_zeroOrMorePath))) {
		fmt_path(b, st, g, x, depth + 1);
		sb_str(b, "*");
	} else if ((x = ng_graph_object(g, p, v->sh_oneOrMorePath))) {
		fmt_path(b, st, g, x, depth + 1);
		sb_str(b, "+");
	} else if ((x = ng_graph_object(g, p, v->sh_zeroOrOnePath))) {
		fmt_path(b, st, g, x, depth + 1);
		sb_str(b, "?");
	} else if ((x = ng_graph_object(g, p, v->sh_alternativePath))) {
		if (ng_graph_list(g, v, x, &items, &n) == 0) {
			sb_str(b, "(");
			for (i = 0; i < n; i++) {
				if (i)
					sb_str(b, "|");
				fmt_path(b, st, g, items[i], depth + 1);
			}
			sb_str(b, ")");
		}
	} else if (ng_graph_list(g, v, p, &items, &n) == 0) {
		sb_str(b, "(");
		for (i = 0; i < n; i++) {
			if (i)
				sb_str(b, "/");
			fmt_path(b, st, g, items[i], depth + 1);
		}
		sb_str(b, ")");
	} else {
		fmt_term(b, st, p);
	}
	free(items);
}

char *
ng_path_format(const ng_store *st, const ng_graph *g, ng_tid path)
{
	sbuf b = { NULL, 0, 0, 0 };

	fmt_path(&b, st, g, path, 0);
	return sb_take(&b);
}

/* ------------------------------------------------------------ graphs */

void
ng_graph_init(ng_graph *g)
{
	memset(g, 0, sizeof *g);
}

void
ng_graph_clear(ng_graph *g)
{
	free(g->spo);
	free(g->pos);
	ng_graph_init(g);
}

ng_status
ng_graph_add(ng_graph *g, ng_tid s, ng_tid p, ng_tid o)
{
	if (g->n == g->cap) {
		size_t ncap = g->cap ? g->cap * 2 : 256;
		ng_triple *nt = realloc(g->spo, ncap * sizeof *nt);

		if (!nt)
			return NG_ERR_NOMEM;
		g->spo = nt;
		g->cap = ncap;
	}
	g->spo[g->n].s = s;
	g->spo[g->n].p = p;
	g->spo[g->n].o = o;
	g->n++;
	g->indexed = 0;
	return NG_OK;
}

static int
cmp_u32(ng_tid a, ng_tid b)
{
	return a < b ? -1 : a > b;
}

static int
cmp_spo(const void *a, const void *b)
{
	const ng_triple *x = a, *y = b;
	int c = cmp_u32(x->s, y->s);

	if (!c)
		c = cmp_u32(x->p, y->p);
	return c ? c : cmp_u32(x->o, y->o);
}

static int
cmp_pos(const void *a, const void *b)
{
	const ng_triple *x = a, *y = b;
	int c = cmp_u32(x->p, y->p);

	if (!c)
		c = cmp_u32(x->o, y->o);
	return c ? c : cmp_u32(x->s, y->s);
}

ng_status
ng_graph_index(ng_graph *g)
{
	size_t i, k = 0;
	ng_triple *pos;

	if (g->indexed)
		return NG_OK;
	if (g->n)
		qsort(g->spo, g->n, sizeof *g->spo, cmp_spo);
	for (i = 0; i < g->n; i++)
		if (!k || cmp_spo(&g->spo[k - 1], &g->spo[i]))
			g->spo[k++] = g->spo[i];
	g->n = k;
	pos = realloc(g->pos, (k ? k : 1) * sizeof *pos);
	if (!pos)
		return NG_ERR_NOMEM;
	g->pos = pos;
	if (k) {
		memcpy(pos, g->spo, k * sizeof *pos);
		qsort(pos, k, sizeof *pos, cmp_pos);
	}
	g->indexed = 1;
	return NG_OK;
}

/* First index in a sorted array whose key (a, b) is >= (ka, kb); the key is
 * (s, p) for spo and (p, o) for pos. */
static size_t
lower(const ng_triple *v, size_t n, int pos, ng_tid ka, ng_tid kb)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		ng_tid a = pos ? v[mid].p : v[mid].s;
		ng_tid b = pos ? v[mid].o : v[mid].p;

		if (a < ka || (a == ka && b < kb))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static const ng_triple *
range(const ng_triple *v, size_t n, int pos, ng_tid a, ng_tid b, size_t *count)
{
	size_t lo, hi;

	if (!n) {
		*count = 0;
		return v;
	}
	if (b) {
		lo = lower(v, n, pos, a, b);
		hi = b == UINT32_MAX ? n : lower(v, n, pos, a, b + 1);
	} else {
		lo = lower(v, n, pos, a, 0);
		hi = a == UINT32_MAX ? n : lower(v, n, pos, a + 1, 0);
	}
	*count = hi - lo;
	return v + lo;
}

const ng_triple *
ng_graph_sp(const ng_graph *g, ng_tid s, ng_tid p, size_t *n)
{
	return range(g->spo, g->n, 0, s, p, n);
}

const ng_triple *
ng_graph_po(const ng_graph *g, ng_tid p, ng_tid o, size_t *n)
{
	return range(g->pos, g->n, 1, p, o, n);
}

int
ng_graph_has(const ng_graph *g, ng_tid s, ng_tid p, ng_tid o)
{
	size_t n, lo = 0, hi;
	const ng_triple *t = ng_graph_sp(g, s, p, &n);

	hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t[mid].o == o)
			return 1;
		if (t[mid].o < o)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

ng_tid
ng_graph_object(const ng_graph *g, ng_tid s, ng_tid p)
{
	size_t n;
	const ng_triple *t = ng_graph_sp(g, s, p, &n);

	return n ? t[0].o : 0;
}

int
ng_graph_list(const ng_graph *g, const ng_vocab *v, ng_tid head, ng_tid **out,
              size_t *n)
{
	ng_tid *items = NULL;
	size_t count = 0, cap = 0;

	*out = NULL;
	*n = 0;
	while (head != v->rdf_nil) {
		size_t nf, nr;
		const ng_triple *f = ng_graph_sp(g, head, v->rdf_first, &nf);
		const ng_triple *r = ng_graph_sp(g, head, v->rdf_rest, &nr);

		if (nf != 1 || nr != 1 || count > g->n)
			goto fail;
		if (count == cap) {
			size_t ncap = cap ? cap * 2 : 8;
			ng_tid *ni = realloc(items, ncap * sizeof *ni);

			if (!ni)
				goto fail;
			items = ni;
			cap = ncap;
		}
		items[count++] = f->o;
		head = r->o;
	}
	*out = items;
	*n = count;
	return 0;
fail:
	free(items);
	return -1;
}

/* ------------------------------------------------------------ parsing */

#define NG_PARSE_CHUNK 65536

typedef struct {
	ng_graph *g;
	ng_store *st;
	const char *path;
	ng_error_func func;
	void *handle;
	ng_status status;
	unsigned long prefix;
	int errors;
	raptor_parser *parser;
	const char *buf;    /* the last two chunks of input, to find columns */
	size_t len;
	unsigned long buf_line; /* line number of buf[0] */
} parse_ctx;

static void
report(parse_ctx *c, ng_status status, int warning, unsigned long line,
       unsigned long col, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	ng_error e;

	if (!c->func)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	e.status = status;
	e.warning = warning;
	e.file = c->path;
	e.line = line;
	e.column = col;
	e.byte = -1;
	e.message = msg;
	c->func(c->handle, &e);
}

static ng_tid
from_raptor(parse_ctx *c, raptor_term *t)
{
	char buf[128];
	size_t len;
	const unsigned char *s;
	ng_tid dt = 0;
	int n;

	switch (t->type) {
	case RAPTOR_TERM_TYPE_URI:
		s = raptor_uri_as_counted_string(t->value.uri, &len);
		return ng_store_intern(c->st, NG_TERM_IRI, (const char *)s, len, 0, NULL);
	case RAPTOR_TERM_TYPE_BLANK:
		/* Prefix labels so blank nodes of different files stay apart. */
		n = snprintf(buf, sizeof buf, "f%lu_%s", c->prefix,
		             (const char *)t->value.blank.string);
		if (n < 0 || (size_t)n >= sizeof buf) {
			char *big = malloc(t->value.blank.string_len + 32);
			ng_tid id;

			if (!big)
				return 0;
			n = sprintf(big, "f%lu_%s", c->prefix,
			            (const char *)t->value.blank.string);
			id = ng_store_intern(c->st, NG_TERM_BNODE, big, (size_t)n, 0, NULL);
			free(big);
			return id;
		}
		return ng_store_intern(c->st, NG_TERM_BNODE, buf, (size_t)n, 0, NULL);
	case RAPTOR_TERM_TYPE_LITERAL:
		if (t->value.literal.datatype) {
			s = raptor_uri_as_counted_string(t->value.literal.datatype, &len);
			dt = ng_store_intern(c->st, NG_TERM_IRI, (const char *)s, len, 0, NULL);
			if (!dt)
				return 0;
		}
		return ng_store_intern(c->st, NG_TERM_LITERAL,
		                       (const char *)t->value.literal.string,
		                       t->value.literal.string_len, dt,
		                       (const char *)t->value.literal.language);
	default:
		return 0;
	}
}

/* raptor 2.0.15 passes invalid UTF-8 in IRIs and literals through; RDF
 * terms are Unicode, so such data does not parse. */
static int
term_utf8_ok(const raptor_term *t)
{
	const unsigned char *s = NULL;
	size_t len = 0, bad;
	const char *why;

	if (t->type == RAPTOR_TERM_TYPE_URI)
		s = raptor_uri_as_counted_string(t->value.uri, &len);
	else if (t->type == RAPTOR_TERM_TYPE_LITERAL) {
		s = t->value.literal.string;
		len = t->value.literal.string_len;
	}
	return !s || ng_utf8_check((const char *)s, len, &bad, &why) == NG_OK;
}

static void
on_statement(void *user, raptor_statement *rs)
{
	parse_ctx *c = user;
	ng_tid s, p, o;

	if (c->status)
		return;
	if (!term_utf8_ok(rs->subject) || !term_utf8_ok(rs->predicate) ||
	    !term_utf8_ok(rs->object)) {
		raptor_locator *loc = c->parser ? raptor_parser_get_locator(c->parser) : NULL;
		c->status = NG_ERR_BAD_UTF8;
		c->errors++;
		report(c, NG_ERR_BAD_UTF8, 0, loc && loc->line > 0 ? (unsigned long)loc->line : 0, 0,
		       "invalid UTF-8 in an IRI or literal");
		return;
	}
	s = from_raptor(c, rs->subject);
	p = from_raptor(c, rs->predicate);
	o = from_raptor(c, rs->object);
	if (!s || !p || !o)
		c->status = NG_ERR_NOMEM;
	else
		c->status = ng_graph_add(c->g, s, p, o);
}

/* raptor's Turtle parser reports a line but no column: find the token its
 * message names ("syntax error at 'x'") in that line of the input. */
static unsigned long
guess_column(const parse_ctx *c, unsigned long line, const char *msg)
{
	const char *p = c->buf, *end = c->buf + c->len, *eol, *tok, *q, *hit = NULL;
	size_t tlen;
	unsigned long l = c->buf_line, col = 1;

	if (!p || !line || line < l)
		return 0;
	if (l > 1) {
		/* the window starts mid-line: skip to the next line */
		q = memchr(p, '\n', (size_t)(end - p));
		if (!q)
			return 0;
		p = q + 1;
		l++;
		if (line < l)
			return 0;
	}
	while (l < line && p < end) {
		q = memchr(p, '\n', (size_t)(end - p));
		if (!q)
			return 0;
		p = q + 1;
		l++;
	}
	eol = memchr(p, '\n', (size_t)(end - p));
	if (!eol)
		eol = end;
	tok = msg ? strstr(msg, " at '") : NULL;
	if (tok) {
		tok += 5;
		q = strrchr(tok, '\'');
		tlen = q && q > tok ? (size_t)(q - tok) : 0;
		for (q = p; tlen && q + tlen <= eol; q++)
			if (!memcmp(q, tok, tlen)) {
				hit = q;
				break;
			}
	}
	if (!hit) {
		/* the first non-blank character of the line */
		for (hit = p; hit < eol && (*hit == ' ' || *hit == '\t'); hit++)
			;
	}
	for (q = p; q < hit; q++)
		if (((unsigned char)*q & 0xC0) != 0x80)
			col++;
	return col;
}

static void
on_log(void *user, raptor_log_message *m)
{
	parse_ctx *c = user;
	unsigned long line = 0, col = 0;

	if (!c)
		return;
	if (m->locator) {
		if (m->locator->line > 0)
			line = (unsigned long)m->locator->line;
		if (m->locator->column >= 0)
			col = (unsigned long)m->locator->column + 1;
	}
	if (line && !col)
		col = guess_column(c, line, m->text);
	if (m->level >= RAPTOR_LOG_LEVEL_ERROR) {
		c->errors++;
		report(c, NG_ERR_SYNTAX, 0, line, col, "%s", m->text ? m->text : "syntax error");
	} else if (m->level == RAPTOR_LOG_LEVEL_WARN) {
		report(c, NG_ERR_SYNTAX, 1, line, col, "%s", m->text ? m->text : "warning");
	}
}

static const char *
guess_syntax(raptor_world *world, const char *path)
{
	const char *dot = strrchr(path, '.');
	const char *name;

	if (!strcmp(path, "-"))
		return "turtle";
	if (dot) {
		if (!strcmp(dot, ".ttl"))
			return "turtle";
		if (!strcmp(dot, ".nt"))
			return "ntriples";
		if (!strcmp(dot, ".nq"))
			return "nquads";
	}
	name = raptor_world_guess_parser_name(world, NULL, NULL, NULL, 0,
	                                      (const unsigned char *)path);
	if (!name || !strcmp(name, "guess"))
		return "turtle";
	return name;
}

ng_status
ng_graph_parse(ng_graph *g, ng_store *st, raptor_world *world, const char *path,
               FILE *in, const char *syntax, ng_error_func func, void *handle)
{
	parse_ctx c;
	raptor_parser *parser = NULL;
	raptor_uri *base = NULL;
	unsigned char *base_str = NULL;
	FILE *f = in;
	int is_stdin = !strcmp(path, "-");
	char *buf = NULL;
	size_t len = 0, got;
	int rc;

	memset(&c, 0, sizeof c);
	c.g = g;
	c.st = st;
	c.path = is_stdin ? "<stdin>" : path;
	c.func = func;
	c.handle = handle;
	c.prefix = ++st->files;
	if (!syntax)
		syntax = guess_syntax(world, path);
	/* N-Triples is Turtle; raptor 2.0.15's N-Triples parser leaks the
	 * datatype URI of every typed literal, so read it as Turtle. */
	if (!strcmp(syntax, "ntriples"))
		syntax = "turtle";
	if (!raptor_world_is_parser_name(world, syntax)) {
		report(&c, NG_ERR_BAD_ARG, 0, 0, 0, "unknown RDF syntax '%s'", syntax);
		c.status = NG_ERR_BAD_ARG;
		goto done;
	}
	if (!f) {
		f = is_stdin ? stdin : fopen(path, "rb");
		if (!f) {
			report(&c, NG_ERR_IO, 0, 0, 0, "cannot open: %s", strerror(errno));
			c.status = NG_ERR_IO;
			goto done;
		}
	}
	if (is_stdin)
		base = raptor_new_uri(world, (const unsigned char *)"file:///dev/stdin");
	else {
		base_str = raptor_uri_filename_to_uri_string(path);
		base = base_str ? raptor_new_uri(world, base_str) : NULL;
	}
	parser = raptor_new_parser(world, syntax);
	if (!base || !parser) {
		c.status = NG_ERR_NOMEM;
		goto done;
	}
	buf = malloc(2 * NG_PARSE_CHUNK);
	if (!buf) {
		c.status = NG_ERR_NOMEM;
		goto done;
	}
	c.buf = buf;
	c.buf_line = 1;
	c.parser = parser;
	raptor_world_set_log_handler(world, &c, on_log);
	raptor_parser_set_statement_handler(parser, &c, on_statement);
	rc = raptor_parser_parse_start(parser, base);
	while (!rc && !c.status) {
		/* Keep the previous chunk before the new one, so that an error
		 * message's line is likely still in memory for its column. */
		if (len > NG_PARSE_CHUNK) {
			size_t drop = len - NG_PARSE_CHUNK;
			const char *q = buf, *end = buf + drop;

			while ((q = memchr(q, '\n', (size_t)(end - q))) != NULL) {
				q++;
				c.buf_line++;
			}
			memmove(buf, buf + drop, NG_PARSE_CHUNK);
			len = NG_PARSE_CHUNK;
		}
		got = fread(buf + len, 1, NG_PARSE_CHUNK, f);
		c.len = len + got;
		if (got == 0) {
			if (ferror(f)) {
				report(&c, NG_ERR_IO, 0, 0, 0, "read error: %s", strerror(errno));
				c.status = NG_ERR_IO;
			}
			rc = raptor_parser_parse_chunk(parser, NULL, 0, 1);
			break;
		}
		rc = raptor_parser_parse_chunk(parser, (const unsigned char *)buf + len, got, 0);
		len += got;
	}
	if (rc && !c.errors && !c.status) {
		report(&c, NG_ERR_SYNTAX, 0, 0, 0, "cannot parse as %s", syntax);
		c.errors++;
	}
	raptor_world_set_log_handler(world, NULL, on_log);
	if (!c.status && c.errors)
		c.status = NG_ERR_SYNTAX;
done:
	free(buf);
	if (parser)
		raptor_free_parser(parser);
	if (base)
		raptor_free_uri(base);
	if (base_str)
		raptor_free_memory(base_str);
	if (f && f != in && f != stdin)
		fclose(f);
	return c.status;
}
