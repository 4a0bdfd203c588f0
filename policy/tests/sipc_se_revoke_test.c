// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_se_revoke_test.c - taking access back from endpoints that are
 * already open, mapped, or asleep in the kernel, enforcing.
 *
 * Three ways to take it back (the fixture variants), each for a sender
 * (sender_a_t) and a receiver (receiver_a_t) on a channel of helper_a_t:
 *
 *   reload   load policy B: "noq" withdraws SEND / RECV, "nomap" withdraws
 *            MAP (mkvariant.sh); restore: load policy A again
 *   bool     turn sipc_test_a_ioctl off (the ioctl permission on the
 *            channel type); restore: turn it on
 *   revoke   SIPC_IOC_REVOKE by admin_t, for the endpoint's role; there is
 *            no restore: the endpoint is dead, its role is free again
 *
 * and three things to take back: the next SEND / RECV on an open endpoint,
 * a SEND / RECV asleep in the kernel (which must sleep on through a policy
 * change that keeps its access), and a mapping read or written in a loop
 * (SIGBUS after the change, not before).  A last test checks that a policy
 * change that keeps MAP leaves mappings working.
 *
 * The child reports each result through shared memory (struct shm), and
 * exits with 0 only after its last step; any other exit code names the
 * step it could not get past (10 is always the attach), so a failure at
 * the wrong step cannot pass.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "kselftest_harness.h"
#include "st.h"

#define REGION		(4 * 4096)
#define WORDS		(REGION / sizeof(uint32_t))
#define AVC_MS		3000
#define WAIT_MS		10000
#define PATTERN(i)	(0x5a5a0000u + (uint32_t)(i))

enum method { RELOAD = 1, BOOLEAN, REVOKE };
enum what { QUEUE, MEMORY };

/* Shared between the test and its confined child. */
struct shm {
	int ready;		/* child: attached and past its first op */
	int go;			/* test: access has been taken away */
	int done;		/* child: tried again after the change */
	int restored;		/* test: access has been given back */
	int stop;		/* test: give up */
	int revoking;		/* test: about to take memory away */
	int err_before, err_after, err_restored;
	int ep_info_err, map_ioctl_err;
	long iters;		/* passes over the mapping */
	int sigbus;
	int sigbus_revoking;	/* value of revoking when SIGBUS came */
	int revoked_map_err;	/* mmap() after SIGBUS, before restore */
	int old_access;		/* after restore: 1 works, 2 SIGBUS */
	int new_map_err;
	int new_access;
	int bad_data;
	int pin_before;		/* vmsplice of the mapping while allowed: a pin */
	int pin_after;		/* would outlive the zap, so both must fail */
};

struct child_arg {
	const char *name;
	int role;
	int depth;
	struct shm *sh;
};

static const char *role_domain(int role)
{
	return role == SIPC_ROLE_SENDER ? "sender_a_t" : "receiver_a_t";
}

static const char *role_str(int role)
{
	return role == SIPC_ROLE_SENDER ? "sender" : "receiver";
}

static int helper_create(void *arg)
{
	struct child_arg *a = arg;
	int dev = st_dev_open();

	if (dev < 0)
		return 10;
	if (st_create(dev, a->name, REGION, a->depth, NULL))
		return 11;
	close(dev);
	return 0;
}

static int admin_revoke(void *arg)
{
	struct child_arg *a = arg;
	int dev = st_dev_open();

	if (dev < 0)
		return 10;
	if (st_revoke(dev, a->name, a->role == SIPC_ROLE_SENDER ?
			SIPC_REVOKE_SENDER : SIPC_REVOKE_RECEIVER))
		return 11;
	close(dev);
	return 0;
}

static int attach_role(const char *name, int role)
{
	int dev, ep;

	dev = st_dev_open();
	if (dev < 0)
		return dev;
	ep = st_attach(dev, name, role, 0);
	close(dev);
	return ep;
}

/* The queue operation of the role, never blocking. */
static int queue_op(int ep, int role)
{
	struct sipc_msg m;

	if (role == SIPC_ROLE_SENDER)
		return st_send(ep, SIPC_MSG_NOOP, 0, 0, SIPC_MSG_F_NONBLOCK,
				 NULL);
	return st_recv(ep, SIPC_MSG_F_NONBLOCK, &m);
}

