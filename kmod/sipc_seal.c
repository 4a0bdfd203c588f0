// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_seal.c - sealed channels (SIPC_CREATE_SEALED): once a DATA_READY
 * is queued, the sender cannot change the pages it names until the
 * receiver releases the message.  Zero copy stays: the pages are the
 * same, only the sender's page-table entries for them lose write.
 *
 * When is a message released?  When the receiver takes the message
 * after it.  On a one-region channel that is NOOP-1 (the 2007 "done
 * reading"), on a multi-slot channel the next DATA_READY (which is what
 * frees a slot today); the receiver leaving (close, death, revoke)
 * releases the message it holds too.  Messages still queued stay sealed
 * for the next receiver, and so they do after a destroy: the seal is
 * channel state and dies with the channel.
 *
 * How: publishing raises the per-page counts and then zaps the range in
 * every mapping of the sender endpoint's inode (all of its VMAs: a second
 * mmap, a fork child's, those of a process it was passed to).  The fault
 * handler maps sealed pages read-only, and pfn_mkwrite refuses to make
 * them writable, so a store gets SIGBUS.  GUP cannot reach a PFN mapping
 * at all, so the only other writer is ->access (/proc/PID/mem, ptrace),
 * which checks the counts too.  Releasing lowers the counts and zaps
 * again, so that the sender's next store faults once and the fault maps
 * the whole slot writable, not one write-protect fault per page.
 *
 * Locking: see struct sipc_seal in sipc_internal.h.
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include "sipc_internal.h"

int sipc_seal_init(struct sipc_channel *ch)
{
	struct sipc_seal *seal;

	if (!(ch->create_flags & SIPC_CREATE_SEALED))
		return 0;
	seal = kzalloc(sizeof(*seal), GFP_KERNEL_ACCOUNT);
	if (!seal)
		return -ENOMEM;
	seal->count = kvcalloc(ch->region.nr_pages, sizeof(*seal->count),
			       GFP_KERNEL_ACCOUNT);
	if (!seal->count) {
		kfree(seal);
		return -ENOMEM;
	}
	mutex_init(&seal->mutex);
	ch->seal = seal;
	return 0;
}

/* With the channel: no endpoint, mapping or fault can be left. */
void sipc_seal_free(struct sipc_channel *ch)
{
	if (!ch->seal)
		return;
	mutex_destroy(&ch->seal->mutex);
	kvfree(ch->seal->count);
	kfree(ch->seal);
	ch->seal = NULL;
}

/* The region pages @q covers, or false when it seals nothing. */
static bool sipc_seal_range(const struct sipc_channel *ch,
			    const struct sipc_qmsg *q, unsigned long *first,
			    unsigned long *n)
{
	if (!ch->seal || q->type != SIPC_MSG_DATA_READY || !q->len)
		return false;
	*first = q->offset >> PAGE_SHIFT;
	*n = ((q->offset + q->len - 1) >> PAGE_SHIFT) - *first + 1;
	return true;
}

static void sipc_seal_lower_locked(struct sipc_channel *ch,
				   unsigned long first, unsigned long n)
{
	unsigned long i;

	lockdep_assert_held(&ch->lock);
	for (i = first; i < first + n; i++) {
		if (!WARN_ON_ONCE(!ch->seal->count[i]))
			WRITE_ONCE(ch->seal->count[i], ch->seal->count[i] - 1);
	}
}

/* Drop every entry the sender's mappings have for @n pages at @first. */
static void sipc_seal_zap_range(struct sipc_channel *ch, unsigned long first,
				unsigned long n)
{
	struct inode *inode;

	spin_lock(&ch->lock);
	inode = sipc_ep_inode_get_locked(ch->sender);
	spin_unlock(&ch->lock);
	if (!inode)
		return;
	/* Also flushes the TLBs: no CPU keeps a writable entry after this. */
	unmap_mapping_range(inode->i_mapping, (loff_t)first << PAGE_SHIFT,
			    (loff_t)n << PAGE_SHIFT, 1);
	iput(inode);
}

