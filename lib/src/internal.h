/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * internal.h - libsipc's private declarations (never installed).
 *
 * Layers, bottom up:
 *   backend (kernel.c, sysv.c, sysv_registry.c)  moves one control message
 *       and maps the region; knows nothing of the protocol;
 *   handle.c     the handle table: int handle -> struct sipc_handle,
 *                reference counts and the per-handle lock;
 *   channel.c    name-based calls, backend selection;
 *   protocol.c   the DATA_READY / NOOP state machines of both roles.
 *
 * Control messages are struct sipc_msg from <linux/sipc.h> on both
 * backends (the sysv backend carries the same struct in a SysV message).
 */
#ifndef SIPC_INTERNAL_H
#define SIPC_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "sipc.h"

/* Internal symbols: hidden from the shared object by libsipc.map too. */
#define SIPC_INTERNAL __attribute__((visibility("hidden")))

/*
 * The end-of-stream marker: a DATA_READY with no data that points just past
 * the end of the region.  Real messages always start at offset 0, so it
 * cannot be mistaken for an empty message.  The kernel accepts it because
 * offset + len <= region size.
 */
static inline bool sipc_msg_is_eof(const struct sipc_msg *m, uint64_t size)
{
	return m->type == SIPC_MSG_DATA_READY && m->len == 0 &&
	       m->offset == size;
}

/*
 * A point in time a call must give up at.  ms < 0: never; ms == 0: do not
 * wait at all; ms > 0: at "end" (CLOCK_MONOTONIC).
 */
struct sipc_deadline {
	int ms;
	struct timespec end;
};

SIPC_INTERNAL void sipc_deadline_init(struct sipc_deadline *dl, int ms);
/* Milliseconds left: -1 for no limit, 0 when expired. */
SIPC_INTERNAL int sipc_deadline_left(const struct sipc_deadline *dl);
/* The error for "would wait longer than allowed": -EAGAIN or -ETIMEDOUT. */
SIPC_INTERNAL int sipc_deadline_error(const struct sipc_deadline *dl);

struct sipc_handle;

/* What a backend provides.  Every function returns 0 or a negative errno. */
struct sipc_backend {
	const char *name;
	int (*create)(const char *name, uint64_t size, unsigned int depth);
	int (*destroy)(const char *name);
	int (*revoke)(const char *name, unsigned int roles);
	/* Optional (NULL: -EOPNOTSUPP): revoke by id, destroy and revoke. */
	int (*revoke_id)(uint64_t id, unsigned int roles);
	int (*destroy_revoke)(const char *name);
	/* Returns the number of channels; copies up to count names. */
	int (*list)(char (*names)[SIPC_NAME_MAX], unsigned int count);
	/* st and ctx may be NULL; returns the context length (>= 0). */
	int (*stat)(const char *name, struct sipc_stat *st, char *ctx,
		    size_t ctx_size);
	/* The channel's own security label, as stat's context; NULL when
	 * the backend's objects have no label a process can read. */
	int (*label)(const char *name, char *buf, size_t size);
	/* Attach h (h->role set) and fill region, size, depth. */
	int (*attach)(struct sipc_handle *h, const char *name);
	void (*detach)(struct sipc_handle *h);
	/* Queue / take one message, waiting no later than dl. */
	int (*send)(struct sipc_handle *h, struct sipc_msg *m,
		    const struct sipc_deadline *dl);
	int (*recv)(struct sipc_handle *h, struct sipc_msg *m,
		    const struct sipc_deadline *dl);
	/* The pollable descriptor, or -EOPNOTSUPP. */
	int (*fd)(struct sipc_handle *h);

