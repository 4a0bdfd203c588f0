// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_badinput_test - every bad input of the semantics document gets its
 * exact errno and leaves the channel intact: unknown and misplaced
 * commands (ENOTTY), reserved fields, region sizes, queue depths, names,
 * EEXIST / ENOENT, and bad messages.  Each test breaks one field, asserts
 * the errno, then proves the channel still works (and, for CREATE, that
 * nothing was created).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>

#include "sipc_harness.h"
#include "st.h"

FIXTURE(bad) {
	struct st_chan ch;		/* 2 pages, depth 1 */
	struct st_counters start;
	struct sipc_info info0;		/* the channel before the test */
};

FIXTURE_SETUP(bad)
{
	ASSERT_EQ(0, st_counters_read(&self->start));
	ASSERT_EQ(0, st_chan_open(&self->ch, "bad", 8192, 1));
	ASSERT_EQ(0, st_info(self->ch.dev, self->ch.name, &self->info0));
}

FIXTURE_TEARDOWN(bad)
{
	st_chan_close(&self->ch);
	ST_EXPECT_COUNTERS_BACK(&self->start);
}

/* The channel is unchanged and works; the channel count is unchanged. */
static void still_works(struct __test_metadata *_metadata,
			FIXTURE_DATA(bad) *self)
{
	struct st_counters now;
	struct sipc_info info;
	__u32 count = 0, total = 0;

	ASSERT_EQ(0, st_info(self->ch.dev, self->ch.name, &info));
	EXPECT_EQ(self->info0.id, info.id);
	EXPECT_EQ(self->info0.region_size, info.region_size);
	EXPECT_EQ(self->info0.queue_depth, info.queue_depth);
	EXPECT_EQ(SIPC_STATE_SENDER | SIPC_STATE_RECEIVER, info.state);
	ASSERT_EQ(0, st_counters_read(&now));
	EXPECT_EQ(self->start.channels + 1, now.channels);
	EXPECT_EQ(self->start.endpoints + 2, now.endpoints);
	ASSERT_EQ(0, st_list(self->ch.dev, NULL, &count, &total));
	EXPECT_EQ(self->start.channels + 1, (long long)total);
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

/* ---- commands: unknown, or on the wrong kind of fd ---- */

static const unsigned long unknown_cmds[] = {
	_IO(SIPC_IOC_MAGIC, 0x08), _IO(SIPC_IOC_MAGIC, 0x0f),
	_IO(SIPC_IOC_MAGIC, 0x10), _IO(SIPC_IOC_MAGIC, 0x1f),
	_IO(SIPC_IOC_MAGIC, 0x26), _IO(SIPC_IOC_MAGIC, 0x2f),
	_IO(SIPC_IOC_MAGIC, 0xff), _IO(SIPC_IOC_MAGIC + 1, 0x01),
	_IO(SIPC_IOC_MAGIC + 1, 0x20),
	/* A known nr with a size and direction encoded is another command. */
	_IOWR(SIPC_IOC_MAGIC, 0x01, struct sipc_create),
	_IOWR(SIPC_IOC_MAGIC, 0x20, struct sipc_msg),
	_IOR(SIPC_IOC_MAGIC, 0x00, struct sipc_version),
};

static void expect_unknown_enotty(struct __test_metadata *_metadata, int fd)
{
	unsigned char buf[256] = { 0 };
	unsigned int i;

	*(__u32 *)buf = 64;
	for (i = 0; i < ARRAY_SIZE(unknown_cmds); i++) {
		EXPECT_EQ(-ENOTTY, st_ioctl(fd, unknown_cmds[i], buf)) {
			TH_LOG("cmd 0x%lx", unknown_cmds[i]);
		}
	}
}

TEST_F(bad, unknown_ioctl_on_dev)
{
	expect_unknown_enotty(_metadata, self->ch.dev);
	still_works(_metadata, self);
}

TEST_F(bad, unknown_ioctl_on_sender)
{
	expect_unknown_enotty(_metadata, self->ch.snd);
	still_works(_metadata, self);
}

TEST_F(bad, unknown_ioctl_on_receiver)
{
	expect_unknown_enotty(_metadata, self->ch.rcv);
	still_works(_metadata, self);
}

TEST_F(bad, endpoint_cmds_on_dev)
{
	struct sipc_msg m = { .size = sizeof(m), .type = SIPC_MSG_NOOP,
			      .flags = SIPC_MSG_F_NONBLOCK };
	struct sipc_ep_info ei = { .size = sizeof(ei) };

	EXPECT_EQ(-ENOTTY, st_ioctl(self->ch.dev, SIPC_IOC_SEND, &m));
	m.type = 0;
	EXPECT_EQ(-ENOTTY, st_ioctl(self->ch.dev, SIPC_IOC_RECV, &m));
	EXPECT_EQ(-ENOTTY, st_ioctl(self->ch.dev, SIPC_IOC_EP_INFO, &ei));
	EXPECT_EQ(-ENOTTY, st_ioctl(self->ch.dev, SIPC_IOC_MAP, NULL));
	still_works(_metadata, self);
}

/* Every /dev/sipc command, with a valid argument, on an endpoint. */
static void expect_dev_cmds_enotty(struct __test_metadata *_metadata,
				   FIXTURE_DATA(bad) *self, int fd)
{
	struct sipc_create cr = { .size = sizeof(cr), .region_size = 4096 };
	struct sipc_channel_ref ref = { .size = sizeof(ref) };
	struct sipc_list l = { .size = sizeof(l) };
	struct sipc_info info = { .size = sizeof(info) };
	char fresh[SIPC_NAME_MAX];

	st_name(fresh, "fresh");
	strcpy(cr.name, fresh);
	EXPECT_EQ(-ENOTTY, st_ioctl(fd, SIPC_IOC_CREATE, &cr));
	EXPECT_EQ(-ENOENT, st_info(self->ch.dev, fresh, &info));
	strcpy(ref.name, self->ch.name);
	EXPECT_EQ(-ENOTTY, st_ioctl(fd, SIPC_IOC_ATTACH_SENDER, &ref));
	EXPECT_EQ(-ENOTTY, st_ioctl(fd, SIPC_IOC_ATTACH_RECEIVER, &ref));
	EXPECT_EQ(-ENOTTY, st_ioctl(fd, SIPC_IOC_DESTROY, &ref));
	ref.flags = SIPC_REVOKE_ALL_FLAGS;
	EXPECT_EQ(-ENOTTY, st_ioctl(fd, SIPC_IOC_REVOKE, &ref));
	ref.flags = 0;
	strcpy(info.name, self->ch.name);
	EXPECT_EQ(-ENOTTY, st_ioctl(fd, SIPC_IOC_INFO, &info));
	EXPECT_EQ(-ENOTTY, st_ioctl(fd, SIPC_IOC_LIST, &l));
}

TEST_F(bad, dev_cmds_on_sender)
{
	expect_dev_cmds_enotty(_metadata, self, self->ch.snd);
	still_works(_metadata, self);
}

TEST_F(bad, dev_cmds_on_receiver)
{
	expect_dev_cmds_enotty(_metadata, self, self->ch.rcv);
	still_works(_metadata, self);
}

/* ---- reserved fields ---- */

TEST_F(bad, version_reserved)
{
	struct sipc_version v = { .size = sizeof(v), .reserved = 1 };

	EXPECT_EQ(-EINVAL, st_ioctl(self->ch.dev, SIPC_IOC_VERSION, &v));
	still_works(_metadata, self);
}

TEST_F(bad, create_reserved)
{
	struct sipc_create cr = { .size = sizeof(cr), .region_size = 4096,
				  .reserved = 1 };
	struct sipc_info info;

	st_name(cr.name, "resv");
	EXPECT_EQ(-EINVAL, st_ioctl(self->ch.dev, SIPC_IOC_CREATE, &cr));
	EXPECT_EQ(-ENOENT, st_info(self->ch.dev, cr.name, &info));
	still_works(_metadata, self);
}

TEST_F(bad, info_reserved)
{
	struct sipc_info info;

	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	strcpy(info.name, self->ch.name);
	info.reserved = 0x100;
	EXPECT_EQ(-EINVAL, st_ioctl(self->ch.dev, SIPC_IOC_INFO, &info));
	still_works(_metadata, self);
}

TEST_F(bad, info_context_unmapped)
{
	struct sipc_info info;
	void *hole;

	ASSERT_EQ(0, st_info(self->ch.dev, self->ch.name, &info));
	if (!info.context_len)
		SKIP(return, "no LSM context to copy");
	hole = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, hole);
	memset(&info, 0, sizeof(info));
	info.size = sizeof(info);
	strcpy(info.name, self->ch.name);
	info.context = (__u64)(uintptr_t)hole;
	info.context_size = 64;
	EXPECT_EQ(-EFAULT, st_ioctl(self->ch.dev, SIPC_IOC_INFO, &info));
	munmap(hole, 4096);
	still_works(_metadata, self);
}

