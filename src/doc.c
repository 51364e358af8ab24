/* SPDX-License-Identifier: Apache-2.0 */
/* The document model: entities, facts and sentence texts of one article. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "doc.h"

#include <xxhash.h>

/* Entities of a typical article (about 30 in the samples). */
#define NG_DOC_ENTS 32
/* Facts of a typical article (about 23 in the samples). */
#define NG_DOC_FACTS 32

/* A copy of s in the document's arena, made safe for a literal; NULL if
 * out of memory. Most strings are clean already and copied as they are;
 * the others are cleaned in the document's scratch for literals. */
static char *
doc_literal(ng_doc *doc, const char *s, size_t len)
{
	if (ng_literal_is_clean(s, len))
		return ng_arena_strndup(&doc->arena, s, len);
	ng_buf_clear(&doc->lit);
	if (ng_clean_literal(s, len, &doc->lit))
		return NULL;
	return ng_arena_strndup(&doc->arena, doc->lit.buf, doc->lit.len);
}

/* ------------------------------------------------------------ entities */

ng_status
ng_doc_actor(ng_doc *doc, uint32_t ent, uint32_t *out)
{
	const ng_entity *e = &doc->ents[ent];
	const ng_entry *g;
	int32_t to;

	*out = ent;
	if (e->cls != NG_CLASS_PLACE || e->entry < 0)
		return NG_OK;
	g = &doc->gaz->entries[e->entry];
	to = g->seat_of;
	if (to < 0 && g->kind && !strcmp(g->kind, "capital"))
		to = g->country;
	if (to < 0)
		return NG_OK;
	return ng_doc_entity_for_entry(doc, to, out);
}

/* Makes room for one more alternative label of e; the array lives in the
 * arena, so that growing it leaves the old one there. */
static ng_status
grow_alts(ng_doc *doc, ng_entity *e)
{
	char **v;
	size_t cap;

	if (e->n_alts < e->cap_alts)
		return NG_OK;
	cap = e->cap_alts ? 2 * e->cap_alts : 4;
	if (!(v = ng_arena_alloc(&doc->arena, cap * sizeof(*v))))
		return NG_ERR_NOMEM;
	if (e->n_alts)
		memcpy(v, e->alts, e->n_alts * sizeof(*v));
	e->alts = v;
	e->cap_alts = cap;
	return NG_OK;
}

ng_status
ng_doc_add_alt(ng_doc *doc, uint32_t ent, const char *s, size_t len)
{
	ng_entity *e = &doc->ents[ent];
	size_t i;
	char *alt;

	if (!ng_literal_is_clean(s, len)) {
		ng_buf_clear(&doc->lit);
		if (ng_clean_literal(s, len, &doc->lit))
			return NG_ERR_NOMEM;
		s = doc->lit.buf;
		len = doc->lit.len;
	}
	/* Most forms are seen before: compare them before copying. */
	if (strlen(e->label) == len && !memcmp(e->label, s, len))
		return NG_OK;
	for (i = 0; i < e->n_alts; i++)
		if (strlen(e->alts[i]) == len && !memcmp(e->alts[i], s, len))
			return NG_OK;
	if (grow_alts(doc, e) || !(alt = ng_arena_strndup(&doc->arena, s, len)))
		return NG_ERR_NOMEM;
	e->alts[e->n_alts++] = alt;
	return NG_OK;
}

static ng_status
new_entity(ng_doc *doc, ng_class cls, int32_t entry, const char *id, size_t idlen,
           const char *label, size_t llen, uint32_t *out)
{
	ng_entity *e;
	uint32_t v;
	uint64_t h = ng_hash_fast(id, idlen);

	if (ng_strmap_get_hashed(&doc->ent_ids, id, idlen, h, &v)) {
		*out = v;
		return NG_OK;
	}
	/* Room for the entities of a typical article at once, not by
	 * doubling from a few. */
	if (!doc->cap_ents &&
	    (NG_GROW(doc->ents, doc->cap_ents, NG_DOC_ENTS) ||
	     ng_strmap_reserve(&doc->ent_ids, NG_DOC_ENTS, NG_DOC_ENTS * 24)))
		return NG_ERR_NOMEM;
	if (NG_GROW(doc->ents, doc->cap_ents, doc->n_ents + 1))
		return NG_ERR_NOMEM;
	e = &doc->ents[doc->n_ents];
	memset(e, 0, sizeof(*e));
	e->cls = cls;
	e->entry = entry;
	if (!(e->id = ng_arena_strndup(&doc->arena, id, idlen)) ||
	    !(e->label = doc_literal(doc, label, llen)))
		return NG_ERR_NOMEM;
	*out = (uint32_t)doc->n_ents;
	doc->n_ents++;
	return ng_strmap_put_hashed(&doc->ent_ids, id, idlen, h, *out);
}

