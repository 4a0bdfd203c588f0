// SPDX-License-Identifier: GPL-2.0-only
/*
 * campaign_fuzz - ioctl fuzzer for /dev/sipc and its endpoints.
 *
 * SIPC_FUZZ_PROCS worker processes (default 4) share a small pool of
 * channel names, so that their creates, attaches, sends, revokes and
 * destroys collide.  Each call picks:
 *   - a descriptor: /dev/sipc, one of its endpoints (either role), a
 *     non-SIPC file, or a closed number;
 *   - a command: one of the defined ones, an undefined nr of type 0xBD, a
 *     defined nr with direction/size bits added, or a random number;
 *   - an argument: a struct filled with random and boundary values (size,
 *     flags, names, region sizes, depths, slots, message fields, user
 *     pointers inside it), placed at a good, misaligned, read-only,
 *     straddling, PROT_NONE, unmapped or kernel address, or inside a
 *     SIPC mapping (so that copying it faults into the module's own fault
 *     handler, or into a revoked mapping).
 * Now and then a worker maps an endpoint with random length, offset and
 * protection, touches it, tries to make a receiver mapping writable, and
 * closes descriptors.  A periodic timer breaks blocking calls (EINTR).
 *
 * What must hold: a SIPC command on a SIPC descriptor returns a
 * documented errno; a command of the wrong kind of descriptor, or one
 * with size/direction bits, is ENOTTY (EACCES on a revoked endpoint); a
 * receiver mapping never becomes writable; no page of a kept mapping can
 * be pinned (vmsplice, process_vm_readv: EFAULT in every state); no
 * worker dies.  Afterwards every channel is destroyed, the
 * counters in /sys/class/sipc/sipc are zero, and the module unloads and
 * loads again ($SIPC_KO, default /lib/sipc/sipc.ko).
 *
 * Limits are lowered for the run (max_region_size 256 KiB,
 * max_total_region 2 MiB, max_channels 6, fewer than the 8 names) so
 * that ENOSPC is reached often and pages stay cheap; they are restored
 * afterwards.
 *
 * Environment: SIPC_SEED, SIPC_FUZZ_CALLS (100000, the total; the test
 * fails below it), SIPC_FUZZ_PROCS (4), SIPC_FUZZ_SECS (200, time bound).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>

#include "campaign.h"

#define NAMES		8	/* shared channel names fz0..fz7 */
#define MAX_EPS		12	/* endpoints a worker keeps open */
#define MAX_MAPS	6	/* mappings a worker keeps */
#define PAGE		4096UL

static const unsigned long dev_cmds[] = {
	SIPC_IOC_VERSION, SIPC_IOC_CREATE, SIPC_IOC_DESTROY,
	SIPC_IOC_ATTACH_SENDER, SIPC_IOC_ATTACH_RECEIVER, SIPC_IOC_INFO,
	SIPC_IOC_LIST, SIPC_IOC_REVOKE,
};
static const unsigned long ep_cmds[] = {
	SIPC_IOC_VERSION, SIPC_IOC_SEND, SIPC_IOC_RECV, SIPC_IOC_EP_INFO,
	SIPC_IOC_MAP, SIPC_IOC_COMMIT, SIPC_IOC_RECV_NEXT,
};
#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Per worker, in memory shared with the parent. */
struct stats {
	long long calls;	/* ioctl calls made */
	long long ok;		/* ... that succeeded */
	long long attached;	/* endpoints obtained */
	long long maps;		/* mmap attempts */
	long long violations;	/* broken rules (details on stderr) */
	long long errnos[160];	/* failures by errno */
};

struct ep {
	int fd;
	int role;
	unsigned long region;	/* from EP_INFO, 0 if unknown */
};

struct map {
	unsigned char *p;
	size_t len;
	int role;
};

struct worker {
	struct camp_rng r;
	struct stats *st;
	int id, dev, dev_ro, devnull;
	struct ep eps[MAX_EPS];
	int neps;
	struct map maps[MAX_MAPS];
	int nmaps;
	unsigned char *arg;	/* read-write page, followed by ... */
	unsigned char *guard;	/* ... a PROT_NONE page */
	unsigned char *ro;	/* a read-only page */
	unsigned long max_region;
};

