/* SPDX-License-Identifier: Apache-2.0 */
/* The one reader of PCRE2 syntax. It follows pcre2pattern(3) for what it
 * knows, and where PCRE2 would read something it does not know (or reject
 * it) it gives up rather than guess: an analysis built on a wrong reading
 * could turn away a text that the expression matches. */
#include "config.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regex.h"
#include "rxscan.h"
#include "text.h"
#include "util.h"

/* PCRE2's limits: nested parentheses (its default), repeat counts, the
 * length of a group name. */
#define RX_MAX_DEPTH 250
#define RX_MAX_REPEAT 65535
#define RX_MAX_NAME 32

typedef struct {
	const unsigned char *re, *p, *end;
	int depth;
	bool relaxed;   /* 10.43 and later: {,n} and blanks in quantifiers */
	bool unknown;   /* syntax not followed */
	ng_status st;
} scanner;

static bool
stopped(const scanner *s)
{
	return s->unknown || s->st;
}

static bool
is_digit(unsigned char c)
{
	return c >= '0' && c <= '9';
}

static bool
is_word(unsigned char c)
{
	return is_digit(c) || c == '_' || ((c | 32) >= 'a' && (c | 32) <= 'z');
}

static size_t
offset(const scanner *s)
{
	return (size_t)(s->p - s->re);
}

/* PCRE2 10.43 began to read "{,n}" as {0,n} and to allow spaces and tabs
 * inside the braces of a quantifier, as Perl 5.34 does; earlier, both are
 * literal text. */
static bool
braces_relaxed(void)
{
	char v[64];
	unsigned major = 0, minor = 0;

	if (pcre2_config(PCRE2_CONFIG_VERSION, v) < 0 || sscanf(v, "%u.%u", &major, &minor) != 2)
		return false;
	return major > 10 || (major == 10 && minor >= 43);
}

static const unsigned char *
skip_blanks(const scanner *s, const unsigned char *q)
{
	while (s->relaxed && q < s->end && (*q == ' ' || *q == '\t'))
		q++;
	return q;
}

/* Digits at *q, saturated past the limit; false if there are none. */
static bool
read_count(const scanner *s, const unsigned char **q, unsigned long *v)
{
	const unsigned char *r = *q;

	*v = 0;
	while (r < s->end && is_digit(*r)) {
		*v = *v * 10 + (unsigned long)(*r++ - '0');
		if (*v > RX_MAX_REPEAT)
			*v = RX_MAX_REPEAT + 1;
	}
	if (r == *q)
		return false;
	*q = r;
	return true;
}

/* Is there a quantifier at s->p: *, +, ?, or braces that PCRE2 reads as
 * one ({n}, {n,}, {n,m})? Any other '{' is a literal. Sets its counts and
 * its length; one that PCRE2 rejects (a count over 65535, counts out of
 * order) makes the reader give up. */
static bool
quantifier_at(scanner *s, uint32_t *min, uint32_t *max, size_t *len)
{
	const unsigned char *q;
	unsigned long lo = 0, hi = 0;
	bool has_lo, has_hi = false, comma = false;

	if (s->p >= s->end)
		return false;
	*len = 1;
	switch (*s->p) {
	case '*': *min = 0; *max = NG_RXSCAN_INF; return true;
	case '+': *min = 1; *max = NG_RXSCAN_INF; return true;
	case '?': *min = 0; *max = 1; return true;
	case '{': break;
	default: return false;
	}
	q = skip_blanks(s, s->p + 1);
	has_lo = read_count(s, &q, &lo);
	q = skip_blanks(s, q);
	if (q < s->end && *q == ',') {
		comma = true;
		q = skip_blanks(s, q + 1);
		has_hi = read_count(s, &q, &hi);
		q = skip_blanks(s, q);
	}
	if (q >= s->end || *q != '}' || !(has_lo || (s->relaxed && has_hi)))
		return false;
	if (!comma)
		hi = lo;
	if (lo > RX_MAX_REPEAT || hi > RX_MAX_REPEAT || (has_hi && hi < lo)) {
		s->unknown = true;
		return false;
	}
	*min = (uint32_t)lo;
	*max = comma && !has_hi ? NG_RXSCAN_INF : (uint32_t)hi;
	*len = (size_t)(q + 1 - s->p);
	return true;
}

static void
node_clear(ng_rxscan_node *n)
{
	size_t i;

	for (i = 0; i < n->n_kids; i++)
		node_clear(&n->kids[i]);
	free(n->kids);
}

void
ng_rxscan_free(ng_rxscan_node *root)
{
	if (!root)
		return;
	node_clear(root);
	free(root);
}

