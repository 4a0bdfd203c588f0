// SPDX-License-Identifier: GPL-2.0-only
/*
 * libsipc_fast_test - the fast path of LIBSIPC_0.2: sipc_create_slots(),
 * sipc_slots(), sipc_reserve(), sipc_publish(), and sipc_next() /
 * sipc_done() on multi-slot channels.
 *
 * What must hold: the slot geometry; that the sender is handed the slots
 * in turn and never one the receiver may still be reading (driven step by
 * step with non-blocking calls); that a blocking sipc_publish() on one
 * region returns only once the receiver released the message; that data
 * arrives intact and in order through long streams (SIPC_IOC_COMMIT and
 * SIPC_IOC_RECV_NEXT on the kernel backend); that the classic calls get
 * the whole region back after slots were used.  Multi-slot channels
 * exist on the kernel backend only: on sysv those tests check the
 * documented -EOPNOTSUPP and skip the rest, saying so.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "testutil.h"

#define PAGE		4096
#define STREAM_MSGS	1000

FIXTURE(fast) {
	char name[SIPC_NAME_MAX];
	int tx, rx;
};

FIXTURE_SETUP(fast)
{
	tu_name(self->name, "fast");
	self->tx = self->rx = -1;
}

FIXTURE_TEARDOWN(fast)
{
	sipc_close(self->tx);
	sipc_close(self->rx);
	sipc_destroy(self->name);
}

/* Create with slots, open both ends.  0, or the creation error. */
static int make(struct _test_data_fast *self, size_t size, unsigned int slots)
{
	int r = sipc_create_slots(self->name, size, slots);

	if (r)
		return r;
	self->tx = sipc_open(self->name, SIPC_ROLE_SENDER);
	self->rx = sipc_open(self->name, SIPC_ROLE_RECEIVER);
	return self->tx < 0 ? self->tx : self->rx < 0 ? self->rx : 0;
}

TEST_F(fast, create_bad_args)
{
	EXPECT_EQ(-EINVAL, sipc_create_slots(self->name, 0, 2));
	EXPECT_EQ(-EINVAL, sipc_create_slots(self->name, PAGE, SIPC_SLOTS_MAX + 1));
	EXPECT_EQ(-EINVAL, sipc_create_slots("bad/name", PAGE, 2));
	EXPECT_EQ(-ENOENT, sipc_stat(self->name, &(struct sipc_stat){ 0 }));
	EXPECT_EQ(-EBADF, sipc_slots(-1));
	EXPECT_EQ(-EBADF, sipc_reserve(12345, NULL, NULL, 0));
	EXPECT_EQ(-EBADF, sipc_publish(12345, 0, 0));
}

/* 0 and 1 slot: sipc_create(name, size, 1), on both backends. */
TEST_F(fast, one_region_geometry)
{
	struct sipc_stat st;
	size_t cap;
	void *p;

	ASSERT_EQ(0, make(self, PAGE + 1, 1));
	ASSERT_EQ(0, sipc_stat(self->name, &st));
	EXPECT_EQ(2 * PAGE, st.size);
	EXPECT_EQ(1, st.depth);
	EXPECT_EQ(1, sipc_slots(self->tx));
	EXPECT_EQ(1, sipc_slots(self->rx));
	ASSERT_EQ(0, sipc_reserve(self->tx, &p, &cap, 0));
	EXPECT_EQ(2 * PAGE, cap);
	EXPECT_EQ(-EBADF, sipc_reserve(self->rx, &p, &cap, 0));
	EXPECT_EQ(-EBADF, sipc_publish(self->rx, 1, 0));
	EXPECT_EQ(-EMSGSIZE, sipc_publish(self->tx, cap + 1, 0));
	sipc_close(self->tx);
	sipc_close(self->rx);
	self->tx = self->rx = -1;
	ASSERT_EQ(0, sipc_destroy(self->name));
	EXPECT_EQ(0, sipc_create_slots(self->name, PAGE, 0));
	EXPECT_EQ(-EEXIST, sipc_create_slots(self->name, PAGE, 0));
}

