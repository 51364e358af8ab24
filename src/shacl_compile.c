/* SPDX-License-Identifier: Apache-2.0 */
/* SHACL Core, first half: shapes are compiled from the shapes graph once
 * (paths, constraints, compiled patterns), each shape on first use, with the
 * errors a shapes graph can hold: a missing shape, a bad path or list, a
 * pattern that does not compile. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shacl_compile.h"

void
ng_shacl_fail(ctx *c, ng_status st, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	ng_error e;

	if (c->status)
		return;
	c->status = st;
	if (!c->func)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	memset(&e, 0, sizeof e);
	e.status = st;
	e.byte = -1;
	e.message = msg;
	c->func(c->handle, &e);
}


static int
is_true(ctx *c, ng_tid t)
{
	const ng_term *x = term(c, t);

	return x && x->kind == NG_TERM_LITERAL && x->dt == c->v->xsd_boolean
	       && !strcmp(x->lex, "true");
}

static int
int_param(ctx *c, ng_tid t, long *out)
{
	const ng_term *x = term(c, t);
	char *end;

	if (!x || x->kind != NG_TERM_LITERAL || !x->len)
		return -1;
	*out = strtol(x->lex, &end, 10);
	return *end ? -1 : 0;
}

static void
path_free(path *p)
{
	size_t i;

	if (!p)
		return;
	for (i = 0; i < p->nsub; i++)
		path_free(p->sub[i]);
	free(p->sub);
	free(p);
}

static path *
path_compile(ctx *c, ng_tid t, int depth)
{
	const ng_vocab *v = c->v;
	const ng_term *x = term(c, t);
	path *p;
	ng_tid o, *items = NULL;
	size_t n = 0, i;
	static const struct {
		size_t off;
		int kind;
	} unary[] = {
		{ offsetof(ng_vocab, sh_inversePath), P_INV },
		{ offsetof(ng_vocab, sh_zeroOrMorePath), P_ZOM },
		{ offsetof(ng_vocab, sh_oneOrMorePath), P_OOM },
		{ offsetof(ng_vocab, sh_zeroOrOnePath), P_ZOO },
	};

	if (!x || x->kind == NG_TERM_LITERAL || depth > 64)
		goto bad;
	p = calloc(1, sizeof *p);
	if (!p) {
		ng_shacl_fail(c, NG_ERR_NOMEM, "out of memory");
		return NULL;
	}
	if (x->kind == NG_TERM_IRI) {
		p->kind = P_PRED;
		p->pred = t;
		return p;
	}
	/* A list is a sequence path, whatever else the node says. */
	if (ng_graph_object(c->sg, t, v->rdf_first)) {
		p->kind = P_SEQ;
		if (ng_graph_list(c->sg, v, t, &items, &n) || n < 2)
			goto badp;
	} else if ((o = ng_graph_object(c->sg, t, v->sh_alternativePath))) {
		p->kind = P_ALT;
		if (ng_graph_list(c->sg, v, o, &items, &n) || n < 2)
			goto badp;
	} else {
		for (i = 0; i < sizeof unary / sizeof unary[0]; i++) {
			ng_tid pred = *(const ng_tid *)((const char *)v + unary[i].off);

			if (!(o = ng_graph_object(c->sg, t, pred)))
				continue;
			p->kind = unary[i].kind;
			p->sub = calloc(1, sizeof *p->sub);
			if (!p->sub)
				goto nomem;
			p->nsub = 1;
			if (!(p->sub[0] = path_compile(c, o, depth + 1)))
				goto err;
			return p;
		}
		goto badp;
	}
	p->sub = calloc(n, sizeof *p->sub);
	if (!p->sub)
		goto nomem;
	for (i = 0; i < n; i++) {
		p->nsub = i + 1;
		if (!(p->sub[i] = path_compile(c, items[i], depth + 1)))
			goto err;
	}
	free(items);
	return p;
nomem:
	ng_shacl_fail(c, NG_ERR_NOMEM, "out of memory");
	goto err;
badp:
	path_free(p);
	p = NULL;
bad:
	{
		char *s = fmt(c, t);

		ng_shacl_fail(c, NG_ERR_BAD_ARG, "shapes: %s is not a valid SHACL path",
		     s ? s : "?");
		free(s);
	}
err:
	free(items);
	path_free(p);
	return NULL;
}

static size_t
map_slot(const ctx *c, ng_tid id)
{
	size_t j = ((size_t)id * 2654435761u) & (c->mcap - 1);

	while (c->map[j] && c->map[j] != id)
		j = (j + 1) & (c->mcap - 1);
	return j;
}

