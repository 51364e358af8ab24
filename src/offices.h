/* SPDX-License-Identifier: Apache-2.0 */
/* Facts from titles, appositions and dated offices. Not installed. */
#ifndef NG_OFFICES_H
#define NG_OFFICES_H

#include <stdint.h>

#include "doc.h"

/* Role, leaderOf and affiliatedWith facts from the titles before person
 * mentions and the titles in apposition after them (needs the mention
 * index). */
ng_status ng_offices(ng_doc *doc);
/* The gazetteer person who leads entry target at the article's date (any
 * office held then, without a date), or -1. */
int32_t ng_offices_holder(const ng_doc *doc, int32_t target);

#endif /* NG_OFFICES_H */
