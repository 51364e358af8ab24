/* SPDX-License-Identifier: Apache-2.0 */
#include "config.h"

#include "util.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>
#define XXH_INLINE_ALL
#include <xxhash.h>
#include <zlib.h>

ng_status
ng_grow(void **arr, size_t *cap, size_t n, size_t sz)
{
	size_t ncap;
	void *p;

	if (n <= *cap)
		return NG_OK;
	ncap = *cap ? *cap : 8;
	while (ncap < n)
		ncap *= 2;
	if (ncap > SIZE_MAX / sz)
		return NG_ERR_NOMEM;
	p = realloc(*arr, ncap * sz);
	if (!p)
		return NG_ERR_NOMEM;
	*arr = p;
	*cap = ncap;
	return NG_OK;
}

ng_status
ng_buf_add(ng_buf *b, const char *s, size_t n)
{
	if (NG_GROW(b->buf, b->cap, b->len + n + 1))
		return NG_ERR_NOMEM;
	if (n)
		memcpy(b->buf + b->len, s, n);
	b->len += n;
	b->buf[b->len] = '\0';
	return NG_OK;
}

ng_status
ng_buf_adds(ng_buf *b, const char *s)
{
	return ng_buf_add(b, s, strlen(s));
}

ng_status
ng_buf_addc(ng_buf *b, char c)
{
	return ng_buf_add(b, &c, 1);
}

ng_status
ng_buf_printf(ng_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NG_ERR_BAD_ARG;
	if (NG_GROW(b->buf, b->cap, b->len + (size_t)n + 1))
		return NG_ERR_NOMEM;
	va_start(ap, fmt);
	vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return NG_OK;
}

void
ng_buf_clear(ng_buf *b)
{
	b->len = 0;
	if (b->buf)
		b->buf[0] = '\0';
}

void
ng_buf_free(ng_buf *b)
{
	free(b->buf);
	b->buf = NULL;
	b->len = b->cap = 0;
}

uint64_t
ng_hash64(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = 0xcbf29ce484222325ULL ^ seed;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= 0x100000001b3ULL;
	}
	/* Final mix (splitmix64) so that nearby keys spread in hash tables. */
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	h ^= h >> 31;
	return h;
}

uint64_t
ng_hash_fast(const void *data, size_t len)
{
	return XXH3_64bits(data, len);
}

void
ng_strmap_init(ng_strmap *m)
{
	memset(m, 0, sizeof(*m));
}

void
ng_strmap_free(ng_strmap *m)
{
	free(m->slots);
	ng_buf_free(&m->arena);
	memset(m, 0, sizeof(*m));
}

/* The slot of a key, or the empty slot where it would go. The low bits of
 * the hash pick the first slot, the high bits are kept to compare. */
static inline size_t
strmap_find(const ng_strmap *m, const char *key, size_t len, uint64_t h)
{
	size_t mask = m->cap - 1;
	size_t i = (size_t)h & mask;
	uint32_t hi = (uint32_t)(h >> 32);
	const ng_strmap_slot *s;

	for (s = &m->slots[i]; s->off; s = &m->slots[i]) {
		if (s->hash == hi && s->len == len && !memcmp(m->arena.buf + s->off - 1, key, len))
			return i;
		i = (i + 1) & mask;
	}
	return i;
}

int
ng_strmap_get_hashed(const ng_strmap *m, const char *key, size_t len, uint64_t h,
                     uint32_t *val)
{
	size_t i;

	if (!m->cap)
		return 0;
	i = strmap_find(m, key, len, h);
	if (!m->slots[i].off)
		return 0;
	if (val)
		*val = m->slots[i].val;
	return 1;
}

int
ng_strmap_get(const ng_strmap *m, const char *key, size_t len, uint32_t *val)
{
	if (!m->cap)
		return 0;
	return ng_strmap_get_hashed(m, key, len, ng_hash_fast(key, len), val);
}

static ng_status
strmap_rehash(ng_strmap *m, size_t ncap)
{
	ng_strmap_slot *n = calloc(ncap, sizeof(*n));
	size_t i;

	if (!n)
		return NG_ERR_NOMEM;
	for (i = 0; i < m->cap; i++) {
		const ng_strmap_slot *s = &m->slots[i];
		size_t j;
		if (!s->off)
			continue;
		/* The stored high bits do not give the slot: hash the key again. */
		j = (size_t)ng_hash_fast(m->arena.buf + s->off - 1, s->len) & (ncap - 1);
		while (n[j].off)
			j = (j + 1) & (ncap - 1);
		n[j] = *s;
	}
	free(m->slots);
	m->slots = n;
	m->cap = ncap;
	return NG_OK;
}

