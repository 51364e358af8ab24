/* SPDX-License-Identifier: Apache-2.0 */
/* Page boilerplate: lines that are not article prose (subscription offers,
 * prices, "Related Stories") get no entities and no facts. The rules are
 * regular expressions in boilerplate.tsv. */
#include "internal.h"

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
		size_t le = lb, b, e;
		bool boiler = cut;

		while (le < doc->text.norm_len && s[le] != '\n')
			le++;
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
		    pcre2_match(kb->boiler_cut, (PCRE2_SPTR)s + b, e - b, 0,
		                PCRE2_NO_UTF_CHECK, md, NULL) >= 0)
			boiler = cut = true;
		if (!boiler && e > b && kb->boiler_line &&
		    pcre2_match(kb->boiler_line, (PCRE2_SPTR)s + b, e - b, 0,
		                PCRE2_NO_UTF_CHECK, md, NULL) >= 0)
			boiler = true;
		if (!boiler && e > b && kb->boiler_any &&
		    pcre2_match(kb->boiler_any, (PCRE2_SPTR)s + b, e - b, 0, PCRE2_NO_UTF_CHECK, md,
		                NULL) >= 0)
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

