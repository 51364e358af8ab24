/* SPDX-License-Identifier: Apache-2.0 */
/* Unit tests for writer.c: what the writer emits for a document. */
#define _GNU_SOURCE /* fopencookie, to watch the writes of a huge article */
#include "check_util.h"
#include "fixture.h"

#include <raptor2.h>

static char *write_meta(const char *text, const ng_doc_meta *meta, const char *base,
                        ng_format fmt);
static size_t count(const char *s, const char *needle);

/* Whether write_meta's writers add the NIF layer. */
static int fx_mentions;

/* Writes one document of text, without metadata, in fmt. */
static char *
write_doc(const char *text, ng_format fmt)
{
	return write_meta(text, NULL, "http://example.org/", fmt);
}

START_TEST(test_fact_triple_and_provenance_in_ntriples)
{
	char *out = write_doc("Norvania joined NORDA in 2023.", NG_FORMAT_NTRIPLES);
	ck_assert_ptr_nonnull(strstr(out, "<http://example.org/country/NRV> "
	                                  "<https://w3id.org/newsgraph/ns#joined> "
	                                  "<http://example.org/organization/norda> ."));
	ck_assert_ptr_nonnull(strstr(out, "<https://w3id.org/newsgraph/ns#Provenance>"));
	ck_assert_ptr_nonnull(strstr(out, "\"join-verb\""));
	ck_assert_ptr_nonnull(strstr(out, "<https://w3id.org/newsgraph/ns#Asserted>"));
	ck_assert_ptr_null(strstr(out, "_:"));
	free(out);
}
END_TEST

/* A first document without entities: nothing to clear in the writer's
 * table of entity terms (the sanitizer build checks the empty copies). */
/* Identifiers of a gazetteer entry link its entity: owl:sameAs GeoNames
 * and Wikidata. */
START_TEST(test_entry_identifiers_give_same_as)
{
	char *out;

	fx_add_gazetteer("velmar\tPlace\tVelmar\t\tkind=city;geonames=2643743;wikidata=Q84\n");
	out = write_doc("Delegates met in Velmar.", NG_FORMAT_NTRIPLES);
	ck_assert_ptr_nonnull(strstr(out, "<http://example.org/place/velmar> "
	                                  "<http://www.w3.org/2002/07/owl#sameAs> "
	                                  "<https://sws.geonames.org/2643743/> ."));
	ck_assert_ptr_nonnull(strstr(out, "<http://example.org/place/velmar> "
	                                  "<http://www.w3.org/2002/07/owl#sameAs> "
	                                  "<http://www.wikidata.org/entity/Q84> ."));
	free(out);
	out = write_doc("Delegates met in Velmar.", NG_FORMAT_TURTLE);
	ck_assert_ptr_nonnull(strstr(out, "owl:sameAs <https://sws.geonames.org/2643743/>,\n"
	                                  "        wd:Q84"));
	free(out);
}
END_TEST

/* A name no entry covers carries the rule that typed it; a gazetteer
 * mention carries none. */
START_TEST(test_rule_mentions_carry_their_rule)
{
	char *out;

	fx_mentions = 1;
	out = write_doc("Foreign Minister Tavo Kellander visited Norvania.", NG_FORMAT_NTRIPLES);
	fx_mentions = 0;
	ck_assert_uint_eq(count(out, "<https://w3id.org/newsgraph/ns#mentionRule> \"name-after-title\""), 1);
	ck_assert_uint_eq(count(out, "<https://w3id.org/newsgraph/ns#mentionRule>"), 1);
	free(out);
}
END_TEST

START_TEST(test_document_without_entities)
{
	static const ng_format fmts[] = {NG_FORMAT_NTRIPLES, NG_FORMAT_NQUADS, NG_FORMAT_TURTLE};
	size_t i;

	for (i = 0; i < 3; i++) {
		char *out = write_doc("Nothing of note happened on the quiet day.", fmts[i]);
		ck_assert_ptr_nonnull(strstr(out, "Article"));
		ck_assert_ptr_null(strstr(out, "Phrase"));
		free(out);
	}
}
END_TEST

