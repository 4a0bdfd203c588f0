// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_fastpath_test - multi-slot channels and the one-call protocol steps
 * SIPC_IOC_COMMIT (sender) and SIPC_IOC_RECV_NEXT (receiver).
 *
 * What must hold: the slot geometry and the derived queue depth; that a
 * COMMIT is, to the receiver, exactly DATA_READY + NOOP + NOOP (one
 * region) or DATA_READY (multi-slot); that COMMIT returns only once the
 * buffer to fill next is free, so a receiver that still holds a slot never
 * sees it overwritten; and that bad arguments change nothing.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include "sipc_harness.h"
#include "st.h"

/* TEST_F bodies that do not look at their variant still receive it. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

#define PAGE	4096
#define ROUNDS	3000

static int create_slots(int dev, const char *name, __u64 region,
			__u32 slots, __u32 depth, struct sipc_create *out)
{
	struct sipc_create cr = {
		.size = sizeof(cr), .region_size = region,
		.queue_depth = depth, .slots = slots,
	};
	int ret;

	snprintf(cr.name, sizeof(cr.name), "%s", name);
	ret = st_ioctl(dev, SIPC_IOC_CREATE, &cr);
	if (out)
		*out = cr;
	return ret;
}

static int commit(int fd, __u64 off, __u32 len, __u32 flags, __u64 *seq)
{
	struct sipc_msg m = { .size = sizeof(m), .flags = flags,
			      .len = len, .offset = off };
	int ret = st_ioctl(fd, SIPC_IOC_COMMIT, &m);

	if (seq)
		*seq = m.seq;
	return ret;
}

static int recv_next(int fd, __u32 flags, struct sipc_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->size = sizeof(*m);
	m->flags = flags;
	return st_ioctl(fd, SIPC_IOC_RECV_NEXT, m);
}

/* A channel with both endpoints attached and mapped. */
FIXTURE(fast) {
	int dev, snd, rcv;
	char name[SIPC_NAME_MAX];
	struct sipc_create cr;
	unsigned char *smap;
	const unsigned char *rmap;
	__u64 slot;			/* bytes per slot */
	struct st_counters start;
};

FIXTURE_VARIANT(fast) {
	__u32 slots;			/* 0: one region */
};
FIXTURE_VARIANT_ADD(fast, one_region) { .slots = 0 };
FIXTURE_VARIANT_ADD(fast, two_slots) { .slots = 2 };
FIXTURE_VARIANT_ADD(fast, five_slots) { .slots = 5 };

FIXTURE_SETUP(fast)
{
	self->snd = self->rcv = -1;
	ASSERT_EQ(0, st_counters_read(&self->start));
	self->dev = st_dev_open();
	ASSERT_LE(0, self->dev);
	st_name(self->name, "fast");
	ASSERT_EQ(0, create_slots(self->dev, self->name, 5 * PAGE + 1,
				  variant->slots, 0, &self->cr));
	self->snd = st_attach(self->dev, self->name, SIPC_ROLE_SENDER, 0);
	ASSERT_LE(0, self->snd);
	self->rcv = st_attach(self->dev, self->name, SIPC_ROLE_RECEIVER, 0);
	ASSERT_LE(0, self->rcv);
	self->smap = st_map(self->snd, self->cr.region_size,
			      PROT_READ | PROT_WRITE, 0);
	ASSERT_NE(MAP_FAILED, self->smap);
	self->rmap = st_map(self->rcv, self->cr.region_size, PROT_READ, 0);
	ASSERT_NE(MAP_FAILED, self->rmap);
	self->slot = self->cr.region_size / self->cr.slots;
}

FIXTURE_TEARDOWN(fast)
{
	struct st_counters now;

	munmap(self->smap, self->cr.region_size);
	munmap((void *)self->rmap, self->cr.region_size);
	close(self->snd);
	close(self->rcv);
	st_destroy(self->dev, self->name);
	close(self->dev);
	EXPECT_EQ(0, st_counters_wait(&self->start, &now, 2000));
}

