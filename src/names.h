/* SPDX-License-Identifier: Apache-2.0 */
/* What the stages after segmentation ask of a document's tokens: words by
 * their text, case and lexicon class, and titles at a token or in
 * apposition. Not installed. */
#ifndef NG_NAMES_H
#define NG_NAMES_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "doc.h"
#include "knowledge.h"

static inline const ng_token *
ng_tok(const ng_doc *doc, uint32_t i)
{
	return &doc->toks[i];
}

/* Token comparisons with constant words; the length comes from the
 * literal (only a string literal compiles), so most tokens fail on it
 * without touching their bytes. */
#define ng_tok_eq(doc, i, lit) ng_tok_eq_n(doc, i, "" lit, sizeof(lit) - 1)
#define ng_tok_word(doc, i, lit) ng_tok_word_n(doc, i, "" lit, sizeof(lit) - 1)

static inline bool
ng_tok_eq_n(const ng_doc *doc, uint32_t i, const char *s, size_t n)
{
	const ng_token *t = ng_tok(doc, i);
	return t->e - t->b == n && !memcmp(doc->text.norm + t->b, s, n);
}

/* Case-insensitive compare of an ASCII word. */
static inline bool
ng_tok_word_n(const ng_doc *doc, uint32_t i, const char *s, size_t n)
{
	const ng_token *t = ng_tok(doc, i);
	size_t k;

	if (t->e - t->b != n)
		return false;
	for (k = 0; k < n; k++)
		if ((doc->text.norm[t->b + k] | 32) != (s[k] | 32))
			return false;
	return true;
}

/* Is token i of the lexicon's word class bit (NG_WC_*)? */
static inline bool
ng_tok_in_class(const ng_doc *doc, uint8_t bit, uint32_t i)
{
	return (ng_tok(doc, i)->wclass & bit) != 0;
}

static inline bool
ng_is_cap_word(const ng_doc *doc, uint32_t i)
{
	const ng_token *t = ng_tok(doc, i);
	return (t->flags & NG_TOK_WORD) && (t->flags & (NG_TOK_CAP | NG_TOK_UPPER));
}

/* A word that joins the words of a name: "of", "for", "and", "on", "&". */
static inline bool
ng_is_connector(const ng_doc *doc, uint32_t i)
{
	return ng_tok_eq(doc, i, "of") || ng_tok_eq(doc, i, "for") || ng_tok_eq(doc, i, "and") ||
	       ng_tok_eq(doc, i, "on") || ng_tok_eq(doc, i, "&");
}

/* Does a middle initial start at token i (before te): one capital letter,
 * its period right after it, and a capitalized word after that ("Q." of
 * "Jane Q. Public")? */
static inline bool
ng_initial_at(const ng_doc *doc, uint32_t i, uint32_t te)
{
	return i + 2 < te && ng_token_is_initial(doc->text.norm, ng_tok(doc, i)) &&
	       ng_tok_eq(doc, i + 1, ".") && !(ng_tok(doc, i + 1)->flags & NG_TOK_SPACE) &&
	       ng_is_cap_word(doc, i + 2);
}

/* Is token i part of a middle initial (its letter or its period)? */
static inline bool
ng_in_initial(const ng_doc *doc, uint32_t i, uint32_t te)
{
	return ng_initial_at(doc, i, te) || (i > 0 && ng_initial_at(doc, i - 1, te));
}

/* Matches a title phrase of the lexicon at token i (up to te); returns
 * its end (exclusive) or 0, and sets *which. Most tokens start no title:
 * the token's flag tells, inline. */
static inline uint32_t
ng_title_at(const ng_doc *doc, uint32_t i, uint32_t te, const ng_phrase **which)
{
	const ng_lexicon *lex = &doc->kb->lex;

	if (i >= te || !(ng_tok(doc, i)->flags & NG_TOK_TITLE))
		return 0;
	return ng_lexicon_match_title(lex, ng_lexicon_title_head(lex, ng_tok(doc, i)->key),
	                              doc->toks, i, te, which);
}

/* An appositive title after the comma at token i of sentence s: ", [a|an|
 * the] [up to two lower-case words] TITLE". Returns the title's end and
 * sets *tb to its start, or returns 0. */
uint32_t ng_appositive_title(const ng_doc *doc, const ng_sentence *s, uint32_t i, uint32_t *tb,
                             const ng_phrase **p);

#endif /* NG_NAMES_H */