/* Is s already a slug (lower-case ASCII letters, digits, inner '-')? */
static bool
is_slug(const char *s)
{
	const char *p;

	if (!*s || *s == '-')
		return false;
	for (p = s; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return false;
	return p[-1] != '-';
}

ng_status
ng_doc_entity_for_entry(ng_doc *doc, int32_t idx, uint32_t *out)
{
	const ng_entry *e = &doc->gaz->entries[idx];
	ng_buf *id = &doc->scratch;
	const char *path;
	size_t pl, il;
	ng_status st;

	/* Most lookups are of entries the document has seen already. */
	if (ng_u64map_get(&doc->entry_ents, (uint64_t)idx + 1, out))
		return NG_OK;

	/* The ID is built in the document's scratch buffer: new_entity
	 * copies it. Most are the class path and a slug already, written at
	 * once: a document meets dozens of entries. */
	path = ng_class_path(e->cls);
	pl = strlen(path);
	il = strlen(e->id);
	ng_buf_clear(id);
	if (e->cls == NG_CLASS_COUNTRY || is_slug(e->id)) {
		if (NG_GROW(id->buf, id->cap, pl + il + 2))
			return NG_ERR_NOMEM;
		memcpy(id->buf, path, pl);
		id->buf[pl] = '/';
		memcpy(id->buf + pl + 1, e->id, il + 1);
		id->len = pl + 1 + il;
	} else if (ng_buf_add(id, path, pl) || ng_buf_addc(id, '/') || ng_slug(e->id, il, id)) {
		return NG_ERR_NOMEM;
	}
	st = new_entity(doc, e->cls, idx, id->buf, id->len, e->label, strlen(e->label), out);
	if (!st)
		st = ng_u64map_put(&doc->entry_ents, (uint64_t)idx + 1, *out);
	return st;
}

/* An entity no gazetteer entry holds: its IRI is CLASS/SLUG_HASH, HASH
 * from its label in canonical form, which is its label. Names that differ
 * in anything (accents, case, punctuation) are different entities, so that
 * outputs of any runs merge with one label per entity; and a gazetteer ID
 * (which never holds '_') is never the IRI of a minted entity, whatever
 * the gazetteer of another run holds. id holds CLASS/SLUG. */
static ng_status
mint(ng_doc *doc, ng_class cls, ng_buf *id, const char *label, size_t len, uint32_t *out)
{
	ng_buf canon = {0};
	ng_status st;

	if (!(st = ng_label_normalize(label, len, &canon)))
		st = ng_buf_printf(id, "_%08llx",
		                   (unsigned long long)(XXH3_64bits(canon.buf ? canon.buf : "", canon.len) &
		                                        0xffffffffULL));
	if (!st)
		st = new_entity(doc, cls, -1, id->buf, id->len, canon.buf ? canon.buf : "", canon.len,
		                out);
	ng_buf_free(&canon);
	return st;
}

ng_status
ng_doc_entity_for_name(ng_doc *doc, ng_class cls, const char *label, size_t len,
                       uint32_t *out)
{
	/* The ID is built in the document's scratch buffer and the reference
	 * in its buffer for literals: neither is in use here, and new_entity
	 * needs only the first (it cleans the label in the second). */
	ng_buf *id = &doc->scratch, *ref = &doc->lit;
	int32_t e;

	ng_buf_clear(id);
	if (ng_buf_adds(id, ng_class_path(cls)) || ng_buf_addc(id, '/') ||
	    ng_slug(label, len, id))
		return NG_ERR_NOMEM;
	/* A gazetteer entry with the same ID is the same entity. */
	e = -1;
	ng_buf_clear(ref);
	if (!ng_buf_adds(ref, ng_class_name(cls)) && !ng_buf_addc(ref, ':') &&
	    !ng_buf_adds(ref, id->buf + strlen(ng_class_path(cls)) + 1))
		e = ng_gazetteer_find(doc->gaz, ref->buf, ref->len);
	if (e >= 0 && !doc->gaz->entries[e].dead)
		return ng_doc_entity_for_entry(doc, e, out);
	return mint(doc, cls, id, label, len, out);
}

/* A key for a fact: what it states and, if sent is set, where. */
uint64_t
ng_fact_key(const ng_fact *f, bool with_sentence)
{
	uint64_t h = ng_hash64(f->prop, strlen(f->prop), ((uint64_t)f->s << 32) | f->o);

	if (f->literal)
		h = ng_hash64(f->literal, strlen(f->literal), h);
	if (with_sentence)
		h = ng_hash64(&f->sent, sizeof(f->sent), h);
	return h ? h : 1;
}

bool
ng_fact_same(const ng_fact *a, const ng_fact *b)
{
	return a->s == b->s && a->o == b->o && !strcmp(a->prop, b->prop) &&
	       ((!a->literal && !b->literal) ||
	        (a->literal && b->literal && !strcmp(a->literal, b->literal)));
}

ng_status
ng_doc_add_fact(ng_doc *doc, const ng_fact *f)
{
	uint64_t key = ng_fact_key(f, true);
	uint32_t prev;

	/* The same fact from the same sentence counts once: the first rule
	 * that found it keeps it. */
	if (ng_u64map_get(&doc->fact_keys, key, &prev) && ng_fact_same(&doc->facts[prev], f) &&
	    doc->facts[prev].sent == f->sent)
		return NG_OK;
	/* Room for the facts of a typical article at once, as for the
	 * entities. */
	if (NG_GROW(doc->facts, doc->cap_facts,
	            doc->n_facts < NG_DOC_FACTS ? NG_DOC_FACTS : doc->n_facts + 1))
		return NG_ERR_NOMEM;
	doc->facts[doc->n_facts] = *f;
	if (f->literal && !(doc->facts[doc->n_facts].literal =
	                        ng_arena_strndup(&doc->arena, f->literal, strlen(f->literal))))
		return NG_ERR_NOMEM;
	if (ng_u64map_put(&doc->fact_keys, key, (uint32_t)doc->n_facts))
		return NG_ERR_NOMEM;
	doc->n_facts++;
	return NG_OK;
}

void
ng_doc_free(ng_doc *doc)
{
	if (!doc)
		return;
	/* Entity strings, fact literals, sentence texts and the metadata
	 * are in the arena. */
	free(doc->ents);
	free(doc->facts);
	free(doc->mentions);
	free(doc->sents);
	free(doc->toks);
	ng_strmap_free(&doc->ent_ids);
	ng_u64map_free(&doc->entry_ents);
	ng_u64map_free(&doc->fact_keys);
	free(doc->men_start);
	free(doc->taken);
	free(doc->sort_tmp);
	ng_buf_free(&doc->scratch);
	ng_buf_free(&doc->lit);
	ng_text_clear(&doc->text);
	ng_arena_free(&doc->arena);
	free(doc);
}

/* ------------------------------------------------------------ mentions */

/* Sorts the document's mentions by first token, stably. A natural merge
 * sort: the mentions added after a sort form one more ascending run, so
 * a resort is a single merge. */
ng_status
ng_doc_sort_mentions(ng_doc *doc)
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

ng_status
ng_doc_add_mention(ng_doc *doc, uint32_t tb, uint32_t te, uint32_t ent, uint32_t si,
                   uint16_t flags)
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
	m->rule = NG_MRULE_NONE;
	doc->ents[ent].used = true;
	return NG_OK;
}

