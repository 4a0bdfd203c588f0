// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_destroy_test - DESTROY while endpoints are attached: blocked SEND
 * and RECV wake with EIDRM, every later SEND/RECV/EP_INFO/mmap on the old
 * endpoints fails with EIDRM and poll reports POLLERR|POLLHUP, existing
 * mappings stay valid until unmapped, the name is reusable at once, and
 * the memory is freed (counters) when the last endpoint and mapping go.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <sys/mman.h>

#include "sipc_harness.h"
#include "st.h"

#define PAGES 3
#define DEAD (POLLERR | POLLHUP)

FIXTURE(destroy) {
	struct st_chan ch;		/* PAGES pages, depth 1 */
	struct st_counters start;
	struct st_peer peer;
	pid_t helper;
	size_t page;
};

FIXTURE_SETUP(destroy)
{
	self->peer.pid = self->helper = -1;
	self->peer.rd = self->peer.sig_rd = -1;
	self->page = getpagesize();
	ASSERT_EQ(0, st_counters_read(&self->start));
	ASSERT_EQ(0, st_chan_open(&self->ch, "destroy", PAGES * self->page,
				    1));
}

FIXTURE_TEARDOWN(destroy)
{
	st_peer_kill(&self->peer);
	st_kill(self->helper);
	st_chan_close(&self->ch);
	ST_EXPECT_COUNTERS_BACK(&self->start);
}

TEST_F(destroy, wakes_blocked_receiver)
{
	ASSERT_EQ(0, st_peer_start(&self->peer, self->ch.rcv, SIPC_IOC_RECV,
				     NULL, ST_PEER_NOSIG));
	ASSERT_EQ(0, st_wait_blocked(self->peer.pid, SIPC_IOC_RECV,
				       ST_WAKE_MS));
	ASSERT_EQ(0, st_destroy(self->ch.dev, self->ch.name));
	EXPECT_EQ(-EIDRM, st_peer_finish(&self->peer, NULL, ST_WAKE_MS));
}

TEST_F(destroy, wakes_blocked_sender)
{
	struct sipc_msg m = { .size = sizeof(m), .type = SIPC_MSG_NOOP };

	ASSERT_EQ(0, st_send(self->ch.snd, SIPC_MSG_NOOP, 0, 0, 0, NULL));
	ASSERT_EQ(0, st_peer_start(&self->peer, self->ch.snd, SIPC_IOC_SEND,
				     &m, ST_PEER_NOSIG));
	ASSERT_EQ(0, st_wait_blocked(self->peer.pid, SIPC_IOC_SEND,
				       ST_WAKE_MS));
	ASSERT_EQ(0, st_destroy(self->ch.dev, self->ch.name));
	EXPECT_EQ(-EIDRM, st_peer_finish(&self->peer, NULL, ST_WAKE_MS));
}

TEST_F(destroy, later_ops_eidrm)
{
	struct sipc_ep_info ei;
	struct sipc_version v;
	struct sipc_msg m;
	int fd;

	/* A message is queued: RECV still fails, the channel is gone. */
	ASSERT_EQ(0, st_send(self->ch.snd, SIPC_MSG_NOOP, 0, 0, 0, NULL));
	ASSERT_EQ(0, st_destroy(self->ch.dev, self->ch.name));

	EXPECT_EQ(-EIDRM, st_send(self->ch.snd, SIPC_MSG_NOOP, 0, 0, 0,
				    NULL));
	EXPECT_EQ(-EIDRM, st_send(self->ch.snd, SIPC_MSG_DATA_READY, 1, 0,
				    SIPC_MSG_F_NONBLOCK, NULL));
	EXPECT_EQ(-EIDRM, st_recv(self->ch.rcv, 0, &m));
	EXPECT_EQ(-EIDRM, st_recv(self->ch.rcv, SIPC_MSG_F_NONBLOCK, &m));
	EXPECT_EQ(-EIDRM, st_ep_info(self->ch.snd, &ei));
	EXPECT_EQ(-EIDRM, st_ep_info(self->ch.rcv, &ei));
	EXPECT_EQ(MAP_FAILED, st_map(self->ch.snd, self->page,
				       PROT_READ | PROT_WRITE, 0));
	EXPECT_EQ(EIDRM, errno);
	EXPECT_EQ(MAP_FAILED, st_map(self->ch.rcv, self->page, PROT_READ, 0));
	EXPECT_EQ(EIDRM, errno);
	/* VERSION does not depend on the channel. */
	EXPECT_EQ(0, st_version(self->ch.snd, &v));
	EXPECT_EQ(0, st_version(self->ch.rcv, &v));

	/* The name is gone: INFO, ATTACH, DESTROY see no such channel. */
	EXPECT_EQ(-ENOENT, st_destroy(self->ch.dev, self->ch.name));
	fd = st_attach(self->ch.dev, self->ch.name, SIPC_ROLE_RECEIVER, 0);
	EXPECT_EQ(-ENOENT, fd);
	EXPECT_EQ(0, st_listed(self->ch.dev, self->ch.name));
}

TEST_F(destroy, poll_reports_err_hup)
{
	ASSERT_EQ(0, st_destroy(self->ch.dev, self->ch.name));
	EXPECT_EQ(DEAD, st_poll1(self->ch.snd, ST_POLL_ALL, 0));
	EXPECT_EQ(DEAD, st_poll1(self->ch.rcv, ST_POLL_ALL, 0));
}

