/* SPDX-License-Identifier: Apache-2.0 */
/* The one reader of PCRE2 syntax: an expression's source as a small tree,
 * for the analyses that read requirements off an expression (the literal
 * prefilter, what a relation pattern needs). Not installed. */
#ifndef NG_RXSCAN_H
#define NG_RXSCAN_H

#include <stddef.h>
#include <stdint.h>

#include "newsgraph.h"

typedef enum {
	NG_RXSCAN_ALT,    /* one of its kids, each an NG_RXSCAN_SEQ */
	NG_RXSCAN_SEQ,    /* its kids one after another; none: the empty string */
	NG_RXSCAN_GROUP,  /* its one kid, an NG_RXSCAN_ALT, in parentheses */
	NG_RXSCAN_REPEAT, /* its one kid (no ALT, SEQ or REPEAT) min to max times */
	NG_RXSCAN_CHAR,   /* the code point c, written or escaped */
	NG_RXSCAN_CLASS,  /* one character of a class [...] */
	NG_RXSCAN_TYPE,   /* a character type: c is '.' or the letter of \d \D \w
	                   * \W \s \S \h \H \v \V \N \R \X \p \P */
	NG_RXSCAN_ASSERT  /* matches no text: c is '^', '$' or the letter of \b
	                   * \B \A \z \Z \G */
} ng_rxscan_kind;

typedef enum {
	NG_RXSCAN_CAPTURE,     /* (...), and named: (?<name>...) */
	NG_RXSCAN_NONCAPTURE,  /* (?:...) */
	NG_RXSCAN_AHEAD,       /* (?=...) */
	NG_RXSCAN_NOT_AHEAD,   /* (?!...) */
	NG_RXSCAN_BEHIND,      /* (?<=...) */
	NG_RXSCAN_NOT_BEHIND   /* (?<!...) */
} ng_rxscan_group;

#define NG_RXSCAN_INF UINT32_MAX

typedef struct ng_rxscan_node ng_rxscan_node;
struct ng_rxscan_node {
	ng_rxscan_kind kind;
	ng_rxscan_group group;  /* NG_RXSCAN_GROUP */
	uint32_t c;             /* NG_RXSCAN_CHAR, _TYPE, _ASSERT */
	uint32_t min, max;      /* NG_RXSCAN_REPEAT; max NG_RXSCAN_INF: no limit */
	const char *name;       /* a named group's name, in the source, or NULL */
	size_t name_len;
	size_t start, end;      /* its source: re[start, end) */
	ng_rxscan_node *kids;
	size_t n_kids;
};

/* Reads the expression re[0, len), as the project compiles them (UTF, no
 * extended syntax), into a tree rooted at an NG_RXSCAN_ALT. *out is NULL,
 * with NG_OK, when the expression holds syntax this reader does not follow
 * (options, verbs, back references, subroutines, \Q..\E, conditionals,
 * atomic groups, comments, \K, \C) or that PCRE2 rejects: a caller then
 * derives nothing from it. Names point into re. */
ng_status ng_rxscan_parse(const char *re, size_t len, ng_rxscan_node **out);
/* Frees a tree; NULL is a no-op. */
void ng_rxscan_free(ng_rxscan_node *root);

#endif /* NG_RXSCAN_H */
