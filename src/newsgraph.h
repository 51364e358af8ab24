/* SPDX-License-Identifier: Apache-2.0 */
/**
 * @file newsgraph.h
 * @brief newsgraph: news articles in, an RDF knowledge graph out.
 *
 * The library reads article text, finds entities with gazetteers and rules,
 * extracts relations with patterns, and writes RDF through raptor2. It never
 * prints and never exits: details of every error go to an error callback.
 */
#ifndef NEWSGRAPH_H
#define NEWSGRAPH_H

#include <stddef.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(NG_BUILDING) && defined(__GNUC__)
#define NG_API __attribute__((visibility("default")))
#else
#define NG_API
#endif

/** Namespace of the newsgraph ontology. */
#define NG_NS "https://w3id.org/newsgraph/ns#"
/** Default base for minted instance IRIs (entities, articles, facts). */
#define NG_DEFAULT_BASE "https://w3id.org/newsgraph/id/"

/** Status codes. */
typedef enum {
	NG_OK = 0,        /**< Success */
	NG_ERR_NOMEM,     /**< Out of memory */
	NG_ERR_IO,        /**< Read or write failed */
	NG_ERR_BAD_UTF8,  /**< Invalid UTF-8 */
	NG_ERR_NUL,       /**< NUL byte in text */
	NG_ERR_EMPTY,     /**< Empty input */
	NG_ERR_TOO_BIG,   /**< Input over a size limit */
	NG_ERR_SYNTAX,    /**< Data file or RDF syntax error */
	NG_ERR_PATTERN,   /**< Regular expression does not compile */
	NG_ERR_RDF,       /**< raptor2 failed */
	NG_ERR_BAD_ARG,   /**< Invalid argument */
	NG_ERR_NOT_FOUND, /**< File or item not found */
	NG_ERR_LIMIT,     /**< A match or depth limit was hit */
	NG_ERR_CHANGED,   /**< A file changed while it was read */
	NG_ERR_GZIP       /**< A gzip file is broken or cut short */
} ng_status;

/** A short English description of a status. */
NG_API const char *ng_strerror(ng_status st);
/**
 * A copy of @p s safe to show on a terminal or in a TSV field: control
 * characters (C0, DEL, C1), bytes that are not valid UTF-8 and the
 * backslash become \xHH escapes (the backslash \\\\). The caller frees it;
 * NULL when out of memory.
 */
NG_API char *ng_escape(const char *s);

/** Details of an error or warning, passed to an ng_error_func. */
typedef struct {
	ng_status status;
	int warning;            /**< Non-zero for a warning */
	const char *file;       /**< File name, or NULL */
	unsigned long line;     /**< 1-based line, 0 if unknown */
	unsigned long column;   /**< 1-based column, 0 if unknown */
	long long byte;         /**< 0-based byte offset, -1 if unknown */
	const char *message;    /**< Human-readable detail */
} ng_error;

/** Error sink: called once per error or warning. */
typedef void (*ng_error_func)(void *handle, const ng_error *error);

/* ------------------------------------------------------------ knowledge */

/**
 * Knowledge: gazetteers, lexicon, relation patterns and boilerplate rules.
 * Loaded once, read-only afterwards, and shared by any number of threads.
 */
typedef struct ng_knowledge ng_knowledge;

/** A new, empty knowledge base, or NULL when out of memory. */
NG_API ng_knowledge *ng_knowledge_new(void);
/** Frees a knowledge base; NULL is a no-op. */
NG_API void ng_knowledge_free(ng_knowledge *kb);
/** Sets where load errors go. */
NG_API void ng_knowledge_set_error_func(ng_knowledge *kb, ng_error_func func,
                                        void *handle);
/**
 * Loads the standard data files of @p dir (an `ontology/` directory):
 * `lexicon.tsv`, `boilerplate.tsv`, `patterns.tsv` and `gazetteer/ *.tsv`.
 */
