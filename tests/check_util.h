/* SPDX-License-Identifier: Apache-2.0 */
/* Shared main() and data directory for the Check unit test programs. */
#ifndef NG_CHECK_UTIL_H
#define NG_CHECK_UTIL_H

#include <check.h>
#include <stdlib.h>

/* The invented knowledge the unit tests run on (tests/data): the shipped
 * data under ontology/ grows without breaking them, and is judged end to
 * end by the gold tests instead. */
#define NG_TEST_DATA NG_SRCDIR "/tests/data"

/* Defines main() running the suite made by SUITE_FN. */
#define NG_CHECK_MAIN(SUITE_FN)                                         \
	int main(void)                                                      \
	{                                                                   \
		SRunner *sr = srunner_create(SUITE_FN());                       \
		int failed;                                                     \
		srunner_run_all(sr, CK_ENV);                                    \
		failed = srunner_ntests_failed(sr);                             \
		srunner_free(sr);                                               \
		return failed ? EXIT_FAILURE : EXIT_SUCCESS;                    \
	}

#endif /* NG_CHECK_UTIL_H */
