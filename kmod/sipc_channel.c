// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_channel.c - the channel table and the /dev/sipc commands that act
 * on it by name: create, destroy, info, list.
 *
 * Creating a channel returns no descriptor: the channel belongs to the
 * table, not to its creator, so a short-lived helper can create it and
 * exit (the 2007 design; neither peer needs the right to create, which
 * closes the "create or don't create a name" signalling channel).
 */
#include <linux/cred.h>
#include <linux/mm.h>
#include <linux/sched.h>
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "sipc_internal.h"

static DEFINE_MUTEX(sipc_table_lock);
static LIST_HEAD(sipc_channels);	/* creation order; sipc_table_lock */
static u64 sipc_next_id = 1;		/* sipc_table_lock */

struct sipc_stats sipc_stats;
EXPORT_SYMBOL_IF_KUNIT(sipc_stats);

static struct sipc_channel *sipc_find_locked(const char *name)
{
	struct sipc_channel *ch;

	lockdep_assert_held(&sipc_table_lock);
	list_for_each_entry(ch, &sipc_channels, node) {
		if (ch->named && !strcmp(ch->name, name))
			return ch;
	}
	return NULL;
}

static struct sipc_channel *sipc_find_id_locked(u64 id)
{
	struct sipc_channel *ch;

	lockdep_assert_held(&sipc_table_lock);
	list_for_each_entry(ch, &sipc_channels, node) {
		if (ch->id == id)
			return ch;
	}
	return NULL;
}

/**
 * sipc_channel_find - the channel a command names, with a reference
 * @name: the name to look for, or all zero when @by_id
 * @id: the id to look for when @by_id (destroyed channels included: the
 *	list keeps every channel alive), else 0
 * @by_id: which of the two keys is meant
 *
 * Return: the channel, ERR_PTR(-EINVAL) for a bad key, ERR_PTR(-ENOENT).
 */
struct sipc_channel *sipc_channel_find(const char name[SIPC_NAME_MAX],
				       u64 id, bool by_id)
{
	struct sipc_channel *ch;

	if (by_id ? !!memchr_inv(name, 0, SIPC_NAME_MAX) :
		    id || sipc_name_check(name))
		return ERR_PTR(-EINVAL);
	mutex_lock(&sipc_table_lock);
	ch = by_id ? sipc_find_id_locked(id) : sipc_find_locked(name);
	if (ch)
		kref_get(&ch->ref);
	mutex_unlock(&sipc_table_lock);
	return ch ?: ERR_PTR(-ENOENT);
}

/* Look a channel up by name and take a reference, or NULL. */
struct sipc_channel *sipc_channel_lookup(const char *name)
{
	struct sipc_channel *ch;

	mutex_lock(&sipc_table_lock);
	ch = sipc_find_locked(name);
	if (ch)
		kref_get(&ch->ref);
	mutex_unlock(&sipc_table_lock);
	return ch;
}
EXPORT_SYMBOL_IF_KUNIT(sipc_channel_lookup);

/* Called with sipc_table_lock held (kref_put_mutex); drops it. */
static void sipc_channel_release(struct kref *ref)
	__releases(&sipc_table_lock)
{
	struct sipc_channel *ch = container_of(ref, struct sipc_channel, ref);

	list_del_init(&ch->node);
	mutex_unlock(&sipc_table_lock);
	__release(&sipc_table_lock);	/* sparse does not track mutexes */

	if (ch->inode)
		iput(ch->inode);
	kfree(ch->label);
	atomic_long_sub(ch->region_size, &sipc_stats.region_bytes);
	atomic_long_dec(&sipc_stats.channels);
	sipc_seal_free(ch);
	sipc_region_free(&ch->region);
	sipc_queue_free(&ch->queue);
	kfree(ch->creator_ctx);
	kfree(ch);
}

/**
 * sipc_channel_put - drop a reference to a channel
 * @ch: the channel; the reference was taken by a lookup or held by an
 *      endpoint or the table
 *
 * The last reference frees the channel and its memory.
 */