static constraint *
add_constraint(ctx *c, size_t si, int kind, ng_tid param)
{
	shape *s = &c->shapes[si];
	constraint *k;

	if (s->nc == s->ccap) {
		size_t ncap = s->ccap ? s->ccap * 2 : 8;
		constraint *nc = realloc(s->c, ncap * sizeof *nc);

		if (!nc) {
			ng_shacl_fail(c, NG_ERR_NOMEM, "out of memory");
			return NULL;
		}
		s->c = nc;
		s->ccap = ncap;
	}
	k = &s->c[s->nc++];
	memset(k, 0, sizeof *k);
	k->kind = kind;
	k->param = param;
	k->qmin = k->qmax = -1;
	return k;
}

/* Compiles shape @p t into k->shapes. */
static int
add_ref(ctx *c, constraint *k, ng_tid t, ng_tid from)
{
	size_t *ns, idx;

	idx = ng_shacl_compile_shape(c, t, from);
	if (c->status)
		return -1;
	ns = realloc(k->shapes, (k->nshapes + 1) * sizeof *ns);
	if (!ns) {
		ng_shacl_fail(c, NG_ERR_NOMEM, "out of memory");
		return -1;
	}
	k->shapes = ns;
	k->shapes[k->nshapes++] = idx;
	return 0;
}

static int
get_list(ctx *c, ng_tid head, ng_tid owner, ng_tid **items, size_t *n)
{
	if (ng_graph_list(c->sg, c->v, head, items, n)) {
		char *s = fmt(c, owner);

		ng_shacl_fail(c, NG_ERR_BAD_ARG, "shapes: %s has a malformed RDF list",
		     s ? s : "?");
		free(s);
		return -1;
	}
	return 0;
}

static int
compile_pattern(ctx *c, constraint *k, ng_tid shape_id)
{
	const ng_term *pat = term(c, k->param);
	const ng_term *fl = term(c, ng_graph_object(c->sg, shape_id, c->v->sh_flags));
	uint32_t opts = PCRE2_UTF | PCRE2_UCP;
	int err = 0;
	PCRE2_SIZE off = 0;
	const char *f;

	if (!pat || pat->kind != NG_TERM_LITERAL) {
		ng_shacl_fail(c, NG_ERR_PATTERN, "shapes: sh:pattern must be a literal");
		return -1;
	}
	if (fl)
		for (f = fl->lex; *f; f++) {
			switch (*f) {
			case 'i': opts |= PCRE2_CASELESS; break;
			case 's': opts |= PCRE2_DOTALL; break;
			case 'm': opts |= PCRE2_MULTILINE; break;
			case 'x': opts |= PCRE2_EXTENDED; break;
			case 'q': opts |= PCRE2_LITERAL; break;
			default:
				ng_shacl_fail(c, NG_ERR_PATTERN, "shapes: unknown sh:flags '%c'", *f);
				return -1;
			}
		}
	k->re = pcre2_compile((PCRE2_SPTR)pat->lex, pat->len, opts, &err, &off, NULL);
	if (!k->re) {
		PCRE2_UCHAR msg[256];

		pcre2_get_error_message(err, msg, sizeof msg);
		ng_shacl_fail(c, NG_ERR_PATTERN,
		     "shapes: sh:pattern \"%s\" does not compile at offset %lu: %s",
		     pat->lex, (unsigned long)off, (const char *)msg);
		return -1;
	}
	return 0;
}

/* Qualified sibling shapes: qualified value shapes of the other property
 * shapes of every shape that has @p ps as sh:property. */
static int
qualified_siblings(ctx *c, constraint *k, ng_tid ps, ng_tid qvs)
{
	const ng_vocab *v = c->v;
	size_t np, i, j, l, nq, nsib;
	const ng_triple *parents = ng_graph_po(c->sg, v->sh_property, ps, &np);

	for (i = 0; i < np; i++) {
		size_t n2;
		const ng_triple *props = ng_graph_sp(c->sg, parents[i].s, v->sh_property, &n2);

		for (j = 0; j < n2; j++) {
			const ng_triple *q;

			if (props[j].o == ps)
				continue;
			q = ng_graph_sp(c->sg, props[j].o, v->sh_qualifiedValueShape, &nq);
			for (l = 0; l < nq; l++) {
				size_t idx, *ns;

				if (q[l].o == qvs)
					continue;
				idx = ng_shacl_compile_shape(c, q[l].o, props[j].o);
				if (c->status)
					return -1;
				nsib = k->nsib;
				ns = realloc(k->sib, (nsib + 1) * sizeof *ns);
				if (!ns) {
					ng_shacl_fail(c, NG_ERR_NOMEM, "out of memory");
					return -1;
				}
				k->sib = ns;
				k->sib[k->nsib++] = idx;
			}
		}
	}
	return 0;
}

