/* SPDX-License-Identifier: Apache-2.0 */
/* Batch runs: many articles into an output directory, incrementally and in
 * parallel, surviving kill -9.
 *
 * OUTDIR/articles/XX/HASH.nq, .ttl  one file per article, HASH = XXH3-128 of
 *                                   the configuration, metadata and text
 * OUTDIR/state.tsv                  "HASH TAB id TAB articles/XX/HASH" lines;
 *                                   appended during a run (after the files
 *                                   are renamed into place and synced),
 *                                   rewritten sorted at the end
 * OUTDIR/graph.nq, graph.ttl        the merged graphs, rebuilt from the
 *                                   per-article files in hash order
 * OUTDIR/errors.tsv                 this run's failures, in input order
 *
 * The last state line of an id wins. An article is skipped when its hash is
 * an id's current hash and its files exist, so a rerun after a kill redoes
 * only what was not recorded, and writes the same bytes under the same
 * names. Every file is written under a temporary name (starting with '.')
 * and renamed; the end of a run removes files that no state line names. */
#include "config.h"

#include "extsort.h"
#include "idset.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <jansson.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <dirent.h>
#include <xxhash.h>

#define QUEUE_PER_JOB 4        /* items in flight per worker */
#define COMMIT_LINES 1024      /* state lines per group commit */
#define COMMIT_SECONDS 1.0     /* or at least this often */
#define MAX_DEPTH 64           /* directory recursion */
#define STEM_HEX 32
#define MERGE_BUF (1u << 20)   /* bytes read at a time by the merge */
#define SEEN_MEM 16384         /* ids of this run kept in memory (8 B each) */

static const char *const ext_of[] = {"ttl", "nt", "nq"};

typedef struct item {
	struct item *next;
	uint64_t seq;       /* position in the input, for errors.tsv */
	char *path;         /* file to read, or NULL for a JSON Lines text */
	char *source;       /* name for messages */
	unsigned long line; /* JSON Lines line, 0 for files */
	char *id, *url, *title, *date;
	char *key;          /* JSON Lines: the source identity (ng_doc_meta) */
	char *text;         /* JSON Lines text */
	size_t len;
} item;

typedef struct {
	uint8_t stem[16];
	uint64_t idh;       /* hash of the escaped id */
	uint64_t off;       /* the line in state.tsv */
	uint32_t len;
} entry;

typedef struct {
	uint64_t seq;
	char *source;
	unsigned long line;
	long long byte;
	char *msg;
} err_rec;

typedef struct {
	ng_batch *b;
	unsigned index;
	pthread_t thread;
	ng_writer *lines[3];    /* a writer for each format, kept */
	ng_buf line;
} worker;

struct ng_batch {
	const ng_knowledge *kb;
	char *outdir;
	ng_batch_options opt;
	char *base, *glob;
	char **inputs;
	size_t n_inputs, cap_inputs;
	struct { dev_t dev; ino_t ino; } *dirs; /* directories walked in this pass */
	char *walk_root;    /* the input being walked, resolved: links stay in it */
	size_t n_dirs, cap_dirs;
	XXH64_state_t *cfg;
	uint64_t seed;
	ng_error_func err_func;
	void *err_handle;
	ng_batch_progress_func prog;
	void *prog_handle;
	double interval, last_prog, t0;
	ng_batch_stats stats;
	/* run */
	pthread_mutex_t mu;
	pthread_cond_t cv_items, cv_space, cv_done;
	item *head, *tail;
	size_t queued, queue_cap;
	bool closed;
	unsigned active;
	int lock_fd, state_fd;
	uint64_t state_end;
	FILE *prev;             /* current entries at the start (current_file) */
	size_t n_prev;
	ng_buf pending;         /* state lines not yet written */
	size_t n_pend;          /* lines in pending */
	ng_buf spare;           /* the other buffer of pending lines */
	bool flushing;          /* a group of lines is being written */
	double last_flush;
	err_rec *errs;
	size_t n_errs, cap_errs;
	ng_idset *seen;         /* ids read in this run */
	uint64_t seq;
	ng_buf ttl_header;
	ng_status fatal;
	char fatal_msg[4400];
	bool ran;
};

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static char *
dup_or_null(const char *s)
{
	return s ? ng_strndup(s, strlen(s)) : NULL;
}

/* ------------------------------------------------------------- options */

ng_batch *
ng_batch_new(const ng_knowledge *kb, const char *outdir, const ng_batch_options *opt)
{
	ng_batch *b;
	const char *v = "newsgraph " PACKAGE_VERSION;

	if (!kb || !outdir || !(b = calloc(1, sizeof(*b))))
		return NULL;
	b->kb = kb;
	if (opt)
		b->opt = *opt;
	if (!b->opt.formats)
		b->opt.formats = (1u << NG_FORMAT_NQUADS) | (1u << NG_FORMAT_TURTLE);
	if (!b->opt.jobs) {
		long n = sysconf(_SC_NPROCESSORS_ONLN);
		b->opt.jobs = n > 0 ? (unsigned)n : 1;
	}
	b->outdir = dup_or_null(outdir);
	b->base = dup_or_null(b->opt.base ? b->opt.base : NG_DEFAULT_BASE);
	b->glob = dup_or_null(b->opt.glob ? b->opt.glob : "*.txt");
	b->opt.base = b->base;
	b->opt.glob = b->glob;
	b->lock_fd = b->state_fd = -1;
	b->interval = 0.25;
	b->stats.jobs = b->opt.jobs;
	if (!b->outdir || !b->base || !b->glob || !(b->cfg = XXH64_createState()) ||
	    XXH64_reset(b->cfg, 0) == XXH_ERROR) {
		ng_batch_free(b);
		return NULL;
	}
	/* The version, the base and the data files decide the output. */
	XXH64_update(b->cfg, v, strlen(v) + 1);
	XXH64_update(b->cfg, b->base, strlen(b->base) + 1);
	if (b->opt.mentions)
		XXH64_update(b->cfg, "mentions", sizeof("mentions"));
	return b;
}

static void
item_free(item *it)
{
	if (!it)
		return;
	free(it->path);
	free(it->source);
	free(it->id);
	free(it->url);
	free(it->key);
	free(it->title);
	free(it->date);
	free(it->text);
	free(it);
}

void
ng_batch_free(ng_batch *b)
{
	size_t i;

	if (!b)
		return;
	for (i = 0; i < b->n_inputs; i++)
		free(b->inputs[i]);
	free(b->inputs);
	free(b->dirs);
	free(b->walk_root);
	for (i = 0; i < b->n_errs; i++) {
		free(b->errs[i].source);
		free(b->errs[i].msg);
	}
	free(b->errs);
	while (b->head) {
		item *it = b->head;
		b->head = it->next;
		item_free(it);
	}
	if (b->cfg)
		XXH64_freeState(b->cfg);
	if (b->ran) {
		pthread_mutex_destroy(&b->mu);
		pthread_cond_destroy(&b->cv_items);
		pthread_cond_destroy(&b->cv_space);
		pthread_cond_destroy(&b->cv_done);
	}
	if (b->state_fd >= 0)
		close(b->state_fd);
	if (b->lock_fd >= 0)
		close(b->lock_fd);
	if (b->prev)
		fclose(b->prev);
	ng_buf_free(&b->pending);
	ng_buf_free(&b->spare);
	ng_buf_free(&b->ttl_header);
	ng_idset_free(b->seen);
	b->seen = NULL;
	free(b->outdir);
	free(b->base);
	free(b->glob);
	free(b);
}

