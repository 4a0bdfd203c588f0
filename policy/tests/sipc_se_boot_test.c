// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_se_boot_test.c - the first SELinux guest test: what happens around
 * the first policy load.  Runs before the other SELinux tests, in a guest
 * where /init loaded sipc.ko before any policy.
 *
 * - A channel created before the first policy load was never labelled:
 *   nobody can attach to it afterwards (EACCES), not even an unconfined
 *   domain.  This is the documented "load the policy first" trap.
 * - /dev/sipc is born sipc_device_t: once the policy is loaded, loading
 *   sipc.ko makes kdevtmpfs create the node, and the module's named type
 *   transition (sipc.te) labels it, with no relabel step.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "kselftest_harness.h"
#include "st.h"

TEST(pre_policy_channel_cannot_be_attached)
{
	char name[SIPC_NAME_MAX];
	int dev, ep;

	if (st_policy_loaded())
		SKIP(return, "a policy is already loaded: not the first test of a fresh guest");
	st_pid_name(name, sizeof(name), "prepolicy");
	dev = st_dev_open();
	ASSERT_LE(0, dev);
	ASSERT_EQ(0, st_create(dev, name, 4096, 1, NULL));

	ASSERT_EQ(0, st_policy_load("A"));
	ASSERT_EQ(0, st_setenforce(1));

	/* kernel_t is unconfined: the refusal is the missing label. */
	ep = st_attach(dev, name, SIPC_ROLE_SENDER, 0);
	EXPECT_EQ(-EACCES, ep);
	if (ep >= 0)
		close(ep);
	ep = st_attach(dev, name, SIPC_ROLE_RECEIVER, 0);
	EXPECT_EQ(-EACCES, ep);
	if (ep >= 0)
		close(ep);
	EXPECT_EQ(0, st_destroy(dev, name));
	close(dev);
}

static int helper_create(void *arg)
{
	const char *name = arg;
	int dev, err;

	dev = st_dev_open();
	if (dev < 0)
		return 10;
	err = st_create(dev, name, 4096, 1, NULL);
	if (err)
		return 11;
	err = st_destroy(dev, name);
	if (err)
		return 12;
	close(dev);
	return 0;
}

TEST(device_born_labelled)
{
	char before[256] = "", after[256], name[SIPC_NAME_MAX];
	struct stat st;

	ASSERT_EQ(0, st_policy_load("A"));
	ASSERT_EQ(0, st_setenforce(1));
	ASSERT_EQ(1, st_getenforce());
	st_path_label(SIPC_DEVICE_PATH, before, sizeof(before));
	TH_LOG("/dev/sipc before the module reload: %s", before);

	/* What a system does at boot: the module loads after the policy. */
	ASSERT_EQ(0, st_module_reload());
	ASSERT_EQ(0, stat(SIPC_DEVICE_PATH, &st));
	ASSERT_TRUE(S_ISCHR(st.st_mode));
	ASSERT_EQ(0, st_path_label(SIPC_DEVICE_PATH, after, sizeof(after)));
	EXPECT_STREQ(ST_SE_OBJECT "sipc_device_t", after);

	/* And the labelled node is usable by a confined helper. */
	st_pid_name(name, sizeof(name), "born");
	EXPECT_EQ(0, st_run_in("helper_a_t", helper_create, name));
}

TEST(enforcing)
{
	const char *why;

	ASSERT_EQ(0, st_se_baseline(&why)) TH_LOG("baseline: %s", why);
	EXPECT_EQ(1, st_getenforce());
}

TEST_HARNESS_MAIN
