/* SPDX-License-Identifier: Apache-2.0 */
/* Relation extraction: each sentence is rewritten with typed placeholders
 * for its mentions ("PER_3 met with PER_5 in PLC_7 ."), and the patterns of
 * patterns.tsv run over that text. Named groups s and o give subject and
 * object; every placeholder inside a group counts, so lists work. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "relation.h"

/* The index in tags of the mention's placeholder. */
static unsigned
tag_of(const ng_doc *doc, const ng_mention *m)
{
	if (m->flags & NG_MEN_ADJ)
		return 4;
	switch (doc->ents[m->ent].cls) {
	case NG_CLASS_PERSON: return 0;
	case NG_CLASS_ORGANIZATION: return 1;
	case NG_CLASS_COUNTRY: return 2;
	case NG_CLASS_PLACE: return 3;
	default: return 5;
	}
}

/* Makes room for n more bytes and the NUL in out. */
static inline ng_status
reserve(ng_buf *out, size_t n)
{
	if (out->len + n + 1 > out->cap && NG_GROW(out->buf, out->cap, out->len + n + 1))
		return NG_ERR_NOMEM;
	return NG_OK;
}

/* Writes a placeholder at d: the tag and the mention index, "PER_12";
 * returns its length, at most PLACEHOLDER_MAX. */
#define PLACEHOLDER_MAX 24
static size_t
put_placeholder(char *d, const char *tag, size_t k)
{
	char digits[20];
	size_t n = 0, len = 4;

	do {
		digits[n++] = (char)('0' + k % 10);
		k /= 10;
	} while (k);
	memcpy(d, tag, 3);
	d[3] = '_';
	while (n)
		d[len++] = digits[--n];
	return len;
}

/* The length of the tagged text d (len bytes) without its last " of" when
 * it ends with "TTL PER_n of", else 0: "Prime Minister A of X" names A's
 * country or organization, which the title rule reads; the patterns see
 * "TTL PER_n" and take A, not X, as the subject of what follows. */
static size_t
titled_person_of(const char *d, size_t len)
{
	size_t end, q;

	if (len < 12 || memcmp(d + len - 3, " of", 3))
		return 0;
	end = q = len - 3;
	while (q > 0 && d[q - 1] >= '0' && d[q - 1] <= '9')
		q--;
	if (q == end || q < 8 || memcmp(d + q - 4, "PER_", 4) || memcmp(d + q - 8, "TTL ", 4) ||
	    (q > 8 && d[q - 9] != ' '))
		return 0;
	return end;
}

/* Eight bytes as a number whose low byte is the first in memory. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define LE64(x) __builtin_bswap64(x)
#else
#define LE64(x) (x)
#endif

/* Writes the word w[0, n) lower-cased at d, eight bytes at a time, if it
 * is ASCII without spaces; false if not (add_folded's case). Up to 7
 * bytes past n are read from w (the normalized text is padded) and
 * written to d. */
static inline bool
put_ascii_lower(char *d, const char *w, size_t n)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	size_t i;

	for (i = 0; i < n; i += 8) {
		uint64_t x, keep = high, sp, up;
		memcpy(&x, w + i, 8);
		x = LE64(x);
		/* The bytes of the word only, the low ones. */
		if (n - i < 8)
			keep = high >> (8 * (8 - (n - i)));
		if (x & keep)
			return false;
		/* A space is a zero byte of sp; a borrow only runs upwards, so
		 * a flag within keep means a zero within keep, whatever the
		 * bytes past the word. */
		sp = x ^ (ones * ' ');
		if ((sp - ones) & ~sp & keep)
			return false;
		/* Capitals: at least 'A' and not past 'Z'; ASCII bytes do not
		 * carry into each other. */
		up = (x + ones * (0x80 - 'A')) & ~(x + ones * (0x80 - 'Z' - 1)) & keep;
		x = LE64(x | up >> 2);
		memcpy(d + i, &x, 8);
	}
	return true;
}

/* Appends a token case-folded; ASCII words are lower-cased in one pass.
 * Clears *plain if the word written is empty or holds a space, and
 * *capitals if it holds a capital (which folding should never leave). */
