/* SPDX-License-Identifier: Apache-2.0 */
/* The recognizer: gazetteer matches and rules propose candidate mentions,
 * an overlap rule picks among them, and coreference adds the references
 * (surnames, pronouns, acronyms, role descriptions) that point back.
 *
 * Overlap rule: candidates are taken by priority (higher first), then by
 * length in tokens (longer first), then by position (leftmost first); a
 * candidate that overlaps one already taken is dropped. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
	uint32_t tb, te;   /* token range */
	int32_t entry;     /* gazetteer entry or -1 */
	ng_class cls;
	int prio;
	uint16_t flags;    /* NG_MEN_* */
	uint32_t sent;
	uint32_t nb, ne;   /* for rules: the tokens that give the label */
} cand;

typedef struct {
	cand *v;
	size_t n, cap;
} cands;

static ng_status
cand_add(cands *c, const cand *x)
{
	if (c->n == c->cap && NG_GROW(c->v, c->cap, c->n + 1))
		return NG_ERR_NOMEM;
	c->v[c->n++] = *x;
	return NG_OK;
}

static const ng_token *
T(const ng_doc *doc, uint32_t i)
{
	return &doc->toks[i];
}

/* Token comparisons with constant words; the length comes from the
 * literal (only a string literal compiles), so most tokens fail on it
 * without touching their bytes. */
#define tok_eq(doc, i, lit) tok_eq_n(doc, i, "" lit, sizeof(lit) - 1)
#define tok_word(doc, i, lit) tok_word_n(doc, i, "" lit, sizeof(lit) - 1)

static inline bool
tok_eq_n(const ng_doc *doc, uint32_t i, const char *s, size_t n)
{
	const ng_token *t = T(doc, i);
	return t->e - t->b == n && !memcmp(doc->text.norm + t->b, s, n);
}

/* Case-insensitive compare of an ASCII word. */
static inline bool
tok_word_n(const ng_doc *doc, uint32_t i, const char *s, size_t n)
{
	const ng_token *t = T(doc, i);
	size_t k;

	if (t->e - t->b != n)
		return false;
	for (k = 0; k < n; k++)
		if ((doc->text.norm[t->b + k] | 32) != (s[k] | 32))
			return false;
	return true;
}

static bool
in_class(const ng_doc *doc, uint8_t bit, uint32_t i)
{
	return (T(doc, i)->wclass & bit) != 0;
}

/* Does the surface text of tokens [tb, te) match the alias in its case? */
static bool
case_ok(const ng_doc *doc, const ng_sentence *s, uint32_t tb, uint32_t te,
        const ng_alias *a)
{
	const ng_token *first = T(doc, tb);

	if (a->flags & NG_ALIAS_EXACT) {
		/* Compare word by word, ignoring hyphens and spacing. */
		const char *p = a->text;
		uint32_t i;
		for (i = tb; i < te; i++) {
			const ng_token *t = T(doc, i);
			size_t n = t->e - t->b;
			if (t->flags & NG_TOK_JOIN)
				continue;
			while (*p == ' ' || *p == '-')
				p++;
			if (strncmp(p, doc->text.norm + t->b, n))
				return false;
			p += n;
		}
		while (*p == ' ' || *p == '-')
			p++;
		return !*p;
	}
	if (a->accented) {
		/* A '!' alias: the words must carry the same marks. */
		ng_buf f = {0};
		uint32_t i;
		bool same;
		for (i = tb; i < te; i++) {
			const ng_token *t = T(doc, i);
			if (t->flags & NG_TOK_JOIN)
				continue;
			if ((f.len && ng_buf_addc(&f, ' ')) ||
			    ng_fold(doc->text.norm + t->b, t->e - t->b, false, &f)) {
				ng_buf_free(&f);
				return false;
			}
		}
		same = f.buf && !strcmp(f.buf, a->accented);
		ng_buf_free(&f);
		if (!same)
			return false;
	}
	if (!(first->flags & (NG_TOK_CAP | NG_TOK_NUM | NG_TOK_UPPER)))
		return false;
	if (a->flags & NG_ALIAS_ACRONYM) {
		/* NATO matches NATO and Nato (four letters or more), never nato. */
		if (first->flags & NG_TOK_UPPER || first->flags & NG_TOK_ABBR)
			return true;
		return strlen(a->text) >= 4 || (s->flags & NG_SENT_TITLECASE && false);
	}
	return true;
}

/* Proposes every gazetteer match that starts in the sentence. */
static ng_status
gazetteer_cands(const ng_doc *doc, uint32_t si, cands *out)
{
	const ng_knowledge *kb = doc->kb;
	const ng_sentence *s = &doc->sents[si];
	const ng_token *toks = doc->toks;
	uint32_t i;

	for (i = s->tb; i < s->te; i++) {
		uint32_t node, j = i, key = toks[i].key;
		/* Most words start no alias: the token's flag tells at once. */
		if (!(toks[i].flags & NG_TOK_ALIAS))
			continue;
		node = ng_alias_root(kb, key);
		for (;;) {
			const ng_terminal *best = NULL;
			uint32_t term;
			/* Of the entries with this alias, the highest priority wins;
			 * among equals, the first loaded. */
			for (term = kb->node_term[node]; term; term = kb->terms[term - 1].next) {
				const ng_terminal *tm = &kb->terms[term - 1];
				const ng_alias *a = &kb->aliases[tm->alias];
				const ng_entry *e = &kb->entries[tm->entry];
				if (e->dead || !case_ok(doc, s, i, j + 1, a))
					continue;
				if (!best || e->priority > kb->entries[best->entry].priority)
					best = tm;
			}
			if (best) {
				const ng_entry *e = &kb->entries[best->entry];
				cand c;
				memset(&c, 0, sizeof(c));
				c.tb = i;
				c.te = j + 1;
				c.entry = (int32_t)best->entry;
				c.cls = e->cls;
				c.prio = e->priority;
				c.flags = (kb->aliases[best->alias].flags & NG_ALIAS_ADJ) ? NG_MEN_ADJ : 0;
				c.sent = si;
				if (cand_add(out, &c))
					return NG_ERR_NOMEM;
			}
			/* The next word, over joining hyphens. */
			do
				j++;
			while (j < s->te && (toks[j].flags & NG_TOK_JOIN));
			if (j >= s->te || !(key = toks[j].key) || (key & NG_LOCAL_KEY) ||
			    !ng_u64map_get(&kb->edges, ((uint64_t)node << 32) | key, &node))
				break;
		}
	}
	return NG_OK;
}

static uint32_t
match_title_from(const ng_doc *doc, uint32_t idx, uint32_t i, uint32_t te,
                 const ng_phrase **which)
{
	const ng_knowledge *kb = doc->kb;
	uint32_t best = 0;

	for (; idx; idx = kb->titles[idx - 1].next) {
		const ng_phrase *p = &kb->titles[idx - 1];
		uint32_t j = i, m = 0;
		while (m < p->ntok && j < te) {
			if (T(doc, j)->flags & NG_TOK_JOIN) {
				j++;
				continue;
			}
			if (T(doc, j)->key != p->keys[m])
				break;
			j++;
			m++;
		}
		if (m == p->ntok && j > best) {
			best = j;
			*which = p;
		}
	}
	return best;
}

/* Matches a title phrase at token i; returns its end (exclusive) or 0.
 * Most tokens start no title: the token's flag tells, inline. */