TEST_F(bad, list_names_unmapped)
{
	struct sipc_list l = { .size = sizeof(l), .count = 4 };
	void *hole;

	hole = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ASSERT_NE(MAP_FAILED, hole);
	l.names = (__u64)(uintptr_t)hole;
	EXPECT_EQ(-EFAULT, st_ioctl(self->ch.dev, SIPC_IOC_LIST, &l));
	munmap(hole, 4096);
	still_works(_metadata, self);
}

/* ---- CREATE: region size, depth, names, duplicates ---- */

static void expect_create_fails(struct __test_metadata *_metadata,
				FIXTURE_DATA(bad) *self, const char *name,
				__u64 region, __u32 depth, int err)
{
	__u32 count = 0, total = 0;

	EXPECT_EQ(err, st_create(self->ch.dev, name, region, depth, NULL)) {
		TH_LOG("name '%s' region %llu depth %u", name,
		       (unsigned long long)region, depth);
	}
	/* Nothing was created (INFO would refuse a bad name: use LIST). */
	if (err != -EEXIST)
		EXPECT_EQ(0, st_listed(self->ch.dev, name));
	ASSERT_EQ(0, st_list(self->ch.dev, NULL, &count, &total));
	EXPECT_EQ(self->start.channels + 1, (long long)total);
}

