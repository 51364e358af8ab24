/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of the OWL checks: tests/validate/invalid-ontology.ttl against
 * the project's ontology; each expected result is asserted. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "newsgraph.h"
#include "validate_fixture.h"

/* ------------------------------------------------------------ core */

START_TEST(test_undeclared_property_and_class_reported)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-ontology.ttl", &err);

	ck_assert_int_eq(count(v, "ng:UndeclaredTermComponent", "<" ID "undeclared>",
	                       "ng:bornIn", NULL), 1);
	ck_assert_int_eq(count(v, "ng:UndeclaredTermComponent", "<" ID "undeclared>",
	                       "rdf:type", "ng:Company"), 1);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_article_as_subject_of_visited_breaks_domain)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-ontology.ttl", &err);

	ck_assert_int_eq(count(v, "ng:DomainComponent", NULL, NULL, NULL), 1);
	ck_assert_int_eq(count(v, "ng:DomainComponent", "<" ID "article>", "ng:visited", NULL), 1);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_person_and_literal_as_visited_place_break_range)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-ontology.ttl", &err);

	ck_assert_int_eq(count(v, "ng:RangeComponent", "<" ID "jane>", "ng:visited",
	                       "<" ID "john>"), 1);
	ck_assert_int_eq(count(v, "ng:RangeComponent", "<" ID "jane>", "ng:visited",
	                       "\"Paris\""), 1);
	ck_assert_int_eq(count(v, "ng:RangeComponent", "<" ID "ukr>", "ng:gazetteerId",
	                       NULL), 1);
	ck_assert_int_eq(count(v, "ng:RangeComponent", NULL, NULL, NULL), 3);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_person_that_is_a_country_breaks_disjointness)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-ontology.ttl", &err);

	ck_assert_int_eq(count(v, "ng:DisjointClassesComponent", NULL, NULL, NULL), 1);
	ck_assert_int_eq(count(v, "ng:DisjointClassesComponent", "<" ID "both>", NULL, NULL), 1);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_two_iso_codes_break_functional_property)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-ontology.ttl", &err);

	ck_assert_int_eq(count(v, "ng:FunctionalPropertyComponent", "<" ID "ukr>",
	                       "ng:isoCode", NULL), 1);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_month_13_and_12x_are_ill_formed_literals)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-ontology.ttl", &err);

	ck_assert_int_eq(count(v, "ng:IllFormedLiteralComponent", "<" ID "article>",
	                       "dcterms:date", "\"2025-13-45\"^^xsd:date"), 1);
	ck_assert_int_eq(count(v, "ng:IllFormedLiteralComponent", "<" ID "ukr>",
	                       "ng:gazetteerId", "\"12x\"^^xsd:integer"), 1);
	/* the article shape's sh:datatype xsd:date catches the date too */
	ck_assert_int_eq(count(v, "sh:DatatypeConstraintComponent", "<" ID "article>",
	                       "dcterms:date", NULL), 1);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_facts_without_provenance_reported)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-ontology.ttl", &err);

	ck_assert_int_eq(count(v, "ng:ProvenanceComponent", NULL, NULL, NULL), 3);
	ck_assert_int_eq(count(v, "ng:ProvenanceComponent", "<" ID "jane>", "ng:visited",
	                       "<" ID "john>"), 1);
	ck_assert_int_eq(ng_validator_severity_count(v, NG_SEVERITY_VIOLATION), 14);
	ck_assert_int_eq((int)ng_validator_result_count(v), 14);
	ck_assert(!ng_validator_conforms(v));
	ng_validator_free(v);
}
END_TEST

static Suite *
owl_suite(void)
{
	Suite *s = suite_create("owl");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_undeclared_property_and_class_reported);
	tcase_add_test(tc, test_article_as_subject_of_visited_breaks_domain);
	tcase_add_test(tc, test_person_and_literal_as_visited_place_break_range);
	tcase_add_test(tc, test_person_that_is_a_country_breaks_disjointness);
	tcase_add_test(tc, test_two_iso_codes_break_functional_property);
	tcase_add_test(tc, test_month_13_and_12x_are_ill_formed_literals);
	tcase_add_test(tc, test_facts_without_provenance_reported);
	suite_add_tcase(s, tc);
	return s;
}

NG_CHECK_MAIN(owl_suite)
