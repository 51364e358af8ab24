/* SPDX-License-Identifier: Apache-2.0 */
/* IRIs for the RDF writer. Not installed; ng_iri_is_valid is public
 * (newsgraph.h). */
#ifndef NG_IRI_H
#define NG_IRI_H

#include <stdbool.h>

#include "newsgraph.h"
#include "util.h"

/* A URL from an article's metadata as an IRI in out: the bytes an IRI may
 * not hold are percent-encoded, as browsers do ("a b" is "a%20b"). False
 * when it has no scheme (or out of memory). */
bool ng_iri_from_url(const char *url, ng_buf *out);

#endif /* NG_IRI_H */
