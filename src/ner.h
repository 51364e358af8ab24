/* SPDX-License-Identifier: Apache-2.0 */
/* The recognizer. Not installed. */
#ifndef NG_NER_H
#define NG_NER_H

#include "doc.h"

/* Finds the mentions of gazetteer entries and of names the rules type
 * (after titles, before appositive titles, before organization head
 * words), and marks the tokens they hold in doc->taken. */
ng_status ng_ner(ng_doc *doc);
/* Gazetteer matches only, with the overlap rule (for make bench). */
ng_status ng_ner_gazetteer(ng_doc *doc);

#endif /* NG_NER_H */
