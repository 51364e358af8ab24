/* SPDX-License-Identifier: Apache-2.0 */
/* IRIs for the RDF writer. Not installed; ng_iri_is_valid is public
 * (newsgraph.h). */
#ifndef NG_IRI_H
#define NG_IRI_H

#include <stdbool.h>

#include "newsgraph.h"
#include "util.h"

/* Is iri an absolute IRI by RFC 3987 (scheme, authority with an IP literal
 * or a host name, path, query, and a fragment if fragment is set)? Its
 * characters must be valid UTF-8 and, outside ASCII, ucschar (iprivate too
 * in the query): no C1 control, no non-character. */
bool ng_iri_check(const char *iri, bool fragment);

/* A URL from an article's metadata as an IRI in out: what its part may
 * not hold is percent-encoded, byte by byte, as browsers do ("a b" is
 * "a%20b", a second '#' is "%23"). False when it cannot be made one (no
 * scheme) or out of memory. */
bool ng_iri_from_url(const char *url, ng_buf *out);

#endif /* NG_IRI_H */
