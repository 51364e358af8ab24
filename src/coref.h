/* SPDX-License-Identifier: Apache-2.0 */
/* Coreference. Not installed. */
#ifndef NG_COREF_H
#define NG_COREF_H

#include "doc.h"

/* Surnames of people named in full and acronyms defined in parentheses,
 * where they recur; then indexes the mentions (after ng_ner). */
ng_status ng_coref_aliases(ng_doc *doc);
/* Pronouns, nominals and roles (after ng_offices, whose facts name the
 * leaders that roles point to). */
ng_status ng_coref_references(ng_doc *doc);

#endif /* NG_COREF_H */
