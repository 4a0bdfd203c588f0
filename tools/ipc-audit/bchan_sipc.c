// SPDX-License-Identifier: GPL-2.0-only
/*
 * bchan_sipc.c - the receiver-to-sender channels of a SIPC channel
 * (issue 14's table), each with the best encoder found so far.  Channel 1
 * of the run (bc_name) is the one measured; the clock is channel 0.
 *
 *   pagemap, smaps, mincore  R maps its side of a 4-page region afresh and
 *            reads the pages of its symbol's bits (16 levels); S reads its
 *            own mapping's /proc/self/pagemap entries, smaps fields, mincore
 *   meminfo-mapped, vmstat-mapped  R maps a 32-page region 0..3 times and
 *            touches it all; S reads Mapped / nr_mapped
 *   refcount R holds 0..3 extra /dev/sipc descriptors; S reads
 *            /sys/module/sipc/refcnt
 *   free-slots  depth-8, 9-slot channel kept full by S: R takes 0..8
 *            messages, S counts its non-blocking SENDs until EAGAIN
 *   queue-state depth 1: R takes the message or not; S's non-blocking SEND
 *   hold-time R holds each message for one of 4 durations; S polls with
 *            non-blocking SEND (its own clock: no channel 0)
 *   info-queue_len, info-msgs_received  depth 8 kept full: R takes 0..3,
 *            S reads that one INFO field (msgs_received as a difference)
 *   ep-info  the same encoder; S reads EP_INFO on its own endpoint
 *   info-state  R holds the receiver role or not; S reads INFO state
 *   list-total  R creates channels so that 0..3 of its own exist; S
 *            reads LIST's total
 *   create-attach  R creates a name or destroys it; S tries ATTACH_SENDER
 *   destroy  R destroys (and re-creates) the channel or not; S's SEND
 *   revoke   R revokes the sender role or not; S's SEND
 *   attach-busy  R holds the receiver role or not; S tries ATTACH_RECEIVER
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include <linux/sipc.h>
#include "bchan.h"
#include "sipc_raw.h"
#include "util.h"

#define PG		4096
#define MAP_PAGES	4
#define MEM_PAGES	32
#define REFCNT		"/sys/module/sipc/refcnt"

/* Channel K's name, or the name of R's J-th own channel (K = 100 + J). */
static void nm(const struct bctx *c, int k, char *buf)
{
	bc_name(c, k, buf, SIPC_NAME_MAX);
}

static int attach1(struct bctx *c, unsigned long cmd)
{
	char n[SIPC_NAME_MAX];

	nm(c, 1, n);
	return sipc_raw_ref(cmd, n, 0);
}

static int msg(int fd, unsigned long cmd)
{
	struct sipc_msg m = { .size = sizeof(m), .type = SIPC_MSG_NOOP,
			      .flags = SIPC_MSG_F_NONBLOCK };

	return ioctl(fd, cmd, &m) ? -errno : 0;
}

/* Non-blocking SENDs until the queue is full: how many went in, or -errno. */
static int fill(int fd)
{
	int n = 0, err;

	while (!(err = msg(fd, SIPC_IOC_SEND)))
		n++;
	return err == -EAGAIN ? n : err;
}

static int take(int fd, int n)
{
	int i, err;

	for (i = 0; i < n; i++)
		if ((err = msg(fd, SIPC_IOC_RECV)))
			return err;
	return 0;
}

/* ---- helpers: channel 1 with the layout each test needs ---- */