/* Slots are equal and page-aligned; the queue is one shorter. */
TEST_F(fast, geometry)
{
	struct sipc_ep_info ei;
	struct sipc_info info;
	__u32 slots = variant->slots ? variant->slots : 1;

	EXPECT_EQ(slots, self->cr.slots);
	EXPECT_EQ(slots > 1 ? slots - 1 : 1U, self->cr.queue_depth);
	EXPECT_EQ(0ULL, self->slot % PAGE);
	EXPECT_LE(5ULL * PAGE + 1, self->cr.region_size);
	EXPECT_EQ(self->slot * slots, self->cr.region_size);
	ASSERT_EQ(0, st_ep_info(self->rcv, &ei));
	EXPECT_EQ(slots, ei.slots);
	EXPECT_EQ(self->cr.region_size, ei.region_size);
	ASSERT_EQ(0, st_info(self->dev, self->name, &info));
	EXPECT_EQ(slots, info.slots);
}

TEST_F(fast, wrong_roles)
{
	struct sipc_msg m;

	EXPECT_EQ(-EBADF, commit(self->rcv, 0, 1, 0, NULL));
	EXPECT_EQ(-EBADF, recv_next(self->snd, 0, &m));
	EXPECT_EQ(-EAGAIN, recv_next(self->rcv, SIPC_MSG_F_NONBLOCK, &m));
}

/* Each bad COMMIT is refused before anything is queued. */
TEST_F(fast, bad_commit)
{
	struct sipc_msg m = { .size = sizeof(m), .type = SIPC_MSG_NOOP };
	struct sipc_info info;

	EXPECT_EQ(-EINVAL, st_ioctl(self->snd, SIPC_IOC_COMMIT, &m));
	EXPECT_EQ(-EINVAL, commit(self->snd, 0, 1, 0x80, NULL));
	EXPECT_EQ(-EINVAL, commit(self->snd, self->cr.region_size, 1, 0, NULL));
	if (self->cr.slots > 1) {
		EXPECT_EQ(-EINVAL, commit(self->snd, 1, 1, 0, NULL));
		EXPECT_EQ(-EINVAL, commit(self->snd, 0, self->slot + 1, 0, NULL));
		EXPECT_EQ(-EINVAL, commit(self->snd, self->slot / 2, 1, 0, NULL));
	}
	ASSERT_EQ(0, st_info(self->dev, self->name, &info));
	EXPECT_EQ(0U, info.queue_len);
	EXPECT_EQ(0ULL, info.msgs_sent);
}

/*
 * To a receiver using plain RECV, a COMMIT is the 2007 sequence; and a
 * one-region COMMIT returns only once the receiver took NOOP-1.
 */
TEST_F(fast, commit_is_the_protocol)
{
	struct sipc_msg m;
	pid_t pid;

	pid = st_fork();
	if (!pid) {
		st_fill(self->smap, 100, 1);
		CHILD_EQ(0, commit(self->snd, 0, 100, 0, NULL));
		_exit(0);
	}
	ASSERT_EQ(0, st_recv(self->rcv, 0, &m));
	EXPECT_EQ((__u32)SIPC_MSG_DATA_READY, m.type);
	EXPECT_EQ(100U, m.len);
	EXPECT_EQ(-1, st_check(self->rmap, 100, 1));
	if (self->cr.slots == 1) {
		/* Holding the data: the sender must still be in COMMIT. */
		EXPECT_TRUE(st_still_blocked(pid, SIPC_IOC_COMMIT,
					       ST_BLOCK_MS));
		ASSERT_EQ(0, st_recv(self->rcv, 0, &m));
		EXPECT_EQ((__u32)SIPC_MSG_NOOP, m.type);
		EXPECT_EQ(0, st_reap(pid, ST_WAKE_MS));
		ASSERT_EQ(0, st_recv(self->rcv, 0, &m));
		EXPECT_EQ((__u32)SIPC_MSG_NOOP, m.type);
	} else {
		EXPECT_EQ(0, st_reap(pid, ST_WAKE_MS));
	}
	EXPECT_EQ(-EAGAIN, st_recv(self->rcv, SIPC_MSG_F_NONBLOCK, &m));
}

/*
 * Many rounds, one call per side each: every byte of every message checked
 * in its slot after RECV_NEXT returned it, i.e. while the sender may be
 * filling other slots.  Pinned to one CPU (see sipc_protocol_test.c).
 */
