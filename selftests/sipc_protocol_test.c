// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_protocol_test - the 2007 DATA_READY / NOOP protocol between two
 * processes, the way libsipc runs it (queue depth 1):
 *
 *   sender:   fill region, SEND DATA_READY, SEND NOOP-1, SEND NOOP-2
 *             (returns once the receiver took NOOP-1: the region is free)
 *   receiver: RECV DATA_READY, read, RECV NOOP-1 ("done"), RECV NOOP-2
 *
 * The data of round i is a pattern derived from its DATA_READY seq, with
 * lengths from 0 to the whole region at varying offsets; the receiver
 * checks every byte through its read-only mapping, so a sender that got
 * ahead of the receiver (overwrote data being read) shows up as a wrong
 * byte.
 *
 * The 10,000-round test pins both processes to one CPU: under QEMU TCG a
 * wake-up across vCPUs costs about a timer tick (~3 ms, for pipes as much
 * as for SIPC), which would make it take minutes.  Every message still
 * blocks and wakes a peer.  The helper-pattern test runs unpinned, so
 * cross-CPU wake-ups are covered too.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <sys/mman.h>
#include <time.h>

#include "sipc_harness.h"
#include "st.h"

#define REGION		(3 * 4096)	/* lengths cross page boundaries */
#define LONG_ROUNDS	10000
#define SHORT_ROUNDS	300

FIXTURE(proto) {
	int dev;
	char name[SIPC_NAME_MAX];
	struct st_counters start;
	pid_t sender, receiver, helper;
};

FIXTURE_SETUP(proto)
{
	self->sender = self->receiver = self->helper = -1;
	ASSERT_EQ(0, st_counters_read(&self->start));
	self->dev = st_dev_open();
	ASSERT_LE(0, self->dev);
	st_name(self->name, "proto");
}

FIXTURE_TEARDOWN(proto)
{
	st_kill(self->sender);
	st_kill(self->receiver);
	st_kill(self->helper);
	st_destroy(self->dev, self->name);
	close(self->dev);
	ST_EXPECT_COUNTERS_BACK(&self->start);
}

/* A sender process: attach, map read-write, run `rounds` rounds, exit. */
static pid_t start_sender(const char *name, unsigned long rounds)
{
	pid_t pid = st_fork();
	unsigned char *map;
	unsigned long i;
	__u64 off;
	__u32 len;
	int dev, s;

	if (pid)
		return pid;
	dev = st_dev_open();
	CHILD_EXPECT(dev >= 0);
	s = st_attach(dev, name, SIPC_ROLE_SENDER, 0);
	CHILD_EXPECT(s >= 0);
	close(dev);
	map = st_map(s, REGION, PROT_READ | PROT_WRITE, 0);
	CHILD_EXPECT(map != MAP_FAILED);
	for (i = 0; i < rounds; i++) {
		st_proto_shape(i, REGION, &off, &len);
		if (st_proto_send(s, map, off, len, 3 * i + 1))
			_exit(2);
	}
	_exit(0);
}

/* The receiver side, in the calling process; 0 or the failing round + 1. */
static unsigned long run_receiver(int r, const unsigned char *map,
				  unsigned long rounds, __u64 *bytes)
{
	unsigned long i;
	__u64 off;
	__u32 len;

	*bytes = 0;
	for (i = 0; i < rounds; i++) {
		st_proto_shape(i, REGION, &off, &len);
		if (st_proto_recv(r, map, off, len, 3 * i + 1))
			return i + 1;
		*bytes += len;
	}
	return 0;
}

static void check_totals(struct __test_metadata *_metadata,
			 FIXTURE_DATA(proto) *self, unsigned long rounds,
			 __u64 bytes)
{
	struct sipc_info info;

	ASSERT_EQ(0, st_info(self->dev, self->name, &info));
	EXPECT_EQ(3ULL * rounds, info.msgs_sent);
	EXPECT_EQ(3ULL * rounds, info.msgs_received);
	EXPECT_EQ(bytes, info.bytes_sent);
	EXPECT_EQ(0U, info.queue_len);
}

