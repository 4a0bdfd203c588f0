/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note OR MIT */
/*
 * sipc.h - user API of /dev/sipc, secure one-way inter-process channels.
 *
 * This is the one header shared by the kernel module (kmod/), libsipc (lib/),
 * the tools and the tests.  Everything is included as <linux/sipc.h>.
 *
 * Model
 * -----
 * A channel is a named kernel object made of a data region (pages, size fixed
 * at creation) and a control queue of small messages (depth fixed at
 * creation).  /dev/sipc is only a factory: it creates, destroys, lists and
 * describes channels, and attaches to them.  Attaching returns a new file
 * descriptor (an "endpoint") bound for its whole life to one role:
 *
 *   SENDER    may mmap the region read-write and send messages;
 *   RECEIVER  may mmap the region read-only and receive messages.
 *
 * The receiver never writes anything the sender can read: not the region,
 * not the queue.  What it can still signal (blocking, free slots, counters,
 * metadata, caches) is measured and listed with rates in
 * Documentation/uapi.md, "Backchannels".
 *
 * ioctl numbering
 * ---------------
 * Type byte 0xBD: unlisted in 6.1's Documentation/userspace-api/ioctl/
 * ioctl-number.rst (0xB8 has since been claimed by mshv; 0xBD has not).
 * Commands are _IO() with no size encoded: every argument struct starts
 * with "__u32 size; __u32 flags;" so it can grow (see SIPC_*_SIZE_VER0).
 * SELinux ioctl extended permissions match (type << 8 | nr), so each
 * operation has its own nr and a policy can grant each one separately:
 *
 *   0x00        SIPC_IOC_VERSION          /dev/sipc and endpoints
 *   0x01-0x0f   channel table             /dev/sipc
 *   0x20-0x2f   queue and region          endpoints
 *
 * Numbers are never reused.
 *
 * Argument structs
 * ----------------
 * The kernel reads "size" first.  size < SIPC_<X>_SIZE_VER0 -> EINVAL.
 * size > what the kernel knows -> the extra bytes must be zero, else E2BIG.
 * Output fields are written back up to min(size, kernel's size).
 * Unknown bits in "flags" and non-zero "reserved" fields -> EINVAL.
 */
#ifndef _UAPI_LINUX_SIPC_H
#define _UAPI_LINUX_SIPC_H

#include <linux/types.h>
#include <linux/ioctl.h>

#define SIPC_DEVICE_PATH	"/dev/sipc"

/*
 * Version of this API, reported by SIPC_IOC_VERSION.  2: regions are PFN
 * mappings; channels can be named by id; DESTROY can revoke.  Feature
 * bits, not the version, say which optional behaviour a module has.
 */
#define SIPC_API_VERSION	2

/*
 * Channel names: 1 to SIPC_NAME_MAX - 1 bytes of printable ASCII
 * (0x21..0x7e) other than '/', NUL-terminated within name[].
 */
#define SIPC_NAME_MAX		64

/* Control queue depth: 1 (the 2007 protocol) to SIPC_QUEUE_DEPTH_MAX. */
#define SIPC_QUEUE_DEPTH_DEFAULT	1
#define SIPC_QUEUE_DEPTH_MAX		64

/*
 * Slots: a multi-slot channel splits its region into 2..SIPC_SLOTS_MAX
 * equal, page-aligned slots and has a queue one shorter than that, so that
 * the sender can fill one slot while the receiver reads another (see
 * SIPC_IOC_COMMIT).  0 or 1 slot: one region, the 2007 protocol.
 */
#define SIPC_SLOTS_MAX		(SIPC_QUEUE_DEPTH_MAX + 1)

/* Endpoint roles, as reported by SIPC_IOC_EP_INFO. */
#define SIPC_ROLE_SENDER	1
#define SIPC_ROLE_RECEIVER	2

/* Message types carried by the control queue. */
#define SIPC_MSG_DATA_READY	1	/* region[offset, offset+len) holds data */
#define SIPC_MSG_NOOP		2	/* pacing message, len and offset are 0 */

