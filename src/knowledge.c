/* SPDX-License-Identifier: Apache-2.0 */
/* The knowledge base: its modules loaded from a data directory and the
 * user's files, prepared together, and finding the data directory. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include "knowledge.h"

ng_knowledge *
ng_knowledge_new(void)
{
	ng_knowledge *kb = calloc(1, sizeof(*kb));

	if (!kb)
		return NULL;
	ng_vocab_init(&kb->vocab, &kb->sink);
	ng_lexicon_init(&kb->lex, &kb->dict, &kb->sink);
	ng_gazetteer_init(&kb->gaz, &kb->dict, &kb->lex.abbrevs, &kb->sink);
	ng_boiler_init(&kb->boiler, &kb->sink);
	ng_patterns_init(&kb->pat, &kb->vocab, &kb->lex, &kb->sink);
	return kb;
}

void
ng_knowledge_set_error_func(ng_knowledge *kb, ng_error_func func, void *handle)
{
	kb->sink.func = func;
	kb->sink.handle = handle;
}

void
ng_knowledge_free(ng_knowledge *kb)
{
	if (!kb)
		return;
	ng_gazetteer_free(&kb->gaz);
	ng_lexicon_free(&kb->lex);
	ng_patterns_free(&kb->pat);
	ng_boiler_free(&kb->boiler);
	ng_dict_free(&kb->dict);
	ng_vocab_free(&kb->vocab);
	free(kb);
}

size_t
ng_knowledge_entry_count(const ng_knowledge *kb)
{
	return ng_gazetteer_count(&kb->gaz);
}

typedef ng_status (*load_fn)(ng_knowledge *kb, const char *path);

static ng_status
load_lexicon(ng_knowledge *kb, const char *path)
{
	return ng_lexicon_load(&kb->lex, path);
}

static bool
is_dir_with(const char *dir, const char *file)
{
	char path[4096];
	struct stat sb;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, file) >= sizeof(path))
		return false;
	return stat(path, &sb) == 0;
}

static ng_status
load_given(ng_knowledge *kb, const char *path)
{
	return ng_lexicon_load_given(&kb->lex, path);
}

static ng_status
load_boiler(ng_knowledge *kb, const char *path)
{
	return ng_boiler_load(&kb->boiler, path);
}

static ng_status
load_patterns(ng_knowledge *kb, const char *path)
{
	return ng_patterns_load(&kb->pat, path);
}

static ng_status
load_gazetteer(ng_knowledge *kb, const char *path)
{
	return ng_gazetteer_load(&kb->gaz, path, 0);
}

static ng_status
load_one(ng_knowledge *kb, const char *dir, const char *name, load_fn fn)
{
	ng_buf p = {0};
	ng_status st;

	if (ng_buf_printf(&p, "%s/%s", dir, name))
		return NG_ERR_NOMEM;
	st = fn(kb, p.buf);
	ng_buf_free(&p);
	kb->prepared = false;
	return st;
}

static int
tsv_name(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 4 && !strcmp(d->d_name + n - 4, ".tsv");
}

/* The other gazetteer files of the directory, by name: generated and
 * added knowledge, after the curated files so that these win ties. */
static ng_status
load_more_gazetteers(ng_knowledge *kb, const char *dir, const char *const *done)
{
	struct dirent **names = NULL;
	ng_buf path = {0}, rel = {0};
	int n, i;
	ng_status st = NG_OK;

	if (ng_buf_printf(&path, "%s/gazetteer", dir))
		return NG_ERR_NOMEM;
	n = scandir(path.buf, &names, tsv_name, alphasort);
	for (i = 0; i < n; i++) {
		size_t k;
		ng_buf_clear(&rel);
		if (!st && ng_buf_printf(&rel, "gazetteer/%s", names[i]->d_name))
			st = NG_ERR_NOMEM;
		for (k = 0; !st && done[k] && strcmp(done[k], rel.buf); k++)
			;
		if (!st && !done[k])
			st = load_one(kb, dir, rel.buf, load_gazetteer);
		free(names[i]);
	}
	free(names);
	ng_buf_free(&path);
	ng_buf_free(&rel);
	return st;
}

