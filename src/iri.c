/* SPDX-License-Identifier: Apache-2.0 */
/* IRIs: which strings are absolute IRIs that every RDF syntax takes, and
 * URLs from articles' metadata made into such IRIs. */
#include "config.h"

#include <string.h>

#include "iri.h"

/* Characters an IRI may not hold as they are (RFC 3987; N-Triples IRIREF). */
static bool
iri_forbidden(unsigned char c)
{
	return c <= 0x20 || c == 0x7f || strchr("<>\"{}|^`\\", c);
}

/* The length of the IRI's scheme with its colon, or 0 if it has none. */
static size_t
iri_scheme(const char *s)
{
	size_t i = 0;

	if (!((*s | 32) >= 'a' && (*s | 32) <= 'z'))
		return 0;
	while (s[i] && ((s[i] | 32) >= 'a' && (s[i] | 32) <= 'z' ? 1 :
	                (s[i] >= '0' && s[i] <= '9') || s[i] == '+' || s[i] == '-' || s[i] == '.'))
		i++;
	return s[i] == ':' ? i + 1 : 0;
}

int
ng_iri_is_valid(const char *iri)
{
	const unsigned char *p;

	if (!iri || !iri_scheme(iri))
		return 0;
	for (p = (const unsigned char *)iri; *p; p++) {
		if (iri_forbidden(*p))
			return 0;
		if (*p == '%' && !(ng_is_hex(p[1]) && ng_is_hex(p[2])))
			return 0;
	}
	return 1;
}

bool
ng_iri_from_url(const char *url, ng_buf *out)
{
	const unsigned char *p, *e;

	while (*url == ' ' || *url == '\t')
		url++;
	if (!iri_scheme(url))
		return false;
	for (e = (const unsigned char *)url + strlen(url); e > (const unsigned char *)url && e[-1] <= 0x20;)
		e--;
	ng_buf_clear(out);
	for (p = (const unsigned char *)url; p < e; p++) {
		bool bad = iri_forbidden(*p) || (*p == '%' && !(p + 2 < e && ng_is_hex(p[1]) && ng_is_hex(p[2])));
		if (bad ? ng_buf_printf(out, "%%%02X", *p) : ng_buf_addc(out, (char)*p))
			return false;
	}
	return out->len > 0;
}
