/* SPDX-License-Identifier: GPL-2.0-only */
/* util.h - small helpers the harness and the mechanisms share (util.c). */
#ifndef IPC_AUDIT_UTIL_H
#define IPC_AUDIT_UTIL_H

struct ctx;

double now_s(void);			/* CLOCK_MONOTONIC in seconds */
void set_nonblock(int fd, int on);
void ignore_sigpipe(void);
/* Timing modulation in R: sleep the run's delay_us for a 1 bit.  Returns 0. */
int r_delay(const struct ctx *c, int bit);

#endif
