// SPDX-License-Identifier: GPL-2.0-only
/*
 * bchan_self.c - channels whose answer is known, so that the measurement
 * itself can fail (bccheck.c asserts them), and the cache channel on the
 * host.
 *
 *   self-leak-fsize  R sets the size of a file it owns to its symbol
 *                    (16 levels), S stat()s it: 4 bits/symbol, noiseless
 *   self-leak-bsc    R sets the size to its bit, S reads it through a
 *                    binary symmetric channel of its own making (flip
 *                    probability 1/8): 1 - h(1/8) = 0.456 bits/symbol
 *   self-silent-const  S stat()s a file of its own that R never touches
 *   self-silent-noise  S reads a bit of its own clock: it changes all the
 *                    time, and nothing R does decides it
 *   cache-flush-reload  (host, x86) Flush+Reload on a read-only shared
 *                    mapping of a file with the page layout of a region:
 *                    R loads the first line of page j for each bit j of
 *                    its 6-bit symbol, S times a load of each page's line
 *                    against a calibrated hit/miss threshold and flushes
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "bchan.h"
#if defined(__x86_64__)
#include <x86intrin.h>
#endif

#define CACHE_PAGES	6

static void fpath(struct bctx *c, const char *what)
{
	snprintf(c->path, sizeof(c->path), "/tmp/ipc-audit-bc-%d-%s", c->tag, what);
}

/* The parent's copy of C never ran fpath(): name the file again. */
#define P_UNLINK(what) \
	static void p_unlink_##what(struct bctx *c) { fpath(c, #what); unlink(c->path); }
P_UNLINK(leak)
P_UNLINK(own)
#if defined(__x86_64__)
P_UNLINK(region)
#endif

