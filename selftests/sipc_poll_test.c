// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_poll_test - poll() bits of both endpoint kinds, and wake-ups.
 *
 *   sender:   POLLOUT|POLLWRNORM while the queue has room, else nothing;
 *             never anything about the receiver (not its departure).
 *   receiver: POLLIN|POLLRDNORM while a message waits; POLLHUP when the
 *             queue is empty and the sender has left; nothing while a
 *             sender may still come (none ever attached).
 */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <time.h>

#include "sipc_harness.h"
#include "st.h"

FIXTURE(pollq) {
	struct st_chan ch;		/* depth 1 */
	struct st_counters start;
	struct st_peer peer;
	pid_t helper;			/* acts on the channel after a delay */
};

FIXTURE_SETUP(pollq)
{
	self->peer.pid = self->helper = -1;
	self->peer.rd = self->peer.sig_rd = -1;
	ASSERT_EQ(0, st_counters_read(&self->start));
	ASSERT_EQ(0, st_chan_open(&self->ch, "poll", 4096, 1));
}

FIXTURE_TEARDOWN(pollq)
{
	st_peer_kill(&self->peer);
	st_kill(self->helper);
	st_chan_close(&self->ch);
	ST_EXPECT_COUNTERS_BACK(&self->start);
}

static int pollnow(int fd)
{
	return st_poll1(fd, ST_POLL_ALL, 0);
}

/* Close and unmap the fixture's sender: its role is released. */
static void sender_leaves(FIXTURE_DATA(pollq) *self)
{
	st_chan_unmap_snd(&self->ch);
	close(self->ch.snd);
	self->ch.snd = -1;
}

static void receiver_leaves(FIXTURE_DATA(pollq) *self)
{
	st_chan_unmap_rcv(&self->ch);
	close(self->ch.rcv);
	self->ch.rcv = -1;
}

static long long ms_since(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000LL +
	       (t.tv_nsec - t0->tv_nsec) / 1000000;
}

TEST_F(pollq, sender_pollout_while_room)
{
	struct sipc_msg m;

	EXPECT_EQ(ST_POLL_SEND_ROOM, pollnow(self->ch.snd));
	ASSERT_EQ(0, st_send(self->ch.snd, SIPC_MSG_NOOP, 0, 0, 0, NULL));
	EXPECT_EQ(0, pollnow(self->ch.snd));
	ASSERT_EQ(0, st_recv(self->ch.rcv, 0, &m));
	EXPECT_EQ(ST_POLL_SEND_ROOM, pollnow(self->ch.snd));
}

TEST_F(pollq, receiver_pollin_while_message)
{
	struct sipc_msg m;

	EXPECT_EQ(0, pollnow(self->ch.rcv));
	ASSERT_EQ(0, st_send(self->ch.snd, SIPC_MSG_NOOP, 0, 0, 0, NULL));
	EXPECT_EQ(ST_POLL_RECV_MSG, pollnow(self->ch.rcv));
	ASSERT_EQ(0, st_recv(self->ch.rcv, 0, &m));
	EXPECT_EQ(0, pollnow(self->ch.rcv));
}