static void on_alarm(int sig)
{
	(void)sig;	/* only there to interrupt blocking calls */
}

static void violation(struct worker *w, const char *fmt, unsigned long cmd,
		      long a, long b)
{
	char msg[200];
	int n;

	w->st->violations++;
	if (w->st->violations <= 10) {
		/* One write per line: the workers share the console. */
		n = snprintf(msg, sizeof(msg), "# worker %d: ", w->id);
		n += snprintf(msg + n, sizeof(msg) - n, fmt, cmd, a, b);
		fprintf(stderr, "%s\n", msg);
	}
}

/* ---- random and boundary values ---- */

static __u32 pick_size(struct worker *w, __u32 ver0, __u32 ksize)
{
	static const __u32 odd[] = { 0, 1, 4, 7, 8, 0x1000, 0x1001, 0xffffffff };

	switch (camp_below(&w->r, 10)) {
	case 0: return odd[camp_below(&w->r, NELEM(odd))];
	case 1: return ver0 - 1 - (__u32)camp_below(&w->r, 4);
	case 2: return ver0;
	case 3: return ksize + 8 * (__u32)camp_below(&w->r, 64);
	case 4: return (__u32)camp_below(&w->r, 300);
	default: return ksize;
	}
}

static __u32 pick_flags(struct worker *w)
{
	switch (camp_below(&w->r, 6)) {
	case 0: return 1U << camp_below(&w->r, 32);
	case 1: return (__u32)camp_rand(&w->r);
	case 2: return (__u32)camp_below(&w->r, 4);
	default: return 0;
	}
}

static __u64 pick_u64(struct worker *w, __u64 max)
{
	static const __u64 odd[] = { 0, 1, 4095, 4096, 4097, 65536,
				     1ULL << 31, 1ULL << 32, 1ULL << 63, ~0ULL };

	switch (camp_below(&w->r, 6)) {
	case 0: return odd[camp_below(&w->r, NELEM(odd))];
	case 1: return max + camp_below(&w->r, 3) - 1;
	case 2: return camp_rand(&w->r);
	default: return camp_below(&w->r, max + 1);
	}
}

static __u32 pick_u32(struct worker *w, __u32 typical_max)
{
	static const __u32 odd[] = { 0, 1, 2, 63, 64, 65, 66, 0x7fffffff, 0xffffffff };

	if (camp_chance(&w->r, 30))
		return odd[camp_below(&w->r, NELEM(odd))];
	return (__u32)camp_below(&w->r, typical_max + 1);
}

static void pick_name(struct worker *w, char name[SIPC_NAME_MAX])
{
	unsigned int i, n;

	memset(name, 0, SIPC_NAME_MAX);
	switch (camp_below(&w->r, 12)) {
	case 0:		/* empty */
		return;
	case 1:		/* no NUL in 64 bytes */
		memset(name, 'x', SIPC_NAME_MAX);
		return;
	case 2:		/* longest valid */
		memset(name, 'y', SIPC_NAME_MAX - 1);
		return;
	case 3:		/* forbidden bytes */
		snprintf(name, SIPC_NAME_MAX, "fz/%u", (unsigned)camp_below(&w->r, NAMES));
		name[camp_below(&w->r, 3)] = "/ \x7f\x80\x01"[camp_below(&w->r, 5)];
		return;
	case 4:		/* random bytes */
		n = 1 + (unsigned int)camp_below(&w->r, SIPC_NAME_MAX);
		for (i = 0; i < n && i < SIPC_NAME_MAX; i++)
			name[i] = (char)camp_rand(&w->r);
		return;
	default:
		snprintf(name, SIPC_NAME_MAX, "fz%u", (unsigned)camp_below(&w->r, NAMES));
	}
}

/* A user pointer stored inside a struct (INFO's buffers, LIST's names). */
static __u64 pick_uptr(struct worker *w, __u32 *size)
{
	*size = pick_u32(w, 200);
	switch (camp_below(&w->r, 8)) {
	case 0: return 0;
	case 1: return (__u64)(unsigned long)w->ro;
	case 2: return (__u64)(unsigned long)w->guard;
	case 3: return 0xffff888000000000ULL;
	case 4: return (__u64)(unsigned long)(w->arg + PAGE - camp_below(&w->r, 64));
	default:
		*size = (__u32)camp_below(&w->r, 1024);
		return (__u64)(unsigned long)(w->arg + 2048);
	}
}