START_TEST(test_negated_fact_has_no_plain_triple)
{
	char *out = write_doc("Montaque is not a member of the Meridian Union.", NG_FORMAT_NTRIPLES);
	ck_assert_ptr_null(strstr(out, "<https://w3id.org/newsgraph/ns#memberOf> <http"));
	ck_assert_ptr_nonnull(strstr(out, "<https://w3id.org/newsgraph/ns#Negated>"));
	free(out);
}
END_TEST

START_TEST(test_nquads_use_article_graph)
{
	char *out = write_doc("Norvania joined NORDA in 2023.", NG_FORMAT_NQUADS);
	ck_assert_ptr_nonnull(strstr(out, "> <http://example.org/article/"));
	free(out);
}
END_TEST

START_TEST(test_turtle_declares_prefixes)
{
	char *out = write_doc("Norvania joined NORDA in 2023.", NG_FORMAT_TURTLE);
	ck_assert_ptr_nonnull(strstr(out, "@prefix ng: <https://w3id.org/newsgraph/ns#> ."));
	free(out);
}
END_TEST

START_TEST(test_hostile_text_is_escaped)
{
	char *out = write_doc("\"> . \\ <x> \x01 Valdora\xEF\xBF\xBE \xE2\x80\x8F joined the CEC.", NG_FORMAT_NTRIPLES);
	/* Every line is a complete statement. */
	char *p = out;
	while ((p = strchr(p, '\n'))) {
		ck_assert(p[-1] == '.');
		p++;
	}
	free(out);
}
END_TEST

/* Text that tries to break the syntaxes: quotes, backslashes, newlines,
 * tabs, control characters, non-ASCII and astral characters. */
static const char hostile_text[] =
	"Title \"> . <x> \\ \t\x01 \xC3\xA9 \xF0\x9F\x98\x80 end\n\n"
	"Norvania joined NORDA in 2023. \"Valdora\" \\ joined\tthe CEC.\r\n"
	"Henrik Aalto visited Norvania \xE5\x8C\x97\xE5\x9B\xBD \x7F.\n";

static const ng_doc_meta hostile_meta = {
	"hostile.txt", "id \"7\" \\ \t\n\x02 \xC3\xBC", "http://example.org/news?id=1&x=%22",
	"A \"title\" \\ with\nnewline,\ttab, \x03 and \xE2\x80\x8F \xF0\x9F\x98\x80", "2024-01-02",
	NULL
};

/* Writes one document of text with meta under base in fmt. */
static char *
write_meta(const char *text, const ng_doc_meta *meta, const char *base, ng_format fmt)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ng_writer *w = ng_writer_new(fmt, base, f);
	ng_doc *doc = NULL;

	ck_assert_ptr_nonnull(w);
	ng_writer_set_mentions(w, fx_mentions);
	ck_assert_int_eq(ng_doc_analyze(fx_kb, text, strlen(text), meta, &doc, NULL), NG_OK);
	ck_assert_int_eq(ng_writer_write_doc(w, doc), NG_OK);
	ck_assert_int_eq(ng_writer_finish(w), NG_OK);
	ng_writer_free(w);
	ng_doc_free(doc);
	fclose(f);
	return buf;
}

/* raptor's reading of RDF text, written again by raptor's N-Triples
 * serializer, and how many warnings and errors it logged. */
typedef struct {
	raptor_serializer *ser;
	int complaints;
} reread;

static void
reread_statement(void *data, raptor_statement *st)
{
	reread *r = data;
	raptor_serializer_serialize_statement(r->ser, st);
}

static void
reread_log(void *data, raptor_log_message *msg)
{
	reread *r = data;
	if (msg->level >= RAPTOR_LOG_LEVEL_WARN)
		r->complaints++;
}

