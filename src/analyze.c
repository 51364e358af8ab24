/* SPDX-License-Identifier: Apache-2.0 */
/* One article through the pipeline: text, segments, boilerplate, metadata,
 * entities, coreference, offices, relations. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "analyze.h"
#include "when.h"
#include "coref.h"
#include "knowledge.h"
#include "meta.h"
#include "ner.h"
#include "offices.h"
#include "relation.h"
#include "segment.h"

/* Bytes of the arena in the document's own allocation: what the entities
 * of a typical article take. */
#define NG_DOC_ARENA 2048

static char *
dup_or_null(ng_doc *doc, const char *s)
{
	return s ? ng_arena_strndup(&doc->arena, s, strlen(s)) : NULL;
}

/* A metadata string as the output can hold it whole: bytes that are not
 * UTF-8 become U+FFFD, and for a literal so do the non-characters U+FFFE
 * and U+FFFF (at which RDF writers stop); the writer escapes controls.
 * Never cut. */
static char *
meta_text(ng_doc *doc, const char *s, bool literal)
{
	ng_buf *a = &doc->scratch;
	size_t i;

	if (!s)
		return NULL;
	ng_buf_clear(a);
	if (ng_utf8_repair(s, strlen(s), a) || (!a->buf && ng_buf_add(a, "", 0)))
		return NULL;
	for (i = 0; literal && i + 3 <= a->len; i++)
		if ((unsigned char)a->buf[i] == 0xEF && (unsigned char)a->buf[i + 1] == 0xBF &&
		    ((unsigned char)a->buf[i + 2] & 0xFE) == 0xBE)
			a->buf[i + 2] = (char)0xBD;
	return ng_arena_strndup(&doc->arena, a->buf, a->len);
}

ng_status
ng_doc_analyze(const ng_knowledge *kb, const char *text, size_t len,
               const ng_doc_meta *meta, ng_doc **out, ng_error *err)
{
	return ng_doc_analyze_stage(kb, text, len, meta, NG_STAGE_ALL, out, err);
}

ng_status
ng_doc_analyze_stage(const ng_knowledge *kb, const char *text, size_t len,
                     const ng_doc_meta *meta, ng_stage stage, ng_doc **out,
                     ng_error *err)
{
	ng_doc *doc;
	size_t bad = 0;
	const char *why = NULL;
	ng_status st;

	*out = NULL;
	if (err) {
		memset(err, 0, sizeof(*err));
		err->file = meta && meta->source ? meta->source : "-";
		err->byte = -1;
	}
	if (!kb || !kb->prepared) {
		if (err)
			err->status = NG_ERR_BAD_ARG;
		return NG_ERR_BAD_ARG;
	}
	/* One allocation holds the document, its copy of the input and the
	 * start of its arena. */
	if (len > SIZE_MAX - sizeof(*doc) - NG_DOC_ARENA - 1 ||
	    !(doc = malloc(sizeof(*doc) + len + 1 + NG_DOC_ARENA))) {
		if (err)
			err->status = NG_ERR_NOMEM;
		return NG_ERR_NOMEM;
	}
	memset(doc, 0, sizeof(*doc));
	doc->kb = kb;
	doc->gaz = &kb->gaz;
	doc->bytes = (char *)(doc + 1);
	ng_arena_init(&doc->arena, doc->bytes + len + 1, NG_DOC_ARENA);
	if (meta) {
		doc->source = dup_or_null(doc, meta->source);
		doc->id_meta = meta_text(doc, meta->id, true);
		doc->url = meta_text(doc, meta->url, false);
		doc->title = meta_text(doc, meta->title, true);
		doc->date = dup_or_null(doc, meta->date);
		if ((meta->source && !doc->source) || (meta->id && !doc->id_meta) ||
		    (meta->url && !doc->url) || (meta->title && !doc->title) ||
		    (meta->date && !doc->date)) {
			st = NG_ERR_NOMEM;
			goto done;
		}
	}
	memcpy(doc->bytes, text, len);
	doc->bytes[len] = '\0';
	if ((st = ng_text_init(&doc->text, doc->bytes, len, &bad, &why))) {
		if (err) {
			err->byte = (long long)bad;
			err->message = why;
		}
		goto done;
	}
	/* The article's IRI: XXH3-64 of its source identity when known (a
	 * seed keeps it apart from any text's), else of its bytes: the same
	 * story from two sources is two articles, each with its date and
	 * source. */
	if (meta && meta->key)
		doc->hash = XXH3_64bits_withSeed(meta->key, strlen(meta->key), 1);
	else
		doc->hash = XXH3_64bits(doc->text.orig, doc->text.orig_len);
	snprintf(doc->article_id, sizeof(doc->article_id), "article/%016llx",
	         (unsigned long long)doc->hash);
	TRY(st, ng_segment(doc));
	if (stage == NG_STAGE_GAZETTEER) {
		TRY(st, ng_ner_gazetteer(doc));
		goto done;
	}
	TRY(st, ng_boiler_mark(&kb->boiler, doc));
	TRY(st, ng_meta_extract(doc, &kb->lex));
	TRY(st, ng_ner(doc));
	TRY(st, ng_coref_aliases(doc));
	TRY(st, ng_offices(doc));
	TRY(st, ng_coref_references(doc));
	if (stage == NG_STAGE_ALL) {
		TRY(st, ng_relations(doc));
		TRY(st, ng_when(doc));
	}
	TRY(st, ng_doc_finish(doc));
done:
	if (st) {
		if (err)
			err->status = st;
		ng_doc_free(doc);
		return st;
	}
	*out = doc;
	return NG_OK;
}

