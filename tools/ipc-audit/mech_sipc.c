// SPDX-License-Identifier: GPL-2.0-only
/*
 * mech_sipc.c - SIPC: the kernel backend through raw ioctls on /dev/sipc
 * (so that every route the library would hide is tried), and the sysv
 * backend through libsipc.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <unistd.h>
#include <linux/sipc.h>
#include <sipc.h>
#include "qchan.h"
#include "sipc_raw.h"
#include "util.h"

#define PG 4096

static void chname(struct ctx *c, char *buf, int i)
{
	if (i < 0)
		snprintf(buf, SIPC_NAME_MAX, "ipc-audit-%d", c->tag);
	else
		snprintf(buf, SIPC_NAME_MAX, "ipc-audit-%d-b%d", c->tag, i);
}

static int dev_open(void)
{
	return sipc_raw_dev();
}

static int k_create(const char *name, unsigned int depth, unsigned int slots)
{
	return sipc_raw_create(name, slots ? slots : 1, depth, slots);
}

static int k_ref(unsigned long cmd, const char *name, unsigned int flags)
{
	return sipc_raw_ref(cmd, name, flags);
}

static int helper_d(struct ctx *c, unsigned depth, unsigned slots)
{
	char n[SIPC_NAME_MAX];

	chname(c, n, -1);
	return k_create(n, depth, slots);
}

static int helper_1(struct ctx *c) { return helper_d(c, 1, 0); }
static int helper_8(struct ctx *c) { return helper_d(c, 8, 0); }
static int helper_s4(struct ctx *c) { return helper_d(c, 0, 4); }

static void p_destroy(struct ctx *c)
{
	char n[SIPC_NAME_MAX];
	int i;

	chname(c, n, -1);
	k_ref(SIPC_IOC_DESTROY, n, 0);
	for (i = 0; i < c->nbits; i++) {
		chname(c, n, i);
		k_ref(SIPC_IOC_DESTROY, n, 0);
	}
}

static int attach(struct ctx *c, unsigned long cmd)
{
	char n[SIPC_NAME_MAX];

	chname(c, n, -1);
	return k_ref(cmd, n, 0);
}

static int k_make(struct ctx *c, int k)
{
	(void)k;
	c->fd[0] = attach(c, SIPC_IOC_ATTACH_SENDER);
	if (c->fd[0] < 0)
		return c->fd[0];
	c->mem = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd[0], 0);
	return c->mem == MAP_FAILED ? -errno : 0;
}

static int k_r_reopen(struct ctx *c, int k)
{
	void *m;

	(void)k;
	c->fd[1] = attach(c, SIPC_IOC_ATTACH_RECEIVER);
	if (c->fd[1] < 0)
		return c->fd[1];
	m = mmap(NULL, PG, PROT_READ, MAP_SHARED, c->fd[1], 0);
	if (m == MAP_FAILED)
		return -errno;
	c->id[1] = (long)m;
	return 0;
}

static int k_r_open(struct ctx *c, int k)
{
	close(c->fd[0]);
	munmap(c->mem, PG);
	return k_r_reopen(c, k);
}

static int k_send(int fd, int nb)
{
	struct sipc_msg m = { .size = sizeof(m), .type = SIPC_MSG_NOOP,
			      .flags = nb ? SIPC_MSG_F_NONBLOCK : 0 };

	return ioctl(fd, SIPC_IOC_SEND, &m) ? -errno : (int)sizeof(m);
}

static int k_put(struct ctx *c, int k, size_t len, int nb)
{
	(void)k; (void)len;
	return k_send(c->fd[0], nb);
}

static int k_fill(struct ctx *c)
{
	int n, tot = 0;

	while ((n = k_send(c->fd[0], 1)) > 0)
		tot++;
	return n == -EAGAIN && tot > 0 ? 0 : (n < 0 ? n : -EPROTO);
}

static int k_take(struct ctx *c, int k, int units)
{
	struct sipc_msg m = { .size = sizeof(m), .flags = SIPC_MSG_F_NONBLOCK };
	int got = 0;

	(void)k;
	while ((units < 0 || got < units) && ioctl(c->fd[1], SIPC_IOC_RECV, &m) == 0)
		got++;
	return got;
}

/* meta: the sender asks the device about its own channel */
static int k_meta(struct ctx *c, double *v)
{
	struct sipc_info in = { .size = sizeof(in) };
	int d = dev_open(), r;

	if (d < 0)
		return d;
	chname(c, in.name, -1);
	r = ioctl(d, SIPC_IOC_INFO, &in) ? -errno : 0;
	close(d);
	*v = in.queue_len + 1000.0 * in.msgs_received;
	return r;
}