static char *
raptor_reread(const char *text, const char *syntax, int *complaints)
{
	raptor_world *world = raptor_new_world();
	raptor_parser *p;
	raptor_uri *base;
	reread r = {NULL, 0};
	void *out = NULL;
	size_t len = 0;

	ck_assert_int_eq(raptor_world_open(world), 0);
	raptor_world_set_log_handler(world, &r, reread_log);
	p = raptor_new_parser(world, syntax);
	base = raptor_new_uri(world, (const unsigned char *)"http://example.org/");
	r.ser = raptor_new_serializer(world, "ntriples");
	ck_assert_int_eq(raptor_serializer_start_to_string(r.ser, NULL, &out, &len), 0);
	raptor_parser_set_statement_handler(p, &r, reread_statement);
	ck_assert_int_eq(raptor_parser_parse_start(p, base), 0);
	ck_assert_int_eq(raptor_parser_parse_chunk(p, (const unsigned char *)text, strlen(text), 1), 0);
	raptor_serializer_serialize_end(r.ser);
	raptor_free_serializer(r.ser);
	raptor_free_parser(p);
	raptor_free_uri(base);
	raptor_free_world(world);
	*complaints = r.complaints;
	return out;
}

static int
cmp_lines(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines of s, sorted, joined again. */
static char *
sorted_lines(const char *s)
{
	char *copy = strdup(s), *p, **lines = NULL, *out;
	size_t n = 0, cap = 0, i, len = 0;

	for (p = strtok(copy, "\n"); p; p = strtok(NULL, "\n")) {
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			lines = realloc(lines, cap * sizeof(*lines));
		}
		lines[n++] = p;
		len += strlen(p) + 1;
	}
	qsort(lines, n, sizeof(*lines), cmp_lines);
	out = calloc(1, len + 1);
	for (i = 0; i < n; i++) {
		strcat(out, lines[i]);
		strcat(out, "\n");
	}
	free(lines);
	free(copy);
	return out;
}

START_TEST(test_ntriples_escapes_as_raptor_serializer)
{
	static const char *const bases[] = {"http://example.org/", "http://example.org/\xC3\xA9/"};
	size_t i;

	for (i = 0; i < 2; i++) {
		char *nt = write_meta(hostile_text, &hostile_meta, bases[i], NG_FORMAT_NTRIPLES);
		int complaints;
		/* Read as Turtle, of which N-Triples is a part: raptor 2.0.15's
		 * N-Triples parser leaks URIs (see tests/fuzz/lsan.supp). */
		char *again = raptor_reread(nt, "turtle", &complaints);
		ck_assert_int_eq(complaints, 0);
		/* raptor writes the statements it read byte for byte alike. */
		ck_assert_str_eq(nt, again);
		ck_assert_ptr_nonnull(strstr(nt, "\\\"title\\\" \\\\ with\\nnewline,\\ttab,"));
		free(again);
		free(nt);
	}
}
END_TEST

START_TEST(test_turtle_same_graph_and_parses_strictly)
{
	/* Sentence IRIs are relative to @base only where they resolve so: not
	 * against a query or a base without an authority. */
	static const char *const bases[] = {"http://example.org/", "http://example.org/\xC3\xA9/",
	                                    "http://example.org/id?x=/", "urn:x-news:"};
	size_t i;

	for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		char *ttl = write_meta(hostile_text, &hostile_meta, bases[i], NG_FORMAT_TURTLE);
		char *nt = write_meta(hostile_text, &hostile_meta, bases[i], NG_FORMAT_NTRIPLES);
		int complaints;
		char *graph = raptor_reread(ttl, "turtle", &complaints);
		char *a = sorted_lines(graph), *b = sorted_lines(nt);
		ck_assert_int_eq(complaints, 0);
		ck_assert_str_eq(a, b);
		/* UTF-8 stays as it is in Turtle; controls are escaped. */
		ck_assert_ptr_nonnull(strstr(ttl, "with\\nnewline,\\ttab, \\u0003 and \xE2\x80\x8F \xF0\x9F\x98\x80\""));
		free(a);
		free(b);
		free(graph);
		free(nt);
		free(ttl);
	}
}
END_TEST

