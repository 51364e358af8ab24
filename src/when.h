/* SPDX-License-Identifier: Apache-2.0 */
/* When a fact happened: the time expression of its sentence ("on Monday",
 * "yesterday", "March 3", "3 March 2024", "in 2004"), resolved against the
 * article's date. Not installed. */
#ifndef NG_WHEN_H
#define NG_WHEN_H

#include "doc.h"

/* Gives each fact that a relation pattern found the date of its
 * sentence's first time expression, when it resolves: a weekday or a
 * relative day needs the article's date, a month and day without a year
 * too; "in 2004" is a year. */
ng_status ng_when(ng_doc *doc);

#endif /* NG_WHEN_H */