static int k_pollout(struct ctx *c, double *v)
{
	struct pollfd p = { .fd = c->fd[0], .events = POLLOUT };

	if (poll(&p, 1, 0) < 0)
		return -errno;
	*v = p.revents;
	return 0;
}

static int k_r_close(struct ctx *c, int k)
{
	(void)k;
	munmap((void *)c->id[1], PG);
	close(c->fd[1]);
	return 0;
}

/* writeback: every route from R's endpoint into something S can read */
static int k_back_w(struct ctx *c)
{
	void *w;
	int e1, e2, e3;

	e1 = k_send(c->fd[1], 1);
	e2 = mprotect((void *)c->id[1], PG, PROT_READ | PROT_WRITE) ? -errno : 0;
	w = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd[1], 0);
	e3 = w == MAP_FAILED ? -errno : 0;
	if (e2 == 0)
		((char *)c->id[1])[100] = 1;
	if (e3 == 0) {
		((char *)w)[100] = 1;
		munmap(w, PG);
	}
	return e1 >= 0 || !e2 || !e3 ? 0 : e1;
}

static int k_back_r(struct ctx *c, double *v)
{
	struct sipc_msg m = { .size = sizeof(m), .flags = SIPC_MSG_F_NONBLOCK };
	int got = ioctl(c->fd[0], SIPC_IOC_RECV, &m) == 0;

	*v = ((volatile char *)c->mem)[100] + 2 * got;
	((char *)c->mem)[100] = 0;
	return 0;
}

static int k_mkname(struct ctx *c, int i)
{
	char n[SIPC_NAME_MAX];

	chname(c, n, i);
	return k_create(n, 1, 0);
}

static int k_rmname(struct ctx *c, int i)
{
	char n[SIPC_NAME_MAX];

	chname(c, n, i);
	return k_ref(SIPC_IOC_DESTROY, n, 0) < 0 ? -errno : 0;
}

/* S probes the name by attaching (the one device call it has) */
static int k_probe(struct ctx *c, int i, double *v)
{
	char n[SIPC_NAME_MAX];
	int fd;

	chname(c, n, i);
	fd = k_ref(SIPC_IOC_ATTACH_SENDER, n, 0);
	if (fd >= 0)
		close(fd);
	*v = probe_value(fd < 0 ? fd : 0);
	return 0;
}

static int k_r_attr(struct ctx *c, int bit)
{
	struct timespec ts[2] = { { 1 + bit, 0 }, { 1 + bit, 0 } };

	return futimens(c->fd[1], ts) ? -errno : 0;
}

static int k_s_attr(struct ctx *c, double *v)
{
	struct stat st;

	if (fstat(c->fd[0], &st))
		return -errno;
	*v = st.st_mtime;
	return 0;
}

#define K_COMMON \
	.make = k_make, .r_open = k_r_open, .fill = k_fill, .put = k_put, \
	.take = k_take, .pollout = k_pollout, .needs = SIPC_DEVICE_PATH

const struct qops q_sipc = {
	.mech = "sipc-kernel", .unit = 32, K_COMMON, .helper = helper_1,
	.meta = k_meta, .r_close = k_r_close, .r_reopen = k_r_reopen,
	.r_back = k_back_w, .s_back = k_back_r,
	.r_mkname = k_mkname, .s_probe = k_probe, .r_rmname = k_rmname,
	.r_attr = k_r_attr, .s_attr = k_s_attr, .p_cleanup = p_destroy,
	.meta_what = "SIPC_IOC_INFO by S: queue_len, msgs_received",
	.back_what = "R: SEND on its endpoint, mprotect/mmap its region writable",
	.name_what = "R: SIPC_IOC_CREATE name i; S: ATTACH_SENDER name i",
	.attr_what = "futimens on R's endpoint, fstat on S's",
};

#define K_SAME "as sipc-kernel: depth and slots change only the queue"
const struct qops q_sipc_d8 = {
	.mech = "sipc-kernel-d8", .unit = 32, K_COMMON, .helper = helper_8,
	.p_cleanup = p_destroy,
	.na = { [Q_META] = K_SAME, [Q_HANGUP] = K_SAME, [Q_WRITEBACK] = K_SAME,
		[Q_BITMAP] = K_SAME, [Q_FATTR] = K_SAME },
};

const struct qops q_sipc_s4 = {
	.mech = "sipc-kernel-s4", .unit = 32, K_COMMON, .helper = helper_s4,
	.p_cleanup = p_destroy,
	.na = { [Q_META] = K_SAME, [Q_HANGUP] = K_SAME, [Q_WRITEBACK] = K_SAME,
		[Q_BITMAP] = K_SAME, [Q_FATTR] = K_SAME },
};