/* Fill buf with an argument for cmd; returns the bytes meaningful. */
static size_t fill_arg(struct worker *w, unsigned long cmd, unsigned char *buf,
		       unsigned long region)
{
	size_t len;

	memset(buf, 0, PAGE);
	switch (cmd) {
	case SIPC_IOC_VERSION: {
		struct sipc_version *v = (void *)buf;

		v->size = pick_size(w, SIPC_VERSION_SIZE_VER0, sizeof(*v));
		v->flags = pick_flags(w);
		v->reserved = camp_chance(&w->r, 10) ? 1 : 0;
		len = sizeof(*v);
		break;
	}
	case SIPC_IOC_CREATE: {
		struct sipc_create *c = (void *)buf;

		c->size = pick_size(w, SIPC_CREATE_SIZE_VER0, sizeof(*c));
		c->flags = camp_chance(&w->r, 20) ? pick_flags(w) : 0;
		c->region_size = pick_u64(w, w->max_region);
		if (camp_chance(&w->r, 50))
			c->region_size = PAGE * (1 + camp_below(&w->r, 8));
		c->queue_depth = pick_u32(w, 8);
		c->reserved = camp_chance(&w->r, 5);
		pick_name(w, c->name);
		c->slots = camp_chance(&w->r, 30) ? pick_u32(w, 8) : 0;
		c->reserved2 = camp_chance(&w->r, 5);
		len = sizeof(*c);
		break;
	}
	case SIPC_IOC_DESTROY:
	case SIPC_IOC_ATTACH_SENDER:
	case SIPC_IOC_ATTACH_RECEIVER:
	case SIPC_IOC_REVOKE: {
		struct sipc_channel_ref *r = (void *)buf;

		r->size = pick_size(w, SIPC_CHANNEL_REF_SIZE_VER0, sizeof(*r));
		r->flags = camp_chance(&w->r, 60) ? (__u32)camp_below(&w->r, 4) : pick_flags(w);
		if (cmd != SIPC_IOC_REVOKE && camp_chance(&w->r, 50))
			r->flags = SIPC_ATTACH_NONBLOCK;
		pick_name(w, r->name);
		len = sizeof(*r);
		break;
	}
	case SIPC_IOC_INFO: {
		struct sipc_info *in = (void *)buf;

		in->size = pick_size(w, SIPC_INFO_SIZE_VER0, sizeof(*in));
		in->flags = camp_chance(&w->r, 20) ? pick_flags(w) : 0;
		pick_name(w, in->name);
		in->context = pick_uptr(w, &in->context_size);
		in->label = pick_uptr(w, &in->label_size);
		in->reserved = camp_chance(&w->r, 5);
		in->reserved2 = camp_chance(&w->r, 5);
		len = sizeof(*in);
		break;
	}
	case SIPC_IOC_LIST: {
		struct sipc_list *l = (void *)buf;
		__u32 sz;

		l->size = pick_size(w, SIPC_LIST_SIZE_VER0, sizeof(*l));
		l->flags = camp_chance(&w->r, 20) ? pick_flags(w) : 0;
		l->names = pick_uptr(w, &sz);
		l->count = camp_chance(&w->r, 70) ? (__u32)camp_below(&w->r, 4) : pick_u32(w, 40);
		len = sizeof(*l);
		break;
	}
	case SIPC_IOC_SEND:
	case SIPC_IOC_RECV:
	case SIPC_IOC_COMMIT:
	case SIPC_IOC_RECV_NEXT: {
		struct sipc_msg *m = (void *)buf;

		m->size = pick_size(w, SIPC_MSG_SIZE_VER0, sizeof(*m));
		m->flags = camp_chance(&w->r, 75) ? SIPC_MSG_F_NONBLOCK : pick_flags(w);
		m->type = camp_chance(&w->r, 80) ? 1 + (__u32)camp_below(&w->r, 2) : pick_u32(w, 4);
		len = sizeof(*m);
		if (m->type == SIPC_MSG_NOOP && camp_chance(&w->r, 80))
			break;
		m->len = (__u32)pick_u64(w, region);
		m->offset = camp_chance(&w->r, 50) ? 0 : pick_u64(w, region);
		if (camp_chance(&w->r, 40) && region) {
			m->offset = camp_below(&w->r, region);
			m->len = (__u32)camp_below(&w->r, region - m->offset + 1);
		}
		break;
	}
	case SIPC_IOC_EP_INFO: {
		struct sipc_ep_info *e = (void *)buf;

		e->size = pick_size(w, SIPC_EP_INFO_SIZE_VER0, sizeof(*e));
		e->flags = camp_chance(&w->r, 20) ? pick_flags(w) : 0;
		e->reserved = camp_chance(&w->r, 5);
		len = sizeof(*e);
		break;
	}
	default:
		len = camp_below(&w->r, 256);
		for (size_t i = 0; i < len; i++)
			buf[i] = (unsigned char)camp_rand(&w->r);
		return len;
	}
	/* Now and then a non-zero byte past the struct (E2BIG territory). */
	if (camp_chance(&w->r, 5))
		buf[len + camp_below(&w->r, 64)] = 1;
	return len;
}