NG_API ng_status ng_knowledge_load_dir(ng_knowledge *kb, const char *dir);
/** Adds a gazetteer file; its entries override earlier ones with the same ID. */
NG_API ng_status ng_knowledge_add_gazetteer(ng_knowledge *kb, const char *path);
/** Adds a relation pattern file. Its properties must be fact properties
 * of the ontology loaded before (ng_knowledge_load_dir or
 * ng_knowledge_add_ontology). */
NG_API ng_status ng_knowledge_add_patterns(ng_knowledge *kb, const char *path);
/** Reads the fact properties (ng:FactProperty) of an ontology in Turtle:
 * the properties that relation patterns may yield. */
NG_API ng_status ng_knowledge_add_ontology(ng_knowledge *kb, const char *path);
/** Compiles what was loaded; call once after loading, before extracting. */
NG_API ng_status ng_knowledge_prepare(ng_knowledge *kb);
/** Number of gazetteer entries loaded. */
NG_API size_t ng_knowledge_entry_count(const ng_knowledge *kb);

/**
 * The directory that holds the data files: `$NEWSGRAPH_DATADIR` if set, the
 * source tree's `ontology/` when run from a build tree, else the installed
 * `$(pkgdatadir)/ontology`. Returns a static string.
 */
NG_API const char *ng_data_dir(void);

/**
 * Reads a whole file (standard input for "-") into memory the caller frees;
 * gzip is read uncompressed. Fails with NG_ERR_TOO_BIG past @p max bytes of
 * text (0 for no limit), NG_ERR_GZIP when gzip data is broken.
 */
NG_API ng_status ng_read_file(const char *path, char **out, size_t *len, size_t max);
/**
 * A stdio stream over @p fd (which it owns) through zlib: mode "r" reads
 * gzip, or plain bytes as they are; "w" writes gzip. A read of broken gzip
 * fails with errno EILSEQ. NULL on failure (fd closed).
 */
NG_API FILE *ng_gz_fdopen(int fd, const char *mode);
/** Opens @p path ("-": standard input) for reading, gzip or not. */
NG_API FILE *ng_open_input(const char *path);

/* ------------------------------------------------------------ documents */

/** Metadata known about an article before it is read. All may be NULL. */
typedef struct {
	const char *source; /**< File name or identifier, for messages */
	const char *id;     /**< Caller's article identifier */
	const char *url;    /**< Where the article was published */
	const char *title;  /**< Title, if known (else the first line) */
	const char *date;   /**< Publication date, YYYY-MM-DD, if known */
	const char *key;    /**< Source identity (a JSON Lines "id", else its
	                         "url"): the article's IRI comes from it; NULL:
	                         from the text */
} ng_doc_meta;

/** One analysed article: text, sentences, entities and facts. */
typedef struct ng_doc ng_doc;

/**
 * Analyses one article of @p len bytes. On failure returns the status and,
 * when @p err is not NULL, fills it in: for a text error (invalid UTF-8, a
 * NUL byte) the file (@p meta's source, or "-"), the offending byte offset
 * in the input and the reason; otherwise a byte of -1 and no message. This
 * is the only report: the knowledge's error func is for its data files.
 */
NG_API ng_status ng_doc_analyze(const ng_knowledge *kb, const char *text,
                                size_t len, const ng_doc_meta *meta,
                                ng_doc **out, ng_error *err);
/** Frees a document; NULL is a no-op. */
NG_API void ng_doc_free(ng_doc *doc);
/** Counts of what the analysis found. */
NG_API size_t ng_doc_sentence_count(const ng_doc *doc);
NG_API size_t ng_doc_entity_count(const ng_doc *doc);
NG_API size_t ng_doc_mention_count(const ng_doc *doc);
NG_API size_t ng_doc_fact_count(const ng_doc *doc);
/** The article's date, YYYY-MM-DD (given or found in the text), or NULL.
 * Without one no dated office of the gazetteer is used. */
NG_API const char *ng_doc_date(const ng_doc *doc);

