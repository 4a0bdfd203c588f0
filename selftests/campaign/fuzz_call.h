/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fuzz_call.h - one step of the model-based fuzzer: what a worker does
 * (an ioctl, a close, an mmap, a touch ...), recorded so that it can be
 * replayed, left out while shrinking, and printed as a reproducer.
 *
 * A call names what earlier calls made (a descriptor, a mapping, a
 * channel's id) by the step number of the call that made it, never by
 * descriptor number or address, so that a replay of a subset of the calls
 * means the same thing; a call whose maker was left out is skipped.
 */
#ifndef FUZZ_CALL_H
#define FUZZ_CALL_H

#include <stdbool.h>
#include <stdint.h>

#include "campaign.h"
#include "fuzz_model.h"

#define FZ_ARG_MAX	256	/* bytes of an argument struct, tail included */
#define FZ_NAMES	6	/* channel names fz0..fz5 */

enum fz_op {
	FZ_DEV,		/* ioctl on /dev/sipc: cmd, arg */
	FZ_EP,		/* ioctl on endpoint descriptor target: cmd, arg */
	FZ_CLOSE,	/* close(target) */
	FZ_DUP,		/* dup(target) */
	FZ_MMAP,	/* mmap(target): a = length, b = offset, c = prot | flags << 8 */
	FZ_MUNMAP,	/* munmap(mapping target) */
	FZ_READ,	/* read a byte of mapping target: a = page, b = spot */
	FZ_WRITE,	/* write byte c there */
	FZ_MPROTECT,	/* mprotect(mapping target, a) */
	FZ_PIN,		/* vmsplice / process_vm_readv of mapping target */
	FZ_POLL,	/* poll(target) */
	FZ_NONBLOCK,	/* fcntl(target, F_SETFL, a ? O_NONBLOCK : 0) */
	FZ_PARAM,	/* module parameter a (0..2) := b */
	FZ_NOPS
};

/* Where an ioctl's argument is. */
enum fz_place {
	PL_GOOD,	/* a writable page, at byte pos (0..7) */
	PL_RO,		/* a read-only page: copy-out faults */
	PL_STRADDLE,	/* only the first pos bytes before a PROT_NONE page */
	PL_NULL,
	PL_LOW,		/* below mmap_min_addr: never mapped */
	PL_KERNEL,	/* a kernel address */
	PL_MAP,		/* page b of mapping a: a sender's, or a revoked one */
	PL_NPLACES
};

/* User pointers inside INFO (context, label) and LIST (names). */
enum fz_uptr { UP_NONE, UP_BUF, UP_RO, UP_BAD };

struct fz_call {
	uint32_t step;		/* its number as generated: the handle of what it makes */
	uint16_t actor;
	uint8_t op;
	uint8_t place;
	uint32_t target;	/* step that made the descriptor or mapping */
	uint32_t idref;		/* 0, or 1 + step of the create whose id goes in .id */
	uint32_t cmd;
	uint32_t pos;
	int32_t res;		/* its result when it was generated */
	uint64_t a, b, c;	/* op parameters (PL_MAP: mapping, page) */
	uint16_t argsize;
	uint8_t arg[FZ_ARG_MAX];
};

extern const char *const fz_param_names[3];

/* Can it have changed anything, given the result it had? */
bool fz_has_effect(const struct fz_call *c);
/* Make a random call for actor (in process proc), given the model's state. */
void fz_gen(const struct fm_model *m, struct camp_rng *r, int actor, int proc,
	    uint32_t step, struct fz_call *c);
/* The call as one line (no newline) into buf. */
void fz_format(const struct fz_call *c, char *buf, size_t size);
/* Name of a byte offset of cmd's argument struct, for messages. */
const char *fz_field(unsigned long cmd, unsigned int off);

#endif /* FUZZ_CALL_H */
