// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sysv.c - the sysv backend: the 2007 SIPC design with no kernel module.
 *
 * A channel is a SysV message queue (the control queue) and a SysV shared
 * memory segment (the region), both created IPC_PRIVATE with mode 0600 by
 * the helper and found by name through the registry (sysv.h).  The queue's
 * msg_qbytes is set to depth * sizeof(struct sipc_msg), so it holds at
 * most "depth" messages and a sender blocks like on the kernel's queue.
 * The receiver attaches the segment with SHM_RDONLY.
 *
 * What this backend cannot do, compared with the kernel backend (see
 * lib/BACKENDS.md): it enforces neither role nor direction (any process
 * with the permissions can send, receive or attach read-write), it cannot
 * revoke a mapping (sipc_revoke() gives -EOPNOTSUPP), it never reports
 * that the sender left (no EPIPE), it has no pollable descriptor, and
 * msgctl/shmctl(IPC_STAT) show anyone with read permission the peers'
 * pids, the queue length and the number of attaches.  Timed waits poll
 * with IPC_NOWAIT and short sleeps.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/shm.h>
#include <time.h>
#include <unistd.h>

#include "sysv.h"

/* A SysV message carrying one control message. */
struct sysv_msgbuf {
	long mtype;		/* always 1 */
	struct sipc_msg m;
};

/* Sleeps between attempts of a timed wait: from 50 us, doubling to 5 ms. */
#define POLL_MIN_NS	50000L
#define POLL_MAX_NS	5000000L

/*
 * errno of an operation on an id that was valid: EINVAL and EIDRM both
 * mean the object is gone, which for a channel is "destroyed".
 */
static int gone_err(int err)
{
	return err == EINVAL || err == EIDRM ? -EIDRM : -err;
}

/* Read the caller's LSM context into buf, "" when none. */
static void own_context(char *buf, size_t size)
{
	ssize_t n = -1;
	size_t i;
	int fd;

	fd = open("/proc/thread-self/attr/current", O_RDONLY | O_CLOEXEC);
	if (fd >= 0) {
		n = read(fd, buf, size - 1);
		close(fd);
	}
	if (n < 0)
		n = 0;
	buf[n] = '\0';
	/* SELinux ends it with NUL, AppArmor with a newline. */
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\0'))
		buf[--n] = '\0';
	for (i = 0; i < (size_t)n; i++)
		if ((unsigned char)buf[i] < 0x20)
			buf[i] = '?';
}

/*
 * Check that the ids of e still name the objects it was written for
 * (SysV ids are reused) and return their state.  0, -EIDRM (stale
 * entry), -EACCES.
 */
static int sysv_check(const struct sysv_entry *e, struct msqid_ds *mq,
		      struct shmid_ds *sh)
{
	if (msgctl(e->msqid, IPC_STAT, mq) < 0 || shmctl(e->shmid, IPC_STAT, sh) < 0)
		return gone_err(errno);
	if (sh->shm_segsz != e->size || sh->shm_perm.cuid != e->uid ||
	    mq->msg_perm.cuid != e->uid ||
	    mq->msg_qbytes != e->depth * sizeof(struct sipc_msg))
		return -EIDRM;
	return 0;
}

/* Read and check entry "name"; returns 0, -ENOENT or -EACCES. */
static int sysv_lookup(const char *name, struct sysv_entry *e,
		       struct msqid_ds *mq, struct shmid_ds *sh)
{
	char file[SYSV_FILE_MAX];
	int dirfd, r;

	dirfd = sysv_reg_open(false);
	if (dirfd < 0)
		return dirfd;
	sysv_entry_file(file, name);
	r = sysv_reg_read(dirfd, file, e);
	close(dirfd);
	if (!r)
		r = sysv_check(e, mq, sh);
	/* A stale entry (objects removed behind our back) names nothing. */
	return r == -EIDRM || r == -EPROTO ? -ENOENT : r;
}

static void remove_objects(const struct sysv_entry *e)
{
	if (e->msqid >= 0)
		msgctl(e->msqid, IPC_RMID, NULL);
	if (e->shmid >= 0)
		shmctl(e->shmid, IPC_RMID, NULL);
}

