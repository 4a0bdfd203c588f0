/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cli.h - what the SIPC command-line tools share (cli.c): the option
 * loop of the stream tools and a write that does not stop half-way.
 */
#ifndef SIPC_CLI_H
#define SIPC_CLI_H

#include <stdio.h>
#include <sys/types.h>

/*
 * Parse "[-v|--verbose] [-h|--help] NAME", the command line of sipc-send
 * and sipc-recv.  Returns -1 with *verbose and *name set when the tool
 * should run, else the exit status: 0 after --help (usage on stdout),
 * 2 on a usage error (usage on stderr).
 */
int cli_parse_stream_args(int argc, char **argv, void (*usage)(FILE *f),
			  int *verbose, const char **name);

/* Write all LEN bytes of BUF to FD, retrying on EINTR; 0 or -errno. */
int write_all(int fd, const void *buf, size_t len);

#endif
