/* SPDX-License-Identifier: Apache-2.0 */
/* A set of 64-bit hashes whose memory does not grow with its size. The
 * newest hashes are kept in memory: a small sorted buffer, merged into a
 * sorted array when full. When the array is full it is written out as a
 * sorted run to an unnamed temporary file, with the first hash of each
 * block kept in memory, so that a lookup reads one block of each run.
 * Runs merge like a binary counter (a run is merged with the one before it
 * while that one is no larger), so there are about log2(size / mem) runs.
 * Batch (batch.c) keeps the ids of a run's articles here. */
#include "config.h"

#include "extsort.h"
#include "idset.h"
#include "util.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BUF 256 /* hashes in the insertion buffer */
#define BLK 512 /* hashes in a block of a run (4 KB) */

typedef struct {
	int fd;
	size_t n;
	uint64_t *fence; /* fence[i] is the first hash of block i */
} run;

struct ng_idset {
	char *dir;
	uint64_t buf[BUF]; /* sorted, the newest */
	size_t n_buf;
	uint64_t *mem;     /* sorted */
	size_t n_mem, cap_mem, max_mem;
	run *runs;
	size_t n_runs, cap_runs;
	uint64_t *io;      /* three blocks: two to read, one to write */
	size_t total;
};

/* Where h is, or would go, in the sorted a[0, n). */
static size_t
lower(const uint64_t *a, size_t n, uint64_t h)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (a[mid] < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static bool
has_sorted(const uint64_t *a, size_t n, uint64_t h)
{
	size_t i = lower(a, n, h);

	return i < n && a[i] == h;
}

ng_idset *
ng_idset_new(const char *dir, size_t mem)
{
	ng_idset *s = calloc(1, sizeof(*s));

	if (!s)
		return NULL;
	s->max_mem = mem < BUF ? BUF : mem;
	if (!(s->dir = ng_strndup(dir, strlen(dir))) || !(s->io = malloc(3 * BLK * sizeof(*s->io)))) {
		ng_idset_free(s);
		return NULL;
	}
	return s;
}

static void
run_free(run *r)
{
	if (r->fd >= 0)
		close(r->fd);
	free(r->fence);
	r->fd = -1;
	r->fence = NULL;
}

void
ng_idset_free(ng_idset *s)
{
	size_t i;

	if (!s)
		return;
	for (i = 0; i < s->n_runs; i++)
		run_free(&s->runs[i]);
	free(s->runs);
	free(s->mem);
	free(s->io);
	free(s->dir);
	free(s);
}

size_t
ng_idset_count(const ng_idset *s)
{
	return s->total;
}

/* Reads hashes [i, i + n) of r into v. */
static int
read_at(const run *r, size_t i, uint64_t *v, size_t n)
{
	size_t len = n * sizeof(*v), got = 0;

	while (got < len) {
		ssize_t k = pread(r->fd, (char *)v + got, len - got, (off_t)(i * sizeof(*v) + got));
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			return -1;
		got += (size_t)k;
	}
	return 0;
}

/* Writes v[0, n) as a run of blocks to r's fresh file, adding fences. */
static ng_status
run_append(run *r, const uint64_t *v, size_t n)
{
	size_t i, nb = (r->n + n + BLK - 1) / BLK;
	uint64_t *f;

	if (!n)
		return NG_OK;
	if (!(f = realloc(r->fence, nb * sizeof(*f))))
		return NG_ERR_NOMEM;
	r->fence = f;
	for (i = 0; i < n; i++)
		if ((r->n + i) % BLK == 0)
			f[(r->n + i) / BLK] = v[i];
	if (ng_write_all(r->fd, v, n * sizeof(*v)))
		return NG_ERR_IO;
	r->n += n;
	return NG_OK;
}

/* When the n hashes read into v are used up (p == n), reads the block of r
 * that starts at hash i. */
static int
refill(const run *r, size_t i, uint64_t *v, size_t *n, size_t *p)
{
	if (*p < *n || i >= r->n)
		return 0;
	*n = r->n - i < BLK ? r->n - i : BLK;
	*p = 0;
	return read_at(r, i, v, *n);
}

/* Merges the last two runs into one. */
static ng_status
merge_last(ng_idset *s)
{
	run *a = &s->runs[s->n_runs - 2], *b = &s->runs[s->n_runs - 1];
	run m = {ng_temp_fd(s->dir), 0, NULL};
	uint64_t *va = s->io, *vb = s->io + BLK, *out = s->io + 2 * BLK;
	size_t ia = 0, ib = 0, na = 0, nb = 0, pa = 0, pb = 0, no = 0;
	ng_status st = NG_OK;

	if (m.fd < 0)
		return NG_ERR_IO;
	while (ia < a->n || ib < b->n) {
		uint64_t x;
		if (refill(a, ia, va, &na, &pa) || refill(b, ib, vb, &nb, &pb)) {
			st = NG_ERR_IO;
			break;
		}
		if (ia < a->n && (ib == b->n || va[pa] < vb[pb])) {
			x = va[pa++];
			ia++;
		} else {
			x = vb[pb++];
			ib++;
		}
		out[no++] = x;
		if (no == BLK) {
			if ((st = run_append(&m, out, no)))
				break;
			no = 0;
		}
	}
	if (!st)
		st = run_append(&m, out, no);
	if (st) {
		run_free(&m);
		return st;
	}
	run_free(a);
	run_free(b);
	*a = m;
	s->n_runs--;
	return NG_OK;
}

/* Writes the array out as a run and merges runs like a binary counter. */
static ng_status
spill(ng_idset *s)
{
	run *r;
	ng_status st;

	if (NG_GROW(s->runs, s->cap_runs, s->n_runs + 1))
		return NG_ERR_NOMEM;
	r = &s->runs[s->n_runs];
	r->n = 0;
	r->fence = NULL;
	if ((r->fd = ng_temp_fd(s->dir)) < 0)
		return NG_ERR_IO;
	s->n_runs++;
	if ((st = run_append(r, s->mem, s->n_mem)))
		return st;
	s->n_mem = 0;
	while (s->n_runs >= 2 && s->runs[s->n_runs - 2].n <= s->runs[s->n_runs - 1].n)
		if ((st = merge_last(s)))
			return st;
	return NG_OK;
}

/* Merges the buffer into the array, from the back. */
static ng_status
flush_buf(ng_idset *s)
{
	size_t i, j, k;
	ng_status st;

	if (s->n_mem + s->n_buf > s->max_mem && (st = spill(s)))
		return st;
	if (s->n_mem + s->n_buf > s->cap_mem) {
		size_t cap = s->cap_mem + s->cap_mem / 2 + BUF;
		uint64_t *v;
		if (cap > s->max_mem)
			cap = s->max_mem;
		if (!(v = realloc(s->mem, cap * sizeof(*v))))
			return NG_ERR_NOMEM;
		s->mem = v;
		s->cap_mem = cap;
	}
	for (i = s->n_mem, j = s->n_buf, k = s->n_mem + s->n_buf; j;)
		s->mem[--k] = i && s->mem[i - 1] > s->buf[j - 1] ? s->mem[--i] : s->buf[--j];
	s->n_mem += s->n_buf;
	s->n_buf = 0;
	return NG_OK;
}

ng_status
ng_idset_add(ng_idset *s, uint64_t h)
{
	size_t i = lower(s->buf, s->n_buf, h);

	memmove(s->buf + i + 1, s->buf + i, (s->n_buf - i) * sizeof(*s->buf));
	s->buf[i] = h;
	s->n_buf++;
	s->total++;
	return s->n_buf == BUF ? flush_buf(s) : NG_OK;
}

int
ng_idset_has(ng_idset *s, uint64_t h)
{
	size_t i;

	if (has_sorted(s->buf, s->n_buf, h) || has_sorted(s->mem, s->n_mem, h))
		return 1;
	for (i = 0; i < s->n_runs; i++) {
		const run *r = &s->runs[i];
		size_t nb = (r->n + BLK - 1) / BLK, j, n;
		if (!r->n || h < r->fence[0])
			continue;
		/* The last block whose first hash is at most h. */
		j = lower(r->fence, nb, h);
		if (j == nb || r->fence[j] != h)
			j--;
		else
			return 1;
		n = r->n - j * BLK < BLK ? r->n - j * BLK : BLK;
		if (read_at(r, j * BLK, s->io, n))
			return -1;
		if (has_sorted(s->io, n, h))
			return 1;
	}
	return 0;
}
