// SPDX-License-Identifier: GPL-2.0-only
/*
 * campaign_race - operations of one channel racing each other, from
 * processes and threads.  Each race is repeated with random timing drawn
 * from the seed, and each ends with the module counters back where they
 * started.
 *
 *   destroy      DESTROY while two sender threads SEND and two receiver
 *                threads RECV: every one of them ends with EIDRM.
 *   close        close() of an endpoint while another thread sleeps in
 *                RECV on it; the sleeper ends normally (a message, EIDRM)
 *                and the endpoint is freed after it.
 *   revoke       REVOKE while threads SEND/RECV, mmap and touch the
 *                region: afterwards the revoked side gets EACCES and
 *                SIGBUS, the other side works, and the role is free.
 *   munmap       munmap()/mmap() of a mapping racing page faults on it and
 *                MADV_DONTNEED: a read that succeeds sees the right data.
 *   fork         fork() of a process holding both mappings while a thread
 *                faults: the child's read-only mapping stays read-only,
 *                what it writes the parent sees, and a revoke reaches the
 *                child's copy of the mapping (SIGBUS).
 *   names        four processes creating, attaching and destroying the
 *                same name: only the documented errors.
 *   attach       two processes attaching the same role at once: exactly
 *                one wins, the other gets EBUSY.
 *
 * Environment: SIPC_SEED, SIPC_RACE_ITERS (60: rounds of each race;
 * munmap, names and attach do more, scaled from it), SIPC_RACE_SECS (40:
 * time bound of each race).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "campaign.h"

#define PAGE 4096UL

static long iters;
static double secs;
static long total_races;
static struct st_counters start_c;

/* Per-race deadline check; logs once when the bound cut a race short. */
static bool time_left(double t0, const char *race)
{
	if (camp_now() - t0 < secs)
		return true;
	ksft_print_msg("%s: time bound (%.0f s) reached\n", race, secs);
	return false;
}

static void report(const char *race, bool ok, long n)
{
	ok = camp_counters_back(&start_c, 10000, race) && ok;
	total_races += n;
	ksft_test_result(ok, "race %s: %ld rounds\n", race, n);
}

static int make_channel(int dev, const char *name, size_t region, __u32 depth)
{
	int ret = st_create(dev, name, region, depth, NULL);

	if (ret)
		ksft_print_msg("create %s: %s\n", name, strerror(-ret));
	return ret;
}

/* ---- destroy vs. send/recv from threads ---- */

struct io_thread {
	pthread_t t;
	int fd;
	bool sender;
	int err;	/* how the loop ended */
};

static void *io_loop(void *arg)
{
	struct io_thread *io = arg;
	struct sipc_msg m;
	int ret;

	do {
		ret = io->sender ? st_send(io->fd, SIPC_MSG_DATA_READY, 1, 0, 0, NULL)
				 : st_recv(io->fd, 0, &m);
	} while (ret == 0);
	io->err = ret;
	return NULL;
}

/* A process with two threads doing I/O on one endpoint until an error. */
static void io_process(const char *name, int role, int want_err)
{
	struct io_thread io[2];
	int dev = st_dev_open(), fd, i;

	CHILD_EXPECT(dev >= 0);
	fd = st_attach(dev, name, role, 0);
	if (fd == -ENOENT)
		_exit(0);	/* destroyed before we attached */
	CHILD_EXPECT(fd >= 0);
	for (i = 0; i < 2; i++) {
		io[i] = (struct io_thread){ .fd = fd, .sender = role == SIPC_ROLE_SENDER };
		CHILD_EXPECT(!pthread_create(&io[i].t, NULL, io_loop, &io[i]));
	}
	for (i = 0; i < 2; i++) {
		pthread_join(io[i].t, NULL);
		CHILD_EQ(want_err, io[i].err);
	}
	_exit(0);
}

