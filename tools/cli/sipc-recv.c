// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc-recv - write what arrives on a SIPC channel to standard output,
 * until the sender marks the end of the stream.  Writes straight from the
 * read-only region (no copy).  See sipc-recv(1).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sipc.h>

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: sipc-recv [--verbose] NAME\n"
		"Write the messages of the SIPC channel NAME to standard output until\n"
		"the end of the stream.\n"
		"\n"
		"  -v, --verbose  report bytes and messages received on standard error\n"
		"  -h, --help     show this help\n"
		"\n"
		"Exit status: 0 end of stream reached, 1 error, 2 usage error,\n"
		"3 stream cut: the sender left or the channel was destroyed first.\n");
}

static int write_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long long bytes = 0, msgs = 0;
	int c, h, r, verbose = 0;
	const char *name;
	const void *data;
	size_t len;

	while ((c = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
		switch (c) {
		case 'v':
			verbose = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	name = argv[optind];
	h = sipc_open(name, SIPC_ROLE_RECEIVER);
	if (h < 0) {
		fprintf(stderr, "sipc-recv: %s: %s\n", name, sipc_strerror(h));
		return 1;
	}
	while ((r = sipc_next(h, &data, &len, -1)) == 1) {
		r = write_all(STDOUT_FILENO, data, len);
		if (r) {
			fprintf(stderr, "sipc-recv: write: %s\n", strerror(-r));
			return 1;
		}
		bytes += len;
		msgs++;
		r = sipc_done(h, -1);
		if (r)
			break;
	}
	if (r < 0) {
		fprintf(stderr, "sipc-recv: %s: %s\n", name, sipc_strerror(r));
		return r == -EPIPE || r == -EIDRM ? 3 : 1;
	}
	if (verbose)
		fprintf(stderr, "sipc-recv: %s: %llu bytes in %llu messages\n",
			name, bytes, msgs);
	sipc_close(h);
	return 0;
}
