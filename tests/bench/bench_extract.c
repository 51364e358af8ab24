/* SPDX-License-Identifier: Apache-2.0 */
/* Where the time of extract goes: the articles of a corpus (up to a cap of
 * megabytes, read into memory first) through each stage of the analysis
 * and through the writer in each syntax, in MB per CPU second of one core,
 * and the size of each syntax over the input. Run by "make bench-extract";
 * never part of "make check". */
#include "analyze.h"
#include "knowledge.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "bench_util.h"

typedef struct {
	char **text;
	size_t *len;
	size_t n, cap, bytes, max;
} corpus;

/* Reads the *.txt files under path (sorted by the directory walk) until
 * c->max bytes. */
static void
read_tree(corpus *c, const char *path)
{
	struct dirent **names;
	struct stat sb;
	int k, i;

	if (stat(path, &sb))
		return;
	if (!S_ISDIR(sb.st_mode)) {
		size_t l = strlen(path);
		if (l < 4 || strcmp(path + l - 4, ".txt") || c->bytes >= c->max)
			return;
		if (c->n == c->cap) {
			c->cap = c->cap ? 2 * c->cap : 1024;
			c->text = realloc(c->text, c->cap * sizeof(*c->text));
			c->len = realloc(c->len, c->cap * sizeof(*c->len));
			if (!c->text || !c->len)
				die("out of memory");
		}
		if (ng_read_file(path, &c->text[c->n], &c->len[c->n], 0))
			die(path);
		c->bytes += c->len[c->n++];
		return;
	}
	if ((k = scandir(path, &names, NULL, alphasort)) < 0)
		return;
	for (i = 0; i < k; i++) {
		char sub[4096];
		if (names[i]->d_name[0] != '.' &&
		    (size_t)snprintf(sub, sizeof(sub), "%s/%s", path, names[i]->d_name) < sizeof(sub))
			read_tree(c, sub);
		free(names[i]);
	}
	free(names);
}

/* CPU seconds to analyse every article up to stage, and, when w is set,
 * to write it with w; *out gets the bytes written. */
static double
run(const ng_knowledge *kb, const corpus *c, ng_stage stage, ng_writer *w, FILE *sink,
    long *out)
{
	double t0 = cpu_now();
	size_t i;

	for (i = 0; i < c->n; i++) {
		ng_doc *doc;
		if (ng_doc_analyze_stage(kb, c->text[i], c->len[i], NULL, stage, &doc, NULL))
			continue;
		if (w && ng_writer_write_doc(w, doc))
			die("write");
		ng_doc_free(doc);
	}
	if (w && ng_writer_finish(w))
		die("finish");
	if (sink) {
		fflush(sink);
		*out = ftell(sink);
	}
	return cpu_now() - t0;
}

int
main(int argc, char **argv)
{
	static const char *const fmts[] = {"turtle", "ntriples", "nquads"};
	const char *dir, *tree;
	corpus c = {0};
	ng_knowledge *kb;
	double t[3], mb, best;
	int s, f, r, mentions;

	bench_name = "bench_extract";
	if (argc < 3)
		die("usage: bench_extract DATADIR CORPUS [MEGABYTES]");
	dir = argv[1];
	tree = argv[2];
	c.max = (size_t)((argc > 3 ? atof(argv[3]) : 20) * 1e6);
	if (!(kb = ng_knowledge_new()) || ng_knowledge_load_dir(kb, dir) || ng_knowledge_prepare(kb))
		die("knowledge");
	read_tree(&c, tree);
	if (!c.n)
		die("no *.txt articles");
	mb = (double)c.bytes / 1e6;
	printf("bench-extract: %zu articles, %.1f MB in memory; MB per CPU second of one core, "
	       "best of three\n", c.n, mb);
	for (s = 0; s < 3; s++) {
		best = 1e30;
		for (r = 0; r < 3; r++) {
			double v = run(kb, &c, (ng_stage)s, NULL, NULL, NULL);
			if (v < best)
				best = v;
		}
		t[s] = best;
	}
	printf("%-40s %8s %8s\n", "stage", "MB/CPU-s", "share");
	printf("%-40s %8.1f %7.0f%%\n", "segment, tokenize, gazetteer", mb / t[0], 100 * t[0] / t[2]);
	printf("%-40s %8.1f %7.0f%%\n", "+ name rules, coreference, offices", mb / t[1],
	       100 * (t[1] - t[0]) / t[2]);
	printf("%-40s %8.1f %7.0f%%\n", "+ relation patterns (the analysis)", mb / t[2],
	       100 * (t[2] - t[1]) / t[2]);
	printf("%-40s %8s %8s %8s %8s\n", "analysis and writing", "MB/CPU-s", "writing", "out/in",
	       "target");
	for (mentions = 0; mentions < 2; mentions++)
		for (f = 0; f < 3; f++) {
			long out = 0;
			best = 1e30;
			for (r = 0; r < 3; r++) {
				FILE *sink = tmpfile();
				ng_writer *w;
				double v;
				if (!sink || !(w = ng_writer_new((ng_format)f, NULL, sink)))
					die("writer");
				ng_writer_set_mentions(w, mentions);
				v = run(kb, &c, NG_STAGE_ALL, w, sink, &out);
				ng_writer_free(w);
				fclose(sink);
				if (v < best)
					best = v;
			}
			printf("%-40s %8.1f %7.0f%% %8.1f %8s\n",
			       mentions ? (f == 0   ? "turtle --mentions"
			                   : f == 1 ? "ntriples --mentions"
			                            : "nquads --mentions")
			                : fmts[f],
			       mb / best, best > t[2] ? 100 * (best - t[2]) / best : 0.0,
			       (double)out / (double)c.bytes,
			       mentions ? "" : f == 0 ? (out <= 3 * (long)c.bytes ? "<=3 met" : "<=3 NOT met")
			                : f == 2      ? (out <= 10 * (long)c.bytes ? "<=10 met" : "<=10 NOT met")
			                              : "");
		}
	printf("%-40s %8s\n", "extract -f nquads, target", "50.0");
	ng_knowledge_free(kb);
	return 0;
}
