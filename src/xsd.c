/* SPDX-License-Identifier: Apache-2.0 */
/* XSD literals: whether a lexical form is valid for its datatype, and the
 * order of numbers, strings and dates/times for sh:minInclusive, sh:lessThan
 * and their kin. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "xsd.h"

typedef enum {
	DT_OTHER = 0, DT_STRING, DT_BOOLEAN, DT_DECIMAL, DT_INTEGER, DT_FLOAT,
	DT_DOUBLE, DT_DATE, DT_DATETIME, DT_TIME, DT_GYEAR, DT_GYEARMONTH,
	DT_LANGSTRING
} dt_kind;

/* Integer types derived from xsd:integer, with their bounds. */
static const struct {
	const char *name;
	long double min, max;
} int_types[] = {
	{ "integer", -INFINITY, INFINITY },
	{ "nonNegativeInteger", 0, INFINITY },
	{ "positiveInteger", 1, INFINITY },
	{ "nonPositiveInteger", -INFINITY, 0 },
	{ "negativeInteger", -INFINITY, -1 },
	{ "long", -9223372036854775808.0L, 9223372036854775807.0L },
	{ "int", -2147483648.0L, 2147483647.0L },
	{ "short", -32768, 32767 },
	{ "byte", -128, 127 },
	{ "unsignedLong", 0, 18446744073709551615.0L },
	{ "unsignedInt", 0, 4294967295.0L },
	{ "unsignedShort", 0, 65535 },
	{ "unsignedByte", 0, 255 },
};

static dt_kind
dt_of(const ng_store *st, ng_tid dt, int *int_index)
{
	const char *iri;
	size_t i;

	*int_index = -1;
	if (!dt)
		return DT_OTHER;
	if (dt == ng_store_vocab(st)->xsd_string)
		return DT_STRING;
	if (dt == ng_store_vocab(st)->rdf_langString)
		return DT_LANGSTRING;
	iri = ng_store_term(st, dt)->lex;
	if (strncmp(iri, NG_XSD, sizeof NG_XSD - 1))
		return DT_OTHER;
	iri += sizeof NG_XSD - 1;
	for (i = 0; i < sizeof int_types / sizeof int_types[0]; i++)
		if (!strcmp(iri, int_types[i].name)) {
			*int_index = (int)i;
			return DT_INTEGER;
		}
	if (!strcmp(iri, "boolean"))
		return DT_BOOLEAN;
	if (!strcmp(iri, "decimal"))
		return DT_DECIMAL;
	if (!strcmp(iri, "float"))
		return DT_FLOAT;
	if (!strcmp(iri, "double"))
		return DT_DOUBLE;
	if (!strcmp(iri, "date"))
		return DT_DATE;
	if (!strcmp(iri, "dateTime") || !strcmp(iri, "dateTimeStamp"))
		return DT_DATETIME;
	if (!strcmp(iri, "time"))
		return DT_TIME;
	if (!strcmp(iri, "gYear"))
		return DT_GYEAR;
	if (!strcmp(iri, "gYearMonth"))
		return DT_GYEARMONTH;
	if (!strcmp(iri, "string") || !strcmp(iri, "normalizedString")
	    || !strcmp(iri, "token") || !strcmp(iri, "language")
	    || !strcmp(iri, "anyURI"))
		return DT_STRING;
	return DT_OTHER;
}

