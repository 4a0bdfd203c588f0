// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_se_access_test.c - who may do what under the test policy (A),
 * enforcing.
 *
 * Each variant of the "script" fixture is one confined domain running a
 * short list of operations in a forked child; the child stops at the
 * first failure and reports which operation failed and with what errno
 * (exit code 10 + index, the errno in shared memory), and the test asserts
 * both, then looks for the AVC denial that explains it (with the ioctl
 * command, for ioctl denials).  Channel "a" is made by helper_a_t and
 * labelled helper_a_t; channel "b" by helper_b_t, labelled chan_b_t.
 *
 * The "chans" fixture holds the label tests and the unrelated domain,
 * which is tried on every command with descriptors it inherited.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "kselftest_harness.h"
#include "st.h"

#define REGION		(4 * 4096)
#define AVC_MS		3000

enum op {
	OP_END = 0,
	OP_OPEN,	/* open /dev/sipc */
	OP_USE_DEV,	/* use the /dev/sipc descriptor the parent opened */
	OP_VERSION,	/* on the device, or on the endpoint once there is one */
	OP_CREATE,	/* create channel "x" */
	OP_DESTROY_X,	/* destroy channel "x" */
	OP_DESTROY,	/* destroy the variant's channel */
	OP_ATTACH_S,
	OP_ATTACH_R,
	OP_USE_EP,	/* use the endpoint the parent attached */
	OP_INFO,
	OP_LIST,
	OP_REVOKE,
	OP_SEND,
	OP_RECV_EMPTY,	/* RECV on an empty queue: EAGAIN means allowed */
	OP_EP_INFO,
	OP_MAP_IOCTL,
	OP_MMAP_RO,
	OP_MMAP_RW,
};

#define MAX_OPS	8

struct result {
	int failed_at;
	int err;
	char label[256];	/* label of the endpoint, when one was made */
};

/* What a child gets: its script, the names, the inherited descriptors. */
struct script_arg {
	const enum op *ops;
	const char *chan;
	const char *xname;
	int dev;
	int ep;
	struct result *res;
};

static int do_mmap(int ep, int prot)
{
	volatile char *p;
	char c;

	p = mmap(NULL, REGION, prot, MAP_SHARED, ep, 0);
	if (p == MAP_FAILED)
		return -errno;
	c = p[0];
	if (prot & PROT_WRITE)
		p[REGION - 1] = c;
	munmap((void *)p, REGION);
	return 0;
}

static int do_op(enum op op, struct script_arg *a, int *dev, int *ep)
{
	struct sipc_version ver;
	struct sipc_info info;
	struct sipc_ep_info epi;
	struct sipc_msg m;
	int r;

	switch (op) {
	case OP_OPEN:
		r = st_dev_open();
		if (r >= 0)
			*dev = r;
		return r < 0 ? r : 0;
	case OP_USE_DEV:
		*dev = a->dev;
		return 0;
	case OP_VERSION:
		return st_version(*ep >= 0 ? *ep : *dev, &ver);
	case OP_CREATE:
		return st_create(*dev, a->xname, REGION, 1, NULL);
	case OP_DESTROY_X:
		return st_destroy(*dev, a->xname);
	case OP_DESTROY:
		return st_destroy(*dev, a->chan);
	case OP_ATTACH_S:
	case OP_ATTACH_R:
		r = st_attach(*dev, a->chan, op == OP_ATTACH_S ?
				SIPC_ROLE_SENDER : SIPC_ROLE_RECEIVER, 0);
		if (r < 0)
			return r;
		*ep = r;
		st_fd_label(r, a->res->label, sizeof(a->res->label));
		return 0;
	case OP_USE_EP:
		*ep = a->ep;
		return 0;
	case OP_INFO:
		return st_info(*dev, a->chan, &info);
	case OP_LIST:
		r = st_list_total(*dev);
		return r < 0 ? r : 0;
	case OP_REVOKE:
		return st_revoke(*dev, a->chan, SIPC_REVOKE_ALL_FLAGS);
	case OP_SEND:
		return st_send(*ep, SIPC_MSG_NOOP, 0, 0, SIPC_MSG_F_NONBLOCK,
				 NULL);
	case OP_RECV_EMPTY:
		r = st_recv(*ep, SIPC_MSG_F_NONBLOCK, &m);
		return r == -EAGAIN ? 0 : (r ? r : -EPROTO);
	case OP_EP_INFO:
		return st_ep_info(*ep, &epi);
	case OP_MAP_IOCTL:
		return st_ioctl(*ep, SIPC_IOC_MAP, NULL);
	case OP_MMAP_RO:
		return do_mmap(*ep, PROT_READ);
	case OP_MMAP_RW:
		return do_mmap(*ep, PROT_READ | PROT_WRITE);
	case OP_END:
		break;
	}
	return -EINVAL;
}

