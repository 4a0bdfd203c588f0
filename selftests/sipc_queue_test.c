// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_queue_test - the control queue: exactly `depth` messages fit, FIFO
 * order and seq numbers, blocking and wake-ups in both directions,
 * O_NONBLOCK and SIPC_MSG_F_NONBLOCK (EAGAIN), and signals (EINTR without
 * SA_RESTART, restart with it).  Run for depth 1, 64 and the default.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>

#include "sipc_harness.h"
#include "st.h"

FIXTURE(queue) {
	struct st_chan ch;
	struct st_counters start;
	struct st_peer peer;
};

FIXTURE_VARIANT(queue) {
	__u32 depth_in;		/* asked for at CREATE */
	__u32 depth;		/* expected */
};

FIXTURE_VARIANT_ADD(queue, depth_1) { .depth_in = 1, .depth = 1 };
FIXTURE_VARIANT_ADD(queue, depth_64) { .depth_in = 64, .depth = 64 };
FIXTURE_VARIANT_ADD(queue, depth_default) { .depth_in = 0, .depth = 1 };

FIXTURE_SETUP(queue)
{
	self->peer.pid = -1;
	self->peer.rd = self->peer.sig_rd = -1;
	ASSERT_EQ(0, st_counters_read(&self->start));
	ASSERT_EQ(0, st_chan_open(&self->ch, "queue", 8192,
				    variant->depth_in));
	ASSERT_EQ(variant->depth, self->ch.depth);
}

FIXTURE_TEARDOWN(queue)
{
	st_peer_kill(&self->peer);
	st_chan_close(&self->ch);
	ST_EXPECT_COUNTERS_BACK(&self->start);
}

static __u32 qlen(FIXTURE_DATA(queue) *self)
{
	struct sipc_info info;

	if (st_info(self->ch.dev, self->ch.name, &info))
		return ~0U;
	return info.queue_len;
}

/* Fill the queue with DATA_READY messages i = 0..depth-1, (len i, off i). */
static void fill(struct __test_metadata *_metadata, FIXTURE_DATA(queue) *self,
		 __u32 depth)
{
	__u64 seq;
	__u32 i;

	for (i = 0; i < depth; i++) {
		ASSERT_EQ(0, st_send(self->ch.snd, SIPC_MSG_DATA_READY, i, i,
				       SIPC_MSG_F_NONBLOCK, &seq));
		ASSERT_EQ(i + 1ULL, seq);
	}
}

/* Take every queued message; the seq of the last one (0 if none). */
static __u64 drain(FIXTURE_DATA(queue) *self)
{
	struct sipc_msg m;
	__u64 last = 0;

	while (st_recv(self->ch.rcv, SIPC_MSG_F_NONBLOCK, &m) == 0)
		last = m.seq;
	return last;
}

