/* SPDX-License-Identifier: Apache-2.0 */
/* One article through the pipeline: text, segments, boilerplate, metadata,
 * entities, relations. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

/* Bytes of the arena in the document's own allocation: what the entities
 * of a typical article take. */
#define NG_DOC_ARENA 2048
/* Entities of a typical article (about 30 in the samples). */
#define NG_DOC_ENTS 32
/* Facts of a typical article (about 23 in the samples). */
#define NG_DOC_FACTS 32

static void
doc_error(const ng_doc *doc, ng_status st, long long byte, const char *why)
{
	ng_error e;

	if (!doc->kb->err_func)
		return;
	e.status = st;
	e.warning = 0;
	e.file = doc->source ? doc->source : "-";
	e.line = 0;
	e.column = 0;
	e.byte = byte;
	e.message = why;
	doc->kb->err_func(doc->kb->err_handle, &e);
}

static char *
dup_or_null(ng_doc *doc, const char *s)
{
	return s ? ng_arena_strndup(&doc->arena, s, strlen(s)) : NULL;
}

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

/* ------------------------------------------------------------ metadata */

static const char *const months[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                     "jul", "aug", "sep", "oct", "nov", "dec"};

static int
month_num(const char *s, size_t n)
{
	int i;

	if (n < 3)
		return 0;
	for (i = 0; i < 12; i++)
		if ((s[0] | 32) == months[i][0] && (s[1] | 32) == months[i][1] &&
		    (s[2] | 32) == months[i][2])
			return i + 1;
	return 0;
}

static bool
valid_date(int y, int m, int d)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return false;
	return true;
}

const char ng_date_pattern[] =
	"\\b(?:(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?\\s+(\\d{1,2}),?\\s+(\\d{4})"
	"|(\\d{1,2})\\s+(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\.?,?\\s+(\\d{4})"
	"|(\\d{4})-(\\d{2})-(\\d{2}))\\b";

