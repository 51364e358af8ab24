/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: one article through the whole extract pipeline
 * (text checks, segmentation, recognizer, coreference, patterns, graph),
 * written as N-Triples, Turtle and N-Quads. All three must parse again with
 * raptor2 into the same number of statements, every IRI and literal must be
 * well-formed, and the graph must conform to the shipped ontology and
 * shapes: newsgraph validate must accept whatever newsgraph extract writes.
 * The knowledge and the writers are made once; the output stays in memory
 * but for the one file the validator reads (it takes only a path). */
#include "fuzz_common.h"

static ng_knowledge *kb;
static ng_writer *writers[3]; /* by ng_format */
static const char *const syntaxes[3] = {"turtle", "ntriples", "nquads"};

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
	return 0;
}

/* Writes doc in format to memory, parses it again and returns the
 * statement count; the caller frees out->buf. */
static size_t
round_trip(const ng_doc *doc, ng_format format, fuzz_mem *out)
{
	fuzz_write_doc(writers[format], doc, out);
	return fuzz_reparse(fuzz_world, syntaxes[format], out->buf, out->len,
	                    format != NG_FORMAT_TURTLE);
}

/* The Turtle output must conform; a result is a finding. */
static void
validate(const char *buf, size_t len)
{
	FUZZ_PATH(path, "output.ttl");
	ng_validator *v = fuzz_validator_new(1);

	fuzz_write_file(path, buf, len);
	if (ng_validator_load_data(v, path, "turtle") || ng_validator_run(v))
		fuzz_die("validate cannot read extract's output", (const unsigned char *)buf, len);
	if (!ng_validator_conforms(v)) {
		fuzz_print_results(v);
		fuzz_die("extract's output does not conform", (const unsigned char *)buf, len);
	}
	fuzz_check_results(v);
	ng_validator_free(v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ng_doc_meta meta = {"fuzz.txt", "fuzz.txt", NULL, NULL, NULL};
	ng_doc *doc = NULL;
	ng_error err;
	ng_status st;
	fuzz_mem out[3];
	size_t i, n[3];
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
	for (f = NG_FORMAT_TURTLE; f <= NG_FORMAT_NQUADS; f++)
		n[f] = round_trip(doc, (ng_format)f, &out[f]);
	/* An article always has its own triples, the same in every syntax. */
	if (!n[NG_FORMAT_NTRIPLES] || n[NG_FORMAT_TURTLE] != n[NG_FORMAT_NTRIPLES] ||
	    n[NG_FORMAT_NQUADS] != n[NG_FORMAT_NTRIPLES])
		abort();
	validate(out[NG_FORMAT_TURTLE].buf, out[NG_FORMAT_TURTLE].len);
	for (f = NG_FORMAT_TURTLE; f <= NG_FORMAT_NQUADS; f++)
		free(out[f].buf);
	ng_doc_free(doc);
	return 0;
}
