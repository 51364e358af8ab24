/* SPDX-License-Identifier: Apache-2.0 */
/* Coreference: surnames and acronyms that the article defined, and
 * pronouns, nominals ("the alliance") and roles ("the NATO chief") that
 * point back to an entity. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "coref.h"
#include "names.h"
#include "offices.h"

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
			/* Surname: the words after the first ("Lund-Aalto",
			 * "Tayyip Erdogan"), and the last word with the words
			 * hyphenated to it ("Erdogan"). */
			for (i = m->tb + 1; i < m->te && n < 6; i++)
				if (!(ng_tok(doc, i)->flags & NG_TOK_JOIN) && !ng_in_initial(doc, i, m->te + 1))
					keys[n++] = ng_tok(doc, i)->key;
			if (n && n < 6 && keys[0])
				TRY(st, docalias_add(d, keys, n, m->ent));
			last = m->te - 1;
			while (last > m->tb + 1 && (ng_tok(doc, last - 1)->flags & NG_TOK_JOIN))
				last -= 2;
			if (last > m->tb + 1) {
				n = 0;
				for (i = last; i < m->te && n < 6; i++)
					if (!(ng_tok(doc, i)->flags & NG_TOK_JOIN))
						keys[n++] = ng_tok(doc, i)->key;
				if (n && n < 6)
					TRY(st, docalias_add(d, keys, n, m->ent));
			}
		}
		/* An acronym in parentheses right after the mention. */
		if (m->te + 2 < doc->n_toks && ng_tok_eq(doc, m->te, "(") && ng_tok_eq(doc, m->te + 2, ")") &&
		    (ng_tok(doc, m->te + 1)->flags & NG_TOK_UPPER) && e->cls == NG_CLASS_ORGANIZATION &&
		    ng_tok(doc, m->te + 1)->key)
			TRY(st, docalias_add(d, &ng_tok(doc, m->te + 1)->key, 1, m->ent));
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
			if (!ng_is_cap_word(doc, i) || (i > s->tb && (ng_tok(doc, i - 1)->flags & NG_TOK_JOIN)) ||
			    !(d->filter & filter_bit(ng_tok(doc, i)->key)))
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
			for (k = docalias_first(d, ng_tok(doc, i)->key); k; k = d->v[k - 1].next) {
				const docalias *a = &d->v[k - 1];
				uint32_t j = i, m = 0;
				if (a->ambiguous)
					continue;
				while (j < s->te && m < a->n) {
					if (ng_tok(doc, j)->flags & NG_TOK_JOIN) {
						j++;
						continue;
					}
					if ((taken[j] && place < 0) || ng_tok(doc, j)->key != a->keys[m])
						break;
					j++;
					m++;
				}
				if (m < a->n)
					continue;
				/* "Rutte Warns" is fine; "Brown University" is not Brown. */
				if (j < s->te && ng_is_cap_word(doc, j) && !(s->flags & NG_SENT_TITLECASE) &&
				    !(ng_tok(doc, j)->flags & NG_TOK_UPPER))
					continue;
				if (place >= 0) {
					if (doc->mentions[place].te != j)
						continue;
					doc->mentions[place].ent = a->ent;
					doc->mentions[place].flags |= NG_MEN_COREF;
					i = j - 1;
					break;
				}
				TRY(st, ng_doc_add_mention(doc, i, j, a->ent, (uint32_t)si, NG_MEN_COREF));
				i = j - 1;
				break;
			}
		}
	}
