/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for batch.c: batch runs over a directory, run again. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "check_util.h"
#include "knowledge.h"

static ng_knowledge *kb;

static void
kb_setup(void)
{
	kb = ng_knowledge_new();
	ck_assert_ptr_nonnull(kb);
	ck_assert_int_eq(ng_knowledge_load_dir(kb, NG_TEST_DATA), NG_OK);
	ck_assert_int_eq(ng_knowledge_prepare(kb), NG_OK);
}

static void
kb_teardown(void)
{
	ng_knowledge_free(kb);
	kb = NULL;
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

START_TEST(test_batch_rerun_skips_and_keeps_bytes)
{
	char *d = tmp_dir(), in[300], out[300], p[400];
	char *g1, *g2, *s1, *s2;
	ng_batch_stats s;

	snprintf(in, sizeof(in), "%s/in", d);
	snprintf(out, sizeof(out), "%s/out", d);
	ck_assert_int_eq(mkdir(in, 0755), 0);
	snprintf(p, sizeof(p), "%s/a.txt", in);
	write_text(p, "Valdora joined the CEC.\n");
	snprintf(p, sizeof(p), "%s/b.txt", in);
	write_text(p, "Norvania joined NORDA.\n");
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
	write_text(p, "Valdora joined the CEC.\n");
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

START_TEST(test_batch_free_null_is_noop)
{
	ng_batch_free(NULL);
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
	tcase_add_test(core, test_batch_rerun_skips_and_keeps_bytes);
	tcase_add_test(core, test_batch_state_survives_a_torn_last_line);
	tcase_add_test(errors, test_batch_free_null_is_noop);
	tcase_add_test(errors, test_batch_bad_outdir_fails);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}

NG_CHECK_MAIN(batch_suite)
