/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for rxscan.c, the reader of PCRE2 syntax, and for the two
 * analyses built on it: the literal prefilter and what a pattern needs.
 * Exactness is judged against PCRE2 itself: strings made from a tree must
 * match its expression, and no text PCRE2 matches is filtered out. */
#include "check_util.h"
#include "fixture.h"
#include "litfilter.h"
#include "rxscan.h"
#include "text.h"

/* ------------------------------------------------------------ helpers */

static ng_rxscan_node *
parse(const char *re)
{
	ng_rxscan_node *t = NULL;

	ck_assert_int_eq(ng_rxscan_parse(re, strlen(re), &t), NG_OK);
	return t;
}

/* The one branch of a tree or group body. */
static const ng_rxscan_node *
only_seq(const ng_rxscan_node *alt)
{
	ck_assert_int_eq(alt->kind, NG_RXSCAN_ALT);
	ck_assert_uint_eq(alt->n_kids, 1);
	ck_assert_int_eq(alt->kids[0].kind, NG_RXSCAN_SEQ);
	return &alt->kids[0];
}

/* Is the expression read as exactly the characters of text? */
static bool
reads_as_text(const char *re, const char *text)
{
	ng_rxscan_node *t = parse(re);
	const ng_rxscan_node *seq;
	const unsigned char *u = (const unsigned char *)text;
	size_t i, k = 0;
	bool ok = true;

	ck_assert_ptr_nonnull(t);
	seq = only_seq(t);
	for (i = 0; i < seq->n_kids && ok; i++) {
		int32_t cp;
		ok = u[k] && seq->kids[i].kind == NG_RXSCAN_CHAR;
		if (ok) {
			k += ng_utf8_decode(u + k, &cp);
			ok = seq->kids[i].c == (uint32_t)cp;
		}
	}
	ok = ok && !u[k];
	ng_rxscan_free(t);
	return ok;
}

static uint32_t rng = 2463534242u;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 17;
	rng ^= rng << 5;
	return rng % n;
}

static pcre2_code *
compile(const char *re, size_t len, uint32_t opts)
{
	int err;
	PCRE2_SIZE off;

	return pcre2_compile((PCRE2_SPTR)re, len, PCRE2_UTF | opts, &err, &off, NULL);
}

static bool
matches(const pcre2_code *re, const char *s, size_t n, uint32_t opts)
{
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	bool hit = pcre2_match(re, (PCRE2_SPTR)s, n, 0, opts, md, NULL) >= 0;

	pcre2_match_data_free(md);
	return hit;
}

/* Characters to try for a class or a type. */
static const char *const candidates[] = {
	"a", "e", "s", "z", "x", "m", "A", "P", "Z", "0", "7", " ", "-", ".", ",", "_", "'", ":",
	"%", "/", "(", ")", "\xC3\xA9", "$", "\xE2\x82\xAC", "\xE2\x80\xA2", "\t", "\xC5\xBF",
};

/* Appends to out a string that the tree of re (compiled with opts)
 * matches, picking alternatives and counts at random; false if it meets
 * a node it cannot make text for. */
static bool
witness(const char *re, const ng_rxscan_node *n, uint32_t opts, ng_buf *out)
{
	size_t i, k;

	switch (n->kind) {
	case NG_RXSCAN_ALT:
		return witness(re, &n->kids[rnd((uint32_t)n->n_kids)], opts, out);
	case NG_RXSCAN_SEQ:
		for (i = 0; i < n->n_kids; i++)
			if (!witness(re, &n->kids[i], opts, out))
				return false;
		return true;
	case NG_RXSCAN_GROUP:
		/* A lookaround adds nothing; the match decides whether it holds. */
		if (n->group != NG_RXSCAN_CAPTURE && n->group != NG_RXSCAN_NONCAPTURE)
			return true;
		return witness(re, &n->kids[0], opts, out);
	case NG_RXSCAN_REPEAT: {
		uint32_t c = n->min + rnd(3);
		if (c > n->max)
			c = n->max;
		for (k = 0; k < c; k++)
			if (!witness(re, &n->kids[0], opts, out))
				return false;
		return true;
	}
	case NG_RXSCAN_CHAR: {
		char u[4];
		uint32_t c = n->c;
		size_t len = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
		if (len == 1)
			u[0] = (char)c;
		else {
			for (k = len - 1; k > 0; k--, c >>= 6)
				u[k] = (char)(0x80 | (c & 0x3F));
			u[0] = (char)((0xF0 << (4 - len)) | c);
		}
		return !ng_buf_add(out, u, len);
	}
	case NG_RXSCAN_CLASS:
	case NG_RXSCAN_TYPE: {
		/* The node's source is an expression of its own. */
		pcre2_code *one = compile(re + n->start, n->end - n->start, opts);
		size_t nc = sizeof(candidates) / sizeof(candidates[0]), first = rnd((uint32_t)nc);
		bool ok = false;
		ck_assert_ptr_nonnull(one);
		for (k = 0; k < nc && !ok; k++) {
			const char *c = candidates[(first + k) % nc];
			if (matches(one, c, strlen(c), PCRE2_ANCHORED | PCRE2_ENDANCHORED))
				ok = !ng_buf_adds(out, c);
		}
		pcre2_code_free(one);
		return ok;
	}
	case NG_RXSCAN_ASSERT:
		return true;
	}
	return false;
}

