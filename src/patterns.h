/* SPDX-License-Identifier: Apache-2.0 */
/* Relation patterns (patterns.tsv): regular expressions over a sentence
 * whose mentions are written as typed placeholders ("PER_3 met with
 * PER_5"), what each needs of a sentence before it is worth running, and
 * the table of patterns by trigger word. Not installed. */
#ifndef NG_PATTERNS_H
#define NG_PATTERNS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "datafile.h"
#include "lexicon.h"
#include "regex.h"
#include "vocab.h"

/* The placeholder tags, a tag's type bit is 1 << its index: a person, an
 * organization, a country, a place, a demonym, any other entity. */
extern const char ng_pattern_tags[6][4];
#define NG_N_TAGS 6
enum { NG_TAG_PER, NG_TAG_ORG, NG_TAG_CTY, NG_TAG_PLC, NG_TAG_DEM, NG_TAG_ENT };

/* The type bit of the three capitals at t, 0 if they are no tag. */
uint8_t ng_pattern_tag_bit(const unsigned char *t);

typedef struct {
	char *id;
	const char *property; /* ontology local name */
	int modality;      /* ng_modality, or -1 for "auto" */
	double confidence;
	int sg, og;        /* numbers of the groups s and o */
	char **triggers;   /* one must occur in the tagged sentence; none = any */
	size_t n_triggers;
	uint16_t *trigger_bits; /* prefilter: bit of each trigger's first word */
	pcre2_code *re;
	char *file;
	unsigned long line;
	/* What the pattern needs of a sentence's placeholders to yield a fact,
	 * derived from its regular expression, a bit per placeholder type.
	 * Each need: a placeholder of one of its types; pair: two
	 * placeholders of its types; words: sets of ng_trigger_bit bits, each
	 * of n_words[i] in turn, and a word of one of each set. None of them:
	 * always run. */
	uint8_t need[4];
	uint8_t n_need;
	uint8_t pair;
	uint8_t n_words[4];
	uint16_t words[48];
} ng_pattern;

typedef struct {
	const ng_vocab *vocab;  /* the properties a pattern may yield */
	const ng_lexicon *lex;  /* the word lists of {PRE} and {NOTMOD} */
	const ng_sink *sink;
	ng_buf pre, notmod;     /* those placeholders' expressions */
	ng_pattern *items;
	size_t n, cap;
	/* Per ng_trigger_bit, the patterns with a trigger on it, a bit each;
	 * current while trigger_patterns equals n. */
	uint64_t *trigger_rows;
	size_t trigger_words;   /* 64-bit words per row */
	size_t trigger_patterns;
} ng_patterns;

void ng_patterns_init(ng_patterns *pat, const ng_vocab *vocab, const ng_lexicon *lex,
                      const ng_sink *sink);
ng_status ng_patterns_load(ng_patterns *pat, const char *path);
/* Builds the table by trigger word. */
ng_status ng_patterns_prepare(ng_patterns *pat);
void ng_patterns_free(ng_patterns *pat);

/* Derives p->need, p->pair and p->words from re, the expanded regular
 * expression that p->re was compiled from. */
void ng_pattern_derive_needs(ng_pattern *p, const char *re, size_t len);

/* The prefilter bit of a word: a hash of its first three bytes, so that a
 * trigger "visit" and a word "visited" share it. */
static inline uint16_t
ng_trigger_bit(const char *w, size_t n)
{
	uint32_t h = 0;
	size_t i;

	for (i = 0; i < n && i < 3; i++)
		h = h * 131 + (unsigned char)w[i];
	return (uint16_t)(h & 1023);
}

#endif /* NG_PATTERNS_H */
