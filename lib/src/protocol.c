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
 * The fast path.  Where the backend has them (kernel), sipc_next() takes
 * NOOPs and the next DATA_READY in one SIPC_IOC_RECV_NEXT, and
 * sipc_publish() does the sender's whole step (DATA_READY, NOOP-1,
 * NOOP-2 and the wait for the release) in one SIPC_IOC_COMMIT: one system
 * call per message on each side.  The classic calls above keep their
 * separate messages, so that sipc_commit() still never waits for the
 * reading.
 *
 * Slots.  A multi-slot channel (kernel backend, sipc_create_slots()) is
 * h->slots equal slots with a queue one shorter.  sipc_reserve() hands
 * out the slots in turn and sipc_publish() names one in its DATA_READY;
 * the receiver frees a slot by taking the message after it, so sipc_done()
 * takes nothing there.  Once DATA_READY of slot i is queued, room in the
 * queue means slot i + 1 is free (<linux/sipc.h>, SIPC_IOC_COMMIT); until
 * the sender saw that room, room_owed is set and sipc_reserve() waits for
 * it.  The classic calls use the whole region: after slots were published
 * (slots_dirty) sipc_acquire() first queues 1 + depth NOOPs, the last of
 * which fits only once the receiver took a message after the last
 * DATA_READY, which frees every slot.
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

/* The whole region for the classic calls, even after slots were used. */
static int acquire_region(struct sipc_handle *hd, const struct sipc_deadline *dl)
{
	if (hd->slots_dirty && !hd->owed) {
		hd->owed = 1 + hd->depth;
		hd->room_owed = false;
		hd->slots_dirty = false;
		hd->slot = 0;
	}
	return pay_noops(hd, dl);
}

