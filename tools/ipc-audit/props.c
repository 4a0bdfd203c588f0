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
#include <stdarg.h>
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
#include "peer.h"
#include "props.h"
#include "record.h"
#include "selinux_load.h"
#include "util.h"

#define PG 4096

/* "ok" for 0, the error text for -errno. */
static const char *ok_or_error(int r) { return r < 0 ? strerror(-r) : "ok"; }

/* ---- write-implies-read ---- */

/* What one mechanism's write-implies-read probe is given and finds. */
struct write_read_result {
	const char *scratch_dir;	/* in: where the probe may create files */
	const char *value;		/* out: "yes", "no" or "n/a" */
	char evidence[400];		/* out: what the probe saw */
};

struct write_read_probe {
	const char *mech;
	void (*fn)(struct write_read_result *r);
};

__attribute__((format(printf, 2, 3)))
static void set_evidence(struct write_read_result *res, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(res->evidence, sizeof(res->evidence), fmt, ap);
	va_end(ap);
}

static void writer_reads_pipe(struct write_read_result *res)
{
	int p[2], r1, fd;
	char b, path[64];

	pipe(p);
	write(p[1], "x", 1);
	r1 = read(p[1], &b, 1) < 0 ? -errno : 0;
	snprintf(path, sizeof(path), "/proc/self/fd/%d", p[1]);
	fd = open(path, O_RDONLY | O_NONBLOCK);
	res->value = fd >= 0 && read(fd, &b, 1) == 1 ? "yes" : "no";
	set_evidence(res, "read(write end): %s; reopen /proc/self/fd/W read-only: %s",
		 ok_or_error(r1), fd < 0 ? strerror(errno) : "ok, read the data");
	close(p[0]); close(p[1]);
	if (fd >= 0)
		close(fd);
}

static void writer_reads_fifo(struct write_read_result *res)
{
	char p[200], b;
	int r, w, r1, r2;

	snprintf(p, sizeof(p), "%s/wir-fifo", res->scratch_dir);
	mkfifo(p, 0600);
	r = open(p, O_RDONLY | O_NONBLOCK);
	w = open(p, O_WRONLY);
	close(r);
	chmod(p, 0200);	/* what a writer-only FIFO looks like */
	r1 = read(w, &b, 1) < 0 ? -errno : 0;
	r = open(p, O_RDONLY | O_NONBLOCK);
	r2 = r < 0 ? -errno : 0;
	res->value = r2 ? "no" : "yes";
	set_evidence(res, "mode 0200: read(O_WRONLY fd): %s; open O_RDONLY: %s",
		     ok_or_error(r1), ok_or_error(r2));
	if (r >= 0)
		close(r);
	close(w);
	unlink(p);
}

static void writer_reads_socket(int type, struct write_read_result *res)
{
	int sv[2];
	char b;
	ssize_t r;

	socketpair(AF_UNIX, type, 0, sv);
	send(sv[1], "x", 1, 0);
	r = recv(sv[0], &b, 1, MSG_DONTWAIT);
	res->value = r == 1 ? "yes" : "no";
	set_evidence(res, "a socket is both ends: recv on the sender's socket: %s",
		 r == 1 ? "ok" : strerror(errno));
	close(sv[0]); close(sv[1]);
}

static void writer_reads_unix_stream(struct write_read_result *res)
{
	writer_reads_socket(SOCK_STREAM, res);
}
static void writer_reads_unix_dgram(struct write_read_result *res)
{
	writer_reads_socket(SOCK_DGRAM, res);
}

static void writer_reads_sysv_msg(struct write_read_result *res)
{
	struct { long t; char c[8]; } m = { 1, "x" };
	int id = msgget(IPC_PRIVATE, 0200), s, r;

	s = msgsnd(id, &m, 8, IPC_NOWAIT) ? -errno : 0;
	r = msgrcv(id, &m, 8, 0, IPC_NOWAIT) < 0 ? -errno : 0;
	res->value = r ? "no" : "yes";
	set_evidence(res, "queue mode 0200: msgsnd %s, msgrcv %s", ok_or_error(s), ok_or_error(r));
	msgctl(id, IPC_RMID, NULL);
}

static void writer_reads_sysv_shm(struct write_read_result *res)
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
	res->value = r1 ? "yes" : "no";
	set_evidence(res, "segment mode 0200: shmat read-write %s (write needs read); "
		 "mode 0600 writable attach reads back: %s", ok_or_error(r1), ok_or_error(r2));
}