/**
 * struct sipc_version - argument of SIPC_IOC_VERSION
 * @size:	in: sizeof(struct sipc_version)
 * @flags:	in: must be 0
 * @api_version:	out: SIPC_API_VERSION of the running module
 * @reserved:	must be 0
 * @features:	out: SIPC_FEATURE_* bits the module supports
 * @ioctls:	out: bit n set when command nr n is supported
 */
struct sipc_version {
	__u32 size;		/* 0 */
	__u32 flags;		/* 4 */
	__u32 api_version;	/* 8 */
	__u32 reserved;		/* 12 */
	__u64 features;		/* 16 */
	__u64 ioctls;		/* 24 */
};
#define SIPC_VERSION_SIZE_VER0	32

/*
 * Feature bits (Documentation/uapi.md, "Version 2 additions"; the bits
 * designed but not yet implemented are reserved there, not here).
 *
 * UNPINNABLE: the region is a PFN mapping.  get_user_pages() refuses it,
 *	so vmsplice, O_DIRECT, io_uring buffer registration and
 *	process_vm_readv/writev on it fail with EFAULT for both roles, and
 *	no reference to a region page can outlive a revoke; madvise
 *	(MADV_DONTNEED) gives EINVAL; /proc/PID/mem reads are served by
 *	copying, with the fault's checks.
 * REF_BY_ID: DESTROY, REVOKE and INFO accept SIPC_REF_BY_ID and then name
 *	the channel by id, which reaches a destroyed channel still held by
 *	an endpoint or mapping.
 * DESTROY_REVOKE: DESTROY accepts SIPC_DESTROY_REVOKE.
 * SEALED: CREATE accepts SIPC_CREATE_SEALED, and INFO / EP_INFO report
 *	the creation flags (SIPC_INFO_SIZE_VER3, SIPC_EP_INFO_SIZE_VER2).
 */
#define SIPC_FEATURE_UNPINNABLE		(1ULL << 0)
#define SIPC_FEATURE_REF_BY_ID		(1ULL << 3)
#define SIPC_FEATURE_DESTROY_REVOKE	(1ULL << 4)
#define SIPC_FEATURE_SEALED		(1ULL << 6)
#define SIPC_FEATURES_ALL	(SIPC_FEATURE_UNPINNABLE | \
				 SIPC_FEATURE_REF_BY_ID | \
				 SIPC_FEATURE_DESTROY_REVOKE | \
				 SIPC_FEATURE_SEALED)

/**
 * struct sipc_create - argument of SIPC_IOC_CREATE
 * @size:	in: sizeof(struct sipc_create)
 * @flags:	in: SIPC_CREATE_* bits; any other bit gives EINVAL
 * @region_size: in: bytes of the data region, 1..max_region_size; rounded
 *		up to whole pages.  out: the rounded size.
 * @queue_depth: in: 0 for SIPC_QUEUE_DEPTH_DEFAULT, or 1..SIPC_QUEUE_DEPTH_MAX
 *		out: the depth used.  A multi-slot channel needs 0 or
 *		@slots - 1 here.
 * @reserved:	must be 0
 * @name:	in: channel name, see SIPC_NAME_MAX
 * @slots:	in: 0 or 1 for one region, 2..SIPC_SLOTS_MAX for a multi-slot
 *		channel, whose region_size is then rounded up to @slots equal
 *		page-aligned slots.  (Since SIPC_CREATE_SIZE_VER1.)
 * @reserved2:	must be 0
 */
struct sipc_create {
	__u32 size;		/* 0 */
	__u32 flags;		/* 4 */
	__u64 region_size;	/* 8 */
	__u32 queue_depth;	/* 16 */
	__u32 reserved;		/* 20 */
	char name[SIPC_NAME_MAX];	/* 24 */
	__u32 slots;		/* 88 */
	__u32 reserved2;	/* 92 */
};
#define SIPC_CREATE_SIZE_VER0	88
#define SIPC_CREATE_SIZE_VER1	96	/* adds slots */