/* ---- extra kernel-backend observables ---- */

/* S tries to take the receiver role: EBUSY while R holds it */
static int busy_obs(struct ctx *c, int i, double *v)
{
	int fd = attach(c, SIPC_IOC_ATTACH_RECEIVER);

	(void)i;
	if (fd >= 0)
		close(fd);
	*v = fd >= 0 ? 1 : -fd;
	return 0;
}

static int busy_enc(struct ctx *c, int i, int bit)
{
	(void)i;
	return bit ? k_r_close(c, -1) : 0;
}

static int busy_reset(struct ctx *c, int i, int bit)
{
	(void)i;
	return bit ? k_r_reopen(c, -1) : 0;
}

/* EP_INFO on S's endpoint after R took a message or not */
static int epi_obs(struct ctx *c, int i, double *v)
{
	struct sipc_ep_info e = { .size = sizeof(e) };
	const unsigned char *p = (const unsigned char *)&e;
	size_t j;

	(void)i;
	if (ioctl(c->fd[0], SIPC_IOC_EP_INFO, &e))
		return -errno;
	*v = 0;
	for (j = 0; j < sizeof(e); j++)
		*v = *v * 31 + p[j];
	return 0;
}

static int epi_prep(struct ctx *c, int i) { (void)i; return k_send(c->fd[0], 1) < 0 ? -EAGAIN : 0; }

static int epi_enc(struct ctx *c, int i, int bit)
{
	(void)i;
	return bit ? (k_take(c, -1, 1) == 1 ? 0 : -EAGAIN) : 0;
}

static int epi_reset(struct ctx *c, int i, int bit)
{
	(void)i; (void)bit;
	k_take(c, -1, -1);
	return 0;
}

/* ---- sysv backend, through libsipc ---- */

static void sv_env(const struct ctx *c)
{
	static char dir[200];

	snprintf(dir, sizeof(dir), "%s/reg", c->opts->dir);
	setenv("SIPC_BACKEND", "sysv", 1);
	setenv("SIPC_SYSV_DIR", dir, 1);
}

static int sv_helper(struct ctx *c)
{
	char n[SIPC_NAME_MAX];

	sv_env(c);
	chname(c, n, -1);
	return sipc_create(n, PG, 1);
}

static int sv_setup(struct ctx *c)
{
	char n[SIPC_NAME_MAX];

	sv_env(c);
	chname(c, n, -1);
	c->fd[0] = sipc_open(n, SIPC_ROLE_SENDER);
	return c->fd[0] < 0 ? c->fd[0] : 0;
}

static int sv_r_init(struct ctx *c)
{
	char n[SIPC_NAME_MAX];

	chname(c, n, -1);
	c->fd[1] = sipc_open(n, SIPC_ROLE_RECEIVER);
	return c->fd[1] < 0 ? c->fd[1] : 0;
}

static void sv_cleanup(struct ctx *c)
{
	char n[SIPC_NAME_MAX];
	int i;

	sv_env(c);
	chname(c, n, -1);
	sipc_destroy(n);
	for (i = 0; i < c->nbits; i++) {
		chname(c, n, i);
		sipc_destroy(n);
	}
}

static int sv_blk_enc(struct ctx *c, int i, int bit)
{
	const void *d;
	size_t l;
	int r;

	(void)i;
	r = sipc_next(c->fd[1], &d, &l, 2000);
	if (r < 0)
		return r;
	r_delay(c, bit);
	return sipc_done(c->fd[1], 2000);
}

/* one protocol round: commit, then wait for the receiver's release */
static int sv_blk_obs(struct ctx *c, int i, double *v)
{
	double t = now_s();
	int r = sipc_commit(c->fd[0], 1, 3000);

	(void)i;
	if (r >= 0)
		r = sipc_acquire(c->fd[0], 3000);
	*v = (now_s() - t) * 1e6;
	return r < 0 ? r : 0;
}

static int sv_meta_obs(struct ctx *c, int i, double *v)
{
	char n[SIPC_NAME_MAX];
	struct sipc_stat st;
	int r;

	(void)i;
	chname(c, n, -1);
	r = sipc_stat(n, &st);
	*v = st.queued + 1000.0 * st.attached;
	return r;
}

static int sv_poll_obs(struct ctx *c, int i, double *v)
{
	int fd = sipc_fd(c->fd[0]);
	struct pollfd p = { .fd = fd, .events = POLLOUT };

	(void)i;
	if (fd < 0)
		return fd;
	if (poll(&p, 1, 0) < 0)
		return -errno;
	*v = p.revents;
	return 0;
}

