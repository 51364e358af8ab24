/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for dict.c: the keys of folded words. */
#include "check_util.h"
#include "fixture.h"

#include "dict.h"

START_TEST(test_long_word_interned_after_prepare_is_found)
{
	/* Past eight bytes a word interned since prepare is still found (the
	 * tables of prepare do not know it); a shorter one is not. */
	ng_knowledge *kb = ng_knowledge_new();
	ng_doc *doc = NULL;
	uint32_t longer, shorter;
	const char *text = "Zyxwvutsrqp Zyxwvu";

	ck_assert_ptr_nonnull(kb);
	ck_assert_int_eq(ng_knowledge_load_dir(kb, NG_TEST_DATA), NG_OK);
	ck_assert_int_eq(ng_knowledge_prepare(kb), NG_OK);
	ck_assert_int_eq(ng_dict_intern(&kb->dict, "zyxwvutsrqp", 11, &longer), NG_OK);
	ck_assert_int_eq(ng_dict_intern(&kb->dict, "zyxwvu", 6, &shorter), NG_OK);
	ck_assert_int_eq(ng_doc_analyze(kb, text, strlen(text), NULL, &doc, NULL), NG_OK);
	ck_assert_uint_eq(doc->n_toks, 2);
	ck_assert_uint_eq(doc->toks[0].key, longer);
	ck_assert_uint_ne(doc->toks[1].key & NG_LOCAL_KEY, 0);
	ng_doc_free(doc);
	ng_knowledge_free(kb);
}
END_TEST

START_TEST(test_interned_word_has_one_key_before_and_after_prepare)
{
	/* Short and long words, found by the map before prepare and by the
	 * flat table after it; an unknown word has no key. */
	static const char *const words[] = {"norvania", "internationalization", "a"};
	ng_dict d;
	uint32_t keys[3];
	size_t i;

	memset(&d, 0, sizeof(d));
	for (i = 0; i < 3; i++) {
		uint32_t again;
		ck_assert_int_eq(ng_dict_intern(&d, words[i], strlen(words[i]), &keys[i]), NG_OK);
		ck_assert_uint_ne(keys[i], 0);
		ck_assert_int_eq(ng_dict_intern(&d, words[i], strlen(words[i]), &again), NG_OK);
		ck_assert_uint_eq(again, keys[i]);
		ck_assert_uint_eq(ng_dict_key(&d, words[i], strlen(words[i])), keys[i]);
	}
	ck_assert_uint_ne(keys[0], keys[1]);
	ck_assert_int_eq(ng_dict_prepare(&d), NG_OK);
	for (i = 0; i < 3; i++)
		ck_assert_uint_eq(ng_dict_key(&d, words[i], strlen(words[i])), keys[i]);
	ck_assert_uint_eq(ng_dict_key(&d, "valdora", 7), 0);
	ng_dict_free(&d);
}
END_TEST

static Suite *
dict_suite(void)
{
	Suite *s = suite_create("dict");
	TCase *core = tcase_create("core");

	tcase_add_test(core, test_long_word_interned_after_prepare_is_found);
	tcase_add_test(core, test_interned_word_has_one_key_before_and_after_prepare);
	suite_add_tcase(s, core);
	return s;
}

NG_CHECK_MAIN(dict_suite)
