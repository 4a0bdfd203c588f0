// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_struct_test - the argument struct rules, for every ioctl (one
 * variant per command and fd kind):
 *
 *   size < SIPC_<X>_SIZE_VER0          -> EINVAL
 *   size > known, non-zero extra bytes -> E2BIG
 *   size > known, zero extra bytes     -> works; nothing written past
 *                                         the kernel's own size
 *   size > 4096                        -> E2BIG
 *   unknown flags                      -> EINVAL
 *   NULL, unmapped, or half-unmapped   -> EFAULT
 *   read-only (result not writable)    -> EFAULT, and the command did
 *                                         nothing (no channel, no message
 *                                         queued, message not taken)
 *
 * Each test breaks one thing, asserts the errno, checks that the failed
 * call had no effect, then that the channel still works.
 */
#define _GNU_SOURCE
#include <sys/mman.h>

#include "sipc_harness.h"
#include "st.h"

enum { ON_DEV, ON_SENDER, ON_RECEIVER };

/* Room for any struct plus a tail up to the 4096 limit and beyond. */
#define ARG_MAX 8192

FIXTURE(arg) {
	struct st_chan ch;		/* the channel that must keep working */
	struct st_counters start;
	char extra[SIPC_NAME_MAX];	/* target of DESTROY and ATTACH */
	char fresh[SIPC_NAME_MAX];	/* name CREATE uses */
	char victim[SIPC_NAME_MAX];	/* REVOKE's target ... */
	int victim_rcv;			/* ... and its receiver, or -1 */
	unsigned char *pages;		/* 3 pages: read-write, PROT_NONE, spare */
	size_t page;
};

FIXTURE_VARIANT(arg) {
	unsigned long cmd;
	int on;			/* fd the command is issued on */
	__u32 ver0;		/* SIPC_<X>_SIZE_VER0 */
	__u32 known;		/* sizeof the struct in this header */
	__u32 all_flags;	/* every valid flag bit */
	__u32 flags;		/* flags of the valid argument */
	bool output;		/* the kernel writes results back */
};

#define V_VERSION .cmd = SIPC_IOC_VERSION, .ver0 = SIPC_VERSION_SIZE_VER0, \
	.known = sizeof(struct sipc_version), .output = true
#define V_REF .ver0 = SIPC_CHANNEL_REF_SIZE_VER0, \
	.known = sizeof(struct sipc_channel_ref), .on = ON_DEV
#define V_MSG .ver0 = SIPC_MSG_SIZE_VER0, .known = sizeof(struct sipc_msg), \
	.all_flags = SIPC_MSG_F_ALL, .flags = SIPC_MSG_F_NONBLOCK, \
	.output = true
#define V_EP_INFO .cmd = SIPC_IOC_EP_INFO, .ver0 = SIPC_EP_INFO_SIZE_VER0, \
	.known = sizeof(struct sipc_ep_info), .output = true

FIXTURE_VARIANT_ADD(arg, version_dev) { V_VERSION, .on = ON_DEV };
FIXTURE_VARIANT_ADD(arg, version_sender) { V_VERSION, .on = ON_SENDER };
FIXTURE_VARIANT_ADD(arg, version_receiver) { V_VERSION, .on = ON_RECEIVER };
FIXTURE_VARIANT_ADD(arg, create) {
	.cmd = SIPC_IOC_CREATE, .on = ON_DEV, .ver0 = SIPC_CREATE_SIZE_VER0,
	.known = sizeof(struct sipc_create), .output = true,
};
FIXTURE_VARIANT_ADD(arg, destroy) { V_REF, .cmd = SIPC_IOC_DESTROY };
FIXTURE_VARIANT_ADD(arg, attach_sender) {
	V_REF, .cmd = SIPC_IOC_ATTACH_SENDER,
	.all_flags = SIPC_ATTACH_ALL_FLAGS,
};
FIXTURE_VARIANT_ADD(arg, attach_receiver) {
	V_REF, .cmd = SIPC_IOC_ATTACH_RECEIVER,
	.all_flags = SIPC_ATTACH_ALL_FLAGS,
};
FIXTURE_VARIANT_ADD(arg, revoke) {
	V_REF, .cmd = SIPC_IOC_REVOKE, .all_flags = SIPC_REVOKE_ALL_FLAGS,
	.flags = SIPC_REVOKE_RECEIVER,
};
FIXTURE_VARIANT_ADD(arg, info) {
	.cmd = SIPC_IOC_INFO, .on = ON_DEV, .ver0 = SIPC_INFO_SIZE_VER0,
	.known = sizeof(struct sipc_info), .output = true,
};
FIXTURE_VARIANT_ADD(arg, list) {
	.cmd = SIPC_IOC_LIST, .on = ON_DEV, .ver0 = SIPC_LIST_SIZE_VER0,
	.known = sizeof(struct sipc_list), .output = true,
};
FIXTURE_VARIANT_ADD(arg, send) { V_MSG, .cmd = SIPC_IOC_SEND, .on = ON_SENDER };
FIXTURE_VARIANT_ADD(arg, recv) { V_MSG, .cmd = SIPC_IOC_RECV, .on = ON_RECEIVER };
FIXTURE_VARIANT_ADD(arg, ep_info_sender) { V_EP_INFO, .on = ON_SENDER };
FIXTURE_VARIANT_ADD(arg, ep_info_receiver) { V_EP_INFO, .on = ON_RECEIVER };

