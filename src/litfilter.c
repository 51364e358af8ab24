/* SPDX-License-Identifier: Apache-2.0 */
/* The required-literal prefilter: the strings one of which every match of
 * a caseless expression contains, read off its source, so that a text
 * holding none of them is never given to PCRE2. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "litfilter.h"

static inline unsigned char
lower_ascii(unsigned char c)
{
	return (unsigned char)(c + ((unsigned)(c - 'A') < 26 ? 32 : 0));
}

static inline unsigned char
upper_ascii(unsigned char c)
{
	return (unsigned char)(c - ((unsigned)(c - 'a') < 26 ? 32 : 0));
}

/* Does s[0, n) hold a character outside ASCII that caseless matching
 * takes for an ASCII letter? Of all of Unicode, only U+017F (long s) and
 * U+212A (Kelvin sign) are; check_segment holds PCRE2 to that. s[n + 1]
 * must be readable. */
static bool
has_ascii_other_case(const unsigned char *s, size_t n)
{
	size_t k;

	for (k = 0; k < n; k++)
		if ((s[k] == 0xC5 && s[k + 1] == 0xBF) ||
		    (s[k] == 0xE2 && s[k + 1] == 0x84 && s[k + 2] == 0xAA))
			return true;
	return false;
}

/* Can the expression of filter f match s[0, n)? False only if s contains
 * none of the filter's strings, in any case. The strings are ASCII, so
 * bytes outside ASCII never match them, but a text with U+017F or U+212A
 * is always matched. Candidates are found by their first two bytes, read
 * together as an index into a table of 65536 flags (s[n] must be readable:
 * the normalized text is padded, the relations' text ends with a NUL). */
bool
ng_litfilter_may_match(const ng_litfilter *f, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	const uint8_t *pairs = f->pairs;
	uint64_t all = 0;
	size_t k;

	if (!pairs || !n)
		return true;
	for (k = 0; k + 8 <= n; k += 8) {
		uint64_t w;
		memcpy(&w, s + k, 8);
		all |= w;
	}
	for (; k < n; k++)
		all |= s[k];
	if ((all & 0x8080808080808080ULL) && has_ascii_other_case(s, n))
		return true;
	for (k = 0; k < n; k++) {
		uint16_t pair;
		memcpy(&pair, s + k, 2);
		if (pairs[pair]) {
			/* Strings are stored as a length byte and the bytes. */
			const unsigned char *l = (const unsigned char *)f->lits.buf;
			const unsigned char *end = l + f->lits.len;
			unsigned char c0 = lower_ascii(s[k]);
			for (; l < end; l += 1 + l[0]) {
				size_t ln = l[0], j;
				if (l[1] != c0 || ln > n - k)
					continue;
				for (j = 1; j < ln && lower_ascii(s[k + j]) == l[1 + j]; j++)
					;
				if (j == ln)
					return true;
			}
		}
	}
	return false;
}

/* ------------------------------------------------------ literal prefilter */

/* Every line under NG_BOILER_MAX_LINE is matched against the expressions;
 * most are prose that no rule matches. At load, the strings that any
 * match must contain are read off the expression's source (for the plain
 * syntax the rules use: literals, groups, alternatives, classes,
 * quantifiers); a line that contains none of them, in any case, cannot
 * match, and is not given to PCRE2. The strings are ASCII: characters
 * outside ASCII are items of their own. A line with U+017F or U+212A is
 * always matched, since caseless UTF matching lets 's' and 'k' match
 * them. Anything the reader does not know gives no filter at all. */

/* A requirement: strings (lower case, each NUL-terminated in buf) one of
 * which occurs in every match; n == 0 means none is known. */
typedef struct {
	ng_buf buf;
	size_t n;
	size_t shortest;
} lit_req;

typedef struct {
	const char *p;
	bool bad;       /* a construct the reader does not know */
	bool nomem;
} lit_parser;

static void
req_free(lit_req *r)
{
	ng_buf_free(&r->buf);
	memset(r, 0, sizeof(*r));
}

static void
req_add(lit_parser *ps, lit_req *r, const char *s, size_t n)
{
	size_t i;

	if (ng_grow((void **)&r->buf.buf, &r->buf.cap, r->buf.len + n + 1, 1)) {
		ps->nomem = true;
		return;
	}
	for (i = 0; i < n; i++) {
		char c = s[i];
		r->buf.buf[r->buf.len++] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
	}
	r->buf.buf[r->buf.len++] = '\0';
	if (!r->n || n < r->shortest)
		r->shortest = n;
	r->n++;
}

