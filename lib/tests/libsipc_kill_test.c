// SPDX-License-Identifier: GPL-2.0-only
/*
 * libsipc_kill_test - kill the sender, the receiver or both with SIGKILL at
 * random points of a running stream, then destroy the channel: every
 * survivor must wake with the documented error (EIDRM, or EPIPE for a
 * receiver on the kernel backend whose sender died), and once all are gone
 * nothing may be left: no channel in sipc_list(), no SysV queue or segment
 * (/proc/sysvipc, what ipcs(1) reads), and the module's counters
 * (/sys/class/sipc/sipc/) back where they started.  Runs on either backend.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "testutil.h"

#define ROUNDS	24

/* Exit codes of the peers: the (positive) errno they stopped with. */
static int sender_loop(const char *name, uint64_t seed)
{
	size_t cap, len;
	unsigned int i;
	void *p;
	int tx, r;

	tx = sipc_open(name, SIPC_ROLE_SENDER);
	if (tx < 0)
		return -tx;
	if (sipc_buffer(tx, &p, &cap))
		return 100;
	for (i = 0;; i++) {
		len = tu_rand(&seed) % (cap + 1);
		r = sipc_acquire(tx, -1);
		if (!r) {
			tu_fill(p, len, i);
			r = sipc_commit(tx, len, -1);
		}
		if (r)
			return -r;
	}
}

static int receiver_loop(const char *name)
{
	const void *data;
	size_t len;
	int rx, r;

	rx = sipc_open(name, SIPC_ROLE_RECEIVER);
	if (rx < 0)
		return -rx;
	while ((r = sipc_next(rx, &data, &len, -1)) == 1) {
		/* Touch every page, as a real reader would. */
		volatile const char *c = data;
		size_t i;

		for (i = 0; i < len; i += 4096)
			(void)c[i];
		r = sipc_done(rx, -1);
		if (r)
			break;
	}
	return r < 0 ? -r : 101;
}

static bool leaks_equal(struct __test_metadata *_metadata,
			const struct tu_leaks *a, const struct tu_leaks *b)
{
	EXPECT_EQ(a->sysv_msg, b->sysv_msg);
	EXPECT_EQ(a->sysv_shm, b->sysv_shm);
	EXPECT_EQ(a->channels, b->channels);
	EXPECT_EQ(a->endpoints, b->endpoints);
	EXPECT_EQ(a->region_bytes, b->region_bytes);
	return a->sysv_msg == b->sysv_msg && a->sysv_shm == b->sysv_shm &&
	       a->channels == b->channels && a->endpoints == b->endpoints &&
	       a->region_bytes == b->region_bytes;
}

/*
 * Is a survivor's exit code one of the documented outcomes?  EIDRM: woken
 * by the destruction; ENOENT: it had not opened the channel yet.
 */
static bool survivor_ok(int code, bool receiver)
{
	if (code == EIDRM || code == ENOENT)
		return true;
	/* Kernel: a receiver learns that its sender left. */
	return receiver && tu_kernel() && code == EPIPE;
}

FIXTURE(kill) {};
FIXTURE_SETUP(kill) { (void)self; }
FIXTURE_TEARDOWN(kill) { (void)self; }

TEST_F_TIMEOUT(kill, peers_then_destroy, 300)
{
	char names[ROUNDS][SIPC_NAME_MAX], list[256][SIPC_NAME_MAX];
	uint64_t rnd = (uint64_t)tu_now_ms();
	struct tu_leaks before, after;
	int round, total, i, j;

	(void)self;
	TH_LOG("seed %llu", (unsigned long long)rnd);
	tu_leaks(&before);
	for (round = 0; round < ROUNDS; round++) {
		int victim = (int)(tu_rand(&rnd) % 3);	/* 0 tx, 1 rx, 2 both */
		size_t size = 4096 * (1 + tu_rand(&rnd) % 16);
		unsigned int depth = 1 + (unsigned int)(tu_rand(&rnd) % 3);
		pid_t tx, rx;
		int code;

		snprintf(names[round], SIPC_NAME_MAX, "t%d-kill%d", (int)getpid(), round);
		ASSERT_EQ(0, sipc_create(names[round], size, depth));
		rx = tu_fork();
		if (rx == 0)
			_exit(receiver_loop(names[round]));
		tx = tu_fork();
		if (tx == 0)
			_exit(sender_loop(names[round], rnd));
		ASSERT_LT(0, tx);
		ASSERT_LT(0, rx);

		tu_sleep_ms((int)(tu_rand(&rnd) % 40));
		/*
		 * Receiver first: killed second, it could see its sender
		 * leave and exit on EPIPE before its own SIGKILL landed.
		 * A sender never learns of its receiver's death.
		 */
		if (victim != 0)
			kill(rx, SIGKILL);
		if (victim != 1)
			kill(tx, SIGKILL);
		tu_sleep_ms((int)(tu_rand(&rnd) % 10));
		ASSERT_EQ(0, sipc_destroy(names[round]));

		code = tu_wait(tx, 5000);
		if (victim == 1) {
			TH_LOG("round %d: sender exit %d", round, code);
			EXPECT_TRUE(survivor_ok(code, false));
		} else {
			EXPECT_EQ(1000 + SIGKILL, code);
		}
		code = tu_wait(rx, 5000);
		if (victim == 0) {
			TH_LOG("round %d: receiver exit %d", round, code);
			EXPECT_TRUE(survivor_ok(code, true));
		} else {
			EXPECT_EQ(1000 + SIGKILL, code);
		}
	}

	total = sipc_list(list, 256);
	ASSERT_LE(0, total);
	for (i = 0; i < total && i < 256; i++)
		for (j = 0; j < ROUNDS; j++)
			EXPECT_STRNE(names[j], list[i]);
	tu_leaks(&after);
	EXPECT_TRUE(leaks_equal(_metadata, &before, &after));
	TH_LOG("sysv msg %ld shm %ld, module channels %ld endpoints %ld bytes %ld",
	       after.sysv_msg, after.sysv_shm, after.channels, after.endpoints,
	       after.region_bytes);
}

/* The helper pattern: the creator exits at once, the channel stays. */
TEST(creator_exits_first)
{
	char name[SIPC_NAME_MAX];
	struct sipc_stat st;
	pid_t pid;

	tu_name(name, "helper");
	pid = tu_fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(-sipc_create(name, 8192, 1));
	ASSERT_EQ(0, tu_wait(pid, 5000));
	ASSERT_EQ(0, sipc_stat(name, &st));
	EXPECT_EQ((uint32_t)pid, st.creator_pid);
	EXPECT_EQ(0, sipc_destroy(name));
}

TEST_HARNESS_MAIN
