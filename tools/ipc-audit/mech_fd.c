// SPDX-License-Identifier: GPL-2.0-only
/*
 * mech_fd.c - descriptor mechanisms: pipe, FIFO, Unix stream and datagram
 * socket pairs, eventfd, POSIX message queue.  Each is a struct qops; the
 * channels themselves are in qchan.c.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <mqueue.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <linux/sockios.h>
#include <unistd.h>
#include "qchan.h"
#include "util.h"

static char zero[64 * 1024];

/* The handle of object k (k < 0: the main object) in S and in R. */
static int *s_handle(struct ctx *c, int k) { return k < 0 ? &c->fd[0] : &c->s_bit_obj[k]; }
static int *r_handle(struct ctx *c, int k) { return k < 0 ? &c->fd[1] : &c->r_bit_obj[k]; }

/* ---- helpers shared by the byte-stream mechanisms ---- */

static int fd_put(struct ctx *c, int k, size_t len, int nb)
{
	int fd = *s_handle(c, k);
	ssize_t n;

	set_nonblock(fd, nb);
	n = write(fd, zero, len);
	set_nonblock(fd, 0);
	return n < 0 ? -errno : (int)n;
}

static int fd_fill(struct ctx *c)
{
	int n, tot = 0;

	while ((n = fd_put(c, -1, 4096, 1)) > 0)
		tot += n;
	return n == -EAGAIN && tot > 0 ? 0 : (n < 0 ? n : -EPROTO);
}

/* units of 4096 bytes (the pipe page); units < 0: drain */
static int fd_take(struct ctx *c, int k, int units)
{
	static char buf[64 * 1024];
	int fd = *r_handle(c, k), tot = 0;
	ssize_t n;

	set_nonblock(fd, 1);
	do {
		size_t want = units < 0 ? sizeof(buf) : 4096;

		n = read(fd, buf, want);
		if (n > 0)
			tot += n;
	} while (n > 0 && (units < 0 || tot < units * 4096));
	return n < 0 && errno != EAGAIN && !tot ? -errno : tot;
}

static int fd_pollout(struct ctx *c, double *v)
{
	struct pollfd p = { .fd = c->fd[0], .events = POLLOUT };

	if (poll(&p, 1, 0) < 0)
		return -errno;
	*v = p.revents;
	return 0;
}

static int fd_fionread(struct ctx *c, double *v)
{
	int n;

	if (ioctl(c->fd[0], FIONREAD, &n) < 0)
		return -errno;
	*v = n;
	return 0;
}

static int fd_outq(struct ctx *c, double *v)
{
	int n;

	if (ioctl(c->fd[0], SIOCOUTQ, &n) < 0)
		return -errno;
	*v = n;
	return 0;
}

static int fd_r_close(struct ctx *c, int k)
{
	int *fd = r_handle(c, k);

	close(*fd);
	*fd = -1;
	return 0;
}

static int fd_r_attr(struct ctx *c, int bit)
{
	struct timespec ts[2] = { { 1 + bit, 0 }, { 1 + bit, 0 } };

	return futimens(c->fd[1], ts) ? -errno : 0;
}

static int fd_s_attr(struct ctx *c, double *v)
{
	struct stat st;

	if (fstat(c->fd[0], &st))
		return -errno;
	*v = st.st_mtime;
	return 0;
}

/* R drops S's copies and S drops R's, as real peers would. */
static int r_drop_s(struct ctx *c, int k)
{
	if (*s_handle(c, k) != *r_handle(c, k))
		close(*s_handle(c, k));
	return 0;
}

static int s_drop_r(struct ctx *c, int k)
{
	if (*s_handle(c, k) != *r_handle(c, k))
		close(*r_handle(c, k));
	return 0;
}

/* reverse: a one-byte write by R, a non-blocking read by S */
static int back_write(struct ctx *c)
{
	if (c->fd[3] < 0)
		return c->fd[3] ? c->fd[3] : -EBADF;
	return write(c->fd[3], "x", 1) == 1 ? 0 : -errno;
}

static int back_read(struct ctx *c, double *v)
{
	char b[64];
	ssize_t n;

	if (c->fd[2] < 0)
		return c->fd[2] ? c->fd[2] : -EBADF;
	set_nonblock(c->fd[2], 1);
	n = read(c->fd[2], b, sizeof(b));
	if (n < 0 && errno != EAGAIN)
		return -errno;
	*v = n > 0;
	return 0;
}