/** Modality of an extracted fact. Only asserted facts become plain triples. */
typedef enum {
	NG_MOD_ASSERTED = 0,
	NG_MOD_NEGATED,
	NG_MOD_INTENDED,
	NG_MOD_PLANNED,
	NG_MOD_REPORTED
} ng_modality;

/** Name of a modality ("asserted", ...). */
NG_API const char *ng_modality_name(ng_modality m);
/** The modality of a name ng_modality_name gives, or -1. */
NG_API int ng_modality_from_name(const char *name);

/** A fact as the library reports it; strings borrow from the document. */
typedef struct {
	const char *subject;      /**< Subject entity label */
	const char *subject_iri;  /**< Subject entity IRI (relative to base) */
	const char *property;     /**< Local name in the ontology, "visited" */
	const char *object;       /**< Object label or role literal */
	const char *object_iri;   /**< Object IRI (relative), NULL for literals */
	ng_modality modality;
	const char *rule;         /**< Pattern or rule ID */
	double confidence;        /**< 0..1 */
	size_t sentence_begin;    /**< Character offsets of the sentence */
	size_t sentence_end;
	const char *sentence;     /**< The sentence text as in the article */
	const char *matched;      /**< What a relation pattern matched: the
	                               sentence normalized (lower case, mentions
	                               as placeholders such as PER_3, titles as
	                               TTL, time words and skipped adverbs left
	                               out); NULL for other rules */
	const char *date;         /**< When the fact happened, from its sentence:
	                               YYYY-MM-DD or YYYY; NULL if it does not say */
	const char *date_text;    /**< The time expression of date */
} ng_fact_info;

/** Fact @p i of the document. */
NG_API ng_status ng_doc_fact(const ng_doc *doc, size_t i, ng_fact_info *out);

/** Receives a name: @p len bytes of UTF-8 at @p name (not NUL-terminated). */
typedef void (*ng_name_func)(void *handle, const char *name, size_t len);

/**
 * Calls @p func for each capitalized name in the document's prose that no
 * gazetteer entry or rule covered, so that users can grow their gazetteers.
 * Returns the number of names reported.
 */
NG_API size_t ng_doc_unknown_names(const ng_doc *doc, ng_name_func func, void *handle);

/* --------------------------------------------------------------- writer */

/** RDF syntaxes newsgraph writes. */
typedef enum {
	NG_FORMAT_TURTLE = 0,
	NG_FORMAT_NTRIPLES,
	NG_FORMAT_NQUADS,
	NG_FORMAT_DOT /**< Graphviz: the asserted facts of the output as a picture */
} ng_format;

/** Parses "turtle", "ntriples" or "nquads"; returns -1 if unknown. */
NG_API int ng_format_from_name(const char *name);

/** Writes documents as RDF to a stream, one document at a time. */
typedef struct ng_writer ng_writer;

/**
 * Whether @p iri is an absolute IRI by RFC 3987, which every strict RDF
 * parser takes: a scheme, an authority (host name or IP literal, port),
 * path, query and fragment of the characters each allows, valid UTF-8
 * without C1 controls or non-characters, and '%' only before two hex
 * digits.
 */
NG_API int ng_iri_is_valid(const char *iri);
/**
 * Whether @p base can be the base of minted IRIs: ng_iri_is_valid and
 * without a fragment, since IRIs are made by appending to it.
 */
NG_API int ng_iri_is_base(const char *base);

/**
 * A writer of @p format to @p out with instance IRIs under @p base (NULL for
 * NG_DEFAULT_BASE). Each writer owns its own raptor world, so one per thread.
 * NULL when out of memory or when @p base is not ng_iri_is_base.
 */
NG_API ng_writer *ng_writer_new(ng_format format, const char *base, FILE *out);
/**
 * Writes the next documents to @p out instead. A document is written whole
 * to one stream, so after each ng_writer_write_doc the stream may change:
 * one writer serves a file per document. In Turtle each output then
 * starts with the prefixes. @p out may be NULL between documents (a
 * document written to no stream fails with NG_ERR_IO).
 */