static void writer_reads_sysv_sem(struct write_read_result *res)
{
	int id = semget(IPC_PRIVATE, 1, 0200), r1, r2;
	struct sembuf b = { 0, 1, IPC_NOWAIT };

	r1 = semop(id, &b, 1) ? -errno : 0;
	r2 = semctl(id, 0, GETVAL) < 0 ? -errno : 0;
	res->value = r2 ? "no" : "yes";
	set_evidence(res, "set mode 0200: semop(+1) %s, GETVAL %s", ok_or_error(r1), ok_or_error(r2));
	semctl(id, 0, IPC_RMID);
}

static void writer_reads_posix_mq(struct write_read_result *res)
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
	res->value = r2 == 0 || q != (mqd_t)-1 ? "yes" : "no";
	set_evidence(res, "mode 0200, O_WRONLY: send %s, receive %s; open O_RDONLY %s",
		 ok_or_error(r1), ok_or_error(r2), q == (mqd_t)-1 ? strerror(errno) : "ok");
	if (q != (mqd_t)-1)
		mq_close(q);
	mq_unlink(name);
}

static void writer_reads_mapping(int fd, const char *what, struct write_read_result *res)
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
	res->value = "yes";
	set_evidence(res, "%s: mmap(PROT_WRITE, MAP_SHARED) of an O_WRONLY fd: %s; "
		 "PROT_WRITE-only mapping reads back: %s (x86 has no write-only pages)",
		 what, ok_or_error(r1), ok_or_error(r2));
	close(w);
}

static void writer_reads_posix_shm(struct write_read_result *res)
{
	char name[64];
	int fd;

	snprintf(name, sizeof(name), "/ipc-audit-wir-%d", getpid());
	fd = shm_open(name, O_RDWR | O_CREAT, 0600);
	ftruncate(fd, PG);
	writer_reads_mapping(fd, "shm_open", res);
	close(fd);
	shm_unlink(name);
}

static void writer_reads_memfd(struct write_read_result *res)
{
	int fd = memfd_create("wir", 0);

	ftruncate(fd, PG);
	writer_reads_mapping(fd, "memfd", res);
	close(fd);
}

static void writer_reads_eventfd(struct write_read_result *res)
{
	int fd = eventfd(0, 0);
	uint64_t v = 1;
	int r;

	write(fd, &v, 8);
	r = read(fd, &v, 8) == 8 ? 0 : -errno;
	res->value = r ? "no" : "yes";
	set_evidence(res, "one O_RDWR descriptor: the writer's read() %s", ok_or_error(r));
	close(fd);
}

