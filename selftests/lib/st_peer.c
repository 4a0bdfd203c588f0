// SPDX-License-Identifier: GPL-2.0-only
/*
 * st_peer.c - a peer making one call (see st_peer.h).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "st_peer.h"
#include "st_proc.h"
#include "st_uapi.h"

static int peer_sig_wr = -1;

static void peer_on_sigusr1(int sig)
{
	int saved = errno;
	ssize_t n;

	n = write(peer_sig_wr, &sig, sizeof(sig));
	(void)n;	/* nothing to do about a full pipe in a handler */
	errno = saved;
}

int st_peer_start(struct st_peer *p, int fd, unsigned long cmd,
		  const struct sipc_msg *msg, int sigmode)
{
	int res[2], sig[2];

	p->pid = -1;
	p->rd = p->sig_rd = -1;
	if (pipe2(res, O_CLOEXEC))
		return -errno;
	if (pipe2(sig, O_CLOEXEC)) {
		close(res[0]);
		close(res[1]);
		return -errno;
	}
	p->pid = st_fork();
	if (p->pid < 0)
		return -errno;
	if (p->pid == 0) {
		struct sipc_msg m;
		struct sigaction sa;
		int ret;

		close(res[0]);
		close(sig[0]);
		peer_sig_wr = sig[1];
		if (sigmode != ST_PEER_NOSIG) {
			memset(&sa, 0, sizeof(sa));
			sa.sa_handler = peer_on_sigusr1;
			sa.sa_flags = sigmode == ST_PEER_SIG_RESTART ?
				      SA_RESTART : 0;
			sigaction(SIGUSR1, &sa, NULL);
		}
		if (msg) {
			m = *msg;
		} else {
			memset(&m, 0, sizeof(m));
			m.size = sizeof(m);
		}
		ret = st_ioctl(fd, cmd, &m);
		if (write(res[1], &m, sizeof(m)) != sizeof(m))
			_exit(98);
		_exit(ret < 0 ? -ret : 0);
	}
	close(res[1]);
	close(sig[1]);
	p->rd = res[0];
	p->sig_rd = sig[0];
	return 0;
}

int st_peer_handled(struct st_peer *p, int timeout_ms)
{
	int v;

	return st_get(p->sig_rd, &v, timeout_ms);
}

int st_peer_finish(struct st_peer *p, struct sipc_msg *out, int timeout_ms)
{
	struct sipc_msg m;
	int code;

	if (p->pid <= 0)
		return -ECHILD;
	code = st_reap(p->pid, timeout_ms);
	if (code == -ETIMEDOUT)
		return code;
	p->pid = -1;
	if (code >= ST_KILLED_BY(0))
		return code;			/* killed by a signal */
	if (code >= 98)
		return 1000 + code;		/* could not report (st_fork, write) */
	code = -code;				/* the call's errno, or 0 */
	if (read(p->rd, &m, sizeof(m)) == sizeof(m)) {
		if (out)
			*out = m;
	} else {
		return 1000;
	}
	return code;
}

void st_peer_kill(struct st_peer *p)
{
	if (p->pid > 0)
		st_kill(p->pid);
	p->pid = -1;
	if (p->rd >= 0)
		close(p->rd);
	if (p->sig_rd >= 0)
		close(p->sig_rd);
	p->rd = p->sig_rd = -1;
}
