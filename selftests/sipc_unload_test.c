// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_unload_test - module unload (runs LAST: it unloads sipc.ko).
 *
 * delete_module("sipc") is refused (EWOULDBLOCK or EBUSY) while /dev/sipc
 * or an endpoint is open, or a region is mapped; with nothing in use it
 * succeeds, frees every channel, and removes /dev/sipc.  The module is
 * then loaded again from $SIPC_KO (default /lib/sipc/sipc.ko) with
 * finit_module, so the guest is left as it was: loaded, no channels.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>

#include "sipc_harness.h"
#include "st.h"

static const char *ko_path(void)
{
	const char *p = getenv("SIPC_KO");

	return p && *p ? p : ST_KO_DEFAULT;
}

static int unload(void)
{
	return syscall(SYS_delete_module, "sipc", O_NONBLOCK) ? -errno : 0;
}

static int load(void)
{
	int fd = open(ko_path(), O_RDONLY | O_CLOEXEC), ret;

	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, "", 0) ? -errno : 0;
	close(fd);
	return ret;
}

static bool loaded(void)
{
	return access(ST_MODULE_DIR, F_OK) == 0;
}

/* Wait until /dev/sipc exists (or not); true when it did in time. */
static bool dev_present_within(bool want, int ms)
{
	int waited = 0;

	while ((access(SIPC_DEVICE_PATH, F_OK) == 0) != want) {
		if (waited >= ms)
			return false;
		st_msleep(10);
		waited += 10;
	}
	return true;
}

FIXTURE(unload) {
	struct st_chan ch;
};

FIXTURE_SETUP(unload)
{
	self->ch.dev = self->ch.snd = self->ch.rcv = -1;
	ASSERT_TRUE(loaded());
	ASSERT_EQ(0, access(ko_path(), R_OK)) {
		TH_LOG("%s: cannot reload the module from there (set SIPC_KO)",
		       ko_path());
	}
}

FIXTURE_TEARDOWN(unload)
{
	st_chan_close(&self->ch);
	/* Whatever happened, leave the module loaded. */
	if (!loaded()) {
		EXPECT_EQ(0, load());
		EXPECT_TRUE(dev_present_within(true, 5000));
	}
}

static void expect_refused(struct __test_metadata *_metadata)
{
	int ret = unload();

	EXPECT_TRUE(ret == -EWOULDBLOCK || ret == -EBUSY) {
		TH_LOG("delete_module: %d (%s)", ret, strerror(-ret));
	}
	ASSERT_TRUE(loaded());
	EXPECT_EQ(0, access(SIPC_DEVICE_PATH, F_OK));
}

TEST_F(unload, refused_while_dev_open)
{
	self->ch.dev = st_dev_open();
	ASSERT_LE(0, self->ch.dev);
	expect_refused(_metadata);
	/* Still working. */
	st_name(self->ch.name, "unl");
	EXPECT_EQ(0, st_create(self->ch.dev, self->ch.name, 4096, 0, NULL));
}

TEST_F(unload, refused_while_endpoint_open)
{
	ASSERT_EQ(0, st_chan_open(&self->ch, "unl", 4096, 1));
	st_chan_unmap_snd(&self->ch);
	st_chan_unmap_rcv(&self->ch);
	close(self->ch.rcv);
	self->ch.rcv = -1;
	close(self->ch.dev);
	self->ch.dev = -1;
	/* Only a sender endpoint is open now. */
	expect_refused(_metadata);
	EXPECT_EQ(0, st_send(self->ch.snd, SIPC_MSG_NOOP, 0, 0, 0, NULL));
	close(self->ch.snd);
	self->ch.snd = -1;
	self->ch.dev = st_dev_open();
	ASSERT_LE(0, self->ch.dev);
}

TEST_F(unload, refused_while_region_mapped)
{
	__u64 key = 5 + getpid();

	ASSERT_EQ(0, st_chan_open(&self->ch, "unl", 2 * 4096, 1));
	st_fill(self->ch.smap, self->ch.region, key);
	st_chan_unmap_snd(&self->ch);
	close(self->ch.snd);
	close(self->ch.rcv);
	close(self->ch.dev);
	self->ch.snd = self->ch.rcv = self->ch.dev = -1;
	/* Only the receiver's mapping is left. */
	expect_refused(_metadata);
	EXPECT_EQ(-1, st_check(self->ch.rmap, self->ch.region, key));
	st_chan_unmap_rcv(&self->ch);
	self->ch.dev = st_dev_open();
	ASSERT_LE(0, self->ch.dev);
}

TEST_F(unload, unload_when_idle_then_reload)
{
	struct st_counters c;
	char names[2][SIPC_NAME_MAX];
	__u32 count = 0, total = 1;
	int dev, i, ret;

	/* Channels nobody holds: unloading frees them. */
	dev = st_dev_open();
	ASSERT_LE(0, dev);
	for (i = 0; i < 2; i++) {
		st_name(names[i], "unl");
		ASSERT_EQ(0, st_create(dev, names[i], 4096 << i, 64, NULL));
	}
	close(dev);

	ret = unload();
	ASSERT_EQ(0, ret) {
		TH_LOG("delete_module with nothing open: %s", strerror(-ret));
	}
	EXPECT_FALSE(loaded());
	EXPECT_TRUE(dev_present_within(false, 5000));

	ASSERT_EQ(0, load());
	ASSERT_TRUE(loaded());
	ASSERT_TRUE(dev_present_within(true, 5000));
	ASSERT_EQ(0, st_counters_read(&c));
	EXPECT_EQ(0, c.channels);
	EXPECT_EQ(0, c.endpoints);
	EXPECT_EQ(0, c.region_bytes);
	dev = st_dev_open();
	ASSERT_LE(0, dev);
	ASSERT_EQ(0, st_list(dev, NULL, &count, &total));
	EXPECT_EQ(0U, total);
	close(dev);
	/* And the fresh module works. */
	ASSERT_EQ(0, st_chan_open(&self->ch, "reload", 4096, 1));
	EXPECT_EQ(0, st_chan_works(&self->ch));
}

ST_TEST_MAIN
