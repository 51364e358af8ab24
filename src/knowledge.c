/* SPDX-License-Identifier: Apache-2.0 */
/* The knowledge base: loading the lexicon, boilerplate rules and relation
 * patterns, and finding the data directory. */
#include "internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const class_names[] = {"Person", "Organization", "Country", "Place"};
static const char *const class_paths[] = {"person", "organization", "country", "place"};

const char *
ng_class_name(ng_class c)
{
	return c < NG_CLASS_COUNT ? class_names[c] : "Thing";
}

const char *
ng_class_path(ng_class c)
{
	return c < NG_CLASS_COUNT ? class_paths[c] : "thing";
}

int
ng_class_from_name(const char *s, size_t n)
{
	int i;

	for (i = 0; i < NG_CLASS_COUNT; i++)
		if (strlen(class_names[i]) == n && !memcmp(class_names[i], s, n))
			return i;
	return -1;
}

ng_knowledge *
ng_knowledge_new(void)
{
	ng_knowledge *kb = calloc(1, sizeof(*kb));

	if (!kb)
		return NULL;
	kb->n_nodes = 1;
	return kb;
}

void
ng_knowledge_set_error_func(ng_knowledge *kb, ng_error_func func, void *handle)
{
	kb->err_func = func;
	kb->err_handle = handle;
}

void
ng_kb_error(const ng_knowledge *kb, ng_status st, const char *file,
            unsigned long line, unsigned long col, const char *fmt, ...)
{
	char msg[1024];
	ng_error e;
	va_list ap;

	if (!kb || !kb->err_func)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	e.status = st;
	e.warning = 0;
	e.file = file;
	e.line = line;
	e.column = col;
	e.byte = -1;
	e.message = msg;
	kb->err_func(kb->err_handle, &e);
}

void
ng_knowledge_free(ng_knowledge *kb)
{
	if (!kb)
		return;
	ng_gazetteer_free(kb);
	ng_lexicon_free(kb);
	ng_patterns_free(kb);
	ng_boiler_free(kb);
	pcre2_code_free(kb->date_re);
	free(kb->key_wclass);
	free(kb->short_keys);
	free(kb->short_rest);
	free(kb);
}

size_t
ng_knowledge_entry_count(const ng_knowledge *kb)
{
	size_t i, n = 0;

	for (i = 0; i < kb->n_entries; i++)
		n += !kb->entries[i].dead;
	return n;
}

size_t
ng_split_tabs(char *line, char **fields, size_t max)
{
	size_t n = 0;
	char *p = line;

	while (n < max) {
		char *t = strchr(p, '\t');
		fields[n++] = p;
		if (!t)
			break;
		*t = '\0';
		p = t + 1;
	}
	return n;
}

/* Calls fn for each non-comment line of a data file, with the line's
 * fields split at tabs. */
typedef ng_status (*line_fn)(ng_knowledge *kb, const char *file, unsigned long line,
                             char **f, size_t nf);

static ng_status
for_each_line(ng_knowledge *kb, const char *path, line_fn fn)
{
	char *data = NULL, *p, *end;
	size_t len, bad;
	const char *why;
	unsigned long line = 0;
	ng_status st;

	if ((st = ng_read_file(path, &data, &len, 0))) {
		ng_kb_error(kb, st, path, 0, 0, "cannot read: %s", ng_strerror(st));
		return st;
	}
	if ((st = ng_utf8_check(data, len, &bad, &why))) {
		ng_kb_error(kb, st, path, 0, 0, "byte %zu: %s", bad, why);
		free(data);
		return st;
	}
	p = data;
	end = data + len;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *f[8];
		size_t nf;
		if (!nl)
			nl = end;
		*nl = '\0';
		line++;
		if (nl > p && nl[-1] == '\r')
			nl[-1] = '\0';
		if (*p && *p != '#') {
			nf = ng_split_tabs(p, f, 8);
			if ((st = fn(kb, path, line, f, nf)))
				break;
		}
		p = nl + 1;
	}
	free(data);
	return st;
}

