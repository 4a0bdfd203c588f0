// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_channel_test - the channel table of /dev/sipc: VERSION, CREATE,
 * INFO, LIST, ATTACH, EP_INFO and DESTROY round trips, the endpoint file
 * (anon inode name, access mode, close-on-exec, O_NONBLOCK), the helper
 * pattern (the channel outlives its creator) and the sysfs counters.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>

#include "sipc_harness.h"
#include "st.h"

FIXTURE(dev) {
	int dev;
	struct st_counters start;
	char name[SIPC_NAME_MAX];	/* the test's channel */
};

FIXTURE_SETUP(dev)
{
	self->dev = st_dev_open();
	ASSERT_LE(0, self->dev);
	ASSERT_EQ(0, st_counters_read(&self->start));
	st_name(self->name, "chan");
}

FIXTURE_TEARDOWN(dev)
{
	st_destroy(self->dev, self->name);
	close(self->dev);
	ST_EXPECT_COUNTERS_BACK(&self->start);
}

static void expect_version(struct __test_metadata *_metadata, int fd)
{
	struct sipc_version v;

	ASSERT_EQ(0, st_version(fd, &v));
	EXPECT_EQ(sizeof(v), v.size);
	EXPECT_EQ(0U, v.flags);
	EXPECT_EQ((__u32)SIPC_API_VERSION, v.api_version);
	EXPECT_EQ(0U, v.reserved);
	EXPECT_EQ(SIPC_FEATURES_ALL, v.features);
	EXPECT_EQ(ST_IOCTL_BITS, v.ioctls);
}

TEST_F(dev, version)
{
	expect_version(_metadata, self->dev);
}

TEST_F(dev, version_on_endpoints)
{
	int s, r;

	ASSERT_EQ(0, st_create(self->dev, self->name, 4096, 0, NULL));
	s = st_attach(self->dev, self->name, SIPC_ROLE_SENDER, 0);
	ASSERT_LE(0, s);
	r = st_attach(self->dev, self->name, SIPC_ROLE_RECEIVER, 0);
	ASSERT_LE(0, r);
	expect_version(_metadata, s);
	expect_version(_metadata, r);
	close(s);
	close(r);
}

TEST_F(dev, create_info_destroy)
{
	struct st_counters now;
	struct sipc_create cr;
	struct sipc_info info;

	ASSERT_EQ(0, st_create(self->dev, self->name, 1, 0, &cr));
	EXPECT_EQ(4096ULL, cr.region_size);
	EXPECT_EQ((__u32)SIPC_QUEUE_DEPTH_DEFAULT, cr.queue_depth);

	ASSERT_EQ(0, st_counters_read(&now));
	EXPECT_EQ(self->start.channels + 1, now.channels);
	EXPECT_EQ(self->start.endpoints, now.endpoints);
	EXPECT_EQ(self->start.region_bytes + 4096, now.region_bytes);

	ASSERT_EQ(0, st_info(self->dev, self->name, &info));
	EXPECT_STREQ(self->name, info.name);
	EXPECT_NE(0ULL, info.id);
	EXPECT_EQ(4096ULL, info.region_size);
	EXPECT_EQ(1U, info.queue_depth);
	EXPECT_EQ(0U, info.queue_len);
	EXPECT_EQ(0U, info.state);
	EXPECT_EQ((__u32)getpid(), info.creator_pid);
	EXPECT_EQ((__u32)geteuid(), info.creator_uid);
	EXPECT_EQ(0U, info.reserved);
	EXPECT_EQ(0ULL, info.msgs_sent);
	EXPECT_EQ(0ULL, info.msgs_received);
	EXPECT_EQ(0ULL, info.bytes_sent);
	EXPECT_EQ(1, st_listed(self->dev, self->name));

	ASSERT_EQ(0, st_destroy(self->dev, self->name));
	EXPECT_EQ(-ENOENT, st_info(self->dev, self->name, &info));
	EXPECT_EQ(0, st_listed(self->dev, self->name));
	EXPECT_EQ(-ENOENT, st_destroy(self->dev, self->name));
	EXPECT_EQ(0, st_counters_wait(&self->start, &now, 1000));
}

