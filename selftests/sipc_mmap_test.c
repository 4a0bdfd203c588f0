// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_mmap_test - directionality of the region and the queue.
 *
 * The sender maps read-write, the receiver read-only and can never write:
 * not with mmap(PROT_WRITE), mprotect, a store, MAP_PRIVATE, or
 * /proc/self/mem.  Wrong-role queue calls get EBADF.  After every refused
 * attempt the sender's data is unchanged and the channel still works.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>

#include "sipc_harness.h"
#include "st.h"

#define PAGES 3

FIXTURE(region) {
	struct st_chan ch;		/* PAGES pages, both roles mapped */
	struct st_counters start;
	size_t page;
	__u64 key;			/* pattern the sender wrote */
};

FIXTURE_SETUP(region)
{
	self->page = getpagesize();
	ASSERT_EQ(0, st_counters_read(&self->start));
	ASSERT_EQ(0, st_chan_open(&self->ch, "map", PAGES * self->page, 1));
	ASSERT_EQ(PAGES * self->page, self->ch.region);
	self->key = 0x1234 + getpid();
	st_fill(self->ch.smap, self->ch.region, self->key);
}

FIXTURE_TEARDOWN(region)
{
	st_chan_close(&self->ch);
	ST_EXPECT_COUNTERS_BACK(&self->start);
}

/* The sender's data is intact, seen from both sides, and the queue works. */
static void data_intact(struct __test_metadata *_metadata,
			FIXTURE_DATA(region) *self)
{
	EXPECT_EQ(-1, st_check(self->ch.smap, self->ch.region, self->key));
	EXPECT_EQ(-1, st_check(self->ch.rmap, self->ch.region, self->key));
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

TEST_F(region, receiver_sees_sender_writes)
{
	EXPECT_EQ(-1, st_check(self->ch.rmap, self->ch.region, self->key));
	/* Rewritten data shows at once: the same pages, not a copy. */
	st_fill(self->ch.smap, self->ch.region, self->key + 1);
	EXPECT_EQ(-1, st_check(self->ch.rmap, self->ch.region,
				 self->key + 1));
}

TEST_F(region, region_starts_zeroed)
{
	struct st_chan c;
	size_t i;

	ASSERT_EQ(0, st_chan_open(&c, "zero", 2 * self->page, 1));
	for (i = 0; i < c.region; i++)
		if (c.rmap[i])
			break;
	EXPECT_EQ(c.region, i);
	st_chan_close(&c);
}

TEST_F(region, receiver_mmap_write_eacces)
{
	void *p;

	p = mmap(NULL, self->ch.region, PROT_READ | PROT_WRITE, MAP_SHARED,
		 self->ch.rcv, 0);
	EXPECT_EQ(MAP_FAILED, p);
	EXPECT_EQ(EACCES, errno);
	p = mmap(NULL, self->page, PROT_WRITE, MAP_SHARED, self->ch.rcv, 0);
	EXPECT_EQ(MAP_FAILED, p);
	EXPECT_EQ(EACCES, errno);
	data_intact(_metadata, self);
}

TEST_F(region, receiver_mprotect_write_eacces)
{
	void *rmap = (void *)self->ch.rmap;

	EXPECT_EQ(-1, mprotect(rmap, self->ch.region, PROT_READ | PROT_WRITE));
	EXPECT_EQ(EACCES, errno);
	EXPECT_EQ(-1, mprotect(rmap, self->page, PROT_WRITE));
	EXPECT_EQ(EACCES, errno);
	/* Still readable, still read-only. */
	data_intact(_metadata, self);
}

/* A store through the receiver's mapping kills the storer with SIGSEGV. */
static int store_in_child(volatile unsigned char *p, bool read_first)
{
	pid_t pid = st_fork();

	if (pid == 0) {
		if (read_first && p[0] == 0x5a)
			_exit(3);
		p[0] = 0x5a;
		_exit(0);	/* the store went through */
	}
	return st_reap(pid, ST_WAKE_MS);
}

TEST_F(region, receiver_store_sigsegv)
{
	/* A page already faulted in, and one never touched. */
	EXPECT_EQ(ST_KILLED_BY(SIGSEGV),
		  store_in_child((unsigned char *)self->ch.rmap, true));
	EXPECT_EQ(ST_KILLED_BY(SIGSEGV),
		  store_in_child((unsigned char *)self->ch.rmap +
				 2 * self->page + 7, false));
	data_intact(_metadata, self);
}

TEST_F(region, map_private_einval)
{
	static const struct { int role_rcv; int prot; } cases[] = {
		{ 0, PROT_READ }, { 0, PROT_READ | PROT_WRITE },
		{ 1, PROT_READ }, { 1, PROT_READ | PROT_WRITE },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		int fd = cases[i].role_rcv ? self->ch.rcv : self->ch.snd;
		void *p = mmap(NULL, self->page, cases[i].prot, MAP_PRIVATE,
			       fd, 0);

		EXPECT_EQ(MAP_FAILED, p) {
			TH_LOG("case %u mapped", i);
			munmap(p, self->page);
		}
		EXPECT_EQ(EINVAL, errno);
	}
	data_intact(_metadata, self);
}

TEST_F(region, mmap_beyond_region_einval)
{
	size_t r = self->ch.region, pg = self->page;
	static const int roles[2] = { SIPC_ROLE_SENDER, SIPC_ROLE_RECEIVER };
	const struct { size_t len; off_t off; } cases[] = {
		{ r + pg, 0 }, { pg, r }, { r, pg }, { 2 * pg, r - pg },
		{ pg, 64 * r },
	};
	unsigned int i, k;

	for (k = 0; k < 2; k++) {
		int fd = roles[k] == SIPC_ROLE_SENDER ? self->ch.snd :
							 self->ch.rcv;
		int prot = roles[k] == SIPC_ROLE_SENDER ?
			   PROT_READ | PROT_WRITE : PROT_READ;

		for (i = 0; i < ARRAY_SIZE(cases); i++) {
			void *p = st_map(fd, cases[i].len, prot,
					   cases[i].off);

			EXPECT_EQ(MAP_FAILED, p) {
				TH_LOG("role %d len %zu off %lld mapped",
				       roles[k], cases[i].len,
				       (long long)cases[i].off);
				munmap(p, cases[i].len);
			}
			EXPECT_EQ(EINVAL, errno);
		}
	}
	data_intact(_metadata, self);
}

TEST_F(region, mmap_window)
{
	unsigned char *sw;
	const unsigned char *rw;

	/* The receiver maps page 1 alone and sees page 1. */
	rw = st_map(self->ch.rcv, self->page, PROT_READ, self->page);
	ASSERT_NE(MAP_FAILED, rw);
	EXPECT_EQ(0, memcmp(rw, self->ch.smap + self->page, self->page));
	/* The sender writes page 2 through a window of its own. */
	sw = st_map(self->ch.snd, self->page, PROT_READ | PROT_WRITE,
		      2 * self->page);
	ASSERT_NE(MAP_FAILED, sw);
	memset(sw, 0xa5, self->page);
	EXPECT_EQ(0xa5, self->ch.rmap[2 * self->page]);
	EXPECT_EQ(0xa5, self->ch.rmap[3 * self->page - 1]);
	munmap(sw, self->page);
	munmap((void *)rw, self->page);
	st_fill(self->ch.smap, self->ch.region, self->key);
	data_intact(_metadata, self);
}

TEST_F(region, proc_self_mem_write_fails)
{
	unsigned char junk[64], back[64];
	int fd = open("/proc/self/mem", O_RDWR | O_CLOEXEC);
	ssize_t n;
	size_t k;

	ASSERT_LE(0, fd);
	memset(junk, 0xee, sizeof(junk));
	/* Faulted page, and a page the receiver never touched. */
	for (k = 0; k < PAGES; k += 2) {
		off_t at = (off_t)(uintptr_t)(self->ch.rmap + k * self->page);

		if (k == 0)
			EXPECT_EQ(self->ch.smap[0], self->ch.rmap[0]);
		n = pwrite(fd, junk, sizeof(junk), at);
		EXPECT_EQ(-1, n) {
			TH_LOG("/proc/self/mem wrote %zd bytes at page %zu",
			       n, k);
		}
		/* Reading through /proc/self/mem is fine. */
		EXPECT_EQ((ssize_t)sizeof(back),
			  pread(fd, back, sizeof(back), at));
		EXPECT_EQ(0, memcmp(back, self->ch.smap + k * self->page,
				    sizeof(back)));
	}
	close(fd);
	data_intact(_metadata, self);
}

TEST_F(region, madvise_dontneed_einval)
{
	/*
	 * The region is a PFN mapping (no page references to drop), so the
	 * mm core refuses MADV_DONTNEED on it, for both roles; only a
	 * revoke or a policy change zaps it.  The data stays.
	 */
	EXPECT_EQ(-1, madvise((void *)self->ch.rmap, self->ch.region,
			      MADV_DONTNEED));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, madvise(self->ch.smap, self->ch.region, MADV_DONTNEED));
	EXPECT_EQ(EINVAL, errno);
	data_intact(_metadata, self);
}

