/* SPDX-License-Identifier: Apache-2.0 */
/* The OWL checks of a data graph against the ontology: undeclared terms,
 * domains and ranges, disjoint classes, functional properties, ill-formed
 * literals and facts without a provenance record. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "owl.h"
#include "xsd.h"

typedef struct {
	ng_store *st;
	const ng_vocab *v;
	const ng_graph *onto, *data;
	ng_results *out;
	ng_status status;
	/* superclass closures, by class */
	ng_tid *cls;
	ng_tid **sup;
	size_t *nsup;
	size_t ncls, ccap;
	/* disjoint class pairs */
	ng_tid (*disj)[2];
	size_t ndisj;
	ng_tid comp_undeclared, comp_domain, comp_range, comp_disjoint,
	       comp_functional, comp_literal, comp_provenance;
	size_t ns_len;
} owl;


static void
add_edges(owl *o, const ng_graph *g, ng_tid c, ng_tid **v, size_t *n, size_t *cap)
{
	size_t m, i;
	const ng_triple *t = ng_graph_sp(g, c, o->v->rdfs_subClassOf, &m);

	for (i = 0; i < m; i++)
		if (!ng_tid_in(*v, *n, t[i].o) && ng_tid_push(v, n, cap, t[i].o))
			o->status = NG_ERR_NOMEM;
	t = ng_graph_sp(g, c, o->v->owl_equivalentClass, &m);
	for (i = 0; i < m; i++)
		if (!ng_tid_in(*v, *n, t[i].o) && ng_tid_push(v, n, cap, t[i].o))
			o->status = NG_ERR_NOMEM;
	t = ng_graph_po(g, o->v->owl_equivalentClass, c, &m);
	for (i = 0; i < m; i++)
		if (!ng_tid_in(*v, *n, t[i].s) && ng_tid_push(v, n, cap, t[i].s))
			o->status = NG_ERR_NOMEM;
}

/* The class and its superclasses (with equivalent classes), by the
 * ontology and the data. */
static const ng_tid *
superclasses(owl *o, ng_tid c, size_t *n)
{
	size_t i, cnt = 0, cap = 0, q = 0;
	ng_tid *v = NULL;

	for (i = 0; i < o->ncls; i++)
		if (o->cls[i] == c) {
			*n = o->nsup[i];
			return o->sup[i];
		}
	if (ng_tid_push(&v, &cnt, &cap, c))
		goto nomem;
	while (q < cnt && !o->status) {
		ng_tid x = v[q++];

		add_edges(o, o->onto, x, &v, &cnt, &cap);
		add_edges(o, o->data, x, &v, &cnt, &cap);
	}
	if (o->ncls == o->ccap) {
		size_t ncap = o->ccap ? o->ccap * 2 : 32;
		ng_tid *nc = realloc(o->cls, ncap * sizeof *nc);
		ng_tid **ns;
		size_t *nn;

		if (!nc)
			goto nomem;
		o->cls = nc;
		ns = realloc(o->sup, ncap * sizeof *ns);
		if (!ns)
			goto nomem;
		o->sup = ns;
		nn = realloc(o->nsup, ncap * sizeof *nn);
		if (!nn)
			goto nomem;
		o->nsup = nn;
		o->ccap = ncap;
	}
	o->cls[o->ncls] = c;
	o->sup[o->ncls] = v;
	o->nsup[o->ncls] = cnt;
	o->ncls++;
	*n = cnt;
	return v;
nomem:
	free(v);
	o->status = NG_ERR_NOMEM;
	*n = 0;
	return NULL;
}

/* 1 when some type of @p node is (a subclass of) @p cls, 0 when none is,
 * -1 when the node has no type. */
static int
typed_as(owl *o, ng_tid node, ng_tid cls)
{
	size_t n, i, m;
	const ng_triple *t = ng_graph_sp(o->data, node, o->v->rdf_type, &n);

	if (!n)
		return -1;
	for (i = 0; i < n; i++) {
		const ng_tid *s = superclasses(o, t[i].o, &m);

		if (s && ng_tid_in(s, m, cls))
			return 1;
	}
	return 0;
}