/**
 * sipc_seal_publish - seal the pages of a DATA_READY about to be queued
 * @ch: the channel; nothing happens unless it is sealed
 * @q: the message
 *
 * Called under ch->send_mutex after deliver() and before the push, so
 * that the receiver can see the message only once no mapping of the
 * sender can write its pages.  If the push then fails, the caller undoes
 * this with sipc_seal_unpublish_locked().
 */
void sipc_seal_publish(struct sipc_channel *ch, const struct sipc_qmsg *q)
{
	unsigned long first, n, i;

	if (!sipc_seal_range(ch, q, &first, &n))
		return;
	mutex_lock(&ch->seal->mutex);
	spin_lock(&ch->lock);
	for (i = first; i < first + n; i++)
		WRITE_ONCE(ch->seal->count[i], ch->seal->count[i] + 1);
	spin_unlock(&ch->lock);
	/* Under the mutex: no fault re-inserts a writable entry meanwhile. */
	sipc_seal_zap_range(ch, first, n);
	mutex_unlock(&ch->seal->mutex);
}

/* The push after sipc_seal_publish() failed: the message never existed. */
void sipc_seal_unpublish_locked(struct sipc_channel *ch,
				const struct sipc_qmsg *q)
{
	unsigned long first, n;

	if (sipc_seal_range(ch, q, &first, &n))
		sipc_seal_lower_locked(ch, first, n);
}

/**
 * sipc_seal_release_held_locked - the receiver is done with what it holds
 * @ch: the channel, ch->lock held
 * @freed: set to the message released, for sipc_seal_zap()
 *
 * Return: true when a message was released and its range should be zapped.
 */
bool sipc_seal_release_held_locked(struct sipc_channel *ch,
				   struct sipc_qmsg *freed)
{
	unsigned long first, n;

	lockdep_assert_held(&ch->lock);
	if (!ch->seal || !ch->seal->held)
		return false;
	ch->seal->held = false;
	*freed = ch->seal->held_msg;
	if (!sipc_seal_range(ch, freed, &first, &n))
		return false;
	sipc_seal_lower_locked(ch, first, n);
	return true;
}

/**
 * sipc_seal_taken_locked - the receiver took @q off the queue
 * @ch: the channel, ch->lock held (in the same section as the pop, so the
 *      sender cannot see the room before the release)
 * @q: the message taken
 * @freed: set to the message this released, for sipc_seal_zap()
 *
 * Taking a message releases the one held before it; a DATA_READY taken
 * is held (and stays sealed) until the next one.
 *
 * Return: true when @freed should be zapped.
 */
bool sipc_seal_taken_locked(struct sipc_channel *ch,
			    const struct sipc_qmsg *q, struct sipc_qmsg *freed)
{
	bool zap;

	if (!ch->seal)
		return false;
	zap = sipc_seal_release_held_locked(ch, freed);
	if (q->type == SIPC_MSG_DATA_READY && q->len) {
		ch->seal->held = true;
		ch->seal->held_msg = *q;
	}
	return zap;
}

/*
 * After a release: drop the sender's read-only entries for @q's range, so
 * its next store faults once and the fault maps the slot writable.
 */
void sipc_seal_zap(struct sipc_channel *ch, const struct sipc_qmsg *q)
{
	unsigned long first, n;

	if (sipc_seal_range(ch, q, &first, &n))
		sipc_seal_zap_range(ch, first, n);
}

/* Is region page @pgoff sealed now?  Lockless: see struct sipc_seal. */
bool sipc_seal_page_sealed(struct sipc_channel *ch, unsigned long pgoff)
{
	return ch->seal && READ_ONCE(ch->seal->count[pgoff]);
}
EXPORT_SYMBOL_IF_KUNIT(sipc_seal_page_sealed);