static ng_status
add_folded(ng_buf *out, const char *w, size_t n, bool *plain, bool *capitals)
{
	size_t i, start = out->len;
	char *d;

	if (!n) {
		*plain = false;
		return NG_OK;
	}
	if (reserve(out, n))
		return NG_ERR_NOMEM;
	d = out->buf + start;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];
		if (c >= 0x80) {
			/* Not ASCII: the whole word goes through the folding. */
			out->buf[start] = '\0';
			if (ng_fold(w, n, false, out))
				return NG_ERR_NOMEM;
			if (out->len == start || memchr(out->buf + start, ' ', out->len - start))
				*plain = false;
			for (i = start; i < out->len; i++)
				if (out->buf[i] >= 'A' && out->buf[i] <= 'Z')
					*capitals = true;
			return NG_OK;
		}
		if (c == ' ')
			*plain = false;
		d[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
	}
	out->len += n;
	out->buf[out->len] = '\0';
	return NG_OK;
}

/* Could the sentence hold two mentions? Counts those that start in it,
 * from the cursor mk on, up to two: tagging never finds more. */
static bool
two_mentions(const ng_doc *doc, const ng_sentence *s, size_t mk)
{
	size_t k = mk, n = 0;

	while (k < doc->n_mentions && doc->mentions[k].tb < s->tb)
		k++;
	for (; k < doc->n_mentions && doc->mentions[k].tb < s->te && n < 2; k++)
		n++;
	return n >= 2;
}

/* The prefilter state of a tagged sentence: a bit per word
 * (ng_trigger_bit) and, when the knowledge has the table, the patterns with
 * a trigger on one of those bits. */
typedef struct {
	uint64_t bits[16];
	uint64_t *cands;
	size_t words;   /* 64-bit words of cands, 0 without the table */
} prefilter;

static void
prefilter_clear(prefilter *pf)
{
	memset(pf->bits, 0, sizeof(pf->bits));
	if (pf->words)
		memset(pf->cands, 0, pf->words * sizeof(*pf->cands));
}

/* ng_trigger_bit, without its loop for the common word of three bytes or
 * more: it runs on every word of every tagged sentence. */
static inline uint16_t
word_bit(const char *w, size_t n)
{
	const unsigned char *u = (const unsigned char *)w;

	if (n >= 3)
		return (uint16_t)(((u[0] * 131u + u[1]) * 131u + u[2]) & 1023);
	return ng_trigger_bit(w, n);
}

static inline void
prefilter_word(const ng_knowledge *kb, prefilter *pf, const char *w, size_t n)
{
	uint16_t b = word_bit(w, n);
	size_t k;

	if ((pf->bits[b >> 6] >> (b & 63)) & 1)
		return;
	pf->bits[b >> 6] |= (uint64_t)1 << (b & 63);
	for (k = 0; k < pf->words; k++)
		pf->cands[k] |= kb->pat.trigger_rows[(size_t)b * pf->words + k];
}

/* Sets the prefilter from the words of the tagged text, split at spaces. */
static void
prefilter_text(const ng_knowledge *kb, prefilter *pf, const char *text, size_t len)
{
	size_t i = 0;

	prefilter_clear(pf);
	while (i < len) {
		const char *sp = memchr(text + i, ' ', len - i);
		size_t j = sp ? (size_t)(sp - text) : len;
		prefilter_word(kb, pf, text + i, j - i);
		i = j + 1;
	}
}

/* Is token i a time word, a word that leads one ("on Friday"), or an
 * adverb the patterns skip ("met separately with")? */
static bool
is_time_skip(const ng_lexicon *lex, const ng_token *toks, uint32_t i, uint32_t te)
{
	if (!(toks[i].flags & NG_TOK_WORD))
		return false;
	if (ng_lexicon_in(&lex->timeword, toks[i].key) || ng_lexicon_in(&lex->skipword, toks[i].key))
		return true;
	return i + 1 < te && (toks[i + 1].flags & NG_TOK_WORD) &&
	       ng_lexicon_in(&lex->timelead, toks[i].key) && ng_lexicon_in(&lex->timeword, toks[i + 1].key);
}

