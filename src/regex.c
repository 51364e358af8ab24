/* SPDX-License-Identifier: Apache-2.0 */
/* Compiling and matching regular expressions, always under the limits. */
#include "config.h"

#include <pthread.h>

#include "regex.h"

pcre2_code *
ng_regex_compile(const ng_sink *sink, const char *re, size_t len,
                 const char *file, unsigned long line, uint32_t opts)
{
	int err;
	PCRE2_SIZE off;
	pcre2_code *code;

	code = pcre2_compile((PCRE2_SPTR)re, len, PCRE2_UTF | opts, &err, &off, NULL);
	if (!code) {
		PCRE2_UCHAR msg[256];
		pcre2_get_error_message(err, msg, sizeof(msg));
		ng_sink_error(sink, NG_ERR_PATTERN, file, line, 0,
		              "pattern error at offset %zu: %s", (size_t)off, (const char *)msg);
		return NULL;
	}
	/* JIT is an optimization: without it matching still works. */
	(void)pcre2_jit_compile(code, PCRE2_JIT_COMPLETE);
	return code;
}

/* One match context for the process: it only holds the limits, and
 * matching reads it without changing it, so threads share it. */
static pcre2_match_context *limits;
static pthread_once_t limits_once = PTHREAD_ONCE_INIT;

static void
limits_init(void)
{
	if ((limits = pcre2_match_context_create(NULL))) {
		pcre2_set_match_limit(limits, NG_PCRE2_MATCH_LIMIT);
		pcre2_set_depth_limit(limits, NG_PCRE2_DEPTH_LIMIT);
	}
}

int
ng_regex_match(const pcre2_code *re, const char *s, size_t len, size_t start,
               pcre2_match_data *md)
{
	int rc;

	pthread_once(&limits_once, limits_init);
	if (!limits)
		return PCRE2_ERROR_NOMEMORY;
	/* pcre2_jit_match skips pcre2_match's argument checks, which cost as
	 * much as matching a short line; it answers JIT_BADOPTION for a
	 * pattern that JIT did not compile. */
	rc = pcre2_jit_match(re, (PCRE2_SPTR)s, len, start, 0, md, limits);
	if (rc == PCRE2_ERROR_JIT_BADOPTION)
		rc = pcre2_match(re, (PCRE2_SPTR)s, len, start, PCRE2_NO_UTF_CHECK, md, limits);
	return rc;
}
