// SPDX-License-Identifier: GPL-2.0-only
/* util.c - small helpers shared by the transports and the runner. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

int write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;
	ssize_t w;

	while (n) {
		w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int read_all(int fd, void *buf, size_t n)
{
	char *p = buf;
	ssize_t r;

	while (n) {
		r = read(fd, p, n);
		if (r < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		if (r == 0)
			return -EPIPE;
		p += r;
		n -= (size_t)r;
	}
	return 0;
}

size_t page_round(size_t n)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);

	return (n + page - 1) / page * page;
}

void chan_name(struct chan *c)
{
	static unsigned int seq;

	snprintf(c->name, sizeof(c->name), "bench-%d-%u", (int)getpid(), seq++);
}

void close_fds(struct chan *c)
{
	int i;

	for (i = 0; i < 4; i++) {
		if (c->fd[i] >= 0)
			close(c->fd[i]);
		c->fd[i] = -1;
	}
}

const char *no_dev_sipc(void)
{
	return access("/dev/sipc", F_OK) ? "no /dev/sipc: sipc.ko not loaded" : NULL;
}

int prime_maps(struct chan *tx, struct chan *rx)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE), i;
	volatile const unsigned char *p = rx->map;
	unsigned int sum = 0;

	memset(tx->map, 0x5a, tx->region);
	for (i = 0; i < rx->region; i += page)
		sum += p[i];
	return sum ? 0 : -EIO;
}