/* Writes the tagged form of sentence si into out and sets the prefilter
 * from its words as they are written; returns the number of mentions
 * it holds, and in *types and *twice the type bits of its placeholders and
 * of those it holds more than once. A word that is empty or holds a space
 * (what folding might make of an odd token) leaves the split to
 * prefilter_text, which sees the words exactly as the patterns do. */
static ng_status
tag_sentence(ng_doc *doc, uint32_t si, size_t *mk, ng_buf *out, size_t *n_ents, prefilter *pf,
             unsigned *types, unsigned *twice)
{
	const ng_knowledge *kb = doc->kb;
	const ng_sentence *s = &doc->sents[si];
	const ng_token *toks = doc->toks;
	const char *norm = doc->text.norm;
	uint32_t i, next;
	size_t k = *mk, len = 0;
	bool plain = true, capitals = false;
	char *d;

	/* Room for the sentence at once: each token as written or a
	 * placeholder, a space, and the slack of put_ascii_lower. Each token
	 * still checks for its own room (folding can grow a word). */
	ng_buf_clear(out);
	prefilter_clear(pf);
	*n_ents = 0;
	*types = *twice = 0;
	if (s->te <= s->tb)
		return NG_OK;
	if (reserve(out, s->e - s->b + (size_t)(s->te - s->tb) * (PLACEHOLDER_MAX + 1) + 8))
		return NG_ERR_NOMEM;
	d = out->buf;
	next = k < doc->n_mentions ? doc->mentions[k].tb : UINT32_MAX;
	for (i = s->tb; i < s->te; i++) {
		const ng_token *t = &toks[i];
		size_t w, room = t->e - t->b > PLACEHOLDER_MAX ? t->e - t->b : PLACEHOLDER_MAX;
		/* A space, the token, the slack and the NUL. */
		if (len + room + 10 > out->cap) {
			out->len = len;
			if (reserve(out, room + 9))
				return NG_ERR_NOMEM;
			d = out->buf;
		}
		if (next < i) {
			while (k < doc->n_mentions && doc->mentions[k].tb < i)
				k++;
			next = k < doc->n_mentions ? doc->mentions[k].tb : UINT32_MAX;
		}
		/* Time words are not there for the patterns: "met Monday
		 * with", "spoke today with", "met on Friday with". */
		if (next != i && is_time_skip(&kb->lex, toks, i, s->te))
			continue;
		if (len)
			d[len++] = ' ';
		w = len;
		if (next == i) {
			/* A mention; falls through to the title check below if none. */
			const ng_mention *m = &doc->mentions[k];
			unsigned tag = tag_of(doc, m);
			size_t cut;
			if (tag >= 1 && tag <= 3 && len && (cut = titled_person_of(d, len - 1))) {
				len = cut;
				i = m->te - 1;
				continue;
			}
			len += put_placeholder(d + len, ng_pattern_tags[tag], k);
			*twice |= *types & (1u << tag);
			*types |= 1u << tag;
			(*n_ents)++;
			i = m->te - 1;
		} else {
			const ng_phrase *p = NULL;
			/* The token's flag says ng_title_head, without the lookup. */
			uint32_t te = t->flags & NG_TOK_TITLE ? ng_title_at(doc, i, s->te, &p) : 0;
			size_t n = t->e - t->b;
			if (te) {
				memcpy(d + len, "TTL", 3);
				len += 3;
				i = te - 1;
			} else if (n && put_ascii_lower(d + len, norm + t->b, n)) {
				len += n;
			} else {
				out->len = len;
				if (add_folded(out, norm + t->b, n, &plain, &capitals))
					return NG_ERR_NOMEM;
				d = out->buf;
				len = out->len;
			}
		}
		if (plain)
			prefilter_word(kb, pf, d + w, len - w);
	}
	d[len] = '\0';
	out->len = len;
	if (!plain)
		prefilter_text(kb, pf, out->buf, out->len);
	if (capitals)
		/* Text that may pass for a placeholder: the needs cannot tell. */
		*types = *twice = ~0u;
	*mk = k;
	return NG_OK;
}

