/* SPDX-License-Identifier: Apache-2.0 */
/* Tokens and sentences over the normalized text of an article. */
#include "config.h"

#include <string.h>

#include "knowledge.h"
#include "segment.h"


/* The byte of a one-byte token, or 0. */
static inline char
tok_char(const ng_doc *doc, const ng_token *t)
{
	return t->e - t->b == 1 ? doc->text.norm[t->b] : 0;
}

/* A function word of the lexicon (an article, preposition or conjunction)
 * written in lower case. Keys are not looked up yet: the word's bytes are,
 * and a function word is one word of lower-case letters. */
static bool
is_function_word(const ng_doc *doc, const ng_token *t)
{
	const ng_knowledge *kb = doc->kb;

	if (!(t->flags & NG_TOK_LOWER) || t->e - t->b > 16)
		return false;
	return ng_lexicon_is_function(&kb->lex,
	                              ng_dict_key(&kb->dict, doc->text.norm + t->b, t->e - t->b));
}

static ng_status
push_sentence(ng_doc *doc, size_t tb, size_t te, uint32_t line, bool whole_line)
{
	ng_sentence *s;
	size_t i, words = 0, caps = 0;
	const ng_token *last;

	if (te <= tb)
		return NG_OK;
	if (NG_GROW(doc->sents, doc->cap_sents, doc->n_sents + 1))
		return NG_ERR_NOMEM;
	s = &doc->sents[doc->n_sents++];
	s->tb = (uint32_t)tb;
	s->te = (uint32_t)te;
	s->b = doc->toks[tb].b;
	s->e = doc->toks[te - 1].e;
	s->line = line;
	s->flags = 0;
	s->tok_flags = 0;
	s->wclasses = 0;
	last = &doc->toks[te - 1];
	if (whole_line) {
		switch (tok_char(doc, last)) {
		case '.': case '!': case '?': case '"': case '\'': case ':':
			break;
		default:
			s->flags |= NG_SENT_HEADLINE;
		}
	}
	for (i = tb; (s->flags & NG_SENT_HEADLINE) && i < te; i++) {
		const ng_token *t = &doc->toks[i];
		if (!(t->flags & NG_TOK_WORD) || (t->flags & NG_TOK_NUM) || is_function_word(doc, t))
			continue;
		words++;
		caps += !!(t->flags & (NG_TOK_CAP | NG_TOK_UPPER));
	}
	/* Only a line without final punctuation is read as a title-case
	 * headline; a prose sentence may well start with capitalized names. */
	if ((s->flags & NG_SENT_HEADLINE) && words >= 3 && caps * 10 >= words * 8)
		s->flags |= NG_SENT_TITLECASE;
	return NG_OK;
}

/* Does a sentence end after token i (a period, question or exclamation
 * mark, possibly followed by closing quotes)? Returns the index after the
 * end, or 0 if not. */
static size_t
sentence_end(const ng_doc *doc, size_t i, size_t te)
{
	const ng_token *t = &doc->toks[i];
	size_t j;
	char c;

	if (t->flags & NG_TOK_WORD)
		return 0;
	c = tok_char(doc, t);
	if (!(c == '.' || c == '!' || c == '?' ||
	      (t->e - t->b == 3 && !memcmp(doc->text.norm + t->b, "...", 3))))
		return 0;
	j = i + 1;
	while (j < te && ((c = tok_char(doc, &doc->toks[j])) == '"' || c == '\'' || c == ')'))
		j++;
	if (j >= te)
		return te;
	if (!(doc->toks[j].flags & NG_TOK_SPACE) && j == i + 1)
		return 0;
	t = &doc->toks[j];
	c = tok_char(doc, t);
	/* An initial in a name, "Jane Q. Public", "R. Mehta": one capital
	 * letter, its period, and a capitalized word after it. */
	if (j == i + 1 && i > 0 && doc->text.norm[doc->toks[i].b] == '.' &&
	    ng_token_is_initial(doc->text.norm, &doc->toks[i - 1]) &&
	    !(doc->toks[i].flags & NG_TOK_SPACE) && (t->flags & NG_TOK_CAP) && (t->flags & NG_TOK_WORD))
		return 0;
	if (t->flags & (NG_TOK_CAP | NG_TOK_NUM) || c == '"' || c == '\'' || c == '(')
		return j;
	return 0;
}