/* Where the argument goes: usually the good page, sometimes not. */
static void place_arg(struct worker *w, size_t len, unsigned long *cmd_arg)
{
	unsigned char *src = w->arg;
	size_t off;

	switch (camp_below(&w->r, 40)) {
	case 0: *cmd_arg = 0; return;
	case 1: *cmd_arg = (unsigned long)w->guard; return;
	case 2: *cmd_arg = 0x1000; return;			/* never mapped */
	case 3: *cmd_arg = 0xffff888000000000UL; return;	/* kernel */
	case 4: *cmd_arg = camp_rand(&w->r); return;
	case 5: case 6: case 7:		/* read-only copy: write-back faults */
		mprotect(w->ro, PAGE, PROT_READ | PROT_WRITE);
		memcpy(w->ro, src, len);
		mprotect(w->ro, PAGE, PROT_READ);
		*cmd_arg = (unsigned long)w->ro;
		return;
	case 8: case 9:			/* runs into the PROT_NONE page */
		off = PAGE - (len ? 1 + camp_below(&w->r, len) : 0);
		memmove(src + off, src, PAGE - off);
		*cmd_arg = (unsigned long)(src + off);
		return;
	case 12: case 13:		/* inside a SIPC mapping, maybe revoked */
		if (w->nmaps) {
			struct map *m = &w->maps[camp_below(&w->r, w->nmaps)];

			off = camp_below(&w->r, m->len);
			if (m->role == SIPC_ROLE_SENDER)
				st_poke(m->p + off, src, m->len - off < len ? m->len - off : len);
			*cmd_arg = (unsigned long)(m->p + off);
			return;
		}
		/* fall through */
	case 10: case 11:		/* misaligned */
		off = 1 + camp_below(&w->r, 7);
		memmove(src + off, src, len);
		*cmd_arg = (unsigned long)(src + off);
		return;
	default:
		*cmd_arg = (unsigned long)src;
		return;
	}
}

/* ---- descriptors and mappings ---- */

static void add_ep(struct worker *w, int fd, int role)
{
	struct sipc_ep_info ei;
	int i;

	w->st->attached++;
	if (w->neps == MAX_EPS) {
		i = (int)camp_below(&w->r, MAX_EPS);
		close(w->eps[i].fd);
		w->eps[i] = w->eps[--w->neps];
	}
	w->eps[w->neps].fd = fd;
	w->eps[w->neps].role = role;
	w->eps[w->neps].region = st_ep_info(fd, &ei) ? 0 : ei.region_size;
	w->neps++;
}

static void drop_map(struct worker *w, int i)
{
	munmap(w->maps[i].p, w->maps[i].len);
	w->maps[i] = w->maps[--w->nmaps];
}

