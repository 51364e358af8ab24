/* SPDX-License-Identifier: Apache-2.0 */
/* Reading the TAB-separated data files, with errors by file and line. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datafile.h"
#include "text.h"
#include "util.h"

void
ng_sink_error(const ng_sink *sink, ng_status st, const char *file,
              unsigned long line, unsigned long col, const char *fmt, ...)
{
	char msg[1024];
	ng_error e;
	va_list ap;

	if (!sink || !sink->func)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	e.status = st;
	e.warning = 0;
	e.file = file;
	e.line = line;
	e.column = col;
	e.byte = -1;
	e.message = msg;
	sink->func(sink->handle, &e);
}

size_t
ng_split_tabs(char *line, char **fields, size_t max)
{
	size_t n = 0;
	char *p = line;

	while (n < max) {
		char *t = strchr(p, '\t');
		fields[n++] = p;
		if (!t)
			break;
		*t = '\0';
		p = t + 1;
	}
	return n;
}

ng_status
ng_datafile_each_line(const ng_sink *sink, const char *path, const char *what,
                      size_t max_fields, ng_datafile_line_fn fn, void *ctx)
{
	char *data = NULL, *p, *end;
	size_t len, bad;
	const char *why;
	unsigned long line = 0;
	ng_status st;

	if (max_fields > NG_DATAFILE_MAX_FIELDS)
		max_fields = NG_DATAFILE_MAX_FIELDS;
	if ((st = ng_read_file(path, &data, &len, 0))) {
		ng_sink_error(sink, st, path, 0, 0, "%s: %s", what, ng_strerror(st));
		return st;
	}
	if ((st = ng_utf8_check(data, len, &bad, &why))) {
		ng_sink_error(sink, st, path, 0, 0, "byte %zu: %s", bad, why);
		free(data);
		return st;
	}
	p = data;
	end = data + len;
	while (p < end) {
		char *nl = memchr(p, '\n', (size_t)(end - p));
		char *f[NG_DATAFILE_MAX_FIELDS];
		size_t nf;
		if (!nl)
			nl = end;
		*nl = '\0';
		line++;
		if (nl > p && nl[-1] == '\r')
			nl[-1] = '\0';
		if (*p && *p != '#') {
			nf = ng_split_tabs(p, f, max_fields);
			if ((st = fn(ctx, path, line, f, nf)))
				break;
		}
		p = nl + 1;
	}
	free(data);
	return st;
}
