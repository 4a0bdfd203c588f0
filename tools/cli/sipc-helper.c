// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc-helper - create a SIPC channel and exit.
 *
 * This is the helper process of the SIPC design: neither the sender nor
 * the receiver needs the right to create channels, and the channel keeps
 * the helper's security context.  See sipc-helper(1).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sipc.h>

#include "cli.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: sipc-helper [--size BYTES] [--depth N] [--sealed] NAME\n"
		"Create the SIPC channel NAME and exit.\n"
		"\n"
		"  -s, --size BYTES  region size, rounded up to whole pages; suffix\n"
		"                    K, M or G for powers of 1024 (default 1M)\n"
		"  -d, --depth N     control queue depth, 1..%d (default 1)\n"
		"  -S, --sealed      a sealed channel: the sender cannot change a\n"
		"                    message it published until the receiver\n"
		"                    releases it (kernel backend only; depth 1)\n"
		"  -h, --help        show this help\n"
		"\n"
		"The backend is /dev/sipc when present, else SysV IPC; set\n"
		"SIPC_BACKEND=kernel|sysv to choose.\n"
		"Exit status: 0 created, 1 creation failed, 2 usage error.\n",
		SIPC_QUEUE_DEPTH_MAX);
}

/* "64K", "1M", "4096" -> bytes; 0 on error. */
static size_t parse_size(const char *s)
{
	unsigned long long v;
	char *end;
	int shift = 0;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *s == '-')
		return 0;
	switch (*end) {
	case 'k': case 'K': shift = 10; end++; break;
	case 'm': case 'M': shift = 20; end++; break;
	case 'g': case 'G': shift = 30; end++; break;
	}
	if (*end || v > (SIZE_MAX >> shift))
		return 0;
	return (size_t)v << shift;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "size", required_argument, NULL, 's' },
		{ "depth", required_argument, NULL, 'd' },
		{ "sealed", no_argument, NULL, 'S' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	size_t size = SIPC_DEFAULT_SIZE;
	unsigned long depth = 1;
	char *end;
	unsigned int flags = 0;
	int c, r, status = 0;

	while ((c = cli_next_option(argc, argv, "s:d:Sh", opts, usage, &status)) >= 0) {
		switch (c) {
		case 's':
			size = parse_size(optarg);
			if (!size) {
				fprintf(stderr, "sipc-helper: bad size '%s'\n", optarg);
				return 2;
			}
			break;
		case 'd':
			depth = strtoul(optarg, &end, 10);
			if (*end || !*optarg || depth < 1 || depth > SIPC_QUEUE_DEPTH_MAX) {
				fprintf(stderr, "sipc-helper: bad depth '%s'\n", optarg);
				return 2;
			}
			break;
		case 'S':
			flags |= SIPC_CREATE_SEALED;
			break;
		}
	}
	if (c == CLI_EXIT)
		return status;
	if (optind != argc - 1)
		return cli_usage_error(usage);
	if (flags && depth != 1) {
		fprintf(stderr, "sipc-helper: --sealed takes depth 1\n");
		return 2;
	}
	if (flags)
		r = sipc_create_flags(argv[optind], size, 0, flags);
	else
		r = sipc_create(argv[optind], size, (unsigned int)depth);
	if (r) {
		fprintf(stderr, "sipc-helper: %s: %s\n", argv[optind], sipc_strerror(r));
		return 1;
	}
	return 0;
}
