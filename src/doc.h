/* SPDX-License-Identifier: Apache-2.0 */
/* The document model: one article's text, tokens, sentences, mentions,
 * entities and facts, which the stages of the analysis fill in turn (the
 * order is analyze.c's). Not installed. */
#ifndef NG_DOC_H
#define NG_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gazetteer.h"
#include "newsgraph.h"
#include "text.h"
#include "token.h"
#include "util.h"

enum {
	NG_SENT_BOILER = 1 << 0,   /* boilerplate: no entities, no facts */
	NG_SENT_HEADLINE = 1 << 1, /* a line without final punctuation */
	NG_SENT_TITLECASE = 1 << 2 /* most words capitalized */
};

typedef struct {
	uint32_t tb, te;  /* token range */
	uint32_t b, e;    /* normalized byte span */
	uint32_t line;    /* 1-based line number */
	uint16_t flags;
	/* The NG_TOK_* flags and NG_WC_* classes of its tokens, or-ed: a rule
	 * that needs a title head or a word class passes over a sentence
	 * without one (ng_segment). */
	uint16_t tok_flags;
	uint8_t wclasses;
} ng_sentence;

enum {
	NG_MEN_ADJ = 1 << 0,    /* demonym or adjective: Japanese */
	NG_MEN_COREF = 1 << 1,  /* resolved reference: surname, pronoun, role */
	NG_MEN_PRON = 1 << 2,   /* a pronoun */
	NG_MEN_RULE = 1 << 3    /* found by a rule, not the gazetteer */
};

/* The rules that find names no gazetteer entry covers, each typing a name
 * on its own cue; a mention records the one that found it. */
typedef enum {
	NG_MRULE_NONE,          /* a gazetteer entry, or a reference */
	NG_MRULE_AFTER_TITLE,   /* Foreign Minister Ana Ruiz */
	NG_MRULE_APPOSITION,    /* Ana Ruiz, the foreign minister */
	NG_MRULE_GIVEN_NAME,    /* a given name and a cue: Ana Ruiz said */
	NG_MRULE_ORG_HEAD,      /* an organization's head word: Ruiz Holdings */
	NG_MRULE_COUNT
} ng_mention_rule;

/* The ID a mention rule is written under (ng:mentionRule); NULL for
 * NG_MRULE_NONE. */
const char *ng_mention_rule_id(ng_mention_rule r);

typedef struct {
	uint32_t tb, te;   /* token range */
	uint32_t ent;      /* document entity index */
	uint32_t sent;
	uint16_t flags;
	uint8_t rule;      /* ng_mention_rule */
} ng_mention;

typedef struct {
	ng_class cls;
	int32_t entry;     /* gazetteer entry, -1 for entities found by rules */
	char *id;          /* IRI path under base, "country/JPN" (doc arena) */
	char *label;       /* (doc arena) */
	char **alts;       /* surface forms other than the label (doc arena) */
	size_t n_alts, cap_alts;
	bool used;         /* has a mention outside boilerplate */
} ng_entity;

typedef struct {
	uint32_t s;        /* subject entity */
	uint32_t o;        /* object entity, or UINT32_MAX for a literal */
	const char *prop;  /* ontology local name (static or owned by kb) */
	const char *literal; /* role literal, in the doc arena */
	const char *rule;
	ng_modality mod;
	double confidence;
	uint32_t sent;
	const char *matched; /* the normalized text a pattern matched, or NULL */
	const char *date;    /* when: YYYY-MM-DD or YYYY (when.c), or NULL */
	const char *date_text; /* the time expression it comes from */
} ng_fact;

