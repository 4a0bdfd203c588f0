// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_peer_death_test - a peer killed with SIGKILL at each point of the
 * protocol, and what the survivor sees:
 *
 *   sender dies:   the receiver drains what was queued, then RECV gives
 *                  EPIPE and poll POLLHUP (a blocked RECV wakes with it).
 *   receiver dies: the sender sees nothing at all; a sender blocked on a
 *                  full queue stays blocked until a new receiver takes a
 *                  message, or DESTROY wakes it with EIDRM.  Queued
 *                  messages wait for the next receiver.
 *
 * Every test ends by cleaning up and checking that the channels,
 * endpoints and region_bytes counters are back to their start values.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/mman.h>

#include "sipc_harness.h"
#include "sipc_test_util.h"

#define REGION		(2 * 4096)
#define DATA_OFF	50
#define DATA_LEN	(REGION - 100)

/* Progress a peer reports through its pipe. */
enum { ATTACHED = 1, SENT_DATA = 2, SENT_NOOP1 = 3, SENT_NOOP2 = 4 };
enum { GOT_DATA = 2, GOT_NOOP1 = 3, GOT_NOOP2 = 4 };

/* What a peer does before it waits to be killed (or exits). */
enum {
	STOP_ATTACHED,		/* attach, map, then pause */
	STOP_SENT_DATA,		/* sender: pause after DATA_READY */
	RUN_ROUND,		/* a full round, then exit 0 */
	READ_FOREVER,		/* receiver: take DATA_READY, read forever */
};

FIXTURE(death) {
	int dev;
	char name[SIPC_NAME_MAX];
	struct sipc_counters start;
	pid_t snd_pid, rcv_pid;		/* peers */
	int snd_rep, rcv_rep;		/* their progress pipes */
	int r, s;			/* endpoints of the test itself */
	const unsigned char *rmap;
	unsigned char *smap;
	struct sipc_peer call;		/* a blocking call on r or s */
};

FIXTURE_SETUP(death)
{
	self->snd_pid = self->rcv_pid = -1;
	self->snd_rep = self->rcv_rep = -1;
	self->r = self->s = -1;
	self->call.pid = -1;
	self->call.rd = self->call.sig_rd = -1;
	ASSERT_EQ(0, sipc_counters_read(&self->start));
	self->dev = sipc_dev_open();
	ASSERT_LE(0, self->dev);
	sipc_name(self->name, "death");
	ASSERT_EQ(0, sipc_create(self->dev, self->name, REGION, 1, NULL));
}

static void release_all(FIXTURE_DATA(death) *self)
{
	sipc_peer_kill(&self->call);
	sipc_kill(self->snd_pid);
	sipc_kill(self->rcv_pid);
	self->snd_pid = self->rcv_pid = -1;
	if (self->rmap)
		munmap((void *)self->rmap, REGION);
	if (self->smap)
		munmap(self->smap, REGION);
	self->rmap = NULL;
	self->smap = NULL;
	if (self->r >= 0)
		close(self->r);
	if (self->s >= 0)
		close(self->s);
	self->r = self->s = -1;
}

FIXTURE_TEARDOWN(death)
{
	struct sipc_counters now;

	release_all(self);
	sipc_destroy(self->dev, self->name);
	close(self->dev);
	EXPECT_EQ(0, sipc_counters_wait(&self->start, &now, 2000)) {
		sipc_counters_log("start", &self->start);
		sipc_counters_log("now", &now);
	}
}

/* Clean up in the test body and insist the counters are back. */
static void cleanup_and_check(struct __test_metadata *_metadata,
			      FIXTURE_DATA(death) *self)
{
	struct sipc_counters now;
	int ret;

	release_all(self);
	ret = sipc_destroy(self->dev, self->name);
	EXPECT_TRUE(ret == 0 || ret == -ENOENT);
	ASSERT_EQ(0, sipc_counters_wait(&self->start, &now, 2000)) {
		sipc_counters_log("start", &self->start);
		sipc_counters_log("now", &now);
	}
}

