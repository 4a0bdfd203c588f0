// SPDX-License-Identifier: GPL-2.0-only
/*
 * selinux_load.c - load an audit policy and enforce it (selinux_load.h).
 * The load itself is the test library's one loader (st_policy_load.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "selinux_load.h"
#include "st_policy_load.h"

int load_policy(const char *path)
{
	int err = st_policy_load_file(path), out;
	ssize_t w;

	if (err)
		return err;
	out = open("/sys/fs/selinux/enforce", O_WRONLY | O_CLOEXEC);
	if (out < 0)
		return -errno;
	w = write(out, "1", 1);
	close(out);
	return w == 1 ? 0 : -errno;
}
