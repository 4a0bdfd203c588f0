// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * handle.c - the handle table: sipc_open(), sipc_close(), sipc_fd().
 *
 * A handle is an int, not a pointer, so that a closed handle can be told
 * apart from an open one: the value holds a table slot and the slot's
 * generation, which changes at every close, so a stale value gives -EBADF
 * instead of touching freed memory.
 *
 * Lifetime: the table holds one reference on each open handle and every
 * call in progress holds another.  sipc_close() removes the handle from
 * the table and drops the table's reference; whoever drops the last one
 * detaches (unmaps, closes) and frees.  So a call running in another
 * thread while the handle is closed finishes on valid memory.
 *
 * Locking: table_lock protects the table and is never held while waiting;
 * each handle's own lock serialises calls on it (see protocol.c).  The
 * reference count is atomic.  Order: a handle lock may be taken with no
 * table lock held only.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>

#include "internal.h"

#define SLOT_BITS	10
#define MAX_HANDLES	(1 << SLOT_BITS)
#define GEN_MAX		(0x7fffffff >> SLOT_BITS)

static struct {
	struct sipc_handle *hd;	/* NULL: free */
	unsigned int gen;	/* 1..GEN_MAX while in use */
} table[MAX_HANDLES];
static unsigned int next_slot;	/* where the search for a free slot starts */
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;

/* Put hd in a free slot; returns the handle value or -EMFILE. */
static int table_insert(struct sipc_handle *hd)
{
	unsigned int i, slot;
	int h = -EMFILE;

	pthread_mutex_lock(&table_lock);
	for (i = 0; i < MAX_HANDLES; i++) {
		slot = (next_slot + i) % MAX_HANDLES;
		if (table[slot].hd)
			continue;
		table[slot].hd = hd;
		table[slot].gen = table[slot].gen % GEN_MAX + 1;
		next_slot = slot + 1;
		h = (int)(table[slot].gen << SLOT_BITS | slot);
		break;
	}
	pthread_mutex_unlock(&table_lock);
	return h;
}

/* The table entry for h, or NULL.  Caller holds table_lock. */
static struct sipc_handle *table_find_locked(int h)
{
	unsigned int slot = (unsigned int)h & (MAX_HANDLES - 1);

	if (h < 0 || !table[slot].hd || table[slot].gen != (unsigned int)h >> SLOT_BITS)
		return NULL;
	return table[slot].hd;
}

int sipc_handle_get(int h, struct sipc_handle **hp)
{
	struct sipc_handle *hd;

	pthread_mutex_lock(&table_lock);
	hd = table_find_locked(h);
	if (hd)
		__atomic_add_fetch(&hd->refs, 1, __ATOMIC_RELAXED);
	pthread_mutex_unlock(&table_lock);
	*hp = hd;
	return hd ? 0 : -EBADF;
}

void sipc_handle_put(struct sipc_handle *hd)
{
	if (__atomic_sub_fetch(&hd->refs, 1, __ATOMIC_ACQ_REL))
		return;
	hd->be->detach(hd);
	pthread_mutex_destroy(&hd->lock);
	free(hd);
}

int sipc_handle_lock(int h, int role, const struct sipc_deadline *dl,
		     struct sipc_handle **hp)
{
	struct sipc_handle *hd;
	int r;

	r = sipc_handle_get(h, &hd);
	if (r)
		return r;
	if (role && hd->role != role) {
		sipc_handle_put(hd);
		return -EBADF;
	}
	if (dl->ms < 0)
		r = pthread_mutex_lock(&hd->lock);
	else if (dl->ms == 0)
		r = pthread_mutex_trylock(&hd->lock);
	else
		r = pthread_mutex_clocklock(&hd->lock, CLOCK_MONOTONIC, &dl->end);
	if (r) {
		sipc_handle_put(hd);
		return r == EBUSY ? -EAGAIN : -r;
	}
	*hp = hd;
	return 0;
}

void sipc_handle_unlock(struct sipc_handle *hd)
{
	pthread_mutex_unlock(&hd->lock);
	sipc_handle_put(hd);
}

int sipc_open(const char *name, int role)
{
	const struct sipc_backend *be;
	struct sipc_handle *hd;
	int r;

	be = sipc_backend_for(name, &r);
	if (!be)
		return r;
	if (role != SIPC_ROLE_SENDER && role != SIPC_ROLE_RECEIVER)
		return -EINVAL;

	hd = calloc(1, sizeof(*hd));
	if (!hd)
		return -ENOMEM;
	hd->be = be;
	hd->role = role;
	hd->fd = hd->msqid = hd->shmid = -1;
	hd->refs = 1;
	pthread_mutex_init(&hd->lock, NULL);

	r = be->attach(hd, name);
	if (r)
		goto err_free;
	/* From here on the table's reference owns hd: undo with put. */
	r = table_insert(hd);
	if (r < 0)
		sipc_handle_put(hd);
	return r;

err_free:
	pthread_mutex_destroy(&hd->lock);
	free(hd);
	return r;
}

int sipc_close(int h)
{
	struct sipc_handle *hd;
	unsigned int slot = (unsigned int)h & (MAX_HANDLES - 1);

	pthread_mutex_lock(&table_lock);
	hd = table_find_locked(h);
	if (hd)
		table[slot].hd = NULL;	/* gen changes at the next insert */
	pthread_mutex_unlock(&table_lock);
	if (!hd)
		return -EBADF;
	sipc_handle_put(hd);
	return 0;
}

int sipc_fd(int h)
{
	struct sipc_handle *hd;
	int r;

	r = sipc_handle_get(h, &hd);
	if (r)
		return r;
	r = hd->be->fd(hd);
	sipc_handle_put(hd);
	return r;
}
