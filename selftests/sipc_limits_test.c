// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_limits_test - the runtime limits in /sys/module/sipc/parameters:
 * max_channels and max_total_region give ENOSPC when reached (with
 * nothing else changed), max_region_size EINVAL above it.  A destroyed
 * channel still held by an endpoint keeps counting.  The parameters are
 * restored afterwards.
 */
#define _GNU_SOURCE

#include "sipc_harness.h"
#include "st.h"

#define NNAMES 8

FIXTURE(limits) {
	int dev;
	struct st_counters start;
	long long max_channels, max_region_size, max_total_region;
	char names[NNAMES][SIPC_NAME_MAX];
};

FIXTURE_SETUP(limits)
{
	int i;

	ASSERT_EQ(0, st_counters_read(&self->start));
	self->max_channels = st_param_read("max_channels");
	self->max_region_size = st_param_read("max_region_size");
	self->max_total_region = st_param_read("max_total_region");
	ASSERT_LT(0, self->max_channels);
	ASSERT_LT(0, self->max_region_size);
	ASSERT_LT(0, self->max_total_region);
	self->dev = st_dev_open();
	ASSERT_LE(0, self->dev);
	for (i = 0; i < NNAMES; i++)
		st_name(self->names[i], "limit");
}

FIXTURE_TEARDOWN(limits)
{
	int i;

	EXPECT_EQ(0, st_param_write("max_channels", self->max_channels));
	EXPECT_EQ(0, st_param_write("max_region_size",
				      self->max_region_size));
	EXPECT_EQ(0, st_param_write("max_total_region",
				      self->max_total_region));
	for (i = 0; i < NNAMES; i++)
		st_destroy(self->dev, self->names[i]);
	close(self->dev);
	ST_EXPECT_COUNTERS_BACK(&self->start);
}

/* CREATE fails with err and changes nothing at all. */
static void expect_refused(struct __test_metadata *_metadata,
			   FIXTURE_DATA(limits) *self, const char *name,
			   __u64 region, int err)
{
	struct st_counters before, after;
	__u32 count = 0, total0 = 0, total1 = 0;

	ASSERT_EQ(0, st_counters_read(&before));
	ASSERT_EQ(0, st_list(self->dev, NULL, &count, &total0));
	EXPECT_EQ(err, st_create(self->dev, name, region, 0, NULL));
	ASSERT_EQ(0, st_counters_read(&after));
	EXPECT_EQ(before.channels, after.channels);
	EXPECT_EQ(before.endpoints, after.endpoints);
	EXPECT_EQ(before.region_bytes, after.region_bytes);
	ASSERT_EQ(0, st_list(self->dev, NULL, &count, &total1));
	EXPECT_EQ(total0, total1);
	EXPECT_EQ(0, st_listed(self->dev, name));
}

TEST_F(limits, max_channels_enospc)
{
	ASSERT_EQ(0, st_param_write("max_channels",
				      self->start.channels + 2));
	EXPECT_EQ(self->start.channels + 2, st_param_read("max_channels"));
	ASSERT_EQ(0, st_create(self->dev, self->names[0], 4096, 0, NULL));
	ASSERT_EQ(0, st_create(self->dev, self->names[1], 4096, 0, NULL));
	expect_refused(_metadata, self, self->names[2], 4096, -ENOSPC);
	/* Room again after a destroy. */
	ASSERT_EQ(0, st_destroy(self->dev, self->names[0]));
	EXPECT_EQ(0, st_create(self->dev, self->names[2], 4096, 0, NULL));
	expect_refused(_metadata, self, self->names[3], 4096, -ENOSPC);
	/* Raising the limit takes effect at once. */
	ASSERT_EQ(0, st_param_write("max_channels",
				      self->start.channels + 3));
	EXPECT_EQ(0, st_create(self->dev, self->names[3], 4096, 0, NULL));
}

TEST_F(limits, destroyed_but_held_still_counts)
{
	int fd;

	ASSERT_EQ(0, st_param_write("max_channels",
				      self->start.channels + 1));
	ASSERT_EQ(0, st_create(self->dev, self->names[0], 4096, 0, NULL));
	fd = st_attach(self->dev, self->names[0], SIPC_ROLE_RECEIVER, 0);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, st_destroy(self->dev, self->names[0]));
	expect_refused(_metadata, self, self->names[1], 4096, -ENOSPC);
	close(fd);
	EXPECT_EQ(0, st_create(self->dev, self->names[1], 4096, 0, NULL));
}

TEST_F(limits, max_total_region_enospc)
{
	ASSERT_EQ(0, st_param_write("max_total_region",
				      self->start.region_bytes + 3 * 4096));
	ASSERT_EQ(0, st_create(self->dev, self->names[0], 2 * 4096, 0,
				 NULL));
	expect_refused(_metadata, self, self->names[1], 2 * 4096, -ENOSPC);
	/* Counted in whole pages: 1 byte takes the last page ... */
	ASSERT_EQ(0, st_create(self->dev, self->names[2], 1, 0, NULL));
	/* ... and then even 1 more byte does not fit. */
	expect_refused(_metadata, self, self->names[3], 1, -ENOSPC);
	ASSERT_EQ(0, st_destroy(self->dev, self->names[0]));
	EXPECT_EQ(0, st_create(self->dev, self->names[1], 2 * 4096, 0,
				 NULL));
}

TEST_F(limits, max_region_size_einval)
{
	ASSERT_EQ(0, st_param_write("max_region_size", 2 * 4096));
	EXPECT_EQ(0, st_create(self->dev, self->names[0], 2 * 4096, 0,
				 NULL));
	expect_refused(_metadata, self, self->names[1], 2 * 4096 + 1,
		       -EINVAL);
	ASSERT_EQ(0, st_param_write("max_region_size",
				      self->max_region_size));
	EXPECT_EQ(0, st_create(self->dev, self->names[1], 2 * 4096 + 1, 0,
				 NULL));
}

/* A limit only refuses new channels: existing ones keep working. */
TEST_F(limits, existing_channels_unaffected)
{
	struct st_chan c;

	ASSERT_EQ(0, st_chan_open(&c, "lim", 4096, 1));
	/* Both limits exactly at what is in use now. */
	ASSERT_EQ(0, st_param_write("max_channels",
				      self->start.channels + 1));
	ASSERT_EQ(0, st_param_write("max_total_region",
				      self->start.region_bytes + 4096));
	expect_refused(_metadata, self, self->names[0], 4096, -ENOSPC);
	EXPECT_EQ(0, st_chan_works(&c));
	st_chan_close(&c);
}

ST_TEST_MAIN