static int h_map(struct bctx *c) { char n[SIPC_NAME_MAX]; nm(c, 1, n); return sipc_raw_create(n, MAP_PAGES, 1, 0); }
static int h_mem(struct bctx *c) { char n[SIPC_NAME_MAX]; nm(c, 1, n); return sipc_raw_create(n, MEM_PAGES, 1, 0); }
static int h_d1(struct bctx *c) { char n[SIPC_NAME_MAX]; nm(c, 1, n); return sipc_raw_create(n, 1, 1, 0); }
static int h_d8(struct bctx *c) { char n[SIPC_NAME_MAX]; nm(c, 1, n); return sipc_raw_create(n, 1, 8, 0); }
static int h_s9(struct bctx *c) { char n[SIPC_NAME_MAX]; nm(c, 1, n); return sipc_raw_create(n, 9, 8, 9); }

static void cl_all(struct bctx *c)
{
	char n[SIPC_NAME_MAX];
	int j;

	nm(c, 1, n);
	sipc_raw_ref(SIPC_IOC_DESTROY, n, SIPC_DESTROY_REVOKE);
	for (j = 0; j < 4; j++) {
		nm(c, 100 + j, n);
		sipc_raw_ref(SIPC_IOC_DESTROY, n, SIPC_DESTROY_REVOKE);
	}
}

/* ---- S and R endpoints on channel 1 ---- */

static int s_ep(struct bctx *c)
{
	c->step = "attach sender";
	c->fd[0] = attach1(c, SIPC_IOC_ATTACH_SENDER);
	return c->fd[0] < 0 ? c->fd[0] : 0;
}

static int s_ep_fill(struct bctx *c)
{
	int err = s_ep(c);

	c->step = "fill";
	return err ? err : (fill(c->fd[0]) < 0 ? -EPROTO : 0);
}

static int r_ep(struct bctx *c)
{
	c->step = "attach receiver";
	c->fd[1] = attach1(c, SIPC_IOC_ATTACH_RECEIVER);
	return c->fd[1] < 0 ? c->fd[1] : 0;
}

/* ---- page-mapping state ---- */

static int s_map(struct bctx *c)
{
	int err = s_ep(c), i;

	if (err)
		return err;
	c->memsz = MAP_PAGES * PG;
	c->step = "mmap";
	c->mem[0] = mmap(NULL, c->memsz, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd[0], 0);
	if (c->mem[0] == MAP_FAILED)
		return -errno;
	for (i = 0; i < MAP_PAGES; i++)
		((volatile char *)c->mem[0])[i * PG] = 1;
	c->step = "open /proc/self/pagemap";
	c->fd[2] = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	return c->fd[2] < 0 ? -errno : 0;
}

/* R: a fresh mapping of its side, page j read iff bit j of x */
static int map_enc(struct bctx *c, int x)
{
	int j;

	if (c->mem[0])
		munmap(c->mem[0], MAP_PAGES * PG);
	c->mem[0] = mmap(NULL, MAP_PAGES * PG, PROT_READ, MAP_SHARED, c->fd[1], 0);
	if (c->mem[0] == MAP_FAILED) {
		c->mem[0] = NULL;
		return -errno;
	}
	for (j = 0; j < MAP_PAGES; j++)
		if (x >> j & 1)
			(void)((volatile const char *)c->mem[0])[j * PG];
	return 0;
}

static double fold(double h, uint64_t v)
{
	uint64_t x = (uint64_t)h ^ v;

	x *= 0x100000001b3ull;
	x ^= x >> 29;
	return (double)(x >> 12);
}

static int pagemap_obs(struct bctx *c, double *y)
{
	uint64_t e[MAP_PAGES];
	off_t off = (uintptr_t)c->mem[0] / PG * sizeof(uint64_t);
	int j;

	if (pread(c->fd[2], e, sizeof(e), off) != sizeof(e))
		return -errno ? -errno : -EIO;
	*y = 0;
	for (j = 0; j < MAP_PAGES; j++)
		*y = fold(*y, e[j]);
	return 0;
}