/* Mention indices named in text[b, e). */
static size_t
group_mentions(const char *text, size_t b, size_t e, uint32_t *out, size_t max)
{
	size_t n = 0, i = b;

	while (i + 4 < e && n < max) {
		if (text[i] >= 'A' && text[i] <= 'Z' && text[i + 1] >= 'A' && text[i + 1] <= 'Z' &&
		    text[i + 2] >= 'A' && text[i + 2] <= 'Z' && text[i + 3] == '_' &&
		    (i == b || text[i - 1] == ' ')) {
			uint32_t v = 0;
			i += 4;
			while (i < e && text[i] >= '0' && text[i] <= '9')
				v = v * 10 + (uint32_t)(text[i++] - '0');
			out[n++] = v;
			continue;
		}
		i++;
	}
	return n;
}

static bool
agent_property(const char *p)
{
	return strcmp(p, "locatedIn") != 0;
}

static ng_modality
cue_modality(const ng_knowledge *kb, const ng_pattern *p, const char *text, size_t len,
             bool after, pcre2_match_data *md)
{
	size_t k;
	int want;

	if (p->modality > NG_MOD_ASSERTED)
		return (ng_modality)p->modality;
	/* Check cues in order of precedence: negation outranks everything. */
	for (want = NG_MOD_NEGATED; want <= NG_MOD_REPORTED; want++) {
		if (p->modality == NG_MOD_ASSERTED && want != NG_MOD_NEGATED)
			break;
		for (k = 0; k < kb->lex.n_cues; k++) {
			if ((int)kb->lex.cues[k].modality != want || kb->lex.cues[k].after != after ||
			    !ng_litfilter_may_match(&kb->lex.cues[k].filter, text, len))
				continue;
			if (ng_regex_match(kb->lex.cues[k].re, text, len, 0, md) >= 0)
				return (ng_modality)want;
		}
	}
	return NG_MOD_ASSERTED;
}

/* Whether the word before a match that starts at start in the tagged text
 * t, past titles, demonyms and "the", is a verb of the lexicon's
 * controlverb list: the match's subject is then that verb's object ("Y
 * invited TTL PER_1 to visit CTY_2"), and the fact something wanted, not
 * an event. */
static bool
object_of_control(const ng_lexicon *lex, const char *t, size_t start)
{
	size_t e = start, b;
	uint32_t key;

	while (e > 1 && t[e - 1] == ' ') {
		e--;
		for (b = e; b > 0 && t[b - 1] != ' '; b--)
			;
		if ((e - b == 3 && (!memcmp(t + b, "TTL", 3) || !memcmp(t + b, "the", 3))) ||
		    (e - b > 4 && !memcmp(t + b, "DEM_", 4))) {
			e = b;
			continue;
		}
		key = ng_dict_key(lex->dict, t + b, e - b);
		return key && ng_lexicon_in(&lex->controlverb, key);
	}
	return false;
}

/* Is the mention the possessor of a following noun ("NATO's mission"),
 * so that the sentence speaks of the noun, not of the entity? A pattern
 * that matches the 's itself (group end at gend) accepts it. */
static bool
possessed(const ng_doc *doc, const ng_mention *m, const char *text, size_t gend,
          size_t mend)
{
	if ((gend + 3 <= mend && !memcmp(text + gend, " 's", 3)) ||
	    (gend >= 3 && !memcmp(text + gend - 3, " 's", 3)))
		return false;
	return m->te < doc->n_toks && (doc->toks[m->te].flags & NG_TOK_POSS) &&
	       m->te + 1 < doc->sents[m->sent].te &&
	       (doc->toks[m->te + 1].flags & NG_TOK_WORD);
}

/* Objects that act: a capital that receives aid stands for its country. */
static bool
agent_object(const char *p)
{
	return !strcmp(p, "supports") || !strcmp(p, "providedAidTo") || !strcmp(p, "metWith");
}

/* A place the gazetteer puts in one country is not located in another. */
static bool
contradicts_gazetteer(const ng_doc *doc, const char *prop, uint32_t s, uint32_t o)
{
	const ng_entity *es = &doc->ents[s], *eo = &doc->ents[o];
	int32_t c;

	if (strcmp(prop, "locatedIn") || es->entry < 0 || eo->entry < 0 || eo->cls != NG_CLASS_COUNTRY)
		return false;
	c = doc->kb->gaz.entries[es->entry].country;
	return c >= 0 && c != eo->entry;
}

