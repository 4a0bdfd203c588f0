// SPDX-License-Identifier: GPL-2.0-only
/*
 * peer.c - the identity of a forked peer (peer.h): one unprivileged uid for
 * all of them, so that only SELinux (on the enforcing guest) tells them apart.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <stdio.h>
#include <unistd.h>
#include "audit.h"
#include "peer.h"

int peer_become(const struct audit_opts *o, const char *type)
{
	return peer_become_as(o, AUDIT_UID, type);
}

int peer_become_as(const struct audit_opts *o, unsigned int uid, const char *type)
{
	char want[128];
	int fd, n;

	if (getuid() == 0) {
		if (setgroups(0, NULL) || setgid(uid) || setuid(uid))
			return -errno;
	}
	if (!o->selinux || !type)
		return 0;
	n = snprintf(want, sizeof(want), "user_u:base_r:%s", type);
	fd = open("/proc/self/attr/current", O_WRONLY);
	if (fd < 0)
		return -errno;
	if (write(fd, want, n) != n) {
		n = -errno;
		close(fd);
		return n;
	}
	close(fd);
	return 0;
}
