// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc-send - stream standard input through a SIPC channel.
 *
 * Reads straight into the channel's region (no copy), one region-full per
 * message, and ends with the end-of-stream marker so that sipc-recv(1)
 * writes exactly the bytes read here.  See sipc-send(1).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sipc.h>

#include "cli.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: sipc-send [--verbose] NAME\n"
		"Send standard input through the SIPC channel NAME, then mark the\n"
		"end of the stream.\n"
		"\n"
		"  -v, --verbose  report bytes and messages sent on standard error\n"
		"  -h, --help     show this help\n"
		"\n"
		"Exit status: 0 all input sent, 1 error, 2 usage error.\n");
}

/* Fill buf from fd up to cap bytes or end of input; bytes read or -errno. */
static ssize_t read_full(int fd, char *buf, size_t cap)
{
	size_t len = 0;
	ssize_t n;

	while (len < cap) {
		n = read(fd, buf + len, cap - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		if (n == 0)
			break;
		len += (size_t)n;
	}
	return (ssize_t)len;
}

static int fail(const char *name, const char *what, int err)
{
	fprintf(stderr, "sipc-send: %s: %s: %s\n", name, what,
		err < 0 ? sipc_strerror(err) : strerror(err));
	return 1;
}

int main(int argc, char **argv)
{
	unsigned long long bytes = 0, msgs = 0;
	int exit_status, h, r, verbose;
	const char *name;
	size_t cap;
	ssize_t n;
	void *buf;

	exit_status = cli_parse_stream_args(argc, argv, usage, &verbose, &name);
	if (exit_status >= 0)
		return exit_status;
	h = sipc_open(name, SIPC_ROLE_SENDER);
	if (h < 0)
		return fail(name, "open", h);
	r = sipc_buffer(h, &buf, &cap);
	if (r)
		return fail(name, "buffer", r);
	for (;;) {
		/* The region is ours again once the receiver is done with it. */
		r = sipc_acquire(h, -1);
		if (r)
			return fail(name, "acquire", r);
		n = read_full(STDIN_FILENO, buf, cap);
		if (n < 0)
			return fail(name, "read standard input", (int)-n);
		if (n == 0)
			break;
		r = sipc_commit(h, (size_t)n, -1);
		if (r)
			return fail(name, "send", r);
		bytes += (unsigned long long)n;
		msgs++;
	}
	r = sipc_send_eof(h, -1);
	if (r)
		return fail(name, "end of stream", r);
	if (verbose)
		fprintf(stderr, "sipc-send: %s: %llu bytes in %llu messages\n",
			name, bytes, msgs);
	sipc_close(h);
	return 0;
}
