// SPDX-License-Identifier: GPL-2.0-only
/*
 * props.c - properties other than channels, each measured:
 *
 *   write-implies-read  (every env) can a process given only the means to
 *                       write (the narrowest write-only mode the API has)
 *                       still read the object?
 *   recheck-at-use,     (enforcing guest) the receiver opens and maps the
 *   mapping-revoked     object under policy A; the policy is reloaded as
 *                       B, which withdraws the receiver's read permission;
 *                       the receiver then reads through its descriptor and
 *                       loads from its mapping.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <linux/sipc.h>
#include "audit.h"

#define PG 4096

double now_s(void);

int load_policy(const char *path)
{
	static char buf[4 << 20];
	int fd = open(path, O_RDONLY), out;
	ssize_t n, w;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n <= 0)
		return -EIO;
	out = open("/sys/fs/selinux/load", O_WRONLY);
	if (out < 0)
		return -errno;
	w = write(out, buf, n);	/* the load must be one write() */
	close(out);
	if (w != n)
		return -errno;
	out = open("/sys/fs/selinux/enforce", O_WRONLY);
	if (out < 0)
		return -errno;
	w = write(out, "1", 1);
	close(out);
	return w == 1 ? 0 : -errno;
}

static const char *en(int r) { return r < 0 ? strerror(-r) : "ok"; }

/* ---- write-implies-read ---- */

struct wir { const char *mech; void (*fn)(char *ev, size_t n, const char **val); };

static void w_pipe(char *ev, size_t n, const char **val)
{
	int p[2], r1, fd;
	char b, path[64];

	pipe(p);
	write(p[1], "x", 1);
	r1 = read(p[1], &b, 1) < 0 ? -errno : 0;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[1]);
	fd = open(path, O_RDONLY | O_NONBLOCK);
	*val = fd >= 0 && read(fd, &b, 1) == 1 ? "yes" : "no";
	snprintf(ev, n, "read(write end): %s; reopen /proc/self/fd/W read-only: %s",
		 en(r1), fd < 0 ? strerror(errno) : "ok, read the data");
	close(p[0]); close(p[1]);
	if (fd >= 0)
		close(fd);
}

static void w_fifo(char *ev, size_t n, const char **val)
{
	char p[200], b;
	int r, w, r1, r2;

	snprintf(p, sizeof(p), "%s/wir-fifo", O.dir);
	mkfifo(p, 0600);
	r = open(p, O_RDONLY | O_NONBLOCK);
	w = open(p, O_WRONLY);
	close(r);
	chmod(p, 0200);	/* what a writer-only FIFO looks like */
	r1 = read(w, &b, 1) < 0 ? -errno : 0;
	r = open(p, O_RDONLY | O_NONBLOCK);
	r2 = r < 0 ? -errno : 0;
	*val = r2 ? "no" : "yes";
	snprintf(ev, n, "mode 0200: read(O_WRONLY fd): %s; open O_RDONLY: %s", en(r1), en(r2));
	if (r >= 0)
		close(r);
	close(w);
	unlink(p);
}

static void w_sock(int type, char *ev, size_t n, const char **val)
{
	int sv[2];
	char b;
	ssize_t r;

	socketpair(AF_UNIX, type, 0, sv);
	send(sv[1], "x", 1, 0);
	r = recv(sv[0], &b, 1, MSG_DONTWAIT);
	*val = r == 1 ? "yes" : "no";
	snprintf(ev, n, "a socket is both ends: recv on the sender's socket: %s",
		 r == 1 ? "ok" : strerror(errno));
	close(sv[0]); close(sv[1]);
}

static void w_ustream(char *ev, size_t n, const char **v) { w_sock(SOCK_STREAM, ev, n, v); }
static void w_udgram(char *ev, size_t n, const char **v) { w_sock(SOCK_DGRAM, ev, n, v); }

static void w_msg(char *ev, size_t n, const char **val)
{
	struct { long t; char c[8]; } m = { 1, "x" };
	int id = msgget(IPC_PRIVATE, 0200), s, r;

	s = msgsnd(id, &m, 8, IPC_NOWAIT) ? -errno : 0;
	r = msgrcv(id, &m, 8, 0, IPC_NOWAIT) < 0 ? -errno : 0;
	*val = r ? "no" : "yes";
	snprintf(ev, n, "queue mode 0200: msgsnd %s, msgrcv %s", en(s), en(r));
	msgctl(id, IPC_RMID, NULL);
}

