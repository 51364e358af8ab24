/* SPDX-License-Identifier: Apache-2.0 */
/* The recognizer: gazetteer matches and rules propose candidate mentions,
 * and an overlap rule picks among them. Coreference (coref.c) adds the
 * references that point back to them.
 *
 * Overlap rule: candidates are taken by priority (higher first), then by
 * length in tokens (longer first), then by position (leftmost first); a
 * candidate that overlaps one already taken is dropped. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ner.h"
#include "names.h"

typedef struct {
	uint32_t tb, te;   /* token range */
	int32_t entry;     /* gazetteer entry or -1 */
	ng_class cls;
	int prio;
	uint16_t flags;    /* NG_MEN_* */
	uint8_t rule;      /* ng_mention_rule */
	uint32_t sent;
	uint32_t nb, ne;   /* for rules: the tokens that give the label */
} cand;

typedef struct {
	cand *v;
	size_t n, cap;
} cands;

static ng_status
cand_add(cands *c, const cand *x)
{
	if (c->n == c->cap && NG_GROW(c->v, c->cap, c->n + 1))
		return NG_ERR_NOMEM;
	c->v[c->n++] = *x;
	return NG_OK;
}

/* Does the surface text of tokens [tb, te) match the alias in its case? */
static bool
case_ok(const ng_doc *doc, const ng_sentence *s, uint32_t tb, uint32_t te,
        const ng_alias *a)
{
	const ng_token *first = ng_tok(doc, tb);

	if (a->flags & NG_ALIAS_EXACT) {
		/* Compare word by word, ignoring hyphens and spacing. */
		const char *p = a->text;
		uint32_t i;
		for (i = tb; i < te; i++) {
			const ng_token *t = ng_tok(doc, i);
			size_t n = t->e - t->b;
			if ((t->flags & NG_TOK_JOIN) || (i > tb && ng_in_initial(doc, i, te + 1)))
				continue;
			while (*p == ' ' || *p == '-')
				p++;
			if (strncmp(p, doc->text.norm + t->b, n))
				return false;
			p += n;
		}
		while (*p == ' ' || *p == '-')
			p++;
		return !*p;
	}
	if (a->accented) {
		/* A '!' alias: the words must carry the same marks. */
		ng_buf f = {0};
		uint32_t i;
		bool same;
		for (i = tb; i < te; i++) {
			const ng_token *t = ng_tok(doc, i);
			if ((t->flags & NG_TOK_JOIN) || (i > tb && ng_in_initial(doc, i, te + 1)))
				continue;
			if ((f.len && ng_buf_addc(&f, ' ')) ||
			    ng_fold(doc->text.norm + t->b, t->e - t->b, false, &f)) {
				ng_buf_free(&f);
				return false;
			}
		}
		same = f.buf && !strcmp(f.buf, a->accented);
		ng_buf_free(&f);
		if (!same)
			return false;
	}
	if (!(first->flags & (NG_TOK_CAP | NG_TOK_NUM | NG_TOK_UPPER)))
		return false;
	if (a->flags & NG_ALIAS_ACRONYM) {
		/* NATO matches NATO and Nato (four letters or more), never nato. */
		if (first->flags & NG_TOK_UPPER || first->flags & NG_TOK_ABBR)
			return true;
		return strlen(a->text) >= 4 || (s->flags & NG_SENT_TITLECASE && false);
	}
	return true;
}

/* Does the context of tokens [b, e) of s support an entry whose names are
 * also words or names of more famous things? A place needs a preposition
 * of place before it ("in Reading", lexicon class placecue) or a country
 * or region after a comma ("Paris, Texas"); any entry is supported by a
 * head word of its class after it ("Reading station" is no cue, but "Apple
 * Inc" is: organization head words). Title-case headlines give no cue. */
static bool
has_cue(const ng_doc *doc, const ng_sentence *s, uint32_t b, uint32_t e, ng_class cls)
{
	const ng_lexicon *lex = &doc->kb->lex;

	if (s->flags & NG_SENT_TITLECASE)
		return false;
	if ((cls == NG_CLASS_PLACE || cls == NG_CLASS_COUNTRY) && b > s->tb &&
	    ng_lexicon_in(&lex->placecue, ng_tok(doc, b - 1)->key))
		return true;
	if (cls == NG_CLASS_PLACE && e + 1 < s->te && ng_tok_eq(doc, e, ",") &&
	    ng_is_cap_word(doc, e + 1) && (ng_tok(doc, e + 1)->flags & NG_TOK_ALIAS))
		return true;
	if (cls == NG_CLASS_ORGANIZATION && e < s->te && ng_tok_in_class(doc, NG_WC_ORGHEAD, e))
		return true;
	return false;
}

static bool
is_region(const ng_entry *e)
{
	return e->kind && !strcmp(e->kind, "region");
}

/* Does a word that people do follow at e ("Kellan met", "Jordan said")?
 * A region, or a place that yields or needs a cue, is then no place: it
 * is someone's name. */
static bool
person_verb_after(const ng_doc *doc, const ng_sentence *s, uint32_t e)
{
	return e < s->te && ng_lexicon_in(&doc->kb->lex.person_after, ng_tok(doc, e)->key);
}

/* May a capitalized word next to a name be part of a longer name? Not a
 * title, a word that never is in a name, or a function word. */
static bool
may_extend_name(const ng_doc *doc, uint32_t k)
{
	const ng_token *t = ng_tok(doc, k);

	return ng_is_cap_word(doc, k) && !(t->flags & NG_TOK_TITLE) &&
	       !ng_tok_in_class(doc, NG_WC_STOPNAME, k) &&
	       !ng_lexicon_is_function(&doc->kb->lex, t->key);
}

/* Does a title and a name end at e ("President Ana Ruiz" before "of
 * Norvania")? Then "of" after it does not join a longer name. */
