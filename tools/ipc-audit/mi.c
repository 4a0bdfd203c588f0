// SPDX-License-Identifier: GPL-2.0-only
/*
 * mi.c - plug-in mutual information, a permutation estimate of its bias
 * and a bootstrap of its spread (mi.h).
 *
 * The plug-in estimator over-states the information of a short run by
 * about (|X|-1)(|Y|-1) / (2 N ln 2) bits: the permutations of y measure
 * that excess for this very alphabet and these marginals, so it is
 * subtracted.  The spread comes from a bootstrap of the pairs; the upper
 * bound is the bias-corrected estimate plus the bootstrap's upper
 * deviation, which holds under independence (where the verdict "absent"
 * is made) and is conservative for a strongly dependent channel, whose
 * true bias is smaller than the independence bias subtracted.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "mi.h"

#define MI_PERMS	100
#define MI_BOOTS	600

static uint64_t rng_next(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*s = x;
	return x;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* Plug-in I(X;Y) in bits from a joint count table of N pairs. */
static double plugin(const unsigned int *joint, int nx, int ny, size_t n)
{
	unsigned int cx[MI_MAXA] = { 0 }, cy[MI_MAXA] = { 0 };
	double s = 0;
	int i, j;

	for (i = 0; i < nx; i++)
		for (j = 0; j < ny; j++) {
			cx[i] += joint[i * ny + j];
			cy[j] += joint[i * ny + j];
		}
	for (i = 0; i < nx; i++)
		for (j = 0; j < ny; j++) {
			double c = joint[i * ny + j];

			if (c > 0)
				s += c * log2(c * (double)n / ((double)cx[i] * cy[j]));
		}
	return n ? s / n : 0;
}

int mi_symbols(const double *v, size_t n, int maxbins, int *y)
{
	double *s, uniq[MI_MAXA];
	size_t i, k;
	int nu = 0;

	if (!n)
		return 0;
	s = malloc(n * sizeof(*s));
	if (!s)
		return -ENOMEM;
	memcpy(s, v, n * sizeof(*s));
	qsort(s, n, sizeof(*s), cmp_d);
	for (i = 0; i < n && nu <= MI_MAXA; i++)
		if (!nu || s[i] != uniq[nu - 1]) {
			if (nu == MI_MAXA) {
				nu++;
				break;
			}
			uniq[nu++] = s[i];
		}
	if (nu <= MI_MAXA) {
		for (i = 0; i < n; i++) {
			int lo = 0, hi = nu - 1;

			while (lo < hi) {
				int mid = (lo + hi) / 2;

				if (uniq[mid] < v[i])
					lo = mid + 1;
				else
					hi = mid;
			}
			y[i] = lo;
		}
		free(s);
		return nu;
	}
	/* Equal-frequency bins: edges at the quantiles of v. */
	if (maxbins < 2)
		maxbins = 2;
	if (maxbins > MI_MAXA)
		maxbins = MI_MAXA;
	for (k = 1; k < (size_t)maxbins; k++)
		uniq[k - 1] = s[k * n / maxbins];
	for (i = 0; i < n; i++) {
		int b = 0;

		while (b < maxbins - 1 && v[i] >= uniq[b])
			b++;
		y[i] = b;
	}
	free(s);
	return maxbins;
}

int mi_estimate(const int *x, const int *y, size_t n, int nx, int ny,
		double level, unsigned int seed, struct mi_result *r)
{
	unsigned int *joint;
	double perm[MI_PERMS], *boot, mean = 0;
	uint64_t st = 0x9e3779b97f4a7c15ull ^ seed;
	int *py;
	size_t i, k;
	int hi_i, lo_i;

	memset(r, 0, sizeof(*r));
	if (!n || nx < 1 || ny < 1 || nx > MI_MAXA || ny > MI_MAXA)
		return -EINVAL;
	r->nx = nx;
	r->ny = ny;
	joint = calloc((size_t)nx * ny, sizeof(*joint));
	py = malloc(n * sizeof(*py));
	boot = malloc(MI_BOOTS * sizeof(*boot));
	if (!joint || !py || !boot) {
		free(joint);
		free(py);
		free(boot);
		return -ENOMEM;
	}
	for (i = 0; i < n; i++)
		joint[x[i] * ny + y[i]]++;
	r->plugin = plugin(joint, nx, ny, n);
	/* Independence, same marginals: shuffle y against x. */
	memcpy(py, y, n * sizeof(*py));
	for (k = 0; k < MI_PERMS; k++) {
		for (i = n - 1; i > 0; i--) {
			size_t j = rng_next(&st) % (i + 1);
			int t = py[i];

			py[i] = py[j];
			py[j] = t;
		}
		memset(joint, 0, (size_t)nx * ny * sizeof(*joint));
		for (i = 0; i < n; i++)
			joint[x[i] * ny + py[i]]++;
		perm[k] = plugin(joint, nx, ny, n);
		r->bias += perm[k] / MI_PERMS;
	}
	qsort(perm, MI_PERMS, sizeof(perm[0]), cmp_d);
	r->perm_hi = perm[(int)(level * (MI_PERMS - 1))];
	/* Bootstrap of the pairs: the spread of the estimate. */
	for (k = 0; k < MI_BOOTS; k++) {
		memset(joint, 0, (size_t)nx * ny * sizeof(*joint));
		for (i = 0; i < n; i++) {
			size_t j = rng_next(&st) % n;

			joint[x[j] * ny + y[j]]++;
		}
		boot[k] = plugin(joint, nx, ny, n);
		mean += boot[k] / MI_BOOTS;
	}
	qsort(boot, MI_BOOTS, sizeof(boot[0]), cmp_d);
	hi_i = (int)ceil(level * MI_BOOTS) - 1;
	lo_i = MI_BOOTS - 1 - hi_i;
	if (hi_i >= MI_BOOTS)
		hi_i = MI_BOOTS - 1;
	r->est = fmax(0, r->plugin - r->bias);
	r->hi = r->est + fmax(0, boot[hi_i] - mean);
	r->lo = fmax(0, r->est - fmax(0, mean - boot[lo_i]));
	free(joint);
	free(py);
	free(boot);
	return 0;
}