/* In the child, in its domain: 0, or 10 + index of the failed op. */
static int run_script(void *arg)
{
	struct script_arg *a = arg;
	int i, err, dev = -1, ep = -1;

	a->res->failed_at = -1;
	for (i = 0; i < MAX_OPS && a->ops[i] != OP_END; i++) {
		err = do_op(a->ops[i], a, &dev, &ep);
		if (err) {
			a->res->failed_at = i;
			a->res->err = -err;
			return 10 + i;
		}
	}
	return 0;
}

/* The label type of the channel named by 'a' or 'b'. */
static const char *chan_type(char which)
{
	return which == 'b' ? "chan_b_t" : "helper_a_t";
}

static int helper_create(void *arg)
{
	const char *name = arg;
	int dev = st_dev_open();

	if (dev < 0)
		return 10;
	if (st_create(dev, name, REGION, 4, NULL))
		return 11;
	close(dev);
	return 0;
}

/* Channels a and b, made by their helpers; names unique to this test. */
struct two_chans {
	char a[SIPC_NAME_MAX], b[SIPC_NAME_MAX], x[SIPC_NAME_MAX];
	struct result *res;
	int dev;
	int ep;
};

static int two_chans_setup(struct two_chans *c, const char **why)
{
	int err;

	c->dev = c->ep = -1;
	err = st_se_baseline(why);
	if (err)
		return err;
	st_pid_name(c->a, sizeof(c->a), "a");
	st_pid_name(c->b, sizeof(c->b), "b");
	st_pid_name(c->x, sizeof(c->x), "x");
	c->res = st_shared_alloc(sizeof(*c->res));
	*why = "shared memory";
	if (!c->res)
		return -ENOMEM;
	*why = "helper_a_t creates channel a";
	err = st_run_in("helper_a_t", helper_create, c->a);
	if (err)
		return -EPROTO;
	*why = "helper_b_t creates channel b";
	err = st_run_in("helper_b_t", helper_create, c->b);
	if (err)
		return -EPROTO;
	*why = "open /dev/sipc (kernel_t)";
	c->dev = st_dev_open();
	return c->dev < 0 ? c->dev : 0;
}

static void two_chans_teardown(struct two_chans *c)
{
	if (c->ep >= 0)
		close(c->ep);
	if (c->dev >= 0)
		close(c->dev);
	st_cleanup(c->a);
	st_cleanup(c->b);
	st_cleanup(c->x);
}

/* ------------------------------------------------------------------ */

FIXTURE(script) {
	struct two_chans c;
};

FIXTURE_VARIANT(script) {
	const char *domain;
	char chan;		/* 'a' or 'b' */
	int inherit;		/* endpoint role the parent attaches, or 0 */
	enum op ops[MAX_OPS];
	int fail_at;		/* -1: every op must succeed */
	int err;
	/* The AVC denial expected for the failure (perm NULL: none). */
	const char *perm;
	unsigned int cmd;
	const char *tclass;
	bool on_channel;	/* target: the channel, else /dev/sipc */
};

#define DEV_DENIED(op_list, at, ioctl_cmd)				\
	.ops = op_list, .fail_at = at, .err = EACCES, .perm = "ioctl",	\
	.cmd = ioctl_cmd, .tclass = "chr_file"
