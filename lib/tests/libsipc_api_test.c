// SPDX-License-Identifier: GPL-2.0-only
/*
 * libsipc_api_test - every public function of libsipc: the documented
 * result for good input, the documented error for each kind of bad input
 * (NULL, closed handle, wrong role, length above capacity, bad or too long
 * name, missing channel), and the channel still working afterwards; the
 * protocol state machine driven step by step with non-blocking calls and
 * timeouts.  Runs on either backend (SIPC_BACKEND).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "testutil.h"

#define CAP_ASKED 10000		/* rounds up to whole pages */

FIXTURE(chan) {
	char name[SIPC_NAME_MAX];
	size_t cap;
};

FIXTURE_SETUP(chan)
{
	struct sipc_stat st;

	tu_name(self->name, "api");
	ASSERT_EQ(0, sipc_create(self->name, CAP_ASKED, 1));
	ASSERT_EQ(0, sipc_stat(self->name, &st));
	self->cap = st.size;
}

FIXTURE_TEARDOWN(chan)
{
	sipc_destroy(self->name);
}

/*
 * One message through the channel, in this one process: commit without
 * waiting (NOOP-1 stays owed), take it without done.  Proves the channel
 * still works after the bad calls of a test.
 */
static int roundtrip(const char *name, size_t len)
{
	const void *data;
	int tx, rx, r = -1;
	size_t n, cap;
	void *p;

	tx = sipc_open(name, SIPC_ROLE_SENDER);
	rx = sipc_open(name, SIPC_ROLE_RECEIVER);
	if (tx < 0 || rx < 0 || sipc_buffer(tx, &p, &cap) || len > cap)
		goto out;
	tu_fill(p, len, len);
	if (sipc_commit(tx, len, 0))
		goto out;
	r = sipc_next(rx, &data, &n, 1000);
	r = r == 1 && n == len && tu_check(data, n, len) ? 0 : -1;
out:
	sipc_close(tx);
	sipc_close(rx);
	return r;
}

/*
 * The blocking sender calls wait for the receiver (sipc_send() until it
 * took DATA_READY, sipc_send_eof() until it is done), so a test that is
 * its own receiver runs them in a thread.
 */
struct async {
	pthread_t thread;
	int h;
	const void *buf;
	size_t len;
	bool eof;
	int ret;
};

static void *async_run(void *arg)
{
	struct async *a = arg;

	a->ret = a->eof ? sipc_send_eof(a->h, -1) : sipc_send(a->h, a->buf, a->len);
	return NULL;
}

static int async_send(struct async *a, int h, const void *buf, size_t len, bool eof)
{
	*a = (struct async){ .h = h, .buf = buf, .len = len, .eof = eof };
	return pthread_create(&a->thread, NULL, async_run, a);
}

static int async_join(struct async *a)
{
	pthread_join(a->thread, NULL);
	return a->ret;
}

TEST_F(chan, create_stat_list_destroy)
{
	char names[256][SIPC_NAME_MAX], ctx[8];
	struct sipc_stat st;
	int total, i, found = 0;

	ASSERT_EQ(0, sipc_stat(self->name, &st));
	EXPECT_EQ(0, st.size % (size_t)getpagesize());
	EXPECT_LE(CAP_ASKED, st.size);
	EXPECT_EQ(1, st.depth);
	EXPECT_EQ(0, st.queued);
	EXPECT_EQ(0, st.attached);
	EXPECT_EQ(getuid(), st.creator_uid);

	total = sipc_list(NULL, 0);
	ASSERT_LE(1, total);
	ASSERT_GT(256, total);
	ASSERT_EQ(total, sipc_list(names, 256));
	for (i = 0; i < total; i++)
		found += !strcmp(names[i], self->name);
	EXPECT_EQ(1, found);

	/* Context: a string, "" without an LSM; snprintf-style length. */
	i = sipc_context(self->name, NULL, 0);
	ASSERT_LE(0, i);
	EXPECT_EQ(i, sipc_context(self->name, ctx, sizeof(ctx)));
	EXPECT_GT(sizeof(ctx), strlen(ctx));
	/* Label: the same contract ("" on sysv, and without an LSM). */
	i = sipc_label(self->name, NULL, 0);
	ASSERT_LE(0, i);
	EXPECT_EQ(i, sipc_label(self->name, ctx, sizeof(ctx)));
	EXPECT_EQ((size_t)i, strlen(ctx));
	if (!tu_kernel())
		EXPECT_EQ(0, i);

	ASSERT_EQ(0, sipc_destroy(self->name));
	EXPECT_EQ(-ENOENT, sipc_stat(self->name, &st));
	EXPECT_EQ(-ENOENT, sipc_destroy(self->name));
	EXPECT_EQ(-ENOENT, sipc_open(self->name, SIPC_ROLE_SENDER));
	/* The name is free again at once. */
	ASSERT_EQ(0, sipc_create(self->name, 1, 0));
	ASSERT_EQ(0, sipc_stat(self->name, &st));
	EXPECT_EQ((size_t)getpagesize(), st.size);
	EXPECT_EQ(1, st.depth);
}

