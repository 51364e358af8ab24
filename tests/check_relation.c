/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for relation.c and patterns.tsv: each case a sentence that
 * must yield a fact and one that must not. */
#include "check_util.h"
#include "fixture.h"

#define HAS(text, s, p, o, m)                                           \
	do {                                                                \
		ng_doc *d_ = fx_doc(text);                                      \
		if (!fx_has(d_, s, p, o, m))                                    \
			fx_dump(d_);                                                \
		ck_assert_msg(fx_has(d_, s, p, o, m), "missing %s %s %s in: %s", s, p, o, text); \
		ng_doc_free(d_);                                                \
	} while (0)

#define LACKS(text, s, p, o)                                            \
	do {                                                                \
		ng_doc *d_ = fx_doc(text);                                      \
		ck_assert_msg(!fx_has(d_, s, p, o, NG_MOD_ASSERTED), "unexpected %s %s %s in: %s", s, p, o, text); \
		ng_doc_free(d_);                                                \
	} while (0)

START_TEST(test_visit_verbal_and_nominal)
{
	HAS("Indian Prime Minister Anil Mehra visited Brazil on Monday.", "Anil Mehra", "visited", "Brazil", NG_MOD_ASSERTED);
	HAS("Foreign Minister Lena Berg made a three-day trip to Kenya.", "Lena Berg", "visited", "Kenya", NG_MOD_ASSERTED);
	HAS("Foreign Minister Lena Berg will visit Kenya next week.", "Lena Berg", "visited", "Kenya", NG_MOD_PLANNED);
	LACKS("Foreign Minister Lena Berg will visit Kenya next week.", "Lena Berg", "visited", "Kenya");
	LACKS("Foreign Minister Lena Berg did not visit Kenya.", "Lena Berg", "visited", "Kenya");
}
END_TEST

START_TEST(test_meetings)
{
	HAS("President Ana Ruiz met with Chancellor Otto Kramer in Madrid.", "Ana Ruiz", "metWith", "Otto Kramer", NG_MOD_ASSERTED);
	HAS("During talks with President Ana Ruiz in Madrid, Chancellor Otto Kramer pledged support.", "Otto Kramer", "metWith", "Ana Ruiz", NG_MOD_ASSERTED);
	HAS("President Ana Ruiz is scheduled to meet Chancellor Otto Kramer.", "Ana Ruiz", "metWith", "Otto Kramer", NG_MOD_PLANNED);
	LACKS("President Ana Ruiz criticized Chancellor Otto Kramer.", "Ana Ruiz", "metWith", "Otto Kramer");
}
END_TEST

START_TEST(test_joining_versus_interest)
{
	HAS("Finland joined NATO in 2023.", "Finland", "joined", "NATO", NG_MOD_ASSERTED);
	HAS("Ukraine wants to join the European Union.", "Ukraine", "interestedIn", "European Union", NG_MOD_ASSERTED);
	LACKS("Ukraine wants to join the European Union.", "Ukraine", "joined", "European Union");
	HAS("Indonesia applied to join BRICS last year.", "Indonesia", "interestedIn", "BRICS", NG_MOD_ASSERTED);
	LACKS("Canada is joining forces with Mexico.", "Canada", "joined", "Mexico");
	LACKS("Sweden joined calls for a ceasefire.", "Sweden", "joined", "NATO");
	LACKS("Georgia signaled its intent to join NATO's training mission.", "Georgia", "interestedIn", "NATO");
}
END_TEST

START_TEST(test_membership_and_negation)
{
	HAS("Norway is a member of NATO but not of the EU.", "Norway", "memberOf", "NATO", NG_MOD_ASSERTED);
	HAS("Switzerland is not a member of the European Union.", "Switzerland", "memberOf", "European Union", NG_MOD_NEGATED);
	LACKS("Switzerland is not a member of the European Union.", "Switzerland", "memberOf", "European Union");
	HAS("Brazil, Russia, India and China, known as BRICS, met.", "India", "memberOf", "BRICS", NG_MOD_ASSERTED);
}
END_TEST

