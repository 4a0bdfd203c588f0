// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_gen.c - random calls for the model-based fuzzer, and how to print
 * them.
 *
 * Most calls are valid and aimed at what exists (the model says which
 * channels, descriptors and mappings there are), so that the channels get
 * deep into their states; about one in four has one field made wrong:
 * size, flags, reserved fields, a non-zero tail, a bad name, an id where
 * none belongs, an out-of-range value, or an argument placed where the
 * kernel cannot read or write it.
 */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

#include "fuzz_call.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

const char *const fz_param_names[3] = {
	"max_region_size", "max_total_region", "max_channels"
};

static const unsigned long fz_dev_cmds[] = {
	SIPC_IOC_VERSION, SIPC_IOC_CREATE, SIPC_IOC_DESTROY,
	SIPC_IOC_ATTACH_SENDER, SIPC_IOC_ATTACH_RECEIVER, SIPC_IOC_INFO,
	SIPC_IOC_LIST, SIPC_IOC_REVOKE,
};

static const unsigned long fz_ep_cmds[] = {
	SIPC_IOC_VERSION, SIPC_IOC_SEND, SIPC_IOC_RECV, SIPC_IOC_EP_INFO,
	SIPC_IOC_MAP, SIPC_IOC_COMMIT, SIPC_IOC_RECV_NEXT,
};

static unsigned int pick_w(struct camp_rng *r, const unsigned char *w,
			   unsigned int n)
{
	unsigned int i, sum = 0, x;

	for (i = 0; i < n; i++)
		sum += w[i];
	x = (unsigned int)camp_below(r, sum);
	for (i = 0; x >= w[i]; i++)
		x -= w[i];
	return i;
}

/* Entry e is in use (the bool at its start), of process proc if proc_off >= 0. */
static bool in_use(const char *e, long proc_off, int proc)
{
	int pr;

	if (!*(const bool *)e)
		return false;
	if (proc_off < 0)
		return true;
	memcpy(&pr, e + proc_off, sizeof(pr));
	return pr == proc;
}

/* A random one of the n entries in use; -1 if none. */
static int pick_in_use(struct camp_rng *r, const void *base, size_t stride,
		       int n, long proc_off, int proc)
{
	const char *p = base;
	int i, cnt = 0, k;

	for (i = 0; i < n; i++)
		cnt += in_use(p + i * stride, proc_off, proc);
	if (!cnt)
		return -1;
	k = (int)camp_below(r, cnt);
	for (i = 0; i < n; i++)
		if (in_use(p + i * stride, proc_off, proc) && !k--)
			return i;
	return -1;
}

static int pick_fd(const struct fm_model *m, struct camp_rng *r, int proc)
{
	return pick_in_use(r, m->fd, sizeof(m->fd[0]), FM_FDS,
			   offsetof(struct fm_fd, proc), proc);
}

static int pick_map(const struct fm_model *m, struct camp_rng *r, int proc)
{
	return pick_in_use(r, m->map, sizeof(m->map[0]), FM_MAPS,
			   offsetof(struct fm_map, proc), proc);
}

static int count_free(const bool *alive, size_t stride, int n)
{
	int i, f = 0;

	for (i = 0; i < n; i++)
		f += !*(const bool *)((const char *)alive + i * stride);
	return f;
}

/* A channel alive (named or held), or -1. */
static int pick_chan(const struct fm_model *m, struct camp_rng *r)
{
	return pick_in_use(r, m->ch, sizeof(m->ch[0]), FM_CHANS, -1, 0);
}

/* "fz0".."fz5", without snprintf: it is the fuzzer's own hot path. */
static void pool_name(struct camp_rng *r, char name[SIPC_NAME_MAX])
{
	name[0] = 'f';
	name[1] = 'z';
	name[2] = (char)('0' + camp_below(r, FZ_NAMES));
	name[3] = 0;
}

