/* SPDX-License-Identifier: Apache-2.0 */
/* Gazetteer loading and the token trie that the recognizer walks. */
#include "internal.h"

#include <stdlib.h>
#include <string.h>

/* A slot of the dictionary's lookup table: every word of every document
 * is looked up, so the table is flat and the lookup calls nothing. */
struct ng_dict_slot {
	uint32_t hash;     /* high half of the word's dict_hash */
	uint32_t off;      /* the word in kb->dict's arena */
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
kb_key_map(const ng_knowledge *kb, const char *s, size_t len)
{
	uint32_t v = 0;

	if (!ng_strmap_get(&kb->dict, s, len, &v))
		return 0;
	return v;
}

uint32_t
ng_kb_key(const ng_knowledge *kb, const char *s, size_t len)
{
	if (!kb)
		return 0;
	if (kb->dict_slots && kb->dict_count == kb->dict.count) {
		uint64_t h = dict_hash(s, len);
		size_t i = (size_t)h & kb->dict_mask;
		const struct ng_dict_slot *t;
		for (; (t = &kb->dict_slots[i])->key; i = (i + 1) & kb->dict_mask)
			if (t->hash == (uint32_t)(h >> 32) && t->len == len &&
			    same_bytes(kb->dict.arena.buf + t->off, s, len))
				return t->key;
		return 0;
	}
	return kb_key_map(kb, s, len);
}

ng_status
ng_kb_intern(ng_knowledge *kb, const char *s, size_t len, uint32_t *key)
{
	if (ng_strmap_get(&kb->dict, s, len, key))
		return NG_OK;
	*key = ++kb->n_keys;
	return ng_strmap_put(&kb->dict, s, len, *key);
}

int32_t
ng_kb_find_entry(const ng_knowledge *kb, const char *ref, size_t len)
{
	uint32_t v;

	if (!ng_strmap_get(&kb->entry_ids, ref, len, &v))
		return -1;
	return (int32_t)v;
}

/* Parses YYYY, YYYY-MM or YYYY-MM-DD into YYYYMMDD (missing parts as 00
 * for a start, 99 for an end). */
static int
parse_date(const char *s, size_t n, bool end, int32_t *out)
{
	int y = 0, m = end ? 99 : 0, d = end ? 99 : 0;
	size_t i;

	if (!n) {
		*out = 0;
		return 0;
	}
	if (n != 4 && n != 7 && n != 10)
		return -1;
	for (i = 0; i < n; i++)
		if (!((i == 4 || i == 7) ? s[i] == '-' : (s[i] >= '0' && s[i] <= '9')))
			return -1;
	y = atoi(s);
	if (n >= 7)
		m = atoi(s + 5);
	if (n == 10)
		d = atoi(s + 8);
	if ((n >= 7 && (m < 1 || m > 12)) || (n == 10 && (d < 1 || d > 31)))
		return -1;
	*out = y * 10000 + m * 100 + d;
	return 0;
}

static ng_status
add_office(ng_knowledge *kb, ng_entry *e, const char *file, unsigned long line,
           char *v)
{
	char *at1 = strchr(v, '@'), *at2, *dots;
	ng_office *o;

	if (!at1 || !(at2 = strchr(at1 + 1, '@')) || !(dots = strstr(at2 + 1, ".."))) {
		ng_kb_error(kb, NG_ERR_SYNTAX, file, line, 0,
		            "office must be ROLE@Class:ID@FROM..TO, not '%s'", v);
		return NG_ERR_SYNTAX;
	}
	if (NG_GROW(e->offices, e->cap_offices, e->n_offices + 1))
		return NG_ERR_NOMEM;
	o = &e->offices[e->n_offices];
	memset(o, 0, sizeof(*o));
	o->target = -1;
	if ((size_t)(at2 - at1 - 1) >= sizeof(o->target_ref) ||
	    parse_date(at2 + 1, (size_t)(dots - at2 - 1), false, &o->from) ||
	    parse_date(dots + 2, strlen(dots + 2), true, &o->to)) {
		ng_kb_error(kb, NG_ERR_SYNTAX, file, line, 0, "bad office target or dates in '%s'", v);
		return NG_ERR_SYNTAX;
	}
	memcpy(o->target_ref, at1 + 1, (size_t)(at2 - at1 - 1));
	if (!(o->role = ng_strndup(v, (size_t)(at1 - v))))
		return NG_ERR_NOMEM;
	e->n_offices++;
	return NG_OK;
}

static ng_status
set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = ng_strndup(v, strlen(v));
	return *dst ? NG_OK : NG_ERR_NOMEM;
}

