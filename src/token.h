/* SPDX-License-Identifier: Apache-2.0 */
/* The tokenizer: words, possessives, joining hyphens and punctuation over
 * normalized text, each with flags for its case and shape. Not installed. */
#ifndef NG_TOKEN_H
#define NG_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "newsgraph.h"
#include "util.h"

enum {
	NG_TOK_WORD = 1 << 0,    /* letters and digits */
	NG_TOK_NUM = 1 << 1,     /* starts with a digit */
	NG_TOK_PUNCT = 1 << 2,
	NG_TOK_CAP = 1 << 3,     /* starts with an upper-case letter */
	NG_TOK_UPPER = 1 << 4,   /* two or more letters, all upper case */
	NG_TOK_LOWER = 1 << 5,   /* starts with a lower-case letter */
	NG_TOK_SPACE = 1 << 6,   /* white space before the token */
	NG_TOK_ABBR = 1 << 7,    /* abbreviation with its period: U.S., Mr. */
	NG_TOK_POSS = 1 << 8,    /* possessive 's or ' */
	NG_TOK_JOIN = 1 << 9,    /* a hyphen inside a word: Lund-Aalto */
	NG_TOK_TITLE = 1 << 10,  /* a title phrase of the lexicon starts with it
	                          * (ng_lexicon_title_head), set by ng_segment */
	NG_TOK_ALIAS = 1 << 11   /* a gazetteer alias starts with it
	                          * (ng_gazetteer_root), set by ng_segment */
};

typedef struct ng_token {
	uint32_t b, e;  /* normalized byte span */
	uint32_t key;   /* folded form's key in the dictionary (dict.h), 0 if none */
	uint16_t flags;
	uint8_t wclass; /* NG_WC_* of the lexicon */
} ng_token;

/* Is t a single capital letter (A to Z), as an initial in a name? */
static inline int
ng_token_is_initial(const char *s, const ng_token *t)
{
	return t->e - t->b == 1 && (t->flags & NG_TOK_CAP) && s[t->b] >= 'A' && s[t->b] <= 'Z';
}

/* Tokenizes s[b, e), appending to *toks (keys are left 0); a word of
 * abbrevs (folded, without its period) keeps a following period. */
ng_status ng_tokenize(const ng_strmap *abbrevs, const char *s, size_t b, size_t e,
                      ng_token **toks, size_t *n, size_t *cap);

#endif /* NG_TOKEN_H */
