/* SPDX-License-Identifier: Apache-2.0 */
/* IRIs: which strings are absolute IRIs by RFC 3987 (and so IRIREFs that
 * every RDF syntax takes), and URLs from articles' metadata made into such
 * IRIs by percent-encoding what an IRI may not hold. */
#include "config.h"

#include <string.h>

#include "iri.h"

/* Where a character stands: each part of an IRI allows its own set. */
enum { P_USER, P_HOST, P_PATH, P_QUERY, P_FRAGMENT };

static bool
is_alpha(unsigned c)
{
	return (c | 32) >= 'a' && (c | 32) <= 'z';
}

static bool
is_digit(unsigned c)
{
	return c >= '0' && c <= '9';
}

/* The ASCII characters that part p allows as they are (RFC 3987:
 * iunreserved, sub-delims, and ":" "@" "/" "?" where the part does). */
static bool
ascii_ok(unsigned c, int p)
{
	if (is_alpha(c) || is_digit(c) || strchr("-._~!$&'()*+,;=", (int)c))
		return c != 0;
	switch (c) {
	case ':': return p != P_HOST;
	case '@': return p >= P_PATH;
	case '/': case '?': return p >= P_QUERY || (p == P_PATH && c == '/');
	default: return false;
	}
}

/* ucschar, and iprivate in a query. */
static bool
cp_ok(int32_t cp, int p)
{
	int32_t low = cp & 0xFFFF;

	if (cp >= 0xA0 && cp <= 0xD7FF)
		return true;
	if ((cp >= 0xF900 && cp <= 0xFDCF) || (cp >= 0xFDF0 && cp <= 0xFFEF))
		return true;
	if (cp >= 0x10000 && cp <= 0xDFFFF && low <= 0xFFFD)
		return true;
	if (cp >= 0xE1000 && cp <= 0xEFFFD)
		return true;
	if (p == P_QUERY && ((cp >= 0xE000 && cp <= 0xF8FF) || (cp >= 0xF0000 && cp <= 0xFFFFD) ||
	                     (cp >= 0x100000 && cp <= 0x10FFFD)))
		return true;
	return false;
}

/* The code point of the valid UTF-8 sequence at s (n bytes left) and its
 * length in *len; -1 if the bytes are not one. */
static int32_t
utf8_at(const unsigned char *s, size_t n, size_t *len)
{
	unsigned c = s[0];
	size_t k, need;
	int32_t cp;

	if (c < 0x80) {
		*len = 1;
		return (int32_t)c;
	}
	if (c >= 0xC2 && c <= 0xDF)
		need = 2, cp = c & 0x1F;
	else if (c >= 0xE0 && c <= 0xEF)
		need = 3, cp = c & 0x0F;
	else if (c >= 0xF0 && c <= 0xF4)
		need = 4, cp = c & 0x07;
	else
		return -1;
	if (need > n)
		return -1;
	for (k = 1; k < need; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (s[k] & 0x3F);
	}
	if ((need == 3 && cp < 0x800) || (need == 4 && cp < 0x10000) || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*len = need;
	return cp;
}

/* How many bytes of s, at most n, a valid character of part p takes, 0 if
 * the next is none. */
static size_t
char_ok(const unsigned char *s, size_t n, int p)
{
	size_t len;
	int32_t cp;

	if (s[0] == '%')
		return n >= 3 && ng_is_hex(s[1]) && ng_is_hex(s[2]) ? 3 : 0;
	if (s[0] < 0x80)
		return ascii_ok(s[0], p) ? 1 : 0;
	cp = utf8_at(s, n, &len);
	return cp >= 0 && cp_ok(cp, p) ? len : 0;
}

static bool
part_ok(const unsigned char *s, size_t n, int p)
{
	size_t i = 0, k;

	while (i < n) {
		if (!(k = char_ok(s + i, n - i, p)))
			return false;
		i += k;
	}
	return true;
}

/* An IP literal's inside: an IPv6 address, loosely (hex digits, colons
 * and dots), or IPvFuture ("v" HEX "." then unreserved, sub-delims, ":"). */
static bool
ip_literal_ok(const unsigned char *s, size_t n)
{
	size_t i;

	if (!n)
		return false;
	if ((s[0] | 32) == 'v') {
		for (i = 1; i < n && ng_is_hex(s[i]); i++)
			;
		if (i == 1 || i >= n || s[i] != '.' || i + 1 >= n)
			return false;
		for (i++; i < n; i++)
			if (!(is_alpha(s[i]) || is_digit(s[i]) || strchr("-._~!$&'()*+,;=:", s[i])))
				return false;
		return true;
	}
	for (i = 0; i < n; i++)
		if (!(ng_is_hex(s[i]) || s[i] == ':' || s[i] == '.'))
			return false;
	return true;
}

static bool
authority_ok(const unsigned char *s, size_t n)
{
	const unsigned char *at = NULL, *h, *e = s + n, *port;
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] == '@')
			at = s + i;
	if (at && !part_ok(s, (size_t)(at - s), P_USER))
		return false;
	h = at ? at + 1 : s;
	if (h < e && *h == '[') {
		const unsigned char *close = memchr(h, ']', (size_t)(e - h));
		if (!close || !ip_literal_ok(h + 1, (size_t)(close - h - 1)))
			return false;
		port = close + 1;
		if (port < e && *port != ':')
			return false;
	} else {
		for (port = h; port < e && *port != ':'; port++)
			;
		if (!part_ok(h, (size_t)(port - h), P_HOST))
			return false;
	}
	if (port < e)
		for (port++; port < e; port++)
			if (!is_digit(*port))
				return false;
	return true;
}

