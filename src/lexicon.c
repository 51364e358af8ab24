/* SPDX-License-Identifier: Apache-2.0 */
/* The lexicon: loading lexicon.tsv, its tables by key, and title matching. */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "text.h"

static ng_status
put_word(ng_strmap *m, const char *s)
{
	ng_buf f = {0};
	ng_status st;

	if (ng_fold(s, strlen(s), true, &f))
		return NG_ERR_NOMEM;
	st = ng_strmap_put(m, f.buf, f.len, 1);
	ng_buf_free(&f);
	return st;
}

/* Adds a word to a word class: the class is a bit on its dictionary key. */
static ng_status
put_class(ng_lexicon *lex, uint8_t bit, const char *s)
{
	ng_buf f = {0};
	uint32_t key, old = 0;
	ng_status st;

	if (ng_fold(s, strlen(s), true, &f))
		return NG_ERR_NOMEM;
	if (!(st = ng_dict_intern(lex->dict, f.buf, f.len, &key))) {
		ng_u64map_get(&lex->word_class, key, &old);
		st = ng_u64map_put(&lex->word_class, key, old | bit);
	}
	ng_buf_free(&f);
	return st;
}

static ng_status
add_title(ng_lexicon *lex, const char *file, unsigned long line, const char *text,
          const char *kind)
{
	ng_token *toks = NULL;
	size_t n = 0, cap = 0, i, k = 0;
	ng_phrase *p;
	ng_buf f = {0};
	ng_status st = NG_OK;

	if (NG_GROW(lex->titles, lex->cap_titles, lex->n_titles + 1))
		return NG_ERR_NOMEM;
	p = &lex->titles[lex->n_titles];
	memset(p, 0, sizeof(*p));
	if (!strcmp(kind, "leader"))
		p->kind = NG_TITLE_LEADER;
	else if (!strcmp(kind, "member"))
		p->kind = NG_TITLE_MEMBER;
	else if (!strcmp(kind, "academic"))
		p->kind = NG_TITLE_ACADEMIC;
	else {
		ng_sink_error(lex->sink, NG_ERR_SYNTAX, file, line, 0,
		              "title kind must be leader, member or academic, not '%s'", kind);
		return NG_ERR_SYNTAX;
	}
	TRY(st, ng_tokenize(&lex->abbrevs, text, 0, strlen(text), &toks, &n, &cap));
	if (!n || n > 8) {
		ng_sink_error(lex->sink, NG_ERR_SYNTAX, file, line, 0, "title must have 1 to 8 words");
		st = NG_ERR_SYNTAX;
		goto done;
	}
	p->keys = calloc(n, sizeof(*p->keys));
	p->text = ng_strndup(text, strlen(text));
	if (!p->keys || !p->text) {
		st = NG_ERR_NOMEM;
		goto done;
	}
	for (i = 0; i < n; i++) {
		if (toks[i].flags & NG_TOK_JOIN)
			continue;
		ng_buf_clear(&f);
		TRY(st, ng_fold(text + toks[i].b, toks[i].e - toks[i].b, true, &f));
		TRY(st, ng_dict_intern(lex->dict, f.buf, f.len, &p->keys[k]));
		k++;
	}
	p->ntok = (uint16_t)k;
	{
		/* Chain titles by their first word for the matcher. */
		uint32_t first = 0;
		if (ng_u64map_get(&lex->title_first, p->keys[0], &first))
			p->next = first;
		TRY(st, ng_u64map_put(&lex->title_first, p->keys[0], (uint32_t)lex->n_titles + 1));
	}
	lex->n_titles++;
	p = NULL;
done:
	if (p) {
		free(p->keys);
		free(p->text);
	}
	free(toks);
	ng_buf_free(&f);
	return st;
}

static ng_status
add_word(ng_wordlist *list, const char *w)
{
	if (NG_GROW(list->v, list->cap, list->n + 1) || !(list->v[list->n] = ng_strndup(w, strlen(w))))
		return NG_ERR_NOMEM;
	list->n++;
	return NG_OK;
}

static void
wordlist_free(ng_wordlist *list)
{
	size_t i;

	for (i = 0; i < list->n; i++)
		free(list->v[i]);
	free(list->v);
	memset(list, 0, sizeof(*list));
}