static void
compile_constraint(ctx *c, size_t si, const ng_triple *t)
{
	const ng_vocab *v = c->v;
	ng_tid id = t->s, p = t->p, o = t->o;
	constraint *k = NULL;
	ng_tid *items = NULL;
	size_t n = 0, i;
	long num;

#define SIMPLE(pred, kind) \
	if (p == v->pred) { \
		k = add_constraint(c, si, kind, o); \
		goto done; \
	}
	SIMPLE(sh_class, K_CLASS)
	SIMPLE(sh_datatype, K_DATATYPE)
	SIMPLE(sh_nodeKind, K_NODEKIND)
	SIMPLE(sh_minExclusive, K_MINEXCL)
	SIMPLE(sh_minInclusive, K_MININCL)
	SIMPLE(sh_maxExclusive, K_MAXEXCL)
	SIMPLE(sh_maxInclusive, K_MAXINCL)
	SIMPLE(sh_equals, K_EQUALS)
	SIMPLE(sh_disjoint, K_DISJOINT)
	SIMPLE(sh_lessThan, K_LESSTHAN)
	SIMPLE(sh_lessThanOrEquals, K_LESSTHANEQ)
	SIMPLE(sh_hasValue, K_HASVALUE)
#undef SIMPLE
	if (p == v->sh_minCount || p == v->sh_maxCount || p == v->sh_minLength
	    || p == v->sh_maxLength) {
		int kind = p == v->sh_minCount ? K_MINCOUNT
		           : p == v->sh_maxCount ? K_MAXCOUNT
		           : p == v->sh_minLength ? K_MINLEN : K_MAXLEN;

		if (int_param(c, o, &num) || num < 0) {
			char *s = fmt(c, id);

			ng_shacl_fail(c, NG_ERR_BAD_ARG, "shapes: %s: count or length is not a non-negative integer",
			     s ? s : "?");
			free(s);
			return;
		}
		if ((k = add_constraint(c, si, kind, o)))
			k->n = num;
	} else if (p == v->sh_pattern) {
		if ((k = add_constraint(c, si, K_PATTERN, o)))
			compile_pattern(c, k, id);
	} else if (p == v->sh_uniqueLang) {
		if (is_true(c, o))
			k = add_constraint(c, si, K_UNIQUELANG, o);
	} else if (p == v->sh_not || p == v->sh_node || p == v->sh_property) {
		int kind = p == v->sh_not ? K_NOT : p == v->sh_node ? K_NODE : K_PROPERTY;

		if ((k = add_constraint(c, si, kind, o)))
			add_ref(c, k, o, id);
	} else if (p == v->sh_and || p == v->sh_or || p == v->sh_xone) {
		int kind = p == v->sh_and ? K_AND : p == v->sh_or ? K_OR : K_XONE;

		if (get_list(c, o, id, &items, &n))
			goto done;
		if ((k = add_constraint(c, si, kind, o)))
			for (i = 0; i < n && !c->status; i++)
				add_ref(c, k, items[i], id);
	} else if (p == v->sh_in || p == v->sh_languageIn) {
		if (get_list(c, o, id, &items, &n))
			goto done;
		if ((k = add_constraint(c, si, p == v->sh_in ? K_IN : K_LANGIN, o))) {
			k->list = items;
			k->nlist = n;
			items = NULL;
		}
	} else if (p == v->sh_closed) {
		size_t np, ni = 0;
		const ng_triple *props;
		ng_tid *ign = NULL;

		if (!is_true(c, o))
			goto done;
		o = ng_graph_object(c->sg, id, v->sh_ignoredProperties);
		if (o && get_list(c, o, id, &ign, &ni))
			goto done;
		props = ng_graph_sp(c->sg, id, v->sh_property, &np);
		items = malloc((ni + np + 1) * sizeof *items);
		if (!items) {
			free(ign);
			ng_shacl_fail(c, NG_ERR_NOMEM, "out of memory");
			goto done;
		}
		for (i = 0; i < ni; i++)
			items[n++] = ign[i];
		free(ign);
		for (i = 0; i < np; i++) {
			ng_tid pp = ng_graph_object(c->sg, props[i].o, v->sh_path);
			const ng_term *x = term(c, pp);

			if (x && x->kind == NG_TERM_IRI)
				items[n++] = pp;
		}
		if ((k = add_constraint(c, si, K_CLOSED, t->o))) {
			k->list = items;
			k->nlist = n;
			items = NULL;
		}
	} else if (p == v->sh_qualifiedValueShape) {
		ng_tid mn = ng_graph_object(c->sg, id, v->sh_qualifiedMinCount);
		ng_tid mx = ng_graph_object(c->sg, id, v->sh_qualifiedMaxCount);

		if (!mn && !mx)
			goto done;
		if (!(k = add_constraint(c, si, K_QUALMIN, o)))
			goto done;
		if (mn && int_param(c, mn, &k->qmin))
			k->qmin = -1;
		if (mx && int_param(c, mx, &k->qmax))
			k->qmax = -1;
		if (add_ref(c, k, o, id))
			goto done;
		if (is_true(c, ng_graph_object(c->sg, id, v->sh_qualifiedValueShapesDisjoint)))
			qualified_siblings(c, k, id, o);
	}
done:
	free(items);
}

