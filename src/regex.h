/* SPDX-License-Identifier: Apache-2.0 */
/* Regular expressions through PCRE2: compiled with errors reported by file
 * and line, and always matched under the project's limits. Not installed. */
#ifndef NG_REGEX_H
#define NG_REGEX_H

#include <stddef.h>
#include <stdint.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "datafile.h"

/* Limits that keep a crafted expression or text from taking unbounded
 * time: a match that reaches one fails as if it found nothing. */
#define NG_PCRE2_MATCH_LIMIT 1000000
#define NG_PCRE2_DEPTH_LIMIT 10000

/* Compiles re (UTF, with opts), then JIT-compiles it when it can; reports
 * a syntax error with file, line and the offset in the expression. */
pcre2_code *ng_regex_compile(const ng_sink *sink, const char *re, size_t len,
                             const char *file, unsigned long line, uint32_t opts);
/* Matches re in s[0, len) from start, under the limits; s is valid UTF-8
 * (it is not checked again). Returns what pcre2_match returns. */
int ng_regex_match(const pcre2_code *re, const char *s, size_t len, size_t start,
                   pcre2_match_data *md);

#endif /* NG_REGEX_H */
