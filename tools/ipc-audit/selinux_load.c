// SPDX-License-Identifier: GPL-2.0-only
/* selinux_load.c - load the audit policies A and B (selinux_load.h). */
#include <errno.h>
#include <fcntl.h>
#include <unistd.h>
#include "selinux_load.h"

int load_policy(const char *path)
{
	static char buf[4 << 20];
	int fd = open(path, O_RDONLY), out;
	ssize_t n, w;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf));
	close(fd);
	if (n <= 0)
		return -EIO;
	out = open("/sys/fs/selinux/load", O_WRONLY);
	if (out < 0)
		return -errno;
	w = write(out, buf, n);	/* the load must be one write() */
	close(out);
	if (w != n)
		return -errno;
	out = open("/sys/fs/selinux/enforce", O_WRONLY);
	if (out < 0)
		return -errno;
	w = write(out, "1", 1);
	close(out);
	return w == 1 ? 0 : -errno;
}
