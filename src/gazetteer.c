/* SPDX-License-Identifier: Apache-2.0 */
/* Gazetteer loading, the token trie that the recognizer walks, and the
 * office holders by office. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "gazetteer.h"
#include "text.h"

static const char *const class_names[] = {"Person", "Organization", "Country", "Place"};
static const char *const class_paths[] = {"person", "organization", "country", "place"};

const char *
ng_class_name(ng_class c)
{
	return c < NG_CLASS_COUNT ? class_names[c] : "Thing";
}

const char *
ng_class_path(ng_class c)
{
	return c < NG_CLASS_COUNT ? class_paths[c] : "thing";
}

int
ng_class_from_name(const char *s, size_t n)
{
	int i;

	for (i = 0; i < NG_CLASS_COUNT; i++)
		if (strlen(class_names[i]) == n && !memcmp(class_names[i], s, n))
			return i;
	return -1;
}

void
ng_gazetteer_init(ng_gazetteer *g, ng_dict *dict, const ng_strmap *abbrevs, const ng_sink *sink)
{
	memset(g, 0, sizeof(*g));
	g->dict = dict;
	g->abbrevs = abbrevs;
	g->sink = sink;
	g->n_nodes = 1;
}

size_t
ng_gazetteer_count(const ng_gazetteer *g)
{
	size_t i, n = 0;

	for (i = 0; i < g->n_entries; i++)
		n += !g->entries[i].dead;
	return n;
}

int32_t
ng_gazetteer_find(const ng_gazetteer *g, const char *ref, size_t len)
{
	uint32_t v;

	if (!ng_strmap_get(&g->entry_ids, ref, len, &v))
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
add_office(ng_gazetteer *g, ng_entry *e, const char *file, unsigned long line,
           char *v)
{
	char *at1 = strchr(v, '@'), *at2, *dots;
	ng_office *o;

	if (!at1 || !(at2 = strchr(at1 + 1, '@')) || !(dots = strstr(at2 + 1, ".."))) {
		ng_sink_error(g->sink, NG_ERR_SYNTAX, file, line, 0,
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
		ng_sink_error(g->sink, NG_ERR_SYNTAX, file, line, 0, "bad office target or dates in '%s'", v);
		return NG_ERR_SYNTAX;
	}
	memcpy(o->target_ref, at1 + 1, (size_t)(at2 - at1 - 1));
	if (!(o->role = ng_strndup(v, (size_t)(at1 - v))))
		return NG_ERR_NOMEM;
	e->n_offices++;
	return NG_OK;
}

/* An id ends an IRI as it is: only bytes that need no escaping there. */
static bool
id_ok(const char *id)
{
	for (; *id; id++)
		if (!((*id >= 'a' && *id <= 'z') || (*id >= 'A' && *id <= 'Z') ||
		      (*id >= '0' && *id <= '9') || *id == '-' || *id == '_' || *id == '.'))
			return false;
	return true;
}

static ng_status
set_str(char **dst, const char *v)
{
	free(*dst);
	*dst = ng_strndup(v, strlen(v));
	return *dst ? NG_OK : NG_ERR_NOMEM;
}

/* An identifier for linking: digits after an optional prefix letter
 * (wikidata=Q42, geonames=1850147), a positive 32-bit number. */
static ng_status
parse_link_id(ng_gazetteer *g, const char *file, unsigned long line, const char *key,
              const char *v, char prefix, uint32_t *out)
{
	const char *d = v + (prefix && *v == prefix);
	unsigned long long n = 0;

	if ((prefix && *v != prefix) || !*d)
		goto bad;
	for (; *d; d++) {
		if (*d < '0' || *d > '9' || (n = n * 10 + (unsigned)(*d - '0')) > UINT32_MAX)
			goto bad;
	}
	if (!n)
		goto bad;
	*out = (uint32_t)n;
	return NG_OK;
bad:
	ng_sink_error(g->sink, NG_ERR_SYNTAX, file, line, 0, "%s must be %s, not '%s'", key,
	              prefix ? "Q and a number" : "a number", v);
	return NG_ERR_SYNTAX;
}