TEST_F(chan, create_exists)
{
	EXPECT_EQ(-EEXIST, sipc_create(self->name, 4096, 1));
	EXPECT_EQ(0, roundtrip(self->name, 100));
}

TEST(create_bad_args)
{
	char name[SIPC_NAME_MAX];

	tu_name(name, "badargs");
	EXPECT_EQ(-EINVAL, sipc_create(name, 0, 1));
	EXPECT_EQ(-EINVAL, sipc_create(name, 4096, SIPC_QUEUE_DEPTH_MAX + 1));
	EXPECT_EQ(-EINVAL, sipc_create(name, (size_t)UINT32_MAX + 1, 1));
	EXPECT_EQ(-ENOENT, sipc_stat(name, &(struct sipc_stat){ 0 }));
	ASSERT_EQ(0, sipc_create(name, 4096, SIPC_QUEUE_DEPTH_MAX));
	EXPECT_EQ(0, sipc_destroy(name));
}

/* Every function that takes a name, with each kind of bad name. */
TEST(bad_names)
{
	char longname[SIPC_NAME_MAX + 1], maxname[SIPC_NAME_MAX];
	const struct {
		const char *name;
		int err;
	} bad[] = {
		{ NULL, -EINVAL },
		{ "", -EINVAL },
		{ "a/b", -EINVAL },
		{ "a b", -EINVAL },
		{ "tab\t", -EINVAL },
		{ "\x7f", -EINVAL },
		{ "\xc3\xa9", -EINVAL },
		{ longname, -ENAMETOOLONG },
	};
	struct sipc_stat st;
	char ctx[16];
	size_t i;

	memset(longname, 'x', SIPC_NAME_MAX);
	longname[SIPC_NAME_MAX] = '\0';
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		TH_LOG("name #%zu", i);
		EXPECT_EQ(bad[i].err, sipc_create(bad[i].name, 4096, 1));
		EXPECT_EQ(bad[i].err, sipc_destroy(bad[i].name));
		EXPECT_EQ(bad[i].err, sipc_revoke(bad[i].name, SIPC_REVOKE_SENDER));
		EXPECT_EQ(bad[i].err, sipc_stat(bad[i].name, &st));
		EXPECT_EQ(bad[i].err, sipc_context(bad[i].name, ctx, sizeof(ctx)));
		EXPECT_EQ(bad[i].err, sipc_label(bad[i].name, ctx, sizeof(ctx)));
		EXPECT_EQ(bad[i].err, sipc_open(bad[i].name, SIPC_ROLE_SENDER));
		EXPECT_EQ(bad[i].err, sipc_open(bad[i].name, SIPC_ROLE_RECEIVER));
	}
	/* The longest valid name works. */
	memset(maxname, 'm', SIPC_NAME_MAX - 1);
	maxname[SIPC_NAME_MAX - 1] = '\0';
	snprintf(maxname, 16, "t%d-", (int)getpid());
	maxname[strlen(maxname)] = 'm';
	ASSERT_EQ(SIPC_NAME_MAX - 1, strlen(maxname));
	ASSERT_EQ(0, sipc_create(maxname, 4096, 1));
	EXPECT_EQ(0, roundtrip(maxname, 7));
	EXPECT_EQ(0, sipc_destroy(maxname));
}

TEST(missing_channel)
{
	char name[SIPC_NAME_MAX], ctx[4];
	struct sipc_stat st;

	tu_name(name, "missing");
	EXPECT_EQ(-ENOENT, sipc_destroy(name));
	EXPECT_EQ(-ENOENT, sipc_revoke(name, SIPC_REVOKE_ALL_FLAGS));
	EXPECT_EQ(-ENOENT, sipc_stat(name, &st));
	EXPECT_EQ(-ENOENT, sipc_context(name, ctx, sizeof(ctx)));
	EXPECT_EQ(-ENOENT, sipc_label(name, ctx, sizeof(ctx)));
	EXPECT_EQ(-ENOENT, sipc_open(name, SIPC_ROLE_SENDER));
	EXPECT_EQ(-ENOENT, sipc_open(name, SIPC_ROLE_RECEIVER));
}

TEST_F(chan, open_bad_role)
{
	EXPECT_EQ(-EINVAL, sipc_open(self->name, 0));
	EXPECT_EQ(-EINVAL, sipc_open(self->name, 3));
	EXPECT_EQ(-EINVAL, sipc_open(self->name, -1));
	EXPECT_EQ(0, roundtrip(self->name, 1));
}

