/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: newsgraph validate on arbitrary Turtle, against the
 * shipped ontology and shapes, and the validation report it writes, which
 * must parse again as Turtle. */
#include "fuzz_common.h"

#ifndef NG_SRCDIR
#error "compile with -DNG_SRCDIR='\"/path/to/source\"'"
#endif

static raptor_world *world;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	if (!(world = raptor_new_world()) || raptor_world_open(world))
		abort();
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ng_validator *v = ng_validator_new();
	const char *path;
	size_t i, n;

	if (!v)
		abort();
	ng_validator_set_error_func(v, fuzz_quiet, NULL);
	if (ng_validator_load_ontology(v, NG_SRCDIR "/ontology/newsgraph.ttl") ||
	    ng_validator_load_shapes(v, NG_SRCDIR "/ontology/shapes.ttl"))
		abort();
	path = fuzz_temp_file(data, size, ".ttl");
	if (!ng_validator_load_data(v, path, "turtle") && !ng_validator_run(v)) {
		char *buf = NULL;
		size_t len = 0;
		FILE *out;
		n = ng_validator_result_count(v);
		if (!!ng_validator_conforms(v) != !n)
			abort();
		for (i = 0; i < n; i++) {
			ng_validation_result r;
			if (ng_validator_result(v, i, &r) || !r.message)
				abort();
		}
		if (!(out = open_memstream(&buf, &len)))
			abort();
		if (ng_validator_write_report(v, out))
			abort();
		fclose(out);
		fuzz_reparse(world, "turtle", buf, len, 0);
		free(buf);
	}
	unlink(path);
	ng_validator_free(v);
	return 0;
}
