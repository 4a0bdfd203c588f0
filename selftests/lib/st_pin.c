// SPDX-License-Identifier: GPL-2.0-only
/*
 * st_pin.c - try the page-pinning routes (see st_pin.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/io_uring.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "st_pin.h"

int st_try_vmsplice(void *p, size_t len)
{
	struct iovec iov = { .iov_base = p, .iov_len = len };
	int pfd[2], ret;

	/* Non-blocking: a page that did go in must not stall the caller. */
	if (pipe2(pfd, O_CLOEXEC | O_NONBLOCK))
		return -errno;
	ret = vmsplice(pfd[1], &iov, 1, 0) < 0 ? -errno : 0;
	close(pfd[0]);
	close(pfd[1]);
	return ret;
}

int st_try_process_vm_readv(void *p, size_t len)
{
	char buf[64];
	struct iovec local = { .iov_base = buf, .iov_len = sizeof(buf) };
	struct iovec remote = { .iov_base = p,
				.iov_len = len < sizeof(buf) ? len : sizeof(buf) };

	return process_vm_readv(getpid(), &local, 1, &remote, 1, 0) < 0 ?
	       -errno : 0;
}

int st_try_process_vm_writev(void *p)
{
	char buf[64] = { 0x5a };
	struct iovec local = { .iov_base = buf, .iov_len = sizeof(buf) };
	struct iovec remote = { .iov_base = p, .iov_len = sizeof(buf) };

	return process_vm_writev(getpid(), &local, 1, &remote, 1, 0) < 0 ?
	       -errno : 0;
}

int st_try_io_uring_register(void *p, size_t len)
{
	struct io_uring_params params = { 0 };
	struct iovec iov = { .iov_base = p, .iov_len = len };
	int ring, ret;

	ring = syscall(__NR_io_uring_setup, 4, &params);
	if (ring < 0)
		return -ENOSYS;
	ret = syscall(__NR_io_uring_register, ring, IORING_REGISTER_BUFFERS,
		      &iov, 1) < 0 ? -errno : 0;
	close(ring);
	return ret;
}

/*
 * O_DIRECT needs a file system or block device that supports it (tmpfs
 * does not in 6.1): brd gives a RAM disk; a kernel it does not fit
 * refuses it, and then there is no such device.
 */
int st_ramdisk_open(void)
{
	int ko, fd;

	if (access(ST_RAMDISK, F_OK)) {
		ko = open("/lib/sipc/brd.ko", O_RDONLY | O_CLOEXEC);
		if (ko >= 0) {
			syscall(__NR_finit_module, ko, "rd_nr=1 rd_size=1024", 0);
			close(ko);
		}
	}
	fd = open(ST_RAMDISK, O_RDWR | O_DIRECT | O_CLOEXEC);
	return fd < 0 ? -errno : fd;
}