static pid_t start_sender(FIXTURE_DATA(death) *self, int mode)
{
	unsigned char *map;
	int rep[2], s, ret, step;
	pid_t pid;

	if (pipe(rep))
		return -1;
	pid = sipc_fork();
	if (pid) {
		close(rep[1]);
		self->snd_rep = rep[0];
		return pid;
	}
	close(rep[0]);
	s = sipc_attach(self->dev, self->name, SIPC_ROLE_SENDER, 0);
	CHILD_EXPECT(s >= 0);
	map = sipc_map(s, REGION, PROT_READ | PROT_WRITE, 0);
	CHILD_EXPECT(map != MAP_FAILED);
	sipc_put(rep[1], ATTACHED);
	if (mode == STOP_ATTACHED)
		for (;;)
			pause();
	sipc_fill(map + DATA_OFF, DATA_LEN, 1);
	for (step = SENT_DATA; step <= SENT_NOOP2; step++) {
		if (step == SENT_DATA)
			ret = sipc_send(s, SIPC_MSG_DATA_READY, DATA_LEN,
					DATA_OFF, 0, NULL);
		else
			ret = sipc_send(s, SIPC_MSG_NOOP, 0, 0, 0, NULL);
		if (ret) {
			sipc_put(rep[1], ret);
			_exit(-ret);
		}
		sipc_put(rep[1], step);
		if (mode == STOP_SENT_DATA)
			for (;;)
				pause();
	}
	_exit(0);
}

static pid_t start_receiver(FIXTURE_DATA(death) *self, int mode)
{
	const unsigned char *map;
	struct sipc_msg m;
	int rep[2], r;
	pid_t pid;

	if (pipe(rep))
		return -1;
	pid = sipc_fork();
	if (pid) {
		close(rep[1]);
		self->rcv_rep = rep[0];
		return pid;
	}
	close(rep[0]);
	r = sipc_attach(self->dev, self->name, SIPC_ROLE_RECEIVER, 0);
	CHILD_EXPECT(r >= 0);
	map = sipc_map(r, REGION, PROT_READ, 0);
	CHILD_EXPECT(map != MAP_FAILED);
	sipc_put(rep[1], ATTACHED);
	if (mode == STOP_ATTACHED)
		for (;;)
			pause();
	CHILD_EQ(0, sipc_recv(r, 0, &m));
	CHILD_EQ(SIPC_MSG_DATA_READY, m.type);
	sipc_put(rep[1], GOT_DATA);
	if (mode == READ_FOREVER)
		for (;;)
			CHILD_EQ(-1, sipc_check(map + m.offset, m.len, m.seq));
	CHILD_EQ(-1, sipc_check(map + m.offset, m.len, m.seq));
	CHILD_EQ(0, sipc_recv(r, 0, &m));
	sipc_put(rep[1], GOT_NOOP1);
	CHILD_EQ(0, sipc_recv(r, 0, &m));
	sipc_put(rep[1], GOT_NOOP2);
	_exit(0);
}

static void expect_report(struct __test_metadata *_metadata, int fd, int want)
{
	int v = 0;

	ASSERT_EQ(0, sipc_get(fd, &v, SIPC_WAKE_MS));
	ASSERT_EQ(want, v);
}

/* The test attaches a receiver of its own and maps it. */
static void own_receiver(struct __test_metadata *_metadata,
			 FIXTURE_DATA(death) *self)
{
	self->r = sipc_attach(self->dev, self->name, SIPC_ROLE_RECEIVER, 0);
	ASSERT_LE(0, self->r);
	self->rmap = sipc_map(self->r, REGION, PROT_READ, 0);
	ASSERT_NE(MAP_FAILED, self->rmap);
}

/* RECV on the test's receiver must give the sender's DATA_READY. */
static void expect_data(struct __test_metadata *_metadata,
			FIXTURE_DATA(death) *self)
{
	struct sipc_msg m;

	ASSERT_EQ(0, sipc_recv(self->r, 0, &m));
	EXPECT_EQ((__u32)SIPC_MSG_DATA_READY, m.type);
	EXPECT_EQ(1ULL, m.seq);
	EXPECT_EQ((__u32)DATA_LEN, m.len);
	EXPECT_EQ((__u64)DATA_OFF, m.offset);
	/* The region outlives the sender that wrote it. */
	EXPECT_EQ(-1, sipc_check(self->rmap + DATA_OFF, DATA_LEN, 1));
}

static void expect_sender_gone(struct __test_metadata *_metadata,
			       FIXTURE_DATA(death) *self)
{
	struct sipc_info info;
	struct sipc_msg m;

	EXPECT_EQ(-EPIPE, sipc_recv(self->r, 0, &m));
	EXPECT_EQ(POLLHUP, sipc_poll1(self->r, SIPC_POLL_ALL, 0));
	ASSERT_EQ(0, sipc_info(self->dev, self->name, &info));
	EXPECT_EQ(SIPC_STATE_RECEIVER | SIPC_STATE_SENDER_HUP, info.state);
}