ng_status
ng_wordlist_alternation(const ng_wordlist *list, ng_buf *out)
{
	size_t i;
	const char *p;

	for (i = 0; i < list->n; i++) {
		if (i && ng_buf_addc(out, '|'))
			return NG_ERR_NOMEM;
		for (p = list->v[i]; *p; p++)
			if ((strchr("\\^$.[]|()?*+{}", *p) && ng_buf_addc(out, '\\')) || ng_buf_addc(out, *p))
				return NG_ERR_NOMEM;
	}
	return NG_OK;
}

/* The kinds of lines that add a word to a set of the lexicon. */
static const struct {
	const char *kind;
	size_t offset;
} word_sets[] = {
	{"function", offsetof(ng_lexicon, function)},
	{"personafter", offsetof(ng_lexicon, person_after)},
	{"personbefore", offsetof(ng_lexicon, person_before)},
	{"particle", offsetof(ng_lexicon, particle)},
	{"placecue", offsetof(ng_lexicon, placecue)},
	{"portfolio", offsetof(ng_lexicon, portfolio)},
	{"timeword", offsetof(ng_lexicon, timeword)},
	{"timelead", offsetof(ng_lexicon, timelead)},
	{"skipword", offsetof(ng_lexicon, skipword)},
	{"controlverb", offsetof(ng_lexicon, controlverb)},
	{"languagecue", offsetof(ng_lexicon, languagecue)},
};

/* Adds the folded word w to a set of the lexicon with value v. */
static ng_status
add_to_set(ng_lexicon *lex, ng_u64map *set, const char *w, uint32_t v)
{
	ng_buf f = {0};
	uint32_t key;
	ng_status st;

	if (ng_fold(w, strlen(w), true, &f))
		return NG_ERR_NOMEM;
	if (!(st = ng_dict_intern(lex->dict, f.buf, f.len, &key)))
		st = ng_u64map_put(set, key, v);
	ng_buf_free(&f);
	return st;
}

static ng_status
given_line(void *ctx, const char *file, unsigned long line, char **f, size_t nf)
{
	ng_lexicon *lex = ctx;
	bool amb = nf > 1 && !strcmp(f[1], "ambiguous");

	if (!*f[0] || (nf > 1 && *f[1] && !amb)) {
		ng_sink_error(lex->sink, NG_ERR_SYNTAX, file, line, 0,
		              "expected NAME<TAB>FLAGS (empty or ambiguous)");
		return NG_ERR_SYNTAX;
	}
	return add_to_set(lex, &lex->given, f[0], amb ? 2 : 1);
}

ng_status
ng_lexicon_load_given(ng_lexicon *lex, const char *path)
{
	return ng_datafile_each_line(lex->sink, path, "cannot read", 2, given_line, lex);
}

static ng_status
add_month(ng_lexicon *lex, const char *file, unsigned long line, const char *name,
          const char *num)
{
	char *end;
	long n = strtol(num, &end, 10);
	ng_buf f = {0};
	ng_month *m;

	if (!*num || *end || n < 1 || n > 12) {
		ng_sink_error(lex->sink, NG_ERR_SYNTAX, file, line, 0,
		              "expected month<TAB>NAME<TAB>NUMBER (1 to 12)");
		return NG_ERR_SYNTAX;
	}
	if (ng_fold(name, strlen(name), true, &f) ||
	    NG_GROW(lex->months, lex->cap_months, lex->n_months + 1)) {
		ng_buf_free(&f);
		return NG_ERR_NOMEM;
	}
	m = &lex->months[lex->n_months++];
	m->stem = f.buf ? f.buf : ng_strndup("", 0);
	m->num = (int)n;
	return m->stem ? NG_OK : NG_ERR_NOMEM;
}

int
ng_lexicon_month(const ng_lexicon *lex, const char *s, size_t n)
{
	size_t i, best = 0, k;
	int num = 0;

	for (i = 0; i < lex->n_months; i++) {
		const char *stem = lex->months[i].stem;
		size_t len = strlen(stem);
		if (len > n || len <= best)
			continue;
		for (k = 0; k < len && (s[k] | 32) == stem[k]; k++)
			;
		if (k == len) {
			best = len;
			num = lex->months[i].num;
		}
	}
	return num;
}

