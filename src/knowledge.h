/* SPDX-License-Identifier: Apache-2.0 */
/* The knowledge base: the modules of the data files, loaded from a data
 * directory and prepared together. Not installed. */
#ifndef NG_KNOWLEDGE_H
#define NG_KNOWLEDGE_H

#include <stdbool.h>

#include "boilerplate.h"
#include "datafile.h"
#include "dict.h"
#include "gazetteer.h"
#include "lexicon.h"
#include "patterns.h"
#include "regex.h"
#include "vocab.h"

struct ng_knowledge {
	ng_sink sink;
	ng_vocab vocab;
	ng_dict dict;
	ng_lexicon lex;
	ng_gazetteer gaz;
	ng_boiler boiler;
	ng_patterns pat;
	int load_priority;      /* bumped for each user gazetteer */
	bool prepared;
};

/* The NG_TOK_TITLE and NG_TOK_ALIAS flags of a word of this key: tested
 * by the recognizer on every token, so set once by ng_segment. */
static inline uint16_t
ng_knowledge_word_heads(const ng_knowledge *kb, uint32_t key)
{
	return (uint16_t)((ng_lexicon_title_head(&kb->lex, key) ? NG_TOK_TITLE : 0) |
	                  (ng_gazetteer_root(&kb->gaz, key) ? NG_TOK_ALIAS : 0));
}

#endif /* NG_KNOWLEDGE_H */
