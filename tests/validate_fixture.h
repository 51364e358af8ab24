/* SPDX-License-Identifier: Apache-2.0 */
/* Shared fixture for the validator's tests: paths under the source tree, an
 * error sink, validators loaded with the project's ontology and shapes (or
 * given shapes), and counting of their results. */
#ifndef NG_VALIDATE_FIXTURE_H
#define NG_VALIDATE_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "newsgraph.h"

#define ID "https://w3id.org/newsgraph/id/"

static char path_buf[8][4096];
static int path_next;

/* A path under the source tree (NG_SRCDIR in the environment or built in). */
static __attribute__((unused)) const char *
src(const char *rel)
{
	const char *dir = getenv("NG_SRCDIR");
	char *p = path_buf[path_next++ % 8];

#ifdef NG_SRCDIR
	if (!dir)
		dir = NG_SRCDIR;
#endif
	snprintf(p, sizeof path_buf[0], "%s/%s", dir ? dir : ".", rel);
	return p;
}

typedef struct {
	int count;
	ng_status status;
	unsigned long line, column;
	char message[1024];
} errors;

static __attribute__((unused)) void
on_error(void *handle, const ng_error *e)
{
	errors *err = handle;

	if (e->warning)
		return;
	if (!err->count) {
		err->status = e->status;
		err->line = e->line;
		err->column = e->column;
		snprintf(err->message, sizeof err->message, "%s", e->message ? e->message : "");
	}
	err->count++;
}

/* A validator with the project's ontology and shapes (or @p shapes). */
static __attribute__((unused)) ng_validator *
make(const char *shapes, errors *err)
{
	ng_validator *v = ng_validator_new();

	ck_assert_ptr_nonnull(v);
	memset(err, 0, sizeof *err);
	ng_validator_set_error_func(v, on_error, err);
	if (!shapes) {
		ck_assert_int_eq(ng_validator_load_ontology(v, src("ontology/newsgraph.ttl")), NG_OK);
		shapes = src("ontology/shapes.ttl");
	}
	ck_assert_int_eq(ng_validator_load_shapes(v, shapes), NG_OK);
	return v;
}

static __attribute__((unused)) ng_validator *
validate(const char *data, errors *err)
{
	ng_validator *v = make(NULL, err);
	const char *paths[1];

	paths[0] = src(data);
	ck_assert_int_eq(ng_validator_validate_files(v, paths, 1, NULL), NG_OK);
	return v;
}

/* A validator with the shapes @p shapes alone that has validated @p data,
 * both under the source tree. */
static __attribute__((unused)) ng_validator *
validate_with(const char *shapes, const char *data, errors *err)
{
	ng_validator *v = make(src(shapes), err);
	const char *paths[1];

	paths[0] = src(data);
	ck_assert_int_eq(ng_validator_validate_files(v, paths, 1, NULL), NG_OK);
	return v;
}

/* Number of results with this component, focus, path and value (NULL
 * matches anything). */
static __attribute__((unused)) int
count(const ng_validator *v, const char *component, const char *focus,
      const char *path, const char *value)
{
	size_t i, n = ng_validator_result_count(v);
	int found = 0;

	for (i = 0; i < n; i++) {
		ng_validation_result r;

		ck_assert_int_eq(ng_validator_result(v, i, &r), NG_OK);
		if (component && strcmp(r.component, component))
			continue;
		if (focus && strcmp(r.focus, focus))
			continue;
		if (path && (!r.path || strcmp(r.path, path)))
			continue;
		if (value && (!r.value || strcmp(r.value, value)))
			continue;
		found++;
	}
	return found;
}

static __attribute__((unused)) ng_status
run_with_shapes(const char *shapes, errors *err)
{
	ng_validator *v = make(src(shapes), err);
	const char *paths[1];
	ng_status st;

	paths[0] = src("tests/validate/simple.ttl");
	st = ng_validator_validate_files(v, paths, 1, NULL);
	ck_assert_int_eq((int)ng_validator_result_count(v), 0);
	ng_validator_free(v);
	return st;
}

#endif /* NG_VALIDATE_FIXTURE_H */
