/* SPDX-License-Identifier: Apache-2.0 */
/* Internal interface of the validator's RDF layer: an interned term store
 * with the well-known IRIs, and indexed in-memory graphs loaded through
 * raptor2. The bottom of the validator; not installed. */
#ifndef NG_TRIPLES_H
#define NG_TRIPLES_H

#include <stddef.h>
#include <stdint.h>

#include <raptor2.h>

#include "newsgraph.h"

/* ------------------------------------------------------------ terms */

/* Terms are interned to 32-bit IDs; 0 means "no term". */
typedef uint32_t ng_tid;

enum { NG_TERM_IRI = 1, NG_TERM_BNODE, NG_TERM_LITERAL };

typedef struct {
	unsigned char kind;
	ng_tid dt;       /* literal datatype (xsd:string for plain literals) */
	size_t len;      /* bytes of lex */
	char *lex;       /* IRI, blank node label or lexical form */
	char *lang;      /* lower-cased language tag, or NULL */
} ng_term;

/* Well-known IRIs, interned when the store is made. */
#define NG_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NG_RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define NG_XSD "http://www.w3.org/2001/XMLSchema#"
#define NG_OWL "http://www.w3.org/2002/07/owl#"
#define NG_SH "http://www.w3.org/ns/shacl#"

#define NG_VOCAB(X) \
	X(rdf_type, NG_RDF "type") X(rdf_first, NG_RDF "first") \
	X(rdf_rest, NG_RDF "rest") X(rdf_nil, NG_RDF "nil") \
	X(rdf_subject, NG_RDF "subject") X(rdf_predicate, NG_RDF "predicate") \
	X(rdf_object, NG_RDF "object") X(rdf_langString, NG_RDF "langString") \
	X(rdfs_Class, NG_RDFS "Class") X(rdfs_subClassOf, NG_RDFS "subClassOf") \
	X(rdfs_domain, NG_RDFS "domain") X(rdfs_range, NG_RDFS "range") \
	X(rdfs_Literal, NG_RDFS "Literal") X(rdfs_Datatype, NG_RDFS "Datatype") \
	X(owl_Class, NG_OWL "Class") X(owl_ObjectProperty, NG_OWL "ObjectProperty") \
	X(owl_DatatypeProperty, NG_OWL "DatatypeProperty") \
	X(owl_FunctionalProperty, NG_OWL "FunctionalProperty") \
	X(owl_SymmetricProperty, NG_OWL "SymmetricProperty") \
	X(owl_AllDisjointClasses, NG_OWL "AllDisjointClasses") \
	X(owl_members, NG_OWL "members") X(owl_disjointWith, NG_OWL "disjointWith") \
	X(owl_equivalentClass, NG_OWL "equivalentClass") \
	X(xsd_string, NG_XSD "string") X(xsd_boolean, NG_XSD "boolean") \
	X(xsd_integer, NG_XSD "integer") X(xsd_decimal, NG_XSD "decimal") \
	X(xsd_double, NG_XSD "double") X(xsd_float, NG_XSD "float") \
	X(xsd_date, NG_XSD "date") X(xsd_dateTime, NG_XSD "dateTime") \
	X(xsd_gYear, NG_XSD "gYear") X(xsd_nonNegativeInteger, NG_XSD "nonNegativeInteger") \
	X(sh_NodeShape, NG_SH "NodeShape") X(sh_PropertyShape, NG_SH "PropertyShape") \
	X(sh_targetClass, NG_SH "targetClass") X(sh_targetNode, NG_SH "targetNode") \
	X(sh_targetSubjectsOf, NG_SH "targetSubjectsOf") \
	X(sh_targetObjectsOf, NG_SH "targetObjectsOf") \
	X(sh_path, NG_SH "path") X(sh_inversePath, NG_SH "inversePath") \
	X(sh_alternativePath, NG_SH "alternativePath") \
	X(sh_zeroOrMorePath, NG_SH "zeroOrMorePath") \
	X(sh_oneOrMorePath, NG_SH "oneOrMorePath") \
	X(sh_zeroOrOnePath, NG_SH "zeroOrOnePath") \
	X(sh_deactivated, NG_SH "deactivated") X(sh_severity, NG_SH "severity") \
	X(sh_message, NG_SH "message") X(sh_Violation, NG_SH "Violation") \
	X(sh_Warning, NG_SH "Warning") X(sh_Info, NG_SH "Info") \
	X(sh_class, NG_SH "class") X(sh_datatype, NG_SH "datatype") \
	X(sh_nodeKind, NG_SH "nodeKind") X(sh_minCount, NG_SH "minCount") \
	X(sh_maxCount, NG_SH "maxCount") X(sh_minExclusive, NG_SH "minExclusive") \
	X(sh_minInclusive, NG_SH "minInclusive") X(sh_maxExclusive, NG_SH "maxExclusive") \
	X(sh_maxInclusive, NG_SH "maxInclusive") X(sh_minLength, NG_SH "minLength") \
	X(sh_maxLength, NG_SH "maxLength") X(sh_pattern, NG_SH "pattern") \
	X(sh_flags, NG_SH "flags") X(sh_languageIn, NG_SH "languageIn") \
	X(sh_uniqueLang, NG_SH "uniqueLang") X(sh_equals, NG_SH "equals") \
	X(sh_disjoint, NG_SH "disjoint") X(sh_lessThan, NG_SH "lessThan") \
	X(sh_lessThanOrEquals, NG_SH "lessThanOrEquals") X(sh_not, NG_SH "not") \
	X(sh_and, NG_SH "and") X(sh_or, NG_SH "or") X(sh_xone, NG_SH "xone") \
	X(sh_node, NG_SH "node") X(sh_property, NG_SH "property") \
	X(sh_qualifiedValueShape, NG_SH "qualifiedValueShape") \
	X(sh_qualifiedMinCount, NG_SH "qualifiedMinCount") \
	X(sh_qualifiedMaxCount, NG_SH "qualifiedMaxCount") \
	X(sh_qualifiedValueShapesDisjoint, NG_SH "qualifiedValueShapesDisjoint") \
	X(sh_closed, NG_SH "closed") X(sh_ignoredProperties, NG_SH "ignoredProperties") \
	X(sh_hasValue, NG_SH "hasValue") X(sh_in, NG_SH "in") \
	X(sh_IRI, NG_SH "IRI") X(sh_BlankNode, NG_SH "BlankNode") \
	X(sh_Literal, NG_SH "Literal") X(sh_BlankNodeOrIRI, NG_SH "BlankNodeOrIRI") \
	X(sh_BlankNodeOrLiteral, NG_SH "BlankNodeOrLiteral") \
	X(sh_IRIOrLiteral, NG_SH "IRIOrLiteral") \
	X(sh_ValidationReport, NG_SH "ValidationReport") \
	X(sh_ValidationResult, NG_SH "ValidationResult") \
	X(sh_conforms, NG_SH "conforms") X(sh_result, NG_SH "result") \
	X(sh_focusNode, NG_SH "focusNode") X(sh_resultPath, NG_SH "resultPath") \
	X(sh_value, NG_SH "value") X(sh_sourceShape, NG_SH "sourceShape") \
	X(sh_sourceConstraintComponent, NG_SH "sourceConstraintComponent") \
	X(sh_resultSeverity, NG_SH "resultSeverity") \
	X(sh_resultMessage, NG_SH "resultMessage") \
	X(ng_Provenance, NG_NS "Provenance") X(ng_role, NG_NS "role")

