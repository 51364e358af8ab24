/* SPDX-License-Identifier: Apache-2.0 */
/* newsgraph batch: many articles into an output directory, incrementally,
 * in parallel, surviving kill -9. The work is done by ng_batch. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_common.h"


static void
usage(FILE *out)
{
	fputs("Usage: newsgraph batch [OPTIONS] INPUT... -o OUTDIR\n"
	      "Extracts every article of the inputs into OUTDIR, processing only new or\n"
	      "changed articles. INPUT is a file, a directory (searched recursively), a JSON\n"
	      "Lines file (*.jsonl: one {\"id\", \"url\", \"title\", \"date\", \"text\"} a line) or\n"
	      "- for JSON Lines on standard input.\n"
	      "\n"
	      "  -o, --output DIR       the output directory (required)\n"
	      "  -j, --jobs N           worker threads (default: the number of cores)\n"
	      "  -f, --format LIST      nquads, turtle or both, comma-separated (default:\n"
	      "                         nquads,turtle)\n"
	      "      --glob PATTERN     file names to read in directories (default *.txt;\n"
	      "                         *.jsonl files are read too)\n"
	      "  -b, --base IRI         base for minted IRIs (default " NG_DEFAULT_BASE ")\n"
	      "  -g, --gazetteer FILE   add or override gazetteer entries (repeatable)\n"
	      "  -p, --patterns FILE    add relation patterns (repeatable)\n"
	      "  -d, --data-dir DIR     read the data files from DIR\n"
	      "      --max-size BYTES   refuse articles larger than BYTES (default 64 MiB)\n"
	      "      --mentions         add the NIF layer: each article's text and every\n"
	      "                         mention of an entity with its offsets\n"
	      "      --no-mentions      leave it out (the default)\n"
	      "      --no-sync          do not fsync (safe against kill, not power loss)\n"
	      "      --follow-links     in directories, follow symbolic links out of the\n"
	      "                         input tree too (by default only links inside it;\n"
	      "                         files that are not regular files are skipped)\n"
	      "  -q, --quiet            no progress bar and no summary (warnings and errors\n"
	      "                         are still printed: a skipped input is always named)\n"
	      "      --stats FILE       write the summary as JSON to FILE\n"
	      "  -h, --help             show this help and exit\n"
	      "  -V, --version          show the version and the data directory, and exit\n"
	      "\n"
	      "OUTDIR holds articles/XX/HASH.nq and .ttl (one file per article), graph.nq\n"
	      "(one named graph per article) and graph.ttl, state.tsv and errors.tsv.\n"
	      "Exit status: 0 all articles succeeded, 1 some failed, 2 usage error.\n",
	      out);
}

static void
fmt_eta(char *buf, size_t n, double s)
{
	long t = s < 0 ? 0 : (long)(s + 0.5);

	if (t >= 3600)
		snprintf(buf, n, "%ld:%02ld:%02ld", t / 3600, t / 60 % 60, t % 60);
	else
		snprintf(buf, n, "%ld:%02ld", t / 60, t % 60);
}

/* A one-line progress bar on standard error (a terminal). */
static void
progress(void *handle, const ng_batch_stats *s)
{
	char eta[32] = "?";
	char bar[21];
	double mbs = s->seconds > 0 ? (double)s->done_bytes / 1e6 / s->seconds : 0;
	double frac = s->total_bytes ? (double)s->done_bytes / (double)s->total_bytes
	              : s->total ? (double)s->done / (double)s->total : 0;
	int i, fill;

	(void)handle;
	if (frac > 1)
		frac = 1;
	fill = (int)(frac * 20);
	for (i = 0; i < 20; i++)
		bar[i] = i < fill ? '#' : '.';
	bar[20] = '\0';
	if (frac > 0 && s->seconds > 0)
		fmt_eta(eta, sizeof(eta), s->seconds * (1 - frac) / frac);
	fprintf(stderr, "\r[%s] %llu/%llu articles  %.1f MB/s  ETA %s\033[K", bar, s->done,
	        s->total, mbs, eta);
	fflush(stderr);
}

static void
summary(FILE *out, const ng_batch_stats *s)
{
	fprintf(out,
	        "newsgraph: %llu articles, %llu skipped, %llu failed, %llu sentences, "
	        "%llu entities, %llu facts in %.2f s (%.1f MB/s, %u jobs)\n",
	        s->articles, s->skipped, s->failed, s->sentences, s->entities, s->facts,
	        s->seconds, s->seconds > 0 ? (double)s->bytes / 1e6 / s->seconds : 0.0, s->jobs);
}

static int
parse_formats(const char *list, unsigned *out)
{
	char *copy = strdup(list), *tok, *save = NULL;
	int rc = 0;

	*out = 0;
	if (!copy)
		return -1;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int f = ng_format_from_name(tok);
		if (f < 0 || f == NG_FORMAT_DOT) {
			rc = -1;
			break;
		}
		*out |= 1u << f;
	}
	free(copy);
	return rc || !*out ? -1 : 0;
}

/* The data files that decide the output: those of the data directory and
 * the user's, so that a change to any of them reprocesses every article. */
static int
add_config(ng_batch *b, const char *dir, const char *const *extra, size_t n)
{
	static const char *const names[] = {"lexicon.tsv", "boilerplate.tsv", "patterns.tsv"};
	char path[4096];
	glob_t g;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(*names); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		ng_batch_add_config_file(b, path); /* a missing one was reported on load */
	}
	snprintf(path, sizeof(path), "%s/gazetteer/*.tsv", dir);
	if (!glob(path, 0, NULL, &g)) {
		for (i = 0; i < g.gl_pathc; i++)
			ng_batch_add_config_file(b, g.gl_pathv[i]);
		globfree(&g);
	}
	for (i = 0; i < n; i++)
		if (ng_batch_add_config_file(b, extra[i]))
			return -1;
	return 0;
}

