/* SPDX-License-Identifier: Apache-2.0 */
/* Internal types shared by the library's modules. Not installed. */
#ifndef NG_INTERNAL_H
#define NG_INTERNAL_H

#include "config.h"

#include <stdbool.h>
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "newsgraph.h"
#include "util.h"

/* Limits that keep a crafted input from exhausting memory or time. */
#define NG_MAX_SENTENCE_TOKENS 400   /* longer sentences skip patterns */
#define NG_BOILER_MAX_LINE 400       /* longer lines are prose, not boilerplate */
#define NG_MAX_TITLE 300             /* bytes of the first line kept as title */
#define NG_PCRE2_MATCH_LIMIT 1000000
#define NG_PCRE2_DEPTH_LIMIT 10000

/* ------------------------------------------------------------------ text */

/* One article's text: the original bytes (after a byte order mark), and a
 * normalized copy (NFC, typographic quotes and dashes folded, controls made
 * spaces) used for matching, with a map from each normalized byte back to
 * the original byte it came from. */
typedef struct {
	const char *orig;
	size_t orig_len;
	char *norm;         /* followed by NG_NORM_PAD NUL bytes */
	size_t norm_len;
	uint32_t *map;      /* norm_len + 1 entries */
	uint32_t *chars;    /* code points before each 64-byte block, lazily */
} ng_text;

#define NG_NORM_PAD 8

/* Checks UTF-8 (no NUL, no overlong forms, no surrogates); returns NG_OK or
 * the error with *bad set to the offending byte offset and *why to a reason. */
ng_status ng_utf8_check(const char *s, size_t len, size_t *bad, const char **why);
/* Decodes one code point at s (valid UTF-8); returns its length. */
size_t ng_utf8_decode(const unsigned char *s, int32_t *cp);
/* Builds t from bytes (which must outlive t); strips a BOM. */
ng_status ng_text_init(ng_text *t, const char *bytes, size_t len,
                       size_t *bad, const char **why);
void ng_text_clear(ng_text *t);
/* Original byte offset of normalized offset n. */
static inline size_t
ng_text_orig(const ng_text *t, size_t n)
{
	return t->map[n];
}
/* Code point offset of an original byte offset. */
size_t ng_text_char_offset(ng_text *t, size_t orig_byte);
/* Case-folds (and strips marks when strip is set) s into out. */
ng_status ng_fold(const char *s, size_t len, bool strip, ng_buf *out);
/* Appends s with control characters and noncharacters made safe for RDF
 * literals (C0/C1 controls but tab become spaces, U+FFFE/U+FFFF become
 * U+FFFD). */
ng_status ng_clean_literal(const char *s, size_t len, ng_buf *out);
/* Would ng_clean_literal copy s unchanged? */
bool ng_literal_is_clean(const char *s, size_t len);

/* --------------------------------------------------------------- segment */

typedef struct ng_token ng_token;
/* Tokenizes s[b, e), appending to *toks (keys are left 0). */
ng_status ng_tokenize(const ng_knowledge *kb, const char *s, size_t b, size_t e,
                      ng_token **toks, size_t *n, size_t *cap);

enum {
	NG_TOK_WORD = 1 << 0,    /* letters and digits */
	NG_TOK_NUM = 1 << 1,     /* starts with a digit */
	NG_TOK_PUNCT = 1 << 2,
	NG_TOK_CAP = 1 << 3,     /* starts with an upper-case letter */
	NG_TOK_UPPER = 1 << 4,   /* two or more letters, all upper case */
	NG_TOK_LOWER = 1 << 5,   /* starts with a lower-case letter */
	NG_TOK_SPACE = 1 << 6,   /* white space before the token */
	NG_TOK_ABBR = 1 << 7,    /* abbreviation with its period: U.S., Mr. */
	NG_TOK_POSS = 1 << 8,    /* possessive 's or ' */
	NG_TOK_JOIN = 1 << 9,    /* a hyphen inside a word: Hinata-Yamaguchi */
	NG_TOK_TITLE = 1 << 10,  /* a title phrase of the lexicon starts with it
	                          * (ng_title_head), set by ng_segment */
	NG_TOK_ALIAS = 1 << 11   /* a gazetteer alias starts with it
	                          * (ng_alias_root), set by ng_segment */
};

/* Keys of words that only the document knows carry this bit. */
#define NG_LOCAL_KEY 0x80000000u

