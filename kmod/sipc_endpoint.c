// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_endpoint.c - attaching to a channel, and the endpoint file: send,
 * receive, poll, mmap, release.
 *
 * An endpoint is an anon-inode file with an inode of its own (the
 * "secure" anon inode), so that an LSM can label it and so that zapping
 * its mappings touches no one else's.  Its role is fixed at attach.
 *
 * What the sender can learn about the receiver is the point of this
 * file's shape.  The receiver acts on the channel only by taking messages
 * from the queue, which makes room: the sender sees that as blocking, or
 * as EPOLLOUT, and that is all.  In particular the receiver leaving is
 * not reported to the sender (no EPIPE, no EPOLLHUP, the queue is not
 * flushed): a sender blocked on a full queue stays blocked.  The other
 * way round is the channel's direction of flow, so the receiver is told
 * when the sender has left (EPIPE once the queue is drained).
 */
#include <linux/anon_inodes.h>
#include <linux/fcntl.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/poll.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "sipc_internal.h"

static const struct file_operations sipc_endpoint_fops;

static int sipc_ep_check_msg(const struct sipc_channel *ch,
			     const struct sipc_msg *m)
{
	if (m->flags & ~SIPC_MSG_F_ALL)
		return -EINVAL;
	switch (m->type) {
	case SIPC_MSG_DATA_READY:
		if (m->offset > ch->region_size ||
		    m->len > ch->region_size - m->offset)
			return -EINVAL;
		return 0;
	case SIPC_MSG_NOOP:
		return (m->len || m->offset) ? -EINVAL : 0;
	default:
		return -EINVAL;
	}
}

static bool sipc_nonblock(const struct file *file, const struct sipc_msg *m)
{
	return (file->f_flags & O_NONBLOCK) || (m->flags & SIPC_MSG_F_NONBLOCK);
}

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
 * Wait until the queue has room, then queue @m.  The seq the message
 * will get is written to user space before the message is queued, under
 * send_mutex, so a fault there sends nothing.
 */
static int sipc_ep_send(struct file *file, struct sipc_channel *ch,
			void __user *uarg)
{
	struct sipc_msg m;
	struct sipc_qmsg q;
	int err;

	err = sipc_copy_in(&m, sizeof(m), SIPC_MSG_SIZE_VER0, uarg);
	if (err)
		return err;
	err = sipc_ep_check_msg(ch, &m);
	if (err)
		return err;
	q = (struct sipc_qmsg){ .type = m.type, .len = m.len,
				.offset = m.offset };

	for (;;) {
		if (!sipc_nonblock(file, &m) &&
		    wait_event_interruptible(ch->send_wq, sipc_can_send(ch)))
			return -ERESTARTSYS;
		if (mutex_lock_interruptible(&ch->send_mutex))
			return -ERESTARTSYS;
		spin_lock(&ch->lock);
		if (ch->destroyed) {
			err = -EIDRM;
			break;
		}
		if (!sipc_queue_full(&ch->queue)) {
			m.seq = ch->queue.next_seq;
			err = 0;
			break;
		}
		spin_unlock(&ch->lock);
		mutex_unlock(&ch->send_mutex);
		if (sipc_nonblock(file, &m))
			return -EAGAIN;
	}
	spin_unlock(&ch->lock);
	if (!err)
		err = sipc_copy_out(uarg, &m, sizeof(m));
	if (!err) {
		spin_lock(&ch->lock);
		if (ch->destroyed) {
			err = -EIDRM;
		} else {
			sipc_queue_push(&ch->queue, &q);
			ch->msgs_sent++;
			if (q.type == SIPC_MSG_DATA_READY)
				ch->bytes_sent += q.len;
		}
		spin_unlock(&ch->lock);
	}
	mutex_unlock(&ch->send_mutex);
	if (!err)
		wake_up_interruptible(&ch->recv_wq);
	return err;
}

/* Why the receiver cannot have a message now; ch->lock held. */
static int sipc_recv_block_reason_locked(struct sipc_channel *ch)
{
	lockdep_assert_held(&ch->lock);
	if (ch->destroyed)
		return -EIDRM;
	if (!sipc_queue_empty(&ch->queue))
		return 0;
	return ch->sender_hup ? -EPIPE : -EAGAIN;
}

/*
 * Wait for a message and hand it to user space; it leaves the queue only
 * once the copy succeeded (under recv_mutex), so a fault loses nothing.
 */
