/* SPDX-License-Identifier: Apache-2.0 */
/* Article metadata: the title (the first prose line unless given) and the
 * publication date (given, or the first date in the text). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "meta.h"

/* Bytes of the first line kept as title. */
#define NG_MAX_TITLE 300

static bool
valid_date(int y, int m, int d)
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	if (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return false;
	return true;
}

/* The text of the named group of a match (names may repeat, one in each
 * branch of the expression: the one that matched); NULL if none. */
static const char *
group(const pcre2_code *re, pcre2_match_data *md, const char *s, char name, size_t *len)
{
	PCRE2_SPTR table;
	uint32_t count, size, i;
	PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);

	pcre2_pattern_info(re, PCRE2_INFO_NAMECOUNT, &count);
	pcre2_pattern_info(re, PCRE2_INFO_NAMEENTRYSIZE, &size);
	pcre2_pattern_info(re, PCRE2_INFO_NAMETABLE, &table);
	for (i = 0; i < count; i++, table += size) {
		unsigned n = ((unsigned)table[0] << 8) | table[1];
		if (table[2] != (unsigned char)name || table[3] || n >= pcre2_get_ovector_count(md) ||
		    ov[2 * n] == PCRE2_UNSET)
			continue;
		*len = ov[2 * n + 1] - ov[2 * n];
		return s + ov[2 * n];
	}
	return NULL;
}

/* A number of the match's group, or a month's name for m. */
static int
date_part(const ng_lexicon *lex, pcre2_match_data *md, const char *s, char name)
{
	size_t n = 0;
	const char *g = group(lex->date_re, md, s, name, &n);

	if (!g || !n)
		return 0;
	if (g[0] >= '0' && g[0] <= '9')
		return atoi(g);
	return name == 'm' ? ng_lexicon_month(lex, g, n) : 0;
}

ng_status
ng_meta_extract(ng_doc *doc, const ng_lexicon *lex)
{
	const char *s = doc->text.norm;
	size_t i;
	const pcre2_code *date_re;
	pcre2_match_data *md;
	size_t start;

	if (!doc->title) {
		for (i = 0; i < doc->n_sents; i++) {
			const ng_sentence *st = &doc->sents[i];
			size_t b, e;
			ng_buf *t = &doc->lit;
			if (st->flags & NG_SENT_BOILER)
				continue;
			/* The whole line of the first prose sentence. */
			b = st->b;
			e = st->e;
			while (b > 0 && s[b - 1] != '\n')
				b--;
			while (e < doc->text.norm_len && s[e] != '\n')
				e++;
			b = ng_text_orig(&doc->text, b);
			e = ng_text_orig(&doc->text, e);
			ng_buf_clear(t);
			if (ng_clean_literal(doc->text.orig + b, e - b, t))
				return NG_ERR_NOMEM;
			while (t->len && t->buf[t->len - 1] == ' ')
				t->buf[--t->len] = '\0';
			/* A title is a line, not a page: cut a long one at a
			 * character boundary. */
			if (t->len > NG_MAX_TITLE) {
				t->len = NG_MAX_TITLE;
				while (t->len && ((unsigned char)t->buf[t->len] & 0xC0) == 0x80)
					t->len--;
				t->buf[t->len] = '\0';
			}
			if (!(doc->title = ng_arena_strndup(&doc->arena, t->buf, t->len)))
				return NG_ERR_NOMEM;
			break;
		}
	}
	if (doc->date) {
		/* An ISO 8601 date, or the date of a date-time. */
		char day[11];
		int y, m, d;
		if (ng_iso_date(doc->date, day) && sscanf(day, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
		    valid_date(y, m, d)) {
			doc->date_num = y * 10000 + m * 100 + d;
			if (strlen(doc->date) > 10 && !(doc->date = ng_arena_strndup(&doc->arena, day, 10)))
				return NG_ERR_NOMEM;
		} else {
			doc->date = NULL;
		}
		return NG_OK;
	}
	if (!(date_re = lex->date_re))
		return NG_OK;
	if (!(md = pcre2_match_data_create_from_pattern(date_re, NULL)))
		return NG_ERR_NOMEM;
	/* The expression runs only around four-digit numbers that could be
	 * years, not over the whole text. */
	for (start = 0; start + 4 <= doc->text.norm_len; start++) {
		const char *y;
		size_t wb, we;
		PCRE2_SIZE at;
		/* Eight bytes at a time to the next '1' or '2'. */
		while (start + 8 <= doc->text.norm_len) {
			const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
			uint64_t w, a, b;
			memcpy(&w, s + start, 8);
			a = w ^ ('1' * ones);
			b = w ^ ('2' * ones);
			if (((a - ones) & ~a & highs) || ((b - ones) & ~b & highs))
				break;
			start += 8;
		}
		if (start + 4 > doc->text.norm_len)
			break;
		y = s + start;
		if (!(y[0] == '1' || y[0] == '2') || !(y[1] >= '0' && y[1] <= '9') ||
		    !(y[2] >= '0' && y[2] <= '9') || !(y[3] >= '0' && y[3] <= '9') ||
		    (start && s[start - 1] >= '0' && s[start - 1] <= '9') ||
		    (start + 4 < doc->text.norm_len && s[start + 4] >= '0' && s[start + 4] <= '9'))
			continue;
		wb = start > 24 ? start - 24 : 0;
		we = start + 10 < doc->text.norm_len ? start + 10 : doc->text.norm_len;
		/* Do not start inside a UTF-8 sequence. */
		while (wb > 0 && ((unsigned char)s[wb] & 0xC0) == 0x80)
			wb--;
		for (at = wb; at < we &&
		              ng_regex_match(date_re, s, we, at, md) > 0;) {
			PCRE2_SIZE *ov = pcre2_get_ovector_pointer(md);
			int yy = date_part(lex, md, s, 'y'), m = date_part(lex, md, s, 'm');
			int dd = date_part(lex, md, s, 'd');
			if (valid_date(yy, m, dd)) {
				char buf[16];
				snprintf(buf, sizeof(buf), "%04d-%02d-%02d", yy, m, dd);
				doc->date = ng_arena_strndup(&doc->arena, buf, strlen(buf));
				doc->date_num = yy * 10000 + m * 100 + dd;
				pcre2_match_data_free(md);
				return doc->date ? NG_OK : NG_ERR_NOMEM;
			}
			at = ov[1] > ov[0] ? ov[1] : ov[0] + 1;
		}
		start += 3;
	}
	pcre2_match_data_free(md);
	return NG_OK;
}

