/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the XSD literal checks: lexical forms and comparison. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "newsgraph.h"
#include "triples.h"
#include "xsd.h"

/* ------------------------------------------------------------ core */

START_TEST(test_literal_lexical_forms)
{
	ng_store *st = ng_store_new();
	static const struct {
		const char *lex, *dt;
		int ok;
	} cases[] = {
		{ "2024-02-29", "date", 1 }, { "2023-02-29", "date", 0 },
		{ "2025-13-45", "date", 0 }, { "2025-01-01Z", "date", 1 },
		{ "2025-01-01T10:00:00+01:00", "dateTime", 1 },
		{ "2025-01-01 10:00:00", "dateTime", 0 },
		{ "12", "integer", 1 }, { "12x", "integer", 0 }, { "-0", "integer", 1 },
		{ "-1", "nonNegativeInteger", 0 }, { "0", "positiveInteger", 0 },
		{ "300", "byte", 0 }, { "255", "unsignedByte", 1 },
		{ "1.", "decimal", 1 }, { ".5", "decimal", 1 }, { "1e5", "decimal", 0 },
		{ "1e5", "double", 1 }, { "INF", "float", 1 }, { "inf", "float", 0 },
		{ "true", "boolean", 1 }, { "yes", "boolean", 0 },
		{ "2025", "gYear", 1 }, { "25", "gYear", 0 }, { "anything", "string", 1 },
	};
	size_t i;

	ck_assert_ptr_nonnull(st);
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char dt[128];
		ng_tid id;

		snprintf(dt, sizeof dt, NG_XSD "%s", cases[i].dt);
		id = ng_store_intern(st, NG_TERM_LITERAL, cases[i].lex, strlen(cases[i].lex),
		                     ng_store_iri(st, dt), NULL);
		ck_assert_msg(ng_xsd_valid(st, ng_store_term(st, id)) == cases[i].ok,
		              "%s^^xsd:%s", cases[i].lex, cases[i].dt);
	}
	ng_store_free(st);
}
END_TEST

START_TEST(test_numeric_and_date_comparison)
{
	ng_store *st = ng_store_new();
	ng_tid i1 = ng_store_intern(st, NG_TERM_LITERAL, "1", 1, ng_store_iri(st, NG_XSD "integer"), NULL);
	ng_tid d1 = ng_store_intern(st, NG_TERM_LITERAL, "1.0", 3, ng_store_iri(st, NG_XSD "decimal"), NULL);
	ng_tid d2 = ng_store_intern(st, NG_TERM_LITERAL, "0.5", 3, ng_store_iri(st, NG_XSD "decimal"), NULL);
	ng_tid s1 = ng_store_intern(st, NG_TERM_LITERAL, "1", 1, 0, NULL);
	ng_tid t1 = ng_store_intern(st, NG_TERM_LITERAL, "2025-01-01T12:00:00Z", 20,
	                            ng_store_iri(st, NG_XSD "dateTime"), NULL);
	ng_tid t2 = ng_store_intern(st, NG_TERM_LITERAL, "2025-01-01T12:30:00+01:00", 25,
	                            ng_store_iri(st, NG_XSD "dateTime"), NULL);

	ck_assert_int_eq(ng_xsd_compare(st, i1, d1), 0);
	ck_assert_int_eq(ng_xsd_compare(st, d2, i1), -1);
	ck_assert_int_eq(ng_xsd_compare(st, s1, i1), 2);
	ck_assert_int_eq(ng_xsd_compare(st, t2, t1), -1);
	ng_store_free(st);
}
END_TEST

static Suite *
xsd_suite(void)
{
	Suite *s = suite_create("xsd");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_literal_lexical_forms);
	tcase_add_test(tc, test_numeric_and_date_comparison);
	suite_add_tcase(s, tc);
	return s;
}

NG_CHECK_MAIN(xsd_suite)
