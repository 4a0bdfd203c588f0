/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sipc_internal.h - objects of sipc.ko and how they are locked.
 *
 * Objects
 * -------
 * struct sipc_channel   a named channel: region + control queue.  Lives
 *                       from SIPC_IOC_CREATE until it is destroyed (or the
 *                       module unloads) AND its last endpoint is released.
 * struct sipc_endpoint  one attached role (sender or receiver); owned by
 *                       the anon-inode file returned by attach, freed in
 *                       that file's ->release, i.e. after the last close
 *                       and the last munmap (every VMA holds the file).
 *
 * References on a channel (ch->ref): one held by the channel table while
 * the channel has a name (ch->named; dropped by destroy), one per
 * endpoint, and short-lived ones taken by lookups.  The table list holds
 * every channel alive, named or destroyed, so that revocation can reach
 * mappings of destroyed channels too; the last put removes it from the
 * list under sipc_table_lock (kref_put_mutex), so a walker of the list
 * under that lock never meets a channel whose count is zero.
 *
 * Locking
 * -------
 * sipc_table_lock (mutex)  the channel list, names, ch->named, and the
 *                          limits check at creation.
 * ch->send_mutex (mutex)   serialises senders of one channel between
 *                          taking a free slot and filling it, so that a
 *                          fault copying the result to user space can
 *                          give the slot back unsent.
 * ch->recv_mutex (mutex)   the same for receivers: a message is popped
 *                          only after it reached user space.
 * ch->lock (spinlock)      the queue, the endpoint pointers, the state
 *                          flags and the counters of one channel.
 *
 * ch->seal_mutex (mutex)   sealed channels only: see struct sipc_seal.
 *
 * Nesting: sipc_table_lock -> ch->lock; sipc_table_lock -> the
 * i_mmap_rwsem of an endpoint inode (zapping); ch->send_mutex -> ch->lock;
 * ch->recv_mutex -> ch->lock; ch->send_mutex -> mmap_lock (a fault in
 * deliver()) -> ch->seal_mutex -> i_mmap_rwsem -> the page-table lock.
 * The table lock and the channel mutexes are never held together.
 * Nothing sleeps under ch->lock.
 *
 * Global counters (sipc_stats) are atomics: they are decremented by the
 * channel's release, which may run from any endpoint's last fput.
 */
#ifndef SIPC_INTERNAL_H
#define SIPC_INTERNAL_H

#include <kunit/visibility.h>
#include <linux/export.h>
#include <linux/kref.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/wait.h>
#include <linux/sipc.h>

struct file;
struct page;
struct sipc_endpoint;
struct vm_area_struct;

/* One control message as the kernel keeps it. */
struct sipc_qmsg {
	u32 type;
	u32 len;
	u64 offset;
	u64 seq;
};

/*
 * struct sipc_queue - bounded FIFO of control messages.
 * Pure data structure: the caller provides the locking (ch->lock).
 */
struct sipc_queue {
	struct sipc_qmsg *slots;	/* depth entries, allocated at init */
	u32 depth;			/* capacity, 1..SIPC_QUEUE_DEPTH_MAX */
	u32 head;			/* index of the oldest message */
	u32 len;			/* messages queued */
	u64 next_seq;			/* seq of the next message pushed */
};

int sipc_queue_init(struct sipc_queue *q, u32 depth);
void sipc_queue_free(struct sipc_queue *q);
bool sipc_queue_full(const struct sipc_queue *q);
bool sipc_queue_empty(const struct sipc_queue *q);
u64 sipc_queue_push(struct sipc_queue *q, const struct sipc_qmsg *m);
const struct sipc_qmsg *sipc_queue_peek(const struct sipc_queue *q);
void sipc_queue_pop(struct sipc_queue *q);

/*
 * struct sipc_region - the data pages of a channel.  Allocated whole and
 * zeroed at creation (charged to the creator's memory cgroup), immutable
 * afterwards, freed with the channel.
 */
struct sipc_region {
	struct page **pages;
	unsigned long nr_pages;
};

int sipc_region_alloc(struct sipc_region *r, u64 size);
void sipc_region_free(struct sipc_region *r);
int sipc_region_mmap(struct sipc_endpoint *ep, struct vm_area_struct *vma);

