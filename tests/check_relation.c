/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for relation.c over the patterns of tests/data: each case a
 * sentence that must yield a fact and one that must not. */
#include "check_util.h"
#include "fixture.h"

START_TEST(test_visit_verbal_and_nominal)
{
	FX_HAS("Tavorian Prime Minister Anil Mehra visited Norvania on Monday.", "Anil Mehra", "visited", "Norvania", NG_MOD_ASSERTED);
	FX_HAS("Foreign Minister Lena Berg made a three-day trip to Valdora.", "Lena Berg", "visited", "Valdora", NG_MOD_ASSERTED);
	FX_HAS("Foreign Minister Lena Berg will visit Valdora next week.", "Lena Berg", "visited", "Valdora", NG_MOD_PLANNED);
	FX_LACKS("Foreign Minister Lena Berg will visit Valdora next week.", "Lena Berg", "visited", "Valdora");
	FX_LACKS("Foreign Minister Lena Berg did not visit Valdora.", "Lena Berg", "visited", "Valdora");
}
END_TEST

START_TEST(test_meetings)
{
	FX_HAS("President Ana Ruiz met with Chancellor Otto Kramer in Portoval.", "Ana Ruiz", "metWith", "Otto Kramer", NG_MOD_ASSERTED);
	FX_HAS("During talks with President Ana Ruiz in Portoval, Chancellor Otto Kramer pledged support.", "Otto Kramer", "metWith", "Ana Ruiz", NG_MOD_ASSERTED);
	FX_HAS("President Ana Ruiz is scheduled to meet Chancellor Otto Kramer.", "Ana Ruiz", "metWith", "Otto Kramer", NG_MOD_PLANNED);
	FX_LACKS("President Ana Ruiz criticized Chancellor Otto Kramer.", "Ana Ruiz", "metWith", "Otto Kramer");
}
END_TEST

/* Adverbs of the lexicon's skipword list between a verb and its
 * preposition do not hide the fact; a modality cue still counts. */
START_TEST(test_adverbs_are_skipped)
{
	FX_HAS("Marta Lind met separately with Idris Falk.", "Marta Lind", "metWith", "Idris Falk",
	       NG_MOD_ASSERTED);
	FX_HAS("Marta Lind met briefly on Friday with Idris Falk.", "Marta Lind", "metWith",
	       "Idris Falk", NG_MOD_ASSERTED);
	FX_HAS("Marta Lind will meet separately with Idris Falk.", "Marta Lind", "metWith",
	       "Idris Falk", NG_MOD_PLANNED);
	FX_HAS("Marta Lind reportedly met privately with Idris Falk.", "Marta Lind", "metWith",
	       "Idris Falk", NG_MOD_REPORTED);
}
END_TEST

/* The modality traps: an invitation, a cancellation, a visit that was
 * due or postponed is no event. */
