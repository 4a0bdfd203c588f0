// SPDX-License-Identifier: GPL-2.0-only
/*
 * run.c - measuring: fork the peers of each channel as separate
 * processes, start them together, and collect what they report through
 * a shared anonymous mapping.
 *
 * Throughput: the sender sends back to back until its time is up and
 * flags the last message; the window runs from the sender starting its
 * first measured message (after a warm-up that faults everything in) to
 * the receiver finishing the last, and only the receiver's checked bytes
 * count.  Latency: the sender stamps the time into the message right
 * before the send call and waits, outside the measured interval, until
 * the receiver has consumed it (a futex, the same for every transport),
 * so no message ever queues behind another.
 *
 * Each peer also reports its context switches and minor faults over the
 * window (getrusage), which is what the table shows per message.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

#define LAT_MAX		20000	/* latency samples kept */
#define LAT_WARM	8	/* latency samples dropped first */
#define MIN_MSGS	3	/* measured messages at least */
#define SLOT_BUDGET	(4u << 20)	/* default bytes of slots per channel */

/* What one peer reports. */
struct peer {
	int err;		/* 0 or a negative errno */
	char what[40];		/* the step that failed */
	uint64_t msgs;		/* messages in the window */
	uint64_t t0, t1;	/* the peer's part of the window, ns */
	long cs, flt;		/* context switches, minor faults in it */
	uint64_t bad;		/* messages that failed the check */
};

struct shared {
	int ready;		/* peers ready to start */
	int go;			/* futex word: 1 once started */
	uint32_t ack;		/* futex word: latency messages consumed */
	uint64_t deadline;	/* when senders stop, ns */
	struct peer tx[MAX_CHANNELS], rx[MAX_CHANNELS];
	uint32_t nlat;
	uint64_t lat[LAT_MAX];
};

/* One measurement in progress. */
struct job {
	const struct run_opts *o;
	const struct transport *t;
	struct shared *sh;
	struct chan ch[MAX_CHANNELS];
	unsigned int nch;
	size_t msg;
	bool lat;
	bool readpass;		/* baseline: sum instead of copy */
	unsigned int warm;
	unsigned char *src;	/* message source, MSG header + pattern */
	uint64_t body;		/* word sum of src past the header */
	pid_t pids[2 * MAX_CHANNELS + 1];
	unsigned int npids;
};

static int cpus[2] = { -1, -1 };	/* first two CPUs we may run on */
static char sysv_dir[64];		/* private libsipc sysv registry */

static long futex(uint32_t *uaddr, int op, uint32_t val)
{
	return syscall(SYS_futex, uaddr, op, val, NULL, NULL, 0);
}

static void find_cpus(void)
{
	cpu_set_t set;
	int i, n = 0;

	if (cpus[0] >= 0 || sched_getaffinity(0, sizeof(set), &set))
		return;
	for (i = 0; i < CPU_SETSIZE && n < 2; i++)
		if (CPU_ISSET(i, &set))
			cpus[n++] = i;
	if (n == 1)
		cpus[1] = cpus[0];
}

static void pin_to(int cpu)
{
	cpu_set_t set;

	if (cpu < 0)
		return;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/* Where a peer runs: role 0 sender, 1 receiver. */
static void pin_peer(const struct run_opts *o, int role)
{
	find_cpus();
	if (o->pin == PIN_SAME)
		pin_to(cpus[0]);
	else if (o->pin == PIN_SPLIT)
		pin_to(cpus[role]);
}

static void usage_now(long *cs, long *flt)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	*cs = ru.ru_nvcsw + ru.ru_nivcsw;
	*flt = ru.ru_minflt;
}

/*
 * The registry of libsipc's sysv backend: private to this run, so a
 * developer's channels are left alone.  Set once, inherited by children.
 */
static void setup_sysv_dir(void)
{
	if (sysv_dir[0])
		return;
	snprintf(sysv_dir, sizeof(sysv_dir), "/tmp/sipc-bench-%d", (int)getpid());
	mkdir(sysv_dir, 0700);
	setenv("SIPC_SYSV_DIR", sysv_dir, 1);
}

void run_cleanup(void)
{
	char cmd[128];

	if (!sysv_dir[0])
		return;
	/* Entries left by a killed peer name objects the helper removes. */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", sysv_dir);
	if (system(cmd))
		fprintf(stderr, "sipc-bench: could not remove %s\n", sysv_dir);
	sysv_dir[0] = '\0';
}

