// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_pin_test - nothing can take a lasting reference to a region page,
 * and nothing the receiver maps shows in the sender's own view.
 *
 * A revoke zaps page-table entries; a page reference taken through the
 * mapping (vmsplice into a pipe, O_DIRECT, io_uring fixed buffers,
 * process_vm_readv) would survive it and keep reading the live region.
 * Regions are PFN mappings, so every one of those routes must fail with
 * EFAULT from the start, for both roles, in a fork child and in a process
 * that received the endpoint over SCM_RIGHTS; after a revoke, the one
 * copying route left (/proc/PID/mem) must fail too.  The same design keeps
 * the receiver's mappings out of the sender's pagemap, smaps and the
 * system's Mapped: counter, which the last tests check.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>

#include "sipc_harness.h"
#include "st.h"

/* TEST() and TEST_F() bodies receive a variant they may not look at. */
#pragma GCC diagnostic ignored "-Wunused-parameter"

#define PAGES 4

FIXTURE(pin) {
	struct st_chan ch;
	struct st_counters start;
	size_t page;
	int fd;			/* the endpoint of the variant's role */
	unsigned char *map;	/* its mapping (read-only for a receiver) */
};

FIXTURE_VARIANT(pin) {
	int role;
};

FIXTURE_VARIANT_ADD(pin, sender) { .role = SIPC_ROLE_SENDER };
FIXTURE_VARIANT_ADD(pin, receiver) { .role = SIPC_ROLE_RECEIVER };

FIXTURE_SETUP(pin)
{
	self->page = getpagesize();
	ASSERT_EQ(0, st_counters_read(&self->start));
	ASSERT_EQ(0, st_chan_open(&self->ch, "pin", PAGES * self->page, 1));
	st_fill(self->ch.smap, self->ch.region, 7);
	/* Both mappings are faulted in: a pin would have pages to take. */
	ASSERT_EQ(-1, st_check(self->ch.rmap, self->ch.region, 7));
	if (variant->role == SIPC_ROLE_SENDER) {
		self->fd = self->ch.snd;
		self->map = self->ch.smap;
	} else {
		self->fd = self->ch.rcv;
		self->map = (unsigned char *)self->ch.rmap;
	}
}

FIXTURE_TEARDOWN(pin)
{
	st_chan_close(&self->ch);
	ST_EXPECT_COUNTERS_BACK(&self->start);
}

/* Every pinning route, from whatever process runs it: 0 when all failed. */
static int pin_routes_refused(unsigned char *p, size_t len, int role)
{
	int r;

	r = st_try_vmsplice(p, len);
	if (r != -EFAULT)
		return fprintf(stderr, "# vmsplice: %d\n", r), 1;
	/* -ENOSYS: the route does not exist in this kernel. */
	r = st_try_process_vm_readv(p, len);
	if (r != -EFAULT && r != -ENOSYS)
		return fprintf(stderr, "# process_vm_readv: %d\n", r), 2;
	if (role == SIPC_ROLE_SENDER) {
		r = st_try_process_vm_writev(p);
		if (r != -EFAULT && r != -ENOSYS)
			return fprintf(stderr, "# process_vm_writev: %d\n", r), 3;
	}
	r = st_try_io_uring_register(p, len);
	if (r != -EFAULT && r != -ENOSYS)
		return fprintf(stderr, "# io_uring register: %d\n", r), 4;
	return 0;
}

