/* SPDX-License-Identifier: Apache-2.0 */
#include "config.h"

#include <string.h>

#include "newsgraph.h"

const char *
ng_strerror(ng_status st)
{
	switch (st) {
	case NG_OK: return "success";
	case NG_ERR_NOMEM: return "out of memory";
	case NG_ERR_IO: return "input/output error";
	case NG_ERR_BAD_UTF8: return "invalid UTF-8";
	case NG_ERR_NUL: return "NUL byte in text";
	case NG_ERR_EMPTY: return "empty input";
	case NG_ERR_TOO_BIG: return "input too large";
	case NG_ERR_SYNTAX: return "syntax error";
	case NG_ERR_PATTERN: return "invalid regular expression";
	case NG_ERR_RDF: return "RDF error";
	case NG_ERR_BAD_ARG: return "invalid argument";
	case NG_ERR_NOT_FOUND: return "not found";
	case NG_ERR_LIMIT: return "limit exceeded";
	case NG_ERR_CHANGED: return "the file changed while it was read";
	case NG_ERR_GZIP: return "invalid or truncated gzip data";
	}
	return "unknown error";
}

int
ng_modality_from_name(const char *name)
{
	int m;

	for (m = NG_MOD_ASSERTED; m <= NG_MOD_REPORTED; m++)
		if (!strcmp(ng_modality_name((ng_modality)m), name))
			return m;
	return -1;
}

const char *
ng_modality_name(ng_modality m)
{
	switch (m) {
	case NG_MOD_ASSERTED: return "asserted";
	case NG_MOD_NEGATED: return "negated";
	case NG_MOD_INTENDED: return "intended";
	case NG_MOD_PLANNED: return "planned";
	case NG_MOD_REPORTED: return "reported";
	}
	return "asserted";
}
