/* SPDX-License-Identifier: Apache-2.0 */
/* Reading the project's TAB-separated data files, and the error sink that
 * reports a problem with its file and line. Not installed. */
#ifndef NG_DATAFILE_H
#define NG_DATAFILE_H

#include <stddef.h>

#include "newsgraph.h"

/* Where loaders report errors: the user's callback and its handle. */
typedef struct {
	ng_error_func func;
	void *handle;
} ng_sink;

/* Reports an error with its file, line and column through the sink (a
 * NULL sink or callback drops it). */
void ng_sink_error(const ng_sink *sink, ng_status st, const char *file,
                   unsigned long line, unsigned long col, const char *fmt, ...)
	__attribute__((format(printf, 6, 7)));

/* Splits a data file line into TAB-separated fields (in place). */
size_t ng_split_tabs(char *line, char **fields, size_t max);

/* The most fields a data file line is split into (a line with more has
 * the rest in its last field). */
#define NG_DATAFILE_MAX_FIELDS 8

/* Called for each line of a data file that is neither empty nor a comment
 * (#), with its fields split at tabs. A non-zero status stops the file. */
typedef ng_status (*ng_datafile_line_fn)(void *ctx, const char *file, unsigned long line,
                                         char **fields, size_t n);

/* Reads path (UTF-8, LF or CRLF lines) and calls fn for each line, split
 * into at most max_fields (up to NG_DATAFILE_MAX_FIELDS) fields. A file
 * that cannot be read or is not UTF-8 is reported through sink, with what
 * (for example "cannot read gazetteer") before the reason. */
ng_status ng_datafile_each_line(const ng_sink *sink, const char *path, const char *what,
                                size_t max_fields, ng_datafile_line_fn fn, void *ctx);

#endif /* NG_DATAFILE_H */
