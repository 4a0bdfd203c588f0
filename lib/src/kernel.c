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
 * The fast path: SIPC_IOC_COMMIT is the sender's whole protocol step and
 * SIPC_IOC_RECV_NEXT the receiver's, one system call per message each
 * (protocol.c decides when they apply); multi-slot channels are made with
 * struct sipc_create.slots.
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

/* The region is @slots slots of @slot_size; the kernel page-aligns them. */
static int kernel_create_slots(const char *name, uint64_t slot_size,
			       unsigned int slots)
{
	struct sipc_create c = {
		.size = sizeof(c),
		.region_size = slot_size * slots,
		.slots = slots,
	};
	int r;

	copy_name(c.name, name);
	r = dev_ioctl(SIPC_IOC_CREATE, &c);
	/* A module older than slots refuses the longer struct. */
	return r == -E2BIG ? -EOPNOTSUPP : r;
}

/*
 * A module older than the flag refuses it with EINVAL (and one older than
 * slots the longer struct with E2BIG): "not supported" then.
 */
static int kernel_feature_errno(int r, uint64_t feature);

static int kernel_create_flags(const char *name, uint64_t size,
			       unsigned int slots, unsigned int flags)
{
	struct sipc_create c = {
		.size = sizeof(c),
		.flags = flags,
		.region_size = slots > 1 ? size * slots : size,
		.queue_depth = slots > 1 ? 0 : 1,
		.slots = slots > 1 ? slots : 0,
	};
	int r;

	copy_name(c.name, name);
	r = dev_ioctl(SIPC_IOC_CREATE, &c);
	if (r == -E2BIG)
		return -EOPNOTSUPP;
	return kernel_feature_errno(r, SIPC_FEATURE_SEALED);
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

/*
 * A module older than the flag refuses it with EINVAL; say "not
 * supported" then, rather than "bad argument".
 */
static int kernel_feature_errno(int r, uint64_t feature)
{
	struct sipc_version v = { .size = sizeof(v) };

	if (r != -EINVAL || dev_ioctl(SIPC_IOC_VERSION, &v) < 0)
		return r;
	return v.features & feature ? r : -EOPNOTSUPP;
}

static int kernel_revoke_id(uint64_t id, unsigned int roles)
{
	struct sipc_channel_ref ref = {
		.size = sizeof(ref),
		.flags = roles | SIPC_REF_BY_ID,
		.id = id,
	};

	return kernel_feature_errno(dev_ioctl(SIPC_IOC_REVOKE, &ref),
				    SIPC_FEATURE_REF_BY_ID);
}

static int kernel_destroy_revoke(const char *name)
{
	struct sipc_channel_ref ref = {
		.size = sizeof(ref),
		.flags = SIPC_DESTROY_REVOKE,
	};

	copy_name(ref.name, name);
	return kernel_feature_errno(dev_ioctl(SIPC_IOC_DESTROY, &ref),
				    SIPC_FEATURE_DESTROY_REVOKE);
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
		st->flags = SIPC_STAT_STATE | SIPC_STAT_COUNTERS |
			    SIPC_STAT_CREATE_FLAGS;
		/* A module older than SIPC_INFO_SIZE_VER3 leaves it 0. */
		st->create_flags = i.create_flags;
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
	/* A module older than slots leaves the field 0: one region. */
	h->slots = ep.slots > 1 ? ep.slots : 1;
	h->slot_size = ep.region_size / h->slots;
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

static int kernel_recv_next(struct sipc_handle *h, struct sipc_msg *m,
			    const struct sipc_deadline *dl)
{
	*m = (struct sipc_msg){ 0 };
	return kernel_xfer(h, SIPC_IOC_RECV_NEXT, POLLIN, m, dl);
}

/*
 * SIPC_IOC_COMMIT, blocking: the kernel queues DATA_READY (and on one
 * region NOOP-1 and NOOP-2) and returns once the next buffer is free.  It
 * writes seq back as soon as DATA_READY is queued, which is how the
 * caller tells "nothing sent" from "sent, but the wait was cut short".
 */
static int kernel_commit(struct sipc_handle *h, struct sipc_msg *m)
{
	m->size = sizeof(*m);
	m->flags = 0;
	m->seq = 0;
	return sipc_do_ioctl(h->fd, SIPC_IOC_COMMIT, m);
}

/*
 * Room in the queue, which on a multi-slot channel means the next slot
 * is free: POLLOUT on the endpoint.  POLLERR/POLLHUP mean destroyed or
 * revoked; EP_INFO then gives the matching errno (EIDRM, EACCES).
 */
static int kernel_wait_room(struct sipc_handle *h, const struct sipc_deadline *dl)
{
	struct pollfd pfd = { .fd = h->fd, .events = POLLOUT };
	struct sipc_ep_info ep = { .size = sizeof(ep) };
	int r, left;

	for (;;) {
		left = sipc_deadline_left(dl);
		r = poll(&pfd, 1, left);
		if (r < 0)
			return -errno;
		if (r == 0)
			return sipc_deadline_error(dl);
		if (pfd.revents & POLLOUT)
			return 0;
		if (pfd.revents & (POLLERR | POLLHUP | POLLNVAL)) {
			r = sipc_do_ioctl(h->fd, SIPC_IOC_EP_INFO, &ep);
			return r < 0 ? r : -EIO;
		}
	}
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
	.revoke_id = kernel_revoke_id,
	.destroy_revoke = kernel_destroy_revoke,
	.list = kernel_list,
	.stat = kernel_stat,
	.label = kernel_label,
	.attach = kernel_attach,
	.detach = kernel_detach,
	.send = kernel_send,
	.recv = kernel_recv,
	.fd = kernel_fd,
	.create_slots = kernel_create_slots,
	.create_flags = kernel_create_flags,
	.commit = kernel_commit,
	.recv_next = kernel_recv_next,
	.wait_room = kernel_wait_room,
};
