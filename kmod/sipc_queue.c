// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_queue.c - the control queue: a fixed ring of small messages.
 *
 * No locking and no waiting here: the channel holds ch->lock around every
 * call and does the sleeping, so this file stays a plain data structure
 * that KUnit can drive directly.
 */
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/slab.h>
#include "sipc_internal.h"

int sipc_queue_init(struct sipc_queue *q, u32 depth)
{
	if (depth < 1 || depth > SIPC_QUEUE_DEPTH_MAX)
		return -EINVAL;
	q->slots = kcalloc(depth, sizeof(*q->slots), GFP_KERNEL_ACCOUNT);
	if (!q->slots)
		return -ENOMEM;
	q->depth = depth;
	q->head = 0;
	q->len = 0;
	q->next_seq = 1;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(sipc_queue_init);

void sipc_queue_free(struct sipc_queue *q)
{
	kfree(q->slots);
	q->slots = NULL;
}
EXPORT_SYMBOL_IF_KUNIT(sipc_queue_free);

bool sipc_queue_full(const struct sipc_queue *q)
{
	return q->len == q->depth;
}
EXPORT_SYMBOL_IF_KUNIT(sipc_queue_full);

bool sipc_queue_empty(const struct sipc_queue *q)
{
	return q->len == 0;
}
EXPORT_SYMBOL_IF_KUNIT(sipc_queue_empty);

/* Append @m (its seq is ignored) and return the seq it was given. */
u64 sipc_queue_push(struct sipc_queue *q, const struct sipc_qmsg *m)
{
	struct sipc_qmsg *slot;

	if (WARN_ON_ONCE(sipc_queue_full(q)))
		return 0;
	slot = &q->slots[(q->head + q->len) % q->depth];
	*slot = *m;
	slot->seq = q->next_seq++;
	q->len++;
	return slot->seq;
}
EXPORT_SYMBOL_IF_KUNIT(sipc_queue_push);

/* The oldest message, or NULL when empty.  Valid until the next pop. */
const struct sipc_qmsg *sipc_queue_peek(const struct sipc_queue *q)
{
	return q->len ? &q->slots[q->head] : NULL;
}
EXPORT_SYMBOL_IF_KUNIT(sipc_queue_peek);

void sipc_queue_pop(struct sipc_queue *q)
{
	if (WARN_ON_ONCE(sipc_queue_empty(q)))
		return;
	q->head = (q->head + 1) % q->depth;
	q->len--;
}
EXPORT_SYMBOL_IF_KUNIT(sipc_queue_pop);
