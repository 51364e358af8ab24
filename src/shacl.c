/* SPDX-License-Identifier: Apache-2.0 */
/* SHACL Core: shapes are compiled from the shapes graph once (paths,
 * constraints, compiled patterns; shacl_compile.c), then every target is
 * validated against the indexed data graph, here. Nested shapes (sh:node, sh:not, sh:and, ...) are
 * evaluated for conformance only; a (shape, focus node) pair met again while
 * it is being evaluated means the shapes recurse on this data: an error. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shacl.h"
#include "shacl_compile.h"
#include "xsd.h"

/* ------------------------------------------------------------ node sets */

typedef struct {
	ng_tid *v;
	size_t n, cap;
	ng_tid *h;
	size_t hcap;
} nset;

static void
nset_free(nset *s)
{
	free(s->v);
	free(s->h);
	memset(s, 0, sizeof *s);
}

static void
nset_reset(nset *s)
{
	s->n = 0;
	if (s->h)
		memset(s->h, 0, s->hcap * sizeof *s->h);
}

static size_t
nset_slot(const nset *s, ng_tid x)
{
	size_t j = ((size_t)x * 2654435761u) & (s->hcap - 1);

	while (s->h[j] && s->h[j] != x)
		j = (j + 1) & (s->hcap - 1);
	return j;
}

static int
nset_has(const nset *s, ng_tid x)
{
	return s->hcap && s->h[nset_slot(s, x)] == x;
}

/* Returns 1 when added, 0 when present, -1 when out of memory. */
static int
nset_add(nset *s, ng_tid x)
{
	size_t j;

	if ((s->n + 1) * 2 > s->hcap) {
		size_t ncap = s->hcap ? s->hcap * 2 : 16, i;
		ng_tid *nh = calloc(ncap, sizeof *nh);

		if (!nh)
			return -1;
		free(s->h);
		s->h = nh;
		s->hcap = ncap;
		for (i = 0; i < s->n; i++)
			s->h[nset_slot(s, s->v[i])] = s->v[i];
	}
	j = nset_slot(s, x);
	if (s->h[j] == x)
		return 0;
	if (s->n == s->cap) {
		size_t ncap = s->cap ? s->cap * 2 : 8;
		ng_tid *nv = realloc(s->v, ncap * sizeof *nv);

		if (!nv)
			return -1;
		s->v = nv;
		s->cap = ncap;
	}
	s->h[j] = x;
	s->v[s->n++] = x;
	return 1;
}

static const char *const kind_names[] = {
#define KIND_NAME(k, name) name,
	KINDS(KIND_NAME)
#undef KIND_NAME
};

typedef struct {
	ng_results *out;     /* NULL: only count */
	size_t count;
} sink;


/* ------------------------------------------------------------ evaluation */

static void
add_node(ctx *c, nset *s, ng_tid x)
{
	if (nset_add(s, x) < 0)
		ng_shacl_fail(c, NG_ERR_NOMEM, "out of memory");
}

static void eval_path(ctx *c, const path *p, ng_tid node, int inv, nset *out);

static void
eval_closure(ctx *c, const path *p, ng_tid node, int inv, nset *out, int zero)
{
	nset seen = { 0 }, step = { 0 };
	size_t i, q = 0;

	add_node(c, &seen, node);
	if (zero)
		add_node(c, out, node);
	/* Breadth first over seen, which doubles as the queue. */
	while (q < seen.n && !c->status) {
		ng_tid x = seen.v[q++];

		nset_reset(&step);
		eval_path(c, p, x, inv, &step);
		for (i = 0; i < step.n; i++) {
			add_node(c, out, step.v[i]);
			add_node(c, &seen, step.v[i]);
		}
	}
	nset_free(&seen);
	nset_free(&step);
}

