/* SPDX-License-Identifier: Apache-2.0 */
/* Page boilerplate: lines that are not article prose (subscription offers,
 * prices, "Related Stories") get no entities and no facts. The rules are
 * regular expressions in boilerplate.tsv. */
#include "internal.h"

#include <string.h>

ng_status
ng_boiler_mark(ng_doc *doc)
{
	const ng_knowledge *kb = doc->kb;
	const char *s = doc->text.norm;
	size_t lb = 0, si = 0;
	uint32_t line = 0;
	bool cut = false;
	pcre2_match_data *md = NULL;

	if (!kb->n_boiler)
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
		if (!boiler && e > b && kb->boiler_cut &&
		    ng_regex_match(kb->boiler_cut, s + b, e - b, 0, md) >= 0)
			boiler = cut = true;
		if (!boiler && e > b && kb->boiler_line &&
		    ng_regex_match(kb->boiler_line, s + b, e - b, 0, md) >= 0)
			boiler = true;
		if (!boiler && e > b && kb->boiler_any &&
		    ng_regex_match(kb->boiler_any, s + b, e - b, 0, md) >= 0)
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