static void race_destroy(struct camp_rng *r, int dev)
{
	double t0 = camp_now();
	bool ok = true;
	long n;

	for (n = 0; n < iters && time_left(t0, "destroy"); n++) {
		char name[SIPC_NAME_MAX];
		pid_t s, v;
		int ret;

		snprintf(name, sizeof(name), "race.destroy.%ld", n);
		if (make_channel(dev, name, 2 * PAGE, 1 + (__u32)camp_below(r, 4))) {
			ok = false;
			break;
		}
		s = st_fork();
		if (!s)
			io_process(name, SIPC_ROLE_SENDER, -EIDRM);
		v = st_fork();
		if (!v)
			io_process(name, SIPC_ROLE_RECEIVER, -EIDRM);
		camp_usleep((long)camp_below(r, 20000));
		ret = st_destroy(dev, name);
		if (ret || st_reap(s, 10000) || st_reap(v, 10000)) {
			ksft_print_msg("destroy round %ld: destroy %d, or a peer failed\n", n, ret);
			st_kill(s);
			st_kill(v);
			ok = false;
			break;
		}
	}
	report("destroy", ok, n);
}

/* ---- close vs. a thread blocked in RECV ---- */

static void *recv_once(void *arg)
{
	struct io_thread *io = arg;
	struct sipc_msg m;

	io->err = st_recv(io->fd, 0, &m);
	return NULL;
}

static void race_close(struct camp_rng *r, int dev)
{
	double t0 = camp_now();
	bool ok = true;
	long n;

	for (n = 0; n < iters && time_left(t0, "close"); n++) {
		char name[SIPC_NAME_MAX];
		int pfd[2], snd = -1, ret, how = (int)camp_below(r, 2);
		long delay = (long)camp_below(r, 5000);
		pid_t v;

		snprintf(name, sizeof(name), "race.close.%ld", n);
		if (make_channel(dev, name, PAGE, 1) || pipe(pfd)) {
			ok = false;
			break;
		}
		v = st_fork();
		if (!v) {
			struct io_thread io = { 0 };

			io.fd = st_attach(dev, name, SIPC_ROLE_RECEIVER, 0);

			CHILD_EXPECT(io.fd >= 0);
			CHILD_EXPECT(!pthread_create(&io.t, NULL, recv_once, &io));
			camp_usleep(delay);
			close(io.fd);		/* the sleeper keeps the file */
			CHILD_EXPECT(st_put(pfd[1], 1) == 0);
			pthread_join(io.t, NULL);
			/* A message, EIDRM, or EBADF when close won the race. */
			CHILD_EXPECT(io.err == 0 || io.err == -EIDRM || io.err == -EBADF);
			_exit(0);
		}
		close(pfd[1]);
		ret = st_get(pfd[0], &(int){ 0 }, 10000);
		close(pfd[0]);
		if (!ret && how == 0) {
			snd = st_attach(dev, name, SIPC_ROLE_SENDER, 0);
			ret = snd < 0 ? snd : st_send(snd, SIPC_MSG_NOOP, 0, 0, 0, NULL);
		}
		if (!ret)
			ret = st_destroy(dev, name);
		if (snd >= 0)
			close(snd);
		if (ret || st_reap(v, 10000)) {
			ksft_print_msg("close round %ld: %d, or the receiver failed\n", n, ret);
			st_kill(v);
			st_destroy(dev, name);
			ok = false;
			break;
		}
	}
	report("close", ok, n);
}

/* ---- revoke vs. I/O, mmap and faults ---- */

struct rv_proc {
	const char *name;
	int role;
	int fd;
	size_t region;
	unsigned char *map;
	atomic_int stop;
	atomic_long bad;	/* errnos that should not happen */
};

static void *rv_touch(void *arg)
{
	struct rv_proc *p = arg;
	struct camp_rng r;
	bool w = p->role == SIPC_ROLE_SENDER;
	unsigned long k = 0;

	camp_rng_init(&r, 1000 + (uint64_t)getpid());
	while (!atomic_load(&p->stop)) {
		st_probe(p->map + camp_below(&r, p->region), w);
		if (!(++k & 15)) {	/* a fresh mapping now and then */
			int prot = w ? PROT_READ | PROT_WRITE : PROT_READ;
			void *m = st_map(p->fd, p->region, prot, 0);

			if (m != MAP_FAILED) {
				st_probe(m, w);
				munmap(m, p->region);
			} else if (errno != EACCES) {
				atomic_fetch_add(&p->bad, 1);
			}
		}
	}
	return NULL;
}