START_TEST(test_places_and_bases)
{
	HAS("The agency is based in Lyon, France.", "Lyon", "locatedIn", "France", NG_MOD_ASSERTED);
	LACKS("They toured Lyon, Germany.", "Lyon", "locatedIn", "Germany");
	HAS("OPEC, headquartered in Vienna, met today.", "OPEC", "basedIn", "Vienna", NG_MOD_ASSERTED);
}
END_TEST

START_TEST(test_succession_support_aid_invasion)
{
	HAS("Chancellor Karl Weiss, who replaced Chancellor Jan Novak in May, spoke.", "Karl Weiss", "succeeded", "Jan Novak", NG_MOD_ASSERTED);
	HAS("Iran is supporting Syria's government.", "Iran", "supports", "Syria", NG_MOD_ASSERTED);
	HAS("Poland has provided military aid to Ukraine.", "Poland", "providedAidTo", "Ukraine", NG_MOD_ASSERTED);
	HAS("Iraq invaded Kuwait in 1990.", "Iraq", "invaded", "Kuwait", NG_MOD_ASSERTED);
	LACKS("Poland sent troops to Romania for an exercise.", "Poland", "providedAidTo", "Romania");
}
END_TEST

START_TEST(test_capital_acts_for_country)
{
	HAS("Ankara wants to join the Shanghai Cooperation Organisation.", "T\xC3\xBCrkiye", "interestedIn", "Shanghai Cooperation Organisation", NG_MOD_ASSERTED);
}
END_TEST


/* Reads tests/pattern-cases.tsv: each pattern of ontology/patterns.tsv
 * needs a sentence that yields its fact and one that must not. */
START_TEST(test_every_pattern_has_cases_that_hold)
{
	FILE *f = fopen(NG_SRCDIR "/tests/pattern-cases.tsv", "r");
	char line[2048];
	size_t k, failures = 0;
	unsigned char *yes = calloc(fx_kb->pat.n + 1, 1), *no = calloc(fx_kb->pat.n + 1, 1);

	ck_assert_ptr_nonnull(f);
	while (fgets(line, sizeof(line), f)) {
		char *c[8];
		size_t n;
		ng_doc *doc;
		int ok, m;
		line[strcspn(line, "\n")] = '\0';
		if (!*line || *line == '#')
			continue;
		n = ng_split_tabs(line, c, 8);
		ck_assert_uint_eq(n, 7);
		for (k = 0; k < fx_kb->pat.n; k++)
			if (!strcmp(fx_kb->pat.items[k].id, c[0]))
				break;
		ck_assert_msg(k < fx_kb->pat.n, "no pattern %s", c[0]);
		if (!strcmp(c[1], "yes")) {
			/* Only this pattern runs, so the case tests it alone. */
			ng_pattern all0 = fx_kb->pat.items[0];
			size_t all_n = fx_kb->pat.n;
			fx_kb->pat.items[0] = fx_kb->pat.items[k];
			fx_kb->pat.n = 1;
			doc = fx_doc(c[6]);
			fx_kb->pat.items[0] = all0;
			fx_kb->pat.n = all_n;
		} else
			doc = fx_doc(c[6]);
		if (!strcmp(c[1], "yes")) {
			size_t i;
			for (m = NG_MOD_ASSERTED; m <= NG_MOD_REPORTED; m++)
				if (!strcmp(ng_modality_name((ng_modality)m), c[5]))
					break;
			ok = 0;
			for (i = 0; i < ng_doc_fact_count(doc); i++) {
				ng_fact_info fi;
				if (!ng_doc_fact(doc, i, &fi) && !strcmp(fi.subject, c[2]) &&
				    !strcmp(fi.property, c[3]) && !strcmp(fi.object, c[4]) &&
				    (int)fi.modality == m && !strcmp(fi.rule, c[0]))
					ok = 1;
			}
			yes[k] = 1;
		} else {
			ok = !fx_has(doc, c[2], c[3], c[4], NG_MOD_ASSERTED);
			no[k] = 1;
		}
		if (!ok) {
			fprintf(stderr, "pattern %s (%s): %s %s %s: %s\n", c[0], c[1], c[2], c[3], c[4], c[6]);
			fx_dump(doc);
			failures++;
		}
		ng_doc_free(doc);
	}
	fclose(f);
	for (k = 0; k < fx_kb->pat.n; k++)
		if (!yes[k] || !no[k]) {
			fprintf(stderr, "pattern %s lacks a %s case\n", fx_kb->pat.items[k].id,
			        !yes[k] ? "yes" : "no");
			failures++;
		}
	free(yes);
	free(no);
	ck_assert_uint_eq(failures, 0);
}
END_TEST