/* Each handle function on handle h; all must give err. */
static void all_handle_calls(struct __test_metadata *_metadata, int h, int err)
{
	const void *data;
	char buf[16];
	void *p;
	size_t n;

	EXPECT_EQ(err, sipc_close(h));
	EXPECT_EQ(err, sipc_fd(h));
	EXPECT_EQ(err, sipc_buffer(h, &p, &n));
	EXPECT_EQ(err, sipc_commit(h, 0, 0));
	EXPECT_EQ(err, sipc_acquire(h, 0));
	EXPECT_EQ(err, sipc_send_eof(h, 0));
	EXPECT_EQ(err, sipc_send(h, buf, 1));
	EXPECT_EQ(err, sipc_next(h, &data, &n, 0));
	EXPECT_EQ(err, sipc_done(h, 0));
	EXPECT_EQ(err, sipc_recv(h, buf, sizeof(buf), &n));
}

TEST_F(chan, closed_and_bogus_handles)
{
	int h, h2;

	h = sipc_open(self->name, SIPC_ROLE_SENDER);
	ASSERT_LE(0, h);
	ASSERT_EQ(0, sipc_close(h));
	all_handle_calls(_metadata, h, -EBADF);
	all_handle_calls(_metadata, -1, -EBADF);
	all_handle_calls(_metadata, 0, -EBADF);
	all_handle_calls(_metadata, 123456789, -EBADF);
	/* A new handle in the same slot is not the old one. */
	h2 = sipc_open(self->name, SIPC_ROLE_SENDER);
	ASSERT_LE(0, h2);
	EXPECT_NE(h, h2);
	EXPECT_EQ(-EBADF, sipc_close(h));
	EXPECT_EQ(0, sipc_close(h2));
	EXPECT_EQ(0, roundtrip(self->name, 33));
}

TEST_F(chan, wrong_role)
{
	const void *data;
	char buf[16];
	int tx, rx;
	void *p;
	size_t n;

	tx = sipc_open(self->name, SIPC_ROLE_SENDER);
	rx = sipc_open(self->name, SIPC_ROLE_RECEIVER);
	ASSERT_LE(0, tx);
	ASSERT_LE(0, rx);
	/* A receiver cannot write or send. */
	EXPECT_EQ(-EBADF, sipc_buffer(rx, &p, &n));
	EXPECT_EQ(-EBADF, sipc_commit(rx, 0, 0));
	EXPECT_EQ(-EBADF, sipc_acquire(rx, 0));
	EXPECT_EQ(-EBADF, sipc_send_eof(rx, 0));
	EXPECT_EQ(-EBADF, sipc_send(rx, buf, 1));
	/* A sender cannot receive. */
	EXPECT_EQ(-EBADF, sipc_next(tx, &data, &n, 0));
	EXPECT_EQ(-EBADF, sipc_done(tx, 0));
	EXPECT_EQ(-EBADF, sipc_recv(tx, buf, sizeof(buf), &n));
	/* Both may ask for the capacity. */
	n = 0;
	EXPECT_EQ(0, sipc_buffer(rx, NULL, &n));
	EXPECT_EQ(self->cap, n);
	n = 0;
	EXPECT_EQ(0, sipc_buffer(tx, NULL, &n));
	EXPECT_EQ(self->cap, n);
	EXPECT_EQ(0, sipc_close(tx));
	EXPECT_EQ(0, sipc_close(rx));
	EXPECT_EQ(0, roundtrip(self->name, 200));
}

TEST_F(chan, null_arguments)
{
	struct async a;
	const void *data;
	char buf[16];
	int tx, rx;
	size_t n;

	tx = sipc_open(self->name, SIPC_ROLE_SENDER);
	rx = sipc_open(self->name, SIPC_ROLE_RECEIVER);
	ASSERT_LE(0, tx);
	ASSERT_LE(0, rx);
	EXPECT_EQ(-EINVAL, sipc_buffer(tx, NULL, NULL));
	EXPECT_EQ(-EINVAL, sipc_send(tx, NULL, 1));
	EXPECT_EQ(-EINVAL, sipc_next(rx, NULL, &n, 0));
	EXPECT_EQ(-EINVAL, sipc_next(rx, &data, NULL, 0));
	EXPECT_EQ(-EINVAL, sipc_recv(rx, NULL, 1, &n));
	EXPECT_EQ(-EINVAL, sipc_recv(rx, buf, sizeof(buf), NULL));
	EXPECT_EQ(-EINVAL, sipc_list(NULL, 1));
	EXPECT_EQ(-EINVAL, sipc_stat(self->name, NULL));
	EXPECT_EQ(-EINVAL, sipc_context(self->name, NULL, 1));
	EXPECT_EQ(-EINVAL, sipc_label(self->name, NULL, 1));
	EXPECT_NE(NULL, sipc_strerror(0));
	/* NULL with length 0 is an empty message, not an error. */
	ASSERT_EQ(0, async_send(&a, tx, NULL, 0, false));
	EXPECT_EQ(1, sipc_recv(rx, NULL, 0, &n));
	EXPECT_EQ(0, async_join(&a));
	EXPECT_EQ(0, n);
	EXPECT_EQ(0, sipc_close(tx));
	EXPECT_EQ(0, sipc_close(rx));
	EXPECT_EQ(0, roundtrip(self->name, 5));
}