/* Could the sentence hold one of the pattern's triggers? A quick test on
 * first letters, then the real one. */
static bool
has_trigger(const ng_pattern *p, const char *text, const uint64_t bits[16])
{
	size_t k;

	if (!p->n_triggers)
		return true;
	for (k = 0; k < p->n_triggers; k++) {
		uint16_t b = p->trigger_bits[k];
		if ((bits[b >> 6] >> (b & 63)) & 1 && strstr(text, p->triggers[k]))
			return true;
	}
	return false;
}

/* Does the sentence hold the placeholders the pattern needs? types: the
 * type bits of its placeholders; twice: of those it holds twice or more. */
static inline bool
has_needs(const ng_pattern *p, unsigned types, unsigned twice)
{
	unsigned both = p->pair & types;
	uint8_t k;

	for (k = 0; k < p->n_need; k++)
		if (!(p->need[k] & types))
			return false;
	/* Two of the types, or one twice. */
	return !p->pair || (p->pair & twice) || (both & (both - 1));
}

/* Does the sentence hold a word of each set the pattern needs? */
static inline bool
has_words(const ng_pattern *p, const uint64_t bits[16])
{
	const uint16_t *w = p->words;
	size_t k, j;

	for (k = 0; k < sizeof(p->n_words) && p->n_words[k]; w += p->n_words[k], k++) {
		for (j = 0; j < p->n_words[k]; j++)
			if ((bits[w[j] >> 6] >> (w[j] & 63)) & 1)
				break;
		if (j == p->n_words[k])
			return false;
	}
	return true;
}

/* The next pattern from p on that may run on the sentence: every pattern
 * when there is no table, else those in cands (the table's patterns with
 * a trigger bit in the sentence) or in always (those without triggers). */
static size_t
next_pattern(const ng_knowledge *kb, const prefilter *pf, const uint64_t *always, size_t p)
{
	if (!pf->words)
		return p;
	while (p < kb->pat.n) {
		size_t w = p / 64;
		uint64_t m = (pf->cands[w] | always[w]) & (~(uint64_t)0 << (p % 64));
		if (m)
			return w * 64 + (size_t)__builtin_ctzll(m);
		p = (w + 1) * 64;
	}
	return kb->pat.n;
}