/* Take access away from @role on channel @name by @m. */
static int take_away(enum method m, enum what w, const char *name, int role)
{
	struct child_arg a = { .name = name, .role = role };

	switch (m) {
	case RELOAD:
		return st_policy_load(w == QUEUE ? "noq" : "nomap");
	case BOOLEAN:
		return st_setbool("sipc_test_a_ioctl", 0);
	case REVOKE:
		return st_run_in("admin_t", admin_revoke, &a) ? -EPROTO : 0;
	}
	return -EINVAL;
}

static int give_back(enum method m)
{
	switch (m) {
	case RELOAD:
		return st_policy_load("A");
	case BOOLEAN:
		return st_setbool("sipc_test_a_ioctl", 1);
	case REVOKE:
		return 0;	/* nothing gives a revoked endpoint back */
	}
	return -EINVAL;
}

/* ---- children (in sender_a_t / receiver_a_t) ---- */

/* An op on an open endpoint before, after and once access is back. */
static int open_endpoint_child(void *arg)
{
	struct child_arg *a = arg;
	struct shm *sh = a->sh;
	struct sipc_ep_info info;
	int ep;

	ep = attach_role(a->name, a->role);
	if (ep < 0)
		return 10;
	sh->err_before = queue_op(ep, a->role);
	__atomic_store_n(&sh->ready, 1, __ATOMIC_RELEASE);
	if (st_wait_flag(&sh->go, WAIT_MS))
		return 11;
	sh->err_after = queue_op(ep, a->role);
	sh->ep_info_err = st_ep_info(ep, &info);
	sh->map_ioctl_err = st_ioctl(ep, SIPC_IOC_MAP, NULL);
	__atomic_store_n(&sh->done, 1, __ATOMIC_RELEASE);
	if (st_wait_flag(&sh->restored, WAIT_MS))
		return 12;
	sh->err_restored = queue_op(ep, a->role);
	return 0;
}

/* Fall asleep in SEND (queue full) or RECV (queue empty). */
static int blocked_child(void *arg)
{
	struct child_arg *a = arg;
	struct shm *sh = a->sh;
	struct sipc_msg m;
	int ep;

	ep = attach_role(a->name, a->role);
	if (ep < 0)
		return 10;
	if (a->role == SIPC_ROLE_SENDER) {
		/* Depth 1: the first message fills the queue. */
		if (st_send(ep, SIPC_MSG_NOOP, 0, 0, 0, NULL))
			return 11;
		__atomic_store_n(&sh->ready, 1, __ATOMIC_RELEASE);
		sh->err_after = st_send(ep, SIPC_MSG_NOOP, 0, 0, 0, NULL);
	} else {
		__atomic_store_n(&sh->ready, 1, __ATOMIC_RELEASE);
		sh->err_after = st_recv(ep, 0, &m);
	}
	__atomic_store_n(&sh->done, 1, __ATOMIC_RELEASE);
	return 0;
}

/* One pass over the mapping: the receiver checks, the sender writes. */
static void touch(volatile uint32_t *p, int role, struct shm *sh)
{
	size_t i;

	for (i = 0; i < WORDS; i++) {
		if (role == SIPC_ROLE_SENDER)
			p[i] = PATTERN(i);
		else if (p[i] != PATTERN(i))
			sh->bad_data++;
	}
}

/* Passes over a mapping, run under st_guarded(). */
struct passes {
	volatile uint32_t *p;
	int role;
	struct shm *sh;
	bool loop;		/* until the test sets sh->stop */
};

static void run_passes(void *arg)
{
	struct passes *ps = arg;

	do {
		touch(ps->p, ps->role, ps->sh);
		if (!ps->loop)
			return;
		__atomic_add_fetch(&ps->sh->iters, 1, __ATOMIC_RELEASE);
		__atomic_store_n(&ps->sh->ready, 1, __ATOMIC_RELEASE);
	} while (!__atomic_load_n(&ps->sh->stop, __ATOMIC_ACQUIRE));
}

/*
 * One pass: 1, or 2 for SIGBUS.  Another signal reads as the child's
 * death by it would, so it cannot pass for either.
 */
static int try_touch(volatile uint32_t *p, int role, struct shm *sh)
{
	struct passes ps = { .p = p, .role = role, .sh = sh };
	int sig = st_guarded(run_passes, &ps);

	if (sig && sig != SIGBUS)
		return ST_KILLED_BY(sig);
	return sig ? 2 : 1;
}

static int prot_of(int role)
{
	return role == SIPC_ROLE_SENDER ? PROT_READ | PROT_WRITE : PROT_READ;
}