TEST_F(chan, over_capacity)
{
	char *big, *got;
	struct async a;
	int tx, rx;
	size_t n;

	big = calloc(1, self->cap + 1);
	ASSERT_NE(NULL, big);
	tx = sipc_open(self->name, SIPC_ROLE_SENDER);
	rx = sipc_open(self->name, SIPC_ROLE_RECEIVER);
	ASSERT_LE(0, tx);
	ASSERT_LE(0, rx);
	EXPECT_EQ(-EMSGSIZE, sipc_commit(tx, self->cap + 1, 0));
	EXPECT_EQ(-EMSGSIZE, sipc_send(tx, big, self->cap + 1));
	EXPECT_EQ(-EMSGSIZE, sipc_commit(tx, SIZE_MAX, 0));
	/* Nothing was queued. */
	EXPECT_EQ(-EAGAIN, sipc_next(rx, &(const void *){ NULL }, &n, 0));
	/* Exactly the capacity is fine. */
	tu_fill(big, self->cap, 77);
	ASSERT_EQ(0, async_send(&a, tx, big, self->cap, false));
	got = calloc(1, self->cap);
	ASSERT_NE(NULL, got);
	EXPECT_EQ(1, sipc_recv(rx, got, self->cap, &n));
	EXPECT_EQ(0, async_join(&a));
	EXPECT_EQ(self->cap, n);
	EXPECT_TRUE(tu_check(got, n, 77));
	/* A receive buffer that is too small drops the message. */
	ASSERT_EQ(0, async_send(&a, tx, big, 100, false));
	EXPECT_EQ(-EMSGSIZE, sipc_recv(rx, got, 99, &n));
	EXPECT_EQ(0, async_join(&a));
	ASSERT_EQ(0, async_send(&a, tx, big, 3, false));
	EXPECT_EQ(1, sipc_recv(rx, got, 99, &n));
	EXPECT_EQ(0, async_join(&a));
	EXPECT_EQ(3, n);
	free(got);
	sipc_close(tx);
	sipc_close(rx);
	free(big);
}

TEST_F(chan, commit_needs_acquire)
{
	void *p;
	size_t cap;
	int tx, rx;

	tx = sipc_open(self->name, SIPC_ROLE_SENDER);
	rx = sipc_open(self->name, SIPC_ROLE_RECEIVER);
	ASSERT_LE(0, tx);
	ASSERT_LE(0, rx);
	ASSERT_EQ(0, sipc_buffer(tx, &p, &cap));
	EXPECT_EQ(self->cap, cap);
	ASSERT_EQ(0, sipc_commit(tx, 10, 0));
	EXPECT_EQ(-EBUSY, sipc_commit(tx, 10, 0));
	sipc_close(tx);
	sipc_close(rx);
}

/*
 * The protocol one step at a time, both roles in one process, with
 * non-blocking calls (timeout 0) only: each step either makes progress or
 * says -EAGAIN, and nothing is lost in between.
 */
TEST_F(chan, nonblocking_lockstep)
{
	const void *data;
	int tx, rx, i;
	size_t len;
	void *p;

	tx = sipc_open(self->name, SIPC_ROLE_SENDER);
	rx = sipc_open(self->name, SIPC_ROLE_RECEIVER);
	ASSERT_LE(0, tx);
	ASSERT_LE(0, rx);
	ASSERT_EQ(0, sipc_buffer(tx, &p, &len));
	for (i = 0; i < 3; i++) {
		TH_LOG("round %d", i);
		EXPECT_EQ(-EAGAIN, sipc_next(rx, &data, &len, 0));
		EXPECT_EQ(0, sipc_done(rx, 0));	/* nothing held */
		/* Depth 1: DATA_READY fits, NOOP-1 does not yet. */
		tu_fill(p, 64 + i, i);
		ASSERT_EQ(0, sipc_commit(tx, 64 + i, 0));
		EXPECT_EQ(-EAGAIN, sipc_acquire(tx, 0));
		ASSERT_EQ(1, sipc_next(rx, &data, &len, 0));
		EXPECT_EQ(64 + i, len);
		EXPECT_TRUE(tu_check(data, len, i));
		/* NOOP-1 is still owed by the sender. */
		EXPECT_EQ(-EAGAIN, sipc_done(rx, 0));
		/* Acquire queues NOOP-1, then NOOP-2 finds the queue full. */
		EXPECT_EQ(-EAGAIN, sipc_acquire(tx, 0));
		ASSERT_EQ(0, sipc_done(rx, 0));
		ASSERT_EQ(0, sipc_acquire(tx, 0));
		EXPECT_EQ(0, sipc_acquire(tx, 0));	/* nothing owed */
		/* NOOP-2 is discarded by the receiver's next wait. */
		EXPECT_EQ(-EAGAIN, sipc_next(rx, &data, &len, 0));
	}
	ASSERT_EQ(0, sipc_send_eof(tx, 0));
	EXPECT_EQ(0, sipc_next(rx, &data, &len, 0));
	EXPECT_EQ(NULL, data);
	EXPECT_EQ(0, len);
	sipc_close(tx);
	sipc_close(rx);
}