static void
eval_path(ctx *c, const path *p, ng_tid node, int inv, nset *out)
{
	const ng_triple *t;
	size_t n, i, j;
	nset cur = { 0 }, next = { 0 };

	switch (p->kind) {
	case P_PRED:
		if (!inv) {
			t = ng_graph_sp(c->dg, node, p->pred, &n);
			for (i = 0; i < n; i++)
				add_node(c, out, t[i].o);
		} else {
			t = ng_graph_po(c->dg, p->pred, node, &n);
			for (i = 0; i < n; i++)
				add_node(c, out, t[i].s);
		}
		break;
	case P_INV:
		eval_path(c, p->sub[0], node, !inv, out);
		break;
	case P_ALT:
		for (i = 0; i < p->nsub; i++)
			eval_path(c, p->sub[i], node, inv, out);
		break;
	case P_SEQ:
		add_node(c, &cur, node);
		for (i = 0; i < p->nsub && !c->status; i++) {
			const path *sp = p->sub[inv ? p->nsub - 1 - i : i];

			nset_reset(&next);
			for (j = 0; j < cur.n; j++)
				eval_path(c, sp, cur.v[j], inv, &next);
			{
				nset tmp = cur;

				cur = next;
				next = tmp;
			}
		}
		for (j = 0; j < cur.n; j++)
			add_node(c, out, cur.v[j]);
		break;
	case P_ZOM:
		eval_closure(c, p->sub[0], node, inv, out, 1);
		break;
	case P_OOM:
		eval_closure(c, p->sub[0], node, inv, out, 0);
		break;
	case P_ZOO:
		add_node(c, out, node);
		eval_path(c, p->sub[0], node, inv, out);
		break;
	}
	nset_free(&cur);
	nset_free(&next);
}

static int
has_superclass(const ng_graph *g, const ng_vocab *v, ng_tid cls, ng_tid target,
               nset *seen, ctx *c)
{
	size_t n, i;
	const ng_triple *t;

	if (cls == target)
		return 1;
	if (nset_add(seen, cls) <= 0)
		return 0;
	t = ng_graph_sp(g, cls, v->rdfs_subClassOf, &n);
	for (i = 0; i < n; i++)
		if (has_superclass(g, v, t[i].o, target, seen, c))
			return 1;
	if (c->extra && g != c->extra) {
		t = ng_graph_sp(c->extra, cls, v->rdfs_subClassOf, &n);
		for (i = 0; i < n; i++)
			if (has_superclass(g, v, t[i].o, target, seen, c))
				return 1;
	}
	return 0;
}

/* SHACL instance: a type of @p node is @p cls or a subclass of it. */
static int
is_instance(ctx *c, ng_tid node, ng_tid cls)
{
	size_t n, i;
	const ng_triple *t = ng_graph_sp(c->dg, node, c->v->rdf_type, &n);
	nset seen = { 0 };
	int found = 0;

	for (i = 0; i < n && !found; i++)
		found = has_superclass(c->dg, c->v, t[i].o, cls, &seen, c);
	if (!found && c->extra) {
		t = ng_graph_sp(c->extra, node, c->v->rdf_type, &n);
		for (i = 0; i < n && !found; i++)
			found = has_superclass(c->dg, c->v, t[i].o, cls, &seen, c);
	}
	nset_free(&seen);
	return found;
}

