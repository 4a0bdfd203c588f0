// SPDX-License-Identifier: GPL-2.0-only
/*
 * campaign_stress - the module at its limits: every refusal is a clean
 * errno and leaks nothing.
 *
 *   channels   create until max_channels: exactly the free slots succeed,
 *              the next create gets ENOSPC and changes no counter; a
 *              destroyed channel still held by an endpoint keeps its slot
 *              until the endpoint closes; all slots come back.
 *   pairs      64 channels, each with a sender and a receiver process
 *              running the DATA_READY / NOOP protocol at once, every byte
 *              checked.
 *   region     max_total_region lowered to 4 MiB: channels fill it
 *              exactly, one page more gets ENOSPC, a region above
 *              max_region_size gets EINVAL; every page of the channels is
 *              mapped and touched; all of it comes back.
 *   files      a process with RLIMIT_NOFILE 16 attaches until EMFILE: the
 *              failed attach leaves no endpoint behind and does not keep
 *              the role (the same attach works once a file is free).
 *
 * Environment: SIPC_SEED, SIPC_STRESS_ROUNDS (20 protocol rounds per
 * pair), SIPC_STRESS_PAIRS (64), SIPC_STRESS_SECS (60, bound of each part).
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "campaign.h"

#define PAGE 4096UL

static struct st_counters start_c;
static double secs;

static bool counters_now(struct st_counters *c)
{
	return st_counters_read(c) == 0;
}

static void channels_part(int dev)
{
	long long max = st_param_read("max_channels");
	struct st_counters before, after;
	char name[SIPC_NAME_MAX];
	long long free_slots, made = 0, i;
	bool ok = max > 0 && counters_now(&before);
	int ret = 0, held = -1;

	free_slots = max - before.channels;
	if (free_slots > 4096) {
		ksft_print_msg("channels: max_channels %lld is too high to reach here\n", max);
		ok = false;
	}
	ksft_print_msg("channels: max_channels %lld, %lld in use\n", max, before.channels);
	for (i = 0; ok && i < free_slots + 1; i++) {
		snprintf(name, sizeof(name), "stress.ch.%lld", i);
		ret = st_create(dev, name, PAGE, 0, NULL);
		if (ret)
			break;
		made++;
	}
	if (made != free_slots || ret != -ENOSPC) {
		ksft_print_msg("channels: %lld of %lld created, then %s\n", made,
			       free_slots, strerror(-ret));
		ok = false;
	}
	/* The refused create changed nothing. */
	ok = ok && counters_now(&after) && after.channels == before.channels + made &&
	     after.region_bytes == before.region_bytes + made * (long long)PAGE;

	/* A destroyed channel held by an endpoint keeps its slot. */
	if (ok) {
		held = st_attach(dev, "stress.ch.0", SIPC_ROLE_RECEIVER, 0);
		ok = held >= 0 && st_destroy(dev, "stress.ch.0") == 0 &&
		     st_create(dev, "stress.ch.x", PAGE, 0, NULL) == -ENOSPC;
		if (held >= 0)
			close(held);
		ok = ok && st_create(dev, "stress.ch.x", PAGE, 0, NULL) == 0;
		if (!ok)
			ksft_print_msg("channels: the slot of a held, destroyed channel\n");
	}
	st_destroy(dev, "stress.ch.x");
	for (i = 1; i < made; i++) {
		snprintf(name, sizeof(name), "stress.ch.%lld", i);
		st_destroy(dev, name);
	}
	ok = camp_counters_back(&start_c, 10000, "channels") && ok;
	ksft_test_result(ok, "stress channels: %lld created up to max_channels, then ENOSPC, all released\n",
			 made);
}

