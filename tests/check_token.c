/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for token.c: words, their case, abbreviations, possessives
 * and joining hyphens. */
#include "check_util.h"
#include "fixture.h"

START_TEST(test_initials_are_one_token)
{
	ng_doc *doc = fx_doc("A U.S. base");
	ck_assert_uint_eq(doc->n_toks, 3);
	ck_assert(doc->toks[1].flags & NG_TOK_ABBR);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_hyphenated_name_and_possessive)
{
	ng_doc *doc = fx_doc("Kim-Lee's plan");
	/* Kim - Lee 's plan */
	ck_assert_uint_eq(doc->n_toks, 5);
	ck_assert(doc->toks[1].flags & NG_TOK_JOIN);
	ck_assert(doc->toks[3].flags & NG_TOK_POSS);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_long_words_keep_their_ends_and_case)
{
	/* Words longer than eight bytes, ending at every place of a chunk,
	 * with the capitals early, late or lone; the last word ends the line
	 * within eight bytes of it. */
	static const struct {
		const char *w;
		uint16_t flags;
	} want[] = {
		{"ABCDEFGHIJKLMNOP", NG_TOK_CAP | NG_TOK_UPPER},
		{"ABCDEFGHIJKLMNOp", NG_TOK_CAP},
		{"aBCDEFGHIJ", NG_TOK_LOWER},
		{"A123456789", NG_TOK_CAP},
		{"A12345678Z", NG_TOK_CAP | NG_TOK_UPPER},
		{"12345678AB", NG_TOK_NUM | NG_TOK_UPPER},
		{"Abcdefgh", NG_TOK_CAP},
		{"Abcdefghi", NG_TOK_CAP},
		{"Abcdefghijklmnopq", NG_TOK_CAP},
		{"XYZXYZX", NG_TOK_CAP | NG_TOK_UPPER},
	};
	ng_doc *doc = fx_doc("ABCDEFGHIJKLMNOP ABCDEFGHIJKLMNOp aBCDEFGHIJ A123456789 "
	                     "A12345678Z 12345678AB Abcdefgh,Abcdefghi@Abcdefghijklmnopq[XYZXYZX");
	const uint16_t kinds = NG_TOK_CAP | NG_TOK_UPPER | NG_TOK_LOWER | NG_TOK_NUM;
	size_t i, k = 0;

	for (i = 0; i < doc->n_toks; i++) {
		const ng_token *t = &doc->toks[i];
		if (!(t->flags & NG_TOK_WORD))
			continue;
		ck_assert_uint_lt(k, sizeof(want) / sizeof(want[0]));
		ck_assert_uint_eq(t->e - t->b, strlen(want[k].w));
		ck_assert(!memcmp(doc->text.norm + t->b, want[k].w, t->e - t->b));
		ck_assert_uint_eq(t->flags & kinds, want[k].flags);
		k++;
	}
	ck_assert_uint_eq(k, sizeof(want) / sizeof(want[0]));
	ng_doc_free(doc);
}
END_TEST

static Suite *
token_suite(void)
{
	Suite *s = suite_create("token");
	TCase *core = tcase_create("core");

	tcase_add_unchecked_fixture(core, fx_setup, fx_teardown);
	tcase_add_test(core, test_initials_are_one_token);
	tcase_add_test(core, test_hyphenated_name_and_possessive);
	tcase_add_test(core, test_long_words_keep_their_ends_and_case);
	suite_add_tcase(s, core);
	return s;
}

NG_CHECK_MAIN(token_suite)
