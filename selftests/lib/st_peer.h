/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * st_peer.h - a peer process that makes one SEND or RECV call (typically
 * one that blocks) on an inherited endpoint, and reports how it ended,
 * optionally with a SIGUSR1 handler so tests can interrupt the call.
 */
#ifndef ST_PEER_H
#define ST_PEER_H

#include <sys/types.h>

#include <linux/sipc.h>

struct st_peer {
	pid_t pid;
	int rd;		/* result: the struct sipc_msg after the call */
	int sig_rd;	/* one int per signal its SIGUSR1 handler ran */
};
enum {
	ST_PEER_NOSIG,		/* SIGUSR1 default (kills) */
	ST_PEER_SIG,		/* SIGUSR1 handler without SA_RESTART */
	ST_PEER_SIG_RESTART,	/* SIGUSR1 handler with SA_RESTART */
};
/* msg: what to SEND (NULL for RECV, blocking, flags 0). 0 or -errno. */
int st_peer_start(struct st_peer *p, int fd, unsigned long cmd,
		  const struct sipc_msg *msg, int sigmode);
/* 0 once the peer's SIGUSR1 handler has run, or -ETIMEDOUT. */
int st_peer_handled(struct st_peer *p, int timeout_ms);
/*
 * Wait for the call to end: 0 or -errno as the call returned (out gets
 * the struct), -ETIMEDOUT while it still runs (the peer is left alone),
 * or 1000 + exit code / ST_KILLED_BY(signal) for a peer that died
 * otherwise.
 */
int st_peer_finish(struct st_peer *p, struct sipc_msg *out, int timeout_ms);
/* SIGKILL, reap, close the pipes (safe after finish). */
void st_peer_kill(struct st_peer *p);

#endif /* ST_PEER_H */