TEST_F(fast, multi_slot_geometry)
{
	struct sipc_stat st;
	size_t cap;
	void *p;
	int r;

	r = make(self, PAGE + 1, 5);
	if (!tu_kernel()) {
		EXPECT_EQ(-EOPNOTSUPP, r);
		EXPECT_EQ(-ENOENT, sipc_stat(self->name, &st));
		return;		/* that is the sysv contract (sipc_create_slots(3)) */
	}
	ASSERT_EQ(0, r);
	ASSERT_EQ(0, sipc_stat(self->name, &st));
	EXPECT_EQ(5 * 2 * PAGE, st.size);
	EXPECT_EQ(4, st.depth);
	EXPECT_EQ(5, sipc_slots(self->tx));
	EXPECT_EQ(5, sipc_slots(self->rx));
	ASSERT_EQ(0, sipc_reserve(self->tx, &p, &cap, 0));
	EXPECT_EQ(2 * PAGE, cap);
	EXPECT_EQ(-EMSGSIZE, sipc_publish(self->tx, cap + 1, 0));
}

/*
 * One region, step by step: publish queues DATA_READY and, the receiver
 * not having released it, the buffer is not handed out again until it
 * took NOOP-1.  Then the end of the stream.
 */
TEST_F(fast, one_region_lockstep)
{
	const void *data;
	size_t cap, len;
	void *p;
	int i;

	ASSERT_EQ(0, make(self, PAGE, 1));
	for (i = 0; i < 3; i++) {
		/* Takes the last round's NOOP-2, which fills the queue. */
		EXPECT_EQ(-EAGAIN, sipc_next(self->rx, &data, &len, 0));
		ASSERT_EQ(0, sipc_reserve(self->tx, &p, &cap, 0));
		tu_fill(p, 100 + i, i);
		ASSERT_EQ(0, sipc_publish(self->tx, 100 + i, 0));
		EXPECT_EQ(-EBUSY, sipc_publish(self->tx, 1, 0));
		EXPECT_EQ(-EAGAIN, sipc_reserve(self->tx, &p, &cap, 0));
		ASSERT_EQ(1, sipc_next(self->rx, &data, &len, 0));
		EXPECT_EQ(100 + i, len);
		EXPECT_TRUE(tu_check(data, len, i));
		/* NOOP-1 goes in now, NOOP-2 waits for the release. */
		EXPECT_EQ(-EAGAIN, sipc_reserve(self->tx, &p, &cap, 0));
		ASSERT_EQ(0, sipc_done(self->rx, 0));
		ASSERT_EQ(0, sipc_reserve(self->tx, &p, &cap, 0));
	}
	EXPECT_EQ(-EAGAIN, sipc_next(self->rx, &data, &len, 0));
	ASSERT_EQ(0, sipc_send_eof(self->tx, 0));
	EXPECT_EQ(0, sipc_next(self->rx, &data, &len, 0));
}

/*
 * Multi-slot, step by step: slots come in turn, and the slot the receiver
 * holds is not handed out until it took the next message; sipc_done()
 * takes nothing.  Three slots, queue of two.
 */