/* The shipped data and the patterns of text, prepared. */
static ng_knowledge *
kb_with_patterns(const char *text)
{
	char path[] = "/tmp/ng-pat-XXXXXX";
	ng_knowledge *kb = ng_knowledge_new();

	ck_assert_int_eq(ng_knowledge_load_dir(kb, NG_SRCDIR "/ontology"), NG_OK);
	fx_temp_file(path, text);
	ck_assert_int_eq(ng_knowledge_add_patterns(kb, path), NG_OK);
	unlink(path);
	ck_assert_int_eq(ng_knowledge_prepare(kb), NG_OK);
	return kb;
}

/* Does the document hold the fact from this rule? */
static int
has_rule(const ng_doc *doc, const char *s, const char *o, const char *rule)
{
	size_t i;

	for (i = 0; i < ng_doc_fact_count(doc); i++) {
		ng_fact_info fi;
		if (!ng_doc_fact(doc, i, &fi) && !strcmp(fi.subject, s) && !strcmp(fi.object, o) &&
		    !strcmp(fi.rule, rule))
			return 1;
	}
	return 0;
}

START_TEST(test_needs_come_only_from_placeholders_it_can_read)
{
	ng_knowledge *kb = kb_with_patterns(
		"u-plain\tmetWith\tauto\t0.5\t\t(?<s>{PER}) met (?<o>{ORG})\n"
		"u-class\tmetWith\tauto\t0.5\t\t(?<s>[A-Z]{3}_\\d+) met (?<o>{ORG})\n"
		"u-option\tmetWith\tauto\t0.5\t\t(?i)(?<s>{PER}) met (?<o>{ORG})\n"
		"u-optional\tmetWith\tauto\t0.5\t\t(?<s>{PER})(?: and {ORG})? met (?<o>{PER})\n"
		"u-words\tmetWith\tauto\t0.5\t\t(?<s>{PER}) {GAP}(?:met|talks with) (?<o>{PER})\n"
		"u-midword\tmetWith\tauto\t0.5\t\t(?<s>{PER}) (?:[a-z]+)?(?:met|talks with) (?<o>{PER})\n");
	const ng_pattern *p = &kb->pat.items[kb->pat.n - 6];

	/* A PER and an ORG, two placeholders of those types. */
	ck_assert_uint_eq(p[0].n_need, 2);
	ck_assert_uint_ne(p[0].pair, 0);
	/* The class may match anything: only the ORG, and no pair. */
	ck_assert_uint_eq(p[1].n_need, 1);
	ck_assert_uint_eq(p[1].pair, 0);
	/* Options are not followed: nothing. */
	ck_assert_uint_eq(p[2].n_need, 0);
	ck_assert_uint_eq(p[2].pair, 0);
	/* The optional ORG is no need. */
	ck_assert_uint_eq(p[3].n_need, 1);
	ck_assert_uint_ne(p[3].pair, 0);
	/* "met" or "talks" begin a word after {GAP}; after letters, not. */
	ck_assert_uint_eq(p[4].n_words[0], 2);
	ck_assert_uint_eq(p[4].n_words[1], 0);
	ck_assert_uint_eq(p[5].n_words[0], 0);
	ng_knowledge_free(kb);
}
END_TEST

