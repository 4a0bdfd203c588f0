// SPDX-License-Identifier: GPL-2.0-only
/*
 * t_sipc.c - libsipc, as an application uses it: the fast path
 * (sipc_reserve() + copy + sipc_publish(); sipc_next() + read), over
 * the sysv backend (one region), and the kernel backend with one region
 * or with slots.  On the kernel backend that is one ioctl per message on
 * each side (SIPC_IOC_COMMIT, SIPC_IOC_RECV_NEXT); on sysv the same
 * protocol as sysv-2007 plus the library's bookkeeping.
 *
 * The backend is chosen once per process by SIPC_BACKEND, which run.c
 * sets in each child before its first libsipc call.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>

#include <sipc.h>

#include "bench.h"

static int lib_setup(struct chan *c)
{
	if (c->t->sealed)
		return sipc_create_flags(c->name, c->msg,
					 c->t->slotted ? c->slots : 1,
					 SIPC_CREATE_SEALED);
	return sipc_create_slots(c->name, c->msg,
				 c->t->slotted ? c->slots : 1);
}

static void lib_teardown(struct chan *c)
{
	sipc_destroy(c->name);
}

static int lib_open(struct chan *c, int role)
{
	int h = sipc_open(c->name, role);

	if (h < 0)
		return h;
	c->h = h;
	return 0;
}

static int lib_tx_open(struct chan *c)
{
	return lib_open(c, SIPC_ROLE_SENDER);
}

static int lib_tx_send(struct chan *c, const void *src, size_t n)
{
	size_t cap;
	void *buf;
	int r;

	r = sipc_reserve(c->h, &buf, &cap, -1);	/* no call when known free */
	if (r)
		return r;
	memcpy(buf, src, n);
	return sipc_publish(c->h, n, -1);
}

static int lib_rx_open(struct chan *c)
{
	return lib_open(c, SIPC_ROLE_RECEIVER);
}

static int lib_rx_recv(struct chan *c, size_t n, const void **data)
{
	size_t len;
	int r;

	/* Releases the previous message and takes the next in one call. */
	r = sipc_next(c->h, data, &len, -1);
	if (r == 1)
		return len == n ? 0 : -EPROTO;
	return r == 0 ? -EPIPE : r;
}

/* The sender's last sipc_publish() waits for this release. */
static int lib_rx_release(struct chan *c, bool last)
{
	return last ? sipc_done(c->h, -1) : 0;
}

static void lib_close(struct chan *c)
{
	if (c->h >= 0)
		sipc_close(c->h);
	c->h = -1;
}

/* Memory test: the sender writes its buffer once. */
static int lib_prime(struct chan *tx, struct chan *rx)
{
	size_t cap;
	void *buf;
	int r;

	(void)rx;
	r = sipc_reserve(tx->h, &buf, &cap, 0);
	if (!r)
		memset(buf, 0x5a, cap);
	return r;
}

static const char *sysv_ok(void)
{
	return NULL;
}

/* The transports differ only in backend, slots and seal, not in code. */
#define LIBSIPC_OPS \
	.setup = lib_setup, \
	.teardown = lib_teardown, \
	.prime = lib_prime, \
	.tx_open = lib_tx_open, \
	.tx_send = lib_tx_send, \
	.rx_open = lib_rx_open, \
	.rx_recv = lib_rx_recv, \
	.rx_release = lib_rx_release, \
	.close = lib_close

const struct transport t_sipc_sysv = {
	.name = "sipc-sysv",
	.desc = "libsipc, sysv backend (2007 design in user space), one region",
	.libsipc_backend = "sysv",
	.unavailable = sysv_ok,
	LIBSIPC_OPS,
};

const struct transport t_sipc_kernel1 = {
	.name = "sipc-kernel-1",
	.desc = "libsipc, kernel backend, one region: COMMIT + RECV_NEXT (1+1/msg)",
	.libsipc_backend = "kernel",
	.unavailable = no_dev_sipc,
	LIBSIPC_OPS,
};

const struct transport t_sipc_kernelN = {
	.name = "sipc-kernel-N",
	.desc = "libsipc, kernel backend, N slots: COMMIT + RECV_NEXT, N-1 in flight",
	.libsipc_backend = "kernel",
	.slotted = true,
	.unavailable = no_dev_sipc,
	LIBSIPC_OPS,
};

/*
 * The same two with SIPC_CREATE_SEALED: what the seal costs (zap at
 * publish, zap at release, one fault per slot refill), against the rows
 * above in the same run.
 */
const struct transport t_sipc_sealed1 = {
	.name = "sipc-sealed-1",
	.desc = "sipc-kernel-1 on a sealed channel (SIPC_CREATE_SEALED)",
	.libsipc_backend = "kernel",
	.sealed = true,
	.unavailable = no_dev_sipc,
	LIBSIPC_OPS,
};

const struct transport t_sipc_sealedN = {
	.name = "sipc-sealed-N",
	.desc = "sipc-kernel-N on a sealed channel (SIPC_CREATE_SEALED)",
	.libsipc_backend = "kernel",
	.slotted = true,
	.sealed = true,
	.unavailable = no_dev_sipc,
	LIBSIPC_OPS,
};