TEST_F(fast, multi_slot_lockstep)
{
	const char *data0;
	char *slot[3];
	const void *data;
	size_t cap, len;
	void *p;
	int i;

	if (!tu_kernel()) {	/* sysv: refused, as documented */
		EXPECT_EQ(-EOPNOTSUPP, make(self, PAGE, 3));
		return;
	}
	ASSERT_EQ(0, make(self, PAGE, 3));
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, sipc_reserve(self->tx, &p, &cap, 0));
		slot[i] = p;
		tu_fill(p, 10 + i, 10 + i);
		ASSERT_EQ(0, sipc_publish(self->tx, 10 + i, 0));
	}
	EXPECT_EQ(slot[0] + PAGE, slot[1]);
	/* Two queued: the queue is full, slot 2 not known free. */
	EXPECT_EQ(-EAGAIN, sipc_reserve(self->tx, &p, &cap, 0));
	EXPECT_EQ(-EBUSY, sipc_publish(self->tx, 1, 0));
	ASSERT_EQ(1, sipc_next(self->rx, &data, &len, 0));	/* holds slot 0 */
	EXPECT_EQ(10, len);
	data0 = data;
	ASSERT_EQ(0, sipc_reserve(self->tx, &p, &cap, 0));
	slot[2] = p;
	EXPECT_EQ(slot[1] + PAGE, slot[2]);
	tu_fill(p, 12, 12);
	ASSERT_EQ(0, sipc_publish(self->tx, 12, 0));
	/* Next would be slot 0, which the receiver still holds. */
	EXPECT_EQ(-EAGAIN, sipc_reserve(self->tx, &p, &cap, 0));
	EXPECT_EQ(0, sipc_done(self->rx, 0));
	EXPECT_EQ(-EAGAIN, sipc_reserve(self->tx, &p, &cap, 0));
	EXPECT_TRUE(tu_check(data, 10, 10));
	for (i = 1; i < 3; i++) {
		ASSERT_EQ(1, sipc_next(self->rx, &data, &len, 0));
		EXPECT_EQ(10 + i, len);
		EXPECT_TRUE(tu_check(data, len, 10 + i));
		/* The peers map the region at different addresses. */
		EXPECT_EQ(slot[i] - slot[0], (const char *)data - data0);
	}
	ASSERT_EQ(0, sipc_reserve(self->tx, &p, &cap, 0));
	EXPECT_EQ(slot[0], (char *)p);

	/* The classic calls want the whole region: -EBUSY until acquired. */
	EXPECT_EQ(-EBUSY, sipc_commit(self->tx, 1, 0));
	for (i = 0; i < 20 && sipc_acquire(self->tx, 0); i++)
		sipc_next(self->rx, &data, &len, 0);
	ASSERT_EQ(0, sipc_acquire(self->tx, 0));
	ASSERT_EQ(0, sipc_buffer(self->tx, &p, &cap));
	EXPECT_EQ(3 * PAGE, cap);
	tu_fill(p, cap, 99);
	ASSERT_EQ(0, sipc_commit(self->tx, cap, 0));
	ASSERT_EQ(1, sipc_next(self->rx, &data, &len, 0));
	EXPECT_EQ(cap, len);
	EXPECT_TRUE(tu_check(data, len, 99));
}

/*
 * A blocking sipc_publish() on one region returns only once the
 * receiver is done: the receiver holds the message 300 ms.
 */
TEST_F(fast, one_region_publish_waits_for_release)
{
	const int hold_ms = 300;
	const void *data;
	int64_t t0, dt;
	size_t cap, len;
	pid_t pid;
	void *p;

	ASSERT_EQ(0, sipc_create_slots(self->name, PAGE, 1));
	pid = tu_fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int rx = sipc_open(self->name, SIPC_ROLE_RECEIVER);

		if (rx < 0 || sipc_next(rx, &data, &len, -1) != 1)
			_exit(4);
		tu_sleep_ms(hold_ms);
		if (len != 500 || !tu_check(data, len, 5))
			_exit(2);
		_exit(sipc_next(rx, &data, &len, -1) == 0 ? 0 : 3);
	}
	self->tx = sipc_open(self->name, SIPC_ROLE_SENDER);
	ASSERT_LE(0, self->tx);
	ASSERT_EQ(0, sipc_reserve(self->tx, &p, &cap, -1));
	tu_fill(p, 500, 5);
	t0 = tu_now_ms();
	ASSERT_EQ(0, sipc_publish(self->tx, 500, -1));
	dt = tu_now_ms() - t0;
	TH_LOG("publish returned after %lld ms", (long long)dt);
	EXPECT_LE(hold_ms - 20, dt);
	/* Released: the buffer is ours at once. */
	EXPECT_EQ(0, sipc_reserve(self->tx, &p, &cap, 0));
	memset(p, 0xee, cap);
	ASSERT_EQ(0, sipc_send_eof(self->tx, -1));
	EXPECT_EQ(0, tu_wait(pid, 10000));
}