/* ------------------------------------------------------------ the tree */

START_TEST(test_tree_of_typical_constructs)
{
	const char *re = "(?<s>PER_\\d+\\b) (?:met|talks with)? [a-z]+(?=x)\\.\xC3\xA9{2,3}?$|^";
	ng_rxscan_node *t = parse(re);
	const ng_rxscan_node *seq, *k, *g;

	ck_assert_ptr_nonnull(t);
	ck_assert_uint_eq(t->n_kids, 2);
	seq = &t->kids[0];
	ck_assert_int_eq(seq->kind, NG_RXSCAN_SEQ);
	ck_assert_uint_eq(seq->n_kids, 9);
	k = seq->kids;
	/* The named group: P E R _ \d+ \b. */
	ck_assert_int_eq(k[0].kind, NG_RXSCAN_GROUP);
	ck_assert_int_eq(k[0].group, NG_RXSCAN_CAPTURE);
	ck_assert_uint_eq(k[0].name_len, 1);
	ck_assert_int_eq(k[0].name[0], 's');
	g = only_seq(&k[0].kids[0]);
	ck_assert_uint_eq(g->n_kids, 6);
	ck_assert_int_eq(g->kids[0].kind, NG_RXSCAN_CHAR);
	ck_assert_uint_eq(g->kids[0].c, 'P');
	ck_assert_uint_eq(g->kids[3].c, '_');
	ck_assert_int_eq(g->kids[4].kind, NG_RXSCAN_REPEAT);
	ck_assert_uint_eq(g->kids[4].min, 1);
	ck_assert_uint_eq(g->kids[4].max, NG_RXSCAN_INF);
	ck_assert_int_eq(g->kids[4].kids[0].kind, NG_RXSCAN_TYPE);
	ck_assert_uint_eq(g->kids[4].kids[0].c, 'd');
	ck_assert_int_eq(g->kids[5].kind, NG_RXSCAN_ASSERT);
	ck_assert_uint_eq(g->kids[5].c, 'b');
	/* A space, then an optional group of two alternatives. */
	ck_assert_uint_eq(k[1].c, ' ');
	ck_assert_int_eq(k[2].kind, NG_RXSCAN_REPEAT);
	ck_assert_uint_eq(k[2].min, 0);
	ck_assert_uint_eq(k[2].max, 1);
	ck_assert_int_eq(k[2].kids[0].group, NG_RXSCAN_NONCAPTURE);
	ck_assert_ptr_null(k[2].kids[0].name);
	ck_assert_uint_eq(k[2].kids[0].kids[0].n_kids, 2);
	ck_assert_uint_eq(k[3].c, ' ');
	/* A class repeated, its source kept. */
	ck_assert_int_eq(k[4].kind, NG_RXSCAN_REPEAT);
	ck_assert_int_eq(k[4].kids[0].kind, NG_RXSCAN_CLASS);
	ck_assert_uint_eq(k[4].kids[0].end - k[4].kids[0].start, 5);
	ck_assert(!memcmp(re + k[4].kids[0].start, "[a-z]", 5));
	ck_assert_int_eq(k[5].group, NG_RXSCAN_AHEAD);
	ck_assert_int_eq(k[6].kind, NG_RXSCAN_CHAR);
	ck_assert_uint_eq(k[6].c, '.');
	/* A code point of two bytes, repeated lazily. */
	ck_assert_int_eq(k[7].kind, NG_RXSCAN_REPEAT);
	ck_assert_uint_eq(k[7].min, 2);
	ck_assert_uint_eq(k[7].max, 3);
	ck_assert_uint_eq(k[7].kids[0].c, 0xE9);
	ck_assert_int_eq(k[8].kind, NG_RXSCAN_ASSERT);
	ck_assert_uint_eq(k[8].c, '$');
	ck_assert_uint_eq(t->kids[1].n_kids, 1);
	ck_assert_uint_eq(t->kids[1].kids[0].c, '^');
	ng_rxscan_free(t);
}
END_TEST

START_TEST(test_escapes_and_kinds_of_group)
{
	static const struct {
		const char *re;
		ng_rxscan_group group;
	} groups[] = {
		{"(a)", NG_RXSCAN_CAPTURE}, {"(?:a)", NG_RXSCAN_NONCAPTURE},
		{"(?=a)", NG_RXSCAN_AHEAD}, {"(?!a)", NG_RXSCAN_NOT_AHEAD},
		{"(?<=a)", NG_RXSCAN_BEHIND}, {"(?<!a)", NG_RXSCAN_NOT_BEHIND},
		{"(?<o>a)", NG_RXSCAN_CAPTURE}, {"(?'o'a)", NG_RXSCAN_CAPTURE},
		{"(?P<o>a)", NG_RXSCAN_CAPTURE},
	};
	size_t i;

	/* Escapes that stand for one character. */
	ck_assert(reads_as_text("\\x41\\x{42}\\o{103}\\N{U+44}\\0105\\.\\{\\\\", "ABCD\x08" "5.{\\"));
	ck_assert(reads_as_text("\\t\\n\\r\\f\\a\\e\\cA\\cz\\c{\\x4g", "\t\n\r\f\a\x1b\x01\x1a;\x04g"));
	ck_assert(reads_as_text("\\\xC3\xA9\xE2\x82\xAC]}", "\xC3\xA9\xE2\x82\xAC]}"));
	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++) {
		ng_rxscan_node *t = parse(groups[i].re);
		const ng_rxscan_node *g = &only_seq(t)->kids[0];
		ck_assert_int_eq(g->kind, NG_RXSCAN_GROUP);
		ck_assert_int_eq(g->group, groups[i].group);
		if (strchr(groups[i].re, 'o'))
			ck_assert(g->name_len == 1 && g->name[0] == 'o');
		ng_rxscan_free(t);
	}
}
END_TEST