static int sipc_ep_recv(struct file *file, struct sipc_channel *ch,
			void __user *uarg)
{
	struct sipc_msg m;
	const struct sipc_qmsg *head;
	int err;

	err = sipc_copy_in(&m, sizeof(m), SIPC_MSG_SIZE_VER0, uarg);
	if (err)
		return err;
	if (m.flags & ~SIPC_MSG_F_ALL)
		return -EINVAL;

	for (;;) {
		if (!sipc_nonblock(file, &m) &&
		    wait_event_interruptible(ch->recv_wq, sipc_can_recv(ch)))
			return -ERESTARTSYS;
		if (mutex_lock_interruptible(&ch->recv_mutex))
			return -ERESTARTSYS;
		spin_lock(&ch->lock);
		err = sipc_recv_block_reason_locked(ch);
		if (err != -EAGAIN)
			break;
		spin_unlock(&ch->lock);
		mutex_unlock(&ch->recv_mutex);
		if (sipc_nonblock(file, &m))
			return -EAGAIN;
	}
	if (err) {
		spin_unlock(&ch->lock);
		mutex_unlock(&ch->recv_mutex);
		return err;
	}
	head = sipc_queue_peek(&ch->queue);
	m.type = head->type;
	m.len = head->len;
	m.offset = head->offset;
	m.seq = head->seq;
	spin_unlock(&ch->lock);

	err = sipc_copy_out(uarg, &m, sizeof(m));
	if (!err) {
		spin_lock(&ch->lock);
		sipc_queue_pop(&ch->queue);	/* only receivers pop: still m */
		ch->msgs_received++;
		spin_unlock(&ch->lock);
	}
	mutex_unlock(&ch->recv_mutex);
	if (!err)
		wake_up_interruptible(&ch->send_wq);
	return err;
}

static long sipc_ep_info(struct sipc_endpoint *ep, void __user *uarg)
{
	struct sipc_channel *ch = ep->ch;
	struct sipc_ep_info info;
	bool destroyed;
	int err;

	err = sipc_copy_in(&info, sizeof(info), SIPC_EP_INFO_SIZE_VER0, uarg);
	if (err)
		return err;
	if (info.flags)
		return -EINVAL;
	spin_lock(&ch->lock);
	destroyed = ch->destroyed;
	spin_unlock(&ch->lock);
	if (destroyed)
		return -EIDRM;
	info.role = ep->role;
	info.queue_depth = ch->queue.depth;
	info.region_size = ch->region_size;
	info.channel_id = ch->id;
	memcpy(info.name, ch->name, sizeof(info.name));
	return sipc_copy_out(uarg, &info, sizeof(info));
}

static long sipc_ep_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	struct sipc_endpoint *ep = file->private_data;
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case SIPC_IOC_VERSION:
		return sipc_ioctl_version(uarg);
	case SIPC_IOC_SEND:
		if (ep->role != SIPC_ROLE_SENDER)
			return -EBADF;
		return sipc_ep_send(file, ep->ch, uarg);
	case SIPC_IOC_RECV:
		if (ep->role != SIPC_ROLE_RECEIVER)
			return -EBADF;
		return sipc_ep_recv(file, ep->ch, uarg);
	case SIPC_IOC_EP_INFO:
		return sipc_ep_info(ep, uarg);
	default:
		return -ENOTTY;
	}
}

static __poll_t sipc_ep_poll(struct file *file, poll_table *wait)
{
	struct sipc_endpoint *ep = file->private_data;
	struct sipc_channel *ch = ep->ch;
	bool sender = ep->role == SIPC_ROLE_SENDER;
	__poll_t mask = 0;

	poll_wait(file, sender ? &ch->send_wq : &ch->recv_wq, wait);
	spin_lock(&ch->lock);
	if (ch->destroyed)
		mask = EPOLLERR | EPOLLHUP;
	else if (sender && !sipc_queue_full(&ch->queue))
		mask = EPOLLOUT | EPOLLWRNORM;
	else if (!sender && !sipc_queue_empty(&ch->queue))
		mask = EPOLLIN | EPOLLRDNORM;
	else if (!sender && ch->sender_hup)
		mask = EPOLLHUP;
	spin_unlock(&ch->lock);
	return mask;
}

static int sipc_ep_mmap(struct file *file, struct vm_area_struct *vma)
{
	return sipc_region_mmap(file->private_data, vma);
}

/* Last reference to the file: no fd and no mapping is left. */
static int sipc_ep_release(struct inode *inode, struct file *file)
{
	struct sipc_endpoint *ep = file->private_data;
	struct sipc_channel *ch = ep->ch;
	bool sender = ep->role == SIPC_ROLE_SENDER;

	spin_lock(&ch->lock);
	if (sender) {
		ch->sender = NULL;
		ch->sender_hup = true;
	} else {
		ch->receiver = NULL;	/* deliberately not told to anyone */
	}
	spin_unlock(&ch->lock);
	if (sender)
		wake_up_interruptible_all(&ch->recv_wq);

	kfree(ep);
	atomic_long_dec(&sipc_stats.endpoints);
	sipc_channel_put(ch);
	return 0;
}

