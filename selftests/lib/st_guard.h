/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * st_guard.h - the SIGBUS probe: run memory accesses that may fault (a
 * mapping that was revoked, a region that is gone) and get the signal
 * back as a value instead of dying.
 *
 * A fault inside a guarded call jumps back to it in the faulting thread;
 * a fault anywhere else still kills the process, after a "# ..." line
 * that says where.  Thread-safe.
 */
#ifndef ST_GUARD_H
#define ST_GUARD_H

#include <stdbool.h>
#include <stddef.h>

/* Catch SIGSEGV and SIGBUS; call once, before any thread exists. */
void st_guard_install(void);
/* Run fn(arg): 0 when it returned, or the signal its access raised. */
int st_guarded(void (*fn)(void *arg), void *arg);

/* Touch one byte (read, or read and write back): the signal, or 0. */
int st_probe(volatile const unsigned char *p, bool write);
/* Read one byte into *val: the signal, or 0. */
int st_peek(volatile const unsigned char *p, unsigned char *val);
/* Copy into memory that may be gone: the signal, or 0. */
int st_poke(volatile unsigned char *dst, const void *src, size_t len);

#endif /* ST_GUARD_H */