/*
 * Creation flags (struct sipc_create.flags; reported back by INFO and
 * EP_INFO as create_flags).  Bit 0 is kept for SIPC_CREATE_PERM and bits
 * 2-3 for the diode and batch-room channels of Documentation/uapi.md.
 *
 * SEALED: from the moment SEND or COMMIT queues a DATA_READY until the
 *	receiver releases it (takes the next message: NOOP-1 on a one-region
 *	channel, the next DATA_READY on a multi-slot one; or leaves), the
 *	pages of region[offset, offset + len) cannot be changed through the
 *	sender's endpoint: a store gets SIGBUS, a /proc/PID/mem or ptrace
 *	write EIO; reads stay allowed.  Write access comes back by itself at
 *	the release.  The receiver's view is unchanged.
 */
#define SIPC_CREATE_SEALED	(1U << 1)
#define SIPC_CREATE_ALL_FLAGS	SIPC_CREATE_SEALED

/**
 * struct sipc_channel_ref - names a channel: SIPC_IOC_DESTROY,
 *	SIPC_IOC_ATTACH_SENDER / SIPC_IOC_ATTACH_RECEIVER, SIPC_IOC_REVOKE
 * @size:	in: sizeof(struct sipc_channel_ref)
 * @flags:	in: DESTROY: SIPC_DESTROY_* bits.  ATTACH: SIPC_ATTACH_* bits.
 *		REVOKE: SIPC_REVOKE_* bits, at least one.  DESTROY and
 *		REVOKE also take SIPC_REF_BY_ID.
 * @name:	in: channel name; all zero with SIPC_REF_BY_ID
 * @id:		in, with SIPC_REF_BY_ID: the channel's id (SIPC_IOC_INFO,
 *		SIPC_IOC_EP_INFO); else must be 0.  (Since
 *		SIPC_CHANNEL_REF_SIZE_VER1.)
 */
struct sipc_channel_ref {
	__u32 size;		/* 0 */
	__u32 flags;		/* 4 */
	char name[SIPC_NAME_MAX];	/* 8 */
	__u64 id;		/* 72 */
};
#define SIPC_CHANNEL_REF_SIZE_VER0	72
#define SIPC_CHANNEL_REF_SIZE_VER1	80	/* adds id */

/*
 * Name the channel by @id instead of @name (DESTROY, REVOKE; INFO reads
 * sipc_info.id).  By id, a destroyed channel that an endpoint or mapping
 * still holds is found too.  A high bit, so that it never meets the
 * commands' own flags.
 */
#define SIPC_REF_BY_ID		(1U << 31)

/* Destroy flags. */
#define SIPC_DESTROY_REVOKE	(1U << 0)	/* revoke both roles first */
#define SIPC_DESTROY_ALL_FLAGS	(SIPC_DESTROY_REVOKE | SIPC_REF_BY_ID)

/* Attach flags.  Endpoints are close-on-exec unless asked otherwise. */
#define SIPC_ATTACH_NONBLOCK	(1U << 0)	/* endpoint gets O_NONBLOCK */
#define SIPC_ATTACH_NO_CLOEXEC	(1U << 1)	/* keep the endpoint across exec */
#define SIPC_ATTACH_ALL_FLAGS	(SIPC_ATTACH_NONBLOCK | SIPC_ATTACH_NO_CLOEXEC)

/* Revoke flags: which endpoints of the channel lose access. */
#define SIPC_REVOKE_SENDER	(1U << 0)
#define SIPC_REVOKE_RECEIVER	(1U << 1)
#define SIPC_REVOKE_ALL_FLAGS	(SIPC_REVOKE_SENDER | SIPC_REVOKE_RECEIVER)
#define SIPC_REVOKE_ALL_ROLES	SIPC_REVOKE_ALL_FLAGS

/* Channel state bits, reported by SIPC_IOC_INFO. */
#define SIPC_STATE_SENDER	(1U << 0)	/* a sender endpoint exists */
#define SIPC_STATE_RECEIVER	(1U << 1)	/* a receiver endpoint exists */
#define SIPC_STATE_SENDER_HUP	(1U << 2)	/* last sender left, none since */
#define SIPC_STATE_DESTROYED	(1U << 3)	/* destroyed, awaiting last close */