static ng_status
parse_props(ng_knowledge *kb, ng_entry *e, const char *file, unsigned long line,
            char *props)
{
	char *p = props;
	ng_status st = NG_OK;

	while (p && *p) {
		char *semi = strchr(p, ';'), *eq;
		if (semi)
			*semi = '\0';
		if (!*p)
			goto next;
		if (!(eq = strchr(p, '='))) {
			ng_kb_error(kb, NG_ERR_SYNTAX, file, line, 0, "property '%s' needs key=value", p);
			return NG_ERR_SYNTAX;
		}
		*eq = '\0';
		if (!strcmp(p, "priority"))
			e->priority += atoi(eq + 1);
		else if (!strcmp(p, "kind"))
			st = set_str(&e->kind, eq + 1);
		else if (!strcmp(p, "iso3") || (!strcmp(p, "country") && e->cls != NG_CLASS_COUNTRY))
			st = set_str(!strcmp(p, "iso3") ? &e->iso3 : &e->country_ref, eq + 1);
		else if (!strcmp(p, "capital"))
			st = set_str(&e->capital_ref, eq + 1);
		else if (!strcmp(p, "seatOf"))
			st = set_str(&e->seat_ref, eq + 1);
		else if (!strcmp(p, "partOf"))
			st = set_str(&e->part_ref, eq + 1);
		else if (!strcmp(p, "office"))
			st = add_office(kb, e, file, line, eq + 1);
		/* Other keys (iso2, numeric, hq, ...) are facts the recognizer
		 * does not need; they stay in the file for users. */
		if (st)
			return st;
	next:
		p = semi ? semi + 1 : NULL;
	}
	return NG_OK;
}

static ng_status
add_alias(ng_knowledge *kb, uint32_t entry, const char *text, size_t len, uint16_t flags)
{
	ng_alias *a;

	while (len && (*text == '=' || *text == '~' || *text == '!')) {
		flags |= *text == '=' ? NG_ALIAS_EXACT : *text == '~' ? NG_ALIAS_ADJ : NG_ALIAS_ACCENT;
		text++;
		len--;
	}
	while (len && (*text == ' '))
		text++, len--;
	while (len && text[len - 1] == ' ')
		len--;
	if (!len)
		return NG_OK;
	if (NG_GROW(kb->aliases, kb->cap_aliases, kb->n_aliases + 1))
		return NG_ERR_NOMEM;
	a = &kb->aliases[kb->n_aliases];
	a->entry = entry;
	a->flags = flags;
	a->ntok = 0;
	a->accented = NULL;
	if (!(a->text = ng_strndup(text, len)))
		return NG_ERR_NOMEM;
	kb->n_aliases++;
	return NG_OK;
}

static void
entry_clear(ng_entry *e)
{
	size_t i;

	free(e->id);
	free(e->label);
	free(e->kind);
	free(e->iso3);
	free(e->capital_ref);
	free(e->country_ref);
	free(e->seat_ref);
	free(e->part_ref);
	for (i = 0; i < e->n_offices; i++)
		free(e->offices[i].role);
	free(e->offices);
	memset(e, 0, sizeof(*e));
}