START_TEST(test_invited_cancelled_and_due_are_no_events)
{
	FX_HAS("Valdora invited Prime Minister Henrik Aalto to visit Norvania.", "Henrik Aalto",
	       "visited", "Norvania", NG_MOD_INTENDED);
	FX_HAS("Henrik Aalto was invited to visit Norvania.", "Henrik Aalto", "visited", "Norvania",
	       NG_MOD_INTENDED);
	FX_HAS("Henrik Aalto accepted an invitation to visit Norvania.", "Henrik Aalto", "visited",
	       "Norvania", NG_MOD_INTENDED);
	FX_HAS("Henrik Aalto declined an invitation to visit Norvania.", "Henrik Aalto", "visited",
	       "Norvania", NG_MOD_NEGATED);
	FX_HAS("Henrik Aalto was due to visit Norvania but the trip was canceled.", "Henrik Aalto",
	       "visited", "Norvania", NG_MOD_PLANNED);
	FX_HAS("Valdora urged Norvania to join NORDA.", "Norvania", "joined", "NORDA",
	       NG_MOD_INTENDED);
	FX_HAS("Valdora advised against travel to Norvania.", "Valdora", "visited",
	       "Norvania", NG_MOD_NEGATED);
	FX_HAS("Henrik Aalto is likely to visit Norvania.", "Henrik Aalto", "visited", "Norvania",
	       NG_MOD_PLANNED);
	/* The rest of the sentence: a time to come, a later "but ... not". */
	FX_HAS("Henrik Aalto visits Norvania next week.", "Henrik Aalto", "visited", "Norvania",
	       NG_MOD_PLANNED);
	FX_HAS("Marta Lind was to meet Idris Falk on Friday, but the two did not meet.", "Marta Lind",
	       "metWith", "Idris Falk", NG_MOD_PLANNED);
	FX_HAS("Marta Lind met Idris Falk, but the meeting was canceled.", "Marta Lind", "metWith",
	       "Idris Falk", NG_MOD_NEGATED);
	/* A "but" about something else, or another subject, leaves it. */
	FX_HAS("Marta Lind met Idris Falk, but they did not sign the accord.", "Marta Lind", "metWith",
	       "Idris Falk", NG_MOD_ASSERTED);
	FX_HAS("Norvania joined NORDA in 2020, while Valdora has been invited but has not joined.",
	       "Norvania", "joined", "NORDA", NG_MOD_ASSERTED);
	/* A verb before the subject that governs no object leaves it. */
	FX_HAS("Yesterday Henrik Aalto visited Norvania.", "Henrik Aalto", "visited", "Norvania",
	       NG_MOD_ASSERTED);
}
END_TEST

/* The date of fact (s, p, o) in text published on date, or NULL; its
 * time expression in *expr. */
static const char *
dated(const char *text, const char *date, const char *s, const char *p, const char *o,
      char *expr, size_t n)
{
	static char value[16];
	ng_doc_meta meta = {"t.txt", "t.txt", NULL, NULL, date, NULL};
	ng_doc *doc = NULL;
	const char *found = NULL;
	size_t i;

	ck_assert_int_eq(ng_doc_analyze(fx_kb, text, strlen(text), &meta, &doc, NULL), NG_OK);
	for (i = 0; i < ng_doc_fact_count(doc); i++) {
		ng_fact_info f;
		if (ng_doc_fact(doc, i, &f) || strcmp(f.subject, s) || strcmp(f.property, p) ||
		    strcmp(f.object, o))
			continue;
		ck_assert_msg(f.matched != NULL, "no pattern for %s %s %s", s, p, o);
		if (f.date) {
			snprintf(value, sizeof value, "%s", f.date);
			snprintf(expr, n, "%s", f.date_text);
			found = value;
		}
		break;
	}
	ck_assert_msg(i < ng_doc_fact_count(doc), "missing %s %s %s in: %s", s, p, o, text);
	ng_doc_free(doc);
	return found;
}

