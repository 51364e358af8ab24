/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for idset.c: the set of article hashes of batch runs. */
#include "config.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "idset.h"

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

static Suite *
idset_suite(void)
{
	Suite *s = suite_create("idset");
	TCase *core = tcase_create("core");

	tcase_add_test(core, test_idset_finds_what_was_added_across_runs);
	suite_add_tcase(s, core);
	return s;
}

NG_CHECK_MAIN(idset_suite)