#define EP_DENIED(op_list, at, p, ioctl_cmd)				\
	.ops = op_list, .fail_at = at, .err = EACCES, .perm = p,	\
	.cmd = ioctl_cmd, .tclass = "anon_inode", .on_channel = true
#define OPS(...)	{ __VA_ARGS__ }

/* The helpers create and destroy, and nothing else. */
FIXTURE_VARIANT_ADD(script, helper_a_creates_and_destroys) {
	.domain = "helper_a_t", .chan = 'a',
	.ops = OPS(OP_OPEN, OP_VERSION, OP_CREATE, OP_DESTROY_X), .fail_at = -1,
};
FIXTURE_VARIANT_ADD(script, helper_b_creates_and_destroys) {
	.domain = "helper_b_t", .chan = 'b',
	.ops = OPS(OP_OPEN, OP_CREATE, OP_DESTROY), .fail_at = -1,
};
FIXTURE_VARIANT_ADD(script, helper_a_cannot_attach_sender) {
	.domain = "helper_a_t", .chan = 'a',
	DEV_DENIED(OPS(OP_OPEN, OP_ATTACH_S), 1, 0xbd03),
};
FIXTURE_VARIANT_ADD(script, helper_a_cannot_attach_receiver) {
	.domain = "helper_a_t", .chan = 'a',
	DEV_DENIED(OPS(OP_OPEN, OP_ATTACH_R), 1, 0xbd04),
};
FIXTURE_VARIANT_ADD(script, helper_a_cannot_info) {
	.domain = "helper_a_t", .chan = 'a',
	DEV_DENIED(OPS(OP_OPEN, OP_INFO), 1, 0xbd05),
};

/* Senders and receivers cannot create: the bitmap vector is closed. */
FIXTURE_VARIANT_ADD(script, sender_a_cannot_create) {
	.domain = "sender_a_t", .chan = 'a',
	DEV_DENIED(OPS(OP_OPEN, OP_VERSION, OP_CREATE), 2, 0xbd01),
};
FIXTURE_VARIANT_ADD(script, receiver_a_cannot_create) {
	.domain = "receiver_a_t", .chan = 'a',
	DEV_DENIED(OPS(OP_OPEN, OP_VERSION, OP_CREATE), 2, 0xbd01),
};
FIXTURE_VARIANT_ADD(script, sender_b_cannot_create) {
	.domain = "sender_b_t", .chan = 'b',
	DEV_DENIED(OPS(OP_OPEN, OP_CREATE), 1, 0xbd01),
};
FIXTURE_VARIANT_ADD(script, sender_a_cannot_destroy) {
	.domain = "sender_a_t", .chan = 'a',
	DEV_DENIED(OPS(OP_OPEN, OP_DESTROY), 1, 0xbd02),
};
FIXTURE_VARIANT_ADD(script, receiver_a_cannot_destroy) {
	.domain = "receiver_a_t", .chan = 'a',
	DEV_DENIED(OPS(OP_OPEN, OP_DESTROY), 1, 0xbd02),
};