static char *
default_message(ctx *c, const constraint *k, ng_tid value)
{
	char buf[512];
	char *p = fmt(c, k->param), *val = value ? fmt(c, value) : NULL;
	const char *ps = p ? p : "?";

	switch (k->kind) {
	case K_CLASS: snprintf(buf, sizeof buf, "value is not an instance of %s", ps); break;
	case K_DATATYPE: snprintf(buf, sizeof buf, "value is not a valid literal of datatype %s", ps); break;
	case K_NODEKIND: snprintf(buf, sizeof buf, "value is not of node kind %s", ps); break;
	case K_MINCOUNT: snprintf(buf, sizeof buf, "fewer than %ld value%s", k->n, k->n == 1 ? "" : "s"); break;
	case K_MAXCOUNT: snprintf(buf, sizeof buf, "more than %ld value%s", k->n, k->n == 1 ? "" : "s"); break;
	case K_MINEXCL: snprintf(buf, sizeof buf, "value is not greater than %s", ps); break;
	case K_MININCL: snprintf(buf, sizeof buf, "value is less than %s", ps); break;
	case K_MAXEXCL: snprintf(buf, sizeof buf, "value is not less than %s", ps); break;
	case K_MAXINCL: snprintf(buf, sizeof buf, "value is greater than %s", ps); break;
	case K_MINLEN: snprintf(buf, sizeof buf, "value is shorter than %ld characters", k->n); break;
	case K_MAXLEN: snprintf(buf, sizeof buf, "value is longer than %ld characters", k->n); break;
	case K_PATTERN: snprintf(buf, sizeof buf, "value does not match the pattern %s", ps); break;
	case K_LANGIN: snprintf(buf, sizeof buf, "language tag is not one of the allowed ones"); break;
	case K_UNIQUELANG: snprintf(buf, sizeof buf, "more than one value with one language tag"); break;
	case K_EQUALS: snprintf(buf, sizeof buf, "values differ from those of %s", ps); break;
	case K_DISJOINT: snprintf(buf, sizeof buf, "value is also a value of %s", ps); break;
	case K_LESSTHAN: snprintf(buf, sizeof buf, "value is not less than the values of %s", ps); break;
	case K_LESSTHANEQ: snprintf(buf, sizeof buf, "value is greater than the values of %s", ps); break;
	case K_NOT: snprintf(buf, sizeof buf, "value conforms to the negated shape %s", ps); break;
	case K_AND: snprintf(buf, sizeof buf, "value does not conform to all shapes of sh:and"); break;
	case K_OR: snprintf(buf, sizeof buf, "value conforms to none of the shapes of sh:or"); break;
	case K_XONE: snprintf(buf, sizeof buf, "value does not conform to exactly one shape of sh:xone"); break;
	case K_NODE: snprintf(buf, sizeof buf, "value does not conform to shape %s", ps); break;
	case K_QUALMIN: snprintf(buf, sizeof buf, "fewer than %ld values conform to shape %s", k->qmin, ps); break;
	case K_QUALMAX: snprintf(buf, sizeof buf, "more than %ld values conform to shape %s", k->qmax, ps); break;
	case K_CLOSED: snprintf(buf, sizeof buf, "property is not allowed by the closed shape"); break;
	case K_HASVALUE: snprintf(buf, sizeof buf, "missing the value %s", ps); break;
	case K_IN: snprintf(buf, sizeof buf, "value is not one of the allowed values"); break;
	default: snprintf(buf, sizeof buf, "constraint violated"); break;
	}
	(void)val;
	free(p);
	free(val);
	return strdup(buf);
}

static void
emit(ctx *c, sink *sk, const shape *s, const constraint *k, int kind,
     ng_tid focus, ng_tid value, ng_tid path_term)
{
	ng_result r;

	sk->count++;
	if (!sk->out)
		return;
	memset(&r, 0, sizeof r);
	r.focus = focus;
	r.path = path_term ? path_term : s->path_term;
	r.value = value;
	r.shape = s->id;
	r.component = c->comp[kind];
	r.severity = s->severity;
	r.message = s->message;
	if (!r.message) {
		constraint tmp = *k;

		tmp.kind = kind;
		r.text = default_message(c, &tmp, value);
	}
	if (ng_results_add(sk->out, &r)) {
		free(r.text);
		ng_shacl_fail(c, NG_ERR_NOMEM, "out of memory");
	}
}

static void validate_shape(ctx *c, size_t si, ng_tid focus, sink *sk);