/* mmap an endpoint with random parameters, touch it, maybe keep it. */
static void fuzz_mmap(struct worker *w)
{
	static const int prots[] = { PROT_READ, PROT_READ | PROT_WRITE,
				     PROT_WRITE, PROT_NONE,
				     PROT_READ | PROT_WRITE | PROT_EXEC };
	struct ep *e;
	size_t len, region;
	off_t off;
	int prot, flags;
	unsigned char *p;

	if (!w->neps)
		return;
	e = &w->eps[camp_below(&w->r, w->neps)];
	region = e->region ? e->region : PAGE;
	len = camp_chance(&w->r, 70) ? region : pick_u64(w, region + PAGE);
	off = camp_chance(&w->r, 80) ? 0 : (off_t)(PAGE * camp_below(&w->r, region / PAGE + 2));
	if (off && camp_chance(&w->r, 80) && (size_t)off < region)
		len = region - off;
	prot = prots[camp_below(&w->r, NELEM(prots))];
	if (camp_chance(&w->r, 70))
		prot = e->role == SIPC_ROLE_SENDER ? PROT_READ | PROT_WRITE : PROT_READ;
	flags = camp_chance(&w->r, 90) ? MAP_SHARED : MAP_PRIVATE;
	w->st->maps++;
	p = mmap(NULL, len, prot, flags, e->fd, off);
	if (p == MAP_FAILED)
		return;
	if (e->role == SIPC_ROLE_RECEIVER && (prot & PROT_WRITE) && flags == MAP_SHARED)
		violation(w, "receiver fd mapped writable (cmd %lx, len %ld, off %ld)",
			  0, (long)len, (long)off);
	/* A fault here is fine (revoked, beyond the region); a crash is not. */
	if (prot & PROT_READ) {
		st_probe(p, false);
		st_probe(p + len - 1, false);
	}
	if (prot & PROT_WRITE)
		st_probe(p, true);
	if (e->role == SIPC_ROLE_RECEIVER && flags == MAP_SHARED &&
	    mprotect(p, len, PROT_READ | PROT_WRITE) == 0)
		violation(w, "receiver mapping made writable by mprotect (%lx %ld %ld)",
			  0, (long)len, 0);
	if (w->nmaps < MAX_MAPS && camp_chance(&w->r, 50)) {
		w->maps[w->nmaps].p = p;
		w->maps[w->nmaps].len = len;
		w->maps[w->nmaps].role = e->role;
		w->nmaps++;
	} else {
		munmap(p, len);
	}
}

/*
 * Nothing may take a page reference through a region mapping, whatever
 * state the channel is in (mapped, revoked, destroyed): vmsplice and
 * process_vm_readv must fail with EFAULT, never succeed.
 */
static void try_pin(struct worker *w, const struct map *m)
{
	int r = st_try_vmsplice(m->p, PAGE);

	if (r != -EFAULT)
		violation(w, "vmsplice of a region page (cmd %lx): %ld", 0, r, 0);
	r = st_try_process_vm_readv(m->p, PAGE);
	/* ENOSYS: a kernel without CROSS_MEMORY_ATTACH has no such route. */
	if (r != -EFAULT && r != -ENOSYS)
		violation(w, "process_vm_readv of a region page (cmd %lx): %ld",
			  0, r, 0);
}

/* Touch a kept mapping: after revoke SIGBUS, after destroy still there. */
static void touch_map(struct worker *w)
{
	struct map *m;

	if (!w->nmaps)
		return;
	m = &w->maps[camp_below(&w->r, w->nmaps)];
	st_probe(m->p + PAGE * camp_below(&w->r, (m->len + PAGE - 1) / PAGE), false);
	if (m->role == SIPC_ROLE_SENDER)
		st_probe(m->p, true);
	if (camp_chance(&w->r, 30))
		try_pin(w, m);
	if (camp_chance(&w->r, 20))
		drop_map(w, (int)(m - w->maps));
}

/* ---- one call ---- */

/*
 * /dev/sipc commands, weighted: enough creates and attaches to keep live
 * endpoints around, destroys and revokes rare enough not to kill them all.
 */
static unsigned long pick_dev_cmd(struct worker *w)
{
	static const unsigned char weight[NELEM(dev_cmds)] = {
		/* VERSION CREATE DESTROY ATT_S ATT_R INFO LIST REVOKE */
		2, 6, 2, 6, 6, 3, 2, 1
	};
	unsigned int i, sum = 0, x;

	for (i = 0; i < NELEM(weight); i++)
		sum += weight[i];
	x = (unsigned int)camp_below(&w->r, sum);
	for (i = 0; x >= weight[i]; i++)
		x -= weight[i];
	return dev_cmds[i];
}