void sipc_channel_put(struct sipc_channel *ch)
{
	kref_put_mutex(&ch->ref, sipc_channel_release, &sipc_table_lock);
}
EXPORT_SYMBOL_IF_KUNIT(sipc_channel_put);

/**
 * sipc_iterate_channels - visit every channel alive, named or destroyed
 * @fn: called on each channel under sipc_table_lock, so it may sleep but
 *      must not drop a reference
 */
void sipc_iterate_channels(void (*fn)(struct sipc_channel *ch))
{
	struct sipc_channel *ch;

	mutex_lock(&sipc_table_lock);
	list_for_each_entry(ch, &sipc_channels, node)
		fn(ch);
	mutex_unlock(&sipc_table_lock);
}

/* The creator's LSM context, kept for info; none is not an error. */
static void sipc_capture_context(struct sipc_channel *ch)
{
	char *ctx;
	u32 secid, len;

	security_current_getsecid_subj(&secid);
	if (!secid || security_secid_to_secctx(secid, &ctx, &len))
		return;
	ch->creator_ctx = kmemdup_nul(ctx, len, GFP_KERNEL_ACCOUNT);
	security_release_secctx(ctx, len);
	if (ch->creator_ctx)
		ch->creator_ctx_len = strlen(ch->creator_ctx);
}

/*
 * The channel's own inode, made in the creator's context so that the LSM
 * labels it after the creator (and may refuse: -EACCES).
 */
static int sipc_channel_label(struct sipc_channel *ch)
{
	struct inode *inode = sipc_fs_channel_inode();

	if (IS_ERR(inode))
		return PTR_ERR(inode);
	ch->inode = inode;
	ch->label = sipc_fs_label(inode);
	if (ch->label)
		ch->label_len = strlen(ch->label);
	return 0;
}

static struct sipc_channel *sipc_channel_alloc(const struct sipc_create *c)
{
	struct sipc_channel *ch;
	int err;

	ch = kzalloc(sizeof(*ch), GFP_KERNEL_ACCOUNT);
	if (!ch)
		return ERR_PTR(-ENOMEM);
	kref_init(&ch->ref);
	INIT_LIST_HEAD(&ch->node);
	strscpy(ch->name, c->name, sizeof(ch->name));
	mutex_init(&ch->send_mutex);
	mutex_init(&ch->recv_mutex);
	spin_lock_init(&ch->lock);
	init_waitqueue_head(&ch->send_wq);
	init_waitqueue_head(&ch->recv_wq);
	ch->region_size = c->region_size;
	ch->slots = c->slots;
	ch->slot_size = c->region_size / c->slots;
	ch->creator_pid = task_tgid_nr(current);
	ch->creator_uid = from_kuid(&init_user_ns, current_euid());
	ch->creator_gid = from_kgid(&init_user_ns, current_egid());
	ch->create_flags = c->flags;

	err = sipc_channel_label(ch);
	if (err)
		goto err_free_ch;
	err = sipc_queue_init(&ch->queue, c->queue_depth);
	if (err)
		goto err_put_inode;
	err = sipc_region_alloc(&ch->region, c->region_size);
	if (err)
		goto err_free_queue;
	err = sipc_seal_init(ch);
	if (err)
		goto err_free_region;
	sipc_capture_context(ch);
	return ch;

err_free_region:
	sipc_region_free(&ch->region);
err_free_queue:
	sipc_queue_free(&ch->queue);
err_put_inode:
	iput(ch->inode);
	kfree(ch->label);
err_free_ch:
	kfree(ch);
	return ERR_PTR(err);
}

/*
 * A multi-slot channel's queue is one shorter than its slot count: with
 * that, a sender that waits for room before filling the next slot never
 * overwrites the one the receiver may still be reading (SIPC_IOC_COMMIT).
 */
