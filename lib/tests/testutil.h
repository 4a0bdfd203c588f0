/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * testutil.h - helpers shared by the libsipc tests.  The tests themselves
 * know nothing of the backend: they run unchanged on sysv (host) and
 * kernel (guest); where the backends are documented to differ, they ask
 * tu_kernel().
 */
#ifndef SIPC_TESTUTIL_H
#define SIPC_TESTUTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <sipc.h>

/* A channel name unique to this process: "t<pid>-<tag>". */
void tu_name(char buf[SIPC_NAME_MAX], const char *tag);

/* Milliseconds of CLOCK_MONOTONIC. */
int64_t tu_now_ms(void);
void tu_sleep_ms(int ms);

/* True on the kernel backend. */
bool tu_kernel(void);

/* A cheap reproducible generator (xorshift64*). */
uint64_t tu_rand(uint64_t *state);

/*
 * Length of message i of a random stream: 0 first, then the capacity, then
 * uniform in 0..cap; both ends of a stream compute the same sequence.
 */
size_t tu_msg_len(uint64_t *state, unsigned int i, size_t cap);

/* Fill / check len bytes with the pattern of "seed". */
void tu_fill(void *buf, size_t len, uint64_t seed);
bool tu_check(const void *buf, size_t len, uint64_t seed);

/* fork() a child that dies with its parent.  Returns as fork(). */
pid_t tu_fork(void);

/*
 * Wait up to timeout_ms for child pid.  Returns its exit status (0..255),
 * 1000 + signal if killed by one, or -1 on time-out (the child is then
 * killed and reaped).
 */
int tu_wait(pid_t pid, int timeout_ms);

/* What a leak would change: SysV object counts and the module's counters. */
struct tu_leaks {
	long sysv_msg, sysv_shm;	/* lines in /proc/sysvipc/{msg,shm} */
	long channels, endpoints, region_bytes;	/* -1: not readable */
};
void tu_leaks(struct tu_leaks *l);

#endif
