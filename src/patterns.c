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
	{"GAP", "(?:[a-z][^ ]* ){0,4}?"},
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
			if (ng_buf_printf(out, "%s(?:(?: ,| , and| and| , or| or) (?:the )?%s)*", re, re))
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
	if (strcmp(f[2], "auto")) {
		for (m = NG_MOD_ASSERTED; m <= NG_MOD_REPORTED; m++)
			if (!strcmp(ng_modality_name((ng_modality)m), f[2]))
				break;
		if (m > NG_MOD_REPORTED) {
			ng_sink_error(pat->sink, NG_ERR_SYNTAX, file, line, 0, "unknown modality '%s'", f[2]);
			return NG_ERR_SYNTAX;
		}
	}
	if (NG_GROW(pat->items, pat->cap, pat->n + 1))
		return NG_ERR_NOMEM;
	p = &pat->items[pat->n];
	memset(p, 0, sizeof(*p));
	p->confidence = strtod(f[3], &end);
	if (*end || p->confidence < 0 || p->confidence > 1) {
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

/* A pattern yields a fact only when its groups s and o hold placeholders,
 * and the text a regular expression matches holds every literal of it that
 * is not optional: "PER_" only occurs in a tagged sentence as a PER
 * placeholder, since nothing else in it is in capitals. The analysis below
 * follows the PCRE2 syntax that the placeholders expand to and gives up,
 * deriving nothing, on anything it does not know (options, verbs,
 * subroutines, \Q...\E), so that any pattern still runs as written when
 * its needs are not sure. */

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
	unsigned char c;  /* IT_LIT: the character (its first byte) */
	bool quant, opt;  /* has a quantifier; one with a minimum of 0 */
	rx_req r;         /* IT_GROUP */
} rx_item;