static void w_shm(char *ev, size_t n, const char **val)
{
	int id = shmget(IPC_PRIVATE, PG, 0200), r1, r2;
	void *m = shmat(id, NULL, 0);

	r1 = m == (void *)-1 ? -errno : 0;
	shmctl(id, IPC_RMID, NULL);
	id = shmget(IPC_PRIVATE, PG, 0600);
	m = shmat(id, NULL, 0);
	r2 = m == (void *)-1 ? -errno : 0;
	if (!r2) {
		((char *)m)[0] = 7;
		r2 = ((volatile char *)m)[0] == 7 ? 0 : -EIO;
		shmdt(m);
	}
	shmctl(id, IPC_RMID, NULL);
	*val = r1 ? "yes" : "no";
	snprintf(ev, n, "segment mode 0200: shmat read-write %s (write needs read); "
		 "mode 0600 writable attach reads back: %s", en(r1), en(r2));
}

static void w_sem(char *ev, size_t n, const char **val)
{
	int id = semget(IPC_PRIVATE, 1, 0200), r1, r2;
	struct sembuf b = { 0, 1, IPC_NOWAIT };

	r1 = semop(id, &b, 1) ? -errno : 0;
	r2 = semctl(id, 0, GETVAL) < 0 ? -errno : 0;
	*val = r2 ? "no" : "yes";
	snprintf(ev, n, "set mode 0200: semop(+1) %s, GETVAL %s", en(r1), en(r2));
	semctl(id, 0, IPC_RMID);
}

static void w_pmq(char *ev, size_t n, const char **val)
{
	struct mq_attr a = { .mq_maxmsg = 1, .mq_msgsize = 8 };
	char name[64], b[8];
	mqd_t q;
	int r1, r2;

	snprintf(name, sizeof(name), "/ipc-audit-wir-%d", getpid());
	q = mq_open(name, O_WRONLY | O_CREAT, 0200, &a);
	r1 = mq_send(q, "x", 1, 0) ? -errno : 0;
	r2 = mq_receive(q, b, sizeof(b), NULL) < 0 ? -errno : 0;
	mq_close(q);
	q = mq_open(name, O_RDONLY);
	*val = r2 == 0 || q != (mqd_t)-1 ? "yes" : "no";
	snprintf(ev, n, "mode 0200, O_WRONLY: send %s, receive %s; open O_RDONLY %s",
		 en(r1), en(r2), q == (mqd_t)-1 ? strerror(errno) : "ok");
	if (q != (mqd_t)-1)
		mq_close(q);
	mq_unlink(name);
}

static void w_mapfile(int fd, const char *what, char *ev, size_t n, const char **val)
{
	char p[64];
	int w, r1, r2;
	void *m;

	snprintf(p, sizeof(p), "/proc/self/fd/%d", fd);
	w = open(p, O_WRONLY);
	m = mmap(NULL, PG, PROT_WRITE, MAP_SHARED, w, 0);
	r1 = m == MAP_FAILED ? -errno : 0;
	if (!r1)
		munmap(m, PG);
	/* a PROT_WRITE-only mapping of a read-write fd: loads still work */
	m = mmap(NULL, PG, PROT_WRITE, MAP_SHARED, fd, 0);
	r2 = m == MAP_FAILED ? -errno : 0;
	if (!r2) {
		((char *)m)[1] = 5;
		r2 = ((volatile char *)m)[1] == 5 ? 0 : -EIO;
		munmap(m, PG);
	}
	*val = "yes";
	snprintf(ev, n, "%s: mmap(PROT_WRITE, MAP_SHARED) of an O_WRONLY fd: %s; "
		 "PROT_WRITE-only mapping reads back: %s (x86 has no write-only pages)",
		 what, en(r1), en(r2));
	close(w);
}

static void w_pshm(char *ev, size_t n, const char **val)
{
	char name[64];
	int fd;

	snprintf(name, sizeof(name), "/ipc-audit-wir-%d", getpid());
	fd = shm_open(name, O_RDWR | O_CREAT, 0600);
	ftruncate(fd, PG);
	w_mapfile(fd, "shm_open", ev, n, val);
	close(fd);
	shm_unlink(name);
}

