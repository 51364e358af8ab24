/* SPDX-License-Identifier: Apache-2.0 */
/* The analysis of one article: the only place that knows the order of
 * the stages. Not installed. */
#ifndef NG_ANALYZE_H
#define NG_ANALYZE_H

#include "doc.h"

/* How far ng_doc_analyze_stage goes: the gazetteer's matches alone, all
 * entities (rules, coreference, boilerplate), or everything with facts. */
typedef enum { NG_STAGE_GAZETTEER, NG_STAGE_ENTITIES, NG_STAGE_ALL } ng_stage;

ng_status ng_doc_analyze_stage(const ng_knowledge *kb, const char *text, size_t len,
                               const ng_doc_meta *meta, ng_stage stage, ng_doc **out,
                               ng_error *err);

#endif /* NG_ANALYZE_H */
