/* SPDX-License-Identifier: Apache-2.0 */
/* UTF-8 checking, NFC normalization with an offset map, case folding. */
#include "config.h"

#include "text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* Eight bytes at a time: most news text is ASCII. */
#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL

static inline uint64_t
load64(const unsigned char *p)
{
	uint64_t w;

	memcpy(&w, p, 8);
	return w;
}

/* Has w a zero byte? */
static inline uint64_t
has_zero(uint64_t w)
{
	return (w - ONES) & ~w & HIGHS;
}

/* Has w a byte that is not printable ASCII (below 0x20, 0x7F or above)? */
static inline uint64_t
has_special(uint64_t w)
{
	return (w & HIGHS) | ((w - 0x20 * ONES) & ~w & HIGHS) | has_zero(w ^ (0x7F * ONES));
}

size_t
ng_utf8_decode(const unsigned char *s, int32_t *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] < 0xE0) {
		*cp = ((s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if (s[0] < 0xF0) {
		*cp = ((s[0] & 0x0F) << 12) | ((s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		return 3;
	}
	*cp = ((s[0] & 0x07) << 18) | ((s[1] & 0x3F) << 12) |
	      ((s[2] & 0x3F) << 6) | (s[3] & 0x3F);
	return 4;
}

ng_status
ng_utf8_check(const char *str, size_t len, size_t *bad, const char **why)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < len) {
		unsigned char c;
		size_t n, k;
		int32_t cp;

		while (i + 8 <= len) {
			uint64_t w = load64(s + i);
			if ((w & HIGHS) || has_zero(w))
				break;
			i += 8;
		}
		if (i >= len)
			break;
		c = s[i];
		if (c < 0x80) {
			if (!c) {
				*bad = i;
				*why = "NUL byte";
				return NG_ERR_NUL;
			}
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 2;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 3;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 4;
		else {
			*bad = i;
			*why = c >= 0x80 && c < 0xC0 ? "invalid UTF-8: unexpected continuation byte"
			       : c == 0xC0 || c == 0xC1 ? "invalid UTF-8: overlong encoding"
			                                : "invalid UTF-8: invalid lead byte";
			return NG_ERR_BAD_UTF8;
		}
		if (i + n > len) {
			*bad = i;
			*why = "invalid UTF-8: truncated sequence";
			return NG_ERR_BAD_UTF8;
		}
		for (k = 1; k < n; k++)
			if ((s[i + k] & 0xC0) != 0x80) {
				*bad = i;
				*why = "invalid UTF-8: truncated sequence";
				return NG_ERR_BAD_UTF8;
			}
		ng_utf8_decode(s + i, &cp);
		if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000)) {
			*bad = i;
			*why = "invalid UTF-8: overlong encoding";
			return NG_ERR_BAD_UTF8;
		}
		if (cp >= 0xD800 && cp <= 0xDFFF) {
			*bad = i;
			*why = "invalid UTF-8: encoded surrogate";
			return NG_ERR_BAD_UTF8;
		}
		if (cp > 0x10FFFF) {
			*bad = i;
			*why = "invalid UTF-8: code point above U+10FFFF";
			return NG_ERR_BAD_UTF8;
		}
		i += n;
	}
	return NG_OK;
}

ng_status
ng_utf8_repair(const char *s, size_t len, ng_buf *out)
{
	size_t bad;
	const char *why;

	while (ng_utf8_check(s, len, &bad, &why)) {
		/* The bytes before the fault are valid; the faulty byte becomes
		 * U+FFFD, a NUL too, and the rest is checked again. */
		if (ng_buf_add(out, s, bad) || ng_buf_adds(out, "\xEF\xBF\xBD"))
			return NG_ERR_NOMEM;
		s += bad + 1;
		len -= bad + 1;
	}
	return ng_buf_add(out, s, len);
}

/* What a code point becomes in the matching text: NULL to keep it (after
 * NFC), else a replacement (possibly empty). */
static const char *
fold_char(int32_t cp)
{
	switch (cp) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B:
	case 0x2032: case 0x02BC: case 0xFF07:
		return "'";
	case 0x201C: case 0x201D: case 0x201E: case 0x201F:
	case 0x2033: case 0x00AB: case 0x00BB: case 0xFF02:
		return "\"";
	case 0x2010: case 0x2011: case 0x2012: case 0x2212:
		return "-";
	case 0x2013: case 0x2014: case 0x2015:
		return " - ";
	case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003:
	case 0x2004: case 0x2005: case 0x2006: case 0x2007: case 0x2008:
	case 0x2009: case 0x200A: case 0x202F: case 0x205F: case 0x3000:
	case 0x2028: case 0x2029: case 0x0085:
		return " ";
	case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060:
	case 0xFEFF: case 0x200E: case 0x200F: case 0x202A: case 0x202B:
	case 0x202C: case 0x202D: case 0x202E: case 0x2066: case 0x2067:
	case 0x2068: case 0x2069: case 0x061C:
		return "";
	case 0x2026:
		return "...";
	case 0xFFFE: case 0xFFFF:
		return " ";
	}
	if ((cp < 0x20 && cp != '\n') || (cp >= 0x7F && cp < 0xA0))
		return " ";
	return NULL;
}