static void w_memfd(char *ev, size_t n, const char **val)
{
	int fd = memfd_create("wir", 0);

	ftruncate(fd, PG);
	w_mapfile(fd, "memfd", ev, n, val);
	close(fd);
}

static void w_eventfd(char *ev, size_t n, const char **val)
{
	int fd = eventfd(0, 0);
	uint64_t v = 1;
	int r;

	write(fd, &v, 8);
	r = read(fd, &v, 8) == 8 ? 0 : -errno;
	*val = r ? "no" : "yes";
	snprintf(ev, n, "one O_RDWR descriptor: the writer's read() %s", en(r));
	close(fd);
}

static void w_sipc(char *ev, size_t n, const char **val)
{
	struct sipc_create cr = { .size = sizeof(cr), .region_size = PG, .queue_depth = 1 };
	struct sipc_channel_ref ref = { .size = sizeof(ref) };
	struct sipc_msg m = { .size = sizeof(m), .flags = SIPC_MSG_F_NONBLOCK };
	int d = open(SIPC_DEVICE_PATH, O_RDWR | O_CLOEXEC), ep, r1, r2 = 0;
	void *map;

	if (d < 0) {
		*val = "n/a";
		snprintf(ev, n, "%s: %s", SIPC_DEVICE_PATH, strerror(errno));
		return;
	}
	snprintf(cr.name, sizeof(cr.name), "ipc-audit-wir-%d", getpid());
	memcpy(ref.name, cr.name, sizeof(ref.name));
	ioctl(d, SIPC_IOC_CREATE, &cr);
	ep = ioctl(d, SIPC_IOC_ATTACH_SENDER, &ref);
	r1 = ioctl(ep, SIPC_IOC_RECV, &m) ? -errno : 0;
	map = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, ep, 0);
	if (map == MAP_FAILED)
		r2 = -errno;
	*val = r1 ? "no" : "yes";
	snprintf(ev, n, "RECV on the sender endpoint: %s; the sender's region mapping is "
		 "read-write (%s) but holds only what the sender wrote: R cannot store",
		 en(r1), en(r2));
	close(ep);
	ioctl(d, SIPC_IOC_DESTROY, &ref);
	close(d);
}

static const struct wir wirs[] = {
	{ "pipe", w_pipe }, { "fifo", w_fifo }, { "unix-stream", w_ustream },
	{ "unix-dgram", w_udgram }, { "eventfd", w_eventfd }, { "posix-mq", w_pmq },
	{ "sysv-msg", w_msg }, { "sysv-shm", w_shm }, { "sysv-sem", w_sem },
	{ "posix-shm", w_pshm }, { "memfd", w_memfd }, { "sipc-kernel", w_sipc },
};

void run_props(void)
{
	size_t i;

	for (i = 0; i < sizeof(wirs) / sizeof(wirs[0]); i++) {
		int p[2], st;
		pid_t pid;

		if (!mech_selected(wirs[i].mech))
			continue;
		pipe(p);
		pid = fork();
		if (pid == 0) {
			char ev[400] = "";
			const char *val = "error";
			int err = peer_become(O.selinux ? "audit_sender_t" : NULL);

			if (err)
				snprintf(ev, sizeof(ev), "setcon: %s", strerror(-err));
			else
				wirs[i].fn(ev, sizeof(ev), &val);
			dprintf(p[1], "%s\n%s", val, ev);
			_exit(0);
		}
		close(p[1]);
		{
			char buf[512] = "", *nl;
			ssize_t r = read(p[0], buf, sizeof(buf) - 1);

			buf[r > 0 ? r : 0] = 0;
			waitpid(pid, &st, 0);
			nl = strchr(buf, '\n');
			if (nl)
				*nl++ = 0;
			rec_prop(wirs[i].mech, "write-implies-read", buf[0] ? buf : "error",
				 nl ? nl : "no answer");
		}
		close(p[0]);
	}
}

/* ---- revocation after a policy reload (enforcing guest only) ---- */

struct rshared {
	volatile int ready, go, done;
	int pre_fd, pre_map, post_fd, post_map, post_new;
	char note[160];
};

static sigjmp_buf jb;
static int rev_tag;
static volatile int fault_sig;

