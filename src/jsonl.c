/* SPDX-License-Identifier: Apache-2.0 */
/* JSON Lines input: one article per line, an object with "text" and
 * optionally "id", "url", "title" and "date". Parsed with jansson; a bad
 * line is reported with its number and reading goes on. */
#include "config.h"

#include "iri.h"
#include "newsgraph.h"
#include "util.h"

#include <errno.h>
#include <stdarg.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

/* Lines longer than this many times --max-size (plus a margin for the other
 * fields) are refused unread: JSON escapes take up to 6 bytes a character. */
#define NG_JSONL_ESCAPE_FACTOR 6
#define NG_JSONL_MARGIN (1024 * 1024)

struct ng_jsonl {
	FILE *in;
	char *name;
	size_t max_size;
	unsigned long line;
	ng_buf buf;
	json_t *root;
	char id_num[32];
	/* Copies of the metadata strings that hold a NUL, which becomes
	 * U+FFFD (a C string would end there), and of a date-time's date. */
	ng_buf fields[4];
	char date[11];
	ng_buf iri;
	ng_error_func err_func;
	void *err_handle;
};

ng_jsonl *
ng_jsonl_new(FILE *in, const char *name, size_t max_size)
{
	ng_jsonl *r;

	if (!in || !(r = calloc(1, sizeof(*r))))
		return NULL;
	r->in = in;
	r->max_size = max_size;
	if (!(r->name = ng_strndup(name ? name : "-", strlen(name ? name : "-")))) {
		free(r);
		return NULL;
	}
	return r;
}

void
ng_jsonl_free(ng_jsonl *r)
{
	size_t i;

	if (!r)
		return;
	if (r->root)
		json_decref(r->root);
	ng_buf_free(&r->buf);
	for (i = 0; i < 4; i++)
		ng_buf_free(&r->fields[i]);
	ng_buf_free(&r->iri);
	free(r->name);
	free(r);
}

void
ng_jsonl_set_error_func(ng_jsonl *r, ng_error_func func, void *handle)
{
	r->err_func = func;
	r->err_handle = handle;
}

static ng_status
vreport(const ng_jsonl *r, int warning, ng_status st, unsigned long column, const char *fmt,
        va_list ap)
{
	char msg[512];
	ng_error e;

	if (!r->err_func)
		return st;
	vsnprintf(msg, sizeof(msg), fmt, ap);
	e.status = st;
	e.warning = warning;
	e.file = r->name;
	e.line = r->line;
	e.column = column;
	e.byte = -1;
	e.message = msg;
	r->err_func(r->err_handle, &e);
	return st;
}

