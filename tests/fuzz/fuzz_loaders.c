/* SPDX-License-Identifier: Apache-2.0 */
/* libFuzzer target: the gazetteer and relation pattern loaders on arbitrary
 * files. The first byte picks the loader; the rest is the file. A file that
 * loads is then prepared and used on a short article, so what a loader
 * accepts must also be safe to use. The loaders take only a path: the file
 * is one reused file on tmpfs. */
#include "fuzz_common.h"

static const char article[] =
	"NATO Secretary General Mark Rutte visited Japan on Tuesday.\n"
	"He met Defense Minister Gen Nakatani in Tokyo, and Japan wants to join NSATU.\n";

static ng_writer *writer;
/* The shipped ontology's fact properties, all that patterns need of it. */
static char properties[sizeof(fuzz_dir) + 32];

static void
keep_fact_property(void *handle, raptor_statement *t)
{
	if (t->object->type == RAPTOR_TERM_TYPE_URI &&
	    !strcmp((const char *)raptor_uri_as_string(t->object->value.uri), NG_NS "FactProperty"))
		raptor_serializer_serialize_statement(handle, t);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	raptor_parser *p;
	raptor_serializer *out;
	raptor_uri *base;

	(void)argc;
	(void)argv;
	fuzz_setup();
	if (!(writer = ng_writer_new(NG_FORMAT_NTRIPLES, NULL, NULL)))
		abort();
	snprintf(properties, sizeof(properties), "%s/properties.nt", fuzz_dir);
	if (!(out = raptor_new_serializer(fuzz_world, "ntriples")) ||
	    raptor_serializer_start_to_filename(out, properties) ||
	    !(p = raptor_new_parser(fuzz_world, "turtle")) ||
	    !(base = raptor_new_uri_from_uri_or_file_string(fuzz_world, NULL,
	      (const unsigned char *)NG_SRCDIR "/ontology/newsgraph.ttl")))
		abort();
	raptor_parser_set_statement_handler(p, out, keep_fact_property);
	if (raptor_parser_parse_file(p, base, NULL))
		abort();
	raptor_free_parser(p);
	raptor_free_uri(base);
	if (raptor_serializer_serialize_end(out))
		abort();
	raptor_free_serializer(out);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	FUZZ_PATH(path, "input.tsv");
	int choice = fuzz_write_choice(path, data, size), which = choice & 1;
	ng_knowledge *kb;
	ng_doc *doc = NULL;
	ng_status st;

	if (choice < 0)
		return 0;
	if (!(kb = ng_knowledge_new()))
		abort();
	ng_knowledge_set_error_func(kb, fuzz_quiet, NULL);
	/* Patterns may only yield the ontology's fact properties. */
	if (which && ng_knowledge_add_ontology(kb, properties))
		abort();
	st = which ? ng_knowledge_add_patterns(kb, path) : ng_knowledge_add_gazetteer(kb, path);
	if (!st && !ng_knowledge_prepare(kb) &&
	    !ng_doc_analyze(kb, article, sizeof(article) - 1, NULL, &doc, NULL)) {
		fuzz_mem m;
		fuzz_write_doc(writer, doc, &m);
		fuzz_reparse(fuzz_world, "ntriples", m.buf, m.len, 1);
		free(m.buf);
	}
	ng_doc_free(doc);
	ng_knowledge_free(kb);
	return 0;
}