static void pick_name(const struct fm_model *m, struct camp_rng *r,
		      char name[SIPC_NAME_MAX], bool bad)
{
	int c;

	memset(name, 0, SIPC_NAME_MAX);
	if (bad) {
		switch (camp_below(r, 5)) {
		case 0:		/* empty */
			return;
		case 1:		/* no NUL in 64 bytes */
			memset(name, 'x', SIPC_NAME_MAX);
			return;
		case 2:		/* forbidden byte */
			pool_name(r, name);
			name[camp_below(r, 3)] = "/ \x7f\x80\x01"[camp_below(r, 5)];
			return;
		case 3:		/* longest valid: one more name in the pool */
			memset(name, 'y', SIPC_NAME_MAX - 1);
			return;
		default:	/* bytes after the NUL are ignored */
			pool_name(r, name);
			name[5] = 'q';
			return;
		}
	}
	c = pick_chan(m, r);
	if (c >= 0 && m->ch[c].named && camp_chance(r, 70)) {
		memcpy(name, m->ch[c].name, SIPC_NAME_MAX);
		return;
	}
	pool_name(r, name);
}

static uint32_t odd_size(struct camp_rng *r, uint32_t ver0, uint32_t ksize)
{
	static const uint32_t odd[] = { 0, 1, 3, 4, 8, 4096, 4097, 0xffffffff };

	switch (camp_below(r, 5)) {
	case 0: return odd[camp_below(r, NELEM(odd))];
	case 1: return ver0 - 1 - (uint32_t)camp_below(r, 4);
	case 2: return ver0;
	default: return ksize + 8 * (uint32_t)camp_below(r, 8);
	}
}

static uint64_t odd_u64(struct camp_rng *r)
{
	static const uint64_t odd[] = { 0, 1, 4095, 4096, 4097, 65536,
					1ULL << 31, 1ULL << 32, 1ULL << 63, ~0ULL };

	return camp_chance(r, 70) ? odd[camp_below(r, NELEM(odd))] : camp_rand(r);
}

/* The size and flags words every argument struct starts with. */
static void set_head(struct fz_call *c, uint32_t size, uint32_t flags)
{
	memcpy(c->arg, &size, 4);
	memcpy(c->arg + 4, &flags, 4);
}

static void gen_create(const struct fm_model *m, struct camp_rng *r,
		       struct sipc_create *cr)
{
	uint64_t pages = 1 + camp_below(r, 8);

	cr->region_size = pages * FM_PAGE - (camp_chance(r, 30) ? camp_below(r, FM_PAGE) : 0);
	if (camp_chance(r, 10))
		cr->region_size = m->lim.max_region + camp_below(r, 3) - 1;
	cr->queue_depth = camp_chance(r, 50) ? 0 : 1 + (uint32_t)camp_below(r, 4);
	if (camp_chance(r, 30)) {
		cr->slots = 2 + (uint32_t)camp_below(r, 4);
		if (camp_chance(r, 70))
			cr->queue_depth = camp_chance(r, 50) ? 0 : cr->slots - 1;
	}
	if (camp_chance(r, 35))
		cr->flags = SIPC_CREATE_SEALED;
	pick_name(m, r, cr->name, false);
}

static void gen_msg(const struct fm_model *m, struct camp_rng *r, int ep,
		    struct sipc_msg *msg, bool commit)
{
	const struct fm_chan *ch = ep >= 0 ? &m->ch[m->ep[ep].ch] : NULL;
	uint64_t region = ch ? ch->region_size : FM_PAGE;

	msg->flags = camp_chance(r, 85) ? SIPC_MSG_F_NONBLOCK : 0;
	msg->type = camp_chance(r, 60) ? SIPC_MSG_DATA_READY : SIPC_MSG_NOOP;
	if (commit)
		msg->type = camp_chance(r, 50) ? SIPC_MSG_DATA_READY : 0;
	if (msg->type == SIPC_MSG_NOOP)
		return;
	if (commit && ch && ch->slots > 1) {
		msg->offset = ch->slot_size * camp_below(r, ch->slots);
		msg->len = (uint32_t)camp_below(r, ch->slot_size + 1);
		return;
	}
	msg->offset = camp_below(r, region);
	msg->len = (uint32_t)camp_below(r, region - msg->offset + 1);
	if (camp_chance(r, 20))
		msg->offset = 0, msg->len = (uint32_t)region;
}

/* Fill c->arg with a valid struct for cmd; returns its kernel size. */
static uint32_t gen_valid(const struct fm_model *m, struct camp_rng *r,
			  struct fz_call *c, int ep)
{
	void *a = c->arg;
	int ch;

