// SPDX-License-Identifier: GPL-2.0-only
/*
 * campaign_kill - sender/receiver pairs SIGKILLed anywhere in the
 * protocol; nothing may leak and the survivor must behave.
 *
 * Each round creates a channel (one region with the DATA_READY / NOOP
 * protocol, or 2-4 slots driven by COMMIT / RECV_NEXT), forks a sender
 * and a receiver that attach, map and run the protocol with data checks,
 * and kills one or both:
 *   - at a chosen step of its own protocol (the process SIGKILLs itself
 *     before attach, after mmap, half-way through filling the region,
 *     between DATA_READY and the NOOPs, after reading ...), or
 *   - from outside after a random delay (often asleep in an ioctl or in
 *     a page fault), or
 *   - a helper killed while it creates the channel, or
 *   - the channel destroyed while both run, then both killed.
 * What must hold:
 *   - a victim dies of SIGKILL, not of an error it saw first;
 *   - when a sender that had attached dies, the receiver drains the queue
 *     and gets EPIPE (so it exits 0), with every byte it read correct;
 *   - a sender whose receiver died is left blocked or running, never told;
 *   - after the round (survivors killed, channel destroyed) the channel,
 *     endpoint and region counters are back to their start values.
 *
 * Environment: SIPC_SEED, SIPC_KILL_ROUNDS (400), SIPC_KILL_SECS (150,
 * time bound; the test fails if fewer than SIPC_KILL_MIN (200, "hundreds")
 * kills happened in it).
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "campaign.h"

#define PAGE 4096UL

struct round {
	char name[SIPC_NAME_MAX];
	size_t region;
	__u32 slots;		/* 1: SEND/RECV protocol, else COMMIT/RECV_NEXT */
	int snd_die_at;		/* self-kill at this step, -1 never */
	int rcv_die_at;
};

static int step_no;
static int die_at;

/* A protocol step: the process kills itself at the chosen one. */
static void step(void)
{
	if (step_no++ == die_at)
		raise(SIGKILL);
}

static int attach(const char *name, int role)
{
	int dev = st_dev_open(), fd;

	CHILD_EXPECT(dev >= 0);
	fd = st_attach(dev, name, role, 0);
	close(dev);
	if (fd == -ENOENT)
		_exit(0);	/* destroyed before we came: a clean end */
	return fd;
}

/* The sender: fill, publish, wait for the release; forever. */
static void sender(const struct round *rd)
{
	size_t slot = rd->region / rd->slots;
	unsigned char *map;
	__u64 seq = 1, off;
	__u32 len;
	unsigned long i;
	int fd, ret;

	die_at = rd->snd_die_at;
	step();
	fd = attach(rd->name, SIPC_ROLE_SENDER);
	CHILD_EXPECT(fd >= 0);
	step();
	map = st_map(fd, rd->region, PROT_READ | PROT_WRITE, 0);
	if (map == MAP_FAILED && errno == EIDRM)
		_exit(0);
	CHILD_EXPECT(map != MAP_FAILED);
	for (i = 0;; i++) {
		step();
		if (rd->slots == 1) {
			st_proto_shape(i, rd->region, &off, &len);
		} else {
			off = slot * (i % rd->slots);
			len = (__u32)(slot - i % 7);
		}
		st_fill(map + off, len / 2, seq);
		step();
		st_fill(map + off, len, seq);
		step();
		if (rd->slots == 1) {
			/* SEND DATA_READY, NOOP-1, NOOP-2, a step between each. */
			ret = st_send(fd, SIPC_MSG_DATA_READY, len, off, 0, NULL);
			step();
			if (!ret)
				ret = st_send(fd, SIPC_MSG_NOOP, 0, 0, 0, NULL);
			step();
			if (!ret)
				ret = st_send(fd, SIPC_MSG_NOOP, 0, 0, 0, NULL);
			seq += 3;
		} else {
			struct sipc_msg m = { .size = sizeof(m), .offset = off,
					      .len = len };

			ret = st_ioctl(fd, SIPC_IOC_COMMIT, &m);
			seq++;
		}
		if (ret == -EIDRM)
			_exit(0);
		CHILD_EQ(0, ret);
	}
}

