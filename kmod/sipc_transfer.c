// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_transfer.c - moving messages through a channel's queue: who waits,
 * for what, and who is woken.
 *
 * Both directions follow one rule: a message changes hands only after the
 * caller's deliver() step succeeded (for the ioctls: the copy of the
 * result to user space).  send_mutex / recv_mutex keep the queue slot
 * that deliver() is about to fill or empty from being taken by another
 * thread of the same role in between; ch->lock is never held across
 * deliver(), which may fault.
 *
 * What the receiver can make the sender see is deliberately thin: only
 * the room its RECV makes in the queue.
 *
 * A sleeper also wakes when its access may have gone (sipc_revoke.c):
 * it then asks x->recheck() and returns its error, or sleeps again.
 */
#include <linux/sched/signal.h>
#include <linux/wait.h>
#include "sipc_internal.h"

/*
 * Has something that decides the caller's access moved since it last
 * checked: its endpoint revoked, or the LSM policy changed?
 */
static bool sipc_xfer_stale(const struct sipc_xfer *x)
{
	return (x->ep && READ_ONCE(x->ep->revoked)) ||
	       x->policy_seq != (unsigned int)atomic_read(&sipc_policy_seq);
}

/* Decide again after sipc_xfer_stale(): -EACCES, or 0 to go on. */
static int sipc_xfer_revalidate(struct sipc_xfer *x)
{
	int err = 0;

	if (x->ep && READ_ONCE(x->ep->revoked))
		return -EACCES;
	x->policy_seq = atomic_read(&sipc_policy_seq);
	if (x->recheck)
		err = x->recheck(x);
	return err;
}

/* Wait for @cond, or for the caller's access to need deciding again. */
#define sipc_wait(wq, x, cond)						\
({									\
	struct sipc_xfer *__x = (x);					\
	int __err = wait_event_interruptible(wq,			\
					     (cond) || sipc_xfer_stale(__x)); \
	if (!__err && sipc_xfer_stale(__x))				\
		__err = sipc_xfer_revalidate(__x);			\
	__err;								\
})

static bool sipc_can_send(struct sipc_channel *ch)
{
	bool ready;

	spin_lock(&ch->lock);
	ready = ch->destroyed || !sipc_queue_full(&ch->queue);
	spin_unlock(&ch->lock);
	return ready;
}

static bool sipc_can_recv(struct sipc_channel *ch)
{
	bool ready;

	spin_lock(&ch->lock);
	ready = ch->destroyed || ch->sender_hup ||
		!sipc_queue_empty(&ch->queue);
	spin_unlock(&ch->lock);
	return ready;
}

/*
 * Take send_mutex with room in the queue and set @q->seq to the number the
 * message will get, or return an error without send_mutex.  The room stays
 * while send_mutex is held: only senders push.  ch->lock is taken and
 * dropped here on every path, so no caller inherits it conditionally.
 */
static int sipc_send_begin(struct sipc_channel *ch, struct sipc_qmsg *q,
			   struct sipc_xfer *x)
{
	int err;

	for (;;) {
		if (!x->nonblock) {
			err = sipc_wait(ch->send_wq, x, sipc_can_send(ch));
			if (err)
				return err;
			if (!sipc_can_send(ch))
				continue;	/* woken to re-check only */
		}
		if (mutex_lock_interruptible(&ch->send_mutex))
			return -ERESTARTSYS;
		spin_lock(&ch->lock);
		if (ch->destroyed || !sipc_queue_full(&ch->queue))
			break;
		spin_unlock(&ch->lock);
		mutex_unlock(&ch->send_mutex);
		if (x->nonblock)
			return -EAGAIN;
	}
	if (ch->destroyed) {
		spin_unlock(&ch->lock);
		mutex_unlock(&ch->send_mutex);
		return -EIDRM;
	}
	q->seq = ch->queue.next_seq;
	spin_unlock(&ch->lock);
	return 0;
}

/**
 * sipc_channel_send - queue a control message, waiting for room
 * @ch: the channel
 * @q: the message; @q->seq is set to the number the message will get
 * @x: the transfer; no waiting if @x->nonblock
 *
 * @x->deliver() is called first, with @q->seq set; if it fails nothing
 * is queued.
 *
 * Return: 0, or a negative errno and nothing queued.
 */