/* A mask that keeps the first r (1 to 8) bytes of a 64-bit value loaded
 * with memcpy, whatever the byte order. */
static inline uint64_t
head_mask(size_t r)
{
	static const unsigned char ff[16] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
	uint64_t m;

	memcpy(&m, ff + 8 - r, 8);
	return m;
}

/* Lower-cases eight ASCII bytes (high bits clear) at once. */
static inline uint64_t
lower_ascii8(uint64_t v)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;

	/* The high bit of each byte in A..Z, moved to 0x20. */
	return v | (((v + 0x3F * ones) ^ (v + 0x25 * ones)) & highs) >> 2;
}

/* Lower-cases the ASCII word w[0, n) into out, eight bytes at a time (the
 * normalized text is padded for the last read, and out may be written up
 * to the next multiple of eight); returns n, or less if the word is not
 * ASCII or longer than cap. */
static size_t
fold_ascii(const char *w, size_t n, char *out, size_t cap)
{
	const uint64_t highs = 0x8080808080808080ULL;
	size_t k;

	if ((n + 7) / 8 * 8 > cap)
		return 0;
	for (k = 0; k < n; k += 8) {
		uint64_t v;
		memcpy(&v, w + k, 8);
		v &= head_mask(n - k < 8 ? n - k : 8);
		if (v & highs)
			return 0;
		v = lower_ascii8(v);
		memcpy(out + k, &v, 8);
	}
	return n;
}

/* What ng_fold makes of U+00C0 to U+00FF (UTF-8 C3 80 to C3 BF) with the
 * marks stripped, by the second byte; "" for the two that are no letters.
 * Of the letters written with them, none folds into one that composes
 * with its neighbour, so a word of them folds letter by letter
 * (check_segment holds the table to ng_fold). */
static const char latin1_fold[64][3] = {
	"a", "a", "a", "a", "a", "a", "\xC3\xA6", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"\xC3\xB0", "n", "o", "o", "o", "o", "o", "", "\xC3\xB8", "u", "u", "u", "u", "y",
	"\xC3\xBE", "ss",
	"a", "a", "a", "a", "a", "a", "\xC3\xA6", "c", "e", "e", "e", "e", "i", "i", "i", "i",
	"\xC3\xB0", "n", "o", "o", "o", "o", "o", "", "\xC3\xB8", "u", "u", "u", "u", "y",
	"\xC3\xBE", "y",
};

/* Folds the word w[0, n) into out (of n bytes at least) as ng_fold does
 * with marks stripped, if it is written in ASCII and Latin-1 letters (the
 * accented names of Western Europe); returns the folded length, or
 * SIZE_MAX for any other word, which ng_fold must take. */
static size_t
fold_latin1(const char *w, size_t n, char *out)
{
	size_t i, o = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)w[i];
		const char *f;
		if (c < 0x80) {
			out[o++] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
			continue;
		}
		/* Valid UTF-8: a C3 lead byte has its continuation byte. */
		if (c != 0xC3 || !*(f = latin1_fold[(unsigned char)w[i + 1] - 0x80]))
			return SIZE_MAX;
		out[o++] = f[0];
		if (f[1])
			out[o++] = f[1];
		i++;
	}
	return o;
}

/* The first sixteen bytes of the word w[0, n) (n up to 16), zero-padded,
 * as two 64-bit values; w may be read up to the next multiple of eight. */
static inline void
load16(const char *w, size_t n, uint64_t *v, uint64_t *r)
{
	memcpy(v, w, 8);
	*r = 0;
	if (n <= 8) {
		*v &= head_mask(n);
	} else {
		memcpy(r, w + 8, 8);
		*r &= head_mask(n - 8);
	}
}