static ng_status
parse_props(ng_gazetteer *g, ng_entry *e, const char *file, unsigned long line,
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
			ng_sink_error(g->sink, NG_ERR_SYNTAX, file, line, 0, "property '%s' needs key=value", p);
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
			st = add_office(g, e, file, line, eq + 1);
		else if (!strcmp(p, "needcue"))
			e->needcue = atoi(eq + 1) != 0;
		else if (!strcmp(p, "geonames"))
			st = parse_link_id(g, file, line, p, eq + 1, 0, &e->geonames);
		else if (!strcmp(p, "wikidata"))
			st = parse_link_id(g, file, line, p, eq + 1, 'Q', &e->wikidata);
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
add_alias(ng_gazetteer *g, uint32_t entry, const char *text, size_t len, uint16_t flags)
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
	if (NG_GROW(g->aliases, g->cap_aliases, g->n_aliases + 1))
		return NG_ERR_NOMEM;
	a = &g->aliases[g->n_aliases];
	a->entry = entry;
	a->flags = flags;
	a->ntok = 0;
	a->accented = NULL;
	if (!(a->text = ng_strndup(text, len)))
		return NG_ERR_NOMEM;
	g->n_aliases++;
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

/* One entry: ID, class, label, aliases, properties. */
typedef struct {
	ng_gazetteer *g;
	int priority;
	ng_buf ref;
	ng_strmap seen;    /* Class:ID of this file -> its line */
} gaz_loader;

static ng_status
gazetteer_line(void *ctx, const char *file, unsigned long line, char **f, size_t nf)
{
	gaz_loader *ld = ctx;
	ng_gazetteer *g = ld->g;
	ng_buf *ref = &ld->ref;
	int cls;
	uint32_t idx, old;
	ng_entry *e;
	ng_status st = NG_OK;

	if (nf < 3 || nf > 5) {
		ng_sink_error(g->sink, NG_ERR_SYNTAX, file, line, 0,
		              "expected 5 tab-separated columns (id, class, label, aliases, properties), found %zu",
		              nf);
		return NG_ERR_SYNTAX;
	}
	if ((cls = ng_class_from_name(f[1], strlen(f[1]))) < 0) {
		ng_sink_error(g->sink, NG_ERR_SYNTAX, file, line, 0,
		              "unknown class '%s' (Person, Organization, Country or Place)", f[1]);
		return NG_ERR_SYNTAX;
	}
	if (!*f[0] || !*f[2]) {
		ng_sink_error(g->sink, NG_ERR_SYNTAX, file, line, 0, "empty id or label");
		return NG_ERR_SYNTAX;
	}
	if (!id_ok(f[0])) {
		ng_sink_error(g->sink, NG_ERR_SYNTAX, file, line, 0,
		              "id '%s' may hold only ASCII letters, digits, '-', '_' and '.'", f[0]);
		return NG_ERR_SYNTAX;
	}
	if (NG_GROW(g->entries, g->cap_entries, g->n_entries + 1)) {
		st = NG_ERR_NOMEM;
		goto done;
	}
	idx = (uint32_t)g->n_entries;
	e = &g->entries[idx];
	memset(e, 0, sizeof(*e));
	e->cls = (ng_class)cls;
	e->priority = ld->priority;
	e->capital = e->country = e->seat_of = e->part_of = -1;
	g->n_entries++;
	if (!(e->id = ng_strndup(f[0], strlen(f[0]))) ||
	    !(e->label = ng_strndup(f[2], strlen(f[2])))) {
		st = NG_ERR_NOMEM;
		goto done;
	}
	if (nf > 4 && (st = parse_props(g, e, file, line, f[4])))
		goto done;
	/* A country's id is its alpha-3 code, unless it is a slug (a former or
	 * partly recognized state without one). */
	if (e->cls == NG_CLASS_COUNTRY && !e->iso3 && strlen(e->id) == 3 &&
	    e->id[0] >= 'A' && e->id[0] <= 'Z' && (st = set_str(&e->iso3, e->id)))
		goto done;
	ng_buf_clear(ref);
	if ((st = ng_buf_printf(ref, "%s:%s", f[1], f[0])))
		goto done;
	/* A later file overrides an entry; the same file naming it twice is
	 * a mistake that would silently keep only the second. */
	if (ng_strmap_get(&ld->seen, ref->buf, ref->len, &old)) {
		g->n_entries--;
		entry_clear(e);
		ng_sink_error(g->sink, NG_ERR_SYNTAX, file, line, 0,
		              "duplicate id '%s' of class %s (first on line %u)", f[0], f[1], old);
		return NG_ERR_SYNTAX;
	}
	if ((st = ng_strmap_put(&ld->seen, ref->buf, ref->len, (uint32_t)line)))
		goto done;
	if (ng_strmap_get(&g->entry_ids, ref->buf, ref->len, &old))
		g->entries[old].dead = true;
	if ((st = ng_strmap_put(&g->entry_ids, ref->buf, ref->len, idx)) ||
	    (st = add_alias(g, idx, f[2], strlen(f[2]), NG_ALIAS_LABEL)))
		goto done;
	if (nf > 3) {
		char *a = f[3];
		while (a && *a) {
			char *bar = strchr(a, '|');
			size_t n = bar ? (size_t)(bar - a) : strlen(a);
			if ((st = add_alias(g, idx, a, n, 0)))
				goto done;
			a = bar ? bar + 1 : NULL;
		}
	}
done:
	return st;
}

ng_status
ng_gazetteer_load(ng_gazetteer *g, const char *path, int priority)
{
	gaz_loader ld;
	ng_status st;

	memset(&ld, 0, sizeof(ld));
	ld.g = g;
	ld.priority = priority;
	ng_strmap_init(&ld.seen);
	st = ng_datafile_each_line(g->sink, path, "cannot read gazetteer", 6, gazetteer_line, &ld);
	ng_buf_free(&ld.ref);
	ng_strmap_free(&ld.seen);
	return st;
}

static int32_t
resolve(ng_gazetteer *g, const char *ref, const char *cls_default)
{
	ng_buf b = {0};
	int32_t r;

	if (!ref || !*ref)
		return -1;
	if (strchr(ref, ':'))
		r = ng_gazetteer_find(g, ref, strlen(ref));
	else {
		if (ng_buf_printf(&b, "%s:%s", cls_default, ref))
			return -1;
		r = ng_gazetteer_find(g, b.buf, b.len);
		ng_buf_free(&b);
	}
	return r;
}

/* Walks or extends the trie with the alias's keys; returns the node. */
static ng_status
trie_insert(ng_gazetteer *g, const uint32_t *keys, size_t n, uint32_t *node)
{
	uint32_t cur = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		uint64_t edge = ((uint64_t)cur << 32) | keys[i];
		uint32_t child;
		if (!ng_u64map_get(&g->edges, edge, &child)) {
			child = g->n_nodes++;
			if (ng_u64map_put(&g->edges, edge, child))
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

/* Chains person entry to the people named by the word of key. */
static ng_status
add_named(ng_gazetteer *g, uint32_t key, uint32_t entry)
{
	uint32_t first = 0;

	if (NG_GROW(g->named, g->cap_named, g->n_named + 1))
		return NG_ERR_NOMEM;
	ng_u64map_get(&g->named_first, key, &first);
	g->named[g->n_named].entry = entry;
	g->named[g->n_named].next = first;
	g->n_named++;
	return ng_u64map_put(&g->named_first, key, (uint32_t)g->n_named);
}

static void
key_tables_free(ng_gazetteer *g)
{
	free(g->key_root);
	g->key_root = NULL;
	g->n_key_root = 0;
	free(g->holder_first);
	free(g->holders);
	g->holder_first = NULL;
	g->holders = NULL;
	g->holder_entries = 0;
}

/* The chains of office holders by the entry of the office ("the NATO
 * chief" looks up NATO's), so that finding a holder does not scan every
 * person of the gazetteer. Built backwards so that each chain runs in
 * entry order, the order a scan would find them in. */
static ng_status
holder_table(ng_gazetteer *g)
{
	size_t i, k, n = 0, m = 0;

	for (i = 0; i < g->n_entries; i++)
		if (!g->entries[i].dead && g->entries[i].cls == NG_CLASS_PERSON)
			n += g->entries[i].n_offices;
	if (!(g->holder_first = calloc(g->n_entries + 1, sizeof(*g->holder_first))) ||
	    !(g->holders = malloc((n + 1) * sizeof(*g->holders))))
		return NG_ERR_NOMEM;
	for (i = g->n_entries; i-- > 0;) {
		const ng_entry *e = &g->entries[i];
		if (e->dead || e->cls != NG_CLASS_PERSON)
			continue;
		for (k = e->n_offices; k-- > 0;) {
			int32_t t = e->offices[k].target;
			if (t < 0)
				continue;
			g->holders[m].entry = (uint32_t)i;
			g->holders[m].office = (uint32_t)k;
			g->holders[m].next = g->holder_first[t];
			g->holder_first[t] = (uint32_t)++m;
		}
	}
	g->holder_entries = g->n_entries;
	return NG_OK;
}

/* Copies the root's edges into an array by key: every token of every
 * document is looked up in it. */
static ng_status
key_tables(ng_gazetteer *g)
{
	uint32_t key, n = g->dict->n_keys + 1;

	key_tables_free(g);
	if (!(g->key_root = calloc(n, sizeof(*g->key_root)))) {
		key_tables_free(g);
		return NG_ERR_NOMEM;
	}
	for (key = 1; key < n; key++)
		ng_u64map_get(&g->edges, key, &g->key_root[key]);
	g->n_key_root = n;
	if (holder_table(g))
		return NG_ERR_NOMEM;
	return NG_OK;
}

ng_status
ng_gazetteer_prepare(ng_gazetteer *g)
{
	ng_token *toks = NULL;
	size_t ntok = 0, ctok = 0, i, j;
	uint32_t *keys = NULL;
	size_t ckeys = 0;
	ng_buf f = {0};
	ng_status st = NG_OK;

	/* Rebuild the trie from scratch: entries may have been overridden. */
	ng_u64map_free(&g->edges);
	free(g->node_term);
	g->node_term = NULL;
	g->cap_node_term = 0;
	free(g->terms);
	g->terms = NULL;
	g->n_terms = g->cap_terms = 0;
	g->n_nodes = 1;
	ng_u64map_free(&g->named_first);
	g->n_named = 0;

	for (i = 0; i < g->n_entries; i++) {
		ng_entry *e = &g->entries[i];
		if (e->dead)
			continue;
		e->capital = resolve(g, e->capital_ref, "Place");
		e->country = resolve(g, e->country_ref, "Country");
		e->seat_of = resolve(g, e->seat_ref, "Country");
		e->part_of = resolve(g, e->part_ref, "Organization");
		for (j = 0; j < e->n_offices; j++)
			e->offices[j].target = resolve(g, e->offices[j].target_ref, "Country");
	}
	for (i = 0; i < g->n_aliases; i++) {
		ng_alias *a = &g->aliases[i];
		size_t k = 0;
		uint32_t node;
		ng_terminal *t;

		if (g->entries[a->entry].dead)
			continue;
		ntok = 0;
		TRY(st, ng_tokenize(g->abbrevs, a->text, 0, strlen(a->text), &toks, &ntok, &ctok));
		if (NG_GROW(keys, ckeys, ntok + 1)) {
			st = NG_ERR_NOMEM;
			goto done;
		}
		for (j = 0; j < ntok; j++) {
			if (toks[j].flags & NG_TOK_JOIN)
				continue;
			ng_buf_clear(&f);
			TRY(st, ng_fold(a->text + toks[j].b, toks[j].e - toks[j].b, true, &f));
			TRY(st, ng_dict_intern(g->dict, f.buf, f.len, &keys[k]));
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
		if ((a->flags & NG_ALIAS_LABEL) && k > 1 && g->entries[a->entry].cls == NG_CLASS_PERSON) {
			TRY(st, add_named(g, keys[0], a->entry));
			TRY(st, add_named(g, keys[k - 1], a->entry));
		}
		TRY(st, trie_insert(g, keys, k, &node));
		if (NG_GROW(g->terms, g->cap_terms, g->n_terms + 1)) {
			st = NG_ERR_NOMEM;
			goto done;
		}
		t = &g->terms[g->n_terms++];
		t->entry = a->entry;
		t->alias = (uint32_t)i;
		/* Until linking, next holds the node. */
		t->next = node;
	}
	if (NG_GROW(g->node_term, g->cap_node_term, g->n_nodes + 1)) {
		st = NG_ERR_NOMEM;
		goto done;
	}
	memset(g->node_term, 0, g->cap_node_term * sizeof(*g->node_term));
	/* Link terminals in file order: the list of a node starts with the
	 * first alias loaded for it. */
	for (i = g->n_terms; i-- > 0;) {
		uint32_t node = g->terms[i].next;
		g->terms[i].next = g->node_term[node];
		g->node_term[node] = (uint32_t)i + 1;
	}
	TRY(st, key_tables(g));
done:
	free(toks);
	free(keys);
	ng_buf_free(&f);
	return st;
}

void
ng_gazetteer_free(ng_gazetteer *g)
{
	size_t i;

	for (i = 0; i < g->n_entries; i++)
		entry_clear(&g->entries[i]);
	free(g->entries);
	for (i = 0; i < g->n_aliases; i++) {
		free(g->aliases[i].text);
		free(g->aliases[i].accented);
	}
	free(g->aliases);
	ng_strmap_free(&g->entry_ids);
		ng_u64map_free(&g->edges);
	free(g->node_term);
	free(g->terms);
	ng_u64map_free(&g->named_first);
	free(g->named);
	key_tables_free(g);
}
