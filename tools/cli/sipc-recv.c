// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc-recv - write what arrives on a SIPC channel to standard output,
 * until the sender marks the end of the stream.  Writes straight from the
 * read-only region (no copy).  See sipc-recv(1).
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

int main(int argc, char **argv)
{
	unsigned long long bytes = 0, msgs = 0;
	int exit_status, h, r, verbose;
	const char *name;
	const void *data;
	size_t len;

	exit_status = cli_parse_stream_args(argc, argv, usage, &verbose, &name);
	if (exit_status >= 0)
		return exit_status;
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