static bool
titled_name_before(const ng_doc *doc, const ng_sentence *s, uint32_t e)
{
	uint32_t r = e, k, tt;
	const ng_phrase *p;

	while (r > s->tb && ng_is_cap_word(doc, r - 1) && e - r < 6)
		r--;
	/* A title in the run, and a name of two words after it. */
	for (k = r; k + 2 < e; k++)
		if ((tt = ng_title_at(doc, k, e, &p)) > k && tt + 2 <= e)
			return true;
	/* Or the next of a list under one title: "Presidents A of X, B of
	 * Y and C of Z" (from the "of" of the item before). */
	if (e - r < 2 || r < s->tb + 3)
		return false;
	k = r - 1;
	if (ng_tok_eq(doc, k, "and") && k > s->tb && ng_tok_eq(doc, k - 1, ","))
		k--;
	if (!ng_tok_eq(doc, k, ",") && !ng_tok_eq(doc, k, "and"))
		return false;
	for (tt = k; tt > s->tb && k - tt < 5; tt--)
		if (ng_tok_eq(doc, tt - 1, "of"))
			return titled_name_before(doc, s, tt - 1);
	return false;
}

/* Is a one-word name of a place, country or organization only part of a
 * longer capitalized name that no entry holds: "Lima House", "Lagos
 * Italian Bistro", "World Farmers Congress", "Democratic Republic of
 * Congo" matched as "Republic of Congo"? Then it names something else,
 * and the famous entity must not be linked. Prose only: in a title-case
 * headline every word is capitalized. */
static bool
inside_longer_name(const ng_doc *doc, const ng_sentence *s, uint32_t b, uint32_t e,
                   const ng_entry *entry, const ng_alias *a)
{
	(void)a;
	if ((s->flags & NG_SENT_TITLECASE) || entry->cls == NG_CLASS_PERSON)
		return false;
	/* Before it: a capitalized word inside the sentence (not its first),
	 * or one before "of" ("Democratic Republic of Congo"). */
	if (b > s->tb + 1 && may_extend_name(doc, b - 1) &&
	    !(ng_tok(doc, b - 2)->flags & NG_TOK_PUNCT))
		return true;
	if (b > s->tb + 2 && ng_tok_eq(doc, b - 1, "of") && may_extend_name(doc, b - 2) &&
	    !(ng_tok(doc, b - 3)->flags & NG_TOK_PUNCT) && !titled_name_before(doc, s, b - 1))
		return true;
	/* After a one-word name: a capitalized word that goes on. */
	return e - b == 1 && e < s->te && may_extend_name(doc, e);
}

/* Is the demonym [b, e) a language: after a language cue ("into",
 * "speaks") and before no noun (the sentence ends, or punctuation or a
 * function word follows)? "translated into French," names no country;
 * "in French cities" does. */
static bool
names_language(const ng_doc *doc, const ng_sentence *s, uint32_t b, uint32_t e,
               const ng_alias *a)
{
	const ng_token *t;

	if (!(a->flags & NG_ALIAS_ADJ) || b == s->tb ||
	    !ng_lexicon_in(&doc->kb->lex.languagecue, ng_tok(doc, b - 1)->key))
		return false;
	if (e >= s->te)
		return true;
	t = ng_tok(doc, e);
	return (t->flags & NG_TOK_PUNCT) || ng_lexicon_is_function(&doc->kb->lex, t->key);
}

/* Proposes every gazetteer match that starts in the sentence. */
static ng_status
gazetteer_cands(const ng_doc *doc, uint32_t si, cands *out)
{
	const ng_knowledge *kb = doc->kb;
	const ng_sentence *s = &doc->sents[si];
	const ng_token *toks = doc->toks;
	uint32_t i;

	for (i = s->tb; i < s->te; i++) {
		uint32_t node, j = i, key = toks[i].key;
		/* Most words start no alias: the token's flag tells at once. */
		if (!(toks[i].flags & NG_TOK_ALIAS))
			continue;
		node = ng_gazetteer_root(&kb->gaz, key);
		for (;;) {
			const ng_terminal *best = NULL;
			uint32_t term;
			/* Of the entries with this alias, the highest priority wins;
			 * among equals, the first loaded. */
			for (term = kb->gaz.node_term[node]; term; term = kb->gaz.terms[term - 1].next) {
				const ng_terminal *tm = &kb->gaz.terms[term - 1];
				const ng_alias *a = &kb->gaz.aliases[tm->alias];
				const ng_entry *e = &kb->gaz.entries[tm->entry];
				if (e->dead || !case_ok(doc, s, i, j + 1, a) ||
				    (e->needcue && !has_cue(doc, s, i, j + 1, e->cls)) ||
				    (e->cls == NG_CLASS_PLACE && (e->priority < 0 || e->needcue || is_region(e)) &&
				     person_verb_after(doc, s, j + 1)))
					continue;
				if (!best || e->priority > kb->gaz.entries[best->entry].priority)
					best = tm;
			}
			if (best && (inside_longer_name(doc, s, i, j + 1, &kb->gaz.entries[best->entry],
			                                &kb->gaz.aliases[best->alias]) ||
			             names_language(doc, s, i, j + 1, &kb->gaz.aliases[best->alias])))
				best = NULL;
			if (best) {
				const ng_entry *e = &kb->gaz.entries[best->entry];
				cand c;
				memset(&c, 0, sizeof(c));
				c.tb = i;
				c.te = j + 1;
				c.entry = (int32_t)best->entry;
				c.cls = e->cls;
				c.prio = e->priority;
				c.flags = (kb->gaz.aliases[best->alias].flags & NG_ALIAS_ADJ) ? NG_MEN_ADJ : 0;
				c.sent = si;
				if (cand_add(out, &c))
					return NG_ERR_NOMEM;
			}
			/* The next word, over joining hyphens and a middle initial
			 * ("Antony J. Blinken" is Antony Blinken). */
			do
				j++;
			while (j < s->te && (toks[j].flags & NG_TOK_JOIN));
			if (j < s->te && ng_initial_at(doc, j, s->te))
				j += 2;
			if (j >= s->te || !(key = toks[j].key) || (key & NG_LOCAL_KEY) ||
			    !ng_u64map_get(&kb->gaz.edges, ((uint64_t)node << 32) | key, &node))
				break;
		}
	}
	return NG_OK;
}