/* In a child, before anything touches libsipc. */
static void child_init(const struct transport *t)
{
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (t && t->libsipc_backend)
		setenv("SIPC_BACKEND", t->libsipc_backend, 1);
}

static pid_t fork_child(void)
{
	fflush(stdout);
	fflush(stderr);
	return fork();
}

/*
 * Setup and teardown of one channel: in this process, or for libsipc
 * in a helper child that exits at once (its exit code is the -errno).
 */
static int chan_setup(struct job *j, struct chan *c, bool teardown)
{
	int status;
	pid_t pid;

	if (!j->t->libsipc_backend) {
		if (teardown) {
			j->t->teardown(c);
			return 0;
		}
		return j->t->setup(c);
	}
	pid = fork_child();
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		child_init(j->t);
		if (teardown) {
			j->t->teardown(c);
			_exit(0);
		}
		_exit(-j->t->setup(c) & 0xff);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -errno;
	return WIFEXITED(status) ? -WEXITSTATUS(status) : -ECHILD;
}

/*
 * The receiver's proof of reading: the sum of the message's 64-bit words.
 * Four accumulators, so it runs at load speed rather than add latency.
 */
static uint64_t sum64(const void *p, size_t n)
{
	const uint64_t *w = p;
	uint64_t a = 0, b = 0, c = 0, d = 0;
	size_t i, words = n / 8;

	for (i = 0; i + 4 <= words; i += 4) {
		a += w[i];
		b += w[i + 1];
		c += w[i + 2];
		d += w[i + 3];
	}
	for (; i < words; i++)
		a += w[i];
	return a + b + c + d;
}

static void fail(struct peer *p, const char *what, int err)
{
	p->err = err ? err : -EIO;
	snprintf(p->what, sizeof(p->what), "%s", what);
	_exit(1);
}

/* Wait until the parent says go. */
static void start_gate(struct shared *sh)
{
	__atomic_add_fetch(&sh->ready, 1, __ATOMIC_SEQ_CST);
	while (!__atomic_load_n(&sh->go, __ATOMIC_ACQUIRE))
		futex((uint32_t *)&sh->go, FUTEX_WAIT, 0);
}

/*
 * A sender or receiver after its last message SEQ: its end time, the
 * context switches and faults since the warm-up (CS0, FLT0), the count.
 */
static void __attribute__((noreturn))
peer_finish(struct job *j, struct chan *c, struct peer *p, uint64_t seq,
	    long cs0, long flt0)
{
	p->t1 = now_ns();
	usage_now(&p->cs, &p->flt);
	p->cs -= cs0;
	p->flt -= flt0;
	p->msgs = seq + 1 - j->warm;
	j->t->close(c);
	_exit(0);
}

static void sender(struct job *j, unsigned int i)
{
	struct chan *c = &j->ch[i];
	struct peer *p = &j->sh->tx[i];
	uint64_t *hdr = (uint64_t *)j->src, seq, check;
	long cs0 = 0, flt0 = 0;
	bool last;
	int r;

	pin_peer(j->o, 0);
	r = j->t->tx_open(c);
	if (r)
		fail(p, "sender open", r);
	/* Clock reads are not free (TCG): small messages check every 16. */
	check = j->msg < 4096 ? 15 : 0;
	start_gate(j->sh);
	for (seq = 0;; seq++) {
		if (seq == j->warm) {
			p->t0 = now_ns();
			usage_now(&cs0, &flt0);
		}
		last = seq >= j->warm + MIN_MSGS - 1 && (seq & check) == 0 &&
		       now_ns() >= j->sh->deadline;
		if (j->lat) {
			last |= seq + 1 >= LAT_MAX + LAT_WARM;
			while (__atomic_load_n(&j->sh->ack, __ATOMIC_ACQUIRE) != seq)
				futex(&j->sh->ack, FUTEX_WAIT, (uint32_t)(seq - 1));
		}
		hdr[0] = seq | (last ? HDR_LAST : 0);
		hdr[1] = j->lat ? now_ns() : 0;
		r = j->t->tx_send(c, j->src, j->msg);
		if (r)
			fail(p, "send", r);
		if (last)
			break;
	}
	peer_finish(j, c, p, seq, cs0, flt0);
}

