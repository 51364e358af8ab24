/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for segment.c: sentences, and the keys, word classes and head
 * flags of tokens. */
#include "check_util.h"
#include "fixture.h"

START_TEST(test_abbreviations_do_not_end_sentences)
{
	ng_doc *doc = fx_doc("The U.S. envoy met Mr. Smith and Prof. Jones in Castelmar. They talked.");
	ck_assert_uint_eq(doc->n_sents, 2);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_gen_title_versus_given_name)
{
	/* "Gen." is the title and does not end the sentence; "Gen" is a word. */
	ng_doc *doc = fx_doc("Gen. Piet Varga spoke. Gen Tanabe answered.");
	ck_assert_uint_eq(doc->n_sents, 2);
	ck_assert(doc->toks[0].flags & NG_TOK_ABBR);
	ck_assert(!(doc->toks[5].flags & NG_TOK_ABBR));
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_headline_without_period_is_a_sentence)
{
	ng_doc *doc = fx_doc("Norvania Hosts Summit\n\nLeaders met in Castelmar on Monday.");
	ck_assert_uint_eq(doc->n_sents, 2);
	ck_assert(doc->sents[0].flags & NG_SENT_HEADLINE);
	ck_assert(!(doc->sents[1].flags & NG_SENT_HEADLINE));
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_quote_closes_sentence)
{
	ng_doc *doc = fx_doc("\"We are ready.\" The minister left.");
	ck_assert_uint_eq(doc->n_sents, 2);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_word_flags_and_keys)
{
	ng_doc *doc = fx_doc("NORDA chief McDonald met NORVANIA's envoy in Norvania on 3.5 deals, "
	                     "Internationalization \xC3\x89" "COLE iPhone x");
	const char *s = doc->text.norm;
	size_t i;
	uint32_t norvania = ng_dict_key(&fx_kb->dict, "norvania", 8);

	ck_assert_uint_ne(norvania, 0);
	for (i = 0; i < doc->n_toks; i++) {
		const ng_token *t = &doc->toks[i];
		size_t n = t->e - t->b;
		if (n == 5 && !memcmp(s + t->b, "NORDA", 5))
			ck_assert_uint_eq(t->flags & (NG_TOK_CAP | NG_TOK_UPPER), NG_TOK_CAP | NG_TOK_UPPER);
		if (n == 8 && !memcmp(s + t->b, "McDonald", 8))
			ck_assert(!(t->flags & NG_TOK_UPPER) && (t->flags & NG_TOK_CAP));
		if (n == 8 && !strncasecmp(s + t->b, "norvania", 8))
			ck_assert_uint_eq(t->key, norvania);
		if (n == 3 && !memcmp(s + t->b, "3.5", 3))
			ck_assert(t->flags & NG_TOK_NUM);
		if (n == 6 && !memcmp(s + t->b, "iPhone", 6))
			ck_assert(t->flags & NG_TOK_LOWER);
		if (n == 6 && !memcmp(s + t->b, "\xC3\x89" "COLE", 6))
			ck_assert(t->flags & NG_TOK_UPPER);
		if (n == 20) {
			/* Longer than eight bytes: the dictionary's own lookup,
			 * or a key of the document's. */
			uint32_t k = ng_dict_key(&fx_kb->dict, "internationalization", 20);
			ck_assert(k ? t->key == k : (t->key & NG_LOCAL_KEY) != 0);
		}
	}
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_words_to_sixteen_bytes_find_their_keys)
{
	/* Known and unknown words of nine to seventeen bytes, each twice in
	 * other cases; an unknown word gets the same key of the document's
	 * own each time, and another word another one. */
	ng_doc *doc = fx_doc("Secretary SECRETARY Zyxwvutsrq zyxwvutsrq Zyxwvutsrqp "
	                     "Abcdefghijklmnop ABCDEFGHIJKLMNOP Abcdefghijklmnopq abcdefghijklmnopq "
	                     "Abcdefghijklmnoq");
	uint32_t secretary = ng_dict_key(&fx_kb->dict, "secretary", 9);
	const ng_token *t = doc->toks;

	ck_assert_uint_eq(doc->n_toks, 10);
	ck_assert_uint_ne(secretary, 0);
	ck_assert_uint_eq(t[0].key, secretary);
	ck_assert_uint_eq(t[1].key, secretary);
	ck_assert_uint_ne(t[2].key & NG_LOCAL_KEY, 0);
	ck_assert_uint_eq(t[3].key, t[2].key);
	ck_assert_uint_ne(t[4].key, t[2].key);
	ck_assert_uint_ne(t[5].key & NG_LOCAL_KEY, 0);
	ck_assert_uint_eq(t[6].key, t[5].key);
	ck_assert_uint_ne(t[7].key & NG_LOCAL_KEY, 0);
	ck_assert_uint_eq(t[8].key, t[7].key);
	ck_assert_uint_ne(t[7].key, t[5].key);
	ck_assert_uint_ne(t[9].key, t[5].key);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_latin1_letters_fold_as_ng_fold_folds_them)
{
	/* Each letter of U+00C0 to U+00FF in a word, and the word as ng_fold
	 * folds it: the same key. The folds that are no ASCII fold to
	 * themselves. */
	unsigned c;

	for (c = 0xC0; c <= 0xFF; c++) {
		char word[8] = {'Z', 'q', (char)0xC3, (char)(c - 0x40), '\0'};
		char text[32];
		ng_buf f = {0};
		ng_doc *doc;
		if (c == 0xD7 || c == 0xF7)
			continue; /* x and division signs: no letters */
		ck_assert_int_eq(ng_fold(word, 4, true, &f), NG_OK);
		if ((unsigned char)f.buf[2] >= 0x80) {
			ng_buf g = {0};
			ck_assert_uint_eq(f.len, 4);
			ck_assert_int_eq(ng_fold(f.buf, f.len, true, &g), NG_OK);
			ck_assert_str_eq(g.buf, f.buf);
			ng_buf_free(&g);
		}
		snprintf(text, sizeof(text), "%s %s", word, f.buf);
		doc = fx_doc(text);
		ck_assert_uint_eq(doc->n_toks, 2);
		ck_assert_uint_eq(doc->toks[0].key, doc->toks[1].key);
		ng_doc_free(doc);
		ng_buf_free(&f);
	}
}
END_TEST

