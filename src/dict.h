/* SPDX-License-Identifier: Apache-2.0 */
/* The word dictionary: every folded word that a data file uses (title
 * phrases, aliases, cue and class words) gets a key, and every word of
 * every article is looked up once. Not installed. */
#ifndef NG_DICT_H
#define NG_DICT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "newsgraph.h"
#include "util.h"

/* Keys of words that only the document knows carry this bit. */
#define NG_LOCAL_KEY 0x80000000u

/* A dictionary word of up to 16 bytes, zero-padded into two uint64 (memcpy
 * order): the first eight bytes with the key, word class and head flags in
 * one slot, the rest in short_rest by slot (read only for a word longer
 * than eight). */
struct ng_short_key {
	uint64_t word;      /* 0 = empty */
	uint32_t key;
	uint16_t heads;     /* NG_TOK_TITLE and NG_TOK_ALIAS of the key */
	uint8_t wclass;     /* NG_WC_* of the key */
	uint8_t more;       /* longer than eight bytes */
};

struct ng_dict_slot;

typedef struct {
	ng_strmap map;      /* folded word -> key (1-based) */
	uint32_t n_keys;
	/* The map as a flat table for ng_dict_key, built by prepare; it is
	 * current while slots_count equals map.count. */
	struct ng_dict_slot *slots;
	size_t mask, slots_count;
	/* The short words, open addressing by ng_short_slot; complete when
	 * short_ready. short_stamp is the caller's note of what the head
	 * flags were taken from (ng_dict_prepare_short). */
	struct ng_short_key *short_keys;
	uint64_t *short_rest;
	size_t short_mask;
	size_t short_stamp;
	bool short_ready;
} ng_dict;

/* Looks up a folded word's key (0 if the dictionary lacks it). */
uint32_t ng_dict_key(const ng_dict *d, const char *s, size_t len);
/* Interns a folded word, returning its key. */
ng_status ng_dict_intern(ng_dict *d, const char *s, size_t len, uint32_t *key);
/* Builds the flat lookup table of ng_dict_key from the map. */
ng_status ng_dict_prepare(ng_dict *d);
/* Builds the short-word table, with each key's word class and head flags
 * from wclass[key] and heads[key] (n_keys + 1 entries each); stamp is kept
 * in short_stamp. */
ng_status ng_dict_prepare_short(ng_dict *d, const uint8_t *wclass, const uint16_t *heads,
                                size_t stamp);
void ng_dict_free(ng_dict *d);

/* A hash of a short word by its first and second eight bytes; its high
 * half picks the first slot in short_keys. */
static inline uint64_t
ng_short_hash(uint64_t word, uint64_t rest)
{
	return (word ^ rest * 0xC2B2AE3D27D4EB4FULL) * 0x9E3779B97F4A7C15ULL;
}

static inline size_t
ng_short_slot(uint64_t h, size_t mask)
{
	return (size_t)(h >> 32) & mask;
}

#endif /* NG_DICT_H */