static size_t
count(const char *s, const char *needle)
{
	size_t n = 0;
	while ((s = strstr(s, needle))) {
		n++;
		s += strlen(needle);
	}
	return n;
}

START_TEST(test_turtle_groups_statements_by_subject)
{
	char *out = write_doc("Norvania joined NORDA in 2023.", NG_FORMAT_TURTLE);

	/* One block per subject, its statements joined by ';': an entity
	 * with the facts about it. */
	ck_assert_ptr_nonnull(strstr(out, "\ncountry:NRV\n    a ng:Country ;\n    rdfs:label \"Norvania\" ;"));
	ck_assert_uint_eq(count(out, "\ncountry:NRV\n"), 1);
	ck_assert_ptr_nonnull(strstr(out, " ;\n    ng:joined organization:norda .\n\n"));
	ck_assert_uint_eq(count(out, "\n    a ng:Article ;\n"), 1);
	/* Objects of one predicate share it. */
	ck_assert_ptr_nonnull(strstr(out, "    schema:mentions country:NRV,\n        organization:norda"));
	ck_assert_ptr_nonnull(strstr(out, "\narticle:"));
	ck_assert_ptr_nonnull(strstr(out, "\nfact:"));
	ck_assert_uint_eq(count(out, "\n    a ng:Provenance ;\n"), count(out, "\n    ng:confidence "));
	ck_assert_str_eq(out + strlen(out) - 4, " .\n\n");
	ck_assert_ptr_nonnull(strstr(out, "country:NRV ;\n    rdf:predicate ng:joined ;\n"));
	free(out);
}
END_TEST

/* The default output: no NIF mentions and no article text; one
 * schema:mentions per entity however often it is named; a sentence node
 * with its text once, which every record of the sentence points to. */
START_TEST(test_lean_default)
{
	char *out = write_doc("Norvania and Valdora joined NORDA. Valdora joined the CEC.",
	                      NG_FORMAT_NTRIPLES);
	const char *art = "<http://example.org/article/";
	char *p, sent[160];
	size_t n;

	ck_assert_ptr_null(strstr(out, "nif-core#Phrase"));
	ck_assert_ptr_null(strstr(out, "nif-core#isString"));
	ck_assert_ptr_null(strstr(out, "taIdentRef"));
	ck_assert_uint_eq(count(out, "<https://schema.org/mentions> <http://example.org/country/VLD> ."), 1);
	ck_assert_uint_eq(count(out, "<https://schema.org/mentions> <http://example.org/organization/norda> ."), 1);
	/* The first sentence states two facts: one node, its text once. */
	ck_assert_uint_eq(count(out, "\"Norvania and Valdora joined NORDA.\""), 1);
	ck_assert_uint_eq(count(out, "nif-core#Sentence> ."), 2);
	p = strstr(out, "#char=0,34> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
	                "<http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#Sentence> .");
	ck_assert_ptr_nonnull(p);
	while (p > out && p[-1] != '\n')
		p--;
	ck_assert(!strncmp(p, art, strlen(art)));
	n = (size_t)(strchr(p, ' ') - p);
	ck_assert_uint_lt(n, sizeof(sent));
	memcpy(sent, p, n);
	sent[n] = '\0';
	ck_assert_uint_eq(count(out, sent), 5 + 2);
	ck_assert_uint_eq(count(out, "<https://w3id.org/newsgraph/ns#sentence> "), 3);
	ck_assert_ptr_null(strstr(out, "<https://w3id.org/newsgraph/ns#sentence> \""));
	free(out);
}
END_TEST