/*
 * struct sipc_seal - what a sealed channel (SIPC_CREATE_SEALED) keeps so
 * that the sender cannot change a message between publish and release
 * (Documentation/design.md, "Sealed channels").
 *
 * @count[i] is how many unreleased DATA_READY messages cover region page
 * i: the queued ones and the one the receiver holds (@held).  A page with
 * a count is sealed: the sender's mappings map it read-only and the
 * pfn_mkwrite handler refuses to make it writable (sipc_region.c).
 * Lifetime: allocated with the channel, freed with it; a sender endpoint
 * that comes later meets the same counts.
 *
 * Locking: @count is raised only under @mutex *and* ch->lock, and lowered
 * under ch->lock alone; @held and @held_msg are under ch->lock.  @mutex
 * is held across "raise the count, zap the sender's mappings" by the
 * sealer and across "read the counts, insert the PTEs" by a sender's
 * fault, so a fault can never insert a writable entry after the zap that
 * should have removed it; it is also held by ->access writes across the
 * check and the copy.  Lowering needs no @mutex: a fault that raced with
 * it maps a page read-only that is already free, and the pfn_mkwrite
 * handler makes it writable.  Counts are read locklessly (READ_ONCE) by
 * the fault handlers.  Order: ch->send_mutex -> mmap_lock -> @mutex ->
 * ch->lock and -> i_mmap_rwsem (the zap); nothing takes @mutex while
 * holding ch->lock.
 */
struct sipc_seal {
	struct mutex mutex;		/* see above: seal vs. fault */
	u8 *count;			/* nr_pages entries, max depth + 1 */
	bool held;			/* the receiver holds @held_msg */
	struct sipc_qmsg held_msg;
};

/*
 * struct sipc_channel - see the top of this file for lifetime and locks.
 */
struct sipc_channel {
	struct kref ref;
	struct list_head node;		/* in the table; sipc_table_lock */
	bool named;			/* table holds a ref; sipc_table_lock */

	/* Set at creation, immutable afterwards. */
	char name[SIPC_NAME_MAX];
	u64 id;
	struct inode *inode;		/* labelled like the creator (sipc_fs.c) */
	char *label;			/* inode's label string, or NULL */
	u32 label_len;
	struct sipc_region region;
	u64 region_size;		/* region.nr_pages << PAGE_SHIFT */
	u32 slots;			/* 1, or 2..SIPC_SLOTS_MAX */
	u64 slot_size;			/* region_size / slots */
	char *creator_ctx;		/* NUL-terminated, or NULL */
	u32 creator_ctx_len;
	u32 creator_pid;
	u32 creator_uid;
	u32 creator_gid;
	u32 create_flags;		/* SIPC_CREATE_* */
	struct sipc_seal *seal;		/* sealed channels only, else NULL */

	struct mutex send_mutex;	/* one sender between slot and fill */
	struct mutex recv_mutex;	/* one receiver between peek and pop */

	spinlock_t lock;		/* protects everything below */
	struct sipc_queue queue;
	struct sipc_endpoint *sender;	/* attached sender, or NULL */
	struct sipc_endpoint *receiver;	/* attached receiver, or NULL */
	bool destroyed;			/* name removed; ops give EIDRM */
	bool sender_hup;		/* a sender left, none attached since */
	u64 msgs_sent;
	u64 msgs_received;
	u64 bytes_sent;

	wait_queue_head_t send_wq;	/* senders waiting for room */
	wait_queue_head_t recv_wq;	/* receivers waiting for a message */
};

/*
 * struct sipc_endpoint - private data of an endpoint file.
 * @ch and @role never change; @ch is a counted reference.
 * @revoked is set once, under ch->lock, by SIPC_IOC_REVOKE; readers that
 * only need a hint use READ_ONCE.  @inode is the endpoint file's inode,
 * recorded under ch->lock by the first mmap so that revocation can zap
 * the mappings; it is valid while @ep is attached to @ch (the file, which
 * pins the inode, detaches only in its ->release).
 */
struct sipc_endpoint {
	struct sipc_channel *ch;
	u32 role;			/* SIPC_ROLE_SENDER or _RECEIVER */
	bool revoked;
	struct inode *inode;
};

/* Module parameters (sipc_main.c); read with READ_ONCE. */
extern unsigned int sipc_max_channels;
extern unsigned long sipc_max_region_size;
extern unsigned long sipc_max_total_region;

/* Global counters, exported read-only (root) in sysfs. */
struct sipc_stats {
	atomic_long_t channels;		/* channel objects alive */
	atomic_long_t endpoints;	/* endpoint objects alive */
	atomic_long_t region_bytes;	/* region memory allocated */
};

extern struct sipc_stats sipc_stats;

