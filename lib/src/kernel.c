// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * kernel.c - the kernel backend: each operation fills one struct of
 * <linux/sipc.h> and issues one ioctl through sipc_do_ioctl().
 *
 * Channel calls open /dev/sipc, issue one command and close it again, so
 * the library keeps no descriptor between calls.  A handle owns one
 * endpoint descriptor (close-on-exec) and a MAP_SHARED mapping of the
 * region made through it: read-write for a sender, read-only for a
 * receiver (the kernel refuses anything else to a receiver).
 *
 * Waiting: a call that may wait forever uses the blocking ioctl; a call
 * with a time limit issues the ioctl with SIPC_MSG_F_NONBLOCK and poll()s
 * the endpoint between attempts.  Either way the kernel's errno is passed
 * on unchanged (EIDRM, EPIPE, EINTR, ...).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

/* One ioctl: its non-negative result, or -errno. */
static int sipc_do_ioctl(int fd, unsigned long cmd, void *arg)
{
	int r = ioctl(fd, cmd, arg);

	return r < 0 ? -errno : r;
}

/* One command on /dev/sipc. */
static int dev_ioctl(unsigned long cmd, void *arg)
{
	int fd, r;

	fd = open(SIPC_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		/* A missing device is a missing module, not a missing channel. */
		if (errno == ENOENT || errno == ENXIO || errno == ENODEV)
			return -ENODEV;
		return -errno;
	}
	r = sipc_do_ioctl(fd, cmd, arg);
	close(fd);
	return r;
}

/* The caller checked the name's length: it fits with its NUL. */
static void copy_name(char dst[SIPC_NAME_MAX], const char *name)
{
	strncpy(dst, name, SIPC_NAME_MAX - 1);
}

static int kernel_create(const char *name, uint64_t size, unsigned int depth)
{
	struct sipc_create c = {
		.size = sizeof(c),
		.region_size = size,
		.queue_depth = depth,
	};

	copy_name(c.name, name);
	return dev_ioctl(SIPC_IOC_CREATE, &c);
}

static int kernel_destroy(const char *name)
{
	struct sipc_channel_ref ref = { .size = sizeof(ref) };

	copy_name(ref.name, name);
	return dev_ioctl(SIPC_IOC_DESTROY, &ref);
}

static int kernel_revoke(const char *name, unsigned int roles)
{
	struct sipc_channel_ref ref = { .size = sizeof(ref), .flags = roles };

	copy_name(ref.name, name);
	return dev_ioctl(SIPC_IOC_REVOKE, &ref);
}

static int kernel_list(char (*names)[SIPC_NAME_MAX], unsigned int count)
{
	struct sipc_list l = {
		.size = sizeof(l),
		.names = (uintptr_t)names,
		.count = count,
	};
	int r;

	r = dev_ioctl(SIPC_IOC_LIST, &l);
	return r < 0 ? r : (int)l.total;
}

static int kernel_stat(const char *name, struct sipc_stat *st, char *ctx,
		       size_t ctx_size)
{
	struct sipc_info i = {
		.size = sizeof(i),
		.context = (uintptr_t)ctx,
		.context_size = ctx_size > UINT32_MAX ? UINT32_MAX : ctx_size,
	};
	int r;

	copy_name(i.name, name);
	r = dev_ioctl(SIPC_IOC_INFO, &i);
	if (r < 0)
		return r;
	if (st) {
		st->id = i.id;
		st->size = i.region_size;
		st->depth = i.queue_depth;
		st->queued = i.queue_len;
		st->state = i.state;
		st->flags = SIPC_STAT_STATE | SIPC_STAT_COUNTERS;
		st->creator_pid = i.creator_pid;
		st->creator_uid = i.creator_uid;
		st->attached = !!(i.state & SIPC_STATE_SENDER) +
			       !!(i.state & SIPC_STATE_RECEIVER);
		st->msgs_sent = i.msgs_sent;
		st->msgs_received = i.msgs_received;
		st->bytes_sent = i.bytes_sent;
	}
	return (int)i.context_len;
}

