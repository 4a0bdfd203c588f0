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
#include "st.h"

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
	struct st_counters start;
	pid_t snd_pid, rcv_pid;		/* peers */
	int snd_rep, rcv_rep;		/* their progress pipes */
	int r, s;			/* endpoints of the test itself */
	const unsigned char *rmap;
	unsigned char *smap;
	struct st_peer call;		/* a blocking call on r or s */
};

FIXTURE_SETUP(death)
{
	self->snd_pid = self->rcv_pid = -1;
	self->snd_rep = self->rcv_rep = -1;
	self->r = self->s = -1;
	self->call.pid = -1;
	self->call.rd = self->call.sig_rd = -1;
	ASSERT_EQ(0, st_counters_read(&self->start));
	self->dev = st_dev_open();
	ASSERT_LE(0, self->dev);
	st_name(self->name, "death");
	ASSERT_EQ(0, st_create(self->dev, self->name, REGION, 1, NULL));
}

static void release_all(FIXTURE_DATA(death) *self)
{
	st_peer_kill(&self->call);
	st_kill(self->snd_pid);
	st_kill(self->rcv_pid);
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
	release_all(self);
	st_destroy(self->dev, self->name);
	close(self->dev);
	ST_EXPECT_COUNTERS_BACK(&self->start);
}

/* Clean up in the test body and insist the counters are back. */
static void cleanup_and_check(struct __test_metadata *_metadata,
			      FIXTURE_DATA(death) *self)
{
	struct st_counters now;
	int ret;

	release_all(self);
	ret = st_destroy(self->dev, self->name);
	EXPECT_TRUE(ret == 0 || ret == -ENOENT);
	ASSERT_EQ(0, st_counters_wait(&self->start, &now, 2000)) {
		st_counters_log("start", &self->start);
		st_counters_log("now", &now);
	}
}