static void
owl_result(owl *o, ng_tid comp, ng_tid focus, ng_tid path, ng_tid value,
           const char *fmt_str, ...)
{
	char buf[1024];
	va_list ap;
	ng_result r;

	memset(&r, 0, sizeof r);
	r.focus = focus;
	r.path = path;
	r.value = value;
	r.component = comp;
	r.severity = o->v->sh_Violation;
	va_start(ap, fmt_str);
	vsnprintf(buf, sizeof buf, fmt_str, ap);
	va_end(ap);
	r.text = strdup(buf);
	if (!r.text || ng_results_add(o->out, &r)) {
		free(r.text);
		o->status = NG_ERR_NOMEM;
	}
}

static int
in_ns(const ng_term *t, size_t ns_len)
{
	return t && t->kind == NG_TERM_IRI && t->len > ns_len
	       && !strncmp(t->lex, NG_NS, ns_len);
}

static int
declared(owl *o, ng_tid t)
{
	size_t n;

	ng_graph_sp(o->onto, t, o->v->rdf_type, &n);
	return n > 0;
}

static int
is_datatype_iri(owl *o, ng_tid t)
{
	const ng_term *x = ng_store_term(o->st, t);

	return t == o->v->rdfs_Literal || t == o->v->rdf_langString
	       || (x && x->kind == NG_TERM_IRI && !strncmp(x->lex, NG_XSD, sizeof NG_XSD - 1))
	       || ng_graph_has(o->onto, t, o->v->rdf_type, o->v->rdfs_Datatype);
}

/* Whether a literal of datatype @p dt fits range @p range: the same, or
 * derived from it by restriction (the integer types). */
static int
datatype_fits(owl *o, ng_tid dt, ng_tid range)
{
	static const char *const ints[] = {
		"integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger",
		"negativeInteger", "long", "int", "short", "byte", "unsignedLong",
		"unsignedInt", "unsignedShort", "unsignedByte", NULL
	};
	const ng_term *d = ng_store_term(o->st, dt), *r = ng_store_term(o->st, range);
	const char *dn, *rn;
	int di = -1, i;

	if (dt == range || range == o->v->rdfs_Literal)
		return 1;
	if (!d || !r || strncmp(d->lex, NG_XSD, sizeof NG_XSD - 1)
	    || strncmp(r->lex, NG_XSD, sizeof NG_XSD - 1))
		return 0;
	dn = d->lex + sizeof NG_XSD - 1;
	rn = r->lex + sizeof NG_XSD - 1;
	for (i = 0; ints[i]; i++)
		if (!strcmp(dn, ints[i]))
			di = i;
	if (di < 0)
		return 0;
	if (!strcmp(rn, "decimal") || !strcmp(rn, "integer"))
		return 1;
	if (!strcmp(rn, "nonNegativeInteger"))
		return !strcmp(dn, "positiveInteger") || !strncmp(dn, "unsigned", 8);
	return 0;
}

static void
check_disjoint(owl *o, ng_tid s)
{
	size_t n, i, j, m;
	const ng_triple *t = ng_graph_sp(o->data, s, o->v->rdf_type, &n);
	ng_tid *all = NULL;
	size_t na = 0, ca = 0;

	if (!n || !o->ndisj)
		return;
	for (i = 0; i < n; i++) {
		const ng_tid *sup = superclasses(o, t[i].o, &m);

		for (j = 0; sup && j < m; j++)
			if (!ng_tid_in(all, na, sup[j]) && ng_tid_push(&all, &na, &ca, sup[j]))
				o->status = NG_ERR_NOMEM;
	}
	for (i = 0; i < o->ndisj; i++)
		if (ng_tid_in(all, na, o->disj[i][0]) && ng_tid_in(all, na, o->disj[i][1])) {
			char *a = ng_store_format(o->st, o->disj[i][0]);
			char *b = ng_store_format(o->st, o->disj[i][1]);

			owl_result(o, o->comp_disjoint, s, o->v->rdf_type, o->disj[i][1],
			           "node is both a %s and a %s, which are disjoint",
			           a ? a : "?", b ? b : "?");
			free(a);
			free(b);
		}
	free(all);
}

