/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sipc.h - libsipc, one-way channels from a sender to a receiver.
 *
 * A channel is a data region (shared memory) plus a small control queue.
 * A helper creates it by name and exits; a sender and a receiver open it by
 * name.  libsipc runs the DATA_READY / NOOP protocol of the 2007 SIPC design
 * for them, over one of two backends chosen at run time:
 *
 *   kernel  /dev/sipc (sipc.ko): direction enforced by the kernel;
 *   sysv    SysV shared memory + SysV message queue, no module needed.
 *
 * SIPC_BACKEND=kernel|sysv chooses; by default the kernel backend is used
 * when /dev/sipc exists.  See sipc(7) for the overview and lib/BACKENDS.md
 * for what each backend does and does not guarantee.
 *
 * Conventions, for every function below:
 *  - Errors: a negative errno value is returned (-EINVAL, -ENOENT, ...);
 *    success is 0 or a documented non-negative value.  errno is not used to
 *    report anything and its value after a call is unspecified.
 *    sipc_strerror() turns a code into text.
 *  - Handles are small non-negative ints returned by sipc_open().  A closed
 *    or never-opened handle gives -EBADF, as does a call meant for the other
 *    role (a receiver calling sipc_commit(), ...).
 *  - timeout_ms: -1 waits as long as needed, 0 never waits (-EAGAIN where
 *    it would), > 0 waits at most that many milliseconds (-ETIMEDOUT).
 *  - Thread safety: every function may be called from any thread.  Calls
 *    on one handle are serialised by a lock inside the handle; time spent
 *    waiting for that lock counts against timeout_ms.  Do not call
 *    sipc_close() on a handle while another thread is inside a call on it
 *    (the memory stays valid, but the other call may keep waiting).
 *
 * Link with -lsipc (pkg-config sipc).  Symbols are versioned: LIBSIPC_0.1,
 * LIBSIPC_0.2 for the fast path (sipc_create_slots() to sipc_publish()),
 * LIBSIPC_0.3 for revocation by id, LIBSIPC_0.4 for sipc_create_flags().
 */
#ifndef SIPC_H
#define SIPC_H

#include <stddef.h>
#include <stdint.h>
#include <linux/sipc.h>	/* SIPC_NAME_MAX, SIPC_ROLE_*, SIPC_STATE_*, SIPC_REVOKE_* */