/* The receiver: take DATA_READY, check every byte, release; until EPIPE. */
static void receiver(const struct round *rd)
{
	const unsigned char *map;
	struct sipc_msg m;
	int fd, ret, k;
	long bad;

	die_at = rd->rcv_die_at;
	step();
	fd = attach(rd->name, SIPC_ROLE_RECEIVER);
	CHILD_EXPECT(fd >= 0);
	step();
	map = st_map(fd, rd->region, PROT_READ, 0);
	if (map == MAP_FAILED && errno == EIDRM)
		_exit(0);
	CHILD_EXPECT(map != MAP_FAILED);
	for (;;) {
		step();
		if (rd->slots == 1) {
			ret = st_recv(fd, 0, &m);
		} else {
			memset(&m, 0, sizeof(m));
			m.size = sizeof(m);
			ret = st_ioctl(fd, SIPC_IOC_RECV_NEXT, &m);
		}
		if (ret == -EPIPE || ret == -EIDRM)
			_exit(0);	/* the sender left / the channel went */
		CHILD_EQ(0, ret);
		CHILD_EQ(SIPC_MSG_DATA_READY, m.type);
		step();
		bad = st_check(map + m.offset, m.len, m.seq);
		CHILD_EQ(-1, bad);
		step();
		for (k = 0; rd->slots == 1 && k < 2; k++) {
			ret = st_recv(fd, 0, &m);
			if (ret == -EPIPE || ret == -EIDRM)
				_exit(0);
			CHILD_EQ(0, ret);
			CHILD_EQ(SIPC_MSG_NOOP, m.type);
			step();
		}
	}
}

static pid_t start(void (*fn)(const struct round *), const struct round *rd)
{
	pid_t pid = st_fork();

	if (pid == 0) {
		fn(rd);
		_exit(0);
	}
	return pid;
}

/* Results of the whole run. */
static long kills, rounds, bad_rounds, leak_rounds, epipes;

static void fail_round(long n, const char *why, int val)
{
	if (++bad_rounds <= 10)
		ksft_print_msg("round %ld: %s (%d)\n", n, why, val);
}

/* Reap a process we killed: it must have died of that SIGKILL. */
static void reap_victim(long n, pid_t pid, bool destroyed)
{
	int ret = st_reap(pid, 20000);

	if (ret == ST_KILLED_BY(SIGKILL))
		kills++;
	else if (ret == -ETIMEDOUT)
		fail_round(n, "victim did not die", ret);
	else if (!(destroyed && ret == 0))	/* EIDRM is a clean end */
		fail_round(n, "victim ended on its own with", ret);
}

/* A helper killed while creating the channel. */
static void helper_round(struct camp_rng *r, long n, const char *name, int dev)
{
	pid_t pid = st_fork();
	int ret;

	if (pid == 0) {
		int d = st_dev_open();

		_exit(st_create(d, name, PAGE * (1 + camp_below(r, 16)), 0, NULL) ? 1 : 0);
	}
	camp_usleep((long)camp_below(r, 3000));
	kill(pid, SIGKILL);
	ret = st_reap(pid, 20000);
	if (ret == ST_KILLED_BY(SIGKILL))
		kills++;
	else if (ret != 0)
		fail_round(n, "helper failed with", ret);
	ret = st_destroy(dev, name);
	if (ret && ret != -ENOENT)
		fail_round(n, "destroy after helper", ret);
}

