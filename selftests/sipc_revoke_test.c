// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_revoke_test - SIPC_IOC_REVOKE and SIPC_IOC_MAP.
 *
 * A revoked endpoint is cut off for good: its mappings are zapped (the
 * next access, in any process that shares them, gets SIGBUS), its waiters
 * wake with EACCES, every later call on it gives EACCES, poll reports
 * POLLERR|POLLHUP.  Its role is free at once; a revoked sender counts as
 * departed.  The other role is untouched.  MAP answers 0 while the
 * endpoint may map, EACCES once revoked, EIDRM once destroyed.
 * REVOKE, DESTROY and INFO can name a channel by id, which reaches a
 * destroyed channel that is still mapped; DESTROY can revoke first.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>

#include "sipc_harness.h"
#include "st.h"

#define PAGES 2
#define DEAD (POLLERR | POLLHUP)

FIXTURE(revoke) {
	struct st_chan ch;
	struct st_counters start;
	struct st_peer peer;
	__u64 key;
};

FIXTURE_SETUP(revoke)
{
	self->peer.pid = -1;
	self->peer.rd = self->peer.sig_rd = -1;
	ASSERT_EQ(0, st_counters_read(&self->start));
	ASSERT_EQ(0, st_chan_open(&self->ch, "revoke", PAGES * 4096, 1));
	self->key = 99 + getpid();
	st_fill(self->ch.smap, self->ch.region, self->key);
}

FIXTURE_TEARDOWN(revoke)
{
	st_peer_kill(&self->peer);
	st_chan_close(&self->ch);
	ST_EXPECT_COUNTERS_BACK(&self->start);
}

static int do_revoke(FIXTURE_DATA(revoke) *self, const char *name, __u32 flags)
{
	struct sipc_channel_ref ref = { .size = sizeof(ref), .flags = flags };

	memcpy(ref.name, name, strnlen(name, SIPC_NAME_MAX));
	return st_ioctl(self->ch.dev, SIPC_IOC_REVOKE, &ref);
}

/* Read (or write) every page in a child: 0, or 128 + the signal. */
static int touch_in_child(const unsigned char *map, size_t len, bool write,
			  __u64 key)
{
	pid_t pid = st_fork();

	if (pid == 0) {
		if (write)
			st_fill((unsigned char *)map, len, key);
		else if (st_check(map, len, key) != -1)
			_exit(1);
		_exit(0);
	}
	return st_reap(pid, ST_WAKE_MS);
}

TEST_F(revoke, map_allowed_before)
{
	EXPECT_EQ(0, st_ioctl(self->ch.snd, SIPC_IOC_MAP, NULL));
	EXPECT_EQ(0, st_ioctl(self->ch.rcv, SIPC_IOC_MAP, NULL));
}

TEST_F(revoke, receiver_cut_off)
{
	struct sipc_ep_info ei;
	struct sipc_msg m;

	EXPECT_EQ(-1, st_check(self->ch.rmap, self->ch.region, self->key));
	ASSERT_EQ(0, do_revoke(self, self->ch.name, SIPC_REVOKE_RECEIVER));

	/* The mapping is zapped: faulted pages and fresh ones alike. */
	EXPECT_EQ(ST_KILLED_BY(SIGBUS), touch_in_child(self->ch.rmap, 1, false,
					       self->key));
	EXPECT_EQ(ST_KILLED_BY(SIGBUS), touch_in_child(self->ch.rmap + 4096, 1,
					       false, self->key));
	EXPECT_EQ(-EACCES, st_recv(self->ch.rcv, SIPC_MSG_F_NONBLOCK, &m));
	EXPECT_EQ(-EACCES, st_recv(self->ch.rcv, 0, &m));
	EXPECT_EQ(-EACCES, st_ep_info(self->ch.rcv, &ei));
	EXPECT_EQ(-EACCES, st_ioctl(self->ch.rcv, SIPC_IOC_MAP, NULL));
	EXPECT_EQ(MAP_FAILED, st_map(self->ch.rcv, 4096, PROT_READ, 0));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(DEAD, st_poll1(self->ch.rcv, ST_POLL_ALL, 0));

	/* The sender is untouched. */
	EXPECT_EQ(0, st_ioctl(self->ch.snd, SIPC_IOC_MAP, NULL));
	EXPECT_EQ(0, touch_in_child(self->ch.smap, self->ch.region, false,
				    self->key));
	EXPECT_EQ(0, st_send(self->ch.snd, SIPC_MSG_NOOP, 0, 0,
			       SIPC_MSG_F_NONBLOCK, NULL));
}