static void *rv_io(void *arg)
{
	struct rv_proc *p = arg;
	struct sipc_msg m;
	int ret;

	while (!atomic_load(&p->stop)) {
		ret = p->role == SIPC_ROLE_SENDER ?
			st_send(p->fd, SIPC_MSG_NOOP, 0, 0, SIPC_MSG_F_NONBLOCK, NULL) :
			st_recv(p->fd, SIPC_MSG_F_NONBLOCK, &m);
		/* EPIPE: a revoked sender counts as departed. */
		if (ret && ret != -EAGAIN && ret != -EACCES &&
		    !(ret == -EPIPE && p->role == SIPC_ROLE_RECEIVER))
			atomic_fetch_add(&p->bad, 1);
	}
	return NULL;
}

/* Runs until told whether it was revoked, then checks what it sees. */
static void rv_process(struct rv_proc *p, int cmd_fd, int ready_fd, int dev)
{
	pthread_t t[2];
	struct sipc_ep_info ei;
	int revoked, sig, ret;

	p->fd = st_attach(dev, p->name, p->role, 0);
	CHILD_EXPECT(p->fd >= 0);
	p->map = st_map(p->fd, p->region,
			  p->role == SIPC_ROLE_SENDER ? PROT_READ | PROT_WRITE : PROT_READ, 0);
	CHILD_EXPECT(p->map != MAP_FAILED);
	CHILD_EXPECT(!pthread_create(&t[0], NULL, rv_touch, p));
	CHILD_EXPECT(!pthread_create(&t[1], NULL, rv_io, p));
	/* Attached and mapped: the revoke may come. */
	CHILD_EXPECT(st_put(ready_fd, 1) == 0);
	CHILD_EXPECT(st_get(cmd_fd, &revoked, 20000) == 0);
	atomic_store(&p->stop, 1);
	pthread_join(t[0], NULL);
	pthread_join(t[1], NULL);
	CHILD_EQ(0, atomic_load(&p->bad));
	ret = st_ep_info(p->fd, &ei);
	sig = st_probe(p->map + p->region - 1, p->role == SIPC_ROLE_SENDER);
	if (revoked) {
		CHILD_EQ(-EACCES, ret);
		CHILD_EQ(SIGBUS, sig);
	} else {
		CHILD_EQ(0, ret);
		CHILD_EQ(0, sig);
	}
	_exit(0);
}

static void race_revoke(struct camp_rng *r, int dev)
{
	double t0 = camp_now();
	bool ok = true;
	long n;

	for (n = 0; n < iters && time_left(t0, "revoke"); n++) {
		char name[SIPC_NAME_MAX];
		__u32 roles = 1 + (__u32)camp_below(r, 3);
		struct sipc_channel_ref ref = { .size = sizeof(ref), .flags = roles };
		int cmd[2][2], ready[2], i, ret = 0, fd, x;
		pid_t pid[2];

		snprintf(name, sizeof(name), "race.revoke.%ld", n);
		if (make_channel(dev, name, PAGE * (1 + camp_below(r, 4)), 1)) {
			ok = false;
			break;
		}
		if (pipe(ready))
			ksft_exit_fail_msg("pipe\n");
		for (i = 0; i < 2; i++) {
			struct rv_proc p = { .name = name, .role = i + 1 };
			struct sipc_info info;

			st_info(dev, name, &info);
			p.region = info.region_size;
			if (pipe(cmd[i]))
				ksft_exit_fail_msg("pipe\n");
			pid[i] = st_fork();
			if (!pid[i]) {
				close(cmd[i][1]);
				rv_process(&p, cmd[i][0], ready[1], dev);
			}
			close(cmd[i][0]);
		}
		close(ready[1]);
		for (i = 0; i < 2; i++)
			if (st_get(ready[0], &x, 20000))
				ok = false;
		close(ready[0]);
		camp_usleep((long)camp_below(r, 20000));
		strcpy(ref.name, name);
		ret = st_ioctl(dev, SIPC_IOC_REVOKE, &ref);
		for (i = 0; i < 2; i++) {
			st_put(cmd[i][1], !!(roles & (1U << i)));
			close(cmd[i][1]);
		}
		for (i = 0; i < 2; i++) {
			int rc = st_reap(pid[i], 20000);

			if (rc) {
				ksft_print_msg("revoke round %ld: %s side ended with %d\n",
					       n, i ? "receiver" : "sender", rc);
				st_kill(pid[i]);
				ok = false;
			}
			/* A revoked role is free again. */
			if ((roles & (1U << i)) && !rc) {
				fd = st_attach(dev, name, i + 1, 0);
				if (fd < 0) {
					ksft_print_msg("revoke round %ld: re-attach: %s\n",
						       n, strerror(-fd));
					ok = false;
				} else {
					close(fd);
				}
			}
		}
		if (ret || st_destroy(dev, name))
			ok = false;
		if (!ok)
			break;
	}
	report("revoke", ok, n);
}

