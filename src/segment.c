/* SPDX-License-Identifier: Apache-2.0 */
/* Tokens and sentences over the normalized text of an article. */
#include "internal.h"

#include <string.h>
#include <utf8proc.h>

/* Character classes the tokenizer needs. */
enum { CH_OTHER, CH_SPACE, CH_UPPER, CH_LOWER, CH_LETTER, CH_DIGIT, CH_MARK };

/* Classes of the ASCII characters, by table. */
#define U CH_UPPER
#define L CH_LOWER
#define D CH_DIGIT
#define S CH_SPACE
#define O CH_OTHER
static const unsigned char ascii_class[128] = {
	O, O, O, O, O, O, O, O, O, S, S, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O,
	S, O, O, O, O, O, O, O, O, O, O, O, O, O, O, O, D, D, D, D, D, D, D, D, D, D, O, O, O, O, O, O,
	O, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, O, O, O, O, O,
	O, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, O, O, O, O, O,
};
#undef U
#undef L
#undef D
#undef S
#undef O

/* For the word scanner: ASCII letters and digits, with their case (0 for
 * every other byte, including those of UTF-8 sequences). */
enum { AW_UPPER = 1, AW_LOWER = 2, AW_DIGIT = 4 };
#define U AW_UPPER
#define L AW_LOWER
#define D AW_DIGIT
static const unsigned char ascii_word[256] = {
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
	0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, D, D, D, D, D, D, D, D, D, D, 0, 0, 0, 0, 0, 0,
	0, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, U, 0, 0, 0, 0, 0,
	0, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, L, 0, 0, 0, 0, 0,
};
#undef U
#undef L
#undef D

static inline int
char_class(const unsigned char *s, size_t *n)
{
	int32_t cp;

	if (s[0] < 0x80) {
		*n = 1;
		return ascii_class[s[0]];
	}
	*n = ng_utf8_decode(s, &cp);
	switch (utf8proc_category(cp)) {
	case UTF8PROC_CATEGORY_LU:
	case UTF8PROC_CATEGORY_LT:
		return CH_UPPER;
	case UTF8PROC_CATEGORY_LL:
		return CH_LOWER;
	case UTF8PROC_CATEGORY_LM:
	case UTF8PROC_CATEGORY_LO:
		return CH_LETTER;
	case UTF8PROC_CATEGORY_ND:
	case UTF8PROC_CATEGORY_NL:
	case UTF8PROC_CATEGORY_NO:
		return CH_DIGIT;
	case UTF8PROC_CATEGORY_MN:
	case UTF8PROC_CATEGORY_MC:
	case UTF8PROC_CATEGORY_ME:
		return CH_MARK;
	case UTF8PROC_CATEGORY_ZS:
		return CH_SPACE;
	default:
		return CH_OTHER;
	}
}

static bool
is_wordch(int c)
{
	return c == CH_UPPER || c == CH_LOWER || c == CH_LETTER || c == CH_DIGIT ||
	       c == CH_MARK;
}

static int
class_at(const char *s, size_t i, size_t e)
{
	size_t n;

	if (i >= e)
		return CH_SPACE;
	return char_class((const unsigned char *)s + i, &n);
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* The high bit of each byte of v (first byte lowest) that is an ASCII
 * upper-case letter (*up), a lower-case one (*lo), and that is no ASCII
 * letter or digit (*stop): ascii_word for eight bytes at once. The sums of
 * seven-bit bytes carry into no neighbour. */
static inline void
ascii_word_bits(uint64_t v, uint64_t *up, uint64_t *lo, uint64_t *stop)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	uint64_t w = v & ~highs, ascii = ~v & highs, dg;

	*up = (w + 0x3F * ones) & ~(w + 0x25 * ones) & ascii;   /* A..Z */
	*lo = (w + 0x1F * ones) & ~(w + 0x05 * ones) & ascii;   /* a..z */
	dg = (w + 0x50 * ones) & ~(w + 0x46 * ones) & ascii;    /* 0..9 */
	*stop = ~(*up | *lo | dg) & highs;
}
#endif

/* The class of a byte by its ascii_word bits, and the flag of a word by the
 * class of its first character + 1 (scan_word's first is -1 until set). */
static const signed char aw_class[8] = {
	[AW_UPPER] = CH_UPPER, [AW_LOWER] = CH_LOWER, [AW_DIGIT] = CH_DIGIT,
};
static const uint16_t first_flag[CH_MARK + 2] = {
	[CH_DIGIT + 1] = NG_TOK_NUM, [CH_UPPER + 1] = NG_TOK_CAP, [CH_LOWER + 1] = NG_TOK_LOWER,
};

/* Scans a word from i; returns its end and sets *flags. Keeps apostrophes
 * between letters (isn't, O'Brien) but not a possessive 's. The flags say
 * what the first character is (marks and periods aside) and whether the
 * word is written in capitals. */
