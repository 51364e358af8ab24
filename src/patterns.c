/* SPDX-License-Identifier: Apache-2.0 */
/* Relation patterns: loading patterns.tsv, what each pattern needs of a
 * sentence (read off its expression), and the table by trigger word. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "patterns.h"
#include "util.h"

const char ng_pattern_tags[6][4] = {"PER", "ORG", "CTY", "PLC", "DEM", "ENT"};

uint8_t
ng_pattern_tag_bit(const unsigned char *t)
{
	size_t i;

	for (i = 0; i < NG_N_TAGS; i++)
		if (!memcmp(ng_pattern_tags[i], t, 3))
			return (uint8_t)(1u << i);
	return 0;
}

/* Expands the placeholders of a pattern ({PER}, {ORG}, {LIST:CTY}, ...)
 * into regular expression syntax over the tagged sentence text. {PRE} and
 * {NOTMOD} are made from the lexicon's word lists (ng_patterns_load). */
static const struct {
	const char *name;
	const char *re;
} macros[] = {
	{"PER", "PER_\\d+\\b"},
	{"ORG", "ORG_\\d+\\b"},
	{"CTY", "CTY_\\d+\\b"},
	{"PLC", "PLC_\\d+\\b"},
	{"DEM", "DEM_\\d+\\b"},
	{"GPE", "(?:CTY|PLC)_\\d+\\b"},
	{"AGT", "(?:PER|ORG|CTY|PLC)_\\d+\\b"},
	{"ENT", "(?:PER|ORG|CTY|PLC)_\\d+\\b"},
	{"W", "[^ ]+"},
	/* Up to four lower-case words, after at most one clause between
	 * commas that a relative pronoun, an article or a title opens: "A ,
	 * who is visiting B , met C", "A , the TTL , arrived in B". */
	{"GAP", "(?:, (?:who|which|a|an|the|TTL) [^,]{1,120}? , )?(?:[a-z][^ ]* ){0,4}?"},
	{"LONGGAP", "(?:[^ ]+ ){0,12}?"},
	{NULL, NULL}
};

static const char *
macro_re(const ng_patterns *pat, const char *name, size_t n)
{
	size_t i;

	if (n == 3 && !memcmp(name, "PRE", 3))
		return pat->pre.buf;
	if (n == 6 && !memcmp(name, "NOTMOD", 6))
		return pat->notmod.buf;
	for (i = 0; macros[i].name; i++)
		if (strlen(macros[i].name) == n && !memcmp(macros[i].name, name, n))
			return macros[i].re;
	return NULL;
}

/* {PRE}: an optional modifier and title before a name ("DEM_1 TTL",
 * "ORG_2 's new TTL"), the words that keep an office current being the
 * lexicon's titlenow words. {NOTMOD}: the object is no modifier of a
 * following noun of the lexicon's notmod words ("the NATO mission"). */
static ng_status
lexicon_macros(ng_patterns *pat)
{
	const ng_lexicon *lex = pat->lex;

	ng_buf_clear(&pat->pre);
	ng_buf_clear(&pat->notmod);
	if (ng_buf_adds(&pat->pre, "(?:(?:DEM|CTY|ORG)_\\d+\\b (?:'s )?)?"))
		return NG_ERR_NOMEM;
	if (lex && lex->titlenow.n &&
	    (ng_buf_adds(&pat->pre, "(?:(?:") || ng_wordlist_alternation(&lex->titlenow, &pat->pre) ||
	     ng_buf_adds(&pat->pre, ") )?")))
		return NG_ERR_NOMEM;
	if (ng_buf_adds(&pat->pre, "(?:TTL (?:, )?)?"))
		return NG_ERR_NOMEM;
	if (ng_buf_adds(&pat->notmod, ""))
		return NG_ERR_NOMEM;
	if (lex && lex->notmod.n &&
	    (ng_buf_adds(&pat->notmod, "(?! (?:") || ng_wordlist_alternation(&lex->notmod, &pat->notmod) ||
	     ng_buf_adds(&pat->notmod, ")\\b)")))
		return NG_ERR_NOMEM;
	return NG_OK;
}