TEST_F_TIMEOUT(fast, rounds, 120)
{
	struct sipc_msg m;
	pid_t pid;
	long bad;
	int i;

	ASSERT_EQ(0, st_pin_one_cpu());
	pid = st_fork();
	if (!pid) {
		for (i = 0; i < ROUNDS; i++) {
			__u64 off = (i % self->cr.slots) * self->slot;
			__u32 len = 1 + (i * 131) % self->slot;

			st_fill(self->smap + off, len, i);
			CHILD_EQ(0, commit(self->snd, off, len, 0, NULL));
		}
		_exit(0);
	}
	for (i = 0; i < ROUNDS; i++) {
		ASSERT_EQ(0, recv_next(self->rcv, 0, &m));
		ASSERT_EQ((i % self->cr.slots) * self->slot, m.offset);
		ASSERT_EQ(1 + (i * 131) % self->slot, m.len);
		bad = st_check(self->rmap + m.offset, m.len, i);
		ASSERT_EQ(-1, bad) TH_LOG("round %d byte %ld", i, bad);
	}
	/* One region: the last COMMIT waits for its release (NOOP-1). */
	if (self->cr.slots == 1)
		ASSERT_EQ(0, st_recv(self->rcv, 0, &m));
	EXPECT_EQ(0, st_reap(pid, ST_WAKE_MS));
}

/*
 * While the receiver holds the newest message's slot, the sender must not
 * get back the buffer that would overwrite it: after filling every other
 * slot it is blocked in COMMIT, and the held data is intact.
 */
TEST_F(fast, held_slot_is_not_overwritten)
{
	__u32 slots = self->cr.slots;
	struct sipc_msg m;
	pid_t pid;
	__u32 i;

	pid = st_fork();
	if (!pid) {
		for (i = 0; i <= slots; i++) {
			__u64 off = (i % slots) * self->slot;

			st_fill(self->smap + off, self->slot, 100 + i);
			CHILD_EQ(0, commit(self->snd, off, self->slot, 0, NULL));
		}
		_exit(0);
	}
	ASSERT_EQ(0, recv_next(self->rcv, 0, &m));	/* message 0, slot 0 */
	EXPECT_TRUE(st_still_blocked(pid, SIPC_IOC_COMMIT, ST_BLOCK_MS));
	EXPECT_EQ(-1, st_check(self->rmap, self->slot, 100));
	for (i = 1; i <= slots; i++) {
		ASSERT_EQ(0, recv_next(self->rcv, 0, &m));
		EXPECT_EQ(-1, st_check(self->rmap + m.offset, self->slot,
					 100 + i));
	}
	if (slots == 1)
		ASSERT_EQ(0, st_recv(self->rcv, 0, &m));
	EXPECT_EQ(0, st_reap(pid, ST_WAKE_MS));
}

/* RECV_NEXT drops NOOPs and returns the next DATA_READY. */
TEST(recv_next_skips_noops)
{
	struct st_chan c;
	struct sipc_msg m;
	__u64 seq;

	ASSERT_EQ(0, st_chan_open(&c, "skip", PAGE, 3));
	ASSERT_EQ(0, st_send(c.snd, SIPC_MSG_NOOP, 0, 0,
			       SIPC_MSG_F_NONBLOCK, NULL));
	ASSERT_EQ(0, st_send(c.snd, SIPC_MSG_NOOP, 0, 0,
			       SIPC_MSG_F_NONBLOCK, NULL));
	ASSERT_EQ(0, st_send(c.snd, SIPC_MSG_DATA_READY, 7, 0,
			       SIPC_MSG_F_NONBLOCK, &seq));
	ASSERT_EQ(0, recv_next(c.rcv, SIPC_MSG_F_NONBLOCK, &m));
	EXPECT_EQ((__u32)SIPC_MSG_DATA_READY, m.type);
	EXPECT_EQ(7U, m.len);
	EXPECT_EQ(seq, m.seq);
	EXPECT_EQ(-EAGAIN, recv_next(c.rcv, SIPC_MSG_F_NONBLOCK, &m));
	EXPECT_EQ(0, st_chan_works(&c));
	st_chan_close(&c);
}

/*
 * One region with a deep queue: COMMIT must still not return before the
 * receiver released the data, or the sender would overwrite it unread.
 */
static void on_usr1(int sig)
{
	(void)sig;
}

