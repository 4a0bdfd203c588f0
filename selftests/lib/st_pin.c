// SPDX-License-Identifier: GPL-2.0-only
/*
 * st_pin.c - try the page-pinning routes (see st_pin.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
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
