/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: newsgraph validate on arbitrary RDF. The first byte
 * says what the rest of the input is: when even, a data graph in Turtle,
 * N-Triples or N-Quads (bits 1 and 2), validated against the shipped
 * ontology and shapes; when odd, a shapes graph in Turtle, loaded
 * as both the shapes and part of the data (W3C SHACL tests keep both in one
 * file) beside a fixed data graph, against the shipped ontology. Every
 * result must be complete and the validation report, written to memory,
 * must parse again as Turtle. Two validators are made once, one with the
 * shipped ontology and shapes and one with the ontology alone, and each
 * input's graphs are dropped after it; the input goes to one reused file on
 * tmpfs. */
#include "fuzz_common.h"

static const char *const syntaxes[4] = {"turtle", "ntriples", "nquads", "turtle"};
static ng_validator *with_shapes, *without_shapes;

/* raptor 2.0.15's Turtle lexer reads through a null pointer on an empty IRI
 * before a brace, "<>{" (spaces and line ends may come between), anywhere
 * in a document: rapper crashes on it too, and so does newsgraph validate
 * (seed raptor-empty-graph-iri.ttl). Until newsgraph keeps such input
 * from raptor, these inputs are skipped so that a run can go on. */
static int
raptor_crashes_on(const uint8_t *s, size_t n)
{
	size_t i, j;

	for (i = 0; i + 2 < n; i++)
		if (s[i] == '<' && s[i + 1] == '>') {
			for (j = i + 2; j < n && strchr(" \t\r\n", s[j]) && s[j]; j++)
				;
			if (j < n && s[j] == '{')
				return 1;
		}
	return 0;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_setup();
	with_shapes = fuzz_validator_new(1);
	without_shapes = fuzz_validator_new(0);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FUZZ_PATH(path, "input.ttl");
	int choice = fuzz_write_choice(path, data, size), shapes = choice & 1;
	ng_validator *v;

	if (choice < 0 || raptor_crashes_on(data + 1, size - 1))
		return 0;
	v = shapes ? without_shapes : with_shapes;
	if (shapes ? !ng_validator_load_shapes(v, path) && !ng_validator_load_data(v, path, "turtle") &&
	                 !ng_validator_load_data(v, NG_SRCDIR "/tests/fuzz/validate-data.ttl", "turtle")
	           : !ng_validator_load_data(v, path, syntaxes[(choice >> 1) & 3]))
		if (!ng_validator_run(v))
			fuzz_check_results(v);
	ng_validator_clear_data(v);
	if (shapes)
		ng_validator_clear_shapes(v);
	return 0;
}
