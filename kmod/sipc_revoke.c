// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_revoke.c - taking access back: on every LSM policy change, and on
 * an administrator's SIPC_IOC_REVOKE.
 *
 * The queue needs nothing from us for policy changes: the LSM re-checks
 * every ioctl.  Two things escape that check, and they are handled here:
 *
 * - memory already mapped: SELinux cannot revoke a mapping once made.  We
 *   zap the page tables of every endpoint mapping, and the fault handler
 *   (sipc_region.c) decides again, in the faulting task, through the LSM's
 *   ioctl hook for SIPC_IOC_MAP.  Steady-state accesses pay nothing.
 * - callers already asleep in SEND or RECV: they are woken and re-check
 *   their command the same way before sleeping again (sipc_transfer.c).
 *
 * sipc_policy_seq counts policy changes; a fault or a waiter that saw it
 * move while deciding decides again.
 */
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/notifier.h>
#include <linux/security.h>
#include "sipc_internal.h"

atomic_t sipc_policy_seq = ATOMIC_INIT(0);
EXPORT_SYMBOL_IF_KUNIT(sipc_policy_seq);

/* Pin the inode whose mappings belong to @ep; ch->lock held. */
struct inode *sipc_ep_inode_get_locked(struct sipc_endpoint *ep)
{
	if (!ep || !ep->inode)
		return NULL;
	ihold(ep->inode);
	return ep->inode;
}

static void sipc_zap_inode_put(struct inode *inode)
{
	if (!inode)
		return;
	unmap_mapping_range(inode->i_mapping, 0, 0, 1);
	iput(inode);
}

static void sipc_wake_all(struct sipc_channel *ch)
{
	wake_up_interruptible_all(&ch->send_wq);
	wake_up_interruptible_all(&ch->recv_wq);
}

/**
 * sipc_channel_zap - make a channel's users decide again
 * @ch: the channel
 *
 * Drops every page table entry mapping @ch's region and wakes every
 * waiter, so that both decide again under the current policy.
 */
void sipc_channel_zap(struct sipc_channel *ch)
{
	struct inode *sender, *receiver;

	spin_lock(&ch->lock);
	sender = sipc_ep_inode_get_locked(ch->sender);
	receiver = sipc_ep_inode_get_locked(ch->receiver);
	spin_unlock(&ch->lock);
	sipc_zap_inode_put(sender);
	sipc_zap_inode_put(receiver);
	sipc_wake_all(ch);
}

/* Revoke @ep if attached in its slot; ch->lock held.  Returns its inode. */
static struct inode *sipc_revoke_ep_locked(struct sipc_channel *ch,
					   struct sipc_endpoint **slot)
{
	struct sipc_endpoint *ep = *slot;

	lockdep_assert_held(&ch->lock);
	if (!ep)
		return NULL;
	WRITE_ONCE(ep->revoked, true);
	*slot = NULL;
	if (ep->role == SIPC_ROLE_SENDER)
		ch->sender_hup = true;
	return sipc_ep_inode_get_locked(ep);
}

/**
 * sipc_channel_revoke - cut endpoints off a channel for good
 * @ch: the channel
 * @roles: SIPC_REVOKE_SENDER and/or SIPC_REVOKE_RECEIVER
 *
 * The roles become free.  The flag is set before the zap, and the fault
 * path reads it after inserting pages, so no mapping survives (see
 * sipc_region_fault).
 */
int sipc_channel_revoke(struct sipc_channel *ch, u32 roles)
{
	struct inode *sender = NULL, *receiver = NULL;
	bool unsealed = false;
	struct sipc_qmsg freed;

	spin_lock(&ch->lock);
	if (roles & SIPC_REVOKE_SENDER)
		sender = sipc_revoke_ep_locked(ch, &ch->sender);
	if ((roles & SIPC_REVOKE_RECEIVER) && ch->receiver) {
		receiver = sipc_revoke_ep_locked(ch, &ch->receiver);
		/* It can no longer read what it held: release it. */
		unsealed = sipc_seal_release_held_locked(ch, &freed);
	}
	spin_unlock(&ch->lock);
	sipc_zap_inode_put(sender);
	sipc_zap_inode_put(receiver);
	if (unsealed)
		sipc_seal_zap(ch, &freed);
	sipc_wake_all(ch);
	return 0;
}

long sipc_ioctl_revoke(void __user *uarg)
{
	struct sipc_channel_ref r;
	struct sipc_channel *ch;
	int err;

	err = sipc_copy_in(&r, sizeof(r), SIPC_CHANNEL_REF_SIZE_VER0, uarg);
	if (err)
		return err;
	if (!(r.flags & SIPC_REVOKE_ALL_ROLES) ||
	    (r.flags & ~(SIPC_REVOKE_ALL_FLAGS | SIPC_REF_BY_ID)))
		return -EINVAL;
	ch = sipc_channel_find(r.name, r.id, r.flags & SIPC_REF_BY_ID);
	if (IS_ERR(ch))
		return PTR_ERR(ch);
	err = sipc_channel_revoke(ch, r.flags & SIPC_REVOKE_ALL_ROLES);
	sipc_channel_put(ch);
	return err;
}

/*
 * SELinux calls this after every policy load, boolean commit and
 * setenforce, once its access vector cache has been flushed.
 */
static int sipc_lsm_notify(struct notifier_block *nb, unsigned long event,
			   void *data)
{
	if (event != LSM_POLICY_CHANGE)
		return NOTIFY_DONE;
	atomic_inc(&sipc_policy_seq);
	smp_mb__after_atomic();	/* seq moves before any page is zapped */
	sipc_iterate_channels(sipc_channel_zap);
	return NOTIFY_OK;
}

static struct notifier_block sipc_lsm_nb = {
	.notifier_call = sipc_lsm_notify,
};

int sipc_revoke_init(void)
{
	return register_blocking_lsm_notifier(&sipc_lsm_nb);
}

void sipc_revoke_exit(void)
{
	unregister_blocking_lsm_notifier(&sipc_lsm_nb);
}