static inline uint32_t
title_at(const ng_doc *doc, uint32_t i, uint32_t te, const ng_phrase **which)
{
	if (i >= te || !(T(doc, i)->flags & NG_TOK_TITLE))
		return 0;
	return match_title_from(doc, ng_title_head(doc->kb, T(doc, i)->key), i, te, which);
}

uint32_t
ng_match_title(const ng_doc *doc, uint32_t i, uint32_t te, const ng_phrase **which)
{
	return title_at(doc, i, te, which);
}

static bool
is_name_tok(const ng_doc *doc, uint32_t i)
{
	const ng_token *t = T(doc, i);

	return (t->flags & NG_TOK_WORD) && (t->flags & NG_TOK_CAP) && !(t->flags & NG_TOK_UPPER) &&
	       !(t->flags & NG_TOK_ABBR) && !in_class(doc, NG_WC_STOPNAME, i);
}

/* A personal name of up to four words from i: capitalized words, joined by
 * hyphens. Returns the end, or i if there is none. */
static uint32_t
scan_name(const ng_doc *doc, uint32_t i, uint32_t te)
{
	uint32_t j = i, words = 0;

	while (j < te && words < 4) {
		if (!is_name_tok(doc, j))
			break;
		j++;
		words++;
		while (j + 1 < te && (T(doc, j)->flags & NG_TOK_JOIN) && is_name_tok(doc, j + 1))
			j += 2;
	}
	return j;
}

/* Is there a gazetteer person starting at token i? Only the candidates of
 * the current sentence, from index from on, need a look. */
static bool
gaz_person_at(const cands *c, size_t from, uint32_t i)
{
	size_t k;

	for (k = from; k < c->n; k++)
		if (c->v[k].tb == i && c->v[k].cls == NG_CLASS_PERSON && c->v[k].entry >= 0)
			return true;
	return false;
}

static bool
is_title_start(const ng_doc *doc, uint32_t i, uint32_t te)
{
	const ng_phrase *p;
	return title_at(doc, i, te, &p) > 0;
}

/* An appositive title after the comma at token i: ", [a|an|the]
 * [up to two lower-case words] TITLE". Returns the title's end and sets
 * *tb to its start, or returns 0. */
static uint32_t
appositive_title(const ng_doc *doc, const ng_sentence *s, uint32_t i, uint32_t *tb,
                 const ng_phrase **p)
{
	uint32_t j = i + 1, k;

	if (!tok_eq(doc, i, ",") || j >= s->te)
		return 0;
	if (tok_word(doc, j, "a") || tok_word(doc, j, "an") || tok_word(doc, j, "the"))
		j++;
	for (k = 0; k < 2 && j < s->te && !title_at(doc, j, s->te, p) &&
	                (T(doc, j)->flags & NG_TOK_LOWER);
	     k++)
		j++;
	if (j >= s->te)
		return 0;
	*tb = j;
	return title_at(doc, j, s->te, p);
}

/* Adds a candidate found by a rule, its label the tokens [b, e). */
static ng_status
rule_cand(cands *out, ng_class cls, uint32_t b, uint32_t e, uint32_t si)
{
	cand c;

	memset(&c, 0, sizeof(c));
	c.tb = c.nb = b;
	c.te = c.ne = e;
	c.entry = -1;
	c.cls = cls;
	c.flags = NG_MEN_RULE;
	c.sent = si;
	return cand_add(out, &c);
}

/* Persons named after a title ("Defence Minister Gen Nakatani") or before
 * an appositive title ("Ryo Hinata-Yamaguchi, associate professor"). */
static ng_status
person_cands(const ng_doc *doc, uint32_t si, cands *out, size_t from)
{
	const ng_sentence *s = &doc->sents[si];
	uint32_t i;

	/* Headlines in title case capitalize every word, so a name cannot be
	 * told from the words after it: only known names count there. Both
	 * rules need a title. */
	if ((s->flags & NG_SENT_TITLECASE) || !(s->tok_flags & NG_TOK_TITLE))
		return NG_OK;
	for (i = s->tb; i < s->te; i++) {
		const ng_phrase *p = NULL;
		uint32_t te = title_at(doc, i, s->te, &p), ne;
		if (!te)
			continue;
		if (te < s->te && tok_eq(doc, te, ","))
			te++;
		if (gaz_person_at(out, from, te))
			continue;
		ne = scan_name(doc, te, s->te);
		/* Two words at least: a single one is resolved as a surname. */
		if (ne - te >= 2 && !(ne < s->te && is_title_start(doc, ne, s->te)) &&
		    rule_cand(out, NG_CLASS_PERSON, te, ne, si))
			return NG_ERR_NOMEM;
		i = te - 1;
	}
	/* Apposition: NAME , [a|an|the] [adjective...] TITLE */
	for (i = s->tb + 1; i + 1 < s->te; i++) {
		uint32_t j, start;
		const ng_phrase *p = NULL;
		if (!tok_eq(doc, i, ",") || !appositive_title(doc, s, i, &j, &p))
			continue;
		/* Walk back over the name before the comma. */
		start = i;
		while (start > s->tb && (is_name_tok(doc, start - 1) ||
		                         ((T(doc, start - 1)->flags & NG_TOK_JOIN) && start - 1 > s->tb &&
		                          is_name_tok(doc, start - 2))))
			start--;
		/* "Chancellor Karl Weiss, who ...": the title is not the name. */
		{
			uint32_t tt = title_at(doc, start, i, &p);
			if (tt > start)
				start = tt;
		}
		if (i - start < 2 || i - start > 6 || gaz_person_at(out, from, start))
			continue;
		if (T(doc, start)->flags & NG_TOK_JOIN)
			start++;
		if (rule_cand(out, NG_CLASS_PERSON, start, i, si))
			return NG_ERR_NOMEM;
	}
	return NG_OK;
}

static bool
is_connector(const ng_doc *doc, uint32_t i)
{
	return tok_eq(doc, i, "of") || tok_eq(doc, i, "for") || tok_eq(doc, i, "and") ||
	       tok_eq(doc, i, "on") || tok_eq(doc, i, "&");
}

static bool
is_cap_word(const ng_doc *doc, uint32_t i)
{
	const ng_token *t = T(doc, i);
	return (t->flags & NG_TOK_WORD) && (t->flags & (NG_TOK_CAP | NG_TOK_UPPER));
}

/* Organizations named by a head word: "Tokyo International University",
 * "Ministry of Defence", "Institute for International Strategy". */
static ng_status
org_cands(const ng_doc *doc, uint32_t si, cands *out)
{
	const ng_sentence *s = &doc->sents[si];
	uint32_t i;

	if (!(s->wclasses & NG_WC_ORGHEAD))
		return NG_OK;
	for (i = s->tb; i < s->te; i++) {
		uint32_t b, e;
		if (!is_cap_word(doc, i) || !in_class(doc, NG_WC_ORGHEAD, i))
			continue;
		/* Left: capitalized words (and joined hyphens). */
		b = i;
		while (b > s->tb && (is_cap_word(doc, b - 1) || (T(doc, b - 1)->flags & NG_TOK_JOIN)) &&
		       !in_class(doc, NG_WC_STOPNAME, b - 1))
			b--;
		while (b < i && (T(doc, b)->flags & NG_TOK_JOIN))
			b++;
		/* Right: "of|for Capitalized Words". */
		e = i + 1;
		while (e + 1 < s->te && is_connector(doc, e) && is_cap_word(doc, e + 1)) {
			e += 2;
			while (e < s->te && is_cap_word(doc, e))
				e++;
		}
		if (e - b < 2)
			continue;
		if (rule_cand(out, NG_CLASS_ORGANIZATION, b, e, si))
			return NG_ERR_NOMEM;
		i = e - 1;
	}
	return NG_OK;
}