void
ng_batch_set_error_func(ng_batch *b, ng_error_func func, void *handle)
{
	b->err_func = func;
	b->err_handle = handle;
}

void
ng_batch_set_progress_func(ng_batch *b, ng_batch_progress_func func, void *handle,
                           double interval)
{
	b->prog = func;
	b->prog_handle = handle;
	b->interval = interval > 0 ? interval : 0.25;
}

ng_status
ng_batch_add_input(ng_batch *b, const char *path)
{
	ng_status st;

	if (!path || !*path)
		return NG_ERR_BAD_ARG;
	if ((st = NG_GROW(b->inputs, b->cap_inputs, b->n_inputs + 1)))
		return st;
	if (!(b->inputs[b->n_inputs] = dup_or_null(path)))
		return NG_ERR_NOMEM;
	b->n_inputs++;
	return NG_OK;
}

ng_status
ng_batch_add_config_file(ng_batch *b, const char *path)
{
	char *data;
	size_t len;
	ng_status st;

	if ((st = ng_read_file(path, &data, &len, 0)))
		return st;
	XXH64_update(b->cfg, &len, sizeof(len));
	XXH64_update(b->cfg, data, len);
	free(data);
	return NG_OK;
}

void
ng_batch_get_stats(const ng_batch *b, ng_batch_stats *out)
{
	ng_batch *m = (ng_batch *)b;

	if (m->ran)
		pthread_mutex_lock(&m->mu);
	*out = b->stats;
	if (m->ran)
		pthread_mutex_unlock(&m->mu);
}

ng_status
ng_batch_write_stats(const ng_batch *b, FILE *out)
{
	ng_batch_stats s;
	json_t *o;
	double mbs;
	int rc;

	ng_batch_get_stats(b, &s);
	mbs = s.seconds > 0 ? (double)s.bytes / 1e6 / s.seconds : 0.0;
	o = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:I, s:f, s:f}",
	              "articles", (json_int_t)s.articles, "skipped", (json_int_t)s.skipped,
	              "failed", (json_int_t)s.failed, "sentences", (json_int_t)s.sentences,
	              "entities", (json_int_t)s.entities, "facts", (json_int_t)s.facts,
	              "bytes", (json_int_t)s.bytes, "jobs", (json_int_t)s.jobs,
	              "seconds", s.seconds, "mb_per_s", mbs);
	if (!o)
		return NG_ERR_NOMEM;
	rc = json_dumpf(o, out, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(6));
	json_decref(o);
	if (rc || fputc('\n', out) == EOF)
		return NG_ERR_IO;
	return NG_OK;
}

/* -------------------------------------------------------------- errors */

/* Records a per-article failure: the error sink and errors.tsv. Takes the
 * lock itself. */
static void
fail_article(ng_batch *b, uint64_t seq, const char *source, unsigned long line,
             long long byte, ng_status st, unsigned long long bytes, const char *fmt, ...)
	__attribute__((format(printf, 8, 9)));

static void
fail_article(ng_batch *b, uint64_t seq, const char *source, unsigned long line,
             long long byte, ng_status st, unsigned long long bytes, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	err_rec *r;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	pthread_mutex_lock(&b->mu);
	b->stats.failed++;
	b->stats.done++;
	b->stats.done_bytes += bytes;
	if (b->err_func) {
		ng_error e;
		e.status = st;
		e.warning = 0;
		e.file = source;
		e.line = line;
		e.column = 0;
		e.byte = byte;
		e.message = msg;
		b->err_func(b->err_handle, &e);
	}
	if (!NG_GROW(b->errs, b->cap_errs, b->n_errs + 1)) {
		r = &b->errs[b->n_errs];
		r->seq = seq;
		r->source = dup_or_null(source ? source : "-");
		r->line = line;
		r->byte = byte;
		r->msg = dup_or_null(msg);
		if (r->source && r->msg)
			b->n_errs++;
		else {
			free(r->source);
			free(r->msg);
		}
	}
	pthread_mutex_unlock(&b->mu);
}

static void
set_fatal(ng_batch *b, ng_status st, const char *what, const char *path)
{
	if (b->fatal)
		return;
	b->fatal = st;
	snprintf(b->fatal_msg, sizeof(b->fatal_msg), "%s: %s: %s", path, what, strerror(errno));
}

/* Reports the run-level failure through the sink. */
static void
report_fatal(ng_batch *b)
{
	ng_error e;

	if (!b->err_func || !b->fatal)
		return;
	e.status = b->fatal;
	e.warning = 0;
	e.file = NULL;
	e.line = 0;
	e.column = 0;
	e.byte = -1;
	e.message = b->fatal_msg;
	b->err_func(b->err_handle, &e);
}

/* ---------------------------------------------------------------- paths */

static void
stem_hex(const uint8_t stem[16], char out[STEM_HEX + 1])
{
	static const char hex[] = "0123456789abcdef";
	int i;

	for (i = 0; i < 16; i++) {
		out[2 * i] = hex[stem[i] >> 4];
		out[2 * i + 1] = hex[stem[i] & 15];
	}
	out[STEM_HEX] = '\0';
}

static int
hex_val(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static int
parse_stem(const char *s, uint8_t stem[16])
{
	int i;

	for (i = 0; i < 16; i++) {
		int h = hex_val((unsigned char)s[2 * i]), l = hex_val((unsigned char)s[2 * i + 1]);
		if (h < 0 || l < 0)
			return -1;
		stem[i] = (uint8_t)(h << 4 | l);
	}
	return 0;
}

/* OUTDIR/articles/XX/HASH.EXT, or with a temporary name for worker w >= 0. */
static int
article_path(const ng_batch *b, const uint8_t stem[16], ng_format f, int w, char *out,
             size_t n)
{
	char hex[STEM_HEX + 1];
	int k;

	stem_hex(stem, hex);
	if (w < 0)
		k = snprintf(out, n, "%s/articles/%.2s/%s.%s", b->outdir, hex, hex, ext_of[f]);
	else
		k = snprintf(out, n, "%s/articles/%.2s/.%s.%s.%d", b->outdir, hex, hex, ext_of[f], w);
	return k < 0 || (size_t)k >= n ? -1 : 0;
}

static int
out_path(const ng_batch *b, const char *name, char *out, size_t n)
{
	int k = snprintf(out, n, "%s/%s", b->outdir, name);
	return k < 0 || (size_t)k >= n ? -1 : 0;
}

/* Escapes TAB, newline, CR and backslash so an id fits a state line. */
static ng_status
escape_id(const char *id, ng_buf *out)
{
	ng_status st = NG_OK;
	const char *s;

	for (s = id; *s && !st; s++) {
		switch (*s) {
		case '\t': st = ng_buf_adds(out, "\\t"); break;
		case '\n': st = ng_buf_adds(out, "\\n"); break;
		case '\r': st = ng_buf_adds(out, "\\r"); break;
		case '\\': st = ng_buf_adds(out, "\\\\"); break;
		default: st = ng_buf_addc(out, *s); break;
		}
	}
	return st;
}

static uint64_t
id_hash(const char *escaped, size_t len)
{
	uint64_t h = XXH3_64bits(escaped, len);
	return h ? h : 1;
}

/* Writes a file under tmp, syncs it unless no_sync, and renames it to path. */
static int
write_file_atomic(const char *tmp, const char *path, const char *buf, size_t len, bool sync)
{
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);

	if (fd < 0)
		return -1;
	if (ng_write_all(fd, buf, len) || (sync && fsync(fd))) {
		int e = errno;
		close(fd);
		unlink(tmp);
		errno = e;
		return -1;
	}
	if (close(fd) || rename(tmp, path)) {
		int e = errno;
		unlink(tmp);
		errno = e;
		return -1;
	}
	return 0;
}