/* --mentions: the article's text, and every mention's offsets and text
 * hold in it (code points, not bytes). */
START_TEST(test_mentions_layer_holds_its_text)
{
	static const char text[] = "Caf\xC3\xA9 talk: Norvania joined NORDA.\x01 Valdora joined the CEC.";
	char *out;
	const char *p;
	size_t n = 0;

	fx_mentions = 1;
	out = write_doc(text, NG_FORMAT_NTRIPLES);
	fx_mentions = 0;
	ck_assert_ptr_nonnull(strstr(out, "nif-core#isString> \"Caf\\u00E9 talk: Norvania joined "
	                                  "NORDA.  Valdora joined the CEC.\" ."));
	/* "Norvania" begins at code point 11, byte 12. */
	ck_assert_ptr_nonnull(strstr(out, "#char=11,19> <http://persistence.uni-leipzig.org/nlp2rdf/"
	                                  "ontologies/nif-core#anchorOf> \"Norvania\" ."));
	for (p = out; (p = strstr(p, "nif-core#Phrase> .")); p++)
		n++;
	ck_assert_uint_eq(n, 4);
	free(out);
}
END_TEST

/* An entity is described once per output, in N-Quads in the graph of
 * entity descriptions; a new output describes it again. */
START_TEST(test_entities_described_once_per_output)
{
	static const char *const texts[] = {"Norvania joined NORDA.", "Norvania met Valdora."};
	char *buf = NULL, *buf2 = NULL;
	size_t len = 0, len2 = 0, i;
	FILE *f = open_memstream(&buf, &len), *f2;
	ng_writer *w = ng_writer_new(NG_FORMAT_NQUADS, "http://example.org/", f);
	ng_doc *doc;

	for (i = 0; i < 2; i++) {
		doc = NULL;
		ck_assert_int_eq(ng_doc_analyze(fx_kb, texts[i], strlen(texts[i]), NULL, &doc, NULL),
		                 NG_OK);
		ck_assert_int_eq(ng_writer_write_doc(w, doc), NG_OK);
		ng_doc_free(doc);
	}
	ng_writer_set_output(w, f2 = open_memstream(&buf2, &len2));
	doc = NULL;
	ck_assert_int_eq(ng_doc_analyze(fx_kb, texts[1], strlen(texts[1]), NULL, &doc, NULL), NG_OK);
	ck_assert_int_eq(ng_writer_write_doc(w, doc), NG_OK);
	ng_doc_free(doc);
	ng_writer_free(w);
	fclose(f);
	fclose(f2);
	ck_assert_uint_eq(count(buf, "<http://example.org/country/NRV> "
	                             "<http://www.w3.org/2000/01/rdf-schema#label> \"Norvania\" "
	                             "<http://example.org/entities> ."), 1);
	ck_assert_uint_eq(count(buf, "<https://schema.org/mentions> <http://example.org/country/NRV> "
	                             "<http://example.org/article/"), 2);
	ck_assert_uint_eq(count(buf2, "<http://www.w3.org/2000/01/rdf-schema#label> \"Norvania\" "
	                              "<http://example.org/entities> ."), 1);
	free(buf);
	free(buf2);
}
END_TEST

/* The IRI of the first minted person of text (from its rdfs:label line),
 * and its label, in iri and label. */
static void
minted_person(const char *text, char *iri, size_t n, char *label, size_t ln)
{
	char *out = write_doc(text, NG_FORMAT_NTRIPLES);
	const char *p = strstr(out, "<http://example.org/person/");
	const char *lab, *e;

	ck_assert_ptr_nonnull(p);
	e = strchr(p, '>');
	ck_assert_uint_lt((size_t)(e + 1 - p), n);
	memcpy(iri, p, (size_t)(e + 1 - p));
	iri[e + 1 - p] = '\0';
	lab = strstr(out, "> <http://www.w3.org/2000/01/rdf-schema#label> \"");
	ck_assert_ptr_nonnull(lab);
	lab += strlen("> <http://www.w3.org/2000/01/rdf-schema#label> \"");
	e = strchr(lab, '"');
	ck_assert_uint_lt((size_t)(e - lab), ln);
	memcpy(label, lab, (size_t)(e - lab));
	label[e - lab] = '\0';
	free(out);
}

