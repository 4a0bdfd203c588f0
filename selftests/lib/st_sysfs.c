// SPDX-License-Identifier: GPL-2.0-only
/*
 * st_sysfs.c - counters, module parameters, module reload (see st_sysfs.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "st_file.h"
#include "st_proc.h"
#include "st_sysfs.h"

int st_counters_read(struct st_counters *c)
{
	c->channels = st_read_ll(ST_SYSFS_DIR "/channels");
	c->endpoints = st_read_ll(ST_SYSFS_DIR "/endpoints");
	c->region_bytes = st_read_ll(ST_SYSFS_DIR "/region_bytes");
	if (c->channels < 0)
		return (int)c->channels;
	if (c->endpoints < 0)
		return (int)c->endpoints;
	if (c->region_bytes < 0)
		return (int)c->region_bytes;
	return 0;
}

static bool counters_eq(const struct st_counters *a,
			const struct st_counters *b)
{
	return a->channels == b->channels && a->endpoints == b->endpoints &&
	       a->region_bytes == b->region_bytes;
}

int st_counters_wait(const struct st_counters *want,
		     struct st_counters *now, int timeout_ms)
{
	int waited = 0;

	for (;;) {
		if (st_counters_read(now) == 0 && counters_eq(want, now))
			return 0;
		if (waited >= timeout_ms)
			return -EAGAIN;
		st_msleep(10);
		waited += 10;
	}
}

void st_counters_log(const char *what, const struct st_counters *c)
{
	fprintf(stderr, "# %s: channels %lld endpoints %lld region_bytes %lld\n",
		what, c->channels, c->endpoints, c->region_bytes);
}

long long st_param_read(const char *param)
{
	char path[128];

	snprintf(path, sizeof(path), ST_PARAM_DIR "/%s", param);
	return st_read_ll(path);
}

int st_param_write(const char *param, long long value)
{
	char path[128], buf[32];

	snprintf(path, sizeof(path), ST_PARAM_DIR "/%s", param);
	snprintf(buf, sizeof(buf), "%lld\n", value);
	return st_write_file(path, buf);
}

int st_module_reload(void)
{
	const char *ko = getenv("SIPC_KO");
	int fd, err = 0;

	if (!ko || !*ko)
		ko = ST_KO_DEFAULT;
	if (syscall(SYS_delete_module, "sipc", O_NONBLOCK) && errno != ENOENT)
		return -errno;
	fd = open(ko, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (syscall(SYS_finit_module, fd, "", 0))
		err = -errno;
	close(fd);
	return err;
}