/* --------------------------------------------------------------- state */

/* Orders entries by id, the latest line of an id first. */
static int
cmp_id_latest(const void *a, const void *b)
{
	const entry *x = a, *y = b;

	if (x->idh != y->idh)
		return x->idh < y->idh ? -1 : 1;
	return x->off > y->off ? -1 : x->off < y->off;
}

/* Entries sorted in memory at a time (640 KB); more go through
 * temporary files (extsort.c). */
#define SORT_CHUNK 16384

/* By stem, then by place in the file: a total order. */
static int
cmp_stem_off(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	int c = memcmp(x->stem, y->stem, 16);

	if (c)
		return c;
	return x->off < y->off ? -1 : x->off > y->off;
}

/* The current entries of state.tsv (the last line of each id), sorted by
 * stem, into an unnamed temporary file of entries, *n of them; cuts off a
 * last line that a kill left unfinished. Two sorts in bounded memory
 * (by id, then by stem), so that memory does not grow with the state. */
static ng_status
current_file(ng_batch *b, FILE **out, size_t *n)
{
	ng_extsort *by_id = NULL, *by_stem = NULL;
	FILE *f = NULL, *ids = NULL;
	char *line = NULL;
	size_t cap = 0, n_ids = 0, i;
	ssize_t k;
	uint64_t off = 0, last = 0;
	ng_status st = NG_OK;
	entry e;
	int fd;

	*out = NULL;
	*n = 0;
	if (!(by_id = ng_extsort_new(b->outdir, sizeof(entry), SORT_CHUNK, cmp_id_latest)))
		return NG_ERR_NOMEM;
	/* The copy shares the file offset, which appends left at the end. */
	if ((fd = dup(b->state_fd)) < 0 || lseek(fd, 0, SEEK_SET) < 0 || !(f = fdopen(fd, "rb"))) {
		if (fd >= 0)
			close(fd);
		st = NG_ERR_IO;
		goto done;
	}
	while ((k = getline(&line, &cap, f)) > 0) {
		char *tab;
		if (line[k - 1] != '\n')
			break;
		/* HASH TAB id TAB file */
		memset(&e, 0, sizeof(e));
		if (k > STEM_HEX + 2 && line[STEM_HEX] == '\t' && !parse_stem(line, e.stem) &&
		    (tab = memchr(line + STEM_HEX + 1, '\t', (size_t)k - STEM_HEX - 1))) {
			e.idh = id_hash(line + STEM_HEX + 1, (size_t)(tab - line - STEM_HEX - 1));
			e.off = off;
			e.len = (uint32_t)k;
			TRY(st, ng_extsort_add(by_id, &e));
		}
		off += (uint64_t)k;
	}
	if (ferror(f) || ftruncate(b->state_fd, (off_t)off)) {
		st = NG_ERR_IO;
		goto done;
	}
	b->state_end = off;
	TRY(st, ng_extsort_finish(by_id, &ids, &n_ids));
	ng_extsort_free(by_id);
	by_id = NULL;
	if (!(by_stem = ng_extsort_new(b->outdir, sizeof(entry), SORT_CHUNK, cmp_stem_off))) {
		st = NG_ERR_NOMEM;
		goto done;
	}
	for (i = 0; i < n_ids; i++) {
		if (fread(&e, sizeof(e), 1, ids) != 1) {
			st = NG_ERR_IO;
			goto done;
		}
		/* The latest line of an id comes first. */
		if (i && e.idh == last)
			continue;
		last = e.idh;
		TRY(st, ng_extsort_add(by_stem, &e));
	}
	st = ng_extsort_finish(by_stem, out, n);
done:
	free(line);
	if (f)
		fclose(f);
	if (ids)
		fclose(ids);
	ng_extsort_free(by_id);
	ng_extsort_free(by_stem);
	return st;
}

/* Reads the entries of a current_file in order, one per stem. */
typedef struct {
	FILE *f;
	uint8_t last[16];
	bool any;
} cur_iter;

static ng_status
cur_start(cur_iter *it, FILE *f)
{
	it->f = f;
	it->any = false;
	return fseeko(f, 0, SEEK_SET) ? NG_ERR_IO : NG_OK;
}

/* 1 and the next entry, 0 at the end, -1 on a read error. */
static int
cur_next(cur_iter *it, entry *e)
{
	while (fread(e, sizeof(*e), 1, it->f) == 1) {
		if (it->any && !memcmp(e->stem, it->last, 16))
			continue;
		memcpy(it->last, e->stem, 16);
		it->any = true;
		return 1;
	}
	return ferror(it->f) ? -1 : 0;
}

/* Is stem among the n entries of a current_file? A binary search with
 * pread, so that threads may ask at once. */
