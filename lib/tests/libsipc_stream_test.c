// SPDX-License-Identifier: GPL-2.0-only
/*
 * libsipc_stream_test - the protocol between peers: a sender that works
 * while the receiver reads, two threads sharing one handle on each side,
 * a poll() event loop, and a receiver that dies and is replaced
 * mid-stream.  Each test runs for queue depth 1 (the 2007 protocol) and
 * 4.  Runs on either backend.  (The 10,000-message test is
 * libsipc_random_test.)
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "testutil.h"

#define REGION	16384

FIXTURE(stream) {
	char name[SIPC_NAME_MAX];
	size_t cap;
};

FIXTURE_VARIANT(stream) {
	unsigned int depth;
};

FIXTURE_VARIANT_ADD(stream, depth1) {
	.depth = 1,
};

FIXTURE_VARIANT_ADD(stream, depth4) {
	.depth = 4,
};

FIXTURE_SETUP(stream)
{
	struct sipc_stat st;

	tu_name(self->name, "stream");
	ASSERT_EQ(0, sipc_create(self->name, REGION, variant->depth));
	ASSERT_EQ(0, sipc_stat(self->name, &st));
	ASSERT_EQ(variant->depth, st.depth);
	self->cap = st.size;
}

FIXTURE_TEARDOWN(stream)
{
	sipc_destroy(self->name);
}

/*
 * Commit returns while the receiver is still reading; only acquire waits
 * for it.  The receiver holds the message 300 ms and checks it was not
 * overwritten meanwhile.
 */
TEST_F(stream, sender_works_while_receiver_reads)
{
	const int hold_ms = 300;
	int64_t t0, t_commit, t_acquire;
	const void *data;
	size_t len, cap;
	int tx, rx, r;
	void *p;
	pid_t pid;

	pid = tu_fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		rx = sipc_open(self->name, SIPC_ROLE_RECEIVER);
		if (rx < 0 || sipc_next(rx, &data, &len, -1) != 1)
			_exit(4);
		tu_sleep_ms(hold_ms);
		r = len == 1000 && tu_check(data, len, 1) ? 0 : 2;
		if (sipc_done(rx, -1) || sipc_next(rx, &data, &len, -1) != 0)
			_exit(3);
		_exit(r);
	}
	tx = sipc_open(self->name, SIPC_ROLE_SENDER);
	ASSERT_LE(0, tx);
	ASSERT_EQ(0, sipc_buffer(tx, &p, &cap));
	tu_fill(p, 1000, 1);
	t0 = tu_now_ms();
	ASSERT_EQ(0, sipc_commit(tx, 1000, -1));
	t_commit = tu_now_ms() - t0;
	/* The receiver is reading: the buffer is not ours yet. */
	EXPECT_EQ(-EAGAIN, sipc_acquire(tx, 0));
	EXPECT_EQ(-ETIMEDOUT, sipc_acquire(tx, 50));
	ASSERT_EQ(0, sipc_acquire(tx, -1));
	t_acquire = tu_now_ms() - t0;
	TH_LOG("commit took %lld ms, acquire returned after %lld ms",
	       (long long)t_commit, (long long)t_acquire);
	EXPECT_GT(hold_ms / 2, t_commit);
	EXPECT_LE(hold_ms - 20, t_acquire);
	/* Ours again: scribbling now must not disturb the receiver. */
	memset(p, 0xee, cap);
	ASSERT_EQ(0, sipc_send_eof(tx, -1));
	EXPECT_EQ(0, tu_wait(pid, 10000));
	sipc_close(tx);
}

/* Two threads, one handle, on each side. */
#define THREAD_MSGS 1000

struct tx_thread {
	pthread_t t;
	int h;
	uint8_t id;
	int ret;
};

/* Message: id, 4-byte sequence, then the pattern of (id, seq). */
static void *tx_thread_run(void *arg)
{
	struct tx_thread *t = arg;
	uint64_t state = t->id;
	unsigned char buf[1024];
	uint32_t seq;
	size_t len;

	for (seq = 0; seq < THREAD_MSGS && !t->ret; seq++) {
		len = 5 + tu_rand(&state) % (sizeof(buf) - 5);
		buf[0] = t->id;
		memcpy(buf + 1, &seq, 4);
		tu_fill(buf + 5, len - 5, (uint64_t)t->id << 32 | seq);
		t->ret = sipc_send(t->h, buf, len);
	}
	return NULL;
}

