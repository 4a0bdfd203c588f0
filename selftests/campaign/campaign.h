/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * campaign.h - what the SIPC reliability campaign programs share.
 *
 * Every program prints TAP through kselftest.h, is bounded both in count
 * (how many calls, kills, races) and in time (so a hang becomes a failure
 * with a diagnostic instead of the guest's time-out), and draws every
 * random choice from one 64-bit seed that it prints first:
 *
 *   # seed 0x5195c0de (SIPC_SEED=0x... to replay)
 *
 * The same seed gives the same sequence of choices; what the kernel's
 * scheduler does with them is not under our control, so a race found with
 * a seed is likely, not certain, to come back with it.
 *
 * Environment, read by camp_init() and camp_env():
 *   SIPC_SEED            the seed (decimal or 0x hex); default per program
 *   SIPC_CAMPAIGN_SCALE  percent applied to every count (default 100), to
 *                        make a quick run (10) or a long one (1000)
 *   plus each program's own count and time variables (see its header).
 */
#ifndef SIPC_CAMPAIGN_H
#define SIPC_CAMPAIGN_H

#include <stdbool.h>
#include <stdint.h>

#include "kselftest.h"
#include "st.h"

/* splitmix64: small, fast, and every seed (even 0) is a good one. */
struct camp_rng {
	uint64_t s;
};

extern uint64_t camp_seed;

/*
 * Call first: parse SIPC_SEED (else default_seed), print the TAP header and
 * the seed, make stdout unbuffered and install the SIGBUS probe (st_guard.h),
 * before any thread or child exists.
 */
void camp_init(const char *prog, uint64_t default_seed);
/* An independent stream of the run's seed, one per worker or part. */
void camp_rng_init(struct camp_rng *r, uint64_t stream);
uint64_t camp_rand(struct camp_rng *r);
/* Uniform in [0, n); 0 when n is 0. */
uint64_t camp_below(struct camp_rng *r, uint64_t n);
/* true with probability pct / 100. */
bool camp_chance(struct camp_rng *r, unsigned int pct);

/* Integer from the environment, or dflt. */
long long camp_env(const char *name, long long dflt);
/* A count from the environment, scaled by SIPC_CAMPAIGN_SCALE (>= 1). */
long long camp_count(const char *name, long long dflt);
/* Seconds on the monotonic clock. */
double camp_now(void);
void camp_usleep(long us);

/*
 * Are the module counters back at *start (waiting up to timeout_ms)?  On
 * failure both readings are printed, tagged with what.
 */
bool camp_counters_back(const struct st_counters *start, int timeout_ms,
			const char *what);

/* Destroy every listed channel; returns how many were destroyed. */
int camp_destroy_all(int dev);

#endif /* SIPC_CAMPAIGN_H */