static bool
cur_has(FILE *f, size_t n, const uint8_t stem[16])
{
	size_t lo = 0, hi = n;
	int fd = f ? fileno(f) : -1;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		entry e;
		int c;
		if (pread(fd, &e, sizeof(e), (off_t)(mid * sizeof(e))) != (ssize_t)sizeof(e))
			return false;
		if (!(c = memcmp(e.stem, stem, 16)))
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/* Writes the pending state lines: first the article files they name are
 * made durable (one syncfs for the group), then the lines, then synced.
 * Called with b->mu held, it lets go of it for the I/O, so that workers
 * and the reader go on while the disk syncs; one group is written at a
 * time, and lines that come meanwhile wait for the next group. */
static void
flush_log(ng_batch *b)
{
	ng_buf lines;
	bool ok;
	int e;

	b->last_flush = now();
	if (!b->n_pend || b->flushing)
		return;
	b->flushing = true;
	lines = b->pending;
	b->pending = b->spare;
	ng_buf_clear(&b->pending);
	b->n_pend = 0;
	pthread_mutex_unlock(&b->mu);
	ok = (b->opt.no_sync || !syncfs(b->state_fd)) &&
	     !ng_write_all(b->state_fd, lines.buf, lines.len) &&
	     (b->opt.no_sync || !fdatasync(b->state_fd));
	e = errno;
	pthread_mutex_lock(&b->mu);
	if (ok)
		b->state_end += lines.len;
	else {
		errno = e;
		set_fatal(b, NG_ERR_IO, "cannot write and sync", "state.tsv");
	}
	ng_buf_clear(&lines);
	b->spare = lines;
	b->flushing = false;
}

static bool
is_prev(const ng_batch *b, const uint8_t stem[16])
{
	return cur_has(b->prev, b->n_prev, stem);
}

/* --------------------------------------------------------------- worker */

static void
stem_of(const ng_batch *b, const item *it, const char *text, size_t len, uint8_t stem[16])
{
	const char *fields[4] = {it->id, it->url, it->title, it->date};
	XXH3_state_t *s = XXH3_createState();
	XXH128_hash_t h;
	XXH128_canonical_t c;
	int i;

	/* Out of memory here is fatal anyway; fall back to one-shot. */
	if (!s) {
		h = XXH3_128bits_withSeed(text, len, b->seed);
	} else {
		XXH3_128bits_reset_withSeed(s, b->seed);
		for (i = 0; i < 4; i++) {
			uint64_t n = fields[i] ? strlen(fields[i]) : UINT64_MAX;
			XXH3_128bits_update(s, &n, sizeof(n));
			if (fields[i])
				XXH3_128bits_update(s, fields[i], (size_t)n);
		}
		XXH3_128bits_update(s, text, len);
		h = XXH3_128bits_digest(s);
		XXH3_freeState(s);
	}
	XXH128_canonicalFromHash(&c, h);
	memcpy(stem, c.digest, 16);
}

static bool
outputs_exist(const ng_batch *b, const uint8_t stem[16])
{
	char path[4096];
	struct stat sb;
	int f;

	for (f = 0; f < 3; f++) {
		if (!(b->opt.formats & (1u << f)))
			continue;
		if (article_path(b, stem, (ng_format)f, -1, path, sizeof(path)) || stat(path, &sb))
			return false;
	}
	return true;
}

static const char *
text_reason(ng_status st)
{
	switch (st) {
	case NG_ERR_BAD_UTF8: return "invalid UTF-8";
	case NG_ERR_NUL: return "NUL byte";
	case NG_ERR_EMPTY: return "empty article";
	default: return ng_strerror(st);
	}
}

/* raptor 2.0.15 calls xmlCleanupParser() when it frees a world, which is not
 * safe while another thread opens or frees one: worlds are made and freed
 * under this lock. */
static pthread_mutex_t world_mu = PTHREAD_MUTEX_INITIALIZER;

static ng_writer *
writer_new(ng_format f, const char *base, FILE *out)
{
	ng_writer *w;

	pthread_mutex_lock(&world_mu);
	w = ng_writer_new(f, base, out);
	pthread_mutex_unlock(&world_mu);
	return w;
}

static void
writer_free(ng_writer *w)
{
	pthread_mutex_lock(&world_mu);
	ng_writer_free(w);
	pthread_mutex_unlock(&world_mu);
}

/* Writes doc in format f to the article's file: straight from the writer
 * into a temporary file beside it, renamed into place, so that a reader
 * never sees half a file and memory does not hold the output. Not synced
 * here: the group commit syncs the file system before the state names the
 * article. One writer per format serves all the worker's articles; each
 * document it writes is complete (in Turtle, with its prefixes). */
static ng_status
write_article(worker *w, const uint8_t stem[16], const ng_doc *doc, ng_format f, char *path,
              size_t n)
{
	char tmp[4096];
	FILE *out;
	int fd, e;
	ng_status st;

	if (article_path(w->b, stem, f, -1, path, n) ||
	    article_path(w->b, stem, f, (int)w->index, tmp, sizeof(tmp)))
		return NG_ERR_IO;
	if (!w->lines[f]) {
		if (!(w->lines[f] = writer_new(f, w->b->base, NULL)))
			return NG_ERR_NOMEM;
		ng_writer_set_mentions(w->lines[f], w->b->opt.mentions);
	}
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0)
		return NG_ERR_IO;
	if (!(out = fdopen(fd, "wb"))) {
		e = errno;
		close(fd);
		unlink(tmp);
		errno = e;
		return NG_ERR_IO;
	}
	/* The writer hands on 1 MB at a time; the stream is this thread's. */
	__fsetlocking(out, FSETLOCKING_BYCALLER);
	ng_writer_set_output(w->lines[f], out);
	st = ng_writer_write_doc(w->lines[f], doc);
	ng_writer_set_output(w->lines[f], NULL);
	e = errno;
	if (fclose(out) && !st) {
		e = errno;
		st = NG_ERR_IO;
	}
	if (!st && rename(tmp, path)) {
		e = errno;
		st = NG_ERR_IO;
	}
	if (st)
		unlink(tmp);
	errno = e;
	return st;
}

static void
commit(worker *w, const item *it, const uint8_t stem[16], const ng_doc *doc, size_t len)
{
	ng_batch *b = w->b;
	char hex[STEM_HEX + 1];

	stem_hex(stem, hex);
	ng_buf_clear(&w->line);
	if (escape_id(it->id, &w->line)) {
		pthread_mutex_lock(&b->mu);
		b->fatal = NG_ERR_NOMEM;
		pthread_mutex_unlock(&b->mu);
		return;
	}
	pthread_mutex_lock(&b->mu);
	if (ng_buf_printf(&b->pending, "%s\t%s\tarticles/%.2s/%s\n", hex, w->line.buf, hex, hex))
		b->fatal = NG_ERR_NOMEM;
	else
		b->n_pend++;
	b->stats.articles++;
	b->stats.done++;
	b->stats.bytes += len;
	b->stats.done_bytes += len;
	b->stats.sentences += ng_doc_sentence_count(doc);
	b->stats.entities += ng_doc_entity_count(doc);
	b->stats.facts += ng_doc_fact_count(doc);
	if (b->n_pend >= COMMIT_LINES || now() - b->last_flush >= COMMIT_SECONDS)
		flush_log(b);
	pthread_mutex_unlock(&b->mu);
}

static void
process_item(worker *w, item *it)
{
	ng_batch *b = w->b;
	char *data = it->text;
	size_t len = it->len;
	uint8_t stem[16];
	ng_doc *doc = NULL;
	ng_doc_meta meta;
	ng_error err;
	ng_status st;
	int f;

	if (it->path) {
		if ((st = ng_read_file(it->path, &data, &len, b->opt.max_size))) {
			struct stat sb;
			unsigned long long sz = stat(it->path, &sb) ? 0 : (unsigned long long)sb.st_size;
			if (st == NG_ERR_TOO_BIG)
				fail_article(b, it->seq, it->source, 0, (long long)b->opt.max_size, st, sz,
				             "larger than --max-size (%zu bytes)", b->opt.max_size);
			else
				fail_article(b, it->seq, it->source, 0, 0, st, sz, "cannot read: %s",
				             st == NG_ERR_NOT_FOUND ? "no such file"
				             : st == NG_ERR_GZIP    ? ng_strerror(st)
				                                    : strerror(errno));
			return;
		}
	}
	stem_of(b, it, data, len, stem);
	if (is_prev(b, stem) && outputs_exist(b, stem)) {
		pthread_mutex_lock(&b->mu);
		b->stats.skipped++;
		b->stats.done++;
		b->stats.done_bytes += len;
		pthread_mutex_unlock(&b->mu);
		goto done;
	}
	memset(&meta, 0, sizeof(meta));
	meta.source = it->source;
	meta.id = it->id;
	meta.url = it->url;
	meta.key = it->key;
	meta.title = it->title;
	meta.date = it->date;
	if ((st = ng_doc_analyze(b->kb, data, len, &meta, &doc, &err))) {
		fail_article(b, it->seq, it->source, it->line, err.byte < 0 ? 0 : err.byte, st, len, "%s",
		             text_reason(st));
		goto done;
	}
	for (f = 0; f < 3; f++) {
		char path[4096];
		if (!(b->opt.formats & (1u << f)))
			continue;
		path[0] = '\0';
		if ((st = write_article(w, stem, doc, (ng_format)f, path, sizeof(path)))) {
			if (st == NG_ERR_IO)
				fail_article(b, it->seq, it->source, it->line, -1, st, len,
				             "cannot write %s: %s", path, strerror(errno));
			else
				fail_article(b, it->seq, it->source, it->line, -1, st, len,
				             "cannot write RDF: %s", ng_strerror(st));
			goto done;
		}
	}
	commit(w, it, stem, doc, len);
done:
	ng_doc_free(doc);
	if (it->path)
		free(data);
}