/* Make the queue and the segment for e (size and depth set). */
static int make_objects(struct sysv_entry *e)
{
	struct msqid_ds ds;
	int err;

	e->shmid = -1;
	e->msqid = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	if (e->msqid < 0)
		return -errno;
	if (msgctl(e->msqid, IPC_STAT, &ds) == 0) {
		ds.msg_qbytes = e->depth * sizeof(struct sipc_msg);
		if (msgctl(e->msqid, IPC_SET, &ds) == 0) {
			e->shmid = shmget(IPC_PRIVATE, e->size, IPC_CREAT | 0600);
			if (e->shmid >= 0)
				return 0;
		}
	}
	err = errno;
	remove_objects(e);
	return -err;
}

/*
 * An existing entry blocks creation unless it is stale; a stale one is
 * taken out of the way.  0 when the name is free, or -EEXIST.
 */
static int claim_name(int dirfd, const char *name)
{
	char file[SYSV_FILE_MAX], dead[SYSV_FILE_MAX];
	struct sysv_entry e;
	struct msqid_ds mq;
	struct shmid_ds sh;
	int r;

	sysv_entry_file(file, name);
	r = sysv_reg_read(dirfd, file, &e);
	if (r == -ENOENT)
		return 0;
	if (!r && sysv_check(&e, &mq, &sh) != -EIDRM)
		return -EEXIST;
	if (sysv_reg_take(dirfd, name, dead) == 0)
		unlinkat(dirfd, dead, 0);
	return 0;
}

static int sysv_create(const char *name, uint64_t size, unsigned int depth)
{
	uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
	struct sysv_entry e = {
		.id = sysv_random(),
		.size = (size + page - 1) / page * page,
		.depth = depth,
		.pid = (uint32_t)getpid(),
		.uid = (uint32_t)geteuid(),
	};
	int dirfd, r;

	dirfd = sysv_reg_open(true);
	if (dirfd < 0)
		return dirfd;
	r = claim_name(dirfd, name);
	if (r)
		goto out;
	own_context(e.context, sizeof(e.context));
	r = make_objects(&e);
	if (r)
		goto out;
	r = sysv_reg_add(dirfd, name, &e);
	if (r)
		remove_objects(&e);
out:
	close(dirfd);
	return r;
}

static int sysv_destroy(const char *name)
{
	char dead[SYSV_FILE_MAX];
	struct sysv_entry e;
	struct msqid_ds mq;
	struct shmid_ds sh;
	int dirfd, r;

	dirfd = sysv_reg_open(false);
	if (dirfd < 0)
		return dirfd;
	/* Only one of several racing destroyers gets the entry. */
	r = sysv_reg_take(dirfd, name, dead);
	if (r)
		goto out;
	r = sysv_reg_read(dirfd, dead, &e);
	if (!r)
		r = sysv_check(&e, &mq, &sh);
	if (!r && (msgctl(e.msqid, IPC_RMID, NULL) < 0 ||
		   shmctl(e.shmid, IPC_RMID, NULL) < 0))
		r = -errno;
	if (r == -EACCES || r == -EPERM) {
		/* Not ours to remove: leave the channel as it was. */
		sysv_reg_restore(dirfd, dead, name);
		goto out;
	}
	/* Removed, or stale (nothing left to remove): drop the entry. */
	unlinkat(dirfd, dead, 0);
	r = 0;
out:
	close(dirfd);
	return r;
}

/*
 * Nothing can take an attached SysV segment away from a process: this is
 * the weakness of the 2007 design that the kernel module exists to fix.
 * The channel must exist, so a typo is not mistaken for the limitation.
 */
static int sysv_revoke(const char *name, unsigned int roles)
{
	struct sysv_entry e;
	struct msqid_ds mq;
	struct shmid_ds sh;
	int r;

	(void)roles;
	r = sysv_lookup(name, &e, &mq, &sh);
	return r ? r : -EOPNOTSUPP;
}

static int sysv_list(char (*names)[SIPC_NAME_MAX], unsigned int count)
{
	int dirfd, r;

	dirfd = sysv_reg_open(false);
	if (dirfd == -ENOENT)
		return 0;
	if (dirfd < 0)
		return dirfd;
	r = sysv_reg_list(dirfd, names, count);
	close(dirfd);
	return r;
}