pcre2_code *
ng_regex_compile(const ng_knowledge *kb, const char *re, size_t len,
                 const char *file, unsigned long line, uint32_t opts)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *code;

	code = pcre2_compile((PCRE2_SPTR)re, len,
	                     PCRE2_UTF | opts, &err,
	                     &off, NULL);
	if (!code) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(err, msg, sizeof(msg));
		ng_kb_error(kb, NG_ERR_PATTERN, file, line, 0,
		            "pattern error at offset %zu: %s", (size_t)off, (const char *)msg);
		return NULL;
	}
	/* JIT is an optimization: without it matching still works. */
	(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	return code;
}

int
ng_regex_match(const pcre2_code *re, const char *s, size_t len, size_t start,
               pcre2_match_data *md)
{
	/* pcre2_jit_match skips pcre2_match's argument checks, which cost as
	 * much as matching a short line; it answers JIT_BADOPTION for a
	 * pattern that JIT did not compile. */
	int rc = pcre2_jit_match(re, (PCRE2_SPTR)s, len, start, 0, md, NULL);

	if (rc == PCRE2_ERROR_JIT_BADOPTION)
		rc = pcre2_match(re, (PCRE2_SPTR)s, len, start, PCRE2_NO_UTF_CHECK, md, NULL);
	return rc;
}

/* ---------------------------------------------------------------- lexicon */

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
put_class(ng_knowledge *kb, uint8_t bit, const char *s)
{
	ng_buf f = {0};
	uint32_t key, old = 0;
	ng_status st;

	if (ng_fold(s, strlen(s), true, &f))
		return NG_ERR_NOMEM;
	if (!(st = ng_kb_intern(kb, f.buf, f.len, &key))) {
		ng_u64map_get(&kb->word_class, key, &old);
		st = ng_u64map_put(&kb->word_class, key, old | bit);
	}
	ng_buf_free(&f);
	return st;
}

