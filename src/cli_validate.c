/* SPDX-License-Identifier: Apache-2.0 */
/* newsgraph validate: checks RDF against the ontology and the SHACL shapes.
 * Exit status 0 when the data conforms to both, 1 when either finds a
 * result, 2 when it cannot be read or the command line is wrong. The SHACL
 * report holds the SHACL results alone. */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_common.h"

static void
usage(FILE *out)
{
	fputs("Usage: newsgraph validate [OPTIONS] DATA...\n"
	      "Checks RDF data against the newsgraph ontology and SHACL shapes.\n"
	      "DATA is Turtle, N-Triples, N-Quads or RDF/XML, guessed from the file\n"
	      "name; '-' reads standard input (Turtle unless --input-format).\n"
	      "\n"
	      "  -o, --output FILE        write the SHACL validation report (Turtle) to\n"
	      "                           FILE; -r, --report FILE is the same\n"
	      "  -O, --ontology FILE      OWL ontology (default: DATADIR/newsgraph.ttl)\n"
	      "  -s, --shapes FILE        SHACL shapes (default: DATADIR/shapes.ttl)\n"
	      "  -i, --input-format NAME  syntax of DATA: turtle, ntriples, nquads, rdfxml\n"
	      "  -q, --quiet              print nothing: the exit status says it\n"
	      "  -h, --help               show this help and exit\n"
	      "  -V, --version            show the version and the data directory\n"
	      "\n"
	      "Prints one line per result, of the ontology checks (components ng:...)\n"
	      "and of the shapes, and a summary. The report holds only the SHACL\n"
	      "results: its sh:conforms says whether the data conforms to the shapes;\n"
	      "the ontology checks' results are in the printed lines alone.\n"
	      "\n"
	      "Exit status: 0 conforms to the ontology and the shapes; 1 a result of\n"
	      "either (so 1 with a report that says sh:conforms true when only the\n"
	      "ontology checks found something); 2 unreadable input or usage error.\n",
	      out);
}

static char *
join(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);

	if (p)
		snprintf(p, n, "%s/%s", dir, name);
	return p;
}

static void
print_result(const ng_validation_result *r)
{
	static const char *const sev[] = { "violation", "warning", "info" };

	printf("%s: %s", sev[r->severity], r->focus);
	if (r->path)
		printf(" %s", r->path);
	if (r->value)
		printf(" %s", r->value);
	printf(": %s (%s)\n", r->message, r->component);
}

static void
print_count(int *first, size_t n, const char *one, const char *many)
{
	if (!n)
		return;
	printf("%s%zu %s", *first ? "" : ", ", n, n == 1 ? one : many);
	*first = 0;
}

int
ng_cli_validate(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "ontology", required_argument, NULL, 'O' },
		{ "shapes", required_argument, NULL, 's' },
		{ "report", required_argument, NULL, 'r' },
		{ "input-format", required_argument, NULL, 'i' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	const char *ontology = NULL, *shapes = NULL, *report = NULL, *format = NULL;
	char *def_onto = NULL, *def_shapes = NULL;
	ng_validator *v = NULL;
	ng_status st;
	size_t i, n;
	int c, rc = 2, first = 1, quiet = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":o:O:s:r:i:qhV", opts, NULL)) != -1) {
		switch (c) {
		case 'O': ontology = optarg; break;
		case 's': shapes = optarg; break;
		case 'o':
		case 'r': report = optarg; break;
		case 'i': format = optarg; break;
		case 'q': quiet = 1; break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			ng_cli_version();
			return 0;
		default:
			return ng_cli_bad_option("validate", c, argv);
		}
	}
	if (optind >= argc) {
		fputs("newsgraph validate: no DATA given\nTry 'newsgraph validate --help'.\n", stderr);
		return 2;
	}
	if (format && !strcmp(format, "n-triples"))
		format = "ntriples";
	if (!ontology || !shapes) {
		const char *dir = ng_data_dir();

		def_onto = join(dir, "newsgraph.ttl");
		def_shapes = join(dir, "shapes.ttl");
		if (!def_onto || !def_shapes) {
			fputs("newsgraph: out of memory\n", stderr);
			goto done;
		}
		if (!ontology)
			ontology = def_onto;
		if (!shapes)
			shapes = def_shapes;
	}
	v = ng_validator_new();
	if (!v) {
		fputs("newsgraph: out of memory\n", stderr);
		goto done;
	}
	ng_validator_set_error_func(v, ng_cli_print_error, NULL);
	if (ng_validator_load_ontology(v, ontology) || ng_validator_load_shapes(v, shapes))
		goto done;
	for (i = (size_t)optind; i < (size_t)argc; i++)
		if (ng_validator_load_data(v, argv[i], format))
			goto done;
	if ((st = ng_validator_run(v)) != NG_OK) {
		if (st == NG_ERR_NOMEM)
			fputs("newsgraph: out of memory\n", stderr);
		goto done;
	}
	n = ng_validator_result_count(v);
	for (i = 0; i < n; i++) {
		ng_validation_result r;

		if (!quiet && ng_validator_result(v, i, &r) == NG_OK)
			print_result(&r);
	}
	if (report) {
		FILE *out = strcmp(report, "-") ? fopen(report, "w") : stdout;

		if (!out) {
			ng_cli_errorf(report, "cannot write the report");
			goto done;
		}
		st = ng_validator_write_report(v, out);
		if (out != stdout && fclose(out) && !st)
			st = NG_ERR_IO;
		if (st) {
			ng_cli_errorf(report, "%s", ng_strerror(st));
			goto done;
		}
		if (!quiet && ng_validator_shapes_conform(v) && !ng_validator_conforms(v))
			fprintf(stderr, "newsgraph: %s: sh:conforms true, as the "
			        "ontology checks' results are not SHACL results and "
			        "stay out of the report\n", report);
	}
	if (quiet) {
		rc = ng_validator_conforms(v) ? 0 : 1;
	} else if (fputs("newsgraph: ", stdout), ng_validator_conforms(v)) {
		printf("conforms, %zu triples\n", ng_validator_triple_count(v));
		rc = 0;
	} else {
		print_count(&first, ng_validator_severity_count(v, NG_SEVERITY_VIOLATION),
		            "violation", "violations");
		print_count(&first, ng_validator_severity_count(v, NG_SEVERITY_WARNING),
		            "warning", "warnings");
		print_count(&first, ng_validator_severity_count(v, NG_SEVERITY_INFO),
		            "info", "infos");
		printf(" in %zu triples\n", ng_validator_triple_count(v));
		rc = 1;
	}
	if (fflush(stdout)) {
		fputs("newsgraph: cannot write the output\n", stderr);
		rc = 2;
	}
done:
	ng_validator_free(v);
	free(def_onto);
	free(def_shapes);
	return rc;
}
