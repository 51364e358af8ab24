/* SPDX-License-Identifier: Apache-2.0 */
/* The gazetteers: entries (people, organizations, countries, places) with
 * their aliases, properties and dated offices, and the trie of alias
 * words that the recognizer walks. Not installed. */
#ifndef NG_GAZETTEER_H
#define NG_GAZETTEER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "datafile.h"
#include "dict.h"
#include "token.h"

typedef enum {
	NG_CLASS_PERSON = 0,
	NG_CLASS_ORGANIZATION,
	NG_CLASS_COUNTRY,
	NG_CLASS_PLACE,
	NG_CLASS_COUNT
} ng_class;

const char *ng_class_name(ng_class c);     /* "Person" */
const char *ng_class_path(ng_class c);     /* "person" */
int ng_class_from_name(const char *s, size_t n);

enum {
	NG_ALIAS_EXACT = 1 << 0,   /* '=' */
	NG_ALIAS_ADJ = 1 << 1,     /* '~' */
	NG_ALIAS_ACCENT = 1 << 2,  /* '!' */
	NG_ALIAS_ACRONYM = 1 << 3, /* written in capitals */
	NG_ALIAS_LABEL = 1 << 4    /* the canonical label */
};

typedef struct {
	char *role;
	int32_t target;      /* entry index, -1 if unknown */
	char target_ref[64]; /* Class:ID as written, resolved at prepare */
	int32_t from, to;    /* YYYYMMDD; 0 = open */
} ng_office;

typedef struct {
	char *id;
	char *label;
	ng_class cls;
	int priority;
	char *kind;        /* Place/Organization kind, or NULL */
	char *iso3;        /* Country code, or country of a place/body */
	int32_t capital;   /* Country: entry index of its capital, -1 */
	int32_t country;   /* Place/Org/Person: entry index of country, -1 */
	int32_t seat_of;   /* Place: entry this seat stands for, -1 */
	int32_t part_of;   /* Organization: parent, -1 */
	char *capital_ref, *country_ref, *seat_ref, *part_ref;
	ng_office *offices;
	size_t n_offices, cap_offices;
	uint32_t geonames; /* GeoNames feature ID (geonames=N), 0 = none */
	uint32_t wikidata; /* Wikidata item number (wikidata=QN), 0 = none */
	bool dead;         /* overridden by a later entry with the same ID */
	bool needcue;      /* its names are also words or names of more famous
	                    * things: a match needs a cue (needcue=1) */
} ng_entry;

/* A trie node's terminal: an alias of an entry. */
typedef struct {
	uint32_t entry;
	uint32_t alias;    /* index into aliases */
	uint32_t next;     /* next terminal of the same node + 1, 0 = none */
} ng_terminal;

typedef struct {
	char *text;        /* as written, markers stripped */
	char *accented;    /* '!' aliases: folded words with their marks */
	uint32_t entry;
	uint16_t flags;
	uint16_t ntok;
} ng_alias;

typedef struct {
	ng_dict *dict;          /* where alias words get their keys */
	const ng_strmap *abbrevs; /* how aliases tokenize (the lexicon's) */
	const ng_sink *sink;
	ng_entry *entries;
	size_t n_entries, cap_entries;
	ng_alias *aliases;
	size_t n_aliases, cap_aliases;
	ng_strmap entry_ids;    /* "class:id" -> entry index */
	/* trie: node 0 is the root; edges (node << 32 | key) -> child */
	ng_u64map edges;
	uint32_t n_nodes;
	uint32_t *node_term;    /* first terminal + 1 per node, 0 = none */
	size_t cap_node_term;
	ng_terminal *terms;
	size_t n_terms, cap_terms;
	/* The root's children by key, built by prepare; keys from n_key_root
	 * on fall back to the edges. */
	uint32_t *key_root;
	uint32_t n_key_root;
	/* For each entry, the offices people hold of it: holder_first[entry]
	 * is 1 + the first of a chain through holders[].next, in entry order. */
	uint32_t *holder_first;
	struct ng_holder { uint32_t entry, office, next; } *holders;
	size_t holder_entries;  /* n_entries when built */
	/* People by the first and the last word of their label ("Biden" of
	 * Joe Biden, "Xi" of Xi Jinping): key -> first + 1 of a chain through
	 * named[].next, built by prepare. */
	ng_u64map named_first;
	struct ng_named { uint32_t entry, next; } *named;
	size_t n_named, cap_named;
} ng_gazetteer;

/* Does the office hold at date (YYYYMMDD)? Without a date no dated office
 * is known to hold: an old article must not get today's holder. */
static inline bool
ng_office_holds(const ng_office *o, int32_t date)
{
	if (!date)
		return false;
	return (!o->from || o->from <= date) && (!o->to || date <= o->to);
}

/* Sets up an empty gazetteer whose alias words go into dict, tokenized
 * with the abbreviations abbrevs. */
void ng_gazetteer_init(ng_gazetteer *g, ng_dict *dict, const ng_strmap *abbrevs,
                       const ng_sink *sink);
/* Loads a gazetteer file; an entry outranks those of lower priority. */
ng_status ng_gazetteer_load(ng_gazetteer *g, const char *path, int priority);
/* Resolves references between entries and builds the trie and tables. */
ng_status ng_gazetteer_prepare(ng_gazetteer *g);
void ng_gazetteer_free(ng_gazetteer *g);
/* Entry index for Class:ID, or -1. */
int32_t ng_gazetteer_find(const ng_gazetteer *g, const char *ref, size_t len);
/* The first person whose label starts or ends with the word of key, + 1
 * (0: none); the next is named[idx - 1].next. */
static inline uint32_t
ng_gazetteer_named(const ng_gazetteer *g, uint32_t key)
{
	uint32_t idx = 0;

	if (!key || (key & NG_LOCAL_KEY) || !ng_u64map_get(&g->named_first, key, &idx))
		return 0;
	return idx;
}

/* Entries that no later entry overrode. */
size_t ng_gazetteer_count(const ng_gazetteer *g);

/* The trie node reached from the root by the word of this key, 0 if no
 * alias starts with it (or the key is the document's own). */
static inline uint32_t
ng_gazetteer_root(const ng_gazetteer *g, uint32_t key)
{
	uint32_t child = 0;

	if (!key || (key & NG_LOCAL_KEY))
		return 0;
	if (key < g->n_key_root)
		return g->key_root[key];
	if (!ng_u64map_get(&g->edges, key, &child))
		return 0;
	return child;
}

#endif /* NG_GAZETTEER_H */