TEST_F(pin, vmsplice_efault)
{
	EXPECT_EQ(-EFAULT, st_try_vmsplice(self->map, self->page));
	EXPECT_EQ(-EFAULT, st_try_vmsplice(self->map + self->page,
					 2 * self->page));
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

TEST_F(pin, process_vm_readv_efault)
{
	if (st_try_process_vm_readv(self->map, self->page) == -ENOSYS)
		SKIP(return, "process_vm_readv: ENOSYS (kernel without CROSS_MEMORY_ATTACH)");
	EXPECT_EQ(-EFAULT, st_try_process_vm_readv(self->map, self->page));
	if (variant->role == SIPC_ROLE_SENDER)
		EXPECT_EQ(-EFAULT, st_try_process_vm_writev(self->map));
	EXPECT_EQ(-1, st_check(self->ch.rmap, self->ch.region, 7));
}

TEST_F(pin, io_uring_register_efault)
{
	int r = st_try_io_uring_register(self->map, self->ch.region);

	if (r == -ENOSYS)
		SKIP(return, "io_uring_setup failed: no io_uring in this kernel");
	EXPECT_EQ(-EFAULT, r);
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

/*
 * O_DIRECT needs a file system or block device that supports it (tmpfs
 * does not in 6.1): the guest loads brd for a RAM disk.  A direct read
 * into the region would pin it for writing, a direct write from it for
 * reading.
 */
TEST_F(pin, o_direct_efault)
{
	int disk;
	void *bounce;

	disk = st_ramdisk_open();
	if (disk < 0)
		SKIP(return, "%s: %s (no O_DIRECT-capable device)", ST_RAMDISK,
		     strerror(-disk));
	/* The device works with an ordinary aligned buffer. */
	ASSERT_EQ(0, posix_memalign(&bounce, self->page, self->page));
	memset(bounce, 0x3c, self->page);
	ASSERT_EQ((ssize_t)self->page, pwrite(disk, bounce, self->page, 0));
	ASSERT_EQ((ssize_t)self->page, pread(disk, bounce, self->page, 0));

	EXPECT_EQ(-1, pwrite(disk, self->map, self->page, 0));
	EXPECT_EQ(EFAULT, errno);
	if (variant->role == SIPC_ROLE_SENDER) {
		EXPECT_EQ(-1, pread(disk, self->map, self->page, 0));
		EXPECT_EQ(EFAULT, errno);
	}
	free(bounce);
	close(disk);
	EXPECT_EQ(-1, st_check(self->ch.rmap, self->ch.region, 7));
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

TEST_F(pin, fork_child_cannot_pin)
{
	pid_t pid = st_fork();

	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(pin_routes_refused(self->map, self->ch.region,
					 variant->role));
	EXPECT_EQ(0, st_reap(pid, 10000));
}

/* A process handed the endpoint over SCM_RIGHTS maps it and tries. */
TEST_F(pin, passed_endpoint_cannot_pin)
{
	int sv[2], prot;
	pid_t pid;

	prot = PROT_READ | (variant->role == SIPC_ROLE_SENDER ? PROT_WRITE : 0);
	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	pid = st_fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		unsigned char *m;
		int ep;

		close(sv[0]);
		ep = st_recv_fd(sv[1]);
		if (ep < 0)
			_exit(ep == -EPROTO ? 11 : 10);
		m = mmap(NULL, self->ch.region, prot, MAP_SHARED, ep, 0);
		if (m == MAP_FAILED)
			_exit(12);
		if (st_check(m, self->ch.region, 7) != -1)
			_exit(13);
		_exit(pin_routes_refused(m, self->ch.region, variant->role));
	}
	close(sv[1]);
	ASSERT_EQ(0, st_send_fd(sv[0], self->fd));
	EXPECT_EQ(0, st_reap(pid, 10000));
	close(sv[0]);
}

/* Revoke the endpoint of @role on @c. */
static int revoke_role(struct st_chan *c, int role)
{
	return st_revoke(c->dev, c->name, role == SIPC_ROLE_SENDER ?
			 SIPC_REVOKE_SENDER : SIPC_REVOKE_RECEIVER);
}

/*
 * After a revoke, the copying route that ptrace uses (/proc/PID/mem)
 * is refused too, and no pin route opened up in the meantime.
 */
TEST_F(pin, revoked_mapping_unreadable_by_any_route)
{
	unsigned char buf[64];
	int mem = open("/proc/self/mem", O_RDONLY | O_CLOEXEC);

	ASSERT_LE(0, mem);
	/* Before: /proc/self/mem reads the region (a copy, nothing kept). */
	ASSERT_EQ((ssize_t)sizeof(buf),
		  pread(mem, buf, sizeof(buf), (off_t)(uintptr_t)self->map));
	EXPECT_EQ(0, memcmp(buf, self->ch.smap, sizeof(buf)));

	ASSERT_EQ(0, revoke_role(&self->ch, variant->role));
	EXPECT_EQ(-1, pread(mem, buf, sizeof(buf),
			    (off_t)(uintptr_t)self->map));
	EXPECT_EQ(EIO, errno);
	EXPECT_EQ(-EFAULT, st_try_vmsplice(self->map, self->page));
	if (st_try_process_vm_readv(self->map, self->page) != -ENOSYS)
		EXPECT_EQ(-EFAULT, st_try_process_vm_readv(self->map, self->page));
	close(mem);
}

/*
 * The one thing a receiver may keep is a copy of what it read before the
 * revoke: write() from the mapping into a pipe copies.  After the revoke
 * the pipe holds that old data only, never what the sender writes next
 * for a new receiver.
 */
TEST(copy_before_revoke_stays_stale)
{
	size_t page = getpagesize();
	unsigned char *old, *got;
	const unsigned char *r2;
	struct st_chan c;
	int pfd[2], rcv2;

	ASSERT_EQ(0, st_chan_open(&c, "pinstale", PAGES * page, 1));
	st_fill(c.smap, c.region, 7);
	old = malloc(page);
	got = malloc(page);
	ASSERT_TRUE(old && got);
	ASSERT_EQ(0, pipe(pfd));
	memcpy(old, c.rmap, page);
	ASSERT_EQ((ssize_t)page, write(pfd[1], c.rmap, page));
	ASSERT_EQ(0, revoke_role(&c, SIPC_ROLE_RECEIVER));

	/* The sender publishes new data to a new receiver. */
	st_fill(c.smap, c.region, 8);
	rcv2 = st_attach(c.dev, c.name, SIPC_ROLE_RECEIVER, 0);
	ASSERT_LE(0, rcv2);
	r2 = st_map(rcv2, c.region, PROT_READ, 0);
	ASSERT_NE(MAP_FAILED, r2);
	EXPECT_EQ(-1, st_check(r2, c.region, 8));

	ASSERT_EQ((ssize_t)page, read(pfd[0], got, page));
	EXPECT_EQ(0, memcmp(old, got, page));
	EXPECT_NE(0, memcmp(r2, got, page));
	munmap((void *)r2, c.region);
	close(rcv2);
	close(pfd[0]);
	close(pfd[1]);
	free(old);
	free(got);
	st_chan_close(&c);
}

/* ---- the sender's own view does not move with the receiver ---- */

/* The pagemap entries of n pages at p, from our own /proc/self/pagemap. */
static int read_pagemap(const void *p, size_t n, uint64_t *out)
{
	int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	off_t at = (off_t)((uintptr_t)p / getpagesize() * sizeof(uint64_t));
	ssize_t got;

	if (fd < 0)
		return -errno;
	got = pread(fd, out, n * sizeof(uint64_t), at);
	close(fd);
	return got == (ssize_t)(n * sizeof(uint64_t)) ? 0 : -EIO;
}

#define PM_PRESENT	(1ULL << 63)
#define PM_FILE		(1ULL << 61)
#define PM_EXCLUSIVE	(1ULL << 56)

TEST(sender_pagemap_ignores_receiver)
{
	uint64_t before[PAGES], after[PAGES];
	const unsigned char *r;
	struct st_chan c;
	size_t i;

	ASSERT_EQ(0, st_chan_open(&c, "pinmap", PAGES * getpagesize(), 1));
	/* Only the sender maps the region now. */
	st_chan_unmap_rcv(&c);
	st_fill(c.smap, c.region, 8);
	ASSERT_EQ(0, read_pagemap(c.smap, PAGES, before));
	/*
	 * The page walker treats a PFN mapping as a hole: no page behind
	 * it, so neither "file" nor "exclusively mapped" can be reported.
	 */
	for (i = 0; i < PAGES; i++) {
		EXPECT_EQ(0ULL, before[i] & (PM_PRESENT | PM_FILE |
					  PM_EXCLUSIVE)) {
			TH_LOG("page %zu: pagemap %#llx", i,
			       (unsigned long long)before[i]);
		}
	}
	/* Now a receiver maps and touches every page. */
	r = st_map(c.rcv, c.region, PROT_READ, 0);
	ASSERT_NE(MAP_FAILED, r);
	EXPECT_EQ(-1, st_check(r, c.region, 8));
	ASSERT_EQ(0, read_pagemap(c.smap, PAGES, after));
	EXPECT_EQ(0, memcmp(before, after, sizeof(before)));
	munmap((void *)r, c.region);
	ASSERT_EQ(0, read_pagemap(c.smap, PAGES, after));
	EXPECT_EQ(0, memcmp(before, after, sizeof(before)));
	st_chan_close(&c);
}

/* Rss of the mapping that starts at p, from /proc/self/smaps, in kB. */
static long smaps_rss_kb(const void *p)
{
	char line[256], start[32];
	FILE *f = fopen("/proc/self/smaps", "re");
	bool in = false;
	long kb = -1;

	if (!f)
		return -errno;
	snprintf(start, sizeof(start), "%lx-", (unsigned long)(uintptr_t)p);
	while (fgets(line, sizeof(line), f)) {
		if (strchr(line, '-') && strchr(line, ' ') &&
		    strchr(line, '-') < strchr(line, ' '))
			in = !strncmp(line, start, strlen(start));
		else if (in && sscanf(line, "Rss: %ld kB", &kb) == 1)
			break;
	}
	fclose(f);
	return kb;
}

TEST_F(pin, smaps_counts_no_region_pages)
{
	/* Both roles mapped and touched: neither mapping has Rss. */
	EXPECT_EQ(0, smaps_rss_kb(self->map));
	EXPECT_EQ(0, smaps_rss_kb(self->ch.smap));
}

static long meminfo_kb(const char *field)
{
	char line[128];
	FILE *f = fopen("/proc/meminfo", "re");
	long kb = -1;
	size_t n = strlen(field);

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, field, n) && line[n] == ':') {
			sscanf(line + n + 1, "%ld", &kb);
			break;
		}
	fclose(f);
	return kb;
}

/*
 * Mapped: counts file pages mapped by anyone, at their first mapping.  A
 * receiver mapping 8 MiB of region nobody else maps must not move it by
 * anything near 8 MiB (the margin is for the guest's own activity).
 */
TEST(meminfo_mapped_ignores_region)
{
	const size_t big = 8 << 20;
	const unsigned char *r;
	struct st_chan c;
	long before, during;

	ASSERT_EQ(0, st_chan_open(&c, "pinbig", big, 1));
	st_chan_unmap_rcv(&c);
	st_fill(c.smap, c.region, 9);
	/* Nobody maps the region: the receiver's mapping would be the first. */
	st_chan_unmap_snd(&c);
	before = meminfo_kb("Mapped");
	ASSERT_LE(0, before);
	r = st_map(c.rcv, c.region, PROT_READ, 0);
	ASSERT_NE(MAP_FAILED, r);
	EXPECT_EQ(-1, st_check(r, c.region, 9));
	during = meminfo_kb("Mapped");
	munmap((void *)r, c.region);
	EXPECT_GT(1024, labs(during - before)) {
		TH_LOG("Mapped: %ld kB before, %ld kB with 8 MiB mapped",
		       before, during);
	}
	st_chan_close(&c);
}

ST_TEST_MAIN
