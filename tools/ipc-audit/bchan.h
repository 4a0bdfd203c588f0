/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bchan.h - receiver-to-sender channels measured as symbol channels
 * (issue 14): the receiver R sends symbols 0..levels-1 from a seeded
 * generator, the sender S records one observation per symbol, and the
 * empirical mutual information between the two (mi.h) times the measured
 * symbol rate is the channel's rate.
 *
 * Clocks.  CLK_SIPC: a depth-1 SIPC channel, the queue itself: S SENDs a
 * token and waits for POLLOUT, R waits for POLLIN, encodes, RECVs; so the
 * pair needs nothing but SIPC, as a real covert pair would.  CLK_PIPE: the
 * same hand-off over two pipes (the host, where there is no /dev/sipc, and
 * the self-test).  CLK_SELF: the channel is its own clock (the time R
 * holds each message, seen by S's polling SEND).
 *
 * Identities: S runs as uid AUDIT_UID (65534), R as BC_RUID (65533), the
 * helper that creates the channels as AUDIT_UID; under --selinux in the
 * audit_sender_t, audit_receiver_t and audit_helper_t domains.
 */
#ifndef IPC_AUDIT_BCHAN_H
#define IPC_AUDIT_BCHAN_H

#include <stddef.h>
#include "options.h"

#define BC_RUID		65533
#define BC_MAXSYM	(1 << 21)
#define BC_FLOOR_BPS	1.0	/* "absent": 99% upper bound below this */

enum bc_clock { CLK_SIPC, CLK_PIPE, CLK_SELF };

struct bctx;

struct bchan {
	const char *name, *what;
	int levels;
	enum bc_clock clock;
	const char *env_only;		/* "host" / "guest" / NULL */
	int dac_only;			/* self-test: not rerun under the policy */
	int bins;			/* equal-frequency bins for continuous y */
	int (*helper)(struct bctx *);	/* helper domain: create objects */
	int (*s_init)(struct bctx *);
	int (*r_init)(struct bctx *);
	int (*r_enc)(struct bctx *, int x);	/* 0 or -errno */
	int (*s_obs)(struct bctx *, double *y);	/* 0 or -errno */
	void (*cleanup)(struct bctx *);	/* helper domain, after the run */
	void (*p_cleanup)(struct bctx *);	/* the parent (root), after the run */
	double known;			/* self-test: capacity, bits/symbol */
	int time_scale;			/* run up to this many times --max-secs */
	int sym_scale;			/* start at this many times --min-syms */
	const char *needs;		/* path that must exist */
};

/* Per-run state; S and R each have their own copy after fork. */
struct bctx {
	const struct audit_opts *o;
	const struct bchan *ch;
	int tag;
	int fd[8];
	void *mem[4];
	size_t memsz;
	long v[8];
	char path[160];
	const char *step;		/* init: the step under way, for the record */
};

extern const struct bchan bchans_sipc[], bchans_self[];

/* The name of the run's SIPC channel K (0: the clock, 1: the one measured). */
void bc_name(const struct bctx *c, int k, char *buf, size_t n);
/* Open /dev/sipc: fd or -errno. */
int bc_dev(void);

#endif