static void *
worker_main(void *arg)
{
	worker *w = arg;
	ng_batch *b = w->b;

	for (;;) {
		item *it;
		pthread_mutex_lock(&b->mu);
		while (!b->head && !b->closed)
			pthread_cond_wait(&b->cv_items, &b->mu);
		if (!(it = b->head)) {
			pthread_mutex_unlock(&b->mu);
			break;
		}
		if (!(b->head = it->next))
			b->tail = NULL;
		/* The producer waits for room until the queue is half empty, so
		 * that it wakes once for several articles, not for each. */
		if (--b->queued <= b->queue_cap / 2)
			pthread_cond_signal(&b->cv_space);
		pthread_mutex_unlock(&b->mu);
		process_item(w, it);
		item_free(it);
	}
	pthread_mutex_lock(&b->mu);
	b->active--;
	pthread_cond_broadcast(&b->cv_done);
	pthread_mutex_unlock(&b->mu);
	return NULL;
}

/* ------------------------------------------------------------- producer */

static void
maybe_progress(ng_batch *b, bool force)
{
	ng_batch_stats s;
	double t = now();

	if (!b->prog || (!force && t - b->last_prog < b->interval))
		return;
	b->last_prog = t;
	pthread_mutex_lock(&b->mu);
	b->stats.seconds = t - b->t0;
	s = b->stats;
	pthread_mutex_unlock(&b->mu);
	b->prog(b->prog_handle, &s);
}

static void
wait_timed(pthread_cond_t *cv, pthread_mutex_t *mu, double seconds)
{
	struct timespec ts;
	long ns;

	clock_gettime(CLOCK_REALTIME, &ts);
	ns = ts.tv_nsec + (long)(seconds * 1e9);
	ts.tv_sec += ns / 1000000000L;
	ts.tv_nsec = ns % 1000000000L;
	pthread_cond_timedwait(cv, mu, &ts);
}

static void
push(ng_batch *b, item *it)
{
	pthread_mutex_lock(&b->mu);
	while (b->queued >= b->queue_cap) {
		wait_timed(&b->cv_space, &b->mu, 0.1);
		if (b->queued >= b->queue_cap && b->prog) {
			pthread_mutex_unlock(&b->mu);
			maybe_progress(b, false);
			pthread_mutex_lock(&b->mu);
		}
	}
	it->next = NULL;
	if (b->tail)
		b->tail->next = it;
	else
		b->head = it;
	b->tail = it;
	b->queued++;
	pthread_cond_signal(&b->cv_items);
	pthread_mutex_unlock(&b->mu);
	maybe_progress(b, false);
}

/* Claims an id for this run; the first article with an id wins, a later one
 * is a failure (its output would replace the first's). */
static int
claim_id(ng_batch *b, uint64_t seq, const char *source, unsigned long line, const char *id)
{
	ng_buf e = {0};
	uint64_t h;

	if (escape_id(id, &e))
		return -1;
	h = id_hash(e.buf ? e.buf : "", e.len);
	ng_buf_free(&e);
	switch (ng_idset_has(b->seen, h)) {
	case 0:
		break;
	case 1:
		fail_article(b, seq, source, line, -1, NG_ERR_BAD_ARG,
		             0, "duplicate article id '%s'; the first one is kept", id);
		return -1;
	default:
		set_fatal(b, NG_ERR_IO, "cannot read the ids of this run in", b->outdir);
		return -1;
	}
	if (ng_idset_add(b->seen, h)) {
		set_fatal(b, NG_ERR_IO, "cannot keep the ids of this run in", b->outdir);
		return -1;
	}
	return 0;
}

/* Drops "./" segments and repeated slashes so that the same file has one
 * id however it was named. */
static char *
normal_path(const char *p)
{
	char *out = malloc(strlen(p) + 1), *o = out;

	if (!out)
		return NULL;
	while (*p) {
		if (p[0] == '.' && p[1] == '/' && (o == out || o[-1] == '/')) {
			p += 2;
			continue;
		}
		if (*p == '/' && o > out && o[-1] == '/') {
			p++;
			continue;
		}
		*o++ = *p++;
	}
	*o = '\0';
	return out;
}

static void
produce_file(ng_batch *b, const char *path)
{
	item *it = calloc(1, sizeof(*it));
	uint64_t seq = ++b->seq;

	if (!it || !(it->path = dup_or_null(path)) || !(it->id = normal_path(path)) ||
	    !(it->source = dup_or_null(path))) {
		item_free(it);
		b->fatal = NG_ERR_NOMEM;
		return;
	}
	it->seq = seq;
	if (claim_id(b, seq, path, 0, it->id)) {
		item_free(it);
		return;
	}
	push(b, it);
}

typedef struct {
	ng_batch *b;
	uint64_t seq;
} jsonl_ctx;

static void
jsonl_error(void *handle, const ng_error *e)
{
	jsonl_ctx *c = handle;

	/* A warning (a field left out) does not fail the article. */
	if (e->warning) {
		pthread_mutex_lock(&c->b->mu);
		if (c->b->err_func)
			c->b->err_func(c->b->err_handle, e);
		pthread_mutex_unlock(&c->b->mu);
		return;
	}
	fail_article(c->b, c->seq, e->file, e->line, -1, e->status, 0, "%s", e->message);
}

static bool
has_suffix(const char *s, const char *suf)
{
	size_t n = strlen(s), k = strlen(suf);
	return n >= k && !strcmp(s + n - k, suf);
}

/* A JSON Lines file by its name: NAME.jsonl or NAME.jsonl.gz. */
static bool
is_jsonl(const char *s)
{
	return has_suffix(s, ".jsonl") || has_suffix(s, ".jsonl.gz");
}

/* Does the name match the glob, or without ".gz" (a.txt.gz for *.txt)? */
static bool
glob_match(const char *glob, const char *name)
{
	size_t n = strlen(name);
	char plain[NAME_MAX + 1];

	if (!fnmatch(glob, name, 0))
		return true;
	if (n <= 3 || n > NAME_MAX || !has_suffix(name, ".gz"))
		return false;
	memcpy(plain, name, n - 3);
	plain[n - 3] = '\0';
	return !fnmatch(glob, plain, 0);
}

static void
produce_jsonl(ng_batch *b, const char *path)
{
	FILE *in = ng_open_input(path); /* gzip or not */
	ng_jsonl *r;
	jsonl_ctx ctx = {b, 0};
	ng_jsonl_article a;
	ng_status st;

	if (!in) {
		fail_article(b, ++b->seq, path, 0, 0, NG_ERR_IO, 0, "cannot read: %s", strerror(errno));
		return;
	}
	if (!(r = ng_jsonl_new(in, path, b->opt.max_size))) {
		b->fatal = NG_ERR_NOMEM;
		goto done;
	}
	ng_jsonl_set_error_func(r, jsonl_error, &ctx);
	for (;;) {
		item *it;
		char idbuf[64];
		ctx.seq = ++b->seq;
		st = ng_jsonl_next(r, &a);
		if (st == NG_ERR_IO || st == NG_ERR_NOMEM)
			break;
		if (st)
			continue;
		if (!a.text)
			break;
		if (!(it = calloc(1, sizeof(*it)))) {
			b->fatal = NG_ERR_NOMEM;
			break;
		}
		it->seq = ctx.seq;
		it->line = a.line;
		it->len = a.len;
		snprintf(idbuf, sizeof(idbuf), ":%lu", a.line);
		if (a.meta.id)
			it->id = dup_or_null(a.meta.id);
		else if ((it->id = malloc(strlen(path) + strlen(idbuf) + 1)))
			strcat(strcpy(it->id, path), idbuf);
		if (!(it->source = dup_or_null(path)) || !it->id ||
		    !(it->text = ng_strndup(a.text, a.len)) ||
		    (a.meta.url && !(it->url = dup_or_null(a.meta.url))) ||
		    (a.meta.key && !(it->key = dup_or_null(a.meta.key))) ||
		    (a.meta.title && !(it->title = dup_or_null(a.meta.title))) ||
		    (a.meta.date && !(it->date = dup_or_null(a.meta.date)))) {
			item_free(it);
			b->fatal = NG_ERR_NOMEM;
			break;
		}
		if (claim_id(b, it->seq, path, it->line, it->id)) {
			item_free(it);
			continue;
		}
		push(b, it);
	}
	ng_jsonl_free(r);
done:
	fclose(in);
}