/* Index of shape @p id, compiling it on first use. @p from is the shape
 * that refers to it (0 for a top-level shape). */
size_t
ng_shacl_compile_shape(ctx *c, ng_tid id, ng_tid from)
{
	const ng_vocab *v = c->v;
	size_t j, si, n, i;
	const ng_triple *t;
	shape *s;

	if ((c->nshapes + 1) * 2 > c->mcap) {
		size_t ncap = c->mcap ? c->mcap * 2 : 64, old = c->mcap;
		ng_tid *om = c->map;
		size_t *oi = c->map_idx;

		c->map = calloc(ncap, sizeof *c->map);
		c->map_idx = calloc(ncap, sizeof *c->map_idx);
		if (!c->map || !c->map_idx) {
			free(c->map);
			free(c->map_idx);
			c->map = om;
			c->map_idx = oi;
			ng_shacl_fail(c, NG_ERR_NOMEM, "out of memory");
			return 0;
		}
		c->mcap = ncap;
		for (i = 0; i < old; i++)
			if (om[i]) {
				j = map_slot(c, om[i]);
				c->map[j] = om[i];
				c->map_idx[j] = oi[i];
			}
		free(om);
		free(oi);
	}
	j = map_slot(c, id);
	if (c->map[j])
		return c->map_idx[j];
	t = ng_graph_sp(c->sg, id, 0, &n);
	if (from && !n && term(c, id)->kind == NG_TERM_IRI) {
		char *a = fmt(c, id), *b = fmt(c, from);

		ng_shacl_fail(c, NG_ERR_NOT_FOUND, "shapes: shape %s, used by %s, is not defined",
		     a ? a : "?", b ? b : "?");
		free(a);
		free(b);
		return 0;
	}
	if (c->nshapes == c->scap) {
		size_t ncap = c->scap ? c->scap * 2 : 32;
		shape *ns = realloc(c->shapes, ncap * sizeof *ns);

		if (!ns) {
			ng_shacl_fail(c, NG_ERR_NOMEM, "out of memory");
			return 0;
		}
		c->shapes = ns;
		c->scap = ncap;
	}
	si = c->nshapes++;
	c->map[j] = id;
	c->map_idx[j] = si;
	s = &c->shapes[si];
	memset(s, 0, sizeof *s);
	s->id = id;
	s->deactivated = is_true(c, ng_graph_object(c->sg, id, v->sh_deactivated));
	s->severity = ng_graph_object(c->sg, id, v->sh_severity);
	if (!s->severity || term(c, s->severity)->kind != NG_TERM_IRI)
		s->severity = v->sh_Violation;
	s->message = ng_graph_object(c->sg, id, v->sh_message);
	s->path_term = ng_graph_object(c->sg, id, v->sh_path);
	if (s->path_term) {
		path *p = path_compile(c, s->path_term, 0);

		c->shapes[si].path = p;
		if (!p)
			return si;
	}
	for (i = 0; i < n && !c->status; i++)
		compile_constraint(c, si, &t[i]);
	return si;
}

void
ng_shacl_ctx_free(ctx *c)
{
	size_t i, j;

	for (i = 0; i < c->nshapes; i++) {
		shape *s = &c->shapes[i];

		path_free(s->path);
		for (j = 0; j < s->nc; j++) {
			free(s->c[j].shapes);
			free(s->c[j].list);
			free(s->c[j].sib);
			pcre2_code_free(s->c[j].re);
		}
		free(s->c);
	}
	free(c->shapes);
	free(c->map);
	free(c->map_idx);
	free(c->stack);
	pcre2_match_data_free(c->md);
}
