/* SPDX-License-Identifier: Apache-2.0 */
/* Sorting fixed-size records in bounded memory, for batch's state. Not
 * installed. */
#ifndef NG_EXTSORT_H
#define NG_EXTSORT_H

#include <stddef.h>
#include <stdio.h>

#include "newsgraph.h"

/* Sorting fixed-size records in bounded memory (extsort.c): add records,
 * then finish gives an unnamed temporary file in dir holding them sorted by
 * cmp (which should be a total order), positioned at its start; the caller
 * closes it. */
typedef struct ng_extsort ng_extsort;
ng_extsort *ng_extsort_new(const char *dir, size_t size, size_t chunk,
                           int (*cmp)(const void *, const void *));
ng_status ng_extsort_add(ng_extsort *s, const void *rec);
ng_status ng_extsort_finish(ng_extsort *s, FILE **out, size_t *n);
void ng_extsort_free(ng_extsort *s);
/* An unnamed temporary file in dir, open for reading and writing. */
int ng_temp_fd(const char *dir);

#endif /* NG_EXTSORT_H */