/* The date expressions with {MONTH} written out as the month names, one
 * expression whose branches name their groups y, m and d. */
static ng_status
prepare_dates(ng_lexicon *lex)
{
	ng_buf re = {0}, alt = {0};
	ng_wordlist stems = {0};
	const char *p, *mark;
	size_t i;
	ng_status st = NG_OK;

	pcre2_code_free(lex->date_re);
	lex->date_re = NULL;
	if (!lex->date_src.len)
		return NG_OK;
	/* A borrowed list: the stems stay the months'. */
	for (i = 0; i < lex->n_months; i++)
		if (NG_GROW(stems.v, stems.cap, stems.n + 1)) {
			st = NG_ERR_NOMEM;
			goto done;
		} else
			stems.v[stems.n++] = lex->months[i].stem;
	TRY(st, ng_wordlist_alternation(&stems, &alt));
	for (p = lex->date_src.buf; (mark = strstr(p, "{MONTH}")); p = mark + 7)
		if (ng_buf_add(&re, p, (size_t)(mark - p)) || ng_buf_printf(&re, "(?:%s)", alt.buf ? alt.buf : "(*FAIL)")) {
			st = NG_ERR_NOMEM;
			goto done;
		}
	TRY(st, ng_buf_adds(&re, p));
	if (!(lex->date_re = ng_regex_compile(lex->sink, re.buf, re.len, "lexicon dates", 0,
	                                      PCRE2_CASELESS | PCRE2_DUPNAMES)))
		st = NG_ERR_PATTERN;
done:
	free(stems.v);
	ng_buf_free(&re);
	ng_buf_free(&alt);
	return st;
}