static int
push(ctx *c, size_t si, ng_tid node)
{
	size_t i;

	for (i = 0; i < c->depth; i++)
		if (c->stack[i].shape == si && c->stack[i].node == node) {
			char *a = fmt(c, c->shapes[si].id), *b = fmt(c, node);

			ng_shacl_fail(c, NG_ERR_LIMIT, "shapes: shape %s is recursive (it depends on itself for node %s)",
			     a ? a : "?", b ? b : "?");
			free(a);
			free(b);
			return -1;
		}
	if (c->depth >= 256) {
		ng_shacl_fail(c, NG_ERR_LIMIT, "shapes: shapes nest too deeply");
		return -1;
	}
	if (c->depth == c->stack_cap) {
		size_t ncap = c->stack_cap ? c->stack_cap * 2 : 16;
		frame *ns = realloc(c->stack, ncap * sizeof *ns);

		if (!ns) {
			ng_shacl_fail(c, NG_ERR_NOMEM, "out of memory");
			return -1;
		}
		c->stack = ns;
		c->stack_cap = ncap;
	}
	c->stack[c->depth].shape = si;
	c->stack[c->depth].node = node;
	c->depth++;
	return 0;
}

static int
conforms(ctx *c, size_t si, ng_tid node)
{
	sink sk = { NULL, 0 };

	if (c->status || push(c, si, node))
		return 1;
	validate_shape(c, si, node, &sk);
	c->depth--;
	return sk.count == 0;
}

static size_t
utf8_len(const char *s, size_t n)
{
	size_t i, len = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			len++;
	return len;
}

static int
lang_matches(const char *tag, const ng_term *range)
{
	size_t rl;

	if (!tag || !*tag || range->kind != NG_TERM_LITERAL)
		return 0;
	if (!strcmp(range->lex, "*"))
		return 1;
	rl = range->len;
	return !strncasecmp(tag, range->lex, rl) && (tag[rl] == '\0' || tag[rl] == '-');
}

static int
node_kind_ok(ctx *c, ng_tid kind, ng_tid x)
{
	const ng_vocab *v = c->v;
	int k = term(c, x)->kind;

	if (kind == v->sh_IRI)
		return k == NG_TERM_IRI;
	if (kind == v->sh_BlankNode)
		return k == NG_TERM_BNODE;
	if (kind == v->sh_Literal)
		return k == NG_TERM_LITERAL;
	if (kind == v->sh_BlankNodeOrIRI)
		return k != NG_TERM_LITERAL;
	if (kind == v->sh_BlankNodeOrLiteral)
		return k != NG_TERM_IRI;
	if (kind == v->sh_IRIOrLiteral)
		return k != NG_TERM_BNODE;
	return 0;
}