static size_t
scan_word(const char *s, size_t i, size_t e, uint16_t *flags)
{
	int first = -1;
	size_t upper = 0, lower = 0;
	uint16_t f = NG_TOK_WORD;

	while (i < e) {
		unsigned char ch = (unsigned char)s[i];
		size_t n = 1;
		int c;
		if (ascii_word[ch]) {
			/* A run of ASCII letters and digits. */
			const unsigned char *p = (const unsigned char *)s + i;
			const unsigned char *end = (const unsigned char *)s + e;
			unsigned m = ascii_word[ch], any = 0;
			if (first < 0)
				first = aw_class[m];
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/* Eight bytes at a time while they lie before the end: most
			 * words end in the first eight. */
			while (end - p >= 8) {
				uint64_t v, up, lo, stop;
				memcpy(&v, p, 8);
				ascii_word_bits(v, &up, &lo, &stop);
				if (stop) {
					uint64_t before = (stop & -stop) - 1;
					up &= before;
					lo &= before;
				}
				/* Only "two or more" matters: count up to two. */
				upper += (up != 0) + ((up & (up - 1)) != 0);
				any |= lo ? AW_LOWER : 0;
				if (stop) {
					p += __builtin_ctzll(stop) / 8;
					break;
				}
				p += 8;
			}
			m = p < end ? ascii_word[*p] : 0;
#endif
			while (m) {
				upper += m & AW_UPPER;
				any |= m;
				if (++p == end)
					break;
				m = ascii_word[*p];
			}
			i = (size_t)(p - (const unsigned char *)s);
			lower += !!(any & AW_LOWER);
			continue;
		}
		c = ch < 0x80 ? ascii_class[ch] : char_class((const unsigned char *)s + i, &n);
		if (is_wordch(c)) {
			if (first < 0 && c != CH_MARK)
				first = c;
			upper += c == CH_UPPER;
			lower += c == CH_LOWER;
			i += n;
			continue;
		}
		if (ch == '\'' && is_wordch(class_at(s, i + 1, e))) {
			if ((s[i + 1] == 's' || s[i + 1] == 'S') && !is_wordch(class_at(s, i + 2, e)))
				break;
			if (first < 0)
				first = CH_OTHER;
			i++;
			continue;
		}
		if ((ch == '.' || ch == ',') && i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9' &&
		    i + 1 < e && s[i + 1] >= '0' && s[i + 1] <= '9') {
			if (first < 0 && ch != '.')
				first = CH_OTHER;
			i++;
			continue;
		}
		break;
	}
	/* By table and arithmetic: which way a word goes is hard to
	 * predict. */
	f |= first_flag[first + 1];
	f |= (uint16_t)((upper >= 2) & (lower == 0)) * NG_TOK_UPPER;
	*flags = f;
	return i;
}

static inline ng_status
push_tok(ng_token **toks, size_t *n, size_t *cap, size_t b, size_t e,
         uint16_t flags)
{
	ng_token *t;

	if (*n >= *cap && ng_grow((void **)toks, cap, *n + 1, sizeof(**toks)))
		return NG_ERR_NOMEM;
	t = &(*toks)[(*n)++];
	t->b = (uint32_t)b;
	t->e = (uint32_t)e;
	t->key = 0;
	t->flags = flags;
	t->wclass = 0;
	return NG_OK;
}