static bool
is_name_tok(const ng_doc *doc, uint32_t i)
{
	const ng_token *t = ng_tok(doc, i);

	return (t->flags & NG_TOK_WORD) && (t->flags & NG_TOK_CAP) && !(t->flags & NG_TOK_UPPER) &&
	       !(t->flags & NG_TOK_ABBR) && !ng_tok_in_class(doc, NG_WC_STOPNAME, i);
}

/* Past a generational suffix at j (", Jr.", "Sr.", "II" to "IV"), or j. */
static uint32_t
name_suffix(const ng_doc *doc, uint32_t j, uint32_t te)
{
	uint32_t k = j;

	if (k + 1 < te && ng_tok_eq(doc, k, ","))
		k++;
	if (k < te && (ng_tok_eq(doc, k, "Jr.") || ng_tok_eq(doc, k, "Sr.")))
		return k + 1;
	if (k < te && (ng_tok_eq(doc, k, "Jr") || ng_tok_eq(doc, k, "Sr")))
		return k + 1 < te && ng_tok_eq(doc, k + 1, ".") ? k + 2 : k + 1;
	if (k == j && k < te && (ng_tok_eq(doc, k, "II") || ng_tok_eq(doc, k, "III") || ng_tok_eq(doc, k, "IV")))
		return k + 1;
	return j;
}

/* A lower-case part after a hyphen in a name: a short word of letters
 * only that is no function word ("ho" of "Min-ho", not "based" of
 * "Tokyo-based"). */
static bool
is_name_part(const ng_doc *doc, uint32_t i)
{
	const ng_token *t = ng_tok(doc, i);

	return (t->flags & NG_TOK_WORD) && (t->flags & NG_TOK_LOWER) && !(t->flags & NG_TOK_NUM) &&
	       t->e - t->b <= 4 && !ng_lexicon_is_function(&doc->kb->lex, t->key) &&
	       !ng_tok_in_class(doc, NG_WC_STOPNAME, i);
}

/* A personal name of up to four words from i: capitalized words, joined by
 * hyphens. Returns the end, or i if there is none. */
static uint32_t
scan_name(const ng_doc *doc, uint32_t i, uint32_t te)
{
	uint32_t j = i, words = 0;

	const ng_lexicon *lex = &doc->kb->lex;

	while (j < te && words < 4) {
		/* A middle initial between the words of a name, and particles:
		 * "Jane Q. Public", "Zayed bin Sultan", "Ludwig van Beethoven",
		 * "Abdel Fattah al-Sisi". */
		if (words && ng_initial_at(doc, j, te) && is_name_tok(doc, j + 2))
			j += 2;
		if (words && j + 1 < te && (ng_tok(doc, j)->flags & NG_TOK_LOWER) &&
		    ng_lexicon_in(&lex->particle, ng_tok(doc, j)->key)) {
			uint32_t k = j + 1;
			if ((ng_tok(doc, k)->flags & NG_TOK_JOIN) && k + 1 < te)
				k++;
			if (!is_name_tok(doc, k))
				break;
			j = k;
		}
		if (!is_name_tok(doc, j))
			break;
		j++;
		words++;
		/* Hyphenated parts, capitalized or not: "Lund-Aalto",
		 * "Seo Min-ho", "Park Min-jun". */
		while (j + 1 < te && (ng_tok(doc, j)->flags & NG_TOK_JOIN) &&
		       (is_name_tok(doc, j + 1) || is_name_part(doc, j + 1)))
			j += 2;
	}
	/* A generational suffix ends it: "Tom E. Berg Jr.",
	 * "Carl J. Olsen III". */
	if (words >= 2)
		j = name_suffix(doc, j, te);
	return j;
}

/* Is there a gazetteer person starting at token i? Only the candidates of
 * the current sentence, from index from on, need a look. */
static bool
gaz_person_at(const cands *c, size_t from, uint32_t i)
{
	size_t k;

	for (k = from; k < c->n; k++)
		if (c->v[k].tb == i && c->v[k].cls == NG_CLASS_PERSON && c->v[k].entry >= 0)
			return true;
	return false;
}

static bool
is_title_start(const ng_doc *doc, uint32_t i, uint32_t te)
{
	const ng_phrase *p;
	return ng_title_at(doc, i, te, &p) > 0;
}

/* Does a title start at i, or after a word that dates it ("Acting
 * Director", "former President")? */
static bool
title_ahead(const ng_doc *doc, uint32_t i, uint32_t te)
{
	return is_title_start(doc, i, te) ||
	       ((ng_tok_in_class(doc, NG_WC_TITLE_NOW, i) || ng_tok_in_class(doc, NG_WC_TITLE_PAST, i)) &&
	        i + 1 < te && is_title_start(doc, i + 1, te));
}

/* Does a personal name start at i: a given name of the lexicon and another
 * name word after it? */
static bool
given_name_ahead(const ng_doc *doc, uint32_t i, uint32_t te)
{
	return i + 1 < te && is_name_tok(doc, i) &&
	       ng_lexicon_in(&doc->kb->lex.given, ng_tok(doc, i)->key) && scan_name(doc, i, te) >= i + 2;
}