static int sipc_create_slots(struct sipc_create *c)
{
	u64 slot_size;

	if (c->slots <= 1) {
		c->slots = 1;
		return 0;
	}
	if (c->slots > SIPC_SLOTS_MAX)
		return -EINVAL;
	if (c->queue_depth && c->queue_depth != c->slots - 1)
		return -EINVAL;
	c->queue_depth = c->slots - 1;
	slot_size = PAGE_ALIGN(DIV_ROUND_UP(c->region_size, c->slots));
	if (slot_size * c->slots > READ_ONCE(sipc_max_region_size))
		return -EINVAL;
	c->region_size = slot_size * c->slots;
	return 0;
}

static int sipc_create_check(struct sipc_create *c)
{
	if ((c->flags & ~SIPC_CREATE_ALL_FLAGS) || c->reserved || c->reserved2)
		return -EINVAL;
	if (sipc_name_check(c->name))
		return -EINVAL;
	if (c->queue_depth > SIPC_QUEUE_DEPTH_MAX)
		return -EINVAL;
	if (c->region_size == 0 ||
	    c->region_size > READ_ONCE(sipc_max_region_size))
		return -EINVAL;
	c->region_size = PAGE_ALIGN(c->region_size);
	if (sipc_create_slots(c))
		return -EINVAL;
	if (c->queue_depth == 0)
		c->queue_depth = SIPC_QUEUE_DEPTH_DEFAULT;
	return 0;
}

/*
 * Reserve room for one channel of @size bytes against the limits.  The
 * counters are only raised here, under the table lock, so two creators
 * cannot both take the last slot; releases lower them at any time, which
 * only makes the check conservative.
 */
static int sipc_reserve_locked(u64 size)
{
	lockdep_assert_held(&sipc_table_lock);
	if (atomic_long_read(&sipc_stats.channels) >=
	    READ_ONCE(sipc_max_channels)) {
		pr_info_ratelimited("sipc: max_channels (%u) reached\n",
				    READ_ONCE(sipc_max_channels));
		return -ENOSPC;
	}
	if (atomic_long_read(&sipc_stats.region_bytes) + size >
	    READ_ONCE(sipc_max_total_region)) {
		pr_info_ratelimited("sipc: max_total_region (%lu) reached\n",
				    READ_ONCE(sipc_max_total_region));
		return -ENOSPC;
	}
	atomic_long_inc(&sipc_stats.channels);
	atomic_long_add(size, &sipc_stats.region_bytes);
	return 0;
}

static void sipc_unreserve(u64 size)
{
	atomic_long_sub(size, &sipc_stats.region_bytes);
	atomic_long_dec(&sipc_stats.channels);
}

/**
 * sipc_channel_new - build a channel, unpublished
 * @c: the creation arguments; checked, reserved against the limits, and
 *     @c->region_size and @c->queue_depth rounded / defaulted in place
 *
 * Return: the channel (one reference, to be given to
 * sipc_channel_publish() or dropped) or an ERR_PTR.
 */
VISIBLE_IF_KUNIT struct sipc_channel *sipc_channel_new(struct sipc_create *c)
{
	struct sipc_channel *ch;
	int err;

	err = sipc_create_check(c);
	if (err)
		return ERR_PTR(err);

	/* Fail early on a taken name or a limit, before allocating. */
	mutex_lock(&sipc_table_lock);
	err = sipc_find_locked(c->name) ? -EEXIST :
					   sipc_reserve_locked(c->region_size);
	mutex_unlock(&sipc_table_lock);
	if (err)
		return ERR_PTR(err);

	ch = sipc_channel_alloc(c);
	if (IS_ERR(ch))
		sipc_unreserve(c->region_size);
	return ch;
}
EXPORT_SYMBOL_IF_KUNIT(sipc_channel_new);

/**
 * sipc_channel_publish - give a new channel its name in the table
 * @ch: a channel from sipc_channel_new(); its reference becomes the table's
 *
 * Return: 0, or -EEXIST when a racing create won; then the reference is
 * dropped and the channel freed.
 */