static inline int
cand_cmp(const cand *a, const cand *b)
{
	uint32_t la = a->te - a->tb, lb = b->te - b->tb;

	if (a->prio != b->prio)
		return a->prio > b->prio ? -1 : 1;
	if (la != lb)
		return la > lb ? -1 : 1;
	if (a->tb != b->tb)
		return a->tb < b->tb ? -1 : 1;
	/* Same span: gazetteer before rules, then class order. */
	if ((a->entry < 0) != (b->entry < 0))
		return a->entry < 0 ? 1 : -1;
	if (a->cls != b->cls)
		return a->cls < b->cls ? -1 : 1;
	return a->entry < b->entry ? -1 : a->entry > b->entry;
}

/* A candidate's place in the overlap order as integers: priority and
 * length (both descending) in k, then the first token; cand_cmp breaks
 * the remaining ties. Sorting these is cheaper than moving candidates. */
typedef struct {
	uint64_t k;
	uint32_t tb;
	uint32_t i;      /* index in the candidates */
} cand_key;

/* Keys sorted by insertion in runs of this many before the merges. */
#define SORT_RUN 16

static inline int
cand_key_cmp(const cand *v, const cand_key *a, const cand_key *b)
{
	if (a->k != b->k)
		return a->k < b->k ? -1 : 1;
	if (a->tb != b->tb)
		return a->tb < b->tb ? -1 : 1;
	return cand_cmp(&v[a->i], &v[b->i]);
}

/* Stable merge sorts (the order of equal elements is kept, as the C
 * library's qsort kept it), bottom up; runs already in order are not
 * merged, so the nearly sorted arrays cost a pass each. sort_cands gives
 * the order as keys in *order (to free), the candidates staying where they
 * are. */
static ng_status
sort_cands(const cands *c, cand_key **order)
{
	const cand *v = c->v;
	cand_key *a, *b, *t;
	size_t n = c->n, w, lo;

	*order = NULL;
	if (!(a = malloc((n < 2 ? 1 : 2 * n) * sizeof(*a))))
		return NG_ERR_NOMEM;
	*order = a;
	if (n < 2) {
		a[0].i = 0;
		return NG_OK;
	}
	b = a + n;
	for (lo = 0; lo < n; lo++) {
		uint32_t prio = (uint32_t)v[lo].prio ^ 0x80000000u, len = v[lo].te - v[lo].tb;
		a[lo].k = ((uint64_t)~prio << 32) | (uint32_t)~len;
		a[lo].tb = v[lo].tb;
		a[lo].i = (uint32_t)lo;
	}
	for (lo = 1; lo < n && cand_key_cmp(v, &a[lo - 1], &a[lo]) <= 0; lo++)
		;
	if (lo >= n)
		return NG_OK;
	/* Runs of SORT_RUN by insertion (stable too) spare the merges of the
	 * shortest runs, a pass over all the keys each. */
	for (lo = 0; lo < n; lo += SORT_RUN) {
		size_t hi = lo + SORT_RUN < n ? lo + SORT_RUN : n, i, j;
		for (i = lo + 1; i < hi; i++) {
			cand_key x = a[i];
			for (j = i; j > lo && cand_key_cmp(v, &x, &a[j - 1]) < 0; j--)
				a[j] = a[j - 1];
			a[j] = x;
		}
	}
	for (w = SORT_RUN; w < n; w *= 2) {
		for (lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, k = lo;
			if (mid == hi || cand_key_cmp(v, &a[mid - 1], &a[mid]) <= 0) {
				memcpy(b + lo, a + lo, (hi - lo) * sizeof(*a));
				continue;
			}
			while (i < mid && j < hi)
				b[k++] = cand_key_cmp(v, &a[j], &a[i]) < 0 ? a[j++] : a[i++];
			memcpy(b + k, a + i, (mid - i) * sizeof(*a));
			k += mid - i;
			memcpy(b + k, a + j, (hi - j) * sizeof(*a));
		}
		t = a;
		a = b;
		b = t;
	}
	/* The sorted keys end in either half of the allocation. */
	if (a != *order)
		memcpy(*order, a, n * sizeof(*a));
	return NG_OK;
}

/* Sorts the document's mentions by first token, stably. A natural merge
 * sort: the mentions added after a sort form one more ascending run, so
 * a resort is a single merge. */
static ng_status
sort_mentions(ng_doc *doc)
{
	ng_mention *a = doc->mentions, *b, *t;
	size_t n = doc->n_mentions, lo;
	bool merged;

	for (lo = 1; lo < n && a[lo - 1].tb <= a[lo].tb; lo++)
		;
	if (lo >= n)
		return NG_OK;
	/* The other half of the merges is the document's, kept for the next
	 * sort. */
	if (NG_GROW(doc->sort_tmp, doc->cap_sort_tmp, n))
		return NG_ERR_NOMEM;
	b = doc->sort_tmp;
	do {
		merged = false;
		for (lo = 0; lo < n;) {
			size_t mid = lo + 1, hi, i, j, k = lo;
			while (mid < n && a[mid - 1].tb <= a[mid].tb)
				mid++;
			hi = mid < n ? mid + 1 : n;
			while (hi < n && a[hi - 1].tb <= a[hi].tb)
				hi++;
			for (i = lo, j = mid; i < mid && j < hi;)
				b[k++] = a[j].tb < a[i].tb ? a[j++] : a[i++];
			memcpy(b + k, a + i, (mid - i) * sizeof(*a));
			k += mid - i;
			memcpy(b + k, a + j, (hi - j) * sizeof(*a));
			merged |= mid < n;
			lo = hi;
		}
		t = a;
		a = b;
		b = t;
	} while (merged);
	if (a != doc->mentions)
		memcpy(doc->mentions, a, n * sizeof(*a));
	return NG_OK;
}

static ng_status
add_mention(ng_doc *doc, uint32_t tb, uint32_t te, uint32_t ent, uint32_t si, uint16_t flags)
{
	ng_mention *m;

	if (doc->n_mentions >= doc->cap_mentions &&
	    NG_GROW(doc->mentions, doc->cap_mentions, doc->n_mentions + 1))
		return NG_ERR_NOMEM;
	m = &doc->mentions[doc->n_mentions++];
	m->tb = tb;
	m->te = te;
	m->ent = ent;
	m->sent = si;
	m->flags = flags;
	doc->ents[ent].used = true;
	return NG_OK;
}

/* Surface text of a token range as written (normalized). */
static void
span_text(const ng_doc *doc, uint32_t tb, uint32_t te, const char **s, size_t *n)
{
	*s = doc->text.norm + T(doc, tb)->b;
	*n = T(doc, te - 1)->e - T(doc, tb)->b;
}

/* Surface forms already given to ng_doc_add_alt, and labels already given
 * to ng_doc_entity_for_name: both calls give the same result again for the
 * same text, so a repeated mention skips them. */
