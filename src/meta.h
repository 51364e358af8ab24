/* SPDX-License-Identifier: Apache-2.0 */
/* Article metadata: title and publication date. Not installed. */
#ifndef NG_META_H
#define NG_META_H

#include "doc.h"
#include "lexicon.h"

/* Sets the document's title and date where its metadata gave none: the
 * first prose line, and the first date that the lexicon's date expressions
 * find in the text (none without them). A given date that is not a valid
 * YYYY-MM-DD is dropped. */
ng_status ng_meta_extract(ng_doc *doc, const ng_lexicon *lex);

#endif /* NG_META_H */