static ng_status
expand_pattern(const ng_patterns *pat, const char *p, ng_buf *out, const char **bad)
{
	while (*p) {
		const char *close, *re;
		if (*p != '{' || !(p[1] >= 'A' && p[1] <= 'Z') || !(close = strchr(p, '}'))) {
			if (ng_buf_addc(out, *p++))
				return NG_ERR_NOMEM;
			continue;
		}
		if ((size_t)(close - p) > 5 && !memcmp(p + 1, "LIST:", 5)) {
			/* A list: X, Y and Z (also X and Y, and an Oxford comma). */
			if (!(re = macro_re(pat, p + 6, (size_t)(close - p - 6)))) {
				*bad = p;
				return NG_ERR_PATTERN;
			}
			/* Each name after the first may have a title of its own
			 * ("A , TTL B and TTL C"); not a modifier, whose
			 * placeholder would join the list. */
			if (ng_buf_printf(out, "%s(?:(?: ,| , and| and| , or| or) (?:the )?(?:TTL )?%s)*", re,
			                  re))
				return NG_ERR_NOMEM;
		} else if ((re = macro_re(pat, p + 1, (size_t)(close - p - 1)))) {
			if (ng_buf_adds(out, re))
				return NG_ERR_NOMEM;
		} else {
			if (ng_buf_addc(out, *p++))
				return NG_ERR_NOMEM;
			continue;
		}
		p = close + 1;
	}
	return NG_OK;
}

/* Splits "a|b|c" into the pattern's trigger strings. */
static ng_status
split_triggers(ng_pattern *p, const char *s)
{
	size_t cap = 0;

	while (*s) {
		const char *bar = strchr(s, '|');
		size_t n = bar ? (size_t)(bar - s) : strlen(s);
		if (n) {
			const char *w = s;
			size_t wn = n, bcap = cap;
			if (NG_GROW(p->triggers, cap, p->n_triggers + 1) ||
			    NG_GROW(p->trigger_bits, bcap, p->n_triggers + 1) ||
			    !(p->triggers[p->n_triggers] = ng_strndup(s, n)))
				return NG_ERR_NOMEM;
			/* The prefilter keys on the first word of the trigger. */
			while (wn && *w == ' ')
				w++, wn--;
			{
				const char *sp = memchr(w, ' ', wn);
				if (sp)
					wn = (size_t)(sp - w);
			}
			p->trigger_bits[p->n_triggers] = ng_trigger_bit(w, wn);
			p->n_triggers++;
		}
		if (!bar)
			break;
		s = bar + 1;
	}
	return NG_OK;
}

static ng_status
pattern_line(void *ctx, const char *file, unsigned long line, char **f, size_t nf)
{
	ng_patterns *pat = ctx;
	const char *property;
	ng_pattern *p;
	ng_buf re = {0};
	const char *bad = NULL;
	int m = -1;
	char *end;
	ng_status st = NG_OK;

	if (nf < 6) {
		ng_sink_error(pat->sink, NG_ERR_SYNTAX, file, line, 0,
		              "expected ID<TAB>PROPERTY<TAB>MODALITY<TAB>CONFIDENCE<TAB>TRIGGERS<TAB>REGEX");
		return NG_ERR_SYNTAX;
	}
	if (!(property = pat->vocab ? ng_vocab_property(pat->vocab, f[1]) : NULL)) {
		ng_sink_error(pat->sink, NG_ERR_SYNTAX, file, line, 0,
		              "unknown property '%s': the ontology%s%s defines no ng:FactProperty of "
		              "that name", f[1], pat->vocab && pat->vocab->file ? " " : "",
		              pat->vocab && pat->vocab->file ? pat->vocab->file : "");
		return NG_ERR_SYNTAX;
	}
	if (strcmp(f[2], "auto") && (m = ng_modality_from_name(f[2])) < 0) {
		ng_sink_error(pat->sink, NG_ERR_SYNTAX, file, line, 0, "unknown modality '%s'", f[2]);
		return NG_ERR_SYNTAX;
	}
	if (NG_GROW(pat->items, pat->cap, pat->n + 1))
		return NG_ERR_NOMEM;
	p = &pat->items[pat->n];
	memset(p, 0, sizeof(*p));
	p->confidence = strtod(f[3], &end);
	/* Written so that NaN fails too; an empty field is no number. */
	if (!*f[3] || *end || !(p->confidence >= 0 && p->confidence <= 1)) {
		ng_sink_error(pat->sink, NG_ERR_SYNTAX, file, line, 0, "confidence must be between 0 and 1");
		return NG_ERR_SYNTAX;
	}
	if ((st = expand_pattern(pat, f[5], &re, &bad))) {
		if (bad)
			ng_sink_error(pat->sink, st, file, line, 0, "unknown placeholder at offset %zu",
			              (size_t)(bad - f[5]));
		goto done;
	}
	if (!(p->re = ng_regex_compile(pat->sink, re.buf, re.len, file, line, PCRE2_UCP))) {
		st = NG_ERR_PATTERN;
		goto done;
	}
	p->sg = pcre2_substring_number_from_name(p->re, (PCRE2_SPTR) "s");
	p->og = pcre2_substring_number_from_name(p->re, (PCRE2_SPTR) "o");
	if (p->sg <= 0 || p->og <= 0) {
		ng_sink_error(pat->sink, NG_ERR_PATTERN, file, line, 0,
		              "pattern needs named groups (?<s>...) and (?<o>...)");
		pcre2_code_free(p->re);
		st = NG_ERR_PATTERN;
		goto done;
	}
	ng_pattern_derive_needs(p, re.buf, re.len);
	p->id = ng_strndup(f[0], strlen(f[0]));
	if ((st = split_triggers(p, f[4])))
		goto done;
	p->property = property;
	p->modality = m;
	p->file = ng_strndup(file, strlen(file));
	p->line = line;
	if (!p->id || !p->file) {
		free(p->id);
		free(p->file);
		pcre2_code_free(p->re);
		st = NG_ERR_NOMEM;
		goto done;
	}
	pat->n++;
done:
	ng_buf_free(&re);
	return st;
}