static int sv_hup_enc(struct ctx *c, int i, int bit)
{
	(void)i;
	return bit ? sipc_close(c->fd[1]) : 0;
}

static int sv_hup_reset(struct ctx *c, int i, int bit)
{
	(void)i;
	return bit ? sv_r_init(c) : 0;
}

/* writeback: the registry names the segment; R attaches it read-write */
static int sv_back_enc(struct ctx *c, int i, int bit)
{
	char p[256], line[128], n[SIPC_NAME_MAX];
	int shmid = -1;
	char *w;
	FILE *f;

	(void)i;
	if (!bit)
		return 0;
	chname(c, n, -1);
	snprintf(p, sizeof(p), "%s/reg/%s.chan", c->opts->dir, n);
	f = fopen(p, "r");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		sscanf(line, "shmid %d", &shmid);
	fclose(f);
	w = shmat(shmid, NULL, 0);
	if (w == (void *)-1)
		return -errno;
	w[100] = 1;
	shmdt(w);
	return 0;
}

static int sv_back_obs(struct ctx *c, int i, double *v)
{
	void *buf;
	size_t cap;
	int r = sipc_buffer(c->fd[0], &buf, &cap);

	(void)i;
	if (r < 0)
		return r;
	*v = ((volatile char *)buf)[100];
	((char *)buf)[100] = 0;
	return 0;
}

static int sv_mkname(struct ctx *c, int i, int bit)
{
	char n[SIPC_NAME_MAX];

	if (!bit)
		return 0;
	chname(c, n, i);
	return sipc_create(n, PG, 1);
}

static int sv_rmname(struct ctx *c, int i, int bit)
{
	char n[SIPC_NAME_MAX];

	if (!bit)
		return 0;
	chname(c, n, i);
	return sipc_destroy(n);
}

static int sv_probe(struct ctx *c, int i, double *v)
{
	char n[SIPC_NAME_MAX];
	struct sipc_stat st;

	chname(c, n, i);
	*v = probe_value(sipc_stat(n, &st));
	return 0;
}

#define SV(n, w, ...) { .mech = "sipc-sysv", .name = n, .what = w, \
	.helper = sv_helper, .setup = sv_setup, .r_init = sv_r_init, \
	.p_cleanup = sv_cleanup, __VA_ARGS__ }
static int k_setup(struct ctx *c) { return k_make(c, -1); }
static int k_rinit(struct ctx *c) { return k_r_open(c, -1); }
#define KX(n, w, ...) { .mech = "sipc-kernel", .name = n, .what = w, \
	.helper = helper_1, .setup = k_setup, .r_init = k_rinit, \
	.p_cleanup = p_destroy, .needs = SIPC_DEVICE_PATH, __VA_ARGS__ }

const struct chan chans_sipc[] = {
	QCHANS(q_sipc),
	KX("attach-busy", "S: ATTACH_RECEIVER while R holds the role or not",
	   .r_enc = busy_enc, .s_obs = busy_obs, .r_reset = busy_reset),
	KX("ep-info", "S: EP_INFO on its endpoint after R took a message or not",
	   .s_prep = epi_prep, .r_enc = epi_enc, .s_obs = epi_obs, .r_reset = epi_reset),
	QCHANS(q_sipc_d8), QCHANS(q_sipc_s4),
	SV("block", "time S waits in sipc_commit()+sipc_acquire()", .timing = 1,
	   .r_enc = sv_blk_enc, .s_obs = sv_blk_obs),
	SV("errno", "", .na = "not measured: no library call's result is decided by R alone "
	   "(sipc_acquire(0) reports the queue state of block; raw queue: see sysv-msg)"),
	SV("partial", "", .na = "fixed 32-byte control messages; the region is plain memory"),
	SV("poll", "sipc_fd() + poll(POLLOUT)", .s_obs = sv_poll_obs),
	SV("meta", "", .na = "measured as hangup (sipc_stat attached = shm_nattch); "
	   "queue counters: see sysv-msg meta"),
	SV("hangup", "sipc_stat() after R sipc_close()s",
	   .r_enc = sv_hup_enc, .s_obs = sv_meta_obs, .r_reset = sv_hup_reset),
	SV("writeback", "R shmat()s the registry's segment read-write and stores",
	   .r_enc = sv_back_enc, .s_obs = sv_back_obs),
	SV("bitmap", "R sipc_create()s name i, S sipc_stat()s it",
	   .r_enc = sv_mkname, .s_obs = sv_probe, .r_reset = sv_rmname),
	SV("fattr", "", .na = "no descriptor shared by the peers"),
	{ 0 }
};
