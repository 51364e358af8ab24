/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for segment.c and boilerplate.c: tokens, sentences, boilerplate. */
#include "check_util.h"
#include "fixture.h"

static size_t
count_sentences(const ng_doc *doc, int boiler)
{
	size_t i, n = 0;
	for (i = 0; i < doc->n_sents; i++)
		n += !!(doc->sents[i].flags & NG_SENT_BOILER) == boiler;
	return n;
}

START_TEST(test_abbreviations_do_not_end_sentences)
{
	ng_doc *doc = fx_doc("The U.S. envoy met Mr. Smith and Prof. Jones in Rome. They talked.");
	ck_assert_uint_eq(doc->n_sents, 2);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_initials_are_one_token)
{
	ng_doc *doc = fx_doc("A U.S. base");
	ck_assert_uint_eq(doc->n_toks, 3);
	ck_assert(doc->toks[1].flags & NG_TOK_ABBR);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_gen_title_versus_given_name)
{
	/* "Gen." is the title and does not end the sentence; "Gen" is a word. */
	ng_doc *doc = fx_doc("Gen. Mark Milley spoke. Gen Nakatani answered.");
	ck_assert_uint_eq(doc->n_sents, 2);
	ck_assert(doc->toks[0].flags & NG_TOK_ABBR);
	ck_assert(!(doc->toks[5].flags & NG_TOK_ABBR));
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_headline_without_period_is_a_sentence)
{
	ng_doc *doc = fx_doc("Brazil Hosts Summit\n\nLeaders met in Brasilia on Monday.");
	ck_assert_uint_eq(doc->n_sents, 2);
	ck_assert(doc->sents[0].flags & NG_SENT_HEADLINE);
	ck_assert(!(doc->sents[1].flags & NG_SENT_HEADLINE));
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

START_TEST(test_quote_closes_sentence)
{
	ng_doc *doc = fx_doc("\"We are ready.\" The minister left.");
	ck_assert_uint_eq(doc->n_sents, 2);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_boilerplate_lines_marked)
{
	ng_doc *doc = fx_doc("Kenya joined the African Union.\n"
	                     "Press \"Enter\" to skip to content\n"
	                     "Topics :KenyaAU\n"
	                     "Related Stories\n"
	                     "Ghana joined the African Union.\n");
	ck_assert_uint_eq(count_sentences(doc, 0), 1);
	ck_assert_uint_eq(count_sentences(doc, 1), 4);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_price_and_subscription_lines_are_boilerplate)
{
	ng_doc *doc = fx_doc("Chile signed the deal.\n\xE2\x82\xB9" "900\n3 Months\nSAVE 25%\n");
	ck_assert_uint_eq(count_sentences(doc, 0), 1);
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_unanchored_boilerplate_rules_in_any_case)
{
	/* Rules that match anywhere in a line go through a literal filter
	 * first; the filter must not lose matches in other cases or around
	 * non-ASCII text. */
	ng_doc *doc = fx_doc("Kenya joined the African Union.\n"
	                     "Officials met (PHOTO: Reuters) on Monday\n"
	                     "\xC2\xA9 2025 Example. ALL RIGHTS RESERVED\n"
	                     "Nairobi \xE2\x80\x94 5 Min Read\n"
	                     "Readers reserved all rights to the feed.\n");
	ck_assert_uint_eq(count_sentences(doc, 0), 2);
	ck_assert(!(doc->sents[doc->n_sents - 1].flags & NG_SENT_BOILER));
	ng_doc_free(doc);
	/* A long S (U+017F) matches s caselessly: such lines are never
	 * filtered out. */
	doc = fx_doc("Ghana joined the African Union.\n\xC5\xBFyndicated feed\n");
	ck_assert_uint_eq(count_sentences(doc, 1), 1);
	ng_doc_free(doc);
	/* Other characters outside ASCII do not keep the filter from its
	 * verdict either way. */
	doc = fx_doc("Mali joined the African Union \xE2\x80\x94 in 2025.\n"
	             "\xE2\x80\x9C" "All rights reserved\xE2\x80\x9D\n");
	ck_assert_uint_eq(count_sentences(doc, 0), 1);
	ck_assert_uint_eq(count_sentences(doc, 1), 1);
	ng_doc_free(doc);
}
END_TEST

/* The literal filter of boilerplate.c lets a line outside ASCII pass it
 * only if it holds U+017F or U+212A: no other character matches an ASCII
 * one caselessly, as the rules are compiled (UTF, caseless, no UCP). */
START_TEST(test_only_long_s_and_kelvin_match_ascii_caselessly)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *re = pcre2_compile((PCRE2_SPTR) "^[\\x{01}-\\x{7f}]$", PCRE2_ZERO_TERMINATED,
	                               PCRE2_UTF | PCRE2_CASELESS, &err, &off, NULL);
	pcre2_match_data *md = pcre2_match_data_create(1, NULL);
	uint32_t cp, wrong = 0;

	ck_assert_ptr_nonnull(re);
	ck_assert_ptr_nonnull(md);
	/* One assertion at the end: Check reports each passing one to its
	 * parent process, which over a million code points takes seconds. */
	for (cp = 0x80; cp <= 0x10FFFF; cp++) {
		unsigned char u[4];
		size_t n;
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		if (cp < 0x800) {
			u[0] = (unsigned char)(0xC0 | cp >> 6);
			u[1] = (unsigned char)(0x80 | (cp & 0x3F));
			n = 2;
		} else if (cp < 0x10000) {
			u[0] = (unsigned char)(0xE0 | cp >> 12);
			u[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
			u[2] = (unsigned char)(0x80 | (cp & 0x3F));
			n = 3;
		} else {
			u[0] = (unsigned char)(0xF0 | cp >> 18);
			u[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
			u[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
			u[3] = (unsigned char)(0x80 | (cp & 0x3F));
			n = 4;
		}
		if ((pcre2_match(re, u, n, 0, 0, md, NULL) >= 0) != (cp == 0x17F || cp == 0x212A) &&
		    !wrong)
			wrong = cp;
	}
	ck_assert_msg(!wrong, "U+%04X", (unsigned)wrong);
	pcre2_match_data_free(md);
	pcre2_code_free(re);
}
END_TEST

START_TEST(test_word_flags_and_keys)
{
	ng_doc *doc = fx_doc("NATO chief McDonald met JAPAN's envoy in Japan on 3.5 deals, "
	                     "Internationalization \xC3\x89" "COLE iPhone x");
	const char *s = doc->text.norm;
	size_t i;
	uint32_t japan = ng_dict_key(&fx_kb->dict, "japan", 5);

	ck_assert_uint_ne(japan, 0);
	for (i = 0; i < doc->n_toks; i++) {
		const ng_token *t = &doc->toks[i];
		size_t n = t->e - t->b;
		if (n == 4 && !memcmp(s + t->b, "NATO", 4))
			ck_assert_uint_eq(t->flags & (NG_TOK_CAP | NG_TOK_UPPER), NG_TOK_CAP | NG_TOK_UPPER);
		if (n == 8 && !memcmp(s + t->b, "McDonald", 8))
			ck_assert(!(t->flags & NG_TOK_UPPER) && (t->flags & NG_TOK_CAP));
		if (n == 5 && !strncasecmp(s + t->b, "japan", 5))
			ck_assert_uint_eq(t->key, japan);
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

START_TEST(test_long_word_interned_after_prepare_is_found)
{
	/* Past eight bytes a word interned since prepare is still found (the
	 * tables of prepare do not know it); a shorter one is not. */
	ng_knowledge *kb = ng_knowledge_new();
	ng_doc *doc = NULL;
	uint32_t longer, shorter;
	const char *text = "Zyxwvutsrqp Zyxwvu";

	ck_assert_ptr_nonnull(kb);
	ck_assert_int_eq(ng_knowledge_load_dir(kb, NG_SRCDIR "/ontology"), NG_OK);
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

START_TEST(test_title_and_alias_flags_mark_heads)
{
	/* Short and long words (the two dictionary lookups), a word the
	 * gazetteers do not know, and punctuation. */
	ng_doc *doc = fx_doc("Secretary General Mark Rutte met Managing Director Zyxwvutsrq "
	                     "and the secretary-general in Japan, Internationalization.");
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
	ng_doc *doc = fx_doc("Defence Minister Gen Nakatani visited HMS Prince of Wales.\n"
	                     "He spoke at Tokyo International University. Rain fell\n\n"
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

START_TEST(test_metadata_title_and_date)
{
	ng_doc *doc = fx_doc("Skip to content\nPeru elects a president\nLima, Apr 08 2025 | 9:50 PM\nText.");
	ck_assert_str_eq(doc->title, "Peru elects a president");
	ck_assert_str_eq(doc->date, "2025-04-08");
	ng_doc_free(doc);
	doc = fx_doc("Title\nPublished 2024-02-30 and 2024-03-01.");
	ck_assert_str_eq(doc->date, "2024-03-01");
	ng_doc_free(doc);
	doc = fx_doc("Title\nOn March 9, 2023 it rained.");
	ck_assert_str_eq(doc->date, "2023-03-09");
	ng_doc_free(doc);
}
END_TEST

START_TEST(test_same_text_same_article_iri)
{
	ng_doc *a = fx_doc("Same text.");
	ng_doc *b = fx_doc("Same text.");
	ng_doc *c = fx_doc("Other text.");
	ck_assert_str_eq(a->article_id, b->article_id);
	ck_assert_str_ne(a->article_id, c->article_id);
	ng_doc_free(a);
	ng_doc_free(b);
	ng_doc_free(c);
}
END_TEST

START_TEST(test_doc_free_null_is_noop)
{
	ng_doc_free(NULL);
	ng_knowledge_free(NULL);
	ng_writer_free(NULL);
}
END_TEST

static Suite *
segment_suite(void)
{
	Suite *s = suite_create("segment");
	TCase *core = tcase_create("core");
	TCase *errors = tcase_create("errors");

	tcase_add_unchecked_fixture(core, fx_setup, fx_teardown);
	tcase_add_test(core, test_abbreviations_do_not_end_sentences);
	tcase_add_test(core, test_initials_are_one_token);
	tcase_add_test(core, test_gen_title_versus_given_name);
	tcase_add_test(core, test_headline_without_period_is_a_sentence);
	tcase_add_test(core, test_hyphenated_name_and_possessive);
	tcase_add_test(core, test_quote_closes_sentence);
	tcase_add_test(core, test_boilerplate_lines_marked);
	tcase_add_test(core, test_price_and_subscription_lines_are_boilerplate);
	tcase_add_test(core, test_unanchored_boilerplate_rules_in_any_case);
	tcase_add_test(core, test_only_long_s_and_kelvin_match_ascii_caselessly);
	tcase_add_test(core, test_word_flags_and_keys);
	tcase_add_test(core, test_words_to_sixteen_bytes_find_their_keys);
	tcase_add_test(core, test_latin1_letters_fold_as_ng_fold_folds_them);
	tcase_add_test(core, test_long_word_interned_after_prepare_is_found);
	tcase_add_test(core, test_long_words_keep_their_ends_and_case);
	tcase_add_test(core, test_title_and_alias_flags_mark_heads);
	tcase_add_test(core, test_sentence_sums_up_its_tokens);
	tcase_add_test(core, test_metadata_title_and_date);
	tcase_add_test(core, test_same_text_same_article_iri);
	tcase_add_test(errors, test_doc_free_null_is_noop);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}

NG_CHECK_MAIN(segment_suite)
