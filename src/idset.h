/* SPDX-License-Identifier: Apache-2.0 */
/* A set of 64-bit hashes in bounded memory, for batch's run. Not
 * installed. */
#ifndef NG_IDSET_H
#define NG_IDSET_H

#include <stddef.h>
#include <stdint.h>

#include "newsgraph.h"

/* A set of 64-bit hashes in bounded memory (idset.c): the newest in memory,
 * the rest in sorted runs in unnamed temporary files in dir, each with a
 * key for every block, so that a lookup reads at most a block a run.
 * Memory stays near mem ids (8 bytes each) plus an eighth of a percent of
 * the set; runs merge like a binary counter, so there are about log2 of
 * (size / mem) of them. has gives 1, 0, or -1 on a read error. */
typedef struct ng_idset ng_idset;
ng_idset *ng_idset_new(const char *dir, size_t mem);
int ng_idset_has(ng_idset *s, uint64_t h);
ng_status ng_idset_add(ng_idset *s, uint64_t h);
size_t ng_idset_count(const ng_idset *s);
void ng_idset_free(ng_idset *s);

#endif /* NG_IDSET_H */