/**
 * struct sipc_info - argument of SIPC_IOC_INFO
 * @size:	in: sizeof(struct sipc_info)
 * @flags:	in: 0 or SIPC_REF_BY_ID
 * @name:	in: channel name.  With SIPC_REF_BY_ID: must be all zero on
 *		input, and the channel's name (kept after destroy) on output.
 * @id:		out: unique id of the channel (never reused while loaded).
 *		With SIPC_REF_BY_ID: in, the channel to describe.
 * @region_size: out: bytes of the region (page-rounded)
 * @queue_depth: out: control queue depth
 * @queue_len:	out: messages waiting in the queue
 * @state:	out: SIPC_STATE_* bits
 * @creator_pid: out: thread group id of the creator, in the init pid namespace
 * @creator_uid: out: euid of the creator, in the initial user namespace
 * @reserved:	must be 0
 * @msgs_sent:	out: messages sent on the channel since creation
 * @msgs_received: out: messages received since creation
 * @bytes_sent:	out: sum of the lengths of DATA_READY messages sent
 * @context:	in: user pointer to a buffer for the creator's security
 *		context, or 0.  The context is copied NUL-terminated and
 *		truncated to @context_size.
 * @context_size: in: bytes at @context
 * @context_len: out: length of the creator's context without the NUL;
 *		0 when no LSM provides one.  If it is >= @context_size the
 *		copy was truncated.
 * @label:	in: user pointer to a buffer for the channel's own security
 *		label (the label its endpoints are checked against), or 0;
 *		copied like @context.  (Since SIPC_INFO_SIZE_VER1.)
 * @label_size:	in: bytes at @label
 * @label_len:	out: length of the label without the NUL, 0 when none
 * @slots:	out: 1, or the slot count of a multi-slot channel
 *		(since SIPC_INFO_SIZE_VER2)
 * @reserved2:	must be 0
 * @create_flags: out: the SIPC_CREATE_* flags the channel was made with
 *		(since SIPC_INFO_SIZE_VER3)
 * @mode:	out: who may attach, as in Documentation/uapi.md (PERM).
 *		Per-channel permissions are not implemented yet, so this is
 *		what every channel has today: 0666, anyone who can open
 *		/dev/sipc may attach in either role.
 * @owner_uid:	out: owner of the channel: today always the creator's euid
 * @owner_gid:	out: group of the channel: today always the creator's egid
 *		(both in the initial user namespace)
 *
 * Everything here but the static fields describes the receiver too
 * (attached or not, messages received): see "Backchannels" in
 * Documentation/uapi.md before granting SIPC_IOC_INFO to a sender.
 */
struct sipc_info {
	__u32 size;		/* 0 */
	__u32 flags;		/* 4 */
	char name[SIPC_NAME_MAX];	/* 8 */
	__u64 id;		/* 72 */
	__u64 region_size;	/* 80 */
	__u32 queue_depth;	/* 88 */
	__u32 queue_len;	/* 92 */
	__u32 state;		/* 96 */
	__u32 creator_pid;	/* 100 */
	__u32 creator_uid;	/* 104 */
	__u32 reserved;		/* 108 */
	__u64 msgs_sent;	/* 112 */
	__u64 msgs_received;	/* 120 */
	__u64 bytes_sent;	/* 128 */
	__u64 context;		/* 136 */
	__u32 context_size;	/* 144 */
	__u32 context_len;	/* 148 */
	__u64 label;		/* 152 */
	__u32 label_size;	/* 160 */
	__u32 label_len;	/* 164 */
	__u32 slots;		/* 168 */
	__u32 reserved2;	/* 172 */
	__u32 create_flags;	/* 176 */
	__u32 mode;		/* 180 */
	__u32 owner_uid;	/* 184 */
	__u32 owner_gid;	/* 188 */
};
#define SIPC_INFO_SIZE_VER0	152
#define SIPC_INFO_SIZE_VER1	168	/* adds label */
#define SIPC_INFO_SIZE_VER2	176	/* adds slots */
#define SIPC_INFO_SIZE_VER3	192	/* adds create_flags, mode, owner */

