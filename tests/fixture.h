/* SPDX-License-Identifier: Apache-2.0 */
/* Shared fixture for tests that analyse text with the invented data of
 * tests/data (NG_TEST_DATA). */
#ifndef NG_FIXTURE_H
#define NG_FIXTURE_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check_util.h"

#include "analyze.h"
#include "knowledge.h"
#include "names.h"

static ng_knowledge *fx_kb;

static __attribute__((unused)) void
fx_setup(void)
{
	fx_kb = ng_knowledge_new();
	ck_assert_ptr_nonnull(fx_kb);
	ck_assert_int_eq(ng_knowledge_load_dir(fx_kb, NG_TEST_DATA), NG_OK);
	ck_assert_int_eq(ng_knowledge_prepare(fx_kb), NG_OK);
}

static __attribute__((unused)) void
fx_teardown(void)
{
	ng_knowledge_free(fx_kb);
	fx_kb = NULL;
}

static __attribute__((unused)) ng_doc *
fx_doc(const char *text)
{
	ng_doc *doc = NULL;
	ck_assert_int_eq(ng_doc_analyze(fx_kb, text, strlen(text), NULL, &doc, NULL), NG_OK);
	return doc;
}

/* Does the document hold the fact with this modality? */
static __attribute__((unused)) int
fx_has(const ng_doc *doc, const char *s, const char *p, const char *o, ng_modality m)
{
	size_t i;
	for (i = 0; i < ng_doc_fact_count(doc); i++) {
		ng_fact_info f;
		if (ng_doc_fact(doc, i, &f))
			continue;
		if (!strcmp(f.subject, s) && !strcmp(f.property, p) && !strcmp(f.object, o) &&
		    f.modality == m)
			return 1;
	}
	return 0;
}

/* Does the document hold the fact with any modality? */
static __attribute__((unused)) int
fx_any(const ng_doc *doc, const char *s, const char *p, const char *o)
{
	int m;
	for (m = NG_MOD_ASSERTED; m <= NG_MOD_REPORTED; m++)
		if (fx_has(doc, s, p, o, (ng_modality)m))
			return 1;
	return 0;
}

/* The class of the entity labelled label, or -1. */
static __attribute__((unused)) int
fx_class(const ng_doc *doc, const char *label)
{
	size_t i;
	for (i = 0; i < doc->n_ents; i++)
		if (doc->ents[i].used && !strcmp(doc->ents[i].label, label))
			return (int)doc->ents[i].cls;
	return -1;
}

/* Writes text to a new temporary file; path must end in XXXXXX. */
static __attribute__((unused)) void
fx_temp_file(char *path, const char *text)
{
	int fd = mkstemp(path);
	FILE *f;
	ck_assert_int_ge(fd, 0);
	f = fdopen(fd, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	ck_assert_int_eq(fclose(f), 0);
}

/* Adds a user gazetteer of text to fx_kb and prepares it again. */
static __attribute__((unused)) void
fx_add_gazetteer(const char *text)
{
	char path[] = "/tmp/ng-gaz-XXXXXX";
	fx_temp_file(path, text);
	ck_assert_int_eq(ng_knowledge_add_gazetteer(fx_kb, path), NG_OK);
	unlink(path);
	ck_assert_int_eq(ng_knowledge_prepare(fx_kb), NG_OK);
}

/* The status of loading text as a data file into a new knowledge base
 * with load (ng_knowledge_add_gazetteer, ng_knowledge_add_patterns, ...). */
static __attribute__((unused)) ng_status
fx_load_text(ng_status (*load)(ng_knowledge *, const char *), const char *text)
{
	char path[] = "/tmp/ng-data-XXXXXX";
	ng_knowledge *kb = ng_knowledge_new();
	ng_status st;
	ck_assert_ptr_nonnull(kb);
	/* The ontology names the properties that patterns may yield. */
	ck_assert_int_eq(ng_knowledge_add_ontology(kb, NG_TEST_DATA "/newsgraph.ttl"), NG_OK);
	fx_temp_file(path, text);
	st = load(kb, path);
	ng_knowledge_free(kb);
	unlink(path);
	return st;
}

static __attribute__((unused)) void
fx_dump(const ng_doc *doc)
{
	size_t i;
	for (i = 0; i < ng_doc_fact_count(doc); i++) {
		ng_fact_info f;
		if (!ng_doc_fact(doc, i, &f))
			fprintf(stderr, "  %s %s %s (%s, %s)\n", f.subject, f.property, f.object,
			        ng_modality_name(f.modality), f.rule);
	}
}

/* The document of text holds (or lacks as asserted) the fact. */
#define FX_HAS(text, s, p, o, m)                                           \
	do {                                                                \
		ng_doc *d_ = fx_doc(text);                                      \
		if (!fx_has(d_, s, p, o, m))                                    \
			fx_dump(d_);                                                \
		ck_assert_msg(fx_has(d_, s, p, o, m), "missing %s %s %s in: %s", s, p, o, text); \
		ng_doc_free(d_);                                                \
	} while (0)

#define FX_LACKS(text, s, p, o)                                            \
	do {                                                                \
		ng_doc *d_ = fx_doc(text);                                      \
		ck_assert_msg(!fx_has(d_, s, p, o, NG_MOD_ASSERTED), "unexpected %s %s %s in: %s", s, p, o, text); \
		ng_doc_free(d_);                                                \
	} while (0)

#endif /* NG_FIXTURE_H */
