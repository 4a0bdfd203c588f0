/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * st_proto.h - the data pattern and the DATA_READY / NOOP protocol.
 *
 * Every byte a test writes is derived from the seq of the DATA_READY
 * message that announces it, so the receiver can tell stale, torn or
 * misplaced data from the right data without another channel.
 */
#ifndef ST_PROTO_H
#define ST_PROTO_H

#include <stddef.h>

#include <linux/sipc.h>

static inline unsigned char st_pat(__u64 seq, size_t i)
{
	return (unsigned char)(i + (i >> 8) * 7 + seq * 0x3b + (seq >> 8));
}
void st_fill(unsigned char *p, size_t len, __u64 seq);
/* -1 when p[0..len) holds the pattern of seq, else the first bad index. */
long st_check(const volatile unsigned char *p, size_t len, __u64 seq);

/* Deterministic offset and length of round i in a region of size. */
void st_proto_shape(unsigned long i, size_t region, __u64 *off, __u32 *len);
/*
 * One sender round (depth 1): fill the region at off with the pattern of
 * dr_seq, SEND DATA_READY, NOOP-1, NOOP-2 (blocking), checking the seqs
 * the kernel returns are dr_seq, dr_seq+1, dr_seq+2.  0 or negative.
 */
int st_proto_send(int snd, unsigned char *map, __u64 off, __u32 len,
		  __u64 dr_seq);
/*
 * One receiver round: RECV must give DATA_READY(off, len, dr_seq); check
 * every byte through map; RECV NOOP-1 and NOOP-2 with the next seqs.
 */
int st_proto_recv(int rcv, const unsigned char *map, __u64 off, __u32 len,
		  __u64 dr_seq);

#endif /* ST_PROTO_H */