TEST_F(chan, timeouts)
{
	const void *data;
	int tx, rx;
	int64_t t0, dt;
	size_t len;

	rx = sipc_open(self->name, SIPC_ROLE_RECEIVER);
	ASSERT_LE(0, rx);
	t0 = tu_now_ms();
	EXPECT_EQ(-ETIMEDOUT, sipc_next(rx, &data, &len, 150));
	dt = tu_now_ms() - t0;
	EXPECT_LE(140, dt);
	EXPECT_GT(1500, dt);
	t0 = tu_now_ms();
	EXPECT_EQ(-EAGAIN, sipc_next(rx, &data, &len, 0));
	EXPECT_GT(100, tu_now_ms() - t0);

	tx = sipc_open(self->name, SIPC_ROLE_SENDER);
	ASSERT_LE(0, tx);
	/* DATA_READY goes in; NOOP-1 waits for room, 100 ms, then is owed. */
	t0 = tu_now_ms();
	EXPECT_EQ(0, sipc_commit(tx, 1, 100));
	EXPECT_LE(90, tu_now_ms() - t0);
	t0 = tu_now_ms();
	EXPECT_EQ(-ETIMEDOUT, sipc_acquire(tx, 120));
	dt = tu_now_ms() - t0;
	EXPECT_LE(110, dt);
	EXPECT_GT(1500, dt);
	EXPECT_EQ(-ETIMEDOUT, sipc_send_eof(tx, 50));
	/* The message is intact, and the protocol completes. */
	EXPECT_EQ(1, sipc_next(rx, &data, &len, 100));
	EXPECT_EQ(1, len);
	EXPECT_EQ(-ETIMEDOUT, sipc_done(rx, 50));	/* NOOP-1 still owed */
	EXPECT_EQ(-ETIMEDOUT, sipc_acquire(tx, 50));	/* NOOP-1 in, NOOP-2 waits */
	EXPECT_EQ(0, sipc_done(rx, 100));
	EXPECT_EQ(0, sipc_acquire(tx, 100));
	/* NOOP-2 fills the queue until the receiver's next wait takes it. */
	EXPECT_EQ(-ETIMEDOUT, sipc_send_eof(tx, 50));
	EXPECT_EQ(-EAGAIN, sipc_next(rx, &data, &len, 0));
	EXPECT_EQ(0, sipc_send_eof(tx, 100));
	EXPECT_EQ(0, sipc_next(rx, &data, &len, 100));
	sipc_close(tx);
	sipc_close(rx);
}

TEST_F(chan, end_of_stream_then_new_stream)
{
	struct async a;
	char buf[64];
	int tx, rx, i;
	size_t n;

	tx = sipc_open(self->name, SIPC_ROLE_SENDER);
	rx = sipc_open(self->name, SIPC_ROLE_RECEIVER);
	ASSERT_LE(0, tx);
	ASSERT_LE(0, rx);
	/* An empty message is a message, not the end. */
	ASSERT_EQ(0, async_send(&a, tx, "x", 0, false));
	EXPECT_EQ(1, sipc_recv(rx, buf, sizeof(buf), &n));
	EXPECT_EQ(0, async_join(&a));
	EXPECT_EQ(0, n);
	for (i = 0; i < 2; i++) {
		ASSERT_EQ(0, async_send(&a, tx, "abc", 3, false));
		EXPECT_EQ(1, sipc_recv(rx, buf, sizeof(buf), &n));
		EXPECT_EQ(0, async_join(&a));
		EXPECT_EQ(3, n);
		EXPECT_EQ(0, memcmp(buf, "abc", 3));
		ASSERT_EQ(0, async_send(&a, tx, NULL, 0, true));
		EXPECT_EQ(0, sipc_recv(rx, buf, sizeof(buf), &n));
		EXPECT_EQ(0, async_join(&a));
		EXPECT_EQ(0, n);
	}
	sipc_close(tx);
	sipc_close(rx);
}

