/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * qchan.h - the standard reverse channels of a queue-like mechanism,
 * written once over a small set of per-mechanism operations.
 *
 * Handles: the main object is c->fd[0] in S and c->fd[1] in R; per-bit
 * objects (hang-up) are c->s_bit_obj[k] / c->r_bit_obj[k]; reverse-direction handles
 * are c->fd[2] (S) / c->fd[3] (R).  k < 0 means the main object.
 * An operation left NULL makes the channel "n/a" with the reason in na[].
 */
#ifndef IPC_AUDIT_QCHAN_H
#define IPC_AUDIT_QCHAN_H

#include "audit.h"

enum qkind { Q_BLOCK, Q_ERRNO, Q_PARTIAL, Q_POLL, Q_META, Q_HANGUP,
	     Q_WRITEBACK, Q_BITMAP, Q_FATTR, Q_NKIND };

struct qops {
	const char *mech;
	size_t unit;				/* one message / one chunk */
	int (*make)(struct ctx *c, int k);	/* S: create object k */
	int (*r_open)(struct ctx *c, int k);	/* R: take its handle */
	int (*s_open)(struct ctx *c, int k);	/* S: drop R's handle */
	int (*fill)(struct ctx *c);		/* S: fill the main object */
	int (*put)(struct ctx *c, int k, size_t len, int nb);	/* bytes or -errno */
	int (*take)(struct ctx *c, int k, int units);	/* R: units < 0: all */
	int (*meta)(struct ctx *c, double *v);
	int (*pollout)(struct ctx *c, double *v);
	int (*r_close)(struct ctx *c, int k);
	int (*r_reopen)(struct ctx *c, int k);	/* hang-up is reversible */
	int (*r_back)(struct ctx *c);
	int (*s_back)(struct ctx *c, double *v);
	int (*r_mkname)(struct ctx *c, int i);
	int (*s_probe)(struct ctx *c, int i, double *v);
	int (*r_rmname)(struct ctx *c, int i);
	int (*r_attr)(struct ctx *c, int bit);
	int (*s_attr)(struct ctx *c, double *v);
	void (*fini)(struct ctx *c);
	int (*helper)(struct ctx *c);
	void (*p_cleanup)(struct ctx *c);
	const char *needs;
	const char *meta_what, *back_what, *name_what, *attr_what;
	const char *na[Q_NKIND];
};

/* The name of bit i's object in a flat namespace (POSIX mq and shm). */
void bit_name(const struct ctx *c, int i, char *buf, size_t n);

/* Probe result as a number: 1 success, 0 ENOENT-like absence, 10+errno other. */
double probe_value(int err);

/* One entry per kind for a mechanism. */
#define QCHANS(OPS) \
	QC(OPS, 0), QC(OPS, 1), QC(OPS, 2), QC(OPS, 3), QC(OPS, 4), \
	QC(OPS, 5), QC(OPS, 6), QC(OPS, 7), QC(OPS, 8)
#define QC(OPS, K) { .name = "q", .ops = &(OPS), .qkind = (K) + 1 }

/* run_channel() calls this for entries made by QCHANS: fills in the
 * template of the kind, or reports n/a. */
const struct chan *qchan_resolve(const struct chan *e, struct chan *out);

#endif
