/* SPDX-License-Identifier: Apache-2.0 */
/* SHACL Core internals: the compiled form of shapes (paths, constraints,
 * patterns) that shacl_compile.c builds from the shapes graph and shacl.c
 * evaluates on the data graph; not installed. */
#ifndef NG_SHACL_COMPILE_H
#define NG_SHACL_COMPILE_H

#define PCRE2_CODE_UNIT_WIDTH 8

#include <pcre2.h>

#include "triples.h"

/* ------------------------------------------------------------ shapes */

enum { P_PRED, P_INV, P_SEQ, P_ALT, P_ZOM, P_OOM, P_ZOO };

typedef struct path {
	int kind;
	ng_tid pred;
	struct path **sub;
	size_t nsub;
} path;

#define KINDS(X) \
	X(K_CLASS, "Class") X(K_DATATYPE, "Datatype") X(K_NODEKIND, "NodeKind") \
	X(K_MINCOUNT, "MinCount") X(K_MAXCOUNT, "MaxCount") \
	X(K_MINEXCL, "MinExclusive") X(K_MININCL, "MinInclusive") \
	X(K_MAXEXCL, "MaxExclusive") X(K_MAXINCL, "MaxInclusive") \
	X(K_MINLEN, "MinLength") X(K_MAXLEN, "MaxLength") X(K_PATTERN, "Pattern") \
	X(K_LANGIN, "LanguageIn") X(K_UNIQUELANG, "UniqueLang") \
	X(K_EQUALS, "Equals") X(K_DISJOINT, "Disjoint") X(K_LESSTHAN, "LessThan") \
	X(K_LESSTHANEQ, "LessThanOrEquals") X(K_NOT, "Not") X(K_AND, "And") \
	X(K_OR, "Or") X(K_XONE, "Xone") X(K_NODE, "Node") X(K_PROPERTY, "Property") \
	X(K_QUALMIN, "QualifiedMinCount") X(K_QUALMAX, "QualifiedMaxCount") \
	X(K_CLOSED, "Closed") X(K_HASVALUE, "HasValue") X(K_IN, "In")

enum {
#define KIND_ENUM(k, name) k,
	KINDS(KIND_ENUM)
#undef KIND_ENUM
	K_COUNT
};

typedef struct {
	int kind;
	ng_tid param;
	long n;
	size_t *shapes;       /* shape indices */
	size_t nshapes;
	ng_tid *list;         /* sh:in, sh:languageIn, closed: allowed */
	size_t nlist;
	pcre2_code *re;
	/* qualified */
	long qmin, qmax;
	size_t *sib;
	size_t nsib;
} constraint;

typedef struct {
	ng_tid id;
	int deactivated;
	int targeted;
	ng_tid severity;
	ng_tid message;
	ng_tid path_term;
	path *path;
	constraint *c;
	size_t nc, ccap;
} shape;

typedef struct {
	size_t shape;
	ng_tid node;
} frame;

typedef struct {
	ng_store *st;
	const ng_vocab *v;
	const ng_graph *sg, *dg, *extra;
	ng_error_func func;
	void *handle;
	ng_status status;
	shape *shapes;
	size_t nshapes, scap;
	ng_tid *map;         /* hash: shape term -> index + 1 in map_idx */
	size_t *map_idx;
	size_t mcap;
	ng_tid comp[K_COUNT];
	frame *stack;
	size_t depth, stack_cap;
	pcre2_match_data *md;
} ctx;

/* A formatted term for a message; freed by the caller. */
static inline char *
fmt(ctx *c, ng_tid t)
{
	return ng_store_format(c->st, t);
}

static inline const ng_term *
term(ctx *c, ng_tid t)
{
	return ng_store_term(c->st, t);
}

/* Reports the first error of a run to the error function; later ones are
 * dropped. */
void ng_shacl_fail(ctx *c, ng_status st, const char *fmt, ...);
/* Index of shape @p id, compiling it on first use. @p from is the shape
 * that refers to it (0 for a top-level shape). */
size_t ng_shacl_compile_shape(ctx *c, ng_tid id, ng_tid from);
/* Frees the compiled shapes and the rest of @p c, not @p c itself. */
void ng_shacl_ctx_free(ctx *c);

#endif /* NG_SHACL_COMPILE_H */