typedef struct {
	uint32_t off, len;  /* span of the original (alts) or normalized text */
	uint32_t val;       /* entity */
	uint32_t cls;       /* class of a name */
	uint32_t next;      /* next record of the same entity + 1 (alts) */
} seen_span;

typedef struct {
	seen_span *v;
	size_t n, cap;
	uint32_t *head;     /* entity -> first record + 1 (alts) */
	size_t cap_head;
	ng_u64map by_hash;  /* hash of class and text -> first record + 1 (names) */
} seen_spans;

static ng_status
seen_add(seen_spans *m, uint32_t off, uint32_t len, uint32_t val, uint32_t cls)
{
	if (m->n == m->cap && NG_GROW(m->v, m->cap, m->n + 1))
		return NG_ERR_NOMEM;
	m->v[m->n].off = off;
	m->v[m->n].len = len;
	m->v[m->n].val = val;
	m->v[m->n].cls = cls;
	m->v[m->n].next = 0;
	m->n++;
	return NG_OK;
}

/* Adds the original text of tokens [tb, te) as a surface form of ent,
 * unless it was added before. */
static ng_status
add_alt_once(ng_doc *doc, seen_spans *m, uint32_t ent, uint32_t tb, uint32_t te)
{
	uint32_t ob = (uint32_t)ng_text_orig(&doc->text, T(doc, tb)->b);
	uint32_t len = (uint32_t)ng_text_orig(&doc->text, T(doc, te - 1)->e) - ob;
	const char *str = doc->text.orig + ob;
	uint32_t r;
	ng_status st;

	if (ent >= m->cap_head) {
		size_t old = m->cap_head;
		if (NG_GROW(m->head, m->cap_head, (size_t)ent + 1))
			return NG_ERR_NOMEM;
		memset(m->head + old, 0, (m->cap_head - old) * sizeof(*m->head));
	}
	for (r = m->head[ent]; r; r = m->v[r - 1].next)
		if (m->v[r - 1].len == len && !memcmp(doc->text.orig + m->v[r - 1].off, str, len))
			return NG_OK;
	if ((st = ng_doc_add_alt(doc, ent, str, len)) || (st = seen_add(m, ob, len, ent, 0)))
		return st;
	m->v[m->n - 1].next = m->head[ent];
	m->head[ent] = (uint32_t)m->n;
	return NG_OK;
}

/* The entity of a rule's candidate: its label is the normalized text of
 * tokens [nb, ne). */
static ng_status
entity_for_name_once(ng_doc *doc, seen_spans *m, ng_class cls, uint32_t nb, uint32_t ne,
                     uint32_t *out)
{
	const char *s;
	size_t n;
	uint64_t h;
	uint32_t head = 0, r;
	ng_status st;

	span_text(doc, nb, ne, &s, &n);
	h = (ng_hash_fast(s, n) ^ ((uint64_t)cls * 0x9e3779b97f4a7c15ULL)) | 1;
	ng_u64map_get(&m->by_hash, h, &head);
	for (r = head; r; r = m->v[r - 1].next)
		if (m->v[r - 1].cls == (uint32_t)cls && m->v[r - 1].len == n &&
		    !memcmp(doc->text.norm + m->v[r - 1].off, s, n)) {
			*out = m->v[r - 1].val;
			return NG_OK;
		}
	if ((st = ng_doc_entity_for_name(doc, cls, s, n, out)) ||
	    (st = seen_add(m, T(doc, nb)->b, (uint32_t)n, *out, (uint32_t)cls)))
		return st;
	m->v[m->n - 1].next = head;
	return ng_u64map_put(&m->by_hash, h, (uint32_t)m->n);
}

/* Room for the candidates and mentions of a document before they are
 * added one by one: growing from nothing costs a realloc per doubling. A
 * guess from the number of tokens; more still grows. */
static ng_status
reserve_cands(ng_doc *doc, cands *c)
{
	size_t n = doc->n_toks / 8 + 8;

	if (NG_GROW(c->v, c->cap, n) ||
	    NG_GROW(doc->mentions, doc->cap_mentions, doc->n_mentions + n))
		return NG_ERR_NOMEM;
	return NG_OK;
}

/* What the recognizer and its gazetteer-only stage start with: a mark for
 * each token that a name has taken, and room for the candidates. */
static ng_status
begin_ner(ng_doc *doc, cands *c, uint8_t **taken)
{
	if (!(*taken = calloc(doc->n_toks + 1, 1)))
		return NG_ERR_NOMEM;
	return reserve_cands(doc, c);
}

/* Marks the tokens of every mention as taken. */
static void
mark_mentions(const ng_doc *doc, uint8_t *taken)
{
	size_t k;

	for (k = 0; k < doc->n_mentions; k++)
		memset(taken + doc->mentions[k].tb, 1, doc->mentions[k].te - doc->mentions[k].tb);
}

static ng_status
take_cands(ng_doc *doc, cands *c, uint8_t *taken)
{
	seen_spans alts = {0}, names = {0};
	cand_key *order = NULL;
	size_t k;
	ng_status st = NG_OK;

	TRY(st, sort_cands(c, &order));
	/* Each candidate adds at most one surface form and one entity: room
	 * for all at once saves a realloc per doubling. */
	if (c->n && (NG_GROW(alts.v, alts.cap, c->n) ||
	             NG_GROW(alts.head, alts.cap_head, doc->n_ents + c->n))) {
		st = NG_ERR_NOMEM;
		goto done;
	}
	if (alts.cap_head)
		memset(alts.head, 0, alts.cap_head * sizeof(*alts.head));
	for (k = 0; k < c->n; k++) {
		const cand *x = &c->v[order[k].i];
		uint32_t i, ent;
		for (i = x->tb; i < x->te; i++)
			if (taken[i])
				break;
		if (i < x->te)
			continue;
		if (x->entry >= 0)
			TRY(st, ng_doc_entity_for_entry(doc, x->entry, &ent));
		else
			TRY(st, entity_for_name_once(doc, &names, x->cls, x->nb, x->ne, &ent));
		for (i = x->tb; i < x->te; i++)
			taken[i] = 1;
		TRY(st, add_mention(doc, x->tb, x->te, ent, x->sent, x->flags));
		if (!(x->flags & NG_MEN_ADJ))
			TRY(st, add_alt_once(doc, &alts, ent, x->tb, x->te));
	}
done:
	free(order);
	free(alts.v);
	free(alts.head);
	free(names.v);
	ng_u64map_free(&names.by_hash);
	return st;
}

/* ------------------------------------------------------------ coreference */

typedef struct {
	uint32_t keys[6];
	uint32_t n;
	uint32_t ent;
	bool ambiguous;
	uint32_t next;     /* next alias with the same first key + 1, 0 = none */
	uint32_t last;     /* on the first of those: the last one + 1 */
} docalias;

/* The aliases in order of collection, chained by first key so that a word
 * is compared only with the aliases that start with it. */
typedef struct {
	docalias *v;
	size_t n, cap;
	ng_u64map first;   /* first key + 1 -> first alias + 1 */
	uint64_t filter;   /* a bit per first key (filter_bit): most words miss */
} docaliases;

static inline uint64_t
filter_bit(uint32_t key)
{
	return (uint64_t)1 << ((key * 2654435761u) >> 26);
}

/* The first alias that starts with key, + 1; 0 if none. */
static uint32_t
docalias_first(const docaliases *d, uint32_t key)
{
	uint32_t idx = 0;

	if (!(d->filter & filter_bit(key)))
		return 0;
	ng_u64map_get(&d->first, (uint64_t)key + 1, &idx);
	return idx;
}