/* Each peer attaches in its own role only. */
FIXTURE_VARIANT_ADD(script, sender_a_sends) {
	.domain = "sender_a_t", .chan = 'a',
	.ops = OPS(OP_OPEN, OP_ATTACH_S, OP_VERSION, OP_EP_INFO, OP_SEND,
		   OP_MAP_IOCTL, OP_MMAP_RW),
	.fail_at = -1,
};
FIXTURE_VARIANT_ADD(script, sender_a_cannot_attach_receiver) {
	.domain = "sender_a_t", .chan = 'a',
	DEV_DENIED(OPS(OP_OPEN, OP_ATTACH_R), 1, 0xbd04),
};
FIXTURE_VARIANT_ADD(script, sender_a_cannot_recv) {
	.domain = "sender_a_t", .chan = 'a',
	EP_DENIED(OPS(OP_OPEN, OP_ATTACH_S, OP_RECV_EMPTY), 2, "ioctl", 0xbd21),
};
FIXTURE_VARIANT_ADD(script, receiver_a_receives) {
	.domain = "receiver_a_t", .chan = 'a',
	.ops = OPS(OP_OPEN, OP_ATTACH_R, OP_VERSION, OP_EP_INFO, OP_RECV_EMPTY,
		   OP_MAP_IOCTL, OP_MMAP_RO),
	.fail_at = -1,
};
FIXTURE_VARIANT_ADD(script, receiver_a_cannot_attach_sender) {
	.domain = "receiver_a_t", .chan = 'a',
	DEV_DENIED(OPS(OP_OPEN, OP_ATTACH_S), 1, 0xbd03),
};
FIXTURE_VARIANT_ADD(script, receiver_a_cannot_send) {
	.domain = "receiver_a_t", .chan = 'a',
	EP_DENIED(OPS(OP_OPEN, OP_ATTACH_R, OP_SEND), 2, "ioctl", 0xbd20),
};
FIXTURE_VARIANT_ADD(script, receiver_a_cannot_map_writable) {
	.domain = "receiver_a_t", .chan = 'a',
	EP_DENIED(OPS(OP_OPEN, OP_ATTACH_R, OP_MMAP_RW), 2, "write", 0),
};
FIXTURE_VARIANT_ADD(script, sender_b_sends) {
	.domain = "sender_b_t", .chan = 'b',
	.ops = OPS(OP_OPEN, OP_ATTACH_S, OP_SEND, OP_MMAP_RW), .fail_at = -1,
};
FIXTURE_VARIANT_ADD(script, receiver_b_receives) {
	.domain = "receiver_b_t", .chan = 'b',
	.ops = OPS(OP_OPEN, OP_ATTACH_R, OP_RECV_EMPTY, OP_MMAP_RO), .fail_at = -1,
};

/* Nothing that shows the receiver's state goes to the peers. */
FIXTURE_VARIANT_ADD(script, sender_a_cannot_info) {
	.domain = "sender_a_t", .chan = 'a',
	DEV_DENIED(OPS(OP_OPEN, OP_INFO), 1, 0xbd05),
};
FIXTURE_VARIANT_ADD(script, sender_a_cannot_list) {
	.domain = "sender_a_t", .chan = 'a',
	DEV_DENIED(OPS(OP_OPEN, OP_LIST), 1, 0xbd06),
};
FIXTURE_VARIANT_ADD(script, sender_a_cannot_revoke) {
	.domain = "sender_a_t", .chan = 'a',
	DEV_DENIED(OPS(OP_OPEN, OP_REVOKE), 1, 0xbd07),
};
FIXTURE_VARIANT_ADD(script, receiver_a_cannot_list) {
	.domain = "receiver_a_t", .chan = 'a',
	DEV_DENIED(OPS(OP_OPEN, OP_LIST), 1, 0xbd06),
};

/* Cross-helper rules, both ways: attaching needs "create" on the label. */
FIXTURE_VARIANT_ADD(script, sender_a_cannot_attach_to_b) {
	.domain = "sender_a_t", .chan = 'b',
	EP_DENIED(OPS(OP_OPEN, OP_ATTACH_S), 1, "create", 0),
};
FIXTURE_VARIANT_ADD(script, receiver_a_cannot_attach_to_b) {
	.domain = "receiver_a_t", .chan = 'b',
	EP_DENIED(OPS(OP_OPEN, OP_ATTACH_R), 1, "create", 0),
};
FIXTURE_VARIANT_ADD(script, sender_b_cannot_attach_to_a) {
	.domain = "sender_b_t", .chan = 'a',
	EP_DENIED(OPS(OP_OPEN, OP_ATTACH_S), 1, "create", 0),
};
FIXTURE_VARIANT_ADD(script, receiver_b_cannot_attach_to_a) {
	.domain = "receiver_b_t", .chan = 'a',
	EP_DENIED(OPS(OP_OPEN, OP_ATTACH_R), 1, "create", 0),
};
/* ... and with an endpoint of the other channel in hand (inherited). */
FIXTURE_VARIANT_ADD(script, sender_a_cannot_send_on_b) {
	.domain = "sender_a_t", .chan = 'b', .inherit = SIPC_ROLE_SENDER,
	EP_DENIED(OPS(OP_USE_EP, OP_SEND), 1, "ioctl", 0xbd20),
};
FIXTURE_VARIANT_ADD(script, sender_a_cannot_map_b) {
	.domain = "sender_a_t", .chan = 'b', .inherit = SIPC_ROLE_SENDER,
	EP_DENIED(OPS(OP_USE_EP, OP_MMAP_RW), 1, "map", 0),
};
FIXTURE_VARIANT_ADD(script, sender_b_cannot_send_on_a) {
	.domain = "sender_b_t", .chan = 'a', .inherit = SIPC_ROLE_SENDER,
	EP_DENIED(OPS(OP_USE_EP, OP_SEND), 1, "ioctl", 0xbd20),
};
FIXTURE_VARIANT_ADD(script, receiver_a_cannot_recv_on_b) {
	.domain = "receiver_a_t", .chan = 'b', .inherit = SIPC_ROLE_RECEIVER,
	EP_DENIED(OPS(OP_USE_EP, OP_RECV_EMPTY), 1, "ioctl", 0xbd21),
};
FIXTURE_VARIANT_ADD(script, receiver_b_cannot_recv_on_a) {
	.domain = "receiver_b_t", .chan = 'a', .inherit = SIPC_ROLE_RECEIVER,
	EP_DENIED(OPS(OP_USE_EP, OP_RECV_EMPTY), 1, "ioctl", 0xbd21),
};