/* People no list holds: a given name of the lexicon and one to three more
 * capitalized words (with middle initials and particles), typed a person
 * only on a cue: a word after the name that people do ("said", "met",
 * ", who"), or a word before it ("by", "named", "replacing"). In title-case
 * headlines, where every word is capitalized, only a byline counts. */
static ng_status given_cands(const ng_doc *doc, uint32_t si, cands *out, size_t from);

/* Adds a candidate found by rule, its label the tokens [b, e). */
static ng_status
rule_cand(cands *out, ng_mention_rule rule, ng_class cls, uint32_t b, uint32_t e, uint32_t si)
{
	cand c;

	memset(&c, 0, sizeof(c));
	c.tb = c.nb = b;
	c.te = c.ne = e;
	c.entry = -1;
	c.cls = cls;
	c.flags = NG_MEN_RULE;
	c.rule = (uint8_t)rule;
	c.sent = si;
	return cand_add(out, &c);
}

/* Does a word of [b, e) head organization names (Force, Ministry)? */
static bool
has_org_head(const ng_doc *doc, uint32_t b, uint32_t e)
{
	for (; b < e; b++)
		if (ng_tok_in_class(doc, NG_WC_ORGHEAD, b))
			return true;
	return false;
}

/* The end of a gazetteer country or place candidate starting at token i,
 * or i. */
static uint32_t
gaz_country_at(const cands *c, size_t from, uint32_t i)
{
	size_t k;

	for (k = from; k < c->n; k++)
		if (c->v[k].tb == i && c->v[k].entry >= 0 && !(c->v[k].flags & NG_MEN_ADJ) &&
		    (c->v[k].cls == NG_CLASS_COUNTRY || c->v[k].cls == NG_CLASS_PLACE))
			return c->v[k].te;
	return i;
}

/* j + 1 when the word at j is by itself a name of a country ("of Norvania
 * Tavo Kellander", where the name that follows keeps Norvania from being a
 * mention), else j. */
static uint32_t
country_word(const ng_doc *doc, uint32_t j)
{
	const ng_gazetteer *g = &doc->kb->gaz;
	uint32_t node = ng_gazetteer_root(g, ng_tok(doc, j)->key), term;

	if (!node || !ng_is_cap_word(doc, j))
		return j;
	for (term = g->node_term[node]; term; term = g->terms[term - 1].next) {
		const ng_entry *e = &g->entries[g->terms[term - 1].entry];
		if (!e->dead && e->cls == NG_CLASS_COUNTRY &&
		    !(g->aliases[g->terms[term - 1].alias].flags & NG_ALIAS_ADJ))
			return j + 1;
	}
	return j;
}

/* Past an office's portfolio after its title: "of|for PORTFOLIO"
 * where the portfolio is words of the lexicon's portfolio class and
 * countries, joined by "and" or "of" ("Minister of Commerce of Norvania",
 * "Minister for Industry and Science"). Returns where the name may start,
 * or te when no portfolio follows. */
static uint32_t
skip_portfolio(const ng_doc *doc, const ng_sentence *s, const cands *out, size_t from, uint32_t te)
{
	const ng_lexicon *lex = &doc->kb->lex;
	uint32_t j = te, last = te, x;

	if (j + 1 >= s->te || !(ng_tok_word(doc, j, "of") || ng_tok_word(doc, j, "for")))
		return te;
	j++;
	for (;;) {
		if (j >= s->te)
			break;
		if (ng_is_cap_word(doc, j) && ng_lexicon_in(&lex->portfolio, ng_tok(doc, j)->key)) {
			last = ++j;
			continue;
		}
		if ((x = gaz_country_at(out, from, j)) > j || (x = country_word(doc, j)) > j) {
			last = j = x;
			continue;
		}
		/* Joined by "and", "of", "&" or a comma ("Economy, Trade, and
		 * Industry"). */
		if (last == j && last > te && j + 1 < s->te &&
		    (ng_tok_word(doc, j, "and") || ng_tok_word(doc, j, "of") || ng_tok_eq(doc, j, "&") ||
		     ng_tok_eq(doc, j, ","))) {
			j++;
			if (ng_tok_eq(doc, j - 1, ",") && j + 1 < s->te && ng_tok_word(doc, j, "and"))
				j++;
			continue;
		}
		break;
	}
	return last;
}

/* Persons named after a title ("Defence Minister Gen Nakatani") or before
 * an appositive title ("Eva Lund-Aalto, associate professor"). */