/* Keeps the more selective of *best and *cand (by shortest string);
 * empties *cand. */
static void
req_keep_best(lit_req *best, lit_req *cand)
{
	if (cand->n && (!best->n || cand->shortest > best->shortest)) {
		lit_req t = *best;
		*best = *cand;
		*cand = t;
	}
	req_free(cand);
}

/* Skips a quantifier at ps->p; returns its minimum (1 if none). */
static unsigned long
skip_quantifier(lit_parser *ps)
{
	const char *p = ps->p;
	unsigned long min = 1;

	if (*p == '?' || *p == '*') {
		min = 0;
		p++;
	} else if (*p == '+') {
		p++;
	} else if (*p == '{') {
		const char *q = p + 1;
		if (!(*q >= '0' && *q <= '9')) {
			ps->bad = true;
			return 0;
		}
		min = strtoul(q, (char **)&q, 10);
		if (*q == ',') {
			q++;
			while (*q >= '0' && *q <= '9')
				q++;
		}
		if (*q != '}') {
			ps->bad = true;
			return 0;
		}
		p = q + 1;
	} else {
		return 1;
	}
	if (*p == '?' || *p == '+')
		p++;
	ps->p = p;
	return min;
}

static void parse_alternatives(lit_parser *ps, lit_req *out, int depth);

/* Skips a character class; ps->p is after its '['. */
static void
skip_class(lit_parser *ps)
{
	const char *p = ps->p;

	if (*p == '^')
		p++;
	if (*p == ']')
		p++;
	while (*p && *p != ']') {
		if (*p == '\\') {
			if (!p[1] || (((p[1] >= 'a' && p[1] <= 'z') || (p[1] >= 'A' && p[1] <= 'Z')) &&
			              !strchr("dDwWsShHvV", p[1]))) {
				ps->bad = true;
				return;
			}
			p += 2;
			continue;
		}
		if (*p == '[' && (p[1] == ':' || p[1] == '.' || p[1] == '=')) {
			const char *q = p + 2;
			while ((*q >= 'a' && *q <= 'z') || *q == '^')
				q++;
			if (q[0] != p[1] || q[1] != ']') {
				ps->bad = true;
				return;
			}
			p = q + 2;
			continue;
		}
		p++;
	}
	if (*p != ']') {
		ps->bad = true;
		return;
	}
	ps->p = p + 1;
}

/* One branch: a sequence of items up to '|', ')' or the end. */
static void
parse_sequence(lit_parser *ps, lit_req *out, int depth)
{
	char run[256];
	size_t rn = 0;
	lit_req cand = {0};

#define FLUSH()                                                   \
	do {                                                          \
		if (rn) {                                                 \
			req_add(ps, &cand, run, rn);                          \
			req_keep_best(out, &cand);                            \
			rn = 0;                                               \
		}                                                         \
	} while (0)

	while (*ps->p && *ps->p != '|' && *ps->p != ')' && !ps->bad && !ps->nomem) {
		unsigned char c = (unsigned char)*ps->p;
		int lit = -1;   /* a literal byte, or -1 for another item */
		bool zero = false;

		if (c == '\\') {
			unsigned char d = (unsigned char)ps->p[1];
			if (!d) {
				ps->bad = true;
				break;
			}
			ps->p += 2;
			if (d < 0x80 && !((d >= 'a' && d <= 'z') || (d >= 'A' && d <= 'Z') ||
			                  (d >= '0' && d <= '9')))
				lit = d;
			else if (d && strchr("bBAzZG", d))
				zero = true;
			else if (d && strchr("dDwWsShHvVRX", d))
				;
			else if (d >= '1' && d <= '9' && !(ps->p[0] >= '0' && ps->p[0] <= '9'))
				;   /* a back reference: no literal of its own */
			else {
				ps->bad = true;
				break;
			}
		} else if (c == '^' || c == '$') {
			ps->p++;
			zero = true;
		} else if (c == '.') {
			ps->p++;
		} else if (c == '[') {
			ps->p++;
			skip_class(ps);
		} else if (c == '(') {
			lit_req inner = {0};
			if (ps->p[1] == '?' && ps->p[2] == ':')
				ps->p += 3;
			else if (ps->p[1] == '?' || ps->p[1] == '*' || depth > 50) {
				ps->bad = true;
				break;
			} else
				ps->p++;
			parse_alternatives(ps, &inner, depth + 1);
			if (ps->bad || *ps->p != ')') {
				req_free(&inner);
				ps->bad = true;
				break;
			}
			ps->p++;
			FLUSH();
			if (skip_quantifier(ps) > 0)
				req_keep_best(out, &inner);
			else
				req_free(&inner);
			continue;
		} else if (c == '*' || c == '+' || c == '?' || c == '{') {
			ps->bad = true;
			break;
		} else if (c >= 0x80) {
			/* A character outside ASCII: never in an ASCII line, but
			 * it may be optional; an item of its own. */
			ps->p++;
			while (((unsigned char)*ps->p & 0xC0) == 0x80)
				ps->p++;
		} else {
			ps->p++;
			lit = c;
		}
		if (zero) {
			FLUSH();
			if (*ps->p == '?' || *ps->p == '*' || *ps->p == '+' || *ps->p == '{') {
				ps->bad = true;
				break;
			}
			continue;
		}
		if (lit < 0) {
			FLUSH();
			(void)skip_quantifier(ps);
			continue;
		}
		{
			unsigned long min = skip_quantifier(ps);
			if (ps->bad)
				break;
			if (min > 0) {
				if (rn == sizeof(run))
					FLUSH();
				run[rn++] = (char)lit;
			}
			if (min != 1 || (ps->p[-1] == '+' || ps->p[-1] == '}' || ps->p[-1] == '?' ||
			                 ps->p[-1] == '*'))
				FLUSH();
		}
	}
	FLUSH();
	req_free(&cand);
#undef FLUSH
}