NG_API void ng_writer_set_output(ng_writer *w, FILE *out);
/** Whether to add the NIF layer: the article's text (nif:isString) and each
 * mention as a NIF phrase (default: off). */
NG_API void ng_writer_set_mentions(ng_writer *w, int on);
/** Writes one document and flushes it. */
NG_API ng_status ng_writer_write_doc(ng_writer *w, const ng_doc *doc);
/** Ends the output (closing any syntax) and flushes. */
NG_API ng_status ng_writer_finish(ng_writer *w);
/** The errno of the write to the output that failed (NG_ERR_IO), 0 if none. */
NG_API int ng_writer_errno(const ng_writer *w);
/** Frees a writer; NULL is a no-op. Does not close the stream. */
NG_API void ng_writer_free(ng_writer *w);

/* ---------------------------------------------------------------- batch */
/* batch API: begin (owned by the batch work) */

/** Reads articles from JSON Lines: one object a line with a "text" string
 * and optional "id" (string or integer), "url", "title" and "date". */
typedef struct ng_jsonl ng_jsonl;

/** One article of a JSON Lines stream; strings borrow from the reader and
 * stay valid until its next read. */
typedef struct {
	const char *text;   /**< The text, NULL at the end of the input */
	size_t len;         /**< Its length in bytes */
	ng_doc_meta meta;   /**< source (the stream's name), id, url, title, date */
	unsigned long line; /**< 1-based line number */
} ng_jsonl_article;

/** A reader of @p in named @p name in messages; texts over @p max_size bytes
 * (0: no limit) are refused. Does not close @p in. NULL when out of memory. */
NG_API ng_jsonl *ng_jsonl_new(FILE *in, const char *name, size_t max_size);
/** Frees a reader; NULL is a no-op. */
NG_API void ng_jsonl_free(ng_jsonl *r);
/** Sets where bad lines are reported (file, line, column, message). */
NG_API void ng_jsonl_set_error_func(ng_jsonl *r, ng_error_func func, void *handle);
/**
 * Reads the next article, skipping blank lines. Returns NG_OK with
 * @p art->text set, or NG_OK with @p art->text NULL at the end of the input.
 * A bad line (NG_ERR_SYNTAX, NG_ERR_TOO_BIG) is reported, @p art->line says
 * which, and reading may go on; NG_ERR_IO and NG_ERR_NOMEM end the stream.
 */
NG_API ng_status ng_jsonl_next(ng_jsonl *r, ng_jsonl_article *art);

/**
 * An incremental, parallel run over files, directories and JSON Lines into
 * an output directory: one file per article under `articles/`, the merged
 * graphs `graph.nq` (one named graph per article) and `graph.ttl`, the state
 * `state.tsv` (`hash TAB id TAB file` a line) and `errors.tsv`. Only new or
 * changed articles are processed; a run killed at any moment and run again
 * gives the output of an uninterrupted run.
 */
typedef struct ng_batch ng_batch;

/** Options of a batch run: zero-initialize, then set what differs. */
typedef struct {
	unsigned jobs;       /**< Worker threads; 0 for the number of cores */
	unsigned formats;    /**< Bit set of (1u << NG_FORMAT_NQUADS) and
	                          (1u << NG_FORMAT_TURTLE); 0 for both */
	const char *base;    /**< Base for minted IRIs; NULL for NG_DEFAULT_BASE */
	const char *glob;    /**< Names to read in directories; NULL for "*.txt" */
	size_t max_size;     /**< Refuse articles over this many bytes; 0: no limit */
	int no_sync;         /**< Do not fsync: safe against kill, not power loss */
	int mentions;        /**< Add the NIF layer: each article's text and every
	                          mention with its offsets */
	int follow_links;    /**< Follow symbolic links in directories to files and
	                          directories outside the input tree too */
} ng_batch_options;