static int
cmp_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

typedef void (*visit_func)(ng_batch *b, const char *path, bool jsonl, const struct stat *sb);

static void visit_produce(ng_batch *b, const char *path, bool jsonl, const struct stat *sb);

/* Says why a directory entry is not read (once, in the pass that reads). */
static void
skip_entry(ng_batch *b, visit_func visit, const char *path, const char *why)
{
	ng_error e;

	if (visit != visit_produce || !b->err_func)
		return;
	memset(&e, 0, sizeof(e));
	e.status = NG_ERR_BAD_ARG;
	e.warning = 1;
	e.file = path;
	e.byte = -1;
	e.message = why;
	pthread_mutex_lock(&b->mu);
	b->err_func(b->err_handle, &e);
	pthread_mutex_unlock(&b->mu);
}

/* Is the resolved path inside the resolved directory root? */
static bool
inside(const char *root, const char *path)
{
	size_t n = strlen(root);

	return !strncmp(root, path, n) && (path[n] == '/' || !path[n] || (n == 1 && root[0] == '/'));
}

/* What a directory entry is, following a link only into the input tree
 * (or anywhere with follow_links): 'd' a directory, 'f' a regular file,
 * 'n' a link to nothing, 0 or -1 something not read (said by skip_entry,
 * for -1 by the caller). */
static int
entry_kind(ng_batch *b, visit_func visit, const char *child, struct stat *cs)
{
	if (lstat(child, cs))
		return 0;
	if (S_ISLNK(cs->st_mode)) {
		char *real = realpath(child, NULL);
		bool ok = real && (b->opt.follow_links || !b->walk_root || inside(b->walk_root, real));
		bool dangling = !real;
		free(real);
		/* A dangling link is read, and fails as a missing file. */
		if (dangling)
			return 'n';
		if (!ok) {
			skip_entry(b, visit, child,
			           "skipped: a symbolic link out of the input tree (--follow-links "
			           "follows it)");
			return 0;
		}
		if (stat(child, cs))
			return 0;
	}
	if (S_ISDIR(cs->st_mode))
		return 'd';
	if (S_ISREG(cs->st_mode))
		return 'f';
	return -1;
}

/* Visits the inputs in a fixed order: arguments as given, directory entries
 * sorted by name (bytes), hidden names skipped. In directories, names that
 * match the glob and JSON Lines files are read. */
static void
walk(ng_batch *b, const char *path, int depth, bool top, visit_func visit)
{
	struct stat sb;
	struct dirent **names = NULL;
	int n, i;

	if (top && !strcmp(path, "-")) {
		visit(b, path, true, NULL);
		return;
	}
	if (top) {
		free(b->walk_root);
		b->walk_root = realpath(path, NULL);
	}
	if (stat(path, &sb)) {
		visit(b, path, is_jsonl(path), NULL);
		return;
	}
	if (!S_ISDIR(sb.st_mode)) {
		visit(b, path, is_jsonl(path), &sb);
		return;
	}
	if (depth >= MAX_DEPTH)
		return;
	/* Each directory once per pass, however many links lead to it: a
	 * symlink loop ends here, and no article is read twice. */
	for (i = 0; (size_t)i < b->n_dirs; i++)
		if (b->dirs[i].dev == sb.st_dev && b->dirs[i].ino == sb.st_ino)
			return;
	if (NG_GROW(b->dirs, b->cap_dirs, b->n_dirs + 1) == NG_OK) {
		b->dirs[b->n_dirs].dev = sb.st_dev;
		b->dirs[b->n_dirs].ino = sb.st_ino;
		b->n_dirs++;
	}
	if ((n = scandir(path, &names, NULL, cmp_name)) < 0) {
		visit(b, path, false, NULL);
		return;
	}
	for (i = 0; i < n; i++) {
		const char *name = names[i]->d_name;
		size_t len = strlen(path) + strlen(name) + 2;
		char *child;
		if (name[0] != '.' && (child = malloc(len))) {
			struct stat cs;
			int kind;
			snprintf(child, len, "%s%s%s", path, has_suffix(path, "/") ? "" : "/", name);
			kind = entry_kind(b, visit, child, &cs);
			if (kind == 'd')
				walk(b, child, depth + 1, false, visit);
			else if (glob_match(b->glob, name) || is_jsonl(name)) {
				/* Regular files only: a FIFO would block the run, a
				 * device would never end. */
				if (kind == 'f' || kind == 'n')
					visit(b, child, is_jsonl(name), kind == 'f' ? &cs : NULL);
				else if (kind < 0)
					skip_entry(b, visit, child, "skipped: not a regular file");
			}
			free(child);
		}
		free(names[i]);
	}
	free(names);
}

static void
visit_produce(ng_batch *b, const char *path, bool jsonl, const struct stat *sb)
{
	(void)sb;
	if (b->fatal)
		return;
	if (jsonl)
		produce_jsonl(b, path);
	else
		produce_file(b, path);
}

static void
visit_scan(ng_batch *b, const char *path, bool jsonl, const struct stat *sb)
{
	FILE *f;
	char buf[65536];
	size_t k, i;
	bool blank = true;

	if (!sb) {
		b->stats.total++;
		return;
	}
	b->stats.total_bytes += (unsigned long long)sb->st_size;
	if (!jsonl || !(f = ng_open_input(path))) {
		b->stats.total++;
		return;
	}
	while ((k = fread(buf, 1, sizeof(buf), f)) > 0)
		for (i = 0; i < k; i++) {
			if (buf[i] == '\n') {
				b->stats.total += !blank;
				blank = true;
			} else if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r')
				blank = false;
		}
	b->stats.total += !blank;
	fclose(f);
}

ng_status
ng_batch_scan(ng_batch *b)
{
	size_t i;

	b->stats.total = b->stats.total_bytes = 0;
	for (i = 0; i < b->n_inputs; i++)
		if (strcmp(b->inputs[i], "-"))
			walk(b, b->inputs[i], 0, true, visit_scan);
	b->n_dirs = 0;
	return NG_OK;
}

/* ------------------------------------------------------------ the end */