void
ng_patterns_init(ng_patterns *pat, const ng_vocab *vocab, const ng_lexicon *lex,
                 const ng_sink *sink)
{
	memset(pat, 0, sizeof(*pat));
	pat->vocab = vocab;
	pat->lex = lex;
	pat->sink = sink;
}

ng_status
ng_patterns_load(ng_patterns *pat, const char *path)
{
	ng_status st = lexicon_macros(pat);

	if (st)
		return st;
	return ng_datafile_each_line(pat->sink, path, "cannot read", 8, pattern_line, pat);
}

void
ng_patterns_free(ng_patterns *pat)
{
	size_t i, j;

	for (i = 0; i < pat->n; i++) {
		free(pat->items[i].id);
		free(pat->items[i].file);
		for (j = 0; j < pat->items[i].n_triggers; j++)
			free(pat->items[i].triggers[j]);
		free(pat->items[i].triggers);
		free(pat->items[i].trigger_bits);
		pcre2_code_free(pat->items[i].re);
	}
	free(pat->items);
	free(pat->trigger_rows);
	ng_buf_free(&pat->pre);
	ng_buf_free(&pat->notmod);
	memset(pat, 0, sizeof(*pat));
}

/* For each prefilter bit of relation triggers (ng_trigger_bit), the set of
 * patterns with a trigger on that bit, one bit per pattern. */
ng_status
ng_patterns_prepare(ng_patterns *pat)
{
	size_t words = (pat->n + 63) / 64, p, k;

	free(pat->trigger_rows);
	pat->trigger_rows = NULL;
	pat->trigger_words = pat->trigger_patterns = 0;
	if (!words)
		return NG_OK;
	if (!(pat->trigger_rows = calloc(1024 * words, sizeof(*pat->trigger_rows))))
		return NG_ERR_NOMEM;
	for (p = 0; p < pat->n; p++)
		for (k = 0; k < pat->items[p].n_triggers; k++)
			pat->trigger_rows[(size_t)pat->items[p].trigger_bits[k] * words + p / 64] |=
				(uint64_t)1 << (p % 64);
	pat->trigger_words = words;
	pat->trigger_patterns = pat->n;
	return NG_OK;
}

/* ------------------------------------------------- what a pattern needs */

#include "rxscan.h"

/* A pattern yields a fact only when its groups s and o hold placeholders,
 * and the text a regular expression matches holds every literal of it that
 * is not optional: "PER_" only occurs in a tagged sentence as a PER
 * placeholder, since nothing else in it is in capitals. The analysis below
 * reads the expression's tree (ng_rxscan), which gives up on syntax it does
 * not follow (options, verbs, subroutines, \Q...\E): the pattern then
 * derives nothing, and still runs as written when its needs are not sure. */

#define RX_NEEDS sizeof(((ng_pattern *)0)->need)
#define RX_WORDS (sizeof(((ng_pattern *)0)->words) / sizeof(uint16_t))