static pid_t start_sender(FIXTURE_DATA(death) *self, int mode)
{
	unsigned char *map;
	int rep[2], s, ret, step;
	pid_t pid;

	if (pipe(rep))
		return -1;
	pid = st_fork();
	if (pid) {
		close(rep[1]);
		self->snd_rep = rep[0];
		return pid;
	}
	close(rep[0]);
	s = st_attach(self->dev, self->name, SIPC_ROLE_SENDER, 0);
	CHILD_EXPECT(s >= 0);
	map = st_map(s, REGION, PROT_READ | PROT_WRITE, 0);
	CHILD_EXPECT(map != MAP_FAILED);
	st_put(rep[1], ATTACHED);
	if (mode == STOP_ATTACHED)
		for (;;)
			pause();
	st_fill(map + DATA_OFF, DATA_LEN, 1);
	for (step = SENT_DATA; step <= SENT_NOOP2; step++) {
		if (step == SENT_DATA)
			ret = st_send(s, SIPC_MSG_DATA_READY, DATA_LEN,
					DATA_OFF, 0, NULL);
		else
			ret = st_send(s, SIPC_MSG_NOOP, 0, 0, 0, NULL);
		if (ret) {
			st_put(rep[1], ret);
			_exit(-ret);
		}
		st_put(rep[1], step);
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
	pid = st_fork();
	if (pid) {
		close(rep[1]);
		self->rcv_rep = rep[0];
		return pid;
	}
	close(rep[0]);
	r = st_attach(self->dev, self->name, SIPC_ROLE_RECEIVER, 0);
	CHILD_EXPECT(r >= 0);
	map = st_map(r, REGION, PROT_READ, 0);
	CHILD_EXPECT(map != MAP_FAILED);
	st_put(rep[1], ATTACHED);
	if (mode == STOP_ATTACHED)
		for (;;)
			pause();
	CHILD_EQ(0, st_recv(r, 0, &m));
	CHILD_EQ(SIPC_MSG_DATA_READY, m.type);
	st_put(rep[1], GOT_DATA);
	if (mode == READ_FOREVER)
		for (;;)
			CHILD_EQ(-1, st_check(map + m.offset, m.len, m.seq));
	CHILD_EQ(-1, st_check(map + m.offset, m.len, m.seq));
	CHILD_EQ(0, st_recv(r, 0, &m));
	st_put(rep[1], GOT_NOOP1);
	CHILD_EQ(0, st_recv(r, 0, &m));
	st_put(rep[1], GOT_NOOP2);
	_exit(0);
}

static void expect_report(struct __test_metadata *_metadata, int fd, int want)
{
	int v = 0;

	ASSERT_EQ(0, st_get(fd, &v, ST_WAKE_MS));
	ASSERT_EQ(want, v);
}

/* The test attaches a receiver of its own and maps it. */
static void own_receiver(struct __test_metadata *_metadata,
			 FIXTURE_DATA(death) *self)
{
	self->r = st_attach(self->dev, self->name, SIPC_ROLE_RECEIVER, 0);
	ASSERT_LE(0, self->r);
	self->rmap = st_map(self->r, REGION, PROT_READ, 0);
	ASSERT_NE(MAP_FAILED, self->rmap);
}

/* RECV on the test's receiver must give the sender's DATA_READY. */
static void expect_data(struct __test_metadata *_metadata,
			FIXTURE_DATA(death) *self)
{
	struct sipc_msg m;

	ASSERT_EQ(0, st_recv(self->r, 0, &m));
	EXPECT_EQ((__u32)SIPC_MSG_DATA_READY, m.type);
	EXPECT_EQ(1ULL, m.seq);
	EXPECT_EQ((__u32)DATA_LEN, m.len);
	EXPECT_EQ((__u64)DATA_OFF, m.offset);
	/* The region outlives the sender that wrote it. */
	EXPECT_EQ(-1, st_check(self->rmap + DATA_OFF, DATA_LEN, 1));
}

static void expect_sender_gone(struct __test_metadata *_metadata,
			       FIXTURE_DATA(death) *self)
{
	struct sipc_info info;
	struct sipc_msg m;

	EXPECT_EQ(-EPIPE, st_recv(self->r, 0, &m));
	EXPECT_EQ(POLLHUP, st_poll1(self->r, ST_POLL_ALL, 0));
	ASSERT_EQ(0, st_info(self->dev, self->name, &info));
	EXPECT_EQ(SIPC_STATE_RECEIVER | SIPC_STATE_SENDER_HUP, info.state);
}

TEST_F(death, sender_killed_before_data_ready)
{
	own_receiver(_metadata, self);
	self->snd_pid = start_sender(self, STOP_ATTACHED);
	ASSERT_LE(0, self->snd_pid);
	expect_report(_metadata, self->snd_rep, ATTACHED);
	/* A receiver blocked in RECV wakes with EPIPE. */
	ASSERT_EQ(0, st_peer_start(&self->call, self->r, SIPC_IOC_RECV,
				     NULL, ST_PEER_NOSIG));
	ASSERT_EQ(0, st_wait_blocked(self->call.pid, SIPC_IOC_RECV,
				       ST_WAKE_MS));
	st_kill(self->snd_pid);
	self->snd_pid = -1;
	EXPECT_EQ(-EPIPE, st_peer_finish(&self->call, NULL, ST_WAKE_MS));
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
	st_kill(self->snd_pid);
	self->snd_pid = -1;
	/* Drains first. */
	EXPECT_EQ(ST_POLL_RECV_MSG, st_poll1(self->r, ST_POLL_ALL, 0));
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
	ASSERT_EQ(0, st_wait_blocked(self->snd_pid, SIPC_IOC_SEND,
				       ST_WAKE_MS));
	st_kill(self->snd_pid);
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
	ASSERT_EQ(0, st_wait_blocked(self->snd_pid, SIPC_IOC_SEND,
				       ST_WAKE_MS));
	st_kill(self->snd_pid);
	self->snd_pid = -1;
	ASSERT_EQ(0, st_recv(self->r, 0, &m));
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
	ASSERT_EQ(0, st_wait_blocked(self->snd_pid, SIPC_IOC_SEND,
				       ST_WAKE_MS));
	/* Let it read a while, then kill it mid-read. */
	st_msleep(50);
	ASSERT_TRUE(st_alive(self->rcv_pid));
	st_kill(self->rcv_pid);
	self->rcv_pid = -1;

	/* The sender learns nothing: still blocked on NOOP-2. */
	EXPECT_TRUE(st_still_blocked(self->snd_pid, SIPC_IOC_SEND,
				       2 * ST_BLOCK_MS));
	EXPECT_EQ(-ETIMEDOUT, st_get(self->snd_rep, &v, 0));
	ASSERT_EQ(0, st_info(self->dev, self->name, &info));
	EXPECT_EQ(1U, info.queue_len);

	/* DESTROY wakes it with EIDRM. */
	ASSERT_EQ(0, st_destroy(self->dev, self->name));
	expect_report(_metadata, self->snd_rep, -EIDRM);
	EXPECT_EQ(EIDRM, st_reap(self->snd_pid, ST_WAKE_MS));
	self->snd_pid = -1;
	cleanup_and_check(_metadata, self);
}

TEST_F(death, receiver_killed_blocked_in_recv)
{
	int before;

	self->s = st_attach(self->dev, self->name, SIPC_ROLE_SENDER, 0);
	ASSERT_LE(0, self->s);
	self->smap = st_map(self->s, REGION, PROT_READ | PROT_WRITE, 0);
	ASSERT_NE(MAP_FAILED, self->smap);
	self->rcv_pid = start_receiver(self, RUN_ROUND);
	ASSERT_LE(0, self->rcv_pid);
	expect_report(_metadata, self->rcv_rep, ATTACHED);
	ASSERT_EQ(0, st_wait_blocked(self->rcv_pid, SIPC_IOC_RECV,
				       ST_WAKE_MS));
	before = st_poll1(self->s, ST_POLL_ALL, 0);
	EXPECT_EQ(ST_POLL_SEND_ROOM, before);
	st_kill(self->rcv_pid);
	self->rcv_pid = -1;

	/* Nothing changes for the sender. */
	EXPECT_EQ(before, st_poll1(self->s, ST_POLL_ALL, 0));
	st_fill(self->smap + DATA_OFF, DATA_LEN, 1);
	ASSERT_EQ(0, st_send(self->s, SIPC_MSG_DATA_READY, DATA_LEN,
			       DATA_OFF, 0, NULL));
	EXPECT_EQ(-EAGAIN, st_send(self->s, SIPC_MSG_NOOP, 0, 0,
				     SIPC_MSG_F_NONBLOCK, NULL));
	/* The message waits for the next receiver. */
	own_receiver(_metadata, self);
	expect_data(_metadata, self);
	EXPECT_EQ(0, st_send(self->s, SIPC_MSG_NOOP, 0, 0,
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
	ASSERT_EQ(0, st_wait_blocked(self->snd_pid, SIPC_IOC_SEND,
				       ST_WAKE_MS));
	st_kill(self->rcv_pid);
	self->rcv_pid = -1;
	EXPECT_TRUE(st_still_blocked(self->snd_pid, SIPC_IOC_SEND,
				       ST_BLOCK_MS));
	EXPECT_EQ(-ETIMEDOUT, st_get(self->snd_rep, &v, 0));

	/* A new receiver takes over where the old one left. */
	own_receiver(_metadata, self);
	expect_data(_metadata, self);
	expect_report(_metadata, self->snd_rep, SENT_NOOP1);
	ASSERT_EQ(0, st_recv(self->r, 0, &m));
	EXPECT_EQ(2ULL, m.seq);
	expect_report(_metadata, self->snd_rep, SENT_NOOP2);
	ASSERT_EQ(0, st_recv(self->r, 0, &m));
	EXPECT_EQ(3ULL, m.seq);
	EXPECT_EQ(0, st_reap(self->snd_pid, ST_WAKE_MS));
	self->snd_pid = -1;
	expect_sender_gone(_metadata, self);
	cleanup_and_check(_metadata, self);
}

ST_TEST_MAIN