static ng_status
lexicon_line(void *ctx, const char *file, unsigned long line, char **f, size_t nf)
{
	ng_lexicon *lex = ctx;
	const char *kind = f[0];
	size_t i;

	if (nf < 2 || !*f[1]) {
		ng_sink_error(lex->sink, NG_ERR_SYNTAX, file, line, 0, "expected KIND<TAB>VALUE");
		return NG_ERR_SYNTAX;
	}
	if (!strcmp(kind, "abbrev"))
		return put_word(&lex->abbrevs, f[1]);
	if (!strcmp(kind, "stopname"))
		return put_class(lex, NG_WC_STOPNAME, f[1]);
	if (!strcmp(kind, "orghead"))
		return put_class(lex, NG_WC_ORGHEAD, f[1]);
	if (!strcmp(kind, "pronoun"))
		return put_class(lex, NG_WC_PRONOUN, f[1]);
	if (!strcmp(kind, "leaderword"))
		return put_class(lex, NG_WC_LEADER, f[1]);
	if (!strcmp(kind, "vessel"))
		return put_class(lex, NG_WC_VESSEL, f[1]);
	if (!strcmp(kind, "titlenow"))
		return put_class(lex, NG_WC_TITLE_NOW, f[1]) ? NG_ERR_NOMEM : add_word(&lex->titlenow, f[1]);
	if (!strcmp(kind, "titlepast"))
		return put_class(lex, NG_WC_TITLE_PAST, f[1]);
	if (!strcmp(kind, "nominal")) {
		ng_buf fw = {0};
		uint32_t key;
		ng_status st;
		if (nf < 3 || !*f[2]) {
			ng_sink_error(lex->sink, NG_ERR_SYNTAX, file, line, 0, "expected nominal<TAB>NOUN<TAB>KINDS");
			return NG_ERR_SYNTAX;
		}
		if ((st = put_class(lex, NG_WC_NOMINAL, f[1])))
			return st;
		if (ng_fold(f[1], strlen(f[1]), true, &fw))
			return NG_ERR_NOMEM;
		st = ng_dict_intern(lex->dict, fw.buf, fw.len, &key);
		ng_buf_free(&fw);
		if (st || NG_GROW(lex->nominal_kinds, lex->cap_nominals, lex->n_nominals + 1) ||
		    !(lex->nominal_kinds[lex->n_nominals] = ng_strndup(f[2], strlen(f[2]))))
			return NG_ERR_NOMEM;
		if ((st = ng_u64map_put(&lex->nominals, key, (uint32_t)lex->n_nominals)))
			return st;
		lex->n_nominals++;
		return NG_OK;
	}
	if (!strcmp(kind, "title"))
		return add_title(lex, file, line, f[1], nf > 2 ? f[2] : "member");
	for (i = 0; i < sizeof(word_sets) / sizeof(word_sets[0]); i++)
		if (!strcmp(kind, word_sets[i].kind))
			return add_to_set(lex, (ng_u64map *)((char *)lex + word_sets[i].offset), f[1], 1);
	if (!strcmp(kind, "notmod"))
		return add_word(&lex->notmod, f[1]);
	if (!strcmp(kind, "month"))
		return add_month(lex, file, line, f[1], nf > 2 ? f[2] : "");
	if (!strcmp(kind, "weekday") || !strcmp(kind, "relday")) {
		/* A number: 1 to 7 from Monday, or days from the article's. */
		bool wd = kind[0] == 'w';
		char *end;
		long v = nf > 2 ? strtol(f[2], &end, 10) : 0;
		if (nf < 3 || *end || (wd ? v < 1 || v > 7 : v < -31 || v > 31)) {
			ng_sink_error(lex->sink, NG_ERR_SYNTAX, file, line, 0,
			              wd ? "expected weekday<TAB>WORD<TAB>1..7"
			                 : "expected relday<TAB>WORD<TAB>DAYS (-31..31)");
			return NG_ERR_SYNTAX;
		}
		return add_to_set(lex, wd ? &lex->weekday : &lex->relday, f[1],
		                  (uint32_t)(wd ? v : v + 100));
	}
	if (!strcmp(kind, "date")) {
		/* Each a branch of one expression, compiled by prepare once the
		 * months are known. */
		if (ng_buf_printf(&lex->date_src, "%s(?:%s)", lex->date_src.len ? "|" : "", f[1]))
			return NG_ERR_NOMEM;
		return NG_OK;
	}
	if (!strcmp(kind, "cue") || !strcmp(kind, "aftercue")) {
		ng_cue *c;
		int m;
		if (nf < 3) {
			ng_sink_error(lex->sink, NG_ERR_SYNTAX, file, line, 0,
			              "expected %s<TAB>MODALITY<TAB>REGEX", kind);
			return NG_ERR_SYNTAX;
		}
		if ((m = ng_modality_from_name(f[1])) < 0) {
			ng_sink_error(lex->sink, NG_ERR_SYNTAX, file, line, 0, "unknown modality '%s'", f[1]);
			return NG_ERR_SYNTAX;
		}
		if (NG_GROW(lex->cues, lex->cap_cues, lex->n_cues + 1))
			return NG_ERR_NOMEM;
		c = &lex->cues[lex->n_cues];
		memset(c, 0, sizeof(*c));
		c->modality = (ng_modality)m;
		c->after = kind[0] == 'a';
		if (!(c->re = ng_regex_compile(lex->sink, f[2], strlen(f[2]), file, line,
		                               PCRE2_CASELESS | PCRE2_UCP)))
			return NG_ERR_PATTERN;
		lex->n_cues++;
		/* Most sentences hold no cue word: the filter spares them the
		 * expression. */
		return ng_litfilter_build(&c->filter, f[2]);
	}
	ng_sink_error(lex->sink, NG_ERR_SYNTAX, file, line, 0, "unknown lexicon kind '%s'", kind);
	return NG_ERR_SYNTAX;
}

void
ng_lexicon_init(ng_lexicon *lex, ng_dict *dict, const ng_sink *sink)
{
	memset(lex, 0, sizeof(*lex));
	lex->dict = dict;
	lex->sink = sink;
}

ng_status
ng_lexicon_load(ng_lexicon *lex, const char *path)
{
	return ng_datafile_each_line(lex->sink, path, "cannot read", 8, lexicon_line, lex);
}

