/* SPDX-License-Identifier: Apache-2.0 */
/* The lexicon (lexicon.tsv): word classes that drive the rules, title
 * phrases, abbreviations, nominals and modality cues. Not installed. */
#ifndef NG_LEXICON_H
#define NG_LEXICON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "datafile.h"
#include "dict.h"
#include "litfilter.h"
#include "regex.h"
#include "token.h"

/* Word classes, looked up once per token. */
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

/* What a title says of its holder. */
enum {
	NG_TITLE_LEADER = 1,   /* heads what it modifies: leaderOf */
	NG_TITLE_MEMBER = 2,   /* works for it: affiliatedWith */
	NG_TITLE_ACADEMIC = 3  /* academic: affiliatedWith the institution */
};

typedef struct {
	uint32_t *keys;    /* dictionary keys of the phrase's words */
	uint16_t ntok;
	uint16_t kind;     /* NG_TITLE_* */
	char *text;
	uint32_t next;     /* next title with the same first key + 1, 0 = none */
} ng_phrase;

typedef struct {
	pcre2_code *re;
	ng_litfilter filter;
	ng_modality modality;
	bool after;        /* an aftercue: matched on the sentence after the fact */
} ng_cue;

/* A month's name or the start of its names ("jan" for January, Jan.). */
typedef struct {
	char *stem;        /* lower case */
	int num;           /* 1 to 12 */
} ng_month;

/* A list of words as written in the lexicon, in file order. */
typedef struct {
	char **v;
	size_t n, cap;
} ng_wordlist;

typedef struct {
	ng_dict *dict;          /* where the lexicon's words get their keys */
	const ng_sink *sink;
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
	ng_u64map function;     /* keys of function words (a, of, with) */
	ng_u64map given;        /* keys of given names -> 1, or 2 if ambiguous */
	ng_u64map person_after; /* words after a name that show a person (said) */
	ng_u64map person_before; /* words before one that do (by, named) */
	ng_u64map particle;     /* name particles: bin, al, de, van */
	ng_u64map placecue;     /* prepositions of place: in, from, near */
	ng_u64map portfolio;    /* words of an office's portfolio after "of":
	                         * Defense, Security, Trade, National */
	ng_u64map timeword;     /* time words the patterns skip: monday, today */
	ng_u64map timelead;     /* words skipped before a time word: on, this */
	ng_u64map skipword;     /* adverbs the patterns skip: separately */
	ng_u64map controlverb;  /* "invited A to visit": the fact is intended */
	ng_u64map weekday;      /* monday: 1 .. sunday: 7 */
	ng_u64map relday;       /* yesterday: 100 - 1, today: 100 */
	ng_u64map languagecue;  /* words after which a lone demonym names a
	                         * language: in, into, speaks */
	ng_wordlist titlenow;   /* the titlenow words, for the patterns' {PRE} */
	ng_wordlist notmod;     /* nouns after which an entity is a modifier */
	ng_month *months;
	size_t n_months, cap_months;
	ng_buf date_src;        /* the date expressions, joined */
	pcre2_code *date_re;    /* compiled by prepare, or NULL without dates */
	/* Tables by dictionary key, built by prepare for the per-token work;
	 * each notes what it was built for, and after a later load the users
	 * fall back to the maps. */
	uint8_t *key_wclass;    /* key -> NG_WC_* bits */
	uint32_t n_key_wclass;
	uint32_t *key_title;    /* key -> first title + 1 (as title_first) */
	uint32_t n_key_title;
	size_t key_tab_titles;  /* n_titles when key_title was built */
} ng_lexicon;

/* Sets up an empty lexicon whose words go into dict. */
void ng_lexicon_init(ng_lexicon *lex, ng_dict *dict, const ng_sink *sink);
ng_status ng_lexicon_load(ng_lexicon *lex, const char *path);
/* Builds the tables by key for the dictionary as it is now. */
ng_status ng_lexicon_prepare(ng_lexicon *lex);
void ng_lexicon_free(ng_lexicon *lex);

/* The first title that starts with the word of this key, + 1; 0 if none:
 * the quick test before ng_lexicon_match_title, most words start no
 * title. */
static inline uint32_t
ng_lexicon_title_head(const ng_lexicon *lex, uint32_t key)
{
	uint32_t idx = 0;

	if (!key || (key & NG_LOCAL_KEY))
		return 0;
	if (key < lex->n_key_title && lex->key_tab_titles == lex->n_titles)
		return lex->key_title[key];
	ng_u64map_get(&lex->title_first, key, &idx);
	return idx;
}

/* The NG_WC_* classes of a dictionary key, from the table of prepare or,
 * for a word interned since, the map. */
static inline uint8_t
ng_lexicon_word_class(const ng_lexicon *lex, uint32_t key)
{
	uint32_t c = 0;

	if (key < lex->n_key_wclass)
		return lex->key_wclass[key];
	ng_u64map_get(&lex->word_class, key, &c);
	return (uint8_t)c;
}

/* Is the word of this key a function word (an article, preposition or
 * conjunction)? */
static inline bool
ng_lexicon_is_function(const ng_lexicon *lex, uint32_t key)
{
	uint32_t v;

	return key && !(key & NG_LOCAL_KEY) && ng_u64map_get(&lex->function, key, &v);
}

/* Is key in the set (of the lexicon's word sets above)? Returns its
 * value, 0 if not. */
static inline uint32_t
ng_lexicon_in(const ng_u64map *set, uint32_t key)
{
	uint32_t v = 0;

	if (!key || (key & NG_LOCAL_KEY) || !ng_u64map_get(set, key, &v))
		return 0;
	return v;
}

/* Loads the given names (given-names.tsv: NAME<TAB>FLAGS, FLAGS empty or
 * "ambiguous"). */
ng_status ng_lexicon_load_given(ng_lexicon *lex, const char *path);

/* The month a name starts with (the longest stem), 0 if none. */
int ng_lexicon_month(const ng_lexicon *lex, const char *s, size_t n);

/* Appends the words of list to out as a regular expression alternation,
 * "a|b|c", each word's special characters escaped. */
ng_status ng_wordlist_alternation(const ng_wordlist *list, ng_buf *out);

/* Do two roles or titles read the same, in any case, a hyphen and a space
 * alike ("Vice-President", "vice president")? */
bool ng_role_eq(const char *a, const char *b);
/* Does title name the office role: the same words, or its head before
 * "of" ("Secretary" for "Secretary of Defense")? */
bool ng_role_names(const char *role, const char *title);
/* Is the role a leader's title of the lexicon? */
bool ng_lexicon_is_leader_role(const ng_lexicon *lex, const char *role);

/* Matches the titles of the chain that starts at head (from
 * ng_lexicon_title_head) against toks[i, te), passing over joining
 * hyphens; returns the end of the longest match, or 0, and sets *which. */
uint32_t ng_lexicon_match_title(const ng_lexicon *lex, uint32_t head, const ng_token *toks,
                                uint32_t i, uint32_t te, const ng_phrase **which);

#endif /* NG_LEXICON_H */