static size_t
digits(const char *s)
{
	size_t n = 0;

	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

/* [+-]?digits, [+-]?(digits(.digits?)?|.digits), or with an exponent. */
static int
lex_number(const char *s, int allow_point, int allow_exp)
{
	size_t a, b = 0;

	if (*s == '+' || *s == '-')
		s++;
	a = digits(s);
	s += a;
	if (allow_point && *s == '.') {
		s++;
		b = digits(s);
		s += b;
	}
	if (!a && !b)
		return 0;
	if (allow_exp && (*s == 'e' || *s == 'E')) {
		s++;
		if (*s == '+' || *s == '-')
			s++;
		if (!digits(s))
			return 0;
		s += digits(s);
	}
	return *s == '\0';
}

static int
leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Parses a timezone suffix (Z or +hh:mm) or nothing; returns the rest. */
static int
lex_tz(const char *s)
{
	if (!*s)
		return 1;
	if (!strcmp(s, "Z"))
		return 1;
	if ((s[0] == '+' || s[0] == '-') && strlen(s) == 6 && digits(s + 1) == 2
	    && s[3] == ':' && digits(s + 4) == 2) {
		int h = atoi(s + 1), m = atoi(s + 4);

		return (h < 14 && m < 60) || (h == 14 && m == 0);
	}
	return 0;
}

/* -?YYYY(-MM(-DD)?)? per @p parts; *rest gets the remaining text. */
static int
lex_ymd(const char *s, int parts, const char **rest)
{
	long y;
	int m = 1, d = 1;
	size_t n;
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (*s == '-')
		s++;
	n = digits(s);
	if (n < 4 || (n > 4 && *s == '0'))
		return 0;
	y = strtol(s, NULL, 10);
	s += n;
	if (parts >= 2) {
		if (s[0] != '-' || digits(s + 1) != 2)
			return 0;
		m = atoi(s + 1);
		s += 3;
		if (m < 1 || m > 12)
			return 0;
	}
	if (parts >= 3) {
		if (s[0] != '-' || digits(s + 1) != 2)
			return 0;
		d = atoi(s + 1);
		s += 3;
		if (d < 1 || d > mdays[m - 1] || (m == 2 && d == 29 && !leap(y)))
			return 0;
	}
	*rest = s;
	return 1;
}

static int
lex_time(const char *s, const char **rest)
{
	int h, m, sec;

	if (digits(s) != 2 || s[2] != ':' || digits(s + 3) != 2 || s[5] != ':'
	    || digits(s + 6) != 2)
		return 0;
	h = atoi(s);
	m = atoi(s + 3);
	sec = atoi(s + 6);
	s += 8;
	if (*s == '.') {
		if (!digits(s + 1))
			return 0;
		s += 1 + digits(s + 1);
	}
	if (h > 24 || m > 59 || sec > 59 || (h == 24 && (m || sec)))
		return 0;
	*rest = s;
	return 1;
}

int
ng_xsd_valid(const ng_store *st, const ng_term *t)
{
	const char *s = t->lex, *rest = NULL;
	int ii;
	long double v;

	if (t->kind != NG_TERM_LITERAL)
		return 0;
	switch (dt_of(st, t->dt, &ii)) {
	case DT_BOOLEAN:
		return !strcmp(s, "true") || !strcmp(s, "false") || !strcmp(s, "1")
		       || !strcmp(s, "0");
	case DT_INTEGER:
		if (!lex_number(s, 0, 0))
			return 0;
		v = strtold(s, NULL);
		return v >= int_types[ii].min && v <= int_types[ii].max;
	case DT_DECIMAL:
		return lex_number(s, 1, 0);
	case DT_FLOAT:
	case DT_DOUBLE:
		return lex_number(s, 1, 1) || !strcmp(s, "INF") || !strcmp(s, "-INF")
		       || !strcmp(s, "+INF") || !strcmp(s, "NaN");
	case DT_DATE:
		return lex_ymd(s, 3, &rest) && lex_tz(rest);
	case DT_DATETIME:
		return lex_ymd(s, 3, &rest) && *rest == 'T'
		       && lex_time(rest + 1, &rest) && lex_tz(rest);
	case DT_TIME:
		return lex_time(s, &rest) && lex_tz(rest);
	case DT_GYEAR:
		return lex_ymd(s, 1, &rest) && lex_tz(rest);
	case DT_GYEARMONTH:
		return lex_ymd(s, 2, &rest) && lex_tz(rest);
	case DT_LANGSTRING:
		return t->lang != NULL;
	case DT_STRING:
	default:
		return 1;
	}
}

/* Seconds since 1970 (UTC when a timezone is given) of a valid date or
 * time literal; *tz says whether it has a timezone. */
static int
time_value(const char *s, dt_kind k, long double *out, int *tz)
{
	long y = 1970;
	int m = 1, d = 1, neg = 0;
	long double secs = 0;
	const char *rest = s;

	if (k != DT_TIME) {
		if (*s == '-') {
			neg = 1;
			s++;
		}
		y = strtol(s, NULL, 10) * (neg ? -1 : 1);
		s += digits(s);
		if (k != DT_GYEAR) {
			m = atoi(s + 1);
			s += 3;
		}
		if (k == DT_DATE || k == DT_DATETIME) {
			d = atoi(s + 1);
			s += 3;
		}
		rest = s;
		if (k == DT_DATETIME)
			rest = s + 1;
	}
	if (k == DT_TIME || k == DT_DATETIME) {
		secs = atoi(rest) * 3600.0L + atoi(rest + 3) * 60.0L + strtold(rest + 6, NULL);
		rest += 8;
		if (*rest == '.')
			rest += 1 + digits(rest + 1);
	}
	*out = (long double)ng_days_from_civil(y, m, d) * 86400.0L + secs;
	*tz = *rest != '\0';
	if (*rest == '+' || *rest == '-') {
		long double off = atoi(rest + 1) * 3600.0L + atoi(rest + 4) * 60.0L;

		*out -= *rest == '+' ? off : -off;
	}
	return 0;
}

int
ng_xsd_compare(const ng_store *st, ng_tid a, ng_tid b)
{
	const ng_term *x = ng_store_term(st, a), *y = ng_store_term(st, b);
	int ia, ib, c;
	dt_kind ka, kb;

	if (!x || !y || x->kind != NG_TERM_LITERAL || y->kind != NG_TERM_LITERAL)
		return 2;
	if (!ng_xsd_valid(st, x) || !ng_xsd_valid(st, y))
		return 2;
	ka = dt_of(st, x->dt, &ia);
	kb = dt_of(st, y->dt, &ib);
	if ((ka == DT_INTEGER || ka == DT_DECIMAL || ka == DT_FLOAT || ka == DT_DOUBLE)
	    && (kb == DT_INTEGER || kb == DT_DECIMAL || kb == DT_FLOAT || kb == DT_DOUBLE)) {
		long double p = strtold(x->lex, NULL), q = strtold(y->lex, NULL);

		if (isnan(p) || isnan(q))
			return 2;
		return p < q ? -1 : p > q;
	}
	if (ka == DT_OTHER || kb == DT_OTHER || ka != kb || ka == DT_BOOLEAN)
		return 2;
	if (ka == DT_LANGSTRING && strcmp(x->lang, y->lang))
		return 2;
	if (ka == DT_STRING && x->dt != y->dt)
		return 2;
	if (ka == DT_DATE || ka == DT_DATETIME || ka == DT_GYEAR
	    || ka == DT_GYEARMONTH || ka == DT_TIME) {
		long double p, q;
		int za, zb;

		/* Values with and without a timezone are not comparable. */
		if (time_value(x->lex, ka, &p, &za) || time_value(y->lex, kb, &q, &zb)
		    || za != zb)
			return 2;
		return p < q ? -1 : p > q;
	}
	/* Strings compare by code point, which UTF-8 byte order keeps. */
	c = strcmp(x->lex, y->lex);
	return c < 0 ? -1 : c > 0;
}