VISIBLE_IF_KUNIT int sipc_channel_publish(struct sipc_channel *ch)
{
	mutex_lock(&sipc_table_lock);
	if (sipc_find_locked(ch->name)) {
		mutex_unlock(&sipc_table_lock);
		sipc_channel_put(ch);
		return -EEXIST;
	}
	ch->id = sipc_next_id++;
	ch->named = true;
	list_add_tail(&ch->node, &sipc_channels);
	mutex_unlock(&sipc_table_lock);
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(sipc_channel_publish);

long sipc_ioctl_create(void __user *uarg)
{
	struct sipc_create c;
	struct sipc_channel *ch;
	int err;

	err = sipc_copy_in(&c, sizeof(c), SIPC_CREATE_SIZE_VER0, uarg);
	if (err)
		return err;
	ch = sipc_channel_new(&c);
	if (IS_ERR(ch))
		return PTR_ERR(ch);
	/* Report the rounded size before publishing: a fault loses nothing. */
	err = sipc_copy_out(uarg, &c, sizeof(c));
	if (err) {
		sipc_channel_put(ch);	/* releases the reservation too */
		return err;
	}
	return sipc_channel_publish(ch);
}

/*
 * Take @ch out of the table and wake everyone blocked on it; they and all
 * later operations on its endpoints see EIDRM.  Mappings are left alone:
 * destroy ends the channel's life as a name, it does not revoke memory.
 */
static void sipc_destroy_locked(struct sipc_channel *ch)
{
	lockdep_assert_held(&sipc_table_lock);
	ch->named = false;
	spin_lock(&ch->lock);
	ch->destroyed = true;
	spin_unlock(&ch->lock);
	wake_up_interruptible_all(&ch->send_wq);
	wake_up_interruptible_all(&ch->recv_wq);
}

/**
 * sipc_channel_unname - destroy a channel and drop the table's reference
 * @ch: the channel; the caller holds a reference of its own
 *
 * Return: 0, or -EIDRM when it was destroyed already.
 */
static int sipc_channel_unname(struct sipc_channel *ch)
{
	bool named;

	mutex_lock(&sipc_table_lock);
	named = ch->named;
	if (named)
		sipc_destroy_locked(ch);
	mutex_unlock(&sipc_table_lock);
	if (!named)
		return -EIDRM;
	sipc_channel_put(ch);	/* the table's reference */
	return 0;
}

#if IS_ENABLED(CONFIG_KUNIT)
/**
 * sipc_channel_destroy - destroy a channel by name, for the KUnit suites
 * (the ioctl path goes through sipc_channel_find() and may revoke first)
 * @name: the channel's name
 *
 * Return: 0, or -ENOENT when no channel has that name.
 */
VISIBLE_IF_KUNIT int sipc_channel_destroy(const char *name)
{
	struct sipc_channel *ch = sipc_channel_lookup(name);
	int err;

	if (!ch)
		return -ENOENT;
	err = sipc_channel_unname(ch);
	sipc_channel_put(ch);
	return err == -EIDRM ? -ENOENT : err;	/* a racing destroy won */
}
EXPORT_SYMBOL_IF_KUNIT(sipc_channel_destroy);
#endif

/*
 * By name, a channel already destroyed is not found (ENOENT); by id it
 * is, and gives EIDRM unless the caller only wants it revoked.  Revoke
 * comes first, so that no waiter that wakes for the destroy can still
 * reach the memory.
 */
long sipc_ioctl_destroy(void __user *uarg)
{
	struct sipc_channel_ref r;
	struct sipc_channel *ch;
	bool by_id;
	int err;

	err = sipc_copy_in(&r, sizeof(r), SIPC_CHANNEL_REF_SIZE_VER0, uarg);
	if (err)
		return err;
	if (r.flags & ~SIPC_DESTROY_ALL_FLAGS)
		return -EINVAL;
	by_id = r.flags & SIPC_REF_BY_ID;
	ch = sipc_channel_find(r.name, r.id, by_id);
	if (IS_ERR(ch))
		return PTR_ERR(ch);
	if (r.flags & SIPC_DESTROY_REVOKE)
		sipc_channel_revoke(ch, SIPC_REVOKE_ALL_ROLES);
	err = sipc_channel_unname(ch);
	sipc_channel_put(ch);
	if (err == -EIDRM && (r.flags & SIPC_DESTROY_REVOKE))
		return 0;
	return err == -EIDRM && !by_id ? -ENOENT : err;
}

/**
 * sipc_channel_attach - give an endpoint its role on a channel
 * @ch: the channel
 * @ep: the endpoint, whose @ep->role is taken
 *
 * Return: 0, -ENOENT if @ch was destroyed meanwhile, -EBUSY if the role
 * is taken.
 */
int sipc_channel_attach(struct sipc_channel *ch, struct sipc_endpoint *ep)
{
	struct sipc_endpoint **slot;
	int err = 0;

	slot = ep->role == SIPC_ROLE_SENDER ? &ch->sender : &ch->receiver;
	spin_lock(&ch->lock);
	if (ch->destroyed)
		err = -ENOENT;
	else if (*slot)
		err = -EBUSY;
	else
		*slot = ep;
	if (!err && ep->role == SIPC_ROLE_SENDER)
		ch->sender_hup = false;
	spin_unlock(&ch->lock);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(sipc_channel_attach);

/**
 * sipc_channel_detach - free an endpoint's role on a channel
 * @ch: the channel
 * @ep: the endpoint attached by sipc_channel_attach()
 * @departed: the endpoint was in use (not an attach being undone), so a
 *            sender's departure is reported to the receiver
 *
 * A receiver's departure is reported to no one: it would be a signal from
 * receiver to sender.
 */
void sipc_channel_detach(struct sipc_channel *ch, struct sipc_endpoint *ep,
			 bool departed)
{
	bool sender = ep->role == SIPC_ROLE_SENDER, unsealed = false;
	struct sipc_qmsg freed;

	spin_lock(&ch->lock);
	if (sender && ch->sender == ep) {
		ch->sender = NULL;
		ch->sender_hup |= departed;
	} else if (!sender && ch->receiver == ep) {
		ch->receiver = NULL;
		/* A receiver that leaves is done with what it held. */
		unsealed = sipc_seal_release_held_locked(ch, &freed);
	} else {
		departed = false;	/* revoked earlier: already detached */
	}
	spin_unlock(&ch->lock);
	if (unsealed)
		sipc_seal_zap(ch, &freed);
	if (sender && departed)
		wake_up_interruptible_all(&ch->recv_wq);
}
EXPORT_SYMBOL_IF_KUNIT(sipc_channel_detach);

static struct sipc_channel *sipc_first_named_locked(void)
{
	struct sipc_channel *ch;

	list_for_each_entry(ch, &sipc_channels, node) {
		if (ch->named)
			return ch;
	}
	return NULL;
}

/* Called at module exit, when no endpoint can exist any more. */
void sipc_channel_destroy_all(void)
{
	struct sipc_channel *ch;

	for (;;) {
		mutex_lock(&sipc_table_lock);
		ch = sipc_first_named_locked();
		if (ch)
			sipc_destroy_locked(ch);
		mutex_unlock(&sipc_table_lock);
		if (!ch)
			return;
		sipc_channel_put(ch);	/* the table's reference */
	}
}

/* Everything INFO reports except the context string itself. */
VISIBLE_IF_KUNIT void sipc_channel_fill_info(struct sipc_channel *ch, struct sipc_info *info)
{
	info->id = ch->id;
	info->region_size = ch->region_size;
	info->creator_pid = ch->creator_pid;
	info->creator_uid = ch->creator_uid;
	info->context_len = ch->creator_ctx_len;
	info->label_len = ch->label_len;
	info->slots = ch->slots;
	info->create_flags = ch->create_flags;
	/* What every channel has until per-channel permissions exist. */
	info->mode = 0666;
	info->owner_uid = ch->creator_uid;
	info->owner_gid = ch->creator_gid;

	spin_lock(&ch->lock);
	info->queue_depth = ch->queue.depth;
	info->queue_len = ch->queue.len;
	info->state = (ch->sender ? SIPC_STATE_SENDER : 0) |
		      (ch->receiver ? SIPC_STATE_RECEIVER : 0) |
		      (ch->sender_hup ? SIPC_STATE_SENDER_HUP : 0) |
		      (ch->destroyed ? SIPC_STATE_DESTROYED : 0);
	info->msgs_sent = ch->msgs_sent;
	info->msgs_received = ch->msgs_received;
	info->bytes_sent = ch->bytes_sent;
	spin_unlock(&ch->lock);
}
EXPORT_SYMBOL_IF_KUNIT(sipc_channel_fill_info);

/* Copy @str NUL-terminated, truncated to the caller's buffer. */
static int sipc_copy_string(u64 uptr, u32 size, const char *str, u32 len)
{
	char __user *dst = u64_to_user_ptr(uptr);
	size_t n;

	if (!uptr || !size)
		return 0;
	n = min_t(size_t, len, size - 1);
	if (n && copy_to_user(dst, str, n))
		return -EFAULT;
	if (put_user('\0', dst + n))
		return -EFAULT;
	return 0;
}

long sipc_ioctl_info(void __user *uarg)
{
	struct sipc_info info;
	struct sipc_channel *ch;
	int err;

	err = sipc_copy_in(&info, sizeof(info), SIPC_INFO_SIZE_VER0, uarg);
	if (err)
		return err;
	if ((info.flags & ~SIPC_REF_BY_ID) || info.reserved || info.reserved2)
		return -EINVAL;
	/* id is an output field by name: whatever the caller left there. */
	if (info.flags & SIPC_REF_BY_ID)
		ch = sipc_channel_find(info.name, info.id, true);
	else
		ch = sipc_channel_find(info.name, 0, false);
	if (IS_ERR(ch))
		return PTR_ERR(ch);
	memcpy(info.name, ch->name, SIPC_NAME_MAX);
	sipc_channel_fill_info(ch, &info);
	err = sipc_copy_string(info.context, info.context_size,
			       ch->creator_ctx, ch->creator_ctx_len);
	if (!err)
		err = sipc_copy_string(info.label, info.label_size,
				       ch->label, ch->label_len);
	sipc_channel_put(ch);
	if (err)
		return err;
	return sipc_copy_out(uarg, &info, sizeof(info));
}

long sipc_ioctl_list(void __user *uarg)
{
	struct sipc_list l;
	struct sipc_channel *ch;
	char (*names)[SIPC_NAME_MAX] = NULL;
	u32 n = 0, total = 0;
	int err;

	err = sipc_copy_in(&l, sizeof(l), SIPC_LIST_SIZE_VER0, uarg);
	if (err)
		return err;
	if (l.flags || (l.count && !l.names))
		return -EINVAL;

	mutex_lock(&sipc_table_lock);
	list_for_each_entry(ch, &sipc_channels, node)
		total += ch->named;
	if (l.count && total) {
		names = kvcalloc(min(l.count, total), SIPC_NAME_MAX, GFP_KERNEL);
		if (!names) {
			mutex_unlock(&sipc_table_lock);
			return -ENOMEM;
		}
		list_for_each_entry(ch, &sipc_channels, node) {
			if (n == min(l.count, total))
				break;
			if (ch->named)
				memcpy(names[n++], ch->name, SIPC_NAME_MAX);
		}
	}
	mutex_unlock(&sipc_table_lock);

	err = 0;
	if (n && copy_to_user(u64_to_user_ptr(l.names), names,
			      (size_t)n * SIPC_NAME_MAX))
		err = -EFAULT;
	kvfree(names);
	if (err)
		return err;
	l.count = n;
	l.total = total;
	return sipc_copy_out(uarg, &l, sizeof(l));
}
