/* SPDX-License-Identifier: Apache-2.0 */
/* Page boilerplate: lines that are not article prose (subscription offers,
 * prices, "Related Stories") get no entities and no facts. The rules are
 * regular expressions in boilerplate.tsv. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "boilerplate.h"

static ng_status
boiler_line(void *ctx, const char *file, unsigned long line, char **f, size_t nf)
{
	ng_boiler *b = ctx;
	ng_boiler_rule *r;

	if (nf < 2 || (strcmp(f[0], "line") && strcmp(f[0], "cut"))) {
		ng_sink_error(b->sink, NG_ERR_SYNTAX, file, line, 0, "expected line|cut<TAB>REGEX");
		return NG_ERR_SYNTAX;
	}
	if (NG_GROW(b->rules, b->cap_rules, b->n_rules + 1))
		return NG_ERR_NOMEM;
	r = &b->rules[b->n_rules];
	r->cut = !strcmp(f[0], "cut");
	/* Compiled alone to report errors by line; matching uses the
	 * combined expressions that ng_boiler_prepare builds. Boilerplate
	 * rules use ASCII classes (\w, \b): they are English page furniture,
	 * and Unicode classes would make every line slow. */
	if (!(r->re = ng_regex_compile(b->sink, f[1], strlen(f[1]), file, line, PCRE2_CASELESS)))
		return NG_ERR_PATTERN;
	{
		/* Rules anchored at the line's start are tried there only. */
		bool anchored = f[1][0] == '^';
		ng_buf *src = r->cut ? &b->cut_src
		              : anchored ? &b->line_src : &b->any_src;
		if (ng_buf_printf(src, "%s(?:%s)", src->len ? "|" : "", f[1]))
			return NG_ERR_NOMEM;
	}
	b->n_rules++;
	return NG_OK;
}

/* One expression for all line rules and one for all cut rules, so that a
 * line is scanned twice, not once per rule. */
ng_status
ng_boiler_prepare(ng_boiler *b)
{
	pcre2_code_free(b->line);
	pcre2_code_free(b->cut);
	pcre2_code_free(b->any);
	b->line = b->cut = b->any = NULL;
	if (b->any_src.len &&
	    !(b->any = ng_regex_compile(b->sink, b->any_src.buf, b->any_src.len,
	                                "boilerplate", 0, PCRE2_CASELESS)))
		return NG_ERR_PATTERN;
	if (b->line_src.len &&
	    !(b->line = ng_regex_compile(b->sink, b->line_src.buf, b->line_src.len,
	                                 "boilerplate", 0,
	                                 PCRE2_CASELESS | PCRE2_ANCHORED)))
		return NG_ERR_PATTERN;
	if (b->cut_src.len &&
	    !(b->cut = ng_regex_compile(b->sink, b->cut_src.buf, b->cut_src.len,
	                                "boilerplate", 0,
	                                PCRE2_CASELESS | PCRE2_ANCHORED)))
		return NG_ERR_PATTERN;
	/* Rules anchored at the line's start fail fast; the others search
	 * the whole line, and a literal filter spares most lines that. */
	return ng_litfilter_build(&b->any_filter, b->any_src.buf);
}

void
ng_boiler_init(ng_boiler *b, const ng_sink *sink)
{
	memset(b, 0, sizeof(*b));
	b->sink = sink;
}

ng_status
ng_boiler_load(ng_boiler *b, const char *path)
{
	return ng_datafile_each_line(b->sink, path, "cannot read", 8, boiler_line, b);
}

void
ng_boiler_free(ng_boiler *b)
{
	size_t i;

	for (i = 0; i < b->n_rules; i++)
		pcre2_code_free(b->rules[i].re);
	pcre2_code_free(b->line);
	pcre2_code_free(b->cut);
	pcre2_code_free(b->any);
	ng_buf_free(&b->any_src);
	ng_buf_free(&b->line_src);
	ng_buf_free(&b->cut_src);
	ng_litfilter_free(&b->any_filter);
	free(b->rules);
	b->rules = NULL;
	b->n_rules = b->cap_rules = 0;
	b->line = b->cut = b->any = NULL;
}

ng_status
ng_boiler_mark(const ng_boiler *rules, ng_doc *doc)
{
	const char *s = doc->text.norm;
	size_t lb = 0, si = 0;
	uint32_t line = 0;
	bool cut = false;
	pcre2_match_data *md = NULL;

	if (!rules->n_rules)
		return NG_OK;
	if (!(md = pcre2_match_data_create(1, NULL)))
		return NG_ERR_NOMEM;
	while (lb <= doc->text.norm_len) {
		const char *nl = memchr(s + lb, '\n', doc->text.norm_len - lb);
		size_t le = nl ? (size_t)(nl - s) : doc->text.norm_len, b, e;
		bool boiler = cut;

		line++;
		b = lb;
		e = le;
		while (b < e && s[b] == ' ')
			b++;
		while (e > b && s[e - 1] == ' ')
			e--;
		/* Long lines are prose: boilerplate lines are short. Cut rules
		 * and line rules that start with ^ are compiled anchored. */
		if (e - b > NG_BOILER_MAX_LINE && !cut) {
			b = e;
		}
		if (!boiler && e > b && rules->cut &&
		    ng_regex_match(rules->cut, s + b, e - b, 0, md) >= 0)
			boiler = cut = true;
		if (!boiler && e > b && rules->line &&
		    ng_regex_match(rules->line, s + b, e - b, 0, md) >= 0)
			boiler = true;
		if (!boiler && e > b && rules->any &&
		    ng_litfilter_may_match(&rules->any_filter, s + b, e - b) &&
		    ng_regex_match(rules->any, s + b, e - b, 0, md) >= 0)
			boiler = true;
		while (si < doc->n_sents && doc->sents[si].line < line)
			si++;
		while (si < doc->n_sents && doc->sents[si].line == line) {
			if (boiler)
				doc->sents[si].flags |= NG_SENT_BOILER;
			si++;
		}
		lb = le + 1;
	}
	pcre2_match_data_free(md);
	return NG_OK;
}
