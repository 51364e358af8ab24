/* SPDX-License-Identifier: Apache-2.0 */
/* Tokens: words (with their case and abbreviations), possessives, joining
 * hyphens and punctuation, over normalized text. */
#include "config.h"

#include <string.h>
#include <utf8proc.h>

#include "text.h"
#include "token.h"

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
is_abbrev(const ng_strmap *abbrevs, const char *s, size_t len)
{
	char tmp[32];
	size_t i;

	if (!abbrevs || len >= sizeof(tmp))
		return false;
	for (i = 0; i < len; i++)
		tmp[i] = (s[i] >= 'A' && s[i] <= 'Z') ? (char)(s[i] + 32) : s[i];
	return ng_strmap_get(abbrevs, tmp, len, NULL);
}

/* Tokenizes s[b, e) and appends to *toks. */
ng_status
ng_tokenize(const ng_strmap *abbrevs, const char *s, size_t b, size_t e,
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
			} else if (j < e && s[j] == '.' && is_abbrev(abbrevs, s + i, j - i)) {
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
