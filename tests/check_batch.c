/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for the JSON Lines reader and batch runs. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_util.h"
#include "extsort.h"
#include "idset.h"
#include "knowledge.h"

static ng_knowledge *kb;

static void
kb_setup(void)
{
	kb = ng_knowledge_new();
	ck_assert_ptr_nonnull(kb);
	ck_assert_int_eq(ng_knowledge_load_dir(kb, NG_SRCDIR "/ontology"), NG_OK);
	ck_assert_int_eq(ng_knowledge_prepare(kb), NG_OK);
}

static void
kb_teardown(void)
{
	ng_knowledge_free(kb);
	kb = NULL;
}

static FILE *
mem_in(const char *s)
{
	FILE *f = fmemopen((void *)s, strlen(s), "r");
	ck_assert_ptr_nonnull(f);
	return f;
}

static int n_errors;
static unsigned long last_line;

static void
count_error(void *handle, const ng_error *e)
{
	(void)handle;
	n_errors++;
	last_line = e->line;
}

/* A directory under /tmp for one test. */
static char *
tmp_dir(void)
{
	char *d = strdup("/tmp/ng-check-batch-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(d));
	return d;
}

static void
rm_rf(const char *d)
{
	char cmd[512];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", d);
	ck_assert_int_eq(system(cmd), 0);
}

static void
write_text(const char *path, const char *s)
{
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs(s, f);
	fclose(f);
}

static char *
slurp(const char *path)
{
	char *data;
	size_t len;
	ck_assert_int_eq(ng_read_file(path, &data, &len, 0), NG_OK);
	return data;
}

START_TEST(test_jsonl_reads_fields_and_skips_blank_lines)
{
	FILE *f = mem_in("{\"id\":\"a\",\"url\":\"https://x.org/1\",\"title\":\"T\","
	                 "\"date\":\"2024-05-01\",\"text\":\"Japan joined NATO.\"}\n"
	                 "\n  \n{\"id\":7,\"text\":\"caf\\u00e9\"}\r\n");
	ng_jsonl *r = ng_jsonl_new(f, "feed.jsonl", 0);
	ng_jsonl_article a;

	ck_assert_int_eq(ng_jsonl_next(r, &a), NG_OK);
	ck_assert_str_eq(a.text, "Japan joined NATO.");
	ck_assert_uint_eq(a.len, 18);
	ck_assert_str_eq(a.meta.id, "a");
	ck_assert_str_eq(a.meta.url, "https://x.org/1");
	ck_assert_str_eq(a.meta.title, "T");
	ck_assert_str_eq(a.meta.date, "2024-05-01");
	ck_assert_str_eq(a.meta.source, "feed.jsonl");
	ck_assert_uint_eq(a.line, 1);
	ck_assert_int_eq(ng_jsonl_next(r, &a), NG_OK);
	ck_assert_str_eq(a.meta.id, "7");
	ck_assert_str_eq(a.text, "caf\xc3\xa9");
	ck_assert_uint_eq(a.line, 4);
	ck_assert_int_eq(ng_jsonl_next(r, &a), NG_OK);
	ck_assert_ptr_null(a.text);
	ng_jsonl_free(r);
	fclose(f);
}
END_TEST

START_TEST(test_jsonl_free_null_is_noop)
{
	ng_jsonl_free(NULL);
	ng_batch_free(NULL);
}
END_TEST

START_TEST(test_jsonl_bad_lines_report_line_and_go_on)
{
	FILE *f = mem_in("{\"text\": \"ok\"}\n{broken\n[1,2]\n{\"id\":\"x\"}\n"
	                 "{\"text\": 5}\n{\"text\":\"t\",\"url\":3}\n{\"text\":\"last\"}\n");
	ng_jsonl *r = ng_jsonl_new(f, "f", 0);
	ng_jsonl_article a;
	unsigned long want[] = {2, 3, 4, 5, 6};
	int i;

	n_errors = 0;
	ng_jsonl_set_error_func(r, count_error, NULL);
	ck_assert_int_eq(ng_jsonl_next(r, &a), NG_OK);
	ck_assert_str_eq(a.text, "ok");
	for (i = 0; i < 5; i++) {
		ck_assert_int_eq(ng_jsonl_next(r, &a), NG_ERR_SYNTAX);
		ck_assert_uint_eq(a.line, want[i]);
		ck_assert_uint_eq(last_line, want[i]);
	}
	ck_assert_int_eq(ng_jsonl_next(r, &a), NG_OK);
	ck_assert_str_eq(a.text, "last");
	ck_assert_int_eq(n_errors, 5);
	ng_jsonl_free(r);
	fclose(f);
}
END_TEST

START_TEST(test_jsonl_text_over_max_size_is_too_big)
{
	FILE *f = mem_in("{\"text\":\"0123456789\"}\n{\"text\":\"01234\"}\n");
	ng_jsonl *r = ng_jsonl_new(f, "f", 8);
	ng_jsonl_article a;

	ck_assert_int_eq(ng_jsonl_next(r, &a), NG_ERR_TOO_BIG);
	ck_assert_uint_eq(a.line, 1);
	ck_assert_int_eq(ng_jsonl_next(r, &a), NG_OK);
	ck_assert_str_eq(a.text, "01234");
	ng_jsonl_free(r);
	fclose(f);
}
END_TEST

START_TEST(test_jsonl_nul_escape_keeps_length)
{
	FILE *f = mem_in("{\"text\":\"a\\u0000b\"}\n");
	ng_jsonl *r = ng_jsonl_new(f, "f", 0);
	ng_jsonl_article a;

	ck_assert_int_eq(ng_jsonl_next(r, &a), NG_OK);
	ck_assert_uint_eq(a.len, 3);
	ng_jsonl_free(r);
	fclose(f);
}
END_TEST

/* Runs a batch of dir into out with jobs; returns its stats. */
static ng_batch_stats
run(const char *in, const char *out, unsigned jobs)
{
	ng_batch_options o;
	ng_batch *b;
	ng_batch_stats s;

	memset(&o, 0, sizeof(o));
	o.jobs = jobs;
	o.no_sync = 1;
	b = ng_batch_new(kb, out, &o);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(ng_batch_add_input(b, in), NG_OK);
	ck_assert_int_eq(ng_batch_run(b), NG_OK);
	ng_batch_get_stats(b, &s);
	ck_assert_int_eq(ng_batch_run(b), NG_ERR_BAD_ARG); /* once only */
	ng_batch_free(b);
	return s;
}

/* Records of the external sort: a key, and where the record came from. */
typedef struct {
	uint32_t key, seq;
} rec;

static int
cmp_rec_key(const void *a, const void *b)
{
	const rec *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

/* Many records through chunks of seven: in order, none lost, none twice;
 * and the paths of no record and of one chunk. */
START_TEST(test_extsort_sorts_stably_across_chunks)
{
	static const size_t sizes[] = {0, 5, 7, 1000};
	size_t z;

	for (z = 0; z < 4; z++) {
		ng_extsort *s = ng_extsort_new("/tmp", sizeof(rec), 7, cmp_rec_key);
		FILE *f = NULL;
		size_t n = 0, i;
		uint32_t x = 12345;
		rec r, prev = {0, 0};
		ck_assert_ptr_nonnull(s);
		for (i = 0; i < sizes[z]; i++) {
			x = x * 1103515245u + 12345u;
			r.key = (x >> 16) % 50;
			r.seq = (uint32_t)i;
			ck_assert_int_eq(ng_extsort_add(s, &r), NG_OK);
		}
		ck_assert_int_eq(ng_extsort_finish(s, &f, &n), NG_OK);
		ng_extsort_free(s);
		ck_assert_uint_eq(n, sizes[z]);
		for (i = 0; i < n; i++) {
			ck_assert_int_eq(fread(&r, sizeof(r), 1, f), 1);
			if (i) {
				ck_assert_uint_le(prev.key, r.key);
				if (prev.key == r.key)
					ck_assert_uint_lt(prev.seq, r.seq);
			}
			prev = r;
		}
		ck_assert_int_eq(fread(&r, sizeof(r), 1, f), 0);
		fclose(f);
	}
}
END_TEST

/* Hashes through a set that keeps 256 in memory: every one added is found,
 * in memory and in the runs on disk, and none that was not added is. The
 * hashes that were not added fall between, before and after those that
 * were, so every block of every run is read. */
START_TEST(test_idset_finds_what_was_added_across_runs)
{
	ng_idset *s = ng_idset_new("/tmp", 256);
	uint64_t x = 88172645463325252ull;
	size_t i, n = 5000;

	ck_assert_ptr_nonnull(s);
	for (i = 0; i < n; i++) {
		/* Even hashes are added, odd ones never. */
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		ck_assert_int_eq(ng_idset_has(s, x & ~1ull), 0);
		ck_assert_int_eq(ng_idset_add(s, x & ~1ull), NG_OK);
		ck_assert_int_eq(ng_idset_has(s, x & ~1ull), 1);
	}
	ck_assert_uint_eq(ng_idset_count(s), n);
	x = 88172645463325252ull;
	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		ck_assert_int_eq(ng_idset_has(s, x & ~1ull), 1);
		ck_assert_int_eq(ng_idset_has(s, x | 1), 0);
	}
	ck_assert_int_eq(ng_idset_has(s, 1), 0);
	ck_assert_int_eq(ng_idset_has(s, UINT64_MAX), 0);
	ng_idset_free(s);
	ng_idset_free(NULL);
}
END_TEST

START_TEST(test_batch_rerun_skips_and_keeps_bytes)
{
	char *d = tmp_dir(), in[300], out[300], p[400];
	char *g1, *g2, *s1, *s2;
	ng_batch_stats s;

	snprintf(in, sizeof(in), "%s/in", d);
	snprintf(out, sizeof(out), "%s/out", d);
	ck_assert_int_eq(mkdir(in, 0755), 0);
	snprintf(p, sizeof(p), "%s/a.txt", in);
	write_text(p, "Chile joined the OECD.\n");
	snprintf(p, sizeof(p), "%s/b.txt", in);
	write_text(p, "Japan joined NATO.\n");
	snprintf(p, sizeof(p), "%s/c.txt", in);
	write_text(p, "bad \377\n");
	s = run(in, out, 2);
	ck_assert_uint_eq(s.articles, 2);
	ck_assert_uint_eq(s.failed, 1);
	ck_assert_uint_eq(s.skipped, 0);
	ck_assert_uint_gt(s.facts, 0);
	snprintf(p, sizeof(p), "%s/graph.nq", out);
	g1 = slurp(p);
	snprintf(p, sizeof(p), "%s/state.tsv", out);
	s1 = slurp(p);
	s = run(in, out, 1);
	ck_assert_uint_eq(s.articles, 0);
	ck_assert_uint_eq(s.skipped, 2);
	ck_assert_uint_eq(s.failed, 1);
	snprintf(p, sizeof(p), "%s/graph.nq", out);
	g2 = slurp(p);
	snprintf(p, sizeof(p), "%s/state.tsv", out);
	s2 = slurp(p);
	ck_assert_str_eq(g1, g2);
	ck_assert_str_eq(s1, s2);
	snprintf(p, sizeof(p), "%s/errors.tsv", out);
	free(g1);
	g1 = slurp(p);
	ck_assert_ptr_nonnull(strstr(g1, "c.txt\t\t4\tinvalid UTF-8\n"));
	free(g1);
	free(g2);
	free(s1);
	free(s2);
	rm_rf(d);
	free(d);
}
END_TEST

START_TEST(test_batch_state_survives_a_torn_last_line)
{
	char *d = tmp_dir(), in[300], out[300], p[400];
	ng_batch_stats s;
	FILE *f;

	snprintf(in, sizeof(in), "%s/in", d);
	snprintf(out, sizeof(out), "%s/out", d);
	ck_assert_int_eq(mkdir(in, 0755), 0);
	snprintf(p, sizeof(p), "%s/a.txt", in);
	write_text(p, "Chile joined the OECD.\n");
	s = run(in, out, 1);
	ck_assert_uint_eq(s.articles, 1);
	/* A kill in the middle of a state line leaves half of it. */
	snprintf(p, sizeof(p), "%s/state.tsv", out);
	f = fopen(p, "a");
	ck_assert_ptr_nonnull(f);
	fputs("0123456789abcdef", f);
	fclose(f);
	s = run(in, out, 1);
	ck_assert_uint_eq(s.skipped, 1);
	ck_assert_uint_eq(s.articles, 0);
	rm_rf(d);
	free(d);
}
END_TEST

START_TEST(test_batch_bad_outdir_fails)
{
	ng_batch *b = ng_batch_new(kb, "/proc/version/nope", NULL);

	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(ng_batch_add_input(b, NG_SRCDIR "/samples"), NG_OK);
	ck_assert_int_eq(ng_batch_add_input(b, ""), NG_ERR_BAD_ARG);
	ck_assert_int_ne(ng_batch_run(b), NG_OK);
	ng_batch_free(b);
}
END_TEST

static Suite *
batch_suite(void)
{
	Suite *s = suite_create("batch");
	TCase *core = tcase_create("core");
	TCase *errors = tcase_create("errors");

	tcase_add_checked_fixture(core, kb_setup, kb_teardown);
	tcase_add_checked_fixture(errors, kb_setup, kb_teardown);
	tcase_set_timeout(core, 60);
	tcase_add_test(core, test_jsonl_reads_fields_and_skips_blank_lines);
	tcase_add_test(core, test_jsonl_free_null_is_noop);
	tcase_add_test(core, test_jsonl_nul_escape_keeps_length);
	tcase_add_test(core, test_extsort_sorts_stably_across_chunks);
	tcase_add_test(core, test_idset_finds_what_was_added_across_runs);
	tcase_add_test(core, test_batch_rerun_skips_and_keeps_bytes);
	tcase_add_test(core, test_batch_state_survives_a_torn_last_line);
	tcase_add_test(errors, test_jsonl_bad_lines_report_line_and_go_on);
	tcase_add_test(errors, test_jsonl_text_over_max_size_is_too_big);
	tcase_add_test(errors, test_batch_bad_outdir_fails);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}

NG_CHECK_MAIN(batch_suite)