/* ---- munmap vs. faults ---- */

struct mu {
	unsigned char *addr;
	size_t len;
	int fd;
	__u64 key;
	atomic_int stop;
	atomic_long wrong, reads;
};

static void *mu_reader(void *arg)
{
	struct mu *m = arg;
	struct camp_rng r;
	size_t i;

	camp_rng_init(&r, 77);
	unsigned char v;

	while (!atomic_load(&m->stop)) {
		i = camp_below(&r, m->len);
		/* Unmapped now: SIGSEGV.  Mapped: the right byte. */
		if (st_peek(m->addr + i, &v) == 0) {
			atomic_fetch_add(&m->reads, 1);
			if (v != st_pat(m->key, i))
				atomic_fetch_add(&m->wrong, 1);
		}
	}
	return NULL;
}

static void *mu_zapper(void *arg)
{
	struct mu *m = arg;

	while (!atomic_load(&m->stop)) {
		madvise(m->addr, m->len, MADV_DONTNEED);
		sched_yield();
	}
	return NULL;
}

static void mu_process(const char *name, long cycles, int dev)
{
	struct mu m = { .len = 8 * PAGE, .key = 0xfeed };
	unsigned char *smap;
	pthread_t t[2];
	int snd;
	long k;

	snd = st_attach(dev, name, SIPC_ROLE_SENDER, 0);
	m.fd = st_attach(dev, name, SIPC_ROLE_RECEIVER, 0);
	CHILD_EXPECT(snd >= 0 && m.fd >= 0);
	smap = st_map(snd, m.len, PROT_READ | PROT_WRITE, 0);
	CHILD_EXPECT(smap != MAP_FAILED);
	st_fill(smap, m.len, m.key);
	m.addr = st_map(m.fd, m.len, PROT_READ, 0);
	CHILD_EXPECT(m.addr != MAP_FAILED);
	CHILD_EXPECT(!pthread_create(&t[0], NULL, mu_reader, &m));
	CHILD_EXPECT(!pthread_create(&t[1], NULL, mu_zapper, &m));
	for (k = 0; k < cycles; k++) {
		/* Nothing else maps memory meanwhile, so the hole stays ours. */
		CHILD_EXPECT(munmap(m.addr, m.len) == 0);
		CHILD_EXPECT(mmap(m.addr, m.len, PROT_READ, MAP_SHARED | MAP_FIXED,
				  m.fd, 0) == m.addr);
	}
	atomic_store(&m.stop, 1);
	pthread_join(t[0], NULL);
	pthread_join(t[1], NULL);
	CHILD_EQ(0, atomic_load(&m.wrong));
	CHILD_EXPECT(atomic_load(&m.reads) > 0);
	_exit(0);
}

static void race_munmap(struct camp_rng *r, int dev)
{
	long n = iters * 50, rounds = 0;
	char name[SIPC_NAME_MAX] = "race.munmap";
	bool ok = !make_channel(dev, name, 8 * PAGE, 1);
	pid_t pid;
	int rc = -1;

	(void)r;
	if (ok) {
		pid = st_fork();
		if (!pid)
			mu_process(name, n, dev);
		rc = st_reap(pid, (int)(secs * 1000));
		if (rc)
			st_kill(pid);
		ok = rc == 0 && !st_destroy(dev, name);
		rounds = rc == 0 ? n : 0;
	}
	if (!ok)
		ksft_print_msg("munmap: the process ended with %d\n", rc);
	report("munmap", ok, rounds);
}

/* ---- fork of a process holding mappings ---- */

struct fk {
	unsigned char *smap;
	const unsigned char *rmap;
	size_t len;
	atomic_int stop;
};