static ng_status
report(const ng_jsonl *r, ng_status st, unsigned long column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static ng_status
report(const ng_jsonl *r, ng_status st, unsigned long column, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	st = vreport(r, 0, st, column, fmt, ap);
	va_end(ap);
	return st;
}

/* A warning: the line is still read. */
static void
warn(const ng_jsonl *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
warn(const ng_jsonl *r, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vreport(r, 1, NG_ERR_SYNTAX, 0, fmt, ap);
	va_end(ap);
}

/* Reads one line into r->buf without its newline. Sets *over when the line
 * is longer than limit (0: no limit); its rest is then skipped unread.
 * Returns 1 for a line, 0 at the end, -1 on a read error. */
static int
read_line(ng_jsonl *r, size_t limit, int *over)
{
	char chunk[4096];
	size_t n = 0;
	int c, got = 0;

	ng_buf_clear(&r->buf);
	*over = 0;
	flockfile(r->in);
	while ((c = getc_unlocked(r->in)) != EOF) {
		got = 1;
		if (c == '\n')
			break;
		if (*over)
			continue;
		chunk[n++] = (char)c;
		if (n == sizeof(chunk)) {
			if (ng_buf_add(&r->buf, chunk, n))
				goto fail;
			n = 0;
			if (limit && r->buf.len > limit) {
				*over = 1;
				ng_buf_clear(&r->buf);
			}
		}
	}
	if (n && !*over && ng_buf_add(&r->buf, chunk, n))
		goto fail;
	if (limit && r->buf.len > limit) {
		*over = 1;
		ng_buf_clear(&r->buf);
	}
	funlockfile(r->in);
	return ferror(r->in) ? -1 : got;
fail:
	funlockfile(r->in);
	return -1;
}

/* The string field key, whole: a NUL in it (JSON's \u0000) becomes U+FFFD
 * in a copy, buf, rather than ending it. */
static ng_status
get_string(const ng_jsonl *r, json_t *root, const char *key, ng_buf *buf, const char **out)
{
	json_t *v = json_object_get(root, key);
	const char *s;
	size_t n, i;

	*out = NULL;
	if (!v || json_is_null(v))
		return NG_OK;
	if (!json_is_string(v))
		return report(r, NG_ERR_SYNTAX, 0, "malformed JSON line: \"%s\" is not a string", key);
	s = json_string_value(v);
	n = json_string_length(v);
	if (strlen(s) == n) {
		*out = s;
		return NG_OK;
	}
	ng_buf_clear(buf);
	for (i = 0; i < n; i++)
		if (s[i] ? ng_buf_addc(buf, s[i]) : ng_buf_adds(buf, "\xEF\xBF\xBD"))
			return NG_ERR_NOMEM;
	*out = buf->buf;
	return NG_OK;
}

ng_status
ng_jsonl_next(ng_jsonl *r, ng_jsonl_article *art)
{
	size_t limit = 0;
	json_error_t jerr;
	json_t *v;
	int over, got;
	ng_status st;

	memset(art, 0, sizeof(*art));
	if (r->root) {
		json_decref(r->root);
		r->root = NULL;
	}
	if (r->max_size)
		limit = r->max_size * NG_JSONL_ESCAPE_FACTOR + NG_JSONL_MARGIN;
	do {
		if ((got = read_line(r, limit, &over)) < 0)
			return report(r, NG_ERR_IO, 0, "read error: %s", strerror(errno));
		if (!got)
			return NG_OK;
		r->line++;
		art->line = r->line;
		if (over)
			return report(r, NG_ERR_TOO_BIG, 0, "line larger than --max-size");
		/* Blank lines (and a CR of a CRLF line end) are not articles. */
		while (r->buf.len && (r->buf.buf[r->buf.len - 1] == '\r' ||
		                      r->buf.buf[r->buf.len - 1] == ' ' ||
		                      r->buf.buf[r->buf.len - 1] == '\t'))
			r->buf.buf[--r->buf.len] = '\0';
	} while (!r->buf.len);
	if (!(r->root = json_loadb(r->buf.buf, r->buf.len, JSON_ALLOW_NUL, &jerr)))
		return report(r, NG_ERR_SYNTAX, (unsigned long)jerr.column, "malformed JSON line: %s",
		              jerr.text);
	if (!json_is_object(r->root))
		return report(r, NG_ERR_SYNTAX, 0, "malformed JSON line: not an object");
	v = json_object_get(r->root, "text");
	if (!v || !json_is_string(v))
		return report(r, NG_ERR_SYNTAX, 0, "malformed JSON line: no \"text\" string");
	art->text = json_string_value(v);
	art->len = json_string_length(v);
	if (r->max_size && art->len > r->max_size) {
		art->text = NULL;
		return report(r, NG_ERR_TOO_BIG, 0, "text of %zu bytes is larger than --max-size",
		              art->len);
	}
	v = json_object_get(r->root, "id");
	if (v && json_is_integer(v)) {
		snprintf(r->id_num, sizeof(r->id_num), "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		art->meta.id = r->id_num;
	} else if ((st = get_string(r, r->root, "id", &r->fields[0], &art->meta.id))) {
		art->text = NULL;
		return st;
	}
	if ((st = get_string(r, r->root, "url", &r->fields[1], &art->meta.url)) ||
	    (st = get_string(r, r->root, "title", &r->fields[2], &art->meta.title)) ||
	    (st = get_string(r, r->root, "date", &r->fields[3], &art->meta.date))) {
		art->text = NULL;
		return st;
	}
	/* What the output cannot state is left out, and said. */
	if (art->meta.date) {
		if (ng_iso_date(art->meta.date, r->date)) {
			art->meta.date = r->date;
		} else {
			char *e = ng_escape(art->meta.date);
			warn(r, "\"date\" '%s' is not an ISO 8601 date or date-time: left out",
			     e ? e : "");
			free(e);
			art->meta.date = NULL;
		}
	}
	if (art->meta.url && !ng_iri_from_url(art->meta.url, &r->iri)) {
		char *e = ng_escape(art->meta.url);
		warn(r, "\"url\" '%s' cannot be made an IRI (it has no scheme): left out", e ? e : "");
		free(e);
		art->meta.url = NULL;
	}
	art->meta.source = r->name;
	art->meta.key = art->meta.id ? art->meta.id : art->meta.url;
	return NG_OK;
}