/* Word classes of the lexicon, looked up once per token. */
enum {
	NG_WC_STOPNAME = 1 << 0, /* never starts or continues a name */
	NG_WC_ORGHEAD = 1 << 1,  /* head word of organization names */
	NG_WC_PRONOUN = 1 << 2,  /* he, she */
	NG_WC_LEADER = 1 << 3,   /* chief, head, leader */
	NG_WC_VESSEL = 1 << 4,   /* ship prefix */
	NG_WC_NOMINAL = 1 << 5,  /* a noun that refers to an organization */
	NG_WC_TITLE_NOW = 1 << 6,  /* "new", "current": the office is held */
	NG_WC_TITLE_PAST = 1 << 7  /* "former", "late": it is not held */
};

struct ng_token {
	uint32_t b, e;  /* normalized byte span */
	uint32_t key;   /* folded form's ID in the knowledge's dictionary, 0 if none */
	uint16_t flags;
	uint8_t wclass; /* NG_WC_* */
};

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

/* ------------------------------------------------------------- knowledge */

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
	bool dead;         /* overridden by a later entry with the same ID */
} ng_entry;

/* A trie node's terminal: an alias of an entry. */
typedef struct {
	uint32_t entry;
	uint32_t alias;    /* index into kb->aliases */
	uint32_t next;     /* next terminal of the same node + 1, 0 = none */
} ng_terminal;

typedef struct {
	char *text;        /* as written, markers stripped */
	char *accented;    /* '!' aliases: folded words with their marks */
	uint32_t entry;
	uint16_t flags;
	uint16_t ntok;
} ng_alias;

/* Lexicon: word lists that drive the rules (titles, abbreviations, cues). */
enum {
	NG_TITLE_LEADER = 1,   /* heads what it modifies: leaderOf */
	NG_TITLE_MEMBER = 2,   /* works for it: affiliatedWith */
	NG_TITLE_ACADEMIC = 3  /* academic: affiliatedWith the institution */
};

typedef struct {
	uint32_t *keys;    /* token keys of the phrase */
	uint16_t ntok;
	uint16_t kind;
	char *text;
	uint32_t next;     /* next title with the same first key + 1, 0 = none */
} ng_phrase;

/* The strings one of which every match of an expression contains (each a
 * length byte and lower-case ASCII bytes), and flags for their first two
 * bytes; pairs is NULL when they cannot be told from the expression's
 * source, and then every text may match (boilerplate.c). */
typedef struct {
	uint8_t *pairs;
	ng_buf lits;
} ng_litfilter;

/* Builds the filter from the source of a caseless expression. */
ng_status ng_litfilter_build(ng_litfilter *f, const char *re);
bool ng_litfilter_may_match(const ng_litfilter *f, const char *s, size_t n);
void ng_litfilter_free(ng_litfilter *f);

typedef struct {
	pcre2_code *re;
	ng_litfilter filter;
	ng_modality modality;
} ng_cue;

typedef struct {
	char *id;
	char *property;    /* ontology local name */
	int modality;      /* ng_modality, or -1 for "auto" */
	double confidence;
	int sg, og;        /* numbers of the groups s and o */
	char **triggers;   /* one must occur in the tagged sentence; none = any */
	size_t n_triggers;
	uint16_t *trigger_bits; /* prefilter: bit of each trigger's first word */
	pcre2_code *re;
	char *file;
	unsigned long line;
	/* What the pattern needs of a sentence's placeholders to yield a fact,
	 * derived from its regular expression (relation.c), a bit per
	 * placeholder type. Each need: a placeholder of one of its types; pair:
	 * two placeholders of its types; words: sets of ng_trigger_bit bits,
	 * each of n_words[i] in turn, and a word of one of each set. None of
	 * them: always run. */
	uint8_t need[4];
	uint8_t n_need;
	uint8_t pair;
	uint8_t n_words[4];
	uint16_t words[48];
} ng_pattern;

/* Derives p->need and p->pair from re, the expanded regular expression
 * that p->re was compiled from. */
void ng_pattern_derive_needs(ng_pattern *p, const char *re, size_t len);

typedef struct {
	pcre2_code *re;
	bool cut;          /* this line and all after are boilerplate */
} ng_boiler_rule;

