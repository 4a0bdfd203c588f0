// SPDX-License-Identifier: GPL-2.0-only
/*
 * campaign.c - seed, random numbers and bounds shared by the
 * campaign programs (see campaign.h).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <time.h>

#include "campaign.h"

uint64_t camp_seed;

long long camp_env(const char *name, long long dflt)
{
	const char *v = getenv(name);
	char *end;
	long long n;

	if (!v || !*v)
		return dflt;
	n = strtoll(v, &end, 0);
	return *end ? dflt : n;
}

long long camp_count(const char *name, long long dflt)
{
	long long n = camp_env(name, dflt) * camp_env("SIPC_CAMPAIGN_SCALE", 100) / 100;

	return n < 1 ? 1 : n;
}

void camp_init(const char *prog, uint64_t default_seed)
{
	const char *v = getenv("SIPC_SEED");

	camp_seed = v && *v ? strtoull(v, NULL, 0) : default_seed;
	st_guard_install();
	/* Unbuffered: forked workers must not repeat buffered lines. */
	setvbuf(stdout, NULL, _IONBF, 0);
	ksft_print_header();
	ksft_print_msg("%s: seed 0x%llx (SIPC_SEED=0x%llx to replay)\n", prog,
		       (unsigned long long)camp_seed,
		       (unsigned long long)camp_seed);
}

void camp_rng_init(struct camp_rng *r, uint64_t stream)
{
	r->s = camp_seed ^ (stream * 0x9e3779b97f4a7c15ULL);
	camp_rand(r);
}

uint64_t camp_rand(struct camp_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t camp_below(struct camp_rng *r, uint64_t n)
{
	return n ? camp_rand(r) % n : 0;
}

bool camp_chance(struct camp_rng *r, unsigned int pct)
{
	return camp_below(r, 100) < pct;
}

double camp_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void camp_usleep(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

bool camp_counters_back(const struct st_counters *start, int timeout_ms,
			const char *what)
{
	struct st_counters now;

	if (!st_counters_wait(start, &now, timeout_ms))
		return true;
	ksft_print_msg("%s: counters did not come back\n", what);
	st_counters_log("start", start);
	st_counters_log("now", &now);
	return false;
}

int camp_destroy_all(int dev)
{
	char (*names)[SIPC_NAME_MAX];
	__u32 count = 0, total = 0, i;
	int n = 0;

	if (st_list(dev, NULL, &count, &total) || !total)
		return 0;
	names = calloc(total, SIPC_NAME_MAX);
	if (!names)
		return 0;
	count = total;
	if (!st_list(dev, names, &count, &total))
		for (i = 0; i < count; i++)
			n += st_destroy(dev, names[i]) == 0;
	free(names);
	return n;
}
