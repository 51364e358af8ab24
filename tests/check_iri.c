/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for iri.c: absolute IRIs by RFC 3987, bases, and URLs made
 * into IRIs. */
#include "config.h"

#include <string.h>

#include "iri.h"

#include "check_util.h"

static const char *const valid[] = {
	"https://w3id.org/newsgraph/id/",
	"urn:x-news:",
	"http://example.org/caf\xC3\xA9/%C3%A9#",
	"http://example.org/a?b=c&d=%20#frag/ment?",
	"http://user:pw@example.org:8080/p;q=1",
	"http://[::1]:8080/a",
	"http://[v7.fe80::a+b]/",
	"http://example.org/?q=\xEE\x80\x80",       /* iprivate, in a query */
	"http://example.org/\xF0\x9F\x98\x80",      /* a plane 1 character */
	"mailto:desk@example.org",
	NULL
};

static const char *const invalid[] = {
	"example.org/",                             /* no scheme */
	"1http://example.org/",
	"http://example.org/a#b#c",                 /* a second '#' */
	"http://example.org/\xFF",                  /* not UTF-8 */
	"http://example.org/\xC2\x85",              /* C1 control U+0085 */
	"http://example.org/\xEF\xBF\xBE",          /* non-character U+FFFE */
	"http://example.org/\xEF\xB7\x90",          /* non-character U+FDD0 */
	"http://example.org/\xEE\x80\x80",          /* iprivate outside a query */
	"http://example.org/a[b",                   /* '[' outside a host */
	"http://[zz]/",                             /* no IP literal */
	"http://[::1/",                             /* unclosed '[' */
	"http://example.org:80a/",                  /* port not digits */
	"http://exa mple.org/",
	"http://example.org/<a>",
	"http://example.org/%zz",
	"http://example.org/\\",
	NULL
};

START_TEST(test_iris_valid_by_rfc3987)
{
	size_t i;

	for (i = 0; valid[i]; i++)
		ck_assert_msg(ng_iri_is_valid(valid[i]), "refused: %s", valid[i]);
	for (i = 0; invalid[i]; i++)
		ck_assert_msg(!ng_iri_is_valid(invalid[i]), "accepted: %s", invalid[i]);
	ck_assert(!ng_iri_is_valid(NULL));
}
END_TEST

START_TEST(test_base_has_no_fragment)
{
	ck_assert(ng_iri_is_base("https://w3id.org/newsgraph/id/"));
	ck_assert(ng_iri_is_base("http://example.org/caf\xC3\xA9/"));
	ck_assert(!ng_iri_is_base("http://example.org/x#"));
	ck_assert(!ng_iri_is_base("http://example.org/x#y/"));
	ck_assert(!ng_iri_is_base("http://example.org/\xFF/"));
}
END_TEST

static const char *const urls[][2] = {
	{"http://example.org/a b#c#d", "http://example.org/a%20b#c%23d"},
	{"  http://example.org/x  ", "http://example.org/x"},
	{"http://example.org/p[1]?q=\xC2\x85", "http://example.org/p%5B1%5D?q=%C2%85"},
	{"http://example.org/\xEF\xBF\xBF/x", "http://example.org/%EF%BF%BF/x"},
	{"http://example.org/\xFF", "http://example.org/%FF"},
	{"http://[::1]:8080/x y", "http://[::1]:8080/x%20y"},
	{"http://ex ample.org/", "http://ex%20ample.org/"},
	{"http://example.org/caf\xC3\xA9", "http://example.org/caf\xC3\xA9"},
	{"http://example.org/100%", "http://example.org/100%25"},
	{NULL, NULL}
};

START_TEST(test_urls_become_valid_iris)
{
	ng_buf b = {0};
	size_t i;

	for (i = 0; urls[i][0]; i++) {
		ck_assert_msg(ng_iri_from_url(urls[i][0], &b), "no IRI from %s", urls[i][0]);
		ck_assert_str_eq(b.buf, urls[i][1]);
		ck_assert(ng_iri_is_valid(b.buf));
	}
	ng_buf_free(&b);
}
END_TEST

START_TEST(test_url_without_scheme_gives_no_iri)
{
	ng_buf b = {0};

	ck_assert(!ng_iri_from_url("no scheme here", &b));
	ck_assert(!ng_iri_from_url("", &b));
	ck_assert(!ng_iri_from_url("//example.org/", &b));
	ng_buf_free(&b);
}
END_TEST

static Suite *
iri_suite(void)
{
	Suite *s = suite_create("iri");
	TCase *core = tcase_create("core");
	TCase *errors = tcase_create("errors");

	tcase_add_test(core, test_iris_valid_by_rfc3987);
	tcase_add_test(core, test_base_has_no_fragment);
	tcase_add_test(core, test_urls_become_valid_iris);
	tcase_add_test(errors, test_url_without_scheme_gives_no_iri);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}

NG_CHECK_MAIN(iri_suite)
