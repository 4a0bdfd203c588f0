/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sipc_test_util.h - helpers shared by the SIPC kselftests.
 *
 * Every helper returns 0 (or a value) on success and a negative errno on
 * failure, and never touches the harness: the tests decide what to assert.
 * (kselftest_harness.h defines non-static functions, so only the test
 * files include it; this file and sipc_test_util.c must not.)
 *
 * What is here: /dev/sipc wrappers for each ioctl, unique channel names,
 * a "channel with both endpoints attached and mapped" bundle, the sysfs
 * counters and module parameters, the data pattern, and process helpers
 * (fork a peer that dies with us, wait with a time limit, tell whether a
 * peer is asleep inside a given ioctl).
 */
#ifndef SIPC_TEST_UTIL_H
#define SIPC_TEST_UTIL_H

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#include <linux/sipc.h>

#define SIPC_SYSFS_DIR		"/sys/class/sipc/sipc"
#define SIPC_PARAM_DIR		"/sys/module/sipc/parameters"
#define SIPC_MODULE_DIR		"/sys/module/sipc"
#define SIPC_KO_DEFAULT		"/lib/sipc/sipc.ko"

/* How long a peer must stay blocked before we believe it really is. */
#define SIPC_BLOCK_MS		300
/* Upper bound for anything that should happen "at once" (TCG is slow). */
#define SIPC_WAKE_MS		10000

/* Ask poll() for every event, so revents shows all the driver reports. */
#define SIPC_POLL_ALL	(POLLIN | POLLPRI | POLLOUT | POLLRDNORM | \
			 POLLWRNORM | POLLRDBAND | POLLWRBAND)
/* Poll masks the semantics document promises, exactly. */
#define SIPC_POLL_SEND_ROOM	(POLLOUT | POLLWRNORM)
#define SIPC_POLL_RECV_MSG	(POLLIN | POLLRDNORM)

/* A bit of every ioctl command nr this header defines. */
#define SIPC_IOCTL_BITS	((1ULL << 0x00) | (1ULL << 0x01) | (1ULL << 0x02) | \
			 (1ULL << 0x03) | (1ULL << 0x04) | (1ULL << 0x05) | \
			 (1ULL << 0x06) | (1ULL << 0x07) | (1ULL << 0x20) | \
			 (1ULL << 0x21) | (1ULL << 0x22) | (1ULL << 0x23) | \
			 (1ULL << 0x24) | (1ULL << 0x25))

/*
 * Skip the whole program, kselftest style (exit code 4, "1..0 # SKIP"),
 * when the module is not loaded.  Call first thing in main().
 */
void sipc_require_device(void);

/* Define main(): skip without /dev/sipc, else run the harness. */
#define SIPC_TEST_MAIN						\
	int main(int argc, char **argv)				\
	{							\
		sipc_require_device();				\
		return test_harness_run(argc, argv);		\
	}

/* ---- ioctl wrappers: 0 / fd on success, -errno on failure ---- */
int sipc_ioctl(int fd, unsigned long cmd, void *arg);
int sipc_dev_open(void);
void sipc_name(char name[SIPC_NAME_MAX], const char *tag);
int sipc_create(int dev, const char *name, __u64 region, __u32 depth,
		struct sipc_create *out);
int sipc_destroy(int dev, const char *name);
int sipc_attach(int dev, const char *name, int role, __u32 flags);
int sipc_info(int dev, const char *name, struct sipc_info *info);
int sipc_ep_info(int fd, struct sipc_ep_info *ei);
int sipc_send(int fd, __u32 type, __u32 len, __u64 off, __u32 flags,
	      __u64 *seq);
int sipc_recv(int fd, __u32 flags, struct sipc_msg *msg);
int sipc_version(int fd, struct sipc_version *v);
/* Fill names[0..*count) (names may be NULL with *count 0). */
int sipc_list(int dev, char (*names)[SIPC_NAME_MAX], __u32 *count,
	      __u32 *total);
/* 1 if name is listed, 0 if not, -errno. */
int sipc_listed(int dev, const char *name);
/* mmap an endpoint; returns MAP_FAILED with errno set on failure. */
void *sipc_map(int fd, size_t len, int prot, off_t off);
/* poll() one fd for events (SIPC_POLL_ALL: all); revents, or -errno. */
int sipc_poll1(int fd, short events, int timeout_ms);

/* ---- sysfs counters and module parameters ---- */
struct sipc_counters {
	long long channels;
	long long endpoints;
	long long region_bytes;
};
int sipc_counters_read(struct sipc_counters *c);
/*
 * Wait up to timeout_ms for the counters to equal *want.  0 when they do;
 * -EAGAIN (and *now holds the last reading) when they never did.
 */
int sipc_counters_wait(const struct sipc_counters *want,
		       struct sipc_counters *now, int timeout_ms);
void sipc_counters_log(const char *what, const struct sipc_counters *c);
long long sipc_param_read(const char *param);
int sipc_param_write(const char *param, long long value);

/* ---- a channel with a sender and a receiver, both mapped ---- */
struct sipc_chan {
	int dev;		/* /dev/sipc, opened by sipc_chan_open */
	char name[SIPC_NAME_MAX];
	size_t region;		/* page-rounded region size */
	__u32 depth;		/* queue depth in use */
	int snd;		/* sender endpoint or -1 */
	int rcv;		/* receiver endpoint or -1 */
	unsigned char *smap;	/* sender's read-write mapping or NULL */
	const unsigned char *rmap; /* receiver's read-only mapping or NULL */
	__u64 seq;		/* seq of the last message sent via helpers */
};
/* Create, attach both roles and map both; 0 or -errno (cleaned up). */
int sipc_chan_open(struct sipc_chan *c, const char *tag, __u64 region,
		   __u32 depth);