static bool
is_abbrev(const ng_knowledge *kb, const char *s, size_t len)
{
	char tmp[32];
	size_t i;

	if (!kb || len >= sizeof(tmp))
		return false;
	for (i = 0; i < len; i++)
		tmp[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
	return ng_strmap_get(&kb->abbrevs, tmp, len, NULL);
}

/* Tokenizes s[b, e) and appends to *toks. */
ng_status
ng_tokenize(const ng_knowledge *kb, const char *s, size_t b, size_t e,
            ng_token **toks, size_t *n, size_t *cap)
{
	size_t i = b;
	uint16_t space = NG_TOK_SPACE;

	while (i < e) {
		size_t cn, j;
		int c = char_class((const unsigned char *)s + i, &cn);

		if (c == CH_SPACE) {
			space = NG_TOK_SPACE;
			i += cn;
			continue;
		}
		if (is_wordch(c)) {
			uint16_t f;
			j = scan_word(s, i, e, &f);
			/* Initials: U.S., U.K., D.C. */
			if (j - i == 1 && c == CH_UPPER && j + 2 < e + 1 && s[j] == '.' &&
			    class_at(s, j + 1, e) == CH_UPPER && j + 2 < e && s[j + 2] == '.') {
				while (j + 2 < e && s[j] == '.' && class_at(s, j + 1, e) == CH_UPPER &&
				       s[j + 2] == '.' && !is_wordch(class_at(s, j + 3, e)))
					j += 2;
				j++;
				f = (uint16_t)((f & ~NG_TOK_UPPER) | NG_TOK_ABBR | NG_TOK_UPPER | NG_TOK_CAP);
			} else if (j < e && s[j] == '.' && is_abbrev(kb, s + i, j - i)) {
				j++;
				f |= NG_TOK_ABBR;
			}
			if (push_tok(toks, n, cap, i, j, f | space))
				return NG_ERR_NOMEM;
			i = j;
			space = 0;
			continue;
		}
		if (s[i] == '\'' && *n && ((*toks)[*n - 1].flags & NG_TOK_WORD) && !space) {
			/* Possessive 's or a plural's bare apostrophe. */
			if (i + 1 < e && (s[i + 1] == 's' || s[i + 1] == 'S') &&
			    !is_wordch(class_at(s, i + 2, e))) {
				if (push_tok(toks, n, cap, i, i + 2, NG_TOK_POSS))
					return NG_ERR_NOMEM;
				i += 2;
				continue;
			}
			if (s[i - 1] == 's' && !is_wordch(class_at(s, i + 1, e))) {
				if (push_tok(toks, n, cap, i, i + 1, NG_TOK_POSS | NG_TOK_PUNCT))
					return NG_ERR_NOMEM;
				i++;
				continue;
			}
		}
		if (s[i] == '-' && !space && *n && ((*toks)[*n - 1].flags & NG_TOK_WORD) &&
		    is_wordch(class_at(s, i + 1, e))) {
			if (push_tok(toks, n, cap, i, i + 1, NG_TOK_PUNCT | NG_TOK_JOIN))
				return NG_ERR_NOMEM;
			i++;
			continue;
		}
		j = i + cn;
		if (s[i] == '.')
			while (j < e && s[j] == '.')
				j++;
		if (push_tok(toks, n, cap, i, j, NG_TOK_PUNCT | space))
			return NG_ERR_NOMEM;
		space = 0;
		i = j;
	}
	return NG_OK;
}

/* The byte of a one-byte token, or 0. */
static inline char
tok_char(const ng_doc *doc, const ng_token *t)
{
	return t->e - t->b == 1 ? doc->text.norm[t->b] : 0;
}

static bool
is_function_word(const ng_doc *doc, const ng_token *t)
{
	static const struct {
		const char *w;
		size_t n;
	} words[] = {{"a", 1},   {"an", 2},  {"the", 3},  {"of", 2},   {"in", 2},   {"on", 2},
	             {"at", 2},  {"to", 2},  {"for", 3},  {"and", 3},  {"or", 2},   {"with", 4},
	             {"by", 2},  {"from", 4}, {"as", 2},  {"amid", 4}, {"vs", 2}};
	size_t i, n = t->e - t->b;
	const char *s = doc->text.norm + t->b;

	/* All of them start with a lower-case ASCII letter. */
	if (n > 4 || !(t->flags & NG_TOK_LOWER))
		return false;
	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (words[i].n == n && !memcmp(s, words[i].w, n))
			return true;
	return false;
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
 * built, a word past eight bytes is still found, as ng_kb_key finds it). */
static __attribute__((noinline)) void
short_key_rare(const ng_knowledge *kb, ng_token *t, const struct ng_short_key *sk, uint64_t v,
               uint64_t r, const char *key, size_t klen)
{
	char tmp[16];

	if (sk) {
		t->key = sk->key;
		t->wclass = sk->wclass;
		t->flags |= ng_word_heads(kb, t->key);
		return;
	}
	if (!key) {
		memcpy(tmp, &v, 8);
		memcpy(tmp + 8, &r, 8);
		key = tmp;
	}
	if ((t->key = ng_kb_key(kb, key, klen))) {
		t->wclass = ng_word_class(kb, t->key);
		t->flags |= ng_word_heads(kb, t->key);
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

	for (j = ng_short_slot(h, kb->short_mask); (sk = &kb->short_keys[j])->word;
	     j = (j + 1) & kb->short_mask)
		if (sk->word == v && (sk->more ? kb->short_rest[j] == r : !r))
			break;
	if (sk->word) {
		/* A lexicon loaded after prepare may have added titles. */
		if (kb->short_titles != kb->n_titles) {
			short_key_rare(kb, t, sk, v, r, key, klen);
			return;
		}
		t->key = sk->key;
		t->wclass = sk->wclass;
		t->flags |= sk->heads;
		return;
	}
	if (klen > 8 && kb->dict_count != kb->dict.count) {
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

	if (n <= 16 && kb->short_keys_ready) {
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
	if (klen >= 1 && klen <= 16 && kb->short_keys_ready) {
		/* f->buf need not be padded: copy only klen bytes. */
		v = r = 0;
		memcpy(&v, key, klen < 8 ? klen : 8);
		if (klen > 8)
			memcpy(&r, key + 8, klen - 8);
		short_key(kb, t, v, r, key, klen);
		return NG_OK;
	}
	t->key = ng_kb_key(kb, key, klen);
	if (!t->key) {
		/* Words the gazetteers do not know get keys of the document's
		 * own, from a hash of the folded word, so that surnames and
		 * acronyms seen in the article can still be matched. */
		t->key = NG_LOCAL_KEY | ((uint32_t)ng_hash_fast(key, klen) & ~NG_LOCAL_KEY);
	} else {
		t->wclass = ng_word_class(kb, t->key);
		t->flags |= ng_word_heads(kb, t->key);
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
		TRY(st, ng_tokenize(doc->kb, s, lb, le, &doc->toks, &doc->n_toks, &doc->cap_toks));
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
			if ((t->flags & NG_TOK_WORD) && (st = word_key(doc->kb, s, t, &f))) {
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