ng_status
ng_relations(ng_doc *doc)
{
	const ng_knowledge *kb = doc->kb;
	pcre2_match_data *md = NULL, *cmd = NULL;
	ng_buf text = {0};
	prefilter pf = {{0}, NULL, 0};
	uint64_t *always = NULL;
	size_t mk = 0;
	uint32_t si;
	ng_status st = NG_OK;

	if (!kb->pat.n || !doc->n_mentions)
		return NG_OK;
	if (!(md = pcre2_match_data_create(32, NULL)) || !(cmd = pcre2_match_data_create(4, NULL))) {
		st = NG_ERR_NOMEM;
		goto done;
	}
	/* The table of patterns by trigger bit, if it is current. */
	if (kb->pat.trigger_rows && kb->pat.trigger_patterns == kb->pat.n) {
		size_t p;
		pf.words = kb->pat.trigger_words;
		if (!(pf.cands = malloc(pf.words * sizeof(*pf.cands))) ||
		    !(always = calloc(pf.words, sizeof(*always)))) {
			st = NG_ERR_NOMEM;
			goto done;
		}
		for (p = 0; p < kb->pat.n; p++)
			if (!kb->pat.items[p].n_triggers)
				always[p / 64] |= (uint64_t)1 << (p % 64);
	}
	for (si = 0; si < doc->n_sents; si++) {
		const ng_sentence *s = &doc->sents[si];
		size_t n_ents, p;
		unsigned types, twice;
		if ((s->flags & NG_SENT_BOILER) || s->te - s->tb > NG_MAX_SENTENCE_TOKENS ||
		    !two_mentions(doc, s, mk))
			continue;
		TRY(st, tag_sentence(doc, si, &mk, &text, &n_ents, &pf, &types, &twice));
		if (n_ents < 2)
			continue;
		for (p = next_pattern(kb, &pf, always, 0); p < kb->pat.n;
		     p = next_pattern(kb, &pf, always, p + 1)) {
			const ng_pattern *pt = &kb->pat.items[p];
			int sg = pt->sg, og = pt->og;
			PCRE2_SIZE start = 0;
			int rc;
			/* Placeholders it needs or triggers not in the sentence: skip. */
			if (sg <= 0 || og <= 0 || !has_needs(pt, types, twice) || !has_words(pt, pf.bits) ||
			    !has_trigger(pt, text.buf, pf.bits))
				continue;
			while (start <= text.len &&
			       (rc = ng_regex_match(pt->re, text.buf, text.len, start, md)) > 0) {
				PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
				uint32_t subj[16], obj[16];
				size_t ns, no, a, b;
				int mod = -1;
				if (ov[2 * sg] == PCRE2_UNSET || ov[2 * og] == PCRE2_UNSET)
					goto advance;
				ns = group_mentions(text.buf, ov[2 * sg], ov[2 * sg + 1], subj, 16);
				no = group_mentions(text.buf, ov[2 * og], ov[2 * og + 1], obj, 16);
				for (a = 0; a < ns; a++)
					for (b = 0; b < no; b++) {
						const ng_mention *ms, *mo;
						ng_fact f;
						uint32_t se, oe;
						if (subj[a] >= doc->n_mentions || obj[b] >= doc->n_mentions)
							continue;
						ms = &doc->mentions[subj[a]];
						mo = &doc->mentions[obj[b]];
						if (possessed(doc, mo, text.buf, ov[2 * og + 1], ov[1]) ||
						    possessed(doc, ms, text.buf, ov[2 * sg + 1], ov[1]))
							continue;
						se = ms->ent;
						oe = mo->ent;
						if (agent_property(pt->property))
							TRY(st, ng_doc_actor(doc, se, &se));
						if (agent_object(pt->property))
							TRY(st, ng_doc_actor(doc, oe, &oe));
						if (se == oe || contradicts_gazetteer(doc, pt->property, se, oe))
							continue;
						/* A place that is no capital or seat does not act. */
						if ((agent_property(pt->property) &&
						     doc->ents[se].cls == NG_CLASS_PLACE) ||
						    (agent_object(pt->property) && doc->ents[oe].cls == NG_CLASS_PLACE))
							continue;
						/* The cues only for a match that yields a fact. */
						if (mod < 0) {
							mod = (int)cue_modality(kb, pt, text.buf + ov[0], ov[1] - ov[0],
							                        false, cmd);
							if (mod == NG_MOD_ASSERTED && pt->modality != NG_MOD_ASSERTED &&
							    object_of_control(&kb->lex, text.buf, ov[0]))
								mod = NG_MOD_INTENDED;
							/* What the rest of the sentence says of it:
							 * "... next week", "... but they did not". */
							if (mod == NG_MOD_ASSERTED)
								mod = (int)cue_modality(kb, pt, text.buf + ov[1],
								                        text.len - ov[1], true, cmd);
						}
						memset(&f, 0, sizeof(f));
						f.s = se;
						f.o = oe;
						f.prop = pt->property;
						f.rule = pt->id;
						f.mod = (ng_modality)mod;
						f.confidence = pt->confidence;
						f.sent = si;
						if (!(f.matched = ng_arena_strndup(&doc->arena, text.buf + ov[0],
						                                   ov[1] - ov[0])))
							TRY(st, NG_ERR_NOMEM);
						TRY(st, ng_doc_add_fact(doc, &f));
					}
			advance:
				start = ov[1];
				if (ov[1] == ov[0]) {
					/* An empty match: step over one whole character. */
					start++;
					while (start < text.len && ((unsigned char)text.buf[start] & 0xC0) == 0x80)
						start++;
				}
			}
			if (rc == PCRE2_ERROR_MATCHLIMIT || rc == PCRE2_ERROR_DEPTHLIMIT) {
				/* A pathological sentence: skip this pattern on it. */
				continue;
			}
		}
	}
done:
	pcre2_match_data_free(md);
	pcre2_match_data_free(cmd);
	ng_buf_free(&text);
	free(pf.cands);
	free(always);
	return st;
}