static ng_status
person_cands(const ng_doc *doc, uint32_t si, cands *out, size_t from)
{
	const ng_sentence *s = &doc->sents[si];
	uint32_t i;

	/* Headlines in title case capitalize every word, so a name cannot be
	 * told from the words after it: only known names count there. Both
	 * rules need a title. */
	if ((s->flags & NG_SENT_TITLECASE) || !(s->tok_flags & NG_TOK_TITLE))
		return NG_OK;
	for (i = s->tb; i < s->te; i++) {
		const ng_phrase *p = NULL;
		uint32_t te = ng_title_at(doc, i, s->te, &p), ne, more, k;
		if (!te)
			continue;
		/* Titles in a row are one: "Chief Spokesperson X"; a portfolio
		 * after the title is part of it. */
		while (te < s->te && (more = ng_title_at(doc, te, s->te, &p)) > te)
			te = more;
		te = skip_portfolio(doc, s, out, from, te);
		if (te < s->te && ng_tok_eq(doc, te, ","))
			te++;
		if (gaz_person_at(out, from, te))
			continue;
		ne = scan_name(doc, te, s->te);
		/* A title inside what looks like the name is the title's end:
		 * "Chief Ministry Spokesperson Ana Ruiz". */
		for (k = te + 1; k < ne; k++)
			if (title_ahead(doc, k, s->te)) {
				while (k < s->te && !is_title_start(doc, k, s->te))
					k++;
				while (k < s->te && (more = ng_title_at(doc, k, s->te, &p)) > k)
					k = more;
				te = k;
				ne = scan_name(doc, te, s->te);
				break;
			}
		/* Two words at least: a single one is resolved as a surname;
		 * no organization's head word ("Spokesperson Air Force Brig."). */
		if (ne - te >= 2 && !(ne < s->te && ng_is_cap_word(doc, ne) && is_title_start(doc, ne, s->te)) &&
		    !has_org_head(doc, te, ne) &&
		    rule_cand(out, NG_MRULE_AFTER_TITLE, NG_CLASS_PERSON, te, ne, si))
			return NG_ERR_NOMEM;
		i = te - 1;
	}
	/* Apposition: NAME , [a|an|the] [adjective...] TITLE, but not a
	 * possessive title starting the next clause ("NAME, the president's
	 * car"). */
	for (i = s->tb + 1; i + 1 < s->te; i++) {
		uint32_t j, start, k, tt;
		const ng_phrase *p = NULL;
		if (!ng_tok_eq(doc, i, ",") || !(tt = ng_appositive_title(doc, s, i, &j, &p)) ||
		    (tt < s->te && (ng_tok(doc, tt)->flags & NG_TOK_POSS)) ||
		    /* "A, Foreign Minister B and C": a list, the title is B's. */
		    (tt < s->te && is_name_tok(doc, tt)))
			continue;
		/* Walk back over the name before the comma. */
		start = i;
		while (start > s->tb && (is_name_tok(doc, start - 1) ||
		                         ((ng_tok(doc, start - 1)->flags & NG_TOK_JOIN) && start - 1 > s->tb &&
		                          is_name_tok(doc, start - 2))))
			start--;
		/* "Chancellor Karl Weiss, who ...", "Secretary of State Ana
		 * Ruiz, ...": a title before or over the name's first words is
		 * not the name. */
		for (k = start >= s->tb + 4 ? start - 4 : s->tb; k < i; k++) {
			tt = ng_title_at(doc, k, i, &p);
			if (tt > start && tt < i)
				start = tt;
		}
		if (i - start < 2 || i - start > 6 || gaz_person_at(out, from, start))
			continue;
		if (ng_tok(doc, start)->flags & NG_TOK_JOIN)
			start++;
		if (rule_cand(out, NG_MRULE_APPOSITION, NG_CLASS_PERSON, start, i, si))
			return NG_ERR_NOMEM;
	}
	return NG_OK;
}

static ng_status
given_cands(const ng_doc *doc, uint32_t si, cands *out, size_t from)
{
	const ng_sentence *s = &doc->sents[si];
	const ng_lexicon *lex = &doc->kb->lex;
	uint32_t i, e;

	if (!lex->given.count)
		return NG_OK;
	for (i = s->tb; i + 1 < s->te; i++) {
		bool cue;
		/* In a title-case line only a byline counts: "By Paula Wolfson". */
		if ((s->flags & NG_SENT_TITLECASE) &&
		    !(i == s->tb + 1 && ng_lexicon_in(&lex->person_before, ng_tok(doc, s->tb)->key)))
			continue;
		/* A run of capitalized words is a name from its first given name
		 * on ("Trade Representative Katherine Tai"). */
		if (!is_name_tok(doc, i) || !ng_lexicon_in(&lex->given, ng_tok(doc, i)->key) ||
		    (i > s->tb && ((ng_tok(doc, i - 1)->flags & NG_TOK_JOIN) ||
		                   (is_name_tok(doc, i - 1) &&
		                    ng_lexicon_in(&lex->given, ng_tok(doc, i - 1)->key)))))
			continue;
		e = scan_name(doc, i, s->te);
		if (e - i < 2 || gaz_person_at(out, from, i))
			continue;
		/* A capitalized word right after the name: the name may go on. */
		if (e < s->te && ng_is_cap_word(doc, e) && !(ng_tok(doc, e)->flags & NG_TOK_TITLE))
			continue;
		cue = (!(s->flags & NG_SENT_TITLECASE) && e < s->te &&
		       ng_lexicon_in(&lex->person_after, ng_tok(doc, e)->key)) ||
		      (e + 1 < s->te && ng_tok_eq(doc, e, ",") &&
		       ng_lexicon_in(&lex->person_after, ng_tok(doc, e + 1)->key)) ||
		      (i > s->tb && ng_lexicon_in(&lex->person_before, ng_tok(doc, i - 1)->key));
		if (!cue)
			continue;
		if (rule_cand(out, NG_MRULE_GIVEN_NAME, NG_CLASS_PERSON, i, e, si))
			return NG_ERR_NOMEM;
		i = e - 1;
	}
	return NG_OK;
}

/* Organizations named by a head word: "Tokyo International University",
 * "Ministry of Defence", "Institute for International Strategy". */