typedef struct {
	uint8_t need[RX_NEEDS]; /* the text holds a placeholder of each set */
	uint8_t n_need;
	uint8_t may;      /* the types of placeholders written in it */
	bool pure;        /* group_mentions finds none but those in it */
	/* Words (by ng_trigger_bit) of which the text starts with one, and of
	 * which one starts a word in the text (0: none known); does every
	 * alternative end with a space? */
	uint16_t lead[RX_WORDS], word[RX_WORDS];
	uint8_t n_lead, n_word;
	bool ends_space;
	bool tags;        /* each alternative is three capitals, */
	uint8_t tag_types; /* of these types (0: one is no tag) */
} rx_req;

enum { IT_LIT, IT_DIGIT, IT_BOUND, IT_ZERO, IT_GROUP, IT_OTHER };

typedef struct {
	int kind;
	uint32_t c;       /* IT_LIT: the code point */
	bool quant, opt;  /* has a quantifier; one with a minimum of 0 */
	rx_req r;         /* IT_GROUP */
} rx_item;

typedef struct {
	int depth;
	bool bad;         /* out of memory: derive nothing */
	int n_s, n_o;
	rx_req s, o;
	/* The word sets of the outermost sequences, as in ng_pattern. */
	uint16_t words[RX_WORDS];
	uint8_t n_words[sizeof(((ng_pattern *)0)->n_words)];
	size_t n_seqs;
} rx;

/* Adds a set of words the match needs, if there is room. */
static void
add_word_set(rx *x, const uint16_t *w, uint8_t n)
{
	size_t used = 0, k;

	for (k = 0; k < sizeof(x->n_words) && x->n_words[k]; k++)
		used += x->n_words[k];
	if (k < sizeof(x->n_words) && used + n <= RX_WORDS) {
		memcpy(x->words + used, w, n * sizeof(*w));
		x->n_words[k] = n;
	}
}

static void rx_alt(rx *x, const ng_rxscan_node *alt, rx_req *out);

static void
add_need(uint8_t *need, uint8_t *n, uint8_t m)
{
	uint8_t i;

	/* A need left out only makes the test weaker. */
	if (!m)
		return;
	for (i = 0; i < *n; i++)
		if (need[i] == m)
			return;
	if (*n < RX_NEEDS)
		need[(*n)++] = m;
}

/* Adds the words of b to a, a set of n; too many make it unknown. */
static void
add_words(uint16_t *a, uint8_t *n, const uint16_t *b, uint8_t nb)
{
	uint8_t i, j;

	for (j = 0; j < nb && *n; j++) {
		for (i = 0; i < *n && a[i] != b[j]; i++)
			;
		if (i < *n)
			continue;
		if (*n == RX_WORDS)
			*n = 0;
		else
			a[(*n)++] = b[j];
	}
}

/* Either a or b: each pair of their needs gives one. */
static void
rx_either(rx_req *a, const rx_req *b)
{
	uint8_t need[RX_NEEDS], n = 0, i, j;

	for (i = 0; i < a->n_need; i++)
		for (j = 0; j < b->n_need; j++)
			add_need(need, &n, a->need[i] | b->need[j]);
	memcpy(a->need, need, sizeof(need));
	a->n_need = n;
	a->may |= b->may;
	a->pure = a->pure && b->pure;
	a->tag_types = a->tag_types && b->tag_types ? a->tag_types | b->tag_types : 0;
	a->tags = a->tags && b->tags;
	if (!b->n_lead)
		a->n_lead = 0;
	add_words(a->lead, &a->n_lead, b->lead, b->n_lead);
	if (!b->n_word)
		a->n_word = 0;
	add_words(a->word, &a->n_word, b->word, b->n_word);
	a->ends_space = a->ends_space && b->ends_space;
}

static bool
is_cap(uint32_t c)
{
	return c >= 'A' && c <= 'Z';
}