static int
has_provenance(owl *o, ng_tid s, ng_tid p, ng_tid obj)
{
	const ng_vocab *v = o->v;
	size_t n, i;
	const ng_triple *t = ng_graph_po(o->data, v->rdf_subject, s, &n);

	for (i = 0; i < n; i++) {
		ng_tid x = t[i].s;

		if (ng_graph_has(o->data, x, v->rdf_predicate, p)
		    && ng_graph_has(o->data, x, v->rdf_object, obj)
		    && ng_graph_has(o->data, x, v->rdf_type, v->ng_Provenance))
			return 1;
	}
	return 0;
}

static void
collect_disjoint(owl *o)
{
	const ng_vocab *v = o->v;
	size_t n, i, j, l, m;
	const ng_triple *t;
	size_t cap = 0;

	t = ng_graph_po(o->onto, v->rdf_type, v->owl_AllDisjointClasses, &n);
	for (i = 0; i < n; i++) {
		ng_tid *mem = NULL, head = ng_graph_object(o->onto, t[i].s, v->owl_members);

		if (!head || ng_graph_list(o->onto, v, head, &mem, &m))
			continue;
		for (j = 0; j < m; j++)
			for (l = j + 1; l < m; l++) {
				if (o->ndisj == cap) {
					size_t ncap = cap ? cap * 2 : 32;
					ng_tid (*nd)[2] = realloc(o->disj, ncap * sizeof *nd);

					if (!nd) {
						o->status = NG_ERR_NOMEM;
						free(mem);
						return;
					}
					o->disj = nd;
					cap = ncap;
				}
				o->disj[o->ndisj][0] = mem[j];
				o->disj[o->ndisj][1] = mem[l];
				o->ndisj++;
			}
		free(mem);
	}
	t = ng_graph_po(o->onto, v->owl_disjointWith, 0, &n);
	for (i = 0; i < n; i++) {
		if (o->ndisj == cap) {
			size_t ncap = cap ? cap * 2 : 32;
			ng_tid (*nd)[2] = realloc(o->disj, ncap * sizeof *nd);

			if (!nd) {
				o->status = NG_ERR_NOMEM;
				return;
			}
			o->disj = nd;
			cap = ncap;
		}
		o->disj[o->ndisj][0] = t[i].s;
		o->disj[o->ndisj][1] = t[i].o;
		o->ndisj++;
	}
}

/* Checks one data triple (and, at the first triple of a subject, the
 * subject's types). */