typedef struct {
#define NG_VOCAB_FIELD(name, iri) ng_tid name;
	NG_VOCAB(NG_VOCAB_FIELD)
#undef NG_VOCAB_FIELD
} ng_vocab;

typedef struct ng_store ng_store;

ng_store *ng_store_new(void);
void ng_store_free(ng_store *st);
/* Interns a term; returns 0 when out of memory. @p dt is 0 for non-literals
 * and for plain literals (stored as xsd:string). */
ng_tid ng_store_intern(ng_store *st, int kind, const char *lex, size_t len,
                       ng_tid dt, const char *lang);
ng_tid ng_store_iri(ng_store *st, const char *iri);
/* Looks a term up without adding it; 0 if absent. */
ng_tid ng_store_find_iri(const ng_store *st, const char *iri);
/* Drops every term with an ID of @p n or more (n is ng_store_count + 1 at
 * the moment to return to); blank-node labels stay unique. */
void ng_store_truncate(ng_store *st, size_t n);
const ng_term *ng_store_term(const ng_store *st, ng_tid id);
const ng_vocab *ng_store_vocab(const ng_store *st);
size_t ng_store_count(const ng_store *st);
/* A fresh blank node. */
ng_tid ng_store_new_bnode(ng_store *st);
/* Term in N-Triples-like form with well-known prefixes abbreviated; the
 * caller frees. */
char *ng_store_format(const ng_store *st, ng_tid id);

/* Arrays of term IDs: whether @p x is one of the @p n in @p v, and
 * appending @p x to *v, growing *cap; the push returns -1 when out of
 * memory. */
int ng_tid_in(const ng_tid *v, size_t n, ng_tid x);
int ng_tid_push(ng_tid **v, size_t *n, size_t *cap, ng_tid x);

/* ------------------------------------------------------------ graphs */

typedef struct {
	ng_tid s, p, o;
} ng_triple;

typedef struct {
	ng_triple *spo; /* sorted s, p, o once indexed */
	ng_triple *pos; /* sorted p, o, s */
	size_t n, cap;
	int indexed;
} ng_graph;

void ng_graph_init(ng_graph *g);
void ng_graph_clear(ng_graph *g);
ng_status ng_graph_add(ng_graph *g, ng_tid s, ng_tid p, ng_tid o);
/* Sorts, removes duplicates and builds the indexes; call after adding. */
ng_status ng_graph_index(ng_graph *g);
/* Triples with subject s (and predicate p when p != 0), from the spo index. */
const ng_triple *ng_graph_sp(const ng_graph *g, ng_tid s, ng_tid p, size_t *n);
/* Triples with predicate p (and object o when o != 0), from the pos index. */
const ng_triple *ng_graph_po(const ng_graph *g, ng_tid p, ng_tid o, size_t *n);
int ng_graph_has(const ng_graph *g, ng_tid s, ng_tid p, ng_tid o);
/* The first object of s p, or 0. */
ng_tid ng_graph_object(const ng_graph *g, ng_tid s, ng_tid p);
/* Members of an RDF list; returns -1 when the list is malformed. The caller
 * frees *out. */
int ng_graph_list(const ng_graph *g, const ng_vocab *v, ng_tid head,
                  ng_tid **out, size_t *n);

/* Parses @p path ("-" for standard input, read from @p in when non-NULL)
 * in raptor syntax @p syntax (NULL to guess from the name) into @p g.
 * Blank nodes get labels unique to this parse. Errors go to @p func. */
ng_status ng_graph_parse(ng_graph *g, ng_store *st, raptor_world *world,
                         const char *path, FILE *in, const char *syntax,
                         ng_error_func func, void *handle);

/* Formats a SHACL path term of @p g as SPARQL property path text; the
 * caller frees. */
char *ng_path_format(const ng_store *st, const ng_graph *g, ng_tid path);

#endif /* NG_TRIPLES_H */
