/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * st_proc.h - process control: fork a peer that dies with the test
 * (PDEATHSIG), wait for it with a time limit, pass ints through pipes,
 * share memory with it, and sleep.
 *
 * One encoding for how a child ended, everywhere: its exit code (0..127
 * in practice), or ST_KILLED_BY(signal), or -ETIMEDOUT.
 */
#ifndef ST_PROC_H
#define ST_PROC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <sys/types.h>
#include <unistd.h>

/* How long a peer must stay blocked before we believe it really is. */
#define ST_BLOCK_MS		300
/* Upper bound for anything that should happen "at once" (TCG is slow). */
#define ST_WAKE_MS		10000

/* The shell's code for "killed by sig". */
#define ST_KILLED_BY(sig)	(128 + (sig))

void st_msleep(int ms);
/* fork(); the child gets PR_SET_PDEATHSIG(SIGKILL), or exits 99. */
pid_t st_fork(void);
/* Reap pid within timeout_ms: exit code, ST_KILLED_BY(), or -ETIMEDOUT. */
int st_reap(pid_t pid, int timeout_ms);
/* st_reap(), but a child still running at the limit is killed and reaped. */
int st_reap_or_kill(pid_t pid, int timeout_ms);
/* SIGKILL and reap. */
void st_kill(pid_t pid);
/* true while pid has not exited (does not reap). */
bool st_alive(pid_t pid);

/*
 * Pass a descriptor over a Unix socket (SCM_RIGHTS, one byte of data).
 * st_send_fd: 0 or -errno.  st_recv_fd: the new descriptor, -errno, or
 * -EPROTO when the message carried no descriptor.
 */
int st_send_fd(int sock, int fd);
int st_recv_fd(int sock);

/* Report ints through a pipe between a test and its peers. */
int st_put(int fd, int val);
/* 0, -ETIMEDOUT, or -EPIPE (writer gone). */
int st_get(int fd, int *val, int timeout_ms);

/* Anonymous shared memory, visible to children forked later; or NULL. */
void *st_shared_alloc(size_t size);
/* Poll *flag (shared memory) until it is non-zero; 0 or -ETIMEDOUT. */
int st_wait_flag(volatile int *flag, int timeout_ms);

/* In a forked peer: on failure print where and exit 1. */
#define CHILD_EXPECT(cond) do {						\
	if (!(cond)) {							\
		fprintf(stderr, "# %s:%d: peer %d: check failed: %s\n",	\
			__FILE__, __LINE__, (int)getpid(), #cond);	\
		_exit(1);						\
	}								\
} while (0)
#define CHILD_EQ(exp, seen) do {					\
	long long __e = (long long)(exp), __s = (long long)(seen);	\
	if (__e != __s) {						\
		fprintf(stderr, "# %s:%d: peer %d: %s is %lld, want %s (%lld)\n", \
			__FILE__, __LINE__, (int)getpid(), #seen, __s,	\
			#exp, __e);					\
		_exit(1);						\
	}								\
} while (0)

#endif /* ST_PROC_H */