ng_status
ng_meta_extract(ng_doc *doc)
{
	const char *s = doc->text.norm;
	size_t i;
	pcre2_match_data *md;
	const pcre2_code *date_re = doc->kb->date_re;
	size_t start;

	if (!doc->title) {
		for (i = 0; i < doc->n_sents; i++) {
			const ng_sentence *st = &doc->sents[i];
			size_t b, e;
			ng_buf *t = &doc->lit;
			if (st->flags & NG_SENT_BOILER)
				continue;
			/* The whole line of the first prose sentence. */
			b = st->b;
			e = st->e;
			while (b > 0 && s[b - 1] != '\n')
				b--;
			while (e < doc->text.norm_len && s[e] != '\n')
				e++;
			b = ng_text_orig(&doc->text, b);
			e = ng_text_orig(&doc->text, e);
			ng_buf_clear(t);
			if (ng_clean_literal(doc->text.orig + b, e - b, t))
				return NG_ERR_NOMEM;
			while (t->len && t->buf[t->len - 1] == ' ')
				t->buf[--t->len] = '\0';
			/* A title is a line, not a page: cut a long one at a
			 * character boundary. */
			if (t->len > NG_MAX_TITLE) {
				t->len = NG_MAX_TITLE;
				while (t->len && ((unsigned char)t->buf[t->len] & 0xC0) == 0x80)
					t->len--;
				t->buf[t->len] = '\0';
			}
			if (!(doc->title = ng_arena_strndup(&doc->arena, t->buf, t->len)))
				return NG_ERR_NOMEM;
			break;
		}
	}
	if (doc->date) {
		int y, m, d;
		if (strlen(doc->date) >= 10 && sscanf(doc->date, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
		    valid_date(y, m, d))
			doc->date_num = y * 10000 + m * 100 + d;
		else
			doc->date = NULL;
		return NG_OK;
	}
	if (!date_re)
		return NG_OK;
	if (!(md = pcre2_match_data_create_from_pattern(date_re, NULL)))
		return NG_ERR_NOMEM;
	/* The expression runs only around four-digit numbers that could be
	 * years, not over the whole text. */
	for (start = 0; start + 4 <= doc->text.norm_len; start++) {
		const char *y;
		size_t wb, we;
		PCRE2_SIZE at;
		/* Eight bytes at a time to the next '1' or '2'. */
		while (start + 8 <= doc->text.norm_len) {
			const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
			uint64_t w, a, b;
			memcpy(&w, s + start, 8);
			a = w ^ ('1' * ones);
			b = w ^ ('2' * ones);
			if (((a - ones) & ~a & highs) || ((b - ones) & ~b & highs))
				break;
			start += 8;
		}
		if (start + 4 > doc->text.norm_len)
			break;
		y = s + start;
		if (!(y[0] == '1' || y[0] == '2') || !(y[1] >= '0' && y[1] <= '9') ||
		    !(y[2] >= '0' && y[2] <= '9') || !(y[3] >= '0' && y[3] <= '9') ||
		    (start && s[start - 1] >= '0' && s[start - 1] <= '9') ||
		    (start + 4 < doc->text.norm_len && s[start + 4] >= '0' && s[start + 4] <= '9'))
			continue;
		wb = start > 24 ? start - 24 : 0;
		we = start + 10 < doc->text.norm_len ? start + 10 : doc->text.norm_len;
		/* Do not start inside a UTF-8 sequence. */
		while (wb > 0 && ((unsigned char)s[wb] & 0xC0) == 0x80)
			wb--;
		for (at = wb; at < we &&
		              ng_regex_match(date_re, s, we, at, md) > 0;) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
			int yy, m, dd;
			if (ov[2] != PCRE2_UNSET) {
				m = month_num(s + ov[2], ov[3] - ov[2]);
				dd = atoi(s + ov[4]);
				yy = atoi(s + ov[6]);
			} else if (ov[8] != PCRE2_UNSET) {
				dd = atoi(s + ov[8]);
				m = month_num(s + ov[10], ov[11] - ov[10]);
				yy = atoi(s + ov[12]);
			} else {
				yy = atoi(s + ov[14]);
				m = atoi(s + ov[16]);
				dd = atoi(s + ov[18]);
			}
			if (valid_date(yy, m, dd)) {
				char buf[16];
				snprintf(buf, sizeof(buf), "%04d-%02d-%02d", yy, m, dd);
				doc->date = dup_or_null(doc, buf);
				doc->date_num = yy * 10000 + m * 100 + dd;
				pcre2_match_data_free(md);
				return doc->date ? NG_OK : NG_ERR_NOMEM;
			}
			at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		}
		start += 3;
	}
	pcre2_match_data_free(md);
	return NG_OK;
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
	g = &doc->kb->entries[e->entry];
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
	const ng_entry *e = &doc->kb->entries[idx];
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
		e = ng_kb_find_entry(doc->kb, ref->buf, ref->len);
	if (e >= 0 && !doc->kb->entries[e].dead)
		return ng_doc_entity_for_entry(doc, e, out);
	return new_entity(doc, cls, -1, id->buf, id->len, label, len, out);
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

/* ------------------------------------------------------------- analyse */

ng_status
ng_doc_analyze(const ng_knowledge *kb, const char *text, size_t len,
               const ng_doc_meta *meta, ng_doc **out, long long *err_byte)
{
	return ng_doc_analyze_stage(kb, text, len, meta, NG_STAGE_ALL, out, err_byte);
}

ng_status
ng_doc_analyze_stage(const ng_knowledge *kb, const char *text, size_t len,
                     const ng_doc_meta *meta, ng_stage stage, ng_doc **out,
                     long long *err_byte)
{
	ng_doc *doc;
	size_t bad = 0;
	const char *why = NULL;
	ng_status st;

	*out = NULL;
	if (err_byte)
		*err_byte = -1;
	if (!kb || !kb->prepared)
		return NG_ERR_BAD_ARG;
	/* One allocation holds the document, its copy of the input and the
	 * start of its arena. */
	if (len > SIZE_MAX - sizeof(*doc) - NG_DOC_ARENA - 1 ||
	    !(doc = malloc(sizeof(*doc) + len + 1 + NG_DOC_ARENA)))
		return NG_ERR_NOMEM;
	memset(doc, 0, sizeof(*doc));
	doc->kb = kb;
	doc->bytes = (char *)(doc + 1);
	ng_arena_init(&doc->arena, doc->bytes + len + 1, NG_DOC_ARENA);
	if (meta) {
		doc->source = dup_or_null(doc, meta->source);
		doc->id_meta = dup_or_null(doc, meta->id);
		doc->url = dup_or_null(doc, meta->url);
		doc->title = dup_or_null(doc, meta->title);
		doc->date = dup_or_null(doc, meta->date);
		if ((meta->source && !doc->source) || (meta->id && !doc->id_meta) ||
		    (meta->url && !doc->url) || (meta->title && !doc->title) ||
		    (meta->date && !doc->date)) {
			st = NG_ERR_NOMEM;
			goto done;
		}
	}
	memcpy(doc->bytes, text, len);
	doc->bytes[len] = '\0';
	if ((st = ng_text_init(&doc->text, doc->bytes, len, &bad, &why))) {
		if (err_byte)
			*err_byte = (long long)bad;
		doc_error(doc, st, (long long)bad, why);
		goto done;
	}
	/* The article's IRI: XXH3-64 of its bytes, fast over long texts. */
	doc->hash = XXH3_64bits(doc->text.orig, doc->text.orig_len);
	snprintf(doc->article_id, sizeof(doc->article_id), "article/%016llx",
	         (unsigned long long)doc->hash);
	TRY(st, ng_segment(doc));
	if (stage == NG_STAGE_GAZETTEER) {
		TRY(st, ng_ner_gazetteer(doc));
		goto done;
	}
	TRY(st, ng_boiler_mark(doc));
	TRY(st, ng_meta_extract(doc));
	TRY(st, ng_ner(doc));
	if (stage == NG_STAGE_ALL)
		TRY(st, ng_relations(doc));
done:
	if (st) {
		ng_doc_free(doc);
		return st;
	}
	*out = doc;
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
	free(doc->sort_tmp);
	ng_buf_free(&doc->scratch);
	ng_buf_free(&doc->lit);
	ng_text_clear(&doc->text);
	ng_arena_free(&doc->arena);
	free(doc);
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

size_t
ng_doc_fact_count(const ng_doc *doc)
{
	return doc->n_facts;
}

/* The sentence's text as in the original article, made safe for literals. */
const char *
ng_doc_sentence_text(ng_doc *doc, uint32_t si)
{
	const ng_sentence *s = &doc->sents[si];
	size_t b, e;

	if (!doc->sent_text) {
		if (!(doc->sent_text = ng_arena_alloc(&doc->arena, doc->n_sents * sizeof(char *))))
			return NULL;
		memset(doc->sent_text, 0, doc->n_sents * sizeof(char *));
	}
	if (doc->sent_text[si])
		return doc->sent_text[si];
	b = ng_text_orig(&doc->text, s->b);
	e = ng_text_orig(&doc->text, s->e);
	return doc->sent_text[si] = doc_literal(doc, doc->text.orig + b, e - b);
}

ng_status
ng_doc_fact(const ng_doc *cdoc, size_t i, ng_fact_info *out)
{
	ng_doc *doc = (ng_doc *)cdoc; /* caches sentence texts */
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
	return out->sentence ? NG_OK : NG_ERR_NOMEM;
}