FIXTURE_SETUP(arg)
{
	ASSERT_EQ(0, st_counters_read(&self->start));
	ASSERT_EQ(0, st_chan_open(&self->ch, "arg", 8192, 1));
	st_name(self->extra, "extra");
	st_name(self->fresh, "fresh");
	st_name(self->victim, "victim");
	self->victim_rcv = -1;
	ASSERT_EQ(0, st_create(self->ch.dev, self->extra, 4096, 0, NULL));
	self->page = getpagesize();
	self->pages = mmap(NULL, 3 * self->page, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, self->pages);
	ASSERT_EQ(0, mprotect(self->pages + self->page, self->page,
			      PROT_NONE));
}

FIXTURE_TEARDOWN(arg)
{
	st_destroy(self->ch.dev, self->extra);
	st_destroy(self->ch.dev, self->fresh);
	if (self->victim_rcv >= 0)
		close(self->victim_rcv);
	st_destroy(self->ch.dev, self->victim);
	st_chan_close(&self->ch);
	munmap(self->pages, 3 * self->page);
	ST_EXPECT_COUNTERS_BACK(&self->start);
}

static int target(FIXTURE_DATA(arg) *self,
		  const FIXTURE_VARIANT(arg) *variant)
{
	switch (variant->on) {
	case ON_SENDER:
		return self->ch.snd;
	case ON_RECEIVER:
		return self->ch.rcv;
	}
	return self->ch.dev;
}

static void put_name(char *dst, const char *name)
{
	memcpy(dst, name, strlen(name) + 1);
}

/*
 * Build a valid argument of `size` bytes (zero tail) at p, and prepare
 * the channel for it (RECV needs a message waiting).
 */
static void prep(FIXTURE_DATA(arg) *self, const FIXTURE_VARIANT(arg) *variant,
		 void *p, __u32 size)
{
	memset(p, 0, size);
	*(__u32 *)p = size;
	((__u32 *)p)[1] = variant->flags;
	switch (variant->cmd) {
	case SIPC_IOC_CREATE: {
		struct sipc_create *cr = p;

		cr->region_size = 4096;
		put_name(cr->name, self->fresh);
		break;
	}
	case SIPC_IOC_DESTROY:
	case SIPC_IOC_ATTACH_SENDER:
	case SIPC_IOC_ATTACH_RECEIVER:
		put_name(((struct sipc_channel_ref *)p)->name, self->extra);
		break;
	case SIPC_IOC_REVOKE:
		/* A channel with a receiver attached: revoke has an effect. */
		if (self->victim_rcv < 0) {
			st_create(self->ch.dev, self->victim, 4096, 0, NULL);
			self->victim_rcv = st_attach(self->ch.dev,
						       self->victim,
						       SIPC_ROLE_RECEIVER, 0);
		}
		put_name(((struct sipc_channel_ref *)p)->name, self->victim);
		break;
	case SIPC_IOC_INFO:
		put_name(((struct sipc_info *)p)->name, self->ch.name);
		break;
	case SIPC_IOC_SEND:
		((struct sipc_msg *)p)->type = SIPC_MSG_DATA_READY;
		((struct sipc_msg *)p)->len = 10;
		break;
	case SIPC_IOC_RECV:
		st_send(self->ch.snd, SIPC_MSG_NOOP, 0, 0,
			  SIPC_MSG_F_NONBLOCK, NULL);
		break;
	}
}