	switch (c->cmd) {
	case SIPC_IOC_VERSION:
		return SIPC_VERSION_SIZE_VER0;
	case SIPC_IOC_CREATE:
		gen_create(m, r, a);
		return camp_chance(r, 10) ? SIPC_CREATE_SIZE_VER0 : FM_CREATE_SIZE;
	case SIPC_IOC_DESTROY:
	case SIPC_IOC_REVOKE:
	case SIPC_IOC_INFO:
	case SIPC_IOC_ATTACH_SENDER:
	case SIPC_IOC_ATTACH_RECEIVER: {
		struct sipc_channel_ref *ref = a;
		bool attach = c->cmd == SIPC_IOC_ATTACH_SENDER ||
			      c->cmd == SIPC_IOC_ATTACH_RECEIVER;
		uint32_t flags = 0;

		if (c->cmd == SIPC_IOC_REVOKE)
			flags = 1 + (uint32_t)camp_below(r, 3);
		else if (c->cmd == SIPC_IOC_DESTROY && camp_chance(r, 40))
			flags = SIPC_DESTROY_REVOKE;
		else if (attach)
			flags = (uint32_t)camp_below(r, 4);
		ch = pick_chan(m, r);
		if (!attach && camp_chance(r, 35)) {
			flags |= SIPC_REF_BY_ID;
			c->idref = ch >= 0 ? 1 + m->ch[ch].handle :
				   1 + (uint32_t)camp_below(r, 1000);
		} else {
			pick_name(m, r, c->cmd == SIPC_IOC_INFO ?
				  ((struct sipc_info *)a)->name : ref->name, false);
		}
		if (c->cmd == SIPC_IOC_INFO) {
			struct sipc_info *in = a;

			in->flags = flags;
			in->context = camp_chance(r, 80) ? UP_BUF : camp_below(r, 4);
			in->context_size = (uint32_t)camp_below(r, FM_STR + 8);
			in->label = camp_chance(r, 80) ? UP_BUF : camp_below(r, 4);
			in->label_size = (uint32_t)camp_below(r, FM_STR + 8);
			if (!(flags & SIPC_REF_BY_ID) && camp_chance(r, 20))
				in->id = camp_rand(r);	/* ignored by name */
			return camp_chance(r, 10) ? SIPC_INFO_SIZE_VER0 : FM_INFO_SIZE;
		}
		ref->flags = flags;
		return camp_chance(r, 10) && !(flags & SIPC_REF_BY_ID) ?
		       SIPC_CHANNEL_REF_SIZE_VER0 : FM_REF_SIZE;
	}
	case SIPC_IOC_LIST: {
		struct sipc_list *l = a;

		l->count = (uint32_t)camp_below(r, 8);
		l->names = l->count ? UP_BUF : UP_NONE;
		if (camp_chance(r, 10))
			l->names = camp_below(r, 4);
		return sizeof(*l);
	}
	case SIPC_IOC_SEND:
	case SIPC_IOC_RECV:
	case SIPC_IOC_COMMIT:
	case SIPC_IOC_RECV_NEXT:
		if (c->cmd == SIPC_IOC_SEND || c->cmd == SIPC_IOC_COMMIT)
			gen_msg(m, r, ep, a, c->cmd == SIPC_IOC_COMMIT);
		else
			((struct sipc_msg *)a)->flags =
				camp_chance(r, 80) ? SIPC_MSG_F_NONBLOCK : 0;
		return SIPC_MSG_SIZE_VER0;
	case SIPC_IOC_EP_INFO:
		return camp_chance(r, 10) ? SIPC_EP_INFO_SIZE_VER0 : FM_EP_INFO_SIZE;
	default:
		return 8;
	}
}

/* Make one thing wrong with it. */
static void gen_break(const struct fm_model *m, struct camp_rng *r,
		      struct fz_call *c, uint32_t ver0, uint32_t ksize)
{
	uint32_t size, flags;
	uint64_t v;
	unsigned int off;