static void writer_reads_sipc(struct write_read_result *res)
{
	struct sipc_create cr = { .size = sizeof(cr), .region_size = PG, .queue_depth = 1 };
	struct sipc_channel_ref ref = { .size = sizeof(ref) };
	struct sipc_msg m = { .size = sizeof(m), .flags = SIPC_MSG_F_NONBLOCK };
	int d = open(SIPC_DEVICE_PATH, O_RDWR | O_CLOEXEC), ep, r1, r2 = 0;
	void *map;

	if (d < 0) {
		res->value = "n/a";
		set_evidence(res, "%s: %s", SIPC_DEVICE_PATH, strerror(errno));
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
	res->value = r1 ? "no" : "yes";
	set_evidence(res, "RECV on the sender endpoint: %s; the sender's region mapping is "
		 "read-write (%s) but holds only what the sender wrote: R cannot store",
		 ok_or_error(r1), ok_or_error(r2));
	close(ep);
	ioctl(d, SIPC_IOC_DESTROY, &ref);
	close(d);
}

static const struct write_read_probe write_read_probes[] = {
	{ "pipe", writer_reads_pipe },
	{ "fifo", writer_reads_fifo },
	{ "unix-stream", writer_reads_unix_stream },
	{ "unix-dgram", writer_reads_unix_dgram },
	{ "eventfd", writer_reads_eventfd },
	{ "posix-mq", writer_reads_posix_mq },
	{ "sysv-msg", writer_reads_sysv_msg },
	{ "sysv-shm", writer_reads_sysv_shm },
	{ "sysv-sem", writer_reads_sysv_sem },
	{ "posix-shm", writer_reads_posix_shm },
	{ "memfd", writer_reads_memfd },
	{ "sipc-kernel", writer_reads_sipc },
};

void run_props(const struct audit_opts *o)
{
	size_t i;

	for (i = 0; i < sizeof(write_read_probes) / sizeof(write_read_probes[0]); i++) {
		int p[2], st;
		pid_t pid;

		if (!audit_wants_mech(o, write_read_probes[i].mech))
			continue;
		pipe(p);
		pid = fork();
		if (pid == 0) {
			struct write_read_result res = { .scratch_dir = o->dir, .value = "error" };
			int err = peer_become(o, "audit_sender_t");

			if (err)
				snprintf(res.evidence, sizeof(res.evidence), "setcon: %s", strerror(-err));
			else
				write_read_probes[i].fn(&res);
			dprintf(p[1], "%s\n%s", res.value, res.evidence);
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
			rec_prop(o, write_read_probes[i].mech, "write-implies-read", buf[0] ? buf : "error",
				 nl ? nl : "no answer");
		}
		close(p[0]);
	}
}

/* ---- revocation after a policy reload (enforcing guest only) ---- */

struct revoke_shared {
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

static int read_fd(struct robj *obj)
{
	char b;
	ssize_t n;

	if (obj->ep > 0) {
		struct sipc_msg m = { .size = sizeof(m), .flags = SIPC_MSG_F_NONBLOCK };

		return ioctl(obj->ep, SIPC_IOC_RECV, &m) && errno != EAGAIN ? -errno : 0;
	}
	if (obj->fd < 0)
		return 1;	/* nothing to read through */
	n = pread(obj->fd, &b, 1, 0);
	if (n < 0 && errno == ESPIPE)
		n = read(obj->fd, &b, 1);
	return n == 1 ? 0 : (n < 0 ? -errno : -ENODATA);
}

/* S-side creation, then R-side access; both in the mechanism's code. */
static int mk_obj(const struct audit_opts *opts, const char *mech, struct robj *obj, int rside)
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
		obj->fd = p[0];
		return 0;
	}
	if (!strcmp(mech, "fifo")) {
		snprintf(obj->path, sizeof(obj->path), "%s/rev-fifo", opts->dir);
		if (!rside) {
			unlink(obj->path);
			if (mkfifo(obj->path, 0600))
				return -errno;
			p[0] = open(obj->path, O_RDONLY | O_NONBLOCK);
			p[1] = open(obj->path, O_WRONLY);
			return write(p[1], "abc", 3) == 3 ? 0 : -errno;
		}
		obj->fd = open(obj->path, O_RDONLY | O_NONBLOCK);
		return obj->fd < 0 ? -errno : 0;
	}
	if (!strcmp(mech, "sysv-shm")) {
		if (!rside) {
			obj->shmid = shmget(IPC_PRIVATE, PG, 0600);
			if (obj->shmid < 0)
				return -errno;
			p[0] = obj->shmid;
			return 0;
		}
		obj->shmid = p[0];
		obj->map = shmat(obj->shmid, NULL, SHM_RDONLY);
		return obj->map == (void *)-1 ? (obj->map = NULL, -errno) : 0;
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
			if (mech[0] == 'm' && opts->selinux)
				fsetxattr(fd, "security.selinux", "user_u:object_r:audit_sobj_t",
					  strlen("user_u:object_r:audit_sobj_t") + 1, 0);
			p[0] = fd;
			return 0;
		}
		fd = mech[0] == 'p' ? shm_open(name, O_RDONLY, 0) : p[0];
		if (fd < 0)
			return -errno;
		obj->fd = fd;
		obj->map = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
		return obj->map == MAP_FAILED ? (obj->map = NULL, -errno) : 0;
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
		obj->map = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, 0);
		obj->ep = fd;
		return obj->map == MAP_FAILED ? (obj->map = NULL, -errno) : 0;
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

/* Only the helper domain may create SIPC channels: create rev_tag's as it. */
static void sipc_create_as_helper(const struct audit_opts *o)
{
	pid_t pid = fork();
	int st;

	if (pid == 0) {
		if (!peer_become(o, "audit_helper_t"))
			sipc_helper_create();
		_exit(0);
	}
	waitpid(pid, &st, 0);
}

static const char *sig_or_ok(int s)
{
	return s == 0 ? "load ok" : s == SIGBUS ? "SIGBUS" : s == SIGSEGV ? "SIGSEGV" : "no mapping";
}