static long queue_len(FIXTURE_DATA(arg) *self)
{
	struct sipc_info info;

	if (st_info(self->ch.dev, self->ch.name, &info))
		return -1;
	return info.queue_len;
}

/* After a successful call: was the output right? */
static void check_done(struct __test_metadata *_metadata,
		       FIXTURE_DATA(arg) *self,
		       const FIXTURE_VARIANT(arg) *variant, void *p, int ret)
{
	struct sipc_ep_info ei;
	struct sipc_info info;

	switch (variant->cmd) {
	case SIPC_IOC_VERSION:
		EXPECT_EQ(0, ret);
		EXPECT_EQ((__u32)SIPC_API_VERSION,
			  ((struct sipc_version *)p)->api_version);
		EXPECT_EQ(ST_IOCTL_BITS, ((struct sipc_version *)p)->ioctls);
		break;
	case SIPC_IOC_CREATE:
		EXPECT_EQ(0, ret);
		EXPECT_EQ(4096ULL, ((struct sipc_create *)p)->region_size);
		EXPECT_EQ(1U, ((struct sipc_create *)p)->queue_depth);
		EXPECT_EQ(0, st_info(self->ch.dev, self->fresh, &info));
		break;
	case SIPC_IOC_DESTROY:
		EXPECT_EQ(0, ret);
		EXPECT_EQ(-ENOENT, st_info(self->ch.dev, self->extra, &info));
		break;
	case SIPC_IOC_ATTACH_SENDER:
	case SIPC_IOC_ATTACH_RECEIVER:
		ASSERT_LE(0, ret);
		ASSERT_EQ(0, st_ep_info(ret, &ei));
		EXPECT_EQ(variant->cmd == SIPC_IOC_ATTACH_SENDER ?
			  (__u32)SIPC_ROLE_SENDER : (__u32)SIPC_ROLE_RECEIVER,
			  ei.role);
		break;
	case SIPC_IOC_REVOKE:
		EXPECT_EQ(0, ret);
		EXPECT_EQ(-EACCES, st_ep_info(self->victim_rcv, &ei));
		break;
	case SIPC_IOC_INFO:
		EXPECT_EQ(0, ret);
		EXPECT_EQ((__u64)self->ch.region,
			  ((struct sipc_info *)p)->region_size);
		EXPECT_NE(0ULL, ((struct sipc_info *)p)->id);
		break;
	case SIPC_IOC_LIST:
		EXPECT_EQ(0, ret);
		EXPECT_LE(2U, ((struct sipc_list *)p)->total);
		break;
	case SIPC_IOC_SEND:
		EXPECT_EQ(0, ret);
		EXPECT_NE(0ULL, ((struct sipc_msg *)p)->seq);
		EXPECT_EQ(1, queue_len(self));
		break;
	case SIPC_IOC_RECV:
		EXPECT_EQ(0, ret);
		EXPECT_EQ((__u32)SIPC_MSG_NOOP, ((struct sipc_msg *)p)->type);
		EXPECT_NE(0ULL, ((struct sipc_msg *)p)->seq);
		EXPECT_EQ(0, queue_len(self));
		break;
	case SIPC_IOC_EP_INFO:
		EXPECT_EQ(0, ret);
		EXPECT_EQ(variant->on == ON_SENDER ? (__u32)SIPC_ROLE_SENDER :
			  (__u32)SIPC_ROLE_RECEIVER,
			  ((struct sipc_ep_info *)p)->role);
		EXPECT_EQ((__u64)self->ch.region,
			  ((struct sipc_ep_info *)p)->region_size);
		break;
	}
}