	/*
	 * The fast path (sipc_create_slots(), sipc_reserve(), sipc_publish(),
	 * and sipc_next()).  Optional: NULL where the backend has no such
	 * primitive, and protocol.c then composes the step from send/recv.
	 */
	/* A channel of @slots equal slots of @slot_size bytes each. */
	int (*create_slots)(const char *name, uint64_t slot_size,
			    unsigned int slots);
	/*
	 * Optional (NULL: -EOPNOTSUPP): a channel with SIPC_CREATE_* @flags,
	 * one region of @size (@slots <= 1) or @slots slots of @size each.
	 */
	int (*create_flags)(const char *name, uint64_t size,
			    unsigned int slots, unsigned int flags);
	/*
	 * The sender's whole step, blocking: queue m (a DATA_READY), then
	 * wait until the next buffer is free.  m->seq is non-zero afterwards
	 * if and only if the DATA_READY was queued, even on error.
	 */
	int (*commit)(struct sipc_handle *h, struct sipc_msg *m);
	/* Take messages, dropping NOOPs, up to a DATA_READY, by dl. */
	int (*recv_next)(struct sipc_handle *h, struct sipc_msg *m,
			 const struct sipc_deadline *dl);
	/* Multi-slot: wait, by dl, until the queue has room. */
	int (*wait_room)(struct sipc_handle *h, const struct sipc_deadline *dl);
};

SIPC_INTERNAL extern const struct sipc_backend sipc_kernel_backend;
SIPC_INTERNAL extern const struct sipc_backend sipc_sysv_backend;

/* The backend for this process (chosen once), or NULL: SIPC_BACKEND bad. */
SIPC_INTERNAL const struct sipc_backend *sipc_backend_get(void);

/* 0 for a valid channel name, -EINVAL or -ENAMETOOLONG otherwise. */
SIPC_INTERNAL int sipc_name_check(const char *name);

/* The backend, after checking name: NULL with *err set on failure. */
SIPC_INTERNAL const struct sipc_backend *sipc_backend_for(const char *name, int *err);

/*
 * An open channel.  Fields above "lock" are set by open and never change
 * until the handle is freed; the protocol state below is under "lock".
 */
struct sipc_handle {
	const struct sipc_backend *be;
	int role;			/* SIPC_ROLE_SENDER / _RECEIVER */
	void *region;			/* mapping of the whole region */
	uint64_t size;			/* region bytes = capacity */
	unsigned int depth;		/* queue depth */
	unsigned int slots;		/* 0 or 1: one region; else slot count */
	uint64_t slot_size;		/* bytes per slot (size / slots) */
	int fd;				/* kernel: endpoint; sysv: -1 */
	int msqid, shmid;		/* sysv: the SysV objects; else -1 */
	int refs;			/* table + calls in progress (atomic) */

	pthread_mutex_t lock;		/* serialises calls on this handle */
	/* sender */
	unsigned int owed;		/* NOOPs still to queue; 0: buffer ours */
	/* sender, multi-slot (see protocol.c, "Slots") */
	unsigned int slot;		/* the slot sipc_reserve() hands out */
	bool room_owed;			/* that slot is not known free yet */
	bool slots_dirty;		/* slots published since the whole
					 * region was last known free */
	/* receiver */
	bool holding;			/* a message is out, no NOOP-1 taken yet */
	bool stashed;			/* "stash" holds a DATA_READY to return */
	struct sipc_msg stash;
};

/* Look up h and take a reference: 0 or -EBADF. */
SIPC_INTERNAL int sipc_handle_get(int h, struct sipc_handle **hp);
/* Drop a reference; the last one detaches and frees. */
SIPC_INTERNAL void sipc_handle_put(struct sipc_handle *hd);
/*
 * Look up h, check its role (0: any) and lock it within dl.
 * 0, -EBADF, -EAGAIN or -ETIMEDOUT.  Undo with sipc_handle_unlock().
 */
SIPC_INTERNAL int sipc_handle_lock(int h, int role, const struct sipc_deadline *dl,
				   struct sipc_handle **hp);
SIPC_INTERNAL void sipc_handle_unlock(struct sipc_handle *hd);

#endif /* SIPC_INTERNAL_H */