/* The administrator: info, list, revoke, destroy; no create, no attach. */
FIXTURE_VARIANT_ADD(script, admin_administers) {
	.domain = "admin_t", .chan = 'a',
	.ops = OPS(OP_OPEN, OP_VERSION, OP_INFO, OP_LIST, OP_REVOKE, OP_DESTROY),
	.fail_at = -1,
};
FIXTURE_VARIANT_ADD(script, admin_cannot_create) {
	.domain = "admin_t", .chan = 'a',
	DEV_DENIED(OPS(OP_OPEN, OP_CREATE), 1, 0xbd01),
};
FIXTURE_VARIANT_ADD(script, admin_cannot_attach_sender) {
	.domain = "admin_t", .chan = 'a',
	DEV_DENIED(OPS(OP_OPEN, OP_ATTACH_S), 1, 0xbd03),
};
FIXTURE_VARIANT_ADD(script, admin_cannot_attach_receiver) {
	.domain = "admin_t", .chan = 'a',
	DEV_DENIED(OPS(OP_OPEN, OP_ATTACH_R), 1, 0xbd04),
};

FIXTURE_SETUP(script)
{
	const char *why;
	const char *name;

	ASSERT_EQ(0, two_chans_setup(&self->c, &why)) TH_LOG("setup: %s", why);
	if (variant->inherit) {
		name = variant->chan == 'b' ? self->c.b : self->c.a;
		self->c.ep = st_attach(self->c.dev, name, variant->inherit, 0);
		ASSERT_LE(0, self->c.ep);
	}
}

FIXTURE_TEARDOWN(script)
{
	two_chans_teardown(&self->c);
}

TEST_F(script, run)
{
	struct script_arg a = {
		.ops = variant->ops,
		.chan = variant->chan == 'b' ? self->c.b : self->c.a,
		.xname = self->c.x,
		.dev = self->c.dev,
		.ep = self->c.ep,
		.res = self->c.res,
	};
	struct st_avc avc = {
		.perm = variant->perm,
		.ioctlcmd = variant->cmd,
		.stype = variant->domain,
		.tclass = variant->tclass,
	};
	char line[1024];
	pid_t pid;
	int rc;

	memset(self->c.res, 0, sizeof(*self->c.res));
	pid = st_spawn_in(variant->domain, run_script, &a);
	rc = st_reap_or_kill(pid, 20000);
	if (variant->fail_at < 0) {
		ASSERT_EQ(0, rc) TH_LOG("op %d failed: %s", self->c.res->failed_at,
					strerror(self->c.res->err));
		EXPECT_FALSE(st_avc_any(pid));
		return;
	}
	ASSERT_EQ(10 + variant->fail_at, rc) TH_LOG("failed at op %d (%s)",
		self->c.res->failed_at, strerror(self->c.res->err));
	ASSERT_EQ(variant->err, self->c.res->err);
	if (!variant->perm)
		return;
	avc.pid = pid;
	avc.ttype = variant->on_channel ? chan_type(variant->chan) :
					  "sipc_device_t";
	rc = st_avc_wait(&avc, AVC_MS, line, sizeof(line));
	EXPECT_EQ(0, rc) TH_LOG("no AVC: pid %d { %s } ioctlcmd=%#x %s:%s", pid,
				avc.perm, avc.ioctlcmd, avc.ttype, avc.tclass);
	if (!rc)
		TH_LOG("%s", strstr(line, "avc:"));
}