START_TEST(test_user_pattern_with_needs_not_derived_still_runs)
{
	ng_knowledge *kb = kb_with_patterns(
		"u-hex\tmetWith\tauto\t0.5\t\t(?<s>\\x50ER_\\d+) \\w+ (?:TTL )?(?<o>[A-Z]+_\\d+)\n"
		"u-caseless\tsupports\tauto\t0.5\t\t(?i)(?<s>{PER}) criticized (?:ttl )?(?<o>{PER})\n");
	const char *text = "President Ana Ruiz criticized Chancellor Otto Kramer.";
	ng_doc *doc = NULL;

	ck_assert_int_eq(ng_doc_analyze(kb, text, strlen(text), NULL, &doc, NULL), NG_OK);
	ck_assert(has_rule(doc, "Ana Ruiz", "Otto Kramer", "u-hex"));
	ck_assert(has_rule(doc, "Ana Ruiz", "Otto Kramer", "u-caseless"));
	ng_doc_free(doc);
	ng_knowledge_free(kb);
}
END_TEST

/* The literal filter of each shipped cue never turns away a text its
 * expression matches: random texts of cue words, their pieces and other
 * words, in mixed case, with a long s (which matches 's' caselessly) now
 * and then. Most texts are turned away, so the filter does its work. */
START_TEST(test_cue_filters_never_hide_a_match)
{
	static const char *const words[] = {
		"not", "NOT", "n't", "never", "no", "longer", "Neither", "nor", "denied", "deny",
		"refused", "to", "will", "shall", "is", "scheduled", "set", "due", "expected",
		"plans", "planning", "going", "would", "apply", "applies", "bid", "seeking",
		"sought", "tries", "asked", "requesting", "prepares", "wants", "hoped", "aims",
		"intends", "like", "keen", "eager", "considering", "may", "might", "could",
		"reportedly", "allegedly", "said", "believed", "according", "reports",
		"sources", "media", "rumoured", "rumored", "ruled", "out", "without",
		"knot", "nothing", "willing", "mayor", "say", "\xc5\xbfources", "ma\xc5\xbft",
		"the", "PERSON0", "ORG1", "visited", "talks", "in", ",", "'", "wo", "n",
	};
	const size_t nw = sizeof(words) / sizeof(words[0]);
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	uint32_t x = 2463534242u;
	size_t k, i, turned = 0, tried = 0;
	char text[512], hidden[512] = "";
	size_t hidden_cue = 0;

	ck_assert_uint_gt(fx_kb->lex.n_cues, 0);
	for (k = 0; k < fx_kb->lex.n_cues; k++)
		ck_assert_ptr_nonnull(fx_kb->lex.cues[k].filter.pairs);
	for (i = 0; i < 200000; i++) {
		size_t n = 0, m = 1 + i % 7, j;
		for (j = 0; j < m; j++) {
			const char *w;
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			w = words[x % nw];
			if (n && (x >> 8) % 4)
				text[n++] = ' ';
			memcpy(text + n, w, strlen(w));
			n += strlen(w);
		}
		text[n] = '\0';
		for (k = 0; k < fx_kb->lex.n_cues; k++) {
			bool may = ng_litfilter_may_match(&fx_kb->lex.cues[k].filter, text, n);
			bool hit = pcre2_match(fx_kb->lex.cues[k].re, (PCRE2_SPTR)text, n, 0, 0, md, NULL) >= 0;
			/* One assertion at the end: Check reports each passing one
			 * to its parent process. */
			if (!may && hit && !hidden[0]) {
				memcpy(hidden, text, n + 1);
				hidden_cue = k;
			}
			tried++;
			turned += !may;
		}
	}
	ck_assert_msg(!hidden[0], "cue %zu matches '%s' but its filter turns it away", hidden_cue,
	              hidden);
	ck_assert_uint_gt(turned, tried / 4);
	pcre2_match_data_free(md);
}
END_TEST

