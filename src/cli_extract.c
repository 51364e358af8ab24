/* SPDX-License-Identifier: Apache-2.0 */
/* newsgraph extract: articles in, RDF out. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <signal.h>
#include <unistd.h>

#include "cli.h"
#include "cli_common.h"


static void
usage(FILE *out)
{
	fputs("Usage: newsgraph extract [OPTIONS] FILE...\n"
	      "Reads news articles (UTF-8 text, one per file; - for standard input)\n"
	      "and writes their entities, facts and provenance as RDF.\n"
	      "\n"
	      "  -o, --output FILE      write to FILE (atomically) instead of standard output\n"
	      "  -f, --format NAME      turtle (default), ntriples, nquads, or dot (the\n"
	      "                         asserted facts as a Graphviz graph)\n"
	      "  -b, --base IRI         base for minted IRIs (default " NG_DEFAULT_BASE ")\n"
	      "  -g, --gazetteer FILE   add or override gazetteer entries (repeatable)\n"
	      "  -p, --patterns FILE    add relation patterns (repeatable)\n"
	      "  -d, --data-dir DIR     read the data files from DIR\n"
	      "      --max-size BYTES   skip articles larger than BYTES (default 64 MiB)\n"
	      "  -e, --explain          print each fact with its sentence and rule, not RDF\n"
	      "      --jsonl            FILEs are JSON Lines, one article a line with \"text\"\n"
	      "                         and optional \"id\", \"url\", \"title\", \"date\"; writes\n"
	      "                         N-Quads (or -f ntriples), a stateless filter\n"
	      "      --mentions         add the NIF layer: the article's text and every\n"
	      "                         mention of an entity with its offsets\n"
	      "      --no-mentions      leave it out (the default)\n"
	      "      --report-unknown[=FILE]  list capitalized names no gazetteer entry or\n"
	      "                         rule covered, with counts (default: standard error)\n"
	      "  -q, --quiet            no warnings (errors are still printed)\n"
	      "  -h, --help             show this help and exit\n"
	      "  -V, --version          show the version and the data directory, and exit\n",
	      out);
}

/* Names seen by --report-unknown. */
typedef struct {
	char **v;
	size_t n, cap;
} names;

static void
collect_name(void *handle, const char *name, size_t len)
{
	names *ns = handle;
	char *copy;

	if (ns->n == ns->cap) {
		size_t ncap = ns->cap ? ns->cap * 2 : 256;
		char **nv = realloc(ns->v, ncap * sizeof(*nv));
		if (!nv)
			return;
		ns->v = nv;
		ns->cap = ncap;
	}
	if (!(copy = malloc(len + 1)))
		return;
	memcpy(copy, name, len);
	copy[len] = '\0';
	ns->v[ns->n++] = copy;
}

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

typedef struct {
	const char *name;
	size_t count;
} name_count;