static int sysv_stat(const char *name, struct sipc_stat *st, char *ctx,
		     size_t ctx_size)
{
	struct sysv_entry e;
	struct msqid_ds mq;
	struct shmid_ds sh;
	int r;

	r = sysv_lookup(name, &e, &mq, &sh);
	if (r)
		return r;
	if (st) {
		/* No state bits and no counters: SysV does not keep them. */
		st->id = e.id;
		st->size = e.size;
		st->depth = e.depth;
		st->queued = (uint32_t)mq.msg_qnum;
		st->creator_pid = e.pid;
		st->creator_uid = e.uid;
		st->attached = (uint32_t)sh.shm_nattch;
	}
	if (ctx && ctx_size)
		snprintf(ctx, ctx_size, "%s", e.context);
	return (int)strlen(e.context);
}

static int sysv_attach(struct sipc_handle *h, const char *name)
{
	struct sysv_entry e;
	struct msqid_ds mq;
	struct shmid_ds sh;
	void *p;
	int r;

	r = sysv_lookup(name, &e, &mq, &sh);
	if (r)
		return r;
	p = shmat(e.shmid, NULL, h->role == SIPC_ROLE_SENDER ? 0 : SHM_RDONLY);
	if (p == (void *)-1)
		return errno == EINVAL || errno == EIDRM ? -ENOENT : -errno;
	h->region = p;
	h->size = e.size;
	h->depth = e.depth;
	h->msqid = e.msqid;
	h->shmid = e.shmid;
	return 0;
}

static void sysv_detach(struct sipc_handle *h)
{
	if (h->region)
		shmdt(h->region);
}

/* Sleep before the next attempt of a timed wait; *ns grows each time. */
static void backoff(long *ns, int left_ms)
{
	struct timespec ts = { 0, *ns };

	if (left_ms >= 0 && (long)left_ms * 1000000 < ts.tv_nsec)
		ts.tv_nsec = (long)left_ms * 1000000;
	nanosleep(&ts, NULL);
	if (*ns < POLL_MAX_NS)
		*ns *= 2;
}

/* One msgsnd (send) or msgrcv; without a time limit it blocks in the kernel. */
static int sysv_xfer(struct sipc_handle *h, bool send, struct sipc_msg *m,
		     const struct sipc_deadline *dl)
{
	int flags = dl->ms < 0 ? 0 : IPC_NOWAIT;
	struct sysv_msgbuf b = { .mtype = 1, .m = *m };
	long ns = POLL_MIN_NS;
	ssize_t n;
	int left;

	for (;;) {
		if (send)
			n = msgsnd(h->msqid, &b, sizeof(b.m), flags);
		else
			n = msgrcv(h->msqid, &b, sizeof(b.m), 0, flags | MSG_NOERROR);
		if (n >= 0)
			break;
		if (errno != EAGAIN && errno != ENOMSG)
			return gone_err(errno);
		left = sipc_deadline_left(dl);
		if (left == 0)
			return sipc_deadline_error(dl);
		backoff(&ns, left);
	}
	if (send)
		return 0;
	/* Anyone with write permission can queue anything: check the size. */
	if (n != sizeof(b.m))
		return -EPROTO;
	*m = b.m;
	return 0;
}

static int sysv_send(struct sipc_handle *h, struct sipc_msg *m,
		     const struct sipc_deadline *dl)
{
	m->size = sizeof(*m);
	return sysv_xfer(h, true, m, dl);
}

static int sysv_recv(struct sipc_handle *h, struct sipc_msg *m,
		     const struct sipc_deadline *dl)
{
	return sysv_xfer(h, false, m, dl);
}

static int sysv_fd(struct sipc_handle *h)
{
	(void)h;
	return -EOPNOTSUPP;
}

const struct sipc_backend sipc_sysv_backend = {
	.name = "sysv",
	.create = sysv_create,
	.destroy = sysv_destroy,
	.revoke = sysv_revoke,
	.list = sysv_list,
	.stat = sysv_stat,
	.attach = sysv_attach,
	.detach = sysv_detach,
	.send = sysv_send,
	.recv = sysv_recv,
	.fd = sysv_fd,
};