/* The rare ends of short_key, out of line so that the common ones save
 * no registers: a word found after a lexicon load that added titles, and
 * a word missing from the table (when the dictionary grew since it was
 * built, a word past eight bytes is still found, as ng_dict_key finds it). */
static __attribute__((noinline)) void
short_key_rare(const ng_knowledge *kb, ng_token *t, const struct ng_short_key *sk, uint64_t v,
               uint64_t r, const char *key, size_t klen)
{
	char tmp[16];

	if (sk) {
		t->key = sk->key;
		t->wclass = sk->wclass;
		t->flags |= ng_knowledge_word_heads(kb, t->key);
		return;
	}
	if (!key) {
		memcpy(tmp, &v, 8);
		memcpy(tmp + 8, &r, 8);
		key = tmp;
	}
	if ((t->key = ng_dict_key(&kb->dict, key, klen))) {
		t->wclass = ng_lexicon_word_class(&kb->lex, t->key);
		t->flags |= ng_knowledge_word_heads(kb, t->key);
	}
}

/* Sets the key, word class and flags of t for the folded word of klen
 * (1 to 16) bytes held in v and r, from the short-word table; key is the
 * word's bytes, or NULL to make them from v and r. A word of up to 16
 * bytes is two 64-bit values: no hashing of bytes, no comparing of
 * strings, and its class in the same slot. */
static inline void
short_key(const ng_knowledge *kb, ng_token *t, uint64_t v, uint64_t r, const char *key,
          size_t klen)
{
	uint64_t h = ng_short_hash(v, r);
	const struct ng_short_key *sk;
	size_t j;

	for (j = ng_short_slot(h, kb->dict.short_mask); (sk = &kb->dict.short_keys[j])->word;
	     j = (j + 1) & kb->dict.short_mask)
		if (sk->word == v && (sk->more ? kb->dict.short_rest[j] == r : !r))
			break;
	if (sk->word) {
		/* A lexicon loaded after prepare may have added titles. */
		if (kb->dict.short_stamp != kb->lex.n_titles) {
			short_key_rare(kb, t, sk, v, r, key, klen);
			return;
		}
		t->key = sk->key;
		t->wclass = sk->wclass;
		t->flags |= sk->heads;
		return;
	}
	if (klen > 8 && kb->dict.slots_count != kb->dict.map.count) {
		short_key_rare(kb, t, NULL, v, r, key, klen);
		if (t->key)
			return;
	}
	/* Words the gazetteers do not know get keys of the document's own (as
	 * in word_key), here from the probe's hash mixed again: no second
	 * pass over the bytes. */
	h ^= h >> 29;
	h *= 0xBF58476D1CE4E5B9ULL;
	t->key = NG_LOCAL_KEY | (uint32_t)(h >> 33);
}

/* Sets the key, word class and title and alias flags of the word t of the text s;
 * f is scratch for folding. */
static ng_status
word_key(const ng_knowledge *kb, const char *s, ng_token *t, ng_buf *f)
{
	const char *w = s + t->b;
	size_t n = t->e - t->b;
	char small[64];
	const char *key;
	size_t klen;
	uint64_t v, r;

	if (n <= 16 && kb->dict.short_ready) {
		/* Most words: ASCII of up to 16 bytes, lower-cased in
		 * registers (the normalized text is padded for the reads). */
		load16(w, n, &v, &r);
		if (n && !((v | r) & 0x8080808080808080ULL)) {
			short_key(kb, t, lower_ascii8(v), lower_ascii8(r), NULL, n);
			return NG_OK;
		}
	}
	/* Other ASCII words fold by lower-casing, on the stack, and so do
	 * those with Latin-1 letters, by table. */
	if (fold_ascii(w, n, small, sizeof(small)) == n) {
		key = small;
		klen = n;
	} else if (n <= sizeof(small) && (klen = fold_latin1(w, n, small)) != SIZE_MAX) {
		key = small;
	} else {
		ng_buf_clear(f);
		if (ng_fold(w, n, true, f))
			return NG_ERR_NOMEM;
		key = f->buf;
		klen = f->len;
	}
	if (klen >= 1 && klen <= 16 && kb->dict.short_ready) {
		/* f->buf need not be padded: copy only klen bytes. */
		v = r = 0;
		memcpy(&v, key, klen < 8 ? klen : 8);
		if (klen > 8)
			memcpy(&r, key + 8, klen - 8);
		short_key(kb, t, v, r, key, klen);
		return NG_OK;
	}
	t->key = ng_dict_key(&kb->dict, key, klen);
	if (!t->key) {
		/* Words the gazetteers do not know get keys of the document's
		 * own, from a hash of the folded word, so that surnames and
		 * acronyms seen in the article can still be matched. */
		t->key = NG_LOCAL_KEY | ((uint32_t)ng_hash_fast(key, klen) & ~NG_LOCAL_KEY);
	} else {
		t->wclass = ng_lexicon_word_class(&kb->lex, t->key);
		t->flags |= ng_knowledge_word_heads(kb, t->key);
	}
	return NG_OK;
}