/**
 * struct sipc_list - argument of SIPC_IOC_LIST
 * @size:	in: sizeof(struct sipc_list)
 * @flags:	in: must be 0
 * @names:	in: user pointer to an array of @count char[SIPC_NAME_MAX],
 *		or 0 with @count 0 to ask only for @total
 * @count:	in: entries at @names.  out: entries written.
 * @total:	out: channels that exist (not destroyed) now
 */
struct sipc_list {
	__u32 size;		/* 0 */
	__u32 flags;		/* 4 */
	__u64 names;		/* 8 */
	__u32 count;		/* 16 */
	__u32 total;		/* 20 */
};
#define SIPC_LIST_SIZE_VER0	24

/**
 * struct sipc_msg - argument of SIPC_IOC_SEND and SIPC_IOC_RECV
 * @size:	in: sizeof(struct sipc_msg)
 * @flags:	in: SIPC_MSG_F_* bits
 * @type:	SEND in / RECV out: SIPC_MSG_DATA_READY or SIPC_MSG_NOOP
 * @len:	SEND in / RECV out: DATA_READY: bytes of data in the region;
 *		NOOP: 0
 * @offset:	SEND in / RECV out: DATA_READY: where the data starts in the
 *		region, with offset + len <= region size; NOOP: 0
 * @seq:	out: sequence number the kernel gave the message (from 1,
 *		counting every message sent on the channel)
 */
struct sipc_msg {
	__u32 size;		/* 0 */
	__u32 flags;		/* 4 */
	__u32 type;		/* 8 */
	__u32 len;		/* 12 */
	__u64 offset;		/* 16 */
	__u64 seq;		/* 24 */
};
#define SIPC_MSG_SIZE_VER0	32

/* Do not block for this call even if the endpoint is blocking. */
#define SIPC_MSG_F_NONBLOCK	(1U << 0)
#define SIPC_MSG_F_ALL		SIPC_MSG_F_NONBLOCK

/**
 * struct sipc_ep_info - argument of SIPC_IOC_EP_INFO
 * @size:	in: sizeof(struct sipc_ep_info)
 * @flags:	in: must be 0
 * @role:	out: SIPC_ROLE_SENDER or SIPC_ROLE_RECEIVER
 * @queue_depth: out: depth of the channel's queue
 * @region_size: out: bytes of the region, the length to mmap
 * @channel_id: out: id of the channel (as in struct sipc_info)
 * @name:	out: the channel's name
 * @slots:	out: 1, or the slot count of a multi-slot channel; each slot
 *		is region_size / slots bytes (since SIPC_EP_INFO_SIZE_VER1)
 * @reserved:	must be 0
 * @create_flags: out: the SIPC_CREATE_* flags of the channel, e.g.
 *		SIPC_CREATE_SEALED (since SIPC_EP_INFO_SIZE_VER2)
 * @reserved2:	must be 0
 *
 * Only static facts about the channel: nothing the peer does shows here.
 */
struct sipc_ep_info {
	__u32 size;		/* 0 */
	__u32 flags;		/* 4 */
	__u32 role;		/* 8 */
	__u32 queue_depth;	/* 12 */
	__u64 region_size;	/* 16 */
	__u64 channel_id;	/* 24 */
	char name[SIPC_NAME_MAX];	/* 32 */
	__u32 slots;		/* 96 */
	__u32 reserved;		/* 100 */
	__u32 create_flags;	/* 104 */
	__u32 reserved2;	/* 108 */
};
#define SIPC_EP_INFO_SIZE_VER0	96
#define SIPC_EP_INFO_SIZE_VER1	104	/* adds slots */
#define SIPC_EP_INFO_SIZE_VER2	112	/* adds create_flags */

#define SIPC_IOC_MAGIC		0xBD

/*
 * SIPC_IOC_VERSION - report the API version, features and commands.
 * On: /dev/sipc or an endpoint.  Never blocks.
 * Errors: EFAULT, EINVAL (size, flags, reserved), E2BIG.
 */
#define SIPC_IOC_VERSION	_IO(SIPC_IOC_MAGIC, 0x00)