/* Time expressions resolved against the article's date (a Wednesday). */
START_TEST(test_when_facts_happened)
{
	char e[64];

	ck_assert_str_eq(dated("Marta Lind met Idris Falk on Monday.", "2025-04-09", "Marta Lind",
	                       "metWith", "Idris Falk", e, sizeof e), "2025-04-07");
	ck_assert_str_eq(e, "on Monday");
	ck_assert_str_eq(dated("Marta Lind met Idris Falk on Wednesday.", "2025-04-09", "Marta Lind",
	                       "metWith", "Idris Falk", e, sizeof e), "2025-04-09");
	/* A plan: the next such day. */
	ck_assert_str_eq(dated("Marta Lind will meet Idris Falk on Friday.", "2025-04-09",
	                       "Marta Lind", "metWith", "Idris Falk", e, sizeof e), "2025-04-11");
	ck_assert_str_eq(dated("Marta Lind met Idris Falk yesterday.", "2025-03-01", "Marta Lind",
	                       "metWith", "Idris Falk", e, sizeof e), "2025-02-28");
	ck_assert_str_eq(e, "yesterday");
	ck_assert_str_eq(dated("Marta Lind met Idris Falk on March 3.", "2025-04-09", "Marta Lind",
	                       "metWith", "Idris Falk", e, sizeof e), "2025-03-03");
	ck_assert_str_eq(dated("Marta Lind met Idris Falk on 3 March 2019.", NULL, "Marta Lind",
	                       "metWith", "Idris Falk", e, sizeof e), "2019-03-03");
	ck_assert_str_eq(e, "on 3 March 2019");
	ck_assert_str_eq(dated("Norvania joined NORDA in 2004.", NULL, "Norvania", "joined", "NORDA",
	                       e, sizeof e), "2004");
	/* A day before a year; no article date, no relative day. */
	ck_assert_str_eq(dated("In 2019 Marta Lind met Idris Falk on 4 May 2019.", NULL, "Marta Lind",
	                       "metWith", "Idris Falk", e, sizeof e), "2019-05-04");
	ck_assert_ptr_null(dated("Marta Lind met Idris Falk on Monday.", NULL, "Marta Lind",
	                         "metWith", "Idris Falk", e, sizeof e));
	ck_assert_ptr_null(dated("Marta Lind met Idris Falk on February 30.", "2025-04-09",
	                         "Marta Lind", "metWith", "Idris Falk", e, sizeof e));
}
END_TEST

/* "TITLE A of X" names A's country or organization: A, not X, is the
 * subject of the verb that follows. */
START_TEST(test_titled_person_of_country_is_the_subject)
{
	FX_HAS("Prime Minister Henrik Aalto of Norvania visited Valdora.", "Henrik Aalto", "visited",
	       "Valdora", NG_MOD_ASSERTED);
	FX_LACKS("Prime Minister Henrik Aalto of Norvania visited Valdora.", "Norvania", "visited",
	         "Valdora");
	FX_HAS("Secretary General Henrik Aalto of NORDA visited Valdora.", "Henrik Aalto", "visited",
	       "Valdora", NG_MOD_ASSERTED);
	FX_LACKS("Secretary General Henrik Aalto of NORDA visited Valdora.", "NORDA", "visited",
	         "Valdora");
	/* Without the title, "of" is not read so. */
	FX_HAS("Norvania visited Valdora.", "Norvania", "visited", "Valdora", NG_MOD_ASSERTED);
}
END_TEST

/* Time words between a verb and its preposition do not hide the fact,
 * and do not hide the cue of a plan either. */
START_TEST(test_time_words_are_skipped)
{
	FX_HAS("Marta Lind met on Friday with Idris Falk.", "Marta Lind", "metWith", "Idris Falk",
	       NG_MOD_ASSERTED);
	FX_HAS("Marta Lind met this morning with Idris Falk.", "Marta Lind", "metWith", "Idris Falk",
	       NG_MOD_ASSERTED);
	FX_HAS("Marta Lind will meet on Monday with Idris Falk.", "Marta Lind", "metWith", "Idris Falk",
	       NG_MOD_PLANNED);
	FX_LACKS("Marta Lind will meet on Monday with Idris Falk.", "Marta Lind", "metWith", "Idris Falk");
}
END_TEST

START_TEST(test_joining_versus_interest)
{
	FX_HAS("Norvania joined NORDA in 2023.", "Norvania", "joined", "NORDA", NG_MOD_ASSERTED);
	FX_HAS("Zelonia wants to join the Meridian Union.", "Zelonia", "interestedIn", "Meridian Union", NG_MOD_ASSERTED);
	FX_LACKS("Zelonia wants to join the Meridian Union.", "Zelonia", "joined", "Meridian Union");
	FX_HAS("Pellucia applied to join ARKA last year.", "Pellucia", "interestedIn", "ARKA", NG_MOD_ASSERTED);
	FX_LACKS("Belmoria is joining forces with Estrel.", "Belmoria", "joined", "Estrel");
	FX_LACKS("Tavoria joined calls for a ceasefire.", "Tavoria", "joined", "NORDA");
	FX_LACKS("Gallander signaled its intent to join NORDA's training mission.", "Gallander", "interestedIn", "NORDA");
}
END_TEST