static void
check(ctx *c, size_t si, const constraint *k, ng_tid focus, const nset *vals,
      sink *sk)
{
	const shape *s = &c->shapes[si];
	size_t i, j, n;
	const ng_triple *t;

	switch (k->kind) {
	case K_MINCOUNT:
		if (vals->n < (size_t)k->n)
			emit(c, sk, s, k, k->kind, focus, 0, 0);
		return;
	case K_MAXCOUNT:
		if (vals->n > (size_t)k->n)
			emit(c, sk, s, k, k->kind, focus, 0, 0);
		return;
	case K_HASVALUE:
		if (!nset_has(vals, k->param))
			emit(c, sk, s, k, k->kind, focus, 0, 0);
		return;
	case K_UNIQUELANG:
		for (i = 0; i < vals->n; i++) {
			const ng_term *a = term(c, vals->v[i]);
			int dup = 0, earlier = 0;

			if (a->kind != NG_TERM_LITERAL || !a->lang)
				continue;
			for (j = 0; j < vals->n; j++) {
				const ng_term *b = term(c, vals->v[j]);

				if (j == i || b->kind != NG_TERM_LITERAL || !b->lang
				    || strcmp(a->lang, b->lang))
					continue;
				dup = 1;
				if (j < i)
					earlier = 1;
			}
			if (dup && !earlier)
				emit(c, sk, s, k, k->kind, focus, 0, 0);
		}
		return;
	case K_EQUALS:
	case K_DISJOINT:
	case K_LESSTHAN:
	case K_LESSTHANEQ:
		t = ng_graph_sp(c->dg, focus, k->param, &n);
		if (k->kind == K_EQUALS) {
			for (i = 0; i < vals->n; i++)
				if (!ng_graph_has(c->dg, focus, k->param, vals->v[i]))
					emit(c, sk, s, k, k->kind, focus, vals->v[i], 0);
			for (j = 0; j < n; j++)
				if (!nset_has(vals, t[j].o))
					emit(c, sk, s, k, k->kind, focus, t[j].o, 0);
			return;
		}
		for (i = 0; i < vals->n; i++)
			for (j = 0; j < n; j++) {
				int cmp;

				if (k->kind == K_DISJOINT) {
					if (vals->v[i] == t[j].o)
						emit(c, sk, s, k, k->kind, focus, vals->v[i], 0);
					continue;
				}
				cmp = ng_xsd_compare(c->st, vals->v[i], t[j].o);
				if (cmp == 2 && term(c, vals->v[i])->kind != NG_TERM_LITERAL
				    && vals->v[i] == t[j].o)
					cmp = 0;
				if (cmp != -1 && !(k->kind == K_LESSTHANEQ && cmp == 0))
					emit(c, sk, s, k, k->kind, focus, vals->v[i], 0);
			}
		return;
	case K_QUALMIN: {
		long count = 0;

		for (i = 0; i < vals->n && !c->status; i++) {
			ng_tid x = vals->v[i];

			if (!conforms(c, k->shapes[0], x))
				continue;
			for (j = 0; j < k->nsib; j++)
				if (conforms(c, k->sib[j], x))
					break;
			if (j == k->nsib)
				count++;
		}
		if (k->qmin >= 0 && count < k->qmin)
			emit(c, sk, s, k, K_QUALMIN, focus, 0, 0);
		if (k->qmax >= 0 && count > k->qmax)
			emit(c, sk, s, k, K_QUALMAX, focus, 0, 0);
		return;
	}
	default:
		break;
	}
	/* The rest look at each value node on its own. */
	for (i = 0; i < vals->n && !c->status; i++) {
		ng_tid x = vals->v[i];
		const ng_term *xt = term(c, x);
		int ok = 1, cmp, m;

		switch (k->kind) {
		case K_CLASS:
			ok = xt->kind != NG_TERM_LITERAL && is_instance(c, x, k->param);
			break;
		case K_DATATYPE:
			ok = xt->kind == NG_TERM_LITERAL && xt->dt == k->param
			     && ng_xsd_valid(c->st, xt);
			break;
		case K_NODEKIND:
			ok = node_kind_ok(c, k->param, x);
			break;
		case K_MINEXCL:
		case K_MININCL:
		case K_MAXEXCL:
		case K_MAXINCL:
			cmp = ng_xsd_compare(c->st, x, k->param);
			ok = cmp != 2
			     && (k->kind == K_MINEXCL ? cmp > 0
			         : k->kind == K_MININCL ? cmp >= 0
			         : k->kind == K_MAXEXCL ? cmp < 0 : cmp <= 0);
			break;
		case K_MINLEN:
		case K_MAXLEN:
			if (xt->kind == NG_TERM_BNODE)
				ok = 0;
			else if (k->kind == K_MINLEN)
				ok = utf8_len(xt->lex, xt->len) >= (size_t)k->n;
			else
				ok = utf8_len(xt->lex, xt->len) <= (size_t)k->n;
			break;
		case K_PATTERN:
			if (xt->kind == NG_TERM_BNODE || !k->re) {
				ok = 0;
				break;
			}
			m = pcre2_match(k->re, (PCRE2_SPTR)xt->lex, xt->len, 0, 0, c->md, NULL);
			if (m < -1) {
				PCRE2_UCHAR msg[256];

				pcre2_get_error_message(m, msg, sizeof msg);
				ng_shacl_fail(c, NG_ERR_PATTERN, "sh:pattern: %s", (const char *)msg);
			}
			ok = m >= 0;
			break;
		case K_LANGIN:
			ok = 0;
			if (xt->kind == NG_TERM_LITERAL && xt->lang)
				for (j = 0; j < k->nlist && !ok; j++)
					ok = lang_matches(xt->lang, term(c, k->list[j]));
			break;
		case K_IN:
			ok = ng_tid_in(k->list, k->nlist, x);
			break;
		case K_NOT:
			ok = !conforms(c, k->shapes[0], x);
			break;
		case K_NODE:
			ok = conforms(c, k->shapes[0], x);
			break;
		case K_AND:
			for (j = 0; j < k->nshapes && ok; j++)
				ok = conforms(c, k->shapes[j], x);
			break;
		case K_OR:
			ok = 0;
			for (j = 0; j < k->nshapes && !ok; j++)
				ok = conforms(c, k->shapes[j], x);
			break;
		case K_XONE:
			for (j = 0, m = 0; j < k->nshapes; j++)
				m += conforms(c, k->shapes[j], x);
			ok = m == 1;
			break;
		case K_PROPERTY:
			if (push(c, k->shapes[0], x))
				return;
			validate_shape(c, k->shapes[0], x, sk);
			c->depth--;
			break;
		case K_CLOSED:
			t = ng_graph_sp(c->dg, x, 0, &n);
			for (j = 0; j < n; j++)
				if (!ng_tid_in(k->list, k->nlist, t[j].p))
					emit(c, sk, s, k, k->kind, x, t[j].o, t[j].p);
			break;
		default:
			break;
		}
		if (!ok && !c->status)
			emit(c, sk, s, k, k->kind, focus, x, 0);
		if (!sk->out && sk->count)
			return;
	}
}

