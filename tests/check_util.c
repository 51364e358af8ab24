/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for util.c: the arena. */
#include "util.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "check_util.h"

START_TEST(test_arena_keeps_every_allocation_until_freed)
{
	char first[16];
	ng_arena a;
	char *s[200];
	size_t i;
	ng_arena_init(&a, first, sizeof(first));
	for (i = 0; i < 200; i++) {
		char want[8];
		snprintf(want, sizeof(want), "s%zu", i);
		ck_assert_ptr_nonnull(s[i] = ng_arena_strndup(&a, want, strlen(want)));
	}
	/* Aligned for any object, also after odd string lengths, and larger
	 * than a block. */
	for (i = 1; i < 40; i++) {
		void *p = ng_arena_alloc(&a, i * 997);
		ck_assert_ptr_nonnull(p);
		ck_assert_uint_eq((uintptr_t)p % _Alignof(max_align_t), 0);
		memset(p, 0xAB, i * 997);
	}
	for (i = 0; i < 200; i++) {
		char want[8];
		snprintf(want, sizeof(want), "s%zu", i);
		ck_assert_str_eq(s[i], want);
	}
	ck_assert_ptr_nonnull(ng_arena_strndup(&a, "", 0));
	ng_arena_free(&a);
	ng_arena_free(&a);
}
END_TEST

START_TEST(test_arena_free_of_an_empty_arena_is_noop)
{
	ng_arena a;
	ng_arena_init(&a, NULL, 0);
	ng_arena_free(&a);
	ng_arena_free(&a);
}
END_TEST

static Suite *
util_suite(void)
{
	Suite *s = suite_create("util");
	TCase *core = tcase_create("core");
	TCase *errors = tcase_create("errors");

	tcase_add_test(core, test_arena_keeps_every_allocation_until_freed);
	tcase_add_test(errors, test_arena_free_of_an_empty_arena_is_noop);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}

NG_CHECK_MAIN(util_suite)