static const struct file_operations sipc_endpoint_fops = {
	.owner		= THIS_MODULE,
	.release	= sipc_ep_release,
	.unlocked_ioctl	= sipc_ep_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.poll		= sipc_ep_poll,
	.mmap		= sipc_ep_mmap,
	.llseek		= noop_llseek,
};

/* Claim @role on @ch for @ep, or -EIDRM / -EBUSY. */
static int sipc_claim_role(struct sipc_channel *ch, struct sipc_endpoint *ep)
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

static void sipc_unclaim_role(struct sipc_channel *ch,
			      struct sipc_endpoint *ep)
{
	spin_lock(&ch->lock);
	if (ep->role == SIPC_ROLE_SENDER)
		ch->sender = NULL;
	else
		ch->receiver = NULL;
	spin_unlock(&ch->lock);
}

long sipc_ioctl_attach(void __user *uarg, u32 role)
{
	struct sipc_channel_ref r;
	struct sipc_channel *ch;
	struct sipc_endpoint *ep;
	bool sender = role == SIPC_ROLE_SENDER;
	int fd, err, oflags;

	err = sipc_copy_in(&r, sizeof(r), SIPC_CHANNEL_REF_SIZE_VER0, uarg);
	if (err)
		return err;
	if ((r.flags & ~SIPC_ATTACH_ALL_FLAGS) || sipc_name_check(r.name))
		return -EINVAL;

	ep = kzalloc(sizeof(*ep), GFP_KERNEL_ACCOUNT);
	if (!ep)
		return -ENOMEM;
	ep->role = role;
	ch = sipc_channel_lookup(r.name);
	if (!ch) {
		err = -ENOENT;
		goto err_free_ep;
	}
	ep->ch = ch;	/* the lookup's reference becomes the endpoint's */
	err = sipc_claim_role(ch, ep);
	if (err)
		goto err_put_ch;

	/* The receiver's file is read-only: the mm core then refuses it
	 * any writable shared mapping, on top of our own checks. */
	oflags = (sender ? O_RDWR : O_RDONLY) |
		 ((r.flags & SIPC_ATTACH_NONBLOCK) ? O_NONBLOCK : 0) |
		 ((r.flags & SIPC_ATTACH_NO_CLOEXEC) ? 0 : O_CLOEXEC);
	atomic_long_inc(&sipc_stats.endpoints);
	fd = anon_inode_getfd_secure(sender ? "[sipc-sender]" : "[sipc-receiver]",
				     &sipc_endpoint_fops, ep, oflags, NULL);
	if (fd < 0) {
		err = fd;
		goto err_unclaim;
	}
	/* From here the file owns @ep: its ->release undoes everything. */
	return fd;

err_unclaim:
	atomic_long_dec(&sipc_stats.endpoints);
	sipc_unclaim_role(ch, ep);
err_put_ch:
	sipc_channel_put(ch);
err_free_ep:
	kfree(ep);
	return err;
}

long sipc_ioctl_version(void __user *uarg)
{
	struct sipc_version v;
	int err;

	err = sipc_copy_in(&v, sizeof(v), SIPC_VERSION_SIZE_VER0, uarg);
	if (err)
		return err;
	if (v.flags || v.reserved)
		return -EINVAL;
	v.api_version = SIPC_API_VERSION;
	v.features = SIPC_FEATURES_ALL;
	v.ioctls = BIT_ULL(_IOC_NR(SIPC_IOC_VERSION)) |
		   BIT_ULL(_IOC_NR(SIPC_IOC_CREATE)) |
		   BIT_ULL(_IOC_NR(SIPC_IOC_DESTROY)) |
		   BIT_ULL(_IOC_NR(SIPC_IOC_ATTACH_SENDER)) |
		   BIT_ULL(_IOC_NR(SIPC_IOC_ATTACH_RECEIVER)) |
		   BIT_ULL(_IOC_NR(SIPC_IOC_INFO)) |
		   BIT_ULL(_IOC_NR(SIPC_IOC_LIST)) |
		   BIT_ULL(_IOC_NR(SIPC_IOC_SEND)) |
		   BIT_ULL(_IOC_NR(SIPC_IOC_RECV)) |
		   BIT_ULL(_IOC_NR(SIPC_IOC_EP_INFO));
	return sipc_copy_out(uarg, &v, sizeof(v));
}
