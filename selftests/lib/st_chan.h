/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * st_chan.h - a channel with a sender and a receiver, both attached and
 * mapped, the starting point of most tests, and a check that it works.
 */
#ifndef ST_CHAN_H
#define ST_CHAN_H

#include <stddef.h>

#include <linux/sipc.h>

struct st_chan {
	int dev;		/* /dev/sipc, opened by st_chan_open */
	char name[SIPC_NAME_MAX];
	size_t region;		/* page-rounded region size */
	__u32 depth;		/* queue depth in use */
	int snd;		/* sender endpoint or -1 */
	int rcv;		/* receiver endpoint or -1 */
	unsigned char *smap;	/* sender's read-write mapping or NULL */
	const unsigned char *rmap; /* receiver's read-only mapping or NULL */
	__u64 seq;		/* seq of the last message sent via helpers */
};
/* Create, attach both roles and map both; 0 or -errno (cleaned up). */
int st_chan_open(struct st_chan *c, const char *tag, __u64 region,
		 __u32 depth);
/* The same with slots (0: one region) and SIPC_CREATE_* flags. */
int st_chan_open_ex(struct st_chan *c, const char *tag, __u64 region,
		    __u32 depth, __u32 slots, __u32 flags);
void st_chan_unmap_snd(struct st_chan *c);
void st_chan_unmap_rcv(struct st_chan *c);
/* Unmap, close, destroy (ENOENT ignored); safe on a zeroed struct. */
void st_chan_close(struct st_chan *c);
/*
 * Prove the channel works: the queue must be empty; one DATA_READY with
 * fresh data is sent (non-blocking), received (non-blocking), and the data
 * read back through the receiver's mapping.  0, or -errno / -EPROTO with a
 * "# ..." diagnostic on stderr.
 */
int st_chan_works(struct st_chan *c);

#endif /* ST_CHAN_H */