const char *
ng_mention_rule_id(ng_mention_rule r)
{
	static const char *const ids[NG_MRULE_COUNT] = {
		NULL, "name-after-title", "name-before-apposition", "given-name-and-cue",
		"organization-head-word"
	};

	return (unsigned)r < NG_MRULE_COUNT ? ids[r] : NULL;
}

/* Marks the tokens of every mention as taken. */
void
ng_doc_mark_mentions(const ng_doc *doc, uint8_t *taken)
{
	size_t k;

	for (k = 0; k < doc->n_mentions; k++)
		memset(taken + doc->mentions[k].tb, 1, doc->mentions[k].te - doc->mentions[k].tb);
}

/* Rebuilds the token -> mention index after mentions changed. */
ng_status
ng_doc_index_mentions(ng_doc *doc)
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

size_t
ng_doc_sentence_count(const ng_doc *doc)
{
	return doc->n_sents;
}

size_t
ng_doc_entity_count(const ng_doc *doc)
{
	size_t i, n = 0;

	for (i = 0; i < doc->n_ents; i++)
		n += doc->ents[i].used;
	return n;
}

size_t
ng_doc_mention_count(const ng_doc *doc)
{
	return doc->n_mentions;
}

const char *
ng_doc_date(const ng_doc *doc)
{
	return doc->date_num ? doc->date : NULL;
}