static int kernel_label(const char *name, char *buf, size_t size)
{
	struct sipc_info i = {
		.size = sizeof(i),
		.label = (uintptr_t)buf,
		.label_size = size > UINT32_MAX ? UINT32_MAX : size,
	};
	int r;

	copy_name(i.name, name);
	r = dev_ioctl(SIPC_IOC_INFO, &i);
	return r < 0 ? r : (int)i.label_len;
}

static int kernel_attach(struct sipc_handle *h, const char *name)
{
	struct sipc_channel_ref ref = { .size = sizeof(ref) };
	struct sipc_ep_info ep = { .size = sizeof(ep) };
	bool sender = h->role == SIPC_ROLE_SENDER;
	void *p;
	int r;

	copy_name(ref.name, name);
	r = dev_ioctl(sender ? SIPC_IOC_ATTACH_SENDER : SIPC_IOC_ATTACH_RECEIVER, &ref);
	if (r < 0)
		return r;
	h->fd = r;
	r = sipc_do_ioctl(h->fd, SIPC_IOC_EP_INFO, &ep);
	if (r < 0)
		goto err_close;
	p = mmap(NULL, ep.region_size, sender ? PROT_READ | PROT_WRITE : PROT_READ,
		 MAP_SHARED, h->fd, 0);
	if (p == MAP_FAILED) {
		r = -errno;
		goto err_close;
	}
	h->region = p;
	h->size = ep.region_size;
	h->depth = ep.queue_depth;
	return 0;

err_close:
	close(h->fd);
	h->fd = -1;
	return r;
}

static void kernel_detach(struct sipc_handle *h)
{
	if (h->region)
		munmap(h->region, h->size);
	if (h->fd >= 0)
		close(h->fd);
}

/*
 * One SEND or RECV.  Without a time limit the ioctl blocks in the kernel;
 * with one, try without blocking and poll() until ready or out of time.
 */
static int kernel_xfer(struct sipc_handle *h, unsigned long cmd, short events,
		       struct sipc_msg *m, const struct sipc_deadline *dl)
{
	struct pollfd pfd = { .fd = h->fd, .events = events };
	int r, left;

	m->size = sizeof(*m);
	m->flags = dl->ms < 0 ? 0 : SIPC_MSG_F_NONBLOCK;
	for (;;) {
		r = sipc_do_ioctl(h->fd, cmd, m);
		if (r != -EAGAIN)
			return r;
		/* Also reached if someone made the endpoint O_NONBLOCK. */
		left = sipc_deadline_left(dl);
		if (left == 0)
			return sipc_deadline_error(dl);
		/* HUP/ERR wake poll too: the next ioctl reports why. */
		if (poll(&pfd, 1, left) < 0)
			return -errno;
	}
}

static int kernel_send(struct sipc_handle *h, struct sipc_msg *m,
		       const struct sipc_deadline *dl)
{
	return kernel_xfer(h, SIPC_IOC_SEND, POLLOUT, m, dl);
}

static int kernel_recv(struct sipc_handle *h, struct sipc_msg *m,
		       const struct sipc_deadline *dl)
{
	*m = (struct sipc_msg){ 0 };	/* all outputs */
	return kernel_xfer(h, SIPC_IOC_RECV, POLLIN, m, dl);
}

static int kernel_fd(struct sipc_handle *h)
{
	return h->fd;
}

const struct sipc_backend sipc_kernel_backend = {
	.name = "kernel",
	.create = kernel_create,
	.destroy = kernel_destroy,
	.revoke = kernel_revoke,
	.list = kernel_list,
	.stat = kernel_stat,
	.label = kernel_label,
	.attach = kernel_attach,
	.detach = kernel_detach,
	.send = kernel_send,
	.recv = kernel_recv,
	.fd = kernel_fd,
};