START_TEST(test_title_and_alias_flags_mark_heads)
{
	/* Short and long words (the two dictionary lookups), a word the
	 * gazetteers do not know, and punctuation. */
	ng_doc *doc = fx_doc("Secretary General Henrik Aalto met Managing Director Zyxwvutsrq "
	                     "and the secretary-general in Norvania, Internationalization.");
	size_t i, titles = 0, aliases = 0;

	for (i = 0; i < doc->n_toks; i++) {
		const ng_token *t = &doc->toks[i];
		bool head = ng_lexicon_title_head(&fx_kb->lex, t->key) != 0;
		bool alias = ng_gazetteer_root(&fx_kb->gaz, t->key) != 0;
		ck_assert_int_eq(!!(t->flags & NG_TOK_TITLE), head);
		ck_assert_int_eq(!!(t->flags & NG_TOK_ALIAS), alias);
		titles += head;
		aliases += alias;
	}
	ck_assert_uint_ge(titles, 3);
	ck_assert_uint_ge(aliases, 2);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_sentence_sums_up_its_tokens)
{
	ng_doc *doc = fx_doc("Defence Minister Gen Tanabe visited HMS Prince of Ardenne.\n"
	                     "He spoke at Castelmar International University. Rain fell\n\n"
	                     "\"Quiet,\" she said.");
	size_t si, covered = 0;

	ck_assert_uint_ge(doc->n_sents, 4);
	for (si = 0; si < doc->n_sents; si++) {
		const ng_sentence *s = &doc->sents[si];
		uint16_t flags = 0;
		uint8_t wc = 0;
		uint32_t i;
		for (i = s->tb; i < s->te; i++) {
			flags |= doc->toks[i].flags;
			wc |= doc->toks[i].wclass;
		}
		ck_assert_uint_eq(s->tok_flags, flags);
		ck_assert_uint_eq(s->wclasses, wc);
		covered += s->te - s->tb;
	}
	ck_assert_uint_eq(covered, doc->n_toks);
	ck_assert(doc->sents[0].wclasses & NG_WC_VESSEL);
	ck_assert(doc->sents[1].wclasses & NG_WC_ORGHEAD);
	ng_doc_free(doc);
}
END_TEST

static Suite *
segment_suite(void)
{
	Suite *s = suite_create("segment");
	TCase *core = tcase_create("core");

	tcase_add_unchecked_fixture(core, fx_setup, fx_teardown);
	tcase_add_test(core, test_abbreviations_do_not_end_sentences);
	tcase_add_test(core, test_gen_title_versus_given_name);
	tcase_add_test(core, test_headline_without_period_is_a_sentence);
	tcase_add_test(core, test_quote_closes_sentence);
	tcase_add_test(core, test_word_flags_and_keys);
	tcase_add_test(core, test_words_to_sixteen_bytes_find_their_keys);
	tcase_add_test(core, test_latin1_letters_fold_as_ng_fold_folds_them);
	tcase_add_test(core, test_title_and_alias_flags_mark_heads);
	tcase_add_test(core, test_sentence_sums_up_its_tokens);
	suite_add_tcase(s, core);
	return s;
}

NG_CHECK_MAIN(segment_suite)
