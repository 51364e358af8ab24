/* SPDX-License-Identifier: Apache-2.0 */
/* Validation results, appended to by the OWL checks and SHACL Core, and the
 * W3C SHACL validation report written from them; not installed. */
#ifndef NG_RESULTS_H
#define NG_RESULTS_H

#include <stdio.h>

#include "triples.h"

typedef struct {
	ng_tid focus;
	ng_tid path;      /* path term (in the shapes graph) or predicate, 0 */
	ng_tid value;     /* 0 when none */
	ng_tid shape;     /* source shape, 0 for ontology checks */
	ng_tid component;
	ng_tid severity;  /* sh:Violation, sh:Warning, sh:Info */
	ng_tid message;   /* sh:message literal, or 0 */
	char *text;       /* generated message, owned, or NULL */
} ng_result;

typedef struct {
	ng_result *v;
	size_t n, cap;
} ng_results;

void ng_results_clear(ng_results *r);
ng_status ng_results_add(ng_results *r, const ng_result *res);

/* Writes @p results as a W3C SHACL validation report in Turtle to @p out:
 * sh:conforms is true when there are none. Each result is its own [ ... ]
 * block with its path written out fresh from @p shapes, so no blank node is
 * shared; other blank nodes keep one label. */
ng_status ng_results_write_report(const ng_results *results, const ng_store *st,
                                  const ng_graph *shapes, FILE *out);

#endif /* NG_RESULTS_H */