static ng_status
docalias_add(docaliases *d, const uint32_t *keys, uint32_t n, uint32_t ent)
{
	uint32_t head, k;

	if (!n || n > 6)
		return NG_OK;
	head = docalias_first(d, keys[0]);
	for (k = head; k; k = d->v[k - 1].next)
		if (d->v[k - 1].n == n && !memcmp(d->v[k - 1].keys, keys, n * sizeof(*keys))) {
			if (d->v[k - 1].ent != ent)
				d->v[k - 1].ambiguous = true;
			return NG_OK;
		}
	if (NG_GROW(d->v, d->cap, d->n + 1))
		return NG_ERR_NOMEM;
	memset(&d->v[d->n], 0, sizeof(d->v[d->n]));
	memcpy(d->v[d->n].keys, keys, n * sizeof(*keys));
	d->v[d->n].n = n;
	d->v[d->n].ent = ent;
	d->n++;
	/* Append to the chain of the first key, keeping the order. */
	if (head) {
		d->v[d->v[head - 1].last - 1].next = (uint32_t)d->n;
		d->v[head - 1].last = (uint32_t)d->n;
		return NG_OK;
	}
	d->v[d->n - 1].last = (uint32_t)d->n;
	d->filter |= filter_bit(keys[0]);
	return ng_u64map_put(&d->first, (uint64_t)keys[0] + 1, (uint32_t)d->n);
}

/* Surnames of the persons named in full, and acronyms defined in
 * parentheses after a name: "Security Assistance and Training for Ukraine
 * (NSATU)". */
static ng_status
collect_docaliases(ng_doc *doc, docaliases *d)
{
	size_t k;
	ng_status st = NG_OK;

	for (k = 0; k < doc->n_mentions; k++) {
		const ng_mention *m = &doc->mentions[k];
		const ng_entity *e = &doc->ents[m->ent];
		uint32_t keys[6], n = 0, i;
		if (m->flags & (NG_MEN_ADJ | NG_MEN_COREF))
			continue;
		if (e->cls == NG_CLASS_PERSON && !(m->flags & NG_MEN_RULE && m->te - m->tb < 2)) {
			uint32_t last;
			/* Surname: the words after the first ("Hinata-Yamaguchi",
			 * "Tayyip Erdogan"), and the last word with the words
			 * hyphenated to it ("Erdogan"). */
			for (i = m->tb + 1; i < m->te && n < 6; i++)
				if (!(T(doc, i)->flags & NG_TOK_JOIN))
					keys[n++] = T(doc, i)->key;
			if (n && n < 6 && keys[0])
				TRY(st, docalias_add(d, keys, n, m->ent));
			last = m->te - 1;
			while (last > m->tb + 1 && (T(doc, last - 1)->flags & NG_TOK_JOIN))
				last -= 2;
			if (last > m->tb + 1) {
				n = 0;
				for (i = last; i < m->te && n < 6; i++)
					if (!(T(doc, i)->flags & NG_TOK_JOIN))
						keys[n++] = T(doc, i)->key;
				if (n && n < 6)
					TRY(st, docalias_add(d, keys, n, m->ent));
			}
		}
		/* An acronym in parentheses right after the mention. */
		if (m->te + 2 < doc->n_toks && tok_eq(doc, m->te, "(") && tok_eq(doc, m->te + 2, ")") &&
		    (T(doc, m->te + 1)->flags & NG_TOK_UPPER) && e->cls == NG_CLASS_ORGANIZATION &&
		    T(doc, m->te + 1)->key)
			TRY(st, docalias_add(d, &T(doc, m->te + 1)->key, 1, m->ent));
	}
done:
	return st;
}

/* The place mention that starts at token i among the first n mentions,
 * which are sorted by first token; -1 if none. The tokens asked about only
 * grow, so a cursor *at walks the mentions once (a scan of all mentions for
 * each token made long texts quadratic). */
static int32_t
place_mention_at(const ng_doc *doc, size_t n, uint32_t i, size_t *at)
{
	size_t k = *at;
	int32_t place = -1;

	while (k < n && doc->mentions[k].tb < i)
		k++;
	*at = k;
	for (; k < n && doc->mentions[k].tb == i; k++)
		if (doc->ents[doc->mentions[k].ent].cls == NG_CLASS_PLACE)
			place = (int32_t)k;
	return place;
}

/* Surname and acronym references among the tokens not yet taken. The
 * mentions are sorted on entry; those added here start at tokens already
 * passed, so the sorted ones are all that place_mention_at needs. */
static ng_status
resolve_docaliases(ng_doc *doc, const docaliases *d, const uint8_t *taken)
{
	size_t si, n_sorted = doc->n_mentions, at = 0;
	ng_status st = NG_OK;

	if (!d->n)
		return NG_OK;
	for (si = 0; si < doc->n_sents; si++) {
		const ng_sentence *s = &doc->sents[si];
		uint32_t i;
		if (s->flags & NG_SENT_BOILER)
			continue;
		for (i = s->tb; i < s->te; i++) {
			uint32_t k;
			int32_t place = -1;
			/* Most words are not capitalized or start no alias: the
			 * token and the filter tell before the mentions are
			 * looked at (the cursor of place_mention_at catches up). */
			if (!is_cap_word(doc, i) || (i > s->tb && (T(doc, i - 1)->flags & NG_TOK_JOIN)) ||
			    !(d->filter & filter_bit(T(doc, i)->key)))
				continue;
			if (taken[i]) {
				/* A surname outranks a place of the same name: "Medina". */
				place = place_mention_at(doc, n_sorted, i, &at);
				if (place < 0)
					continue;
			}
			/* The match starts with this word (a word, so no joining
			 * hyphen): only the aliases that start with its key can
			 * match, in the order they were collected. */
			for (k = docalias_first(d, T(doc, i)->key); k; k = d->v[k - 1].next) {
				const docalias *a = &d->v[k - 1];
				uint32_t j = i, m = 0;
				if (a->ambiguous)
					continue;
				while (j < s->te && m < a->n) {
					if (T(doc, j)->flags & NG_TOK_JOIN) {
						j++;
						continue;
					}
					if ((taken[j] && place < 0) || T(doc, j)->key != a->keys[m])
						break;
					j++;
					m++;
				}
				if (m < a->n)
					continue;
				/* "Rutte Warns" is fine; "Brown University" is not Brown. */
				if (j < s->te && is_cap_word(doc, j) && !(s->flags & NG_SENT_TITLECASE) &&
				    !(T(doc, j)->flags & NG_TOK_UPPER))
					continue;
				if (place >= 0) {
					if (doc->mentions[place].te != j)
						continue;
					doc->mentions[place].ent = a->ent;
					doc->mentions[place].flags |= NG_MEN_COREF;
					i = j - 1;
					break;
				}
				TRY(st, add_mention(doc, i, j, a->ent, (uint32_t)si, NG_MEN_COREF));
				i = j - 1;
				break;
			}
		}
	}
done:
	return st;
}

