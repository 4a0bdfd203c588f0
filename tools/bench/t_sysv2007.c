// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_sysv2007.c - the raw 2007 protocol, no library: one SysV shared
 * memory region and a SysV message queue of depth 1.  Sender: fill,
 * DATA_READY, NOOP-1, NOOP-2 (which waits until the receiver took NOOP-1,
 * i.e. finished reading).  Receiver: take messages up to DATA_READY,
 * read, take NOOP-1.  Three msgsnd() and three msgrcv() per message.
 * ipc[0] msqid, ipc[1] shmid.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/shm.h>

#include "bench.h"

enum { DATA_READY = 1, NOOP = 2 };

struct ctl {
	long mtype;
	uint32_t type, len;	/* same shape as libsipc's, roughly */
	uint64_t offset;
};

static const char *sysv_unavailable(void)
{
	int id = msgget(IPC_PRIVATE, IPC_CREAT | 0600);

	if (id < 0)
		return "SysV message queues unavailable";
	msgctl(id, IPC_RMID, NULL);
	return NULL;
}

static int sysv_setup(struct chan *c)
{
	struct msqid_ds ds;

	c->region = page_round(c->msg);
	c->ipc[0] = msgget(IPC_PRIVATE, IPC_CREAT | 0600);
	if (c->ipc[0] < 0)
		return -errno;
	/* Depth 1: room for exactly one control message. */
	if (msgctl(c->ipc[0], IPC_STAT, &ds))
		return -errno;
	ds.msg_qbytes = sizeof(struct ctl) - sizeof(long);
	if (msgctl(c->ipc[0], IPC_SET, &ds))
		return -errno;
	c->ipc[1] = shmget(IPC_PRIVATE, c->region, IPC_CREAT | 0600);
	return c->ipc[1] < 0 ? -errno : 0;
}

static void sysv_teardown(struct chan *c)
{
	if (c->ipc[0] >= 0)
		msgctl(c->ipc[0], IPC_RMID, NULL);
	if (c->ipc[1] >= 0)
		shmctl(c->ipc[1], IPC_RMID, NULL);
	c->ipc[0] = c->ipc[1] = -1;
}

static int attach(struct chan *c, int flags)
{
	void *p = shmat(c->ipc[1], NULL, flags);

	if (p == (void *)-1)
		return -errno;
	c->map = p;
	return 0;
}

static int tx_open(struct chan *c)
{
	return attach(c, 0);
}

static int snd(struct chan *c, uint32_t type, uint32_t len)
{
	struct ctl m = { .mtype = 1, .type = type, .len = len };

	while (msgsnd(c->ipc[0], &m, sizeof(m) - sizeof(long), 0))
		if (errno != EINTR)
			return -errno;
	return 0;
}

static int rcv(struct chan *c, struct ctl *m)
{
	while (msgrcv(c->ipc[0], m, sizeof(*m) - sizeof(long), 0, 0) < 0)
		if (errno != EINTR)
			return -errno;
	return 0;
}

static int tx_send(struct chan *c, const void *src, size_t n)
{
	int r;

	memcpy(c->map, src, n);
	r = snd(c, DATA_READY, (uint32_t)n);
	if (!r)
		r = snd(c, NOOP, 0);	/* NOOP-1 */
	if (!r)
		r = snd(c, NOOP, 0);	/* NOOP-2: the region is free again */
	return r;
}

static int rx_open(struct chan *c)
{
	return attach(c, SHM_RDONLY);
}

static int rx_recv(struct chan *c, size_t n, const void **data)
{
	struct ctl m;
	int r;

	do {				/* NOOP-2 of the previous message */
		r = rcv(c, &m);
	} while (!r && m.type == NOOP);
	if (!r && m.len != n)
		r = -EPROTO;
	*data = c->map;
	return r;
}

static int rx_release(struct chan *c, bool last)
{
	struct ctl m;

	(void)last;
	return rcv(c, &m);		/* NOOP-1 */
}

static void sysv_close(struct chan *c)
{
	if (c->map)
		shmdt(c->map);
	c->map = NULL;
}

const struct transport t_sysv2007 = {
	.name = "sysv-2007",
	.desc = "raw 2007 protocol: SysV shm + msg queue of depth 1, 3+3 calls/msg",
	.unavailable = sysv_unavailable,
	.setup = sysv_setup,
	.teardown = sysv_teardown,
	.prime = prime_maps,
	.tx_open = tx_open,
	.tx_send = tx_send,
	.rx_open = rx_open,
	.rx_recv = rx_recv,
	.rx_release = rx_release,
	.close = sysv_close,
};