TEST_F(bad, region_size_zero)
{
	char name[SIPC_NAME_MAX];

	st_name(name, "r0");
	expect_create_fails(_metadata, self, name, 0, 1, -EINVAL);
	still_works(_metadata, self);
}

TEST_F(bad, region_size_above_max)
{
	long long max = st_param_read("max_region_size");
	char name[SIPC_NAME_MAX];

	ASSERT_LT(0, max);
	st_name(name, "rmax");
	expect_create_fails(_metadata, self, name, max + 1, 1, -EINVAL);
	still_works(_metadata, self);
}

TEST_F(bad, region_size_huge)
{
	char name[SIPC_NAME_MAX];

	st_name(name, "rhuge");
	expect_create_fails(_metadata, self, name, ~0ULL, 1, -EINVAL);
	still_works(_metadata, self);
}

TEST_F(bad, depth_65)
{
	char name[SIPC_NAME_MAX];

	st_name(name, "d65");
	expect_create_fails(_metadata, self, name, 4096,
			    SIPC_QUEUE_DEPTH_MAX + 1, -EINVAL);
	still_works(_metadata, self);
}

TEST_F(bad, depth_huge)
{
	char name[SIPC_NAME_MAX];

	st_name(name, "dhuge");
	expect_create_fails(_metadata, self, name, 4096, ~0U, -EINVAL);
	still_works(_metadata, self);
}

TEST_F(bad, depth_zero_is_default)
{
	struct sipc_create cr;
	char name[SIPC_NAME_MAX];

	st_name(name, "d0");
	ASSERT_EQ(0, st_create(self->ch.dev, name, 4096, 0, &cr));
	EXPECT_EQ((__u32)SIPC_QUEUE_DEPTH_DEFAULT, cr.queue_depth);
	EXPECT_EQ(0, st_destroy(self->ch.dev, name));
	still_works(_metadata, self);
}

TEST_F(bad, name_empty)
{
	expect_create_fails(_metadata, self, "", 4096, 1, -EINVAL);
	still_works(_metadata, self);
}

TEST_F(bad, name_63_chars_ok)
{
	char name[SIPC_NAME_MAX];
	struct sipc_info info;
	int fd;

	/* Unique: our pid, then 'n' up to 63 bytes. */
	memset(name, 'n', sizeof(name));
	name[snprintf(name, 12, "%d", getpid())] = 'n';
	name[63] = 0;
	ASSERT_EQ(0, st_create(self->ch.dev, name, 4096, 0, NULL));
	ASSERT_EQ(0, st_info(self->ch.dev, name, &info));
	EXPECT_EQ(63U, strnlen(info.name, SIPC_NAME_MAX));
	EXPECT_EQ(1, st_listed(self->ch.dev, name));
	fd = st_attach(self->ch.dev, name, SIPC_ROLE_SENDER, 0);
	EXPECT_LE(0, fd);
	close(fd);
	EXPECT_EQ(0, st_destroy(self->ch.dev, name));
	still_works(_metadata, self);
}