int
ng_cli_batch(int argc, char **argv)
{
	enum { OPT_GLOB = 256, OPT_NO_SYNC, OPT_MENTIONS, OPT_NO_MENTIONS, OPT_STATS,
	       OPT_FOLLOW_LINKS };
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"jobs", required_argument, NULL, 'j'},
		{"format", required_argument, NULL, 'f'},
		{"glob", required_argument, NULL, OPT_GLOB},
		{"base", required_argument, NULL, 'b'},
		{"gazetteer", required_argument, NULL, 'g'},
		{"patterns", required_argument, NULL, 'p'},
		{"data-dir", required_argument, NULL, 'd'},
		{"max-size", required_argument, NULL, NG_CLI_OPT_MAX_SIZE},
		{"no-sync", no_argument, NULL, OPT_NO_SYNC},
		{"follow-links", no_argument, NULL, OPT_FOLLOW_LINKS},
		{"mentions", no_argument, NULL, OPT_MENTIONS},
		{"no-mentions", no_argument, NULL, OPT_NO_MENTIONS},
		{"quiet", no_argument, NULL, 'q'},
		{"stats", required_argument, NULL, OPT_STATS},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0}
	};
	ng_batch_options opt;
	const char *outdir = NULL, *stats_path = NULL, *cfg[2 * NG_CLI_MAX_FILES];
	ng_cli_data d = {0};
	size_t i;
	ng_knowledge *kb = NULL;
	ng_batch *b = NULL;
	ng_batch_stats s;
	int c, quiet = 0, rc = 1;
	ng_status st;

	memset(&opt, 0, sizeof(opt));
	d.max_size = NG_CLI_DEFAULT_MAX_SIZE;
	optind = 1;
	while ((c = getopt_long(argc, argv, ":o:j:f:b:g:p:d:qhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': outdir = optarg; break;
		case 'j': {
			char *end;
			unsigned long n = strtoul(optarg, &end, 10);
			if (*end || !n || n > 1024) {
				fputs("newsgraph: --jobs needs a number from 1 to 1024\n", stderr);
				return 2;
			}
			opt.jobs = (unsigned)n;
			break;
		}
		case 'f':
			if (parse_formats(optarg, &opt.formats)) {
				fprintf(stderr, "newsgraph: unknown format list '%s' (nquads, turtle)\n", optarg);
				return 2;
			}
			break;
		case OPT_GLOB: opt.glob = optarg; break;
		case OPT_NO_SYNC: opt.no_sync = 1; break;
		case OPT_FOLLOW_LINKS: opt.follow_links = 1; break;
		case OPT_MENTIONS: opt.mentions = 1; break;
		case OPT_NO_MENTIONS: opt.mentions = 0; break;
		case 'q': quiet = 1; break;
		case OPT_STATS: stats_path = optarg; break;
		default:
			if ((c = ng_cli_data_option(&d, c, optarg, "batch", argv, usage)) >= 0)
				return c;
			break;
		}
	}
	opt.base = d.base;
	opt.max_size = d.max_size;
	if (!outdir || !*outdir) {
		fputs("newsgraph: batch needs an output directory (-o OUTDIR)\n", stderr);
		usage(stderr);
		return 2;
	}
	if (optind >= argc) {
		fputs("newsgraph: batch needs at least one INPUT\n", stderr);
		usage(stderr);
		return 2;
	}
	/* Data files that cannot be read or are wrong: the run cannot start,
	 * a usage error (2), not a failed article. */
	if (!(kb = ng_cli_load_knowledge(d.dir, d.gaz, d.ngaz, d.pat, d.npat))) {
		rc = 2;
		goto done;
	}
	/* The batch reports article failures itself, with their line numbers. */
	ng_knowledge_set_error_func(kb, NULL, NULL);
	if (!(b = ng_batch_new(kb, outdir, &opt))) {
		fputs("newsgraph: out of memory\n", stderr);
		goto done;
	}
	ng_batch_set_error_func(b, ng_cli_print_error, NULL);
	for (i = 0; i < d.ngaz; i++)
		cfg[i] = d.gaz[i];
	for (i = 0; i < d.npat; i++)
		cfg[d.ngaz + i] = d.pat[i];
	if (add_config(b, d.dir, cfg, d.ngaz + d.npat))
		goto done;
	for (i = (size_t)optind; i < (size_t)argc; i++)
		if (ng_batch_add_input(b, argv[i]))
			goto done;
	if (!quiet && isatty(STDERR_FILENO)) {
		ng_batch_scan(b);
		ng_batch_set_progress_func(b, progress, NULL, 0.2);
	}
	st = ng_batch_run(b);
	if (!quiet && isatty(STDERR_FILENO))
		fputs("\r\033[K", stderr);
	ng_batch_get_stats(b, &s);
	if (!quiet)
		summary(stderr, &s);
	if (stats_path) {
		FILE *f = strcmp(stats_path, "-") ? fopen(stats_path, "w") : stdout;
		if (!f || ng_batch_write_stats(b, f) || (f != stdout && fclose(f))) {
			ng_cli_errorf(stats_path, "cannot write: %s", strerror(errno));
			goto done;
		}
	}
	if (st)
		goto done;
	rc = s.failed ? 1 : 0;
done:
	ng_batch_free(b);
	ng_knowledge_free(kb);
	return rc;
}
