/* SPDX-License-Identifier: Apache-2.0 */
/* Facts from titles and offices: "Prime Minister X" (a role, and leaderOf
 * the country when the gazetteer's dated office says so), appositions
 * ("X, a professor at Y"), and the holder of an office at the article's
 * date. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "names.h"
#include "offices.h"

static ng_status
title_fact(ng_doc *doc, uint32_t person, int32_t target, const ng_phrase *p,
           const char *role, uint32_t si, const char *rule)
{
	ng_fact f;
	ng_status st;

	memset(&f, 0, sizeof(f));
	f.s = person;
	f.sent = si;
	f.mod = NG_MOD_ASSERTED;
	f.confidence = 0.9;
	f.rule = rule;
	f.o = UINT32_MAX;
	f.prop = "role";
	f.literal = role;
	if ((st = ng_doc_add_fact(doc, &f)))
		return st;
	if (target < 0 || (uint32_t)target == person || doc->ents[target].cls == NG_CLASS_PERSON)
		return NG_OK;
	f.literal = NULL;
	f.o = (uint32_t)target;
	f.prop = p->kind == NG_TITLE_LEADER ? "leaderOf" : "affiliatedWith";
	return ng_doc_add_fact(doc, &f);
}

/* After "TITLE A of X" (the mention pm and its country), the people of a
 * list that go on with a country each: ", B of Y and C of Z". */
static ng_status
title_list(ng_doc *doc, const ng_sentence *s, int32_t pm, const ng_phrase *p, const char *role,
           uint32_t si)
{
	int32_t c = ng_doc_mention_at(doc, doc->mentions[pm].te + 1), b, x;
	ng_status st = NG_OK;
	uint32_t k;

	while (c >= 0 && !st) {
		k = doc->mentions[c].te;
		if (k < s->te && ng_tok_eq(doc, k, ","))
			k++;
		if (k < s->te && ng_tok_eq(doc, k, "and"))
			k++;
		if (k == doc->mentions[c].te || (b = ng_doc_mention_at(doc, k)) < 0 ||
		    doc->ents[doc->mentions[b].ent].cls != NG_CLASS_PERSON)
			break;
		k = doc->mentions[b].te;
		if (k + 1 >= s->te || !ng_tok_eq(doc, k, "of") || (x = ng_doc_mention_at(doc, k + 1)) < 0 ||
		    (doc->mentions[x].flags & NG_MEN_ADJ) ||
		    doc->ents[doc->mentions[x].ent].cls != NG_CLASS_COUNTRY)
			break;
		st = title_fact(doc, doc->mentions[b].ent, (int32_t)doc->mentions[x].ent, p, role, si,
		                p->kind == NG_TITLE_LEADER ? "title-leader" : "title-member");
		c = x;
	}
	return st;
}

/* The target of the person's office named role (or, for a leader's title,
 * of any leader's office) that holds at the article's date; -1 if none. */
static int32_t
office_target(const ng_doc *doc, uint32_t person, const char *role, bool leader)
{
	const ng_entity *e = &doc->ents[person];
	const ng_entry *g;
	size_t k;

	if (e->entry < 0)
		return -1;
	g = &doc->kb->gaz.entries[e->entry];
	for (k = 0; k < g->n_offices; k++) {
		const ng_office *o = &g->offices[k];
		if (o->target < 0 || !ng_office_holds(o, doc->date_num))
			continue;
		if (ng_role_eq(o->role, role) || (leader && ng_lexicon_is_leader_role(&doc->kb->lex, o->role)))
			return o->target;
	}
	return -1;
}

