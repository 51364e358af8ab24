/* SPDX-License-Identifier: Apache-2.0 */
/* Sorting fixed-size records in bounded memory: records are collected in
 * chunks, each chunk is sorted and written to an unnamed temporary file,
 * and the chunks are merged (a binary heap of their heads) into one more
 * temporary file. Memory is one chunk and a buffer per chunk file,
 * however many records there are. The batch's state (batch.c) is sorted
 * this way, so that a run's memory does not grow with the articles. */
#include "config.h"

#include "extsort.h"
#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct ng_extsort {
	char *dir;
	size_t size;        /* bytes of a record */
	size_t chunk;       /* records a chunk holds */
	int (*cmp)(const void *, const void *);
	char *buf;          /* the chunk being collected */
	size_t n_buf;
	FILE **runs;        /* sorted chunks written out */
	size_t n_runs, cap_runs;
	size_t total;
};

/* An unnamed file in dir (O_TMPFILE where the file system has it, else a
 * name that is removed at once), open for reading and writing; -1 on
 * failure. */
int
ng_temp_fd(const char *dir)
{
	char path[4096];
	int fd = -1;

#ifdef O_TMPFILE
	fd = open(dir, O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
#endif
	if (fd < 0) {
		if ((size_t)snprintf(path, sizeof(path), "%s/.sort.XXXXXX", dir) >= sizeof(path))
			return -1;
		if ((fd = mkstemp(path)) < 0)
			return -1;
		unlink(path);
	}
	return fd;
}

static FILE *
temp_file(const char *dir)
{
	int fd = ng_temp_fd(dir);
	FILE *f;

	if (fd < 0)
		return NULL;
	if (!(f = fdopen(fd, "w+b")))
		close(fd);
	return f;
}

ng_extsort *
ng_extsort_new(const char *dir, size_t size, size_t chunk, int (*cmp)(const void *, const void *))
{
	ng_extsort *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->dir = ng_strndup(dir, strlen(dir));
	s->size = size;
	s->chunk = chunk ? chunk : 1;
	s->cmp = cmp;
	if (!s->dir || !(s->buf = malloc(s->size * s->chunk))) {
		ng_extsort_free(s);
		return NULL;
	}
	return s;
}

void
ng_extsort_free(ng_extsort *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->n_runs; i++)
		if (s->runs[i])
			fclose(s->runs[i]);
	free(s->runs);
	free(s->buf);
	free(s->dir);
	free(s);
}

/* Sorts the chunk and writes it out as one more run. */
static ng_status
spill(ng_extsort *s)
{
	FILE *f;

	if (!s->n_buf)
		return NG_OK;
	qsort(s->buf, s->n_buf, s->size, s->cmp);
	if (NG_GROW(s->runs, s->cap_runs, s->n_runs + 1))
		return NG_ERR_NOMEM;
	if (!(f = temp_file(s->dir)))
		return NG_ERR_IO;
	s->runs[s->n_runs++] = f;
	if (fwrite(s->buf, s->size, s->n_buf, f) != s->n_buf || fflush(f))
		return NG_ERR_IO;
	s->n_buf = 0;
	return NG_OK;
}

ng_status
ng_extsort_add(ng_extsort *s, const void *rec)
{
	ng_status st;

	if (s->n_buf == s->chunk && (st = spill(s)))
		return st;
	memcpy(s->buf + s->n_buf * s->size, rec, s->size);
	s->n_buf++;
	s->total++;
	return NG_OK;
}

/* The heap of run heads: heads[k] is the current record of run idx[k]. */
typedef struct {
	const ng_extsort *s;
	char *heads;
	size_t *idx;
	size_t n;
} heap;

static int
heap_less(const heap *h, size_t a, size_t b)
{
	int c = h->s->cmp(h->heads + h->idx[a] * h->s->size, h->heads + h->idx[b] * h->s->size);
	/* Equal records leave in run order. */
	return c < 0 || (c == 0 && h->idx[a] < h->idx[b]);
}

static void
heap_down(heap *h, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, m = i, t;
		if (l < h->n && heap_less(h, l, m))
			m = l;
		if (l + 1 < h->n && heap_less(h, l + 1, m))
			m = l + 1;
		if (m == i)
			return;
		t = h->idx[i];
		h->idx[i] = h->idx[m];
		h->idx[m] = t;
		i = m;
	}
}

ng_status
ng_extsort_finish(ng_extsort *s, FILE **out, size_t *n)
{
	heap h = {s, NULL, NULL, 0};
	FILE *f = NULL;
	ng_status st = NG_OK;
	size_t i;

	*out = NULL;
	*n = s->total;
	if (!(f = temp_file(s->dir)))
		return NG_ERR_IO;
	if (!s->n_runs) {
		/* One chunk: sorted in memory, written once. */
		qsort(s->buf, s->n_buf, s->size, s->cmp);
		if (s->n_buf && fwrite(s->buf, s->size, s->n_buf, f) != s->n_buf)
			st = NG_ERR_IO;
		goto done;
	}
	if ((st = spill(s)))
		goto done;
	/* The chunk buffer is no longer needed: the heads take its place. */
	free(s->buf);
	s->buf = NULL;
	if (!(h.heads = malloc(s->n_runs * s->size)) || !(h.idx = malloc(s->n_runs * sizeof(*h.idx)))) {
		st = NG_ERR_NOMEM;
		goto done;
	}
	for (i = 0; i < s->n_runs; i++) {
		rewind(s->runs[i]);
		if (fread(h.heads + i * s->size, s->size, 1, s->runs[i]) == 1)
			h.idx[h.n++] = i;
	}
	for (i = h.n / 2; i-- > 0;)
		heap_down(&h, i);
	while (h.n) {
		size_t r = h.idx[0];
		if (fwrite(h.heads + r * s->size, s->size, 1, f) != 1) {
			st = NG_ERR_IO;
			goto done;
		}
		if (fread(h.heads + r * s->size, s->size, 1, s->runs[r]) != 1) {
			if (ferror(s->runs[r])) {
				st = NG_ERR_IO;
				goto done;
			}
			h.idx[0] = h.idx[--h.n];
		}
		heap_down(&h, 0);
	}
done:
	free(h.heads);
	free(h.idx);
	if (!st && (fflush(f) || fseeko(f, 0, SEEK_SET)))
		st = NG_ERR_IO;
	if (st) {
		fclose(f);
		return st;
	}
	*out = f;
	return NG_OK;
}