static int leak_r_init(struct bctx *c)
{
	fpath(c, "leak");
	c->fd[0] = open(c->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	return c->fd[0] < 0 ? -errno : 0;
}

static int leak_enc(struct bctx *c, int x)
{
	return ftruncate(c->fd[0], x) ? -errno : 0;
}

static int leak_s_init(struct bctx *c)
{
	fpath(c, "leak");
	return 0;
}

static int leak_obs(struct bctx *c, double *y)
{
	struct stat st;

	if (stat(c->path, &st))
		return -errno;
	*y = st.st_size;
	return 0;
}

/* S's own noise: a xorshift the receiver cannot see. */
static int bsc_obs(struct bctx *c, double *y)
{
	uint64_t s = c->v[0] ? (uint64_t)c->v[0] : 0x2545f4914f6cdd1dull;
	int err = leak_obs(c, y);

	s ^= s << 13;
	s ^= s >> 7;
	s ^= s << 17;
	c->v[0] = (long)s;
	if (!err && (s >> 32) % 8 == 0)
		*y = 1 - *y;
	return err;
}

static int const_s_init(struct bctx *c)
{
	fpath(c, "own");
	c->fd[0] = open(c->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	return c->fd[0] < 0 ? -errno : 0;
}

static int nothing(struct bctx *c, int x)
{
	(void)c;
	(void)x;
	return 0;
}

static int noise_obs(struct bctx *c, double *y)
{
	struct timespec ts;

	(void)c;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	*y = (ts.tv_nsec >> 5) & 1;
	return 0;
}

#if defined(__x86_64__)
/* The stand-in region: a file of CACHE_PAGES pages that both map read-only. */
static int fr_helper(struct bctx *c)
{
	char page[4096] = { 1 };
	int fd, i;

	fpath(c, "region");
	fd = open(c->path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		return -errno;
	for (i = 0; i < CACHE_PAGES; i++)
		if (write(fd, page, sizeof(page)) != sizeof(page)) {
			close(fd);
			return -EIO;
		}
	close(fd);
	return 0;
}

static int fr_map(struct bctx *c)
{
	int fd;

	fpath(c, "region");
	fd = open(c->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	c->mem[0] = mmap(NULL, CACHE_PAGES * 4096, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	return c->mem[0] == MAP_FAILED ? -errno : 0;
}

static void fr_flush(struct bctx *c)
{
	int i;

	for (i = 0; i < CACHE_PAGES; i++)
		_mm_clflush((const char *)c->mem[0] + i * 4096);
	_mm_mfence();
}

static uint64_t load_time(const volatile char *p)
{
	unsigned int aux;
	uint64_t t0, t1;

	_mm_mfence();
	t0 = __rdtscp(&aux);
	(void)*p;
	t1 = __rdtscp(&aux);
	return t1 - t0;
}

/* The hit/miss threshold: half-way between the medians of each. */
static int fr_s_init(struct bctx *c)
{
	uint64_t hit[64], miss[64], t;
	int err = fr_map(c), i, j;
	const volatile char *p;

	if (err)
		return err;
	p = c->mem[0];
	for (i = 0; i < 64; i++) {
		(void)*p;
		hit[i] = load_time(p);
		fr_flush(c);
		miss[i] = load_time(p);
	}
	for (i = 0; i < 64; i++)
		for (j = i + 1; j < 64; j++) {
			if (hit[j] < hit[i])
				t = hit[i], hit[i] = hit[j], hit[j] = t;
			if (miss[j] < miss[i])
				t = miss[i], miss[i] = miss[j], miss[j] = t;
		}
	c->v[0] = (long)(hit[32] + miss[32]) / 2;
	fr_flush(c);
	return 0;
}

/* R: the lines of the pages whose bit is set in x */
static int fr_enc(struct bctx *c, int x)
{
	int j;

	for (j = 0; j < CACHE_PAGES; j++)
		if (x >> j & 1)
			(void)*(volatile const char *)((const char *)c->mem[0] + j * 4096);
	return 0;
}

/* S: which lines are cached (each timed once), then flush them all */
static int fr_obs(struct bctx *c, double *y)
{
	int j, v = 0;

	for (j = 0; j < CACHE_PAGES; j++)
		if (load_time((const char *)c->mem[0] + j * 4096) < (uint64_t)c->v[0])
			v |= 1 << j;
	fr_flush(c);
	*y = v;
	return 0;
}
#endif

const struct bchan bchans_self[] = {
	{ .name = "self-leak-fsize", .what = "R: ftruncate(own file, symbol); S: stat size",
	  .levels = 16, .clock = CLK_PIPE, .dac_only = 1, .known = 4,
	  .r_init = leak_r_init, .r_enc = leak_enc, .s_init = leak_s_init, .s_obs = leak_obs,
	  .p_cleanup = p_unlink_leak },
	{ .name = "self-leak-bsc", .what = "as self-leak-fsize, 1 bit, S flips 1 in 8",
	  .levels = 2, .clock = CLK_PIPE, .dac_only = 1, .known = 0.45644,
	  .r_init = leak_r_init, .r_enc = leak_enc, .s_init = leak_s_init, .s_obs = bsc_obs,
	  .p_cleanup = p_unlink_leak },
	{ .name = "self-silent-const", .what = "S: stat of its own file R never touches",
	  .levels = 4, .clock = CLK_PIPE, .dac_only = 1,
	  .r_enc = nothing, .s_init = const_s_init, .s_obs = leak_obs, .p_cleanup = p_unlink_own },
	/*
	 * Noisy and independent: its bound in bit/s falls with the time
	 * observed, not the count, so on an idle machine (40k symbols/s) the
	 * six looks from 2,000 symbols end at 1.6 s and 3.9 bit/s; start
	 * from 16 times as many.
	 */
	{ .name = "self-silent-noise", .what = "S: a bit of its own clock (noisy, independent)",
	  .levels = 2, .clock = CLK_PIPE, .dac_only = 1, .time_scale = 3, .sym_scale = 16,
	  .r_enc = nothing, .s_obs = noise_obs },
#if defined(__x86_64__)
	{ .name = "cache-flush-reload",
	  .what = "R loads the lines of the pages of x's bits (read-only shared mapping); S times each",
	  .levels = 1 << CACHE_PAGES, .clock = CLK_PIPE, .env_only = "host",
	  .helper = fr_helper, .r_init = fr_map, .r_enc = fr_enc, .s_init = fr_s_init,
	  .s_obs = fr_obs, .p_cleanup = p_unlink_region },
#endif
	{ 0 }
};
