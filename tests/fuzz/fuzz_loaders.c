/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the gazetteer and relation pattern loaders on arbitrary
 * files. The first byte picks the loader; the rest is the file. A file that
 * loads is then prepared and used on a short article, so what a loader
 * accepts must also be safe to use. */
#include "fuzz_common.h"

#ifndef NG_SRCDIR
#error "compile with -DNG_SRCDIR='\"/path/to/source\"'"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char article[] =
	"NATO Secretary General Mark Rutte visited Japan on Tuesday.\n"
	"He met Defense Minister Gen Nakatani in Tokyo, and Japan wants to join NSATU.\n";

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	ng_knowledge *kb;
	const char *path;
	ng_status st;
	int which;

	if (!size)
		return 0;
	which = data[0] & 1;
	path = fuzz_temp_file(data + 1, size - 1, ".tsv");
	if (!(kb = ng_knowledge_new()))
		abort();
	ng_knowledge_set_error_func(kb, fuzz_quiet, NULL);
	/* Patterns may only yield the ontology's fact properties. */
	if (which && ng_knowledge_add_ontology(kb, NG_SRCDIR "/ontology/newsgraph.ttl"))
		abort();
	st = which ? ng_knowledge_add_patterns(kb, path) : ng_knowledge_add_gazetteer(kb, path);
	unlink(path);
	if (!st && !ng_knowledge_prepare(kb)) {
		ng_doc *doc = NULL;
		if (!ng_doc_analyze(kb, article, sizeof(article) - 1, NULL, &doc, NULL)) {
			char *buf = NULL;
			size_t len = 0;
			FILE *out = open_memstream(&buf, &len);
			ng_writer *w = out ? ng_writer_new(NG_FORMAT_NTRIPLES, NULL, out) : NULL;
			raptor_world *world = raptor_new_world();
			if (!w || !world || ng_writer_write_doc(w, doc) || ng_writer_finish(w))
				abort();
			ng_writer_free(w);
			fclose(out);
			fuzz_reparse(world, "ntriples", buf, len, 1);
			raptor_free_world(world);
			free(buf);
		}
		ng_doc_free(doc);
	}
	ng_knowledge_free(kb);
	return 0;
}