/* 64 bytes, no NUL inside name[]; the byte after name[] is not NUL either. */
TEST_F(bad, name_64_chars_no_nul)
{
	struct sipc_create cr = { .size = sizeof(cr), .region_size = 4096 };
	struct { struct sipc_create cr; char after[8]; } s;
	struct sipc_info info;

	memset(&s, 0, sizeof(s));
	s.cr = cr;
	s.cr.size = sizeof(s.cr);
	memset(s.cr.name, 'm', SIPC_NAME_MAX);
	memset(s.after, 'm', sizeof(s.after));
	EXPECT_EQ(-EINVAL, st_ioctl(self->ch.dev, SIPC_IOC_CREATE, &s.cr));
	/* No prefix of it was created either. */
	s.cr.name[SIPC_NAME_MAX - 1] = 0;
	EXPECT_EQ(-ENOENT, st_info(self->ch.dev, s.cr.name, &info));
	still_works(_metadata, self);
}

static const char *const bad_names[] = {
	"a/b", "/", "with space", " lead", "trail ", "tab\there",
	"new\nline", "del\x7f", "high\x80", "utf8-\xc3\xa9", "ctl\x01",
};

TEST_F(bad, name_bad_chars)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad_names); i++) {
		char name[SIPC_NAME_MAX];

		snprintf(name, sizeof(name), "%s%d", bad_names[i], getpid());
		expect_create_fails(_metadata, self, name, 4096, 1, -EINVAL);
	}
	still_works(_metadata, self);
}

/* Every printable character but '/' is allowed, '.' and ".." included. */
TEST_F(bad, name_all_printable_ok)
{
	static const char *const ok[] = {
		"!\"#$%&'()*+,-.:;<=>?@[\\]^_`{|}~", ".", "..", "A~z",
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ok); i++) {
		EXPECT_EQ(0, st_create(self->ch.dev, ok[i], 4096, 0, NULL)) {
			TH_LOG("name '%s'", ok[i]);
		}
		st_destroy(self->ch.dev, ok[i]);
	}
	still_works(_metadata, self);
}

TEST_F(bad, name_exists)
{
	struct sipc_info info;

	expect_create_fails(_metadata, self, self->ch.name, 4096, 4, -EEXIST);
	ASSERT_EQ(0, st_info(self->ch.dev, self->ch.name, &info));
	EXPECT_EQ(self->info0.id, info.id);
	EXPECT_EQ(self->info0.queue_depth, info.queue_depth);
	still_works(_metadata, self);
}

TEST_F(bad, names_with_bad_chars_on_other_cmds)
{
	struct sipc_channel_ref ref = { .size = sizeof(ref) };
	struct sipc_info info;

	EXPECT_EQ(-EINVAL, st_destroy(self->ch.dev, ""));
	EXPECT_EQ(-EINVAL, st_attach(self->ch.dev, "", SIPC_ROLE_SENDER, 0));
	EXPECT_EQ(-EINVAL, st_info(self->ch.dev, "", &info));
	EXPECT_EQ(-EINVAL, st_destroy(self->ch.dev, "a/b"));
	EXPECT_EQ(-EINVAL, st_attach(self->ch.dev, "a b",
				       SIPC_ROLE_RECEIVER, 0));
	EXPECT_EQ(-EINVAL, st_info(self->ch.dev, "a/b", &info));
	memset(ref.name, 'q', SIPC_NAME_MAX);
	EXPECT_EQ(-EINVAL, st_ioctl(self->ch.dev, SIPC_IOC_DESTROY, &ref));
	EXPECT_EQ(-EINVAL, st_ioctl(self->ch.dev, SIPC_IOC_ATTACH_SENDER,
				      &ref));
	still_works(_metadata, self);
}

TEST_F(bad, no_such_channel)
{
	char name[SIPC_NAME_MAX];
	struct sipc_info info;

	st_name(name, "nosuch");
	EXPECT_EQ(-ENOENT, st_destroy(self->ch.dev, name));
	EXPECT_EQ(-ENOENT, st_attach(self->ch.dev, name,
				       SIPC_ROLE_SENDER, 0));
	EXPECT_EQ(-ENOENT, st_attach(self->ch.dev, name,
				       SIPC_ROLE_RECEIVER, 0));
	EXPECT_EQ(-ENOENT, st_info(self->ch.dev, name, &info));
	still_works(_metadata, self);
}

/* ---- SEND: message fields ---- */

static void expect_send_fails(struct __test_metadata *_metadata,
			      FIXTURE_DATA(bad) *self, __u32 type, __u32 len,
			      __u64 off, int err)
{
	struct sipc_info info;

	EXPECT_EQ(err, st_send(self->ch.snd, type, len, off,
				 SIPC_MSG_F_NONBLOCK, NULL)) {
		TH_LOG("type %u len %u off %llu", type, len,
		       (unsigned long long)off);
	}
	ASSERT_EQ(0, st_info(self->ch.dev, self->ch.name, &info));
	EXPECT_EQ(0U, info.queue_len);
	EXPECT_EQ(self->info0.msgs_sent, info.msgs_sent);
}

