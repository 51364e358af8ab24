/* SPDX-License-Identifier: Apache-2.0 */
/* Page boilerplate (boilerplate.tsv): lines that are not article prose
 * (subscription offers, prices, "Related Stories") get no entities and no
 * facts. Not installed. */
#ifndef NG_BOILERPLATE_H
#define NG_BOILERPLATE_H

#include <stdbool.h>
#include <stddef.h>

#include "datafile.h"
#include "doc.h"
#include "litfilter.h"
#include "regex.h"

/* Longer lines are prose, not boilerplate. */
#define NG_BOILER_MAX_LINE 400

typedef struct {
	pcre2_code *re;
	bool cut;          /* this line and all after are boilerplate */
} ng_boiler_rule;

typedef struct {
	const ng_sink *sink;
	ng_boiler_rule *rules;
	size_t n_rules, cap_rules;
	/* The rules joined into one expression each: those anchored at the
	 * line's start, the cut rules, and the others, which a literal filter
	 * guards. */
	ng_buf line_src, cut_src, any_src;
	pcre2_code *line, *cut, *any;
	ng_litfilter any_filter;
} ng_boiler;

void ng_boiler_init(ng_boiler *b, const ng_sink *sink);
ng_status ng_boiler_load(ng_boiler *b, const char *path);
/* Compiles the joined expressions. */
ng_status ng_boiler_prepare(ng_boiler *b);
void ng_boiler_free(ng_boiler *b);
/* Flags the sentences of boilerplate lines with NG_SENT_BOILER. */
ng_status ng_boiler_mark(const ng_boiler *rules, ng_doc *doc);

#endif /* NG_BOILERPLATE_H */
