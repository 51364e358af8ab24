/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests of SHACL Core: fixtures under tests/validate/ with the
 * project's shapes or small shapes of their own; each expected result or
 * error in the shapes is asserted. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_util.h"
#include "newsgraph.h"
#include "validate_fixture.h"

/* ------------------------------------------------------------ core */

START_TEST(test_entity_label_cardinality_and_length_reported)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-shapes.ttl", &err);

	ck_assert_int_eq(count(v, "sh:MaxCountConstraintComponent", "<" ID "twolabels>",
	                       "rdfs:label", NULL), 1);
	ck_assert_int_eq(count(v, "sh:MinLengthConstraintComponent", "<" ID "emptylabel>",
	                       "rdfs:label", "\"\""), 1);
	ck_assert_int_eq(count(v, "sh:MinCountConstraintComponent", "<" ID "nolabel>",
	                       "rdfs:label", NULL), 1);
	/* A blank node entity, and a record whose sentence is text. */
	ck_assert_int_eq(count(v, "sh:NodeKindConstraintComponent", NULL, NULL, NULL), 2);
	ck_assert_int_eq(count(v, "sh:NodeKindConstraintComponent", "<" ID "p2>", "ng:sentence",
	                       "\"Jane visited.\""), 1);
	ck_assert_int_eq(count(v, "sh:ClassConstraintComponent", "<" ID "p2>", "ng:sentence",
	                       "\"Jane visited.\""), 1);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_provenance_offsets_modality_and_confidence_reported)
{
	errors err;
	ng_validator *v = validate("tests/validate/invalid-shapes.ttl", &err);

	ck_assert_int_eq(count(v, "sh:LessThanOrEqualsConstraintComponent", "<" ID "s1>",
	                       "nif:beginIndex", "\"20\"^^xsd:nonNegativeInteger"), 1);
	ck_assert_int_eq(count(v, "sh:InConstraintComponent", "<" ID "p1>",
	                       "ng:modality", "ng:Rumoured"), 1);
	ck_assert_int_eq(count(v, "sh:MaxCountConstraintComponent", "<" ID "p1>",
	                       "ng:modality", NULL), 1);
	ck_assert_int_eq(count(v, "sh:MaxInclusiveConstraintComponent", "<" ID "p1>",
	                       "ng:confidence", "\"1.5\"^^xsd:decimal"), 1);
	ck_assert_int_eq(count(v, "sh:MaxCountConstraintComponent", "<" ID "a1>",
	                       "dcterms:date", NULL), 1);
	ck_assert_int_eq(count(v, "sh:MinCountConstraintComponent", "<" ID "m1>",
	                       "itsrdf:taIdentRef", NULL), 1);
	ck_assert_int_eq((int)ng_validator_result_count(v), 14);
	ng_validator_free(v);
}
END_TEST

START_TEST(test_pattern_flags_and_warning_severity)
{
	errors err;
	ng_validator *v = make(src("tests/validate/shapes-simple.ttl"), &err);
	const char *paths[1];
	ng_validation_result r;

	paths[0] = src("tests/validate/simple.ttl");
	ck_assert_int_eq(ng_validator_validate_files(v, paths, 1, NULL), NG_OK);
	ck_assert_int_eq(count(v, "sh:PatternConstraintComponent", "<http://example.org/a>",
	                       "<http://example.org/name>", "\"a1\""), 1);
	ck_assert_int_eq(count(v, "sh:HasValueConstraintComponent", NULL,
	                       "(<http://example.org/next>/<http://example.org/next>)", NULL), 2);
	ck_assert_int_eq(ng_validator_severity_count(v, NG_SEVERITY_VIOLATION), 1);
	ck_assert_int_eq(ng_validator_severity_count(v, NG_SEVERITY_WARNING), 2);
	/* sorted: the violation first */
	ck_assert_int_eq(ng_validator_result(v, 0, &r), NG_OK);
	ck_assert_int_eq(r.severity, NG_SEVERITY_VIOLATION);
	ck_assert_str_eq(r.shape ? "shape" : "none", "shape");
	ng_validator_free(v);
}
END_TEST

/* ------------------------------------------------------------ errors */

START_TEST(test_missing_shape_is_not_found)
{
	errors err;

	ck_assert_int_eq(run_with_shapes("tests/validate/shapes-missing.ttl", &err),
	                 NG_ERR_NOT_FOUND);
	ck_assert_int_eq(err.count, 1);
	ck_assert_ptr_nonnull(strstr(err.message, "NoSuchShape"));
}
END_TEST

START_TEST(test_recursive_shape_is_limit_error)
{
	errors err;

	ck_assert_int_eq(run_with_shapes("tests/validate/shapes-recursive.ttl", &err),
	                 NG_ERR_LIMIT);
	ck_assert_ptr_nonnull(strstr(err.message, "recursive"));
}
END_TEST

START_TEST(test_invalid_pattern_is_pattern_error)
{
	errors err;

	ck_assert_int_eq(run_with_shapes("tests/validate/shapes-bad-pattern.ttl", &err),
	                 NG_ERR_PATTERN);
	ck_assert_ptr_nonnull(strstr(err.message, "offset"));
}
END_TEST

static Suite *
shacl_suite(void)
{
	Suite *s = suite_create("shacl");
	TCase *tc = tcase_create("core");
	TCase *te = tcase_create("errors");

	tcase_add_test(tc, test_entity_label_cardinality_and_length_reported);
	tcase_add_test(tc, test_provenance_offsets_modality_and_confidence_reported);
	tcase_add_test(tc, test_pattern_flags_and_warning_severity);
	suite_add_tcase(s, tc);
	tcase_add_test(te, test_missing_shape_is_not_found);
	tcase_add_test(te, test_recursive_shape_is_limit_error);
	tcase_add_test(te, test_invalid_pattern_is_pattern_error);
	suite_add_tcase(s, te);
	return s;
}

NG_CHECK_MAIN(shacl_suite)