/* Loop over the mapping until SIGBUS (or stop), then try again. */
static int map_loop_child(void *arg)
{
	struct child_arg *a = arg;
	struct shm *sh = a->sh;
	struct passes ps = { .role = a->role, .sh = sh, .loop = true };
	volatile uint32_t *p, *q;
	int ep, sig;

	st_guard_install();
	ep = attach_role(a->name, a->role);
	if (ep < 0)
		return 10;
	p = mmap(NULL, REGION, prot_of(a->role), MAP_SHARED, ep, 0);
	if (p == MAP_FAILED)
		return 11;
	ps.p = p;
	sh->pin_before = st_try_vmsplice((void *)p, 4096);
	sig = st_guarded(run_passes, &ps);
	if (!sig)
		return 3;
	if (sig != SIGBUS)
		return ST_KILLED_BY(sig);
	sh->sigbus_revoking = __atomic_load_n(&sh->revoking, __ATOMIC_ACQUIRE);
	sh->pin_after = st_try_vmsplice((void *)p, 4096);
	q = mmap(NULL, REGION, prot_of(a->role), MAP_SHARED, ep, 0);
	sh->revoked_map_err = q == MAP_FAILED ? -errno : 0;
	__atomic_store_n(&sh->sigbus, 1, __ATOMIC_RELEASE);
	if (st_wait_flag(&sh->restored, WAIT_MS))
		return 12;
	sh->old_access = try_touch(p, a->role, sh);
	q = mmap(NULL, REGION, prot_of(a->role), MAP_SHARED, ep, 0);
	sh->new_map_err = q == MAP_FAILED ? -errno : 0;
	if (q != MAP_FAILED)
		sh->new_access = try_touch(q, a->role, sh);
	return 0;
}

/* A fresh endpoint of the role: attach, queue op or mapping. */
static int fresh_endpoint_child(void *arg)
{
	struct child_arg *a = arg;
	volatile uint32_t *p;
	int ep;

	ep = attach_role(a->name, a->role);
	if (ep < 0)
		return 10;
	if (a->depth) {		/* the queue */
		return queue_op(ep, a->role) ? 11 : 0;
	}
	p = mmap(NULL, REGION, prot_of(a->role), MAP_SHARED, ep, 0);
	if (p == MAP_FAILED)
		return 12;
	return try_touch(p, a->role, a->sh) == 1 ? 0 : 13;
}

/* ---- the tests ---- */

FIXTURE(rv) {
	char name[SIPC_NAME_MAX];
	struct shm *sh;
	int peer;		/* the test's own endpoint of the other role */
	uint32_t *peer_map;
};

FIXTURE_VARIANT(rv) {
	enum method method;
	int role;
};

FIXTURE_VARIANT_ADD(rv, reload_sender) { .method = RELOAD, .role = SIPC_ROLE_SENDER };
FIXTURE_VARIANT_ADD(rv, reload_receiver) { .method = RELOAD, .role = SIPC_ROLE_RECEIVER };
FIXTURE_VARIANT_ADD(rv, bool_sender) { .method = BOOLEAN, .role = SIPC_ROLE_SENDER };
FIXTURE_VARIANT_ADD(rv, bool_receiver) { .method = BOOLEAN, .role = SIPC_ROLE_RECEIVER };
FIXTURE_VARIANT_ADD(rv, revoke_sender) { .method = REVOKE, .role = SIPC_ROLE_SENDER };
FIXTURE_VARIANT_ADD(rv, revoke_receiver) { .method = REVOKE, .role = SIPC_ROLE_RECEIVER };

FIXTURE_SETUP(rv)
{
	const char *why;

	self->peer = -1;
	ASSERT_EQ(0, st_se_baseline(&why)) TH_LOG("baseline: %s", why);
	st_pid_name(self->name, sizeof(self->name), "rv");
	self->sh = st_shared_alloc(sizeof(*self->sh));
	ASSERT_NE(NULL, self->sh);
}

FIXTURE_TEARDOWN(rv)
{
	if (self->peer_map)
		munmap(self->peer_map, REGION);
	if (self->peer >= 0)
		close(self->peer);
	st_cleanup(self->name);
}

