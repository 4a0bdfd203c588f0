// SPDX-License-Identifier: GPL-2.0-only
/*
 * st_cpu.c - CPU pinning (see st_cpu.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>

#include "st_cpu.h"

int st_pin_one_cpu(void)
{
	cpu_set_t set;
	int cpu;

	if (sched_getaffinity(0, sizeof(set), &set))
		return -errno;
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &set))
			break;
	if (cpu == CPU_SETSIZE)
		return -EINVAL;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set) ? -errno : 0;
}