struct rx_shared {
	pthread_mutex_t lock;
	unsigned char seen[2][THREAD_MSGS];
	int h;
	int bad;
};

static void *rx_thread_run(void *arg)
{
	struct rx_shared *s = arg;
	unsigned char buf[1024];
	uint32_t seq;
	size_t len;
	int r;

	while ((r = sipc_recv(s->h, buf, sizeof(buf), &len)) == 1) {
		memcpy(&seq, buf + 1, 4);
		pthread_mutex_lock(&s->lock);
		if (len < 5 || buf[0] > 1 || seq >= THREAD_MSGS ||
		    !tu_check(buf + 5, len - 5, (uint64_t)buf[0] << 32 | seq))
			s->bad++;
		else
			s->seen[buf[0]][seq]++;
		pthread_mutex_unlock(&s->lock);
	}
	if (r < 0) {
		pthread_mutex_lock(&s->lock);
		s->bad++;
		pthread_mutex_unlock(&s->lock);
	}
	return NULL;
}

/* Receiver process: two threads until each saw one EOF; 0 if all good. */
static int two_thread_receiver(const char *name)
{
	static struct rx_shared s = { .lock = PTHREAD_MUTEX_INITIALIZER };
	pthread_t a, b;
	int i, j;

	s.h = sipc_open(name, SIPC_ROLE_RECEIVER);
	if (s.h < 0)
		return 4;
	pthread_create(&a, NULL, rx_thread_run, &s);
	pthread_create(&b, NULL, rx_thread_run, &s);
	pthread_join(a, NULL);
	pthread_join(b, NULL);
	if (s.bad)
		return 2;
	for (i = 0; i < 2; i++)
		for (j = 0; j < THREAD_MSGS; j++)
			if (s.seen[i][j] != 1)
				return 1;
	return 0;
}

TEST_F_TIMEOUT(stream, two_threads_one_handle, 120)
{
	struct tx_thread t[2];
	pid_t pid;
	int tx, i;

	pid = tu_fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(two_thread_receiver(self->name));
	tx = sipc_open(self->name, SIPC_ROLE_SENDER);
	ASSERT_LE(0, tx);
	for (i = 0; i < 2; i++) {
		t[i] = (struct tx_thread){ .h = tx, .id = (uint8_t)i };
		ASSERT_EQ(0, pthread_create(&t[i].t, NULL, tx_thread_run, &t[i]));
	}
	for (i = 0; i < 2; i++) {
		pthread_join(t[i].t, NULL);
		EXPECT_EQ(0, t[i].ret);
	}
	/* One end of stream per receiving thread. */
	ASSERT_EQ(0, sipc_send_eof(tx, -1));
	ASSERT_EQ(0, sipc_send_eof(tx, -1));
	EXPECT_EQ(0, tu_wait(pid, 60000));
	sipc_close(tx);
}

/*
 * One thread drives both ends from a poll() loop with non-blocking calls
 * only.  poll() must always report progress to make: a stall of a second
 * fails the test.  The sysv backend has no pollable descriptor (its
 * documented -EOPNOTSUPP is checked, then the test is skipped).
 */
