/* SPDX-License-Identifier: Apache-2.0 */
/* Internal interface of the validator: an interned term store, indexed
 * in-memory graphs loaded through raptor2, the SHACL Core engine and the
 * OWL checks. Shared by src/triples.c, src/shacl.c, src/validate.c and the
 * validator's tests; not installed. */
#ifndef NG_VALIDATE_H
#define NG_VALIDATE_H

#include "triples.h"
#include "xsd.h"

/* ------------------------------------------------------------ results */

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

/* ------------------------------------------------------------ SHACL */

/* Validates @p data against the shapes in @p shapes. Class hierarchy comes
 * from @p data and, when non-NULL, from @p extra (the ontology). Results are
 * appended to @p out. Errors in the shapes (a missing or recursive shape, a
 * bad pattern) return a status and go to @p func. */
ng_status ng_shacl_validate(ng_store *st, const ng_graph *shapes,
                            const ng_graph *data, const ng_graph *extra,
                            ng_results *out, ng_error_func func, void *handle);

/* Runs the OWL checks of @p data against @p onto, appending to @p out. */
ng_status ng_owl_check(ng_store *st, const ng_graph *onto,
                       const ng_graph *data, ng_results *out);

#endif /* NG_VALIDATE_H */