static void
validate_shape(ctx *c, size_t si, ng_tid focus, sink *sk)
{
	nset vals = { 0 };
	size_t i;

	if (c->shapes[si].deactivated || c->status)
		return;
	if (c->shapes[si].path)
		eval_path(c, c->shapes[si].path, focus, 0, &vals);
	else
		add_node(c, &vals, focus);
	for (i = 0; i < c->shapes[si].nc && !c->status; i++) {
		/* shapes may grow while checking: index, do not hold pointers */
		check(c, si, &c->shapes[si].c[i], focus, &vals, sk);
		if (!sk->out && sk->count)
			break;
	}
	nset_free(&vals);
}

/* Instances of @p cls and of its subclasses, by the data graph's (and the
 * ontology's) rdfs:subClassOf. */
static void
class_targets(ctx *c, ng_tid cls, nset *out)
{
	nset classes = { 0 };
	size_t q = 0, n, i;
	const ng_triple *t;

	add_node(c, &classes, cls);
	while (q < classes.n && !c->status) {
		ng_tid k = classes.v[q++];

		t = ng_graph_po(c->dg, c->v->rdfs_subClassOf, k, &n);
		for (i = 0; i < n; i++)
			add_node(c, &classes, t[i].s);
		if (c->extra) {
			t = ng_graph_po(c->extra, c->v->rdfs_subClassOf, k, &n);
			for (i = 0; i < n; i++)
				add_node(c, &classes, t[i].s);
		}
	}
	for (q = 0; q < classes.n; q++) {
		t = ng_graph_po(c->dg, c->v->rdf_type, classes.v[q], &n);
		for (i = 0; i < n; i++)
			add_node(c, out, t[i].s);
	}
	nset_free(&classes);
}