/* The item of a tree node: a repeat gives its kid's, quantified. */
static void
rx_item_of(rx *x, const ng_rxscan_node *nd, rx_item *it)
{
	memset(it, 0, sizeof(*it));
	if (nd->kind == NG_RXSCAN_REPEAT) {
		it->quant = true;
		it->opt = nd->min == 0;
		nd = &nd->kids[0];
	}
	switch (nd->kind) {
	case NG_RXSCAN_CHAR:
		it->kind = IT_LIT;
		it->c = nd->c;
		break;
	case NG_RXSCAN_TYPE:
		it->kind = nd->c == 'd' ? IT_DIGIT : IT_OTHER;
		break;
	case NG_RXSCAN_ASSERT:
		it->kind = nd->c == 'b' ? IT_BOUND : IT_ZERO;
		break;
	case NG_RXSCAN_GROUP:
		x->depth++;
		rx_alt(x, &nd->kids[0], &it->r);
		x->depth--;
		if (nd->group != NG_RXSCAN_CAPTURE && nd->group != NG_RXSCAN_NONCAPTURE) {
			/* A lookaround holds no text of the match. */
			it->kind = IT_ZERO;
			break;
		}
		it->kind = IT_GROUP;
		if (nd->name_len == 1 && *nd->name == 's') {
			x->n_s++;
			x->s = it->r;
		} else if (nd->name_len == 1 && *nd->name == 'o') {
			x->n_o++;
			x->o = it->r;
		}
		break;
	default:
		it->kind = IT_OTHER;
		break;
	}
}

static bool
is_lit(const rx_item *it, bool cap, unsigned char c)
{
	return it->kind == IT_LIT && !it->quant && (cap ? is_cap(it->c) : it->c == c);
}

/* The bit of the word that literal items from i on start the text with:
 * three letters of it, or all of it and a space (the bit keys on the first
 * three bytes of a word). Not a word of capitals: a placeholder or TTL
 * says nothing the types do not. */
static bool
lit_word(const rx_item *items, size_t i, size_t n, uint16_t *bit)
{
	char w[3];
	size_t k;

	for (k = 0; k < 3 && i + k < n; k++) {
		const rx_item *it = &items[i + k];
		if (it->kind != IT_LIT || it->quant || it->c >= 0x80 || is_cap(it->c))
			break;
		if (it->c == ' ')
			break;
		w[k] = (char)it->c;
	}
	if (!k || (k < 3 && !(i + k < n && is_lit(&items[i + k], false, ' '))))
		return false;
	*bit = ng_trigger_bit(w, k);
	return true;
}

/* Does item i start at the start of a word: after a literal space, or after
 * groups that end with one or match nothing? */
static bool
at_word(const rx_item *items, size_t i)
{
	while (i > 0) {
		const rx_item *pv = &items[i - 1];
		if (is_lit(pv, false, ' '))
			return true;
		if (!(pv->kind == IT_ZERO || pv->kind == IT_BOUND ||
		      (pv->kind == IT_GROUP && pv->r.ends_space)))
			return false;
		i--;
	}
	return false;
}