TEST_F(dev, region_rounds_up_to_pages)
{
	static const struct { __u64 in, out; } cases[] = {
		{ 1, 4096 }, { 4095, 4096 }, { 4096, 4096 },
		{ 4097, 8192 }, { 3 * 4096 + 7, 4 * 4096 },
	};
	struct st_counters now;
	struct sipc_create cr;
	struct sipc_info info;
	char name[SIPC_NAME_MAX];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		st_name(name, "round");
		ASSERT_EQ(0, st_create(self->dev, name, cases[i].in, 0, &cr));
		EXPECT_EQ(cases[i].out, cr.region_size);
		ASSERT_EQ(0, st_counters_read(&now));
		EXPECT_EQ(self->start.region_bytes + (long long)cases[i].out,
			  now.region_bytes);
		ASSERT_EQ(0, st_info(self->dev, name, &info));
		EXPECT_EQ(cases[i].out, info.region_size);
		ASSERT_EQ(0, st_destroy(self->dev, name));
	}
}

TEST_F(dev, queue_depths)
{
	static const struct { __u32 in, out; } cases[] = {
		{ 0, SIPC_QUEUE_DEPTH_DEFAULT }, { 1, 1 }, { 2, 2 },
		{ SIPC_QUEUE_DEPTH_MAX, SIPC_QUEUE_DEPTH_MAX },
	};
	struct sipc_create cr;
	struct sipc_info info;
	char name[SIPC_NAME_MAX];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		st_name(name, "depth");
		ASSERT_EQ(0, st_create(self->dev, name, 4096, cases[i].in,
					 &cr));
		EXPECT_EQ(cases[i].out, cr.queue_depth);
		ASSERT_EQ(0, st_info(self->dev, name, &info));
		EXPECT_EQ(cases[i].out, info.queue_depth);
		ASSERT_EQ(0, st_destroy(self->dev, name));
	}
}

TEST_F(dev, ids_unique_and_not_reused)
{
	char other[SIPC_NAME_MAX];
	struct sipc_info a, b, c;

	st_name(other, "other");
	ASSERT_EQ(0, st_create(self->dev, self->name, 4096, 0, NULL));
	ASSERT_EQ(0, st_create(self->dev, other, 4096, 0, NULL));
	ASSERT_EQ(0, st_info(self->dev, self->name, &a));
	ASSERT_EQ(0, st_info(self->dev, other, &b));
	EXPECT_NE(a.id, b.id);
	ASSERT_EQ(0, st_destroy(self->dev, other));
	ASSERT_EQ(0, st_destroy(self->dev, self->name));
	ASSERT_EQ(0, st_create(self->dev, self->name, 4096, 0, NULL));
	ASSERT_EQ(0, st_info(self->dev, self->name, &c));
	EXPECT_NE(a.id, c.id);
	EXPECT_NE(b.id, c.id);
}

static void expect_anon_name(struct __test_metadata *_metadata, int fd,
			     const char *want)
{
	char path[64], buf[128];
	ssize_t n;

	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	n = readlink(path, buf, sizeof(buf) - 1);
	ASSERT_LT(0, n);
	buf[n] = 0;
	EXPECT_STREQ(want, buf);
}

TEST_F(dev, attach_round_trip)
{
	struct st_counters now;
	struct sipc_ep_info es, er;
	struct sipc_info info;
	int s, r;

	ASSERT_EQ(0, st_create(self->dev, self->name, 8192, 4, NULL));
	ASSERT_EQ(0, st_info(self->dev, self->name, &info));

	s = st_attach(self->dev, self->name, SIPC_ROLE_SENDER, 0);
	ASSERT_LE(0, s);
	ASSERT_EQ(0, st_info(self->dev, self->name, &info));
	EXPECT_EQ(SIPC_STATE_SENDER, info.state);
	r = st_attach(self->dev, self->name, SIPC_ROLE_RECEIVER, 0);
	ASSERT_LE(0, r);
	ASSERT_EQ(0, st_info(self->dev, self->name, &info));
	EXPECT_EQ(SIPC_STATE_SENDER | SIPC_STATE_RECEIVER, info.state);

	ASSERT_EQ(0, st_counters_read(&now));
	EXPECT_EQ(self->start.endpoints + 2, now.endpoints);
	EXPECT_EQ(self->start.channels + 1, now.channels);

	ASSERT_EQ(0, st_ep_info(s, &es));
	EXPECT_EQ((__u32)SIPC_ROLE_SENDER, es.role);
	EXPECT_EQ(4U, es.queue_depth);
	EXPECT_EQ(8192ULL, es.region_size);
	EXPECT_EQ(info.id, es.channel_id);
	EXPECT_STREQ(self->name, es.name);
	ASSERT_EQ(0, st_ep_info(r, &er));
	EXPECT_EQ((__u32)SIPC_ROLE_RECEIVER, er.role);
	EXPECT_EQ(4U, er.queue_depth);
	EXPECT_EQ(8192ULL, er.region_size);
	EXPECT_EQ(info.id, er.channel_id);
	EXPECT_STREQ(self->name, er.name);

	expect_anon_name(_metadata, s, "anon_inode:[sipc-sender]");
	expect_anon_name(_metadata, r, "anon_inode:[sipc-receiver]");
	EXPECT_EQ(O_RDWR, fcntl(s, F_GETFL) & O_ACCMODE);
	EXPECT_EQ(O_RDONLY, fcntl(r, F_GETFL) & O_ACCMODE);

	close(s);
	ASSERT_EQ(0, st_info(self->dev, self->name, &info));
	EXPECT_EQ(SIPC_STATE_RECEIVER | SIPC_STATE_SENDER_HUP, info.state);
	close(r);
	ASSERT_EQ(0, st_info(self->dev, self->name, &info));
	EXPECT_EQ(SIPC_STATE_SENDER_HUP, info.state);
	now = self->start;
	now.channels++;
	now.region_bytes += 8192;
	EXPECT_EQ(0, st_counters_wait(&now, &now, 1000));
}