void sipc_chan_unmap_snd(struct sipc_chan *c);
void sipc_chan_unmap_rcv(struct sipc_chan *c);
/* Unmap, close, destroy (ENOENT ignored); safe on a zeroed struct. */
void sipc_chan_close(struct sipc_chan *c);
/*
 * Prove the channel works: the queue must be empty; one DATA_READY with
 * fresh data is sent (non-blocking), received (non-blocking), and the data
 * read back through the receiver's mapping.  0, or -errno / -EPROTO with a
 * "# ..." diagnostic on stderr.
 */
int sipc_chan_works(struct sipc_chan *c);

/* ---- data pattern, derived from the DATA_READY message's seq ---- */
static inline unsigned char sipc_pat(__u64 seq, size_t i)
{
	return (unsigned char)(i + (i >> 8) * 7 + seq * 0x3b + (seq >> 8));
}
void sipc_fill(unsigned char *p, size_t len, __u64 seq);
/* -1 when p[0..len) holds the pattern of seq, else the first bad index. */
long sipc_check(const volatile unsigned char *p, size_t len, __u64 seq);

/* ---- processes ---- */
/* fork(); the child gets PR_SET_PDEATHSIG(SIGKILL). */
pid_t sipc_fork(void);
/* Reap pid within timeout_ms: its exit code, 128+signal, or -ETIMEDOUT. */
int sipc_reap(pid_t pid, int timeout_ms);
/* SIGKILL and reap. */
void sipc_kill(pid_t pid);
/* true while pid has not exited (does not reap). */
bool sipc_alive(pid_t pid);
/* true when pid sleeps interruptibly inside ioctl(.., cmd, ..). */
bool sipc_in_ioctl(pid_t pid, unsigned long cmd);
/* Wait until sipc_in_ioctl(); 0 or -ETIMEDOUT (with a diagnostic). */
int sipc_wait_blocked(pid_t pid, unsigned long cmd, int timeout_ms);
/* Sleep ms, then report whether pid is still asleep in cmd. */
bool sipc_still_blocked(pid_t pid, unsigned long cmd, int ms);
void sipc_msleep(int ms);

/*
 * Keep the calling process (and what it forks later) on one CPU.  Under
 * QEMU TCG a wake-up across vCPUs costs about a timer tick (pipes too), so
 * long ping-pong loops pin both peers to one CPU.  0 or -errno.
 */
int sipc_pin_one_cpu(void);

/* Report ints through a pipe between a test and its peers. */
int sipc_put(int fd, int val);
/* 0, -ETIMEDOUT, or -EPIPE (writer gone). */
int sipc_get(int fd, int *val, int timeout_ms);

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

/*
 * A peer process that makes one SEND or RECV call (typically one that
 * blocks) on an inherited endpoint, and reports how it ended.
 */
struct sipc_peer {
	pid_t pid;
	int rd;		/* result: the struct sipc_msg after the call */
	int sig_rd;	/* one int per signal its SIGUSR1 handler ran */
};
enum {
	SIPC_PEER_NOSIG,	/* SIGUSR1 default (kills) */
	SIPC_PEER_SIG,		/* SIGUSR1 handler without SA_RESTART */
	SIPC_PEER_SIG_RESTART,	/* SIGUSR1 handler with SA_RESTART */
};
/* msg: what to SEND (NULL for RECV, blocking, flags 0). 0 or -errno. */
int sipc_peer_start(struct sipc_peer *p, int fd, unsigned long cmd,
		    const struct sipc_msg *msg, int sigmode);
/* 0 once the peer's SIGUSR1 handler has run, or -ETIMEDOUT. */
int sipc_peer_handled(struct sipc_peer *p, int timeout_ms);
/*
 * Wait for the call to end: 0 or -errno as the call returned (out gets
 * the struct), -ETIMEDOUT while it still runs (the peer is left alone),
 * or 1000 + exit code / 128 + signal for a peer that died otherwise.
 */
int sipc_peer_finish(struct sipc_peer *p, struct sipc_msg *out,
		     int timeout_ms);
/* SIGKILL, reap, close the pipes (safe after finish). */
void sipc_peer_kill(struct sipc_peer *p);

/* ---- the DATA_READY / NOOP protocol (depth 1) ---- */
/* Deterministic offset and length of round i in a region of size. */
void sipc_proto_shape(unsigned long i, size_t region, __u64 *off, __u32 *len);
/*
 * One sender round: fill the region at off with the pattern of dr_seq,
 * SEND DATA_READY, NOOP-1, NOOP-2 (blocking), checking the seqs the
 * kernel returns are dr_seq, dr_seq+1, dr_seq+2.  0 or negative.
 */
int sipc_proto_send(int snd, unsigned char *map, __u64 off, __u32 len,
		    __u64 dr_seq);
/*
 * One receiver round: RECV must give DATA_READY(off, len, dr_seq); check
 * every byte through map; RECV NOOP-1 and NOOP-2 with the next seqs.
 */
int sipc_proto_recv(int rcv, const unsigned char *map, __u64 off, __u32 len,
		    __u64 dr_seq);

#endif /* SIPC_TEST_UTIL_H */