static ng_status
norm_put(ng_text *t, size_t *cap, const char *s, size_t n, size_t orig_off)
{
	size_t i;

	if (NG_GROW(t->norm, *cap, t->norm_len + n + 1))
		return NG_ERR_NOMEM;
	for (i = 0; i < n; i++) {
		t->norm[t->norm_len + i] = s[i];
		t->map[t->norm_len + i] = (uint32_t)orig_off;
	}
	t->norm_len += n;
	return NG_OK;
}

/* Bytes that normalize to themselves (a tab to a space) one to one. */
static inline bool
is_plain(unsigned char c)
{
	return (c >= 0x20 && c < 0x7F) || c == '\n' || c == '\t';
}

/* The end of the run of plain bytes from i. */
static size_t
plain_run(const unsigned char *s, size_t i, size_t len)
{
	for (;;) {
		size_t stop;
		while (i + 8 <= len && !has_special(load64(s + i)))
			i += 8;
		stop = i + 8 < len ? i + 8 : len;
		while (i < stop && is_plain(s[i]))
			i++;
		if (i < stop || i == len)
			return i;
	}
}

/* Fills map[0, n) with o, o + 1, ... four at a time, as far as four go;
 * returns how far that is. */
static size_t
map_run(uint32_t *map, uint32_t o, size_t n)
{
	size_t k = 0;
#if defined(__GNUC__)
	/* One vector add and store for four entries; built from scalars each
	 * time, the compiler's own vectors cost three times that. */
	typedef uint32_t v4 __attribute__((vector_size(16)));
	v4 v = {o, o + 1, o + 2, o + 3};

	for (; k + 4 <= n; k += 4) {
		memcpy(map + k, &v, sizeof(v));
		v += 4;
	}
#else
	for (; k + 4 <= n; k += 4) {
		map[k] = o + (uint32_t)k;
		map[k + 1] = o + (uint32_t)k + 1;
		map[k + 2] = o + (uint32_t)k + 2;
		map[k + 3] = o + (uint32_t)k + 3;
	}
#endif
	return k;
}