/* ------------------------------------------------------------------ */

FIXTURE(chans) {
	struct two_chans c;
};

FIXTURE_SETUP(chans)
{
	const char *why;

	ASSERT_EQ(0, two_chans_setup(&self->c, &why)) TH_LOG("setup: %s", why);
}

FIXTURE_TEARDOWN(chans)
{
	two_chans_teardown(&self->c);
}

/* A channel carries the label its helper gave it, and says who made it. */
TEST_F(chans, labels_follow_the_helper)
{
	char ctx[256], label[256];
	struct sipc_info info;

	ASSERT_EQ(0, st_info_labels(self->c.dev, self->c.a, &info, ctx, sizeof(ctx),
			       label, sizeof(label)));
	EXPECT_STREQ(ST_SE_USER_ROLE "helper_a_t", ctx);
	EXPECT_STREQ(ST_SE_OBJECT "helper_a_t", label);
	EXPECT_EQ(strlen(label), info.label_len);

	ASSERT_EQ(0, st_info_labels(self->c.dev, self->c.b, &info, ctx, sizeof(ctx),
			       label, sizeof(label)));
	EXPECT_STREQ(ST_SE_USER_ROLE "helper_b_t", ctx);
	EXPECT_STREQ(ST_SE_OBJECT "chan_b_t", label);
	EXPECT_EQ(strlen(ctx), info.context_len);
}

/* Each endpoint takes its channel's label, whoever attaches. */
TEST_F(chans, endpoints_carry_the_channel_label)
{
	static const enum op attach_s[] = { OP_OPEN, OP_ATTACH_S, OP_END };
	static const enum op attach_r[] = { OP_OPEN, OP_ATTACH_R, OP_END };
	struct script_arg a = { .xname = self->c.x, .res = self->c.res };

	a.ops = attach_s;
	a.chan = self->c.a;
	ASSERT_EQ(0, st_run_in("sender_a_t", run_script, &a));
	EXPECT_STREQ(ST_SE_OBJECT "helper_a_t", self->c.res->label);

	a.ops = attach_r;
	ASSERT_EQ(0, st_run_in("receiver_a_t", run_script, &a));
	EXPECT_STREQ(ST_SE_OBJECT "helper_a_t", self->c.res->label);

	a.chan = self->c.b;
	ASSERT_EQ(0, st_run_in("receiver_b_t", run_script, &a));
	EXPECT_STREQ(ST_SE_OBJECT "chan_b_t", self->c.res->label);

	a.ops = attach_s;
	ASSERT_EQ(0, st_run_in("sender_b_t", run_script, &a));
	EXPECT_STREQ(ST_SE_OBJECT "chan_b_t", self->c.res->label);
}

/* Try @op as unrelated_t; expect EACCES and an AVC naming @cmd. */
static void unrelated_denied(struct __test_metadata *_metadata,
			     struct two_chans *c, enum op first, enum op op,
			     unsigned int cmd, const char *perm,
			     const char *ttype, const char *tclass)
{
	const enum op ops[] = { first, op, OP_END };
	struct script_arg a = {
		.ops = ops, .chan = c->a, .xname = c->x, .dev = c->dev,
		.ep = c->ep, .res = c->res,
	};
	struct st_avc avc = {
		.perm = perm, .ioctlcmd = cmd, .stype = "unrelated_t",
		.ttype = ttype, .tclass = tclass,
	};
	char line[1024];
	int rc;

	avc.pid = st_spawn_in("unrelated_t", run_script, &a);
	rc = st_reap_or_kill(avc.pid, 20000);
	EXPECT_EQ(11, rc) TH_LOG("op %d: rc %d", op, rc);
	EXPECT_EQ(EACCES, c->res->err) TH_LOG("op %d", op);
	EXPECT_EQ(0, st_avc_wait(&avc, AVC_MS, line, sizeof(line)))
		TH_LOG("op %d: no AVC { %s } ioctlcmd=%#x", op, perm, cmd);
}