/* A node's one kid, zeroed. */
static ng_rxscan_node *
only_kid(scanner *s, ng_rxscan_node *n)
{
	if (!(n->kids = calloc(1, sizeof(*n->kids)))) {
		s->st = NG_ERR_NOMEM;
		return NULL;
	}
	n->n_kids = 1;
	return n->kids;
}

static void
set_char(scanner *s, ng_rxscan_node *n, unsigned long c)
{
	/* Past Unicode or a surrogate: PCRE2 rejects it in UTF mode. */
	if (c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		s->unknown = true;
	n->kind = NG_RXSCAN_CHAR;
	n->c = (uint32_t)c;
}

/* One UTF-8 character at s->p as a literal. */
static void
read_char(scanner *s, ng_rxscan_node *n)
{
	int32_t cp;

	s->p += ng_utf8_decode(s->p, &cp);
	set_char(s, n, (unsigned long)cp);
}

/* Digits of a base up to '}' from s->p at '{', as \x{..}, \o{..} and
 * \N{U+..} write a code point. */
static void
read_braced_code(scanner *s, ng_rxscan_node *n, int base)
{
	unsigned long v = 0;
	const unsigned char *q = s->p + 1;

	for (; q < s->end && *q != '}'; q++) {
		unsigned d = is_digit(*q) ? (unsigned)(*q - '0')
		           : ng_is_hex(*q) ? (unsigned)((*q | 32) - 'a' + 10) : 99;
		if (d >= (unsigned)base) {
			s->unknown = true;
			return;
		}
		v = v * (unsigned long)base + d;
		if (v > 0x10FFFF)
			v = 0x110000;
	}
	if (q >= s->end || q == s->p + 1) {
		s->unknown = true;
		return;
	}
	s->p = q + 1;
	set_char(s, n, v);
}

/* An escape outside a class, s->p after its backslash. */
static void
read_escape(scanner *s, ng_rxscan_node *n)
{
	unsigned char e;
	unsigned long v;
	int k;

	if (s->p >= s->end) {
		s->unknown = true;
		return;
	}
	/* A backslash before any character but a letter or digit stands for
	 * that character. */
	if (*s->p >= 0x80) {
		read_char(s, n);
		return;
	}
	e = *s->p++;
	if (!is_word(e) || e == '_') {
		set_char(s, n, e);
		return;
	}
	switch (e) {
	case 'a': set_char(s, n, 7); return;
	case 'e': set_char(s, n, 27); return;
	case 'f': set_char(s, n, 12); return;
	case 'n': set_char(s, n, 10); return;
	case 'r': set_char(s, n, 13); return;
	case 't': set_char(s, n, 9); return;
	case '0':
		/* \0 and up to two more octal digits. */
		for (v = 0, k = 0; k < 2 && s->p < s->end && *s->p >= '0' && *s->p <= '7'; k++)
			v = v * 8 + (unsigned long)(*s->p++ - '0');
		set_char(s, n, v);
		return;
	case 'o':
		if (s->p < s->end && *s->p == '{')
			read_braced_code(s, n, 8);
		else
			s->unknown = true;
		return;
	case 'x':
		if (s->p < s->end && *s->p == '{') {
			read_braced_code(s, n, 16);
			return;
		}
		/* Up to two hex digits; none is the character 0. */
		for (v = 0, k = 0; k < 2 && s->p < s->end && ng_is_hex(*s->p); k++, s->p++)
			v = v * 16 + (unsigned long)(is_digit(*s->p) ? *s->p - '0' : (*s->p | 32) - 'a' + 10);
		set_char(s, n, v);
		return;
	case 'c':
		if (s->p >= s->end || *s->p < 32 || *s->p > 126) {
			s->unknown = true;
			return;
		}
		v = *s->p++;
		if (v >= 'a' && v <= 'z')
			v -= 32;
		set_char(s, n, v ^ 0x40);
		return;
	case 'N':
		if (s->p < s->end && *s->p == '{') {
			/* \N{U+hh..}; PCRE2 knows no other \N{...}. */
			if (s->end - s->p < 3 || s->p[1] != 'U' || s->p[2] != '+') {
				s->unknown = true;
				return;
			}
			s->p += 2;
			read_braced_code(s, n, 16);
			return;
		}
		break;
	case 'p':
	case 'P':
		/* A property: \pL or \p{...}. */
		if (s->p < s->end && *s->p == '{') {
			const unsigned char *q = memchr(s->p, '}', (size_t)(s->end - s->p));
			if (!q) {
				s->unknown = true;
				return;
			}
			s->p = q + 1;
		} else if (s->p < s->end && *s->p < 0x80 && is_word(*s->p)) {
			s->p++;
		} else {
			s->unknown = true;
			return;
		}
		break;
	case 'd': case 'D': case 's': case 'S': case 'w': case 'W':
	case 'h': case 'H': case 'v': case 'V': case 'R': case 'X':
		break;
	case 'b': case 'B': case 'A': case 'z': case 'Z': case 'G':
		n->kind = NG_RXSCAN_ASSERT;
		n->c = e;
		return;
	default:
		/* Back references (\1, \g, \k), \Q..\E, \K, \C, and the
		 * letters PCRE2 rejects. */
		s->unknown = true;
		return;
	}
	n->kind = NG_RXSCAN_TYPE;
	n->c = e;
}

/* Does a POSIX class "[:name:]" (or "[.x.]", "[=x=]") start at q, which
 * is after the '['? As PCRE2's check_posix_syntax: sets *close to the
 * terminator before the closing ']'. */
static bool
posix_class(const scanner *s, const unsigned char *q, const unsigned char **close)
{
	unsigned char t = *q++;

	for (; s->end - q >= 2; q++) {
		if (*q == '\\' && (q[1] == ']' || q[1] == '\\'))
			q++;
		else if ((*q == '[' && q[1] == t) || *q == ']')
			return false;
		else if (*q == t && q[1] == ']') {
			*close = q;
			return true;
		}
	}
	return false;
}

/* A class, s->p at its '['. Its members are not kept. */
static void
read_class(scanner *s, ng_rxscan_node *n)
{
	const unsigned char *q = s->p + 1;

	n->kind = NG_RXSCAN_CLASS;
	if (q < s->end && *q == '^')
		q++;
	/* A ']' first is a member. */
	if (q < s->end && *q == ']')
		q++;
	for (;;) {
		const unsigned char *close;
		if (q >= s->end) {
			s->unknown = true;
			return;
		}
		if (*q == ']')
			break;
		if (*q == '\\') {
			if (q + 1 >= s->end || q[1] == 'Q' || q[1] == 'E') {
				s->unknown = true;
				return;
			}
			if (strchr("xopPN", q[1]) && q + 2 < s->end && q[2] == '{') {
				const unsigned char *r = memchr(q, '}', (size_t)(s->end - q));
				if (!r) {
					s->unknown = true;
					return;
				}
				q = r + 1;
				continue;
			}
			q++;
		} else if (*q == '[' && q + 1 < s->end && (q[1] == ':' || q[1] == '.' || q[1] == '=') &&
		           posix_class(s, q + 1, &close)) {
			/* PCRE2 rejects [.x.] and [=x=]; [[:<:]] and [[:>:]] are
			 * word boundaries in disguise. */
			if (q[1] != ':' || q[2] == '<' || q[2] == '>') {
				s->unknown = true;
				return;
			}
			q = close + 2;
			continue;
		}
		/* One character, of however many bytes. */
		q++;
		while (q < s->end && (*q & 0xC0) == 0x80)
			q++;
	}
	s->p = q + 1;
}

static void read_alt(scanner *s, ng_rxscan_node *alt);

/* A group name up to its terminator, s->p at the name. */
static void
read_name(scanner *s, ng_rxscan_node *n, unsigned char term)
{
	const unsigned char *q = s->p;

	while (q < s->end && *q < 0x80 && is_word(*q))
		q++;
	if (q == s->p || is_digit(*s->p) || q - s->p > RX_MAX_NAME || q >= s->end || *q != term) {
		s->unknown = true;
		return;
	}
	n->name = (const char *)s->p;
	n->name_len = (size_t)(q - s->p);
	s->p = q + 1;
}

/* A group, s->p at its '('. */
static void
read_group(scanner *s, ng_rxscan_node *n)
{
	const unsigned char *p = ++s->p;
	ng_rxscan_node *kid;

	n->kind = NG_RXSCAN_GROUP;
	n->group = NG_RXSCAN_CAPTURE;
	if (p < s->end && *p == '*') {
		/* Verbs and their kin. */
		s->unknown = true;
		return;
	}
	if (p < s->end && *p == '?') {
		unsigned char a = p + 1 < s->end ? p[1] : 0, b = p + 2 < s->end ? p[2] : 0;
		s->p = p + 2;
		if (a == ':') {
			n->group = NG_RXSCAN_NONCAPTURE;
		} else if (a == '=') {
			n->group = NG_RXSCAN_AHEAD;
		} else if (a == '!') {
			n->group = NG_RXSCAN_NOT_AHEAD;
		} else if (a == '<' && b == '=') {
			n->group = NG_RXSCAN_BEHIND;
			s->p++;
		} else if (a == '<' && b == '!') {
			n->group = NG_RXSCAN_NOT_BEHIND;
			s->p++;
		} else if (a == '<' || a == '\'') {
			read_name(s, n, a == '<' ? '>' : '\'');
		} else if (a == 'P' && b == '<') {
			s->p++;
			read_name(s, n, '>');
		} else {
			/* Options, atomic groups, comments, conditions,
			 * subroutines, branch resets, callouts. */
			s->unknown = true;
		}
		if (stopped(s))
			return;
	}
	if (++s->depth > RX_MAX_DEPTH) {
		s->unknown = true;
		return;
	}
	if (!(kid = only_kid(s, n)))
		return;
	read_alt(s, kid);
	s->depth--;
	if (stopped(s))
		return;
	if (s->p >= s->end || *s->p != ')') {
		s->unknown = true;
		return;
	}
	s->p++;
}

/* One item, with no quantifier. */
static void
read_item(scanner *s, ng_rxscan_node *n)
{
	uint32_t min, max;
	size_t len;

	switch (*s->p) {
	case '(':
		read_group(s, n);
		return;
	case '[':
		read_class(s, n);
		return;
	case '\\':
		s->p++;
		read_escape(s, n);
		return;
	case '.':
		n->kind = NG_RXSCAN_TYPE;
		n->c = '.';
		s->p++;
		return;
	case '^':
	case '$':
		n->kind = NG_RXSCAN_ASSERT;
		n->c = *s->p++;
		return;
	default:
		break;
	}
	if (quantifier_at(s, &min, &max, &len)) {
		/* A quantifier of nothing. */
		s->unknown = true;
		return;
	}
	read_char(s, n);
}

/* A branch: items up to '|', ')' or the end. */
static void
read_seq(scanner *s, ng_rxscan_node *seq)
{
	size_t cap = 0;

	seq->kind = NG_RXSCAN_SEQ;
	seq->start = offset(s);
	while (!stopped(s) && s->p < s->end && *s->p != '|' && *s->p != ')') {
		ng_rxscan_node *n, *kid;
		uint32_t min, max;
		size_t len;
		if (NG_GROW(seq->kids, cap, seq->n_kids + 1)) {
			s->st = NG_ERR_NOMEM;
			break;
		}
		n = &seq->kids[seq->n_kids++];
		memset(n, 0, sizeof(*n));
		n->start = offset(s);
		read_item(s, n);
		n->end = offset(s);
		if (stopped(s) || !quantifier_at(s, &min, &max, &len))
			continue;
		/* PCRE2 repeats no assertion but a group. */
		if (n->kind == NG_RXSCAN_ASSERT) {
			s->unknown = true;
			break;
		}
		if (!(kid = malloc(sizeof(*kid)))) {
			s->st = NG_ERR_NOMEM;
			break;
		}
		*kid = *n;
		memset(n, 0, sizeof(*n));
		n->kind = NG_RXSCAN_REPEAT;
		n->kids = kid;
		n->n_kids = 1;
		n->min = min;
		n->max = max;
		n->start = kid->start;
		s->p += len;
		/* Lazy or possessive; nothing repeats a repeat. */
		if (s->p < s->end && (*s->p == '?' || *s->p == '+'))
			s->p++;
		n->end = offset(s);
		if (quantifier_at(s, &min, &max, &len))
			s->unknown = true;
	}
	seq->end = offset(s);
}

/* Alternatives up to ')' or the end. */
static void
read_alt(scanner *s, ng_rxscan_node *alt)
{
	size_t cap = 0;

	alt->kind = NG_RXSCAN_ALT;
	alt->start = offset(s);
	for (;;) {
		ng_rxscan_node *seq;
		if (NG_GROW(alt->kids, cap, alt->n_kids + 1)) {
			s->st = NG_ERR_NOMEM;
			return;
		}
		seq = &alt->kids[alt->n_kids++];
		memset(seq, 0, sizeof(*seq));
		read_seq(s, seq);
		if (stopped(s) || s->p >= s->end || *s->p != '|')
			break;
		s->p++;
	}
	alt->end = offset(s);
}

ng_status
ng_rxscan_parse(const char *re, size_t len, ng_rxscan_node **out)
{
	scanner s;
	ng_rxscan_node *root;
	size_t bad;
	const char *why;

	*out = NULL;
	/* PCRE2 in UTF mode rejects an expression that is not UTF-8. */
	if (ng_utf8_check(re, len, &bad, &why))
		return NG_OK;
	if (!(root = calloc(1, sizeof(*root))))
		return NG_ERR_NOMEM;
	memset(&s, 0, sizeof(s));
	s.re = s.p = (const unsigned char *)re;
	s.end = s.re + len;
	s.relaxed = braces_relaxed();
	read_alt(&s, root);
	/* A ')' that closes nothing. */
	if (!stopped(&s) && s.p != s.end)
		s.unknown = true;
	if (stopped(&s)) {
		ng_rxscan_free(root);
		return s.st;
	}
	*out = root;
	return NG_OK;
}
