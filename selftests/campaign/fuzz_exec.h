/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fuzz_exec.h - make one recorded call against the module and against the
 * model, and compare everything the call returned or wrote.
 */
#ifndef FUZZ_EXEC_H
#define FUZZ_EXEC_H

#include <stddef.h>
#include <stdint.h>

#include "fuzz_call.h"

/* What one worker process owns: its /dev/sipc descriptor and arg pages. */
struct fz_proc {
	int proc;
	int dev;
	uint8_t *arg;		/* read-write page, then a PROT_NONE page */
	uint8_t *ro;		/* read-only view of one page ... */
	uint8_t *ro_w;		/* ... and a writable view of the same page */
	uint8_t *out;		/* read-write page for INFO's and LIST's buffers */
	uint8_t exp_arg[FM_PAGE], exp_ro[FM_PAGE], exp_out[FM_PAGE];
	uint8_t exp_map[FM_PAGE];	/* an argument's page inside a mapping */
};

enum fz_verdict {
	FZ_SAME,	/* the module did what the model said */
	FZ_SKIPPED,	/* not made: would block, or its maker was left out */
	FZ_DIFF,	/* a difference; msg says which */
};

/* Where the time spent in the module's ioctls is added up, or NULL. */
extern double *fz_sys_secs;

/* Set the process up (pages, /dev/sipc): 0 or -errno. */
int fz_proc_init(struct fz_proc *p, int proc);
/*
 * Run c.  msg gets the difference; with print, every call made is
 * printed as one "# " line with its result.
 */
enum fz_verdict fz_exec(struct fm_model *m, struct fz_proc *p,
			const struct fz_call *c, char *msg, size_t msize,
			bool print, long *result);

#endif /* FUZZ_EXEC_H */