static void
focus_nodes(ctx *c, ng_tid id, nset *out)
{
	const ng_vocab *v = c->v;
	size_t n, i, m, j;
	const ng_triple *t = ng_graph_sp(c->sg, id, 0, &n), *u;

	for (i = 0; i < n; i++) {
		if (t[i].p == v->sh_targetNode)
			add_node(c, out, t[i].o);
		else if (t[i].p == v->sh_targetClass)
			class_targets(c, t[i].o, out);
		else if (t[i].p == v->rdf_type && t[i].o == v->rdfs_Class)
			class_targets(c, id, out);
		else if (t[i].p == v->sh_targetSubjectsOf || t[i].p == v->sh_targetObjectsOf) {
			u = ng_graph_po(c->dg, t[i].o, 0, &m);
			for (j = 0; j < m; j++)
				add_node(c, out, t[i].p == v->sh_targetSubjectsOf ? u[j].s : u[j].o);
		}
	}
}

static int
is_shape_type(ctx *c, ng_tid id)
{
	return ng_graph_has(c->sg, id, c->v->rdf_type, c->v->sh_NodeShape)
	       || ng_graph_has(c->sg, id, c->v->rdf_type, c->v->sh_PropertyShape);
}

ng_status
ng_shacl_validate(ng_store *st, const ng_graph *shapes, const ng_graph *data,
                  const ng_graph *extra, ng_results *out, ng_error_func func,
                  void *handle)
{
	ctx c;
	const ng_vocab *v = ng_store_vocab(st);
	ng_tid target_preds[4];
	nset tops = { 0 }, focus = { 0 };
	size_t i, j, n;
	const ng_triple *t;
	char iri[128];

	memset(&c, 0, sizeof c);
	c.st = st;
	c.v = v;
	c.sg = shapes;
	c.dg = data;
	c.extra = extra;
	c.func = func;
	c.handle = handle;
	for (i = 0; i < K_COUNT; i++) {
		snprintf(iri, sizeof iri, NG_SH "%sConstraintComponent", kind_names[i]);
		if (!(c.comp[i] = ng_store_iri(st, iri)))
			ng_shacl_fail(&c, NG_ERR_NOMEM, "out of memory");
	}
	c.md = pcre2_match_data_create(1, NULL);
	if (!c.md)
		ng_shacl_fail(&c, NG_ERR_NOMEM, "out of memory");
	/* Shapes with targets, and every declared shape so that errors in
	 * untargeted shapes surface too. */
	target_preds[0] = v->sh_targetNode;
	target_preds[1] = v->sh_targetClass;
	target_preds[2] = v->sh_targetSubjectsOf;
	target_preds[3] = v->sh_targetObjectsOf;
	for (i = 0; i < 4; i++) {
		t = ng_graph_po(shapes, target_preds[i], 0, &n);
		for (j = 0; j < n; j++)
			add_node(&c, &tops, t[j].s);
	}
	t = ng_graph_po(shapes, v->rdf_type, v->rdfs_Class, &n);
	for (j = 0; j < n; j++)
		if (is_shape_type(&c, t[j].s))
			add_node(&c, &tops, t[j].s);
	for (i = 0; i < tops.n && !c.status; i++)
		ng_shacl_compile_shape(&c, tops.v[i], 0);
	t = ng_graph_po(shapes, v->rdf_type, v->sh_NodeShape, &n);
	for (j = 0; j < n && !c.status; j++)
		ng_shacl_compile_shape(&c, t[j].s, 0);
	t = ng_graph_po(shapes, v->rdf_type, v->sh_PropertyShape, &n);
	for (j = 0; j < n && !c.status; j++)
		ng_shacl_compile_shape(&c, t[j].s, 0);
	for (i = 0; i < tops.n && !c.status; i++) {
		size_t si = ng_shacl_compile_shape(&c, tops.v[i], 0);
		sink sk;

		sk.out = out;
		sk.count = 0;
		nset_reset(&focus);
		focus_nodes(&c, tops.v[i], &focus);
		for (j = 0; j < focus.n && !c.status; j++) {
			if (push(&c, si, focus.v[j]))
				break;
			validate_shape(&c, si, focus.v[j], &sk);
			c.depth--;
		}
	}
	nset_free(&tops);
	nset_free(&focus);
	ng_shacl_ctx_free(&c);
	return c.status;
}
