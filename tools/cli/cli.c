// SPDX-License-Identifier: GPL-2.0-only
/* cli.c - helpers shared by the SIPC command-line tools (cli.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <unistd.h>

#include "cli.h"

int cli_parse_stream_args(int argc, char **argv, void (*usage)(FILE *f),
			  int *verbose, const char **name)
{
	static const struct option opts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c;

	*verbose = 0;
	while ((c = getopt_long(argc, argv, "vh", opts, NULL)) != -1) {
		switch (c) {
		case 'v':
			*verbose = 1;
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
	*name = argv[optind];
	return -1;
}

int write_all(int fd, const void *buf, size_t len)
{
	const char *p = buf;
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}
