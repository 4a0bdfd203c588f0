// SPDX-License-Identifier: GPL-2.0-only
/*
 * st_uapi.c - raw wrappers of the /dev/sipc ioctls (see st_uapi.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kselftest.h"
#include "st_uapi.h"

void st_require_device(void)
{
	if (access(SIPC_DEVICE_PATH, F_OK) == 0)
		return;
	ksft_print_header();
	ksft_exit_skip("%s missing: the sipc module is not loaded (insmod kmod/sipc.ko, or run the suite in the QEMU guest with `make check`)\n",
		       SIPC_DEVICE_PATH);
}

int st_ioctl(int fd, unsigned long cmd, void *arg)
{
	int ret = ioctl(fd, cmd, arg);

	return ret < 0 ? -errno : ret;
}

int st_dev_open(void)
{
	int fd = open(SIPC_DEVICE_PATH, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

void st_name(char name[SIPC_NAME_MAX], const char *tag)
{
	static unsigned int n;

	snprintf(name, SIPC_NAME_MAX, "%.24s.%d.%u", tag, (int)getpid(), ++n);
}

void st_pid_name(char *buf, size_t size, const char *tag)
{
	snprintf(buf, size, "se-%s-%d", tag, getpid());
}

/* Copies up to SIPC_NAME_MAX bytes, so a name without a NUL gets through. */
static void set_name(char dst[SIPC_NAME_MAX], const char *src)
{
	memset(dst, 0, SIPC_NAME_MAX);
	memcpy(dst, src, strnlen(src, SIPC_NAME_MAX));
}

int st_create(int dev, const char *name, __u64 region, __u32 depth,
	      struct sipc_create *out)
{
	return st_create_ex(dev, name, region, depth, 0, 0, out);
}

int st_create_ex(int dev, const char *name, __u64 region, __u32 depth,
		 __u32 slots, __u32 flags, struct sipc_create *out)
{
	struct sipc_create cr = {
		.size = sizeof(cr),
		.flags = flags,
		.region_size = region,
		.queue_depth = depth,
		.slots = slots,
	};
	int ret;

	set_name(cr.name, name);
	ret = st_ioctl(dev, SIPC_IOC_CREATE, &cr);
	if (out)
		*out = cr;
	return ret;
}

static int ref_ioctl(int dev, unsigned long cmd, const char *name,
		     __u32 flags)
{
	struct sipc_channel_ref ref;

	memset(&ref, 0, sizeof(ref));
	ref.size = sizeof(ref);
	ref.flags = flags;
	set_name(ref.name, name);
	return st_ioctl(dev, cmd, &ref);
}

int st_destroy(int dev, const char *name)
{
	return ref_ioctl(dev, SIPC_IOC_DESTROY, name, 0);
}

int st_attach(int dev, const char *name, int role, __u32 flags)
{
	return ref_ioctl(dev, role == SIPC_ROLE_SENDER ?
			 SIPC_IOC_ATTACH_SENDER : SIPC_IOC_ATTACH_RECEIVER,
			 name, flags);
}

int st_revoke(int dev, const char *name, __u32 flags)
{
	return ref_ioctl(dev, SIPC_IOC_REVOKE, name, flags);
}

int st_info_labels(int dev, const char *name, struct sipc_info *info,
		   char *context, size_t csize, char *label, size_t lsize)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	set_name(info->name, name);
	info->context = (uintptr_t)context;
	info->context_size = context ? csize : 0;
	info->label = (uintptr_t)label;
	info->label_size = label ? lsize : 0;
	return st_ioctl(dev, SIPC_IOC_INFO, info);
}

int st_info(int dev, const char *name, struct sipc_info *info)
{
	return st_info_labels(dev, name, info, NULL, 0, NULL, 0);
}

int st_ep_info(int fd, struct sipc_ep_info *ei)
{
	memset(ei, 0, sizeof(*ei));
	ei->size = sizeof(*ei);
	return st_ioctl(fd, SIPC_IOC_EP_INFO, ei);
}

int st_send(int fd, __u32 type, __u32 len, __u64 off, __u32 flags,
	    __u64 *seq)
{
	struct sipc_msg m = {
		.size = sizeof(m),
		.flags = flags,
		.type = type,
		.len = len,
		.offset = off,
	};
	int ret = st_ioctl(fd, SIPC_IOC_SEND, &m);

	if (!ret && seq)
		*seq = m.seq;
	return ret;
}

int st_recv(int fd, __u32 flags, struct sipc_msg *msg)
{
	memset(msg, 0, sizeof(*msg));
	msg->size = sizeof(*msg);
	msg->flags = flags;
	return st_ioctl(fd, SIPC_IOC_RECV, msg);
}

int st_version(int fd, struct sipc_version *v)
{
	memset(v, 0, sizeof(*v));
	v->size = sizeof(*v);
	return st_ioctl(fd, SIPC_IOC_VERSION, v);
}

int st_list(int dev, char (*names)[SIPC_NAME_MAX], __u32 *count,
	    __u32 *total)
{
	struct sipc_list l = {
		.size = sizeof(l),
		.names = (__u64)(uintptr_t)names,
		.count = *count,
	};
	int ret = st_ioctl(dev, SIPC_IOC_LIST, &l);

	if (!ret) {
		*count = l.count;
		if (total)
			*total = l.total;
	}
	return ret;
}

int st_list_total(int dev)
{
	__u32 count = 0, total = 0;
	int ret = st_list(dev, NULL, &count, &total);

	return ret ? ret : (int)total;
}

int st_listed(int dev, const char *name)
{
	char (*names)[SIPC_NAME_MAX];
	__u32 count = 0, total = 0, i;
	int ret = st_list(dev, NULL, &count, &total);

	if (ret)
		return ret;
	/* Room for channels created between the two calls. */
	count = total + 8;
	names = calloc(count, SIPC_NAME_MAX);
	if (!names)
		return -ENOMEM;
	ret = st_list(dev, names, &count, &total);
	if (!ret) {
		for (i = 0; i < count; i++)
			if (!strncmp(names[i], name, SIPC_NAME_MAX))
				ret = 1;
	}
	free(names);
	return ret;
}

void st_cleanup(const char *name)
{
	int dev = st_dev_open();

	if (dev < 0)
		return;
	st_destroy(dev, name);
	close(dev);
}

void *st_map(int fd, size_t len, int prot, off_t off)
{
	return mmap(NULL, len, prot, MAP_SHARED, fd, off);
}

int st_poll1(int fd, short events, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = events };
	int ret = poll(&p, 1, timeout_ms);

	if (ret < 0)
		return -errno;
	return ret ? p.revents : 0;
}