static void
check_triple(owl *o, const ng_triple *tr, const ng_triple *prev)
{
	const ng_vocab *v = o->v;
	const ng_term *pt = ng_store_term(o->st, tr->p);
	const ng_term *ot = ng_store_term(o->st, tr->o);
	size_t n, i;
	const ng_triple *t;
	char *a = NULL, *b = NULL;

	if (!prev || prev->s != tr->s)
		check_disjoint(o, tr->s);
	if (in_ns(pt, o->ns_len) && !declared(o, tr->p)) {
		a = ng_store_format(o->st, tr->p);
		owl_result(o, o->comp_undeclared, tr->s, tr->p, tr->o,
		           "property %s is not declared in the ontology", a ? a : "?");
		goto done;
	}
	if (tr->p == v->rdf_type && in_ns(ot, o->ns_len) && !declared(o, tr->o)) {
		a = ng_store_format(o->st, tr->o);
		owl_result(o, o->comp_undeclared, tr->s, tr->p, tr->o,
		           "class %s is not declared in the ontology", a ? a : "?");
	}
	if (ot->kind == NG_TERM_LITERAL && !ng_xsd_valid(o->st, ot)) {
		a = ng_store_format(o->st, ot->dt);
		owl_result(o, o->comp_literal, tr->s, tr->p, tr->o,
		           "literal is not a valid %s", a ? a : "?");
		free(a);
		a = NULL;
	}
	/* Domains: only when the subject has types and none fits. */
	t = ng_graph_sp(o->onto, tr->p, v->rdfs_domain, &n);
	for (i = 0; i < n; i++)
		if (typed_as(o, tr->s, t[i].o) == 0) {
			a = ng_store_format(o->st, t[i].o);
			b = ng_store_format(o->st, tr->p);
			owl_result(o, o->comp_domain, tr->s, tr->p, tr->o,
			           "subject of %s is not a %s", b ? b : "?", a ? a : "?");
			free(a);
			free(b);
			a = b = NULL;
		}
	t = ng_graph_sp(o->onto, tr->p, v->rdfs_range, &n);
	for (i = 0; i < n; i++) {
		ng_tid r = t[i].o;
		int bad;

		if (is_datatype_iri(o, r))
			bad = ot->kind != NG_TERM_LITERAL || !datatype_fits(o, ot->dt, r);
		else
			bad = ot->kind == NG_TERM_LITERAL || typed_as(o, tr->o, r) == 0;
		if (bad) {
			a = ng_store_format(o->st, r);
			b = ng_store_format(o->st, tr->p);
			owl_result(o, o->comp_range, tr->s, tr->p, tr->o,
			           "value of %s is not a %s", b ? b : "?", a ? a : "?");
			free(a);
			free(b);
			a = b = NULL;
		}
	}
	if (prev && prev->s == tr->s && prev->p == tr->p
	    && ng_graph_has(o->onto, tr->p, v->rdf_type, v->owl_FunctionalProperty)) {
		a = ng_store_format(o->st, tr->p);
		owl_result(o, o->comp_functional, tr->s, tr->p, tr->o,
		           "functional property %s has more than one value", a ? a : "?");
		free(a);
		a = NULL;
	}
	/* Facts need a provenance record; the provenance properties
	 * themselves do not. */
	if ((tr->p == v->ng_role
	     || (in_ns(pt, o->ns_len)
	         && ng_graph_has(o->onto, tr->p, v->rdf_type, v->owl_ObjectProperty)
	         && !ng_graph_has(o->onto, tr->p, v->rdfs_domain, v->ng_Provenance)))
	    && !has_provenance(o, tr->s, tr->p, tr->o)
	    && !(ng_graph_has(o->onto, tr->p, v->rdf_type, v->owl_SymmetricProperty)
	         && has_provenance(o, tr->o, tr->p, tr->s))) {
		a = ng_store_format(o->st, tr->p);
		owl_result(o, o->comp_provenance, tr->s, tr->p, tr->o,
		           "fact has no ng:Provenance record");
	}
done:
	free(a);
	free(b);
}

ng_status
ng_owl_check(ng_store *st, const ng_graph *onto, const ng_graph *data,
             ng_results *out)
{
	owl o;
	size_t i;

	memset(&o, 0, sizeof o);
	o.st = st;
	o.v = ng_store_vocab(st);
	o.onto = onto;
	o.data = data;
	o.out = out;
	o.ns_len = strlen(NG_NS);
	o.comp_undeclared = ng_store_iri(st, NG_NS "UndeclaredTermComponent");
	o.comp_domain = ng_store_iri(st, NG_NS "DomainComponent");
	o.comp_range = ng_store_iri(st, NG_NS "RangeComponent");
	o.comp_disjoint = ng_store_iri(st, NG_NS "DisjointClassesComponent");
	o.comp_functional = ng_store_iri(st, NG_NS "FunctionalPropertyComponent");
	o.comp_literal = ng_store_iri(st, NG_NS "IllFormedLiteralComponent");
	o.comp_provenance = ng_store_iri(st, NG_NS "ProvenanceComponent");
	if (!o.comp_undeclared || !o.comp_domain || !o.comp_range || !o.comp_disjoint
	    || !o.comp_functional || !o.comp_literal || !o.comp_provenance)
		return NG_ERR_NOMEM;
	collect_disjoint(&o);
	for (i = 0; i < data->n && !o.status; i++)
		check_triple(&o, &data->spo[i], i ? &data->spo[i - 1] : NULL);
	for (i = 0; i < o.ncls; i++)
		free(o.sup[i]);
	free(o.cls);
	free(o.sup);
	free(o.nsup);
	free(o.disj);
	return o.status;
}