/* A '{' starts a quantifier only as {n}, {n,} or {n,m}; anything else is
 * a literal brace, as PCRE2 reads it. */
START_TEST(test_brace_that_starts_no_quantifier_is_literal)
{
	static const char *const literal[] = {
		"a{", "a{}", "a{x}", "a{1,2", "a{1,2,3}", "a{,}", "{", "}", "{x}", "a{1x}", "a{-1}",
	};
	static const struct {
		const char *re;
		uint32_t min, max;
	} repeats[] = {
		{"a{3}", 3, 3}, {"a{2,}", 2, NG_RXSCAN_INF}, {"a{0,5}?", 0, 5}, {"a{02}+", 2, 2},
		{"a{65535}", 65535, 65535}, {"a*", 0, NG_RXSCAN_INF}, {"a+", 1, NG_RXSCAN_INF},
		{"a?", 0, 1},
	};
	/* Literal to PCRE2 before 10.43, a quantifier from it on: the reader
	 * must agree with the PCRE2 it runs with. */
	static const char *const by_version[] = {"a{,3}", "a{ 3}", "a{3 }", "a{1 ,3}"};
	size_t i;

	for (i = 0; i < sizeof(literal) / sizeof(literal[0]); i++) {
		pcre2_code *re = compile(literal[i], PCRE2_ZERO_TERMINATED, 0);
		ck_assert_msg(reads_as_text(literal[i], literal[i]), "%s", literal[i]);
		ck_assert_ptr_nonnull(re);
		ck_assert(matches(re, literal[i], strlen(literal[i]), PCRE2_ANCHORED | PCRE2_ENDANCHORED));
		pcre2_code_free(re);
	}
	for (i = 0; i < sizeof(repeats) / sizeof(repeats[0]); i++) {
		ng_rxscan_node *t = parse(repeats[i].re);
		const ng_rxscan_node *seq = only_seq(t);
		ck_assert_uint_eq(seq->n_kids, 1);
		ck_assert_int_eq(seq->kids[0].kind, NG_RXSCAN_REPEAT);
		ck_assert_uint_eq(seq->kids[0].min, repeats[i].min);
		ck_assert_uint_eq(seq->kids[0].max, repeats[i].max);
		ck_assert_uint_eq(seq->kids[0].kids[0].c, 'a');
		ng_rxscan_free(t);
	}
	for (i = 0; i < sizeof(by_version) / sizeof(by_version[0]); i++) {
		pcre2_code *re = compile(by_version[i], PCRE2_ZERO_TERMINATED, 0);
		bool lit = matches(re, by_version[i], strlen(by_version[i]),
		                   PCRE2_ANCHORED | PCRE2_ENDANCHORED);
		ck_assert_msg(reads_as_text(by_version[i], by_version[i]) == lit, "%s", by_version[i]);
		pcre2_code_free(re);
	}
	/* After an assertion too: \b{wb} is \b and text. */
	{
		pcre2_code *re = compile("\\b{wb}", PCRE2_ZERO_TERMINATED, 0);
		ck_assert(matches(re, "a{wb}", 5, 0));
		pcre2_code_free(re);
	}
	{
		ng_rxscan_node *t = parse("\\b{wb}");
		const ng_rxscan_node *seq = only_seq(t);
		ck_assert_uint_eq(seq->n_kids, 5);
		ck_assert_int_eq(seq->kids[0].kind, NG_RXSCAN_ASSERT);
		ck_assert_uint_eq(seq->kids[1].c, '{');
		ng_rxscan_free(t);
	}
}
END_TEST

/* Random expressions of the syntax the reader follows, odd braces among
 * them: PCRE2 rejects those the reader gives up on, and matches, whole,
 * every string made from the tree of the others. */