static bool errno_documented(int e)
{
	switch (e) {
	case EINVAL: case EFAULT: case E2BIG: case ENOTTY: case ENOENT:
	case EEXIST: case EBUSY: case ENOSPC: case ENOMEM: case EIDRM:
	case EACCES: case EAGAIN: case EINTR: case EPIPE: case EBADF:
	case EMFILE: case ENFILE:
		return true;
	}
	return false;
}

static void one_call(struct worker *w)
{
	unsigned long cmd, arg, region = 0;
	int fd, kind, role = 0, ret, e;
	size_t len;
	struct ep *ep = NULL;

	/* kind: 0 /dev/sipc, 1 endpoint, 2 other file, 3 closed number */
	switch (camp_below(&w->r, 20)) {
	case 0: kind = 2; fd = w->devnull; break;
	case 1: kind = 3; fd = 1000 + (int)camp_below(&w->r, 10); break;
	case 2: kind = 0; fd = w->dev_ro; break;
	default:
		if (w->neps && camp_chance(&w->r, 55)) {
			kind = 1;
			ep = &w->eps[camp_below(&w->r, w->neps)];
			fd = ep->fd;
			role = ep->role;
			region = ep->region;
		} else {
			kind = 0;
			fd = w->dev;
		}
	}

	switch (camp_below(&w->r, 20)) {
	case 0: case 1:		/* an undefined nr */
		cmd = _IO(SIPC_IOC_MAGIC, camp_below(&w->r, 256));
		break;
	case 2:			/* a defined nr with direction/size bits */
		cmd = _IOC(1 + camp_below(&w->r, 3), SIPC_IOC_MAGIC,
			   _IOC_NR(dev_cmds[camp_below(&w->r, NELEM(dev_cmds))]),
			   camp_below(&w->r, 256));
		break;
	case 3:			/* anything, but not the generic VFS ones */
		cmd = (__u32)camp_rand(&w->r);
		if (strchr("fTX\x94", (int)_IOC_TYPE(cmd)) || _IOC_TYPE(cmd) == 0)
			cmd = _IO(SIPC_IOC_MAGIC, 0x80);
		break;
	default:
		if (kind == 1 || (kind != 0 && camp_chance(&w->r, 50)))
			cmd = ep_cmds[camp_below(&w->r, NELEM(ep_cmds))];
		else
			cmd = pick_dev_cmd(w);
		if (camp_chance(&w->r, 5))	/* a command of the other kind */
			cmd = camp_chance(&w->r, 50) ? ep_cmds[camp_below(&w->r, NELEM(ep_cmds))] :
				dev_cmds[camp_below(&w->r, NELEM(dev_cmds))];
	}
	if (!region)
		region = PAGE * (1 + camp_below(&w->r, 8));
	len = fill_arg(w, cmd, w->arg, region);
	place_arg(w, len, &arg);

	ret = ioctl(fd, cmd, arg);
	e = errno;
	w->st->calls++;
	if (ret >= 0) {
		w->st->ok++;
		if (kind == 0 && (cmd == SIPC_IOC_ATTACH_SENDER || cmd == SIPC_IOC_ATTACH_RECEIVER))
			add_ep(w, ret, cmd == SIPC_IOC_ATTACH_SENDER ?
				   SIPC_ROLE_SENDER : SIPC_ROLE_RECEIVER);
		else if (ret != 0 && kind <= 1)
			violation(w, "cmd %#lx returned %ld on kind %ld", cmd, ret, kind);
	} else {
		w->st->errnos[e < 160 ? e : 0]++;
	}
	if (kind > 1)
		return;		/* not ours: any answer will do */
	if (_IOC_TYPE(cmd) != SIPC_IOC_MAGIC) {
		if (ret >= 0 || (e != ENOTTY && !(kind == 1 && e == EACCES)))
			violation(w, "foreign cmd %#lx: ret %ld errno %ld", cmd, ret, e);
		return;
	}
	if (ret < 0 && !errno_documented(e))
		violation(w, "cmd %#lx: undocumented errno %ld (kind %ld)", cmd, e, kind);
	/* Defined on this kind of descriptor, exactly as defined? */
	{
		const unsigned long *set = kind == 0 ? dev_cmds : ep_cmds;
		size_t n = kind == 0 ? NELEM(dev_cmds) : NELEM(ep_cmds), i;
		bool defined = false;

		for (i = 0; i < n; i++)
			defined |= set[i] == cmd;
		/* A revoked endpoint refuses everything but VERSION. */
		if (!defined && (ret >= 0 || (e != ENOTTY && !(kind == 1 && e == EACCES))))
			violation(w, "cmd %#lx not defined here: ret %ld errno %ld", cmd, ret, e);
		bool snd_cmd = cmd == SIPC_IOC_SEND || cmd == SIPC_IOC_COMMIT;
		bool rcv_cmd = cmd == SIPC_IOC_RECV || cmd == SIPC_IOC_RECV_NEXT;

		/* EBADF only for a command of the other role. */
		if (kind == 1 && ret < 0 && e == EBADF &&
		    !(snd_cmd && role == SIPC_ROLE_RECEIVER) &&
		    !(rcv_cmd && role == SIPC_ROLE_SENDER))
			violation(w, "cmd %#lx: EBADF for role %ld (%ld)", cmd, role, 0);
	}
	if (cmd == SIPC_IOC_VERSION && ret == 0 && arg == (unsigned long)w->arg &&
	    ((struct sipc_version *)w->arg)->api_version != SIPC_API_VERSION)
		violation(w, "VERSION: api %ld (%#lx %ld)",
			  ((struct sipc_version *)w->arg)->api_version, 0, 0);
}

