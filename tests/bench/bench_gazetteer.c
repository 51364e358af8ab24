/* SPDX-License-Identifier: Apache-2.0 */
/* Gazetteer benchmark: load time of the shipped data and of a generated
 * gazetteer of a million entries, and recognition throughput in MB/s.
 * Run by "make bench-gazetteer"; never part of "make check". */
#include "internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static long
peak_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static void
die(const char *what)
{
	fprintf(stderr, "bench_gazetteer: %s\n", what);
	exit(1);
}

/* A pronounceable synthetic name for entry i (deterministic). */
static void
synth_name(unsigned long i, char *out, size_t n)
{
	static const char *const syl[] = {"ka", "ro", "mi", "tse", "lun", "bar", "de", "vo",
	                                  "shi", "an", "gor", "pel", "ti", "na", "zu", "es"};
	size_t len = 0;
	int w;

	for (w = 0; w < 3; w++) {
		unsigned long v = i + (unsigned long)w * 7919UL;
		int s;
		if (w)
			out[len++] = ' ';
		for (s = 0; s < 3; s++) {
			const char *p = syl[v % 16];
			v /= 16;
			if (s == 0) {
				out[len++] = (char)(p[0] - 32);
				p++;
			}
			while (*p && len + 2 < n)
				out[len++] = *p++;
		}
	}
	out[len] = '\0';
}

static ng_knowledge *
load_kb(const char *dir, const char *extra, int with_patterns, double *secs)
{
	ng_knowledge *kb = ng_knowledge_new();
	char path[4096];
	double t0 = now();
	static const char *const gaz[] = {"countries", "organizations", "places", "people", NULL};
	int i;

	if (!kb)
		die("out of memory");
	snprintf(path, sizeof(path), "%s/lexicon.tsv", dir);
	if (ng_lexicon_load(kb, path))
		die("lexicon");
	snprintf(path, sizeof(path), "%s/boilerplate.tsv", dir);
	if (ng_boiler_load(kb, path))
		die("boilerplate");
	if (with_patterns) {
		snprintf(path, sizeof(path), "%s/patterns.tsv", dir);
		if (ng_patterns_load(kb, path))
			die("patterns");
	}
	for (i = 0; gaz[i]; i++) {
		snprintf(path, sizeof(path), "%s/gazetteer/%s.tsv", dir, gaz[i]);
		if (ng_gazetteer_load(kb, path, 0))
			die("gazetteer");
	}
	if (extra && ng_knowledge_add_gazetteer(kb, extra))
		die("generated gazetteer");
	if (ng_knowledge_prepare(kb))
		die("prepare");
	*secs = now() - t0;
	return kb;
}

static double
throughput(const ng_knowledge *kb, char **docs, size_t *lens, size_t ndocs, size_t *facts)
{
	double t0 = now(), bytes = 0;
	size_t i;

	*facts = 0;
	for (i = 0; i < ndocs; i++) {
		ng_doc *doc;
		long long bad;
		if (ng_doc_analyze(kb, docs[i], lens[i], NULL, &doc, &bad))
			die("analyze");
		*facts += ng_doc_fact_count(doc);
		bytes += (double)lens[i];
		ng_doc_free(doc);
	}
	return bytes / 1e6 / (now() - t0);
}

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : NG_SRCDIR "/ontology";
	const char *samples = argc > 2 ? argv[2] : NG_SRCDIR "/samples";
	unsigned long n = argc > 3 ? strtoul(argv[3], NULL, 10) : 1000000UL;
	char gen[] = "/tmp/ng-bench-gaz-XXXXXX";
	char *docs[64];
	size_t lens[64], ndocs = 0, rounds, r, facts;
	double secs, mb = 0;
	ng_knowledge *kb;
	FILE *f;
	int fd;
	unsigned long i;

	/* The articles of the samples directory, repeated to about 20 MB. */
	{
		struct dirent **names;
		int k, nn = scandir(samples, &names, NULL, alphasort);
		if (nn < 0)
			die("cannot read the samples directory");
		for (k = 0; k < nn; k++) {
			const char *nm = names[k]->d_name;
			size_t nl = strlen(nm);
			char path[4096];
			if (ndocs < 64 && nl > 4 && !strcmp(nm + nl - 4, ".txt")) {
				snprintf(path, sizeof(path), "%s/%s", samples, nm);
				if (ng_read_file(path, &docs[ndocs], &lens[ndocs], 0))
					die("cannot read samples");
				mb += (double)lens[ndocs] / 1e6;
				ndocs++;
			}
			free(names[k]);
		}
		free(names);
		if (!ndocs)
			die("no *.txt articles in the samples directory");
	}
	rounds = (size_t)((getenv("NG_BENCH_MB") ? atof(getenv("NG_BENCH_MB")) : 20.0) / mb) + 1;

	kb = load_kb(dir, NULL, 0, &secs);
	printf("shipped gazetteers: %zu entries, load and prepare %.3f s\n",
	       ng_knowledge_entry_count(kb), secs);
	{
		double best = 0;
		for (r = 0; r < 3; r++) {
			double t0 = now(), v;
			size_t k;
			for (k = 0; k < rounds / 3 + 1; k++)
				(void)throughput(kb, docs, lens, ndocs, &facts);
			v = mb * (double)(rounds / 3 + 1) / (now() - t0);
			if (v > best)
				best = v;
		}
		printf("recognition (segment, boilerplate, entities), shipped data: %.1f MB/s on one core\n",
		       best);
	}
	ng_knowledge_free(kb);

	kb = load_kb(dir, NULL, 1, &secs);
	{
		double t0 = now();
		for (r = 0; r < rounds; r++)
			(void)throughput(kb, docs, lens, ndocs, &facts);
		printf("full analysis with relation patterns: %.1f MB/s on one core (%zu facts per pass)\n",
		       mb * (double)rounds / (now() - t0), facts);
	}
	ng_knowledge_free(kb);

	if ((fd = mkstemp(gen)) < 0 || !(f = fdopen(fd, "w")))
		die("cannot create the generated gazetteer");
	for (i = 0; i < n; i++) {
		char name[128];
		synth_name(i, name, sizeof(name));
		fprintf(f, "gen-%lu\t%s\t%s\t\t\n", i, i % 3 == 0 ? "Person" : i % 3 == 1 ? "Organization" : "Place",
		        name);
	}
	if (fclose(f))
		die("cannot write the generated gazetteer");
	kb = load_kb(dir, gen, 0, &secs);
	printf("with %lu generated entries: %zu entries, load and prepare %.2f s, peak RSS %ld MB\n", n,
	       ng_knowledge_entry_count(kb), secs, peak_rss_kb() / 1024);
	{
		double t0 = now();
		for (r = 0; r < rounds; r++)
			(void)throughput(kb, docs, lens, ndocs, &facts);
		printf("recognition with %lu extra entries: %.1f MB/s on one core\n", n,
		       mb * (double)rounds / (now() - t0));
	}
	ng_knowledge_free(kb);
	unlink(gen);
	for (i = 0; i < ndocs; i++)
		free(docs[i]);
	return 0;
}
