/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mi.h - empirical mutual information between the symbols a receiver sent
 * and what the sender observed, with a confidence bound
 * (Documentation/ipc-security.md, "How a channel is measured").
 */
#ifndef IPC_AUDIT_MI_H
#define IPC_AUDIT_MI_H

#include <stddef.h>

#define MI_MAXA		64	/* symbols per side after binning */

struct mi_result {
	double plugin;	/* plug-in estimate, bits/symbol */
	double bias;	/* mean plug-in value over permutations of y */
	double perm_hi;	/* the permutations' upper quantile */
	double est;	/* max(0, plugin - bias) */
	double lo, hi;	/* confidence bounds on the information, bits/symbol */
	int nx, ny;	/* alphabet sizes seen */
};

/*
 * Map raw observations V[0..N) to symbols Y in 0..ret-1: the distinct
 * values themselves when there are at most MI_MAXA of them, else
 * equal-frequency bins (MAXBINS of them) of V's own distribution.  Never
 * looks at what was sent, so it cannot manufacture dependence.
 */
int mi_symbols(const double *v, size_t n, int maxbins, int *y);

/*
 * Estimate I(X;Y) from N pairs, X in 0..NX-1, Y in 0..NY-1.  LEVEL is
 * the one-sided confidence of each bound (0.99...); SEED makes the
 * resampling reproducible.  0 or -errno.
 */
int mi_estimate(const int *x, const int *y, size_t n, int nx, int ny,
		double level, unsigned int seed, struct mi_result *r);

#endif