done:
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

	while (b > s->tb && i - b < 6 && !ng_tok_word(doc, b - 1, "the")) {
		const ng_token *t = ng_tok(doc, b - 1);
		if ((t->flags & NG_TOK_PUNCT) && !(t->flags & NG_TOK_JOIN))
			return -1;
		if (ng_lexicon_is_function(&kb->lex, t->key))
			return -1;
		b--;
	}
	if (b == s->tb || !ng_tok_word(doc, b - 1, "the") ||
	    !ng_u64map_get(&kb->lex.nominals, ng_tok(doc, i)->key, &idx))
		return -1;
	kinds = kb->lex.nominal_kinds[idx];
	for (k = n_orgs; k-- > 0;) {
		const ng_entity *e = &doc->ents[orgs[k]];
		const char *kind = e->entry >= 0 ? kb->gaz.entries[e->entry].kind : NULL;
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
	uint16_t f = ng_tok(doc, i)->flags;

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
			int32_t m = ng_doc_mention_at(doc, i);
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
			if (!(ng_tok(doc, i)->wclass & (NG_WC_NOMINAL | NG_WC_PRONOUN)) &&
			    !ng_tok_word(doc, i, "the")) {
				first = still_opening(doc, s, i, first);
				continue;
			}
			if (!taken[i] && n_orgs && ng_tok_in_class(doc, NG_WC_NOMINAL, i) &&
			    (ng_tok(doc, i)->flags & NG_TOK_LOWER)) {
				int32_t org = nominal_referent(doc, s, i, orgs, n_orgs);
				if (org >= 0) {
					TRY(st, ng_doc_add_mention(doc, i, i + 1, (uint32_t)org, (uint32_t)si,
					                           NG_MEN_COREF));
					taken[i] = 1;
					first = false;
					continue;
				}
			}
			if (!taken[i] && last_subject >= 0 && ng_tok_in_class(doc, NG_WC_PRONOUN, i)) {
				TRY(st, ng_doc_add_mention(doc, i, i + 1, (uint32_t)last_subject, (uint32_t)si,
				                           NG_MEN_COREF | NG_MEN_PRON));
				taken[i] = 1;
				first = false;
				continue;
			}
			/* "the NATO chief", "the NATO secretary general" */
			if (ng_tok_word(doc, i, "the") && i + 2 < s->te) {
				int32_t om = ng_doc_mention_at(doc, i + 1);
				const ng_phrase *p = NULL;
				uint32_t te = 0;
				if (om < 0)
					continue;
				if (ng_tok_in_class(doc, NG_WC_LEADER, doc->mentions[om].te))
					te = doc->mentions[om].te + 1;
				else if ((te = ng_title_at(doc, doc->mentions[om].te, s->te, &p)) &&
				         p->kind != NG_TITLE_LEADER)
					te = 0;
				if (te && (te >= s->te || !ng_is_cap_word(doc, te))) {
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
						int32_t g = ng_offices_holder(doc, oe->entry);
						uint32_t ge;
						if (g >= 0) {
							TRY(st, ng_doc_entity_for_entry(doc, g, &ge));
							holder = (int32_t)ge;
						}
					}
					if (holder >= 0) {
						TRY(st, ng_doc_add_mention(doc, i, te, (uint32_t)holder, (uint32_t)si,
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

/* A listed person named by a title and one name: "President Biden",
 * "Minister Saito", "President Xi" (a family name first). The person of
 * the gazetteer whose label starts or ends with the name and whose office
 * of that title holds at the article's date, if there is exactly one.
 * Without a date no office can be told to hold: then only a name that one
 * person of the gazetteer bears, who held that office at some time, is
 * resolved ("Secretary Olsen"), never one that several bear ("President
 * Berg"). */
static ng_status
resolve_titled_names(ng_doc *doc)
{
	const ng_knowledge *kb = doc->kb;
	size_t si;
	ng_status st = NG_OK;

	for (si = 0; si < doc->n_sents; si++) {
		const ng_sentence *s = &doc->sents[si];
		uint32_t i;
		if ((s->flags & (NG_SENT_BOILER | NG_SENT_TITLECASE)) || !(s->tok_flags & NG_TOK_TITLE))
			continue;
		for (i = s->tb; i < s->te; i++) {
			const ng_phrase *p = NULL;
			uint32_t te = ng_title_at(doc, i, s->te, &p), h, ent;
			int32_t found = -1, last = -1;
			unsigned bearers = 0, holders = 0;
			if (!te || te >= s->te || doc->taken[te] || !ng_is_cap_word(doc, te) ||
			    (ng_tok(doc, te)->flags & NG_TOK_UPPER) ||
			    (te + 1 < s->te && ng_is_cap_word(doc, te + 1)))
				continue;
			for (h = ng_gazetteer_named(&kb->gaz, ng_tok(doc, te)->key); h;
			     h = kb->gaz.named[h - 1].next) {
				int32_t x = (int32_t)kb->gaz.named[h - 1].entry;
				const ng_entry *g = &kb->gaz.entries[x];
				size_t k;
				/* A label that starts and ends with the name is listed
				 * twice in a row. */
				if (g->dead || x == last)
					continue;
				last = x;
				bearers++;
				for (k = 0; k < g->n_offices; k++)
					if ((!doc->date_num || ng_office_holds(&g->offices[k], doc->date_num)) &&
					    ng_role_names(g->offices[k].role, p->text))
						break;
				if (k < g->n_offices) {
					holders++;
					found = x;
				}
			}
			if (holders != 1 || (!doc->date_num && bearers != 1))
				continue;
			TRY(st, ng_doc_entity_for_entry(doc, found, &ent));
			TRY(st, ng_doc_add_mention(doc, te, te + 1, ent, (uint32_t)si, NG_MEN_COREF));
			doc->taken[te] = 1;
			i = te;
		}
	}
done:
	return st;
}

ng_status
ng_coref_aliases(ng_doc *doc)
{
	docaliases d = {0};
	ng_status st = NG_OK;

	TRY(st, collect_docaliases(doc, &d));
	TRY(st, resolve_docaliases(doc, &d, doc->taken));
	/* What the aliases took is no longer free for a title's holder. */
	ng_doc_mark_mentions(doc, doc->taken);
	TRY(st, resolve_titled_names(doc));
	TRY(st, ng_doc_sort_mentions(doc));
	ng_doc_mark_mentions(doc, doc->taken);
	TRY(st, ng_doc_index_mentions(doc));
done:
	free(d.v);
	ng_u64map_free(&d.first);
	return st;
}

ng_status
ng_coref_references(ng_doc *doc)
{
	ng_status st = resolve_references(doc, doc->taken);

	if (!st)
		st = ng_doc_sort_mentions(doc);
	return st;
}