static ng_status
org_cands(const ng_doc *doc, uint32_t si, cands *out)
{
	const ng_sentence *s = &doc->sents[si];
	uint32_t i;

	/* A title-case headline capitalizes every word: "Allies Boost Naval
	 * Command" names no organization. */
	if (!(s->wclasses & NG_WC_ORGHEAD) || (s->flags & NG_SENT_TITLECASE))
		return NG_OK;
	for (i = s->tb; i < s->te; i++) {
		uint32_t b, e;
		const ng_phrase *title;
		if (!ng_is_cap_word(doc, i) || !ng_tok_in_class(doc, NG_WC_ORGHEAD, i))
			continue;
		/* Left: capitalized words (and joined hyphens), up to a title
		 * ("Ministry Spokesperson Air Force ..."). */
		b = i;
		while (b > s->tb && (ng_is_cap_word(doc, b - 1) || (ng_tok(doc, b - 1)->flags & NG_TOK_JOIN)) &&
		       !ng_tok_in_class(doc, NG_WC_STOPNAME, b - 1) &&
		       !(ng_title_at(doc, b - 1, i, &title) > b - 1))
			b--;
		while (b < i && (ng_tok(doc, b)->flags & NG_TOK_JOIN))
			b++;
		/* Right: "of|for Capitalized Words". */
		e = i + 1;
		/* Time words never join a name: "... Organization on Friday". */
		/* Nor does a title after "and": "the Commission and Foreign
		 * Minister Ana Ruiz". */
		while (e + 1 < s->te && ng_is_connector(doc, e) && ng_is_cap_word(doc, e + 1) &&
		       !ng_tok_in_class(doc, NG_WC_STOPNAME, e + 1) && !title_ahead(doc, e + 1, s->te)) {
			e += 2;
			/* A title or a person's name after it ends it: "the Office
			 * of Policy Acting Director ...", "... Policy Ana Ruiz". */
			while (e < s->te && ng_is_cap_word(doc, e) && !ng_tok_in_class(doc, NG_WC_STOPNAME, e) &&
			       !title_ahead(doc, e, s->te) && !given_name_ahead(doc, e, s->te))
				e++;
		}
		/* A capitalized word right after it that is no title: the name
		 * goes on beyond what the rule can tell ("Air Force One"). */
		if (e - b < 2 || (e < s->te && ng_is_cap_word(doc, e) && !title_ahead(doc, e, s->te) &&
		                  !given_name_ahead(doc, e, s->te)))
			continue;
		if (rule_cand(out, NG_MRULE_ORG_HEAD, NG_CLASS_ORGANIZATION, b, e, si))
			return NG_ERR_NOMEM;
		i = e - 1;
	}
	return NG_OK;
}

static inline int
cand_cmp(const cand *a, const cand *b)
{
	uint32_t la = a->te - a->tb, lb = b->te - b->tb;

	if (a->prio != b->prio)
		return a->prio > b->prio ? -1 : 1;
	if (la != lb)
		return la > lb ? -1 : 1;
	if (a->tb != b->tb)
		return a->tb < b->tb ? -1 : 1;
	/* Same span: gazetteer before rules, then class order. */
	if ((a->entry < 0) != (b->entry < 0))
		return a->entry < 0 ? 1 : -1;
	if (a->cls != b->cls)
		return a->cls < b->cls ? -1 : 1;
	return a->entry < b->entry ? -1 : a->entry > b->entry;
}

/* A candidate's place in the overlap order as integers: priority and
 * length (both descending) in k, then the first token; cand_cmp breaks
 * the remaining ties. Sorting these is cheaper than moving candidates. */
typedef struct {
	uint64_t k;
	uint32_t tb;
	uint32_t i;      /* index in the candidates */
} cand_key;

/* Keys sorted by insertion in runs of this many before the merges. */
#define SORT_RUN 16

static inline int
cand_key_cmp(const cand *v, const cand_key *a, const cand_key *b)
{
	if (a->k != b->k)
		return a->k < b->k ? -1 : 1;
	if (a->tb != b->tb)
		return a->tb < b->tb ? -1 : 1;
	return cand_cmp(&v[a->i], &v[b->i]);
}

/* Stable merge sorts (the order of equal elements is kept, as the C
 * library's qsort kept it), bottom up; runs already in order are not
 * merged, so the nearly sorted arrays cost a pass each. sort_cands gives
 * the order as keys in *order (to free), the candidates staying where they
 * are. */
static ng_status
sort_cands(const cands *c, cand_key **order)
{
	const cand *v = c->v;
	cand_key *a, *b, *t;
	size_t n = c->n, w, lo;

	*order = NULL;
	if (!(a = malloc((n < 2 ? 1 : 2 * n) * sizeof(*a))))
		return NG_ERR_NOMEM;
	*order = a;
	if (n < 2) {
		a[0].i = 0;
		return NG_OK;
	}
	b = a + n;
	for (lo = 0; lo < n; lo++) {
		uint32_t prio = (uint32_t)v[lo].prio ^ 0x80000000u, len = v[lo].te - v[lo].tb;
		a[lo].k = ((uint64_t)~prio << 32) | (uint32_t)~len;
		a[lo].tb = v[lo].tb;
		a[lo].i = (uint32_t)lo;
	}
	for (lo = 1; lo < n && cand_key_cmp(v, &a[lo - 1], &a[lo]) <= 0; lo++)
		;
	if (lo >= n)
		return NG_OK;
	/* Runs of SORT_RUN by insertion (stable too) spare the merges of the
	 * shortest runs, a pass over all the keys each. */
	for (lo = 0; lo < n; lo += SORT_RUN) {
		size_t hi = lo + SORT_RUN < n ? lo + SORT_RUN : n, i, j;
		for (i = lo + 1; i < hi; i++) {
			cand_key x = a[i];
			for (j = i; j > lo && cand_key_cmp(v, &x, &a[j - 1]) < 0; j--)
				a[j] = a[j - 1];
			a[j] = x;
		}
	}
	for (w = SORT_RUN; w < n; w *= 2) {
		for (lo = 0; lo < n; lo += 2 * w) {
			size_t mid = lo + w < n ? lo + w : n, hi = lo + 2 * w < n ? lo + 2 * w : n;
			size_t i = lo, j = mid, k = lo;
			if (mid == hi || cand_key_cmp(v, &a[mid - 1], &a[mid]) <= 0) {
				memcpy(b + lo, a + lo, (hi - lo) * sizeof(*a));
				continue;
			}
			while (i < mid && j < hi)
				b[k++] = cand_key_cmp(v, &a[j], &a[i]) < 0 ? a[j++] : a[i++];
			memcpy(b + k, a + i, (mid - i) * sizeof(*a));
			k += mid - i;
			memcpy(b + k, a + j, (hi - j) * sizeof(*a));
		}
		t = a;
		a = b;
		b = t;
	}
	/* The sorted keys end in either half of the allocation. */
	if (a != *order)
		memcpy(*order, a, n * sizeof(*a));
	return NG_OK;
}