static int smaps_obs(struct bctx *c, double *y)
{
	char line[256], want[32];
	int in = 0, found = 0;
	FILE *f = fopen("/proc/self/smaps", "re");

	if (!f)
		return -errno;
	snprintf(want, sizeof(want), "%lx-", (unsigned long)(uintptr_t)c->mem[0]);
	*y = 0;
	while (fgets(line, sizeof(line), f)) {
		/* field lines start "Name:", VMA headers "start-end perms ..." */
		const char *sp = strchr(line, ' ');
		int hdr = sp && sp > line && sp[-1] != ':';

		if (!strncmp(line, want, strlen(want))) {
			in = found = 1;
			continue;
		}
		if (in && hdr)
			break;
		if (in) {
			const char *p;
			uint64_t h = 0;

			for (p = line; *p; p++)
				h = (h ^ (uint8_t)*p) * 0x100000001b3ull;
			*y = fold(*y, h);
		}
	}
	fclose(f);
	return found ? 0 : -ENOENT;
}

static int mincore_obs(struct bctx *c, double *y)
{
	unsigned char v[MAP_PAGES];
	int j;

	if (mincore(c->mem[0], MAP_PAGES * PG, v))
		return -errno;
	*y = 0;
	for (j = 0; j < MAP_PAGES; j++)
		*y = *y * 2 + (v[j] & 1);
	return 0;
}

/* ---- system-wide counters ---- */

/* R: x whole mappings of the 32-page region, every page touched */
static int mem_enc(struct bctx *c, int x)
{
	int k, j;

	for (k = 0; k < 3; k++)
		if (c->mem[k]) {
			munmap(c->mem[k], MEM_PAGES * PG);
			c->mem[k] = NULL;
		}
	for (k = 0; k < x; k++) {
		c->mem[k] = mmap(NULL, MEM_PAGES * PG, PROT_READ, MAP_SHARED, c->fd[1], 0);
		if (c->mem[k] == MAP_FAILED) {
			c->mem[k] = NULL;
			return -errno;
		}
		for (j = 0; j < MEM_PAGES; j++)
			(void)((volatile const char *)c->mem[k])[j * PG];
	}
	return 0;
}

static int read_key(const char *path, const char *key, double *y)
{
	char line[160];
	size_t kl = strlen(key);
	FILE *f = fopen(path, "re");
	int err = -ENOENT;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, kl)) {
			*y = strtod(line + kl, NULL);
			err = 0;
			break;
		}
	fclose(f);
	return err;
}

static int meminfo_obs(struct bctx *c, double *y)
{
	(void)c;
	return read_key("/proc/meminfo", "Mapped:", y);
}

static int vmstat_obs(struct bctx *c, double *y)
{
	(void)c;
	return read_key("/proc/vmstat", "nr_mapped ", y);
}

/* ---- the module's reference count ---- */

static int ref_enc(struct bctx *c, int x)
{
	int k;

	for (k = 0; k < 3; k++) {
		if (k < x && c->fd[4 + k] <= 0) {
			c->fd[4 + k] = bc_dev();
			if (c->fd[4 + k] < 0) {
				int err = c->fd[4 + k];

				c->fd[4 + k] = 0;
				return err;
			}
		} else if (k >= x && c->fd[4 + k] > 0) {
			close(c->fd[4 + k]);
			c->fd[4 + k] = 0;
		}
	}
	return 0;
}

static int ref_obs(struct bctx *c, double *y)
{
	(void)c;
	return read_key(REFCNT, "", y);
}

/* ---- the queue ---- */

static int take_enc(struct bctx *c, int x)
{
	return take(c->fd[1], x);
}

static int count_obs(struct bctx *c, double *y)
{
	int n = fill(c->fd[0]);

	if (n < 0)
		return n;
	*y = n;
	return 0;
}

static long now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000L + ts.tv_nsec / 1000;
}

static int hold_unit(const struct bctx *c)
{
	/* TCG's scheduling jitter is around a millisecond */
	return strcmp(c->o->env, "guest") ? 25 : 1000;
}

