// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_stream.c - byte-stream baselines: a pipe and a Unix stream socket.
 * One write() and one read() per message in the common case, each a
 * copy through a kernel buffer (64 KiB for a pipe, the socket's sndbuf
 * for a socket): two copies per message, plus the receiver's read pass.
 * fd[0] is the receiving end, fd[1] the sending end; each peer simply
 * leaves the other end alone (it exits after a known message count).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench.h"

static int pipe_setup(struct chan *c)
{
	return pipe2(c->fd, O_CLOEXEC) ? -errno : 0;
}

static int unix_setup(struct chan *c)
{
	int sv[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv))
		return -errno;
	c->fd[0] = sv[0];
	c->fd[1] = sv[1];
	return 0;
}

static int stream_tx_open(struct chan *c)
{
	(void)c;
	return 0;
}

static int stream_tx_send(struct chan *c, const void *src, size_t n)
{
	return write_all(c->fd[1], src, n);
}

static int stream_rx_open(struct chan *c)
{
	c->rxbuf = malloc(c->msg);
	return c->rxbuf ? 0 : -ENOMEM;
}

static int stream_rx_recv(struct chan *c, size_t n, const void **data)
{
	*data = c->rxbuf;
	return read_all(c->fd[0], c->rxbuf, n);
}

static int stream_rx_release(struct chan *c, bool last)
{
	(void)c;
	(void)last;
	return 0;
}

static void stream_close(struct chan *c)
{
	free(c->rxbuf);
	c->rxbuf = NULL;
}

static void stream_teardown(struct chan *c)
{
	close_fds(c);
}

/* One 64 KiB message through, as an idle channel that has worked. */
static int stream_prime(struct chan *tx, struct chan *rx)
{
	int r = write_all(tx->fd[1], rx->rxbuf, rx->msg);

	return r ? r : read_all(rx->fd[0], rx->rxbuf, rx->msg);
}

/* A pipe and a stream socket differ only in how they are made. */
#define STREAM_OPS \
	.teardown = stream_teardown, \
	.prime = stream_prime, \
	.tx_open = stream_tx_open, \
	.tx_send = stream_tx_send, \
	.rx_open = stream_rx_open, \
	.rx_recv = stream_rx_recv, \
	.rx_release = stream_rx_release, \
	.close = stream_close

const struct transport t_pipe = {
	.name = "pipe",
	.desc = "pipe(2): write() + read(), 64 KiB kernel buffer",
	.setup = pipe_setup,
	STREAM_OPS,
};

const struct transport t_unix = {
	.name = "unix-stream",
	.desc = "socketpair(AF_UNIX, SOCK_STREAM): write() + read()",
	.setup = unix_setup,
	STREAM_OPS,
};