TEST_F(destroy, poll_wakes_on_destroy)
{
	self->helper = st_fork();
	ASSERT_LE(0, self->helper);
	if (self->helper == 0) {
		st_msleep(ST_BLOCK_MS);
		_exit(-st_destroy(self->ch.dev, self->ch.name));
	}
	EXPECT_EQ(DEAD, st_poll1(self->ch.rcv, ST_POLL_ALL, ST_WAKE_MS));
	EXPECT_EQ(0, st_reap(self->helper, ST_WAKE_MS));
	self->helper = -1;
}

/* In a child (a SIGBUS must not kill the test): read all, check it. */
static int check_in_child(const unsigned char *map, size_t len, __u64 key)
{
	pid_t pid = st_fork();

	if (pid == 0)
		_exit(st_check(map, len, key) == -1 ? 0 : 1);
	return st_reap(pid, ST_WAKE_MS);
}

static int fill_in_child(unsigned char *map, size_t len, __u64 key)
{
	pid_t pid = st_fork();

	if (pid == 0) {
		st_fill(map, len, key);
		_exit(0);
	}
	return st_reap(pid, ST_WAKE_MS);
}

TEST_F(destroy, mappings_stay_valid)
{
	__u64 key = 77 + getpid();

	st_fill(self->ch.smap, self->ch.region, key);
	/* The receiver faults in page 0 only before the destroy. */
	EXPECT_EQ(st_pat(key, 0), self->ch.rmap[0]);
	ASSERT_EQ(0, st_destroy(self->ch.dev, self->ch.name));
	/* Faulted and never-faulted pages both still read the data. */
	EXPECT_EQ(0, check_in_child(self->ch.rmap, self->ch.region, key));
	/* The sender's mapping still writes the same pages. */
	EXPECT_EQ(0, fill_in_child(self->ch.smap, self->ch.region, key + 1));
	EXPECT_EQ(0, check_in_child(self->ch.rmap, self->ch.region, key + 1));
	/* Also once the endpoints are closed. */
	close(self->ch.snd);
	close(self->ch.rcv);
	self->ch.snd = self->ch.rcv = -1;
	EXPECT_EQ(0, check_in_child(self->ch.rmap, self->ch.region, key + 1));
}

TEST_F(destroy, name_reusable_at_once)
{
	struct sipc_info old, info;
	struct st_chan n = { .dev = -1 };
	struct sipc_create cr;
	struct sipc_msg m;

	ASSERT_EQ(0, st_info(self->ch.dev, self->ch.name, &old));
	ASSERT_EQ(0, st_destroy(self->ch.dev, self->ch.name));
	ASSERT_EQ(0, st_create(self->ch.dev, self->ch.name, self->page, 4,
				 &cr));
	ASSERT_EQ(0, st_info(self->ch.dev, self->ch.name, &info));
	EXPECT_NE(old.id, info.id);
	EXPECT_EQ((__u64)self->page, info.region_size);
	EXPECT_EQ(4U, info.queue_depth);
	EXPECT_EQ(0U, info.state);
	EXPECT_EQ(0ULL, info.msgs_sent);

	/* Both roles are free on the new channel. */
	strcpy(n.name, self->ch.name);
	n.region = self->page;
	n.snd = st_attach(self->ch.dev, n.name, SIPC_ROLE_SENDER, 0);
	ASSERT_LE(0, n.snd);
	n.rcv = st_attach(self->ch.dev, n.name, SIPC_ROLE_RECEIVER, 0);
	ASSERT_LE(0, n.rcv);
	EXPECT_EQ(0, st_chan_works(&n));
	/* The old endpoints stay dead, and don't see the new channel. */
	EXPECT_EQ(-EIDRM, st_send(self->ch.snd, SIPC_MSG_NOOP, 0, 0, 0,
				    NULL));
	EXPECT_EQ(-EIDRM, st_recv(self->ch.rcv, SIPC_MSG_F_NONBLOCK, &m));
	EXPECT_EQ(-EAGAIN, st_recv(n.rcv, SIPC_MSG_F_NONBLOCK, &m));
	st_chan_close(&n);
	/* The fixture's teardown destroys the new channel. */
}

TEST_F(destroy, freed_after_last_endpoint_and_mapping)
{
	struct st_counters held = self->start, now;

	held.channels += 1;
	held.endpoints += 2;
	held.region_bytes += self->ch.region;
	ASSERT_EQ(0, st_counters_read(&now));
	EXPECT_EQ(held.channels, now.channels);
	EXPECT_EQ(held.endpoints, now.endpoints);
	EXPECT_EQ(held.region_bytes, now.region_bytes);

	ASSERT_EQ(0, st_destroy(self->ch.dev, self->ch.name));
	/* Destroyed but held: still counted. */
	EXPECT_EQ(0, st_counters_wait(&held, &now, 0)) {
		st_counters_log("held", &now);
	}
	/* Closing the fds is not enough: the mappings hold the files. */
	close(self->ch.snd);
	close(self->ch.rcv);
	self->ch.snd = self->ch.rcv = -1;
	EXPECT_EQ(0, st_counters_wait(&held, &now, 0)) {
		st_counters_log("mapped", &now);
	}
	st_chan_unmap_snd(&self->ch);
	held.endpoints -= 1;
	EXPECT_EQ(0, st_counters_wait(&held, &now, 2000)) {
		st_counters_log("receiver mapped", &now);
	}
	st_chan_unmap_rcv(&self->ch);
	EXPECT_EQ(0, st_counters_wait(&self->start, &now, 2000)) {
		st_counters_log("all gone", &now);
	}
}

ST_TEST_MAIN
