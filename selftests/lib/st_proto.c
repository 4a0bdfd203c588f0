// SPDX-License-Identifier: GPL-2.0-only
/*
 * st_proto.c - data pattern and protocol rounds (see st_proto.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "st_proto.h"
#include "st_uapi.h"

void st_fill(unsigned char *p, size_t len, __u64 seq)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = st_pat(seq, i);
}

long st_check(const volatile unsigned char *p, size_t len, __u64 seq)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != st_pat(seq, i))
			return (long)i;
	return -1;
}

void st_proto_shape(unsigned long i, size_t region, __u64 *off, __u32 *len)
{
	unsigned long long h;

	/* The edges first (region is at least two pages), then a hash. */
	switch (i) {
	case 0: *off = 0; *len = 0; return;			/* empty */
	case 1: *off = 0; *len = 1; return;
	case 2: *off = 0; *len = region; return;		/* all of it */
	case 3: *off = region - 1; *len = 1; return;		/* last byte */
	case 4: *off = region; *len = 0; return;		/* empty, at end */
	case 5: *off = 4095; *len = 2; return;			/* page edge */
	case 6: *off = 1; *len = region - 1; return;
	case 7: *off = 0; *len = region - 1; return;
	}
	h = (i + 1) * 0x9e3779b97f4a7c15ULL;
	h ^= h >> 29;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 32;
	*len = (__u32)(h % (region + 1));
	*off = (h >> 20) % (region - *len + 1);
}

int st_proto_send(int snd, unsigned char *map, __u64 off, __u32 len,
		  __u64 dr_seq)
{
	__u64 seq = 0;
	int ret, k;

	st_fill(map + off, len, dr_seq);
	ret = st_send(snd, SIPC_MSG_DATA_READY, len, off, 0, &seq);
	if (ret || seq != dr_seq)
		goto bad;
	for (k = 1; k <= 2; k++) {
		ret = st_send(snd, SIPC_MSG_NOOP, 0, 0, 0, &seq);
		if (ret || seq != dr_seq + k)
			goto bad;
	}
	return 0;
bad:
	fprintf(stderr, "# sender round %llu: ret %d (%s), seq %llu\n",
		(unsigned long long)dr_seq, ret, strerror(-ret),
		(unsigned long long)seq);
	return ret ? ret : -EPROTO;
}

int st_proto_recv(int rcv, const unsigned char *map, __u64 off, __u32 len,
		  __u64 dr_seq)
{
	struct sipc_msg m;
	long bad;
	int ret, k;

	ret = st_recv(rcv, 0, &m);
	if (ret || m.type != SIPC_MSG_DATA_READY || m.seq != dr_seq ||
	    m.len != len || m.offset != off)
		goto bad;
	bad = st_check(map + off, len, dr_seq);
	if (bad >= 0) {
		fprintf(stderr, "# receiver round %llu (off %llu len %u): byte %ld is 0x%02x, want 0x%02x\n",
			(unsigned long long)dr_seq, (unsigned long long)off,
			len, bad, map[off + bad], st_pat(dr_seq, bad));
		return -EPROTO;
	}
	for (k = 1; k <= 2; k++) {
		ret = st_recv(rcv, 0, &m);
		if (ret || m.type != SIPC_MSG_NOOP || m.len || m.offset ||
		    m.seq != dr_seq + k)
			goto bad;
	}
	return 0;
bad:
	fprintf(stderr, "# receiver round %llu (off %llu len %u): ret %d (%s), got type %u len %u off %llu seq %llu\n",
		(unsigned long long)dr_seq, (unsigned long long)off, len, ret,
		strerror(-ret), m.type, m.len, (unsigned long long)m.offset,
		(unsigned long long)m.seq);
	return ret ? ret : -EPROTO;
}
