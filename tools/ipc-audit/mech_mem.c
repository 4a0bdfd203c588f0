// SPDX-License-Identifier: GPL-2.0-only
/*
 * mech_mem.c - POSIX shared memory, memfd with seals, signals.
 *
 * Shared memory has no queue: S stores, R loads.  What R can still do is
 * write back (if any route to a writable mapping exists), change the
 * file's attributes, and create names.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>
#include "qchan.h"
#include "util.h"

#define SZ 4096

/* ---- shared by POSIX shm and memfd: c->fd[0] S's fd, c->fd[1] R's ---- */

static int map_s(struct ctx *c)
{
	c->mem = mmap(NULL, SZ, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd[0], 0);
	return c->mem == MAP_FAILED ? -errno : 0;
}

static void mem_fini(struct ctx *c)
{
	char n[64];

	snprintf(n, sizeof(n), "/ipc-audit-%d", c->tag);
	shm_unlink(n);
}

static int mem_blk_enc(struct ctx *c, int i, int bit)
{
	(void)c; (void)i;
	return r_delay(c, bit);
}

static int mem_blk_obs(struct ctx *c, int i, double *v)
{
	double t = now_s();

	memset(c->mem, i, 64);
	*v = (now_s() - t) * 1e6;
	return 0;
}

static int mem_load_obs(struct ctx *c, int i, double *v)
{
	volatile const char *m = c->mem;
	double t = now_s();
	int j, sum = 0;

	(void)i;
	for (j = 0; j < 64; j++)
		sum += m[j];
	*v = (now_s() - t) * 1e6 + sum * 0;
	return 0;
}