/* Surface text of a token range as written (normalized). */
static void
span_text(const ng_doc *doc, uint32_t tb, uint32_t te, const char **s, size_t *n)
{
	*s = doc->text.norm + ng_tok(doc, tb)->b;
	*n = ng_tok(doc, te - 1)->e - ng_tok(doc, tb)->b;
}

/* Surface forms already given to ng_doc_add_alt, and labels already given
 * to ng_doc_entity_for_name: both calls give the same result again for the
 * same text, so a repeated mention skips them. */
typedef struct {
	uint32_t off, len;  /* span of the original (alts) or normalized text */
	uint32_t val;       /* entity */
	uint32_t cls;       /* class of a name */
	uint32_t next;      /* next record of the same entity + 1 (alts) */
} seen_span;

typedef struct {
	seen_span *v;
	size_t n, cap;
	uint32_t *head;     /* entity -> first record + 1 (alts) */
	size_t cap_head;
	ng_u64map by_hash;  /* hash of class and text -> first record + 1 (names) */
} seen_spans;

static ng_status
seen_add(seen_spans *m, uint32_t off, uint32_t len, uint32_t val, uint32_t cls)
{
	if (m->n == m->cap && NG_GROW(m->v, m->cap, m->n + 1))
		return NG_ERR_NOMEM;
	m->v[m->n].off = off;
	m->v[m->n].len = len;
	m->v[m->n].val = val;
	m->v[m->n].cls = cls;
	m->v[m->n].next = 0;
	m->n++;
	return NG_OK;
}

/* Adds the original text of tokens [tb, te) as a surface form of ent,
 * unless it was added before. */
static ng_status
add_alt_once(ng_doc *doc, seen_spans *m, uint32_t ent, uint32_t tb, uint32_t te)
{
	uint32_t ob = (uint32_t)ng_text_orig(&doc->text, ng_tok(doc, tb)->b);
	uint32_t len = (uint32_t)ng_text_orig(&doc->text, ng_tok(doc, te - 1)->e) - ob;
	const char *str = doc->text.orig + ob;
	uint32_t r;
	ng_status st;

	if (ent >= m->cap_head) {
		size_t old = m->cap_head;
		if (NG_GROW(m->head, m->cap_head, (size_t)ent + 1))
			return NG_ERR_NOMEM;
		memset(m->head + old, 0, (m->cap_head - old) * sizeof(*m->head));
	}
	for (r = m->head[ent]; r; r = m->v[r - 1].next)
		if (m->v[r - 1].len == len && !memcmp(doc->text.orig + m->v[r - 1].off, str, len))
			return NG_OK;
	if ((st = ng_doc_add_alt(doc, ent, str, len)) || (st = seen_add(m, ob, len, ent, 0)))
		return st;
	m->v[m->n - 1].next = m->head[ent];
	m->head[ent] = (uint32_t)m->n;
	return NG_OK;
}

/* The entity of a rule's candidate: its label is the normalized text of
 * tokens [nb, ne). */
static ng_status
entity_for_name_once(ng_doc *doc, seen_spans *m, ng_class cls, uint32_t nb, uint32_t ne,
                     uint32_t *out)
{
	const char *s;
	size_t n;
	uint64_t h;
	uint32_t head = 0, r;
	ng_status st;

	span_text(doc, nb, ne, &s, &n);
	h = (ng_hash_fast(s, n) ^ ((uint64_t)cls * 0x9e3779b97f4a7c15ULL)) | 1;
	ng_u64map_get(&m->by_hash, h, &head);
	for (r = head; r; r = m->v[r - 1].next)
		if (m->v[r - 1].cls == (uint32_t)cls && m->v[r - 1].len == n &&
		    !memcmp(doc->text.norm + m->v[r - 1].off, s, n)) {
			*out = m->v[r - 1].val;
			return NG_OK;
		}
	if ((st = ng_doc_entity_for_name(doc, cls, s, n, out)) ||
	    (st = seen_add(m, ng_tok(doc, nb)->b, (uint32_t)n, *out, (uint32_t)cls)))
		return st;
	m->v[m->n - 1].next = head;
	return ng_u64map_put(&m->by_hash, h, (uint32_t)m->n);
}

/* Room for the candidates and mentions of a document before they are
 * added one by one: growing from nothing costs a realloc per doubling. A
 * guess from the number of tokens; more still grows. */
static ng_status
reserve_cands(ng_doc *doc, cands *c)
{
	size_t n = doc->n_toks / 8 + 8;

	if (NG_GROW(c->v, c->cap, n) ||
	    NG_GROW(doc->mentions, doc->cap_mentions, doc->n_mentions + n))
		return NG_ERR_NOMEM;
	return NG_OK;
}

/* What the recognizer and its gazetteer-only stage start with: a mark for
 * each token that a name has taken (the document's, for coreference), and
 * room for the candidates. */
static ng_status
begin_ner(ng_doc *doc, cands *c)
{
	free(doc->taken);
	if (!(doc->taken = calloc(doc->n_toks + 1, 1)))
		return NG_ERR_NOMEM;
	return reserve_cands(doc, c);
}