/* A name no gazetteer entry holds gets an IRI from its exact label:
 * names that differ only in accents or punctuation are different entities (one
 * label each, whatever outputs are merged); the same name, however its
 * accents are encoded or spaced, is the same entity. No gazetteer ID holds
 * the '_' of a minted IRI. */
START_TEST(test_minted_iris_are_one_per_label)
{
	char a[160], b[160], c[160], d[160], e[160], la[64], lb[64], lc[64], ld[64], le[64];

	minted_person("Foreign Minister Tavo Kellander visited Norvania.", a, sizeof a, la, sizeof la);
	minted_person("Foreign Minister T\xC3\xA1vo Kellander visited Norvania.", b, sizeof b, lb,
	              sizeof lb);
	minted_person("Foreign Minister Ta\xCC\x81vo  Kellander visited Norvania.", c, sizeof c, lc,
	              sizeof lc);
	minted_person("Foreign Minister Tavo O'Kellander visited Norvania.", d, sizeof d, ld, sizeof ld);
	minted_person("Foreign Minister Tavo OKellander visited Norvania.", e, sizeof e, le, sizeof le);
	ck_assert_str_eq(la, "Tavo Kellander");
	ck_assert_str_eq(lb, "T\\u00E1vo Kellander");
	ck_assert_str_eq(lc, lb);
	ck_assert_str_eq(c, b);
	ck_assert_str_ne(a, b);
	ck_assert_str_ne(d, e);
	ck_assert_str_eq(ld, "Tavo O'Kellander");
	ck_assert_str_eq(le, "Tavo OKellander");
	ck_assert(!strncmp(a, "<http://example.org/person/tavo-kellander_", 42));
	ck_assert(!strncmp(b, "<http://example.org/person/tavo-kellander_", 42));
}
END_TEST

/* -f dot: a Graphviz graph of the asserted facts, one node per entity and
 * one edge per fact, labels quoted whatever they hold. */
START_TEST(test_dot_graph_of_facts)
{
	char *out;

	fx_add_gazetteer("qgrp\tOrganization\tQ \"Group\" \\ Ltd\tQGRP\t\n");
	out = write_doc("Norvania joined QGRP. Norvania joined QGRP in 2020. Valdora is not a member "
	                "of NORDA.", NG_FORMAT_DOT);
	ck_assert(!strncmp(out, "digraph newsgraph {\n", 20));
	ck_assert_str_eq(out + strlen(out) - 2, "}\n");
	ck_assert_uint_eq(count(out, "\"http://example.org/country/NRV\" [label=\"Norvania\", "
	                             "shape=hexagon];"), 1);
	ck_assert_uint_eq(count(out, "[label=\"Q \\\"Group\\\" \\\\ Ltd\", shape=box];"), 1);
	ck_assert_uint_eq(count(out, "\"http://example.org/country/NRV\" -> "
	                             "\"http://example.org/organization/qgrp\" [label=\"joined\"];"), 1);
	/* Only asserted facts. */
	ck_assert_uint_eq(count(out, " -> "), 1);
	free(out);
}
END_TEST

/* A stream that records the size of each write reaching it. */
typedef struct {
	size_t writes, largest, total;
	char *buf;
	size_t len, cap;
} sink;

static ssize_t
sink_write(void *cookie, const char *b, size_t n)
{
	sink *k = cookie;
	k->writes++;
	k->total += n;
	if (n > k->largest)
		k->largest = n;
	if (k->len + n + 1 > k->cap) {
		k->cap = 2 * (k->len + n + 1);
		k->buf = realloc(k->buf, k->cap);
	}
	memcpy(k->buf + k->len, b, n);
	k->len += n;
	k->buf[k->len] = '\0';
	return (ssize_t)n;
}