static void pair_process(const char *name, int role, long rounds)
{
	int dev = st_dev_open(), fd, ret = 0;
	void *map;
	struct sipc_ep_info ei;
	long i;
	__u64 off;
	__u32 len;

	CHILD_EXPECT(dev >= 0);
	fd = st_attach(dev, name, role, 0);
	CHILD_EXPECT(fd >= 0);
	CHILD_EQ(0, st_ep_info(fd, &ei));
	map = st_map(fd, ei.region_size,
		       role == SIPC_ROLE_SENDER ? PROT_READ | PROT_WRITE : PROT_READ, 0);
	CHILD_EXPECT(map != MAP_FAILED);
	for (i = 0; i < rounds && !ret; i++) {
		st_proto_shape(i, ei.region_size, &off, &len);
		ret = role == SIPC_ROLE_SENDER ?
			st_proto_send(fd, map, off, len, 1 + 3 * i) :
			st_proto_recv(fd, map, off, len, 1 + 3 * i);
	}
	CHILD_EQ(0, ret);
	_exit(0);
}

static void pairs_part(int dev)
{
	long pairs = camp_count("SIPC_STRESS_PAIRS", 64);
	long rounds = camp_count("SIPC_STRESS_ROUNDS", 20), i, done = 0;
	pid_t *pid = calloc(2 * pairs, sizeof(*pid));
	char name[SIPC_NAME_MAX];
	double t0 = camp_now();
	bool ok = pid != NULL;

	for (i = 0; ok && i < pairs; i++) {
		snprintf(name, sizeof(name), "stress.pair.%ld", i);
		if (st_create(dev, name, 2 * PAGE, 1, NULL)) {
			ok = false;
			break;
		}
		pid[2 * i] = st_fork();
		if (!pid[2 * i])
			pair_process(name, SIPC_ROLE_RECEIVER, rounds);
		pid[2 * i + 1] = st_fork();
		if (!pid[2 * i + 1])
			pair_process(name, SIPC_ROLE_SENDER, rounds);
	}
	for (i = 0; pid && i < 2 * pairs; i++) {
		int left = (int)((t0 + secs - camp_now()) * 1000), rc;

		if (!pid[i])
			continue;
		rc = st_reap(pid[i], left > 0 ? left : 1);
		if (rc) {
			ksft_print_msg("pairs: process %ld ended with %d\n", i, rc);
			st_kill(pid[i]);
			ok = false;
		} else {
			done++;
		}
	}
	for (i = 0; i < pairs; i++) {
		snprintf(name, sizeof(name), "stress.pair.%ld", i);
		st_destroy(dev, name);
	}
	free(pid);
	ksft_print_msg("pairs: %ld pairs x %ld rounds in %.1f s\n", pairs, rounds,
		       camp_now() - t0);
	ok = camp_counters_back(&start_c, 10000, "pairs") && ok;
	ksft_test_result(ok && done == 2 * pairs,
			 "stress pairs: %ld concurrent pairs, %ld rounds each, data intact\n",
			 pairs, rounds);
}