START_TEST(test_strings_made_from_trees_match)
{
	static const char *const atoms[] = {
		"a", "b", "A", " ", "\xC3\xA9", ",", "1", "{", "}", "]", "\\x41", "\\x{e9}", "\\.",
		"\\{", "\\t", "\\d", "\\w", "\\s", "\\W", "[a-c]", "[^x]", "[]a]", "[[:digit:]]", "[\\]x]",
		".", "\\pL", "\\N{U+62}",
	};
	static const char *const quants[] = {
		"", "", "", "*", "+", "?", "{2}", "{1,}", "{0,2}", "{1,3}?", "??", "{", "{x", "{,2}",
		"{1,2,3}", "{ 1}", "{}", "{3,1}", "**",
	};
	const size_t na = sizeof(atoms) / sizeof(atoms[0]), nq = sizeof(quants) / sizeof(quants[0]);
	size_t i, made = 0, rejected = 0;
	char bad[256] = "";

	for (i = 0; i < 20000; i++) {
		ng_buf re = {0}, w = {0};
		size_t m = 1 + rnd(6), j, depth = 0, t;
		ng_rxscan_node *tree;
		pcre2_code *code;
		for (j = 0; j < m; j++) {
			/* A quantifier after an item or a group's end. */
			switch (rnd(8)) {
			case 0:
				if (rnd(3))
					ng_buf_adds(&re, rnd(2) ? "(" : "(?:");
				else
					ng_buf_printf(&re, "(?<g%zu>", j);
				depth++;
				continue;
			case 1:
				if (!depth)
					continue;
				ng_buf_adds(&re, ")");
				depth--;
				break;
			case 2:
				ng_buf_adds(&re, "|");
				continue;
			default:
				ng_buf_adds(&re, atoms[rnd((uint32_t)na)]);
				break;
			}
			ng_buf_adds(&re, quants[rnd((uint32_t)nq)]);
		}
		while (depth--)
			ng_buf_adds(&re, ")");
		if (!re.len)
			ng_buf_adds(&re, "a");
		code = compile(re.buf, re.len, 0);
		ck_assert_int_eq(ng_rxscan_parse(re.buf, re.len, &tree), NG_OK);
		if (!code) {
			/* Given up on, or read wrong. */
			if (tree && !bad[0])
				snprintf(bad, sizeof(bad), "PCRE2 rejects %s", re.buf);
			rejected++;
		} else if (!tree) {
			if (!bad[0])
				snprintf(bad, sizeof(bad), "no tree for %s", re.buf);
		} else {
			for (t = 0; t < 4; t++) {
				ng_buf_clear(&w);
				if (!witness(re.buf, tree, 0, &w))
					continue;
				made++;
				if (!matches(code, w.buf ? w.buf : "", w.len,
				             PCRE2_ANCHORED | PCRE2_ENDANCHORED) && !bad[0])
					snprintf(bad, sizeof(bad), "%s does not match '%s'", re.buf, w.buf);
			}
		}
		ng_rxscan_free(tree);
		pcre2_code_free(code);
		ng_buf_free(&re);
		ng_buf_free(&w);
	}
	ck_assert_msg(!bad[0], "%s", bad);
	ck_assert_uint_gt(made, 20000);
	ck_assert_uint_gt(rejected, 1000);
}
END_TEST

/* ------------------------------------------------- the analyses on it */

/* A line from samples/, or a random one. */
typedef struct {
	char **lines;
	size_t n, cap;
} line_set;

static void
read_sample_lines(line_set *ls)
{
	static const char *const files[] = {
		"000_5f5350e0ab9f7d37.txt", "001_ecd63f8d682de304.txt", "002_0b5039140cf57d34.txt",
		"003_345f0bbfd32c3127.txt", "004_1c7cd3133ad331b6.txt",
	};
	size_t i;

	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		char path[512], line[4096];
		FILE *f;
		snprintf(path, sizeof(path), "%s/samples/%s", NG_SRCDIR, files[i]);
		ck_assert_ptr_nonnull(f = fopen(path, "r"));
		while (fgets(line, sizeof(line), f)) {
			line[strcspn(line, "\n")] = '\0';
			ck_assert_int_eq(NG_GROW(ls->lines, ls->cap, ls->n + 1), NG_OK);
			ls->lines[ls->n++] = ng_strndup(line, strlen(line));
		}
		fclose(f);
	}
	ck_assert_uint_gt(ls->n, 100);
}

static void
free_lines(line_set *ls)
{
	size_t i;

	for (i = 0; i < ls->n; i++)
		free(ls->lines[i]);
	free(ls->lines);
}

/* An expression, compiled as its loader does, with its filter. */
typedef struct {
	char *src;
	pcre2_code *re;
	uint32_t opts;
	ng_litfilter filter;
	ng_rxscan_node *tree;
} filtered;

typedef struct {
	filtered *items;
	size_t n, cap;
} filtered_set;

static void
add_filtered(filtered_set *fs, const char *src, uint32_t opts)
{
	filtered *f;

	ck_assert_int_eq(NG_GROW(fs->items, fs->cap, fs->n + 1), NG_OK);
	f = &fs->items[fs->n++];

	memset(f, 0, sizeof(*f));
	f->src = ng_strndup(src, strlen(src));
	f->opts = opts;
	ck_assert_ptr_nonnull(f->re = compile(src, PCRE2_ZERO_TERMINATED, opts));
	ck_assert_int_eq(ng_litfilter_build(&f->filter, src), NG_OK);
	ck_assert_int_eq(ng_rxscan_parse(src, strlen(src), &f->tree), NG_OK);
}

/* Changes a line at random: case, a character left out, another one or a
 * long s or Kelvin sign put in. */