	memcpy(&size, c->arg, 4);
	memcpy(&flags, c->arg + 4, 4);
	switch (camp_below(r, 8)) {
	case 0:
		size = odd_size(r, ver0, ksize);
		break;
	case 1:		/* a non-zero byte in the tail */
		size = ksize + 8 + 8 * (uint32_t)camp_below(r, 4);
		c->arg[ksize + camp_below(r, size - ksize)] = 1;
		break;
	case 2:
		flags ^= 1U << camp_below(r, 32);
		break;
	case 3:		/* any byte of the struct */
		off = 8 + (unsigned int)camp_below(r, ksize - 8);
		c->arg[off] = (uint8_t)camp_rand(r);
		break;
	case 4:		/* a 64-bit field at random */
		off = 8 + 8 * (unsigned int)camp_below(r, (ksize - 8) / 8);
		v = odd_u64(r);
		memcpy(c->arg + off, &v, 8);
		break;
	case 5:		/* a name gone bad */
		off = c->cmd == SIPC_IOC_CREATE ? 24 : 8;
		if (ksize >= off + SIPC_NAME_MAX)
			pick_name(m, r, (char *)c->arg + off, true);
		break;
	case 6:		/* a 32-bit field at random */
		off = 8 + 4 * (unsigned int)camp_below(r, (ksize - 8) / 4);
		v = camp_chance(r, 50) ? 1U << camp_below(r, 32) : camp_below(r, 70);
		memcpy(c->arg + off, &v, 4);
		break;
	default:	/* where it lives */
		c->place = 1 + (uint8_t)camp_below(r, PL_NPLACES - 1);
		break;
	}
	memcpy(c->arg, &size, 4);
	memcpy(c->arg + 4, &flags, 4);
}

static void gen_ioctl(const struct fm_model *m, struct camp_rng *r,
		      struct fz_call *c, int ep)
{
	uint32_t ksize, ver0;

	memset(c->arg, 0, sizeof(c->arg));
	ksize = gen_valid(m, r, c, ep);
	ver0 = c->cmd == SIPC_IOC_CREATE ? SIPC_CREATE_SIZE_VER0 :
	       c->cmd == SIPC_IOC_INFO ? SIPC_INFO_SIZE_VER0 :
	       c->cmd == SIPC_IOC_EP_INFO ? SIPC_EP_INFO_SIZE_VER0 :
	       c->cmd == SIPC_IOC_DESTROY || c->cmd == SIPC_IOC_REVOKE ||
	       c->cmd == SIPC_IOC_ATTACH_SENDER ||
	       c->cmd == SIPC_IOC_ATTACH_RECEIVER ? SIPC_CHANNEL_REF_SIZE_VER0 :
	       ksize;
	{
		uint32_t flags;

		memcpy(&flags, c->arg + 4, 4);
		set_head(c, ksize, flags);
	}
	c->argsize = (uint16_t)(ksize + 40);
	c->place = PL_GOOD;
	c->pos = (uint32_t)(camp_chance(r, 80) ? 0 : camp_below(r, 8));
	if (camp_chance(r, 25))
		gen_break(m, r, c, ver0, ksize < 16 ? 16 : ksize);
	if (c->place == PL_STRADDLE)
		c->pos = 1 + (uint32_t)camp_below(r, ksize + 8);
	else if (c->place != PL_GOOD && c->place != PL_RO)
		c->pos = 0;
}

/*
 * An argument inside a region mapping: one the worker can write (a live
 * sender mapping with PROT_WRITE: the kernel's copy faults into the
 * module's fault handler) or a revoked one (the copy gets SIGBUS: EFAULT).
 */
static void gen_in_map(const struct fm_model *m, struct camp_rng *r,
		       struct fz_call *c, int mp)
{
	const struct fm_map *map = mp >= 0 ? &m->map[mp] : NULL;
	const struct fm_ep *ep = map ? &m->ep[map->ep] : NULL;

	if (c->place != PL_MAP)
		return;
	if (!map || !(ep->revoked || (ep->role == SIPC_ROLE_SENDER &&
				      (map->prot & PROT_WRITE)))) {
		c->place = PL_GOOD;
		return;
	}
	c->a = map->handle;
	c->b = camp_below(r, (map->len + FM_PAGE - 1) / FM_PAGE);
	c->pos = 0;
}

