// SPDX-License-Identifier: GPL-2.0-only
/*
 * st_chan.c - the two-endpoint channel bundle (see st_chan.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "st_chan.h"
#include "st_proto.h"
#include "st_uapi.h"

void st_chan_unmap_snd(struct st_chan *c)
{
	if (c->smap)
		munmap(c->smap, c->region);
	c->smap = NULL;
}

void st_chan_unmap_rcv(struct st_chan *c)
{
	if (c->rmap)
		munmap((void *)c->rmap, c->region);
	c->rmap = NULL;
}

int st_chan_open(struct st_chan *c, const char *tag, __u64 region,
		 __u32 depth)
{
	return st_chan_open_ex(c, tag, region, depth, 0, 0);
}

int st_chan_open_ex(struct st_chan *c, const char *tag, __u64 region,
		    __u32 depth, __u32 slots, __u32 flags)
{
	struct sipc_create cr;
	void *m;
	int ret;

	memset(c, 0, sizeof(*c));
	c->snd = c->rcv = c->dev = -1;
	ret = st_dev_open();
	if (ret < 0)
		return ret;
	c->dev = ret;
	st_name(c->name, tag);
	ret = st_create_ex(c->dev, c->name, region, depth, slots, flags, &cr);
	if (ret)
		goto err;
	c->region = cr.region_size;
	c->depth = cr.queue_depth;
	ret = st_attach(c->dev, c->name, SIPC_ROLE_SENDER, 0);
	if (ret < 0)
		goto err;
	c->snd = ret;
	ret = st_attach(c->dev, c->name, SIPC_ROLE_RECEIVER, 0);
	if (ret < 0)
		goto err;
	c->rcv = ret;
	m = st_map(c->snd, c->region, PROT_READ | PROT_WRITE, 0);
	if (m == MAP_FAILED) {
		ret = -errno;
		goto err;
	}
	c->smap = m;
	m = st_map(c->rcv, c->region, PROT_READ, 0);
	if (m == MAP_FAILED) {
		ret = -errno;
		goto err;
	}
	c->rmap = m;
	return 0;
err:
	fprintf(stderr, "# st_chan_open(%s): %s\n", c->name, strerror(-ret));
	st_chan_close(c);
	return ret;
}

void st_chan_close(struct st_chan *c)
{
	st_chan_unmap_snd(c);
	st_chan_unmap_rcv(c);
	if (c->snd > 0)
		close(c->snd);
	if (c->rcv > 0)
		close(c->rcv);
	c->snd = c->rcv = -1;
	if (c->dev > 0) {
		if (c->name[0])
			st_destroy(c->dev, c->name);
		close(c->dev);
	}
	c->dev = -1;
}

int st_chan_works(struct st_chan *c)
{
	static unsigned int nonce = 0x51c;
	unsigned char *smap = c->smap;
	const unsigned char *rmap = c->rmap;
	__u32 len = c->region < 200 ? (__u32)c->region : 200;
	__u64 off = c->region - len, seq = 0, key = ++nonce + getpid();
	struct sipc_msg m;
	long bad;
	int ret;

	/* A test may have unmapped either side; map it for the check only. */
	if (!smap)
		smap = st_map(c->snd, c->region, PROT_READ | PROT_WRITE, 0);
	if (!rmap)
		rmap = st_map(c->rcv, c->region, PROT_READ, 0);
	if (smap == MAP_FAILED || rmap == MAP_FAILED) {
		ret = -errno;
		fprintf(stderr, "# works: mmap: %s\n", strerror(errno));
		goto out;
	}
	st_fill(smap + off, len, key);
	ret = st_send(c->snd, SIPC_MSG_DATA_READY, len, off,
		      SIPC_MSG_F_NONBLOCK, &seq);
	if (ret) {
		fprintf(stderr, "# works: SEND: %s\n", strerror(-ret));
		goto out;
	}
	ret = st_recv(c->rcv, SIPC_MSG_F_NONBLOCK, &m);
	if (ret) {
		fprintf(stderr, "# works: RECV: %s\n", strerror(-ret));
		goto out;
	}
	if (m.type != SIPC_MSG_DATA_READY || m.len != len ||
	    m.offset != off || m.seq != seq || (c->seq && seq <= c->seq)) {
		fprintf(stderr, "# works: got type %u len %u off %llu seq %llu, sent %u/%llu seq %llu (last %llu)\n",
			m.type, m.len, (unsigned long long)m.offset,
			(unsigned long long)m.seq, len,
			(unsigned long long)off, (unsigned long long)seq,
			(unsigned long long)c->seq);
		ret = -EPROTO;
		goto out;
	}
	c->seq = seq;
	bad = st_check(rmap + off, len, key);
	if (bad >= 0) {
		fprintf(stderr, "# works: receiver sees wrong byte at %ld\n",
			bad);
		ret = -EPROTO;
	}
out:
	if (smap != MAP_FAILED && smap != c->smap)
		munmap(smap, c->region);
	if (rmap != MAP_FAILED && rmap != c->rmap)
		munmap((void *)rmap, c->region);
	return ret;
}