/* The channel, by helper_a_t; the test attaches the other role itself. */
static int rv_channel(struct __test_metadata *_metadata,
		      FIXTURE_DATA(rv) *self, int role, int depth)
{
	struct child_arg a = { .name = self->name, .depth = depth };
	int other = role == SIPC_ROLE_SENDER ? SIPC_ROLE_RECEIVER :
					       SIPC_ROLE_SENDER;
	void *p;
	size_t i;

	if (st_run_in("helper_a_t", helper_create, &a))
		return -EPROTO;
	self->peer = attach_role(self->name, other);
	if (self->peer < 0)
		return self->peer;
	if (other != SIPC_ROLE_SENDER)
		return 0;
	p = mmap(NULL, REGION, PROT_READ | PROT_WRITE, MAP_SHARED,
		 self->peer, 0);
	if (p == MAP_FAILED)
		return -errno;
	self->peer_map = p;
	for (i = 0; i < WORDS; i++)
		self->peer_map[i] = PATTERN(i);
	return 0;
}

static void expect_avc(struct __test_metadata *_metadata, pid_t pid,
		       int role, unsigned int cmd)
{
	struct st_avc avc = {
		.pid = pid, .perm = "ioctl", .ioctlcmd = cmd,
		.stype = role_domain(role), .ttype = "helper_a_t",
		.tclass = "anon_inode",
	};
	char line[1024];
	int err = st_avc_wait(&avc, AVC_MS, line, sizeof(line));

	EXPECT_EQ(0, err) TH_LOG("no AVC { ioctl } ioctlcmd=%#x for pid %d",
				 cmd, pid);
	if (!err)
		TH_LOG("%s", strstr(line, "avc:"));
}

static unsigned int queue_cmd(int role)
{
	return role == SIPC_ROLE_SENDER ? 0xbd20 : 0xbd21;
}

/* The role's queue operation on an open endpoint. */
TEST_F(rv, queue_op_on_open_endpoint)
{
	struct child_arg a = { .name = self->name, .role = variant->role,
			       .sh = self->sh };
	struct shm *sh = self->sh;
	pid_t pid;
	int rc;

	ASSERT_EQ(0, rv_channel(_metadata, self, variant->role, 8));
	if (variant->role == SIPC_ROLE_RECEIVER) {
		/* Something to receive before and after. */
		ASSERT_EQ(0, st_send(self->peer, SIPC_MSG_NOOP, 0, 0, 0, NULL));
		ASSERT_EQ(0, st_send(self->peer, SIPC_MSG_NOOP, 0, 0, 0, NULL));
	}
	pid = st_spawn_in(role_domain(variant->role), open_endpoint_child, &a);
	ASSERT_EQ(0, st_wait_flag(&sh->ready, WAIT_MS));
	ASSERT_EQ(0, sh->err_before);

	ASSERT_EQ(0, take_away(variant->method, QUEUE, self->name, variant->role));
	__atomic_store_n(&sh->go, 1, __ATOMIC_RELEASE);
	ASSERT_EQ(0, st_wait_flag(&sh->done, WAIT_MS));
	EXPECT_EQ(-EACCES, sh->err_after);
	switch (variant->method) {
	case RELOAD:	/* policy B withdrew SEND / RECV only */
		EXPECT_EQ(0, sh->ep_info_err);
		EXPECT_EQ(0, sh->map_ioctl_err);
		expect_avc(_metadata, pid, variant->role, queue_cmd(variant->role));
		break;
	case BOOLEAN:	/* no ioctl at all */
		EXPECT_EQ(-EACCES, sh->ep_info_err);
		EXPECT_EQ(-EACCES, sh->map_ioctl_err);
		expect_avc(_metadata, pid, variant->role, queue_cmd(variant->role));
		break;
	case REVOKE:	/* the endpoint is dead */
		EXPECT_EQ(-EACCES, sh->ep_info_err);
		EXPECT_EQ(-EACCES, sh->map_ioctl_err);
		break;
	}

	ASSERT_EQ(0, give_back(variant->method));
	__atomic_store_n(&sh->restored, 1, __ATOMIC_RELEASE);
	rc = st_reap_or_kill(pid, WAIT_MS);
	ASSERT_EQ(0, rc);
	if (variant->method == REVOKE) {
		EXPECT_EQ(-EACCES, sh->err_restored);
		/* The role is free: a new endpoint works. */
		a.depth = 8;
		EXPECT_EQ(0, st_run_in(role_domain(variant->role),
				    fresh_endpoint_child, &a));
	} else {
		EXPECT_EQ(0, sh->err_restored);
	}
}

