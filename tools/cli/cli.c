// SPDX-License-Identifier: GPL-2.0-only
/* cli.c - helpers shared by the SIPC command-line tools (cli.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <unistd.h>

#include "cli.h"

int cli_next_option(int argc, char **argv, const char *shortopts,
		    const struct option *longopts, void (*usage)(FILE *f),
		    int *exit_status)
{
	int c = getopt_long(argc, argv, shortopts, longopts, NULL);

	if (c == 'h') {
		usage(stdout);
		*exit_status = 0;
		return CLI_EXIT;
	}
	if (c == '?' || c == ':') {
		*exit_status = cli_usage_error(usage);
		return CLI_EXIT;
	}
	return c == -1 ? CLI_DONE : c;
}

int cli_usage_error(void (*usage)(FILE *f))
{
	usage(stderr);
	return 2;
}

int cli_parse_stream_args(int argc, char **argv, void (*usage)(FILE *f),
			  int *verbose, const char **name)
{
	static const struct option opts[] = {
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int c, status = 0;

	*verbose = 0;
	while ((c = cli_next_option(argc, argv, "vh", opts, usage, &status)) == 'v')
		*verbose = 1;
	if (c == CLI_EXIT)
		return status;
	if (optind != argc - 1)
		return cli_usage_error(usage);
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