TEST_F(stream, poll_loop)
{
	unsigned int sent = 0, received = 0, total = 2000;
	uint64_t tx_state = 5, rx_state = 5;
	bool tx_done = false, eof = false, filled = false;
	size_t len, cap, tx_len = 0;
	struct pollfd pfd[2];
	const void *data;
	int tx, rx, r;
	void *p;

	tx = sipc_open(self->name, SIPC_ROLE_SENDER);
	rx = sipc_open(self->name, SIPC_ROLE_RECEIVER);
	ASSERT_LE(0, tx);
	ASSERT_LE(0, rx);
	if (!tu_kernel()) {
		EXPECT_EQ(-EOPNOTSUPP, sipc_fd(tx));
		EXPECT_EQ(-EOPNOTSUPP, sipc_fd(rx));
		sipc_close(tx);
		sipc_close(rx);
		/* That is the whole contract on sysv (sipc_fd(3)). */
		return;
	}
	pfd[0] = (struct pollfd){ .fd = sipc_fd(tx), .events = POLLOUT };
	pfd[1] = (struct pollfd){ .fd = sipc_fd(rx), .events = POLLIN };
	ASSERT_LE(0, pfd[0].fd);
	ASSERT_LE(0, pfd[1].fd);
	ASSERT_EQ(0, sipc_buffer(tx, &p, &cap));
	while (!eof) {
		pfd[0].events = tx_done ? 0 : POLLOUT;
		ASSERT_LT(0, poll(pfd, 2, 1000));
		if (pfd[0].revents & POLLOUT) {
			r = sipc_acquire(tx, 0);
			if (r == 0 && sent < total) {
				/* Commit may find the queue full: keep the fill. */
				if (!filled) {
					tx_len = tu_msg_len(&tx_state, sent, cap);
					tu_fill(p, tx_len, sent);
					filled = true;
				}
				r = sipc_commit(tx, tx_len, 0);
				if (r == 0) {
					sent++;
					filled = false;
				}
			} else if (r == 0) {
				r = sipc_send_eof(tx, 0);
				tx_done = r == 0;
			}
			ASSERT_TRUE(r == 0 || r == -EAGAIN);
		}
		if (pfd[1].revents & POLLIN) {
			r = sipc_next(rx, &data, &len, 0);
			if (r == 1) {
				ASSERT_EQ(tu_msg_len(&rx_state, received, cap), len);
				ASSERT_TRUE(tu_check(data, len, received));
				received++;
				r = sipc_done(rx, 0);
			}
			eof = r == 0 && !data;
			ASSERT_TRUE(r >= 0 || r == -EAGAIN);
		}
		ASSERT_EQ(0, pfd[0].revents & (POLLERR | POLLHUP | POLLNVAL));
	}
	EXPECT_EQ(total, received);
	sipc_close(tx);
	sipc_close(rx);
}

/*
 * A receiver dies holding a message; a new one takes over and gets the
 * rest of the stream, in order, after discarding the protocol's leftovers.
 */
TEST_F(stream, receiver_replaced_mid_stream)
{
	const void *data;
	unsigned int i;
	size_t len;
	pid_t pid;
	int tx, rx;

	pid = tu_fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		rx = sipc_open(self->name, SIPC_ROLE_RECEIVER);
		for (i = 0; i < 3; i++) {
			if (sipc_next(rx, &data, &len, -1) != 1 || len != 10 + i)
				_exit(1);
			if (i < 2)
				sipc_done(rx, -1);
		}
		raise(SIGKILL);	/* holding message 2 */
	}
	tx = sipc_open(self->name, SIPC_ROLE_SENDER);
	ASSERT_LE(0, tx);
	for (i = 0; i < 3; i++) {
		char buf[32];

		tu_fill(buf, 10 + i, i);
		ASSERT_EQ(0, sipc_send(tx, buf, 10 + i));
	}
	EXPECT_EQ(1000 + SIGKILL, tu_wait(pid, 10000));

	pid = tu_fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		rx = sipc_open(self->name, SIPC_ROLE_RECEIVER);
		for (i = 3; i < 6; i++) {
			if (sipc_next(rx, &data, &len, -1) != 1 || len != 10 + i ||
			    !tu_check(data, len, i))
				_exit(1);
			sipc_done(rx, -1);
		}
		_exit(sipc_next(rx, &data, &len, -1) == 0 ? 0 : 2);
	}
	for (i = 3; i < 6; i++) {
		char buf[32];

		tu_fill(buf, 10 + i, i);
		ASSERT_EQ(0, sipc_send(tx, buf, 10 + i));
	}
	ASSERT_EQ(0, sipc_send_eof(tx, -1));
	EXPECT_EQ(0, tu_wait(pid, 10000));
	sipc_close(tx);
}

TEST_HARNESS_MAIN