size_t
ng_doc_fact_count(const ng_doc *doc)
{
	return doc->n_facts;
}

/* The texts of the sentences that hold facts, as in the original
 * article and made safe for literals, and the index of code points. */
ng_status
ng_doc_finish(ng_doc *doc)
{
	size_t i;

	if (ng_text_index_chars(&doc->text))
		return NG_ERR_NOMEM;
	/* An entity is used when a mention still names it: coreference may
	 * have given all of an entity's mentions to another. */
	for (i = 0; i < doc->n_ents; i++)
		doc->ents[i].used = false;
	for (i = 0; i < doc->n_mentions; i++)
		doc->ents[doc->mentions[i].ent].used = true;
	if (!doc->n_facts)
		return NG_OK;
	if (!(doc->sent_text = ng_arena_alloc(&doc->arena, doc->n_sents * sizeof(char *))))
		return NG_ERR_NOMEM;
	memset(doc->sent_text, 0, doc->n_sents * sizeof(char *));
	for (i = 0; i < doc->n_facts; i++) {
		uint32_t si = doc->facts[i].sent;
		size_t b, e;
		if (doc->sent_text[si])
			continue;
		b = ng_text_orig(&doc->text, doc->sents[si].b);
		e = ng_text_orig(&doc->text, doc->sents[si].e);
		if (!(doc->sent_text[si] = doc_literal(doc, doc->text.orig + b, e - b)))
			return NG_ERR_NOMEM;
	}
	return NG_OK;
}

const char *
ng_doc_sentence_text(const ng_doc *doc, uint32_t si)
{
	return doc->sent_text && si < doc->n_sents ? doc->sent_text[si] : NULL;
}

ng_status
ng_doc_fact(const ng_doc *doc, size_t i, ng_fact_info *out)
{
	const ng_fact *f;
	const ng_sentence *s;

	if (i >= doc->n_facts)
		return NG_ERR_BAD_ARG;
	f = &doc->facts[i];
	s = &doc->sents[f->sent];
	out->subject = doc->ents[f->s].label;
	out->subject_iri = doc->ents[f->s].id;
	out->property = f->prop;
	out->object = f->literal ? f->literal : doc->ents[f->o].label;
	out->object_iri = f->literal ? NULL : doc->ents[f->o].id;
	out->modality = f->mod;
	out->rule = f->rule;
	out->confidence = f->confidence;
	out->sentence_begin = ng_text_char_offset(&doc->text, ng_text_orig(&doc->text, s->b));
	out->sentence_end = ng_text_char_offset(&doc->text, ng_text_orig(&doc->text, s->e));
	out->sentence = ng_doc_sentence_text(doc, f->sent);
	out->matched = f->matched;
	out->date = f->date;
	out->date_text = f->date_text;
	return out->sentence ? NG_OK : NG_ERR_NOMEM;
}