static void worker_main(struct worker *w, long long calls, double deadline)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	struct itimerval it = { { 0, 10000 }, { 0, 10000 } };
	long long i;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGALRM, &sa, NULL);	/* no SA_RESTART: EINTR */
	setitimer(ITIMER_REAL, &it, NULL);
	for (i = 0; i < calls; i++) {
		if (!(i & 127) && camp_now() > deadline)
			break;
		one_call(w);
		switch (camp_below(&w->r, 100)) {
		case 0: case 1: fuzz_mmap(w); break;
		case 2: case 3: touch_map(w); break;
		case 4:
			if (w->neps) {
				int k = (int)camp_below(&w->r, w->neps);

				close(w->eps[k].fd);
				w->eps[k] = w->eps[--w->neps];
			}
			break;
		}
	}
}

static int spawn(struct stats *st, int id, long long calls, double deadline,
		 unsigned long max_region)
{
	struct worker w = { .st = st, .id = id, .max_region = max_region };
	unsigned char *pages;
	pid_t pid = st_fork();

	if (pid)
		return pid;
	camp_rng_init(&w.r, 100 + id);
	w.dev = st_dev_open();
	w.dev_ro = open(SIPC_DEVICE_PATH, O_RDONLY | O_CLOEXEC);
	w.devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
	pages = mmap(NULL, 3 * PAGE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (w.dev < 0 || w.dev_ro < 0 || w.devnull < 0 || pages == MAP_FAILED)
		_exit(2);
	w.arg = pages;
	w.guard = pages + PAGE;
	w.ro = pages + 2 * PAGE;
	mprotect(w.guard, PAGE, PROT_NONE);
	mprotect(w.ro, PAGE, PROT_READ);
	worker_main(&w, calls, deadline);
	_exit(0);
}

/* ---- afterwards: destroy, counters, unload, load ---- */

static const char *ko_path(void)
{
	const char *p = getenv("SIPC_KO");

	return p && *p ? p : ST_KO_DEFAULT;
}

static int unload_module(void)
{
	int i;

	/* Endpoint files are released by the last fput, maybe a moment later. */
	for (i = 0; i < 100; i++) {
		if (!syscall(SYS_delete_module, "sipc", O_NONBLOCK))
			return 0;
		if (errno != EWOULDBLOCK && errno != EBUSY && errno != EAGAIN)
			break;
		camp_usleep(50000);
	}
	return -errno;
}

static int load_module(void)
{
	int fd = open(ko_path(), O_RDONLY | O_CLOEXEC), ret, i;

	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, "", 0) ? -errno : 0;
	close(fd);
	for (i = 0; !ret && i < 200 && access(SIPC_DEVICE_PATH, F_OK); i++)
		camp_usleep(10000);
	return ret ? ret : access(SIPC_DEVICE_PATH, F_OK) ? -ENODEV : 0;
}