struct ng_doc {
	const ng_knowledge *kb;
	const ng_gazetteer *gaz; /* kb's, for the entities */
	char *bytes;        /* copy of the input, in the doc's allocation */
	ng_text text;
	char *source, *id_meta, *url, *title, *date; /* doc arena */
	uint64_t hash;
	char article_id[40];
	ng_token *toks;
	size_t n_toks, cap_toks;
	ng_sentence *sents;
	size_t n_sents, cap_sents;
	ng_mention *mentions;
	size_t n_mentions, cap_mentions;
	ng_entity *ents;
	size_t n_ents, cap_ents;
	ng_fact *facts;
	size_t n_facts, cap_facts;
	ng_strmap ent_ids;  /* entity id -> index */
	ng_u64map entry_ents; /* gazetteer entry + 1 -> document entity */
	ng_u64map fact_keys;  /* ng_fact_key(fact, with sentence) -> fact index */
	int32_t *men_start;   /* token -> first mention starting there, -1 */
	int32_t *men_end;     /* token -> a mention ending there (exclusive), -1;
	                       * in men_start's allocation */
	uint8_t *taken;       /* token -> held by a mention or a ship's name (the
	                       * recognizer's, read by coreference) */
	int32_t date_num;   /* YYYYMMDD or 0 */
	ng_buf scratch;
	ng_buf lit;         /* scratch for literals being cleaned */
	ng_mention *sort_tmp; /* scratch for sorting mentions */
	size_t cap_sort_tmp;
	/* The texts of the sentences with facts (ng_doc_finish) */
	char **sent_text;
	/* Entity strings and arrays, fact literals, sentence texts and the
	 * metadata live here and go with the document; it starts in the
	 * document's own allocation, after the copy of the input. */
	ng_arena arena;
};

/* Adds (or finds) the document entity for gazetteer entry e. */
ng_status ng_doc_entity_for_entry(ng_doc *doc, int32_t e, uint32_t *out);
/* Adds (or finds) an entity found by a rule, by class and label. */
ng_status ng_doc_entity_for_name(ng_doc *doc, ng_class cls, const char *label,
                                 size_t len, uint32_t *out);
/* The entity that acts for ent: a capital or a seat of government stands
 * for its country; any other entity for itself. */
ng_status ng_doc_actor(ng_doc *doc, uint32_t ent, uint32_t *out);
ng_status ng_doc_add_alt(ng_doc *doc, uint32_t ent, const char *s, size_t len);
ng_status ng_doc_add_fact(ng_doc *doc, const ng_fact *f);
/* Adds a mention of entity ent over tokens [tb, te) of sentence si. */
ng_status ng_doc_add_mention(ng_doc *doc, uint32_t tb, uint32_t te, uint32_t ent, uint32_t si,
                             uint16_t flags);
/* Sorts the mentions by first token, stably. */
ng_status ng_doc_sort_mentions(ng_doc *doc);
/* Marks the tokens of every mention in taken (a byte per token). */
void ng_doc_mark_mentions(const ng_doc *doc, uint8_t *taken);
/* Rebuilds the index from tokens to the mentions that start or end there. */
ng_status ng_doc_index_mentions(ng_doc *doc);
/* The mention that starts at token tb (ends before te), -1 if none, by
 * the index. */
static inline int32_t
ng_doc_mention_at(const ng_doc *doc, uint32_t tb)
{
	return tb <= doc->n_toks ? doc->men_start[tb] : -1;
}

static inline int32_t
ng_doc_mention_ending(const ng_doc *doc, uint32_t te)
{
	return te <= doc->n_toks ? doc->men_end[te] : -1;
}
/* A hash of what a fact states (and of its sentence, if asked); never 0. */
uint64_t ng_fact_key(const ng_fact *f, bool with_sentence);
/* Do two facts state the same thing? */
bool ng_fact_same(const ng_fact *a, const ng_fact *b);
/* The last step of the analysis: the texts of the sentences that hold
 * facts, and the index of code points for offsets, so that readers of the
 * document change nothing. */
ng_status ng_doc_finish(ng_doc *doc);
/* The text of sentence si as in the article, safe for a literal; NULL for
 * a sentence without facts. */
const char *ng_doc_sentence_text(const ng_doc *doc, uint32_t si);
/* Normalized text of a token range, joined as written. */
static inline const char *
ng_doc_norm(const ng_doc *doc, uint32_t off)
{
	return doc->text.norm + off;
}


#endif /* NG_DOC_H */