ng_status
ng_strmap_reserve(ng_strmap *m, size_t n, size_t bytes)
{
	size_t cap = m->cap ? m->cap : 64;

	while ((m->count + n) * 2 > cap)
		cap *= 2;
	if (cap != m->cap && strmap_rehash(m, cap))
		return NG_ERR_NOMEM;
	return NG_GROW(m->arena.buf, m->arena.cap, m->arena.len + bytes + 1);
}

ng_status
ng_strmap_put(ng_strmap *m, const char *key, size_t len, uint32_t val)
{
	return ng_strmap_put_hashed(m, key, len, ng_hash_fast(key, len), val);
}

ng_status
ng_strmap_put_hashed(ng_strmap *m, const char *key, size_t len, uint64_t h, uint32_t val)
{
	size_t i;
	uint32_t off;
	ng_strmap_slot *s;

	if ((m->count + 1) * 2 > m->cap &&
	    strmap_rehash(m, m->cap ? m->cap * 2 : 64))
		return NG_ERR_NOMEM;
	i = strmap_find(m, key, len, h);
	s = &m->slots[i];
	if (s->off) {
		s->val = val;
		return NG_OK;
	}
	if (m->arena.len + len + 1 > UINT32_MAX - 1)
		return NG_ERR_NOMEM;
	off = (uint32_t)m->arena.len + 1;
	/* The key and its NUL, and the buffer's own NUL after them. */
	if (NG_GROW(m->arena.buf, m->arena.cap, m->arena.len + len + 2))
		return NG_ERR_NOMEM;
	if (len)
		memcpy(m->arena.buf + m->arena.len, key, len);
	m->arena.buf[m->arena.len + len] = '\0';
	m->arena.len += len + 1;
	m->arena.buf[m->arena.len] = '\0';
	s->hash = (uint32_t)(h >> 32);
	s->off = off;
	s->len = (uint32_t)len;
	s->val = val;
	m->count++;
	return NG_OK;
}

void
ng_u64map_init(ng_u64map *m)
{
	memset(m, 0, sizeof(*m));
}

void
ng_u64map_free(ng_u64map *m)
{
	free(m->slots);
	memset(m, 0, sizeof(*m));
}

ng_status
ng_u64map_put(ng_u64map *m, uint64_t key, uint32_t val)
{
	size_t i;

	if ((m->count + 1) * 2 > m->cap) {
		size_t ncap = m->cap ? m->cap * 2 : 64, j;
		ng_u64map_slot *ns = calloc(ncap, sizeof(*ns));
		if (!ns)
			return NG_ERR_NOMEM;
		for (j = 0; j < m->cap; j++) {
			size_t k;
			if (!m->slots[j].key)
				continue;
			k = ng_u64map_first(m->slots[j].key, ncap);
			while (ns[k].key)
				k = (k + 1) & (ncap - 1);
			ns[k] = m->slots[j];
		}
		free(m->slots);
		m->slots = ns;
		m->cap = ncap;
	}
	for (i = ng_u64map_first(key, m->cap); m->slots[i].key; i = (i + 1) & (m->cap - 1))
		if (m->slots[i].key == key) {
			m->slots[i].val = val;
			return NG_OK;
		}
	m->slots[i].key = key;
	m->slots[i].val = val;
	m->count++;
	return NG_OK;
}

struct ng_arena_block {
	ng_arena_block *next;
	max_align_t data[];
};

#define NG_ARENA_FIRST 4096
#define NG_ARENA_MAX 65536

void
ng_arena_init(ng_arena *a, void *buf, size_t size)
{
	a->p = buf;
	a->left = buf ? size : 0;
	a->next = NG_ARENA_FIRST;
	a->blocks = NULL;
}

/* A new block for at least n bytes; the rest of the current one is left. */
static ng_status
arena_block(ng_arena *a, size_t n)
{
	size_t size = a->next;
	ng_arena_block *b;

	if (n > SIZE_MAX - sizeof(*b) - sizeof(max_align_t))
		return NG_ERR_NOMEM;
	if (size < n)
		size = n;
	if (!(b = malloc(sizeof(*b) + size)))
		return NG_ERR_NOMEM;
	b->next = a->blocks;
	a->blocks = b;
	a->p = (char *)b->data;
	a->left = size;
	if (a->next < NG_ARENA_MAX)
		a->next *= 2;
	return NG_OK;
}

void *
ng_arena_alloc(ng_arena *a, size_t n)
{
	size_t pad = (size_t)(-(uintptr_t)a->p) & (_Alignof(max_align_t) - 1);
	void *r;

	if (!n)
		n = 1;
	if (pad + n > a->left) {
		if (arena_block(a, n))
			return NULL;
		pad = 0;
	}
	r = a->p + pad;
	a->p += pad + n;
	a->left -= pad + n;
	return r;
}

