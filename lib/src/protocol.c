// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * protocol.c - the DATA_READY / NOOP protocol of the 2007 SIPC design, for
 * both roles, over any backend.
 *
 * On the queue of a depth-1 channel, one message goes:
 *
 *   sender:   DATA_READY(len)  NOOP-1  NOOP-2 ...... (refill) DATA_READY ...
 *   receiver:  takes DATA_READY, reads, takes NOOP-1 ("done"), takes NOOP-2
 *
 * NOOP-2 can only be queued once the receiver took NOOP-1, so when the
 * sender's NOOP-2 is queued the receiver is done and the region is free.
 * The calls split this so that a sender never waits for the reading:
 *   sipc_commit()  = DATA_READY + NOOP-1     (waits for queue room only)
 *   sipc_acquire() = NOOP-2                  (waits for the receiver)
 *   sipc_next()    = discard NOOPs, take DATA_READY
 *   sipc_done()    = take NOOP-1             (NOOP-2 goes with the next
 *                                             sipc_next())
 * Deeper queues: a send can only complete while fewer than "depth"
 * messages are queued, so after DATA_READY and NOOP-1 the sender queues
 * "depth" more NOOPs; the last of them proves NOOP-1 was taken.  For
 * depth 1 that is exactly NOOP-2.  The sender tracks the NOOPs it still
 * owes in h->owed, so a call that runs out of time (-EAGAIN, -ETIMEDOUT,
 * -EINTR) loses nothing: the next call carries on.
 *
 * The receiver discards NOOPs while it waits for DATA_READY, so it can
 * also take over from a receiver that died mid-way.  The end of a stream
 * is a DATA_READY without data at offset == region size (internal.h).
 *
 * Every call here holds the handle's lock for its whole run.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>

#include "internal.h"

/* Largest message: the region, as long as a 32-bit length can say it. */
static uint64_t capacity(const struct sipc_handle *hd)
{
	return hd->size > UINT32_MAX ? UINT32_MAX : hd->size;
}

static int send_msg(struct sipc_handle *hd, uint32_t type, uint32_t len,
		    uint64_t offset, const struct sipc_deadline *dl)
{
	struct sipc_msg m = {
		.size = sizeof(m),
		.type = type,
		.len = len,
		.offset = offset,
	};

	return hd->be->send(hd, &m, dl);
}

/* Queue the NOOPs still owed; 0 when the region is the sender's again. */
static int pay_noops(struct sipc_handle *hd, const struct sipc_deadline *dl)
{
	int r;

	while (hd->owed) {
		r = send_msg(hd, SIPC_MSG_NOOP, 0, 0, dl);
		if (r)
			return r;
		hd->owed--;
	}
	return 0;
}

static int commit_locked(struct sipc_handle *hd, size_t len,
			 const struct sipc_deadline *dl)
{
	int r;

	if (len > capacity(hd))
		return -EMSGSIZE;
	if (hd->owed)
		return -EBUSY;
	r = send_msg(hd, SIPC_MSG_DATA_READY, (uint32_t)len, 0, dl);
	if (r)
		return r;
	/* Committed.  NOOP-1 now if it fits in time, else at acquire. */
	hd->owed = 1 + hd->depth;
	if (send_msg(hd, SIPC_MSG_NOOP, 0, 0, dl) == 0)
		hd->owed--;
	return 0;
}

int sipc_buffer(int h, void **buf, size_t *cap)
{
	struct sipc_handle *hd;
	int r;

	r = sipc_handle_get(h, &hd);	/* only fields fixed at open: no lock */
	if (r)
		return r;
	if (!buf && !cap)
		r = -EINVAL;
	else if (buf && hd->role != SIPC_ROLE_SENDER)
		r = -EBADF;
	else {
		if (buf)
			*buf = hd->region;
		if (cap)
			*cap = capacity(hd);
	}
	sipc_handle_put(hd);
	return r;
}

int sipc_commit(int h, size_t len, int timeout_ms)
{
	struct sipc_deadline dl;
	struct sipc_handle *hd;
	int r;

	sipc_deadline_init(&dl, timeout_ms);
	r = sipc_handle_lock(h, SIPC_ROLE_SENDER, &dl, &hd);
	if (r)
		return r;
	r = commit_locked(hd, len, &dl);
	sipc_handle_unlock(hd);
	return r;
}

int sipc_acquire(int h, int timeout_ms)
{
	struct sipc_deadline dl;
	struct sipc_handle *hd;
	int r;

	sipc_deadline_init(&dl, timeout_ms);
	r = sipc_handle_lock(h, SIPC_ROLE_SENDER, &dl, &hd);
	if (r)
		return r;
	r = pay_noops(hd, &dl);
	sipc_handle_unlock(hd);
	return r;
}