static void
mutate(ng_buf *b)
{
	size_t k, n = 1 + rnd(3);

	for (k = 0; k < n && b->len; k++) {
		size_t at = rnd((uint32_t)b->len);
		unsigned char c = (unsigned char)b->buf[at];
		if (c >= 0x80)
			continue;
		switch (rnd(5)) {
		case 0:
			if (((c | 32) >= 'a' && (c | 32) <= 'z'))
				b->buf[at] = (char)(c ^ 32);
			break;
		case 1:
			memmove(b->buf + at, b->buf + at + 1, b->len - at);
			b->len--;
			break;
		case 2:
			if ((c | 32) == 's' || (c | 32) == 'k') {
				const char *o = (c | 32) == 's' ? "\xC5\xBF" : "\xE2\x84\xAA";
				ng_buf tail = {0};
				ng_buf_add(&tail, b->buf + at + 1, b->len - at - 1);
				b->len = at;
				ng_buf_adds(b, o);
				ng_buf_add(b, tail.buf ? tail.buf : "", tail.len);
				ng_buf_free(&tail);
			}
			break;
		default:
			b->buf[at] = "aeiost -:"[rnd(9)];
			break;
		}
	}
}

/* For the shipped boilerplate rules (each alone, and the unanchored ones
 * joined) and cues: lines of samples/, strings made from the expressions'
 * trees put into them, and both changed at random. Wherever PCRE2 matches,
 * the filter must let the line through; most other lines it turns away. */
START_TEST(test_shipped_filters_never_hide_a_match)
{
	filtered_set fs = {0};
	filtered *e;
	size_t n, i, tried = 0, turned = 0, hits = 0;
	line_set ls = {0};
	char hidden[600] = "";
	FILE *f = fopen(NG_SRCDIR "/ontology/boilerplate.tsv", "r");
	char line[4096];

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f)) {
		char *tab = strchr(line, '\t');
		line[strcspn(line, "\n")] = '\0';
		if (*line != '#' && tab)
			add_filtered(&fs, tab + 1, PCRE2_CASELESS);
	}
	fclose(f);
	add_filtered(&fs, fx_kb->boiler.any_src.buf, PCRE2_CASELESS);
	/* The cues, compiled as lexicon.c does. */
	f = fopen(NG_SRCDIR "/ontology/lexicon.tsv", "r");
	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f)) {
		char *c[4];
		line[strcspn(line, "\n")] = '\0';
		if (!strncmp(line, "cue\t", 4) && ng_split_tabs(line, c, 4) == 3)
			add_filtered(&fs, c[2], PCRE2_CASELESS | PCRE2_UCP);
	}
	fclose(f);
	e = fs.items;
	n = fs.n;
	ck_assert_uint_gt(n, fx_kb->lex.n_cues + 10);
	read_sample_lines(&ls);
	for (i = 0; i < 60000; i++) {
		ng_buf b = {0};
		size_t r;
		/* A sample line, or a stretch of one, with a string made
		 * from a rule put in or not. */
		const char *src = ls.lines[rnd((uint32_t)ls.n)];
		size_t len = strlen(src), from = rnd(4) ? 0 : rnd((uint32_t)len + 1);
		while (from < len && ((unsigned char)src[from] & 0xC0) == 0x80)
			from++;
		if (rnd(4))
			ng_buf_add(&b, src + from, len - from > 120 ? 120 : len - from);
		while (b.len && ((unsigned char)b.buf[b.len - 1] & 0xC0) == 0x80)
			b.len--;
		if (b.len && ((unsigned char)b.buf[b.len - 1] & 0xC0) == 0xC0)
			b.len--;
		if (rnd(3)) {
			filtered *x = &e[rnd((uint32_t)n)];
			ng_buf w = {0};
			if (x->tree && witness(x->src, x->tree, x->opts, &w)) {
				if (rnd(2))
					ng_buf_addc(&b, ' ');
				ng_buf_add(&b, w.buf ? w.buf : "", w.len);
			}
			ng_buf_free(&w);
		}
		if (rnd(2))
			mutate(&b);
		/* Room for the filter's reads past the end. */
		ng_buf_add(&b, "\0\0\0\0", 4);
		b.len -= 4;
		for (r = 0; r < n; r++) {
			bool may = ng_litfilter_may_match(&e[r].filter, b.buf, b.len);
			bool hit = matches(e[r].re, b.buf, b.len, 0);
			if (hit && !may && !hidden[0])
				snprintf(hidden, sizeof(hidden), "%s matches '%s'", e[r].src, b.buf);
			tried += !hit;
			turned += !may;
			hits += hit;
		}
		ng_buf_free(&b);
	}
	ck_assert_msg(!hidden[0], "filtered out, but %s", hidden);
	ck_assert_uint_gt(hits, 20000);
	ck_assert_uint_gt(turned, tried / 2);
	for (i = 0; i < n; i++) {
		free(e[i].src);
		pcre2_code_free(e[i].re);
		ng_litfilter_free(&e[i].filter);
		ng_rxscan_free(e[i].tree);
	}
	free(e);
	free_lines(&ls);
}
END_TEST

/* Does a tagged sentence meet the pattern's needs, as relation.c tests
 * them? types and twice as its placeholders give them, words by
 * ng_trigger_bit of each word. */