/* Kernel: one endpoint per role.  sysv: documented not to enforce it. */
TEST_F(chan, second_open_of_a_role)
{
	int a, b;

	a = sipc_open(self->name, SIPC_ROLE_RECEIVER);
	ASSERT_LE(0, a);
	b = sipc_open(self->name, SIPC_ROLE_RECEIVER);
	if (tu_kernel()) {
		EXPECT_EQ(-EBUSY, b);
	} else {
		EXPECT_LE(0, b);
		sipc_close(b);
	}
	sipc_close(a);
	/* The role is free once closed. */
	a = sipc_open(self->name, SIPC_ROLE_RECEIVER);
	EXPECT_LE(0, a);
	sipc_close(a);
}

TEST_F(chan, stat_while_in_use)
{
	struct sipc_stat st;
	int tx, rx;

	tx = sipc_open(self->name, SIPC_ROLE_SENDER);
	rx = sipc_open(self->name, SIPC_ROLE_RECEIVER);
	ASSERT_LE(0, tx);
	ASSERT_LE(0, rx);
	ASSERT_EQ(0, sipc_commit(tx, 5, 0));
	ASSERT_EQ(0, sipc_stat(self->name, &st));
	EXPECT_EQ(1, st.queued);
	EXPECT_EQ(2, st.attached);
	if (st.flags & SIPC_STAT_STATE) {
		EXPECT_EQ(SIPC_STATE_SENDER | SIPC_STATE_RECEIVER, st.state);
	}
	if (st.flags & SIPC_STAT_COUNTERS) {
		EXPECT_EQ(1, st.msgs_sent);
		EXPECT_EQ(0, st.msgs_received);
		EXPECT_EQ(5, st.bytes_sent);
	}
	EXPECT_EQ(tu_kernel(), !!(st.flags & SIPC_STAT_COUNTERS));
	sipc_close(tx);
	sipc_close(rx);
}

static void *blocked_next(void *arg)
{
	const void *data;
	size_t len;

	return (void *)(intptr_t)sipc_next(*(int *)arg, &data, &len, -1);
}

/*
 * A call waiting on a handle holds its lock: a second thread's timed call
 * gives up in time, and destroying the channel wakes the first.
 */
TEST_F(chan, lock_timeout_and_destroy_wakes)
{
	pthread_t t;
	void *ret;
	int64_t t0;
	int rx;

	rx = sipc_open(self->name, SIPC_ROLE_RECEIVER);
	ASSERT_LE(0, rx);
	ASSERT_EQ(0, pthread_create(&t, NULL, blocked_next, &rx));
	tu_sleep_ms(100);
	t0 = tu_now_ms();
	EXPECT_EQ(-ETIMEDOUT, sipc_next(rx, &(const void *){ NULL }, &(size_t){ 0 }, 100));
	EXPECT_LE(90, tu_now_ms() - t0);
	EXPECT_EQ(-EAGAIN, sipc_done(rx, 0));
	ASSERT_EQ(0, sipc_destroy(self->name));
	ASSERT_EQ(0, pthread_join(t, &ret));
	EXPECT_EQ(-EIDRM, (int)(intptr_t)ret);
	EXPECT_EQ(-EIDRM, sipc_next(rx, &(const void *){ NULL }, &(size_t){ 0 }, 0));
	EXPECT_EQ(0, sipc_close(rx));
}

/*
 * Kernel: revoked handles fail with -EACCES, a revoked sender counts as
 * gone for the receiver, the roles are free again.  sysv: -EOPNOTSUPP,
 * and nothing changes.
 */
TEST_F(chan, revoke)
{
	const void *data;
	int tx, rx, tx2, r;
	size_t len;

	tx = sipc_open(self->name, SIPC_ROLE_SENDER);
	rx = sipc_open(self->name, SIPC_ROLE_RECEIVER);
	ASSERT_LE(0, tx);
	ASSERT_LE(0, rx);
	ASSERT_EQ(0, sipc_commit(tx, 7, 0));
	EXPECT_EQ(-EINVAL, sipc_revoke(self->name, 0));
	EXPECT_EQ(-EINVAL, sipc_revoke(self->name, SIPC_REVOKE_ALL_FLAGS + 1));
	r = sipc_revoke(self->name, SIPC_REVOKE_SENDER);
	if (!tu_kernel()) {
		EXPECT_EQ(-EOPNOTSUPP, r);
		EXPECT_EQ(-EAGAIN, sipc_acquire(tx, 0));	/* still working */
		EXPECT_EQ(1, sipc_next(rx, &data, &len, 0));
		EXPECT_EQ(7, len);
		sipc_close(tx);
		sipc_close(rx);
		return;
	}
	ASSERT_EQ(0, r);
	EXPECT_EQ(-EACCES, sipc_acquire(tx, 0));
	EXPECT_EQ(-EACCES, sipc_send_eof(tx, 0));
	/* What was queued still arrives; then the sender is gone. */
	EXPECT_EQ(1, sipc_next(rx, &data, &len, 0));
	EXPECT_EQ(7, len);
	EXPECT_EQ(0, sipc_done(rx, 0));
	EXPECT_EQ(-EPIPE, sipc_next(rx, &data, &len, 0));
	tx2 = sipc_open(self->name, SIPC_ROLE_SENDER);
	EXPECT_LE(0, tx2);
	EXPECT_EQ(0, sipc_revoke(self->name, SIPC_REVOKE_RECEIVER));
	EXPECT_EQ(-EACCES, sipc_next(rx, &data, &len, 0));
	EXPECT_EQ(0, sipc_close(tx));
	EXPECT_EQ(0, sipc_close(rx));
	EXPECT_EQ(0, sipc_close(tx2));
	EXPECT_EQ(0, roundtrip(self->name, 9));
}

