// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_memfd.c - shared memory done by hand: a memfd region of "slots"
 * buffers (the same count as sipc-kernel-N) and two semaphore eventfds,
 * one counting filled buffers (sender -> receiver) and one counting free
 * buffers (receiver -> sender, a reverse channel SIPC does not have).
 * Two system calls per message on each side, one copy (the sender's).
 * fd[0] memfd, fd[1] "filled", fd[2] "free".
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/mman.h>
#include <unistd.h>

#include "bench.h"

static const char *memfd_unavailable(void)
{
	int fd = memfd_create("sipc-bench-probe", MFD_CLOEXEC);

	if (fd < 0)
		return "memfd_create() failed";
	close(fd);
	fd = eventfd(0, EFD_CLOEXEC);
	if (fd < 0)
		return "eventfd() failed";
	close(fd);
	return NULL;
}

static size_t slot_size(const struct chan *c)
{
	return page_round(c->msg);
}

static int memfd_setup(struct chan *c)
{
	c->region = slot_size(c) * c->slots;
	c->fd[0] = memfd_create("sipc-bench", MFD_CLOEXEC);
	if (c->fd[0] < 0)
		return -errno;
	if (ftruncate(c->fd[0], (off_t)c->region))
		return -errno;
	c->fd[1] = eventfd(0, EFD_CLOEXEC | EFD_SEMAPHORE);
	c->fd[2] = eventfd(c->slots, EFD_CLOEXEC | EFD_SEMAPHORE);
	return c->fd[1] < 0 || c->fd[2] < 0 ? -errno : 0;
}

static int map(struct chan *c, int prot)
{
	c->map = mmap(NULL, c->region, prot, MAP_SHARED, c->fd[0], 0);
	return c->map == MAP_FAILED ? (c->map = NULL, -errno) : 0;
}

static int memfd_tx_open(struct chan *c)
{
	return map(c, PROT_READ | PROT_WRITE);
}

static int memfd_tx_send(struct chan *c, const void *src, size_t n)
{
	uint64_t v;
	int r;

	r = read_all(c->fd[2], &v, sizeof(v));		/* a free buffer */
	if (r)
		return r;
	memcpy(c->map + (size_t)c->slot * slot_size(c), src, n);
	c->slot = (c->slot + 1) % c->slots;
	v = 1;
	return write_all(c->fd[1], &v, sizeof(v));	/* one more filled */
}

static int memfd_rx_open(struct chan *c)
{
	return map(c, PROT_READ);
}

static int memfd_rx_recv(struct chan *c, size_t n, const void **data)
{
	uint64_t v;

	(void)n;
	*data = c->map + (size_t)c->slot * slot_size(c);
	return read_all(c->fd[1], &v, sizeof(v));
}

static int memfd_rx_release(struct chan *c, bool last)
{
	uint64_t v = 1;

	(void)last;
	c->slot = (c->slot + 1) % c->slots;
	return write_all(c->fd[2], &v, sizeof(v));
}

static void memfd_close(struct chan *c)
{
	if (c->map)
		munmap(c->map, c->region);
	c->map = NULL;
}

static void memfd_teardown(struct chan *c)
{
	close_fds(c);
}

const struct transport t_memfd = {
	.name = "memfd+eventfd",
	.desc = "memfd ring of N buffers, eventfd semaphores both ways",
	.slotted = true,
	.unavailable = memfd_unavailable,
	.setup = memfd_setup,
	.teardown = memfd_teardown,
	.prime = prime_maps,
	.tx_open = memfd_tx_open,
	.tx_send = memfd_tx_send,
	.rx_open = memfd_rx_open,
	.rx_recv = memfd_rx_recv,
	.rx_release = memfd_rx_release,
	.close = memfd_close,
};