int sipc_send_eof(int h, int timeout_ms)
{
	struct sipc_deadline dl;
	struct sipc_handle *hd;
	int r;

	sipc_deadline_init(&dl, timeout_ms);
	r = sipc_handle_lock(h, SIPC_ROLE_SENDER, &dl, &hd);
	if (r)
		return r;
	/* The receiver must be done with the last message before it sees EOF. */
	r = pay_noops(hd, &dl);
	if (!r)
		r = send_msg(hd, SIPC_MSG_DATA_READY, 0, hd->size, &dl);
	sipc_handle_unlock(hd);
	return r;
}

int sipc_send(int h, const void *buf, size_t len)
{
	struct sipc_deadline dl;
	struct sipc_handle *hd;
	int r;

	sipc_deadline_init(&dl, -1);
	r = sipc_handle_lock(h, SIPC_ROLE_SENDER, &dl, &hd);
	if (r)
		return r;
	if (!buf && len)
		r = -EINVAL;
	else if (len > capacity(hd))
		r = -EMSGSIZE;
	else
		r = pay_noops(hd, &dl);
	if (!r) {
		if (len)
			memcpy(hd->region, buf, len);
		r = commit_locked(hd, len, &dl);
	}
	sipc_handle_unlock(hd);
	return r;
}

/* Take messages up to the next DATA_READY: 1 message, 0 end, or error. */
static int next_locked(struct sipc_handle *hd, const void **data, size_t *len,
		       const struct sipc_deadline *dl)
{
	struct sipc_msg m;
	int r;

	hd->holding = false;	/* a held message is implicitly done */
	for (;;) {
		if (hd->stashed) {
			m = hd->stash;
			hd->stashed = false;
		} else {
			r = hd->be->recv(hd, &m, dl);
			if (r)
				return r;
		}
		if (m.type == SIPC_MSG_NOOP)
			continue;	/* NOOP-2, padding, or a dead peer's */
		if (m.type != SIPC_MSG_DATA_READY)
			return -EPROTO;
		if (sipc_msg_is_eof(&m, hd->size)) {
			*data = NULL;
			*len = 0;
			return 0;
		}
		if (m.offset > hd->size || m.len > hd->size - m.offset)
			return -EPROTO;
		*data = (const char *)hd->region + m.offset;
		*len = m.len;
		hd->holding = true;
		return 1;
	}
}

static int done_locked(struct sipc_handle *hd, const struct sipc_deadline *dl)
{
	struct sipc_msg m;
	int r;

	if (!hd->holding)
		return 0;
	r = hd->be->recv(hd, &m, dl);
	if (r == -EPIPE) {
		/* Nobody to tell; the next sipc_next() reports the departure. */
		hd->holding = false;
		return 0;
	}
	if (r)
		return r;
	/*
	 * Normally NOOP-1.  A DATA_READY here means a new sender took over
	 * without the old one's NOOP-1: keep it for the next sipc_next().
	 */
	if (m.type == SIPC_MSG_DATA_READY) {
		hd->stash = m;
		hd->stashed = true;
	}
	hd->holding = false;
	return 0;
}

int sipc_next(int h, const void **data, size_t *len, int timeout_ms)
{
	struct sipc_deadline dl;
	struct sipc_handle *hd;
	int r;

	sipc_deadline_init(&dl, timeout_ms);
	r = sipc_handle_lock(h, SIPC_ROLE_RECEIVER, &dl, &hd);
	if (r)
		return r;
	if (!data || !len)
		r = -EINVAL;
	else
		r = next_locked(hd, data, len, &dl);
	sipc_handle_unlock(hd);
	return r;
}

int sipc_done(int h, int timeout_ms)
{
	struct sipc_deadline dl;
	struct sipc_handle *hd;
	int r;

	sipc_deadline_init(&dl, timeout_ms);
	r = sipc_handle_lock(h, SIPC_ROLE_RECEIVER, &dl, &hd);
	if (r)
		return r;
	r = done_locked(hd, &dl);
	sipc_handle_unlock(hd);
	return r;
}

int sipc_recv(int h, void *buf, size_t cap, size_t *len)
{
	struct sipc_deadline dl;
	struct sipc_handle *hd;
	const void *data;
	size_t n;
	int r;

	sipc_deadline_init(&dl, -1);
	r = sipc_handle_lock(h, SIPC_ROLE_RECEIVER, &dl, &hd);
	if (r)
		return r;
	if ((!buf && cap) || !len) {
		r = -EINVAL;
		goto out;
	}
	r = next_locked(hd, &data, &n, &dl);
	*len = 0;
	if (r <= 0)
		goto out;
	if (n > cap) {
		r = -EMSGSIZE;
	} else {
		if (n)
			memcpy(buf, data, n);
		*len = n;
	}
	/* Errors of done are the next call's: the message is out already. */
	done_locked(hd, &dl);
out:
	sipc_handle_unlock(hd);
	return r;
}