/* Reads up to n bytes of in into buf; the count, or -1 on an error. */
static ssize_t
read_some(int in, char *buf, size_t n)
{
	size_t got = 0;

	while (got < n) {
		ssize_t k = read(in, buf + got, n - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (!k)
			break;
		got += (size_t)k;
	}
	return (ssize_t)got;
}

/* Copies the file open as in to fd through buf (MERGE_BUF bytes), less
 * the Turtle prefixes at its start when hdr gives them: each article's
 * Turtle repeats them and the merged graph keeps them once. 0, or -1 on a
 * read or write error (the merged graph is then not renamed into place). */
static int
append_file(int fd, int in, const ng_buf *hdr, char *buf)
{
	ssize_t k = read_some(in, buf, MERGE_BUF);
	size_t skip = 0;

	if (k < 0)
		return -1;
	if (hdr && (size_t)k >= hdr->len && !memcmp(buf, hdr->buf, hdr->len))
		skip = hdr->len;
	while (k > 0) {
		if (ng_write_all(fd, buf + skip, (size_t)k - skip))
			return -1;
		skip = 0;
		if ((k = read_some(in, buf, MERGE_BUF)) < 0)
			return -1;
	}
	return 0;
}

/* Concatenates the per-article files of format f into graph.EXT. */
static ng_status
merge(ng_batch *b, ng_format f, FILE *cur)
{
	char path[4096], tmp[4096], name[32], *buf = NULL;
	const ng_buf *hdr = f == NG_FORMAT_TURTLE ? &b->ttl_header : NULL;
	cur_iter it;
	entry e;
	int fd, r;

	snprintf(name, sizeof(name), "graph.%s", ext_of[f]);
	if (out_path(b, name, path, sizeof(path)))
		return NG_ERR_BAD_ARG;
	snprintf(name, sizeof(name), ".graph.%s.tmp", ext_of[f]);
	if (out_path(b, name, tmp, sizeof(tmp)))
		return NG_ERR_BAD_ARG;
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0) {
		set_fatal(b, NG_ERR_IO, "cannot create", tmp);
		return NG_ERR_IO;
	}
	if ((hdr && ng_write_all(fd, hdr->buf, hdr->len)) || cur_start(&it, cur))
		goto io;
	if (!(buf = malloc(MERGE_BUF)))
		goto io;
	while ((r = cur_next(&it, &e)) > 0) {
		char ap[4096];
		int in;
		if (article_path(b, e.stem, f, -1, ap, sizeof(ap)))
			continue;
		if ((in = open(ap, O_RDONLY | O_CLOEXEC)) < 0) {
			char hex[STEM_HEX + 1];
			stem_hex(e.stem, hex);
			fail_article(b, UINT64_MAX, ap, 0, -1,
			             errno == ENOENT ? NG_ERR_NOT_FOUND : NG_ERR_IO, 0,
			             "missing %s output of article %s; it is left out of %s",
			             ext_of[f], hex, path);
			continue;
		}
		if (append_file(fd, in, hdr, buf)) {
			close(in);
			goto io;
		}
		close(in);
	}
	if (r < 0)
		goto io;
	free(buf);
	buf = NULL;
	if ((!b->opt.no_sync && fsync(fd)) || close(fd)) {
		fd = -1;
		goto io;
	}
	if (rename(tmp, path)) {
		set_fatal(b, NG_ERR_IO, "cannot rename", tmp);
		unlink(tmp);
		return NG_ERR_IO;
	}
	return NG_OK;
io:
	set_fatal(b, NG_ERR_IO, "cannot write", tmp);
	free(buf);
	if (fd >= 0)
		close(fd);
	unlink(tmp);
	return NG_ERR_IO;
}

/* Rewrites state.tsv with the current lines only, sorted by hash, line by
 * line through a buffered stream into a temporary file, then renamed. */
static ng_status
compact_state(ng_batch *b, FILE *cur)
{
	char path[4096], tmp[4096], line[8192];
	ng_status st = NG_OK;
	cur_iter it;
	entry e;
	FILE *out;
	int fd, r = 0;

	if (out_path(b, "state.tsv", path, sizeof(path)) ||
	    out_path(b, ".state.tsv.tmp", tmp, sizeof(tmp)))
		return NG_ERR_BAD_ARG;
	if ((fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644)) < 0 ||
	    !(out = fdopen(fd, "wb"))) {
		if (fd >= 0)
			close(fd);
		set_fatal(b, NG_ERR_IO, "cannot create", tmp);
		return NG_ERR_IO;
	}
	if (cur_start(&it, cur))
		st = NG_ERR_IO;
	while (!st && (r = cur_next(&it, &e)) > 0) {
		char *p = e.len <= sizeof(line) ? line : malloc(e.len);
		if (!p)
			st = NG_ERR_NOMEM;
		else if (pread(b->state_fd, p, e.len, (off_t)e.off) != (ssize_t)e.len ||
		         fwrite(p, 1, e.len, out) != e.len)
			st = NG_ERR_IO;
		if (p != line)
			free(p);
	}
	if (r < 0)
		st = NG_ERR_IO;
	if (fflush(out) || (!b->opt.no_sync && fsync(fileno(out))))
		st = st ? st : NG_ERR_IO;
	if (fclose(out))
		st = st ? st : NG_ERR_IO;
	if (!st && rename(tmp, path))
		st = NG_ERR_IO;
	if (st) {
		unlink(tmp);
		set_fatal(b, st, "cannot write", path);
	}
	return st;
}

static int
cmp_stem(const void *a, const void *b)
{
	return memcmp(a, b, 16);
}

/* Removes temporary files and the files of articles no state line names.
 * The state is sorted by stem and a directory holds the stems of one first
 * byte, so the stems of each directory are read in turn into memory (a
 * 256th of the state) and each file is looked up there. */
static void
sweep(ng_batch *b, FILE *cur)
{
	char dir[4096], path[4096];
	uint8_t (*stems)[16] = NULL;
	size_t n = 0, cap = 0;
	cur_iter it;
	entry e;
	int x, r = cur_start(&it, cur) ? -1 : cur_next(&it, &e);

	for (x = 0; x < 256; x++) {
		DIR *d;
		struct dirent *de;
		char sub[16];
		n = 0;
		for (; r > 0 && e.stem[0] == x; r = cur_next(&it, &e)) {
			if (NG_GROW(stems, cap, n + 1))
				goto done; /* without memory, nothing is removed */
			memcpy(stems[n++], e.stem, 16);
		}
		if (r < 0)
			goto done; /* nor when the state cannot be read */
		snprintf(sub, sizeof(sub), "articles/%02x", x);
		if (out_path(b, sub, dir, sizeof(dir)) || !(d = opendir(dir)))
			continue;
		while ((de = readdir(d))) {
			uint8_t stem[16];
			const char *nm = de->d_name;
			if (!strcmp(nm, ".") || !strcmp(nm, ".."))
				continue;
			if (nm[0] != '.' && strlen(nm) > STEM_HEX && nm[STEM_HEX] == '.' &&
			    !parse_stem(nm, stem) && n && bsearch(stem, stems, n, 16, cmp_stem))
				continue;
			if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, nm) < sizeof(path))
				unlink(path);
		}
		closedir(d);
	}
done:
	free(stems);
}

static int
cmp_err(const void *a, const void *b)
{
	const err_rec *x = a, *y = b;
	int c;

	if (x->seq != y->seq)
		return x->seq < y->seq ? -1 : 1;
	if ((c = strcmp(x->source, y->source)))
		return c;
	return strcmp(x->msg, y->msg);
}

/* A field of errors.tsv: names and messages may hold any byte, so
 * controls (tabs and newlines too) and bytes that are not UTF-8 are
 * escaped (ng_escape). */
static void
tsv_field(ng_buf *o, const char *s)
{
	ng_buf_add_escaped(o, s);
}