static ng_status
take_cands(ng_doc *doc, cands *c, uint8_t *taken)
{
	seen_spans alts = {0}, names = {0};
	cand_key *order = NULL;
	size_t k;
	ng_status st = NG_OK;

	TRY(st, sort_cands(c, &order));
	/* Each candidate adds at most one surface form and one entity: room
	 * for all at once saves a realloc per doubling. */
	if (c->n && (NG_GROW(alts.v, alts.cap, c->n) ||
	             NG_GROW(alts.head, alts.cap_head, doc->n_ents + c->n))) {
		st = NG_ERR_NOMEM;
		goto done;
	}
	if (alts.cap_head)
		memset(alts.head, 0, alts.cap_head * sizeof(*alts.head));
	for (k = 0; k < c->n; k++) {
		const cand *x = &c->v[order[k].i];
		uint32_t i, ent;
		for (i = x->tb; i < x->te; i++)
			if (taken[i])
				break;
		if (i < x->te)
			continue;
		if (x->entry >= 0)
			TRY(st, ng_doc_entity_for_entry(doc, x->entry, &ent));
		else
			TRY(st, entity_for_name_once(doc, &names, x->cls, x->nb, x->ne, &ent));
		for (i = x->tb; i < x->te; i++)
			taken[i] = 1;
		TRY(st, ng_doc_add_mention(doc, x->tb, x->te, ent, x->sent, x->flags));
		doc->mentions[doc->n_mentions - 1].rule = x->rule;
		if (!(x->flags & NG_MEN_ADJ))
			TRY(st, add_alt_once(doc, &alts, ent, x->tb, x->te));
	}
done:
	free(order);
	free(alts.v);
	free(alts.head);
	free(names.v);
	ng_u64map_free(&names.by_hash);
	return st;
}

ng_status
ng_ner(ng_doc *doc)
{
	cands c = {0};
	uint8_t *taken;
	size_t si;
	ng_status st = NG_OK;

	TRY(st, begin_ner(doc, &c));
	taken = doc->taken;
	for (si = 0; si < doc->n_sents; si++) {
		if (doc->sents[si].flags & NG_SENT_BOILER)
			continue;
		size_t from = c.n;
		TRY(st, gazetteer_cands(doc, (uint32_t)si, &c));
		TRY(st, person_cands(doc, (uint32_t)si, &c, from));
		TRY(st, given_cands(doc, (uint32_t)si, &c, from));
		TRY(st, org_cands(doc, (uint32_t)si, &c));
	}
	/* Ship names ("HMS Prince of Wales") hold no person or place. */
	for (si = 0; si < doc->n_sents; si++) {
		const ng_sentence *s = &doc->sents[si];
		uint32_t i, j;
		if (!(s->wclasses & NG_WC_VESSEL))
			continue;
		for (i = s->tb; i + 1 < s->te; i++) {
			if (!ng_tok_in_class(doc, NG_WC_VESSEL, i) || !ng_is_cap_word(doc, i + 1))
				continue;
			for (j = i + 1; j < s->te && (ng_is_cap_word(doc, j) ||
			                              (ng_is_connector(doc, j) && j + 1 < s->te &&
			                               ng_is_cap_word(doc, j + 1)));
			     j++)
				;
			memset(taken + i, 1, j - i);
			i = j - 1;
		}
	}
	TRY(st, take_cands(doc, &c, taken));
	TRY(st, ng_doc_sort_mentions(doc));
done:
	free(c.v);
	return st;
}

/* The gazetteer alone: longest matches of the aliases with the overlap
 * rule (priority, then length, then leftmost), without the title, head-word
 * and acronym rules, coreference or boilerplate. make bench measures it as
 * the matching throughput of the gazetteer. */
ng_status
ng_ner_gazetteer(ng_doc *doc)
{
	cands c = {0};
	size_t si;
	ng_status st = NG_OK;

	TRY(st, begin_ner(doc, &c));
	for (si = 0; si < doc->n_sents; si++)
		TRY(st, gazetteer_cands(doc, (uint32_t)si, &c));
	TRY(st, take_cands(doc, &c, doc->taken));
	TRY(st, ng_doc_sort_mentions(doc));
done:
	free(c.v);
	return st;
}

/* ------------------------------------------------------- unknown names */

size_t
ng_doc_unknown_names(const ng_doc *doc, ng_name_func func, void *handle)
{
	uint8_t *taken = calloc(doc->n_toks + 1, 1);
	size_t si, n = 0;

	if (!taken)
		return 0;
	ng_doc_mark_mentions(doc, taken);
	for (si = 0; si < doc->n_sents; si++) {
		const ng_sentence *s = &doc->sents[si];
		uint32_t i;
		if (s->flags & (NG_SENT_BOILER | NG_SENT_TITLECASE))
			continue;
		for (i = s->tb; i < s->te; i++) {
			const ng_phrase *p;
			uint32_t j = i, te;
			if (taken[i] || !ng_is_cap_word(doc, i) || ng_tok_in_class(doc, NG_WC_STOPNAME, i))
				continue;
			if ((te = ng_title_at(doc, i, s->te, &p))) {
				i = te - 1;
				continue;
			}
			while (j < s->te && !taken[j] &&
			       (ng_is_cap_word(doc, j) ||
			        ((ng_tok(doc, j)->flags & NG_TOK_JOIN) && j + 1 < s->te && ng_is_cap_word(doc, j + 1))))
				j++;
			while (j > i + 1 && (ng_tok(doc, j - 1)->flags & NG_TOK_JOIN))
				j--;
			/* A lone capitalized word opening a sentence (or a quote) is
			 * usually just a word. */
			if (!(j == i + 1 && (i == s->tb || (ng_tok(doc, i - 1)->flags & NG_TOK_PUNCT)))) {
				const char *str = doc->text.norm + ng_tok(doc, i)->b;
				func(handle, str, ng_tok(doc, j - 1)->e - ng_tok(doc, i)->b);
				n++;
			}
			i = j - 1;
		}
	}
	free(taken);
	return n;
}