/* Rebuilds the token -> mention index after mentions changed. */
static ng_status
index_mentions(ng_doc *doc)
{
	size_t k;

	if (!doc->men_start) {
		/* Both indexes in one allocation, freed through men_start. */
		if (!(doc->men_start = malloc(2 * (doc->n_toks + 1) * sizeof(*doc->men_start))))
			return NG_ERR_NOMEM;
		doc->men_end = doc->men_start + doc->n_toks + 1;
	}
	memset(doc->men_start, 0xFF, (doc->n_toks + 1) * sizeof(*doc->men_start));
	memset(doc->men_end, 0xFF, (doc->n_toks + 1) * sizeof(*doc->men_end));
	for (k = doc->n_mentions; k-- > 0;) {
		doc->men_start[doc->mentions[k].tb] = (int32_t)k;
		doc->men_end[doc->mentions[k].te] = (int32_t)k;
	}
	return NG_OK;
}

static int32_t
mention_at(const ng_doc *doc, uint32_t tb)
{
	return tb <= doc->n_toks ? doc->men_start[tb] : -1;
}

static int32_t
mention_ending(const ng_doc *doc, uint32_t te)
{
	return te <= doc->n_toks ? doc->men_end[te] : -1;
}

static ng_status
title_fact(ng_doc *doc, uint32_t person, int32_t target, const ng_phrase *p,
           const char *role, uint32_t si, const char *rule)
{
	ng_fact f;
	ng_status st;

	memset(&f, 0, sizeof(f));
	f.s = person;
	f.sent = si;
	f.mod = NG_MOD_ASSERTED;
	f.confidence = 0.9;
	f.rule = rule;
	f.o = UINT32_MAX;
	f.prop = "role";
	f.literal = (char *)role;
	if ((st = ng_doc_add_fact(doc, &f)))
		return st;
	if (target < 0 || (uint32_t)target == person || doc->ents[target].cls == NG_CLASS_PERSON)
		return NG_OK;
	f.literal = NULL;
	f.o = (uint32_t)target;
	f.prop = p->kind == NG_TITLE_LEADER ? "leaderOf" : "affiliatedWith";
	return ng_doc_add_fact(doc, &f);
}

/* ------------------------------------------------------------ offices */

/* Does the office hold at the article's date? Without a date, only
 * offices still held count. */
static bool
office_holds(const ng_office *o, int32_t date)
{
	if (!date)
		return o->to == 0;
	return (!o->from || o->from <= date) && (!o->to || date <= o->to);
}

static bool
ascii_caseeq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if ((*a | 32) != (*b | 32) && !((*a == '-' || *a == ' ') && (*b == '-' || *b == ' ')))
			return false;
	return !*a && !*b;
}

/* Is the role a leader's title in the lexicon? */
static bool
leader_role(const ng_knowledge *kb, const char *role)
{
	size_t k;

	for (k = 0; k < kb->n_titles; k++)
		if (kb->titles[k].kind == NG_TITLE_LEADER && ascii_caseeq(kb->titles[k].text, role))
			return true;
	return false;
}

/* The target of the person's office named role (or, for a leader's title,
 * of any leader's office) that holds at the article's date; -1 if none. */
static int32_t
office_target(const ng_doc *doc, uint32_t person, const char *role, bool leader)
{
	const ng_entity *e = &doc->ents[person];
	const ng_entry *g;
	size_t k;

	if (e->entry < 0)
		return -1;
	g = &doc->kb->entries[e->entry];
	for (k = 0; k < g->n_offices; k++) {
		const ng_office *o = &g->offices[k];
		if (o->target < 0 || !office_holds(o, doc->date_num))
			continue;
		if (ascii_caseeq(o->role, role) || (leader && leader_role(doc->kb, o->role)))
			return o->target;
	}
	return -1;
}

/* The gazetteer person who leads the entry at the article's date, or -1. */
static int32_t
office_holder(const ng_doc *doc, int32_t target)
{
	const ng_knowledge *kb = doc->kb;
	size_t i, k;

	if (target < 0)
		return -1;
	if (kb->holder_first && kb->holder_entries == kb->n_entries) {
		uint32_t h;
		for (h = kb->holder_first[target]; h; h = kb->holders[h - 1].next) {
			const struct ng_holder *x = &kb->holders[h - 1];
			const ng_entry *g = &kb->entries[x->entry];
			if (!g->dead && office_holds(&g->offices[x->office], doc->date_num) &&
			    leader_role(kb, g->offices[x->office].role))
				return (int32_t)x->entry;
		}
		return -1;
	}
	for (i = 0; i < kb->n_entries; i++) {
		const ng_entry *g = &kb->entries[i];
		if (g->dead || g->cls != NG_CLASS_PERSON)
			continue;
		for (k = 0; k < g->n_offices; k++)
			if (g->offices[k].target == target && office_holds(&g->offices[k], doc->date_num) &&
			    leader_role(kb, g->offices[k].role))
				return (int32_t)i;
	}
	return -1;
}