ng_status
ng_text_init(ng_text *t, const char *bytes, size_t len, size_t *bad,
             const char **why)
{
	const unsigned char *s;
	size_t i = 0, ncap = 0, mcap = 0;
	size_t skip = 0;
	ng_status st;

	memset(t, 0, sizeof(*t));
	if (len >= 3 && !memcmp(bytes, "\xEF\xBB\xBF", 3))
		skip = 3;
	if (len - skip == 0) {
		*bad = 0;
		*why = "empty file";
		return NG_ERR_EMPTY;
	}
	if (len > UINT32_MAX / 2) {
		*bad = 0;
		*why = "file too large";
		return NG_ERR_TOO_BIG;
	}
	if ((st = ng_utf8_check(bytes + skip, len - skip, bad, why))) {
		*bad += skip;
		return st;
	}
	t->orig = bytes + skip;
	t->orig_len = len - skip;
	s = (const unsigned char *)t->orig;
	/* Folding can grow the text (a dash becomes " - "), so size generously;
	 * the map grows with the text. */
	if (NG_GROW(t->norm, ncap, t->orig_len + 16) ||
	    NG_GROW(t->map, mcap, t->orig_len + 16))
		goto nomem;
	while (i < t->orig_len) {
		size_t start = i, n;
		int32_t cp;
		const char *f;

		if (is_plain(s[i])) {
			/* Plain ASCII copies as it is, but a character followed by
			 * a non-ASCII one is left to normalize with any combining
			 * marks after it. */
			size_t j = plain_run(s, i, t->orig_len), k, run;
			char *out, *tab;
			uint32_t *map;
			if (j < t->orig_len && s[j] >= 0x80)
				j--;
			if (j > i) {
				run = j - i;
				if (NG_GROW(t->map, mcap, t->norm_len + run + 1) ||
				    NG_GROW(t->norm, ncap, t->norm_len + run + 1))
					goto nomem;
				out = t->norm + t->norm_len;
				map = t->map + t->norm_len;
				memcpy(out, s + i, run);
				k = map_run(map, (uint32_t)i, run);
				for (; k < run; k++)
					map[k] = (uint32_t)(i + k);
				for (tab = out; (tab = memchr(tab, '\t', (size_t)(out + run - tab)));)
					*tab++ = ' ';
				t->norm_len += run;
				i = j;
				continue;
			}
		}
		n = ng_utf8_decode(s + i, &cp);
		if (cp == '\r') {
			/* CRLF and lone CR both end a line. */
			i += n;
			if (i < t->orig_len && s[i] == '\n')
				continue;
			cp = '\n';
			n = 0;
		}
		if (cp == '\n' || cp == '\t') {
			if (NG_GROW(t->map, mcap, t->norm_len + 2) ||
			    norm_put(t, &ncap, cp == '\n' ? "\n" : " ", 1, start))
				goto nomem;
			i += n;
			continue;
		}
		if ((f = fold_char(cp))) {
			size_t fl = strlen(f);
			i += n;
			if (NG_GROW(t->map, mcap, t->norm_len + fl + 1) ||
			    norm_put(t, &ncap, f, fl, start))
				goto nomem;
			continue;
		}
		/* A starter and the combining marks after it normalize together. */
		i += n;
		while (i < t->orig_len && s[i] >= 0x80) {
			int32_t c2;
			size_t n2 = ng_utf8_decode(s + i, &c2);
			if (!utf8proc_get_property(c2)->combining_class)
				break;
			i += n2;
		}
		if (i - start == n && cp < 0x300) {
			/* A lone Latin-1 or Latin Extended letter is already NFC. */
			if (NG_GROW(t->map, mcap, t->norm_len + n + 1) ||
			    norm_put(t, &ncap, (const char *)s + start, n, start))
				goto nomem;
		} else {
			utf8proc_uint8_t *out = NULL;
			utf8proc_ssize_t r = utf8proc_map(s + start, (utf8proc_ssize_t)(i - start), &out,
			                                  UTF8PROC_COMPOSE | UTF8PROC_STABLE);
			if (r < 0) {
				*bad = start + skip;
				*why = utf8proc_errmsg(r);
				free(out);
				ng_text_clear(t);
				return NG_ERR_BAD_UTF8;
			}
			if (NG_GROW(t->map, mcap, t->norm_len + (size_t)r + 1) ||
			    norm_put(t, &ncap, (const char *)out, (size_t)r, start)) {
				free(out);
				goto nomem;
			}
			free(out);
		}
	}
	/* The normalized text ends with eight NUL bytes, so that the tokenizer
	 * may read a word eight bytes at a time. */
	if (NG_GROW(t->map, mcap, t->norm_len + 1) || NG_GROW(t->norm, ncap, t->norm_len + NG_NORM_PAD))
		goto nomem;
	memset(t->norm + t->norm_len, 0, NG_NORM_PAD);
	t->map[t->norm_len] = (uint32_t)t->orig_len;
	return NG_OK;
nomem:
	ng_text_clear(t);
	*bad = 0;
	*why = "out of memory";
	return NG_ERR_NOMEM;
}