/* writeback: R tries every route to a writable mapping of the object */
static int mem_back_enc(struct ctx *c, int i, int bit)
{
	char p[64];
	char *w;
	int fd;

	(void)i;
	if (!bit)
		return 0;
	snprintf(p, sizeof(p), "/proc/self/fd/%d", c->fd[1]);
	fd = open(p, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	w = mmap(NULL, SZ, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (w == MAP_FAILED) {
		int e = -errno;

		/* a sealed memfd may still take write(): try it */
		if (pwrite(fd, "\1", 1, 100) != 1)
			e = -errno;
		else
			e = 0;
		close(fd);
		return e;
	}
	w[100] = 1;
	munmap(w, SZ);
	close(fd);
	return 0;
}

static int mem_back_obs(struct ctx *c, int i, double *v)
{
	volatile char *m = c->mem;

	(void)i;
	*v = m[100];
	return 0;
}

static int mem_back_reset(struct ctx *c, int i, int bit)
{
	(void)c; (void)i; (void)bit;
	return 0;
}

static int mem_s_reset(struct ctx *c, int i)
{
	(void)i;
	if (((char *)c->mem)[100] && mprotect(c->mem, SZ, PROT_READ | PROT_WRITE) == 0)
		((char *)c->mem)[100] = 0;
	return 0;
}

static int mem_attr_enc(struct ctx *c, int i, int bit)
{
	struct timespec ts[2] = { { 1 + bit, 0 }, { 1 + bit, 0 } };

	(void)i;
	return futimens(c->fd[1], ts) ? -errno : 0;
}

static int mem_attr_obs(struct ctx *c, int i, double *v)
{
	struct stat st;

	(void)i;
	if (fstat(c->fd[0], &st))
		return -errno;
	*v = st.st_mtime;
	return 0;
}

/* hangup: R unmaps and closes for a 1; S looks at what it can see (fstat
 * st_nlink, st_mtime, its mapping) - none of it follows R. */
static int mem_hup_enc(struct ctx *c, int i, int bit)
{
	(void)i;
	if (bit) {
		close(c->fd[1]);
		c->fd[1] = -1;
	}
	return 0;
}

static int mem_hup_obs(struct ctx *c, int i, double *v)
{
	struct stat st;

	(void)i;
	if (fstat(c->fd[0], &st))
		return -errno;
	*v = st.st_nlink * 1e6 + st.st_mtime + ((char *)c->mem)[0];
	return 0;
}

static int mem_hup_reset(struct ctx *c, int i, int bit)
{
	char p[64];

	(void)i;
	if (!bit)
		return 0;
	/* reopen through the name or the parent's fd: what R had before */
	snprintf(p, sizeof(p), "/ipc-audit-%d", c->tag);
	c->fd[1] = shm_open(p, O_RDONLY, 0);
	if (c->fd[1] < 0)
		c->fd[1] = dup(c->fd[2]);
	return c->fd[1] < 0 ? -errno : 0;
}

/* ---- POSIX shm ---- */

static int pshm_setup(struct ctx *c)
{
	char n[64];

	snprintf(n, sizeof(n), "/ipc-audit-%d", c->tag);
	c->fd[0] = shm_open(n, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (c->fd[0] < 0)
		return -errno;
	if (ftruncate(c->fd[0], SZ))
		return -errno;
	return map_s(c);
}

static int pshm_r_init(struct ctx *c)
{
	char n[64];
	void *m;

	close(c->fd[0]);
	munmap(c->mem, SZ);
	snprintf(n, sizeof(n), "/ipc-audit-%d", c->tag);
	c->fd[1] = shm_open(n, O_RDONLY, 0);
	if (c->fd[1] < 0)
		return -errno;
	c->fd[2] = dup(c->fd[1]);
	m = mmap(NULL, SZ, PROT_READ, MAP_SHARED, c->fd[1], 0);
	return m == MAP_FAILED ? -errno : 0;
}

static int pshm_mkname(struct ctx *c, int i, int bit)
{
	char n[64];
	int fd;

	if (!bit)
		return 0;
	bit_name(c, i, n, sizeof(n));
	fd = shm_open(n, O_RDWR | O_CREAT | O_EXCL, 0600);
	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

static int pshm_rmname(struct ctx *c, int i, int bit)
{
	char n[64];

	if (!bit)
		return 0;
	bit_name(c, i, n, sizeof(n));
	return shm_unlink(n) ? -errno : 0;
}

static int pshm_probe(struct ctx *c, int i, double *v)
{
	char n[64];
	int fd;

	bit_name(c, i, n, sizeof(n));
	fd = shm_open(n, O_RDONLY, 0);
	if (fd >= 0)
		close(fd);
	*v = probe_value(fd < 0 ? -errno : 0);
	return 0;
}

/* ---- memfd: S creates, fills, seals against writes; R inherits ---- */

static int memfd_setup(struct ctx *c)
{
	c->fd[0] = memfd_create("ipc-audit", MFD_CLOEXEC | MFD_ALLOW_SEALING);
	if (c->fd[0] < 0)
		return -errno;
	if (ftruncate(c->fd[0], SZ))
		return -errno;
	/* Sealing needs no writable mapping to exist: S writes with pwrite. */
	if (pwrite(c->fd[0], "data", 4, 0) != 4)
		return -errno;
	if (fcntl(c->fd[0], F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW |
		  F_SEAL_WRITE | F_SEAL_SEAL))
		return -errno;
	c->mem = mmap(NULL, SZ, PROT_READ, MAP_SHARED, c->fd[0], 0);
	return c->mem == MAP_FAILED ? -errno : 0;
}

static int memfd_r_init(struct ctx *c)
{
	char p[64];

	/* R's own read-only descriptor, as if it had been passed one */
	snprintf(p, sizeof(p), "/proc/self/fd/%d", c->fd[0]);
	c->fd[1] = open(p, O_RDONLY | O_CLOEXEC);
	if (c->fd[1] < 0)
		return -errno;
	c->fd[2] = dup(c->fd[1]);
	close(c->fd[0]);
	return 0;
}

/* hangup for memfd: nothing to reopen by name; R closes (1) or not (0)
 * and reopens from its spare descriptor. */

/* ---- signals: S -> R by sigqueue(); R -> S is the question ---- */

static void nop(int s) { (void)s; }

static int sig_r_init(struct ctx *c)
{
	struct rlimit rl = { 1, 1 };
	sigset_t set;

	(void)c;
	/* At most one pending queued signal for R: a full "queue" of one,
	 * as a depth-1 message queue. */
	setrlimit(RLIMIT_SIGPENDING, &rl);
	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	sigprocmask(SIG_BLOCK, &set, NULL);
	return 0;
}

static int sig_s_init(struct ctx *c)
{
	(void)c;
	signal(SIGUSR2, nop);
	return 0;
}

static int sig_take(void)
{
	sigset_t set;
	struct timespec z = { 0, 0 };

	sigemptyset(&set);
	sigaddset(&set, SIGRTMIN);
	while (sigtimedwait(&set, NULL, &z) > 0)
		;
	return 0;
}

static int sig_prep(struct ctx *c, int i)
{
	union sigval v = { .sival_int = i };

	return sigqueue(c->r_pid, SIGRTMIN, v) ? -errno : 0;
}

static int sig_err_enc(struct ctx *c, int i, int bit)
{
	(void)c; (void)i;
	return bit ? sig_take() : 0;
}

static int sig_err_obs(struct ctx *c, int i, double *v)
{
	union sigval sv = { .sival_int = i };

	*v = sigqueue(c->r_pid, SIGRTMIN, sv) ? errno : 0;
	return 0;
}

static int sig_reset(struct ctx *c, int i, int bit)
{
	(void)c; (void)i; (void)bit;
	return sig_take();
}

static int sig_blk_enc(struct ctx *c, int i, int bit)
{
	r_delay(c, bit);
	return sig_reset(c, i, bit);
}

static int sig_blk_obs(struct ctx *c, int i, double *v)
{
	union sigval sv = { .sival_int = i };
	double t = now_s();
	int err = sigqueue(c->r_pid, SIGRTMIN, sv) ? -errno : 0;

	*v = (now_s() - t) * 1e6;
	(void)err;
	return 0;
}

/* meta: R's blocked mask in /proc/R/status, readable by S (same uid) */
static int sig_meta_enc(struct ctx *c, int i, int bit)
{
	sigset_t set;

	(void)c; (void)i;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	return sigprocmask(bit ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL) ? -errno : 0;
}

static int sig_meta_obs(struct ctx *c, int i, double *v)
{
	char p[64], line[128];
	unsigned long long m = 0;
	FILE *f;

	(void)i;
	snprintf(p, sizeof(p), "/proc/%d/status", c->r_pid);
	f = fopen(p, "r");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		sscanf(line, "SigBlk: %llx", &m);
	fclose(f);
	*v = (double)(m & (1ULL << (SIGUSR1 - 1)));
	return 0;
}

/* writeback: R signals S */
static int sig_back_enc(struct ctx *c, int i, int bit)
{
	(void)i;
	return bit && kill(c->s_pid, SIGUSR2) ? -errno : 0;
}

static int sig_back_obs(struct ctx *c, int i, double *v)
{
	sigset_t set;
	struct timespec z = { 0, 0 };

	(void)c; (void)i;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	*v = sigtimedwait(&set, NULL, &z) == SIGUSR2;
	return 0;
}

static int sig_back_sinit(struct ctx *c)
{
	sigset_t set;

	(void)c;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	sigprocmask(SIG_BLOCK, &set, NULL);
	return 0;
}

#define PSHM(n, w, ...) { .mech = "posix-shm", .name = n, .what = w, \
	.setup = pshm_setup, .r_init = pshm_r_init, .s_fini = mem_fini, __VA_ARGS__ }
#define MFD(n, w, ...) { .mech = "memfd", .name = n, .what = w, \
	.setup = memfd_setup, .r_init = memfd_r_init, __VA_ARGS__ }
#define SIG(n, w, ...) { .mech = "signal", .name = n, .what = w, \
	.r_init = sig_r_init, .s_init = sig_s_init, __VA_ARGS__ }

const struct chan chans_mem[] = {
	PSHM("block", "time of S's store into the mapping", .timing = 1,
	     .r_enc = mem_blk_enc, .s_obs = mem_blk_obs),
	PSHM("errno", "", .na = "no operation of S's returns a status R can influence (plain memory)"),
	PSHM("partial", "", .na = "no write call: stores into memory"),
	PSHM("poll", "", .na = "poll() on a regular file is always ready"),
	PSHM("meta", "", .na = "see fattr and hangup (fstat is the only metadata)"),
	PSHM("hangup", "S's fstat (nlink, mtime) and mapping after R closes",
	     .r_enc = mem_hup_enc, .s_obs = mem_hup_obs, .r_reset = mem_hup_reset),
	PSHM("writeback", "R reopens /proc/self/fd/N read-write and maps it",
	     .r_enc = mem_back_enc, .s_obs = mem_back_obs, .r_reset = mem_back_reset,
	     .s_reset = mem_s_reset),
	PSHM("bitmap", "R shm_open(O_CREAT)s name i, S shm_open()s it",
	     .r_enc = pshm_mkname, .s_obs = pshm_probe, .r_reset = pshm_rmname),
	PSHM("fattr", "futimens by R on its O_RDONLY fd, st_mtime seen by S",
	     .r_enc = mem_attr_enc, .s_obs = mem_attr_obs),
	MFD("block", "time of S's load from the mapping", .timing = 1,
	    .r_enc = mem_blk_enc, .s_obs = mem_load_obs),
	MFD("errno", "", .na = "no operation of S's returns a status R can influence (plain memory)"),
	MFD("partial", "", .na = "sealed: nobody writes after the seal"),
	MFD("poll", "", .na = "poll() on a regular file is always ready"),
	MFD("meta", "", .na = "see fattr and hangup (fstat is the only metadata)"),
	MFD("hangup", "S's fstat (nlink, mtime) and mapping after R closes",
	    .r_enc = mem_hup_enc, .s_obs = mem_hup_obs, .r_reset = mem_hup_reset),
	MFD("writeback", "R reopens /proc/self/fd/N read-write: mmap, then pwrite",
	    .r_enc = mem_back_enc, .s_obs = mem_back_obs, .r_reset = mem_back_reset),
	MFD("bitmap", "", .na = "anonymous object: no name to create or probe"),
	MFD("fattr", "futimens by R on its O_RDONLY fd, st_mtime seen by S (seals do not cover it)",
	    .r_enc = mem_attr_enc, .s_obs = mem_attr_obs),
	SIG("block", "time of S's sigqueue()", .timing = 1,
	    .r_enc = sig_blk_enc, .s_obs = sig_blk_obs, .r_reset = sig_reset),
	SIG("errno", "sigqueue() EAGAIN: R leaves its one pending signal or takes it",
	    .s_prep = sig_prep, .r_enc = sig_err_enc, .s_obs = sig_err_obs, .r_reset = sig_reset),
	SIG("partial", "", .na = "a signal carries one word, no length"),
	SIG("poll", "", .na = "no descriptor on S's side"),
	SIG("meta", "SigBlk in /proc/R/status (R blocks SIGUSR1 or not)",
	    .r_enc = sig_meta_enc, .s_obs = sig_meta_obs),
	SIG("hangup", "", .na = "no connection; R's exit shows as ESRCH (one bit per receiver life)"),
	SIG("writeback", "R kill()s S with SIGUSR2, S polls its pending set",
	    .s_init = sig_back_sinit, .r_enc = sig_back_enc, .s_obs = sig_back_obs),
	SIG("bitmap", "", .na = "no namespace of its own (process ids: see hangup)"),
	SIG("fattr", "", .na = "no descriptor"),
	{ 0 }
};
