/* SPDX-License-Identifier: Apache-2.0 */
/* Relation extraction by the patterns. Not installed. */
#ifndef NG_RELATION_H
#define NG_RELATION_H

#include "doc.h"

/* Longer sentences skip the patterns. */
#define NG_MAX_SENTENCE_TOKENS 400

/* Runs the patterns over each sentence written with placeholders for its
 * mentions, and adds the facts they yield, with the modality of their
 * cues. */
ng_status ng_relations(ng_doc *doc);

#endif /* NG_RELATION_H */
