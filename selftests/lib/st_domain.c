// SPDX-License-Identifier: GPL-2.0-only
/*
 * st_domain.c - domain switching in forked children (see st_domain.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "st_domain.h"
#include "st_file.h"
#include "st_proc.h"

int st_setcon(const char *type)
{
	char want[256], got[256];
	int err;

	snprintf(want, sizeof(want), ST_SE_USER_ROLE "%s", type);
	err = st_write_file("/proc/self/attr/current", want);
	if (err)
		return err;
	err = st_read_file("/proc/self/attr/current", got, sizeof(got));
	if (err < 0)
		return err;
	return strcmp(got, want) ? -EPROTO : 0;
}

pid_t st_spawn_in(const char *type, int (*fn)(void *arg), void *arg)
{
	pid_t pid = st_fork();

	if (pid)
		return pid;
	if (st_setcon(type))
		_exit(ST_EXIT_SETCON);
	_exit(fn(arg) & 0xff);
}

int st_run_in(const char *type, int (*fn)(void *arg), void *arg)
{
	return st_reap_or_kill(st_spawn_in(type, fn, arg), 20000);
}
