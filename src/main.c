/* SPDX-License-Identifier: Apache-2.0 */
/* newsgraph: a thin command line over libnewsgraph. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static void
usage(FILE *out)
{
	fputs("Usage: newsgraph COMMAND [OPTIONS] ARGS...\n"
	      "Builds an RDF knowledge graph from news articles.\n"
	      "\n"
	      "Commands:\n"
	      "  extract   read articles and write RDF (Turtle, N-Triples, N-Quads)\n"
	      "  validate  check RDF against the ontology and its SHACL shapes\n"
	      "  batch     extract many articles into a directory, incrementally\n"
	      "\n"
	      "Run 'newsgraph COMMAND --help' for the options of a command.\n"
	      "  -h, --help     show this help and exit\n"
	      "  -V, --version  show the version and exit\n",
	      out);
}

void
ng_cli_print_error(void *handle, const ng_error *e)
{
	(void)handle;
	fputs("newsgraph: ", stderr);
	if (e->file)
		fprintf(stderr, "%s: ", e->file);
	if (e->line)
		fprintf(stderr, "line %lu: ", e->line);
	if (e->column)
		fprintf(stderr, "column %lu: ", e->column);
	if (e->byte >= 0)
		fprintf(stderr, "byte %lld: ", e->byte);
	if (e->warning)
		fputs("warning: ", stderr);
	fprintf(stderr, "%s\n", e->message ? e->message : ng_strerror(e->status));
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

int
ng_cli_parse_size(const char *arg, unsigned long *out)
{
	char *end;

	errno = 0;
	*out = strtoul(arg, &end, 10);
	if (errno || end == arg || *end || !*out || *arg == '-') {
		fputs("newsgraph: --max-size needs a positive number of bytes\n", stderr);
		return 2;
	}
	return 0;
}

int
ng_cli_check_base(const char *arg)
{
	if (ng_iri_is_valid(arg))
		return 0;
	fprintf(stderr, "newsgraph: --base '%s' is not an absolute IRI (a scheme, "
	        "no spaces, quotes or <>{}|^`\\)\n", arg);
	return 2;
}

int
ng_cli_data_option(ng_cli_data *d, int c, const char *arg, void (*print_usage)(FILE *))
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
		printf("newsgraph %s\n", PACKAGE_VERSION);
		return 0;
	default:
		print_usage(stderr);
		return 2;
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

int
main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : NULL;

	if (!cmd) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || !strcmp(cmd, "help")) {
		usage(stdout);
		return 0;
	}
	if (!strcmp(cmd, "-V") || !strcmp(cmd, "--version")) {
		printf("newsgraph %s\n", PACKAGE_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "extract"))
		return ng_cli_extract(argc - 1, argv + 1);
	if (!strcmp(cmd, "validate"))
		return ng_cli_validate(argc - 1, argv + 1);
	if (!strcmp(cmd, "batch"))
		return ng_cli_batch(argc - 1, argv + 1);
	fprintf(stderr, "newsgraph: unknown command '%s'\n", cmd);
	usage(stderr);
	return 2;
}