static void on_fault(int s)
{
	fault_sig = s;
	siglongjmp(jb, 1);
}

/* Load a byte from the mapping; returns 0 or the signal number. */
static int probe_map(const volatile char *m)
{
	struct sigaction sa = { .sa_handler = on_fault };

	if (!m)
		return -1;
	sigaction(SIGBUS, &sa, NULL);
	sigaction(SIGSEGV, &sa, NULL);
	fault_sig = 0;
	if (sigsetjmp(jb, 1) == 0)
		(void)m[0];
	return fault_sig;
}

struct robj {
	int fd;			/* descriptor R reads through, or -1 */
	const volatile char *map;	/* R's mapping, or NULL */
	int shmid;
	int ep;			/* SIPC endpoint: RECV is the read */
	char path[200];
};

static void wait_flag(volatile int *f)
{
	int i;

	for (i = 0; i < 20000 && !*f; i++)
		usleep(500);
}

static int read_fd(struct robj *o)
{
	char b;
	ssize_t n;

	if (o->ep > 0) {
		struct sipc_msg m = { .size = sizeof(m), .flags = SIPC_MSG_F_NONBLOCK };

		return ioctl(o->ep, SIPC_IOC_RECV, &m) && errno != EAGAIN ? -errno : 0;
	}
	if (o->fd < 0)
		return 1;	/* nothing to read through */
	n = pread(o->fd, &b, 1, 0);
	if (n < 0 && errno == ESPIPE)
		n = read(o->fd, &b, 1);
	return n == 1 ? 0 : (n < 0 ? -errno : -ENODATA);
}

/* S-side creation, then R-side access; both in the mechanism's code. */
static int mk_obj(const char *mech, struct robj *o, int rside)
{
	static int p[2];
	char name[64];
	int fd;

	snprintf(name, sizeof(name), "/ipc-audit-rev-%d", rev_tag);
	if (!strcmp(mech, "pipe")) {
		if (!rside) {
			if (pipe(p))
				return -errno;
			return write(p[1], "abc", 3) == 3 ? 0 : -errno;
		}
		o->fd = p[0];
		return 0;
	}
	if (!strcmp(mech, "fifo")) {
		snprintf(o->path, sizeof(o->path), "%s/rev-fifo", O.dir);
		if (!rside) {
			unlink(o->path);
			if (mkfifo(o->path, 0600))
				return -errno;
			p[0] = open(o->path, O_RDONLY | O_NONBLOCK);
			p[1] = open(o->path, O_WRONLY);
			return write(p[1], "abc", 3) == 3 ? 0 : -errno;
		}
		o->fd = open(o->path, O_RDONLY | O_NONBLOCK);
		return o->fd < 0 ? -errno : 0;
	}
	if (!strcmp(mech, "sysv-shm")) {
		if (!rside) {
			o->shmid = shmget(IPC_PRIVATE, PG, 0600);
			if (o->shmid < 0)
				return -errno;
			p[0] = o->shmid;
			return 0;
		}
		o->shmid = p[0];
		o->map = shmat(o->shmid, NULL, SHM_RDONLY);
		return o->map == (void *)-1 ? (o->map = NULL, -errno) : 0;
	}
	if (!strcmp(mech, "posix-shm") || !strcmp(mech, "memfd")) {
		if (!rside) {
			if (mech[0] == 'p')
				fd = shm_open(name, O_RDWR | O_CREAT, 0600);
			else
				fd = memfd_create("rev", 0);
			if (fd < 0 || ftruncate(fd, PG))
				return -errno;
			/* memfd files carry the fs label: give them the
			 * sender-object type that policy B withdraws */
			if (mech[0] == 'm' && O.selinux)
				fsetxattr(fd, "security.selinux", "user_u:object_r:audit_sobj_t",
					  strlen("user_u:object_r:audit_sobj_t") + 1, 0);
			p[0] = fd;
			return 0;
		}
		fd = mech[0] == 'p' ? shm_open(name, O_RDONLY, 0) : p[0];
		if (fd < 0)
			return -errno;
		o->fd = fd;
		o->map = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
		return o->map == MAP_FAILED ? (o->map = NULL, -errno) : 0;
	}
	if (!strcmp(mech, "sipc-kernel")) {
		struct sipc_create cr = { .size = sizeof(cr), .region_size = PG, .queue_depth = 1 };
		struct sipc_channel_ref ref = { .size = sizeof(ref) };
		int d = open(SIPC_DEVICE_PATH, O_RDWR | O_CLOEXEC);

		if (d < 0)
			return -errno;
		snprintf(ref.name, sizeof(ref.name), "ipc-audit-rev-%d", rev_tag);
		memcpy(cr.name, ref.name, sizeof(cr.name));
		if (!rside) {
			fd = ioctl(d, SIPC_IOC_ATTACH_SENDER, &ref);
			close(d);
			return fd < 0 ? -errno : 0;
		}
		fd = ioctl(d, SIPC_IOC_ATTACH_RECEIVER, &ref);
		close(d);
		if (fd < 0)
			return -errno;
		o->map = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
		o->ep = fd;
		return o->map == MAP_FAILED ? (o->map = NULL, -errno) : 0;
	}
	return -ENOSYS;
}

