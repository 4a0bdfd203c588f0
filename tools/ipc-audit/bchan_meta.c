// SPDX-License-Identifier: GPL-2.0-only
/*
 * bchan_meta.c - the commands' metadata as receiver-to-sender channels:
 * INFO field by field, EP_INFO, LIST, CREATE, DESTROY, REVOKE and ATTACH
 * (EBUSY) (bchan_sipc.c has the table).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/sipc.h>
#include "bchan.h"
#include "bchan_sipc.h"
#include "sipc_raw.h"

/* ---- INFO, one field at a time ---- */

int sc_info_s_init(struct bctx *c)
{
	int err = sc_s_ep_fill(c);

	if (err)
		return err;
	c->step = "open " SIPC_DEVICE_PATH;
	c->fd[2] = bc_dev();
	return c->fd[2] < 0 ? c->fd[2] : 0;
}

static int info(struct bctx *c, struct sipc_info *in)
{
	memset(in, 0, sizeof(*in));
	in->size = sizeof(*in);
	sc_nm(c, 1, in->name);
	return ioctl(c->fd[2], SIPC_IOC_INFO, in) ? -errno : 0;
}

int sc_qlen_obs(struct bctx *c, double *y)
{
	struct sipc_info in;
	int err = info(c, &in);

	if (!err)
		*y = in.queue_len;
	sc_fill(c->fd[0]);
	return err;
}

int sc_recvd_obs(struct bctx *c, double *y)
{
	struct sipc_info in;
	int err = info(c, &in);

	if (!err) {
		*y = (double)(in.msgs_received - (uint64_t)c->v[0]);
		c->v[0] = (long)in.msgs_received;
	}
	sc_fill(c->fd[0]);
	return err;
}

/* R holds the receiver role iff x == 0 */
int sc_role_enc(struct bctx *c, int x)
{
	if (x && c->fd[1] > 0) {
		close(c->fd[1]);
		c->fd[1] = 0;
	} else if (!x && c->fd[1] <= 0) {
		int err = sc_r_ep(c);

		if (err) {
			c->fd[1] = 0;
			return err;
		}
	}
	return 0;
}

int sc_state_obs(struct bctx *c, double *y)
{
	struct sipc_info in;
	int err = info(c, &in);

	if (!err)
		*y = in.state;
	return err;
}

/* EP_INFO on S's own endpoint: every byte of the answer */
int sc_epinfo_obs(struct bctx *c, double *y)
{
	struct sipc_ep_info e = { .size = sizeof(e) };
	const unsigned char *p = (const unsigned char *)&e;
	size_t j;

	if (ioctl(c->fd[0], SIPC_IOC_EP_INFO, &e))
		return -errno;
	*y = 0;
	for (j = 0; j < sizeof(e); j++)
		*y = sc_fold(*y, p[j]);
	sc_fill(c->fd[0]);
	return 0;
}

/* ---- LIST, CREATE, DESTROY, REVOKE, ATTACH ---- */

int sc_list_s_init(struct bctx *c)
{
	c->fd[2] = bc_dev();
	return c->fd[2] < 0 ? c->fd[2] : 0;
}

/* R: create or destroy its own channels until x of them exist */
int sc_list_enc(struct bctx *c, int x)
{
	char n[SIPC_NAME_MAX];
	int err;

	while (c->v[0] < x) {
		sc_nm(c, 100 + (int)c->v[0], n);
		if ((err = sipc_raw_create(n, 1, 1, 0)))
			return err;
		c->v[0]++;
	}
	while (c->v[0] > x) {
		sc_nm(c, 100 + (int)c->v[0] - 1, n);
		if ((err = sipc_raw_ref(SIPC_IOC_DESTROY, n, 0)) < 0)
			return err;
		c->v[0]--;
	}
	return 0;
}

int sc_list_obs(struct bctx *c, double *y)
{
	struct sipc_list l = { .size = sizeof(l) };

	if (ioctl(c->fd[2], SIPC_IOC_LIST, &l))
		return -errno;
	*y = l.total;
	return 0;
}

int sc_exist_enc(struct bctx *c, int x)
{
	return sc_list_enc(c, x);
}

/* S: ATTACH_SENDER on R's name: 1 attached, 0 ENOENT, else 10 + errno */
int sc_exist_obs(struct bctx *c, double *y)
{
	char n[SIPC_NAME_MAX];
	int fd;

	sc_nm(c, 100, n);
	fd = sipc_raw_ref(SIPC_IOC_ATTACH_SENDER, n, 0);
	if (fd >= 0)
		close(fd);
	*y = fd >= 0 ? 1 : fd == -ENOENT ? 0 : 10 - fd;
	return fd == -EACCES || fd == -EPERM ? fd : 0;
}

int sc_destroy_enc(struct bctx *c, int x)
{
	char n[SIPC_NAME_MAX];
	int err;

	if (!x)
		return 0;
	sc_nm(c, 1, n);
	err = sipc_raw_ref(SIPC_IOC_DESTROY, n, 0);
	if (err < 0)
		return err;
	err = sipc_raw_create(n, 1, 1, 0);
	if (err)
		return err;
	return 0;
}

int sc_revoke_enc(struct bctx *c, int x)
{
	char n[SIPC_NAME_MAX];
	int err;

	if (!x)
		return 0;
	sc_nm(c, 1, n);
	err = sipc_raw_ref(SIPC_IOC_REVOKE, n, SIPC_REVOKE_SENDER);
	return err < 0 ? err : 0;
}

/* S: SEND's result; a lost endpoint is replaced (and the queue refilled) */
int sc_send_obs(struct bctx *c, double *y)
{
	int err = sc_msg(c->fd[0], SIPC_IOC_SEND);

	*y = -err;
	if (err && err != -EAGAIN) {
		close(c->fd[0]);
		if (!sc_s_ep(c))
			sc_fill(c->fd[0]);
	}
	return 0;
}

int sc_busy_obs(struct bctx *c, double *y)
{
	int fd = sc_attach1(c, SIPC_IOC_ATTACH_RECEIVER);

	if (fd >= 0)
		close(fd);
	*y = fd >= 0 ? 0 : -fd;
	return fd == -EACCES || fd == -EPERM ? fd : 0;
}