ng_status
ng_gazetteer_load(ng_knowledge *kb, const char *path, int priority)
{
	char *data = NULL, *p, *end;
	size_t len, bad;
	const char *why;
	unsigned long line = 0;
	ng_buf ref = {0};
	ng_status st;

	if ((st = ng_read_file(path, &data, &len, 0))) {
		ng_kb_error(kb, st, path, 0, 0, "cannot read gazetteer: %s", ng_strerror(st));
		return st;
	}
	if ((st = ng_utf8_check(data, len, &bad, &why))) {
		ng_kb_error(kb, st, path, 0, 0, "byte %zu: %s", bad, why);
		goto done;
	}
	p = data;
	end = data + len;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p)), *f[6];
		size_t nf;
		int cls;
		uint32_t idx, old;
		ng_entry *e;

		if (!nl)
			nl = end;
		*nl = '\0';
		line++;
		if (nl > p && nl[-1] == '\r')
			nl[-1] = '\0';
		if (!*p || *p == '#')
			goto next;
		nf = ng_split_tabs(p, f, 6);
		if (nf < 3 || nf > 5) {
			ng_kb_error(kb, NG_ERR_SYNTAX, path, line, 0,
			            "expected 5 tab-separated columns (id, class, label, aliases, properties), found %zu",
			            nf);
			st = NG_ERR_SYNTAX;
			goto done;
		}
		if ((cls = ng_class_from_name(f[1], strlen(f[1]))) < 0) {
			ng_kb_error(kb, NG_ERR_SYNTAX, path, line, 0,
			            "unknown class '%s' (Person, Organization, Country or Place)", f[1]);
			st = NG_ERR_SYNTAX;
			goto done;
		}
		if (!*f[0] || !*f[2]) {
			ng_kb_error(kb, NG_ERR_SYNTAX, path, line, 0, "empty id or label");
			st = NG_ERR_SYNTAX;
			goto done;
		}
		if (NG_GROW(kb->entries, kb->cap_entries, kb->n_entries + 1)) {
			st = NG_ERR_NOMEM;
			goto done;
		}
		idx = (uint32_t)kb->n_entries;
		e = &kb->entries[idx];
		memset(e, 0, sizeof(*e));
		e->cls = (ng_class)cls;
		e->priority = priority;
		e->capital = e->country = e->seat_of = e->part_of = -1;
		kb->n_entries++;
		if (!(e->id = ng_strndup(f[0], strlen(f[0]))) ||
		    !(e->label = ng_strndup(f[2], strlen(f[2])))) {
			st = NG_ERR_NOMEM;
			goto done;
		}
		if (nf > 4 && (st = parse_props(kb, e, path, line, f[4])))
			goto done;
		if (e->cls == NG_CLASS_COUNTRY && !e->iso3 && (st = set_str(&e->iso3, e->id)))
			goto done;
		ng_buf_clear(&ref);
		if ((st = ng_buf_printf(&ref, "%s:%s", f[1], f[0])))
			goto done;
		if (ng_strmap_get(&kb->entry_ids, ref.buf, ref.len, &old))
			kb->entries[old].dead = true;
		if ((st = ng_strmap_put(&kb->entry_ids, ref.buf, ref.len, idx)) ||
		    (st = add_alias(kb, idx, f[2], strlen(f[2]), NG_ALIAS_LABEL)))
			goto done;
		if (nf > 3) {
			char *a = f[3];
			while (a && *a) {
				char *bar = strchr(a, '|');
				size_t n = bar ? (size_t)(bar - a) : strlen(a);
				if ((st = add_alias(kb, idx, a, n, 0)))
					goto done;
				a = bar ? bar + 1 : NULL;
			}
		}
	next:
		p = nl + 1;
	}
	kb->prepared = false;
done:
	ng_buf_free(&ref);
	free(data);
	return st;
}

static int32_t
resolve(ng_knowledge *kb, const char *ref, const char *cls_default)
{
	ng_buf b = {0};
	int32_t r;

	if (!ref || !*ref)
		return -1;
	if (strchr(ref, ':'))
		r = ng_kb_find_entry(kb, ref, strlen(ref));
	else {
		if (ng_buf_printf(&b, "%s:%s", cls_default, ref))
			return -1;
		r = ng_kb_find_entry(kb, b.buf, b.len);
		ng_buf_free(&b);
	}
	return r;
}

/* Walks or extends the trie with the alias's keys; returns the node. */
static ng_status
trie_insert(ng_knowledge *kb, const uint32_t *keys, size_t n, uint32_t *node)
{
	uint32_t cur = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		uint64_t edge = ((uint64_t)cur << 32) | keys[i];
		uint32_t child;
		if (!ng_u64map_get(&kb->edges, edge, &child)) {
			child = kb->n_nodes++;
			if (ng_u64map_put(&kb->edges, edge, child))
				return NG_ERR_NOMEM;
		}
		cur = child;
	}
	*node = cur;
	return NG_OK;
}

static bool
alias_is_acronym(const char *s)
{
	size_t letters = 0;

	for (; *s; s++) {
		if (*s >= 'a' && *s <= 'z')
			return false;
		if ((unsigned char)*s >= 0x80 || *s == ' ')
			return false;
		letters += *s >= 'A' && *s <= 'Z';
	}
	return letters >= 2;
}

static void
key_tables_free(ng_knowledge *kb)
{
	free(kb->key_root);
	free(kb->key_title);
	kb->key_root = kb->key_title = NULL;
	kb->n_key_tab = 0;
	kb->key_tab_titles = 0;
	free(kb->dict_slots);
	kb->dict_slots = NULL;
	kb->dict_mask = kb->dict_count = 0;
	free(kb->trigger_rows);
	kb->trigger_rows = NULL;
	kb->trigger_words = kb->trigger_patterns = 0;
	free(kb->holder_first);
	free(kb->holders);
	kb->holder_first = NULL;
	kb->holders = NULL;
	kb->holder_entries = 0;
}