static void *fk_faulter(void *arg)
{
	struct fk *f = arg;
	size_t i = 0;

	while (!atomic_load(&f->stop)) {
		madvise((void *)f->rmap, f->len, MADV_DONTNEED);
		st_probe(f->rmap + (i++ * PAGE) % f->len, false);
	}
	return NULL;
}

static void fk_process(const char *name, long forks, int dev)
{
	struct fk f = { .len = 4 * PAGE };
	int snd, rcv, go[2], ready[2], status;
	pthread_t t;
	long k;
	pid_t c;

	snd = st_attach(dev, name, SIPC_ROLE_SENDER, 0);
	rcv = st_attach(dev, name, SIPC_ROLE_RECEIVER, 0);
	CHILD_EXPECT(snd >= 0 && rcv >= 0);
	f.smap = st_map(snd, f.len, PROT_READ | PROT_WRITE, 0);
	f.rmap = st_map(rcv, f.len, PROT_READ, 0);
	CHILD_EXPECT(f.smap != MAP_FAILED && f.rmap != MAP_FAILED);
	CHILD_EXPECT(!pthread_create(&t, NULL, fk_faulter, &f));
	for (k = 0; k < forks; k++) {
		size_t at = (k * 1000) % (f.len - 100);

		c = fork();
		CHILD_EXPECT(c >= 0);
		if (!c) {
			/* The child: write through its copy of the sender's
			 * mapping, read back through the receiver's, which
			 * must still refuse writes. */
			st_fill(f.smap + at, 100, k);
			CHILD_EQ(-1, st_check(f.rmap + at, 100, k));
			CHILD_EQ(SIGSEGV, st_probe(f.rmap + at, true));
			_exit(0);
		}
		CHILD_EXPECT(waitpid(c, &status, 0) == c);
		CHILD_EQ(0, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
		CHILD_EQ(-1, st_check(f.rmap + at, 100, k));
	}
	atomic_store(&f.stop, 1);
	pthread_join(t, NULL);

	/* A child that holds the mapping when the sender is revoked. */
	CHILD_EXPECT(pipe(go) == 0 && pipe(ready) == 0);
	c = fork();
	CHILD_EXPECT(c >= 0);
	if (!c) {
		char x;

		CHILD_EQ(0, st_probe(f.smap, true));
		CHILD_EXPECT(write(ready[1], "m", 1) == 1);
		CHILD_EXPECT(read(go[0], &x, 1) == 1);
		CHILD_EQ(SIGBUS, st_probe(f.smap, true));
		_exit(0);
	}
	{
		struct sipc_channel_ref ref = { .size = sizeof(ref), .flags = SIPC_REVOKE_SENDER };
		char x;

		strcpy(ref.name, name);
		CHILD_EXPECT(read(ready[0], &x, 1) == 1);	/* mapped in the child */
		CHILD_EQ(0, st_ioctl(dev, SIPC_IOC_REVOKE, &ref));
	}
	CHILD_EXPECT(write(go[1], "r", 1) == 1);
	CHILD_EXPECT(waitpid(c, &status, 0) == c);
	CHILD_EQ(0, WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
	_exit(0);
}

static void race_fork(struct camp_rng *r, int dev)
{
	double t0 = camp_now();
	bool ok = true;
	long n, forks = 0;

	for (n = 0; n < iters / 4 + 1 && time_left(t0, "fork"); n++) {
		char name[SIPC_NAME_MAX];
		long k = 5 + (long)camp_below(r, 20);
		pid_t pid;
		int rc;

		snprintf(name, sizeof(name), "race.fork.%ld", n);
		if (make_channel(dev, name, 4 * PAGE, 1)) {
			ok = false;
			break;
		}
		pid = st_fork();
		if (!pid)
			fk_process(name, k, dev);
		rc = st_reap(pid, 30000);
		if (rc) {
			ksft_print_msg("fork round %ld: process ended with %d\n", n, rc);
			st_kill(pid);
			ok = false;
		}
		forks += k + 1;
		if (st_destroy(dev, name))
			ok = false;
		if (!ok)
			break;
	}
	ksft_print_msg("fork: %ld forks of a process holding mappings\n", forks);
	report("fork", ok, n);
}

/* ---- one name, many hands ---- */

static void names_process(int id, long n, int dev)
{
	struct camp_rng r;
	long i;
	int ret;

	camp_rng_init(&r, 500 + id);
	for (i = 0; i < n; i++) {
		switch (camp_below(&r, 4)) {
		case 0:
			ret = st_create(dev, "race.names", PAGE, 0, NULL);
			CHILD_EXPECT(ret == 0 || ret == -EEXIST);
			break;
		case 1:
			ret = st_destroy(dev, "race.names");
			CHILD_EXPECT(ret == 0 || ret == -ENOENT);
			break;
		default:
			ret = st_attach(dev, "race.names", 1 + (int)camp_below(&r, 2), 0);
			CHILD_EXPECT(ret >= 0 || ret == -ENOENT || ret == -EBUSY);
			if (ret >= 0)
				close(ret);
		}
	}
	_exit(0);
}

static void race_names(struct camp_rng *r, int dev)
{
	long n = iters * 10;
	pid_t pid[4];
	bool ok = true;
	int i, rc;

	(void)r;
	for (i = 0; i < 4; i++) {
		pid[i] = st_fork();
		if (!pid[i])
			names_process(i, n, dev);
	}
	for (i = 0; i < 4; i++) {
		rc = st_reap(pid[i], (int)(secs * 1000));
		if (rc) {
			ksft_print_msg("names: process %d ended with %d\n", i, rc);
			st_kill(pid[i]);
			ok = false;
		}
	}
	rc = st_destroy(dev, "race.names");
	ok = ok && (rc == 0 || rc == -ENOENT);
	report("names", ok, 4 * n);
}

/* ---- two attaches, one role ---- */

static void race_attach(struct camp_rng *r, int dev)
{
	double t0 = camp_now();
	bool ok = true;
	long n;

	for (n = 0; n < iters * 2 && time_left(t0, "attach"); n++) {
		char name[SIPC_NAME_MAX];
		int role = 1 + (int)camp_below(r, 2), go[2], res[2], i, wins = 0, busy = 0;
		pid_t pid[2];

		snprintf(name, sizeof(name), "race.attach.%ld", n);
		if (make_channel(dev, name, PAGE, 1) || pipe(go) || pipe(res)) {
			ok = false;
			break;
		}
		for (i = 0; i < 2; i++) {
			pid[i] = st_fork();
			if (!pid[i]) {
				char c;
				int fd;

				close(go[1]);
				/* Released together: EOF when the parent closes. */
				CHILD_EXPECT(read(go[0], &c, 1) == 0);
				fd = st_attach(dev, name, role, 0);
				st_put(res[1], fd >= 0 ? 0 : fd);
				/* Hold the endpoint until the parent has both
				 * answers; it kills us then. */
				for (;;)
					pause();
			}
		}
		close(go[0]);
		close(go[1]);
		for (i = 0; i < 2; i++) {
			int v = 1;

			if (st_get(res[0], &v, 10000))
				break;
			wins += v == 0;
			busy += v == -EBUSY;
		}
		close(res[1]);
		close(res[0]);
		for (i = 0; i < 2; i++)
			st_kill(pid[i]);
		if (wins != 1 || busy != 1) {
			ksft_print_msg("attach round %ld: %d won, %d EBUSY\n", n, wins, busy);
			ok = false;
		}
		if (st_destroy(dev, name) || !ok)
			break;
	}
	report("attach", ok, n);
}

int main(void)
{
	struct camp_rng r;
	int dev;

	st_require_device();
	camp_init("campaign_race", 0x5195ace5);
	iters = camp_count("SIPC_RACE_ITERS", 60);
	secs = (double)camp_env("SIPC_RACE_SECS", 40);
	ksft_set_plan(7);
	camp_rng_init(&r, 3);
	dev = st_dev_open();
	if (dev < 0 || st_counters_read(&start_c))
		ksft_exit_fail_msg("cannot open %s or read the counters\n", SIPC_DEVICE_PATH);

	race_destroy(&r, dev);
	race_close(&r, dev);
	race_revoke(&r, dev);
	race_munmap(&r, dev);
	race_fork(&r, dev);
	race_names(&r, dev);
	race_attach(&r, dev);
	ksft_print_msg("FIGURE races=%ld\n", total_races);
	close(dev);
	ksft_finished();
}
