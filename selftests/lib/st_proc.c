// SPDX-License-Identifier: GPL-2.0-only
/*
 * st_proc.c - process control (see st_proc.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>

#include "st_proc.h"

void st_msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

pid_t st_fork(void)
{
	pid_t parent = getpid(), pid;

	/* Else the child's exit flushes the parent's pending output twice. */
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		/* The parent may have died before the prctl took effect. */
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
			_exit(99);
	}
	return pid;
}

/*
 * Time is counted in sleeps, not read from a clock: under TCG a sleep
 * often lasts longer than asked, so the limit errs on the patient side.
 */
int st_reap(pid_t pid, int timeout_ms)
{
	int status, waited = 0;

	if (pid <= 0)
		return -ECHILD;
	for (;;) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			break;
		if (r < 0)
			return -errno;
		if (waited >= timeout_ms)
			return -ETIMEDOUT;
		st_msleep(5);
		waited += 5;
	}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return ST_KILLED_BY(WTERMSIG(status));
}

int st_reap_or_kill(pid_t pid, int timeout_ms)
{
	int ret = st_reap(pid, timeout_ms);

	if (ret == -ETIMEDOUT)
		st_kill(pid);
	return ret;
}

void st_kill(pid_t pid)
{
	if (pid <= 0)
		return;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

bool st_alive(pid_t pid)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, pid, &si, WEXITED | WNOHANG | WNOWAIT))
		return false;
	return si.si_pid == 0;
}

int st_put(int fd, int val)
{
	return write(fd, &val, sizeof(val)) == sizeof(val) ? 0 : -EPIPE;
}

int st_get(int fd, int *val, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n;
	int ret;

	do
		ret = poll(&p, 1, timeout_ms);
	while (ret < 0 && errno == EINTR);
	if (ret == 0)
		return -ETIMEDOUT;
	n = read(fd, val, sizeof(*val));
	if (n == sizeof(*val))
		return 0;
	return -EPIPE;
}

void *st_shared_alloc(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

int st_wait_flag(volatile int *flag, int timeout_ms)
{
	int waited = 0;

	while (!__atomic_load_n(flag, __ATOMIC_ACQUIRE)) {
		if (waited >= timeout_ms)
			return -ETIMEDOUT;
		st_msleep(1);
		waited += 1;
	}
	return 0;
}

int st_send_fd(int sock, int fd)
{
	char cbuf[CMSG_SPACE(sizeof(int))] = { 0 }, b = 'f';
	struct iovec iov = { .iov_base = &b, .iov_len = 1 };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c = CMSG_FIRSTHDR(&mh);

	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(sizeof(int));
	memcpy(CMSG_DATA(c), &fd, sizeof(int));
	return sendmsg(sock, &mh, 0) == 1 ? 0 : -errno;
}

int st_recv_fd(int sock)
{
	char cbuf[CMSG_SPACE(sizeof(int))], b;
	struct iovec iov = { .iov_base = &b, .iov_len = 1 };
	struct msghdr mh = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = cbuf, .msg_controllen = sizeof(cbuf),
	};
	struct cmsghdr *c;
	int fd;

	if (recvmsg(sock, &mh, 0) != 1)
		return -errno;
	c = CMSG_FIRSTHDR(&mh);
	if (!c || c->cmsg_type != SCM_RIGHTS)
		return -EPROTO;
	memcpy(&fd, CMSG_DATA(c), sizeof(int));
	return fd;
}