/* The role's queue operation asleep in the kernel wakes with EACCES. */
TEST_F(rv, blocked_op_wakes)
{
	struct child_arg a = { .name = self->name, .role = variant->role,
			       .sh = self->sh };
	struct shm *sh = self->sh;
	pid_t pid;

	ASSERT_EQ(0, rv_channel(_metadata, self, variant->role, 1));
	pid = st_spawn_in(role_domain(variant->role), blocked_child, &a);
	ASSERT_EQ(0, st_wait_flag(&sh->ready, WAIT_MS));
	ASSERT_EQ(0, st_wait_blocked(pid, ST_ANY_IOCTL, WAIT_MS));
	usleep(100 * 1000);
	ASSERT_EQ(0, __atomic_load_n(&sh->done, __ATOMIC_ACQUIRE))
		TH_LOG("the %s did not stay blocked", role_str(variant->role));
	/* A policy change that keeps its access wakes it to check again,
	 * and it goes back to sleep. */
	ASSERT_EQ(0, st_policy_load("A"));
	ASSERT_EQ(0, st_wait_blocked(pid, ST_ANY_IOCTL, WAIT_MS));
	usleep(100 * 1000);
	ASSERT_EQ(0, __atomic_load_n(&sh->done, __ATOMIC_ACQUIRE))
		TH_LOG("the %s woke from a change that kept its access: %s",
		       role_str(variant->role), strerror(-sh->err_after));

	ASSERT_EQ(0, take_away(variant->method, QUEUE, self->name, variant->role));
	ASSERT_EQ(0, st_reap_or_kill(pid, WAIT_MS)) TH_LOG("the %s did not wake",
						    role_str(variant->role));
	EXPECT_EQ(-EACCES, sh->err_after);
	if (variant->method != REVOKE)
		expect_avc(_metadata, pid, variant->role, queue_cmd(variant->role));
}

/*
 * A mapping used in a loop: no SIGBUS while access holds, SIGBUS once it
 * is taken away; once it is given back, the old mapping and a new one
 * work again (revoke: the endpoint stays dead, a new one works).
 */
TEST_F(rv, mapping_in_use)
{
	struct child_arg a = { .name = self->name, .role = variant->role,
			       .sh = self->sh };
	struct shm *sh = self->sh;
	long iters;
	pid_t pid;

	ASSERT_EQ(0, rv_channel(_metadata, self, variant->role, 1));
	pid = st_spawn_in(role_domain(variant->role), map_loop_child, &a);
	ASSERT_EQ(0, st_wait_flag(&sh->ready, WAIT_MS));
	/* Access holds: passes go on, and no SIGBUS. */
	iters = __atomic_load_n(&sh->iters, __ATOMIC_ACQUIRE);
	usleep(200 * 1000);
	ASSERT_LT(iters, __atomic_load_n(&sh->iters, __ATOMIC_ACQUIRE));
	ASSERT_EQ(0, waitpid(pid, NULL, WNOHANG));
	ASSERT_EQ(0, __atomic_load_n(&sh->sigbus, __ATOMIC_ACQUIRE));

	__atomic_store_n(&sh->revoking, 1, __ATOMIC_RELEASE);
	ASSERT_EQ(0, take_away(variant->method, MEMORY, self->name, variant->role));
	ASSERT_EQ(0, st_wait_flag(&sh->sigbus, WAIT_MS))
		TH_LOG("no SIGBUS after %ld passes", sh->iters);
	EXPECT_EQ(1, sh->sigbus_revoking);
	EXPECT_EQ(-EACCES, sh->revoked_map_err);
	/* No pin, before or after: nothing outlives the change. */
	EXPECT_EQ(-EFAULT, sh->pin_before);
	EXPECT_EQ(-EFAULT, sh->pin_after);
	TH_LOG("SIGBUS after %ld passes over the mapping", sh->iters);
	if (variant->method != REVOKE)
		expect_avc(_metadata, pid, variant->role, 0xbd23);

	ASSERT_EQ(0, give_back(variant->method));
	__atomic_store_n(&sh->restored, 1, __ATOMIC_RELEASE);
	ASSERT_EQ(0, st_reap_or_kill(pid, WAIT_MS));
	EXPECT_EQ(0, sh->bad_data);
	if (variant->method == REVOKE) {
		EXPECT_EQ(2, sh->old_access);
		EXPECT_EQ(-EACCES, sh->new_map_err);
		/* The role is free: a new endpoint maps and works. */
		a.depth = 0;
		EXPECT_EQ(0, st_run_in(role_domain(variant->role),
				    fresh_endpoint_child, &a));
	} else {
		EXPECT_EQ(1, sh->old_access);
		EXPECT_EQ(0, sh->new_map_err);
		EXPECT_EQ(1, sh->new_access);
	}
	EXPECT_EQ(0, sh->bad_data);
}