/*
 * A signal during COMMIT's release wait comes after the data was
 * published: COMMIT must end with EINTR ("sent, not yet released"), never
 * be restarted, even under SA_RESTART, or the restarted call would publish
 * the same data again.  One region and multi-slot alike.
 */
TEST_F(fast, commit_interrupted_after_publish_is_eintr)
{
	/* One region: the first COMMIT waits; slots: the (slots-1)th. */
	int last = variant->slots ? (int)variant->slots - 1 : 1;
	struct sipc_msg m;
	int n;
	pid_t pid;

	pid = st_fork();
	if (!pid) {
		struct sigaction sa = { .sa_handler = on_usr1,
					.sa_flags = SA_RESTART };
		int r = 0, i;

		sigaction(SIGUSR1, &sa, NULL);
		for (i = 0; i < last; i++) {
			r = commit(self->snd, (__u64)i * self->slot, 8, 0, NULL);
			if (i < last - 1)
				CHILD_EQ(0, r);
		}
		_exit(r == -EINTR ? 0 : 1);
	}
	ASSERT_EQ(0, st_wait_blocked(pid, SIPC_IOC_COMMIT, ST_WAKE_MS));
	kill(pid, SIGUSR1);
	EXPECT_EQ(0, st_reap(pid, ST_WAKE_MS));
	/* Each published message once, not twice. */
	for (n = 0; !st_recv(self->rcv, SIPC_MSG_F_NONBLOCK, &m);)
		n += m.type == SIPC_MSG_DATA_READY;
	EXPECT_EQ(last, n);
}

TEST(commit_waits_at_any_depth)
{
	struct st_chan c;
	struct sipc_msg m;
	pid_t pid;
	int i;

	ASSERT_EQ(0, st_chan_open(&c, "deep", PAGE, 4));
	pid = st_fork();
	if (!pid) {
		st_fill(c.smap, 64, 9);
		CHILD_EQ(0, commit(c.snd, 0, 64, 0, NULL));
		_exit(0);
	}
	EXPECT_TRUE(st_still_blocked(pid, SIPC_IOC_COMMIT, ST_BLOCK_MS));
	ASSERT_EQ(0, st_recv(c.rcv, 0, &m));		/* DATA_READY */
	EXPECT_EQ((__u32)SIPC_MSG_DATA_READY, m.type);
	EXPECT_TRUE(st_still_blocked(pid, SIPC_IOC_COMMIT, ST_BLOCK_MS));
	EXPECT_EQ(-1, st_check(c.rmap, 64, 9));
	ASSERT_EQ(0, st_recv(c.rcv, 0, &m));		/* NOOP-1: released */
	EXPECT_EQ(0, st_reap(pid, ST_WAKE_MS));
	for (i = 0; i < 4; i++) {			/* the rest are NOOPs */
		ASSERT_EQ(0, st_recv(c.rcv, SIPC_MSG_F_NONBLOCK, &m));
		EXPECT_EQ((__u32)SIPC_MSG_NOOP, m.type);
	}
	EXPECT_EQ(-EAGAIN, st_recv(c.rcv, SIPC_MSG_F_NONBLOCK, &m));
	st_chan_close(&c);
}

/* Slot counts and depths that cannot work are refused. */
TEST(bad_slots)
{
	char name[SIPC_NAME_MAX];
	int dev = st_dev_open();

	ASSERT_LE(0, dev);
	st_name(name, "badslots");
	EXPECT_EQ(-EINVAL, create_slots(dev, name, 8 * PAGE,
					SIPC_SLOTS_MAX + 1, 0, NULL));
	EXPECT_EQ(-EINVAL, create_slots(dev, name, 8 * PAGE, 4, 2, NULL));
	EXPECT_EQ(-EINVAL, create_slots(dev, name, 8 * PAGE, 4, 4, NULL));
	EXPECT_EQ(0, create_slots(dev, name, 8 * PAGE, 4, 3, NULL));
	EXPECT_EQ(0, st_destroy(dev, name));
	EXPECT_EQ(0, create_slots(dev, name, 1, SIPC_SLOTS_MAX, 0, NULL));
	EXPECT_EQ(0, st_destroy(dev, name));
	close(dev);
}

ST_TEST_MAIN