static void revoke_one(const struct audit_opts *o, const char *mech, struct revoke_shared *rev)
{
	pid_t s;
	int st;

	memset(rev, 0, sizeof(*rev));
	if (!strcmp(mech, "sipc-kernel"))
		sipc_create_as_helper(o);
	s = fork();
	if (s == 0) {
		struct robj obj = { .fd = -1, .shmid = -1 };
		int err = peer_become(o, "audit_sender_t");
		pid_t r;

		if (!err)
			err = mk_obj(o, mech, &obj, 0);
		if (err) {
			snprintf(rev->note, sizeof(rev->note), "sender: %s", strerror(-err));
			rev->ready = rev->done = 1;
			_exit(1);
		}
		r = fork();
		if (r == 0) {
			err = peer_become(o, "audit_receiver_t");
			if (!err)
				err = mk_obj(o, mech, &obj, 1);
			if (err) {
				snprintf(rev->note, sizeof(rev->note), "receiver: %s", strerror(-err));
				rev->ready = rev->done = 1;
				_exit(1);
			}
			rev->pre_fd = read_fd(&obj);
			rev->pre_map = probe_map(obj.map);
			rev->ready = 1;
			wait_flag(&rev->go);
			rev->post_fd = read_fd(&obj);
			rev->post_map = probe_map(obj.map);
			if (obj.shmid >= 0) {
				void *m = shmat(obj.shmid, NULL, SHM_RDONLY);

				rev->post_new = m == (void *)-1 ? -errno : 0;
			}
			rev->done = 1;
			_exit(0);
		}
		waitpid(r, &st, 0);
		if (obj.shmid >= 0)
			shmctl(obj.shmid, IPC_RMID, NULL);
		_exit(0);
	}
	wait_flag(&rev->ready);
	if (!rev->note[0]) {
		int err = load_policy(o->pol_b);

		if (err)
			snprintf(rev->note, sizeof(rev->note), "load %s: %s", o->pol_b, strerror(-err));
	}
	rev->go = 1;
	wait_flag(&rev->done);
	waitpid(s, &st, 0);
	load_policy(o->pol_a);
}

void run_revocation(const struct audit_opts *o)
{
	static const char *mechs[] = { "pipe", "fifo", "sysv-shm", "posix-shm", "memfd",
				       "sipc-kernel" };
	struct revoke_shared *rev = mmap(NULL, sizeof(*rev), PROT_READ | PROT_WRITE,
				  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	size_t i;

	rev_tag = getpid();
	for (i = 0; i < sizeof(mechs) / sizeof(mechs[0]); i++) {
		char ev[400];
		const char *m = mechs[i], *v;

		if (!audit_wants_mech(o, m))
			continue;
		revoke_one(o, m, rev);
		if (rev->note[0]) {
			rec_prop(o, m, "recheck-at-use", "error", rev->note);
			continue;
		}
		/* recheck: a read through the open descriptor after the reload */
		if (rev->pre_fd == 1 && !strcmp(m, "sysv-shm")) {
			v = rev->post_new ? "at attach only" : "no";
			snprintf(ev, sizeof(ev), "no descriptor; a new shmat() after reload: %s",
				 ok_or_error(rev->post_new));
		} else if (rev->pre_fd == 1) {
			v = "n/a";
			snprintf(ev, sizeof(ev), "no descriptor to read through");
		} else {
			v = rev->pre_fd == 0 && rev->post_fd < 0 && rev->post_fd != -ENODATA ? "yes" : "no";
			snprintf(ev, sizeof(ev), "%s under A: %s; after reload to B: %s",
				 strcmp(m, "sipc-kernel") ? "read()" : "RECV",
				 ok_or_error(rev->pre_fd), ok_or_error(rev->post_fd));
		}
		rec_prop(o, m, "recheck-at-use", v, ev);
		if (rev->pre_map < 0) {
			rec_prop(o, m, "mapping-revoked", "n/a", "no mapping");
			continue;
		}
		v = rev->pre_map == 0 && rev->post_map > 0 ? "yes" : "no";
		snprintf(ev, sizeof(ev), "load under A: %s; after reload to B: %s",
			 sig_or_ok(rev->pre_map), sig_or_ok(rev->post_map));
		rec_prop(o, m, "mapping-revoked", v, ev);
	}
	munmap(rev, sizeof(*rev));
}

/*
 * How often the sender can look at the queue: S fills a depth-1 channel,
 * then times N non-blocking SENDs that each find it full (EAGAIN).  Every
 * queue-state channel (block, errno, poll) tells S one binary state per
 * look.  That is no bound on the queue channel (a timed look carries
 * several bits, a count of free slots several more: bchan_sipc.c); it is
 * reported as the sender's look rate only.  No peer runs during the
 * timing, so it depends on one process's speed only.
 */
void run_msgrate(const struct audit_opts *o)
{
	enum { N = 20000 };
	double *t = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char ev[200], val[64];
	pid_t s;
	int st;

	if (!audit_wants_mech(o, "sipc-kernel") || access(SIPC_DEVICE_PATH, F_OK))
		return;
	rev_tag = getpid() + 1;
	sipc_create_as_helper(o);
	s = fork();
	if (s == 0) {
		struct robj obj = { .fd = -1, .shmid = -1 };
		struct sipc_msg m = { .size = sizeof(m), .type = SIPC_MSG_NOOP,
				      .flags = SIPC_MSG_F_NONBLOCK };
		int i, ep;

		if (peer_become(o, "audit_sender_t") || mk_obj(o, "sipc-kernel", &obj, 0))
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
	rec_prop(o, "sipc-kernel", "msg-rate", val, ev);
	munmap(t, 4096);
}