void fz_gen(const struct fm_model *m, struct camp_rng *r, int actor, int proc,
	    uint32_t step, struct fz_call *c)
{
	static const unsigned char w_ops[FZ_NOPS] = {
		/* DEV EP CLOSE DUP MMAP MUNMAP READ WRITE MPROT PIN POLL NONBL PARAM */
		36, 40, 3, 1, 4, 2, 4, 4, 1, 1, 3, 2, 1
	};
	static const unsigned char w_dev[NELEM(fz_dev_cmds) + 1] = {
		/* VERSION CREATE DESTROY ATT_S ATT_R INFO LIST REVOKE other */
		1, 14, 4, 12, 12, 8, 3, 4, 2
	};
	static const unsigned char w_ep[NELEM(fz_ep_cmds) + 1] = {
		/* VERSION SEND RECV EP_INFO MAP COMMIT RECV_NEXT other */
		1, 22, 22, 4, 2, 6, 8, 2
	};
	int fd = pick_fd(m, r, proc), mp = pick_map(m, r, proc), i;
	bool eps_free = count_free(&m->ep[0].alive, sizeof(m->ep[0]), FM_EPS) > 2 &&
			count_free(&m->fd[0].open, sizeof(m->fd[0]), FM_FDS) > 2;
	int proc_fds = 0;

	for (i = 0; i < FM_FDS; i++)
		proc_fds += m->fd[i].open && m->fd[i].proc == proc;
	/* Mostly endpoints that still work: revoked ones only say EACCES. */
	for (i = 0; i < 3 && fd >= 0 && m->ep[m->fd[fd].ep].revoked &&
		    camp_chance(r, 70); i++)
		fd = pick_fd(m, r, proc);
	memset(c, 0, sizeof(*c));
	c->step = step;
	c->actor = (uint16_t)actor;
	for (;;) {
		c->op = (uint8_t)pick_w(r, w_ops, FZ_NOPS);
		if (c->op == FZ_DEV || c->op == FZ_PARAM)
			break;
		if ((c->op == FZ_EP || c->op == FZ_CLOSE || c->op == FZ_POLL ||
		     c->op == FZ_NONBLOCK) && fd >= 0)
			break;
		if (c->op == FZ_DUP && fd >= 0 && eps_free && proc_fds < 12)
			break;
		if (c->op == FZ_MMAP && fd >= 0 &&
		    count_free(&m->map[0].live, sizeof(m->map[0]), FM_MAPS) > 2)
			break;
		if (c->op >= FZ_MUNMAP && c->op <= FZ_PIN && mp >= 0)
			break;
	}
	if (fd >= 0)
		c->target = m->fd[fd].handle;
	switch (c->op) {
	case FZ_DEV:
		i = (int)pick_w(r, w_dev, NELEM(w_dev));
		if (i == (int)NELEM(fz_dev_cmds)) {
			/* undefined nr, size/direction bits, an endpoint command */
			unsigned int nr = _IOC_NR(fz_dev_cmds[camp_below(r, NELEM(fz_dev_cmds))]);

			switch (camp_below(r, 3)) {
			case 0:
				c->cmd = _IO(SIPC_IOC_MAGIC, camp_below(r, 256));
				break;
			case 1:
				c->cmd = _IOC(1 + camp_below(r, 3), SIPC_IOC_MAGIC, nr,
					      camp_below(r, 256));
				break;
			default:
				c->cmd = fz_ep_cmds[1 + camp_below(r, NELEM(fz_ep_cmds) - 1)];
			}
		} else {
			c->cmd = fz_dev_cmds[i];
		}
		if ((c->cmd == SIPC_IOC_ATTACH_SENDER || c->cmd == SIPC_IOC_ATTACH_RECEIVER) &&
		    (!eps_free || proc_fds >= 12))
			c->cmd = SIPC_IOC_INFO;
		gen_ioctl(m, r, c, -1);
		gen_in_map(m, r, c, mp);
		break;
	case FZ_EP:
		i = (int)pick_w(r, w_ep, NELEM(w_ep));
		if (i == (int)NELEM(fz_ep_cmds))
			c->cmd = camp_chance(r, 50) ? _IO(SIPC_IOC_MAGIC, 0x26 + camp_below(r, 200)) :
				 fz_dev_cmds[1 + camp_below(r, NELEM(fz_dev_cmds) - 1)];
		else
			c->cmd = fz_ep_cmds[i];
		/* Mostly the command of the endpoint's role. */
		if (camp_chance(r, 85) && m->ep[m->fd[fd].ep].role == SIPC_ROLE_RECEIVER) {
			if (c->cmd == SIPC_IOC_SEND)
				c->cmd = SIPC_IOC_RECV;
			else if (c->cmd == SIPC_IOC_COMMIT)
				c->cmd = SIPC_IOC_RECV_NEXT;
		} else if (camp_chance(r, 85)) {
			if (c->cmd == SIPC_IOC_RECV)
				c->cmd = SIPC_IOC_SEND;
			else if (c->cmd == SIPC_IOC_RECV_NEXT)
				c->cmd = SIPC_IOC_COMMIT;
		}
		gen_ioctl(m, r, c, m->fd[fd].ep);
		gen_in_map(m, r, c, mp);
		break;
	case FZ_MMAP: {
		static const int prots[] = { PROT_READ, PROT_READ | PROT_WRITE, PROT_NONE };
		const struct fm_chan *ch = &m->ch[m->ep[m->fd[fd].ep].ch];
		uint64_t pages = ch->region_size / FM_PAGE, pg;
		int prot;

		pg = camp_chance(r, 70) ? 0 : camp_below(r, pages + 1);
		c->a = camp_chance(r, 70) ? (pages - (pg < pages ? pg : pages)) * FM_PAGE :
		       1 + camp_below(r, (pages + 1) * FM_PAGE);
		if (!c->a && camp_chance(r, 90))
			c->a = FM_PAGE;
		c->b = pg * FM_PAGE;
		prot = prots[camp_below(r, NELEM(prots))];
		if (camp_chance(r, 70))
			prot = m->ep[m->fd[fd].ep].role == SIPC_ROLE_SENDER ?
			       PROT_READ | PROT_WRITE : PROT_READ;
		c->c = (uint64_t)prot | (uint64_t)(camp_chance(r, 92) ? MAP_SHARED : MAP_PRIVATE) << 8;
		break;
	}
	case FZ_MUNMAP:
	case FZ_READ:
	case FZ_WRITE:
	case FZ_MPROTECT:
	case FZ_PIN:
		c->target = m->map[mp].handle;
		c->a = camp_below(r, 64);
		c->b = camp_below(r, FM_SPOTS);
		c->c = 1 + camp_below(r, 255);
		if (c->op == FZ_MPROTECT)
			c->a = camp_chance(r, 50) ? PROT_READ : PROT_READ | PROT_WRITE;
		break;
	case FZ_NONBLOCK:
		c->a = camp_chance(r, 50);
		break;
	case FZ_PARAM: {
		static const uint64_t region[] = { 4096, 8191, 16384, 65536, 256 << 10 };
		static const uint64_t total[] = { 0, 8192, 65536, 1 << 20, 2 << 20 };

		c->a = camp_below(r, 3);
		c->b = c->a == 0 ? region[camp_below(r, NELEM(region))] :
		       c->a == 1 ? total[camp_below(r, NELEM(total))] :
		       camp_below(r, 9);
		/* Half the time back to the run's value, so limits come and go. */
		if (camp_chance(r, 50))
			c->b = c->a == 0 ? 256 << 10 : c->a == 1 ? 2 << 20 : 6;
		break;
	}
	default:
		break;
	}
}

