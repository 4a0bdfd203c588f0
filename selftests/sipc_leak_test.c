// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_leak_test - nothing is left behind by a whole run.
 *
 *   sipc_leak_test save     (first in guest-tests.list) records the sysfs
 *                           counters and the channel list
 *   sipc_leak_test check    (after the other tests) finds them unchanged:
 *                           no channel, endpoint or region byte leaked
 *
 * The record is kept in $SIPC_LEAK_FILE (default /tmp/sipc-leak.start).
 */
#define _GNU_SOURCE
#include <stdlib.h>

#include "sipc_harness.h"
#include "st.h"

static const char *mode = "check";

static const char *record_path(void)
{
	const char *p = getenv("SIPC_LEAK_FILE");

	return p && *p ? p : "/tmp/sipc-leak.start";
}

static void log_names(int dev)
{
	char (*names)[SIPC_NAME_MAX];
	__u32 count = 0, total = 0, i;

	if (st_list(dev, NULL, &count, &total) || !total)
		return;
	names = calloc(total, SIPC_NAME_MAX);
	if (!names)
		return;
	count = total;
	if (!st_list(dev, names, &count, &total))
		for (i = 0; i < count; i++)
			fprintf(stderr, "# channel left: %.64s\n", names[i]);
	free(names);
}

/* (A fixture rather than TEST(): the 6.1 TEST() trips -Wextra.) */
FIXTURE(leak) {
	int dev;
};

FIXTURE_SETUP(leak)
{
	self->dev = st_dev_open();
	ASSERT_LE(0, self->dev);
}

FIXTURE_TEARDOWN(leak)
{
	close(self->dev);
}

TEST_F(leak, counters)
{
	struct st_counters now, then;
	__u32 count = 0, total = 0, then_total;
	int dev = self->dev;
	FILE *f;

	ASSERT_EQ(0, st_counters_read(&now));
	ASSERT_EQ(0, st_list(dev, NULL, &count, &total));
	/* Destroyed channels still held count, listed ones always do. */
	EXPECT_LE((long long)total, now.channels);

	if (!strcmp(mode, "save")) {
		f = fopen(record_path(), "w");
		ASSERT_NE(NULL, f);
		fprintf(f, "%lld %lld %lld %u\n", now.channels, now.endpoints,
			now.region_bytes, total);
		ASSERT_EQ(0, fclose(f));
		st_counters_log("start of run", &now);
		return;
	}

	f = fopen(record_path(), "r");
	if (!f) {
		SKIP(return, "no %s: run `sipc_leak_test save` first",
		     record_path());
	}
	ASSERT_EQ(4, fscanf(f, "%lld %lld %lld %u", &then.channels,
			    &then.endpoints, &then.region_bytes, &then_total));
	fclose(f);
	EXPECT_EQ(0, st_counters_wait(&then, &now, 3000)) {
		st_counters_log("start of run", &then);
		st_counters_log("now", &now);
	}
	ASSERT_EQ(0, st_list(dev, NULL, &count, &total));
	EXPECT_EQ(then_total, total) {
		log_names(dev);
	}
}

int main(int argc, char **argv)
{
	if (argc > 1)
		mode = argv[1];
	if (strcmp(mode, "save") && strcmp(mode, "check")) {
		fprintf(stderr, "usage: %s [save|check]\n", argv[0]);
		return KSFT_FAIL;
	}
	st_require_device();
	return test_harness_run(1, argv);
}
