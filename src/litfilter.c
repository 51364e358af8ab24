/* SPDX-License-Identifier: Apache-2.0 */
/* The required-literal prefilter: the strings one of which every match of
 * a caseless expression contains, read off its source, so that a text
 * holding none of them is never given to PCRE2. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "litfilter.h"
#include "rxscan.h"

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
 * match must contain are read off the expression's tree (ng_rxscan); a
 * line that contains none of them, in any case, cannot match, and is not
 * given to PCRE2. The strings are ASCII: characters outside ASCII are
 * items of their own. A line with U+017F or U+212A is always matched,
 * since caseless UTF matching lets 's' and 'k' match them. An expression
 * the reader does not follow gives no filter at all. */

/* A requirement: strings (lower case, each NUL-terminated in buf) one of
 * which occurs in every match; n == 0 means none is known. */
typedef struct {
	ng_buf buf;
	size_t n;
	size_t shortest;
} lit_req;

static void
req_free(lit_req *r)
{
	ng_buf_free(&r->buf);
	memset(r, 0, sizeof(*r));
}

static ng_status
req_add(lit_req *r, const char *s, size_t n)
{
	size_t i;

	if (ng_grow((void **)&r->buf.buf, &r->buf.cap, r->buf.len + n + 1, 1))
		return NG_ERR_NOMEM;
	for (i = 0; i < n; i++)
		r->buf.buf[r->buf.len++] = (char)lower_ascii((unsigned char)s[i]);
	r->buf.buf[r->buf.len++] = '\0';
	if (!r->n || n < r->shortest)
		r->shortest = n;
	r->n++;
	return NG_OK;
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

/* A run of literal bytes that a match holds in a row. */
typedef struct {
	char s[256];
	size_t n;
} lit_run;

/* Ends the run: the string it holds is a requirement of the branch. */
static ng_status
run_flush(lit_run *run, lit_req *out)
{
	lit_req cand = {0};

	if (!run->n)
		return NG_OK;
	if (req_add(&cand, run->s, run->n)) {
		req_free(&cand);
		return NG_ERR_NOMEM;
	}
	run->n = 0;
	req_keep_best(out, &cand);
	return NG_OK;
}

static ng_status
run_add(lit_run *run, lit_req *out, char c)
{
	ng_status st = NG_OK;

	if (run->n == sizeof(run->s))
		st = run_flush(run, out);
	run->s[run->n++] = c;
	return st;
}

static ng_status lit_alt(const ng_rxscan_node *alt, lit_req *out);

/* One branch: its items in turn, literals joined into runs. */
static ng_status
lit_seq(const ng_rxscan_node *seq, lit_req *out)
{
	lit_run run;
	size_t i;
	ng_status st = NG_OK;

	run.n = 0;
	for (i = 0; i < seq->n_kids; i++) {
		const ng_rxscan_node *it = &seq->kids[i];
		uint32_t min = 1, max = 1, k;
		if (it->kind == NG_RXSCAN_REPEAT) {
			min = it->min;
			max = it->max;
			it = &it->kids[0];
		}
		if (it->kind == NG_RXSCAN_CHAR && it->c && it->c < 0x80) {
			/* A literal repeated exactly goes on with the run; one
			 * repeated more or less ends it after its minimum. */
			for (k = 0; k < min && k < 256; k++)
				TRY(st, run_add(&run, out, (char)it->c));
			if (min != max || min > 256)
				TRY(st, run_flush(&run, out));
			continue;
		}
		/* Assertions and lookarounds hold no text of the match: the
		 * characters either side of them are next to each other. */
		if (it->kind == NG_RXSCAN_ASSERT ||
		    (it->kind == NG_RXSCAN_GROUP && it->group != NG_RXSCAN_CAPTURE &&
		     it->group != NG_RXSCAN_NONCAPTURE))
			continue;
		/* Any other item ends the run: classes, types, a character
		 * outside ASCII (never in an ASCII line, but it may be
		 * optional), groups, of which one that must match gives its own
		 * requirement. */
		TRY(st, run_flush(&run, out));
		if (it->kind == NG_RXSCAN_GROUP && min > 0) {
			lit_req inner = {0};
			if ((st = lit_alt(&it->kids[0], &inner))) {
				req_free(&inner);
				goto done;
			}
			req_keep_best(out, &inner);
		}
	}
	st = run_flush(&run, out);
done:
	return st;
}

/* Alternatives: a match of the whole contains a string of every branch's
 * requirement, so the union is required; a branch without one voids it. */
static ng_status
lit_alt(const ng_rxscan_node *alt, lit_req *out)
{
	size_t i, j;
	ng_status st = NG_OK;

	for (i = 0; i < alt->n_kids; i++) {
		lit_req br = {0};
		if ((st = lit_seq(&alt->kids[i], &br)) || !br.n) {
			req_free(&br);
			req_free(out);
			return st;
		}
		for (j = 0; j < br.buf.len; j += strlen(br.buf.buf + j) + 1)
			if ((st = req_add(out, br.buf.buf + j, strlen(br.buf.buf + j)))) {
				req_free(&br);
				return st;
			}
		req_free(&br);
	}
	return NG_OK;
}

/* The strings one of which any match of re must contain, lower case and
 * NUL-separated in out; out is left empty if they cannot be told. */
static ng_status
required_literals(const char *re, ng_buf *out)
{
	ng_rxscan_node *tree = NULL;
	lit_req r = {0};
	ng_status st;

	ng_buf_clear(out);
	TRY(st, ng_rxscan_parse(re, strlen(re), &tree));
	if (!tree)
		goto done;
	TRY(st, lit_alt(tree, &r));
	if (r.n)
		st = ng_buf_add(out, r.buf.buf, r.buf.len);
done:
	req_free(&r);
	ng_rxscan_free(tree);
	return st;
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
	TRY(st, required_literals(re, &lits));
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