int sipc_channel_send(struct sipc_channel *ch, struct sipc_qmsg *q,
		      struct sipc_xfer *x)
{
	int err;

	err = sipc_send_begin(ch, q, x);
	if (err)
		return err;

	err = x->deliver(x, q);
	if (!err) {
		/* Sealed channels: no sender store lands after the push. */
		sipc_seal_publish(ch, q);
		spin_lock(&ch->lock);
		if (ch->destroyed) {
			err = -EIDRM;
			sipc_seal_unpublish_locked(ch, q);
		} else {
			sipc_queue_push(&ch->queue, q);
			ch->msgs_sent++;
			if (q->type == SIPC_MSG_DATA_READY)
				ch->bytes_sent += q->len;
		}
		spin_unlock(&ch->lock);
	}
	mutex_unlock(&ch->send_mutex);
	if (!err)
		wake_up_interruptible(&ch->recv_wq);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(sipc_channel_send);

/**
 * sipc_channel_wait_room - wait for room in a channel's queue
 * @ch: the channel
 * @x: the transfer, for its permission re-check
 *
 * Nothing is queued.  Only senders queue, so for the single sender the
 * room stays until it uses it.
 *
 * Return: 0, -EIDRM when @ch was destroyed, or the error of the wait.
 */
int sipc_channel_wait_room(struct sipc_channel *ch, struct sipc_xfer *x)
{
	int err;

	do {
		err = sipc_wait(ch->send_wq, x, sipc_can_send(ch));
		if (err)
			return err;
	} while (!sipc_can_send(ch));
	spin_lock(&ch->lock);
	err = ch->destroyed ? -EIDRM : 0;
	spin_unlock(&ch->lock);
	return err;
}

/* Why no message can be taken now, or 0; ch->lock held. */
static int sipc_recv_state_locked(struct sipc_channel *ch)
{
	lockdep_assert_held(&ch->lock);
	if (ch->destroyed)
		return -EIDRM;
	if (!sipc_queue_empty(&ch->queue))
		return 0;
	return ch->sender_hup ? -EPIPE : -EAGAIN;
}

/**
 * sipc_channel_recv - take the oldest control message, waiting for one
 * @ch: the channel
 * @x: the transfer; no waiting if @x->nonblock
 *
 * The message is handed to @x->deliver() and leaves the queue only if
 * that succeeds.
 *
 * Return: 0 or a negative errno; -EPIPE when the queue is empty and the
 * sender has left.
 */
int sipc_channel_recv(struct sipc_channel *ch, struct sipc_xfer *x)
{
	struct sipc_qmsg m, freed;
	bool unsealed = false;
	int err;

	for (;;) {
		if (!x->nonblock) {
			err = sipc_wait(ch->recv_wq, x, sipc_can_recv(ch));
			if (err)
				return err;
			if (!sipc_can_recv(ch))
				continue;	/* woken to re-check only */
		}
		if (mutex_lock_interruptible(&ch->recv_mutex))
			return -ERESTARTSYS;
		spin_lock(&ch->lock);
		err = sipc_recv_state_locked(ch);
		if (err != -EAGAIN)
			break;
		spin_unlock(&ch->lock);
		mutex_unlock(&ch->recv_mutex);
		if (x->nonblock)
			return -EAGAIN;
	}
	if (!err)
		m = *sipc_queue_peek(&ch->queue);
	spin_unlock(&ch->lock);
	if (!err)
		err = x->deliver(x, &m);
	if (!err) {
		spin_lock(&ch->lock);
		sipc_queue_pop(&ch->queue);	/* only receivers pop: still m */
		ch->msgs_received++;
		/* With the pop: the room never shows before the release. */
		unsealed = sipc_seal_taken_locked(ch, &m, &freed);
		spin_unlock(&ch->lock);
		if (unsealed)
			sipc_seal_zap(ch, &freed);
	}
	mutex_unlock(&ch->recv_mutex);
	if (!err)
		wake_up_interruptible(&ch->send_wq);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(sipc_channel_recv);
