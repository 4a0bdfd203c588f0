// SPDX-License-Identifier: GPL-2.0-only
/*
 * qchan.c - the standard reverse channels over struct qops (qchan.h).
 *
 *   block      S fills the object, then times one blocking put; R waits
 *              delay_us before draining for a 1 bit (timing channel)
 *   errno      S fills; R drains for a 1; S's non-blocking put: ok/EAGAIN
 *   partial    S fills; R takes 1 or 2 units; S's non-blocking put of
 *              64 KiB: the partial count (0 when all-or-nothing)
 *   poll       S fills; R drains for a 1; poll(POLLOUT) bits on S's handle
 *   meta       S puts one unit; R takes it for a 1; S reads a counter
 *   hangup     R drops its handle for a 1 (per-bit objects, or close and
 *              reopen); S's non-blocking put: result or errno
 *   writeback  R writes in the reverse direction for a 1; S tries to read
 *   bitmap     R creates name i for a 1; S probes name i (errno as value)
 *   fattr      R sets its handle's timestamps (futimens) to 1 or 2 s;
 *              S reads st_mtime through its own handle
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "qchan.h"
#include "util.h"

#define BIG (64 * 1024)

/* The operations of the mechanism whose channel C runs. */
static const struct qops *qops_of(const struct ctx *c)
{
	return c->ch->ops;
}

void bit_name(const struct ctx *c, int i, char *buf, size_t n)
{
	snprintf(buf, n, "/ipc-audit-bit-%d-%d", c->tag, i);
}

double probe_value(int err)
{
	if (!err)
		return 1;
	if (err == -ENOENT || err == -ECONNREFUSED)
		return 0;
	return 10 - err;
}

static int setup_main(struct ctx *c) { return qops_of(c)->make(c, -1); }
static int r_init_main(struct ctx *c) { return qops_of(c)->r_open ? qops_of(c)->r_open(c, -1) : 0; }
static int s_init_main(struct ctx *c) { return qops_of(c)->s_open ? qops_of(c)->s_open(c, -1) : 0; }
static void fini(struct ctx *c) { if (qops_of(c)->fini) qops_of(c)->fini(c); }

static int s_fill(struct ctx *c, int i) { (void)i; return qops_of(c)->fill(c); }
static int r_drain(struct ctx *c, int i, int bit)
{
	int n;

	(void)i; (void)bit;
	n = qops_of(c)->take(c, -1, -1);
	return n < 0 ? n : 0;
}

/* block */
static int blk_enc(struct ctx *c, int i, int bit)
{
	r_delay(c, bit);
	return r_drain(c, i, bit);
}

static int blk_obs(struct ctx *c, int i, double *v)
{
	double t = now_s();
	int n = qops_of(c)->put(c, -1, qops_of(c)->unit, 0);

	(void)i;
	*v = (now_s() - t) * 1e6;
	return n < 0 ? n : 0;
}

/* errno, poll */
static int drain_if(struct ctx *c, int i, int bit)
{
	return bit ? r_drain(c, i, bit) : 0;
}

static int err_obs(struct ctx *c, int i, double *v)
{
	int n = qops_of(c)->put(c, -1, qops_of(c)->unit, 1);

	(void)i;
	*v = n >= 0 ? 1 : -n;
	return 0;
}

static int poll_obs(struct ctx *c, int i, double *v)
{
	(void)i;
	return qops_of(c)->pollout(c, v);
}

/* partial */
static int part_enc(struct ctx *c, int i, int bit)
{
	int n;

	(void)i;
	n = qops_of(c)->take(c, -1, bit ? 2 : 1);
	return n < 0 ? n : 0;
}

static int part_obs(struct ctx *c, int i, double *v)
{
	int n = qops_of(c)->put(c, -1, BIG, 1);

	(void)i;
	*v = n > 0 && n < BIG ? n : 0;
	return 0;
}

/* meta */
static int meta_prep(struct ctx *c, int i)
{
	int n;

	(void)i;
	n = qops_of(c)->put(c, -1, qops_of(c)->unit, 1);
	return n < 0 ? n : 0;
}

static int meta_enc(struct ctx *c, int i, int bit)
{
	int n;

	(void)i;
	if (!bit)
		return 0;
	n = qops_of(c)->take(c, -1, 1);
	return n < 0 ? n : 0;
}

static int meta_obs(struct ctx *c, int i, double *v)
{
	(void)i;
	return qops_of(c)->meta(c, v);
}

/* hangup: per-bit objects when the mechanism cannot reopen */
static int hup_setup(struct ctx *c)
{
	int k, err;

	if (qops_of(c)->r_reopen)
		return qops_of(c)->make(c, -1);
	for (k = 0; k < c->nbits; k++)
		if ((err = qops_of(c)->make(c, k)))
			return err;
	return 0;
}

static int hup_r_init(struct ctx *c)
{
	int k, err;

	if (qops_of(c)->r_reopen || !qops_of(c)->r_open)
		return r_init_main(c);
	for (k = 0; k < c->nbits; k++)
		if ((err = qops_of(c)->r_open(c, k)))
			return err;
	return 0;
}

static int hup_s_init(struct ctx *c)
{
	int k, err;

	if (qops_of(c)->r_reopen || !qops_of(c)->s_open)
		return s_init_main(c);
	for (k = 0; k < c->nbits; k++)
		if ((err = qops_of(c)->s_open(c, k)))
			return err;
	return 0;
}

static int hup_enc(struct ctx *c, int i, int bit)
{
	return bit ? qops_of(c)->r_close(c, qops_of(c)->r_reopen ? -1 : i) : 0;
}