/* A time limit: the message goes, the wait is left to sipc_reserve(). */
TEST_F(fast, publish_timeout_keeps_message)
{
	const void *data;
	int64_t t0, dt;
	size_t cap, len;
	void *p;

	ASSERT_EQ(0, make(self, PAGE, 1));
	ASSERT_EQ(0, sipc_reserve(self->tx, &p, &cap, 0));
	tu_fill(p, 64, 64);
	t0 = tu_now_ms();
	ASSERT_EQ(0, sipc_publish(self->tx, 64, 100));
	dt = tu_now_ms() - t0;
	EXPECT_LE(90, dt);
	EXPECT_GT(1500, dt);
	EXPECT_EQ(-ETIMEDOUT, sipc_reserve(self->tx, &p, &cap, 50));
	ASSERT_EQ(1, sipc_next(self->rx, &data, &len, 100));
	EXPECT_EQ(64, len);
	EXPECT_TRUE(tu_check(data, len, 64));
	EXPECT_EQ(-ETIMEDOUT, sipc_reserve(self->tx, &p, &cap, 50));
	EXPECT_EQ(0, sipc_done(self->rx, 100));
	EXPECT_EQ(0, sipc_reserve(self->tx, &p, &cap, 100));
}

/*
 * A long stream in two processes with blocking calls (the one-call path
 * on the kernel backend): every message intact and in order, lengths from
 * 0 to the capacity, the receiver sometimes slow.  The receiver checks a
 * message only after a pause, so an overwrite of a held slot would show.
 */
static int stream_receiver(const char *name, size_t cap)
{
	uint64_t state = 7;
	const void *data;
	unsigned int i;
	size_t len;
	int rx, r;

	rx = sipc_open(name, SIPC_ROLE_RECEIVER);
	if (rx < 0)
		return 10;
	for (i = 0; ; i++) {
		r = sipc_next(rx, &data, &len, 20000);
		if (r == 0)
			break;
		if (r < 0)
			return 11;
		if (len != tu_msg_len(&state, i, cap))
			return 12;
		if (i % 97 == 0)
			tu_sleep_ms(1);
		if (!tu_check(data, len, i))
			return 13;
		if (i % 5 == 0 && sipc_done(rx, -1))
			return 14;
	}
	sipc_close(rx);
	return i == STREAM_MSGS ? 0 : 15;
}

static void stream(struct __test_metadata *_metadata,
		   struct _test_data_fast *self, unsigned int slots,
		   unsigned int depth)
{
	uint64_t state = 7;
	unsigned int i;
	size_t cap, len;
	pid_t pid;
	void *p;
	int r;

	if (depth > 1)
		r = sipc_create(self->name, 2 * PAGE, depth);
	else
		r = sipc_create_slots(self->name, 2 * PAGE, slots);
	ASSERT_EQ(0, r);
	pid = tu_fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(stream_receiver(self->name, 2 * PAGE));
	self->tx = sipc_open(self->name, SIPC_ROLE_SENDER);
	ASSERT_LE(0, self->tx);
	EXPECT_EQ(slots > 1 ? (int)slots : 1, sipc_slots(self->tx));
	for (i = 0; i < STREAM_MSGS; i++) {
		r = sipc_reserve(self->tx, &p, &cap, 20000);
		ASSERT_EQ(0, r);
		ASSERT_EQ(2 * PAGE, cap);
		len = tu_msg_len(&state, i, cap);
		tu_fill(p, len, i);
		ASSERT_EQ(0, sipc_publish(self->tx, len, -1));
	}
	ASSERT_EQ(0, sipc_send_eof(self->tx, 20000));
	EXPECT_EQ(0, tu_wait(pid, 60000));
}

TEST_F_TIMEOUT(fast, stream_one_region, 120)
{
	stream(_metadata, self, 1, 1);
}

/* Depth 4 on one region: COMMIT would not prove the release there. */
TEST_F_TIMEOUT(fast, stream_one_region_depth4, 120)
{
	stream(_metadata, self, 1, 4);
}

TEST_F_TIMEOUT(fast, stream_two_slots, 120)
{
	if (!tu_kernel()) {	/* sysv: refused, as documented */
		EXPECT_EQ(-EOPNOTSUPP, make(self, PAGE, 2));
		return;
	}
	stream(_metadata, self, 2, 1);
}

TEST_F_TIMEOUT(fast, stream_many_slots, 120)
{
	if (!tu_kernel()) {	/* sysv: refused, as documented */
		EXPECT_EQ(-EOPNOTSUPP, make(self, PAGE, SIPC_SLOTS_MAX));
		return;
	}
	stream(_metadata, self, SIPC_SLOTS_MAX, 1);
}

TEST_HARNESS_MAIN