static void one_round(struct camp_rng *r, long n, int dev)
{
	struct round rd = { .snd_die_at = -1, .rcv_die_at = -1 };
	int mode = (int)camp_below(r, 8), ret;
	bool destroyed = false;
	struct sipc_info info;
	pid_t snd, rcv;

	snprintf(rd.name, sizeof(rd.name), "kill.%ld", n);
	if (mode == 7) {
		helper_round(r, n, rd.name, dev);
		return;
	}
	rd.slots = camp_chance(r, 30) ? 2 + (__u32)camp_below(r, 3) : 1;
	/* At least 2 pages: st_proto_shape() needs them. */
	rd.region = PAGE * rd.slots * (2 + camp_below(r, 3));
	if (rd.slots > 1) {
		struct sipc_create c = { .size = sizeof(c), .region_size = rd.region,
					 .slots = rd.slots };

		strcpy(c.name, rd.name);
		ret = st_ioctl(dev, SIPC_IOC_CREATE, &c);
		rd.region = c.region_size;
	} else {
		ret = st_create(dev, rd.name, rd.region, 1, NULL);
	}
	if (ret) {
		fail_round(n, "create", ret);
		return;
	}
	if (mode == 0)
		rd.snd_die_at = (int)camp_below(r, 20);
	if (mode == 1)
		rd.rcv_die_at = (int)camp_below(r, 20);
	rcv = start(receiver, &rd);
	snd = start(sender, &rd);
	if (mode >= 2)
		camp_usleep((long)camp_below(r, 30000));
	switch (mode) {
	case 0:
	case 1:		/* self-kill: reaped below */
		break;
	case 2: kill(snd, SIGKILL); break;
	case 3: kill(rcv, SIGKILL); break;
	case 4:
		/* Receiver first: a receiver that outlived its sender even
		 * briefly could end cleanly with EPIPE before its SIGKILL. */
		kill(rcv, SIGKILL);
		kill(snd, SIGKILL);
		break;
	case 5:
	case 6:		/* destroy under them, then kill both */
		destroyed = st_destroy(dev, rd.name) == 0;
		camp_usleep((long)camp_below(r, 5000));
		kill(rcv, SIGKILL);
		kill(snd, SIGKILL);
		break;
	}

	if (mode == 0 || mode == 2 || mode == 4 || mode >= 5) {
		/* The sender is gone: was it attached when it died? */
		reap_victim(n, snd, destroyed);
		if (mode == 4 || mode >= 5) {
			reap_victim(n, rcv, destroyed);
		} else if (st_info(dev, rd.name, &info) == 0 &&
			   (info.state & SIPC_STATE_SENDER_HUP)) {
			ret = st_reap(rcv, 20000);
			if (ret)
				fail_round(n, "receiver after sender death", ret);
			else
				epipes++;
		} else {
			/* Killed before attaching: the receiver waits on. */
			st_kill(rcv);
		}
	} else {
		reap_victim(n, rcv, false);
		if (!st_alive(snd))
			fail_round(n, "sender ended when its receiver died",
				   st_reap(snd, 0));
		st_kill(snd);
	}
	if (!destroyed) {
		ret = st_destroy(dev, rd.name);
		if (ret)
			fail_round(n, "destroy", ret);
	}
}

int main(void)
{
	long long want = camp_count("SIPC_KILL_ROUNDS", 400);
	long long min_kills = camp_count("SIPC_KILL_MIN", 200);
	double secs = (double)camp_env("SIPC_KILL_SECS", 150), t0;
	struct st_counters start_c;
	struct camp_rng r;
	int dev;

	st_require_device();
	camp_init("campaign_kill", 0x5195c111);
	ksft_set_plan(3);
	camp_rng_init(&r, 1);
	dev = st_dev_open();
	if (dev < 0 || st_counters_read(&start_c))
		ksft_exit_fail_msg("cannot open %s or read the counters\n", SIPC_DEVICE_PATH);
	st_counters_log("start", &start_c);

	t0 = camp_now();
	for (rounds = 0; rounds < want && camp_now() - t0 < secs; rounds++) {
		one_round(&r, rounds, dev);
		if (!camp_counters_back(&start_c, 5000, "after a round") &&
		    ++leak_rounds > 3)
			break;	/* a leak: no need to pile them up */
	}
	ksft_print_msg("%ld rounds, %ld processes killed, %ld receivers told EPIPE, %.1f s\n",
		       rounds, kills, epipes, camp_now() - t0);
	ksft_print_msg("FIGURE kill_rounds=%ld kills=%ld\n", rounds, kills);
	ksft_test_result(bad_rounds == 0 && kills >= min_kills,
			 "kill: %ld kills (want >= %lld): victims died of SIGKILL, survivors saw EPIPE or nothing, data intact\n",
			 kills, min_kills);
	ksft_test_result(leak_rounds == 0, "kill: counters back to start after every round\n");
	ksft_test_result(camp_counters_back(&start_c, 5000, "at the end"),
			 "kill: channels, endpoints and region bytes at their start values\n");
	close(dev);
	ksft_finished();
}