TEST_F(dev, endpoints_cloexec_by_default)
{
	int s, r;

	ASSERT_EQ(0, st_create(self->dev, self->name, 4096, 0, NULL));
	s = st_attach(self->dev, self->name, SIPC_ROLE_SENDER, 0);
	ASSERT_LE(0, s);
	r = st_attach(self->dev, self->name, SIPC_ROLE_RECEIVER, 0);
	ASSERT_LE(0, r);
	EXPECT_EQ(FD_CLOEXEC, fcntl(s, F_GETFD) & FD_CLOEXEC);
	EXPECT_EQ(FD_CLOEXEC, fcntl(r, F_GETFD) & FD_CLOEXEC);
	EXPECT_EQ(0, fcntl(s, F_GETFL) & O_NONBLOCK);
	EXPECT_EQ(0, fcntl(r, F_GETFL) & O_NONBLOCK);
	close(s);
	close(r);
}

TEST_F(dev, attach_no_cloexec)
{
	int s, r;

	ASSERT_EQ(0, st_create(self->dev, self->name, 4096, 0, NULL));
	s = st_attach(self->dev, self->name, SIPC_ROLE_SENDER,
			SIPC_ATTACH_NO_CLOEXEC);
	ASSERT_LE(0, s);
	r = st_attach(self->dev, self->name, SIPC_ROLE_RECEIVER,
			SIPC_ATTACH_NO_CLOEXEC);
	ASSERT_LE(0, r);
	EXPECT_EQ(0, fcntl(s, F_GETFD) & FD_CLOEXEC);
	EXPECT_EQ(0, fcntl(r, F_GETFD) & FD_CLOEXEC);
	close(s);
	close(r);
}

TEST_F(dev, attach_nonblock)
{
	struct sipc_msg m;
	__u64 seq;
	int s, r;

	ASSERT_EQ(0, st_create(self->dev, self->name, 4096, 0, NULL));
	s = st_attach(self->dev, self->name, SIPC_ROLE_SENDER,
			SIPC_ATTACH_NONBLOCK);
	ASSERT_LE(0, s);
	r = st_attach(self->dev, self->name, SIPC_ROLE_RECEIVER,
			SIPC_ATTACH_NONBLOCK);
	ASSERT_LE(0, r);
	EXPECT_EQ(O_NONBLOCK, fcntl(s, F_GETFL) & O_NONBLOCK);
	EXPECT_EQ(O_NONBLOCK, fcntl(r, F_GETFL) & O_NONBLOCK);
	EXPECT_EQ(FD_CLOEXEC, fcntl(s, F_GETFD) & FD_CLOEXEC);
	/* Empty queue, blocking call on a non-blocking endpoint. */
	EXPECT_EQ(-EAGAIN, st_recv(r, 0, &m));
	ASSERT_EQ(0, st_send(s, SIPC_MSG_NOOP, 0, 0, 0, &seq));
	EXPECT_EQ(-EAGAIN, st_send(s, SIPC_MSG_NOOP, 0, 0, 0, &seq));
	ASSERT_EQ(0, st_recv(r, 0, &m));
	EXPECT_EQ(seq, m.seq);
	close(s);
	close(r);
}