TEST_F(pollq, receiver_pollhup_after_sender_left)
{
	struct sipc_msg m;
	int s;

	ASSERT_EQ(0, st_send(self->ch.snd, SIPC_MSG_DATA_READY, 3, 0, 0,
			       NULL));
	sender_leaves(self);
	/* Drains first: no POLLHUP while a message waits. */
	EXPECT_EQ(ST_POLL_RECV_MSG, pollnow(self->ch.rcv));
	ASSERT_EQ(0, st_recv(self->ch.rcv, 0, &m));
	EXPECT_EQ(3U, m.len);
	EXPECT_EQ(POLLHUP, pollnow(self->ch.rcv));
	EXPECT_EQ(-EPIPE, st_recv(self->ch.rcv, 0, &m));
	EXPECT_EQ(-EPIPE, st_recv(self->ch.rcv, SIPC_MSG_F_NONBLOCK, &m));
	/* Until a new sender attaches. */
	s = st_attach(self->ch.dev, self->ch.name, SIPC_ROLE_SENDER, 0);
	ASSERT_LE(0, s);
	self->ch.snd = s;
	EXPECT_EQ(0, pollnow(self->ch.rcv));
	EXPECT_EQ(-EAGAIN, st_recv(self->ch.rcv, SIPC_MSG_F_NONBLOCK, &m));
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

TEST_F(pollq, receiver_no_hup_before_any_sender)
{
	char name[SIPC_NAME_MAX];
	struct sipc_msg m;
	int r;

	st_name(name, "nosnd");
	ASSERT_EQ(0, st_create(self->ch.dev, name, 4096, 0, NULL));
	r = st_attach(self->ch.dev, name, SIPC_ROLE_RECEIVER, 0);
	ASSERT_LE(0, r);
	EXPECT_EQ(0, pollnow(r));
	EXPECT_EQ(-EAGAIN, st_recv(r, SIPC_MSG_F_NONBLOCK, &m));
	close(r);
	ASSERT_EQ(0, st_destroy(self->ch.dev, name));
}

TEST_F(pollq, sender_unchanged_when_receiver_leaves_empty)
{
	int before = pollnow(self->ch.snd);

	EXPECT_EQ(ST_POLL_SEND_ROOM, before);
	receiver_leaves(self);
	EXPECT_EQ(before, pollnow(self->ch.snd));
	EXPECT_EQ(0, st_send(self->ch.snd, SIPC_MSG_NOOP, 0, 0, 0, NULL));
}

TEST_F(pollq, sender_unchanged_when_receiver_leaves_full)
{
	struct sipc_msg m;
	int before, r;

	ASSERT_EQ(0, st_send(self->ch.snd, SIPC_MSG_NOOP, 0, 0, 0, NULL));
	before = pollnow(self->ch.snd);
	EXPECT_EQ(0, before);
	receiver_leaves(self);
	EXPECT_EQ(before, pollnow(self->ch.snd));
	/* The queued message waits for the next receiver. */
	r = st_attach(self->ch.dev, self->ch.name, SIPC_ROLE_RECEIVER, 0);
	ASSERT_LE(0, r);
	self->ch.rcv = r;
	EXPECT_EQ(before, pollnow(self->ch.snd));
	ASSERT_EQ(0, st_recv(r, 0, &m));
	EXPECT_EQ(1ULL, m.seq);
	EXPECT_EQ(ST_POLL_SEND_ROOM, pollnow(self->ch.snd));
}

TEST_F(pollq, sender_unchanged_when_blocked_receiver_killed)
{
	int before = pollnow(self->ch.snd);

	/* Close our receiver: the peer's copy is the only one left. */
	ASSERT_EQ(0, st_peer_start(&self->peer, self->ch.rcv, SIPC_IOC_RECV,
				     NULL, ST_PEER_NOSIG));
	receiver_leaves(self);
	ASSERT_EQ(0, st_wait_blocked(self->peer.pid, SIPC_IOC_RECV,
				       ST_WAKE_MS));
	st_peer_kill(&self->peer);
	EXPECT_EQ(before, pollnow(self->ch.snd));
	EXPECT_EQ(ST_POLL_SEND_ROOM, before);
}

TEST_F(pollq, poll_wakes_receiver_on_send)
{
	struct timespec t0;

	self->helper = st_fork();
	ASSERT_LE(0, self->helper);
	if (self->helper == 0) {
		st_msleep(ST_BLOCK_MS);
		_exit(-st_send(self->ch.snd, SIPC_MSG_NOOP, 0, 0, 0, NULL));
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	EXPECT_EQ(ST_POLL_RECV_MSG,
		  st_poll1(self->ch.rcv, ST_POLL_ALL, ST_WAKE_MS));
	EXPECT_GT(ST_WAKE_MS, ms_since(&t0));
	EXPECT_EQ(0, st_reap(self->helper, ST_WAKE_MS));
	self->helper = -1;
}

TEST_F(pollq, poll_wakes_sender_on_room)
{
	struct timespec t0;

	ASSERT_EQ(0, st_send(self->ch.snd, SIPC_MSG_NOOP, 0, 0, 0, NULL));
	self->helper = st_fork();
	ASSERT_LE(0, self->helper);
	if (self->helper == 0) {
		struct sipc_msg m;

		st_msleep(ST_BLOCK_MS);
		_exit(-st_recv(self->ch.rcv, 0, &m));
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	EXPECT_EQ(ST_POLL_SEND_ROOM,
		  st_poll1(self->ch.snd, ST_POLL_ALL, ST_WAKE_MS));
	EXPECT_GT(ST_WAKE_MS, ms_since(&t0));
	EXPECT_EQ(0, st_reap(self->helper, ST_WAKE_MS));
	self->helper = -1;
}

TEST_F(pollq, poll_wakes_receiver_on_sender_exit)
{
	struct timespec t0;
	int ready[2], v;

	sender_leaves(self);
	ASSERT_EQ(0, pipe(ready));
	self->helper = st_fork();
	ASSERT_LE(0, self->helper);
	if (self->helper == 0) {
		int s = st_attach(self->ch.dev, self->ch.name,
				    SIPC_ROLE_SENDER, 0);

		st_put(ready[1], s);
		st_msleep(ST_BLOCK_MS);
		_exit(s < 0);
	}
	ASSERT_EQ(0, st_get(ready[0], &v, ST_WAKE_MS));
	ASSERT_LE(0, v);
	/* A sender is there again: no POLLHUP until it exits. */
	clock_gettime(CLOCK_MONOTONIC, &t0);
	EXPECT_EQ(POLLHUP, st_poll1(self->ch.rcv, ST_POLL_ALL, ST_WAKE_MS));
	EXPECT_GT(ST_WAKE_MS, ms_since(&t0));
	EXPECT_LE(ST_BLOCK_MS / 2, ms_since(&t0));
	EXPECT_EQ(0, st_reap(self->helper, ST_WAKE_MS));
	self->helper = -1;
	close(ready[0]);
	close(ready[1]);
}

ST_TEST_MAIN
