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
#include <linux/security.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "sipc_internal.h"

static const struct file_operations sipc_endpoint_fops;

/* A SEND or RECV in progress: the user's struct and where it goes back. */
struct sipc_ep_xfer {
	struct sipc_xfer x;
	struct sipc_msg m;
	void __user *uarg;
	struct file *file;
	unsigned int cmd;
	bool got_data;		/* RECV_NEXT: a DATA_READY was handed over */
};

static int sipc_ep_check_msg(const struct sipc_channel *ch,
			     const struct sipc_msg *m)
{
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

/*
 * The policy changed while the caller slept: would its command still be
 * allowed?  Asked through the same LSM hook the ioctl itself passed.
 */
static int sipc_ep_recheck(struct sipc_xfer *x)
{
	struct sipc_ep_xfer *ex = container_of(x, struct sipc_ep_xfer, x);

	return security_file_ioctl(ex->file, ex->cmd, (unsigned long)ex->uarg);
}

/* Read the struct sipc_msg of @cmd and set @ex up to carry it out. */
static int sipc_ep_xfer_begin(struct sipc_ep_xfer *ex, struct file *file,
			      unsigned int cmd, void __user *uarg)
{
	int err;

	err = sipc_copy_in(&ex->m, sizeof(ex->m), SIPC_MSG_SIZE_VER0, uarg);
	if (err)
		return err;
	if (ex->m.flags & ~SIPC_MSG_F_ALL)
		return -EINVAL;
	ex->uarg = uarg;
	ex->x.nonblock = sipc_nonblock(file, &ex->m);
	ex->x.ep = file->private_data;
	ex->x.recheck = sipc_ep_recheck;
	ex->x.policy_seq = atomic_read(&sipc_policy_seq);
	ex->file = file;
	ex->cmd = cmd;
	return 0;
}

/* Write the seq the message is about to get back to the caller. */
static int sipc_ep_send_deliver(struct sipc_xfer *x, struct sipc_qmsg *q)
{
	struct sipc_ep_xfer *ex = container_of(x, struct sipc_ep_xfer, x);

	ex->m.seq = q->seq;
	return sipc_copy_out(ex->uarg, &ex->m, sizeof(ex->m));
}

static int sipc_ep_send(struct file *file, struct sipc_channel *ch,
			void __user *uarg)
{
	struct sipc_ep_xfer ex = {};
	struct sipc_qmsg q;
	int err;

	err = sipc_ep_xfer_begin(&ex, file, SIPC_IOC_SEND, uarg);
	if (!err)
		err = sipc_ep_check_msg(ch, &ex.m);
	if (err)
		return err;
	q = (struct sipc_qmsg){ .type = ex.m.type, .len = ex.m.len,
				.offset = ex.m.offset };
	ex.x.deliver = sipc_ep_send_deliver;
	return sipc_channel_send(ch, &q, &ex.x);
}

/* Hand a message to the caller; it leaves the queue only if this works. */
static int sipc_ep_recv_deliver(struct sipc_xfer *x, struct sipc_qmsg *q)
{
	struct sipc_ep_xfer *ex = container_of(x, struct sipc_ep_xfer, x);

	ex->m.type = q->type;
	ex->m.len = q->len;
	ex->m.offset = q->offset;
	ex->m.seq = q->seq;
	return sipc_copy_out(ex->uarg, &ex->m, sizeof(ex->m));
}

static int sipc_ep_recv(struct file *file, struct sipc_channel *ch,
			void __user *uarg)
{
	struct sipc_ep_xfer ex = {};
	int err;

	err = sipc_ep_xfer_begin(&ex, file, SIPC_IOC_RECV, uarg);
	if (err)
		return err;
	ex.x.deliver = sipc_ep_recv_deliver;
	return sipc_channel_recv(ch, &ex.x);
}

/* Queueing a message whose result nobody waits for: nothing to copy. */
static int sipc_ep_no_deliver(struct sipc_xfer *x, struct sipc_qmsg *q)
{
	return 0;
}

/* A COMMIT in a multi-slot channel publishes exactly one slot. */
static int sipc_ep_check_commit(const struct sipc_channel *ch,
				const struct sipc_msg *m)
{
	if (m->type && m->type != SIPC_MSG_DATA_READY)
		return -EINVAL;
	if (ch->slots > 1 && (m->offset % ch->slot_size ||
			      m->len > ch->slot_size))
		return -EINVAL;
	return 0;
}

/*
 * SIPC_IOC_COMMIT: DATA_READY, then the release wait of the protocol
 * (one region: NOOP-1 and depth more NOOPs; multi-slot: room in the
 * queue).  Only
 * the first step may be non-blocking: once the data is published the
 * caller must not be told "try again", or it would publish it twice.
 */
static int sipc_ep_commit(struct file *file, struct sipc_channel *ch,
			  void __user *uarg)
{
	struct sipc_ep_xfer ex = {};
	struct sipc_qmsg q = { .type = SIPC_MSG_DATA_READY };
	u32 i;
	int err;

	err = sipc_ep_xfer_begin(&ex, file, SIPC_IOC_COMMIT, uarg);
	if (!err)
		err = sipc_ep_check_commit(ch, &ex.m);
	if (err)
		return err;
	ex.m.type = SIPC_MSG_DATA_READY;
	err = sipc_ep_check_msg(ch, &ex.m);
	if (err)
		return err;
	q.len = ex.m.len;
	q.offset = ex.m.offset;
	ex.x.deliver = sipc_ep_send_deliver;
	err = sipc_channel_send(ch, &q, &ex.x);
	if (err)
		return err;

	ex.x.nonblock = false;
	ex.x.deliver = sipc_ep_no_deliver;
	if (ch->slots > 1) {
		err = sipc_channel_wait_room(ch, &ex.x);
	} else {
		/*
		 * NOOP-1, then as many NOOPs as the queue holds: the last
		 * one fits only once the receiver has taken DATA_READY and
		 * NOOP-1, whatever the depth (with depth 1 that is the 2007
		 * NOOP-1, NOOP-2).
		 */
		q = (struct sipc_qmsg){ .type = SIPC_MSG_NOOP };
		for (i = 0; !err && i <= ch->queue.depth; i++)
			err = sipc_channel_send(ch, &q, &ex.x);
	}
	/*
	 * The data is published: a restarted call would publish it again,
	 * so a signal ends the call with EINTR ("sent, not released").
	 */
	return err == -ERESTARTSYS ? -EINTR : err;
}

/* RECV_NEXT hands over only DATA_READY; a NOOP is taken and dropped. */
static int sipc_ep_next_deliver(struct sipc_xfer *x, struct sipc_qmsg *q)
{
	struct sipc_ep_xfer *ex = container_of(x, struct sipc_ep_xfer, x);

	ex->got_data = q->type == SIPC_MSG_DATA_READY;
	return ex->got_data ? sipc_ep_recv_deliver(x, q) : 0;
}

static int sipc_ep_recv_next(struct file *file, struct sipc_channel *ch,
			     void __user *uarg)
{
	struct sipc_ep_xfer ex = {};
	int err;

	err = sipc_ep_xfer_begin(&ex, file, SIPC_IOC_RECV_NEXT, uarg);
	if (err)
		return err;
	ex.x.deliver = sipc_ep_next_deliver;
	do {
		err = sipc_channel_recv(ch, &ex.x);
	} while (!err && !ex.got_data);
	return err;
}

static bool sipc_ep_destroyed(struct sipc_channel *ch)
{
	bool destroyed;

	spin_lock(&ch->lock);
	destroyed = ch->destroyed;
	spin_unlock(&ch->lock);
	return destroyed;
}

static long sipc_ep_info(struct sipc_endpoint *ep, void __user *uarg)
{
	struct sipc_channel *ch = ep->ch;
	struct sipc_ep_info info;
	int err;

	err = sipc_copy_in(&info, sizeof(info), SIPC_EP_INFO_SIZE_VER0, uarg);
	if (err)
		return err;
	if (info.flags || info.reserved || info.reserved2)
		return -EINVAL;
	if (sipc_ep_destroyed(ch))
		return -EIDRM;
	info.role = ep->role;
	info.queue_depth = ch->queue.depth;
	info.region_size = ch->region_size;
	info.channel_id = ch->id;
	info.slots = ch->slots;
	info.create_flags = ch->create_flags;
	memcpy(info.name, ch->name, sizeof(info.name));
	return sipc_copy_out(uarg, &info, sizeof(info));
}

static long sipc_ep_ioctl(struct file *file, unsigned int cmd,
			  unsigned long arg)
{
	struct sipc_endpoint *ep = file->private_data;
	void __user *uarg = (void __user *)arg;

	if (cmd == SIPC_IOC_VERSION)
		return sipc_ioctl_version(uarg);
	if (READ_ONCE(ep->revoked))
		return -EACCES;
	switch (cmd) {
	case SIPC_IOC_SEND:
		if (ep->role != SIPC_ROLE_SENDER)
			return -EBADF;
		return sipc_ep_send(file, ep->ch, uarg);
	case SIPC_IOC_RECV:
		if (ep->role != SIPC_ROLE_RECEIVER)
			return -EBADF;
		return sipc_ep_recv(file, ep->ch, uarg);
	case SIPC_IOC_COMMIT:
		if (ep->role != SIPC_ROLE_SENDER)
			return -EBADF;
		return sipc_ep_commit(file, ep->ch, uarg);
	case SIPC_IOC_RECV_NEXT:
		if (ep->role != SIPC_ROLE_RECEIVER)
			return -EBADF;
		return sipc_ep_recv_next(file, ep->ch, uarg);
	case SIPC_IOC_EP_INFO:
		return sipc_ep_info(ep, uarg);
	case SIPC_IOC_MAP:
		/*
		 * The LSM checked this command on the way in: that is the
		 * answer, unless the channel is gone.
		 */
		return sipc_ep_destroyed(ep->ch) ? -EIDRM : 0;
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
	if (ch->destroyed || ep->revoked)
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

	sipc_channel_detach(ch, ep, true);
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
	if ((r.flags & ~SIPC_ATTACH_ALL_FLAGS) || r.id ||
	    sipc_name_check(r.name))
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
	err = sipc_channel_attach(ch, ep);
	if (err)
		goto err_put_ch;

	/*
	 * The receiver's file is read-only: the mm core then refuses it
	 * any writable shared mapping, on top of our own checks.
	 */
	oflags = (sender ? O_RDWR : O_RDONLY) |
		 ((r.flags & SIPC_ATTACH_NONBLOCK) ? O_NONBLOCK : 0) |
		 ((r.flags & SIPC_ATTACH_NO_CLOEXEC) ? 0 : O_CLOEXEC);
	atomic_long_inc(&sipc_stats.endpoints);
	/*
	 * The endpoint's inode takes the channel's label (sipc_fs.c); the
	 * LSM checks "create" on it for the attaching task.
	 */
	fd = anon_inode_getfd_secure(sender ? "[sipc-sender]" : "[sipc-receiver]",
				     &sipc_endpoint_fops, ep, oflags,
				     ch->inode);
	if (fd < 0) {
		err = fd;
		goto err_unclaim;
	}
	/* From here the file owns @ep: its ->release undoes everything. */
	return fd;

err_unclaim:
	atomic_long_dec(&sipc_stats.endpoints);
	sipc_channel_detach(ch, ep, false);
err_put_ch:
	sipc_channel_put(ch);
err_free_ep:
	kfree(ep);
	return err;
}
EXPORT_SYMBOL_IF_KUNIT(sipc_ioctl_attach);

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
		   BIT_ULL(_IOC_NR(SIPC_IOC_EP_INFO)) |
		   BIT_ULL(_IOC_NR(SIPC_IOC_REVOKE)) |
		   BIT_ULL(_IOC_NR(SIPC_IOC_MAP)) |
		   BIT_ULL(_IOC_NR(SIPC_IOC_COMMIT)) |
		   BIT_ULL(_IOC_NR(SIPC_IOC_RECV_NEXT));
	return sipc_copy_out(uarg, &v, sizeof(v));
}