/* The chains of office holders by the entry of the office ("the NATO
 * chief" looks up NATO's), so that finding a holder does not scan every
 * person of the gazetteer. Built backwards so that each chain runs in
 * entry order, the order a scan would find them in. */
static ng_status
holder_table(ng_knowledge *kb)
{
	size_t i, k, n = 0, m = 0;

	for (i = 0; i < kb->n_entries; i++)
		if (!kb->entries[i].dead && kb->entries[i].cls == NG_CLASS_PERSON)
			n += kb->entries[i].n_offices;
	if (!(kb->holder_first = calloc(kb->n_entries + 1, sizeof(*kb->holder_first))) ||
	    !(kb->holders = malloc((n + 1) * sizeof(*kb->holders))))
		return NG_ERR_NOMEM;
	for (i = kb->n_entries; i-- > 0;) {
		const ng_entry *g = &kb->entries[i];
		if (g->dead || g->cls != NG_CLASS_PERSON)
			continue;
		for (k = g->n_offices; k-- > 0;) {
			int32_t t = g->offices[k].target;
			if (t < 0)
				continue;
			kb->holders[m].entry = (uint32_t)i;
			kb->holders[m].office = (uint32_t)k;
			kb->holders[m].next = kb->holder_first[t];
			kb->holder_first[t] = (uint32_t)++m;
		}
	}
	kb->holder_entries = kb->n_entries;
	return NG_OK;
}

/* For each prefilter bit of relation triggers (ng_trigger_bit), the set of
 * patterns with a trigger on that bit, one bit per pattern. */
static ng_status
trigger_table(ng_knowledge *kb)
{
	size_t words = (kb->n_patterns + 63) / 64, p, k;

	if (!words)
		return NG_OK;
	if (!(kb->trigger_rows = calloc(1024 * words, sizeof(*kb->trigger_rows))))
		return NG_ERR_NOMEM;
	for (p = 0; p < kb->n_patterns; p++)
		for (k = 0; k < kb->patterns[p].n_triggers; k++)
			kb->trigger_rows[(size_t)kb->patterns[p].trigger_bits[k] * words + p / 64] |=
				(uint64_t)1 << (p % 64);
	kb->trigger_words = words;
	kb->trigger_patterns = kb->n_patterns;
	return NG_OK;
}

/* Copies the dictionary into the flat table of ng_kb_key. A word interned
 * later makes ng_kb_key use the map again until the next prepare. */
static ng_status
dict_table(ng_knowledge *kb)
{
	const ng_strmap *d = &kb->dict;
	size_t cap = 64, i;

	while (cap < 2 * d->count)
		cap *= 2;
	if (!(kb->dict_slots = calloc(cap, sizeof(*kb->dict_slots))))
		return NG_ERR_NOMEM;
	kb->dict_mask = cap - 1;
	for (i = 0; i < d->cap; i++) {
		const char *w;
		uint64_t h;
		size_t j;
		if (!d->slots[i].off)
			continue;
		w = d->arena.buf + d->slots[i].off - 1;
		h = dict_hash(w, d->slots[i].len);
		for (j = (size_t)h & kb->dict_mask; kb->dict_slots[j].key; j = (j + 1) & kb->dict_mask)
			;
		kb->dict_slots[j].hash = (uint32_t)(h >> 32);
		kb->dict_slots[j].off = d->slots[i].off - 1;
		kb->dict_slots[j].len = d->slots[i].len;
		kb->dict_slots[j].key = d->slots[i].val;
	}
	kb->dict_count = d->count;
	return NG_OK;
}

/* Copies the root's edges and the first words of titles into arrays by
 * key: every token of every document is looked up in them. */
static ng_status
key_tables(ng_knowledge *kb)
{
	uint32_t key, n = kb->n_keys + 1;
	size_t i;

	key_tables_free(kb);
	if (!(kb->key_root = calloc(n, sizeof(*kb->key_root))) ||
	    !(kb->key_title = calloc(n, sizeof(*kb->key_title)))) {
		key_tables_free(kb);
		return NG_ERR_NOMEM;
	}
	for (key = 1; key < n; key++)
		ng_u64map_get(&kb->edges, key, &kb->key_root[key]);
	for (i = 0; i < kb->n_titles; i++) {
		uint32_t first = kb->titles[i].keys[0];
		if (first < n)
			ng_u64map_get(&kb->title_first, first, &kb->key_title[first]);
	}
	kb->n_key_tab = n;
	kb->key_tab_titles = kb->n_titles;
	if (dict_table(kb) || trigger_table(kb) || holder_table(kb))
		return NG_ERR_NOMEM;
	return NG_OK;
}

