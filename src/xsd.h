/* SPDX-License-Identifier: Apache-2.0 */
/* Lexical checks and comparison of XSD literals, for the OWL checks and
 * SHACL Core; not installed. */
#ifndef NG_XSD_H
#define NG_XSD_H

#include "triples.h"

/* Non-zero when the lexical form of literal @p t is valid for its datatype
 * (datatypes it does not know are always valid). */
int ng_xsd_valid(const ng_store *st, const ng_term *t);
/* Compares two terms for sh:min and lessThan; returns -1, 0, 1, or 2 when
 * they cannot be compared. */
int ng_xsd_compare(const ng_store *st, ng_tid a, ng_tid b);

#endif /* NG_XSD_H */