static void receiver(struct job *j, unsigned int i)
{
	struct chan *c = &j->ch[i];
	struct peer *p = &j->sh->rx[i];
	struct shared *sh = j->sh;
	long cs0 = 0, flt0 = 0;
	const uint64_t *w;
	const void *data;
	uint64_t seq, t;
	bool last;
	int r;

	pin_peer(j->o, 1);
	r = j->t->rx_open(c);
	if (r)
		fail(p, "receiver open", r);
	start_gate(sh);
	for (seq = 0;; seq++) {
		r = j->t->rx_recv(c, j->msg, &data);
		/* Clock reads can cost a system call (hpet): only when needed. */
		t = j->lat ? now_ns() : 0;
		if (r)
			fail(p, "receive", r);
		if (seq == j->warm) {
			p->t0 = t ? t : now_ns();
			usage_now(&cs0, &flt0);
		}
		w = data;
		/* Every byte read: the sum covers the header and pattern. */
		if ((w[0] & ~HDR_LAST) != seq ||
		    sum64(data, j->msg) != j->body + w[0] + w[1])
			p->bad++;
		last = w[0] & HDR_LAST;
		if (j->lat && seq >= LAT_WARM && sh->nlat < LAT_MAX)
			sh->lat[sh->nlat++] = t - w[1];
		r = j->t->rx_release(c, last);
		if (r)
			fail(p, "release", r);
		if (j->lat) {
			__atomic_store_n(&sh->ack, (uint32_t)(seq + 1), __ATOMIC_RELEASE);
			futex(&sh->ack, FUTEX_WAKE, 1);
		}
		if (last)
			break;
	}
	peer_finish(j, c, p, seq, cs0, flt0);
}

/*
 * memcpy, the physical limit: copy src to dst for the time given; or,
 * for the read pass, only sum src as a receiver does.
 */
static void copier(struct job *j, unsigned int i)
{
	struct peer *p = &j->sh->tx[i];
	unsigned char *dst = malloc(j->msg);
	uint64_t n = 0;

	if (!dst)
		fail(p, "malloc", -ENOMEM);
	if (j->nch == 1)
		pin_peer(j->o, 0);
	memcpy(dst, j->src, j->msg);	/* fault it in */
	start_gate(j->sh);
	p->t0 = now_ns();
	do {
		if (j->readpass) {
			/* The receiver's work alone: the read bound. */
			p->bad += sum64(j->src, j->msg) == 1;
			__asm__ volatile("" : : : "memory");	/* sum again */
		} else {
			memcpy(dst, j->src, j->msg);
			__asm__ volatile("" : : "r"(dst) : "memory");
		}
		n++;
	} while (n < MIN_MSGS || (j->msg >= 4096 || (n & 15) == 0 ?
				  now_ns() < j->sh->deadline : true));
	p->t1 = now_ns();
	p->msgs = n;
	_exit(0);
}

static void kill_all(struct job *j)
{
	unsigned int i;

	for (i = 0; i < j->npids; i++)
		if (j->pids[i] > 0)
			kill(j->pids[i], SIGKILL);
}

/*
 * Reap every child within limit_ns; the first failure kills the rest
 * (a peer left alone would wait forever).  0, or -ETIMEDOUT / -ECHILD.
 */
static int reap(struct job *j, uint64_t limit_ns)
{
	uint64_t end = now_ns() + limit_ns;
	unsigned int left = j->npids, i;
	int status, ret = 0;
	pid_t pid;

	while (left) {
		pid = waitpid(-1, &status, WNOHANG);
		if (pid < 0)
			break;
		if (pid == 0) {
			if (now_ns() > end) {
				kill_all(j);
				ret = -ETIMEDOUT;
				end = UINT64_MAX;
			}
			usleep(2000);
			continue;
		}
		for (i = 0; i < j->npids; i++) {
			if (j->pids[i] != pid)
				continue;
			j->pids[i] = 0;
			left--;
			if (!WIFEXITED(status) || WEXITSTATUS(status)) {
				if (!ret)
					ret = -ECHILD;
				kill_all(j);
			}
		}
	}
	return ret;
}

static const char *errtext(int err)
{
	return strerror(err < 0 ? -err : err);
}

