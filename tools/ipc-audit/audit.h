/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * audit.h - ipc-audit: measure the reverse channels of Linux IPC.
 *
 * Model.  A sender S and a receiver R (R a child of S, so that S can
 * create the objects and R inherit them) cooperate: R tries to send bits
 * back to S through one observable of one mechanism (a "channel": the time
 * S blocks, an errno S gets, a poll bit, a counter...).  The harness clocks
 * each bit out of band, through a shared page: S prepares, R encodes its
 * bit, S observes, both reset.  A fixed preamble of known bits calibrates
 * the decoder (median of each class, threshold half-way); the payload bits
 * come from a seeded PRNG, so the bit error rate is exact.  Nothing about
 * the mechanism is assumed: a channel is "absent" when S cannot make the
 * observation (errno), R cannot modulate it (errno), or the decoded bits
 * carry no information.
 */
#ifndef IPC_AUDIT_H
#define IPC_AUDIT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "options.h"

#define AUDIT_MAXBITS	512
#define AUDIT_PREAMBLE	16
#define AUDIT_UID	65534	/* both peers: one unprivileged uid (DAC as users have it) */

struct chan;

/* Per-run state, private to the S and R processes of one channel. */
struct ctx {
	const struct audit_opts *opts;	/* the run's options */
	const struct chan *ch;		/* the channel being run (resolved) */
	int nbits;		/* preamble + payload */
	int fd[6];
	/* per-bit objects: S's handle and R's handle (or id) for bit i */
	int s_bit_obj[AUDIT_MAXBITS], r_bit_obj[AUDIT_MAXBITS];
	long id[3];
	void *mem;
	size_t memsz;
	char path[160];
	char name[64];
	pid_t s_pid, r_pid;
	int tag;		/* unique per run: names, keys */
	int flag;		/* R-side state kept between calls */
};

/*
 * One channel of one mechanism.  Callbacks return 0 or -errno; NULL ones
 * are skipped.  Who runs what: helper (own process, helper domain, before
 * S); setup (S, before R exists); r_init (R); s_init (S, after r_init);
 * per bit: s_prep (S), r_enc (R), s_obs (S), r_reset (R), s_reset (S);
 * s_fini (S, after R exited).
 * TIMING: S observes right after the slot opens (it measures how long it
 * waits for R), not after R has encoded.
 */
struct chan {
	const char *mech, *name, *what;	/* what: the observable, for the report */
	int timing;
	const char *na;			/* not applicable: why (no code runs) */
	int (*helper)(struct ctx *);
	int (*setup)(struct ctx *);
	int (*r_init)(struct ctx *);
	int (*s_init)(struct ctx *);
	int (*s_prep)(struct ctx *, int i);
	int (*r_enc)(struct ctx *, int i, int bit);
	int (*s_obs)(struct ctx *, int i, double *v);
	int (*r_reset)(struct ctx *, int i, int bit);
	int (*s_reset)(struct ctx *, int i);
	void (*s_fini)(struct ctx *);
	const char *env_only;		/* run only in this env, else n/a */
	const char *needs;		/* path that must exist, else n/a */
	const void *ops;		/* the mechanism's own operations */
	int qkind;			/* qchan.h kind + 1, 0 for a plain entry */
	void (*p_cleanup)(struct ctx *);	/* after S: in a helper-domain process */
};

/* Tables, one per source file; each ends with a zeroed entry. */
extern const struct chan chans_fd[], chans_sysv[], chans_mem[], chans_sipc[];

#endif