static ng_status
add_title(ng_knowledge *kb, const char *file, unsigned long line, const char *text,
          const char *kind)
{
	ng_token *toks = NULL;
	size_t n = 0, cap = 0, i, k = 0;
	ng_phrase *p;
	ng_buf f = {0};
	ng_status st = NG_OK;

	if (NG_GROW(kb->titles, kb->cap_titles, kb->n_titles + 1))
		return NG_ERR_NOMEM;
	p = &kb->titles[kb->n_titles];
	memset(p, 0, sizeof(*p));
	if (!strcmp(kind, "leader"))
		p->kind = NG_TITLE_LEADER;
	else if (!strcmp(kind, "member"))
		p->kind = NG_TITLE_MEMBER;
	else if (!strcmp(kind, "academic"))
		p->kind = NG_TITLE_ACADEMIC;
	else {
		ng_kb_error(kb, NG_ERR_SYNTAX, file, line, 0,
		            "title kind must be leader, member or academic, not '%s'", kind);
		return NG_ERR_SYNTAX;
	}
	TRY(st, ng_tokenize(kb, text, 0, strlen(text), &toks, &n, &cap));
	if (!n || n > 8) {
		ng_kb_error(kb, NG_ERR_SYNTAX, file, line, 0, "title must have 1 to 8 words");
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
		TRY(st, ng_kb_intern(kb, f.buf, f.len, &p->keys[k]));
		k++;
	}
	p->ntok = (uint16_t)k;
	{
		/* Chain titles by their first word for the matcher. */
		uint32_t first = 0;
		if (ng_u64map_get(&kb->title_first, p->keys[0], &first))
			p->next = first;
		TRY(st, ng_u64map_put(&kb->title_first, p->keys[0], (uint32_t)kb->n_titles + 1));
	}
	kb->n_titles++;
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
lexicon_line(ng_knowledge *kb, const char *file, unsigned long line, char **f, size_t nf)
{
	const char *kind = f[0];

	if (nf < 2 || !*f[1]) {
		ng_kb_error(kb, NG_ERR_SYNTAX, file, line, 0, "expected KIND<TAB>VALUE");
		return NG_ERR_SYNTAX;
	}
	if (!strcmp(kind, "abbrev"))
		return put_word(&kb->abbrevs, f[1]);
	if (!strcmp(kind, "stopname"))
		return put_class(kb, NG_WC_STOPNAME, f[1]);
	if (!strcmp(kind, "orghead"))
		return put_class(kb, NG_WC_ORGHEAD, f[1]);
	if (!strcmp(kind, "pronoun"))
		return put_class(kb, NG_WC_PRONOUN, f[1]);
	if (!strcmp(kind, "leaderword"))
		return put_class(kb, NG_WC_LEADER, f[1]);
	if (!strcmp(kind, "vessel"))
		return put_class(kb, NG_WC_VESSEL, f[1]);
	if (!strcmp(kind, "titlenow"))
		return put_class(kb, NG_WC_TITLE_NOW, f[1]);
	if (!strcmp(kind, "titlepast"))
		return put_class(kb, NG_WC_TITLE_PAST, f[1]);
	if (!strcmp(kind, "nominal")) {
		ng_buf fw = {0};
		uint32_t key;
		ng_status st;
		if (nf < 3 || !*f[2]) {
			ng_kb_error(kb, NG_ERR_SYNTAX, file, line, 0, "expected nominal<TAB>NOUN<TAB>KINDS");
			return NG_ERR_SYNTAX;
		}
		if ((st = put_class(kb, NG_WC_NOMINAL, f[1])))
			return st;
		if (ng_fold(f[1], strlen(f[1]), true, &fw))
			return NG_ERR_NOMEM;
		st = ng_kb_intern(kb, fw.buf, fw.len, &key);
		ng_buf_free(&fw);
		if (st || NG_GROW(kb->nominal_kinds, kb->cap_nominals, kb->n_nominals + 1) ||
		    !(kb->nominal_kinds[kb->n_nominals] = ng_strndup(f[2], strlen(f[2]))))
			return NG_ERR_NOMEM;
		if ((st = ng_u64map_put(&kb->nominals, key, (uint32_t)kb->n_nominals)))
			return st;
		kb->n_nominals++;
		return NG_OK;
	}
	if (!strcmp(kind, "title"))
		return add_title(kb, file, line, f[1], nf > 2 ? f[2] : "member");
	if (!strcmp(kind, "cue")) {
		ng_cue *c;
		int m;
		if (nf < 3) {
			ng_kb_error(kb, NG_ERR_SYNTAX, file, line, 0, "expected cue<TAB>MODALITY<TAB>REGEX");
			return NG_ERR_SYNTAX;
		}
		for (m = NG_MOD_ASSERTED; m <= NG_MOD_REPORTED; m++)
			if (!strcmp(ng_modality_name((ng_modality)m), f[1]))
				break;
		if (m > NG_MOD_REPORTED) {
			ng_kb_error(kb, NG_ERR_SYNTAX, file, line, 0, "unknown modality '%s'", f[1]);
			return NG_ERR_SYNTAX;
		}
		if (NG_GROW(kb->cues, kb->cap_cues, kb->n_cues + 1))
			return NG_ERR_NOMEM;
		c = &kb->cues[kb->n_cues];
		memset(c, 0, sizeof(*c));
		c->modality = (ng_modality)m;
		if (!(c->re = ng_regex_compile(kb, f[2], strlen(f[2]), file, line,
		                               PCRE2_CASELESS | PCRE2_UCP)))
			return NG_ERR_PATTERN;
		kb->n_cues++;
		/* Most sentences hold no cue word: the filter spares them the
		 * expression. */
		return ng_litfilter_build(&c->filter, f[2]);
	}
	ng_kb_error(kb, NG_ERR_SYNTAX, file, line, 0, "unknown lexicon kind '%s'", kind);
	return NG_ERR_SYNTAX;
}

ng_status
ng_lexicon_load(ng_knowledge *kb, const char *path)
{
	return for_each_line(kb, path, lexicon_line);
}

void
ng_lexicon_free(ng_knowledge *kb)
{
	size_t i;

	ng_strmap_free(&kb->abbrevs);
	ng_u64map_free(&kb->word_class);
	ng_u64map_free(&kb->title_first);
	ng_u64map_free(&kb->nominals);
	for (i = 0; i < kb->n_nominals; i++)
		free(kb->nominal_kinds[i]);
	free(kb->nominal_kinds);
	for (i = 0; i < kb->n_titles; i++) {
		free(kb->titles[i].keys);
		free(kb->titles[i].text);
	}
	free(kb->titles);
	for (i = 0; i < kb->n_cues; i++) {
		pcre2_code_free(kb->cues[i].re);
		ng_litfilter_free(&kb->cues[i].filter);
	}
	free(kb->cues);
}

/* ------------------------------------------------------------ boilerplate */

static ng_status
boiler_line(ng_knowledge *kb, const char *file, unsigned long line, char **f, size_t nf)
{
	ng_boiler_rule *r;

	if (nf < 2 || (strcmp(f[0], "line") && strcmp(f[0], "cut"))) {
		ng_kb_error(kb, NG_ERR_SYNTAX, file, line, 0, "expected line|cut<TAB>REGEX");
		return NG_ERR_SYNTAX;
	}
	if (NG_GROW(kb->boiler, kb->cap_boiler, kb->n_boiler + 1))
		return NG_ERR_NOMEM;
	r = &kb->boiler[kb->n_boiler];
	r->cut = !strcmp(f[0], "cut");
	/* Compiled alone to report errors by line; matching uses the
	 * combined expressions that ng_boiler_prepare builds. Boilerplate
	 * rules use ASCII classes (\w, \b): they are English page furniture,
	 * and Unicode classes would make every line slow. */
	if (!(r->re = ng_regex_compile(kb, f[1], strlen(f[1]), file, line, PCRE2_CASELESS)))
		return NG_ERR_PATTERN;
	{
		/* Rules anchored at the line's start are tried there only. */
		bool anchored = f[1][0] == '^';
		ng_buf *src = r->cut ? &kb->boiler_cut_src
		              : anchored ? &kb->boiler_line_src : &kb->boiler_any_src;
		if (ng_buf_printf(src, "%s(?:%s)", src->len ? "|" : "", f[1]))
			return NG_ERR_NOMEM;
	}
	kb->n_boiler++;
	return NG_OK;
}

/* One expression for all line rules and one for all cut rules, so that a
 * line is scanned twice, not once per rule. */
static ng_status
ng_boiler_prepare(ng_knowledge *kb)
{
	pcre2_code_free(kb->boiler_line);
	pcre2_code_free(kb->boiler_cut);
	pcre2_code_free(kb->boiler_any);
	kb->boiler_line = kb->boiler_cut = kb->boiler_any = NULL;
	if (kb->boiler_any_src.len &&
	    !(kb->boiler_any = ng_regex_compile(kb, kb->boiler_any_src.buf, kb->boiler_any_src.len,
	                                        "boilerplate", 0, PCRE2_CASELESS)))
		return NG_ERR_PATTERN;
	if (kb->boiler_line_src.len &&
	    !(kb->boiler_line = ng_regex_compile(kb, kb->boiler_line_src.buf, kb->boiler_line_src.len,
	                                         "boilerplate", 0,
	                                         PCRE2_CASELESS | PCRE2_ANCHORED)))
		return NG_ERR_PATTERN;
	if (kb->boiler_cut_src.len &&
	    !(kb->boiler_cut = ng_regex_compile(kb, kb->boiler_cut_src.buf, kb->boiler_cut_src.len,
	                                        "boilerplate", 0,
	                                        PCRE2_CASELESS | PCRE2_ANCHORED)))
		return NG_ERR_PATTERN;
	/* Rules anchored at the line's start fail fast; the others search
	 * the whole line, and a literal filter spares most lines that. */
	return ng_litfilter_build(&kb->boiler_any_filter, kb->boiler_any_src.buf);
}

ng_status
ng_boiler_load(ng_knowledge *kb, const char *path)
{
	return for_each_line(kb, path, boiler_line);
}

void
ng_boiler_free(ng_knowledge *kb)
{
	size_t i;

	for (i = 0; i < kb->n_boiler; i++)
		pcre2_code_free(kb->boiler[i].re);
	pcre2_code_free(kb->boiler_line);
	pcre2_code_free(kb->boiler_cut);
	pcre2_code_free(kb->boiler_any);
	ng_buf_free(&kb->boiler_any_src);
	ng_buf_free(&kb->boiler_line_src);
	ng_buf_free(&kb->boiler_cut_src);
	ng_litfilter_free(&kb->boiler_any_filter);
	free(kb->boiler);
	kb->boiler = NULL;
	kb->n_boiler = kb->cap_boiler = 0;
}

/* --------------------------------------------------------------- patterns */

/* Expands the placeholders of a pattern ({PER}, {ORG}, {LIST:CTY}, ...)
 * into regular expression syntax over the tagged sentence text. */
static const struct {
	const char *name;
	const char *re;
} macros[] = {
	{"PER", "PER_\\d+\\b"},
	{"ORG", "ORG_\\d+\\b"},
	{"CTY", "CTY_\\d+\\b"},
	{"PLC", "PLC_\\d+\\b"},
	{"DEM", "DEM_\\d+\\b"},
	{"GPE", "(?:CTY|PLC)_\\d+\\b"},
	{"AGT", "(?:PER|ORG|CTY|PLC)_\\d+\\b"},
	{"ENT", "(?:PER|ORG|CTY|PLC)_\\d+\\b"},
	{"W", "[^ ]+"},
	{"GAP", "(?:[a-z][^ ]* ){0,4}?"},
	{"LONGGAP", "(?:[^ ]+ ){0,12}?"},
	{"PRE", "(?:(?:DEM|CTY|ORG)_\\d+\\b (?:'s )?)?(?:(?:new|current|acting) )?(?:TTL (?:, )?)?"},
	{"NOTMOD", "(?! (?:'s|command|mission|missions|operation|operations|summit|summits|meeting|meetings|force|forces|member|members|states|headquarters|exercise|exercises|initiative|initiatives|program|programme|structure|framework|chief|ministers|officials|leaders|partners|allies|ally|troops|base|bases|territory|standards|countries|nations|plans|talks|military|naval|air|army|navy|facility|facilities|government|embassy|officials|command)\\b)"},
	{NULL, NULL}
};

static const char *
macro_re(const char *name, size_t n)
{
	size_t i;

	for (i = 0; macros[i].name; i++)
		if (strlen(macros[i].name) == n && !memcmp(macros[i].name, name, n))
			return macros[i].re;
	return NULL;
}

static ng_status
expand_pattern(const char *p, ng_buf *out, const char **bad)
{
	while (*p) {
		const char *close, *re;
		if (*p != '{' || !(p[1] >= 'A' && p[1] <= 'Z') || !(close = strchr(p, '}'))) {
			if (ng_buf_addc(out, *p++))
				return NG_ERR_NOMEM;
			continue;
		}
		if ((size_t)(close - p) > 5 && !memcmp(p + 1, "LIST:", 5)) {
			/* A list: X, Y and Z (also X and Y, and an Oxford comma). */
			if (!(re = macro_re(p + 6, (size_t)(close - p - 6)))) {
				*bad = p;
				return NG_ERR_PATTERN;
			}
			if (ng_buf_printf(out, "%s(?:(?: ,| , and| and| , or| or) (?:the )?%s)*", re, re))
				return NG_ERR_NOMEM;
		} else if ((re = macro_re(p + 1, (size_t)(close - p - 1)))) {
			if (ng_buf_adds(out, re))
				return NG_ERR_NOMEM;
		} else {
			if (ng_buf_addc(out, *p++))
				return NG_ERR_NOMEM;
			continue;
		}
		p = close + 1;
	}
	return NG_OK;
}

static const char *const properties[] = {
	"visited", "metWith", "joined", "interestedIn", "memberOf", "partOf",
	"basedIn", "locatedIn", "leaderOf", "affiliatedWith", "succeeded",
	"supports", "providedAidTo", "invaded", "role", NULL
};

static const char *
known_property(const char *p)
{
	size_t i;

	for (i = 0; properties[i]; i++)
		if (!strcmp(properties[i], p))
			return properties[i];
	return NULL;
}

/* Splits "a|b|c" into the pattern's trigger strings. */
static ng_status
split_triggers(ng_pattern *p, const char *s)
{
	size_t cap = 0;

	while (*s) {
		const char *bar = strchr(s, '|');
		size_t n = bar ? (size_t)(bar - s) : strlen(s);
		if (n) {
			const char *w = s;
			size_t wn = n, bcap = cap;
			if (NG_GROW(p->triggers, cap, p->n_triggers + 1) ||
			    NG_GROW(p->trigger_bits, bcap, p->n_triggers + 1) ||
			    !(p->triggers[p->n_triggers] = ng_strndup(s, n)))
				return NG_ERR_NOMEM;
			/* The prefilter keys on the first word of the trigger. */
			while (wn && *w == ' ')
				w++, wn--;
			{
				const char *sp = memchr(w, ' ', wn);
				if (sp)
					wn = (size_t)(sp - w);
			}
			p->trigger_bits[p->n_triggers] = ng_trigger_bit(w, wn);
			p->n_triggers++;
		}
		if (!bar)
			break;
		s = bar + 1;
	}
	return NG_OK;
}

static ng_status
pattern_line(ng_knowledge *kb, const char *file, unsigned long line, char **f, size_t nf)
{
	ng_pattern *p;
	ng_buf re = {0};
	const char *bad = NULL;
	int m = -1;
	char *end;
	ng_status st = NG_OK;

	if (nf < 6) {
		ng_kb_error(kb, NG_ERR_SYNTAX, file, line, 0,
		            "expected ID<TAB>PROPERTY<TAB>MODALITY<TAB>CONFIDENCE<TAB>TRIGGERS<TAB>REGEX");
		return NG_ERR_SYNTAX;
	}
	if (!known_property(f[1])) {
		ng_kb_error(kb, NG_ERR_SYNTAX, file, line, 0, "unknown property '%s'", f[1]);
		return NG_ERR_SYNTAX;
	}
	if (strcmp(f[2], "auto")) {
		for (m = NG_MOD_ASSERTED; m <= NG_MOD_REPORTED; m++)
			if (!strcmp(ng_modality_name((ng_modality)m), f[2]))
				break;
		if (m > NG_MOD_REPORTED) {
			ng_kb_error(kb, NG_ERR_SYNTAX, file, line, 0, "unknown modality '%s'", f[2]);
			return NG_ERR_SYNTAX;
		}
	}
	if (NG_GROW(kb->patterns, kb->cap_patterns, kb->n_patterns + 1))
		return NG_ERR_NOMEM;
	p = &kb->patterns[kb->n_patterns];
	memset(p, 0, sizeof(*p));
	p->confidence = strtod(f[3], &end);
	if (*end || p->confidence < 0 || p->confidence > 1) {
		ng_kb_error(kb, NG_ERR_SYNTAX, file, line, 0, "confidence must be between 0 and 1");
		return NG_ERR_SYNTAX;
	}
	if ((st = expand_pattern(f[5], &re, &bad))) {
		if (bad)
			ng_kb_error(kb, st, file, line, 0, "unknown placeholder at offset %zu",
			            (size_t)(bad - f[5]));
		goto done;
	}
	if (!(p->re = ng_regex_compile(kb, re.buf, re.len, file, line, PCRE2_UCP))) {
		st = NG_ERR_PATTERN;
		goto done;
	}
	p->sg = pcre2_substring_number_from_name(p->re, (PCRE2_SPTR) "s");
	p->og = pcre2_substring_number_from_name(p->re, (PCRE2_SPTR) "o");
	if (p->sg <= 0 || p->og <= 0) {
		ng_kb_error(kb, NG_ERR_PATTERN, file, line, 0,
		            "pattern needs named groups (?<s>...) and (?<o>...)");
		pcre2_code_free(p->re);
		st = NG_ERR_PATTERN;
		goto done;
	}
	ng_pattern_derive_needs(p, re.buf, re.len);
	p->id = ng_strndup(f[0], strlen(f[0]));
	if ((st = split_triggers(p, f[4])))
		goto done;
	p->property = (char *)known_property(f[1]);
	p->modality = m;
	p->file = ng_strndup(file, strlen(file));
	p->line = line;
	if (!p->id || !p->file) {
		free(p->id);
		free(p->file);
		pcre2_code_free(p->re);
		st = NG_ERR_NOMEM;
		goto done;
	}
	kb->n_patterns++;
done:
	ng_buf_free(&re);
	return st;
}

ng_status
ng_patterns_load(ng_knowledge *kb, const char *path)
{
	return for_each_line(kb, path, pattern_line);
}

ng_status
ng_knowledge_add_patterns(ng_knowledge *kb, const char *path)
{
	return ng_patterns_load(kb, path);
}

void
ng_patterns_free(ng_knowledge *kb)
{
	size_t i, j;

	for (i = 0; i < kb->n_patterns; i++) {
		free(kb->patterns[i].id);
		free(kb->patterns[i].file);
		for (j = 0; j < kb->patterns[i].n_triggers; j++)
			free(kb->patterns[i].triggers[j]);
		free(kb->patterns[i].triggers);
		free(kb->patterns[i].trigger_bits);
		pcre2_code_free(kb->patterns[i].re);
	}
	free(kb->patterns);
}

/* -------------------------------------------------------------- loading */

static ng_status
load_one(ng_knowledge *kb, const char *dir, const char *name,
         ng_status (*fn)(ng_knowledge *, const char *))
{
	ng_buf p = {0};
	ng_status st;

	if (ng_buf_printf(&p, "%s/%s", dir, name))
		return NG_ERR_NOMEM;
	st = fn(kb, p.buf);
	ng_buf_free(&p);
	return st;
}

static ng_status
gaz_default(ng_knowledge *kb, const char *path)
{
	return ng_gazetteer_load(kb, path, 0);
}

ng_status
ng_knowledge_load_dir(ng_knowledge *kb, const char *dir)
{
	static const char *const gazetteers[] = {
		"gazetteer/countries.tsv", "gazetteer/organizations.tsv",
		"gazetteer/places.tsv", "gazetteer/people.tsv", NULL
	};
	ng_status st;
	size_t i;

	/* The lexicon first: its abbreviations shape how aliases tokenize. */
	if ((st = load_one(kb, dir, "lexicon.tsv", ng_lexicon_load)) ||
	    (st = load_one(kb, dir, "boilerplate.tsv", ng_boiler_load)) ||
	    (st = load_one(kb, dir, "patterns.tsv", ng_patterns_load)))
		return st;
	for (i = 0; gazetteers[i]; i++)
		if ((st = load_one(kb, dir, gazetteers[i], gaz_default)))
			return st;
	return NG_OK;
}

ng_status
ng_knowledge_add_gazetteer(ng_knowledge *kb, const char *path)
{
	/* Each user file outranks the shipped data and the files before it. */
	kb->load_priority += 1000;
	return ng_gazetteer_load(kb, path, kb->load_priority);
}

/* The word classes by dictionary key, so that a token finds its class by
 * indexing rather than by a second hash lookup. */
static ng_status
prepare_word_classes(ng_knowledge *kb)
{
	size_t i;

	free(kb->key_wclass);
	kb->n_key_wclass = 0;
	if (!(kb->key_wclass = calloc((size_t)kb->n_keys + 1, 1)))
		return NG_ERR_NOMEM;
	kb->n_key_wclass = kb->n_keys + 1;
	for (i = 0; i < kb->word_class.cap; i++) {
		uint64_t key = kb->word_class.slots[i].key;
		if (key && key <= kb->n_keys)
			kb->key_wclass[key] = (uint8_t)kb->word_class.slots[i].val;
	}
	return NG_OK;
}

/* The dictionary's words of up to 16 bytes as 64-bit values, for the
 * tokenizer. */
static ng_status
prepare_short_keys(ng_knowledge *kb)
{
	size_t i, cap = 16;

	free(kb->short_keys);
	free(kb->short_rest);
	kb->short_keys = NULL;
	kb->short_rest = NULL;
	kb->short_keys_ready = false;
	while (cap < kb->dict.count * 2)
		cap *= 2;
	if (!(kb->short_keys = calloc(cap, sizeof(*kb->short_keys))) ||
	    !(kb->short_rest = calloc(cap, sizeof(*kb->short_rest))))
		return NG_ERR_NOMEM;
	kb->short_mask = cap - 1;
	for (i = 0; i < kb->dict.cap; i++) {
		const ng_strmap_slot *s = &kb->dict.slots[i];
		const char *w;
		uint64_t v = 0, r = 0;
		size_t j;
		if (!s->off || !s->len || s->len > 16)
			continue;
		w = kb->dict.arena.buf + s->off - 1;
		/* A NUL byte would make two words one value. */
		if (memchr(w, '\0', s->len))
			return NG_OK;
		memcpy(&v, w, s->len < 8 ? s->len : 8);
		if (s->len > 8)
			memcpy(&r, w + 8, s->len - 8);
		for (j = ng_short_slot(ng_short_hash(v, r), kb->short_mask); kb->short_keys[j].word;
		     j = (j + 1) & kb->short_mask)
			;
		kb->short_keys[j].word = v;
		kb->short_keys[j].key = s->val;
		kb->short_keys[j].wclass = kb->key_wclass[s->val];
		kb->short_keys[j].heads = ng_word_heads(kb, s->val);
		kb->short_keys[j].more = s->len > 8;
		kb->short_rest[j] = r;
	}
	kb->short_titles = kb->n_titles;
	kb->short_keys_ready = true;
	return NG_OK;
}

ng_status
ng_knowledge_prepare(ng_knowledge *kb)
{
	ng_status st = ng_gazetteer_prepare(kb);

	if (!st)
		st = prepare_word_classes(kb);
	if (!st)
		st = prepare_short_keys(kb);
	if (!st)
		st = ng_boiler_prepare(kb);
	if (!st && !kb->date_re &&
	    !(kb->date_re = ng_regex_compile(kb, ng_date_pattern, strlen(ng_date_pattern), "dates", 0,
	                                     PCRE2_CASELESS)))
		st = NG_ERR_PATTERN;
	if (!st)
		kb->prepared = true;
	return st;
}

static bool
is_dir_with(const char *dir, const char *file)
{
	char path[4096];
	struct stat sb;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, file) >= sizeof(path))
		return false;
	return stat(path, &sb) == 0;
}

const char *
ng_data_dir(void)
{
	static char found[4096 + 64];
	const char *env = getenv("NEWSGRAPH_DATADIR");
	char exe[4096];
	ssize_t n;

	if (env && *env)
		return env;
	/* Run from a build tree: the program lives in src/ (or src/.libs/). */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		static const char *const ups[] = {"/../ontology", "/../../ontology", NULL};
		char *slash;
		size_t i;
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')))
			*slash = '\0';
		for (i = 0; ups[i]; i++) {
			snprintf(found, sizeof(found), "%s%s", exe, ups[i]);
			if (is_dir_with(found, "lexicon.tsv") && is_dir_with(found, "newsgraph.ttl"))
				return found;
		}
		/* A VPATH build tree: the data stays in the source tree. */
		if (!strncmp(exe, NG_BUILDDIR "/", strlen(NG_BUILDDIR) + 1) &&
		    is_dir_with(NG_SRCDIR "/ontology", "lexicon.tsv"))
			return NG_SRCDIR "/ontology";
	}
	return NG_PKGDATADIR "/ontology";
}