ng_status
ng_gazetteer_prepare(ng_knowledge *kb)
{
	ng_token *toks = NULL;
	size_t ntok = 0, ctok = 0, i, j;
	uint32_t *keys = NULL;
	size_t ckeys = 0;
	ng_buf f = {0};
	ng_status st = NG_OK;

	/* Rebuild the trie from scratch: entries may have been overridden. */
	ng_u64map_free(&kb->edges);
	free(kb->node_term);
	kb->node_term = NULL;
	kb->cap_node_term = 0;
	free(kb->terms);
	kb->terms = NULL;
	kb->n_terms = kb->cap_terms = 0;
	kb->n_nodes = 1;

	for (i = 0; i < kb->n_entries; i++) {
		ng_entry *e = &kb->entries[i];
		if (e->dead)
			continue;
		e->capital = resolve(kb, e->capital_ref, "Place");
		e->country = resolve(kb, e->country_ref, "Country");
		e->seat_of = resolve(kb, e->seat_ref, "Country");
		e->part_of = resolve(kb, e->part_ref, "Organization");
		for (j = 0; j < e->n_offices; j++)
			e->offices[j].target = resolve(kb, e->offices[j].target_ref, "Country");
	}
	for (i = 0; i < kb->n_aliases; i++) {
		ng_alias *a = &kb->aliases[i];
		size_t k = 0;
		uint32_t node;
		ng_terminal *t;

		if (kb->entries[a->entry].dead)
			continue;
		ntok = 0;
		TRY(st, ng_tokenize(kb, a->text, 0, strlen(a->text), &toks, &ntok, &ctok));
		if (NG_GROW(keys, ckeys, ntok + 1)) {
			st = NG_ERR_NOMEM;
			goto done;
		}
		for (j = 0; j < ntok; j++) {
			if (toks[j].flags & NG_TOK_JOIN)
				continue;
			ng_buf_clear(&f);
			TRY(st, ng_fold(a->text + toks[j].b, toks[j].e - toks[j].b, true, &f));
			TRY(st, ng_kb_intern(kb, f.buf, f.len, &keys[k]));
			k++;
		}
		if (!k || k > UINT16_MAX)
			continue;
		a->ntok = (uint16_t)k;
		if ((a->flags & NG_ALIAS_ACCENT) && !a->accented) {
			/* Accents must match: keep the folded words with marks. */
			ng_buf acc = {0};
			for (j = 0; j < ntok; j++) {
				if (toks[j].flags & NG_TOK_JOIN)
					continue;
				if ((acc.len && ng_buf_addc(&acc, ' ')) ||
				    ng_fold(a->text + toks[j].b, toks[j].e - toks[j].b, false, &acc)) {
					ng_buf_free(&acc);
					st = NG_ERR_NOMEM;
					goto done;
				}
			}
			a->accented = acc.buf;
		}
		if (alias_is_acronym(a->text))
			a->flags |= NG_ALIAS_ACRONYM;
		TRY(st, trie_insert(kb, keys, k, &node));
		if (NG_GROW(kb->terms, kb->cap_terms, kb->n_terms + 1)) {
			st = NG_ERR_NOMEM;
			goto done;
		}
		t = &kb->terms[kb->n_terms++];
		t->entry = a->entry;
		t->alias = (uint32_t)i;
		/* Until linking, next holds the node. */
		t->next = node;
	}
	if (NG_GROW(kb->node_term, kb->cap_node_term, kb->n_nodes + 1)) {
		st = NG_ERR_NOMEM;
		goto done;
	}
	memset(kb->node_term, 0, kb->cap_node_term * sizeof(*kb->node_term));
	/* Link terminals in file order: the list of a node starts with the
	 * first alias loaded for it. */
	for (i = kb->n_terms; i-- > 0;) {
		uint32_t node = kb->terms[i].next;
		kb->terms[i].next = kb->node_term[node];
		kb->node_term[node] = (uint32_t)i + 1;
	}
	TRY(st, key_tables(kb));
done:
	free(toks);
	free(keys);
	ng_buf_free(&f);
	return st;
}

void
ng_gazetteer_free(ng_knowledge *kb)
{
	size_t i;

	for (i = 0; i < kb->n_entries; i++)
		entry_clear(&kb->entries[i]);
	free(kb->entries);
	for (i = 0; i < kb->n_aliases; i++) {
		free(kb->aliases[i].text);
		free(kb->aliases[i].accented);
	}
	free(kb->aliases);
	ng_strmap_free(&kb->entry_ids);
	ng_strmap_free(&kb->dict);
	ng_u64map_free(&kb->edges);
	free(kb->node_term);
	free(kb->terms);
	key_tables_free(kb);
}