/*
 * Calls that failed or only read leave the module as it was (a few
 * exceptions below); the shrinker tries leaving them all out first.
 */
bool fz_has_effect(const struct fz_call *c)
{
	switch (c->op) {
	case FZ_DEV:
	case FZ_EP:
		if (c->place == PL_MAP)
			return true;	/* the argument was written into the region */
		if (c->cmd == SIPC_IOC_RECV_NEXT)
			return true;	/* drops NOOPs even when it fails */
		if (c->res < 0)
			return false;
		return c->cmd != SIPC_IOC_VERSION && c->cmd != SIPC_IOC_INFO &&
		       c->cmd != SIPC_IOC_LIST && c->cmd != SIPC_IOC_EP_INFO &&
		       c->cmd != SIPC_IOC_MAP;
	case FZ_MMAP:
	case FZ_MPROTECT:
	case FZ_DUP:
		return c->res >= 0;
	case FZ_READ:
	case FZ_PIN:
	case FZ_POLL:
		return false;
	default:
		return true;
	}
}

/* ---- printing ---- */

struct fz_fieldname {
	unsigned long cmd;
	unsigned int off;
	const char *name;
};

static const struct fz_fieldname fz_fields[] = {
	{ 0, 0, "size" }, { 0, 4, "flags" },
	{ SIPC_IOC_VERSION, 8, "api_version" }, { SIPC_IOC_VERSION, 12, "reserved" },
	{ SIPC_IOC_VERSION, 16, "features" }, { SIPC_IOC_VERSION, 24, "ioctls" },
	{ SIPC_IOC_CREATE, 8, "region_size" }, { SIPC_IOC_CREATE, 16, "queue_depth" },
	{ SIPC_IOC_CREATE, 20, "reserved" }, { SIPC_IOC_CREATE, 24, "name" },
	{ SIPC_IOC_CREATE, 88, "slots" }, { SIPC_IOC_CREATE, 92, "reserved2" },
	{ SIPC_IOC_DESTROY, 8, "name" }, { SIPC_IOC_DESTROY, 72, "id" },
	{ SIPC_IOC_INFO, 8, "name" }, { SIPC_IOC_INFO, 72, "id" },
	{ SIPC_IOC_INFO, 80, "region_size" }, { SIPC_IOC_INFO, 88, "queue_depth" },
	{ SIPC_IOC_INFO, 92, "queue_len" }, { SIPC_IOC_INFO, 96, "state" },
	{ SIPC_IOC_INFO, 100, "creator_pid" }, { SIPC_IOC_INFO, 104, "creator_uid" },
	{ SIPC_IOC_INFO, 108, "reserved" }, { SIPC_IOC_INFO, 112, "msgs_sent" },
	{ SIPC_IOC_INFO, 120, "msgs_received" }, { SIPC_IOC_INFO, 128, "bytes_sent" },
	{ SIPC_IOC_INFO, 136, "context" }, { SIPC_IOC_INFO, 144, "context_size" },
	{ SIPC_IOC_INFO, 148, "context_len" }, { SIPC_IOC_INFO, 152, "label" },
	{ SIPC_IOC_INFO, 160, "label_size" }, { SIPC_IOC_INFO, 164, "label_len" },
	{ SIPC_IOC_INFO, 168, "slots" }, { SIPC_IOC_INFO, 172, "reserved2" },
	{ SIPC_IOC_LIST, 8, "names" }, { SIPC_IOC_LIST, 16, "count" },
	{ SIPC_IOC_LIST, 20, "total" },
	{ SIPC_IOC_SEND, 8, "type" }, { SIPC_IOC_SEND, 12, "len" },
	{ SIPC_IOC_SEND, 16, "offset" }, { SIPC_IOC_SEND, 24, "seq" },
	{ SIPC_IOC_EP_INFO, 8, "role" }, { SIPC_IOC_EP_INFO, 12, "queue_depth" },
	{ SIPC_IOC_EP_INFO, 16, "region_size" }, { SIPC_IOC_EP_INFO, 24, "channel_id" },
	{ SIPC_IOC_EP_INFO, 32, "name" }, { SIPC_IOC_EP_INFO, 96, "slots" },
	{ SIPC_IOC_EP_INFO, 100, "reserved" },
};