int main(void)
{
	long long calls = camp_count("SIPC_FUZZ_CALLS", 100000);
	int procs = (int)camp_env("SIPC_FUZZ_PROCS", 4), i, dead = 0, dev, n;
	double secs = (double)camp_env("SIPC_FUZZ_SECS", 200), t0, deadline;
	long long saved[3], total_calls = 0, total_ok = 0, viol = 0, att = 0, maps = 0;
	static const char *const params[3] = {
		"max_region_size", "max_total_region", "max_channels"
	};
	static const long long fuzz_val[3] = { 256 << 10, 2 << 20, 6 };
	struct st_counters zero = { 0, 0, 0 };
	struct stats *st;
	pid_t *pids;
	int ret;

	st_require_device();
	camp_init("campaign_fuzz", 0x5195f022);
	ksft_set_plan(5);
	if (procs < 1 || procs > 64)
		procs = 4;
	st = mmap(NULL, procs * sizeof(*st), PROT_READ | PROT_WRITE,
		  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	pids = calloc(procs, sizeof(*pids));
	if (st == MAP_FAILED || !pids)
		ksft_exit_fail_msg("out of memory\n");
	for (i = 0; i < 3; i++) {
		saved[i] = st_param_read(params[i]);
		if (saved[i] < 0 || st_param_write(params[i], fuzz_val[i]))
			ksft_exit_fail_msg("module parameter %s: %s\n", params[i],
					   strerror(saved[i] < 0 ? (int)-saved[i] : errno));
	}

	t0 = camp_now();
	deadline = t0 + secs;
	for (i = 0; i < procs; i++)
		pids[i] = spawn(&st[i], i, (calls + procs - 1) / procs, deadline,
				fuzz_val[0]);
	for (i = 0; i < procs; i++) {
		int left = (int)((deadline - camp_now()) * 1000) + 30000;

		ret = st_reap(pids[i], left > 0 ? left : 1);
		if (ret == -ETIMEDOUT) {
			ksft_print_msg("worker %d hung past the time bound; killed\n", i);
			st_kill(pids[i]);
		}
		if (ret) {
			ksft_print_msg("worker %d ended with %d\n", i, ret);
			dead++;
		}
		total_calls += st[i].calls;
		total_ok += st[i].ok;
		viol += st[i].violations;
		att += st[i].attached;
		maps += st[i].maps;
	}
	ksft_print_msg("%lld ioctl calls (%lld succeeded, %lld endpoints attached), %lld mmaps, %d processes, %.1f s\n",
		       total_calls, total_ok, att, maps, procs, camp_now() - t0);
	for (n = 1; n < 160; n++) {
		long long c = 0;

		for (i = 0; i < procs; i++)
			c += st[i].errnos[n];
		if (c)
			ksft_print_msg("  %-7s %lld\n",
				       strerrorname_np(n) ? strerrorname_np(n) : "?", c);
	}
	ksft_print_msg("FIGURE fuzz_calls=%lld violations=%lld\n", total_calls, viol);
	ksft_test_result(viol == 0 && total_calls >= calls,
			 "fuzz: %lld calls (want >= %lld), %lld rule violations\n",
			 total_calls, calls, viol);
	ksft_test_result(dead == 0, "fuzz: every worker ended normally\n");

	for (i = 0; i < 3; i++)
		st_param_write(params[i], saved[i]);
	dev = st_dev_open();
	n = dev >= 0 ? camp_destroy_all(dev) : 0;
	if (dev >= 0)
		close(dev);
	ksft_print_msg("destroyed %d channels left by the workers\n", n);
	ksft_test_result(dev >= 0 && camp_counters_back(&zero, 10000, "after fuzz"),
			 "fuzz: all channels destroyed, counters back to zero\n");
	ret = unload_module();
	if (ret)
		ksft_print_msg("delete_module(sipc): %s\n", strerror(-ret));
	ksft_test_result(ret == 0, "fuzz: module unloads cleanly\n");
	ret = load_module();
	if (ret)
		ksft_print_msg("finit_module(%s): %s\n", ko_path(), strerror(-ret));
	ksft_test_result(ret == 0, "fuzz: module loads again\n");
	ksft_finished();
}