static int hold_s_init(struct bctx *c)
{
	int err = s_ep(c);

	if (err)
		return err;
	c->v[0] = now_us();
	return msg(c->fd[0], SIPC_IOC_SEND);
}

/* R: wait for the message, hold it for x units, take it */
static int hold_enc(struct bctx *c, int x)
{
	struct pollfd p = { .fd = c->fd[1], .events = POLLIN };
	unsigned int k;
	long end;
	int r;

	/* spin, as the clock does (bchan.c) */
	for (k = 1;; k++) {
		r = poll(&p, 1, 0);
		if (r < 0)
			return -errno;
		if (r > 0)
			break;
		if (k % 4096 == 0 && getppid() == 1)
			return -ECANCELED;
	}
	end = now_us() + (long)x * hold_unit(c);
	while (now_us() < end)
		;
	return msg(c->fd[1], SIPC_IOC_RECV);
}

/* S: poll with non-blocking SEND; the symbol is the time since the last */
static int hold_obs(struct bctx *c, double *y)
{
	int err;
	long t;

	while ((err = msg(c->fd[0], SIPC_IOC_SEND)) == -EAGAIN)
		sched_yield();
	t = now_us();
	*y = t - c->v[0];
	c->v[0] = t;
	return err;
}

/* ---- INFO, one field at a time ---- */

static int info_s_init(struct bctx *c)
{
	int err = s_ep_fill(c);

	if (err)
		return err;
	c->step = "open " SIPC_DEVICE_PATH;
	c->fd[2] = bc_dev();
	return c->fd[2] < 0 ? c->fd[2] : 0;
}

static int info(struct bctx *c, struct sipc_info *in)
{
	memset(in, 0, sizeof(*in));
	in->size = sizeof(*in);
	nm(c, 1, in->name);
	return ioctl(c->fd[2], SIPC_IOC_INFO, in) ? -errno : 0;
}

static int qlen_obs(struct bctx *c, double *y)
{
	struct sipc_info in;
	int err = info(c, &in);

	if (!err)
		*y = in.queue_len;
	fill(c->fd[0]);
	return err;
}

static int recvd_obs(struct bctx *c, double *y)
{
	struct sipc_info in;
	int err = info(c, &in);

	if (!err) {
		*y = (double)(in.msgs_received - (uint64_t)c->v[0]);
		c->v[0] = (long)in.msgs_received;
	}
	fill(c->fd[0]);
	return err;
}

/* R holds the receiver role iff x == 0 */
static int role_enc(struct bctx *c, int x)
{
	if (x && c->fd[1] > 0) {
		close(c->fd[1]);
		c->fd[1] = 0;
	} else if (!x && c->fd[1] <= 0) {
		int err = r_ep(c);

		if (err) {
			c->fd[1] = 0;
			return err;
		}
	}
	return 0;
}

static int state_obs(struct bctx *c, double *y)
{
	struct sipc_info in;
	int err = info(c, &in);

	if (!err)
		*y = in.state;
	return err;
}

/* EP_INFO on S's own endpoint: every byte of the answer */
static int epinfo_obs(struct bctx *c, double *y)
{
	struct sipc_ep_info e = { .size = sizeof(e) };
	const unsigned char *p = (const unsigned char *)&e;
	size_t j;

	if (ioctl(c->fd[0], SIPC_IOC_EP_INFO, &e))
		return -errno;
	*y = 0;
	for (j = 0; j < sizeof(e); j++)
		*y = fold(*y, p[j]);
	fill(c->fd[0]);
	return 0;
}

/* ---- LIST, CREATE, DESTROY, REVOKE, ATTACH ---- */

static int list_s_init(struct bctx *c)
{
	c->fd[2] = bc_dev();
	return c->fd[2] < 0 ? c->fd[2] : 0;
}