static void sipc_helper_create(void)
{
	struct sipc_create cr = { .size = sizeof(cr), .region_size = PG, .queue_depth = 1 };
	int d = open(SIPC_DEVICE_PATH, O_RDWR | O_CLOEXEC);

	snprintf(cr.name, sizeof(cr.name), "ipc-audit-rev-%d", rev_tag);
	if (d >= 0) {
		ioctl(d, SIPC_IOC_CREATE, &cr);
		close(d);
	}
}

static const char *sig_or_ok(int s)
{
	return s == 0 ? "load ok" : s == SIGBUS ? "SIGBUS" : s == SIGSEGV ? "SIGSEGV" : "no mapping";
}

static void revoke_one(const char *mech, struct rshared *rs)
{
	pid_t s;
	int st;

	memset(rs, 0, sizeof(*rs));
	if (!strcmp(mech, "sipc-kernel")) {
		s = fork();
		if (s == 0) {
			if (!peer_become("audit_helper_t"))
				sipc_helper_create();
			_exit(0);
		}
		waitpid(s, &st, 0);
	}
	s = fork();
	if (s == 0) {
		struct robj o = { .fd = -1, .shmid = -1 };
		int err = peer_become("audit_sender_t");
		pid_t r;

		if (!err)
			err = mk_obj(mech, &o, 0);
		if (err) {
			snprintf(rs->note, sizeof(rs->note), "sender: %s", strerror(-err));
			rs->ready = rs->done = 1;
			_exit(1);
		}
		r = fork();
		if (r == 0) {
			err = peer_become("audit_receiver_t");
			if (!err)
				err = mk_obj(mech, &o, 1);
			if (err) {
				snprintf(rs->note, sizeof(rs->note), "receiver: %s", strerror(-err));
				rs->ready = rs->done = 1;
				_exit(1);
			}
			rs->pre_fd = read_fd(&o);
			rs->pre_map = probe_map(o.map);
			rs->ready = 1;
			wait_flag(&rs->go);
			rs->post_fd = read_fd(&o);
			rs->post_map = probe_map(o.map);
			if (o.shmid >= 0) {
				void *m = shmat(o.shmid, NULL, SHM_RDONLY);

				rs->post_new = m == (void *)-1 ? -errno : 0;
			}
			rs->done = 1;
			_exit(0);
		}
		waitpid(r, &st, 0);
		if (o.shmid >= 0)
			shmctl(o.shmid, IPC_RMID, NULL);
		_exit(0);
	}
	wait_flag(&rs->ready);
	if (!rs->note[0]) {
		int err = load_policy(O.pol_b);

		if (err)
			snprintf(rs->note, sizeof(rs->note), "load %s: %s", O.pol_b, strerror(-err));
	}
	rs->go = 1;
	wait_flag(&rs->done);
	waitpid(s, &st, 0);
	load_policy(O.pol_a);
}

