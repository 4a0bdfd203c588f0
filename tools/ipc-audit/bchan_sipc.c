// SPDX-License-Identifier: GPL-2.0-only
/*
 * bchan_sipc.c - the receiver-to-sender channels of a SIPC channel
 * (issue 14's table), each with the best encoder found so far: the
 * table, the helpers they share (bchan_sipc.h) and the queue's own
 * channels; page-mapping state and counters are in bchan_mem.c, the
 * commands' metadata in bchan_meta.c.  Channel 1 of the run (bc_name) is
 * the one measured; the clock is channel 0.
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
#include "bchan_sipc.h"
#include "sipc_raw.h"

/* Channel K's name, or the name of R's J-th own channel (K = 100 + J). */
void sc_nm(const struct bctx *c, int k, char *buf)
{
	bc_name(c, k, buf, SIPC_NAME_MAX);
}

int sc_attach1(struct bctx *c, unsigned long cmd)
{
	char n[SIPC_NAME_MAX];

	sc_nm(c, 1, n);
	return sipc_raw_ref(cmd, n, 0);
}

int sc_msg(int fd, unsigned long cmd)
{
	struct sipc_msg m = { .size = sizeof(m), .type = SIPC_MSG_NOOP,
			      .flags = SIPC_MSG_F_NONBLOCK };

	return ioctl(fd, cmd, &m) ? -errno : 0;
}

/* Non-blocking SENDs until the queue is full: how many went in, or -errno. */
int sc_fill(int fd)
{
	int n = 0, err;

	while (!(err = sc_msg(fd, SIPC_IOC_SEND)))
		n++;
	return err == -EAGAIN ? n : err;
}

int sc_take(int fd, int n)
{
	int i, err;

	for (i = 0; i < n; i++)
		if ((err = sc_msg(fd, SIPC_IOC_RECV)))
			return err;
	return 0;
}

/* ---- helpers: channel 1 with the layout each test needs ---- */

static int h_map(struct bctx *c) { char n[SIPC_NAME_MAX]; sc_nm(c, 1, n); return sipc_raw_create(n, MAP_PAGES, 1, 0); }
static int h_mem(struct bctx *c) { char n[SIPC_NAME_MAX]; sc_nm(c, 1, n); return sipc_raw_create(n, MEM_PAGES, 1, 0); }
static int h_d1(struct bctx *c) { char n[SIPC_NAME_MAX]; sc_nm(c, 1, n); return sipc_raw_create(n, 1, 1, 0); }
static int h_d8(struct bctx *c) { char n[SIPC_NAME_MAX]; sc_nm(c, 1, n); return sipc_raw_create(n, 1, 8, 0); }
static int h_s9(struct bctx *c) { char n[SIPC_NAME_MAX]; sc_nm(c, 1, n); return sipc_raw_create(n, 9, 8, 9); }

static void cl_all(struct bctx *c)
{
	char n[SIPC_NAME_MAX];
	int j;

	sc_nm(c, 1, n);
	sipc_raw_ref(SIPC_IOC_DESTROY, n, SIPC_DESTROY_REVOKE);
	for (j = 0; j < 4; j++) {
		sc_nm(c, 100 + j, n);
		sipc_raw_ref(SIPC_IOC_DESTROY, n, SIPC_DESTROY_REVOKE);
	}
}

/* ---- S and R endpoints on channel 1 ---- */

int sc_s_ep(struct bctx *c)
{
	c->step = "attach sender";
	c->fd[0] = sc_attach1(c, SIPC_IOC_ATTACH_SENDER);
	return c->fd[0] < 0 ? c->fd[0] : 0;
}

int sc_s_ep_fill(struct bctx *c)
{
	int err = sc_s_ep(c);

	c->step = "fill";
	return err ? err : (sc_fill(c->fd[0]) < 0 ? -EPROTO : 0);
}

int sc_r_ep(struct bctx *c)
{
	c->step = "attach receiver";
	c->fd[1] = sc_attach1(c, SIPC_IOC_ATTACH_RECEIVER);
	return c->fd[1] < 0 ? c->fd[1] : 0;
}

/* A running hash of observed words, as a double (52 bits) */
double sc_fold(double h, uint64_t v)
{
	uint64_t x = (uint64_t)h ^ v;

	x *= 0x100000001b3ull;
	x ^= x >> 29;
	return (double)(x >> 12);
}


/* ---- the queue ---- */

static int take_enc(struct bctx *c, int x)
{
	return sc_take(c->fd[1], x);
}

static int count_obs(struct bctx *c, double *y)
{
	int n = sc_fill(c->fd[0]);

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
	int err = sc_s_ep(c);

	if (err)
		return err;
	c->v[0] = now_us();
	return sc_msg(c->fd[0], SIPC_IOC_SEND);
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
	return sc_msg(c->fd[1], SIPC_IOC_RECV);
}

/* S: poll with non-blocking SEND; the symbol is the time since the last */
static int hold_obs(struct bctx *c, double *y)
{
	int err;
	long t;

	while ((err = sc_msg(c->fd[0], SIPC_IOC_SEND)) == -EAGAIN)
		sched_yield();
	t = now_us();
	*y = t - c->v[0];
	c->v[0] = t;
	return err;
}