START_TEST(test_membership_and_negation)
{
	FX_HAS("Wendmark is a member of NORDA but not of the MU.", "Wendmark", "memberOf", "NORDA", NG_MOD_ASSERTED);
	FX_HAS("Montaque is not a member of the Meridian Union.", "Montaque", "memberOf", "Meridian Union", NG_MOD_NEGATED);
	FX_LACKS("Montaque is not a member of the Meridian Union.", "Montaque", "memberOf", "Meridian Union");
	FX_HAS("Norvania, Valdora, Tavoria and Mirovia, known as ARKA, met.", "Tavoria", "memberOf", "ARKA", NG_MOD_ASSERTED);
}
END_TEST

START_TEST(test_places_and_bases)
{
	FX_HAS("The agency is based in Marveaux, Gallander.", "Marveaux", "locatedIn", "Gallander", NG_MOD_ASSERTED);
	FX_LACKS("They toured Marveaux, Ostmark.", "Marveaux", "locatedIn", "Ostmark");
	FX_HAS("OSEC, headquartered in Haldheim, met today.", "OSEC", "basedIn", "Haldheim", NG_MOD_ASSERTED);
}
END_TEST

START_TEST(test_succession_support_aid_invasion)
{
	FX_HAS("Chancellor Karl Weiss, who replaced Chancellor Jan Novak in May, spoke.", "Karl Weiss", "succeeded", "Jan Novak", NG_MOD_ASSERTED);
	FX_HAS("Rhosk is supporting Ustrel's government.", "Rhosk", "supports", "Ustrel", NG_MOD_ASSERTED);
	FX_HAS("Drumond has provided military aid to Zelonia.", "Drumond", "providedAidTo", "Zelonia", NG_MOD_ASSERTED);
	FX_HAS("Garvonia invaded Saltmere in 1990.", "Garvonia", "invaded", "Saltmere", NG_MOD_ASSERTED);
	FX_LACKS("Drumond sent troops to Lunesse for an exercise.", "Drumond", "providedAidTo", "Lunesse");
}
END_TEST

START_TEST(test_capital_acts_for_country)
{
	FX_HAS("Kessaly wants to join the Vantor Cooperation Organisation.", "S\xC3\xBCrland", "interestedIn", "Vantor Cooperation Organisation", NG_MOD_ASSERTED);
}
END_TEST

/* Reads tests/pattern-cases.tsv: each pattern of tests/data/patterns.tsv
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

static Suite *
relation_suite(void)
{
	Suite *s = suite_create("relation");
	TCase *core = tcase_create("core");

	tcase_add_unchecked_fixture(core, fx_setup, fx_teardown);
	tcase_set_timeout(core, 30);
	tcase_add_test(core, test_visit_verbal_and_nominal);
	tcase_add_test(core, test_meetings);
	tcase_add_test(core, test_when_facts_happened);
	tcase_add_test(core, test_invited_cancelled_and_due_are_no_events);
	tcase_add_test(core, test_adverbs_are_skipped);
	tcase_add_test(core, test_titled_person_of_country_is_the_subject);
	tcase_add_test(core, test_time_words_are_skipped);
	tcase_add_test(core, test_joining_versus_interest);
	tcase_add_test(core, test_membership_and_negation);
	tcase_add_test(core, test_places_and_bases);
	tcase_add_test(core, test_succession_support_aid_invasion);
	tcase_add_test(core, test_capital_acts_for_country);
	tcase_add_test(core, test_every_pattern_has_cases_that_hold);
	suite_add_tcase(s, core);
	return s;
}

NG_CHECK_MAIN(relation_suite)
