/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * cli.h - what the SIPC command-line tools share (cli.c): the option
 * loop of the stream tools and a write that does not stop half-way.
 */
#ifndef SIPC_CLI_H
#define SIPC_CLI_H

#include <getopt.h>
#include <stdio.h>
#include <sys/types.h>

/* What cli_next_option() returns besides an option. */
#define CLI_DONE	(-1)	/* no more options */
#define CLI_EXIT	(-2)	/* --help or a usage error: exit with *exit_status */

/*
 * getopt_long() with what every tool does the same way: -h/--help prints
 * the usage on stdout (*exit_status 0), an unknown option or a missing
 * argument prints it on stderr (*exit_status 2).
 */
int cli_next_option(int argc, char **argv, const char *shortopts,
		    const struct option *longopts, void (*usage)(FILE *f),
		    int *exit_status);

/* The usage on stderr; returns 2, the exit status of a usage error. */
int cli_usage_error(void (*usage)(FILE *f));

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