/* A branch: its items in turn. */
static void
rx_seq(rx *x, const ng_rxscan_node *seq, rx_req *out)
{
	rx_item *items = NULL;
	size_t n = seq->n_kids, i;

	memset(out, 0, sizeof(*out));
	out->pure = true;
	if (!x->depth)
		x->n_seqs++;
	if (n && !(items = malloc(n * sizeof(*items)))) {
		x->bad = true;
		return;
	}
	for (i = 0; i < n; i++)
		rx_item_of(x, &seq->kids[i], &items[i]);
	/* The word it starts with; whether it ends with a space. */
	if (n && lit_word(items, 0, n, &out->lead[0]))
		out->n_lead = 1;
	else if (n && items[0].kind == IT_GROUP && !items[0].opt && items[0].r.n_lead) {
		memcpy(out->lead, items[0].r.lead, sizeof(out->lead));
		out->n_lead = items[0].r.n_lead;
	}
	out->ends_space = n && is_lit(&items[n - 1], false, ' ');
	/* A word it needs: the fewest choices of those that start at a word
	 * start, or of its groups'. */
	for (i = 0; i < n; i++) {
		const rx_item *it = &items[i];
		uint16_t one;
		const uint16_t *w = NULL;
		uint8_t nw = 0;
		if (it->opt)
			continue;
		if (at_word(items, i) && lit_word(items, i, n, &one)) {
			w = &one;
			nw = 1;
		} else if (it->kind == IT_GROUP && it->r.n_lead && at_word(items, i)) {
			w = it->r.lead;
			nw = it->r.n_lead;
		}
		if (nw && (!out->n_word || nw < out->n_word)) {
			memcpy(out->word, w, nw * sizeof(*w));
			out->n_word = nw;
		}
		if (nw && !x->depth)
			add_word_set(x, w, nw);
		if (it->kind == IT_GROUP && it->r.n_word && (!out->n_word || it->r.n_word < out->n_word)) {
			memcpy(out->word, it->r.word, it->r.n_word * sizeof(*w));
			out->n_word = it->r.n_word;
		}
		if (it->kind == IT_GROUP && it->r.n_word && !x->depth)
			add_word_set(x, it->r.word, it->r.n_word);
	}
	/* Three capitals alone: an alternative of a group of tags. */
	if (n == 3 && is_lit(&items[0], true, 0) && is_lit(&items[1], true, 0) &&
	    is_lit(&items[2], true, 0)) {
		unsigned char t[3] = {items[0].c, items[1].c, items[2].c};
		out->tags = true;
		out->tag_types = ng_pattern_tag_bit(t);
	}
	for (i = 0; i < n; i++) {
		const rx_item *it = &items[i];
		uint8_t t;
		size_t j;
		if (i + 3 < n && is_lit(it, true, 0) && is_lit(it + 1, true, 0) &&
		    is_lit(it + 2, true, 0) && is_lit(it + 3, false, '_')) {
			unsigned char tt[3] = {it[0].c, it[1].c, it[2].c};
			t = ng_pattern_tag_bit(tt);
			j = i + 4;
		} else if (i + 1 < n && it->kind == IT_GROUP && !it->quant && it->r.tags &&
		           is_lit(it + 1, false, '_')) {
			t = it->r.tag_types;
			j = i + 2;
		} else {
			/* Not a placeholder. */
			if ((it->kind == IT_LIT && is_cap(it->c)) || it->kind == IT_OTHER)
				out->pure = false;
			if (it->kind == IT_GROUP) {
				size_t k;
				if (!it->opt)
					for (k = 0; k < it->r.n_need; k++)
						add_need(out->need, &out->n_need, it->r.need[k]);
				out->may |= it->r.may;
				out->pure = out->pure && it->r.pure;
			}
			continue;
		}
		/* A placeholder: its type and, when its number follows whole
		 * ("\d+\b", as the macros write it), all group_mentions reads. */
		add_need(out->need, &out->n_need, t);
		if (t && j + 1 < n && items[j].kind == IT_DIGIT && items[j].quant && !items[j].opt &&
		    items[j + 1].kind == IT_BOUND && !items[j + 1].quant) {
			out->may |= t;
			i = j + 1;
		} else {
			out->pure = false;
			i = j - 1;
		}
	}
	free(items);
}

static void
rx_alt(rx *x, const ng_rxscan_node *alt, rx_req *out)
{
	rx_req b;
	size_t i;

	rx_seq(x, &alt->kids[0], out);
	for (i = 1; i < alt->n_kids; i++) {
		rx_seq(x, &alt->kids[i], &b);
		rx_either(out, &b);
	}
}

void
ng_pattern_derive_needs(ng_pattern *p, const char *re, size_t len)
{
	rx x;
	rx_req top;
	uint8_t i;
	ng_rxscan_node *tree = NULL;

	memset(&x, 0, sizeof(x));
	p->n_need = 0;
	p->pair = 0;
	memset(p->n_words, 0, sizeof(p->n_words));
	/* Out of memory, like syntax not followed, only derives nothing. */
	if (ng_rxscan_parse(re, len, &tree) || !tree)
		return;
	rx_alt(&x, tree, &top);
	ng_rxscan_free(tree);
	if (x.bad || x.n_s != 1 || x.n_o != 1)
		return;
	/* The needs of the groups hold even where they are optional, since
	 * there is no fact without them. */
	for (i = 0; i < top.n_need; i++)
		add_need(p->need, &p->n_need, top.need[i]);
	for (i = 0; i < x.s.n_need; i++)
		add_need(p->need, &p->n_need, x.s.need[i]);
	for (i = 0; i < x.o.n_need; i++)
		add_need(p->need, &p->n_need, x.o.need[i]);
	/* Subject and object are two placeholders (one would give the same
	 * entity twice), of types the groups can tell when they are pure. */
	if (x.s.pure && x.o.pure && x.s.may && x.o.may)
		p->pair = x.s.may | x.o.may;
	/* Words the match holds; the prefilter knows the sentence's words. */
	if (x.n_seqs == 1) {
		memcpy(p->words, x.words, sizeof(p->words));
		memcpy(p->n_words, x.n_words, sizeof(p->n_words));
	} else if (top.n_word) {
		memcpy(p->words, top.word, top.n_word * sizeof(*top.word));
		p->n_words[0] = top.n_word;
	}
}
