/* SPDX-License-Identifier: Apache-2.0 */
/* Validation results: the list the OWL checks and SHACL Core append to, and
 * the W3C SHACL validation report in Turtle. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "results.h"
/* ------------------------------------------------------------ results */

void
ng_results_clear(ng_results *r)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		free(r->v[i].text);
	free(r->v);
	memset(r, 0, sizeof *r);
}

ng_status
ng_results_add(ng_results *r, const ng_result *res)
{
	if (r->n == r->cap) {
		size_t ncap = r->cap ? r->cap * 2 : 16;
		ng_result *nv = realloc(r->v, ncap * sizeof *nv);

		if (!nv)
			return NG_ERR_NOMEM;
		r->v = nv;
		r->cap = ncap;
	}
	r->v[r->n++] = *res;
	return NG_OK;
}

/* ------------------------------------------------------------ report */

/* The report is written by hand rather than by raptor's Turtle serializer:
 * raptor 2.0.15 writes a list shared by several subjects as a bare
 * "( ... ) ." and gives one blank node two labels. Here each result is a
 * [ ... ] block and its path is written out fresh, so no blank node of the
 * report is shared and any report parses back to the same graph. */

typedef struct {
	const ng_store *st;
	const ng_vocab *v;
	const ng_graph *shapes; /* where result paths come from */
	FILE *out;
} report_ctx;

static const char *const prefixes[][2] = {
	{ "rdf", NG_RDF }, { "sh", NG_SH }, { "xsd", NG_XSD },
};

/* Whether @p s can stand after a prefix: a conservative subset of Turtle's
 * PN_LOCAL. */
static int
plain_local(const char *s)
{
	if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')))
		return 0;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z')
		      || (*s >= '0' && *s <= '9') || *s == '_' || *s == '-'))
			return 0;
	return 1;
}

static void
write_iri(report_ctx *r, const char *iri)
{
	const unsigned char *c;
	size_t i;

	for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		size_t n = strlen(prefixes[i][1]);

		if (!strncmp(iri, prefixes[i][1], n) && plain_local(iri + n)) {
			fprintf(r->out, "%s:%s", prefixes[i][0], iri + n);
			return;
		}
	}
	/* A byte no IRI may hold (RDF/XML lets some through) is percent-encoded:
	 * Turtle has no escape for it (an escaped space is still a space). */
	putc('<', r->out);
	for (c = (const unsigned char *)iri; *c; c++) {
		if (*c <= 0x20 || strchr("<>\"{}|^`\\", *c))
			fprintf(r->out, "%%%02X", *c);
		else
			putc(*c, r->out);
	}
	putc('>', r->out);
}

static int
is_alnum(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
}

/* A language tag as Turtle's LANGTAG, letters then "-"-joined letters and
 * digits. RDF/XML lets others through ("en_GB x"): their runs of other
 * characters become "-", and "x-" goes before a first subtag that is not
 * all letters, so the report still parses. */
static void
write_lang(report_ctx *r, const char *lang)
{
	const char *p = lang;
	int first = 1;

	putc('@', r->out);
	while (*p) {
		const char *q;
		int letters = 1;

		while (*p && !is_alnum(*p))
			p++;
		for (q = p; is_alnum(*q); q++)
			letters &= !(*q >= '0' && *q <= '9');
		if (q == p)
			break;
		if (first && !letters)
			fputs("x-", r->out);
		else if (!first)
			putc('-', r->out);
		fwrite(p, 1, (size_t)(q - p), r->out);
		first = 0;
		p = q;
	}
	if (first)
		putc('x', r->out);
}

static void
write_literal(report_ctx *r, const ng_term *t)
{
	size_t i;

	putc('"', r->out);
	for (i = 0; i < t->len; i++) {
		unsigned char c = (unsigned char)t->lex[i];

		switch (c) {
		case '"': fputs("\\\"", r->out); break;
		case '\\': fputs("\\\\", r->out); break;
		case '\n': fputs("\\n", r->out); break;
		case '\r': fputs("\\r", r->out); break;
		case '\t': fputs("\\t", r->out); break;
		default:
			if (c < 0x20 || c == 0x7f)
				fprintf(r->out, "\\u%04X", c);
			else
				putc(c, r->out);
		}
	}
	putc('"', r->out);
	if (t->lang) {
		write_lang(r, t->lang);
	} else if (t->dt && t->dt != r->v->xsd_string) {
		fputs("^^", r->out);
		write_iri(r, ng_store_term(r->st, t->dt)->lex);
	}
}

/* A term; a blank node is labelled by its term ID, so one node has one
 * label throughout the report. */