TEST_F(queue, fills_exactly_depth)
{
	struct sipc_msg m;
	__u32 i;

	fill(_metadata, self, variant->depth);
	EXPECT_EQ(-EAGAIN, st_send(self->ch.snd, SIPC_MSG_NOOP, 0, 0,
				     SIPC_MSG_F_NONBLOCK, NULL));
	EXPECT_EQ(variant->depth, qlen(self));
	/* FIFO, everything as sent. */
	for (i = 0; i < variant->depth; i++) {
		ASSERT_EQ(0, st_recv(self->ch.rcv, SIPC_MSG_F_NONBLOCK, &m));
		EXPECT_EQ((__u32)SIPC_MSG_DATA_READY, m.type);
		EXPECT_EQ(i, m.len);
		EXPECT_EQ(i, m.offset);
		EXPECT_EQ(i + 1ULL, m.seq);
	}
	EXPECT_EQ(-EAGAIN, st_recv(self->ch.rcv, SIPC_MSG_F_NONBLOCK, &m));
	EXPECT_EQ(0U, qlen(self));
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

TEST_F(queue, seq_counts_every_message)
{
	struct sipc_msg m;
	__u64 seq, want = 1;
	__u32 i, sent = 0, got = 0;

	/* 3 * depth + 5 messages of both kinds, the queue kept non-empty. */
	for (i = 0; i < 3 * variant->depth + 5; i++) {
		__u32 type = i % 3 ? SIPC_MSG_NOOP : SIPC_MSG_DATA_READY;
		__u32 len = type == SIPC_MSG_NOOP ? 0 : i;

		if (sent - got == variant->depth) {
			ASSERT_EQ(0, st_recv(self->ch.rcv, 0, &m));
			EXPECT_EQ(++got, m.seq);
		}
		ASSERT_EQ(0, st_send(self->ch.snd, type, len, 0, 0, &seq));
		EXPECT_EQ(want++, seq);
		sent++;
	}
	while (got < sent) {
		ASSERT_EQ(0, st_recv(self->ch.rcv, 0, &m));
		EXPECT_EQ(++got, m.seq);
		EXPECT_EQ((m.seq - 1) % 3 ? (__u32)SIPC_MSG_NOOP :
			  (__u32)SIPC_MSG_DATA_READY, m.type);
	}
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

TEST_F(queue, recv_blocks_until_send)
{
	struct sipc_msg m;
	__u64 seq;

	ASSERT_EQ(0, st_peer_start(&self->peer, self->ch.rcv, SIPC_IOC_RECV,
				     NULL, ST_PEER_NOSIG));
	ASSERT_EQ(0, st_wait_blocked(self->peer.pid, SIPC_IOC_RECV,
				       ST_WAKE_MS));
	EXPECT_TRUE(st_still_blocked(self->peer.pid, SIPC_IOC_RECV,
				       ST_BLOCK_MS));
	ASSERT_EQ(0, st_send(self->ch.snd, SIPC_MSG_DATA_READY, 77, 5, 0,
			       &seq));
	ASSERT_EQ(0, st_peer_finish(&self->peer, &m, ST_WAKE_MS));
	EXPECT_EQ((__u32)SIPC_MSG_DATA_READY, m.type);
	EXPECT_EQ(77U, m.len);
	EXPECT_EQ(5ULL, m.offset);
	EXPECT_EQ(seq, m.seq);
	EXPECT_EQ(0U, qlen(self));
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

TEST_F(queue, send_blocks_while_full)
{
	struct sipc_msg m = { .size = sizeof(m), .type = SIPC_MSG_NOOP };

	fill(_metadata, self, variant->depth);
	ASSERT_EQ(0, st_peer_start(&self->peer, self->ch.snd, SIPC_IOC_SEND,
				     &m, ST_PEER_NOSIG));
	ASSERT_EQ(0, st_wait_blocked(self->peer.pid, SIPC_IOC_SEND,
				       ST_WAKE_MS));
	EXPECT_TRUE(st_still_blocked(self->peer.pid, SIPC_IOC_SEND,
				       ST_BLOCK_MS));
	EXPECT_EQ(variant->depth, qlen(self));
	/* Taking one message makes room for exactly the blocked one. */
	ASSERT_EQ(0, st_recv(self->ch.rcv, 0, &m));
	EXPECT_EQ(1ULL, m.seq);
	ASSERT_EQ(0, st_peer_finish(&self->peer, &m, ST_WAKE_MS));
	EXPECT_EQ(variant->depth + 1ULL, m.seq);
	EXPECT_EQ(variant->depth, qlen(self));
	EXPECT_EQ(variant->depth + 1ULL, drain(self));
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

TEST_F(queue, msg_nonblock_eagain)
{
	struct sipc_msg m;

	EXPECT_EQ(-EAGAIN, st_recv(self->ch.rcv, SIPC_MSG_F_NONBLOCK, &m));
	fill(_metadata, self, variant->depth);
	EXPECT_EQ(-EAGAIN, st_send(self->ch.snd, SIPC_MSG_DATA_READY, 1, 0,
				     SIPC_MSG_F_NONBLOCK, NULL));
	EXPECT_EQ(variant->depth, qlen(self));
	EXPECT_EQ((__u64)variant->depth, drain(self));
	EXPECT_EQ(0U, qlen(self));
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

TEST_F(queue, o_nonblock_eagain)
{
	struct sipc_msg m;
	int fl;

	fl = fcntl(self->ch.snd, F_GETFL);
	ASSERT_EQ(0, fcntl(self->ch.snd, F_SETFL, fl | O_NONBLOCK));
	fl = fcntl(self->ch.rcv, F_GETFL);
	ASSERT_EQ(0, fcntl(self->ch.rcv, F_SETFL, fl | O_NONBLOCK));

	EXPECT_EQ(-EAGAIN, st_recv(self->ch.rcv, 0, &m));
	fill(_metadata, self, variant->depth);
	EXPECT_EQ(-EAGAIN, st_send(self->ch.snd, SIPC_MSG_NOOP, 0, 0, 0,
				     NULL));
	EXPECT_EQ((__u64)variant->depth, drain(self));

	/* Cleared again: RECV blocks. */
	ASSERT_EQ(0, fcntl(self->ch.rcv, F_SETFL, fl & ~O_NONBLOCK));
	ASSERT_EQ(0, st_peer_start(&self->peer, self->ch.rcv, SIPC_IOC_RECV,
				     NULL, ST_PEER_NOSIG));
	EXPECT_EQ(0, st_wait_blocked(self->peer.pid, SIPC_IOC_RECV,
				       ST_WAKE_MS));
	st_peer_kill(&self->peer);
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

TEST_F(queue, recv_eintr)
{
	struct sipc_msg m;

	ASSERT_EQ(0, st_peer_start(&self->peer, self->ch.rcv, SIPC_IOC_RECV,
				     NULL, ST_PEER_SIG));
	ASSERT_EQ(0, st_wait_blocked(self->peer.pid, SIPC_IOC_RECV,
				       ST_WAKE_MS));
	ASSERT_EQ(0, kill(self->peer.pid, SIGUSR1));
	EXPECT_EQ(-EINTR, st_peer_finish(&self->peer, &m, ST_WAKE_MS));
	EXPECT_EQ(0, st_peer_handled(&self->peer, 0));
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

TEST_F(queue, send_eintr)
{
	struct sipc_msg m = { .size = sizeof(m), .type = SIPC_MSG_NOOP };

	fill(_metadata, self, variant->depth);
	ASSERT_EQ(0, st_peer_start(&self->peer, self->ch.snd, SIPC_IOC_SEND,
				     &m, ST_PEER_SIG));
	ASSERT_EQ(0, st_wait_blocked(self->peer.pid, SIPC_IOC_SEND,
				       ST_WAKE_MS));
	ASSERT_EQ(0, kill(self->peer.pid, SIGUSR1));
	EXPECT_EQ(-EINTR, st_peer_finish(&self->peer, &m, ST_WAKE_MS));
	/* Nothing was queued by the interrupted call. */
	EXPECT_EQ(variant->depth, qlen(self));
	EXPECT_EQ((__u64)variant->depth, drain(self));
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

TEST_F(queue, recv_restarts_with_sa_restart)
{
	struct sipc_msg m;
	__u64 seq;

	ASSERT_EQ(0, st_peer_start(&self->peer, self->ch.rcv, SIPC_IOC_RECV,
				     NULL, ST_PEER_SIG_RESTART));
	ASSERT_EQ(0, st_wait_blocked(self->peer.pid, SIPC_IOC_RECV,
				       ST_WAKE_MS));
	ASSERT_EQ(0, kill(self->peer.pid, SIGUSR1));
	ASSERT_EQ(0, st_peer_handled(&self->peer, ST_WAKE_MS));
	/* The call was restarted, not failed. */
	EXPECT_TRUE(st_still_blocked(self->peer.pid, SIPC_IOC_RECV,
				       ST_BLOCK_MS));
	ASSERT_EQ(0, st_send(self->ch.snd, SIPC_MSG_NOOP, 0, 0, 0, &seq));
	EXPECT_EQ(0, st_peer_finish(&self->peer, &m, ST_WAKE_MS));
	EXPECT_EQ(seq, m.seq);
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

TEST_F(queue, send_restarts_with_sa_restart)
{
	struct sipc_msg m = { .size = sizeof(m), .type = SIPC_MSG_NOOP };

	fill(_metadata, self, variant->depth);
	ASSERT_EQ(0, st_peer_start(&self->peer, self->ch.snd, SIPC_IOC_SEND,
				     &m, ST_PEER_SIG_RESTART));
	ASSERT_EQ(0, st_wait_blocked(self->peer.pid, SIPC_IOC_SEND,
				       ST_WAKE_MS));
	ASSERT_EQ(0, kill(self->peer.pid, SIGUSR1));
	ASSERT_EQ(0, st_peer_handled(&self->peer, ST_WAKE_MS));
	EXPECT_TRUE(st_still_blocked(self->peer.pid, SIPC_IOC_SEND,
				       ST_BLOCK_MS));
	ASSERT_EQ(0, st_recv(self->ch.rcv, 0, &m));
	EXPECT_EQ(0, st_peer_finish(&self->peer, &m, ST_WAKE_MS));
	EXPECT_EQ(variant->depth + 1ULL, m.seq);
	EXPECT_EQ(variant->depth + 1ULL, drain(self));
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

ST_TEST_MAIN