static int reopen(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

/* ---- pipe ---- */

static int pipe_make(struct ctx *c, int k)
{
	int p[2];

	if (pipe2(p, O_CLOEXEC))
		return -errno;
	/* 4 pages: small enough to fill fast, big enough for partial writes */
	fcntl(p[1], F_SETPIPE_SZ, 16384);
	*r_handle(c, k) = p[0];
	*s_handle(c, k) = p[1];
	c->fd[2] = c->fd[3] = 0;
	return 0;
}

/* Writeback through /proc: reopening a pipe end by its /proc/self/fd link
 * gives an end of the other direction (DAC: the pipe inode's mode 0600). */
static int pipe_r_open(struct ctx *c, int k)
{
	char p[64];

	r_drop_s(c, k);
	if (k < 0) {
		snprintf(p, sizeof(p), "/proc/self/fd/%d", c->fd[1]);
		c->fd[3] = reopen(p, O_WRONLY);
	}
	return 0;
}

static int pipe_s_open(struct ctx *c, int k)
{
	char p[64];

	s_drop_r(c, k);
	if (k < 0) {
		snprintf(p, sizeof(p), "/proc/self/fd/%d", c->fd[0]);
		c->fd[2] = reopen(p, O_RDONLY | O_NONBLOCK);
	}
	return 0;
}

const struct qops q_pipe = {
	.mech = "pipe", .unit = 1,
	.make = pipe_make, .r_open = pipe_r_open, .s_open = pipe_s_open,
	.fill = fd_fill, .put = fd_put, .take = fd_take, .meta = fd_fionread,
	.pollout = fd_pollout, .r_close = fd_r_close,
	.r_back = back_write, .s_back = back_read,
	.r_attr = fd_r_attr, .s_attr = fd_s_attr,
	.meta_what = "FIONREAD on S's write end",
	.back_what = "R reopens /proc/self/fd/N write-only, S reopens read-only",
	.na = { [Q_BITMAP] = "anonymous object: no name to create or probe" },
};

/* ---- FIFO ---- */

static void fifo_path(struct ctx *c, int k, char *buf, size_t n)
{
	snprintf(buf, n, "%s/fifo-%d-%d", c->opts->dir, c->tag, k);
}

static int fifo_make(struct ctx *c, int k)
{
	char p[192];
	int r, w;

	fifo_path(c, k, p, sizeof(p));
	if (mkfifo(p, 0600))
		return -errno;
	r = reopen(p, O_RDONLY | O_NONBLOCK);
	if (r < 0)
		return r;
	w = reopen(p, O_WRONLY | O_NONBLOCK);
	if (w < 0)
		return w;
	set_nonblock(w, 0);
	fcntl(w, F_SETPIPE_SZ, 16384);
	*r_handle(c, k) = r;
	*s_handle(c, k) = w;
	c->fd[2] = c->fd[3] = 0;
	return 0;
}

/* R opens the FIFO by name itself, as a real receiver would. */
static int fifo_r_reopen(struct ctx *c, int k)
{
	char p[192];
	int fd;

	fifo_path(c, k, p, sizeof(p));
	fd = reopen(p, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return fd;
	*r_handle(c, k) = fd;
	return 0;
}

static int fifo_r_open(struct ctx *c, int k)
{
	r_drop_s(c, k);
	if (k >= 0)
		return 0;
	close(c->fd[1]);
	return fifo_r_reopen(c, k);
}

static int fifo_s_open(struct ctx *c, int k)
{
	char p[192];

	s_drop_r(c, k);
	/* Only the writeback run has a reverse reader: any reader keeps a
	 * FIFO's writers from seeing R's hang-up. */
	if (k < 0 && !strcmp(c->ch->name, "writeback")) {
		/* reverse reader first, so that R's O_WRONLY open succeeds */
		fifo_path(c, k, p, sizeof(p));
		c->fd[2] = reopen(p, O_RDONLY | O_NONBLOCK);
	}
	return 0;
}

static int fifo_back_write(struct ctx *c)
{
	char p[192];

	if (!c->fd[3]) {
		fifo_path(c, -1, p, sizeof(p));
		c->fd[3] = reopen(p, O_WRONLY | O_NONBLOCK);
	}
	return back_write(c);
}

static int fifo_mkname(struct ctx *c, int i)
{
	char p[192];

	snprintf(p, sizeof(p), "%s/bit-%d-%d", c->opts->dir, c->tag, i);
	return mkfifo(p, 0600) ? -errno : 0;
}

static int fifo_rmname(struct ctx *c, int i)
{
	char p[192];

	snprintf(p, sizeof(p), "%s/bit-%d-%d", c->opts->dir, c->tag, i);
	return unlink(p) ? -errno : 0;
}

static int fifo_probe(struct ctx *c, int i, double *v)
{
	char p[192];
	struct stat st;

	snprintf(p, sizeof(p), "%s/bit-%d-%d", c->opts->dir, c->tag, i);
	*v = probe_value(stat(p, &st) ? -errno : 0);
	return 0;
}

static void fifo_fini(struct ctx *c)
{
	char p[192];
	int k;

	fifo_path(c, -1, p, sizeof(p));
	unlink(p);
	for (k = 0; k < c->nbits; k++) {
		fifo_path(c, k, p, sizeof(p));
		unlink(p);
	}
}

const struct qops q_fifo = {
	.mech = "fifo", .unit = 1,
	.make = fifo_make, .r_open = fifo_r_open, .s_open = fifo_s_open,
	.fill = fd_fill, .put = fd_put, .take = fd_take, .meta = fd_fionread,
	.pollout = fd_pollout, .r_close = fd_r_close, .r_reopen = fifo_r_reopen,
	.r_back = fifo_back_write, .s_back = back_read,
	.r_mkname = fifo_mkname, .s_probe = fifo_probe, .r_rmname = fifo_rmname,
	.r_attr = fd_r_attr, .s_attr = fd_s_attr, .fini = fifo_fini,
	.meta_what = "FIONREAD on S's write end",
	.back_what = "R opens the FIFO write-only, S read-only",
	.name_what = "R mkfifo()s name i, S stat()s it",
};

/* ---- Unix socket pairs ---- */

static int sp_make(struct ctx *c, int k, int type)
{
	int sv[2], sz = 1;

	if (socketpair(AF_UNIX, type | SOCK_CLOEXEC, 0, sv))
		return -errno;
	/* the kernel's minimum: fills in a few writes */
	setsockopt(sv[0], SOL_SOCKET, SO_SNDBUF, &sz, sizeof(sz));
	*s_handle(c, k) = sv[0];
	*r_handle(c, k) = sv[1];
	c->fd[2] = sv[0];
	c->fd[3] = sv[1];
	return 0;
}

static int st_make(struct ctx *c, int k) { return sp_make(c, k, SOCK_STREAM); }
static int dg_make(struct ctx *c, int k) { return sp_make(c, k, SOCK_DGRAM); }

static int sock_back_read(struct ctx *c, double *v)
{
	char b[64];
	ssize_t n = recv(c->fd[0], b, sizeof(b), MSG_DONTWAIT);

	if (n < 0 && errno != EAGAIN)
		return -errno;
	*v = n > 0;
	return 0;
}

static int dg_put(struct ctx *c, int k, size_t len, int nb)
{
	ssize_t n = send(*s_handle(c, k), zero, len > 32 ? len : 32, nb ? MSG_DONTWAIT : 0);

	return n < 0 ? -errno : (int)n;
}

static int dg_fill(struct ctx *c)
{
	int n, tot = 0;

	while ((n = dg_put(c, -1, 32, 1)) > 0)
		tot++;
	return n == -EAGAIN && tot > 0 ? 0 : (n < 0 ? n : -EPROTO);
}

static int dg_take(struct ctx *c, int k, int units)
{
	char b[64 * 1024];
	int got = 0;

	while (units < 0 || got < units) {
		if (recv(*r_handle(c, k), b, sizeof(b), MSG_DONTWAIT) < 0)
			break;
		got++;
	}
	return got;
}

/* bitmap: abstract names, private to the network namespace */
static void abs_addr(struct ctx *c, int i, struct sockaddr_un *a, socklen_t *len)
{
	memset(a, 0, sizeof(*a));
	a->sun_family = AF_UNIX;
	*len = offsetof(struct sockaddr_un, sun_path) + 1 +
		snprintf(a->sun_path + 1, sizeof(a->sun_path) - 1, "ipc-audit-%d-%d", c->tag, i);
}

static int abs_mk(struct ctx *c, int i, int type)
{
	struct sockaddr_un a;
	socklen_t l;
	int fd = socket(AF_UNIX, type | SOCK_CLOEXEC, 0);

	if (fd < 0)
		return -errno;
	abs_addr(c, i, &a, &l);
	if (bind(fd, (struct sockaddr *)&a, l) || (type == SOCK_STREAM && listen(fd, 4))) {
		int e = -errno;

		close(fd);
		return e;
	}
	c->r_bit_obj[i] = fd;
	return 0;
}

static int st_mkname(struct ctx *c, int i) { return abs_mk(c, i, SOCK_STREAM); }
static int dg_mkname(struct ctx *c, int i) { return abs_mk(c, i, SOCK_DGRAM); }
static int abs_rm(struct ctx *c, int i) { close(c->r_bit_obj[i]); return 0; }

static int abs_probe(struct ctx *c, int i, int type, double *v)
{
	struct sockaddr_un a;
	socklen_t l;
	int fd = socket(AF_UNIX, type | SOCK_CLOEXEC | SOCK_NONBLOCK, 0), err = 0;

	if (fd < 0)
		return -errno;
	abs_addr(c, i, &a, &l);
	if (type == SOCK_STREAM)
		err = connect(fd, (struct sockaddr *)&a, l) ? -errno : 0;
	else
		err = sendto(fd, "x", 1, 0, (struct sockaddr *)&a, l) < 0 ? -errno : 0;
	close(fd);
	*v = probe_value(err == -EAGAIN || err == -EINPROGRESS ? 0 : err);
	if (err == -EAGAIN || err == -EINPROGRESS)
		*v = 1;
	return 0;
}

static int st_probe(struct ctx *c, int i, double *v) { return abs_probe(c, i, SOCK_STREAM, v); }
static int dg_probe(struct ctx *c, int i, double *v) { return abs_probe(c, i, SOCK_DGRAM, v); }

const struct qops q_ustream = {
	.mech = "unix-stream", .unit = 1,
	.make = st_make, .r_open = r_drop_s, .s_open = s_drop_r,
	.fill = fd_fill, .put = fd_put, .take = fd_take, .meta = fd_outq,
	.pollout = fd_pollout, .r_close = fd_r_close,
	.r_back = back_write, .s_back = sock_back_read,
	.r_mkname = st_mkname, .s_probe = st_probe, .r_rmname = abs_rm,
	.r_attr = fd_r_attr, .s_attr = fd_s_attr,
	.meta_what = "SIOCOUTQ on S's socket (bytes R has not read)",
	.back_what = "R writes on its end, S reads on its own",
	.name_what = "R binds+listens on abstract name i, S connect()s",
	.attr_what = "futimens on R's socket, fstat on S's (two inodes)",
};

const struct qops q_udgram = {
	.mech = "unix-dgram", .unit = 32,
	.make = dg_make, .r_open = r_drop_s, .s_open = s_drop_r,
	.fill = dg_fill, .put = dg_put, .take = dg_take, .meta = fd_outq,
	.pollout = fd_pollout, .r_close = fd_r_close,
	.r_back = back_write, .s_back = sock_back_read,
	.r_mkname = dg_mkname, .s_probe = dg_probe, .r_rmname = abs_rm,
	.r_attr = fd_r_attr, .s_attr = fd_s_attr,
	.meta_what = "SIOCOUTQ on S's socket (bytes queued, unread)",
	.back_what = "R sends on its end, S receives on its own",
	.name_what = "R binds abstract name i, S sendto()s it",
	.attr_what = "futimens on R's socket, fstat on S's (two inodes)",
};

/* ---- eventfd: one descriptor, shared ---- */

static int ev_make(struct ctx *c, int k)
{
	int fd = eventfd(0, EFD_CLOEXEC);

	if (fd < 0)
		return -errno;
	*s_handle(c, k) = *r_handle(c, k) = fd;
	c->fd[2] = c->fd[3] = fd;
	return 0;
}

static int ev_put(struct ctx *c, int k, size_t len, int nb)
{
	uint64_t one = 1;
	int fd = *s_handle(c, k), e;
	ssize_t n;

	(void)len;
	set_nonblock(fd, nb);
	n = write(fd, &one, 8);
	e = errno;
	set_nonblock(fd, 0);
	return n == 8 ? 8 : -e;
}

static int ev_fill(struct ctx *c)
{
	uint64_t big = 0xfffffffffffffffeULL;

	return write(c->fd[0], &big, 8) == 8 ? 0 : -errno;
}

static int ev_take(struct ctx *c, int k, int units)
{
	uint64_t v;
	int fd = *r_handle(c, k);

	(void)units;
	set_nonblock(fd, 1);
	if (read(fd, &v, 8) != 8)
		v = 0;
	set_nonblock(fd, 0);
	return v ? 1 : 0;
}

/* The counter is visible in S's own /proc/self/fdinfo without reading it. */
static int ev_meta(struct ctx *c, double *v)
{
	char p[64], line[128];
	FILE *f;
	unsigned long long n = 0;

	snprintf(p, sizeof(p), "/proc/self/fdinfo/%d", c->fd[0]);
	f = fopen(p, "r");
	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		sscanf(line, "eventfd-count: %llx", &n);
	fclose(f);
	*v = (double)n;
	return 0;
}

static int ev_back_write(struct ctx *c)
{
	uint64_t one = 1;

	return write(c->fd[3], &one, 8) == 8 ? 0 : -errno;
}

static int ev_back_read(struct ctx *c, double *v)
{
	uint64_t n;

	set_nonblock(c->fd[0], 1);
	*v = read(c->fd[0], &n, 8) == 8;
	set_nonblock(c->fd[0], 0);
	return 0;
}

const struct qops q_eventfd = {
	.mech = "eventfd", .unit = 8,
	.make = ev_make, .fill = ev_fill, .put = ev_put, .take = ev_take,
	.meta = ev_meta, .pollout = fd_pollout, .r_close = fd_r_close,
	.r_back = ev_back_write, .s_back = ev_back_read,
	.r_attr = fd_r_attr, .s_attr = fd_s_attr,
	.meta_what = "eventfd-count in S's /proc/self/fdinfo",
	.back_what = "R writes the counter (its descriptor is read-write)",
	.attr_what = "futimens/fstat on the shared anon inode",
	.na = { [Q_BITMAP] = "anonymous object: no name to create or probe" },
};

/* ---- POSIX message queue ---- */

static void mq_name(struct ctx *c, int k, char *buf, size_t n)
{
	snprintf(buf, n, "/ipc-audit-%d-%d", c->tag, k);
}

static int mqo(const char *name, int flags, int create)
{
	struct mq_attr a = { .mq_maxmsg = 1, .mq_msgsize = 32 };
	mqd_t q = create ? mq_open(name, flags | O_CREAT | O_EXCL, 0600, &a) :
		mq_open(name, flags);

	return q == (mqd_t)-1 ? -errno : (int)q;
}

static int mq_make(struct ctx *c, int k)
{
	char n[64];
	int s, r;

	mq_name(c, k, n, sizeof(n));
	s = mqo(n, O_WRONLY, 1);
	if (s < 0)
		return s;
	r = mqo(n, O_RDONLY, 0);
	if (r < 0)
		return r;
	*s_handle(c, k) = s;
	*r_handle(c, k) = r;
	c->fd[2] = c->fd[3] = 0;
	return 0;
}

static int mq_r_reopen(struct ctx *c, int k)
{
	char n[64];
	int r;

	mq_name(c, k, n, sizeof(n));
	r = mqo(n, O_RDONLY, 0);
	if (r < 0)
		return r;
	*r_handle(c, k) = r;
	return 0;
}

static int mq_r_open(struct ctx *c, int k)
{
	r_drop_s(c, k);
	if (k >= 0)
		return 0;
	close(c->fd[1]);
	return mq_r_reopen(c, k);
}

static int mq_s_open(struct ctx *c, int k)
{
	char n[64];

	s_drop_r(c, k);
	if (k < 0) {
		mq_name(c, k, n, sizeof(n));
		c->fd[2] = mqo(n, O_RDONLY | O_NONBLOCK, 0);
	}
	return 0;
}

static int mq_put(struct ctx *c, int k, size_t len, int nb)
{
	struct mq_attr a = { .mq_flags = nb ? O_NONBLOCK : 0 };
	int q = *s_handle(c, k), r;

	(void)len;
	mq_setattr(q, &a, NULL);
	r = mq_send(q, zero, 32, 0) ? -errno : 32;
	a.mq_flags = 0;
	mq_setattr(q, &a, NULL);
	return r;
}

static int mq_fill(struct ctx *c)
{
	int n, tot = 0;

	while ((n = mq_put(c, -1, 32, 1)) > 0)
		tot++;
	return n == -EAGAIN && tot > 0 ? 0 : (n < 0 ? n : -EPROTO);
}

static int mq_take(struct ctx *c, int k, int units)
{
	struct mq_attr a = { .mq_flags = O_NONBLOCK };
	char b[64];
	int q = *r_handle(c, k), got = 0;

	mq_setattr(q, &a, NULL);
	while ((units < 0 || got < units) && mq_receive(q, b, sizeof(b), NULL) >= 0)
		got++;
	return got;
}

static int mq_meta(struct ctx *c, double *v)
{
	struct mq_attr a;

	if (mq_getattr(c->fd[0], &a))
		return -errno;
	*v = a.mq_curmsgs;
	return 0;
}

static int mq_back_write(struct ctx *c)
{
	char n[64];

	if (!c->fd[3]) {
		mq_name(c, -1, n, sizeof(n));
		c->fd[3] = mqo(n, O_WRONLY | O_NONBLOCK, 0);
	}
	if (c->fd[3] < 0)
		return c->fd[3];
	return mq_send(c->fd[3], "x", 1, 0) ? -errno : 0;
}

static int mq_back_read(struct ctx *c, double *v)
{
	char b[64];

	if (c->fd[2] < 0)
		return c->fd[2];
	if (mq_receive(c->fd[2], b, sizeof(b), NULL) < 0) {
		if (errno != EAGAIN)
			return -errno;
		*v = 0;
	} else {
		*v = 1;
	}
	return 0;
}

static int mq_mkname(struct ctx *c, int i)
{
	char n[64];
	int q;

	bit_name(c, i, n, sizeof(n));
	q = mqo(n, O_RDONLY, 1);
	if (q < 0)
		return q;
	close(q);
	return 0;
}

static int mq_rmname(struct ctx *c, int i)
{
	char n[64];

	bit_name(c, i, n, sizeof(n));
	return mq_unlink(n) ? -errno : 0;
}

static int mq_probe(struct ctx *c, int i, double *v)
{
	char n[64];
	int q;

	bit_name(c, i, n, sizeof(n));
	q = mqo(n, O_WRONLY, 0);
	if (q >= 0)
		close(q);
	*v = probe_value(q < 0 ? q : 0);
	return 0;
}

static void mq_fini(struct ctx *c)
{
	char n[64];
	int k;

	mq_name(c, -1, n, sizeof(n));
	mq_unlink(n);
	for (k = 0; k < c->nbits; k++) {
		mq_name(c, k, n, sizeof(n));
		mq_unlink(n);
	}
}

const struct qops q_pmq = {
	.mech = "posix-mq", .unit = 32,
	.make = mq_make, .r_open = mq_r_open, .s_open = mq_s_open,
	.fill = mq_fill, .put = mq_put, .take = mq_take, .meta = mq_meta,
	.pollout = fd_pollout, .r_close = fd_r_close, .r_reopen = mq_r_reopen,
	.r_back = mq_back_write, .s_back = mq_back_read,
	.r_mkname = mq_mkname, .s_probe = mq_probe, .r_rmname = mq_rmname,
	.r_attr = fd_r_attr, .s_attr = fd_s_attr, .fini = mq_fini,
	.meta_what = "mq_getattr() mq_curmsgs",
	.back_what = "R opens the queue write-only and sends, S receives",
	.name_what = "R mq_open(O_CREAT)s name i, S mq_open()s it",
};

const struct chan chans_fd[] = {
	QCHANS(q_pipe), QCHANS(q_fifo), QCHANS(q_ustream), QCHANS(q_udgram),
	QCHANS(q_eventfd), QCHANS(q_pmq),
	{ 0 }
};
