// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_kernel2007.c - the 2007 protocol over /dev/sipc with one ioctl per
 * control message, as before the fast path: the sender does SEND
 * DATA_READY, SEND NOOP-1, SEND NOOP-2; the receiver RECV up to
 * DATA_READY, reads, RECV NOOP-1.  Three ioctls per side per message;
 * sipc-kernel-1 does the same protocol in one (COMMIT / RECV_NEXT).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include <linux/sipc.h>

#include "bench.h"

static int dev_ioctl(unsigned long cmd, void *arg)
{
	int fd, r;

	fd = open(SIPC_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	r = ioctl(fd, cmd, arg);
	r = r < 0 ? -errno : r;
	close(fd);
	return r;
}

static int k_setup(struct chan *c)
{
	struct sipc_create cr = {
		.size = sizeof(cr),
		.region_size = c->msg,
		.queue_depth = 1,
	};
	int r;

	snprintf(cr.name, sizeof(cr.name), "%s", c->name);
	r = dev_ioctl(SIPC_IOC_CREATE, &cr);
	c->region = cr.region_size;
	return r < 0 ? r : 0;
}

static void k_teardown(struct chan *c)
{
	struct sipc_channel_ref ref = { .size = sizeof(ref) };

	snprintf(ref.name, sizeof(ref.name), "%s", c->name);
	dev_ioctl(SIPC_IOC_DESTROY, &ref);
}

static int k_attach(struct chan *c, unsigned long cmd, int prot)
{
	struct sipc_channel_ref ref = { .size = sizeof(ref) };
	int r;

	snprintf(ref.name, sizeof(ref.name), "%s", c->name);
	r = dev_ioctl(cmd, &ref);
	if (r < 0)
		return r;
	c->h = r;
	c->map = mmap(NULL, c->region, prot, MAP_SHARED, c->h, 0);
	if (c->map == MAP_FAILED) {
		c->map = NULL;
		return -errno;
	}
	return 0;
}

static int xfer(struct chan *c, unsigned long cmd, struct sipc_msg *m)
{
	m->size = sizeof(*m);
	while (ioctl(c->h, cmd, m) < 0)
		if (errno != EINTR)
			return -errno;
	return 0;
}

static int k_tx_open(struct chan *c)
{
	return k_attach(c, SIPC_IOC_ATTACH_SENDER, PROT_READ | PROT_WRITE);
}

static int k_tx_send(struct chan *c, const void *src, size_t n)
{
	struct sipc_msg m = { .type = SIPC_MSG_DATA_READY, .len = (__u32)n };
	int r;

	memcpy(c->map, src, n);
	r = xfer(c, SIPC_IOC_SEND, &m);
	m = (struct sipc_msg){ .type = SIPC_MSG_NOOP };
	if (!r)
		r = xfer(c, SIPC_IOC_SEND, &m);		/* NOOP-1 */
	m = (struct sipc_msg){ .type = SIPC_MSG_NOOP };
	if (!r)
		r = xfer(c, SIPC_IOC_SEND, &m);		/* NOOP-2 */
	return r;
}

static int k_rx_open(struct chan *c)
{
	return k_attach(c, SIPC_IOC_ATTACH_RECEIVER, PROT_READ);
}

static int k_rx_recv(struct chan *c, size_t n, const void **data)
{
	struct sipc_msg m;
	int r;

	do {
		m = (struct sipc_msg){ 0 };
		r = xfer(c, SIPC_IOC_RECV, &m);
	} while (!r && m.type == SIPC_MSG_NOOP);
	if (!r && (m.len != n || m.offset))
		r = -EPROTO;
	*data = c->map;
	return r;
}

static int k_rx_release(struct chan *c, bool last)
{
	struct sipc_msg m = { 0 };

	(void)last;
	return xfer(c, SIPC_IOC_RECV, &m);		/* NOOP-1 */
}

static void k_close(struct chan *c)
{
	if (c->map)
		munmap(c->map, c->region);
	c->map = NULL;
	if (c->h >= 0)
		close(c->h);
	c->h = -1;
}

const struct transport t_kernel2007 = {
	.name = "kernel-2007",
	.desc = "/dev/sipc, one region, SEND/RECV ioctl per control message (3+3/msg)",
	.unavailable = no_dev_sipc,
	.setup = k_setup,
	.teardown = k_teardown,
	.prime = prime_maps,
	.tx_open = k_tx_open,
	.tx_send = k_tx_send,
	.rx_open = k_rx_open,
	.rx_recv = k_rx_recv,
	.rx_release = k_rx_release,
	.close = k_close,
};