/* After a failed call: did it leave everything as it was? */
static void check_no_effect(struct __test_metadata *_metadata,
			    FIXTURE_DATA(arg) *self,
			    const FIXTURE_VARIANT(arg) *variant)
{
	struct sipc_ep_info ei;
	struct sipc_info info;
	int fd;

	switch (variant->cmd) {
	case SIPC_IOC_REVOKE:
		EXPECT_EQ(0, st_ep_info(self->victim_rcv, &ei));
		break;
	case SIPC_IOC_CREATE:
		EXPECT_EQ(-ENOENT, st_info(self->ch.dev, self->fresh, &info));
		break;
	case SIPC_IOC_DESTROY:
		EXPECT_EQ(0, st_info(self->ch.dev, self->extra, &info));
		break;
	case SIPC_IOC_ATTACH_SENDER:
	case SIPC_IOC_ATTACH_RECEIVER:
		/* The role is still free. */
		fd = st_attach(self->ch.dev, self->extra,
				 variant->cmd == SIPC_IOC_ATTACH_SENDER ?
				 SIPC_ROLE_SENDER : SIPC_ROLE_RECEIVER, 0);
		EXPECT_LE(0, fd);
		if (fd >= 0)
			close(fd);
		break;
	case SIPC_IOC_SEND:
		EXPECT_EQ(0, queue_len(self));
		break;
	case SIPC_IOC_RECV:
		EXPECT_EQ(1, queue_len(self));
		break;
	}
}

/* Undo what a call did (successful or not) so the channel is idle. */
static void undo(FIXTURE_DATA(arg) *self, const FIXTURE_VARIANT(arg) *variant,
		 int ret)
{
	struct sipc_msg m;

	switch (variant->cmd) {
	case SIPC_IOC_CREATE:
		st_destroy(self->ch.dev, self->fresh);
		break;
	case SIPC_IOC_DESTROY:
		if (ret == 0)
			st_create(self->ch.dev, self->extra, 4096, 0, NULL);
		break;
	case SIPC_IOC_ATTACH_SENDER:
	case SIPC_IOC_ATTACH_RECEIVER:
		if (ret >= 0)
			close(ret);
		break;
	case SIPC_IOC_REVOKE:
		if (self->victim_rcv >= 0)
			close(self->victim_rcv);
		self->victim_rcv = -1;
		st_destroy(self->ch.dev, self->victim);
		break;
	case SIPC_IOC_SEND:
	case SIPC_IOC_RECV:
		while (st_recv(self->ch.rcv, SIPC_MSG_F_NONBLOCK, &m) == 0)
			;
		break;
	}
}

/*
 * Issue the command with arg p; on success check the output, on failure
 * check it did nothing; then undo and prove the channel still works.
 */
static int call(struct __test_metadata *_metadata, FIXTURE_DATA(arg) *self,
		const FIXTURE_VARIANT(arg) *variant, void *p, bool valid)
{
	int ret = st_ioctl(target(self, variant), variant->cmd, p);

	if (valid)
		check_done(_metadata, self, variant, p, ret);
	else if (ret < 0)
		check_no_effect(_metadata, self, variant);
	undo(self, variant, ret);
	EXPECT_EQ(0, st_chan_works(&self->ch));
	return ret;
}

TEST_F(arg, size_ver0_works)
{
	unsigned char buf[ARG_MAX];

	prep(self, variant, buf, variant->ver0);
	call(_metadata, self, variant, buf, true);
}

TEST_F(arg, size_zero)
{
	unsigned char buf[ARG_MAX];

	prep(self, variant, buf, variant->ver0);
	*(__u32 *)buf = 0;
	EXPECT_EQ(-EINVAL, call(_metadata, self, variant, buf, false));
}

TEST_F(arg, size_one_short)
{
	unsigned char buf[ARG_MAX];

	prep(self, variant, buf, variant->ver0);
	*(__u32 *)buf = variant->ver0 - 1;
	EXPECT_EQ(-EINVAL, call(_metadata, self, variant, buf, false));
}

TEST_F(arg, size_header_only)
{
	unsigned char buf[ARG_MAX];

	prep(self, variant, buf, variant->ver0);
	*(__u32 *)buf = 8;
	EXPECT_EQ(-EINVAL, call(_metadata, self, variant, buf, false));
}