static ng_status
write_errors(ng_batch *b)
{
	char path[4096], tmp[4096];
	ng_buf o = {0};
	size_t i;
	ng_status st = NG_OK;

	if (out_path(b, "errors.tsv", path, sizeof(path)) ||
	    out_path(b, ".errors.tsv.tmp", tmp, sizeof(tmp)))
		return NG_ERR_BAD_ARG;
	if (b->n_errs)
		qsort(b->errs, b->n_errs, sizeof(*b->errs), cmp_err);
	ng_buf_adds(&o, "source\tline\tbyte\terror\n");
	for (i = 0; i < b->n_errs; i++) {
		const err_rec *r = &b->errs[i];
		tsv_field(&o, r->source);
		ng_buf_addc(&o, '\t');
		if (r->line)
			ng_buf_printf(&o, "%lu", r->line);
		ng_buf_addc(&o, '\t');
		if (r->byte >= 0)
			ng_buf_printf(&o, "%lld", r->byte);
		ng_buf_addc(&o, '\t');
		tsv_field(&o, r->msg);
		ng_buf_addc(&o, '\n');
	}
	if (!o.buf)
		st = NG_ERR_NOMEM;
	else if (write_file_atomic(tmp, path, o.buf, o.len, !b->opt.no_sync)) {
		set_fatal(b, NG_ERR_IO, "cannot write", path);
		st = NG_ERR_IO;
	}
	ng_buf_free(&o);
	return st;
}

/* ------------------------------------------------------------------ run */

static ng_status
mkdirs(const char *path)
{
	char *p = ng_strndup(path, strlen(path)), *s;
	ng_status st = NG_OK;

	if (!p)
		return NG_ERR_NOMEM;
	for (s = p + 1; ; s++) {
		if (*s == '/' || !*s) {
			char c = *s;
			struct stat sb;
			*s = '\0';
			/* stat first: on ext4 a mkdir that fails costs far more. */
			if (stat(p, &sb) && mkdir(p, 0755) && errno != EEXIST) {
				st = NG_ERR_IO;
				break;
			}
			if (!(*s = c))
				break;
		}
	}
	free(p);
	return st;
}

/* Creates OUTDIR and its article folders, takes the lock, reads the state. */
static ng_status
open_outdir(ng_batch *b)
{
	char path[4096];
	int x;
	ng_status st;

	if (mkdirs(b->outdir)) {
		set_fatal(b, NG_ERR_IO, "cannot create", b->outdir);
		return NG_ERR_IO;
	}
	for (x = 0; x < 256; x++) {
		char sub[16];
		snprintf(sub, sizeof(sub), "articles/%02x", x);
		if (out_path(b, sub, path, sizeof(path)) || mkdirs(path)) {
			set_fatal(b, NG_ERR_IO, "cannot create", path);
			return NG_ERR_IO;
		}
	}
	if (out_path(b, ".lock", path, sizeof(path)) ||
	    (b->lock_fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644)) < 0) {
		set_fatal(b, NG_ERR_IO, "cannot create", path);
		return NG_ERR_IO;
	}
	if (flock(b->lock_fd, LOCK_EX | LOCK_NB)) {
		set_fatal(b, NG_ERR_IO, "another batch is using it", b->outdir);
		return NG_ERR_IO;
	}
	if (out_path(b, "state.tsv", path, sizeof(path)) ||
	    (b->state_fd = open(path, O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC, 0644)) < 0) {
		set_fatal(b, NG_ERR_IO, "cannot open", path);
		return NG_ERR_IO;
	}
	if ((st = current_file(b, &b->prev, &b->n_prev))) {
		set_fatal(b, st, "cannot read", path);
		return st;
	}
	if (!(b->seen = ng_idset_new(b->outdir, SEEN_MEM))) {
		set_fatal(b, NG_ERR_NOMEM, "cannot start the ids of this run in", b->outdir);
		return NG_ERR_NOMEM;
	}
	return NG_OK;
}

static ng_status
make_ttl_header(ng_batch *b)
{
	char *buf = NULL;
	size_t size = 0;
	FILE *m = open_memstream(&buf, &size);
	ng_writer *w;
	ng_status st = NG_ERR_NOMEM;

	if (!m)
		return NG_ERR_NOMEM;
	if ((w = writer_new(NG_FORMAT_TURTLE, b->base, m))) {
		st = ng_writer_finish(w);
		writer_free(w);
	}
	if (fclose(m))
		st = NG_ERR_IO;
	if (!st)
		st = ng_buf_add(&b->ttl_header, buf ? buf : "", size);
	free(buf);
	return st;
}

ng_status
ng_batch_run(ng_batch *b)
{
	worker *ws = NULL;
	FILE *cur = NULL;
	size_t i, n_cur = 0;
	unsigned started = 0;
	ng_status st = NG_OK;
	int f;

	if (b->ran)
		return NG_ERR_BAD_ARG;
	b->ran = true;
	b->t0 = b->last_flush = now();
	b->seed = XXH64_digest(b->cfg);
	pthread_mutex_init(&b->mu, NULL);
	pthread_cond_init(&b->cv_items, NULL);
	pthread_cond_init(&b->cv_space, NULL);
	pthread_cond_init(&b->cv_done, NULL);
	b->queue_cap = (size_t)b->opt.jobs * QUEUE_PER_JOB;
	TRY(st, make_ttl_header(b));
	TRY(st, open_outdir(b));
	if (!(ws = calloc(b->opt.jobs, sizeof(*ws))))
		TRY(st, NG_ERR_NOMEM);
	for (started = 0; started < b->opt.jobs; started++) {
		worker *w = &ws[started];
		w->b = b;
		w->index = started;
		b->active++;
		if (pthread_create(&w->thread, NULL, worker_main, w)) {
			b->active--;
			break;
		}
	}
	if (!started)
		TRY(st, NG_ERR_NOMEM);
	for (i = 0; i < b->n_inputs && !b->fatal; i++)
		walk(b, b->inputs[i], 0, true, visit_produce);
	b->n_dirs = 0;
	pthread_mutex_lock(&b->mu);
	b->closed = true;
	pthread_cond_broadcast(&b->cv_items);
	while (b->active) {
		wait_timed(&b->cv_done, &b->mu, 0.1);
		if (b->prog) {
			pthread_mutex_unlock(&b->mu);
			maybe_progress(b, false);
			pthread_mutex_lock(&b->mu);
		}
	}
	flush_log(b);
	pthread_mutex_unlock(&b->mu);
	if (b->fatal) {
		st = b->fatal;
		goto done;
	}
	/* The end: merge, compact, sweep, errors. Each step is idempotent.
	 * The state file, read again, has every line of this run; what the
	 * run kept in memory is no longer needed. */
	ng_idset_free(b->seen);
	b->seen = NULL;
	if (b->prev)
		fclose(b->prev);
	b->prev = NULL;
	b->n_prev = 0;
	if ((st = current_file(b, &cur, &n_cur))) {
		set_fatal(b, st, "cannot read", "state.tsv");
		goto done;
	}
	for (f = 0; f < 3; f++) {
		char name[32], path[4096];
		snprintf(name, sizeof(name), "graph.%s", ext_of[f]);
		if (b->opt.formats & (1u << f))
			TRY(st, merge(b, (ng_format)f, cur));
		else if (!out_path(b, name, path, sizeof(path)))
			unlink(path); /* a graph of an earlier run would be stale */
	}
	TRY(st, compact_state(b, cur));
	sweep(b, cur);
	TRY(st, write_errors(b));
done:
	for (i = 0; i < started; i++)
		pthread_join(ws[i].thread, NULL);
	for (i = 0; ws && i < b->opt.jobs; i++) {
		for (f = 0; f < 3; f++)
			writer_free(ws[i].lines[f]);
		ng_buf_free(&ws[i].line);
	}
	free(ws);
	if (cur)
		fclose(cur);
	pthread_mutex_lock(&b->mu);
	b->stats.seconds = now() - b->t0;
	pthread_mutex_unlock(&b->mu);
	if (st && !b->fatal)
		b->fatal = st;
	report_fatal(b);
	maybe_progress(b, true);
	return st;
}