void
ng_text_clear(ng_text *t)
{
	free(t->norm);
	free(t->map);
	free(t->chars);
	memset(t, 0, sizeof(*t));
}

/* Code points in s[0, n) of valid UTF-8: the bytes that are not
 * continuation bytes (10xxxxxx), eight at a time. */
static size_t
count_chars(const unsigned char *s, size_t n)
{
	size_t c = 0, i = 0;

	for (; i + 8 <= n; i += 8) {
		uint64_t w = load64(s + i);
		/* The high bit of each continuation byte, moved to the low bit;
		 * the multiplication sums the bytes into the top one. */
		uint64_t cont = (w & ~(w << 1) & HIGHS) >> 7;
		c += 8 - (size_t)((cont * ONES) >> 56);
	}
	for (; i < n; i++)
		c += (s[i] & 0xC0) != 0x80;
	return c;
}

ng_status
ng_text_index_chars(ng_text *t)
{
	const unsigned char *s = (const unsigned char *)t->orig;
	size_t b, n = 0, nblocks = t->orig_len / 64 + 1;

	if (t->chars)
		return NG_OK;
	/* Code points before each 64-byte block: a lookup then counts at
	 * most 63 bytes. */
	if (!(t->chars = malloc(nblocks * sizeof(*t->chars))))
		return NG_ERR_NOMEM;
	for (b = 0; b < nblocks; b++) {
		size_t e = (b + 1) * 64 < t->orig_len ? (b + 1) * 64 : t->orig_len;
		t->chars[b] = (uint32_t)n;
		if (b * 64 < e)
			n += count_chars(s + b * 64, e - b * 64);
	}
	return NG_OK;
}

size_t
ng_text_char_offset(const ng_text *t, size_t orig_byte)
{
	const unsigned char *s = (const unsigned char *)t->orig;
	size_t b;

	if (orig_byte > t->orig_len)
		orig_byte = t->orig_len;
	if (!t->chars)
		return count_chars(s, orig_byte);
	b = orig_byte & ~(size_t)63;
	return t->chars[b >> 6] + count_chars(s + b, orig_byte - b);
}

ng_status
ng_fold(const char *s, size_t len, bool strip, ng_buf *out)
{
	size_t i;
	utf8proc_uint8_t *res = NULL;
	utf8proc_ssize_t r;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80)
			break;
	if (i == len) {
		/* ASCII: folding is lower-casing. */
		if (NG_GROW(out->buf, out->cap, out->len + len + 1))
			return NG_ERR_NOMEM;
		for (i = 0; i < len; i++) {
			char c = s[i];
			out->buf[out->len++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
		}
		out->buf[out->len] = '\0';
		return NG_OK;
	}
	r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)len, &res,
	                 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD |
	                     (strip ? UTF8PROC_STRIPMARK | UTF8PROC_COMPOSE : 0));
	if (r < 0) {
		free(res);
		return r == UTF8PROC_ERROR_NOMEM ? NG_ERR_NOMEM : NG_ERR_BAD_UTF8;
	}
	if (ng_buf_add(out, (const char *)res, (size_t)r)) {
		free(res);
		return NG_ERR_NOMEM;
	}
	free(res);
	return NG_OK;
}

/* ng_clean_literal, and with keep_lines ng_clean_text (line feeds kept,
 * a carriage return a space like any other control). */
static ng_status
clean(const char *str, size_t len, bool keep_lines, ng_buf *out)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0;

	while (i < len) {
		unsigned char c = s[i];
		size_t n = 1;
		const char *rep = NULL;

		if (c >= 0x20 && c < 0x7F) {
			i++;
			continue;
		}
		if (c < 0x80) {
			if (c != '\t' && !(keep_lines && c == '\n'))
				rep = " ";
		} else {
			int32_t cp;
			n = ng_utf8_decode(s + i, &cp);
			if (cp < 0xA0)
				rep = " ";
			else if (cp == 0xFFFE || cp == 0xFFFF)
				rep = "\xEF\xBF\xBD";
		}
		if (rep) {
			if (ng_buf_add(out, str + run, i - run) || ng_buf_adds(out, rep))
				return NG_ERR_NOMEM;
			run = i + n;
		}
		i += n;
	}
	return ng_buf_add(out, str + run, len - run);
}