/* A property the ontology does not define is refused by name. */
static void
collect_message(void *handle, const ng_error *e)
{
	snprintf(handle, 512, "%s", e->message);
}

START_TEST(test_pattern_property_must_be_in_ontology)
{
	char path[] = "/tmp/ng-pat-XXXXXX", path2[] = "/tmp/ng-pat-XXXXXX", msg[512] = "";
	ng_knowledge *kb = ng_knowledge_new();
	ck_assert_int_eq(ng_knowledge_load_dir(kb, NG_SRCDIR "/ontology"), NG_OK);
	ng_knowledge_set_error_func(kb, collect_message, msg);
	fx_temp_file(path, "bad\tvisitedd\tauto\t0.5\tvisit\t(?<s>{PER}) visited (?<o>{GPE})\n");
	ck_assert_int_eq(ng_knowledge_add_patterns(kb, path), NG_ERR_SYNTAX);
	ck_assert_ptr_nonnull(strstr(msg, "unknown property 'visitedd'"));
	ck_assert_ptr_nonnull(strstr(msg, "newsgraph.ttl"));
	ng_knowledge_free(kb);
	unlink(path);
	/* Without an ontology no property is known. */
	kb = ng_knowledge_new();
	fx_temp_file(path2, "ok\tvisited\tauto\t0.5\tvisit\t(?<s>{PER}) visited (?<o>{GPE})\n");
	ck_assert_int_eq(ng_knowledge_add_patterns(kb, path2), NG_ERR_SYNTAX);
	ng_knowledge_free(kb);
	unlink(path2);
}
END_TEST

START_TEST(test_bad_pattern_reports_offset)
{
	char path[] = "/tmp/ng-pat-XXXXXX";
	ng_knowledge *kb = ng_knowledge_new();
	/* The ontology names the properties a pattern may yield. */
	ck_assert_int_eq(ng_knowledge_load_dir(kb, NG_SRCDIR "/ontology"), NG_OK);
	fx_temp_file(path, "bad\tvisited\tauto\t0.5\tvisit\t(?<s>{PER}) visited (?<o>{GPE}\n");
	ck_assert_int_eq(ng_knowledge_add_patterns(kb, path), NG_ERR_PATTERN);
	ng_knowledge_free(kb);
	unlink(path);
}
END_TEST

static Suite *
relation_suite(void)
{
	Suite *s = suite_create("relation");
	TCase *core = tcase_create("core");
	TCase *errors = tcase_create("errors");

	tcase_add_unchecked_fixture(core, fx_setup, fx_teardown);
	tcase_set_timeout(core, 30);
	tcase_add_test(core, test_visit_verbal_and_nominal);
	tcase_add_test(core, test_meetings);
	tcase_add_test(core, test_joining_versus_interest);
	tcase_add_test(core, test_membership_and_negation);
	tcase_add_test(core, test_places_and_bases);
	tcase_add_test(core, test_succession_support_aid_invasion);
	tcase_add_test(core, test_capital_acts_for_country);
	tcase_add_test(core, test_every_pattern_has_cases_that_hold);
	tcase_add_test(core, test_needs_come_only_from_placeholders_it_can_read);
	tcase_add_test(core, test_user_pattern_with_needs_not_derived_still_runs);
	tcase_add_test(core, test_cue_filters_never_hide_a_match);
	tcase_add_test(errors, test_bad_pattern_reports_offset);
	tcase_add_test(errors, test_pattern_property_must_be_in_ontology);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}

NG_CHECK_MAIN(relation_suite)