static int commit_locked(struct sipc_handle *hd, size_t len,
			 const struct sipc_deadline *dl)
{
	int r;

	if (len > capacity(hd))
		return -EMSGSIZE;
	if (hd->owed || hd->room_owed || hd->slots_dirty)
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

/*
 * One entry point's run: its deadline starts at the call, the handle's
 * lock is taken within it and held until call_end().
 */
struct call {
	struct sipc_deadline dl;
	struct sipc_handle *hd;
};

static int call_begin(struct call *c, int h, int role, int timeout_ms)
{
	sipc_deadline_init(&c->dl, timeout_ms);
	return sipc_handle_lock(h, role, &c->dl, &c->hd);
}

/* Unlocks and hands back R, for "return call_end(&c, r);". */
static int call_end(struct call *c, int r)
{
	sipc_handle_unlock(c->hd);
	return r;
}

/* An entry point whose whole work is one step under the lock. */
static int call_step(int h, int role, int timeout_ms,
		     int (*step)(struct sipc_handle *, const struct sipc_deadline *))
{
	struct call c;
	int r = call_begin(&c, h, role, timeout_ms);

	if (r)
		return r;
	return call_end(&c, step(c.hd, &c.dl));
}

/*
 * The receiver must be done with the last message before it sees EOF.
 * (A multi-slot receiver is, once it takes EOF: taking a message frees
 * the slot before it, so no room is waited for here.)
 */
static int eof_locked(struct sipc_handle *hd, const struct sipc_deadline *dl)
{
	int r = pay_noops(hd, dl);

	return r ? r : send_msg(hd, SIPC_MSG_DATA_READY, 0, hd->size, dl);
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
	struct call c;
	int r = call_begin(&c, h, SIPC_ROLE_SENDER, timeout_ms);

	if (r)
		return r;
	return call_end(&c, commit_locked(c.hd, len, &c.dl));
}

int sipc_acquire(int h, int timeout_ms)
{
	return call_step(h, SIPC_ROLE_SENDER, timeout_ms, acquire_region);
}

int sipc_send_eof(int h, int timeout_ms)
{
	return call_step(h, SIPC_ROLE_SENDER, timeout_ms, eof_locked);
}

int sipc_send(int h, const void *buf, size_t len)
{
	struct call c;
	int r = call_begin(&c, h, SIPC_ROLE_SENDER, -1);

	if (r)
		return r;
	if (!buf && len)
		r = -EINVAL;
	else if (len > capacity(c.hd))
		r = -EMSGSIZE;
	else
		r = acquire_region(c.hd, &c.dl);
	if (!r) {
		if (len)
			memcpy(c.hd->region, buf, len);
		r = commit_locked(c.hd, len, &c.dl);
	}
	return call_end(&c, r);
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
			/* RECV_NEXT drops the NOOPs in the kernel: one call. */
			r = hd->be->recv_next ? hd->be->recv_next(hd, &m, dl) :
						hd->be->recv(hd, &m, dl);
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
	if (hd->slots > 1) {
		/* Its slot is freed by taking the next message, not a NOOP. */
		hd->holding = false;
		return 0;
	}
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
	struct call c;
	int r = call_begin(&c, h, SIPC_ROLE_RECEIVER, timeout_ms);

	if (r)
		return r;
	if (!data || !len)
		r = -EINVAL;
	else
		r = next_locked(c.hd, data, len, &c.dl);
	return call_end(&c, r);
}

int sipc_done(int h, int timeout_ms)
{
	return call_step(h, SIPC_ROLE_RECEIVER, timeout_ms, done_locked);
}

int sipc_recv(int h, void *buf, size_t cap, size_t *len)
{
	const void *data;
	struct call c;
	size_t n;
	int r = call_begin(&c, h, SIPC_ROLE_RECEIVER, -1);

	if (r)
		return r;
	if ((!buf && cap) || !len)
		return call_end(&c, -EINVAL);
	r = next_locked(c.hd, &data, &n, &c.dl);
	*len = 0;
	if (r <= 0)
		return call_end(&c, r);
	if (n > cap) {
		r = -EMSGSIZE;
	} else {
		if (n)
			memcpy(buf, data, n);
		*len = n;
	}
	/* Errors of done are the next call's: the message is out already. */
	done_locked(c.hd, &c.dl);
	return call_end(&c, r);
}

/* ---- the fast path and slots (LIBSIPC_0.2) ------------------------------ */

/*
 * Creation lives here rather than in channel.c because the slot count is
 * a choice of protocol: the backend only has to lay the region out.
 */
int sipc_create_slots(const char *name, size_t size, unsigned int slots)
{
	const struct sipc_backend *be;
	int r;

	be = sipc_backend_for(name, &r);
	if (!be)
		return r;
	if (size == 0 || (uint64_t)size > UINT32_MAX || slots > SIPC_SLOTS_MAX)
		return -EINVAL;
	if (slots <= 1)
		return sipc_create(name, size, 1);
	/* sysv: a sender cannot wait for room without queueing something. */
	if (!be->create_slots)
		return -EOPNOTSUPP;
	return be->create_slots(name, size, slots);
}

int sipc_slots(int h)
{
	struct sipc_handle *hd;
	int r;

	r = sipc_handle_get(h, &hd);	/* fixed at open: no lock */
	if (r)
		return r;
	r = hd->slots > 1 ? (int)hd->slots : 1;
	sipc_handle_put(hd);
	return r;
}

static bool multi_slot(const struct sipc_handle *hd)
{
	return hd->slots > 1 && hd->be->wait_room;
}

/* Capacity and offset of the buffer sipc_reserve() hands out now. */
static uint64_t buf_capacity(const struct sipc_handle *hd)
{
	if (!multi_slot(hd))
		return capacity(hd);
	return hd->slot_size > UINT32_MAX ? UINT32_MAX : hd->slot_size;
}

static uint64_t buf_offset(const struct sipc_handle *hd)
{
	return multi_slot(hd) ? hd->slot * hd->slot_size : 0;
}

/* Wait until the buffer to fill next is free. */
static int reserve_locked(struct sipc_handle *hd, const struct sipc_deadline *dl)
{
	int r;

	r = pay_noops(hd, dl);
	if (r)
		return r;
	if (hd->room_owed) {
		r = hd->be->wait_room(hd, dl);
		if (r)
			return r;
		hd->room_owed = false;
	}
	return 0;
}

/* DATA_READY is queued; "released": the next buffer is known free. */
static void published(struct sipc_handle *hd, bool released)
{
	if (multi_slot(hd)) {
		hd->slot = (hd->slot + 1) % hd->slots;
		hd->room_owed = !released;
		hd->slots_dirty = true;
	} else if (!released) {
		/*
		 * After an interrupted COMMIT we do not know whether NOOP-1 went
		 * in; owing it again costs at most one extra NOOP, which the
		 * receiver drops, and keeps the proof of release sound.
		 */
		hd->owed = 1 + hd->depth;
	}
}

/*
 * SIPC_IOC_COMMIT's one-region step sends exactly NOOP-1 and NOOP-2, which
 * proves the release only with a queue of depth 1: deeper one-region
 * queues take the composed path.
 */
static bool can_commit(const struct sipc_handle *hd, const struct sipc_deadline *dl)
{
	return hd->be->commit && dl->ms < 0 && (multi_slot(hd) || hd->depth == 1);
}

static int publish_locked(struct sipc_handle *hd, size_t len,
			  const struct sipc_deadline *dl)
{
	struct sipc_msg m = {
		.size = sizeof(m),
		.type = SIPC_MSG_DATA_READY,
		.len = (uint32_t)len,
	};
	int r;

	if (len > buf_capacity(hd))
		return -EMSGSIZE;
	if (hd->owed || hd->room_owed)
		return -EBUSY;
	m.offset = buf_offset(hd);
	if (can_commit(hd, dl)) {
		r = hd->be->commit(hd, &m);
		if (r && !m.seq)
			return r;	/* nothing was sent */
		/* Sent; an error now only cut the wait short (sipc_reserve). */
		published(hd, r == 0);
		return 0;
	}
	r = hd->be->send(hd, &m, dl);
	if (r)
		return r;
	published(hd, false);
	/* The wait, within the time left; if it runs out, sipc_reserve(). */
	reserve_locked(hd, dl);
	return 0;
}

int sipc_reserve(int h, void **buf, size_t *cap, int timeout_ms)
{
	struct call c;
	int r = call_begin(&c, h, SIPC_ROLE_SENDER, timeout_ms);

	if (r)
		return r;
	r = reserve_locked(c.hd, &c.dl);
	if (!r) {
		if (buf)
			*buf = (char *)c.hd->region + buf_offset(c.hd);
		if (cap)
			*cap = buf_capacity(c.hd);
	}
	return call_end(&c, r);
}

int sipc_publish(int h, size_t len, int timeout_ms)
{
	struct call c;
	int r = call_begin(&c, h, SIPC_ROLE_SENDER, timeout_ms);

	if (r)
		return r;
	return call_end(&c, publish_locked(c.hd, len, &c.dl));
}
