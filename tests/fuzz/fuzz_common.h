/* SPDX-License-Identifier: Apache-2.0 */
/* Shared by the fuzz targets: the RDF round-trip check and small helpers.
 * Everything is static: each target is one translation unit. */
#ifndef NG_FUZZ_COMMON_H
#define NG_FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <raptor2.h>

#include "newsgraph.h"

/* Errors are expected on hostile input; the sink keeps them quiet. */
static void
fuzz_quiet(void *handle, const ng_error *error)
{
	(void)handle;
	(void)error;
}

static void
fuzz_die(const char *what, const unsigned char *s, size_t len)
{
	fprintf(stderr, "fuzz: %s: %.*s\n", what, (int)(len > 300 ? 300 : len), (const char *)s);
	abort();
}

/* Valid UTF-8: no overlong forms, no surrogates, nothing past U+10FFFF. */
static int
fuzz_utf8_ok(const unsigned char *s, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned c = s[i], n, k;
		uint32_t cp;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3, cp = c & 0x07;
		else
			return 0;
		for (k = 1; k <= n; k++) {
			if (i + k >= len || (s[i + k] & 0xC0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
		i += n + 1;
	}
	return 1;
}

/* An absolute IRI: a scheme, then no space, control or character that
 * RFC 3987 excludes (<>"{}|^`\), and valid UTF-8. */
static void
fuzz_check_iri(raptor_uri *uri)
{
	size_t len, i;
	const unsigned char *s = raptor_uri_as_counted_string(uri, &len);

	if (!len || !((s[0] | 0x20) >= 'a' && (s[0] | 0x20) <= 'z'))
		fuzz_die("IRI without a scheme", s, len);
	for (i = 1; i < len && s[i] != ':'; i++)
		if (!((s[i] | 0x20) >= 'a' && (s[i] | 0x20) <= 'z') && !(s[i] >= '0' && s[i] <= '9') &&
		    !strchr("+-.", s[i]))
			fuzz_die("IRI with a bad scheme", s, len);
	if (i == len)
		fuzz_die("IRI without a scheme", s, len);
	for (i = 0; i < len; i++)
		if (s[i] <= 0x20 || s[i] == 0x7F || strchr("<>\"{}|^`\\", s[i]))
			fuzz_die("IRI with a forbidden character", s, len);
	if (!fuzz_utf8_ok(s, len))
		fuzz_die("IRI with invalid UTF-8", s, len);
}

/* A literal: valid UTF-8 with no control character but tab and no
 * noncharacter U+FFFE or U+FFFF, as ng_clean_literal promises. */
static void
fuzz_check_literal(const raptor_term *t)
{
	const unsigned char *s = t->value.literal.string;
	size_t len = t->value.literal.string_len, i;

	if (!fuzz_utf8_ok(s, len))
		fuzz_die("literal with invalid UTF-8", s, len);
	for (i = 0; i < len; i++) {
		if ((s[i] < 0x20 && s[i] != '\t') || s[i] == 0x7F)
			fuzz_die("literal with a control character", s, len);
		if (s[i] == 0xC2 && i + 1 < len && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)
			fuzz_die("literal with a C1 control character", s, len);
		if (s[i] == 0xEF && i + 2 < len && s[i + 1] == 0xBF && (s[i + 2] == 0xBE || s[i + 2] == 0xBF))
			fuzz_die("literal with U+FFFE or U+FFFF", s, len);
	}
	if (t->value.literal.datatype)
		fuzz_check_iri(t->value.literal.datatype);
}

static void
fuzz_check_term(const raptor_term *t)
{
	if (!t)
		return;
	if (t->type == RAPTOR_TERM_TYPE_URI)
		fuzz_check_iri(t->value.uri);
	else if (t->type == RAPTOR_TERM_TYPE_LITERAL)
		fuzz_check_literal(t);
	else if (t->type == RAPTOR_TERM_TYPE_BLANK)
		fuzz_die("a blank node in newsgraph output", (const unsigned char *)"", 0);
}

typedef struct {
	size_t statements;
	size_t errors;
	int check_terms;
} fuzz_parse;

static void
fuzz_statement(void *handle, raptor_statement *st)
{
	fuzz_parse *p = handle;

	p->statements++;
	if (p->check_terms) {
		fuzz_check_term(st->subject);
		fuzz_check_term(st->predicate);
		fuzz_check_term(st->object);
		fuzz_check_term(st->graph);
	}
}

static void
fuzz_log(void *handle, raptor_log_message *m)
{
	fuzz_parse *p = handle;

	if (m->level >= RAPTOR_LOG_LEVEL_WARN) {
		p->errors++;
		fprintf(stderr, "fuzz: raptor: %s\n", m->text ? m->text : "?");
	}
}

/* Parses len bytes of RDF in syntax; aborts if raptor warns or fails, and
 * checks every term when check_terms is set. Returns the statement count. */
static size_t
fuzz_reparse(raptor_world *world, const char *syntax, const char *buf, size_t len,
             int check_terms)
{
	fuzz_parse p = {0, 0, check_terms};
	raptor_parser *parser = raptor_new_parser(world, syntax);
	raptor_uri *base = raptor_new_uri(world, (const unsigned char *)"https://example.org/fuzz");

	if (!parser || !base)
		abort();
	raptor_world_set_log_handler(world, &p, fuzz_log);
	raptor_parser_set_statement_handler(parser, &p, fuzz_statement);
	if (raptor_parser_parse_start(parser, base) ||
	    raptor_parser_parse_chunk(parser, (const unsigned char *)buf, len, 1) || p.errors)
		fuzz_die("newsgraph wrote RDF that raptor rejects", (const unsigned char *)buf, len);
	raptor_free_parser(parser);
	raptor_free_uri(base);
	return p.statements;
}

/* Writes len bytes to a fresh temporary file; returns its name (static). */
static const char *
fuzz_temp_file(const uint8_t *data, size_t len, const char *suffix)
{
	static char path[64];
	int fd;

	snprintf(path, sizeof(path), "/tmp/ng-fuzz-%ld-XXXXXX%s", (long)getpid(), suffix);
	if ((fd = mkstemps(path, (int)strlen(suffix))) < 0)
		abort();
	if (len && write(fd, data, len) != (ssize_t)len)
		abort();
	close(fd);
	return path;
}

#endif /* NG_FUZZ_COMMON_H */