#define SC(...) { .clock = CLK_SIPC, .env_only = "guest", .needs = SIPC_DEVICE_PATH, \
		  .cleanup = cl_all, __VA_ARGS__ }

const struct bchan bchans_sipc[] = {
	SC(.name = "pagemap", .what = "S's /proc/self/pagemap entries for its region mapping",
	   .levels = 16, .helper = h_map, .s_init = sc_s_map, .r_init = sc_r_ep, .r_enc = sc_map_enc,
	   .s_obs = sc_pagemap_obs),
	SC(.name = "smaps", .what = "S's /proc/self/smaps fields for its region mapping",
	   .levels = 16, .helper = h_map, .s_init = sc_s_map, .r_init = sc_r_ep, .r_enc = sc_map_enc,
	   .s_obs = sc_smaps_obs),
	SC(.name = "mincore", .what = "mincore() of S's region mapping",
	   .levels = 16, .helper = h_map, .s_init = sc_s_map, .r_init = sc_r_ep, .r_enc = sc_map_enc,
	   .s_obs = sc_mincore_obs),
	SC(.name = "meminfo-mapped", .what = "/proc/meminfo Mapped (R maps 0..3 x 32 pages)",
	   .levels = 4, .helper = h_mem, .r_init = sc_r_ep, .r_enc = sc_mem_enc, .s_obs = sc_meminfo_obs),
	SC(.name = "vmstat-mapped", .what = "/proc/vmstat nr_mapped (R maps 0..3 x 32 pages)",
	   .levels = 4, .helper = h_mem, .r_init = sc_r_ep, .r_enc = sc_mem_enc, .s_obs = sc_vmstat_obs),
	SC(.name = "refcount", .what = REFCNT " (R holds 0..3 /dev/sipc descriptors)",
	   .levels = 4, .r_enc = sc_ref_enc, .s_obs = sc_ref_obs, .needs = REFCNT),
	SC(.name = "free-slots", .what = "S's non-blocking SENDs until EAGAIN (depth 8, 9 slots)",
	   .levels = 9, .helper = h_s9, .s_init = sc_s_ep_fill, .r_init = sc_r_ep, .r_enc = take_enc,
	   .s_obs = count_obs),
	SC(.name = "queue-state", .what = "full or not: S's non-blocking SEND (depth 1)",
	   .levels = 2, .helper = h_d1, .s_init = sc_s_ep_fill, .r_init = sc_r_ep, .r_enc = take_enc,
	   .s_obs = count_obs),
	SC(.name = "hold-time", .what = "R holds each message 0..3 units; S polls with non-blocking SEND",
	   .levels = 4, .clock = CLK_SELF, .helper = h_d1, .s_init = hold_s_init, .r_init = sc_r_ep,
	   .r_enc = hold_enc, .s_obs = hold_obs),
	SC(.name = "info-queue_len", .what = "SIPC_IOC_INFO queue_len (depth 8 kept full; R takes 0..3)",
	   .levels = 4, .helper = h_d8, .s_init = sc_info_s_init, .r_init = sc_r_ep, .r_enc = take_enc,
	   .s_obs = sc_qlen_obs),
	SC(.name = "info-msgs_received", .what = "SIPC_IOC_INFO msgs_received, as a difference",
	   .levels = 4, .helper = h_d8, .s_init = sc_info_s_init, .r_init = sc_r_ep, .r_enc = take_enc,
	   .s_obs = sc_recvd_obs),
	SC(.name = "ep-info", .what = "SIPC_IOC_EP_INFO on S's endpoint (depth 8 kept full; R takes 0..3)",
	   .levels = 4, .helper = h_d8, .s_init = sc_s_ep_fill, .r_init = sc_r_ep, .r_enc = take_enc,
	   .s_obs = sc_epinfo_obs),
	SC(.name = "info-state", .what = "SIPC_IOC_INFO state (R holds the receiver role or not)",
	   .levels = 2, .helper = h_d1, .s_init = sc_info_s_init, .r_enc = sc_role_enc,
	   .s_obs = sc_state_obs),
	SC(.name = "list-total", .what = "SIPC_IOC_LIST total (R owns 0..3 channels)",
	   .levels = 4, .s_init = sc_list_s_init, .r_enc = sc_list_enc, .s_obs = sc_list_obs),
	SC(.name = "create-attach", .what = "R creates a name or not; S's ATTACH_SENDER on it",
	   .levels = 2, .r_enc = sc_exist_enc, .s_obs = sc_exist_obs),
	SC(.name = "destroy", .what = "R destroys (and re-creates) the channel or not; S's SEND",
	   .levels = 2, .helper = h_d1, .s_init = sc_s_ep_fill, .r_enc = sc_destroy_enc,
	   .s_obs = sc_send_obs),
	SC(.name = "revoke", .what = "R revokes the sender role or not; S's SEND",
	   .levels = 2, .helper = h_d1, .s_init = sc_s_ep_fill, .r_enc = sc_revoke_enc,
	   .s_obs = sc_send_obs),
	SC(.name = "attach-busy", .what = "R holds the receiver role or not; S's ATTACH_RECEIVER",
	   .levels = 2, .helper = h_d1, .r_enc = sc_role_enc, .s_obs = sc_busy_obs),
	{ 0 }
};

