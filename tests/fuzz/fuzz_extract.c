/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: one article through the whole extract pipeline
 * (text checks, segmentation, recognizer, coreference, patterns, graph),
 * written as N-Triples and as Turtle. Both must parse again with raptor2,
 * and every IRI and literal must be well-formed. */
#include "fuzz_common.h"

#ifndef NG_SRCDIR
#error "compile with -DNG_SRCDIR='\"/path/to/source\"'"
#endif

static ng_knowledge *kb;
static raptor_world *world;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!(kb = ng_knowledge_new()) || ng_knowledge_load_dir(kb, NG_SRCDIR "/ontology") ||
	    ng_knowledge_prepare(kb)) {
		fputs("fuzz_extract: cannot load " NG_SRCDIR "/ontology\n", stderr);
		abort();
	}
	ng_knowledge_set_error_func(kb, fuzz_quiet, NULL);
	if (!(world = raptor_new_world()) || raptor_world_open(world))
		abort();
	return 0;
}

/* Writes doc in format to memory and parses it again. */
static size_t
round_trip(const ng_doc *doc, ng_format format, const char *syntax, int check_terms)
{
	char *buf = NULL;
	size_t len = 0, n;
	FILE *out = open_memstream(&buf, &len);
	ng_writer *w;

	if (!out || !(w = ng_writer_new(format, NULL, out)))
		abort();
	if (ng_writer_write_doc(w, doc) || ng_writer_finish(w))
		abort();
	ng_writer_free(w);
	if (fclose(out))
		abort();
	n = fuzz_reparse(world, syntax, buf, len, check_terms);
	free(buf);
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ng_doc_meta meta = {"fuzz.txt", "fuzz.txt", NULL, NULL, NULL};
	ng_doc *doc = NULL;
	ng_error err;
	ng_status st;
	size_t i, nt;

	if ((st = ng_doc_analyze(kb, (const char *)data, size, &meta, &doc, &err))) {
		/* An error leaves no document, and its report says the same. */
		if (doc || err.status != st || err.byte >= (long long)size + 1)
			abort();
		return 0;
	}
	for (i = 0; i < ng_doc_fact_count(doc); i++) {
		ng_fact_info f;
		if (ng_doc_fact(doc, i, &f) || !f.subject || !f.property || !f.sentence ||
		    f.sentence_begin > f.sentence_end)
			abort();
	}
	nt = round_trip(doc, NG_FORMAT_NTRIPLES, "ntriples", 1);
	if (!nt)
		abort(); /* an article always has at least its own triples */
	round_trip(doc, NG_FORMAT_TURTLE, "turtle", 0);
	round_trip(doc, NG_FORMAT_NQUADS, "nquads", 1);
	ng_doc_free(doc);
	return 0;
}
