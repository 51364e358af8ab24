/* SPDX-License-Identifier: Apache-2.0 */
/* The required-literal prefilter of caseless expressions. Not installed. */
#ifndef NG_LITFILTER_H
#define NG_LITFILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "newsgraph.h"
#include "util.h"

/* The strings one of which every match of an expression contains (each a
 * length byte and lower-case ASCII bytes), and flags for their first two
 * bytes; pairs is NULL when they cannot be told from the expression's
 * source, and then every text may match. */
typedef struct {
	uint8_t *pairs;
	ng_buf lits;
} ng_litfilter;

/* Builds the filter from the source of a caseless expression. */
ng_status ng_litfilter_build(ng_litfilter *f, const char *re);
/* Can the expression match s[0, n)? False only when s holds none of the
 * strings; s[n] must be readable. */
bool ng_litfilter_may_match(const ng_litfilter *f, const char *s, size_t n);
void ng_litfilter_free(ng_litfilter *f);

#endif /* NG_LITFILTER_H */