/* Facts from titles and appositions next to person mentions. */
static ng_status
title_facts(ng_doc *doc)
{
	size_t si;
	ng_buf role = {0};
	ng_status st = NG_OK;

	for (si = 0; si < doc->n_sents; si++) {
		const ng_sentence *s = &doc->sents[si];
		uint32_t i;
		/* Both rules need a title. */
		if ((s->flags & NG_SENT_BOILER) || !(s->tok_flags & NG_TOK_TITLE))
			continue;
		for (i = s->tb; i < s->te; i++) {
			const ng_phrase *p = NULL;
			uint32_t te = title_at(doc, i, s->te, &p), pe, b;
			int32_t pm, mm, target = -1;
			size_t ob, oe;
			if (!te)
				continue;
			pe = te;
			if (pe < s->te && tok_eq(doc, pe, ","))
				pe++;
			pm = mention_at(doc, pe);
			if (pm < 0 || doc->ents[doc->mentions[pm].ent].cls != NG_CLASS_PERSON ||
			    (doc->mentions[pm].flags & NG_MEN_PRON)) {
				i = te - 1;
				continue;
			}
			/* Modifier before the title: "NATO", "Japanese", "Japan's",
			 * "NATO's new". Past holders ("former") get no fact; both
			 * word lists are in the lexicon. */
			b = i;
			while (b > s->tb && (T(doc, b - 1)->flags & NG_TOK_LOWER) &&
			       in_class(doc, NG_WC_TITLE_NOW, b - 1))
				b--;
			if (b > s->tb && in_class(doc, NG_WC_TITLE_PAST, b - 1)) {
				i = te - 1;
				continue;
			}
			if (b > s->tb && (T(doc, b - 1)->flags & NG_TOK_POSS))
				b--;
			if ((mm = mention_ending(doc, b)) >= 0) {
				/* A country, an organization, or a capital for its
				 * country: "Tokyo's defence minister". */
				uint32_t agent;
				TRY(st, ng_doc_actor(doc, doc->mentions[mm].ent, &agent));
				if (doc->ents[agent].cls == NG_CLASS_COUNTRY ||
				    doc->ents[agent].cls == NG_CLASS_ORGANIZATION)
					target = (int32_t)agent;
			}
			/* Or after the name: "of Tokyo International University". */
			if (target < 0) {
				uint32_t after = doc->mentions[pm].te;
				if (after + 1 < s->te && (tok_eq(doc, after, "of") || tok_eq(doc, after, "at")) &&
				    (mm = mention_at(doc, after + 1)) >= 0 &&
				    doc->ents[doc->mentions[mm].ent].cls == NG_CLASS_ORGANIZATION)
					target = (int32_t)doc->mentions[mm].ent;
			}
			ob = ng_text_orig(&doc->text, T(doc, i)->b);
			oe = ng_text_orig(&doc->text, T(doc, te - 1)->e);
			ng_buf_clear(&role);
			TRY(st, ng_clean_literal(doc->text.orig + ob, oe - ob, &role));
			if (target < 0) {
				/* "Prime Minister Shigeru Ishiba": the gazetteer knows of
				 * what, if the office holds at the article's date. */
				int32_t g = office_target(doc, doc->mentions[pm].ent, role.buf,
				                          p->kind == NG_TITLE_LEADER);
				uint32_t ge;
				if (g >= 0) {
					TRY(st, ng_doc_entity_for_entry(doc, g, &ge));
					TRY(st, title_fact(doc, doc->mentions[pm].ent, (int32_t)ge, p, role.buf,
					                   (uint32_t)si, "title-office"));
					i = te - 1;
					continue;
				}
			}
			TRY(st, title_fact(doc, doc->mentions[pm].ent, target, p, role.buf, (uint32_t)si,
			                   p->kind == NG_TITLE_LEADER ? "title-leader" : "title-member"));
			i = te - 1;
		}
		/* Apposition: PERSON , [a|an|the] [adj] TITLE (in|at|of) ... ORG */
		for (i = s->tb; i + 2 < s->te; i++) {
			int32_t pm = mention_ending(doc, i), om = -1;
			const ng_phrase *p = NULL;
			uint32_t j, k, te;
			size_t ob, oe;
			if (pm < 0 || doc->ents[doc->mentions[pm].ent].cls != NG_CLASS_PERSON ||
			    (doc->mentions[pm].flags & NG_MEN_PRON) ||
			    !tok_eq(doc, i, ",") || !(te = appositive_title(doc, s, i, &j, &p)))
				continue;
			/* The first organization in the rest of the clause. */
			for (k = te; k < s->te && k < te + 16 && !tok_eq(doc, k, ",") && !tok_eq(doc, k, ".");
			     k++) {
				int32_t m = mention_at(doc, k);
				if (m >= 0 && doc->ents[doc->mentions[m].ent].cls == NG_CLASS_ORGANIZATION &&
				    !(doc->mentions[m].flags & NG_MEN_ADJ)) {
					om = m;
					break;
				}
			}
			ob = ng_text_orig(&doc->text, T(doc, j)->b);
			oe = ng_text_orig(&doc->text, T(doc, te - 1)->e);
			ng_buf_clear(&role);
			TRY(st, ng_clean_literal(doc->text.orig + ob, oe - ob, &role));
			TRY(st, title_fact(doc, doc->mentions[pm].ent,
			                   om >= 0 ? (int32_t)doc->mentions[om].ent : -1, p, role.buf,
			                   (uint32_t)si, "apposition"));
		}
	}
done:
	ng_buf_free(&role);
	return st;
}

/* "the alliance", "the Belgium-based military alliance", "the bloc": the
 * organization of a kind the lexicon gives for the noun that was named
 * last. The noun at token i must follow "the" within five tokens of the
 * same noun phrase. */
static int32_t
nominal_referent(const ng_doc *doc, const ng_sentence *s, uint32_t i, const uint32_t *orgs,
                 size_t n_orgs)
{
	const ng_knowledge *kb = doc->kb;
	uint32_t b = i, idx;
	const char *kinds;
	size_t k;

	while (b > s->tb && i - b < 6 && !tok_word(doc, b - 1, "the")) {
		const ng_token *t = T(doc, b - 1);
		if ((t->flags & NG_TOK_PUNCT) && !(t->flags & NG_TOK_JOIN))
			return -1;
		if (tok_word(doc, b - 1, "and") || tok_word(doc, b - 1, "or") ||
		    tok_word(doc, b - 1, "of") || tok_word(doc, b - 1, "for") ||
		    tok_word(doc, b - 1, "to") || tok_word(doc, b - 1, "with") ||
		    tok_word(doc, b - 1, "in") || tok_word(doc, b - 1, "on") ||
		    tok_word(doc, b - 1, "at") || tok_word(doc, b - 1, "by") ||
		    tok_word(doc, b - 1, "from") || tok_word(doc, b - 1, "a") ||
		    tok_word(doc, b - 1, "an"))
			return -1;
		b--;
	}
	if (b == s->tb || !tok_word(doc, b - 1, "the") ||
	    !ng_u64map_get(&kb->nominals, T(doc, i)->key, &idx))
		return -1;
	kinds = kb->nominal_kinds[idx];
	for (k = n_orgs; k-- > 0;) {
		const ng_entity *e = &doc->ents[orgs[k]];
		const char *kind = e->entry >= 0 ? kb->entries[e->entry].kind : NULL;
		size_t kl;
		const char *p;
		if (!kind)
			continue;
		kl = strlen(kind);
		for (p = kinds; (p = strstr(p, kind)); p += kl)
			if ((p == kinds || p[-1] == '|') && (p[kl] == '|' || !p[kl]))
				return (int32_t)orgs[k];
	}
	return -1;
}

/* Is the opening of sentence s still going on after token i: a word in
 * lower case after its first four tokens ends it. Without branches: most
 * tokens pass here, and the words' case follows no pattern. */
static inline bool
still_opening(const ng_doc *doc, const ng_sentence *s, uint32_t i, bool first)
{
	uint16_t f = T(doc, i)->flags;

	return first & !(((f & (NG_TOK_WORD | NG_TOK_LOWER)) == (NG_TOK_WORD | NG_TOK_LOWER)) &
	                 (i > s->tb + 3));
}

/* "he", "she" -> the last person in subject position; "the NATO chief" ->
 * the leader of NATO named in the article. */