/** Counts of a batch run so far. */
typedef struct {
	unsigned long long total;       /**< Articles in the inputs, 0 if not counted */
	unsigned long long total_bytes; /**< Bytes of the inputs, 0 if not counted */
	unsigned long long done;        /**< Articles processed, skipped or failed */
	unsigned long long done_bytes;  /**< Bytes of those articles */
	unsigned long long articles;    /**< Articles processed */
	unsigned long long skipped;     /**< Articles unchanged since an earlier run */
	unsigned long long failed;      /**< Articles that failed */
	unsigned long long sentences, entities, facts;
	unsigned long long bytes;       /**< Bytes of the articles processed */
	unsigned jobs;                  /**< Worker threads */
	double seconds;                 /**< Wall-clock time since the run began */
} ng_batch_stats;

/** Called from the thread running ng_batch_run, about every interval. */
typedef void (*ng_batch_progress_func)(void *handle, const ng_batch_stats *stats);

/**
 * A batch into directory @p outdir (created if missing) with knowledge @p kb,
 * which must outlive the batch. @p opt may be NULL for the defaults. NULL
 * when out of memory.
 */
NG_API ng_batch *ng_batch_new(const ng_knowledge *kb, const char *outdir,
                              const ng_batch_options *opt);
/** Frees a batch; NULL is a no-op. */
NG_API void ng_batch_free(ng_batch *b);
/**
 * Sets where per-article failures go (file, line, byte, message); calls are
 * serialized, from any thread. They are also written to `errors.tsv`.
 */
NG_API void ng_batch_set_error_func(ng_batch *b, ng_error_func func, void *handle);
/** Sets a progress callback, called about every @p interval seconds. */
NG_API void ng_batch_set_progress_func(ng_batch *b, ng_batch_progress_func func,
                                       void *handle, double interval);
/**
 * Adds an input: a file, a directory (searched recursively for the glob) or
 * "-" for JSON Lines on standard input. Names ending in `.jsonl` are read as
 * JSON Lines. Inputs are read when the batch runs.
 */
NG_API ng_status ng_batch_add_input(ng_batch *b, const char *path);
/**
 * Adds a data file to the configuration's fingerprint: when a data file,
 * the base or the program version changes, every article is processed again.
 */
NG_API ng_status ng_batch_add_config_file(ng_batch *b, const char *path);
/** Counts the articles and bytes of the inputs (for progress); optional. */
NG_API ng_status ng_batch_scan(ng_batch *b);
/**
 * Runs the batch. Returns NG_OK when the run completed, even if some
 * articles failed (see the stats); an error when the output directory could
 * not be used.
 */
NG_API ng_status ng_batch_run(ng_batch *b);
/** The counts so far. */
NG_API void ng_batch_get_stats(const ng_batch *b, ng_batch_stats *out);
/** Writes the counts as a JSON object to @p out. */
NG_API ng_status ng_batch_write_stats(const ng_batch *b, FILE *out);

/* batch API: end */

/* ------------------------------------------------------------- validate */
/* validate API: begin (owned by the validator work) */

/**
 * Validates RDF graphs against the newsgraph ontology (declared terms,
 * domains, ranges, disjoint classes, functional properties, literal syntax,
 * provenance of facts) and against SHACL Core shapes.
 */
typedef struct ng_validator ng_validator;

/** Severity of a validation result (sh:Violation, sh:Warning, sh:Info). */
typedef enum {
	NG_SEVERITY_VIOLATION = 0,
	NG_SEVERITY_WARNING,
	NG_SEVERITY_INFO
} ng_severity;

/**
 * One validation result. Terms are in N-Triples form with well-known
 * prefixes abbreviated (`ng:visited`, `<https://...>`, `"12x"^^xsd:integer`);
 * strings borrow from the validator and stay valid until it is freed or
 * validates again. Absent fields are NULL.
 */
typedef struct {
	ng_severity severity;
	const char *focus;     /**< Focus node */
	const char *path;      /**< Result path (SPARQL property path syntax) */
	const char *value;     /**< Value node */
	const char *shape;     /**< Source shape, NULL for ontology checks */
	const char *component; /**< Source constraint component IRI, abbreviated */
	const char *message;   /**< Human-readable message */
} ng_validation_result;