static bool
meets_needs(const ng_pattern *p, const char *s, size_t n)
{
	unsigned types = 0, twice = 0, both;
	uint64_t bits[16] = {0};
	size_t i = 0, k, j;
	const uint16_t *w = p->words;

	while (i < n) {
		const char *sp = memchr(s + i, ' ', n - i);
		size_t e = sp ? (size_t)(sp - s) : n;
		uint16_t b = ng_trigger_bit(s + i, e - i);
		uint8_t t = e - i > 4 && s[i + 3] == '_' ? ng_pattern_tag_bit((const unsigned char *)s + i) : 0;
		bits[b >> 6] |= (uint64_t)1 << (b & 63);
		if (t) {
			twice |= types & t;
			types |= t;
		} else {
			for (k = i; k < e; k++)
				if (s[k] >= 'A' && s[k] <= 'Z' && !(e - i == 3 && !memcmp(s + i, "TTL", 3)))
					types = twice = ~0u;
		}
		i = e + 1;
	}
	for (k = 0; k < p->n_need; k++)
		if (!(p->need[k] & types))
			return false;
	both = p->pair & types;
	if (p->pair && !(p->pair & twice) && !(both & (both - 1)))
		return false;
	for (k = 0; k < sizeof(p->n_words) && p->n_words[k]; w += p->n_words[k], k++) {
		for (j = 0; j < p->n_words[k]; j++)
			if ((bits[w[j] >> 6] >> (w[j] & 63)) & 1)
				break;
		if (j == p->n_words[k])
			return false;
	}
	return true;
}

/* Numbers each placeholder of s anew, as a sentence numbers its
 * mentions: no two the same. */
static void
renumber(ng_buf *b)
{
	ng_buf out = {0};
	size_t i = 0, next = 0;

	while (i < b->len) {
		if (i + 4 < b->len && b->buf[i + 3] == '_' && (i == 0 || b->buf[i - 1] == ' ') &&
		    b->buf[i] >= 'A' && b->buf[i] <= 'Z' && b->buf[i + 4] >= '0' && b->buf[i + 4] <= '9') {
			ng_buf_add(&out, b->buf + i, 4);
			ng_buf_printf(&out, "%zu", next++);
			for (i += 4; i < b->len && b->buf[i] >= '0' && b->buf[i] <= '9'; i++)
				;
			continue;
		}
		ng_buf_addc(&out, b->buf[i++]);
	}
	ng_buf_free(b);
	*b = out;
}

/* Expressions as patterns.tsv's expand, placeholders written out. */
static const char *const invented_patterns[] = {
	"(?<s>PER_\\d+\\b) met (?<o>ORG_\\d+\\b)",
	"(?<s>(?:PER|ORG|CTY|PLC)_\\d+\\b) (?:[a-z][^ ]* ){0,4}?(?:visits|visited|is visiting|arrived in) "
	"(?:the )?(?<o>(?:CTY|PLC)_\\d+\\b)",
	"(?<s>PER_\\d+\\b) , (?:visiting|who visited) (?:the )?(?<o>(?:CTY|PLC)_\\d+\\b)",
	"(?<s>CTY_\\d+\\b(?:(?: ,| , and| and) (?:the )?CTY_\\d+\\b)*) (?:joined|join) (?:the )?"
	"(?<o>ORG_\\d+\\b)(?! (?:'s|summit|forces)\\b)",
	"(?:(?:DEM|CTY|ORG)_\\d+\\b (?:'s )?)?(?:(?:new|acting) )?(?:TTL (?:, )?)?(?<s>PER_\\d+\\b) "
	"(?:[^ ]+ ){0,12}?(?:talks|met) with (?<o>PER_\\d+\\b)",
	"(?<o>ORG_\\d+\\b) (?:member|members) (?:[a-z-]+ ){0,3}?(?:include|including) "
	"(?<s>(?:CTY|PLC)_\\d+\\b)",
	"(?<s>PER_\\d+\\b)(?: and ORG_\\d+\\b)? met (?<o>PER_\\d+\\b)",
	"(?<s>[A-Z]{3}_\\d+) met (?<o>ORG_\\d+\\b)",
	"(?<s>PER_\\d+\\b) (?:[a-z]+)?(?:met|talks with) (?<o>PER_\\d+\\b)|(?<o2>ORG_\\d+) x",
	"between (?<s>PER_\\d+\\b) and (?<o>PER_\\d+\\b)|(?<s2>PER_\\d+\\b) met (?<o2>ORG_\\d+\\b)",
	"(?<s>\\x50ER_\\d+) \\w+ (?:TTL )?(?<o>[A-Z]+_\\d+)",
	"(?<s>PER_\\d+\\b) {2}met{ (?<o>PER_\\d+\\b)",
};

/* Mentions named in text[b, e), as relation.c's group_mentions finds
 * them: three capitals and '_' at a word's start. */
static size_t
count_mentions(const char *t, size_t b, size_t e)
{
	size_t n = 0, i;

	for (i = b; i + 4 < e; i++)
		if (t[i] >= 'A' && t[i] <= 'Z' && t[i + 1] >= 'A' && t[i + 1] <= 'Z' && t[i + 2] >= 'A' &&
		    t[i + 2] <= 'Z' && t[i + 3] == '_' && (i == b || t[i - 1] == ' '))
			n++;
	return n;
}