ng_status
ng_segment(ng_doc *doc)
{
	const char *s = doc->text.norm;
	size_t len = doc->text.norm_len, lb = 0;
	uint32_t line = 0;
	ng_status st = NG_OK;

	/* News text has about one token per five bytes and a sentence per
	 * hundred: size the arrays once rather than doubling them. */
	if (NG_GROW(doc->toks, doc->cap_toks, len / 4 + 16) ||
	    NG_GROW(doc->sents, doc->cap_sents, len / 64 + 8))
		return NG_ERR_NOMEM;
	while (lb <= len) {
		size_t le, tb, i, start;
		const char *nl = memchr(s + lb, '\n', len - lb);
		le = nl ? (size_t)(nl - s) : len;
		line++;
		tb = doc->n_toks;
		TRY(st, ng_tokenize(&doc->kb->lex.abbrevs, s, lb, le, &doc->toks, &doc->n_toks, &doc->cap_toks));
		start = tb;
		for (i = tb; i < doc->n_toks; i++) {
			size_t end = sentence_end(doc, i, doc->n_toks);
			if (end) {
				TRY(st, push_sentence(doc, start, end, line,
				                      start == tb && end == doc->n_toks));
				start = end;
				i = end - 1;
			}
		}
		TRY(st, push_sentence(doc, start, doc->n_toks, line, start == tb));
		lb = le + 1;
	}
	/* Look every word up in the gazetteer's dictionary, and sum up each
	 * sentence's tokens. */
	{
		ng_buf f = {0};
		ng_sentence *sents = doc->sents;
		size_t i, si = 0, n_sents = doc->n_sents, n_toks = doc->n_toks;
		uint32_t te = n_sents ? sents[0].te : UINT32_MAX;
		uint16_t flags = 0;
		uint8_t wclasses = 0;
		for (i = 0; i < n_toks; i++) {
			ng_token *t = &doc->toks[i];
			/* Possessives and commas get keys too, for names that
			 * hold one ("People's Republic of Norvania", "Ministry of
			 * Fisheries, Salt and Ice"). */
			if (((t->flags & (NG_TOK_WORD | NG_TOK_POSS)) ||
			     (t->e == t->b + 1 && s[t->b] == ',')) &&
			    (st = word_key(doc->kb, s, t, &f))) {
				ng_buf_free(&f);
				return st;
			}
			/* The sums are kept here, not in the sentence: an or in
			 * memory would wait for the one before. */
			while (i >= te) {
				sents[si].tok_flags = flags;
				sents[si].wclasses = wclasses;
				flags = 0;
				wclasses = 0;
				te = ++si < n_sents ? sents[si].te : UINT32_MAX;
			}
			flags |= t->flags;
			wclasses |= t->wclass;
		}
		if (si < n_sents) {
			sents[si].tok_flags = flags;
			sents[si].wclasses = wclasses;
		}
		ng_buf_free(&f);
	}
done:
	return st;
}