START_TEST(test_huge_turtle_article_streams)
{
	static const char para[] = "Norvania joined NORDA in 2023. Henrik Aalto visited Norvania. "
	                           "Valdora joined the CEC. Lucien Marchetti met Konrad Wessel.\n";
	cookie_io_functions_t io = {NULL, sink_write, NULL, NULL};
	sink k = {0};
	size_t n = 1500, i, before;
	char *text = malloc(n * (sizeof(para) - 1) + 1), *p = text;
	FILE *f = fopencookie(&k, "w", io);
	ng_writer *w = ng_writer_new(NG_FORMAT_TURTLE, "http://example.org/", f);
	ng_doc *doc = NULL;
	int complaints;
	char *graph;

	setvbuf(f, NULL, _IONBF, 0);
	for (i = 0; i < n; i++, p += sizeof(para) - 1)
		memcpy(p, para, sizeof(para) - 1);
	*p = '\0';
	ng_writer_set_mentions(w, 1);
	ck_assert_int_eq(ng_doc_analyze(fx_kb, text, strlen(text), NULL, &doc, NULL), NG_OK);
	before = k.writes;
	ck_assert_int_eq(ng_writer_write_doc(w, doc), NG_OK);
	ck_assert_int_eq(ng_writer_finish(w), NG_OK);
	fclose(f);
	/* The document went out in pieces of about a MiB as it was written,
	 * not as a whole at its end. */
	ck_assert_uint_gt(k.total, 5u << 20);
	ck_assert_uint_ge(k.writes - before, k.total / (2u << 20));
	ck_assert_uint_lt(k.largest, 2u << 20);
	graph = raptor_reread(k.buf, "turtle", &complaints);
	ck_assert_int_eq(complaints, 0);
	ck_assert_ptr_nonnull(strstr(graph, "<https://w3id.org/newsgraph/ns#joined>"));
	free(graph);
	ng_writer_free(w);
	ng_doc_free(doc);
	free(text);
	free(k.buf);
}
END_TEST

/* One writer, its output moved to a stream per document: each stream holds
 * what a writer of its own would have written, Turtle with its prefixes. */
START_TEST(test_writer_output_moves_between_documents)
{
	static const char *const texts[] = {"Valdora joined the CEC.", "Belmoria met Mirovia in Portoval."};
	ng_format fmts[] = {NG_FORMAT_TURTLE, NG_FORMAT_NQUADS};
	size_t k, i;

	for (k = 0; k < 2; k++) {
		ng_writer *w = ng_writer_new(fmts[k], "http://example.org/", NULL);
		ck_assert_ptr_nonnull(w);
		for (i = 0; i < 2; i++) {
			char *buf = NULL, *alone = write_doc(texts[i], fmts[k]);
			size_t len = 0;
			FILE *f = open_memstream(&buf, &len);
			ng_doc *doc = NULL;
			ck_assert_int_eq(ng_doc_analyze(fx_kb, texts[i], strlen(texts[i]), NULL, &doc, NULL),
			                 NG_OK);
			ng_writer_set_output(w, f);
			ck_assert_int_eq(ng_writer_write_doc(w, doc), NG_OK);
			ng_writer_set_output(w, NULL);
			fclose(f);
			ck_assert_str_eq(buf, alone);
			ng_doc_free(doc);
			free(buf);
			free(alone);
		}
		ng_writer_free(w);
	}
}
END_TEST

/* A document written to no stream is an I/O failure, not a crash. */
START_TEST(test_writer_without_output_fails)
{
	ng_writer *w = ng_writer_new(NG_FORMAT_NQUADS, NULL, NULL);
	ng_doc *doc = NULL;

	ck_assert_ptr_nonnull(w);
	ck_assert_int_eq(ng_doc_analyze(fx_kb, "Valdora joined the CEC.", 23, NULL, &doc, NULL), NG_OK);
	ck_assert_int_eq(ng_writer_write_doc(w, doc), NG_ERR_IO);
	ng_doc_free(doc);
	ng_writer_free(w);
}
END_TEST

