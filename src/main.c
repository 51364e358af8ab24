/* SPDX-License-Identifier: Apache-2.0 */
/* newsgraph: a thin command line over libnewsgraph. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "cli_common.h"

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
	      "  -V, --version  show the version and the data directory, and exit\n",
	      out);
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
		ng_cli_version();
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