static ng_status
resolve_references(ng_doc *doc, uint8_t *taken)
{
	int32_t last_subject = -1;
	size_t si;
	uint32_t *orgs = NULL;  /* organizations in order of mention */
	size_t n_orgs = 0, cap_orgs = 0;
	ng_status st = NG_OK;

	/* At most one for each mention indexed: room at once, not by
	 * doubling. */
	if (doc->n_mentions && NG_GROW(orgs, cap_orgs, doc->n_mentions))
		return NG_ERR_NOMEM;

	for (si = 0; si < doc->n_sents; si++) {
		const ng_sentence *s = &doc->sents[si];
		uint32_t i;
		bool first = true;
		if (s->flags & NG_SENT_BOILER)
			continue;
		for (i = s->tb; i < s->te; i++) {
			/* The index is of the mentions before this pass; those added
			 * here start at tokens already passed. */
			int32_t m = mention_at(doc, i);
			if (m >= 0) {
				const ng_mention *mm = &doc->mentions[m];
				if (first && !(mm->flags & NG_MEN_ADJ) &&
				    doc->ents[mm->ent].cls == NG_CLASS_PERSON)
					last_subject = (int32_t)mm->ent;
				if (doc->ents[mm->ent].cls == NG_CLASS_ORGANIZATION) {
					if (n_orgs == cap_orgs && NG_GROW(orgs, cap_orgs, n_orgs + 1)) {
						st = NG_ERR_NOMEM;
						goto done;
					}
					orgs[n_orgs++] = mm->ent;
				}
				if (!(mm->flags & NG_MEN_ADJ))
					first = false;
				i = mm->te - 1;
				continue;
			}
			/* Most tokens are none of the words below: they can only
			 * end the opening of the sentence. */
			if (!(T(doc, i)->wclass & (NG_WC_NOMINAL | NG_WC_PRONOUN)) &&
			    !tok_word(doc, i, "the")) {
				first = still_opening(doc, s, i, first);
				continue;
			}
			if (!taken[i] && n_orgs && in_class(doc, NG_WC_NOMINAL, i) &&
			    (T(doc, i)->flags & NG_TOK_LOWER)) {
				int32_t org = nominal_referent(doc, s, i, orgs, n_orgs);
				if (org >= 0) {
					TRY(st, add_mention(doc, i, i + 1, (uint32_t)org, (uint32_t)si,
					                    NG_MEN_COREF));
					taken[i] = 1;
					first = false;
					continue;
				}
			}
			if (!taken[i] && last_subject >= 0 && in_class(doc, NG_WC_PRONOUN, i)) {
				TRY(st, add_mention(doc, i, i + 1, (uint32_t)last_subject, (uint32_t)si,
				                    NG_MEN_COREF | NG_MEN_PRON));
				taken[i] = 1;
				first = false;
				continue;
			}
			/* "the NATO chief", "the NATO secretary general" */
			if (tok_word(doc, i, "the") && i + 2 < s->te) {
				int32_t om = mention_at(doc, i + 1);
				const ng_phrase *p = NULL;
				uint32_t te = 0;
				if (om < 0)
					continue;
				if (in_class(doc, NG_WC_LEADER, doc->mentions[om].te))
					te = doc->mentions[om].te + 1;
				else if ((te = title_at(doc, doc->mentions[om].te, s->te, &p)) &&
				         p->kind != NG_TITLE_LEADER)
					te = 0;
				if (te && (te >= s->te || !is_cap_word(doc, te))) {
					int32_t holder = -1;
					size_t f;
					for (f = 0; f < doc->n_facts; f++)
						if (!strcmp(doc->facts[f].prop, "leaderOf") &&
						    doc->facts[f].o == doc->mentions[om].ent &&
						    doc->facts[f].mod == NG_MOD_ASSERTED)
							holder = (int32_t)doc->facts[f].s;
					if (holder < 0) {
						/* Not named in the article: the gazetteer's holder of
						 * the office at the article's date. */
						const ng_entity *oe = &doc->ents[doc->mentions[om].ent];
						int32_t g = office_holder(doc, oe->entry);
						uint32_t ge;
						if (g >= 0) {
							TRY(st, ng_doc_entity_for_entry(doc, g, &ge));
							holder = (int32_t)ge;
						}
					}
					if (holder >= 0) {
						TRY(st, add_mention(doc, i, te, (uint32_t)holder, (uint32_t)si,
						                    NG_MEN_COREF));
						if (first)
							last_subject = holder;
						first = false;
						i = te - 1;
					}
				}
			}
			first = still_opening(doc, s, i, first);
		}
	}
done:
	free(orgs);
	return st;
}

ng_status
ng_ner(ng_doc *doc)
{
	cands c = {0};
	docaliases d = {0};
	uint8_t *taken = NULL;
	size_t si;
	ng_status st = NG_OK;

	TRY(st, begin_ner(doc, &c, &taken));
	for (si = 0; si < doc->n_sents; si++) {
		if (doc->sents[si].flags & NG_SENT_BOILER)
			continue;
		size_t from = c.n;
		TRY(st, gazetteer_cands(doc, (uint32_t)si, &c));
		TRY(st, person_cands(doc, (uint32_t)si, &c, from));
		TRY(st, org_cands(doc, (uint32_t)si, &c));
	}
	/* Ship names ("HMS Prince of Wales") hold no person or place. */
	for (si = 0; si < doc->n_sents; si++) {
		const ng_sentence *s = &doc->sents[si];
		uint32_t i, j;
		if (!(s->wclasses & NG_WC_VESSEL))
			continue;
		for (i = s->tb; i + 1 < s->te; i++) {
			if (!in_class(doc, NG_WC_VESSEL, i) || !is_cap_word(doc, i + 1))
				continue;
			for (j = i + 1; j < s->te && (is_cap_word(doc, j) ||
			                              (is_connector(doc, j) && j + 1 < s->te &&
			                               is_cap_word(doc, j + 1)));
			     j++)
				;
			memset(taken + i, 1, j - i);
			i = j - 1;
		}
	}
	TRY(st, take_cands(doc, &c, taken));
	TRY(st, sort_mentions(doc));
	TRY(st, collect_docaliases(doc, &d));
	TRY(st, resolve_docaliases(doc, &d, taken));
	TRY(st, sort_mentions(doc));
	mark_mentions(doc, taken);
	TRY(st, index_mentions(doc));
	TRY(st, title_facts(doc));
	TRY(st, resolve_references(doc, taken));
	TRY(st, sort_mentions(doc));
done:
	free(c.v);
	free(d.v);
	ng_u64map_free(&d.first);
	free(taken);
	return st;
}

/* The gazetteer alone: longest matches of the aliases with the overlap
 * rule (priority, then length, then leftmost), without the title, head-word
 * and acronym rules, coreference or boilerplate. make bench measures it as
 * the matching throughput of the gazetteer. */
ng_status
ng_ner_gazetteer(ng_doc *doc)
{
	cands c = {0};
	uint8_t *taken = NULL;
	size_t si;
	ng_status st = NG_OK;

	TRY(st, begin_ner(doc, &c, &taken));
	for (si = 0; si < doc->n_sents; si++)
		TRY(st, gazetteer_cands(doc, (uint32_t)si, &c));
	TRY(st, take_cands(doc, &c, taken));
	TRY(st, sort_mentions(doc));
done:
	free(c.v);
	free(taken);
	return st;
}

/* ------------------------------------------------------- unknown names */

size_t
ng_doc_unknown_names(const ng_doc *doc, ng_name_func func, void *handle)
{
	uint8_t *taken = calloc(doc->n_toks + 1, 1);
	size_t si, n = 0;

	if (!taken)
		return 0;
	mark_mentions(doc, taken);
	for (si = 0; si < doc->n_sents; si++) {
		const ng_sentence *s = &doc->sents[si];
		uint32_t i;
		if (s->flags & (NG_SENT_BOILER | NG_SENT_TITLECASE))
			continue;
		for (i = s->tb; i < s->te; i++) {
			const ng_phrase *p;
			uint32_t j = i, te;
			if (taken[i] || !is_cap_word(doc, i) || in_class(doc, NG_WC_STOPNAME, i))
				continue;
			if ((te = title_at(doc, i, s->te, &p))) {
				i = te - 1;
				continue;
			}
			while (j < s->te && !taken[j] &&
			       (is_cap_word(doc, j) ||
			        ((T(doc, j)->flags & NG_TOK_JOIN) && j + 1 < s->te && is_cap_word(doc, j + 1))))
				j++;
			while (j > i + 1 && (T(doc, j - 1)->flags & NG_TOK_JOIN))
				j--;
			/* A lone capitalized word opening a sentence (or a quote) is
			 * usually just a word. */
			if (!(j == i + 1 && (i == s->tb || (T(doc, i - 1)->flags & NG_TOK_PUNCT)))) {
				const char *str = doc->text.norm + T(doc, i)->b;
				func(handle, str, T(doc, j - 1)->e - T(doc, i)->b);
				n++;
			}
			i = j - 1;
		}
	}
	free(taken);
	return n;
}