char *
ng_arena_strndup(ng_arena *a, const char *s, size_t n)
{
	char *d;

	if (n + 1 > a->left && (n == SIZE_MAX || arena_block(a, n + 1)))
		return NULL;
	d = a->p;
	a->p += n + 1;
	a->left -= n + 1;
	if (n)
		memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

void
ng_arena_free(ng_arena *a)
{
	ng_arena_block *b, *next;

	for (b = a->blocks; b; b = next) {
		next = b->next;
		free(b);
	}
	ng_arena_init(a, NULL, 0);
}

char *
ng_strndup(const char *s, size_t n)
{
	char *d = malloc(n + 1);

	if (!d)
		return NULL;
	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}

int
ng_write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;

	while (len) {
		ssize_t k = write(fd, p, len);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += k;
		len -= (size_t)k;
	}
	return 0;
}

/* Reads f whole into b (max bytes at most, 0: no limit). */
/* ------------------------------------------------------------ calendar */

long
ng_days_from_civil(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
ng_civil_from_days(long z, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* ------------------------------------------------------------- gzip */

/* A stdio stream over a zlib stream: reads gzip or, as zlib does, plain
 * bytes as they are; writes gzip. */
static ssize_t
gz_read(void *cookie, char *buf, size_t n)
{
	int k = gzread((gzFile)cookie, buf, n > INT_MAX ? INT_MAX : (unsigned)n), err = Z_OK;

	/* The end of the file in the middle of a gzip stream is an error,
	 * which zlib only reports when asked. */
	if (!k)
		gzerror((gzFile)cookie, &err);
	if (k < 0 || err == Z_BUF_ERROR) {
		errno = EILSEQ;
		return -1;
	}
	return k;
}

static ssize_t
gz_write(void *cookie, const char *buf, size_t n)
{
	size_t done = 0;

	while (done < n) {
		unsigned k = n - done > INT_MAX ? INT_MAX : (unsigned)(n - done);
		if (gzwrite((gzFile)cookie, buf + done, k) != (int)k) {
			if (!errno)
				errno = EIO;
			return done ? (ssize_t)done : -1;
		}
		done += k;
	}
	return (ssize_t)n;
}

static int
gz_close(void *cookie)
{
	int r = gzclose((gzFile)cookie);

	if (r != Z_OK && !errno)
		errno = EIO;
	return r == Z_OK ? 0 : -1;
}

FILE *
ng_gz_fdopen(int fd, const char *mode)
{
	static const cookie_io_functions_t rd = {gz_read, NULL, NULL, gz_close};
	static const cookie_io_functions_t wr = {NULL, gz_write, NULL, gz_close};
	bool writing = mode[0] == 'w';
	gzFile gz = gzdopen(fd, writing ? "wb" : "rb");
	FILE *f;

	if (!gz) {
		close(fd);
		errno = errno ? errno : ENOMEM;
		return NULL;
	}
	gzbuffer(gz, 1u << 17);
	if (!(f = fopencookie(gz, writing ? "w" : "r", writing ? wr : rd))) {
		gzclose(gz);
		return NULL;
	}
	return f;
}

FILE *
ng_open_input(const char *path)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : dup(0);

	return fd < 0 ? NULL : ng_gz_fdopen(fd, "r");
}

static ng_status
read_all(FILE *f, ng_buf *b, size_t max)
{
	char chunk[65536];
	size_t n;
	ng_status st;

	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (max && b->len + n > max)
			return NG_ERR_TOO_BIG;
		if ((st = ng_buf_add(b, chunk, n)))
			return st;
	}
	if (ferror(f))
		return errno == EILSEQ ? NG_ERR_GZIP : NG_ERR_IO;
	return NG_OK;
}

/* Did the file change between the two looks (size, modification or
 * status change time)? */
static bool
changed(const struct stat *a, const struct stat *b)
{
	return a->st_size != b->st_size || a->st_mtim.tv_sec != b->st_mtim.tv_sec ||
	       a->st_mtim.tv_nsec != b->st_mtim.tv_nsec || a->st_ctim.tv_sec != b->st_ctim.tv_sec ||
	       a->st_ctim.tv_nsec != b->st_ctim.tv_nsec;
}