/* The gazetteer person who leads the entry at the article's date, or -1. */
int32_t
ng_offices_holder(const ng_doc *doc, int32_t target)
{
	const ng_knowledge *kb = doc->kb;
	size_t i, k;

	if (target < 0)
		return -1;
	if (kb->gaz.holder_first && kb->gaz.holder_entries == kb->gaz.n_entries) {
		uint32_t h;
		for (h = kb->gaz.holder_first[target]; h; h = kb->gaz.holders[h - 1].next) {
			const struct ng_holder *x = &kb->gaz.holders[h - 1];
			const ng_entry *g = &kb->gaz.entries[x->entry];
			if (!g->dead && ng_office_holds(&g->offices[x->office], doc->date_num) &&
			    ng_lexicon_is_leader_role(&kb->lex, g->offices[x->office].role))
				return (int32_t)x->entry;
		}
		return -1;
	}
	for (i = 0; i < kb->gaz.n_entries; i++) {
		const ng_entry *g = &kb->gaz.entries[i];
		if (g->dead || g->cls != NG_CLASS_PERSON)
			continue;
		for (k = 0; k < g->n_offices; k++)
			if (g->offices[k].target == target && ng_office_holds(&g->offices[k], doc->date_num) &&
			    ng_lexicon_is_leader_role(&kb->lex, g->offices[k].role))
				return (int32_t)i;
	}
	return -1;
}

