/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for lexicon.c: the word lists and cues of lexicon.tsv. */
#include "check_util.h"
#include "fixture.h"

/* The test copy of the lexicon loads whole, each kind of line to its table. */
START_TEST(test_lexicon_kinds_load_to_their_tables)
{
	const ng_lexicon *lex = &fx_kb->lex;
	uint32_t secretary = ng_dict_key(&fx_kb->dict, "secretary", 9);
	uint32_t chief = ng_dict_key(&fx_kb->dict, "chief", 5);
	uint32_t hms = ng_dict_key(&fx_kb->dict, "hms", 3);

	ck_assert_uint_eq(lex->n_titles, 80);
	ck_assert_uint_eq(lex->n_cues, 6);
	/* Four cues over the fact's words, two over the rest of its sentence. */
	ck_assert(!lex->cues[0].after && lex->cues[4].after && lex->cues[5].after);
	ck_assert_uint_eq(lex->n_nominals, 9);
	ck_assert_uint_ne(ng_lexicon_title_head(lex, secretary), 0);
	ck_assert(ng_lexicon_word_class(lex, chief) & NG_WC_LEADER);
	ck_assert(ng_lexicon_word_class(lex, hms) & NG_WC_VESSEL);
	ck_assert_uint_eq(ng_lexicon_title_head(lex, hms), 0);
}
END_TEST

static ng_status
load_lexicon(ng_knowledge *kb, const char *path)
{
	return ng_lexicon_load(&kb->lex, path);
}

/* A bad line of each kind, and the status it is refused with. */
START_TEST(test_bad_lexicon_lines_are_errors)
{
	static const struct {
		const char *line;
		ng_status st;
	} cases[] = {
		{"planet\tMars\n", NG_ERR_SYNTAX},
		{"abbrev\t\n", NG_ERR_SYNTAX},
		{"nominal\tbloc\n", NG_ERR_SYNTAX},
		{"cue\tnegated\n", NG_ERR_SYNTAX},
		{"cue\tdoubted\t\\bnot\\b\n", NG_ERR_SYNTAX},
		{"cue\tnegated\t(?:not\n", NG_ERR_PATTERN},
	};
	size_t i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ck_assert_int_eq(fx_load_text(load_lexicon, cases[i].line), cases[i].st);
}
END_TEST

static Suite *
lexicon_suite(void)
{
	Suite *s = suite_create("lexicon");
	TCase *core = tcase_create("core");
	TCase *errors = tcase_create("errors");

	tcase_add_checked_fixture(core, fx_setup, fx_teardown);
	tcase_add_test(core, test_lexicon_kinds_load_to_their_tables);
	tcase_add_test(errors, test_bad_lexicon_lines_are_errors);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}

NG_CHECK_MAIN(lexicon_suite)