void run_revocation(void)
{
	static const char *mechs[] = { "pipe", "fifo", "sysv-shm", "posix-shm", "memfd",
				       "sipc-kernel" };
	struct rshared *rs = mmap(NULL, sizeof(*rs), PROT_READ | PROT_WRITE,
				  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	size_t i;

	rev_tag = getpid();
	for (i = 0; i < sizeof(mechs) / sizeof(mechs[0]); i++) {
		char ev[400];
		const char *m = mechs[i], *v;

		if (!mech_selected(m))
			continue;
		revoke_one(m, rs);
		if (rs->note[0]) {
			rec_prop(m, "recheck-at-use", "error", rs->note);
			continue;
		}
		/* recheck: a read through the open descriptor after the reload */
		if (rs->pre_fd == 1 && !strcmp(m, "sysv-shm")) {
			v = rs->post_new ? "at attach only" : "no";
			snprintf(ev, sizeof(ev), "no descriptor; a new shmat() after reload: %s",
				 en(rs->post_new));
		} else if (rs->pre_fd == 1) {
			v = "n/a";
			snprintf(ev, sizeof(ev), "no descriptor to read through");
		} else {
			v = rs->pre_fd == 0 && rs->post_fd < 0 && rs->post_fd != -ENODATA ? "yes" : "no";
			snprintf(ev, sizeof(ev), "%s under A: %s; after reload to B: %s",
				 strcmp(m, "sipc-kernel") ? "read()" : "RECV",
				 en(rs->pre_fd), en(rs->post_fd));
		}
		rec_prop(m, "recheck-at-use", v, ev);
		if (rs->pre_map < 0) {
			rec_prop(m, "mapping-revoked", "n/a", "no mapping");
			continue;
		}
		v = rs->pre_map == 0 && rs->post_map > 0 ? "yes" : "no";
		snprintf(ev, sizeof(ev), "load under A: %s; after reload to B: %s",
			 sig_or_ok(rs->pre_map), sig_or_ok(rs->post_map));
		rec_prop(m, "mapping-revoked", v, ev);
	}
	munmap(rs, sizeof(*rs));
}

/*
 * How often the sender can look at the queue: S fills a depth-1 channel,
 * then times N non-blocking SENDs that each find it full (EAGAIN).  Every
 * queue-state channel (block, errno, poll) tells S one binary state per
 * look, so no such channel can carry more bits per second than this rate
 * of looks: it is the bound `make check` asserts (sipc_check.c).  No peer
 * runs during the timing, so it depends on one process's speed only.
 */
void run_msgrate(void)
{
	enum { N = 20000 };
	double *t = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char ev[200], val[64];
	pid_t s;
	int st;

	if (!mech_selected("sipc-kernel") || access(SIPC_DEVICE_PATH, F_OK))
		return;
	rev_tag = getpid() + 1;
	s = fork();
	if (s == 0) {
		if (!peer_become(O.selinux ? "audit_helper_t" : NULL))
			sipc_helper_create();
		_exit(0);
	}
	waitpid(s, &st, 0);
	s = fork();
	if (s == 0) {
		struct robj o = { .fd = -1, .shmid = -1 };
		struct sipc_msg m = { .size = sizeof(m), .type = SIPC_MSG_NOOP,
				      .flags = SIPC_MSG_F_NONBLOCK };
		int i, ep;

		if (peer_become(O.selinux ? "audit_sender_t" : NULL) || mk_obj("sipc-kernel", &o, 0))
			_exit(1);
		ep = 3;
		while (ep < 64 && ioctl(ep, SIPC_IOC_EP_INFO, &(struct sipc_ep_info){ .size = sizeof(struct sipc_ep_info) }))
			ep++;
		if (ioctl(ep, SIPC_IOC_SEND, &m))	/* depth 1: now full */
			_exit(1);
		t[0] = now_s();
		for (i = 0; i < N; i++)
			if (!ioctl(ep, SIPC_IOC_SEND, &m) || errno != EAGAIN)
				break;
		t[1] = now_s();
		t[2] = i;
		_exit(0);
	}
	waitpid(s, &st, 0);
	if (t[2] == N && t[1] > t[0]) {
		snprintf(val, sizeof(val), "%.0f", N / (t[1] - t[0]));
		snprintf(ev, sizeof(ev), "%d non-blocking SENDs on a full depth-1 channel (EAGAIN each) in %.3f s (looks/s)",
			 N, t[1] - t[0]);
	} else {
		snprintf(val, sizeof(val), "error");
		snprintf(ev, sizeof(ev), "%d of %d looks saw EAGAIN", (int)t[2], N);
	}
	rec_prop("sipc-kernel", "msg-rate", val, ev);
	munmap(t, 4096);
}
