/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for extsort.c: the external sort of batch runs. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "extsort.h"

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

static Suite *
extsort_suite(void)
{
	Suite *s = suite_create("extsort");
	TCase *core = tcase_create("core");

	tcase_add_test(core, test_extsort_sorts_stably_across_chunks);
	suite_add_tcase(s, core);
	return s;
}

NG_CHECK_MAIN(extsort_suite)