/*
 * Kernel: a destroyed channel that a handle still holds has no name, but
 * sipc_revoke_id() reaches it by the id sipc_stat() gave; and
 * sipc_destroy_revoke() cuts both roles off as it destroys.  sysv: both
 * -EOPNOTSUPP, and nothing changes.
 */
TEST_F(chan, revoke_id_and_destroy_revoke)
{
	struct sipc_stat st;
	const void *data;
	size_t len;
	int tx, rx;

	ASSERT_EQ(0, sipc_stat(self->name, &st));
	tx = sipc_open(self->name, SIPC_ROLE_SENDER);
	rx = sipc_open(self->name, SIPC_ROLE_RECEIVER);
	ASSERT_LE(0, tx);
	ASSERT_LE(0, rx);
	EXPECT_EQ(-EINVAL, sipc_revoke_id(st.id, 0));
	EXPECT_EQ(-EINVAL, sipc_revoke_id(st.id, SIPC_REVOKE_ALL_FLAGS + 1));
	if (!tu_kernel()) {
		EXPECT_EQ(-EOPNOTSUPP, sipc_revoke_id(st.id, SIPC_REVOKE_RECEIVER));
		EXPECT_EQ(-EOPNOTSUPP, sipc_destroy_revoke(self->name));
		EXPECT_EQ(0, sipc_commit(tx, 5, 0));
		EXPECT_EQ(1, sipc_next(rx, &data, &len, 0));
		sipc_close(tx);
		sipc_close(rx);
		return;
	}
	ASSERT_EQ(0, sipc_destroy(self->name));
	EXPECT_EQ(-ENOENT, sipc_revoke(self->name, SIPC_REVOKE_RECEIVER));
	EXPECT_EQ(0, sipc_revoke_id(st.id, SIPC_REVOKE_RECEIVER));
	EXPECT_EQ(-EACCES, sipc_next(rx, &data, &len, 0));
	EXPECT_EQ(-ENOENT, sipc_revoke_id(~0ULL, SIPC_REVOKE_RECEIVER));
	EXPECT_EQ(0, sipc_close(tx));
	EXPECT_EQ(0, sipc_close(rx));

	/* Again, named: destroy and revoke in one call. */
	ASSERT_EQ(0, sipc_create(self->name, 4096, 1));
	tx = sipc_open(self->name, SIPC_ROLE_SENDER);
	ASSERT_LE(0, tx);
	EXPECT_EQ(0, sipc_destroy_revoke(self->name));
	EXPECT_EQ(-EACCES, sipc_send_eof(tx, 0));
	EXPECT_EQ(-ENOENT, sipc_destroy_revoke(self->name));
	EXPECT_EQ(0, sipc_close(tx));
}

/*
 * sipc_create_flags(): SIPC_CREATE_SEALED.  sysv: -EOPNOTSUPP and no
 * channel; kernel: the flag shows in sipc_stat(), and the old calls
 * (commit / next / done / acquire) and the fast path (reserve / publish
 * on slots) work on it, the sender writing again after each release.
 * Unknown flags: -EINVAL on both.
 */