/* R: create or destroy its own channels until x of them exist */
static int list_enc(struct bctx *c, int x)
{
	char n[SIPC_NAME_MAX];
	int err;

	while (c->v[0] < x) {
		nm(c, 100 + (int)c->v[0], n);
		if ((err = sipc_raw_create(n, 1, 1, 0)))
			return err;
		c->v[0]++;
	}
	while (c->v[0] > x) {
		nm(c, 100 + (int)c->v[0] - 1, n);
		if ((err = sipc_raw_ref(SIPC_IOC_DESTROY, n, 0)) < 0)
			return err;
		c->v[0]--;
	}
	return 0;
}

static int list_obs(struct bctx *c, double *y)
{
	struct sipc_list l = { .size = sizeof(l) };

	if (ioctl(c->fd[2], SIPC_IOC_LIST, &l))
		return -errno;
	*y = l.total;
	return 0;
}

static int exist_enc(struct bctx *c, int x)
{
	return list_enc(c, x);
}

/* S: ATTACH_SENDER on R's name: 1 attached, 0 ENOENT, else 10 + errno */
static int exist_obs(struct bctx *c, double *y)
{
	char n[SIPC_NAME_MAX];
	int fd;

	nm(c, 100, n);
	fd = sipc_raw_ref(SIPC_IOC_ATTACH_SENDER, n, 0);
	if (fd >= 0)
		close(fd);
	*y = fd >= 0 ? 1 : fd == -ENOENT ? 0 : 10 - fd;
	return fd == -EACCES || fd == -EPERM ? fd : 0;
}

static int destroy_enc(struct bctx *c, int x)
{
	char n[SIPC_NAME_MAX];
	int err;

	if (!x)
		return 0;
	nm(c, 1, n);
	err = sipc_raw_ref(SIPC_IOC_DESTROY, n, 0);
	if (err < 0)
		return err;
	err = sipc_raw_create(n, 1, 1, 0);
	if (err)
		return err;
	return 0;
}

static int revoke_enc(struct bctx *c, int x)
{
	char n[SIPC_NAME_MAX];
	int err;

	if (!x)
		return 0;
	nm(c, 1, n);
	err = sipc_raw_ref(SIPC_IOC_REVOKE, n, SIPC_REVOKE_SENDER);
	return err < 0 ? err : 0;
}

/* S: SEND's result; a lost endpoint is replaced (and the queue refilled) */
static int send_obs(struct bctx *c, double *y)
{
	int err = msg(c->fd[0], SIPC_IOC_SEND);

	*y = -err;
	if (err && err != -EAGAIN) {
		close(c->fd[0]);
		if (!s_ep(c))
			fill(c->fd[0]);
	}
	return 0;
}

static int busy_obs(struct bctx *c, double *y)
{
	int fd = attach1(c, SIPC_IOC_ATTACH_RECEIVER);

	if (fd >= 0)
		close(fd);
	*y = fd >= 0 ? 0 : -fd;
	return fd == -EACCES || fd == -EPERM ? fd : 0;
}

#define SC(...) { .clock = CLK_SIPC, .env_only = "guest", .needs = SIPC_DEVICE_PATH, \
		  .cleanup = cl_all, __VA_ARGS__ }

