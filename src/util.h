/* SPDX-License-Identifier: Apache-2.0 */
/* Small containers shared by the modules: growable byte buffers, an
 * open-addressing string-to-integer map and a 64-bit hash. */
#ifndef NG_UTIL_H
#define NG_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "newsgraph.h"

#define TRY(st, expr)                                                   \
	do {                                                                \
		if (((st) = (expr)) != NG_OK)                                   \
			goto done;                                                  \
	} while (0)

/* Is s an ISO 8601 date (YYYY-MM-DD) or date-time (the date, then T or a
 * space, hh:mm, optional :ss and fraction, optional Z or an offset +hh:mm,
 * +hhmm or +hh) of a real day? Writes the date, YYYY-MM-DD, to date. */
bool ng_iso_date(const char *s, char date[11]);
/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
long ng_days_from_civil(long y, int m, int d);
void ng_civil_from_days(long days, int *y, int *m, int *d);

/* Grows *arr (of elements of size sz, capacity *cap) to hold n elements. */
ng_status ng_grow(void **arr, size_t *cap, size_t n, size_t sz);
/* The same for an array and its capacity; most calls find room already, and
 * test it inline. Evaluates cap and n twice. */
#define NG_GROW(arr, cap, n)                                                \
	((n) <= (cap) ? NG_OK : ng_grow((void **)&(arr), &(cap), (n), sizeof(*(arr))))

/* A growable NUL-terminated byte buffer. */
typedef struct {
	char *buf;
	size_t len;
	size_t cap;
} ng_buf;

ng_status ng_buf_add(ng_buf *b, const char *s, size_t n);
ng_status ng_buf_adds(ng_buf *b, const char *s);
ng_status ng_buf_addc(ng_buf *b, char c);
ng_status ng_buf_printf(ng_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void ng_buf_clear(ng_buf *b);
void ng_buf_free(ng_buf *b);
/* Appends s for a terminal or a TSV field: control characters (C0, DEL,
 * C1), bytes that are not valid UTF-8 and the backslash are written as
 * \xHH escapes (the backslash as \\), so nothing raw reaches the reader. */
ng_status ng_buf_add_escaped(ng_buf *b, const char *s);

/* Writes all of buf to fd; 0, or -1 with errno set. */
int ng_write_all(int fd, const void *buf, size_t len);

/* Maps byte strings to uint32 values; keys are copied into an arena. A
 * slot holds all that a probe compares, so that a lookup touches one slot
 * and, on a hit, the key's bytes. */
typedef struct {
	uint32_t hash;    /* high bits of the key's hash */
	uint32_t off;     /* key offset in arena + 1; 0 = empty slot */
	uint32_t len;
	uint32_t val;
} ng_strmap_slot;

typedef struct {
	ng_strmap_slot *slots;
	size_t cap;       /* power of two */
	size_t count;
	ng_buf arena;
} ng_strmap;

void ng_strmap_init(ng_strmap *m);
void ng_strmap_free(ng_strmap *m);
/* Looks up a key; returns 1 and sets *val if present. */
int ng_strmap_get(const ng_strmap *m, const char *key, size_t len, uint32_t *val);
/* The same with the key's ng_hash_fast value, for a caller that has it. */
int ng_strmap_get_hashed(const ng_strmap *m, const char *key, size_t len, uint64_t h,
                         uint32_t *val);
/* Inserts or replaces. */
ng_status ng_strmap_put(ng_strmap *m, const char *key, size_t len, uint32_t val);
/* The same with the key's ng_hash_fast value. */
ng_status ng_strmap_put_hashed(ng_strmap *m, const char *key, size_t len, uint64_t h,
                               uint32_t val);
/* Makes room for n keys of bytes bytes in all without growing. */
ng_status ng_strmap_reserve(ng_strmap *m, size_t n, size_t bytes);

/* Maps uint64 keys to uint32 values (0 is not a valid key). A key and its
 * value share a slot, so that a probe reads one cache line. */
typedef struct {
	uint64_t key;     /* 0 = empty slot */
	uint32_t val;
} ng_u64map_slot;

typedef struct {
	ng_u64map_slot *slots;
	size_t cap;
	size_t count;
} ng_u64map;

void ng_u64map_init(ng_u64map *m);
void ng_u64map_free(ng_u64map *m);
ng_status ng_u64map_put(ng_u64map *m, uint64_t key, uint32_t val);

/* The first slot of a key in a table of cap (a power of two) slots. */
static inline size_t
ng_u64map_first(uint64_t key, size_t cap)
{
	key ^= key >> 33;
	key *= 0xff51afd7ed558ccdULL;
	key ^= key >> 33;
	return (size_t)key & (cap - 1);
}

/* Inline: the recognizer walks the trie with it, a lookup a word. */
static inline int
ng_u64map_get(const ng_u64map *m, uint64_t key, uint32_t *val)
{
	size_t i;

	if (!m->cap)
		return 0;
	for (i = ng_u64map_first(key, m->cap); m->slots[i].key; i = (i + 1) & (m->cap - 1))
		if (m->slots[i].key == key) {
			*val = m->slots[i].val;
			return 1;
		}
	return 0;
}

/* 64-bit FNV-1a with a final avalanche; stable across platforms and runs.
 * Its values end up in IRIs: never change it. */
uint64_t ng_hash64(const void *data, size_t len, uint64_t seed);
/* A fast hash for in-memory tables only (XXH3); never for output. */
uint64_t ng_hash_fast(const void *data, size_t len);


/* A bump allocator for memory that lives as long as its owner (a
 * document): many small allocations, freed at once. It starts in a buffer
 * the owner gives (which it never frees) and goes on in blocks of its own,
 * each twice the last up to a limit. */
typedef struct ng_arena_block ng_arena_block;
typedef struct {
	char *p;                /* free space of the current block */
	size_t left;
	size_t next;            /* size of the next block */
	ng_arena_block *blocks; /* blocks of its own, newest first */
} ng_arena;

/* Starts an arena in buf (which may be NULL with size 0). */
void ng_arena_init(ng_arena *a, void *buf, size_t size);
/* n bytes aligned for any object, or NULL. */
void *ng_arena_alloc(ng_arena *a, size_t n);
/* n bytes and a NUL as a string (no alignment), or NULL. */
char *ng_arena_strndup(ng_arena *a, const char *s, size_t n);
/* Frees the arena's blocks (not the buffer of ng_arena_init). */
void ng_arena_free(ng_arena *a);

/* Duplicates n bytes as a NUL-terminated string. */
char *ng_strndup(const char *s, size_t n);

/* Is c a hexadecimal digit (either case)? */
static inline bool
ng_is_hex(unsigned char c)
{
	return (c >= '0' && c <= '9') || ((c | 32) >= 'a' && (c | 32) <= 'f');
}

#endif /* NG_UTIL_H */