static void region_part(int dev)
{
	long long saved = st_param_read("max_total_region");
	long long maxreg = st_param_read("max_region_size");
	long long limit = 4 << 20, room, made = 0, i, size;
	struct st_counters now;
	char name[SIPC_NAME_MAX];
	bool ok = saved > 0 && maxreg > 0 &&
		  !st_param_write("max_total_region", limit) && counters_now(&now);
	int ret = 0;

	room = limit - now.region_bytes;
	/* 1 MiB channels while they fit, then one of exactly the rest. */
	for (i = 0; ok && room > 0; i++) {
		size = room >= (1 << 20) ? 1 << 20 : room;
		snprintf(name, sizeof(name), "stress.reg.%lld", i);
		ret = st_create(dev, name, size, 0, NULL);
		if (ret) {
			ksft_print_msg("region: create of %lld with %lld left: %s\n",
				       size, room, strerror(-ret));
			ok = false;
			break;
		}
		made++;
		room -= size;
	}
	ret = st_create(dev, "stress.reg.over", PAGE, 0, NULL);
	if (ok && ret != -ENOSPC) {
		ksft_print_msg("region: one page over the limit: %s\n", strerror(-ret));
		ok = false;
	}
	st_param_write("max_total_region", saved);
	ret = st_create(dev, "stress.reg.big", maxreg + 1, 0, NULL);
	if (ret != -EINVAL) {
		ksft_print_msg("region: above max_region_size: %s\n", strerror(-ret));
		ok = false;
	}
	/* Every page of every channel is real memory: map and touch it. */
	for (i = 0; ok && i < made; i++) {
		struct sipc_ep_info ei;
		unsigned char *m;
		int fd;
		size_t k;

		snprintf(name, sizeof(name), "stress.reg.%lld", i);
		fd = st_attach(dev, name, SIPC_ROLE_SENDER, 0);
		ok = fd >= 0 && !st_ep_info(fd, &ei);
		m = ok ? st_map(fd, ei.region_size, PROT_READ | PROT_WRITE, 0) : MAP_FAILED;
		ok = ok && m != MAP_FAILED;
		for (k = 0; ok && k < ei.region_size; k += PAGE)
			m[k] = (unsigned char)k;
		if (m != MAP_FAILED)
			munmap(m, ei.region_size);
		if (fd >= 0)
			close(fd);
	}
	for (i = 0; i < made; i++) {
		snprintf(name, sizeof(name), "stress.reg.%lld", i);
		st_destroy(dev, name);
	}
	st_destroy(dev, "stress.reg.over");
	st_destroy(dev, "stress.reg.big");
	ok = camp_counters_back(&start_c, 10000, "region") && ok;
	ksft_test_result(ok, "stress region: %lld channels filled max_total_region, then ENOSPC, all released\n",
			 made);
}

static void files_part(int dev)
{
	pid_t pid;
	int rc, i;

	for (i = 0; i < 20; i++) {
		char name[SIPC_NAME_MAX];

		snprintf(name, sizeof(name), "stress.fd.%d", i);
		st_create(dev, name, PAGE, 0, NULL);
	}
	pid = st_fork();
	if (!pid) {
		struct rlimit rl = { 16, 16 };
		char name[SIPC_NAME_MAX];
		int fd = 0, last = -1;

		CHILD_EXPECT(setrlimit(RLIMIT_NOFILE, &rl) == 0);
		for (i = 0; i < 20; i++) {
			snprintf(name, sizeof(name), "stress.fd.%d", i);
			fd = st_attach(dev, name, SIPC_ROLE_SENDER, 0);
			if (fd < 0)
				break;
			last = fd;
		}
		CHILD_EQ(-EMFILE, fd);
		/* The refused attach did not keep the role: with a file
		 * free again, the same attach works. */
		CHILD_EXPECT(last >= 0 && close(last) == 0);
		fd = st_attach(dev, name, SIPC_ROLE_SENDER, 0);
		CHILD_EXPECT(fd >= 0);
		_exit(0);
	}
	rc = st_reap(pid, (int)(secs * 1000));
	if (rc)
		st_kill(pid);
	for (i = 0; i < 20; i++) {
		char name[SIPC_NAME_MAX];

		snprintf(name, sizeof(name), "stress.fd.%d", i);
		st_destroy(dev, name);
	}
	ksft_test_result(camp_counters_back(&start_c, 10000, "files") && rc == 0,
			 "stress files: attach at RLIMIT_NOFILE gets EMFILE, nothing leaks\n");
}

int main(void)
{
	int dev;

	st_require_device();
	camp_init("campaign_stress", 0x5195570e);
	secs = (double)camp_env("SIPC_STRESS_SECS", 60);
	ksft_set_plan(4);
	dev = st_dev_open();
	if (dev < 0 || st_counters_read(&start_c))
		ksft_exit_fail_msg("cannot open %s or read the counters\n", SIPC_DEVICE_PATH);
	st_counters_log("start", &start_c);
	channels_part(dev);
	pairs_part(dev);
	region_part(dev);
	files_part(dev);
	close(dev);
	ksft_finished();
}