const char *fz_field(unsigned long cmd, unsigned int off)
{
	const char *best = "?";
	unsigned int best_off = 0;
	size_t i;

	if (cmd == SIPC_IOC_ATTACH_SENDER || cmd == SIPC_IOC_ATTACH_RECEIVER ||
	    cmd == SIPC_IOC_REVOKE)
		cmd = SIPC_IOC_DESTROY;
	if (cmd == SIPC_IOC_RECV || cmd == SIPC_IOC_COMMIT || cmd == SIPC_IOC_RECV_NEXT)
		cmd = SIPC_IOC_SEND;
	for (i = 0; i < NELEM(fz_fields); i++)
		if ((fz_fields[i].cmd == 0 || fz_fields[i].cmd == cmd) &&
		    fz_fields[i].off <= off && fz_fields[i].off >= best_off) {
			best = fz_fields[i].name;
			best_off = fz_fields[i].off;
		}
	return best;
}

static const char *fz_cmd_name(unsigned long cmd)
{
	switch (cmd) {
	case SIPC_IOC_VERSION: return "VERSION";
	case SIPC_IOC_CREATE: return "CREATE";
	case SIPC_IOC_DESTROY: return "DESTROY";
	case SIPC_IOC_ATTACH_SENDER: return "ATTACH_SENDER";
	case SIPC_IOC_ATTACH_RECEIVER: return "ATTACH_RECEIVER";
	case SIPC_IOC_INFO: return "INFO";
	case SIPC_IOC_LIST: return "LIST";
	case SIPC_IOC_REVOKE: return "REVOKE";
	case SIPC_IOC_SEND: return "SEND";
	case SIPC_IOC_RECV: return "RECV";
	case SIPC_IOC_EP_INFO: return "EP_INFO";
	case SIPC_IOC_MAP: return "MAP";
	case SIPC_IOC_COMMIT: return "COMMIT";
	case SIPC_IOC_RECV_NEXT: return "RECV_NEXT";
	default: return NULL;
	}
}