START_TEST(test_unknown_format_name)
{
	ck_assert_int_eq(ng_format_from_name("rdfxml"), -1);
	ck_assert_int_eq(ng_format_from_name("nquads"), NG_FORMAT_NQUADS);
}
END_TEST

START_TEST(test_writer_free_null_is_noop)
{
	ng_writer_free(NULL);
}
END_TEST

START_TEST(test_iri_is_valid)
{
	ck_assert(ng_iri_is_valid("https://w3id.org/newsgraph/id/"));
	ck_assert(ng_iri_is_valid("urn:x-news:"));
	ck_assert(ng_iri_is_valid("http://example.org/caf\xc3\xa9/%C3%A9#"));
	ck_assert(!ng_iri_is_valid("example.org/"));
	ck_assert(!ng_iri_is_valid("1http://example.org/"));
	ck_assert(!ng_iri_is_valid("http://example.org/a b/"));
	ck_assert(!ng_iri_is_valid("http://example.org/<x>/"));
	ck_assert(!ng_iri_is_valid("http://example.org/\"q\""));
	ck_assert(!ng_iri_is_valid("http://example.org/{x}|^`\\"));
	ck_assert(!ng_iri_is_valid("http://example.org/\t"));
	ck_assert(!ng_iri_is_valid("http://example.org/%zz"));
	ck_assert(!ng_iri_is_valid("http://example.org/%4"));
	ck_assert(!ng_iri_is_valid(""));
	ck_assert(!ng_iri_is_valid(NULL));
	/* A writer refuses such a base. */
	ck_assert_ptr_null(ng_writer_new(NG_FORMAT_NQUADS, "http://example.org/a b/", stdout));
}
END_TEST

static Suite *
writer_suite(void)
{
	Suite *s = suite_create("writer");
	TCase *core = tcase_create("core");
	TCase *errors = tcase_create("errors");

	tcase_add_unchecked_fixture(core, fx_setup, fx_teardown);
	tcase_add_test(core, test_fact_triple_and_provenance_in_ntriples);
	tcase_add_test(core, test_entry_identifiers_give_same_as);
	tcase_add_test(core, test_rule_mentions_carry_their_rule);
	tcase_add_test(core, test_document_without_entities);
	tcase_add_test(core, test_negated_fact_has_no_plain_triple);
	tcase_add_test(core, test_nquads_use_article_graph);
	tcase_add_test(core, test_turtle_declares_prefixes);
	tcase_add_test(core, test_hostile_text_is_escaped);
	tcase_add_test(core, test_ntriples_escapes_as_raptor_serializer);
	tcase_add_test(core, test_turtle_same_graph_and_parses_strictly);
	tcase_add_test(core, test_turtle_groups_statements_by_subject);
	tcase_add_test(core, test_lean_default);
	tcase_add_test(core, test_mentions_layer_holds_its_text);
	tcase_add_test(core, test_entities_described_once_per_output);
	tcase_add_test(core, test_minted_iris_are_one_per_label);
	tcase_add_test(core, test_dot_graph_of_facts);
	tcase_add_test(core, test_huge_turtle_article_streams);
	tcase_add_test(core, test_writer_output_moves_between_documents);
	tcase_add_test(core, test_writer_without_output_fails);
	tcase_set_timeout(core, 120);
	tcase_add_test(errors, test_unknown_format_name);
	tcase_add_test(errors, test_iri_is_valid);
	tcase_add_test(errors, test_writer_free_null_is_noop);
	suite_add_tcase(s, core);
	suite_add_tcase(s, errors);
	return s;
}

NG_CHECK_MAIN(writer_suite)