/* SIPC_PROTO_ROUNDS overrides the 10,000 rounds (for debugging only). */
static unsigned long long_rounds(void)
{
	const char *env = getenv("SIPC_PROTO_ROUNDS");

	return env && *env ? strtoul(env, NULL, 0) : LONG_ROUNDS;
}

TEST_F_TIMEOUT(proto, ten_thousand_messages, 100)
{
	unsigned long rounds = long_rounds();
	const unsigned char *map;
	struct st_counters now;
	struct timespec t0, t1;
	struct sipc_msg m;
	__u64 bytes;
	int r;

	ASSERT_EQ(0, st_pin_one_cpu());	/* the sender inherits it */
	ASSERT_EQ(0, st_create(self->dev, self->name, REGION, 1, NULL));
	r = st_attach(self->dev, self->name, SIPC_ROLE_RECEIVER, 0);
	ASSERT_LE(0, r);
	map = st_map(r, REGION, PROT_READ, 0);
	ASSERT_NE(MAP_FAILED, map);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	self->sender = start_sender(self->name, rounds);
	ASSERT_LE(0, self->sender);

	ASSERT_EQ(0UL, run_receiver(r, map, rounds, &bytes));
	EXPECT_EQ(0, st_reap(self->sender, ST_WAKE_MS));
	self->sender = -1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	TH_LOG("%lu rounds, %llu bytes in %ld ms", rounds,
	       (unsigned long long)bytes,
	       (long)((t1.tv_sec - t0.tv_sec) * 1000 +
		      (t1.tv_nsec - t0.tv_nsec) / 1000000));
	check_totals(_metadata, self, rounds, bytes);
	/* The sender is gone and everything was read. */
	EXPECT_EQ(-EPIPE, st_recv(r, 0, &m));

	munmap((void *)map, REGION);
	close(r);
	ASSERT_EQ(0, st_destroy(self->dev, self->name));
	EXPECT_EQ(0, st_counters_wait(&self->start, &now, 2000));
}

/*
 * The helper pattern: a short-lived process creates the channel and exits
 * before either peer attaches; sender and receiver are two more processes.
 */
TEST_F_TIMEOUT(proto, helper_creates_then_exits, 60)
{
	struct sipc_info info;
	pid_t helper;

	helper = st_fork();
	ASSERT_LE(0, helper);
	if (helper == 0) {
		int d = st_dev_open();

		CHILD_EXPECT(d >= 0);
		CHILD_EQ(0, st_create(d, self->name, REGION, 0, NULL));
		_exit(0);
	}
	ASSERT_EQ(0, st_reap(helper, ST_WAKE_MS));
	ASSERT_EQ(0, st_info(self->dev, self->name, &info));
	EXPECT_EQ((__u32)helper, info.creator_pid);
	EXPECT_EQ(0U, info.state);

	self->receiver = st_fork();
	ASSERT_LE(0, self->receiver);
	if (self->receiver == 0) {
		const unsigned char *map;
		__u64 bytes;
		int dev = st_dev_open(), r;

		CHILD_EXPECT(dev >= 0);
		r = st_attach(dev, self->name, SIPC_ROLE_RECEIVER, 0);
		CHILD_EXPECT(r >= 0);
		close(dev);
		map = st_map(r, REGION, PROT_READ, 0);
		CHILD_EXPECT(map != MAP_FAILED);
		CHILD_EQ(0, run_receiver(r, map, SHORT_ROUNDS, &bytes));
		_exit(0);
	}
	self->sender = start_sender(self->name, SHORT_ROUNDS);
	ASSERT_LE(0, self->sender);

	EXPECT_EQ(0, st_reap(self->receiver, 50000));
	self->receiver = -1;
	EXPECT_EQ(0, st_reap(self->sender, ST_WAKE_MS));
	self->sender = -1;
	ASSERT_EQ(0, st_info(self->dev, self->name, &info));
	EXPECT_EQ(3ULL * SHORT_ROUNDS, info.msgs_received);
	EXPECT_EQ(SIPC_STATE_SENDER_HUP, info.state);
}

ST_TEST_MAIN