struct ng_knowledge {
	ng_error_func err_func;
	void *err_handle;
	/* gazetteer */
	ng_entry *entries;
	size_t n_entries, cap_entries;
	ng_alias *aliases;
	size_t n_aliases, cap_aliases;
	ng_strmap entry_ids;    /* "class:id" -> entry index */
	ng_strmap dict;         /* folded token -> key (1-based) */
	uint32_t n_keys;
	/* trie: node 0 is the root; edges (node << 32 | key) -> child + 1 */
	ng_u64map edges;
	uint32_t n_nodes;
	uint32_t *node_term;    /* first terminal + 1 per node, 0 = none */
	size_t cap_node_term;
	ng_terminal *terms;
	size_t n_terms, cap_terms;
	int load_priority;      /* bumped for each user gazetteer */
	/* lexicon */
	ng_strmap abbrevs;      /* folded abbreviation without its period */
	ng_u64map word_class;   /* dictionary key -> NG_WC_* bits */
	ng_u64map title_first;  /* first key of a title -> title index + 1 */
	ng_u64map nominals;     /* noun key -> index into nominal_kinds */
	char **nominal_kinds;   /* "alliance|intergovernmental" */
	size_t n_nominals, cap_nominals;
	ng_phrase *titles;
	size_t n_titles, cap_titles;
	ng_cue *cues;
	size_t n_cues, cap_cues;
	/* patterns and boilerplate */
	ng_pattern *patterns;
	size_t n_patterns, cap_patterns;
	ng_boiler_rule *boiler;
	size_t n_boiler, cap_boiler;
	ng_buf boiler_line_src, boiler_cut_src, boiler_any_src;
	pcre2_code *boiler_line, *boiler_cut, *boiler_any;
	pcre2_code *date_re;    /* publication dates, compiled at prepare */
	/* Tables of the text front end, built at prepare (knowledge.c). */
	uint8_t *key_wclass;    /* dictionary key -> NG_WC_* bits */
	uint32_t n_key_wclass;  /* its size: n_keys + 1 at prepare */
	/* Dictionary words of up to 16 bytes, zero-padded into two uint64
	 * (memcpy order): the first eight bytes with the key, word class and
	 * head flags in one slot, the rest in short_rest by slot (read only
	 * for a word longer than eight); open addressing by ng_short_slot;
	 * complete when short_keys_ready. */
	struct ng_short_key {
		uint64_t word;      /* 0 = empty */
		uint32_t key;
		uint16_t heads;     /* ng_word_heads of key */
		uint8_t wclass;
		uint8_t more;       /* longer than eight bytes */
	} *short_keys;
	uint64_t *short_rest;
	size_t short_mask;
	size_t short_titles;    /* n_titles when the heads were taken */
	bool short_keys_ready;
	ng_litfilter boiler_any_filter; /* of boiler_any */
	bool prepared;
	/* Lookup tables that prepare (gazetteer.c) builds from the maps and
	 * lists above, for the per-token work. Each notes the size it was built
	 * for; after a later load the users fall back to the maps. */
	uint32_t *key_root;     /* key -> trie child of the root, 0 = none */
	uint32_t *key_title;    /* key -> first title + 1 (as title_first) */
	uint32_t n_key_tab;     /* keys below this are in both tables */
	size_t key_tab_titles;  /* n_titles when key_title was built */
	struct ng_dict_slot *dict_slots; /* dict as a flat table for ng_kb_key */
	size_t dict_mask, dict_count;    /* its size - 1; dict.count when built */
	uint64_t *trigger_rows; /* per ng_trigger_bit: patterns with a trigger on it */
	size_t trigger_words;   /* 64-bit words per row */
	size_t trigger_patterns; /* n_patterns when built */
	/* For each entry, the offices people hold of it: holder_first[entry]
	 * is 1 + the first of a chain through holders[].next, in entry order. */
	uint32_t *holder_first;
	struct ng_holder { uint32_t entry, office, next; } *holders;
	size_t holder_entries;  /* n_entries when built */
};

/* A hash of a short word by its first and second eight bytes; its high
 * half picks the first slot in kb->short_keys. */
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

/* The expression for publication dates (doc.c). */
extern const char ng_date_pattern[];

/* The prefilter bit of a word: a hash of its first three bytes, so that a
 * trigger "visit" and a word "visited" share it. */
