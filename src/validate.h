/* SPDX-License-Identifier: Apache-2.0 */
/* Internal interface of the validator: an interned term store, indexed
 * in-memory graphs loaded through raptor2, the SHACL Core engine and the
 * OWL checks. Shared by src/triples.c, src/shacl.c, src/validate.c and the
 * validator's tests; not installed. */
#ifndef NG_VALIDATE_H
#define NG_VALIDATE_H

#include "triples.h"
#include "owl.h"
#include "results.h"
#include "xsd.h"

/* ------------------------------------------------------------ SHACL */

/* Validates @p data against the shapes in @p shapes. Class hierarchy comes
 * from @p data and, when non-NULL, from @p extra (the ontology). Results are
 * appended to @p out. Errors in the shapes (a missing or recursive shape, a
 * bad pattern) return a status and go to @p func. */
ng_status ng_shacl_validate(ng_store *st, const ng_graph *shapes,
                            const ng_graph *data, const ng_graph *extra,
                            ng_results *out, ng_error_func func, void *handle);

#endif /* NG_VALIDATE_H */