typedef struct {
	const char *p, *end;
	int depth;
	bool bad;         /* syntax not followed: derive nothing */
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

static void rx_alt(rx *x, rx_req *out);

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
is_cap(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

/* Skips a character class from its '['. */
static void
rx_class(rx *x)
{
	const char *p = x->p + 1;

	if (p < x->end && *p == '^')
		p++;
	if (p < x->end && *p == ']')
		p++;
	while (p < x->end && *p != ']') {
		if (*p == '\\') {
			if (p + 1 < x->end && p[1] == 'Q')
				break;
			p += 2;
		} else if (*p == '[' && p + 1 < x->end && p[1] == ':') {
			const char *q = p + 2;
			while (q + 1 < x->end && !(q[0] == ':' && q[1] == ']'))
				q++;
			if (q + 1 >= x->end)
				break;
			p = q + 2;
		} else {
			p++;
		}
	}
	if (p >= x->end || *p != ']') {
		x->bad = true;
		return;
	}
	x->p = p + 1;
}

/* Skips from an opening character to its closing one. */
static void
rx_skip_to(rx *x, char close)
{
	const char *q = memchr(x->p, close, (size_t)(x->end - x->p));

	if (!q)
		x->bad = true;
	else
		x->p = q + 1;
}

/* An escape from its backslash. */
static void
rx_escape(rx *x, rx_item *it)
{
	unsigned char e;

	if (x->p + 1 >= x->end) {
		x->bad = true;
		return;
	}
	e = (unsigned char)x->p[1];
	x->p += 2;
	it->kind = IT_OTHER;
	switch (e) {
	case 'd': it->kind = IT_DIGIT; return;
	case 'b': it->kind = IT_BOUND; return;
	case 'B': it->kind = IT_ZERO; return;
	case 'Q': case 'E': case 'g': case 'K':
		x->bad = true;
		return;
	case 'x': case 'o': case 'p': case 'P': case 'N':
		if (x->p < x->end && *x->p == '{') {
			rx_skip_to(x, '}');
		} else if (e == 'p' || e == 'P') {
			x->p++;
		} else if (e == 'x') {
			/* Up to two hex digits, which may be capitals. */
			int k;
			for (k = 0; k < 2 && x->p < x->end && ng_is_hex((unsigned char)*x->p); k++)
				x->p++;
		}
		return;
	case 'k':
		if (x->p < x->end && (*x->p == '<' || *x->p == '{' || *x->p == '\''))
			rx_skip_to(x, *x->p == '<' ? '>' : *x->p == '{' ? '}' : '\'');
		return;
	case 'c':
		x->p++;
		return;
	default:
		break;
	}
	if (e >= '0' && e <= '9') {
		while (x->p < x->end && *x->p >= '0' && *x->p <= '9')
			x->p++;
	} else if (!(e >= 0x80 || (e >= 'a' && e <= 'z') || is_cap(e))) {
		/* An escaped sign stands for itself. */
		it->kind = IT_LIT;
		it->c = e;
	}
	while (x->p < x->end && ((unsigned char)*x->p & 0xC0) == 0x80)
		x->p++;
}

/* A group from its '('. */
static void
rx_group(rx *x, rx_item *it)
{
	const char *p = x->p + 1, *name = NULL;
	size_t name_len = 0;
	bool look = false;
	rx_req in;

	if (p < x->end && *p == '*') {
		x->bad = true;
		return;
	}
	if (p < x->end && *p == '?') {
		if (p + 1 < x->end && p[1] == ':') {
			p += 2;
		} else if (p + 1 < x->end && (p[1] == '=' || p[1] == '!')) {
			p += 2;
			look = true;
		} else if (p + 2 < x->end && p[1] == '<' && (p[2] == '=' || p[2] == '!')) {
			p += 3;
			look = true;
		} else if (p + 1 < x->end && p[1] == '<') {
			name = p + 2;
			for (p = name; p < x->end && (*p == '_' || (*p >= '0' && *p <= '9') ||
			                               (*p >= 'a' && *p <= 'z') || is_cap((unsigned char)*p));
			     p++)
				;
			name_len = (size_t)(p - name);
			if (!name_len || p >= x->end || *p != '>') {
				x->bad = true;
				return;
			}
			p++;
		} else {
			/* Options, atomic groups, conditions, recursion: not followed. */
			x->bad = true;
			return;
		}
	}
	if (++x->depth > 64) {
		x->bad = true;
		return;
	}
	x->p = p;
	rx_alt(x, &in);
	x->depth--;
	if (x->bad || x->p >= x->end || *x->p != ')') {
		x->bad = true;
		return;
	}
	x->p++;
	if (look) {
		/* It holds no text of the match. */
		it->kind = IT_ZERO;
		return;
	}
	it->kind = IT_GROUP;
	it->r = in;
	if (name_len == 1 && *name == 's') {
		x->n_s++;
		x->s = in;
	} else if (name_len == 1 && *name == 'o') {
		x->n_o++;
		x->o = in;
	}
}

/* A quantifier, if one follows. */
static void
rx_quantifier(rx *x, rx_item *it)
{
	for (;;) {
		const char *p = x->p;
		bool opt;
		if (p >= x->end)
			return;
		if (*p == '?' || *p == '*') {
			opt = true;
			p++;
		} else if (*p == '+') {
			opt = false;
			p++;
		} else if (*p == '{') {
			const char *q = p + 1;
			unsigned long min = 0;
			bool digits = false;
			while (q < x->end && *q >= '0' && *q <= '9') {
				min = min * 10 + (unsigned long)(*q++ - '0');
				if (min > 100000)
					min = 100000;
				digits = true;
			}
			if (q < x->end && *q == ',')
				for (q++; q < x->end && *q >= '0' && *q <= '9'; q++)
					;
			if (!digits || q >= x->end || *q != '}') {
				/* A literal brace to this PCRE2, a quantifier to a later
				 * one: taking the item as optional is safe either way. */
				it->quant = it->opt = true;
				return;
			}
			opt = min == 0;
			p = q + 1;
		} else {
			return;
		}
		it->quant = true;
		it->opt = it->opt || opt;
		if (p < x->end && (*p == '+' || *p == '?'))
			p++;
		x->p = p;
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

/* A sequence of items up to '|', ')' or the end. */
static void
rx_seq(rx *x, rx_req *out)
{
	rx_item *items = NULL;
	size_t n = 0, cap = 0, i;

	memset(out, 0, sizeof(*out));
	out->pure = true;
	if (!x->depth)
		x->n_seqs++;
	while (!x->bad && x->p < x->end && *x->p != '|' && *x->p != ')') {
		rx_item *it;
		if (NG_GROW(items, cap, n + 1)) {
			x->bad = true;
			break;
		}
		it = &items[n++];
		memset(it, 0, sizeof(*it));
		switch (*x->p) {
		case '(':
			rx_group(x, it);
			break;
		case '[':
			it->kind = IT_OTHER;
			rx_class(x);
			break;
		case '\\':
			rx_escape(x, it);
			break;
		case '.':
			it->kind = IT_OTHER;
			x->p++;
			break;
		case '^':
		case '$':
			it->kind = IT_ZERO;
			x->p++;
			break;
		default:
			it->kind = IT_LIT;
			it->c = (unsigned char)*x->p++;
			while (x->p < x->end && ((unsigned char)*x->p & 0xC0) == 0x80)
				x->p++;
			break;
		}
		if (!x->bad)
			rx_quantifier(x, it);
	}
	if (x->bad) {
		free(items);
		return;
	}
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
rx_alt(rx *x, rx_req *out)
{
	rx_req b;

	rx_seq(x, out);
	while (!x->bad && x->p < x->end && *x->p == '|') {
		x->p++;
		rx_seq(x, &b);
		rx_either(out, &b);
	}
}

void
ng_pattern_derive_needs(ng_pattern *p, const char *re, size_t len)
{
	rx x;
	rx_req top;
	uint8_t i;

	memset(&x, 0, sizeof(x));
	x.p = re;
	x.end = re + len;
	p->n_need = 0;
	p->pair = 0;
	memset(p->n_words, 0, sizeof(p->n_words));
	rx_alt(&x, &top);
	if (x.bad || x.p != x.end || x.n_s != 1 || x.n_o != 1)
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