TEST_F(death, sender_killed_before_data_ready)
{
	own_receiver(_metadata, self);
	self->snd_pid = start_sender(self, STOP_ATTACHED);
	ASSERT_LE(0, self->snd_pid);
	expect_report(_metadata, self->snd_rep, ATTACHED);
	/* A receiver blocked in RECV wakes with EPIPE. */
	ASSERT_EQ(0, sipc_peer_start(&self->call, self->r, SIPC_IOC_RECV,
				     NULL, SIPC_PEER_NOSIG));
	ASSERT_EQ(0, sipc_wait_blocked(self->call.pid, SIPC_IOC_RECV,
				       SIPC_WAKE_MS));
	sipc_kill(self->snd_pid);
	self->snd_pid = -1;
	EXPECT_EQ(-EPIPE, sipc_peer_finish(&self->call, NULL, SIPC_WAKE_MS));
	expect_sender_gone(_metadata, self);
	cleanup_and_check(_metadata, self);
}

TEST_F(death, sender_killed_after_data_ready)
{
	own_receiver(_metadata, self);
	self->snd_pid = start_sender(self, STOP_SENT_DATA);
	ASSERT_LE(0, self->snd_pid);
	expect_report(_metadata, self->snd_rep, ATTACHED);
	expect_report(_metadata, self->snd_rep, SENT_DATA);
	sipc_kill(self->snd_pid);
	self->snd_pid = -1;
	/* Drains first. */
	EXPECT_EQ(SIPC_POLL_RECV_MSG, sipc_poll1(self->r, SIPC_POLL_ALL, 0));
	expect_data(_metadata, self);
	expect_sender_gone(_metadata, self);
	cleanup_and_check(_metadata, self);
}

TEST_F(death, sender_killed_blocked_on_noop1)
{
	own_receiver(_metadata, self);
	self->snd_pid = start_sender(self, RUN_ROUND);
	ASSERT_LE(0, self->snd_pid);
	expect_report(_metadata, self->snd_rep, ATTACHED);
	expect_report(_metadata, self->snd_rep, SENT_DATA);
	ASSERT_EQ(0, sipc_wait_blocked(self->snd_pid, SIPC_IOC_SEND,
				       SIPC_WAKE_MS));
	sipc_kill(self->snd_pid);
	self->snd_pid = -1;
	expect_data(_metadata, self);
	expect_sender_gone(_metadata, self);
	cleanup_and_check(_metadata, self);
}

TEST_F(death, sender_killed_blocked_on_noop2)
{
	struct sipc_msg m;

	own_receiver(_metadata, self);
	self->snd_pid = start_sender(self, RUN_ROUND);
	ASSERT_LE(0, self->snd_pid);
	expect_report(_metadata, self->snd_rep, ATTACHED);
	expect_report(_metadata, self->snd_rep, SENT_DATA);
	expect_data(_metadata, self);
	expect_report(_metadata, self->snd_rep, SENT_NOOP1);
	ASSERT_EQ(0, sipc_wait_blocked(self->snd_pid, SIPC_IOC_SEND,
				       SIPC_WAKE_MS));
	sipc_kill(self->snd_pid);
	self->snd_pid = -1;
	ASSERT_EQ(0, sipc_recv(self->r, 0, &m));
	EXPECT_EQ((__u32)SIPC_MSG_NOOP, m.type);
	EXPECT_EQ(2ULL, m.seq);
	expect_sender_gone(_metadata, self);
	cleanup_and_check(_metadata, self);
}

TEST_F(death, receiver_killed_while_reading)
{
	struct sipc_info info;
	int v;

	self->rcv_pid = start_receiver(self, READ_FOREVER);
	ASSERT_LE(0, self->rcv_pid);
	expect_report(_metadata, self->rcv_rep, ATTACHED);
	self->snd_pid = start_sender(self, RUN_ROUND);
	ASSERT_LE(0, self->snd_pid);
	expect_report(_metadata, self->snd_rep, ATTACHED);
	expect_report(_metadata, self->snd_rep, SENT_DATA);
	expect_report(_metadata, self->rcv_rep, GOT_DATA);
	expect_report(_metadata, self->snd_rep, SENT_NOOP1);
	ASSERT_EQ(0, sipc_wait_blocked(self->snd_pid, SIPC_IOC_SEND,
				       SIPC_WAKE_MS));
	/* Let it read a while, then kill it mid-read. */
	sipc_msleep(50);
	ASSERT_TRUE(sipc_alive(self->rcv_pid));
	sipc_kill(self->rcv_pid);
	self->rcv_pid = -1;

	/* The sender learns nothing: still blocked on NOOP-2. */
	EXPECT_TRUE(sipc_still_blocked(self->snd_pid, SIPC_IOC_SEND,
				       2 * SIPC_BLOCK_MS));
	EXPECT_EQ(-ETIMEDOUT, sipc_get(self->snd_rep, &v, 0));
	ASSERT_EQ(0, sipc_info(self->dev, self->name, &info));
	EXPECT_EQ(1U, info.queue_len);

	/* DESTROY wakes it with EIDRM. */
	ASSERT_EQ(0, sipc_destroy(self->dev, self->name));
	expect_report(_metadata, self->snd_rep, -EIDRM);
	EXPECT_EQ(EIDRM, sipc_reap(self->snd_pid, SIPC_WAKE_MS));
	self->snd_pid = -1;
	cleanup_and_check(_metadata, self);
}

