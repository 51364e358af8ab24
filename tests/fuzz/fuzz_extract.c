/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: one article through the whole extract pipeline
 * (text checks, segmentation, recognizer, coreference, patterns, graph),
 * written as Turtle, N-Triples and N-Quads, all in memory. The N-Quads must
 * parse again with raptor2, every IRI and literal well-formed; each
 * N-Triples line must be its N-Quads line without the graph; and the
 * Turtle, read by the validator, must hold the same triples and conform to
 * the shipped ontology and shapes: newsgraph validate must accept whatever
 * newsgraph extract writes. The knowledge, the writers and the validator
 * are made once. */
#include "fuzz_common.h"

static ng_knowledge *kb;
static ng_writer *writers[3]; /* by ng_format */
static ng_validator *validator;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	int f;

	(void)argc;
	(void)argv;
	fuzz_setup();
	if (!(kb = ng_knowledge_new()) || ng_knowledge_load_dir(kb, NG_SRCDIR "/ontology") ||
	    ng_knowledge_prepare(kb)) {
		fputs("fuzz_extract: cannot load " NG_SRCDIR "/ontology\n", stderr);
		abort();
	}
	ng_knowledge_set_error_func(kb, fuzz_quiet, NULL);
	for (f = NG_FORMAT_TURTLE; f <= NG_FORMAT_NQUADS; f++)
		if (!(writers[f] = ng_writer_new((ng_format)f, NULL, NULL)))
			abort();
	validator = fuzz_validator_new(1);
	return 0;
}

typedef struct {
	const char *s;
	size_t len;
} line;

static int
cmp_line(const void *x, const void *y)
{
	const line *a = x, *b = y;
	int c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);

	return c ? c : a->len < b->len ? -1 : a->len > b->len;
}

/* Checks that the n lines of N-Quads nq are the lines of N-Triples nt with
 * a graph IRI before the final " .", and returns the number of distinct
 * triples. */
static FUZZ_NOCOV size_t
distinct_triples(const fuzz_mem *nt, const fuzz_mem *nq, size_t n)
{
	line *lines = calloc(n + 1, sizeof *lines);
	const char *t = nt->buf, *q = nq->buf, *tend = t + nt->len, *qend = q + nq->len;
	size_t i, distinct = 0;

	if (!lines)
		abort();
	for (i = 0; t < tend; i++) {
		const char *te = memchr(t, '\n', (size_t)(tend - t)), *qe;
		size_t body;

		if (i == n || !te || te - t < 3 || memcmp(te - 2, " .", 2) || q >= qend ||
		    !(qe = memchr(q, '\n', (size_t)(qend - q))))
			fuzz_die("N-Triples and N-Quads have different lines", (const unsigned char *)t,
			         (size_t)(tend - t));
		body = (size_t)(te - 2 - t);
		if ((size_t)(qe - q) < body + 5 || memcmp(q, t, body) || memcmp(q + body, " <", 2) ||
		    memcmp(qe - 3, "> .", 3))
			fuzz_die("an N-Triples line is not its N-Quads line", (const unsigned char *)t,
			         (size_t)(te - t));
		lines[i].s = t;
		lines[i].len = body;
		t = te + 1;
		q = qe + 1;
	}
	if (i != n || q != qend)
		fuzz_die("N-Triples and N-Quads have different lines", (const unsigned char *)nt->buf,
		         nt->len);
	qsort(lines, n, sizeof *lines, cmp_line);
	for (i = 0; i < n; i++)
		distinct += !i || cmp_line(&lines[i - 1], &lines[i]);
	free(lines);
	return distinct;
}

/* The Turtle output must hold the given number of triples and conform; a
 * result is a finding. */
static void
validate(const fuzz_mem *ttl, size_t triples)
{
	FILE *in = fmemopen(ttl->buf, ttl->len, "rb");

	if (!in)
		abort();
	ng_validator_clear_data(validator);
	if (ng_validator_load_data_stream(validator, in, "output.ttl", "turtle") ||
	    ng_validator_run(validator))
		fuzz_die("validate cannot read extract's output", (const unsigned char *)ttl->buf,
		         ttl->len);
	fclose(in);
	if (ng_validator_triple_count(validator) != triples)
		fuzz_die("the Turtle and the N-Quads hold different triples",
		         (const unsigned char *)ttl->buf, ttl->len);
	if (!ng_validator_conforms(validator)) {
		fuzz_print_results(validator);
		fuzz_die("extract's output does not conform", (const unsigned char *)ttl->buf, ttl->len);
	}
	fuzz_check_results(validator);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ng_doc_meta meta = {"fuzz.txt", "fuzz.txt", NULL, NULL, NULL, NULL};
	ng_doc *doc = NULL;
	ng_error err;
	ng_status st;
	fuzz_mem out[3];
	size_t i, n;
	int f;

	if ((st = ng_doc_analyze(kb, (const char *)data, size, &meta, &doc, &err))) {
		/* An error leaves no document, and its report says the same. */
		if (doc || err.status != st || err.byte >= (long long)size + 1)
			abort();
		return 0;
	}
	for (i = 0; i < ng_doc_fact_count(doc); i++) {
		ng_fact_info fi;
		if (ng_doc_fact(doc, i, &fi) || !fi.subject || !fi.property || !fi.sentence ||
		    fi.sentence_begin > fi.sentence_end)
			abort();
	}
	/* Users write with and without the mentions; the input's length
	 * chooses, so that a finding replays as it was found. */
	for (f = NG_FORMAT_TURTLE; f <= NG_FORMAT_NQUADS; f++) {
		ng_writer_set_mentions(writers[f], !(size & 1));
		fuzz_write_doc(writers[f], doc, &out[f]);
	}
	/* An article always has its own triples, the same in every syntax. */
	n = fuzz_reparse(fuzz_world, "nquads", out[NG_FORMAT_NQUADS].buf,
	                 out[NG_FORMAT_NQUADS].len, 1);
	if (!n)
		abort();
	validate(&out[NG_FORMAT_TURTLE],
	         distinct_triples(&out[NG_FORMAT_NTRIPLES], &out[NG_FORMAT_NQUADS], n));
	for (f = NG_FORMAT_TURTLE; f <= NG_FORMAT_NQUADS; f++)
		free(out[f].buf);
	ng_doc_free(doc);
	return 0;
}
