/* SPDX-License-Identifier: Apache-2.0 */
/* Article metadata: title and publication date. Not installed. */
#ifndef NG_META_H
#define NG_META_H

#include "doc.h"
#include "regex.h"

/* The expression for publication dates in the text. */
extern const char ng_date_pattern[];

/* Sets the document's title and date where its metadata gave none: the
 * first prose line, and the first date that date_re (ng_date_pattern, or
 * NULL for none) finds in the text. A given date that is not a valid
 * YYYY-MM-DD is dropped. */
ng_status ng_meta_extract(ng_doc *doc, const pcre2_code *date_re);

#endif /* NG_META_H */
