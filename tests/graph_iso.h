/* SPDX-License-Identifier: Apache-2.0 */
/* RDF graph isomorphism for the validator's tests (RDF 1.1 Concepts 3.6):
 * two graphs of one term store are isomorphic when one bijection of their
 * blank nodes maps the triples of one onto the triples of the other. Blank
 * nodes are first coloured by their neighbourhoods (colour refinement), then
 * matched colour by colour with backtracking; the final check is exact, so
 * the colours only prune. Meant for graphs of a few thousand triples. */
#ifndef NG_GRAPH_ISO_H
#define NG_GRAPH_ISO_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "triples.h"

typedef struct {
	const ng_store *st;
	const ng_graph *a, *b;
	ng_tid *an, *bn;     /* blank nodes of a and of b, sorted */
	size_t n;
	uint64_t *ac, *bc;   /* their colours */
	size_t *order;       /* a's blank nodes, rarest colour first */
	ng_tid *map;         /* a's blank node i -> b's blank node, or 0 */
	char *used;          /* b's blank node j is taken */
} ng_iso;

static int
iso_is_bnode(const ng_store *st, ng_tid t)
{
	const ng_term *x = ng_store_term(st, t);

	return x && x->kind == NG_TERM_BNODE;
}

static uint64_t
iso_mix(uint64_t x)
{
	/* splitmix64's finalizer */
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static int
iso_cmp_tid(const void *x, const void *y)
{
	ng_tid a = *(const ng_tid *)x, b = *(const ng_tid *)y;

	return a < b ? -1 : a > b;
}

static int
iso_cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* Index of blank node @p t in the sorted @p v of @p n, or -1. */
static long
iso_index(const ng_tid *v, size_t n, ng_tid t)
{
	const ng_tid *p = bsearch(&t, v, n, sizeof *v, iso_cmp_tid);

	return p ? (long)(p - v) : -1;
}

/* The distinct blank nodes of @p g, sorted; *n of them. */
static ng_tid *
iso_bnodes(const ng_store *st, const ng_graph *g, size_t *n)
{
	ng_tid *v = malloc((2 * g->n + 1) * sizeof *v);
	size_t i, k = 0, m = 0;

	if (!v)
		return NULL;
	for (i = 0; i < g->n; i++) {
		if (iso_is_bnode(st, g->spo[i].s))
			v[k++] = g->spo[i].s;
		if (iso_is_bnode(st, g->spo[i].o))
			v[k++] = g->spo[i].o;
	}
	qsort(v, k, sizeof *v, iso_cmp_tid);
	for (i = 0; i < k; i++)
		if (!m || v[m - 1] != v[i])
			v[m++] = v[i];
	*n = m;
	return v;
}

/* One round of colour refinement of @p g's blank nodes @p bn: each new
 * colour hashes the old one with the multiset of (direction, predicate,
 * neighbour), a neighbour being its term or, for a blank node, its colour. */
static void
iso_refine(const ng_graph *g, const ng_tid *bn, size_t n, const uint64_t *old,
           uint64_t *out)
{
	size_t i;

	for (i = 0; i < n; i++)
		out[i] = 0;
	for (i = 0; i < g->n; i++) {
		const ng_triple *t = &g->spo[i];
		long si = iso_index(bn, n, t->s), oi = iso_index(bn, n, t->o);
		uint64_t sv = si >= 0 ? old[si] : iso_mix(t->s | (1ULL << 40));
		uint64_t ov = oi >= 0 ? old[oi] : iso_mix(t->o | (1ULL << 40));

		if (si >= 0)
			out[si] += iso_mix(iso_mix(t->p * 2 + 0) ^ ov);
		if (oi >= 0)
			out[oi] += iso_mix(iso_mix(t->p * 2 + 1) ^ sv);
	}
	for (i = 0; i < n; i++)
		out[i] = iso_mix(out[i] ^ iso_mix(old[i]));
}

static size_t
iso_distinct(const uint64_t *c, size_t n)
{
	uint64_t *s = malloc((n + 1) * sizeof *s);
	size_t i, d = 0;

	if (!s)
		return 0;
	memcpy(s, c, n * sizeof *s);
	qsort(s, n, sizeof *s, iso_cmp_u64);
	for (i = 0; i < n; i++)
		if (!i || s[i] != s[i - 1])
			d++;
	free(s);
	return d;
}

/* Whether the triples of a around a's blank node @p x that have all their
 * blank nodes mapped are triples of b. */
static int
iso_consistent(const ng_iso *s, size_t x)
{
	ng_tid node = s->an[x];
	size_t i;

	for (i = 0; i < s->a->n; i++) {
		const ng_triple *t = &s->a->spo[i];
		ng_tid ms = t->s, mo = t->o;
		long k;

		if (t->s != node && t->o != node)
			continue;
		if ((k = iso_index(s->an, s->n, t->s)) >= 0 && !(ms = s->map[k]))
			continue;
		if ((k = iso_index(s->an, s->n, t->o)) >= 0 && !(mo = s->map[k]))
			continue;
		if (!ng_graph_has(s->b, ms, t->p, mo))
			return 0;
	}
	return 1;
}

static int
iso_assign(ng_iso *s, size_t k)
{
	size_t x, j;

	if (k == s->n)
		return 1;
	x = s->order[k];
	for (j = 0; j < s->n; j++) {
		if (s->used[j] || s->bc[j] != s->ac[x])
			continue;
		s->map[x] = s->bn[j];
		s->used[j] = 1;
		if (iso_consistent(s, x) && iso_assign(s, k + 1))
			return 1;
		s->used[j] = 0;
		s->map[x] = 0;
	}
	return 0;
}

static const uint64_t *iso_sort_colours;

static int
iso_cmp_rarity(const void *x, const void *y)
{
	/* colours were replaced by their class sizes before sorting */
	uint64_t a = iso_sort_colours[*(const size_t *)x];
	uint64_t b = iso_sort_colours[*(const size_t *)y];

	return a < b ? -1 : a > b;
}

/* 1 when the indexed graphs @p a and @p b are isomorphic, 0 when not, -1
 * when out of memory. */
static __attribute__((unused)) int
ng_graph_isomorphic(const ng_store *st, const ng_graph *a, const ng_graph *b)
{
	ng_iso s;
	size_t i, j, nb = 0, round, d = 0;
	uint64_t *tmp = NULL, *sa = NULL, *sb = NULL, *rarity = NULL;
	int rc = -1;

	memset(&s, 0, sizeof s);
	if (a->n != b->n)
		return 0;
	s.st = st;
	s.a = a;
	s.b = b;
	s.an = iso_bnodes(st, a, &s.n);
	s.bn = iso_bnodes(st, b, &nb);
	if (!s.an || !s.bn)
		goto done;
	if (s.n != nb) {
		rc = 0;
		goto done;
	}
	/* Triples without blank nodes must be in both. */
	for (i = 0; i < a->n; i++)
		if (!iso_is_bnode(st, a->spo[i].s) && !iso_is_bnode(st, a->spo[i].o)
		    && !ng_graph_has(b, a->spo[i].s, a->spo[i].p, a->spo[i].o)) {
			rc = 0;
			goto done;
		}
	s.ac = calloc(s.n + 1, sizeof *s.ac);
	s.bc = calloc(s.n + 1, sizeof *s.bc);
	tmp = calloc(s.n + 1, sizeof *tmp);
	sa = calloc(s.n + 1, sizeof *sa);
	sb = calloc(s.n + 1, sizeof *sb);
	rarity = calloc(s.n + 1, sizeof *rarity);
	s.order = calloc(s.n + 1, sizeof *s.order);
	s.map = calloc(s.n + 1, sizeof *s.map);
	s.used = calloc(s.n + 1, 1);
	if (!s.ac || !s.bc || !tmp || !sa || !sb || !rarity || !s.order || !s.map
	    || !s.used)
		goto done;
	/* Refine until the number of colours stops growing. */
	for (round = 0; round < s.n + 1; round++) {
		size_t nd;

		iso_refine(a, s.an, s.n, s.ac, tmp);
		memcpy(s.ac, tmp, s.n * sizeof *tmp);
		iso_refine(b, s.bn, s.n, s.bc, tmp);
		memcpy(s.bc, tmp, s.n * sizeof *tmp);
		nd = iso_distinct(s.ac, s.n);
		if (round && nd == d)
			break;
		d = nd;
	}
	/* The colour multisets must agree. */
	memcpy(sa, s.ac, s.n * sizeof *sa);
	memcpy(sb, s.bc, s.n * sizeof *sb);
	qsort(sa, s.n, sizeof *sa, iso_cmp_u64);
	qsort(sb, s.n, sizeof *sb, iso_cmp_u64);
	if (memcmp(sa, sb, s.n * sizeof *sa)) {
		rc = 0;
		goto done;
	}
	for (i = 0; i < s.n; i++) {
		s.order[i] = i;
		for (j = 0; j < s.n; j++)
			rarity[i] += s.ac[j] == s.ac[i];
	}
	iso_sort_colours = rarity;
	qsort(s.order, s.n, sizeof *s.order, iso_cmp_rarity);
	rc = iso_assign(&s, 0);
done:
	free(s.an);
	free(s.bn);
	free(s.ac);
	free(s.bc);
	free(s.order);
	free(s.map);
	free(s.used);
	free(tmp);
	free(sa);
	free(sb);
	free(rarity);
	return rc;
}

#endif /* NG_GRAPH_ISO_H */
