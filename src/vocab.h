/* SPDX-License-Identifier: Apache-2.0 */
/* The ontology's vocabulary (newsgraph.ttl): the fact properties that the
 * relation patterns may yield. Not installed. */
#ifndef NG_VOCAB_H
#define NG_VOCAB_H

#include <stddef.h>

#include "datafile.h"
#include "util.h"

typedef struct {
	const ng_sink *sink;
	char **props;       /* local names under NG_NS of the ng:FactProperty */
	size_t n_props, cap_props;
	char *file;         /* where they were read, for messages */
} ng_vocab;

void ng_vocab_init(ng_vocab *v, const ng_sink *sink);
/* Reads the fact properties of the ontology at path (Turtle). */
ng_status ng_vocab_load(ng_vocab *v, const char *path);
/* The vocabulary's copy of the fact property name, or NULL when the
 * ontology defines none of that name. */
const char *ng_vocab_property(const ng_vocab *v, const char *name);
void ng_vocab_free(ng_vocab *v);

#endif /* NG_VOCAB_H */
