/* SPDX-License-Identifier: Apache-2.0 */
/* SHACL Core, the validator's shapes engine; not installed. */
#ifndef NG_SHACL_H
#define NG_SHACL_H

#include "results.h"

/* Validates @p data against the shapes in @p shapes. Class hierarchy comes
 * from @p data and, when non-NULL, from @p extra (the ontology). Results are
 * appended to @p out. Errors in the shapes (a missing or recursive shape, a
 * bad pattern) return a status and go to @p func. */
ng_status ng_shacl_validate(ng_store *st, const ng_graph *shapes,
                            const ng_graph *data, const ng_graph *extra,
                            ng_results *out, ng_error_func func, void *handle);

#endif /* NG_SHACL_H */
