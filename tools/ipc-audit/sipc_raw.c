// SPDX-License-Identifier: GPL-2.0-only
/* sipc_raw.c - raw /dev/sipc commands (sipc_raw.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <linux/sipc.h>
#include "sipc_raw.h"

int sipc_raw_dev(void)
{
	int fd = open(SIPC_DEVICE_PATH, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int sipc_raw_create(const char *name, unsigned int pages, unsigned int depth,
		    unsigned int slots)
{
	struct sipc_create cr = { .size = sizeof(cr), .region_size = (uint64_t)4096 * pages,
				  .queue_depth = depth, .slots = slots };
	int d = sipc_raw_dev(), r;

	if (d < 0)
		return d;
	strncpy(cr.name, name, sizeof(cr.name) - 1);
	r = ioctl(d, SIPC_IOC_CREATE, &cr) ? -errno : 0;
	close(d);
	return r;
}

int sipc_raw_ref(unsigned long cmd, const char *name, unsigned int flags)
{
	struct sipc_channel_ref ref = { .size = sizeof(ref), .flags = flags };
	int d = sipc_raw_dev(), r;

	if (d < 0)
		return d;
	strncpy(ref.name, name, sizeof(ref.name) - 1);
	r = ioctl(d, cmd, &ref);
	r = r < 0 ? -errno : r;
	close(d);
	return r;
}