TEST_F(bad, data_ready_len_past_region)
{
	expect_send_fails(_metadata, self, SIPC_MSG_DATA_READY,
			  self->ch.region + 1, 0, -EINVAL);
	still_works(_metadata, self);
}

TEST_F(bad, data_ready_offset_plus_len_past_region)
{
	expect_send_fails(_metadata, self, SIPC_MSG_DATA_READY, 2,
			  self->ch.region - 1, -EINVAL);
	still_works(_metadata, self);
}

TEST_F(bad, data_ready_offset_past_region)
{
	expect_send_fails(_metadata, self, SIPC_MSG_DATA_READY, 0,
			  self->ch.region + 1, -EINVAL);
	still_works(_metadata, self);
}

TEST_F(bad, data_ready_offset_wraps)
{
	expect_send_fails(_metadata, self, SIPC_MSG_DATA_READY, 16,
			  ~0ULL - 7, -EINVAL);
	still_works(_metadata, self);
}

TEST_F(bad, data_ready_edges_ok)
{
	struct sipc_msg m;
	__u64 seq;

	/* offset + len == region, and len 0 at the very end, are fine. */
	ASSERT_EQ(0, st_send(self->ch.snd, SIPC_MSG_DATA_READY, 1,
			       self->ch.region - 1, 0, &seq));
	ASSERT_EQ(0, st_recv(self->ch.rcv, 0, &m));
	EXPECT_EQ(self->ch.region - 1, m.offset);
	EXPECT_EQ(1U, m.len);
	ASSERT_EQ(0, st_send(self->ch.snd, SIPC_MSG_DATA_READY, 0,
			       self->ch.region, 0, &seq));
	ASSERT_EQ(0, st_recv(self->ch.rcv, 0, &m));
	EXPECT_EQ(self->ch.region, m.offset);
	EXPECT_EQ(0U, m.len);
	still_works(_metadata, self);
}

TEST_F(bad, noop_with_len)
{
	expect_send_fails(_metadata, self, SIPC_MSG_NOOP, 1, 0, -EINVAL);
	still_works(_metadata, self);
}

TEST_F(bad, noop_with_offset)
{
	expect_send_fails(_metadata, self, SIPC_MSG_NOOP, 0, 4096, -EINVAL);
	still_works(_metadata, self);
}

TEST_F(bad, msg_type_zero)
{
	expect_send_fails(_metadata, self, 0, 0, 0, -EINVAL);
	still_works(_metadata, self);
}

TEST_F(bad, msg_type_three)
{
	expect_send_fails(_metadata, self, 3, 0, 0, -EINVAL);
	still_works(_metadata, self);
}

TEST_F(bad, msg_type_huge)
{
	expect_send_fails(_metadata, self, ~0U, 0, 0, -EINVAL);
	still_works(_metadata, self);
}

/* Bad messages are rejected even when the queue is full (no EAGAIN). */
TEST_F(bad, bad_msg_on_full_queue)
{
	struct sipc_msg m;

	ASSERT_EQ(0, st_send(self->ch.snd, SIPC_MSG_NOOP, 0, 0, 0, NULL));
	EXPECT_EQ(-EINVAL, st_send(self->ch.snd, 7, 0, 0,
				     SIPC_MSG_F_NONBLOCK, NULL));
	EXPECT_EQ(-EINVAL, st_send(self->ch.snd, SIPC_MSG_DATA_READY,
				     0, self->ch.region + 1,
				     SIPC_MSG_F_NONBLOCK, NULL));
	ASSERT_EQ(0, st_recv(self->ch.rcv, 0, &m));
	EXPECT_EQ((__u32)SIPC_MSG_NOOP, m.type);
	still_works(_metadata, self);
}

/* ---- read() / write() on endpoints ---- */

TEST_F(bad, read_write_endpoints)
{
	char buf[16] = { 0 };

	EXPECT_EQ(-1, read(self->ch.snd, buf, sizeof(buf)));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, write(self->ch.snd, buf, sizeof(buf)));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, read(self->ch.rcv, buf, sizeof(buf)));
	EXPECT_EQ(EINVAL, errno);
	EXPECT_EQ(-1, write(self->ch.rcv, buf, sizeof(buf)));
	EXPECT_EQ(EBADF, errno);
	still_works(_metadata, self);
}

ST_TEST_MAIN
