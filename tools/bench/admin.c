// SPDX-License-Identifier: GPL-2.0-only
/*
 * admin.c - the figures that are not about moving messages: how fast a
 * channel is created, attached by both roles, detached and destroyed, and
 * how much memory an idle channel holds.  Each runs in one child process
 * (run_in_child()), which selects the libsipc backend first.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

#define MIN_CYCLES	3	/* create cycles at least */
#define MEM_SLOTS	4	/* slots in the memory test */
#define MEM_MSG		65536	/* buffer size in the memory test */

static struct chan fresh(const struct transport *t, size_t msg, unsigned int slots)
{
	struct chan c = { .t = t, .msg = msg, .h = -1, .slots = slots,
			  .fd = { -1, -1, -1, -1 }, .ipc = { -1, -1 } };

	chan_name(&c);
	return c;
}

/* Create, attach both roles (mapping), detach, destroy. */
static int one_cycle(const struct transport *t, unsigned int slots)
{
	struct chan c = fresh(t, 4096, slots), tx, rx;
	int r;

	r = t->setup(&c);
	if (r)
		goto out;
	tx = c;
	rx = c;
	r = t->tx_open(&tx);
	if (!r) {
		r = t->rx_open(&rx);
		if (!r)
			t->close(&rx);
		t->close(&tx);
	}
out:
	t->teardown(&c);
	return r;
}

static double create_rate(const struct run_opts *o, const struct transport *t,
			  int *err)
{
	uint64_t start = now_ns(), end = start + (uint64_t)(o->secs * 1e9), n = 0;

	one_cycle(t, 2);	/* warm: first use loads, registries exist */
	do {
		*err = one_cycle(t, t->slotted ? 2 : 1);
		n++;
	} while (!*err && (n < MIN_CYCLES || now_ns() < end));
	return (double)n / ((double)(now_ns() - start) / 1e9);
}

void run_create(const struct run_opts *o, const struct transport *t,
		struct result *r)
{
	if (!t) {
		result_na(r, "no channel");
		return;
	}
	if (run_available(t, r))
		run_in_child(o, t, create_rate, r, &r->ops_s);
	r->slots = r->ok && t->slotted ? 2 : 0;
}

/*
 * Free memory in KiB: MemFree plus the pages parked on the per-CPU free
 * lists (/proc/zoneinfo "count:"), which MemFree does not show and which
 * hold megabytes on a recent kernel; per-CPU counter deltas are folded
 * first (vm/stat_refresh, root only; harmless when refused).
 */
static long mem_free_kib(void)
{
	long v = -1, pcp = 0, n;
	char line[256];
	FILE *f;
	int fd;

	fd = open("/proc/sys/vm/stat_refresh", O_RDONLY);
	if (fd >= 0) {
		if (read(fd, line, sizeof(line)) < 0)
			v = -1;
		close(fd);
	}
	f = fopen("/proc/meminfo", "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "MemFree: %ld kB", &v) == 1)
			break;
	fclose(f);
	f = fopen("/proc/zoneinfo", "r");
	if (f) {
		while (fgets(line, sizeof(line), f))
			if (sscanf(line, " count: %ld", &n) == 1)
				pcp += n;
		fclose(f);
	}
	return v < 0 ? -1 : v + pcp * (sysconf(_SC_PAGESIZE) / 1024);
}

/* KiB of free memory one idle channel takes, median of three rounds. */
static double mem_per_channel(const struct run_opts *o, const struct transport *t,
			      int *err)
{
	unsigned int n = o->mem_channels, i, round;
	struct chan *c = calloc(3 * n, sizeof(*c));
	double kib[3] = { 0 }, v;
	long before;

	if (!c) {
		*err = -ENOMEM;
		return 0;
	}
	for (round = 0; round < 3 && !*err; round++) {
		before = mem_free_kib();
		for (i = 0; i < n && !*err; i++) {
			struct chan *ch = &c[3 * i], *tx = ch + 1, *rx = ch + 2;

			*ch = fresh(t, MEM_MSG, MEM_SLOTS);
			*tx = *ch;
			*rx = *ch;
			*err = t->setup(ch);
			if (*err)
				break;
			/* setup filled in descriptors and sizes */
			*tx = *ch;
			*rx = *ch;
			*err = t->tx_open(tx);
			if (!*err)
				*err = t->rx_open(rx);
			if (!*err)
				*err = t->prime(tx, rx);
		}
		kib[round] = (double)(before - mem_free_kib()) / n;
		for (i = 0; i < n; i++) {
			if (c[3 * i].t) {
				t->close(&c[3 * i + 2]);
				t->close(&c[3 * i + 1]);
				t->teardown(&c[3 * i]);
			}
		}
		memset(c, 0, 3 * n * sizeof(*c));
	}
	free(c);
	/* a failed round leaves later rounds unmeasured; the caller reports err */
	if (*err)
		return 0;
	/* median of three */
	if (kib[0] > kib[1]) { v = kib[0]; kib[0] = kib[1]; kib[1] = v; }
	if (kib[1] > kib[2]) { v = kib[1]; kib[1] = kib[2]; kib[2] = v; }
	if (kib[0] > kib[1]) { v = kib[0]; kib[0] = kib[1]; kib[1] = v; }
	return kib[1];
}

void run_mem(const struct run_opts *o, const struct transport *t,
	     struct result *r)
{
	if (!t) {
		result_na(r, "no channel");
		return;
	}
	if (run_available(t, r))
		run_in_child(o, t, mem_per_channel, r, &r->kib);
	r->slots = r->ok && t->slotted ? MEM_SLOTS : 0;
}