static int hup_obs(struct ctx *c, int i, double *v)
{
	int n = qops_of(c)->put(c, qops_of(c)->r_reopen ? -1 : i, qops_of(c)->unit, 1);

	*v = n >= 0 ? 1 : -n;
	return 0;
}

static int hup_reset(struct ctx *c, int i, int bit)
{
	int err = 0;

	if (qops_of(c)->r_reopen) {
		qops_of(c)->take(c, -1, -1);
		if (bit)
			err = qops_of(c)->r_reopen(c, -1);
	} else if (!bit) {
		qops_of(c)->take(c, i, -1);
	}
	return err;
}

/* writeback */
static int back_enc(struct ctx *c, int i, int bit)
{
	(void)i;
	return bit ? qops_of(c)->r_back(c) : 0;
}

static int back_obs(struct ctx *c, int i, double *v)
{
	(void)i;
	return qops_of(c)->s_back(c, v);
}

/* bitmap */
static int name_enc(struct ctx *c, int i, int bit)
{
	return bit ? qops_of(c)->r_mkname(c, i) : 0;
}

static int name_obs(struct ctx *c, int i, double *v)
{
	return qops_of(c)->s_probe(c, i, v);
}

static int name_reset(struct ctx *c, int i, int bit)
{
	return bit && qops_of(c)->r_rmname ? qops_of(c)->r_rmname(c, i) : 0;
}

/* fattr */
static int attr_enc(struct ctx *c, int i, int bit)
{
	(void)i;
	return qops_of(c)->r_attr(c, bit);
}

static int attr_obs(struct ctx *c, int i, double *v)
{
	(void)i;
	return qops_of(c)->s_attr(c, v);
}

static const struct chan tmpl[Q_NKIND] = {
	[Q_BLOCK] = { .name = "block", .what = "time S waits in a blocking put", .timing = 1,
		.setup = setup_main, .r_init = r_init_main, .s_init = s_init_main,
		.s_prep = s_fill, .r_enc = blk_enc, .s_obs = blk_obs, .r_reset = r_drain,
		.s_fini = fini },
	[Q_ERRNO] = { .name = "errno", .what = "non-blocking put: success or EAGAIN",
		.setup = setup_main, .r_init = r_init_main, .s_init = s_init_main,
		.s_prep = s_fill, .r_enc = drain_if, .s_obs = err_obs, .r_reset = r_drain,
		.s_fini = fini },
	[Q_PARTIAL] = { .name = "partial", .what = "count of a partial non-blocking 64 KiB put",
		.setup = setup_main, .r_init = r_init_main, .s_init = s_init_main,
		.s_prep = s_fill, .r_enc = part_enc, .s_obs = part_obs, .r_reset = r_drain,
		.s_fini = fini },
	[Q_POLL] = { .name = "poll", .what = "poll() revents of S's handle",
		.setup = setup_main, .r_init = r_init_main, .s_init = s_init_main,
		.s_prep = s_fill, .r_enc = drain_if, .s_obs = poll_obs, .r_reset = r_drain,
		.s_fini = fini },
	[Q_META] = { .name = "meta", .what = "",
		.setup = setup_main, .r_init = r_init_main, .s_init = s_init_main,
		.s_prep = meta_prep, .r_enc = meta_enc, .s_obs = meta_obs, .r_reset = r_drain,
		.s_fini = fini },
	[Q_HANGUP] = { .name = "hangup", .what = "put after R dropped its handle",
		.setup = hup_setup, .r_init = hup_r_init, .s_init = hup_s_init,
		.r_enc = hup_enc, .s_obs = hup_obs, .r_reset = hup_reset, .s_fini = fini },
	[Q_WRITEBACK] = { .name = "writeback", .what = "",
		.setup = setup_main, .r_init = r_init_main, .s_init = s_init_main,
		.r_enc = back_enc, .s_obs = back_obs, .s_fini = fini },
	[Q_BITMAP] = { .name = "bitmap", .what = "",
		.setup = setup_main, .r_init = r_init_main, .s_init = s_init_main,
		.r_enc = name_enc, .s_obs = name_obs, .r_reset = name_reset, .s_fini = fini },
	[Q_FATTR] = { .name = "fattr", .what = "",
		.setup = setup_main, .r_init = r_init_main, .s_init = s_init_main,
		.r_enc = attr_enc, .s_obs = attr_obs, .s_fini = fini },
};

const struct chan *qchan_resolve(const struct chan *e, struct chan *out)
{
	const struct qops *q = e->ops;
	int k = e->qkind - 1;
	const void *need[Q_NKIND] = {
		[Q_BLOCK] = q->fill, [Q_ERRNO] = q->fill, [Q_PARTIAL] = q->fill,
		[Q_POLL] = q->pollout, [Q_META] = q->meta, [Q_HANGUP] = q->r_close,
		[Q_WRITEBACK] = q->r_back, [Q_BITMAP] = q->r_mkname, [Q_FATTR] = q->r_attr,
	};

	*out = tmpl[k];
	out->mech = q->mech;
	out->ops = q;
	out->helper = q->helper;
	out->p_cleanup = q->p_cleanup;
	out->needs = q->needs;
	if (k == Q_META)
		out->what = q->meta_what;
	if (k == Q_WRITEBACK)
		out->what = q->back_what;
	if (k == Q_BITMAP)
		out->what = q->name_what;
	if (k == Q_FATTR)
		out->what = q->attr_what ? q->attr_what : "futimens by R, st_mtime seen by S";
	if (!need[k])
		out->na = q->na[k] ? q->na[k] : "the mechanism has no such operation";
	return out;
}