void
ng_lexicon_free(ng_lexicon *lex)
{
	size_t i;

	free(lex->key_wclass);
	free(lex->key_title);
	ng_strmap_free(&lex->abbrevs);
	ng_u64map_free(&lex->word_class);
	ng_u64map_free(&lex->title_first);
	ng_u64map_free(&lex->nominals);
	for (i = 0; i < lex->n_nominals; i++)
		free(lex->nominal_kinds[i]);
	free(lex->nominal_kinds);
	for (i = 0; i < lex->n_titles; i++) {
		free(lex->titles[i].keys);
		free(lex->titles[i].text);
	}
	free(lex->titles);
	for (i = 0; i < lex->n_cues; i++) {
		pcre2_code_free(lex->cues[i].re);
		ng_litfilter_free(&lex->cues[i].filter);
	}
	free(lex->cues);
	ng_u64map_free(&lex->function);
	ng_u64map_free(&lex->given);
	ng_u64map_free(&lex->person_after);
	ng_u64map_free(&lex->person_before);
	ng_u64map_free(&lex->particle);
	ng_u64map_free(&lex->placecue);
	ng_u64map_free(&lex->languagecue);
	ng_u64map_free(&lex->portfolio);
	ng_u64map_free(&lex->timeword);
	ng_u64map_free(&lex->skipword);
	ng_u64map_free(&lex->controlverb);
	ng_u64map_free(&lex->weekday);
	ng_u64map_free(&lex->relday);
	ng_u64map_free(&lex->timelead);
	wordlist_free(&lex->titlenow);
	wordlist_free(&lex->notmod);
	for (i = 0; i < lex->n_months; i++)
		free(lex->months[i].stem);
	free(lex->months);
	ng_buf_free(&lex->date_src);
	pcre2_code_free(lex->date_re);
	memset(lex, 0, sizeof(*lex));
}

/* The word classes by dictionary key, so that a token finds its class by
 * indexing rather than by a second hash lookup, and the first words of
 * titles, so that most tokens are passed over without a lookup. */
ng_status
ng_lexicon_prepare(ng_lexicon *lex)
{
	uint32_t n = lex->dict->n_keys + 1, key;
	size_t i;

	free(lex->key_wclass);
	free(lex->key_title);
	lex->key_title = NULL;
	lex->n_key_wclass = lex->n_key_title = 0;
	lex->key_tab_titles = 0;
	if (!(lex->key_wclass = calloc(n, 1)) ||
	    !(lex->key_title = calloc(n, sizeof(*lex->key_title))))
		return NG_ERR_NOMEM;
	lex->n_key_wclass = n;
	for (i = 0; i < lex->word_class.cap; i++) {
		key = (uint32_t)lex->word_class.slots[i].key;
		if (key && key < n)
			lex->key_wclass[key] = (uint8_t)lex->word_class.slots[i].val;
	}
	for (i = 0; i < lex->n_titles; i++) {
		uint32_t first = lex->titles[i].keys[0];
		if (first < n)
			ng_u64map_get(&lex->title_first, first, &lex->key_title[first]);
	}
	lex->n_key_title = n;
	lex->key_tab_titles = lex->n_titles;
	return prepare_dates(lex);
}

/* Past the start of a that matches all of b (case, and hyphen against
 * space, aside), or NULL. */
static const char *
role_prefix(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if ((*a | 32) != (*b | 32) && !((*a == '-' || *a == ' ') && (*b == '-' || *b == ' ')))
			return NULL;
	return *b ? NULL : a;
}

bool
ng_role_eq(const char *a, const char *b)
{
	const char *rest = role_prefix(a, b);

	return rest && !*rest;
}

bool
ng_role_names(const char *role, const char *title)
{
	const char *rest = role_prefix(role, title);

	return rest && (!*rest || !strncmp(rest, " of ", 4));
}

bool
ng_lexicon_is_leader_role(const ng_lexicon *lex, const char *role)
{
	size_t k;

	for (k = 0; k < lex->n_titles; k++)
		if (lex->titles[k].kind == NG_TITLE_LEADER && ng_role_eq(lex->titles[k].text, role))
			return true;
	return false;
}

uint32_t
ng_lexicon_match_title(const ng_lexicon *lex, uint32_t idx, const ng_token *toks,
                       uint32_t i, uint32_t te, const ng_phrase **which)
{
	uint32_t best = 0;

	for (; idx; idx = lex->titles[idx - 1].next) {
		const ng_phrase *p = &lex->titles[idx - 1];
		uint32_t j = i, m = 0;
		while (m < p->ntok && j < te) {
			if (toks[j].flags & NG_TOK_JOIN) {
				j++;
				continue;
			}
			if (toks[j].key != p->keys[m])
				break;
			j++;
			m++;
		}
		if (m == p->ntok && j > best) {
			best = j;
			*which = p;
		}
	}
	return best;
}