TEST_F(revoke, receiver_role_free_at_once)
{
	struct sipc_info info;
	struct sipc_msg m;
	__u64 seq;
	int r;

	ASSERT_EQ(0, st_send(self->ch.snd, SIPC_MSG_DATA_READY, 10, 0, 0,
			       &seq));
	ASSERT_EQ(0, do_revoke(self, self->ch.name, SIPC_REVOKE_RECEIVER));
	/* The old fd and its mapping still exist, yet the role is free. */
	r = st_attach(self->ch.dev, self->ch.name, SIPC_ROLE_RECEIVER, 0);
	ASSERT_LE(0, r);
	ASSERT_EQ(0, st_info(self->ch.dev, self->ch.name, &info));
	EXPECT_EQ(SIPC_STATE_SENDER | SIPC_STATE_RECEIVER, info.state);
	/* The queued message waits for the new receiver. */
	ASSERT_EQ(0, st_recv(r, 0, &m));
	EXPECT_EQ(seq, m.seq);
	close(self->ch.rcv);
	st_chan_unmap_rcv(&self->ch);
	self->ch.rcv = r;
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

TEST_F(revoke, sender_cut_off_counts_as_departed)
{
	struct sipc_info info;
	struct sipc_msg m;
	int s;

	ASSERT_EQ(0, st_send(self->ch.snd, SIPC_MSG_DATA_READY, 10, 20, 0,
			       NULL));
	ASSERT_EQ(0, do_revoke(self, self->ch.name, SIPC_REVOKE_SENDER));
	EXPECT_EQ(ST_KILLED_BY(SIGBUS), touch_in_child(self->ch.smap, 1, true, 1));
	EXPECT_EQ(-EACCES, st_send(self->ch.snd, SIPC_MSG_NOOP, 0, 0,
				     SIPC_MSG_F_NONBLOCK, NULL));
	EXPECT_EQ(DEAD, st_poll1(self->ch.snd, ST_POLL_ALL, 0));
	/* The receiver drains, then sees the sender gone. */
	EXPECT_EQ(0, touch_in_child(self->ch.rmap, self->ch.region, false,
				    self->key));
	ASSERT_EQ(0, st_recv(self->ch.rcv, 0, &m));
	EXPECT_EQ(10U, m.len);
	EXPECT_EQ(20ULL, m.offset);
	EXPECT_EQ(-EPIPE, st_recv(self->ch.rcv, 0, &m));
	EXPECT_EQ(POLLHUP, st_poll1(self->ch.rcv, ST_POLL_ALL, 0));
	ASSERT_EQ(0, st_info(self->ch.dev, self->ch.name, &info));
	EXPECT_EQ(SIPC_STATE_RECEIVER | SIPC_STATE_SENDER_HUP, info.state);
	/* A new sender may attach at once. */
	s = st_attach(self->ch.dev, self->ch.name, SIPC_ROLE_SENDER, 0);
	ASSERT_LE(0, s);
	close(self->ch.snd);
	st_chan_unmap_snd(&self->ch);
	self->ch.snd = s;
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

TEST_F(revoke, wakes_blocked_receiver)
{
	ASSERT_EQ(0, st_peer_start(&self->peer, self->ch.rcv, SIPC_IOC_RECV,
				     NULL, ST_PEER_NOSIG));
	ASSERT_EQ(0, st_wait_blocked(self->peer.pid, SIPC_IOC_RECV,
				       ST_WAKE_MS));
	ASSERT_EQ(0, do_revoke(self, self->ch.name, SIPC_REVOKE_RECEIVER));
	EXPECT_EQ(-EACCES, st_peer_finish(&self->peer, NULL, ST_WAKE_MS));
}

TEST_F(revoke, wakes_blocked_sender)
{
	struct sipc_msg m = { .size = sizeof(m), .type = SIPC_MSG_NOOP };

	ASSERT_EQ(0, st_send(self->ch.snd, SIPC_MSG_NOOP, 0, 0, 0, NULL));
	ASSERT_EQ(0, st_peer_start(&self->peer, self->ch.snd, SIPC_IOC_SEND,
				     &m, ST_PEER_NOSIG));
	ASSERT_EQ(0, st_wait_blocked(self->peer.pid, SIPC_IOC_SEND,
				       ST_WAKE_MS));
	ASSERT_EQ(0, do_revoke(self, self->ch.name, SIPC_REVOKE_SENDER));
	EXPECT_EQ(-EACCES, st_peer_finish(&self->peer, NULL, ST_WAKE_MS));
}

/* Page table entries a child inherited by fork are zapped too. */
TEST_F(revoke, zaps_inherited_mapping)
{
	int go[2], v;
	pid_t pid;

	EXPECT_EQ(-1, st_check(self->ch.rmap, self->ch.region, self->key));
	ASSERT_EQ(0, pipe(go));
	pid = st_fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		close(go[1]);
		if (st_get(go[0], &v, ST_WAKE_MS))
			_exit(2);
		_exit(st_check(self->ch.rmap, self->ch.region,
				 self->key) == -1 ? 0 : 1);
	}
	close(go[0]);
	ASSERT_EQ(0, do_revoke(self, self->ch.name, SIPC_REVOKE_RECEIVER));
	st_put(go[1], 1);
	close(go[1]);
	EXPECT_EQ(ST_KILLED_BY(SIGBUS), st_reap(pid, ST_WAKE_MS));
}

TEST_F(revoke, both_roles)
{
	ASSERT_EQ(0, do_revoke(self, self->ch.name, SIPC_REVOKE_ALL_FLAGS));
	EXPECT_EQ(-EACCES, st_ioctl(self->ch.snd, SIPC_IOC_MAP, NULL));
	EXPECT_EQ(-EACCES, st_ioctl(self->ch.rcv, SIPC_IOC_MAP, NULL));
	close(self->ch.snd);
	close(self->ch.rcv);
	st_chan_unmap_snd(&self->ch);
	st_chan_unmap_rcv(&self->ch);
	self->ch.snd = st_attach(self->ch.dev, self->ch.name,
				   SIPC_ROLE_SENDER, 0);
	ASSERT_LE(0, self->ch.snd);
	self->ch.rcv = st_attach(self->ch.dev, self->ch.name,
				   SIPC_ROLE_RECEIVER, 0);
	ASSERT_LE(0, self->ch.rcv);
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

TEST_F(revoke, no_endpoints_is_fine)
{
	char name[SIPC_NAME_MAX];

	st_name(name, "empty");
	ASSERT_EQ(0, st_create(self->ch.dev, name, 4096, 0, NULL));
	EXPECT_EQ(0, do_revoke(self, name, SIPC_REVOKE_ALL_FLAGS));
	EXPECT_EQ(0, st_destroy(self->ch.dev, name));
}

TEST_F(revoke, bad_flags_and_names)
{
	char name[SIPC_NAME_MAX];

	EXPECT_EQ(-EINVAL, do_revoke(self, self->ch.name, 0));
	EXPECT_EQ(-EINVAL, do_revoke(self, self->ch.name, 1U << 2));
	EXPECT_EQ(-EINVAL, do_revoke(self, self->ch.name,
				  SIPC_REVOKE_SENDER | (1U << 31)));
	EXPECT_EQ(-EINVAL, do_revoke(self, "a/b", SIPC_REVOKE_SENDER));
	st_name(name, "nosuch");
	EXPECT_EQ(-ENOENT, do_revoke(self, name, SIPC_REVOKE_SENDER));
	/* Nothing was revoked. */
	EXPECT_EQ(0, st_ioctl(self->ch.snd, SIPC_IOC_MAP, NULL));
	EXPECT_EQ(0, st_ioctl(self->ch.rcv, SIPC_IOC_MAP, NULL));
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

TEST_F(revoke, map_after_destroy_eidrm)
{
	ASSERT_EQ(0, st_destroy(self->ch.dev, self->ch.name));
	EXPECT_EQ(-EIDRM, st_ioctl(self->ch.snd, SIPC_IOC_MAP, NULL));
	EXPECT_EQ(-EIDRM, st_ioctl(self->ch.rcv, SIPC_IOC_MAP, NULL));
	/* Revoking a destroyed (unnamed) channel: no such channel. */
	EXPECT_EQ(-ENOENT, do_revoke(self, self->ch.name, SIPC_REVOKE_SENDER));
}

static int ref_ioctl(int dev, unsigned long cmd, const char *name, __u64 id,
		     __u32 flags)
{
	struct sipc_channel_ref ref = { .size = sizeof(ref), .flags = flags,
					.id = id };

	if (name)
		memcpy(ref.name, name, strnlen(name, SIPC_NAME_MAX));
	return st_ioctl(dev, cmd, &ref);
}

static __u64 channel_id(FIXTURE_DATA(revoke) *self)
{
	struct sipc_ep_info ei;

	return st_ep_info(self->ch.snd, &ei) ? 0 : ei.channel_id;
}

TEST_F(revoke, version_reports_v2_features)
{
	const __u64 want = SIPC_FEATURE_UNPINNABLE | SIPC_FEATURE_REF_BY_ID |
			   SIPC_FEATURE_DESTROY_REVOKE;
	struct sipc_version v;

	ASSERT_EQ(0, st_version(self->ch.dev, &v));
	EXPECT_EQ(2U, v.api_version);
	EXPECT_EQ(want, v.features & want);
}

/* A destroyed channel has no name; by id it can still be revoked. */
TEST_F(revoke, by_id_reaches_destroyed_channel)
{
	__u64 id = channel_id(self);
	struct sipc_info info = { .size = sizeof(info),
				  .flags = SIPC_REF_BY_ID };

	ASSERT_NE(0ULL, id);
	ASSERT_EQ(0, st_destroy(self->ch.dev, self->ch.name));
	/* Destroy leaves the mappings: the receiver still reads. */
	EXPECT_EQ(0, touch_in_child(self->ch.rmap, self->ch.region, false,
				    self->key));
	EXPECT_EQ(-ENOENT, ref_ioctl(self->ch.dev, SIPC_IOC_REVOKE,
				     self->ch.name, 0, SIPC_REVOKE_RECEIVER));
	info.id = id;
	ASSERT_EQ(0, st_ioctl(self->ch.dev, SIPC_IOC_INFO, &info));
	EXPECT_STREQ(self->ch.name, info.name);
	EXPECT_NE(0U, info.state & SIPC_STATE_DESTROYED);

	ASSERT_EQ(0, ref_ioctl(self->ch.dev, SIPC_IOC_REVOKE, NULL, id,
			       SIPC_REVOKE_RECEIVER | SIPC_REF_BY_ID));
	EXPECT_EQ(ST_KILLED_BY(SIGBUS), touch_in_child(self->ch.rmap, 1, false,
						       self->key));
	/* Only the receiver: the sender's mapping still works. */
	EXPECT_EQ(0, touch_in_child(self->ch.smap, self->ch.region, false,
				    self->key));
	/* By id, destroying it again is EIDRM; with REVOKE it is done. */
	EXPECT_EQ(-EIDRM, ref_ioctl(self->ch.dev, SIPC_IOC_DESTROY, NULL, id,
				    SIPC_REF_BY_ID));
	EXPECT_EQ(0, ref_ioctl(self->ch.dev, SIPC_IOC_DESTROY, NULL, id,
			       SIPC_REF_BY_ID | SIPC_DESTROY_REVOKE));
	EXPECT_EQ(ST_KILLED_BY(SIGBUS), touch_in_child(self->ch.smap, 1, false,
						       self->key));
}

TEST_F(revoke, destroy_with_revoke_zaps_both)
{
	struct sipc_info info;

	ASSERT_EQ(0, ref_ioctl(self->ch.dev, SIPC_IOC_DESTROY, self->ch.name,
			       0, SIPC_DESTROY_REVOKE));
	EXPECT_EQ(-ENOENT, st_info(self->ch.dev, self->ch.name, &info));
	EXPECT_EQ(ST_KILLED_BY(SIGBUS), touch_in_child(self->ch.rmap, 1, false,
						       self->key));
	EXPECT_EQ(ST_KILLED_BY(SIGBUS), touch_in_child(self->ch.smap, 1, true,
						       self->key));
	EXPECT_EQ(-EACCES, st_ioctl(self->ch.snd, SIPC_IOC_MAP, NULL));
	EXPECT_EQ(-EACCES, st_ioctl(self->ch.rcv, SIPC_IOC_MAP, NULL));
	/* The name is free at once. */
	EXPECT_EQ(0, st_create(self->ch.dev, self->ch.name, 4096, 1, NULL));
	EXPECT_EQ(0, st_destroy(self->ch.dev, self->ch.name));
}

/* Each key error gets EINVAL or ENOENT and changes nothing. */
TEST_F(revoke, by_id_bad_keys)
{
	__u64 id = channel_id(self);
	struct sipc_info info = { .size = sizeof(info) };

	ASSERT_NE(0ULL, id);
	/* By id with a name too; by name with an id too. */
	EXPECT_EQ(-EINVAL, ref_ioctl(self->ch.dev, SIPC_IOC_REVOKE,
				     self->ch.name, id,
				     SIPC_REVOKE_RECEIVER | SIPC_REF_BY_ID));
	EXPECT_EQ(-EINVAL, ref_ioctl(self->ch.dev, SIPC_IOC_REVOKE,
				     self->ch.name, id, SIPC_REVOKE_RECEIVER));
	EXPECT_EQ(-EINVAL, ref_ioctl(self->ch.dev, SIPC_IOC_DESTROY,
				     self->ch.name, id, 0));
	/* Flags a command does not take. */
	EXPECT_EQ(-EINVAL, ref_ioctl(self->ch.dev, SIPC_IOC_REVOKE, NULL, id,
				     SIPC_REF_BY_ID));
	EXPECT_EQ(-EINVAL, ref_ioctl(self->ch.dev, SIPC_IOC_DESTROY, NULL, id,
				     SIPC_REF_BY_ID | (1U << 5)));
	EXPECT_EQ(-EINVAL, ref_ioctl(self->ch.dev, SIPC_IOC_ATTACH_RECEIVER,
				     NULL, id, SIPC_REF_BY_ID));
	EXPECT_EQ(-EINVAL, ref_ioctl(self->ch.dev, SIPC_IOC_ATTACH_RECEIVER,
				     self->ch.name, id, 0));
	/* No such id. */
	EXPECT_EQ(-ENOENT, ref_ioctl(self->ch.dev, SIPC_IOC_REVOKE, NULL,
				     ~0ULL, SIPC_REVOKE_ALL_FLAGS |
				     SIPC_REF_BY_ID));
	EXPECT_EQ(-ENOENT, ref_ioctl(self->ch.dev, SIPC_IOC_DESTROY, NULL, 0,
				     SIPC_REF_BY_ID));
	info.flags = SIPC_REF_BY_ID;
	info.id = id;
	info.name[0] = 'x';
	EXPECT_EQ(-EINVAL, st_ioctl(self->ch.dev, SIPC_IOC_INFO, &info));
	/* Nothing was revoked or destroyed (the data first: works rewrites it). */
	EXPECT_EQ(0, touch_in_child(self->ch.rmap, self->ch.region, false,
				    self->key));
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

/* A revoked sender changes nothing that the next sender's receiver reads. */
TEST_F(revoke, revoked_sender_cannot_write_on)
{
	unsigned char junk[64];
	int mem = open("/proc/self/mem", O_RDWR | O_CLOEXEC);

	ASSERT_LE(0, mem);
	memset(junk, 0xee, sizeof(junk));
	ASSERT_EQ(0, ref_ioctl(self->ch.dev, SIPC_IOC_REVOKE, self->ch.name,
			       0, SIPC_REVOKE_SENDER));
	EXPECT_EQ(ST_KILLED_BY(SIGBUS), touch_in_child(self->ch.smap, 1, true,
						       self->key + 1));
	EXPECT_EQ(-1, pwrite(mem, junk, sizeof(junk),
			     (off_t)(uintptr_t)self->ch.smap));
	close(mem);
	EXPECT_EQ(-1, st_check(self->ch.rmap, self->ch.region, self->key));
}

ST_TEST_MAIN
