/* SPDX-License-Identifier: Apache-2.0 */
/* Sentences over the normalized text, and each word's key, class and head
 * flags. Not installed. */
#ifndef NG_SEGMENT_H
#define NG_SEGMENT_H

#include "doc.h"

/* Tokenizes the document line by line, splits sentences, looks every
 * word up in the dictionary, and sums up each sentence's tokens. */
ng_status ng_segment(ng_doc *doc);

#endif /* NG_SEGMENT_H */