/* The source message: a fixed pattern; its sum past the header. */
static unsigned char *make_src(size_t msg, uint64_t *body)
{
	unsigned char *src = malloc(msg);
	uint64_t *w = (uint64_t *)src, x = 0x9e3779b97f4a7c15ULL;
	size_t i;

	if (!src)
		return NULL;
	for (i = 0; i < msg / 8; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		w[i] = x;
	}
	w[0] = w[1] = 0;
	*body = sum64(src, msg);
	return src;
}

unsigned int slots_for(const struct run_opts *o, size_t msg)
{
	size_t n;

	if (o->slots)
		return o->slots;
	n = SLOT_BUDGET / page_round(msg);
	return n < 2 ? 2 : n > SLOTS_MAX ? SLOTS_MAX : (unsigned int)n;
}

void result_na(struct result *r, const char *fmt, ...)
{
	va_list ap;

	r->ok = false;
	va_start(ap, fmt);
	vsnprintf(r->note, sizeof(r->note), fmt, ap);
	va_end(ap);
}

/* Why the job's peers failed, from what they reported. */
static void peer_failure(struct job *j, struct result *r, int err)
{
	unsigned int i;
	struct peer *p;

	for (i = 0; i < 2 * j->nch; i++) {
		p = i % 2 ? &j->sh->rx[i / 2] : &j->sh->tx[i / 2];
		if (p->err) {
			result_na(r, "%s: %s", p->what, errtext(p->err));
			return;
		}
	}
	result_na(r, "%s", err == -ETIMEDOUT ? "timed out" : "a peer died");
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Run j: set up its channels, fork, start, reap, collect into r. */
static void run_job(struct job *j, struct result *r)
{
	uint64_t t0 = UINT64_MAX, t1 = 0, msgs = 0, bad = 0;
	long cs = 0, flt = 0;
	unsigned int i, made = 0;
	int err = 0;
	double secs;
	pid_t pid;

	j->sh = mmap(NULL, sizeof(*j->sh), PROT_READ | PROT_WRITE,
		     MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (j->sh == MAP_FAILED) {
		result_na(r, "mmap: %s", errtext(errno));
		return;
	}
	j->src = make_src(j->msg, &j->body);
	if (!j->src) {
		result_na(r, "malloc: %s", errtext(ENOMEM));
		goto out;
	}
	for (i = 0; j->t && i < j->nch; i++) {
		struct chan *c = &j->ch[i];

		*c = (struct chan){ .t = j->t, .msg = j->msg, .h = -1,
				    .fd = { -1, -1, -1, -1 }, .ipc = { -1, -1 },
				    .slots = j->t->slotted ? slots_for(j->o, j->msg) : 1 };
		chan_name(c);
		err = chan_setup(j, c, false);
		if (err) {
			result_na(r, "setup: %s", errtext(err));
			chan_setup(j, c, true);
			goto teardown;
		}
		made++;
	}
	j->warm = j->lat ? LAT_WARM : (j->t && j->t->slotted ? j->ch[0].slots : 1) + 2;
	for (i = 0; i < j->nch; i++) {
		int role;

		for (role = j->t ? 1 : 0; role >= 0; role--) {
			pid = fork_child();
			if (pid < 0) {
				result_na(r, "fork: %s", errtext(errno));
				kill_all(j);
				reap(j, 5000000000ULL);
				goto teardown;
			}
			if (pid == 0) {
				child_init(j->t);
				if (!j->t)
					copier(j, i);
				else if (role)
					receiver(j, i);
				else
					sender(j, i);
			}
			j->pids[j->npids++] = pid;
		}
	}
	/* Everyone attached and mapped: start together. */
	while (__atomic_load_n(&j->sh->ready, __ATOMIC_ACQUIRE) < (int)j->npids) {
		siginfo_t si = { 0 };

		/* A peer that died while opening: reap() reports it. */
		if (!waitid(P_ALL, 0, &si, WEXITED | WNOHANG | WNOWAIT) && si.si_pid)
			break;
		usleep(1000);
	}
	j->sh->deadline = now_ns() + (uint64_t)(j->o->secs * 1e9);
	__atomic_store_n(&j->sh->go, 1, __ATOMIC_RELEASE);
	futex((uint32_t *)&j->sh->go, FUTEX_WAKE, INT_MAX);
	err = reap(j, (uint64_t)((60 + 40 * j->o->secs) * 1e9));
	if (err) {
		peer_failure(j, r, err);
		goto teardown;
	}

	for (i = 0; i < j->nch; i++) {
		struct peer *tx = &j->sh->tx[i], *rx = &j->sh->rx[i];

		t0 = tx->t0 < t0 ? tx->t0 : t0;
		if (!j->t) {
			t1 = tx->t1 > t1 ? tx->t1 : t1;
			msgs += tx->msgs;
			continue;
		}
		t1 = rx->t1 > t1 ? rx->t1 : t1;
		msgs += rx->msgs;
		bad += rx->bad;
		cs += tx->cs + rx->cs;
		flt += tx->flt + rx->flt;
	}
	if (bad) {
		snprintf(r->note, sizeof(r->note), "%llu corrupt or out-of-order messages",
			 (unsigned long long)bad);
		goto teardown;
	}
	secs = (double)(t1 - t0) / 1e9;
	r->ok = msgs > 0 && secs > 0;
	if (!r->ok) {
		result_na(r, "nothing measured");
		goto teardown;
	}
	r->samples = (double)msgs;
	r->msg_s = (double)msgs / secs;
	r->mb_s = r->msg_s * (double)j->msg / 1e6;
	if (j->t) {
		r->cs = (double)cs / (double)msgs;
		r->faults = (double)flt / (double)msgs;
		r->slots = j->t->slotted ? j->ch[0].slots : 0;
	}
	if (j->lat) {
		uint32_t n = j->sh->nlat;

		qsort(j->sh->lat, n, sizeof(uint64_t), cmp_u64);
		r->ok = n > 0;
		if (!n)
			result_na(r, "no latency samples");
		else {
			r->lat_med_us = (double)j->sh->lat[n / 2] / 1e3;
			r->lat_p99_us = (double)j->sh->lat[(size_t)n * 99 / 100] / 1e3;
			r->samples = n;
		}
	}
teardown:
	for (i = 0; i < made; i++)
		chan_setup(j, &j->ch[i], true);
out:
	free(j->src);
	munmap(j->sh, sizeof(*j->sh));
}

bool run_available(const struct transport *t, struct result *r)
{
	const char *why = t && t->unavailable ? t->unavailable() : NULL;

	if (why) {
		result_na(r, "%s", why);
		return false;
	}
	if (t && t->libsipc_backend)
		setup_sysv_dir();
	return true;
}

void run_tput(const struct run_opts *o, const struct transport *t,
	      size_t msg, unsigned int channels, struct result *r)
{
	struct job j = { .o = o, .t = t, .nch = channels, .msg = msg };

	if (run_available(t, r))
		run_job(&j, r);
}

void run_readpass(const struct run_opts *o, size_t msg, struct result *r)
{
	struct job j = { .o = o, .nch = 1, .msg = msg, .readpass = true };

	run_job(&j, r);
}

void run_lat(const struct run_opts *o, const struct transport *t,
	     size_t msg, struct result *r)
{
	struct job j = { .o = o, .t = t, .nch = 1, .msg = msg, .lat = true };

	if (!t) {
		result_na(r, "no channel");
		return;
	}
	if (run_available(t, r))
		run_job(&j, r);
}

/* Run fn in a child that reports one double (or an error) back. */
void run_in_child(const struct run_opts *o, const struct transport *t,
		  double (*fn)(const struct run_opts *, const struct transport *, int *),
		  struct result *r, double *out)
{
	struct { int err; double v; } *res;
	struct job j = { .o = o, .t = t };
	pid_t pid;
	int err;

	res = mmap(NULL, sizeof(*res), PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (res == MAP_FAILED) {
		result_na(r, "mmap: %s", errtext(errno));
		return;
	}
	pid = fork_child();
	if (pid == 0) {
		child_init(t);
		pin_peer(o, 0);
		res->v = fn(o, t, &res->err);
		_exit(0);
	}
	j.pids[j.npids++] = pid;
	err = pid < 0 ? -errno : reap(&j, (uint64_t)((60 + 40 * o->secs) * 1e9));
	if (!err)
		err = res->err;
	if (err) {
		result_na(r, "%s", errtext(err));
	} else {
		r->ok = true;
		*out = res->v;
	}
	munmap(res, sizeof(*res));
}
