// SPDX-License-Identifier: GPL-2.0-only
/*
 * st_policy_load.c - the SELinux policy loader (see st_policy_load.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "st_policy_load.h"

int st_policy_load_file(const char *path)
{
	struct stat st;
	char *buf;
	ssize_t n;
	int fd, err = 0;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || st.st_size <= 0) {
		close(fd);
		return -EINVAL;
	}
	buf = malloc(st.st_size);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	n = read(fd, buf, st.st_size);
	close(fd);
	if (n != st.st_size) {
		free(buf);
		return n < 0 ? -errno : -EIO;
	}
	fd = open("/sys/fs/selinux/load", O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
	} else {
		n = write(fd, buf, st.st_size);
		if (n < 0)
			err = -errno;
		else if (n != st.st_size)
			err = -EIO;
		close(fd);
	}
	free(buf);
	return err;
}