TEST_F(dev, list_in_creation_order)
{
	char names[3][SIPC_NAME_MAX], (*got)[SIPC_NAME_MAX];
	__u32 count = 0, total = 0, total0 = 0, i, j, k;

	ASSERT_EQ(0, st_list(self->dev, NULL, &count, &total0));
	EXPECT_EQ(0U, count);
	for (i = 0; i < 3; i++) {
		st_name(names[i], "list");
		ASSERT_EQ(0, st_create(self->dev, names[i], 4096, 0, NULL));
	}
	count = 0;
	ASSERT_EQ(0, st_list(self->dev, NULL, &count, &total));
	EXPECT_EQ(total0 + 3, total);

	got = calloc(total + 2, SIPC_NAME_MAX);
	ASSERT_NE(NULL, got);
	memset(got, 0x5a, (total + 2) * SIPC_NAME_MAX);
	count = total + 2;
	ASSERT_EQ(0, st_list(self->dev, got, &count, &total));
	EXPECT_EQ(total0 + 3, count);
	EXPECT_EQ(total0 + 3, total);
	/* Ours appear in creation order. */
	for (i = 0, k = 0; i < count && k < 3; i++)
		if (!strcmp(got[i], names[k]))
			k++;
	EXPECT_EQ(3U, k);
	/* Nothing written past count. */
	for (j = 0; j < SIPC_NAME_MAX; j++)
		EXPECT_EQ(0x5a, (unsigned char)got[count + 1][j]);

	/* A short array gets what fits; total still says all. */
	memset(got, 0x5a, 2 * SIPC_NAME_MAX);
	count = 1;
	ASSERT_EQ(0, st_list(self->dev, got, &count, &total));
	EXPECT_EQ(1U, count);
	EXPECT_EQ(total0 + 3, total);
	EXPECT_NE(NULL, memchr(got[0], 0, SIPC_NAME_MAX));
	EXPECT_EQ(0x5a, (unsigned char)got[1][0]);

	/* Destroyed channels leave the list. */
	ASSERT_EQ(0, st_destroy(self->dev, names[1]));
	count = 0;
	ASSERT_EQ(0, st_list(self->dev, NULL, &count, &total));
	EXPECT_EQ(total0 + 2, total);
	EXPECT_EQ(0, st_listed(self->dev, names[1]));
	EXPECT_EQ(1, st_listed(self->dev, names[2]));
	st_destroy(self->dev, names[0]);
	st_destroy(self->dev, names[2]);
	free(got);
}

TEST_F(dev, info_counts_messages)
{
	struct sipc_info info;
	struct sipc_msg m;
	int s, r;

	ASSERT_EQ(0, st_create(self->dev, self->name, 8192, 4, NULL));
	s = st_attach(self->dev, self->name, SIPC_ROLE_SENDER, 0);
	ASSERT_LE(0, s);
	r = st_attach(self->dev, self->name, SIPC_ROLE_RECEIVER, 0);
	ASSERT_LE(0, r);
	ASSERT_EQ(0, st_send(s, SIPC_MSG_DATA_READY, 100, 0, 0, NULL));
	ASSERT_EQ(0, st_send(s, SIPC_MSG_NOOP, 0, 0, 0, NULL));
	ASSERT_EQ(0, st_send(s, SIPC_MSG_DATA_READY, 8192, 0, 0, NULL));
	ASSERT_EQ(0, st_info(self->dev, self->name, &info));
	EXPECT_EQ(3U, info.queue_len);
	EXPECT_EQ(3ULL, info.msgs_sent);
	EXPECT_EQ(0ULL, info.msgs_received);
	EXPECT_EQ(8292ULL, info.bytes_sent);
	ASSERT_EQ(0, st_recv(r, 0, &m));
	ASSERT_EQ(0, st_info(self->dev, self->name, &info));
	EXPECT_EQ(2U, info.queue_len);
	EXPECT_EQ(1ULL, info.msgs_received);
	close(s);
	close(r);
}

TEST_F(dev, info_context)
{
	struct sipc_info info;
	char ctx[256];

	ASSERT_EQ(0, st_create(self->dev, self->name, 4096, 0, NULL));
	ASSERT_EQ(0, st_info(self->dev, self->name, &info));
	EXPECT_EQ(0ULL, info.context);

	memset(ctx, 'x', sizeof(ctx));
	st_info(self->dev, self->name, &info);
	info.context = (__u64)(uintptr_t)ctx;
	info.context_size = sizeof(ctx);
	ASSERT_EQ(0, st_ioctl(self->dev, SIPC_IOC_INFO, &info));
	if (info.context_len == 0) {
		/* No LSM gives a context: an empty string at most. */
		EXPECT_TRUE(ctx[0] == 0 || ctx[0] == 'x');
		return;
	}
	ASSERT_GT(sizeof(ctx), info.context_len);
	EXPECT_EQ(info.context_len, strnlen(ctx, sizeof(ctx)));
	TH_LOG("creator context: %s", ctx);

	/* Truncated copy: still NUL-terminated, full length reported. */
	memset(ctx, 'x', sizeof(ctx));
	st_info(self->dev, self->name, &info);
	info.context = (__u64)(uintptr_t)ctx;
	info.context_size = 2;
	ASSERT_EQ(0, st_ioctl(self->dev, SIPC_IOC_INFO, &info));
	EXPECT_LE(2U, info.context_len);
	EXPECT_EQ(0, ctx[1]);
	EXPECT_EQ('x', ctx[2]);
}