ng_status
ng_read_file(const char *path, char **out, size_t *len, size_t max)
{
	int fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : dup(0);
	ng_buf b = {0};
	struct stat before, after;
	int tries;
	ng_status st = NG_OK;

	*out = NULL;
	*len = 0;
	if (fd < 0)
		return errno == ENOENT ? NG_ERR_NOT_FOUND : NG_ERR_IO;
	/* A regular file that is rewritten while it is read would give a mix
	 * of its versions: the size and times must hold around the read. It
	 * is read again once, then refused. A gzip file is read through zlib
	 * (max then bounds the text, not the file). */
	for (tries = 0; tries < 2; tries++) {
		bool regular = !fstat(fd, &before) && S_ISREG(before.st_mode);
		unsigned char magic[2];
		/* A regular file is read through zlib only when it is gzip; a
		 * pipe cannot be looked at first, and zlib passes plain bytes. */
		bool gz = !regular || (pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1f &&
		                       magic[1] == 0x8b);
		int dfd = dup(fd);
		FILE *f = dfd < 0 ? NULL : gz ? ng_gz_fdopen(dfd, "r") : fdopen(dfd, "rb");
		if (!f) {
			st = errno == ENOMEM ? NG_ERR_NOMEM : NG_ERR_IO;
			if (dfd >= 0 && !gz) /* ng_gz_fdopen closes it itself */
				close(dfd);
			break;
		}
		ng_buf_clear(&b);
		st = read_all(f, &b, max);
		if (fclose(f) && !st)
			st = gz ? NG_ERR_GZIP : NG_ERR_IO;
		if (st || !regular)
			break;
		if (fstat(fd, &after) || !changed(&before, &after))
			break;
		st = NG_ERR_CHANGED;
		if (tries || lseek(fd, 0, SEEK_SET))
			break;
	}
	close(fd);
	if (st) {
		ng_buf_free(&b);
		return st;
	}
	if (!b.buf && ng_buf_add(&b, "", 0))
		return NG_ERR_NOMEM;
	*out = b.buf;
	*len = b.len;
	return NG_OK;
}

static bool
digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

bool
ng_iso_date(const char *s, char date[11])
{
	static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int y, m, d;
	const char *t;

	if (!s || strlen(s) < 10 || !digits(s, 4) || s[4] != '-' || !digits(s + 5, 2) ||
	    s[7] != '-' || !digits(s + 8, 2))
		return false;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > days[m - 1] ||
	    (m == 2 && d == 29 && !((y % 4 == 0 && y % 100 != 0) || y % 400 == 0)))
		return false;
	t = s + 10;
	if (*t) {
		/* The time: hh:mm[:ss[.fff]] and a zone. */
		if ((*t != 'T' && *t != 't' && *t != ' ') || !digits(t + 1, 2) || t[3] != ':' ||
		    !digits(t + 4, 2) || atoi(t + 1) > 24 || atoi(t + 4) > 59)
			return false;
		t += 6;
		if (*t == ':') {
			if (!digits(t + 1, 2) || atoi(t + 1) > 60)
				return false;
			t += 3;
			if (*t == '.' || *t == ',') {
				if (!digits(++t, 1))
					return false;
				while (*t >= '0' && *t <= '9')
					t++;
			}
		}
		if (*t == 'Z' || *t == 'z')
			t++;
		else if (*t == '+' || *t == '-') {
			if (!digits(t + 1, 2) || atoi(t + 1) > 23)
				return false;
			t += 3;
			if (*t == ':')
				t++;
			if (*t) {
				if (!digits(t, 2) || atoi(t) > 59)
					return false;
				t += 2;
			}
		}
		if (*t)
			return false;
	}
	memcpy(date, s, 10);
	date[10] = '\0';
	return true;
}

char *
ng_escape(const char *s)
{
	ng_buf b = {0};

	if (ng_buf_add_escaped(&b, s ? s : "") || (!b.buf && ng_buf_add(&b, "", 0))) {
		ng_buf_free(&b);
		return NULL;
	}
	return b.buf;
}

ng_status
ng_buf_add_escaped(ng_buf *b, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, n = strlen(str);

	while (i < n) {
		unsigned char c = s[i];
		size_t k = 1, j;
		bool ok = c >= 0x20 && c < 0x7F && c != '\\';
		if (c >= 0xC2 && c <= 0xF4) {
			/* A valid sequence is copied, but for the C1 controls. */
			k = c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
			for (j = 1; j < k && i + j < n && (s[i + j] & 0xC0) == 0x80; j++)
				;
			ok = j == k && !(c == 0xC2 && s[i + 1] < 0xA0) &&
			     !(c == 0xE0 && s[i + 1] < 0xA0) && !(c == 0xF0 && s[i + 1] < 0x90) &&
			     !(c == 0xED && s[i + 1] >= 0xA0) && !(c == 0xF4 && s[i + 1] >= 0x90);
			if (!ok)
				k = 1;
		}
		if (ok) {
			if (ng_buf_add(b, str + i, k))
				return NG_ERR_NOMEM;
		} else if (c == '\\' ? ng_buf_adds(b, "\\\\") : ng_buf_printf(b, "\\x%02X", c)) {
			return NG_ERR_NOMEM;
		}
		i += k;
	}
	return NG_OK;
}