static const char *const fz_place_names[PL_NPLACES] = {
	"good", "read-only", "straddling", "NULL", "unmapped", "kernel", "mapping"
};

void fz_format(const struct fz_call *c, char *buf, size_t size)
{
	static const char *const ops[FZ_NOPS] = {
		"ioctl(dev)", "ioctl", "close", "dup", "mmap", "munmap", "read",
		"write", "mprotect", "pin", "poll", "fcntl(O_NONBLOCK)", "param"
	};
	const char *cn = fz_cmd_name(c->cmd);
	int n, i, last = 0;

	n = snprintf(buf, size, "step %u actor %u: %s", c->step, c->actor, ops[c->op]);
	if (c->op != FZ_DEV && c->op != FZ_PARAM)
		n += snprintf(buf + n, size - n, " h%u", c->target);
	switch (c->op) {
	case FZ_DEV:
	case FZ_EP:
		if (cn)
			n += snprintf(buf + n, size - n, " %s", cn);
		else
			n += snprintf(buf + n, size - n, " cmd=%#x", c->cmd);
		n += snprintf(buf + n, size - n, " arg@%s+%u", fz_place_names[c->place], c->pos);
		if (c->place == PL_MAP)
			n += snprintf(buf + n, size - n, "(h%llu page %llu)",
				      (unsigned long long)c->a, (unsigned long long)c->b);
		if (c->idref)
			n += snprintf(buf + n, size - n, " id=id(h%u)", c->idref - 1);
		for (i = 0; i < c->argsize; i++)
			if (c->arg[i])
				last = i + 1;
		n += snprintf(buf + n, size - n, " {");
		for (i = 0; i < last && n < (int)size - 4; i++) {
			if (c->arg[i] >= 0x21 && c->arg[i] < 0x7f && i >= 8)
				n += snprintf(buf + n, size - n, "%c", c->arg[i]);
			else
				n += snprintf(buf + n, size - n, "\\x%02x", c->arg[i]);
			if (i % 8 == 7 && i + 1 < last)
				n += snprintf(buf + n, size - n, " ");
		}
		snprintf(buf + n, size - n, "}");
		break;
	case FZ_MMAP:
		snprintf(buf + n, size - n, " len=%llu off=%llu prot=%llu %s",
			 (unsigned long long)c->a, (unsigned long long)c->b,
			 (unsigned long long)(c->c & 0xff),
			 (c->c >> 8) == MAP_SHARED ? "MAP_SHARED" : "MAP_PRIVATE");
		break;
	case FZ_READ:
	case FZ_WRITE:
		snprintf(buf + n, size - n, " page=%llu spot=%u value=%llu",
			 (unsigned long long)c->a, fm_spot_off[c->b],
			 (unsigned long long)c->c);
		break;
	case FZ_MPROTECT:
	case FZ_NONBLOCK:
		snprintf(buf + n, size - n, " %llu", (unsigned long long)c->a);
		break;
	case FZ_PARAM:
		snprintf(buf + n, size - n, " %s=%llu", fz_param_names[c->a],
			 (unsigned long long)c->b);
		break;
	default:
		break;
	}
}
