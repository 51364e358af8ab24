/* SPDX-License-Identifier: Apache-2.0 */
/* Titles in apposition, shared by the recognizer and the office facts. */
#include "config.h"

#include "names.h"

uint32_t
ng_appositive_title(const ng_doc *doc, const ng_sentence *s, uint32_t i, uint32_t *tb,
                    const ng_phrase **p)
{
	uint32_t j = i + 1, k;

	if (!ng_tok_eq(doc, i, ",") || j >= s->te)
		return 0;
	if (ng_tok_word(doc, j, "a") || ng_tok_word(doc, j, "an") || ng_tok_word(doc, j, "the"))
		j++;
	for (k = 0; k < 2 && j < s->te && !ng_title_at(doc, j, s->te, p) &&
	                                               (ng_tok(doc, j)->flags & NG_TOK_LOWER);
	                                               k++)
		j++;
	if (j >= s->te)
		return 0;
	*tb = j;
	return ng_title_at(doc, j, s->te, p);
}