#ifdef __cplusplus
extern "C" {
#endif

/* Version of this header: 0.4. */
#define SIPC_LIB_VERSION_MAJOR	0
#define SIPC_LIB_VERSION_MINOR	4

/* Default region size used by the tools when none is given. */
#define SIPC_DEFAULT_SIZE	(1024 * 1024)

/* ---- errors and backend ------------------------------------------------ */

/*
 * Text for an error code, negative or positive ("No such channel" for
 * -ENOENT, ...).  Never NULL; the string is static and must not be freed.
 */
const char *sipc_strerror(int err);

/*
 * Name of the backend in use, "kernel" or "sysv"; NULL when SIPC_BACKEND
 * holds an unknown value (every other call then gives -EINVAL).
 */
const char *sipc_backend(void);

/* ---- channels, by name (the helper's and the administrator's calls) ---- */

/*
 * Create channel @name (1..SIPC_NAME_MAX-1 printable ASCII bytes, no '/')
 * with a region of @size bytes, rounded up to whole pages, and a control
 * queue of @depth messages (0 means 1; at most SIPC_QUEUE_DEPTH_MAX).
 * Returns 0, -EEXIST, -EINVAL, -ENAMETOOLONG, -ENOSPC, -ENOMEM, -EACCES,
 * -ENODEV (kernel backend without /dev/sipc).
 */
int sipc_create(const char *name, size_t size, unsigned int depth);

/*
 * Destroy channel @name: the name goes at once, peers blocked on the
 * channel wake with -EIDRM, the memory goes with the last user.
 * Returns 0, -ENOENT, -EINVAL, -ENAMETOOLONG, -EACCES, -ENODEV.
 */
int sipc_destroy(const char *name);

/*
 * Revoke the endpoints of channel @name named by @roles, one or both of
 * SIPC_REVOKE_SENDER and SIPC_REVOKE_RECEIVER: their mappings go (the
 * next access gets SIGBUS), their waiting calls wake, and their later calls
 * fail with -EACCES; the roles are free for new handles.  Kernel backend
 * only.  Returns 0, -ENOENT, -EINVAL (bad @roles or name), -ENAMETOOLONG,
 * -EACCES, -ENODEV, or -EOPNOTSUPP (sysv: SysV memory cannot be revoked).
 */
int sipc_revoke(const char *name, unsigned int roles);

/*
 * Revoke as sipc_revoke(), naming the channel by its id (struct
 * sipc_stat.id): this reaches a channel that was destroyed but is still
 * held by an endpoint or a mapping, which has no name any more.
 * Returns 0, -ENOENT (no channel with that id is alive), -EINVAL (bad
 * @roles), -EACCES, -ENODEV, or -EOPNOTSUPP (sysv, or a module without
 * SIPC_FEATURE_REF_BY_ID).  Since LIBSIPC_0.3.
 */
int sipc_revoke_id(uint64_t id, unsigned int roles);

/*
 * Revoke both roles of channel @name, then destroy it: no mapping of it
 * outlives the call.  Returns as sipc_destroy(), or -EOPNOTSUPP (sysv, or
 * a module without SIPC_FEATURE_DESTROY_REVOKE).  Since LIBSIPC_0.3.
 */
int sipc_destroy_revoke(const char *name);

/*
 * Copy up to @count channel names into @names and return how many
 * channels exist (which may be more than @count: call again with more
 * room).  @names may be NULL when @count is 0.
 */
int sipc_list(char (*names)[SIPC_NAME_MAX], unsigned int count);

/* Channel description filled by sipc_stat(). */
struct sipc_stat {
	uint64_t id;		/* unique id of the channel */
	uint64_t size;		/* region bytes (page-rounded) */
	uint32_t depth;		/* control queue depth */
	uint32_t queued;	/* messages waiting in the queue now */
	uint32_t state;		/* SIPC_STATE_* bits, if SIPC_STAT_STATE */
	uint32_t flags;		/* SIPC_STAT_* bits: which fields are known */
	uint32_t creator_pid;
	uint32_t creator_uid;
	uint32_t attached;	/* endpoints (kernel) / shm attaches (sysv) */
	uint32_t create_flags;	/* SIPC_CREATE_*, if SIPC_STAT_CREATE_FLAGS */
	uint64_t msgs_sent;	/* counters, if SIPC_STAT_COUNTERS */
	uint64_t msgs_received;
	uint64_t bytes_sent;
	uint64_t reserved[4];	/* zero; room to grow */
};

#define SIPC_STAT_STATE		(1U << 0)	/* state is meaningful */
#define SIPC_STAT_COUNTERS	(1U << 1)	/* msgs_*, bytes_sent meaningful */
#define SIPC_STAT_CREATE_FLAGS	(1U << 2)	/* create_flags is known (0.4) */

/*
 * Describe channel @name.  Returns 0, -ENOENT, -EINVAL, -ENAMETOOLONG,
 * -EACCES, -ENODEV.  The counters, state and queue length show what the
 * receiver does: they are a backchannel (see sipc(7)).
 */
int sipc_stat(const char *name, struct sipc_stat *st);

/*
 * Copy the security context of the process that created channel @name
 * into @buf (NUL-terminated, truncated to @size bytes) and return its
 * length without the NUL, like snprintf(): a result >= @size means the
 * copy was truncated.  The context is "" (length 0) when no LSM provides
 * one.  @buf may be NULL when @size is 0.
 */
int sipc_context(const char *name, char *buf, size_t size);

/*
 * Copy the channel's own security label (the label its endpoints are
 * checked against; SELinux: the creator's type or a type_transition on
 * "[sipc-channel]") into @buf, like sipc_context().  "" on the sysv
 * backend, whose SysV objects have no label a process can read, and on
 * the kernel backend when no LSM labels channels.
 */
int sipc_label(const char *name, char *buf, size_t size);

/* ---- handles ----------------------------------------------------------- */

/*
 * Open channel @name as @role, SIPC_ROLE_SENDER or SIPC_ROLE_RECEIVER,
 * and map its region (read-write for the sender, read-only for the
 * receiver).  Returns a handle (>= 0), or -ENOENT, -EINVAL, -ENAMETOOLONG,
 * -EBUSY (kernel: the role is taken), -EACCES, -EMFILE, -ENOMEM, -ENODEV.
 */
int sipc_open(const char *name, int role);

/* Close handle @h and unmap its region.  Returns 0 or -EBADF. */
int sipc_close(int h);

/*
 * A file descriptor for poll()/epoll: readable (POLLIN) when a receiver has
 * a message waiting, writable (POLLOUT) when a sender's queue has room.
 * Readiness means "try again now", not "the next call will not wait".
 * Do not read, write or close it.  Returns the fd, -EBADF, or -EOPNOTSUPP
 * on the sysv backend, which has no pollable object.
 */
int sipc_fd(int h);

/* ---- sender ------------------------------------------------------------ */

/*
 * The region and its capacity.  A sender gets the region in @buf; it may
 * write there after sipc_open() or a successful sipc_acquire(), until its
 * next sipc_commit().  Either role may pass @buf NULL to ask only for the
 * capacity (a receiver asking for @buf gets -EBADF: its mapping is
 * read-only).  Returns 0, -EBADF, -EINVAL (both pointers NULL).
 */
int sipc_buffer(int h, void **buf, size_t *cap);

/*
 * Hand the first @len bytes of the region to the receiver (DATA_READY,
 * then NOOP-1).  Does not wait for the receiver to finish reading; it may
 * wait for room in the queue.  Returns 0 once DATA_READY is queued (if
 * NOOP-1 could not be queued within @timeout_ms it is queued by the next
 * sipc_acquire()).  Errors: -EBUSY (the buffer is still committed: call
 * sipc_acquire() first), -EMSGSIZE (@len above the capacity), -EAGAIN,
 * -ETIMEDOUT, -EINTR, -EIDRM, -EBADF.
 */
int sipc_commit(int h, size_t len, int timeout_ms);

/*
 * Get the region back after sipc_commit(): returns 0 once the receiver is
 * done with the last message (NOOP-2 queued), so the region may be
 * written again.  Returns 0 at once if nothing is committed.  A call that
 * fails with -EAGAIN, -ETIMEDOUT or -EINTR keeps its progress; call again.
 * Other errors: -EIDRM, -EBADF.
 */
int sipc_acquire(int h, int timeout_ms);

/*
 * Mark the end of the stream: the receiver's sipc_next()/sipc_recv()
 * return 0 after the messages before it.  Acquires the buffer first.
 * Messages sent afterwards start a new stream.  Errors as sipc_acquire().
 */
int sipc_send_eof(int h, int timeout_ms);

/*
 * Copy @len bytes from @buf into the region and commit them: waits (with
 * no time limit) for the buffer, copies, commits.  Returns 0, -EMSGSIZE,
 * -EINVAL (@buf NULL with @len > 0), -EINTR, -EIDRM, -EBADF.
 */
int sipc_send(int h, const void *buf, size_t len);

/* ---- receiver ---------------------------------------------------------- */

/*
 * Wait for the next message and point @data at it in the region
 * (read-only, zero copy), with its length in @len.  The data stays valid
 * until sipc_done() or the next sipc_next().  Returns 1 for a message
 * (which may be empty), 0 at the end of the stream (@data NULL, @len 0),
 * or -EAGAIN, -ETIMEDOUT, -EINTR, -EPIPE (kernel: the sender left without
 * ending the stream), -EIDRM, -EPROTO (malformed message), -EBADF,
 * -EINVAL (NULL pointer).
 */
int sipc_next(int h, const void **data, size_t *len, int timeout_ms);

/*
 * Tell the sender the receiver is done with the current message (takes
 * NOOP-1, which lets the sender's sipc_acquire() return; NOOP-2 is taken
 * by the next sipc_next()).  Returns 0 at once when no message is held,
 * and on a multi-slot channel, where taking the next message is what
 * frees a slot.  Errors: -EAGAIN, -ETIMEDOUT, -EINTR, -EIDRM, -EBADF.
 */
int sipc_done(int h, int timeout_ms);

/*
 * Copy the next message into @buf (at most @cap bytes) and release it,
 * waiting with no time limit.  Returns 1 with the length in @len, 0 at the
 * end of the stream (@len 0), -EMSGSIZE (message longer than @cap: it is
 * dropped), -EINVAL (NULL pointer), or the errors of sipc_next().
 */
int sipc_recv(int h, void *buf, size_t cap, size_t *len);

/* ---- the fast path: slots, one system call per message (0.2) --------- */

/*
 * Create channel @name whose region is @slots slots of @size bytes each
 * (each rounded up to whole pages), with a queue of @slots - 1: the
 * sender fills one slot while the receiver reads another.  @slots 0 or 1
 * is sipc_create(@name, @size, 1).  At most SIPC_SLOTS_MAX slots.
 * Returns as sipc_create(), or -EOPNOTSUPP for @slots > 1 on the sysv
 * backend (a SysV sender cannot wait for room without sending).
 */
int sipc_create_slots(const char *name, size_t size, unsigned int slots);

/*
 * Create channel @name as sipc_create_slots(@name, @size, @slots) with
 * creation flags: SIPC_CREATE_SEALED (from <linux/sipc.h>) makes a sealed
 * channel, whose published messages the sender cannot change until the
 * receiver releases them (a sender store into one gets SIGBUS; see
 * sipc(7)).  @flags 0 is sipc_create_slots().  Returns as
 * sipc_create_slots(), -EINVAL for an unknown flag, or -EOPNOTSUPP for
 * SIPC_CREATE_SEALED on the sysv backend (SysV memory cannot be sealed)
 * or with a module without SIPC_FEATURE_SEALED.  Since LIBSIPC_0.4.
 */
int sipc_create_flags(const char *name, size_t size, unsigned int slots,
		      unsigned int flags);

/* Slots of the channel open as @h: 1 for one region.  Or -EBADF. */
int sipc_slots(int h);

/*
 * Sender: wait until the next buffer to fill is free and point @buf at it,
 * with its capacity in @cap (either may be NULL).  One region: the whole
 * region, free once the receiver released the last message.  Multi-slot:
 * the slots in turn, each free once the receiver took the message after
 * it.  Returns at once when the buffer is known free, which it always is
 * after a sipc_publish() that waited without a time limit.  The buffer
 * stays valid and ours until the next sipc_publish().  Errors: -EAGAIN,
 * -ETIMEDOUT, -EINTR (progress is kept: call again), -EIDRM, -EACCES,
 * -EBADF.
 */
int sipc_reserve(int h, void **buf, size_t *cap, int timeout_ms);

/*
 * Sender: hand the first @len bytes of the buffer from sipc_reserve() to
 * the receiver, then wait, within @timeout_ms, until the next buffer is
 * free.  On the kernel backend with @timeout_ms -1 that is one system call
 * (SIPC_IOC_COMMIT).  Returns 0 once the message is queued; if the wait
 * for the next buffer is cut short, sipc_reserve() finishes it.  Unlike
 * sipc_commit(), this waits for the receiver to release the message on a
 * one-region channel: the receiver must run in another thread or process.
 * Errors: -EMSGSIZE (@len above the capacity), -EBUSY (the buffer is not
 * known free: call sipc_reserve()), -EAGAIN, -ETIMEDOUT, -EINTR, -EIDRM,
 * -EACCES, -EBADF.  sipc_send_eof() ends the stream as usual.
 */
int sipc_publish(int h, size_t len, int timeout_ms);

#ifdef __cplusplus
}
#endif

#endif /* SIPC_H */