/* The unrelated domain cannot even open /dev/sipc ... */
TEST_F(chans, unrelated_cannot_open)
{
	static const enum op ops[] = { OP_OPEN, OP_END };
	struct script_arg a = { .ops = ops, .res = self->c.res };
	struct st_avc avc = {
		.perm = "read", .stype = "unrelated_t",
		.ttype = "sipc_device_t", .tclass = "chr_file",
	};

	avc.pid = st_spawn_in("unrelated_t", run_script, &a);
	ASSERT_EQ(10, st_reap_or_kill(avc.pid, 20000));
	EXPECT_EQ(EACCES, self->c.res->err);
	EXPECT_EQ(0, st_avc_wait(&avc, AVC_MS, NULL, 0));
}

/* ... nor use a /dev/sipc descriptor it inherited, for any command ... */
TEST_F(chans, unrelated_cannot_use_the_device)
{
	static const struct { enum op op; unsigned int cmd; } cmds[] = {
		{ OP_VERSION, 0xbd00 }, { OP_CREATE, 0xbd01 },
		{ OP_DESTROY, 0xbd02 }, { OP_ATTACH_S, 0xbd03 },
		{ OP_ATTACH_R, 0xbd04 }, { OP_INFO, 0xbd05 },
		{ OP_LIST, 0xbd06 }, { OP_REVOKE, 0xbd07 },
	};
	size_t i;

	for (i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++)
		unrelated_denied(_metadata, &self->c, OP_USE_DEV, cmds[i].op,
				 cmds[i].cmd, "ioctl", "sipc_device_t",
				 "chr_file");
	/* Nothing happened to the channel. */
	EXPECT_EQ(0, st_info_labels(self->c.dev, self->c.a,
			       &(struct sipc_info){ 0 }, NULL, 0, NULL, 0));
}

/* ... nor an endpoint it inherited, sender's or receiver's. */
TEST_F(chans, unrelated_cannot_use_endpoints)
{
	static const struct { enum op op; unsigned int cmd; } s_cmds[] = {
		{ OP_VERSION, 0xbd00 }, { OP_SEND, 0xbd20 },
		{ OP_EP_INFO, 0xbd22 }, { OP_MAP_IOCTL, 0xbd23 },
	};
	size_t i;

	self->c.ep = st_attach(self->c.dev, self->c.a, SIPC_ROLE_SENDER, 0);
	ASSERT_LE(0, self->c.ep);
	for (i = 0; i < sizeof(s_cmds) / sizeof(s_cmds[0]); i++)
		unrelated_denied(_metadata, &self->c, OP_USE_EP, s_cmds[i].op,
				 s_cmds[i].cmd, "ioctl", "helper_a_t",
				 "anon_inode");
	unrelated_denied(_metadata, &self->c, OP_USE_EP, OP_MMAP_RW, 0, "map",
			 "helper_a_t", "anon_inode");
	close(self->c.ep);

	self->c.ep = st_attach(self->c.dev, self->c.a, SIPC_ROLE_RECEIVER, 0);
	ASSERT_LE(0, self->c.ep);
	unrelated_denied(_metadata, &self->c, OP_USE_EP, OP_RECV_EMPTY, 0xbd21,
			 "ioctl", "helper_a_t", "anon_inode");
	unrelated_denied(_metadata, &self->c, OP_USE_EP, OP_MMAP_RO, 0, "map",
			 "helper_a_t", "anon_inode");
}

TEST_HARNESS_MAIN