static int
cmp_count(const void *pa, const void *pb)
{
	const name_count *a = pa, *b = pb;
	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* Prints "COUNT<TAB>NAME" lines, most frequent first. */
static int
report_names(names *ns, const char *path)
{
	FILE *f = path ? fopen(path, "w") : stderr;
	name_count *c;
	size_t i, n = 0;

	if (!f) {
		ng_cli_errorf(path, "%s", strerror(errno));
		return 1;
	}
	if (ns->n)
		qsort(ns->v, ns->n, sizeof(*ns->v), cmp_str);
	if (!(c = calloc(ns->n + 1, sizeof(*c)))) {
		if (path)
			fclose(f);
		return 1;
	}
	for (i = 0; i < ns->n; i++) {
		if (n && !strcmp(c[n - 1].name, ns->v[i]))
			c[n - 1].count++;
		else {
			c[n].name = ns->v[i];
			c[n++].count = 1;
		}
	}
	if (n)
		qsort(c, n, sizeof(*c), cmp_count);
	for (i = 0; i < n; i++)
		fprintf(f, "%zu\t%s\n", c[i].count, c[i].name);
	free(c);
	for (i = 0; i < ns->n; i++)
		free(ns->v[i]);
	free(ns->v);
	return path && fclose(f) ? 1 : 0;
}

/* What process and process_jsonl return when the output cannot be
 * written: the run stops, as every later article would fail alike. */
#define OUTPUT_FAILED 3

/* Says once why the output cannot be written. */
static int
output_failed(const ng_writer *w, const char *output, bool keeps, ng_status st)
{
	int e = ng_writer_errno(w);

	ng_cli_errorf(output ? output : "stdout", "write error: %s%s",
	              e ? strerror(e) : ng_strerror(st), keeps ? "; the previous file is kept" : "");
	return OUTPUT_FAILED;
}

typedef struct {
	names *unknown;
	const char *output;
	bool keeps;        /* output is written beside the file it replaces */
	int format;
	const char *base;
	int explain;
	unsigned long max_size;
} options;

/* The temporary output file, removed if the run is interrupted. */
static char *volatile tmp_output;

static void
on_signal(int sig)
{
	char *p = tmp_output;

	if (p)
		unlink(p);
	signal(sig, SIG_DFL);
	raise(sig);
}

static void
explain_doc(FILE *out, const ng_doc *doc, const char *name)
{
	size_t i, n = ng_doc_fact_count(doc);

	if (!ng_doc_date(doc))
		fprintf(out, "%s: no article date: the gazetteer's dated offices are not used\n", name);
	for (i = 0; i < n; i++) {
		ng_fact_info f;
		if (ng_doc_fact(doc, i, &f))
			continue;
		fprintf(out, "%s: %s %s %s [%s, rule %s, confidence %.2f]\n", name, f.subject,
		        f.property, f.object, ng_modality_name(f.modality), f.rule, f.confidence);
		fprintf(out, "    chars %zu-%zu: %s\n", f.sentence_begin, f.sentence_end, f.sentence);
		if (f.matched)
			fprintf(out, "    matched: %s\n", f.matched);
		if (f.date)
			fprintf(out, "    date: %s (%s)\n", f.date, f.date_text);
	}
}

/* Does the name end in ".gz"? */
static bool
gz_name(const char *path)
{
	size_t n = strlen(path);

	return n > 3 && !strcmp(path + n - 3, ".gz");
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');
	return s ? s + 1 : path;
}

/* Processes a JSON Lines file, one article a line, each written on its own:
 * a stateless filter whose outputs merge by concatenation. Returns 0 on
 * success, 1 when some line failed (already reported). */
static int
process_jsonl(const ng_knowledge *kb, ng_writer *w, FILE *out, const options *o,
              const char *path)
{
	FILE *in = ng_open_input(path); /* gzip or not */
	ng_jsonl *r;
	ng_jsonl_article a;
	int failed = 0;
	ng_status st;

	if (!in) {
		ng_cli_errorf(path, "byte 0: %s", errno == ENOENT ? "no such file" : strerror(errno));
		return 1;
	}
	if (!(r = ng_jsonl_new(in, path, o->max_size))) {
		fclose(in);
		return 1;
	}
	ng_jsonl_set_error_func(r, ng_cli_print_error, NULL);
	while ((st = ng_jsonl_next(r, &a)) != NG_ERR_IO && st != NG_ERR_NOMEM) {
		ng_doc *doc = NULL;
		ng_error err;
		if (st) {
			failed = 1;
			continue;
		}
		if (!a.text)
			break;
		if ((st = ng_doc_analyze(kb, a.text, a.len, &a.meta, &doc, &err))) {
			if (err.byte >= 0)
				ng_cli_print_error(NULL, &err);
			else
				ng_cli_errorf(path, "line %lu: %s", a.line, ng_strerror(st));
			failed = 1;
			continue;
		}
		if (o->explain)
			explain_doc(out, doc, a.meta.id ? a.meta.id : path);
		else if ((st = ng_writer_write_doc(w, doc))) {
			ng_doc_free(doc);
			if (st == NG_ERR_IO) {
				failed = output_failed(w, o->output, o->keeps, st);
				break;
			}
			ng_cli_errorf(path, "line %lu: cannot write RDF: %s", a.line, ng_strerror(st));
			failed = 1;
			continue;
		}
		ng_doc_free(doc);
	}
	if (st)
		failed = 1;
	ng_jsonl_free(r);
	fclose(in);
	return failed;
}

/* Processes one file; returns 0 on success, 1 on an error already reported. */
static int
process(const ng_knowledge *kb, ng_writer *w, FILE *out, const options *o, const char *path)
{
	char *data = NULL;
	size_t len;
	ng_doc *doc = NULL;
	ng_doc_meta meta;
	ng_error err;
	struct stat sb;
	ng_status st;

	if (strcmp(path, "-") && stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
		ng_cli_errorf(path, "byte 0: is a directory");
		return 1;
	}
	if ((st = ng_read_file(path, &data, &len, o->max_size))) {
		if (st == NG_ERR_TOO_BIG)
			ng_cli_errorf(path, "byte %lu: larger than --max-size", o->max_size);
		else
			ng_cli_errorf(path, "byte 0: %s",
			              st == NG_ERR_NOT_FOUND ? "no such file"
			              : st == NG_ERR_CHANGED || st == NG_ERR_GZIP ? ng_strerror(st)
			                                                          : strerror(errno));
		return 1;
	}
	memset(&meta, 0, sizeof(meta));
	meta.source = path;
	meta.id = strcmp(path, "-") ? base_name(path) : NULL;
	st = ng_doc_analyze(kb, data, len, &meta, &doc, &err);
	free(data);
	if (st) {
		if (err.byte >= 0)
			ng_cli_print_error(NULL, &err);
		else
			ng_cli_errorf(path, "byte 0: %s", ng_strerror(st));
		return 1;
	}
	if (o->unknown)
		ng_doc_unknown_names(doc, collect_name, o->unknown);
	if (o->explain)
		explain_doc(out, doc, meta.id ? meta.id : "-");
	else if ((st = ng_writer_write_doc(w, doc))) {
		ng_doc_free(doc);
		if (st == NG_ERR_IO)
			return output_failed(w, o->output, o->keeps, st);
		ng_cli_errorf(path, "cannot write RDF: %s", ng_strerror(st));
		return 1;
	}
	ng_doc_free(doc);
	return 0;
}

int
ng_cli_extract(int argc, char **argv)
{
	static const struct option longopts[] = {
		{"output", required_argument, NULL, 'o'},
		{"format", required_argument, NULL, 'f'},
		{"base", required_argument, NULL, 'b'},
		{"gazetteer", required_argument, NULL, 'g'},
		{"patterns", required_argument, NULL, 'p'},
		{"data-dir", required_argument, NULL, 'd'},
		{"max-size", required_argument, NULL, NG_CLI_OPT_MAX_SIZE},
		{"explain", no_argument, NULL, 'e'},
		{"jsonl", no_argument, NULL, 'J'},
		{"mentions", no_argument, NULL, 'm'},
		{"no-mentions", no_argument, NULL, 'N'},
		{"report-unknown", optional_argument, NULL, 'U'},
		{"quiet", no_argument, NULL, 'q'},
		{"help", no_argument, NULL, 'h'},
		{"version", no_argument, NULL, 'V'},
		{NULL, 0, NULL, 0}
	};
	options o = {NULL, NULL, false, NG_FORMAT_TURTLE, NULL, 0, 0};
	names unknown = {NULL, 0, 0};
	const char *unknown_path = NULL;
	int want_unknown = 0;
	ng_cli_data d = {.max_size = NG_CLI_DEFAULT_MAX_SIZE};
	int jsonl = 0, format_set = 0; /* --jsonl, and whether -f was given */
	size_t i;
	ng_knowledge *kb = NULL;
	ng_writer *w = NULL;
	FILE *out = stdout;
	char *tmp = NULL, *target = NULL;
	bool direct = false;
	int raw_fd = -1; /* -o FILE.gz: the file under the gzip stream */
	struct stat sb;
	int c, failed = 0, rc = 1, mentions = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, ":o:f:b:g:p:d:eqhV", longopts, NULL)) != -1) {
		switch (c) {
		case 'o': o.output = optarg; break;
		case 'f':
			if ((o.format = ng_format_from_name(optarg)) < 0) {
				fprintf(stderr, "newsgraph: unknown format '%s' (turtle, ntriples, nquads, dot)\n", optarg);
				return 2;
			}
			format_set = 1;
			break;
		case 'e': o.explain = 1; break;
		case 'J': jsonl = 1; break;
		case 'm': mentions = 1; break;
		case 'N': mentions = 0; break;
		case 'U':
			want_unknown = 1;
			unknown_path = optarg;
			o.unknown = &unknown;
			break;
		default:
			if ((c = ng_cli_data_option(&d, c, optarg, "extract", argv, usage)) >= 0)
				return c;
			break;
		}
	}
	o.base = d.base;
	o.max_size = d.max_size;
	if (optind >= argc) {
		fputs("newsgraph: extract needs at least one FILE (- for standard input)\n", stderr);
		usage(stderr);
		return 2;
	}
	if (jsonl && !format_set)
		o.format = NG_FORMAT_NQUADS;
	if (jsonl && (o.format == NG_FORMAT_TURTLE || o.format == NG_FORMAT_DOT)) {
		fputs("newsgraph: --jsonl writes line-based RDF: -f nquads or ntriples\n", stderr);
		return 2;
	}
	/* Data files that cannot be read or are wrong: the run cannot start,
	 * a usage error (2), not a failed article. */
	if (!(kb = ng_cli_load_knowledge(d.dir, d.gaz, d.ngaz, d.pat, d.npat))) {
		rc = 2;
		goto done;
	}
	if (o.output && strcmp(o.output, "-") && !stat(o.output, &sb) && !S_ISREG(sb.st_mode)) {
		/* A device, a pipe or a terminal: written in place, as renaming
		 * over it would replace it (-o /dev/null must stay a device). */
		if (!(out = fopen(o.output, "wb"))) {
			ng_cli_errorf(o.output, "cannot open: %s", strerror(errno));
			out = stdout;
			goto done;
		}
		direct = true;
	} else if (o.output && strcmp(o.output, "-")) {
		/* Write beside the target and rename at the end, so that a reader
		 * never sees half a file and a failed run leaves the old one. A
		 * symbolic link is followed, so that the link stays and the file
		 * it names is replaced. */
		size_t n;
		int fd;
		if (!lstat(o.output, &sb) && S_ISLNK(sb.st_mode) && (target = realpath(o.output, NULL)))
			o.output = target;
		n = strlen(o.output) + 16;
		if (!(tmp = malloc(n)))
			goto done;
		snprintf(tmp, n, "%s.XXXXXX", o.output);
		/* mkstemp makes the file private; the output gets the mode of
		 * the file it replaces, or that of a new file under the umask. */
		if (stat(o.output, &sb)) {
			mode_t mask = umask(0);
			umask(mask);
			sb.st_mode = 0666 & ~mask;
		}
		/* FILE.gz is written as gzip; the file itself is synced. */
		if ((fd = mkstemp(tmp)) >= 0 && gz_name(o.output) && (raw_fd = dup(fd)) < 0) {
			close(fd);
			unlink(tmp);
			fd = -1;
		}
		if (fd < 0 || fchmod(fd, sb.st_mode & 07777) ||
		    !(out = raw_fd >= 0 ? ng_gz_fdopen(fd, "w") : fdopen(fd, "wb"))) {
			ng_cli_errorf(o.output, "cannot create: %s", strerror(errno));
			if (raw_fd >= 0) {
				/* ng_gz_fdopen closed fd. */
				close(raw_fd);
				raw_fd = -1;
				unlink(tmp);
			} else if (fd >= 0) {
				close(fd);
				unlink(tmp);
			}
			free(tmp);
			tmp = NULL;
			out = stdout;
			goto done;
		}
		tmp_output = tmp;
		o.keeps = true;
		signal(SIGINT, on_signal);
		signal(SIGTERM, on_signal);
		signal(SIGHUP, on_signal);
	}
	if (!o.explain && !(w = ng_writer_new((ng_format)o.format, o.base, out))) {
		fputs("newsgraph: cannot start the RDF writer\n", stderr);
		goto done;
	}
	if (w)
		ng_writer_set_mentions(w, mentions);
	for (i = (size_t)optind; i < (size_t)argc && failed != OUTPUT_FAILED; i++) {
		int r = jsonl ? process_jsonl(kb, w, out, &o, argv[i]) : process(kb, w, out, &o, argv[i]);
		failed = r == OUTPUT_FAILED ? r : failed | r;
	}
	if (failed == OUTPUT_FAILED)
		goto done;
	if (w && ng_writer_finish(w)) {
		fputs("newsgraph: cannot finish the RDF output\n", stderr);
		goto done;
	}
	if (fflush(out) || ferror(out)) {
		ng_cli_errorf(o.output ? o.output : "stdout", "write error: %s%s", strerror(errno),
		              tmp ? "; the previous file is kept" : "");
		goto done;
	}
	if (direct) {
		int bad = fclose(out);
		out = stdout;
		if (bad) {
			ng_cli_errorf(o.output, "write error: %s", strerror(errno));
			goto done;
		}
	}
	if (tmp) {
		int bad = raw_fd >= 0 ? fclose(out) || fsync(raw_fd) : fsync(fileno(out)) || fclose(out);
		if (raw_fd >= 0) {
			close(raw_fd);
			raw_fd = -1;
		}
		if (bad) {
			out = NULL;
			ng_cli_errorf(o.output, "write error: %s; the previous file is kept", strerror(errno));
			goto done;
		}
		out = NULL;
		tmp_output = NULL;
		if (rename(tmp, o.output)) {
			ng_cli_errorf(o.output, "cannot rename: %s", strerror(errno));
			goto done;
		}
		free(tmp);
		tmp = NULL;
	}
	rc = failed ? 1 : 0;
	if (want_unknown && report_names(&unknown, unknown_path))
		rc = 1;
done:
	tmp_output = NULL;
	ng_writer_free(w);
	if (direct && out != stdout)
		fclose(out);
	if (tmp) {
		if (out && out != stdout)
			fclose(out);
		unlink(tmp);
		free(tmp);
	}
	if (raw_fd >= 0)
		close(raw_fd);
	free(target);
	ng_knowledge_free(kb);
	return rc;
}
