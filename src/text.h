/* SPDX-License-Identifier: Apache-2.0 */
/* UTF-8 checking, normalization with an offset map, case folding and
 * literal cleaning. Not installed. */
#ifndef NG_TEXT_H
#define NG_TEXT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "newsgraph.h"
#include "util.h"

/* One article's text: the original bytes (after a byte order mark), and a
 * normalized copy (NFC, typographic quotes and dashes folded, controls made
 * spaces) used for matching, with a map from each normalized byte back to
 * the original byte it came from. */
typedef struct {
	const char *orig;
	size_t orig_len;
	char *norm;         /* followed by NG_NORM_PAD NUL bytes */
	size_t norm_len;
	uint32_t *map;      /* norm_len + 1 entries */
	uint32_t *chars;    /* code points before each 64-byte block, or NULL */
} ng_text;

#define NG_NORM_PAD 8

/* Checks UTF-8 (no NUL, no overlong forms, no surrogates); returns NG_OK or
 * the error with *bad set to the offending byte offset and *why to a reason. */
ng_status ng_utf8_check(const char *s, size_t len, size_t *bad, const char **why);
/* Appends s to out with every byte that is not part of valid UTF-8 (and
 * every NUL) replaced by U+FFFD. */
ng_status ng_utf8_repair(const char *s, size_t len, ng_buf *out);
/* Decodes one code point at s (valid UTF-8); returns its length. */
size_t ng_utf8_decode(const unsigned char *s, int32_t *cp);
/* Builds t from bytes (which must outlive t); strips a BOM. */
ng_status ng_text_init(ng_text *t, const char *bytes, size_t len,
                       size_t *bad, const char **why);
void ng_text_clear(ng_text *t);
/* Original byte offset of normalized offset n. */
static inline size_t
ng_text_orig(const ng_text *t, size_t n)
{
	return t->map[n];
}
/* Counts the code points before each block of the original text, so that
 * ng_text_char_offset is quick. */
ng_status ng_text_index_chars(ng_text *t);
/* Code point offset of an original byte offset (counted from the start
 * when the text was not indexed). */
size_t ng_text_char_offset(const ng_text *t, size_t orig_byte);
/* Case-folds (and strips marks when strip is set) s into out. */
ng_status ng_fold(const char *s, size_t len, bool strip, ng_buf *out);
/* Appends s with control characters and noncharacters made safe for RDF
 * literals (C0/C1 controls but tab become spaces, U+FFFE/U+FFFF become
 * U+FFFD). */
ng_status ng_clean_literal(const char *s, size_t len, ng_buf *out);
/* The same but keeping line feeds: an article's text. Neither changes
 * the number of code points, so offsets hold in the result. */
ng_status ng_clean_text(const char *s, size_t len, ng_buf *out);
/* Would ng_clean_literal copy s unchanged? */
bool ng_literal_is_clean(const char *s, size_t len);
/* Appends the canonical form of a name: cleaned as a literal, NFC, runs
 * of spaces made one, none at the ends. out must be empty. */
ng_status ng_label_normalize(const char *s, size_t len, ng_buf *out);
/* Slug for IRIs: lower-case ASCII letters, digits and '-'. */
ng_status ng_slug(const char *s, size_t len, ng_buf *out);

#endif /* NG_TEXT_H */