/* ------------------------------------------------------------------ */

FIXTURE(keep) {
	char name[SIPC_NAME_MAX];
	struct shm *sh;
	int peer;
	uint32_t *peer_map;
};

FIXTURE_SETUP(keep)
{
	const char *why;

	self->peer = -1;
	ASSERT_EQ(0, st_se_baseline(&why)) TH_LOG("baseline: %s", why);
	st_pid_name(self->name, sizeof(self->name), "keep");
	self->sh = st_shared_alloc(sizeof(*self->sh));
	ASSERT_NE(NULL, self->sh);
}

FIXTURE_TEARDOWN(keep)
{
	if (self->peer_map)
		munmap(self->peer_map, REGION);
	if (self->peer >= 0)
		close(self->peer);
	st_cleanup(self->name);
}

/* Minor faults of @pid (field 10 of /proc/PID/stat). */
static long minflt(pid_t pid)
{
	char path[64], buf[512], *p;
	long v = -1;
	FILE *f;
	int i;

	snprintf(path, sizeof(path), "/proc/%d/stat", pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fgets(buf, sizeof(buf), f)) {
		p = strrchr(buf, ')');
		/* after ")": state(3) ppid pgrp session tty tpgid flags minflt(10) */
		for (i = 2; p && i < 10; i++)
			p = strchr(p + 1, ' ');
		if (p)
			v = strtol(p + 1, NULL, 10);
	}
	fclose(f);
	return v;
}

/* Wait until the child made @n more passes; 0 or -ETIMEDOUT. */
static int more_passes(struct shm *sh, long n)
{
	long end = __atomic_load_n(&sh->iters, __ATOMIC_ACQUIRE) + n;
	int ms;

	for (ms = 0; ms < WAIT_MS; ms++) {
		if (__atomic_load_n(&sh->iters, __ATOMIC_ACQUIRE) >= end)
			return 0;
		usleep(1000);
	}
	return -ETIMEDOUT;
}

/*
 * Policy changes that keep MAP zap the mapping too (the module cannot
 * tell what changed), but the next fault maps it again: no SIGBUS, the
 * data still there, one more fault per change.
 */
TEST_F(keep, mapping_survives_changes_that_keep_map)
{
	struct child_arg a = { .name = self->name, .role = SIPC_ROLE_RECEIVER,
			       .sh = self->sh, .depth = 1 };
	struct shm *sh = self->sh;
	long f0, f1;
	pid_t pid;
	void *p;
	size_t i;

	ASSERT_EQ(0, st_run_in("helper_a_t", helper_create, &a));
	self->peer = attach_role(self->name, SIPC_ROLE_SENDER);
	ASSERT_LE(0, self->peer);
	p = mmap(NULL, REGION, PROT_READ | PROT_WRITE, MAP_SHARED, self->peer, 0);
	ASSERT_NE(MAP_FAILED, p);
	self->peer_map = p;
	for (i = 0; i < WORDS; i++)
		self->peer_map[i] = PATTERN(i);

	pid = st_spawn_in("receiver_a_t", map_loop_child, &a);
	ASSERT_EQ(0, st_wait_flag(&sh->ready, WAIT_MS));
	ASSERT_EQ(0, more_passes(sh, 100));
	f0 = minflt(pid);

	/* Policy B without SEND / RECV, but with MAP. */
	ASSERT_EQ(0, st_policy_load("noq"));
	ASSERT_EQ(0, more_passes(sh, 100));
	f1 = minflt(pid);
	EXPECT_LT(f0, f1) TH_LOG("no new fault after the reload: not zapped?");
	/* Policy A again; a boolean commit with no change. */
	ASSERT_EQ(0, st_policy_load("A"));
	ASSERT_EQ(0, more_passes(sh, 100));
	ASSERT_EQ(0, st_setbool("sipc_test_a_ioctl", 1));
	ASSERT_EQ(0, more_passes(sh, 100));

	__atomic_store_n(&sh->stop, 1, __ATOMIC_RELEASE);
	EXPECT_EQ(3, st_reap_or_kill(pid, WAIT_MS));
	EXPECT_EQ(0, sh->sigbus);
	EXPECT_EQ(0, sh->bad_data);
	EXPECT_FALSE(st_avc_any(pid));
}

TEST_HARNESS_MAIN