/*
 * SIPC_IOC_CREATE - create a channel; no descriptor is returned, the
 * channel outlives its creator (the helper pattern).
 * On: /dev/sipc.  Returns 0.  May sleep for memory; never waits on peers.
 * Errors: EFAULT; EINVAL (size, unknown flags, reserved, name, region_size 0 or
 * above the max_region_size parameter, queue_depth above
 * SIPC_QUEUE_DEPTH_MAX); E2BIG; EEXIST (name taken); ENOSPC (max_channels
 * or max_total_region reached); ENOMEM.
 */
#define SIPC_IOC_CREATE		_IO(SIPC_IOC_MAGIC, 0x01)

/*
 * SIPC_IOC_DESTROY - remove a channel's name and tear it down: every
 * waiter on its endpoints wakes with EIDRM, and every later operation on
 * them fails with EIDRM.  Mappings stay valid until unmapped, unless
 * SIPC_DESTROY_REVOKE revokes both roles first (as SIPC_IOC_REVOKE); the
 * memory is freed when the last endpoint and mapping are gone.  The name
 * can be reused at once.  By id (SIPC_REF_BY_ID), a channel already
 * destroyed gives EIDRM, or with SIPC_DESTROY_REVOKE is revoked.
 * On: /dev/sipc.  Errors: EFAULT, EINVAL, E2BIG, ENOENT, EIDRM.
 */
#define SIPC_IOC_DESTROY	_IO(SIPC_IOC_MAGIC, 0x02)

/*
 * SIPC_IOC_ATTACH_SENDER / SIPC_IOC_ATTACH_RECEIVER - attach to a channel
 * in one role.  Returns a new file descriptor (close-on-exec unless
 * SIPC_ATTACH_NO_CLOEXEC).  At most one endpoint per role at a time.
 * On: /dev/sipc.  Errors: EFAULT, EINVAL, E2BIG, ENOENT (no such channel),
 * EBUSY (role already taken), EMFILE, ENFILE, ENOMEM.
 */
#define SIPC_IOC_ATTACH_SENDER		_IO(SIPC_IOC_MAGIC, 0x03)
#define SIPC_IOC_ATTACH_RECEIVER	_IO(SIPC_IOC_MAGIC, 0x04)

/*
 * SIPC_IOC_INFO - describe a channel by name (see struct sipc_info).
 * On: /dev/sipc.  Errors: EFAULT, EINVAL, E2BIG, ENOENT.
 */
#define SIPC_IOC_INFO		_IO(SIPC_IOC_MAGIC, 0x05)

/*
 * SIPC_IOC_LIST - copy the names of existing channels, in creation order.
 * On: /dev/sipc.  Errors: EFAULT, EINVAL, E2BIG.
 */
#define SIPC_IOC_LIST		_IO(SIPC_IOC_MAGIC, 0x06)

/*
 * SIPC_IOC_REVOKE - cut the endpoints named by flags (SIPC_REVOKE_SENDER,
 * SIPC_REVOKE_RECEIVER) off the channel for good: their mappings are
 * zapped (the next access gets SIGBUS), their waiters wake, and every
 * later operation on them fails with EACCES; poll reports
 * EPOLLERR | EPOLLHUP.  The roles become free for new endpoints (a revoked
 * sender counts as departed for the receiver).  Roles with no endpoint
 * attached are skipped.
 * On: /dev/sipc.  Errors: EFAULT, EINVAL, E2BIG, ENOENT.
 */
#define SIPC_IOC_REVOKE		_IO(SIPC_IOC_MAGIC, 0x07)

/*
 * SIPC_IOC_SEND - append a message to the control queue.
 * On: a sender endpoint.  Blocks while the queue is full, unless the
 * endpoint is O_NONBLOCK or SIPC_MSG_F_NONBLOCK is set.  Interruptible.
 * Returns 0 and the message's seq.
 * Errors: EFAULT; EINVAL (size, flags, unknown type, NOOP with len or
 * offset, DATA_READY past the region); E2BIG; EBADF (receiver endpoint);
 * EAGAIN (full, non-blocking); EINTR; EIDRM (channel destroyed); EACCES
 * (revoked, or the policy withdrew SEND while waiting).
 * Nothing about the receiver is ever reported, not even its absence.
 */