TEST_F(region, receiver_send_ebadf)
{
	EXPECT_EQ(-EBADF, st_send(self->ch.rcv, SIPC_MSG_NOOP, 0, 0,
				    SIPC_MSG_F_NONBLOCK, NULL));
	EXPECT_EQ(-EBADF, st_send(self->ch.rcv, SIPC_MSG_DATA_READY, 1, 0,
				    0, NULL));
	data_intact(_metadata, self);
}

TEST_F(region, sender_recv_ebadf)
{
	struct sipc_msg m;

	EXPECT_EQ(-EBADF, st_recv(self->ch.snd, SIPC_MSG_F_NONBLOCK, &m));
	/* Not even when a message waits. */
	ASSERT_EQ(0, st_send(self->ch.snd, SIPC_MSG_NOOP, 0, 0, 0, NULL));
	EXPECT_EQ(-EBADF, st_recv(self->ch.snd, 0, &m));
	ASSERT_EQ(0, st_recv(self->ch.rcv, 0, &m));
	data_intact(_metadata, self);
}

TEST_F(region, receiver_write_fails)
{
	char buf[8] = "data";

	EXPECT_EQ(-1, write(self->ch.rcv, buf, sizeof(buf)));
	EXPECT_EQ(EBADF, errno);
	EXPECT_EQ(-1, pwrite(self->ch.rcv, buf, sizeof(buf), 0));
	data_intact(_metadata, self);
}

ST_TEST_MAIN