TEST_F(death, receiver_killed_blocked_in_recv)
{
	int before;

	self->s = sipc_attach(self->dev, self->name, SIPC_ROLE_SENDER, 0);
	ASSERT_LE(0, self->s);
	self->smap = sipc_map(self->s, REGION, PROT_READ | PROT_WRITE, 0);
	ASSERT_NE(MAP_FAILED, self->smap);
	self->rcv_pid = start_receiver(self, RUN_ROUND);
	ASSERT_LE(0, self->rcv_pid);
	expect_report(_metadata, self->rcv_rep, ATTACHED);
	ASSERT_EQ(0, sipc_wait_blocked(self->rcv_pid, SIPC_IOC_RECV,
				       SIPC_WAKE_MS));
	before = sipc_poll1(self->s, SIPC_POLL_ALL, 0);
	EXPECT_EQ(SIPC_POLL_SEND_ROOM, before);
	sipc_kill(self->rcv_pid);
	self->rcv_pid = -1;

	/* Nothing changes for the sender. */
	EXPECT_EQ(before, sipc_poll1(self->s, SIPC_POLL_ALL, 0));
	sipc_fill(self->smap + DATA_OFF, DATA_LEN, 1);
	ASSERT_EQ(0, sipc_send(self->s, SIPC_MSG_DATA_READY, DATA_LEN,
			       DATA_OFF, 0, NULL));
	EXPECT_EQ(-EAGAIN, sipc_send(self->s, SIPC_MSG_NOOP, 0, 0,
				     SIPC_MSG_F_NONBLOCK, NULL));
	/* The message waits for the next receiver. */
	own_receiver(_metadata, self);
	expect_data(_metadata, self);
	EXPECT_EQ(0, sipc_send(self->s, SIPC_MSG_NOOP, 0, 0,
			       SIPC_MSG_F_NONBLOCK, NULL));
	cleanup_and_check(_metadata, self);
}

TEST_F(death, blocked_sender_waits_for_next_receiver)
{
	struct sipc_msg m;
	int v;

	self->rcv_pid = start_receiver(self, STOP_ATTACHED);
	ASSERT_LE(0, self->rcv_pid);
	expect_report(_metadata, self->rcv_rep, ATTACHED);
	self->snd_pid = start_sender(self, RUN_ROUND);
	ASSERT_LE(0, self->snd_pid);
	expect_report(_metadata, self->snd_rep, ATTACHED);
	expect_report(_metadata, self->snd_rep, SENT_DATA);
	ASSERT_EQ(0, sipc_wait_blocked(self->snd_pid, SIPC_IOC_SEND,
				       SIPC_WAKE_MS));
	sipc_kill(self->rcv_pid);
	self->rcv_pid = -1;
	EXPECT_TRUE(sipc_still_blocked(self->snd_pid, SIPC_IOC_SEND,
				       SIPC_BLOCK_MS));
	EXPECT_EQ(-ETIMEDOUT, sipc_get(self->snd_rep, &v, 0));

	/* A new receiver takes over where the old one left. */
	own_receiver(_metadata, self);
	expect_data(_metadata, self);
	expect_report(_metadata, self->snd_rep, SENT_NOOP1);
	ASSERT_EQ(0, sipc_recv(self->r, 0, &m));
	EXPECT_EQ(2ULL, m.seq);
	expect_report(_metadata, self->snd_rep, SENT_NOOP2);
	ASSERT_EQ(0, sipc_recv(self->r, 0, &m));
	EXPECT_EQ(3ULL, m.seq);
	EXPECT_EQ(0, sipc_reap(self->snd_pid, SIPC_WAKE_MS));
	self->snd_pid = -1;
	expect_sender_gone(_metadata, self);
	cleanup_and_check(_metadata, self);
}

SIPC_TEST_MAIN