#define SIPC_IOC_SEND		_IO(SIPC_IOC_MAGIC, 0x20)

/*
 * SIPC_IOC_RECV - take the oldest message from the control queue.
 * On: a receiver endpoint.  Blocks while the queue is empty, unless the
 * endpoint is O_NONBLOCK or SIPC_MSG_F_NONBLOCK is set.  Interruptible.
 * Errors: EFAULT; EINVAL; E2BIG; EBADF (sender endpoint); EAGAIN (empty,
 * non-blocking); EINTR; EPIPE (empty and the sender has left: the last
 * sender endpoint closed and no new one attached); EIDRM (destroyed);
 * EACCES (revoked, or the policy withdrew RECV while waiting).
 */
#define SIPC_IOC_RECV		_IO(SIPC_IOC_MAGIC, 0x21)

/*
 * SIPC_IOC_EP_INFO - static facts about an endpoint (struct sipc_ep_info).
 * On: an endpoint.  Errors: EFAULT, EINVAL, E2BIG, EIDRM.
 */
#define SIPC_IOC_EP_INFO	_IO(SIPC_IOC_MAGIC, 0x22)

/*
 * SIPC_IOC_MAP - ask whether this endpoint may map the region now.
 * Returns 0 or an error; the argument is ignored (pass 0).  Its real role
 * is as a permission: mmap() and every page fault on a mapping check it
 * in the faulting task through the LSM's ioctl hook, so a policy that
 * withdraws this command (allowxperm) withdraws the memory, and pages
 * already mapped are zapped on each policy change and re-checked.
 * On: an endpoint.  Errors: EACCES (denied or revoked), EIDRM.
 */
#define SIPC_IOC_MAP		_IO(SIPC_IOC_MAGIC, 0x23)

/*
 * SIPC_IOC_COMMIT - the sender's whole step of the protocol in one call:
 * publish the data at region[offset, offset + len) and get the buffer
 * back.  Argument: struct sipc_msg with type 0 or SIPC_MSG_DATA_READY.
 *   one region:  queues DATA_READY, NOOP-1 and then as many NOOPs as
 *                the queue holds (NOOP-2 at depth 1); the last fits only
 *                once the receiver has released the message (taken
 *                NOOP-1), so on return the region may be refilled.
 *   multi-slot:  offset must start a slot and len fit in it; queues
 *                DATA_READY, then waits until the queue has room, which
 *                means the slot after this one is free to fill.
 * The receiver sees exactly what separate SIPC_IOC_SEND calls would give
 * it, and no more about the receiver than their blocking.
 * Non-blocking (O_NONBLOCK or SIPC_MSG_F_NONBLOCK) applies to queueing
 * DATA_READY only (EAGAIN, nothing queued); the wait for the release
 * always blocks.  seq is written back when DATA_READY is queued: an error
 * after that (EINTR, EIDRM, EACCES) means sent but not yet released.
 * On: a sender endpoint.  Errors: as SIPC_IOC_SEND.
 */
#define SIPC_IOC_COMMIT		_IO(SIPC_IOC_MAGIC, 0x24)

/*
 * SIPC_IOC_RECV_NEXT - the receiver's whole step in one call: release the
 * message it was reading (if any) and wait for the next one.  Takes
 * messages from the queue, discarding NOOPs, until a DATA_READY arrives,
 * and returns it.  Taking NOOP-1 is what tells a one-region sender that
 * the region is free, so call it only when done with the previous data;
 * on a multi-slot channel taking the next DATA_READY frees the previous
 * slot the same way.  Non-blocking: EAGAIN when no DATA_READY is queued
 * (NOOPs taken so far stay taken).
 * On: a receiver endpoint.  Errors: as SIPC_IOC_RECV.
 */
#define SIPC_IOC_RECV_NEXT	_IO(SIPC_IOC_MAGIC, 0x25)

#endif /* _UAPI_LINUX_SIPC_H */