/* Tagged sentences made from each pattern's tree (its placeholders
 * numbered apart) that PCRE2 matches with a placeholder in each of s and
 * o always meet the needs derived from it. */
START_TEST(test_pattern_needs_never_stricter_than_pcre2)
{
	pcre2_match_data *md = pcre2_match_data_create(32, NULL);
	size_t k, t, made = 0, derived = 0;
	char bad[800] = "";

	for (k = 0; k < sizeof(invented_patterns) / sizeof(invented_patterns[0]); k++) {
		const char *src = invented_patterns[k];
		ng_pattern p;
		ng_rxscan_node *tree = parse(src);
		pcre2_code *re = compile(src, PCRE2_ZERO_TERMINATED, PCRE2_UCP);
		int sg, og;
		ck_assert_ptr_nonnull(tree);
		ck_assert_ptr_nonnull(re);
		memset(&p, 0, sizeof(p));
		ng_pattern_derive_needs(&p, src, strlen(src));
		derived += p.n_need > 0;
		sg = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "s");
		og = pcre2_substring_number_from_name(re, (PCRE2_SPTR) "o");
		for (t = 0; t < 3000; t++) {
			ng_buf w = {0};
			PCRE2_SIZE *ov;
			if (!witness(src, tree, PCRE2_UCP, &w))
				continue;
			renumber(&w);
			if (pcre2_match(re, (PCRE2_SPTR)w.buf, w.len, 0, 0, md, NULL) < 0) {
				ng_buf_free(&w);
				continue;
			}
			ov = pcre2_get_ovector_pointer(md);
			if (ov[2 * sg] != PCRE2_UNSET && ov[2 * og] != PCRE2_UNSET &&
			    count_mentions(w.buf, ov[2 * sg], ov[2 * sg + 1]) &&
			    count_mentions(w.buf, ov[2 * og], ov[2 * og + 1])) {
				made++;
				if (!meets_needs(&p, w.buf, w.len) && !bad[0])
					snprintf(bad, sizeof(bad), "%s matches '%s'", src, w.buf);
			}
			ng_buf_free(&w);
		}
		ng_rxscan_free(tree);
		pcre2_code_free(re);
	}
	ck_assert_msg(!bad[0], "needs not met, but %s", bad);
	ck_assert_uint_gt(made, 10000);
	ck_assert_uint_gt(derived, 8);
	pcre2_match_data_free(md);
}
END_TEST

/* The facts of a document, one line each. */
static void
facts_of(const char *text, size_t len, ng_buf *out)
{
	ng_doc *doc = NULL;
	size_t i;

	ng_buf_clear(out);
	ck_assert_int_eq(ng_doc_analyze(fx_kb, text, len, NULL, &doc, NULL), NG_OK);
	for (i = 0; i < ng_doc_fact_count(doc); i++) {
		ng_fact_info fi;
		if (!ng_doc_fact(doc, i, &fi))
			ng_buf_printf(out, "%s %s %s %d %s\n", fi.subject, fi.property, fi.object,
			              (int)fi.modality, fi.rule);
	}
	ng_doc_free(doc);
}

/* On real sentences (samples/ and the cases of pattern-cases.tsv), the
 * shipped patterns yield the same facts with their needs as without. */
START_TEST(test_shipped_pattern_needs_keep_every_fact)
{
	line_set ls = {0};
	ng_pattern *saved = malloc(fx_kb->pat.n * sizeof(*saved));
	ng_buf with = {0}, without = {0}, text = {0};
	FILE *f = fopen(NG_SRCDIR "/tests/pattern-cases.tsv", "r");
	char line[2048];
	size_t i, k, derived = 0, facts = 0;

	ck_assert_ptr_nonnull(saved);
	ck_assert_ptr_nonnull(f);
	read_sample_lines(&ls);
	while (fgets(line, sizeof(line), f)) {
		char *c[8];
		line[strcspn(line, "\n")] = '\0';
		if (*line && *line != '#' && ng_split_tabs(line, c, 8) == 7)
			ng_buf_printf(&text, "%s\n", c[6]);
	}
	fclose(f);
	memcpy(saved, fx_kb->pat.items, fx_kb->pat.n * sizeof(*saved));
	for (k = 0; k < fx_kb->pat.n; k++)
		derived += saved[k].n_need || saved[k].n_words[0];
	ck_assert_uint_eq(derived, fx_kb->pat.n);
	for (i = 0; i <= ls.n; i++) {
		const char *t = i < ls.n ? ls.lines[i] : text.buf;
		if (!*t)
			continue;
		facts_of(t, strlen(t), &with);
		for (k = 0; k < fx_kb->pat.n; k++) {
			ng_pattern *p = &fx_kb->pat.items[k];
			p->n_need = p->pair = 0;
			memset(p->n_words, 0, sizeof(p->n_words));
		}
		facts_of(t, strlen(t), &without);
		memcpy(fx_kb->pat.items, saved, fx_kb->pat.n * sizeof(*saved));
		ck_assert_msg(with.len == without.len &&
		              (!with.len || !memcmp(with.buf, without.buf, with.len)),
		              "the needs lose facts of: %s", t);
		facts += with.len;
	}
	ck_assert_uint_gt(facts, 1000);
	free(saved);
	ng_buf_free(&with);
	ng_buf_free(&without);
	ng_buf_free(&text);
	free_lines(&ls);
}
END_TEST