const struct bchan bchans_sipc[] = {
	SC(.name = "pagemap", .what = "S's /proc/self/pagemap entries for its region mapping",
	   .levels = 16, .helper = h_map, .s_init = s_map, .r_init = r_ep, .r_enc = map_enc,
	   .s_obs = pagemap_obs),
	SC(.name = "smaps", .what = "S's /proc/self/smaps fields for its region mapping",
	   .levels = 16, .helper = h_map, .s_init = s_map, .r_init = r_ep, .r_enc = map_enc,
	   .s_obs = smaps_obs),
	SC(.name = "mincore", .what = "mincore() of S's region mapping",
	   .levels = 16, .helper = h_map, .s_init = s_map, .r_init = r_ep, .r_enc = map_enc,
	   .s_obs = mincore_obs),
	SC(.name = "meminfo-mapped", .what = "/proc/meminfo Mapped (R maps 0..3 x 32 pages)",
	   .levels = 4, .helper = h_mem, .r_init = r_ep, .r_enc = mem_enc, .s_obs = meminfo_obs),
	SC(.name = "vmstat-mapped", .what = "/proc/vmstat nr_mapped (R maps 0..3 x 32 pages)",
	   .levels = 4, .helper = h_mem, .r_init = r_ep, .r_enc = mem_enc, .s_obs = vmstat_obs),
	SC(.name = "refcount", .what = REFCNT " (R holds 0..3 /dev/sipc descriptors)",
	   .levels = 4, .r_enc = ref_enc, .s_obs = ref_obs, .needs = REFCNT),
	SC(.name = "free-slots", .what = "S's non-blocking SENDs until EAGAIN (depth 8, 9 slots)",
	   .levels = 9, .helper = h_s9, .s_init = s_ep_fill, .r_init = r_ep, .r_enc = take_enc,
	   .s_obs = count_obs),
	SC(.name = "queue-state", .what = "full or not: S's non-blocking SEND (depth 1)",
	   .levels = 2, .helper = h_d1, .s_init = s_ep_fill, .r_init = r_ep, .r_enc = take_enc,
	   .s_obs = count_obs),
	SC(.name = "hold-time", .what = "R holds each message 0..3 units; S polls with non-blocking SEND",
	   .levels = 4, .clock = CLK_SELF, .helper = h_d1, .s_init = hold_s_init, .r_init = r_ep,
	   .r_enc = hold_enc, .s_obs = hold_obs),
	SC(.name = "info-queue_len", .what = "SIPC_IOC_INFO queue_len (depth 8 kept full; R takes 0..3)",
	   .levels = 4, .helper = h_d8, .s_init = info_s_init, .r_init = r_ep, .r_enc = take_enc,
	   .s_obs = qlen_obs),
	SC(.name = "info-msgs_received", .what = "SIPC_IOC_INFO msgs_received, as a difference",
	   .levels = 4, .helper = h_d8, .s_init = info_s_init, .r_init = r_ep, .r_enc = take_enc,
	   .s_obs = recvd_obs),
	SC(.name = "ep-info", .what = "SIPC_IOC_EP_INFO on S's endpoint (depth 8 kept full; R takes 0..3)",
	   .levels = 4, .helper = h_d8, .s_init = s_ep_fill, .r_init = r_ep, .r_enc = take_enc,
	   .s_obs = epinfo_obs),
	SC(.name = "info-state", .what = "SIPC_IOC_INFO state (R holds the receiver role or not)",
	   .levels = 2, .helper = h_d1, .s_init = info_s_init, .r_enc = role_enc,
	   .s_obs = state_obs),
	SC(.name = "list-total", .what = "SIPC_IOC_LIST total (R owns 0..3 channels)",
	   .levels = 4, .s_init = list_s_init, .r_enc = list_enc, .s_obs = list_obs),
	SC(.name = "create-attach", .what = "R creates a name or not; S's ATTACH_SENDER on it",
	   .levels = 2, .r_enc = exist_enc, .s_obs = exist_obs),
	SC(.name = "destroy", .what = "R destroys (and re-creates) the channel or not; S's SEND",
	   .levels = 2, .helper = h_d1, .s_init = s_ep_fill, .r_enc = destroy_enc,
	   .s_obs = send_obs),
	SC(.name = "revoke", .what = "R revokes the sender role or not; S's SEND",
	   .levels = 2, .helper = h_d1, .s_init = s_ep_fill, .r_enc = revoke_enc,
	   .s_obs = send_obs),
	SC(.name = "attach-busy", .what = "R holds the receiver role or not; S's ATTACH_RECEIVER",
	   .levels = 2, .helper = h_d1, .r_enc = role_enc, .s_obs = busy_obs),
	{ 0 }
};
