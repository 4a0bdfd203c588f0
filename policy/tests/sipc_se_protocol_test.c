// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_se_protocol_test.c - the whole DATA_READY / NOOP protocol between a
 * correctly confined sender (sender_a_t) and receiver (receiver_a_t), on
 * a channel made by helper_a_t, enforcing: 1000 messages of varying length
 * and offset, every byte checked, every seq checked, and not one AVC
 * denial for either peer.
 *
 * Written against the ioctls directly (not libsipc), so that the policy
 * is tested for exactly the commands the protocol needs: ATTACH_*,
 * EP_INFO, SEND / RECV, MAP and mmap.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "kselftest_harness.h"
#include "st.h"

#define REGION		(16 * 4096)
#define MESSAGES	1000

struct peer_arg {
	const char *name;
	long *bytes;		/* shared: bytes carried */
};

static size_t msg_len(int i)
{
	return 1 + ((size_t)i * 4099) % (REGION - 1);
}

static size_t msg_offset(int i)
{
	size_t room = REGION - msg_len(i);

	return room ? ((size_t)i * 577) % (room + 1) : 0;
}

static unsigned char msg_byte(int i, size_t j)
{
	return (unsigned char)(i * 131 + j * 7 + 1);
}

/* Exit codes: the step that failed. */
enum {
	E_ATTACH = 10, E_EPINFO, E_MMAP, E_SEND_DATA, E_SEND_NOOP1,
	E_SEND_NOOP2, E_SEQ,
	E_RECV_DATA = 20, E_NOT_DATA, E_BAD_DATA, E_RECV_NOOP1, E_RECV_NOOP2,
	E_NO_EPIPE,
};

static int attach_map(const char *name, int role, unsigned char **p)
{
	struct sipc_ep_info info;
	int dev, ep;

	dev = st_dev_open();
	if (dev < 0)
		return -E_ATTACH;
	ep = st_attach(dev, name, role, 0);
	close(dev);
	if (ep < 0)
		return -E_ATTACH;
	if (st_ep_info(ep, &info) || info.region_size != REGION ||
	    info.role != (uint32_t)role)
		return -E_EPINFO;
	*p = mmap(NULL, REGION, role == SIPC_ROLE_SENDER ?
		  PROT_READ | PROT_WRITE : PROT_READ, MAP_SHARED, ep, 0);
	if (*p == MAP_FAILED)
		return -E_MMAP;
	return ep;
}

static int sender(void *arg)
{
	struct peer_arg *a = arg;
	unsigned char *p;
	__u64 seq;
	size_t j, len, off;
	int ep, i;

	ep = attach_map(a->name, SIPC_ROLE_SENDER, &p);
	if (ep < 0)
		return -ep;
	for (i = 0; i < MESSAGES; i++) {
		len = msg_len(i);
		off = msg_offset(i);
		for (j = 0; j < len; j++)
			p[off + j] = msg_byte(i, j);
		if (st_send(ep, SIPC_MSG_DATA_READY, len, off, 0, &seq))
			return E_SEND_DATA;
		if (seq != (uint64_t)3 * i + 1)
			return E_SEQ;
		/* NOOP-1 goes in once the receiver took DATA_READY ... */
		if (st_send(ep, SIPC_MSG_NOOP, 0, 0, 0, NULL))
			return E_SEND_NOOP1;
		/* ... NOOP-2 once it took NOOP-1: it is done reading. */
		if (st_send(ep, SIPC_MSG_NOOP, 0, 0, 0, NULL))
			return E_SEND_NOOP2;
		__atomic_add_fetch(a->bytes, len, __ATOMIC_RELAXED);
	}
	close(ep);
	munmap(p, REGION);
	return 0;
}

static int receiver(void *arg)
{
	struct peer_arg *a = arg;
	struct sipc_msg m;
	unsigned char *p;
	size_t j;
	int ep, i;

	ep = attach_map(a->name, SIPC_ROLE_RECEIVER, &p);
	if (ep < 0)
		return -ep;
	for (i = 0; i < MESSAGES; i++) {
		if (st_recv(ep, 0, &m))
			return E_RECV_DATA;
		if (m.type != SIPC_MSG_DATA_READY || m.len != msg_len(i) ||
		    m.offset != msg_offset(i) || m.seq != (uint64_t)3 * i + 1)
			return E_NOT_DATA;
		for (j = 0; j < m.len; j++)
			if (p[m.offset + j] != msg_byte(i, j))
				return E_BAD_DATA;
		if (st_recv(ep, 0, &m) || m.type != SIPC_MSG_NOOP)
			return E_RECV_NOOP1;
		if (st_recv(ep, 0, &m) || m.type != SIPC_MSG_NOOP)
			return E_RECV_NOOP2;
	}
	/* The sender closed: the channel says so, the way data flows. */
	if (st_recv(ep, 0, &m) != -EPIPE)
		return E_NO_EPIPE;
	close(ep);
	return 0;
}

static int helper_create(void *arg)
{
	const char *name = arg;
	int dev = st_dev_open();

	if (dev < 0)
		return 10;
	if (st_create(dev, name, REGION, 1, NULL))
		return 11;
	close(dev);
	return 0;
}

FIXTURE(proto) {
};

FIXTURE_SETUP(proto)
{
	const char *why;

	ASSERT_EQ(0, st_se_baseline(&why)) TH_LOG("baseline: %s", why);
}

FIXTURE_TEARDOWN(proto)
{
}

/* TCG is slow: 1000 round trips of up to 64 KiB each take a while. */
TEST_F_TIMEOUT(proto, run_1000_messages, 180)
{
	char name[SIPC_NAME_MAX];
	struct peer_arg a = { .name = name };
	struct sipc_info info;
	pid_t rpid, spid;
	int dev, rc;

	ASSERT_EQ(1, st_getenforce());
	st_pid_name(name, sizeof(name), "proto");
	a.bytes = st_shared_alloc(sizeof(*a.bytes));
	ASSERT_NE(NULL, a.bytes);
	ASSERT_EQ(0, st_run_in("helper_a_t", helper_create, name));

	rpid = st_spawn_in("receiver_a_t", receiver, &a);
	spid = st_spawn_in("sender_a_t", sender, &a);
	rc = st_reap_or_kill(spid, 150000);
	EXPECT_EQ(0, rc) TH_LOG("sender: exit %d", rc);
	rc = st_reap_or_kill(rpid, 150000);
	EXPECT_EQ(0, rc) TH_LOG("receiver: exit %d", rc);
	TH_LOG("%d messages, %ld bytes", MESSAGES, *a.bytes);

	dev = st_dev_open();
	ASSERT_LE(0, dev);
	ASSERT_EQ(0, st_info(dev, name, &info));
	EXPECT_EQ(3 * MESSAGES, info.msgs_sent);
	EXPECT_EQ(3 * MESSAGES, info.msgs_received);
	EXPECT_EQ((uint64_t)*a.bytes, info.bytes_sent);
	EXPECT_EQ(0, st_destroy(dev, name));
	close(dev);

	EXPECT_FALSE(st_avc_any(spid));
	EXPECT_FALSE(st_avc_any(rpid));
}

TEST_HARNESS_MAIN