static void
write_term(report_ctx *r, ng_tid id)
{
	const ng_term *t = ng_store_term(r->st, id);

	if (!t)
		return;
	if (t->kind == NG_TERM_IRI)
		write_iri(r, t->lex);
	else if (t->kind == NG_TERM_BNODE)
		fprintf(r->out, "_:n%lu", (unsigned long)id);
	else
		write_literal(r, t);
}

/* Writes a SHACL path from the shapes graph as nested Turtle: a list for a
 * sequence path, [ sh:inversePath ... ] and the like for the others, read
 * in the order the shapes compiler reads them (shacl_compile.c). */
static void
write_path(report_ctx *r, ng_tid p, int depth)
{
	static const size_t unary[] = {
		offsetof(ng_vocab, sh_inversePath), offsetof(ng_vocab, sh_zeroOrMorePath),
		offsetof(ng_vocab, sh_oneOrMorePath), offsetof(ng_vocab, sh_zeroOrOnePath),
	};
	const ng_term *t = ng_store_term(r->st, p);
	ng_tid x, *items = NULL;
	size_t n = 0, i;

	if (!t || t->kind != NG_TERM_BNODE || depth > 64) {
		write_term(r, p);
		return;
	}
	if (ng_graph_object(r->shapes, p, r->v->rdf_first)) {
		if (ng_graph_list(r->shapes, r->v, p, &items, &n) == 0) {
			fputs("(", r->out);
			for (i = 0; i < n; i++) {
				putc(' ', r->out);
				write_path(r, items[i], depth + 1);
			}
			fputs(" )", r->out);
			free(items);
			return;
		}
	} else if ((x = ng_graph_object(r->shapes, p, r->v->sh_alternativePath))) {
		fputs("[ sh:alternativePath ", r->out);
		write_path(r, x, depth + 1);
		fputs(" ]", r->out);
		return;
	} else {
		for (i = 0; i < sizeof unary / sizeof unary[0]; i++) {
			ng_tid pred = *(const ng_tid *)((const char *)r->v + unary[i]);

			if ((x = ng_graph_object(r->shapes, p, pred))) {
				fputs("[ ", r->out);
				write_term(r, pred);
				putc(' ', r->out);
				write_path(r, x, depth + 1);
				fputs(" ]", r->out);
				return;
			}
		}
	}
	/* Not a well-formed path: the shapes compiler rejects these, so no
	 * result has one; write the node itself rather than half a path. */
	free(items);
	write_term(r, p);
}

static void
write_property(report_ctx *r, ng_tid pred, ng_tid obj)
{
	fputs(" ;\n\t\t", r->out);
	write_term(r, pred);
	putc(' ', r->out);
	write_term(r, obj);
}

ng_status
ng_results_write_report(const ng_results *results, const ng_store *st,
                        const ng_graph *shapes, FILE *out)
{
	report_ctx r;
	size_t i;

	r.st = st;
	r.v = ng_store_vocab(st);
	r.shapes = shapes;
	r.out = out;
	for (i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		fprintf(out, "@prefix %s: <%s> .\n", prefixes[i][0], prefixes[i][1]);
	fprintf(out, "\n[] a sh:ValidationReport ;\n\tsh:conforms %s",
	        results->n ? "false" : "true");
	for (i = 0; i < results->n; i++) {
		const ng_result *res = &results->v[i];

		fputs(i ? " , [\n" : " ;\n\tsh:result [\n", out);
		fputs("\t\ta sh:ValidationResult", out);
		write_property(&r, r.v->sh_focusNode, res->focus);
		if (res->path) {
			fputs(" ;\n\t\tsh:resultPath ", out);
			write_path(&r, res->path, 0);
		}
		if (res->value)
			write_property(&r, r.v->sh_value, res->value);
		if (res->shape)
			write_property(&r, r.v->sh_sourceShape, res->shape);
		write_property(&r, r.v->sh_sourceConstraintComponent, res->component);
		write_property(&r, r.v->sh_resultSeverity, res->severity);
		if (res->message) {
			write_property(&r, r.v->sh_resultMessage, res->message);
		} else if (res->text) {
			ng_term msg;

			memset(&msg, 0, sizeof msg);
			msg.kind = NG_TERM_LITERAL;
			msg.lex = res->text;
			msg.len = strlen(res->text);
			fputs(" ;\n\t\tsh:resultMessage ", out);
			write_literal(&r, &msg);
		}
		fputs("\n\t]", out);
	}
	fputs(" .\n", out);
	if (fflush(out) || ferror(out))
		return NG_ERR_IO;
	return NG_OK;
}
