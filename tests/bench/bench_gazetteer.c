/* SPDX-License-Identifier: Apache-2.0 */
/* Gazetteer benchmark: load time of the shipped data and of a generated
 * gazetteer of a million entries, and recognition throughput in MB/s.
 * Run by "make bench-gazetteer"; never part of "make check". */
#include "analyze.h"
#include "knowledge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>

#include "bench_util.h"

static long
peak_rss_kb(void)
{
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
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

/* The shipped knowledge of dir, as newsgraph loads it, and the generated
 * gazetteer extra when given. */
static ng_knowledge *
load_kb(const char *dir, const char *extra, double *secs)
{
	ng_knowledge *kb = ng_knowledge_new();
	double t0 = now();

	if (!kb)
		die("out of memory");
	if (ng_knowledge_load_dir(kb, dir))
		die("knowledge");
	if (extra && ng_knowledge_add_gazetteer(kb, extra))
		die("generated gazetteer");
	if (ng_knowledge_prepare(kb))
		die("prepare");
	*secs = now() - t0;
	return kb;
}

static const char *const stage_names[] = {
	"gazetteer matching (normalize, tokenize, longest match, overlap rule)",
	"recognition (all entity rules, coreference, boilerplate)",
	"full analysis with the relation patterns",
};

/* MB/s of CPU time of one core: analysis of the documents up to stage,
 * repeated to about mb megabytes, best of three. */
static double
throughput(const ng_knowledge *kb, char **docs, size_t *lens, size_t ndocs, double mb,
           size_t rounds, ng_stage stage, size_t *facts)
{
	double best = 0;
	int r;

	for (r = 0; r < 3; r++) {
		double t0 = cpu_now(), v;
		size_t k, i;
		*facts = 0;
		for (k = 0; k < rounds; k++)
			for (i = 0; i < ndocs; i++) {
				ng_doc *doc;
				if (ng_doc_analyze_stage(kb, docs[i], lens[i], NULL, stage, &doc, NULL))
					die("analyze");
				*facts += ng_doc_fact_count(doc);
				ng_doc_free(doc);
			}
		v = mb * (double)rounds / (cpu_now() - t0);
		if (v > best)
			best = v;
	}
	return best;
}

int
main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : NG_SRCDIR "/ontology";
	const char *samples = argc > 2 ? argv[2] : NG_SRCDIR "/samples";
	unsigned long n = argc > 3 ? strtoul(argv[3], NULL, 10) : 1000000UL;
	char gen[] = "/tmp/ng-bench-gaz-XXXXXX";
	char *docs[64];
	size_t lens[64], ndocs = 0, rounds, facts;
	int st;
	double secs, mb = 0;
	ng_knowledge *kb;
	FILE *f;
	int fd;
	unsigned long i;

	bench_name = "bench_gazetteer";

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
	rounds = (size_t)((getenv("NG_BENCH_MB") ? atof(getenv("NG_BENCH_MB")) : 20.0) / mb) / 3 + 1;

	kb = load_kb(dir, NULL, &secs);
	printf("shipped gazetteers: %zu entries, load and prepare %.3f s\n",
	       ng_knowledge_entry_count(kb), secs);
	for (st = 0; st < 3; st++) {
		double v = throughput(kb, docs, lens, ndocs, mb, rounds, (ng_stage)st, &facts);
		printf("%s: %.1f MB/s on one core", stage_names[st], v);
		if (st == NG_STAGE_ALL)
			printf(" (%zu facts a pass)", facts / rounds);
		printf("\n");
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
	kb = load_kb(dir, gen, &secs);
	printf("with %lu generated entries: %zu entries, load and prepare %.2f s, peak RSS %ld MB\n", n,
	       ng_knowledge_entry_count(kb), secs, peak_rss_kb() / 1024);
	for (st = 0; st < 2; st++)
		printf("with %lu generated entries, %s: %.1f MB/s on one core\n", n, stage_names[st],
		       throughput(kb, docs, lens, ndocs, mb, rounds, (ng_stage)st, &facts));
	ng_knowledge_free(kb);
	unlink(gen);
	for (i = 0; i < ndocs; i++)
		free(docs[i]);
	return 0;
}