/* The length of the scheme with its colon, or 0 if there is none. */
static size_t
scheme_len(const char *s)
{
	size_t i = 1;

	if (!is_alpha((unsigned char)s[0]))
		return 0;
	while (is_alpha((unsigned char)s[i]) || is_digit((unsigned char)s[i]) || s[i] == '+' ||
	       s[i] == '-' || s[i] == '.')
		i++;
	return s[i] == ':' ? i + 1 : 0;
}

/* The end of the part that starts at s and ends before one of stops. */
static const unsigned char *
part_end(const unsigned char *s, const char *stops)
{
	while (*s && !strchr(stops, *s))
		s++;
	return s;
}

bool
ng_iri_check(const char *iri, bool fragment)
{
	const unsigned char *s, *e;
	size_t n;

	if (!iri || !(n = scheme_len(iri)))
		return false;
	s = (const unsigned char *)iri + n;
	if (s[0] == '/' && s[1] == '/') {
		e = part_end(s + 2, "/?#");
		if (!authority_ok(s + 2, (size_t)(e - s - 2)))
			return false;
		s = e;
	}
	e = part_end(s, "?#");
	if (!part_ok(s, (size_t)(e - s), P_PATH))
		return false;
	s = e;
	if (*s == '?') {
		e = part_end(++s, "#");
		if (!part_ok(s, (size_t)(e - s), P_QUERY))
			return false;
		s = e;
	}
	if (*s == '#') {
		if (!fragment)
			return false;
		s++;
		if (!part_ok(s, strlen((const char *)s), P_FRAGMENT))
			return false;
	}
	return true;
}

int
ng_iri_is_valid(const char *iri)
{
	return ng_iri_check(iri, true);
}

int
ng_iri_is_base(const char *base)
{
	return ng_iri_check(base, false);
}

/* Appends s[0, n) of part p, percent-encoding every byte of what that part
 * may not hold as it is. */
static ng_status
encode_part(const unsigned char *s, size_t n, int p, ng_buf *out)
{
	size_t i = 0, k, j;

	while (i < n) {
		if ((k = char_ok(s + i, n - i, p))) {
			if (ng_buf_add(out, (const char *)s + i, k))
				return NG_ERR_NOMEM;
			i += k;
			continue;
		}
		/* One character (or one stray byte), every byte encoded. */
		if (s[i] >= 0x80 && utf8_at(s + i, n - i, &k) < 0)
			k = 1;
		else if (s[i] < 0x80)
			k = 1;
		for (j = 0; j < k; j++)
			if (ng_buf_printf(out, "%%%02X", s[i + j]))
				return NG_ERR_NOMEM;
		i += k;
	}
	return NG_OK;
}

static bool
from_url(const unsigned char *s, const unsigned char *end, size_t scheme, bool brackets,
         ng_buf *out)
{
	const unsigned char *e;

	ng_buf_clear(out);
	if (ng_buf_add(out, (const char *)s, scheme))
		return false;
	s += scheme;
	if (end - s >= 2 && s[0] == '/' && s[1] == '/') {
		const unsigned char *at = NULL, *p, *c, *q;
		for (e = s + 2; e < end && !strchr("/?#", *e); e++)
			if (*e == '@')
				at = e;
		if (ng_buf_add(out, "//", 2))
			return false;
		if (at && (encode_part(s + 2, (size_t)(at - s - 2), P_USER, out) ||
		           ng_buf_addc(out, '@')))
			return false;
		p = at ? at + 1 : s + 2;
		if (brackets && p < e && *p == '[' && (c = memchr(p, ']', (size_t)(e - p)))) {
			if (ng_buf_add(out, (const char *)p, (size_t)(c + 1 - p)))
				return false;
			p = c + 1;
		}
		/* The host up to the port's colon; other colons are encoded. */
		for (c = NULL, q = p; q < e; q++)
			if (*q == ':')
				c = q;
		if (encode_part(p, (size_t)((c ? c : e) - p), P_HOST, out) ||
		    (c && (ng_buf_addc(out, ':') || encode_part(c + 1, (size_t)(e - c - 1), P_HOST, out))))
			return false;
		s = e;
	}
	for (e = s; e < end && *e != '?' && *e != '#'; e++)
		;
	if (encode_part(s, (size_t)(e - s), P_PATH, out))
		return false;
	s = e;
	if (s < end && *s == '?') {
		for (e = ++s; e < end && *e != '#'; e++)
			;
		if (ng_buf_addc(out, '?') || encode_part(s, (size_t)(e - s), P_QUERY, out))
			return false;
		s = e;
	}
	/* A second '#' is data of the fragment: %23. */
	if (s < end && *s == '#' &&
	    (ng_buf_addc(out, '#') || encode_part(s + 1, (size_t)(end - s - 1), P_FRAGMENT, out)))
		return false;
	return ng_iri_check(out->buf, true);
}

bool
ng_iri_from_url(const char *url, ng_buf *out)
{
	const unsigned char *s, *e;
	size_t scheme;

	while (*url == ' ' || *url == '\t')
		url++;
	if (!(scheme = scheme_len(url)))
		return false;
	s = (const unsigned char *)url;
	for (e = s + strlen(url); e > s && e[-1] <= 0x20;)
		e--;
	/* Brackets kept where they make an IP literal, else encoded. */
	return from_url(s, e, scheme, true, out) || from_url(s, e, scheme, false, out);
}