ng_status
ng_clean_literal(const char *str, size_t len, ng_buf *out)
{
	return clean(str, len, false, out);
}

ng_status
ng_clean_text(const char *str, size_t len, ng_buf *out)
{
	return clean(str, len, true, out);
}

bool
ng_literal_is_clean(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = s[i];
		if (c >= 0x20 && c < 0x7F)
			continue;
		if (c < 0x80 ? c != '\t'
		             : (c == 0xC2 && i + 1 < len && s[i + 1] < 0xA0) ||
		                   (c == 0xEF && i + 2 < len && s[i + 1] == 0xBF && s[i + 2] >= 0xBE))
			return false;
	}
	return true;
}

ng_status
ng_label_normalize(const char *s, size_t len, ng_buf *out)
{
	ng_buf c = {0};
	utf8proc_uint8_t *res = NULL;
	utf8proc_ssize_t r;
	const char *p;
	size_t i, n;
	bool ascii = true, space = false;
	ng_status st;

	if ((st = ng_clean_literal(s, len, &c)))
		goto done;
	p = c.buf ? c.buf : "";
	n = c.len;
	for (i = 0; i < n; i++)
		if ((unsigned char)p[i] >= 0x80)
			ascii = false;
	if (!ascii) {
		r = utf8proc_map((const utf8proc_uint8_t *)p, (utf8proc_ssize_t)n, &res,
		                 UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		if (r < 0) {
			st = r == UTF8PROC_ERROR_NOMEM ? NG_ERR_NOMEM : NG_ERR_BAD_UTF8;
			goto done;
		}
		p = (const char *)res;
		n = (size_t)r;
	}
	/* Runs of spaces and tabs are one space; none at the ends. */
	for (i = 0; i < n && !st; i++) {
		if (p[i] == ' ' || p[i] == '\t') {
			space = true;
			continue;
		}
		if (space && out->len)
			st = ng_buf_addc(out, ' ');
		space = false;
		if (!st)
			st = ng_buf_addc(out, p[i]);
	}
done:
	free(res);
	ng_buf_free(&c);
	return st;
}

ng_status
ng_slug(const char *s, size_t len, ng_buf *out)
{
	static const char hex[] = "0123456789ABCDEF";
	ng_buf f = {0};
	const unsigned char *src = (const unsigned char *)s;
	size_t i, n = len;
	bool dash = false, ascii = true;
	char *o, *start;

	/* ASCII folds by lower-casing, done below as the bytes are read;
	 * anything else is folded (and stripped of marks) first. */
	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] >= 0x80) {
			ascii = false;
			break;
		}
	if (!ascii) {
		if (ng_fold(s, len, true, &f))
			return NG_ERR_NOMEM;
		src = (const unsigned char *)f.buf;
		n = f.len;
	}
	/* At most a dash and three bytes per byte, or an "x"; and the NUL. */
	if (n > (SIZE_MAX - out->len - 2) / 4 ||
	    NG_GROW(out->buf, out->cap, out->len + 4 * n + 2)) {
		ng_buf_free(&f);
		return NG_ERR_NOMEM;
	}
	o = start = out->buf + out->len;
	for (i = 0; i < n; i++) {
		unsigned char c = src[i];
		if (ascii && c >= 'A' && c <= 'Z')
			c += 32;
		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			if (dash && o > start)
				*o++ = '-';
			dash = false;
			*o++ = (char)c;
		} else if (c >= 0x80) {
			/* Letters outside ASCII are kept, percent-encoded. */
			if (dash && o > start)
				*o++ = '-';
			dash = false;
			*o++ = '%';
			*o++ = hex[c >> 4];
			*o++ = hex[c & 15];
		} else if (c != '\'') {
			dash = true;
		}
	}
	if (o == start)
		*o++ = 'x';
	*o = '\0';
	out->len = (size_t)(o - out->buf);
	ng_buf_free(&f);
	return NG_OK;
}
