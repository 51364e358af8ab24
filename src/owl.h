/* SPDX-License-Identifier: Apache-2.0 */
/* The OWL checks of the validator; not installed. */
#ifndef NG_OWL_H
#define NG_OWL_H

#include "results.h"

/* Runs the OWL checks of @p data against @p onto, appending to @p out. */
ng_status ng_owl_check(ng_store *st, const ng_graph *onto,
                       const ng_graph *data, ng_results *out);

#endif /* NG_OWL_H */