/* sipc_uaccess.c: the extensible-struct rules of the UAPI header. */
int sipc_copy_in(void *karg, size_t ksize, size_t ver0,
		 const void __user *uarg);
int sipc_copy_out(void __user *uarg, const void *karg, size_t ksize);
int sipc_name_check(const char name[SIPC_NAME_MAX]);

/* sipc_channel.c: the table and the /dev/sipc commands. */
long sipc_ioctl_create(void __user *uarg);
long sipc_ioctl_destroy(void __user *uarg);
long sipc_ioctl_info(void __user *uarg);
long sipc_ioctl_list(void __user *uarg);
struct sipc_channel *sipc_channel_lookup(const char *name);
struct sipc_channel *sipc_channel_find(const char name[SIPC_NAME_MAX],
				       u64 id, bool by_id);
void sipc_channel_put(struct sipc_channel *ch);
int sipc_channel_attach(struct sipc_channel *ch, struct sipc_endpoint *ep);
void sipc_channel_detach(struct sipc_channel *ch, struct sipc_endpoint *ep,
			 bool departed);
void sipc_channel_destroy_all(void);
/*
 * Steps of the ioctls above, called only in sipc_channel.c: static
 * (VISIBLE_IF_KUNIT) unless the kernel has KUnit, for sipc_test.ko.
 */
#if IS_ENABLED(CONFIG_KUNIT)
struct sipc_channel *sipc_channel_new(struct sipc_create *c);
int sipc_channel_publish(struct sipc_channel *ch);
int sipc_channel_destroy(const char *name);
void sipc_channel_fill_info(struct sipc_channel *ch, struct sipc_info *info);
#endif

/*
 * struct sipc_xfer - one SEND or RECV in progress, as the transfer code
 * sees it: whether it may wait, and how to hand the result over.
 */
struct sipc_xfer {
	bool nonblock;
	int (*deliver)(struct sipc_xfer *x, struct sipc_qmsg *m);
	/*
	 * Optional: the endpoint, and a re-check of the caller's permission
	 * run when the policy changed while it waited.
	 */
	struct sipc_endpoint *ep;
	int (*recheck)(struct sipc_xfer *x);
	unsigned int policy_seq;	/* sipc_policy_seq when last checked */
};

/* sipc_transfer.c: waiting on the queue. */
int sipc_channel_send(struct sipc_channel *ch, struct sipc_qmsg *q,
		      struct sipc_xfer *x);
int sipc_channel_recv(struct sipc_channel *ch, struct sipc_xfer *x);
int sipc_channel_wait_room(struct sipc_channel *ch, struct sipc_xfer *x);

/* sipc_fs.c: channel inodes and their labels. */
#define SIPC_CHANNEL_INODE_NAME	"[sipc-channel]"
int sipc_fs_init(void);
void sipc_fs_exit(void);
struct inode *sipc_fs_channel_inode(void);
char *sipc_fs_label(struct inode *inode);

/* sipc_revoke.c: taking access back. */
extern atomic_t sipc_policy_seq;
int sipc_revoke_init(void);
void sipc_revoke_exit(void);
void sipc_channel_zap(struct sipc_channel *ch);
int sipc_channel_revoke(struct sipc_channel *ch, u32 roles);
long sipc_ioctl_revoke(void __user *uarg);
void sipc_iterate_channels(void (*fn)(struct sipc_channel *ch));

/* sipc_seal.c: sealed channels (struct sipc_seal). */
int sipc_seal_init(struct sipc_channel *ch);
void sipc_seal_free(struct sipc_channel *ch);
void sipc_seal_publish(struct sipc_channel *ch, const struct sipc_qmsg *q);
void sipc_seal_unpublish_locked(struct sipc_channel *ch,
				const struct sipc_qmsg *q);
bool sipc_seal_taken_locked(struct sipc_channel *ch,
			    const struct sipc_qmsg *q, struct sipc_qmsg *freed);
bool sipc_seal_release_held_locked(struct sipc_channel *ch,
				   struct sipc_qmsg *freed);
void sipc_seal_zap(struct sipc_channel *ch, const struct sipc_qmsg *q);
bool sipc_seal_page_sealed(struct sipc_channel *ch, unsigned long pgoff);
struct inode *sipc_ep_inode_get_locked(struct sipc_endpoint *ep);

/* sipc_endpoint.c: attach, and the endpoint file. */
long sipc_ioctl_attach(void __user *uarg, u32 role);
long sipc_ioctl_version(void __user *uarg);

#endif /* SIPC_INTERNAL_H */