TEST(create_sealed)
{
	char name[SIPC_NAME_MAX];
	struct sipc_stat st;
	const void *data;
	void *buf;
	size_t cap, len;
	int tx, rx, i;

	tu_name(name, "sealed");
	EXPECT_EQ(-EINVAL, sipc_create_flags(name, 4096, 0, 1U << 5));
	EXPECT_EQ(-EINVAL, sipc_create_flags(name, 4096, 0,
					     SIPC_CREATE_SEALED | (1U << 0)));
	EXPECT_EQ(-EINVAL, sipc_create_flags(name, 0, 0, SIPC_CREATE_SEALED));
	if (!tu_kernel()) {
		EXPECT_EQ(-EOPNOTSUPP, sipc_create_flags(name, 4096, 0,
							 SIPC_CREATE_SEALED));
		EXPECT_EQ(-EOPNOTSUPP, sipc_create_flags(name, 4096, 3,
							 SIPC_CREATE_SEALED));
		EXPECT_EQ(-ENOENT, sipc_stat(name, &st));
		/* flags 0 is sipc_create_slots(). */
		ASSERT_EQ(0, sipc_create_flags(name, 4096, 0, 0));
		EXPECT_EQ(0, sipc_destroy(name));
		return;
	}
	ASSERT_EQ(0, sipc_create_flags(name, 4096, 0, SIPC_CREATE_SEALED));
	ASSERT_EQ(0, sipc_stat(name, &st));
	EXPECT_TRUE(st.flags & SIPC_STAT_CREATE_FLAGS);
	EXPECT_EQ((uint32_t)SIPC_CREATE_SEALED, st.create_flags);
	tx = sipc_open(name, SIPC_ROLE_SENDER);
	rx = sipc_open(name, SIPC_ROLE_RECEIVER);
	ASSERT_LE(0, tx);
	ASSERT_LE(0, rx);
	ASSERT_EQ(0, sipc_buffer(tx, &buf, &cap));
	/* One thread plays both sides, so nothing may wait (depth 1). */
	for (i = 0; i < 3; i++) {
		/* A store here after a missing release would be SIGBUS. */
		ASSERT_EQ(0, sipc_acquire(tx, 0));
		memset(buf, 'a' + i, 100);
		ASSERT_EQ(0, sipc_commit(tx, 100, 0));
		ASSERT_EQ(1, sipc_next(rx, &data, &len, 0));
		EXPECT_EQ(100U, len);
		EXPECT_EQ('a' + i, ((const char *)data)[99]);
		/* Not released yet: NOOP-1 goes in, NOOP-2 cannot. */
		EXPECT_EQ(-EAGAIN, sipc_acquire(tx, 0));
		EXPECT_EQ(0, sipc_done(rx, 0));
		ASSERT_EQ(0, sipc_acquire(tx, 0));
		/* The receiver takes NOOP-2; no message yet. */
		EXPECT_EQ(-EAGAIN, sipc_next(rx, &data, &len, 0));
	}
	sipc_close(tx);
	sipc_close(rx);
	EXPECT_EQ(0, sipc_destroy(name));

	/* Slots: the sender fills the next slot while one is sealed. */
	ASSERT_EQ(0, sipc_create_flags(name, 4096, 3, SIPC_CREATE_SEALED));
	tx = sipc_open(name, SIPC_ROLE_SENDER);
	rx = sipc_open(name, SIPC_ROLE_RECEIVER);
	ASSERT_LE(0, tx);
	ASSERT_LE(0, rx);
	EXPECT_EQ(3, sipc_slots(tx));
	for (i = 0; i < 6; i++) {
		ASSERT_EQ(0, sipc_reserve(tx, &buf, &cap, 1000));
		memset(buf, 'A' + i, 64);
		ASSERT_EQ(0, sipc_publish(tx, 64, 0));
		if (i >= 1) {
			ASSERT_EQ(1, sipc_next(rx, &data, &len, 1000));
			EXPECT_EQ('A' + i - 1, ((const char *)data)[63]);
		}
	}
	sipc_close(tx);
	sipc_close(rx);
	EXPECT_EQ(0, sipc_destroy(name));
}

TEST(strerror_texts)
{
	const int codes[] = { EINVAL, ENOENT, EEXIST, EBADF, EBUSY, EAGAIN,
			      ETIMEDOUT, EINTR, EIDRM, EPIPE, EMSGSIZE, EPROTO,
			      ENAMETOOLONG, EOPNOTSUPP, ENODEV, ENOSPC, EACCES };
	size_t i;

	for (i = 0; i < sizeof(codes) / sizeof(codes[0]); i++) {
		ASSERT_NE(NULL, sipc_strerror(-codes[i]));
		EXPECT_NE(0, strlen(sipc_strerror(-codes[i])));
		EXPECT_STREQ(sipc_strerror(-codes[i]), sipc_strerror(codes[i]));
	}
	EXPECT_STREQ("No such channel", sipc_strerror(-ENOENT));
	EXPECT_NE(NULL, sipc_strerror(-100000));
	EXPECT_NE(NULL, sipc_strerror(INT32_MIN + 1));
}

TEST(backend_choice)
{
	const char *env = getenv("SIPC_BACKEND");

	ASSERT_NE(NULL, sipc_backend());
	if (env && *env) {
		EXPECT_STREQ(env, sipc_backend());
	} else {
		EXPECT_STREQ(access("/dev/sipc", F_OK) ? "sysv" : "kernel", sipc_backend());
	}
	TH_LOG("backend: %s", sipc_backend());
}

TEST_HARNESS_MAIN