TEST_F(arg, larger_zero_tail_works)
{
	unsigned char buf[ARG_MAX];
	__u32 size = variant->known + 64, i;

	prep(self, variant, buf, size);
	call(_metadata, self, variant, buf, true);
	/* Output stops at the kernel's size: the tail is still zero. */
	for (i = variant->known; i < size; i++)
		ASSERT_EQ(0, buf[i]);
}

TEST_F(arg, size_4096_zero_tail_works)
{
	unsigned char buf[ARG_MAX];

	prep(self, variant, buf, 4096);
	call(_metadata, self, variant, buf, true);
}

TEST_F(arg, size_above_4096_e2big)
{
	unsigned char buf[ARG_MAX];

	prep(self, variant, buf, 4097);
	EXPECT_EQ(-E2BIG, call(_metadata, self, variant, buf, false));
}

TEST_F(arg, larger_first_tail_byte_set)
{
	unsigned char buf[ARG_MAX];

	prep(self, variant, buf, variant->known + 8);
	buf[variant->known] = 1;
	EXPECT_EQ(-E2BIG, call(_metadata, self, variant, buf, false));
}

TEST_F(arg, larger_last_tail_byte_set)
{
	unsigned char buf[ARG_MAX];
	__u32 size = variant->known + 200;

	prep(self, variant, buf, size);
	buf[size - 1] = 0x80;
	EXPECT_EQ(-E2BIG, call(_metadata, self, variant, buf, false));
}

TEST_F(arg, unknown_flag_bit31)
{
	unsigned char buf[ARG_MAX];

	prep(self, variant, buf, variant->ver0);
	((__u32 *)buf)[1] |= 1U << 31;
	EXPECT_EQ(-EINVAL, call(_metadata, self, variant, buf, false));
}

TEST_F(arg, unknown_flags_all)
{
	unsigned char buf[ARG_MAX];

	prep(self, variant, buf, variant->ver0);
	((__u32 *)buf)[1] |= ~variant->all_flags;
	EXPECT_EQ(-EINVAL, call(_metadata, self, variant, buf, false));
}

TEST_F(arg, null_arg)
{
	unsigned char buf[ARG_MAX];

	prep(self, variant, buf, variant->ver0);	/* queues RECV's message */
	EXPECT_EQ(-EFAULT, call(_metadata, self, variant, NULL, false));
}

TEST_F(arg, unmapped_arg)
{
	unsigned char buf[ARG_MAX];

	prep(self, variant, buf, variant->ver0);
	EXPECT_EQ(-EFAULT, call(_metadata, self, variant,
				self->pages + self->page, false));
}

/* size and flags readable, the rest of the struct in an unmapped page. */
TEST_F(arg, arg_runs_into_unmapped_page)
{
	unsigned char *p = self->pages + self->page - 8;
	unsigned char buf[ARG_MAX];

	prep(self, variant, buf, variant->ver0);
	memcpy(p, buf, 8);
	EXPECT_EQ(-EFAULT, call(_metadata, self, variant, p, false));
}

/* A valid struct whose zero tail runs into an unmapped page. */
TEST_F(arg, tail_runs_into_unmapped_page)
{
	unsigned char *p = self->pages + self->page - variant->ver0;
	unsigned char buf[ARG_MAX];

	prep(self, variant, buf, variant->ver0);
	*(__u32 *)buf = variant->ver0 + 8;
	memcpy(p, buf, variant->ver0);
	EXPECT_EQ(-EFAULT, call(_metadata, self, variant, p, false));
}

/*
 * The argument is readable but not writable: commands that write results
 * back fail with EFAULT and do nothing; the others just work.
 */
TEST_F(arg, readonly_arg)
{
	unsigned char *p = self->pages + 2 * self->page;
	unsigned char buf[ARG_MAX];
	int ret;

	prep(self, variant, buf, variant->known);
	memcpy(p, buf, variant->known);
	ASSERT_EQ(0, mprotect(p, self->page, PROT_READ));
	ret = call(_metadata, self, variant, p, !variant->output);
	if (variant->output)
		EXPECT_EQ(-EFAULT, ret);
	ASSERT_EQ(0, mprotect(p, self->page, PROT_READ | PROT_WRITE));
}

ST_TEST_MAIN
