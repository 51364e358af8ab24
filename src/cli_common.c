/* SPDX-License-Identifier: Apache-2.0 */
/* The helpers the subcommands of the newsgraph CLI share. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_common.h"

void
ng_cli_errorf(const char *file, const char *fmt, ...)
{
	char *name = ng_escape(file);
	va_list ap;

	fprintf(stderr, "newsgraph: %s: ", name ? name : "?");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	free(name);
}

void
ng_cli_print_error(void *handle, const ng_error *e)
{
	/* Names and messages may carry bytes of hostile input: escaped. */
	char *file = e->file ? ng_escape(e->file) : NULL;
	char *msg = ng_escape(e->message ? e->message : ng_strerror(e->status));

	(void)handle;
	if (e->warning && ng_cli_quiet)
		goto done;
	fputs("newsgraph: ", stderr);
	if (e->file)
		fprintf(stderr, "%s: ", file ? file : "?");
	if (e->line)
		fprintf(stderr, "line %lu: ", e->line);
	if (e->column)
		fprintf(stderr, "column %lu: ", e->column);
	if (e->byte >= 0)
		fprintf(stderr, "byte %lld: ", e->byte);
	if (e->warning)
		fputs("warning: ", stderr);
	fprintf(stderr, "%s\n", msg ? msg : ng_strerror(e->status));
done:
	free(file);
	free(msg);
}

int
ng_cli_push(const char **list, size_t *n, const char *arg)
{
	if (*n >= NG_CLI_MAX_FILES) {
		fprintf(stderr, "newsgraph: more than %d data files\n", NG_CLI_MAX_FILES);
		return 2;
	}
	list[(*n)++] = arg;
	return 0;
}

int ng_cli_quiet;

int
ng_cli_parse_size(const char *arg, unsigned long *out)
{
	static const char units[] = "kMG";
	const char *u;
	char *end;
	unsigned long scale = 1;

	errno = 0;
	*out = strtoul(arg, &end, 10);
	/* A unit of 1024, 1024^2 or 1024^3 bytes, as sort and du take it:
	 * 64M, 10k (K too), optionally followed by B or iB. */
	if (*end && (u = strchr(units, *end == 'K' ? 'k' : *end))) {
		scale <<= 10 * (u - units + 1);
		end++;
		if (!strcmp(end, "B") || !strcmp(end, "iB"))
			end += strlen(end);
	}
	if (errno || end == arg || *end || !*out || *arg == '-' || *out > ULONG_MAX / scale) {
		fprintf(stderr, "newsgraph: --max-size '%s' is not a positive size in bytes "
		        "(a number, optionally with k, M or G)\n", arg);
		return 2;
	}
	*out *= scale;
	return 0;
}

int
ng_cli_bad_option(const char *cmd, int c, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";
	char shortopt[3] = {'-', (char)optopt, '\0'};

	/* A short option in a group ("-qz") is not the whole word. */
	if (optopt && (arg[0] != '-' || arg[1] == '-' || arg[2]))
		arg = shortopt;
	if (c == ':')
		fprintf(stderr, "newsgraph %s: option '%s' needs an argument\n", cmd, arg);
	else
		fprintf(stderr, "newsgraph %s: unrecognized option '%s'\n", cmd, arg);
	fprintf(stderr, "Try 'newsgraph %s --help'.\n", cmd);
	return 2;
}

void
ng_cli_version(void)
{
	printf("newsgraph %s\ndata directory: %s\n", PACKAGE_VERSION, ng_data_dir());
}

int
ng_cli_check_base(const char *arg)
{
	char *e;

	if (ng_iri_is_base(arg))
		return 0;
	e = ng_escape(arg);
	fprintf(stderr, "newsgraph: --base '%s' is not an absolute IRI without a fragment "
	        "(RFC 3987: a scheme, valid UTF-8, no spaces, controls, non-characters, "
	        "quotes or <>{}|^`\\, no '#')\n", e ? e : "");
	free(e);
	return 2;
}

int
ng_cli_data_option(ng_cli_data *d, int c, const char *arg, const char *cmd, char **argv,
                   void (*print_usage)(FILE *))
{
	switch (c) {
	case 'b':
		if (ng_cli_check_base(arg))
			return 2;
		d->base = arg;
		return -1;
	case 'g':
		return ng_cli_push(d->gaz, &d->ngaz, arg) ? 2 : -1;
	case 'p':
		return ng_cli_push(d->pat, &d->npat, arg) ? 2 : -1;
	case 'd':
		d->dir = arg;
		return -1;
	case NG_CLI_OPT_MAX_SIZE:
		return ng_cli_parse_size(arg, &d->max_size) ? 2 : -1;
	case 'h':
		print_usage(stdout);
		return 0;
	case 'V':
		ng_cli_version();
		return 0;
	case 'q':
		ng_cli_quiet = 1;
		return -1;
	default:
		return ng_cli_bad_option(cmd, c, argv);
	}
}

ng_knowledge *
ng_cli_load_knowledge(const char *dir, const char *const *gaz, size_t ngaz,
                      const char *const *pat, size_t npat)
{
	ng_knowledge *kb = ng_knowledge_new();
	size_t i;

	if (!kb) {
		fputs("newsgraph: out of memory\n", stderr);
		return NULL;
	}
	ng_knowledge_set_error_func(kb, ng_cli_print_error, NULL);
	if (ng_knowledge_load_dir(kb, dir ? dir : ng_data_dir()))
		goto fail;
	for (i = 0; i < ngaz; i++)
		if (ng_knowledge_add_gazetteer(kb, gaz[i]))
			goto fail;
	for (i = 0; i < npat; i++)
		if (ng_knowledge_add_patterns(kb, pat[i]))
			goto fail;
	if (ng_knowledge_prepare(kb))
		goto fail;
	return kb;
fail:
	ng_knowledge_free(kb);
	return NULL;
}