/* Facts from titles and appositions next to person mentions. */
ng_status
ng_offices(ng_doc *doc)
{
	size_t si;
	ng_buf role = {0};
	ng_status st = NG_OK;

	for (si = 0; si < doc->n_sents; si++) {
		const ng_sentence *s = &doc->sents[si];
		uint32_t i;
		/* Both rules need a title. */
		if ((s->flags & NG_SENT_BOILER) || !(s->tok_flags & NG_TOK_TITLE))
			continue;
		for (i = s->tb; i < s->te; i++) {
			const ng_phrase *p = NULL;
			uint32_t te = ng_title_at(doc, i, s->te, &p), pe, b;
			int32_t pm, mm, target = -1;
			size_t ob, oe;
			if (!te)
				continue;
			pe = te;
			if (pe < s->te && ng_tok_eq(doc, pe, ","))
				pe++;
			pm = ng_doc_mention_at(doc, pe);
			if (pm < 0 || doc->ents[doc->mentions[pm].ent].cls != NG_CLASS_PERSON ||
			    (doc->mentions[pm].flags & NG_MEN_PRON)) {
				i = te - 1;
				continue;
			}
			/* Modifier before the title: "NATO", "Japanese", "Japan's",
			 * "NATO's new". Past holders ("former") get no fact; both
			 * word lists are in the lexicon. */
			b = i;
			while (b > s->tb && (ng_tok(doc, b - 1)->flags & NG_TOK_LOWER) &&
			       ng_tok_in_class(doc, NG_WC_TITLE_NOW, b - 1))
				b--;
			if (b > s->tb && ng_tok_in_class(doc, NG_WC_TITLE_PAST, b - 1)) {
				i = te - 1;
				continue;
			}
			if (b > s->tb && (ng_tok(doc, b - 1)->flags & NG_TOK_POSS))
				b--;
			/* A mention before the title, in this sentence: a headline
			 * ending in a capital on the line before is not its
			 * modifier. */
			if (b > s->tb && (mm = ng_doc_mention_ending(doc, b)) >= 0) {
				/* A country, an organization, or a capital for its
				 * country: "Tokyo's defence minister". */
				uint32_t agent;
				TRY(st, ng_doc_actor(doc, doc->mentions[mm].ent, &agent));
				if (doc->ents[agent].cls == NG_CLASS_COUNTRY ||
				    doc->ents[agent].cls == NG_CLASS_ORGANIZATION)
					target = (int32_t)agent;
			}
			/* Or after the name: "of Tokyo International University". */
			if (target < 0) {
				uint32_t after = doc->mentions[pm].te;
				/* ... or "of Norvania": "President Ana Ruiz of Norvania". */
				if (after + 1 < s->te && (ng_tok_eq(doc, after, "of") || ng_tok_eq(doc, after, "at")) &&
				    (mm = ng_doc_mention_at(doc, after + 1)) >= 0 &&
				    !(doc->mentions[mm].flags & NG_MEN_ADJ) &&
				    (doc->ents[doc->mentions[mm].ent].cls == NG_CLASS_ORGANIZATION ||
				     doc->ents[doc->mentions[mm].ent].cls == NG_CLASS_COUNTRY))
					target = (int32_t)doc->mentions[mm].ent;
			}
			ob = ng_text_orig(&doc->text, ng_tok(doc, i)->b);
			oe = ng_text_orig(&doc->text, ng_tok(doc, te - 1)->e);
			ng_buf_clear(&role);
			TRY(st, ng_clean_literal(doc->text.orig + ob, oe - ob, &role));
			if (target < 0) {
				/* "Prime Minister Shigeru Ishiba": the gazetteer knows of
				 * what, if the office holds at the article's date. */
				int32_t g = office_target(doc, doc->mentions[pm].ent, role.buf,
				                          p->kind == NG_TITLE_LEADER);
				uint32_t ge;
				if (g >= 0) {
					TRY(st, ng_doc_entity_for_entry(doc, g, &ge));
					TRY(st, title_fact(doc, doc->mentions[pm].ent, (int32_t)ge, p, role.buf,
					                   (uint32_t)si, "title-office"));
					i = te - 1;
					continue;
				}
			}
			TRY(st, title_fact(doc, doc->mentions[pm].ent, target, p, role.buf, (uint32_t)si,
			                   p->kind == NG_TITLE_LEADER ? "title-leader" : "title-member"));
			/* A list under one title, each name with its country:
			 * "Presidents A of X, B of Y and C of Z". */
			if (target >= 0 && doc->ents[target].cls == NG_CLASS_COUNTRY)
				TRY(st, title_list(doc, s, pm, p, role.buf, (uint32_t)si));
			i = te - 1;
		}
		/* Apposition: PERSON , [a|an|the] [adj] TITLE (in|at|of) ... ORG */
		for (i = s->tb; i + 2 < s->te; i++) {
			int32_t pm = ng_doc_mention_ending(doc, i), om = -1;
			const ng_phrase *p = NULL;
			uint32_t j, k, te;
			size_t ob, oe;
			if (pm < 0 || doc->ents[doc->mentions[pm].ent].cls != NG_CLASS_PERSON ||
			    (doc->mentions[pm].flags & NG_MEN_PRON) ||
			    !ng_tok_eq(doc, i, ",") || !(te = ng_appositive_title(doc, s, i, &j, &p)) ||
			    /* "A, Foreign Minister B": the title is B's. */
			    ng_doc_mention_at(doc, te) >= 0)
				continue;
			/* The first organization in the rest of the clause. */
			for (k = te; k < s->te && k < te + 16 && !ng_tok_eq(doc, k, ",") && !ng_tok_eq(doc, k, ".");
			     k++) {
				int32_t m = ng_doc_mention_at(doc, k);
				/* "X, prime minister of Norvania," as well. */
				if (m >= 0 && !(doc->mentions[m].flags & NG_MEN_ADJ) &&
				    (doc->ents[doc->mentions[m].ent].cls == NG_CLASS_ORGANIZATION ||
				     (doc->ents[doc->mentions[m].ent].cls == NG_CLASS_COUNTRY && k > te &&
				      ng_tok_eq(doc, k - 1, "of")))) {
					om = m;
					break;
				}
			}
			ob = ng_text_orig(&doc->text, ng_tok(doc, j)->b);
			oe = ng_text_orig(&doc->text, ng_tok(doc, te - 1)->e);
			ng_buf_clear(&role);
			TRY(st, ng_clean_literal(doc->text.orig + ob, oe - ob, &role));
			TRY(st, title_fact(doc, doc->mentions[pm].ent,
			                   om >= 0 ? (int32_t)doc->mentions[om].ent : -1, p, role.buf,
			                   (uint32_t)si, "apposition"));
		}
	}
done:
	ng_buf_free(&role);
	return st;
}