/** A new validator with nothing loaded, or NULL when out of memory. */
NG_API ng_validator *ng_validator_new(void);
/** Frees a validator; NULL is a no-op. */
NG_API void ng_validator_free(ng_validator *v);
/** Sets where load and shape errors go (file, line, column, message). */
NG_API void ng_validator_set_error_func(ng_validator *v, ng_error_func func,
                                        void *handle);
/**
 * Loads an OWL ontology (any syntax raptor2 reads, guessed from the name).
 * Enables the ontology checks; may be called more than once.
 */
NG_API ng_status ng_validator_load_ontology(ng_validator *v, const char *path);
/** Loads a SHACL shapes graph; may be called more than once. */
NG_API ng_status ng_validator_load_shapes(ng_validator *v, const char *path);
/**
 * Adds a data file to the data graph. @p path "-" reads standard input.
 * @p syntax is a raptor2 parser name ("turtle", "ntriples", "nquads",
 * "rdfxml"), or NULL to guess it from the file name (Turtle for "-").
 */
NG_API ng_status ng_validator_load_data(ng_validator *v, const char *path,
                                        const char *syntax);
/**
 * Adds data read from @p in, which stays open, to the data graph: for data
 * in memory (fmemopen) or from a pipe. @p name stands for the source in
 * error messages and gives the base IRI; @p syntax is a raptor2 parser name.
 */
NG_API ng_status ng_validator_load_data_stream(ng_validator *v, FILE *in,
                                               const char *name,
                                               const char *syntax);
/**
 * Drops the data graph and the results, and the terms only they used,
 * keeping the ontology and the shapes: one validator then checks any number
 * of data graphs in turn, in memory that does not grow with their number.
 */
NG_API void ng_validator_clear_data(ng_validator *v);
/** Drops the shapes graph and the results, as ng_validator_clear_data
 * drops the data; the ontology checks stay. */
NG_API void ng_validator_clear_shapes(ng_validator *v);
/**
 * Validates the data loaded so far against the ontology and the shapes and
 * keeps the results, sorted. Returns NG_OK whether or not the data conforms;
 * an error means the shapes could not be used (a missing or recursive shape,
 * an invalid sh:pattern).
 */
NG_API ng_status ng_validator_run(ng_validator *v);
/**
 * Loads @p n data files and validates them: ng_validator_load_data for each,
 * then ng_validator_run.
 */
NG_API ng_status ng_validator_validate_files(ng_validator *v,
                                             const char *const *paths,
                                             size_t n, const char *syntax);
/** Non-zero when the last run produced no results, of the ontology checks
 * or of the shapes. */
NG_API int ng_validator_conforms(const ng_validator *v);
/** Non-zero when the last run produced no SHACL results: the report's
 * sh:conforms, whatever the ontology checks found. */
NG_API int ng_validator_shapes_conform(const ng_validator *v);
/** Number of triples in the data graph. */
NG_API size_t ng_validator_triple_count(const ng_validator *v);
/** Number of results of the last run, of the ontology checks and of the
 * shapes. */
NG_API size_t ng_validator_result_count(const ng_validator *v);
/** Number of results of the last run with severity @p sev. */
NG_API size_t ng_validator_severity_count(const ng_validator *v,
                                          ng_severity sev);
/** Result @p i of the last run (sorted by severity, focus, path, value). */
NG_API ng_status ng_validator_result(const ng_validator *v, size_t i,
                                     ng_validation_result *out);
/**
 * Writes the SHACL results of the last run as a W3C SHACL validation report
 * (sh:ValidationReport) in Turtle to @p out. The results of the ontology
 * checks (those without a source shape) are not SHACL results and are left
 * out; sh:conforms is ng_validator_shapes_conform.
 */
NG_API ng_status ng_validator_write_report(ng_validator *v, FILE *out);

/* validate API: end */

#ifdef __cplusplus
}
#endif

#endif /* NEWSGRAPH_H */
