/* SPDX-License-Identifier: Apache-2.0 */
/* Time expressions resolved against the article's date. The words are the
 * lexicon's (weekday, relday, month); the calendar is here. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "knowledge.h"
#include "when.h"

/* ISO weekday of a day number: Monday 1 .. Sunday 7. */
static int
weekday(long days)
{
	return (int)(((days % 7) + 7 + 3) % 7) + 1;
}

static bool
valid_date(int y, int m, int d)
{
	static const int len[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return y >= 1 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= len[m - 1] &&
	       !(m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
}

/* The number a token of up to four digits holds, else -1. */
static int
number(const ng_doc *doc, const ng_token *t)
{
	const char *s = doc->text.norm + t->b;
	size_t n = t->e - t->b, i;
	int v = 0;

	if (!n || n > 4 || !(t->flags & NG_TOK_NUM))
		return -1;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

static int
month_of(const ng_doc *doc, const ng_token *t)
{
	if (!(t->flags & NG_TOK_WORD) || (t->flags & NG_TOK_NUM))
		return 0;
	return ng_lexicon_month(&doc->kb->lex, doc->text.norm + t->b, t->e - t->b);
}

static bool
is_word(const ng_doc *doc, const ng_token *t, const char *w)
{
	size_t n = strlen(w);

	return t->e - t->b == n && !strncasecmp(doc->text.norm + t->b, w, n);
}

typedef struct {
	char value[40];  /* YYYY-MM-DD or YYYY (room for any int) */
	uint32_t tb, te; /* its tokens */
} when;

/* Sets *w to the day y-m-d of tokens i (after an "on") to e, if valid. */
static bool
set_day(const ng_doc *doc, const ng_sentence *s, uint32_t i, uint32_t e, int y, int m, int d,
        when *w)
{
	if (!y || !valid_date(y, m, d))
		return false;
	snprintf(w->value, sizeof(w->value), "%04d-%02d-%02d", y, m, d);
	w->tb = i > s->tb && is_word(doc, &doc->toks[i - 1], "on") ? i - 1 : i;
	w->te = e;
	return true;
}

/* The first time expression of sentence si that resolves, into *w: a
 * day before a year ("elected in 2019, met on Monday" is Monday); forward
 * says whether a weekday lies ahead (a plan) rather than behind. */
static bool
find(const ng_doc *doc, uint32_t si, bool forward, bool years, when *w)
{
	const ng_sentence *s = &doc->sents[si];
	const ng_token *toks = doc->toks;
	const ng_lexicon *lex = &doc->kb->lex;
	int ay = 0, am = 0, ad = 0;
	bool dated = doc->date && sscanf(doc->date, "%4d-%2d-%2d", &ay, &am, &ad) == 3 &&
	             valid_date(ay, am, ad);
	long today = dated ? ng_days_from_civil(ay, am, ad) : 0;
	uint32_t i;

	for (i = s->tb; i < s->te; i++) {
		const ng_token *t = &toks[i];
		uint32_t v;
		int m, d, y;

		if (years) {
			/* "in 2004": a year. */
			if (is_word(doc, t, "in") && i + 1 < s->te &&
			    (y = number(doc, &toks[i + 1])) >= 1000 &&
			    doc->text.norm[toks[i + 1].e] != '-') {
				snprintf(w->value, sizeof(w->value), "%04d", y);
				w->tb = i;
				w->te = i + 2;
				return true;
			}
			continue;
		}
		if ((v = ng_lexicon_in(&lex->weekday, t->key)) && dated) {
			/* The last such day on or before the article's date, or
			 * the next on or after it for a plan. */
			int delta = (int)v - weekday(today);
			long day = today + (forward ? (delta + 7) % 7 : -((-delta + 7) % 7));
			ng_civil_from_days(day, &y, &m, &d);
			snprintf(w->value, sizeof(w->value), "%04d-%02d-%02d", y, m, d);
			w->tb = i > s->tb && is_word(doc, &toks[i - 1], "on") ? i - 1 : i;
			w->te = i + 1;
			return true;
		}
		if ((v = ng_lexicon_in(&lex->relday, t->key)) && dated) {
			ng_civil_from_days(today + (long)v - 100, &y, &m, &d);
			snprintf(w->value, sizeof(w->value), "%04d-%02d-%02d", y, m, d);
			w->tb = i;
			w->te = i + 1;
			return true;
		}
		/* Month day [,] [year] or day month [year]. */
		if ((m = month_of(doc, t)) && i + 1 < s->te && (d = number(doc, &toks[i + 1])) >= 1 &&
		    d <= 31) {
			uint32_t e = i + 2;
			y = dated ? ay : 0;
			if (e + 1 < s->te && is_word(doc, &toks[e], ",") && number(doc, &toks[e + 1]) >= 1000)
				e++;
			if (e < s->te && number(doc, &toks[e]) >= 1000)
				y = number(doc, &toks[e++]);
			if (set_day(doc, s, i, e, y, m, d, w))
				return true;
		}
		if ((d = number(doc, t)) >= 1 && d <= 31 && i + 1 < s->te &&
		    (m = month_of(doc, &toks[i + 1]))) {
			uint32_t e = i + 2;
			y = dated ? ay : 0;
			if (e < s->te && number(doc, &toks[e]) >= 1000)
				y = number(doc, &toks[e++]);
			if (set_day(doc, s, i, e, y, m, d, w))
				return true;
		}
	}
	return false;
}

ng_status
ng_when(ng_doc *doc)
{
	uint32_t last = UINT32_MAX;
	bool last_fwd = false, found = false;
	const char *date = NULL, *text = NULL;
	size_t i;

	for (i = 0; i < doc->n_facts; i++) {
		ng_fact *f = &doc->facts[i];
		bool fwd = f->mod == NG_MOD_PLANNED || f->mod == NG_MOD_INTENDED;
		when w;

		if (!f->matched)
			continue;
		if (f->sent != last || fwd != last_fwd) {
			last = f->sent;
			last_fwd = fwd;
			date = text = NULL;
			if ((found = find(doc, f->sent, fwd, false, &w) ||
			             find(doc, f->sent, fwd, true, &w))) {
				size_t b = ng_text_orig(&doc->text, doc->toks[w.tb].b);
				size_t e = ng_text_orig(&doc->text, doc->toks[w.te - 1].e);
				ng_buf c = {0};
				ng_status st = ng_clean_literal(doc->text.orig + b, e - b, &c);
				date = st ? NULL : ng_arena_strndup(&doc->arena, w.value, strlen(w.value));
				text = date ? ng_arena_strndup(&doc->arena, c.buf ? c.buf : "", c.len) : NULL;
				ng_buf_free(&c);
				if (!text)
					return NG_ERR_NOMEM;
			}
		}
		f->date = found ? date : NULL;
		f->date_text = found ? text : NULL;
	}
	return NG_OK;
}
