/* SPDX-License-Identifier: Apache-2.0 */
/* The word dictionary: keys for folded words, and the flat tables that
 * look every word of an article up without calling anything. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dict.h"

/* A slot of the dictionary's lookup table: every word of every document
 * is looked up, so the table is flat and the lookup calls nothing. */
struct ng_dict_slot {
	uint32_t hash;     /* high half of the word's dict_hash */
	uint32_t off;      /* the word in the map's arena */
	uint32_t len;
	uint32_t key;      /* 0 = empty */
};

/* The last n < 8 bytes of a word as a number, for hashing: two loads
 * that may overlap, or single bytes for the shortest. */
static inline uint64_t
tail_bits(const char *s, size_t n)
{
	uint32_t a, b;

	if (n >= 4) {
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		return ((uint64_t)a << 32) | b;
	}
	if (!n)
		return 0;
	return ((uint64_t)(unsigned char)s[0] << 16) | ((uint64_t)(unsigned char)s[n / 2] << 8) |
	       (unsigned char)s[n - 1];
}

/* A hash for short words, eight bytes at a time; it only has to agree
 * with itself within a process. */
static inline uint64_t
dict_hash(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n, v;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&v, s + i, 8);
		h = (h ^ v) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
	}
	h = (h ^ tail_bits(s + i, n - i)) * 0x94d049bb133111ebULL;
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	return h ^ (h >> 32);
}

/* Do the n bytes at a and b agree? Inline, for short words. */
static inline bool
same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	uint32_t p, q, r, t;

	for (; n >= 8; a += 8, b += 8, n -= 8) {
		memcpy(&x, a, 8);
		memcpy(&y, b, 8);
		if (x != y)
			return false;
	}
	if (n >= 4) {
		memcpy(&p, a, 4);
		memcpy(&q, b, 4);
		memcpy(&r, a + n - 4, 4);
		memcpy(&t, b + n - 4, 4);
		return p == q && r == t;
	}
	for (; n; a++, b++, n--)
		if (*a != *b)
			return false;
	return true;
}

/* Before prepare, or after a word was interned since: the map. Kept out
 * of line so that the table lookup saves no registers. */
static __attribute__((noinline)) uint32_t
dict_key_map(const ng_dict *d, const char *s, size_t len)
{
	uint32_t v = 0;

	if (!ng_strmap_get(&d->map, s, len, &v))
		return 0;
	return v;
}

uint32_t
ng_dict_key(const ng_dict *d, const char *s, size_t len)
{
	if (!d)
		return 0;
	if (d->slots && d->slots_count == d->map.count) {
		uint64_t h = dict_hash(s, len);
		size_t i = (size_t)h & d->mask;
		const struct ng_dict_slot *t;
		for (; (t = &d->slots[i])->key; i = (i + 1) & d->mask)
			if (t->hash == (uint32_t)(h >> 32) && t->len == len &&
			    same_bytes(d->map.arena.buf + t->off, s, len))
				return t->key;
		return 0;
	}
	return dict_key_map(d, s, len);
}

ng_status
ng_dict_intern(ng_dict *d, const char *s, size_t len, uint32_t *key)
{
	if (ng_strmap_get(&d->map, s, len, key))
		return NG_OK;
	*key = ++d->n_keys;
	return ng_strmap_put(&d->map, s, len, *key);
}

/* Copies the dictionary into the flat table of ng_dict_key. A word
 * interned later makes ng_dict_key use the map again until the next
 * prepare. */
ng_status
ng_dict_prepare(ng_dict *d)
{
	const ng_strmap *m = &d->map;
	size_t cap = 64, i;

	while (cap < 2 * m->count)
		cap *= 2;
	free(d->slots);
	d->slots_count = 0;
	if (!(d->slots = calloc(cap, sizeof(*d->slots))))
		return NG_ERR_NOMEM;
	d->mask = cap - 1;
	for (i = 0; i < m->cap; i++) {
		const char *w;
		uint64_t h;
		size_t j;
		if (!m->slots[i].off)
			continue;
		w = m->arena.buf + m->slots[i].off - 1;
		h = dict_hash(w, m->slots[i].len);
		for (j = (size_t)h & d->mask; d->slots[j].key; j = (j + 1) & d->mask)
			;
		d->slots[j].hash = (uint32_t)(h >> 32);
		d->slots[j].off = m->slots[i].off - 1;
		d->slots[j].len = m->slots[i].len;
		d->slots[j].key = m->slots[i].val;
	}
	d->slots_count = m->count;
	return NG_OK;
}

/* The dictionary's words of up to 16 bytes as 64-bit values, for the
 * tokenizer. */
ng_status
ng_dict_prepare_short(ng_dict *d, const uint8_t *wclass, const uint16_t *heads, size_t stamp)
{
	size_t i, cap = 16;

	free(d->short_keys);
	free(d->short_rest);
	d->short_keys = NULL;
	d->short_rest = NULL;
	d->short_ready = false;
	while (cap < d->map.count * 2)
		cap *= 2;
	if (!(d->short_keys = calloc(cap, sizeof(*d->short_keys))) ||
	    !(d->short_rest = calloc(cap, sizeof(*d->short_rest))))
		return NG_ERR_NOMEM;
	d->short_mask = cap - 1;
	for (i = 0; i < d->map.cap; i++) {
		const ng_strmap_slot *s = &d->map.slots[i];
		const char *w;
		uint64_t v = 0, r = 0;
		size_t j;
		if (!s->off || !s->len || s->len > 16)
			continue;
		w = d->map.arena.buf + s->off - 1;
		/* A NUL byte would make two words one value. */
		if (memchr(w, '\0', s->len))
			return NG_OK;
		memcpy(&v, w, s->len < 8 ? s->len : 8);
		if (s->len > 8)
			memcpy(&r, w + 8, s->len - 8);
		for (j = ng_short_slot(ng_short_hash(v, r), d->short_mask); d->short_keys[j].word;
		     j = (j + 1) & d->short_mask)
			;
		d->short_keys[j].word = v;
		d->short_keys[j].key = s->val;
		d->short_keys[j].wclass = wclass[s->val];
		d->short_keys[j].heads = heads[s->val];
		d->short_keys[j].more = s->len > 8;
		d->short_rest[j] = r;
	}
	d->short_stamp = stamp;
	d->short_ready = true;
	return NG_OK;
}

void
ng_dict_free(ng_dict *d)
{
	ng_strmap_free(&d->map);
	free(d->slots);
	free(d->short_keys);
	free(d->short_rest);
	memset(d, 0, sizeof(*d));
}