TEST_F(dev, info_label)
{
	struct sipc_info info;
	char label[256];

	ASSERT_EQ(0, st_create(self->dev, self->name, 4096, 0, NULL));
	memset(label, 'x', sizeof(label));
	st_info(self->dev, self->name, &info);
	info.label = (__u64)(uintptr_t)label;
	info.label_size = sizeof(label);
	ASSERT_EQ(0, st_ioctl(self->dev, SIPC_IOC_INFO, &info));
	if (info.label_len == 0) {
		EXPECT_TRUE(label[0] == 0 || label[0] == 'x');
		return;
	}
	ASSERT_GT(sizeof(label), info.label_len);
	EXPECT_EQ(info.label_len, strnlen(label, sizeof(label)));
	TH_LOG("channel label: %s", label);
}

/* A VER0-sized INFO neither reads nor writes the VER1 label fields. */
TEST_F(dev, info_ver0_ignores_label)
{
	struct sipc_info info;

	ASSERT_EQ(0, st_create(self->dev, self->name, 8192, 0, NULL));
	st_info(self->dev, self->name, &info);
	info.size = SIPC_INFO_SIZE_VER0;
	info.label = 1;			/* a bad pointer, if it were read */
	info.label_size = 64;
	info.label_len = 0xdeadbeef;
	ASSERT_EQ(0, st_ioctl(self->dev, SIPC_IOC_INFO, &info));
	EXPECT_EQ(8192ULL, info.region_size);
	EXPECT_EQ(0xdeadbeefU, info.label_len);
	EXPECT_EQ(1ULL, info.label);
}

TEST_F(dev, device_node)
{
	long long mode = st_param_read("dev_mode");
	struct stat st;

	if (mode < 0)
		mode = 0600;	/* the documented default */
	ASSERT_EQ(0, stat(SIPC_DEVICE_PATH, &st));
	EXPECT_TRUE(S_ISCHR(st.st_mode));
	EXPECT_EQ(mode, (long long)(st.st_mode & 07777));
	EXPECT_EQ(0U, st.st_uid);
	EXPECT_EQ(0U, st.st_gid);
}

TEST_F(dev, counters_root_only)
{
	static const char *const files[] = {
		ST_SYSFS_DIR "/channels", ST_SYSFS_DIR "/endpoints",
		ST_SYSFS_DIR "/region_bytes",
	};
	struct stat st;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(files); i++) {
		ASSERT_EQ(0, stat(files[i], &st)) {
			TH_LOG("%s: %s", files[i], strerror(errno));
		}
		EXPECT_EQ(0400U, st.st_mode & 0777) {
			TH_LOG("%s: mode %o", files[i], st.st_mode & 0777);
		}
	}
}

/* The helper pattern: a short-lived child creates the channel and exits. */
TEST_F(dev, channel_outlives_creator)
{
	struct st_chan c = { .dev = -1, .snd = -1, .rcv = -1 };
	struct sipc_info info;
	pid_t pid;
	int dev2;

	pid = st_fork();
	ASSERT_LE(0, pid);
	if (pid == 0) {
		int d = st_dev_open();

		CHILD_EXPECT(d >= 0);
		CHILD_EQ(0, st_create(d, self->name, 8192, 0, NULL));
		_exit(0);
	}
	ASSERT_EQ(0, st_reap(pid, ST_WAKE_MS));
	/* Our own /dev/sipc fd is not what keeps it: use a new one. */
	close(self->dev);
	dev2 = st_dev_open();
	ASSERT_LE(0, dev2);
	self->dev = dev2;
	ASSERT_EQ(0, st_info(self->dev, self->name, &info));
	EXPECT_EQ((__u32)pid, info.creator_pid);
	EXPECT_EQ(8192ULL, info.region_size);

	c.dev = -1;
	strcpy(c.name, self->name);
	c.region = info.region_size;
	c.snd = st_attach(self->dev, c.name, SIPC_ROLE_SENDER, 0);
	ASSERT_LE(0, c.snd);
	c.rcv = st_attach(self->dev, c.name, SIPC_ROLE_RECEIVER, 0);
	ASSERT_LE(0, c.rcv);
	EXPECT_EQ(0, st_chan_works(&c));
	st_chan_close(&c);
}

ST_TEST_MAIN