/* Alternatives: a match of the whole contains a string of every branch's
 * requirement, so the union is required; a branch without one voids it. */
static void
parse_alternatives(lit_parser *ps, lit_req *out, int depth)
{
	bool first = true, none = false;

	for (;;) {
		lit_req br = {0};
		parse_sequence(ps, &br, depth);
		if (!br.n)
			none = true;
		if (!none) {
			size_t i = 0;
			if (first)
				out->n = 0;
			while (i < br.buf.len) {
				size_t n = strlen(br.buf.buf + i);
				req_add(ps, out, br.buf.buf + i, n);
				i += n + 1;
			}
		}
		req_free(&br);
		first = false;
		if (*ps->p != '|' || ps->bad)
			break;
		ps->p++;
	}
	if (none)
		req_free(out);
}

/* The strings one of which any match of re must contain, lower case and
 * NUL-separated in out; out is left empty if they cannot be told. */
static ng_status
boiler_literals(const char *re, ng_buf *out)
{
	lit_parser ps = {re, false, false};
	lit_req r = {0};

	ng_buf_clear(out);
	parse_alternatives(&ps, &r, 0);
	if (ps.nomem) {
		req_free(&r);
		return NG_ERR_NOMEM;
	}
	if (!ps.bad && !*ps.p && r.n && ng_buf_add(out, r.buf.buf, r.buf.len)) {
		req_free(&r);
		return NG_ERR_NOMEM;
	}
	req_free(&r);
	return NG_OK;
}

void
ng_litfilter_free(ng_litfilter *f)
{
	free(f->pairs);
	f->pairs = NULL;
	ng_buf_free(&f->lits);
}

ng_status
ng_litfilter_build(ng_litfilter *f, const char *re)
{
	ng_buf lits = {0};
	size_t i = 0;
	ng_status st = NG_OK;

	ng_litfilter_free(f);
	if (!re || !*re)
		return NG_OK;
	TRY(st, boiler_literals(re, &lits));
	if (!lits.len)
		goto done;
	if (!(f->pairs = calloc(65536, 1))) {
		st = NG_ERR_NOMEM;
		goto done;
	}
	while (i < lits.len) {
		const unsigned char *l = (const unsigned char *)lits.buf + i;
		size_t ln = strlen((const char *)l);
		unsigned a, c2;
		/* A length byte and the bytes; a longer string is cut (its
		 * start is required as well). */
		i += ln + 1;
		if (ln > 255)
			ln = 255;
		TRY(st, ng_buf_addc(&f->lits, (char)ln));
		TRY(st, ng_buf_add(&f->lits, (const char *)l, ln));
		/* Both cases of each byte, as a 16-bit load of the two bytes
		 * sees them. A one-byte string is a candidate whatever follows
		 * it. */
		for (a = 0; a < 2; a++)
			for (c2 = 0; c2 < 256; c2++) {
				unsigned char two[2];
				uint16_t pair;
				if (ln > 1 && lower_ascii((unsigned char)c2) != l[1])
					continue;
				two[0] = a ? upper_ascii(l[0]) : l[0];
				two[1] = (unsigned char)c2;
				memcpy(&pair, two, 2);
				f->pairs[pair] = 1;
			}
	}
done:
	if (st)
		ng_litfilter_free(f);
	ng_buf_free(&lits);
	return st;
}