/* ------------------------------------------------------------ errors */

START_TEST(test_unknown_syntax_gives_up)
{
	static const char *const unknown[] = {
		"(?i)a", "(?i:a)", "(*UTF)a", "a(*SKIP)b", "(a)\\1", "\\g1", "(?<n>a)\\k<n>", "(a)(?1)",
		"(?<n>a)(?&n)", "(?R)", "(?P=n)", "(?P>n)", "\\Qa\\E", "a\\E", "(?(1)a|b)", "(?>a)",
		"(?#c)a", "a\\K", "\\C", "(?|a|b)", "(?C1)a", "a)", "(a", "[a", "*a", "a|+", "a**",
		"a{2}{3}", "a+?+", "\\b+", "^*", "a{3,2}", "a{65536}", "{2}", "(?:{1,2})",
		"\\x{110000}", "\\x{d800}", "\\o5", "\\o{}", "\\x{}", "\\x{4g}", "\\c", "\\c\xC3\xA9",
		"\\", "\\N{x}", "\\p", "\\p{L", "\\8", "\\i", "[[:<:]]a", "[[.a.]]", "[[=a=]]",
		"[\\Qa\\E]", "(?<1a>x)", "(?<>x)", "(?<ab", "a\xFF", "a\xC3",
	};
	size_t i;

	for (i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
		ng_rxscan_node *t = (ng_rxscan_node *)1;
		ck_assert_int_eq(ng_rxscan_parse(unknown[i], strlen(unknown[i]), &t), NG_OK);
		ck_assert_msg(t == NULL, "a tree for %s", unknown[i]);
	}
	/* Nesting deeper than PCRE2 allows. */
	{
		char deep[1200];
		ng_rxscan_node *t = NULL;
		memset(deep, '(', 300);
		memset(deep + 300, ')', 300);
		ck_assert_int_eq(ng_rxscan_parse(deep, 600, &t), NG_OK);
		ck_assert_ptr_null(t);
		ck_assert_ptr_nonnull(t = parse("((((a))))"));
		ng_rxscan_free(t);
	}
}
END_TEST

START_TEST(test_free_null_and_empty)
{
	ng_rxscan_node *t = parse("");

	ng_rxscan_free(NULL);
	ck_assert_ptr_nonnull(t);
	ck_assert_uint_eq(only_seq(t)->n_kids, 0);
	ng_rxscan_free(t);
	t = parse("|");
	ck_assert_uint_eq(t->n_kids, 2);
	ng_rxscan_free(t);
}
END_TEST

/* Syntax given up on gives no filter, and no needs: everything runs. */
START_TEST(test_given_up_derives_nothing)
{
	ng_litfilter f = {0};
	ng_pattern p;
	const char *re = "(?i)(?<s>PER_\\d+\\b) met (?<o>ORG_\\d+\\b)";

	ck_assert_int_eq(ng_litfilter_build(&f, "(?i)all rights reserved"), NG_OK);
	ck_assert_ptr_null(f.pairs);
	ck_assert(ng_litfilter_may_match(&f, "x", 1));
	ck_assert_int_eq(ng_litfilter_build(&f, "all rights reserved"), NG_OK);
	ck_assert_ptr_nonnull(f.pairs);
	ck_assert(!ng_litfilter_may_match(&f, "x", 1));
	ng_litfilter_free(&f);
	memset(&p, 0, sizeof(p));
	ng_pattern_derive_needs(&p, re, strlen(re));
	ck_assert_uint_eq(p.n_need, 0);
	ck_assert_uint_eq(p.pair, 0);
	ck_assert_uint_eq(p.n_words[0], 0);
}
END_TEST

static Suite *
rxscan_suite(void)
{
	Suite *s = suite_create("rxscan");
	TCase *core = tcase_create("core");
	TCase *errors = tcase_create("errors");

	tcase_add_unchecked_fixture(core, fx_setup, fx_teardown);
	tcase_set_timeout(core, 120);
	tcase_add_test(core, test_tree_of_typical_constructs);
	tcase_add_test(core, test_escapes_and_kinds_of_group);
	tcase_add_test(core, test_brace_that_starts_no_quantifier_is_literal);
	tcase_add_test(core, test_strings_made_from_trees_match);
	tcase_add_test(core, test_shipped_filters_never_hide_a_match);
	tcase_add_test(core, test_pattern_needs_never_stricter_than_pcre2);
	tcase_add_test(core, test_shipped_pattern_needs_keep_every_fact);
	tcase_add_test(errors, test_unknown_syntax_gives_up);
	tcase_add_test(errors, test_free_null_and_empty);
	tcase_add_test(errors, test_given_up_derives_nothing);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}

NG_CHECK_MAIN(rxscan_suite)