ng_status
ng_knowledge_load_dir(ng_knowledge *kb, const char *dir)
{
	static const char *const gazetteers[] = {
		"gazetteer/countries.tsv", "gazetteer/organizations.tsv",
		"gazetteer/places.tsv", "gazetteer/people.tsv", NULL
	};
	ng_status st;
	size_t i;

	/* The ontology first: it names the properties patterns may yield;
	 * then the lexicon: its abbreviations shape how aliases tokenize, and
	 * its word lists are part of some patterns. */
	if ((st = load_one(kb, dir, "newsgraph.ttl", ng_knowledge_add_ontology)) ||
	    (st = load_one(kb, dir, "lexicon.tsv", load_lexicon)) ||
	    (st = load_one(kb, dir, "boilerplate.tsv", load_boiler)) ||
	    (st = load_one(kb, dir, "patterns.tsv", load_patterns)))
		return st;
	if (is_dir_with(dir, "given-names.tsv") &&
	    (st = load_one(kb, dir, "given-names.tsv", load_given)))
		return st;
	for (i = 0; gazetteers[i]; i++)
		if ((st = load_one(kb, dir, gazetteers[i], load_gazetteer)))
			return st;
	return load_more_gazetteers(kb, dir, gazetteers);
}

ng_status
ng_knowledge_add_gazetteer(ng_knowledge *kb, const char *path)
{
	/* Each user file outranks the shipped data and the files before it. */
	kb->load_priority += 1000;
	kb->prepared = false;
	return ng_gazetteer_load(&kb->gaz, path, kb->load_priority);
}

ng_status
ng_knowledge_add_ontology(ng_knowledge *kb, const char *path)
{
	kb->prepared = false;
	return ng_vocab_load(&kb->vocab, path);
}

ng_status
ng_knowledge_add_patterns(ng_knowledge *kb, const char *path)
{
	kb->prepared = false;
	return ng_patterns_load(&kb->pat, path);
}

/* The short-word table of the dictionary, with each word's class and the
 * flags that say whether a title or an alias starts with it. */
static ng_status
prepare_short_words(ng_knowledge *kb)
{
	uint32_t n = kb->dict.n_keys + 1, key;
	uint16_t *heads = malloc(n * sizeof(*heads));
	ng_status st;

	if (!heads)
		return NG_ERR_NOMEM;
	for (key = 0; key < n; key++)
		heads[key] = ng_knowledge_word_heads(kb, key);
	st = ng_dict_prepare_short(&kb->dict, kb->lex.key_wclass, heads, kb->lex.n_titles);
	free(heads);
	return st;
}

ng_status
ng_knowledge_prepare(ng_knowledge *kb)
{
	ng_status st;

	/* The gazetteer first: its aliases add words to the dictionary that
	 * the tables by key must cover. */
	if ((st = ng_gazetteer_prepare(&kb->gaz)) || (st = ng_dict_prepare(&kb->dict)) ||
	    (st = ng_lexicon_prepare(&kb->lex)) || (st = ng_patterns_prepare(&kb->pat)) ||
	    (st = prepare_short_words(kb)) || (st = ng_boiler_prepare(&kb->boiler)))
		return st;
	kb->prepared = true;
	return NG_OK;
}

const char *
ng_data_dir(void)
{
	static char found[4096 + 64];
	const char *env = getenv("NEWSGRAPH_DATADIR");
	char exe[4096];
	ssize_t n;

	if (env && *env)
		return env;
	/* Run from a build tree: the program lives in src/ (or src/.libs/). */
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		static const char *const ups[] = {"/../ontology", "/../../ontology", NULL};
		char *slash;
		size_t i;
		exe[n] = '\0';
		if ((slash = strrchr(exe, '/')))
			*slash = '\0';
		for (i = 0; ups[i]; i++) {
			snprintf(found, sizeof(found), "%s%s", exe, ups[i]);
			if (is_dir_with(found, "lexicon.tsv") && is_dir_with(found, "newsgraph.ttl"))
				return found;
		}
		/* A VPATH build tree: the data stays in the source tree. */
		if (!strncmp(exe, NG_BUILDDIR "/", strlen(NG_BUILDDIR) + 1) &&
		    is_dir_with(NG_SRCDIR "/ontology", "lexicon.tsv"))
			return NG_SRCDIR "/ontology";
	}
	return NG_PKGDATADIR "/ontology";
}
