/* SPDX-License-Identifier: Apache-2.0 */
/* Relation extraction: each sentence is rewritten with typed placeholders
 * for its mentions ("PER_3 met with PER_5 in PLC_7 ."), and the patterns of
 * patterns.tsv run over that text. Named groups s and o give subject and
 * object; every placeholder inside a group counts, so lists work. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* The placeholder tags; a tag's type bit is 1 << its index here. */
static const char tags[][4] = {"PER", "ORG", "CTY", "PLC", "DEM", "ENT"};
#define N_TAGS (sizeof(tags) / sizeof(*tags))

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

/* The type bit of three capitals, 0 if they are no tag. */
static uint8_t
tag_bit(const unsigned char *t)
{
	size_t i;

	for (i = 0; i < N_TAGS; i++)
		if (!memcmp(tags[i], t, 3))
			return (uint8_t)(1u << i);
	return 0;
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
		pf->cands[k] |= kb->trigger_rows[(size_t)b * pf->words + k];
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
		if (len)
			d[len++] = ' ';
		w = len;
		if (next < i) {
			while (k < doc->n_mentions && doc->mentions[k].tb < i)
				k++;
			next = k < doc->n_mentions ? doc->mentions[k].tb : UINT32_MAX;
		}
		if (next == i) {
			/* A mention; falls through to the title check below if none. */
			const ng_mention *m = &doc->mentions[k];
			unsigned tag = tag_of(doc, m);
			len += put_placeholder(d + len, tags[tag], k);
			*twice |= *types & (1u << tag);
			*types |= 1u << tag;
			(*n_ents)++;
			i = m->te - 1;
		} else {
			const ng_phrase *p = NULL;
			/* The token's flag says ng_title_head, without the lookup. */
			uint32_t te = t->flags & NG_TOK_TITLE ? ng_match_title(doc, i, s->te, &p) : 0;
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

/* Matches re against text from start: its JIT code directly when it has
 * some (pcre2_match would only check its arguments and dispatch to it),
 * else the interpreter. The text is valid UTF-8. */
static int
run_re(const pcre2_code *re, const char *text, size_t len, size_t start, pcre2_match_data *md,
       pcre2_match_context *mc)
{
	int rc = pcre2_jit_match(re, (PCRE2_SPTR)text, len, start, 0, md, mc);

	if (rc != PCRE2_ERROR_JIT_BADOPTION)
		return rc;
	return pcre2_match(re, (PCRE2_SPTR)text, len, start, PCRE2_NO_UTF_CHECK, md, mc);
}

static ng_modality
cue_modality(const ng_knowledge *kb, const ng_pattern *p, const char *text, size_t len,
             pcre2_match_data *md, pcre2_match_context *mc)
{
	size_t k;
	int want;

	if (p->modality > NG_MOD_ASSERTED)
		return (ng_modality)p->modality;
	/* Check cues in order of precedence: negation outranks everything. */
	for (want = NG_MOD_NEGATED; want <= NG_MOD_REPORTED; want++) {
		if (p->modality == NG_MOD_ASSERTED && want != NG_MOD_NEGATED)
			break;
		for (k = 0; k < kb->n_cues; k++) {
			if ((int)kb->cues[k].modality != want ||
			    !ng_litfilter_may_match(&kb->cues[k].filter, text, len))
				continue;
			if (run_re(kb->cues[k].re, text, len, 0, md, mc) >= 0)
				return (ng_modality)want;
		}
	}
	return NG_MOD_ASSERTED;
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
	c = doc->kb->entries[es->entry].country;
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
	while (p < kb->n_patterns) {
		size_t w = p / 64;
		uint64_t m = (pf->cands[w] | always[w]) & (~(uint64_t)0 << (p % 64));
		if (m)
			return w * 64 + (size_t)__builtin_ctzll(m);
		p = (w + 1) * 64;
	}
	return kb->n_patterns;
}

ng_status
ng_relations(ng_doc *doc)
{
	const ng_knowledge *kb = doc->kb;
	pcre2_match_data *md = NULL, *cmd = NULL;
	pcre2_match_context *mc = NULL;
	ng_buf text = {0};
	prefilter pf = {{0}, NULL, 0};
	uint64_t *always = NULL;
	size_t mk = 0;
	uint32_t si;
	ng_status st = NG_OK;

	if (!kb->n_patterns || !doc->n_mentions)
		return NG_OK;
	if (!(md = pcre2_match_data_create(32, NULL)) || !(cmd = pcre2_match_data_create(4, NULL)) ||
	    !(mc = pcre2_match_context_create(NULL))) {
		st = NG_ERR_NOMEM;
		goto done;
	}
	pcre2_set_match_limit(mc, NG_PCRE2_MATCH_LIMIT);
	pcre2_set_depth_limit(mc, NG_PCRE2_DEPTH_LIMIT);
	/* The table of patterns by trigger bit, if it is current. */
	if (kb->trigger_rows && kb->trigger_patterns == kb->n_patterns) {
		size_t p;
		pf.words = kb->trigger_words;
		if (!(pf.cands = malloc(pf.words * sizeof(*pf.cands))) ||
		    !(always = calloc(pf.words, sizeof(*always)))) {
			st = NG_ERR_NOMEM;
			goto done;
		}
		for (p = 0; p < kb->n_patterns; p++)
			if (!kb->patterns[p].n_triggers)
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
		for (p = next_pattern(kb, &pf, always, 0); p < kb->n_patterns;
		     p = next_pattern(kb, &pf, always, p + 1)) {
			const ng_pattern *pt = &kb->patterns[p];
			int sg = pt->sg, og = pt->og;
			PCRE2_SIZE start = 0;
			int rc;
			/* Placeholders it needs or triggers not in the sentence: skip. */
			if (sg <= 0 || og <= 0 || !has_needs(pt, types, twice) || !has_words(pt, pf.bits) ||
			    !has_trigger(pt, text.buf, pf.bits))
				continue;
			while (start <= text.len &&
			       (rc = run_re(pt->re, text.buf, text.len, start, md, mc)) > 0) {
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
						if (mod < 0)
							mod = (int)cue_modality(kb, pt, text.buf + ov[0], ov[1] - ov[0],
							                        cmd, mc);
						memset(&f, 0, sizeof(f));
						f.s = se;
						f.o = oe;
						f.prop = pt->property;
						f.rule = pt->id;
						f.mod = (ng_modality)mod;
						f.confidence = pt->confidence;
						f.sent = si;
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
	pcre2_match_context_free(mc);
	ng_buf_free(&text);
	free(pf.cands);
	free(always);
	return st;
}

/* ------------------------------------------------- what a pattern needs */

/* A pattern yields a fact only when its groups s and o hold placeholders,
 * and the text a regular expression matches holds every literal of it that
 * is not optional: "PER_" only occurs in a tagged sentence as a PER
 * placeholder, since nothing else in it is in capitals. The analysis below
 * follows the PCRE2 syntax that the placeholders expand to and gives up,
 * deriving nothing, on anything it does not know (options, verbs,
 * subroutines, \Q...\E), so that any pattern still runs as written when
 * its needs are not sure. */

#define RX_NEEDS sizeof(((ng_pattern *)0)->need)
#define RX_WORDS (sizeof(((ng_pattern *)0)->words) / sizeof(uint16_t))

typedef struct {
	uint8_t need[RX_NEEDS]; /* the text holds a placeholder of each set */
	uint8_t n_need;
	uint8_t may;      /* the types of placeholders written in it */
	bool pure;        /* group_mentions finds none but those in it */
	/* Words (by ng_trigger_bit) of which the text starts with one, and of
	 * which one starts a word in the text (0: none known); does every
	 * alternative end with a space? */
	uint16_t lead[RX_WORDS], word[RX_WORDS];
	uint8_t n_lead, n_word;
	bool ends_space;
	bool tags;        /* each alternative is three capitals, */
	uint8_t tag_types; /* of these types (0: one is no tag) */
} rx_req;

enum { IT_LIT, IT_DIGIT, IT_BOUND, IT_ZERO, IT_GROUP, IT_OTHER };

typedef struct {
	int kind;
	unsigned char c;  /* IT_LIT: the character (its first byte) */
	bool quant, opt;  /* has a quantifier; one with a minimum of 0 */
	rx_req r;         /* IT_GROUP */
} rx_item;

typedef struct {
	const char *p, *end;
	int depth;
	bool bad;         /* syntax not followed: derive nothing */
	int n_s, n_o;
	rx_req s, o;
	/* The word sets of the outermost sequences, as in ng_pattern. */
	uint16_t words[RX_WORDS];
	uint8_t n_words[sizeof(((ng_pattern *)0)->n_words)];
	size_t n_seqs;
} rx;

/* Adds a set of words the match needs, if there is room. */
static void
add_word_set(rx *x, const uint16_t *w, uint8_t n)
{
	size_t used = 0, k;

	for (k = 0; k < sizeof(x->n_words) && x->n_words[k]; k++)
		used += x->n_words[k];
	if (k < sizeof(x->n_words) && used + n <= RX_WORDS) {
		memcpy(x->words + used, w, n * sizeof(*w));
		x->n_words[k] = n;
	}
}

static void rx_alt(rx *x, rx_req *out);

static void
add_need(uint8_t *need, uint8_t *n, uint8_t m)
{
	uint8_t i;

	/* A need left out only makes the test weaker. */
	if (!m)
		return;
	for (i = 0; i < *n; i++)
		if (need[i] == m)
			return;
	if (*n < RX_NEEDS)
		need[(*n)++] = m;
}

/* Adds the words of b to a, a set of n; too many make it unknown. */
static void
add_words(uint16_t *a, uint8_t *n, const uint16_t *b, uint8_t nb)
{
	uint8_t i, j;

	for (j = 0; j < nb && *n; j++) {
		for (i = 0; i < *n && a[i] != b[j]; i++)
			;
		if (i < *n)
			continue;
		if (*n == RX_WORDS)
			*n = 0;
		else
			a[(*n)++] = b[j];
	}
}

/* Either a or b: each pair of their needs gives one. */
static void
rx_either(rx_req *a, const rx_req *b)
{
	uint8_t need[RX_NEEDS], n = 0, i, j;

	for (i = 0; i < a->n_need; i++)
		for (j = 0; j < b->n_need; j++)
			add_need(need, &n, a->need[i] | b->need[j]);
	memcpy(a->need, need, sizeof(need));
	a->n_need = n;
	a->may |= b->may;
	a->pure = a->pure && b->pure;
	a->tag_types = a->tag_types && b->tag_types ? a->tag_types | b->tag_types : 0;
	a->tags = a->tags && b->tags;
	if (!b->n_lead)
		a->n_lead = 0;
	add_words(a->lead, &a->n_lead, b->lead, b->n_lead);
	if (!b->n_word)
		a->n_word = 0;
	add_words(a->word, &a->n_word, b->word, b->n_word);
	a->ends_space = a->ends_space && b->ends_space;
}

static bool
is_cap(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

/* Skips a character class from its '['. */
static void
rx_class(rx *x)
{
	const char *p = x->p + 1;

	if (p < x->end && *p == '^')
		p++;
	if (p < x->end && *p == ']')
		p++;
	while (p < x->end && *p != ']') {
		if (*p == '\\') {
			if (p + 1 < x->end && p[1] == 'Q')
				break;
			p += 2;
		} else if (*p == '[' && p + 1 < x->end && p[1] == ':') {
			const char *q = p + 2;
			while (q + 1 < x->end && !(q[0] == ':' && q[1] == ']'))
				q++;
			if (q + 1 >= x->end)
				break;
			p = q + 2;
		} else {
			p++;
		}
	}
	if (p >= x->end || *p != ']') {
		x->bad = true;
		return;
	}
	x->p = p + 1;
}

/* Skips from an opening character to its closing one. */
static void
rx_skip_to(rx *x, char close)
{
	const char *q = memchr(x->p, close, (size_t)(x->end - x->p));

	if (!q)
		x->bad = true;
	else
		x->p = q + 1;
}

/* An escape from its backslash. */
static void
rx_escape(rx *x, rx_item *it)
{
	unsigned char e;

	if (x->p + 1 >= x->end) {
		x->bad = true;
		return;
	}
	e = (unsigned char)x->p[1];
	x->p += 2;
	it->kind = IT_OTHER;
	switch (e) {
	case 'd': it->kind = IT_DIGIT; return;
	case 'b': it->kind = IT_BOUND; return;
	case 'B': it->kind = IT_ZERO; return;
	case 'Q': case 'E': case 'g': case 'K':
		x->bad = true;
		return;
	case 'x': case 'o': case 'p': case 'P': case 'N':
		if (x->p < x->end && *x->p == '{') {
			rx_skip_to(x, '}');
		} else if (e == 'p' || e == 'P') {
			x->p++;
		} else if (e == 'x') {
			/* Up to two hex digits, which may be capitals. */
			int k;
			for (k = 0; k < 2 && x->p < x->end && ng_is_hex((unsigned char)*x->p); k++)
				x->p++;
		}
		return;
	case 'k':
		if (x->p < x->end && (*x->p == '<' || *x->p == '{' || *x->p == '\''))
			rx_skip_to(x, *x->p == '<' ? '>' : *x->p == '{' ? '}' : '\'');
		return;
	case 'c':
		x->p++;
		return;
	default:
		break;
	}
	if (e >= '0' && e <= '9') {
		while (x->p < x->end && *x->p >= '0' && *x->p <= '9')
			x->p++;
	} else if (!(e >= 0x80 || (e >= 'a' && e <= 'z') || is_cap(e))) {
		/* An escaped sign stands for itself. */
		it->kind = IT_LIT;
		it->c = e;
	}
	while (x->p < x->end && ((unsigned char)*x->p & 0xC0) == 0x80)
		x->p++;
}

/* A group from its '('. */
static void
rx_group(rx *x, rx_item *it)
{
	const char *p = x->p + 1, *name = NULL;
	size_t name_len = 0;
	bool look = false;
	rx_req in;

	if (p < x->end && *p == '*') {
		x->bad = true;
		return;
	}
	if (p < x->end && *p == '?') {
		if (p + 1 < x->end && p[1] == ':') {
			p += 2;
		} else if (p + 1 < x->end && (p[1] == '=' || p[1] == '!')) {
			p += 2;
			look = true;
		} else if (p + 2 < x->end && p[1] == '<' && (p[2] == '=' || p[2] == '!')) {
			p += 3;
			look = true;
		} else if (p + 1 < x->end && p[1] == '<') {
			name = p + 2;
			for (p = name; p < x->end && (*p == '_' || (*p >= '0' && *p <= '9') ||
			                               (*p >= 'a' && *p <= 'z') || is_cap((unsigned char)*p));
			     p++)
				;
			name_len = (size_t)(p - name);
			if (!name_len || p >= x->end || *p != '>') {
				x->bad = true;
				return;
			}
			p++;
		} else {
			/* Options, atomic groups, conditions, recursion: not followed. */
			x->bad = true;
			return;
		}
	}
	if (++x->depth > 64) {
		x->bad = true;
		return;
	}
	x->p = p;
	rx_alt(x, &in);
	x->depth--;
	if (x->bad || x->p >= x->end || *x->p != ')') {
		x->bad = true;
		return;
	}
	x->p++;
	if (look) {
		/* It holds no text of the match. */
		it->kind = IT_ZERO;
		return;
	}
	it->kind = IT_GROUP;
	it->r = in;
	if (name_len == 1 && *name == 's') {
		x->n_s++;
		x->s = in;
	} else if (name_len == 1 && *name == 'o') {
		x->n_o++;
		x->o = in;
	}
}

/* A quantifier, if one follows. */
static void
rx_quantifier(rx *x, rx_item *it)
{
	for (;;) {
		const char *p = x->p;
		bool opt;
		if (p >= x->end)
			return;
		if (*p == '?' || *p == '*') {
			opt = true;
			p++;
		} else if (*p == '+') {
			opt = false;
			p++;
		} else if (*p == '{') {
			const char *q = p + 1;
			unsigned long min = 0;
			bool digits = false;
			while (q < x->end && *q >= '0' && *q <= '9') {
				min = min * 10 + (unsigned long)(*q++ - '0');
				if (min > 100000)
					min = 100000;
				digits = true;
			}
			if (q < x->end && *q == ',')
				for (q++; q < x->end && *q >= '0' && *q <= '9'; q++)
					;
			if (!digits || q >= x->end || *q != '}') {
				/* A literal brace to this PCRE2, a quantifier to a later
				 * one: taking the item as optional is safe either way. */
				it->quant = it->opt = true;
				return;
			}
			opt = min == 0;
			p = q + 1;
		} else {
			return;
		}
		it->quant = true;
		it->opt = it->opt || opt;
		if (p < x->end && (*p == '+' || *p == '?'))
			p++;
		x->p = p;
	}
}

static bool
is_lit(const rx_item *it, bool cap, unsigned char c)
{
	return it->kind == IT_LIT && !it->quant && (cap ? is_cap(it->c) : it->c == c);
}

/* The bit of the word that literal items from i on start the text with:
 * three letters of it, or all of it and a space (the bit keys on the first
 * three bytes of a word). Not a word of capitals: a placeholder or TTL
 * says nothing the types do not. */
static bool
lit_word(const rx_item *items, size_t i, size_t n, uint16_t *bit)
{
	char w[3];
	size_t k;

	for (k = 0; k < 3 && i + k < n; k++) {
		const rx_item *it = &items[i + k];
		if (it->kind != IT_LIT || it->quant || it->c >= 0x80 || is_cap(it->c))
			break;
		if (it->c == ' ')
			break;
		w[k] = (char)it->c;
	}
	if (!k || (k < 3 && !(i + k < n && is_lit(&items[i + k], false, ' '))))
		return false;
	*bit = ng_trigger_bit(w, k);
	return true;
}

/* Does item i start at the start of a word: after a literal space, or after
 * groups that end with one or match nothing? */
static bool
at_word(const rx_item *items, size_t i)
{
	while (i > 0) {
		const rx_item *pv = &items[i - 1];
		if (is_lit(pv, false, ' '))
			return true;
		if (!(pv->kind == IT_ZERO || pv->kind == IT_BOUND ||
		      (pv->kind == IT_GROUP && pv->r.ends_space)))
			return false;
		i--;
	}
	return false;
}

/* A sequence of items up to '|', ')' or the end. */
static void
rx_seq(rx *x, rx_req *out)
{
	rx_item *items = NULL;
	size_t n = 0, cap = 0, i;

	memset(out, 0, sizeof(*out));
	out->pure = true;
	if (!x->depth)
		x->n_seqs++;
	while (!x->bad && x->p < x->end && *x->p != '|' && *x->p != ')') {
		rx_item *it;
		if (NG_GROW(items, cap, n + 1)) {
			x->bad = true;
			break;
		}
		it = &items[n++];
		memset(it, 0, sizeof(*it));
		switch (*x->p) {
		case '(':
			rx_group(x, it);
			break;
		case '[':
			it->kind = IT_OTHER;
			rx_class(x);
			break;
		case '\\':
			rx_escape(x, it);
			break;
		case '.':
			it->kind = IT_OTHER;
			x->p++;
			break;
		case '^':
		case '$':
			it->kind = IT_ZERO;
			x->p++;
			break;
		default:
			it->kind = IT_LIT;
			it->c = (unsigned char)*x->p++;
			while (x->p < x->end && ((unsigned char)*x->p & 0xC0) == 0x80)
				x->p++;
			break;
		}
		if (!x->bad)
			rx_quantifier(x, it);
	}
	if (x->bad) {
		free(items);
		return;
	}
	/* The word it starts with; whether it ends with a space. */
	if (n && lit_word(items, 0, n, &out->lead[0]))
		out->n_lead = 1;
	else if (n && items[0].kind == IT_GROUP && !items[0].opt && items[0].r.n_lead) {
		memcpy(out->lead, items[0].r.lead, sizeof(out->lead));
		out->n_lead = items[0].r.n_lead;
	}
	out->ends_space = n && is_lit(&items[n - 1], false, ' ');
	/* A word it needs: the fewest choices of those that start at a word
	 * start, or of its groups'. */
	for (i = 0; i < n; i++) {
		const rx_item *it = &items[i];
		uint16_t one;
		const uint16_t *w = NULL;
		uint8_t nw = 0;
		if (it->opt)
			continue;
		if (at_word(items, i) && lit_word(items, i, n, &one)) {
			w = &one;
			nw = 1;
		} else if (it->kind == IT_GROUP && it->r.n_lead && at_word(items, i)) {
			w = it->r.lead;
			nw = it->r.n_lead;
		}
		if (nw && (!out->n_word || nw < out->n_word)) {
			memcpy(out->word, w, nw * sizeof(*w));
			out->n_word = nw;
		}
		if (nw && !x->depth)
			add_word_set(x, w, nw);
		if (it->kind == IT_GROUP && it->r.n_word && (!out->n_word || it->r.n_word < out->n_word)) {
			memcpy(out->word, it->r.word, it->r.n_word * sizeof(*w));
			out->n_word = it->r.n_word;
		}
		if (it->kind == IT_GROUP && it->r.n_word && !x->depth)
			add_word_set(x, it->r.word, it->r.n_word);
	}
	/* Three capitals alone: an alternative of a group of tags. */
	if (n == 3 && is_lit(&items[0], true, 0) && is_lit(&items[1], true, 0) &&
	    is_lit(&items[2], true, 0)) {
		unsigned char t[3] = {items[0].c, items[1].c, items[2].c};
		out->tags = true;
		out->tag_types = tag_bit(t);
	}
	for (i = 0; i < n; i++) {
		const rx_item *it = &items[i];
		uint8_t t;
		size_t j;
		if (i + 3 < n && is_lit(it, true, 0) && is_lit(it + 1, true, 0) &&
		    is_lit(it + 2, true, 0) && is_lit(it + 3, false, '_')) {
			unsigned char tt[3] = {it[0].c, it[1].c, it[2].c};
			t = tag_bit(tt);
			j = i + 4;
		} else if (i + 1 < n && it->kind == IT_GROUP && !it->quant && it->r.tags &&
		           is_lit(it + 1, false, '_')) {
			t = it->r.tag_types;
			j = i + 2;
		} else {
			/* Not a placeholder. */
			if ((it->kind == IT_LIT && is_cap(it->c)) || it->kind == IT_OTHER)
				out->pure = false;
			if (it->kind == IT_GROUP) {
				size_t k;
				if (!it->opt)
					for (k = 0; k < it->r.n_need; k++)
						add_need(out->need, &out->n_need, it->r.need[k]);
				out->may |= it->r.may;
				out->pure = out->pure && it->r.pure;
			}
			continue;
		}
		/* A placeholder: its type and, when its number follows whole
		 * ("\d+\b", as the macros write it), all group_mentions reads. */
		add_need(out->need, &out->n_need, t);
		if (t && j + 1 < n && items[j].kind == IT_DIGIT && items[j].quant && !items[j].opt &&
		    items[j + 1].kind == IT_BOUND && !items[j + 1].quant) {
			out->may |= t;
			i = j + 1;
		} else {
			out->pure = false;
			i = j - 1;
		}
	}
	free(items);
}

static void
rx_alt(rx *x, rx_req *out)
{
	rx_req b;

	rx_seq(x, out);
	while (!x->bad && x->p < x->end && *x->p == '|') {
		x->p++;
		rx_seq(x, &b);
		rx_either(out, &b);
	}
}

void
ng_pattern_derive_needs(ng_pattern *p, const char *re, size_t len)
{
	rx x;
	rx_req top;
	uint8_t i;

	memset(&x, 0, sizeof(x));
	x.p = re;
	x.end = re + len;
	p->n_need = 0;
	p->pair = 0;
	memset(p->n_words, 0, sizeof(p->n_words));
	rx_alt(&x, &top);
	if (x.bad || x.p != x.end || x.n_s != 1 || x.n_o != 1)
		return;
	/* The needs of the groups hold even where they are optional, since
	 * there is no fact without them. */
	for (i = 0; i < top.n_need; i++)
		add_need(p->need, &p->n_need, top.need[i]);
	for (i = 0; i < x.s.n_need; i++)
		add_need(p->need, &p->n_need, x.s.need[i]);
	for (i = 0; i < x.o.n_need; i++)
		add_need(p->need, &p->n_need, x.o.need[i]);
	/* Subject and object are two placeholders (one would give the same
	 * entity twice), of types the groups can tell when they are pure. */
	if (x.s.pure && x.o.pure && x.s.may && x.o.may)
		p->pair = x.s.may | x.o.may;
	/* Words the match holds; the prefilter knows the sentence's words. */
	if (x.n_seqs == 1) {
		memcpy(p->words, x.words, sizeof(p->words));
		memcpy(p->n_words, x.n_words, sizeof(p->n_words));
	} else if (top.n_word) {
		memcpy(p->words, top.word, top.n_word * sizeof(*top.word));
		p->n_words[0] = top.n_word;
	}
}