static inline uint16_t
ng_trigger_bit(const char *w, size_t n)
{
	uint32_t h = 0;
	size_t i;

	for (i = 0; i < n && i < 3; i++)
		h = h * 131 + (unsigned char)w[i];
	return (uint16_t)(h & 1023);
}

/* Reports an error through the knowledge's sink. */
void ng_kb_error(const ng_knowledge *kb, ng_status st, const char *file,
                 unsigned long line, unsigned long col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Looks up a token's folded key (0 if the dictionary lacks it). */
uint32_t ng_kb_key(const ng_knowledge *kb, const char *s, size_t len);
/* Interns a folded token, returning its key. */
ng_status ng_kb_intern(ng_knowledge *kb, const char *s, size_t len, uint32_t *key);
/* Entry index for Class:ID, or -1. */
int32_t ng_kb_find_entry(const ng_knowledge *kb, const char *ref, size_t len);

ng_status ng_gazetteer_load(ng_knowledge *kb, const char *path, int priority);
ng_status ng_gazetteer_prepare(ng_knowledge *kb);
void ng_gazetteer_free(ng_knowledge *kb);
ng_status ng_lexicon_load(ng_knowledge *kb, const char *path);
void ng_lexicon_free(ng_knowledge *kb);
ng_status ng_patterns_load(ng_knowledge *kb, const char *path);
void ng_patterns_free(ng_knowledge *kb);
ng_status ng_boiler_load(ng_knowledge *kb, const char *path);
void ng_boiler_free(ng_knowledge *kb);
/* Compiles a pattern, reporting errors with file, line and offset. */
pcre2_code *ng_regex_compile(const ng_knowledge *kb, const char *re, size_t len,
                             const char *file, unsigned long line, uint32_t opts);
/* pcre2_match on validated text (PCRE2_NO_UTF_CHECK), through the JIT's
 * fast path when the pattern has been JIT-compiled. */
int ng_regex_match(const pcre2_code *re, const char *s, size_t len, size_t start,
                   pcre2_match_data *md);


/* Splits a data file line into TAB-separated fields (in place). */
size_t ng_split_tabs(char *line, char **fields, size_t max);

/* --------------------------------------------------------------- document */

enum {
	NG_MEN_ADJ = 1 << 0,    /* demonym or adjective: Japanese */
	NG_MEN_COREF = 1 << 1,  /* resolved reference: surname, pronoun, role */
	NG_MEN_PRON = 1 << 2,   /* a pronoun */
	NG_MEN_RULE = 1 << 3    /* found by a rule, not the gazetteer */
};

typedef struct {
	uint32_t tb, te;   /* token range */
	uint32_t ent;      /* document entity index */
	uint32_t sent;
	uint16_t flags;
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
	char *literal;     /* role literal, in the doc arena */
	const char *rule;
	ng_modality mod;
	double confidence;
	uint32_t sent;
} ng_fact;

struct ng_doc {
	const ng_knowledge *kb;
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
	int32_t date_num;   /* YYYYMMDD or 0 */
	ng_buf scratch;
	ng_buf lit;         /* scratch for literals being cleaned */
	ng_mention *sort_tmp; /* scratch for sorting mentions */
	size_t cap_sort_tmp;
	/* Cached sentence texts for ng_doc_fact */
	char **sent_text;
	/* Entity strings and arrays, fact literals, sentence texts and the
	 * metadata live here and go with the document; it starts in the
	 * document's own allocation, after the copy of the input. */
	ng_arena arena;
};

ng_status ng_segment(ng_doc *doc);
/* Matches a title phrase of the lexicon at token i (up to te); returns the
 * end of the longest match, or 0, and sets *which. */
uint32_t ng_match_title(const ng_doc *doc, uint32_t i, uint32_t te, const ng_phrase **which);
/* The first title that starts with the word of this key, + 1; 0 if none:
 * the quick test before ng_match_title, most words start no title. The
 * table by key is used when it is current (a lexicon loaded after prepare
 * falls back to the map). */
static inline uint32_t
ng_title_head(const ng_knowledge *kb, uint32_t key)
{
	uint32_t idx = 0;

	if (!key || (key & NG_LOCAL_KEY))
		return 0;
	if (key < kb->n_key_tab && kb->key_tab_titles == kb->n_titles)
		return kb->key_title[key];
	ng_u64map_get(&kb->title_first, key, &idx);
	return idx;
}
/* The trie node reached from the root by the word of this key, 0 if no
 * alias starts with it (or the key is the document's own). */
static inline uint32_t
ng_alias_root(const ng_knowledge *kb, uint32_t key)
{
	uint32_t child = 0;

	if (!key || (key & NG_LOCAL_KEY))
		return 0;
	if (key < kb->n_key_tab)
		return kb->key_root[key];
	if (!ng_u64map_get(&kb->edges, key, &child))
		return 0;
	return child;
}
/* The NG_WC_* classes of a dictionary key, from the table of prepare or,
 * for a word interned since, the map. */
static inline uint8_t
ng_word_class(const ng_knowledge *kb, uint32_t key)
{
	uint32_t c = 0;

	if (key < kb->n_key_wclass)
		return kb->key_wclass[key];
	ng_u64map_get(&kb->word_class, key, &c);
	return (uint8_t)c;
}
/* The NG_TOK_TITLE and NG_TOK_ALIAS flags of a word of this key: tested
 * by the recognizer on every token, so set once by ng_segment. */
static inline uint16_t
ng_word_heads(const ng_knowledge *kb, uint32_t key)
{
	return (uint16_t)((ng_title_head(kb, key) ? NG_TOK_TITLE : 0) |
	                  (ng_alias_root(kb, key) ? NG_TOK_ALIAS : 0));
}
ng_status ng_boiler_mark(ng_doc *doc);
ng_status ng_ner(ng_doc *doc);
/* Gazetteer matches only (for make bench). */
ng_status ng_ner_gazetteer(ng_doc *doc);

/* Sorting fixed-size records in bounded memory (extsort.c): add records,
 * then finish gives an unnamed temporary file in dir holding them sorted by
 * cmp (which should be a total order), positioned at its start; the caller
 * closes it. */
typedef struct ng_extsort ng_extsort;
ng_extsort *ng_extsort_new(const char *dir, size_t size, size_t chunk,
                           int (*cmp)(const void *, const void *));
ng_status ng_extsort_add(ng_extsort *s, const void *rec);
ng_status ng_extsort_finish(ng_extsort *s, FILE **out, size_t *n);
void ng_extsort_free(ng_extsort *s);
/* An unnamed temporary file in dir, open for reading and writing. */
int ng_temp_fd(const char *dir);

/* A set of 64-bit hashes in bounded memory (idset.c): the newest in memory,
 * the rest in sorted runs in unnamed temporary files in dir, each with a
 * key for every block, so that a lookup reads at most a block a run.
 * Memory stays near mem ids (8 bytes each) plus an eighth of a percent of
 * the set; runs merge like a binary counter, so there are about log2 of
 * (size / mem) of them. has gives 1, 0, or -1 on a read error. */
typedef struct ng_idset ng_idset;
ng_idset *ng_idset_new(const char *dir, size_t mem);
int ng_idset_has(ng_idset *s, uint64_t h);
ng_status ng_idset_add(ng_idset *s, uint64_t h);
size_t ng_idset_count(const ng_idset *s);
void ng_idset_free(ng_idset *s);

/* How far ng_doc_analyze_stage goes: the gazetteer's matches alone, all
 * entities (rules, coreference, boilerplate), or everything with facts. */
typedef enum { NG_STAGE_GAZETTEER, NG_STAGE_ENTITIES, NG_STAGE_ALL } ng_stage;
ng_status ng_doc_analyze_stage(const ng_knowledge *kb, const char *text, size_t len,
                               const ng_doc_meta *meta, ng_stage stage, ng_doc **out,
                               long long *err_byte);
ng_status ng_relations(ng_doc *doc);
ng_status ng_meta_extract(ng_doc *doc);

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
/* A hash of what a fact states (and of its sentence, if asked); never 0. */
uint64_t ng_fact_key(const ng_fact *f, bool with_sentence);
/* Do two facts state the same thing? */
bool ng_fact_same(const ng_fact *a, const ng_fact *b);
/* The text of sentence si as in the article, safe for a literal (cached). */
const char *ng_doc_sentence_text(ng_doc *doc, uint32_t si);
/* Normalized text of a token range, joined as written. */
static inline const char *
ng_doc_norm(const ng_doc *doc, uint32_t off)
{
	return doc->text.norm + off;
}

/* Slug for IRIs: lower-case ASCII letters, digits and '-'. */
ng_status ng_slug(const char *s, size_t len, ng_buf *out);

#endif /* NG_INTERNAL_H */
