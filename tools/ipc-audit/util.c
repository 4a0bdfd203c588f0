// SPDX-License-Identifier: GPL-2.0-only
/* util.c - small helpers the harness and the mechanisms share (util.h). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include "audit.h"
#include "util.h"

double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void set_nonblock(int fd, int on)
{
	int fl = fcntl(fd, F_GETFL);

	fcntl(fd, F_SETFL, on ? fl | O_NONBLOCK : fl & ~O_NONBLOCK);
}

void ignore_sigpipe(void)
{
	signal(SIGPIPE, SIG_IGN);
}

int r_delay(const struct ctx *c, int bit)
{
	struct timespec ts = { 0, (long)c->opts->delay_us * 1000 };

	if (bit)
		nanosleep(&ts, NULL);
	return 0;
}
