// SPDX-License-Identifier: GPL-2.0-only
/*
 * st_procfs.c - /proc inspection of a peer (see st_procfs.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>

#include "st_file.h"
#include "st_proc.h"
#include "st_procfs.h"

static char proc_state(pid_t pid)
{
	char path[64], buf[512], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (st_read_file(path, buf, sizeof(buf)) < 0)
		return '?';
	/* "pid (comm) S ...": comm may hold anything, even ") ". */
	p = strrchr(buf, ')');
	return p && p[1] && p[2] ? p[2] : '?';
}

static void proc_syscall(pid_t pid, char *buf, size_t size)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/syscall", (int)pid);
	if (st_read_file(path, buf, size) < 0)
		snprintf(buf, size, "?");
}

bool st_in_ioctl(pid_t pid, unsigned long cmd)
{
	char buf[256];
	unsigned long a0, a1;
	long nr;

	if (!st_alive(pid) || proc_state(pid) != 'S')
		return false;
	proc_syscall(pid, buf, sizeof(buf));
	if (sscanf(buf, "%ld 0x%lx 0x%lx", &nr, &a0, &a1) != 3)
		return false;
	return nr == SYS_ioctl && (cmd == ST_ANY_IOCTL || a1 == cmd);
}

int st_wait_blocked(pid_t pid, unsigned long cmd, int timeout_ms)
{
	char buf[256];
	int waited = 0;

	while (!st_in_ioctl(pid, cmd)) {
		if (waited >= timeout_ms || !st_alive(pid)) {
			proc_syscall(pid, buf, sizeof(buf));
			fprintf(stderr, "# pid %d not asleep in ioctl 0x%lx: alive %d state %c syscall %s\n",
				(int)pid, cmd, st_alive(pid), proc_state(pid),
				buf);
			return -ETIMEDOUT;
		}
		st_msleep(5);
		waited += 5;
	}
	return 0;
}

bool st_still_blocked(pid_t pid, unsigned long cmd, int ms)
{
	st_msleep(ms);
	if (st_in_ioctl(pid, cmd))
		return true;
	return st_wait_blocked(pid, cmd, 0) == 0;
}
