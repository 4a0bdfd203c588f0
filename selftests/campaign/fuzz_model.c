// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_model.c - the expected behaviour of sipc.ko (see fuzz_model.h).
 *
 * Each command follows the order of checks that include/uapi/linux/sipc.h
 * documents and kmod/ implements: the argument's size and tail first, then
 * its flags and reserved fields, then the names and values, then the
 * channel's state.  Where several errors apply, the first one in that order
 * is the one predicted.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

#include "fuzz_model.h"
#include "st_uapi.h"

const uint16_t fm_spot_off[FM_SPOTS] = { 0, 1, 7, 8, 2048, 4088, 4094, 4095 };

#define MIN(a, b)	((a) < (b) ? (a) : (b))
#define PAGE_ALIGN(x)	(((x) + FM_PAGE - 1) & ~(uint64_t)(FM_PAGE - 1))

void fm_umem_add(struct fm_umem *um, uintptr_t start, size_t len, bool r,
		 bool w, uint8_t *mem)
{
	um->r[um->n++] = (struct fm_range){ start, len, r, w, mem };
}

static struct fm_range *fm_range_of(struct fm_umem *um, uintptr_t a)
{
	int i;

	for (i = 0; i < um->n; i++)
		if (a >= um->r[i].start && a - um->r[i].start < um->r[i].len)
			return &um->r[i];
	return NULL;
}

/*
 * copy_from_user (write false) or copy_to_user: false, and nothing
 * copied, when any byte lacks the access; buf NULL only checks.
 */
static bool fm_uaccess(struct fm_umem *um, uintptr_t a, size_t len,
		       bool write, void *buf)
{
	uint8_t *b = buf;
	uintptr_t p = a;
	size_t left = len, n;
	struct fm_range *r;

	for (; left; p += n, left -= n) {
		r = fm_range_of(um, p);
		if (!r || !(write ? r->w : r->r))
			return false;
		n = MIN(left, r->start + r->len - p);
	}
	for (; b && len; a += n, b += n, len -= n) {
		r = fm_range_of(um, a);
		n = MIN(len, r->start + r->len - a);
		if (write)
			memcpy(r->mem + (a - r->start), b, n);
		else
			memcpy(b, r->mem + (a - r->start), n);
	}
	return true;
}

static bool fm_uread(struct fm_umem *um, uintptr_t a, void *dst, size_t len)
{
	return fm_uaccess(um, a, len, false, dst);
}

static bool fm_uwritable(struct fm_umem *um, uintptr_t a, size_t len)
{
	return fm_uaccess(um, a, len, true, NULL);
}

static bool fm_uwrite(struct fm_umem *um, uintptr_t a, const void *src,
		      size_t len)
{
	return fm_uaccess(um, a, len, true, (void *)src);
}

/*
 * The extensible-struct rules: size first (E2BIG above a page, EINVAL
 * below the first version), then the tail past the kernel's struct must
 * read as zero (a fault there is EFAULT), then the known part is copied.
 */
static int fm_copy_in(struct fm_umem *um, uintptr_t ua, void *k,
		      size_t ksize, size_t ver0)
{
	uint32_t usize;
	uint8_t b;
	size_t i;

	if (!fm_uread(um, ua, &usize, sizeof(usize)))
		return -EFAULT;
	if (usize > FM_PAGE)
		return -E2BIG;
	if (usize < ver0)
		return -EINVAL;
	memset(k, 0, ksize);
	for (i = ksize; i < usize; i++) {
		if (!fm_uread(um, ua + i, &b, 1))
			return -EFAULT;
		if (b)
			return -E2BIG;
	}
	if (!fm_uread(um, ua, k, MIN(usize, ksize)))
		return -EFAULT;
	return 0;
}

static int fm_copy_out(struct fm_umem *um, uintptr_t ua, const void *k,
		       size_t ksize)
{
	uint32_t usize = *(const uint32_t *)k;

	return fm_uwrite(um, ua, k, MIN(usize, ksize)) ? 0 : -EFAULT;
}

static int fm_name_check(const char *name)
{
	size_t len = strnlen(name, SIPC_NAME_MAX), i;

	if (len == 0 || len == SIPC_NAME_MAX)
		return -EINVAL;
	for (i = 0; i < len; i++)
		if (name[i] < 0x21 || name[i] > 0x7e || name[i] == '/')
			return -EINVAL;
	return 0;
}

void fm_init(struct fm_model *m, const struct fm_limits *lim, uint64_t next_id)
{
	uint32_t pid[FM_PROCS];
	char ctx[FM_STR], label[FM_STR];
	uint32_t cl = m->ctx_len, ll = m->label_len;

	memcpy(pid, m->pid, sizeof(pid));
	memcpy(ctx, m->ctx, sizeof(ctx));
	memcpy(label, m->label, sizeof(label));
	memset(m, 0, sizeof(*m));
	memcpy(m->pid, pid, sizeof(pid));
	memcpy(m->ctx, ctx, sizeof(ctx));
	memcpy(m->label, label, sizeof(label));
	m->ctx_len = cl;
	m->label_len = ll;
	m->lim = *lim;
	m->next_id = next_id;
}

/* ---- channels ---- */

static int fm_alive(const struct fm_model *m)
{
	int i, n = 0;

	for (i = 0; i < FM_CHANS; i++)
		n += m->ch[i].alive;
	return n;
}

static uint64_t fm_region_bytes(const struct fm_model *m)
{
	uint64_t b = 0;
	int i;

	for (i = 0; i < FM_CHANS; i++)
		if (m->ch[i].alive)
			b += m->ch[i].region_size;
	return b;
}

static int fm_by_name(const struct fm_model *m, const char *name)
{
	int i;

	for (i = 0; i < FM_CHANS; i++)
		if (m->ch[i].alive && m->ch[i].named &&
		    !strncmp(m->ch[i].name, name, SIPC_NAME_MAX))
			return i;
	return -1;
}



/*
 * The first of n entries (each stride bytes from base, an "in use" bool at
 * its start) whose 64-bit or 32-bit key at key_off equals key; or -1.
 */
static int fm_first(const void *base, size_t stride, int n, size_t key_off,
		    size_t key_size, uint64_t key)
{
	const char *p = base;
	uint64_t k64;
	uint32_t k32;
	int i;

	for (i = 0; i < n; i++, p += stride) {
		if (!*(const bool *)p)
			continue;
		if (key_size == 8 ? (memcpy(&k64, p + key_off, 8), k64 == key) :
		    (memcpy(&k32, p + key_off, 4), k32 == key))
			return i;
	}
	return -1;
}

#define FM_FIRST(arr, n, field, key) \
	fm_first((arr), sizeof((arr)[0]), (n), offsetof(__typeof__((arr)[0]), field), \
		 sizeof((arr)[0].field), (key))

static int fm_by_id(const struct fm_model *m, uint64_t id)
{
	return FM_FIRST(m->ch, FM_CHANS, id, id);
}

int fm_chan_by_handle(const struct fm_model *m, uint32_t handle)
{
	return FM_FIRST(m->ch, FM_CHANS, handle, handle);
}

int fm_fd_by_handle(const struct fm_model *m, uint32_t handle)
{
	return FM_FIRST(m->fd, FM_FDS, handle, handle);
}

int fm_map_by_handle(const struct fm_model *m, uint32_t handle)
{
	return FM_FIRST(m->map, FM_MAPS, handle, handle);
}

/* The last reference went: not named, no endpoint. */
static void fm_chan_put(struct fm_model *m, int c)
{
	struct fm_chan *ch = &m->ch[c];

	if (!ch->named && ch->refs == 0)
		ch->alive = false;
}

/* A channel named by a struct sipc_channel_ref or sipc_info: index or -errno. */
static int fm_find(const struct fm_model *m, const char *name, uint64_t id,
		   bool by_id)
{
	int c, i;

	if (by_id) {
		for (i = 0; i < SIPC_NAME_MAX; i++)
			if (name[i])
				return -EINVAL;
	} else if (id || fm_name_check(name)) {
		return -EINVAL;
	}
	c = by_id ? fm_by_id(m, id) : fm_by_name(m, name);
	return c < 0 ? -ENOENT : c;
}

/* A sealed channel's DATA_READY covers these pages: +1 or -1 each. */
static void fm_seal_add(struct fm_chan *ch, const struct fm_msg *msg, int d)
{
	uint64_t pg;

	if (!(ch->flags & SIPC_CREATE_SEALED) ||
	    msg->type != SIPC_MSG_DATA_READY || !msg->len)
		return;
	for (pg = msg->offset / FM_PAGE;
	     pg <= (msg->offset + msg->len - 1) / FM_PAGE && pg < FM_PAGES; pg++)
		ch->seal[pg] += d;
}

/* The receiver is done with the message it held (took another, left). */
static void fm_seal_release(struct fm_chan *ch)
{
	if (ch->held)
		fm_seal_add(ch, &ch->held_msg, -1);
	ch->held = false;
}

static void fm_revoke_roles(struct fm_model *m, struct fm_chan *ch,
			    uint32_t roles)
{
	if ((roles & SIPC_REVOKE_SENDER) && ch->sender >= 0) {
		m->ep[ch->sender].revoked = true;
		ch->sender = -1;
		ch->sender_hup = true;
	}
	if ((roles & SIPC_REVOKE_RECEIVER) && ch->receiver >= 0) {
		m->ep[ch->receiver].revoked = true;
		ch->receiver = -1;
		fm_seal_release(ch);
	}
}

static long fm_create(struct fm_model *m, int proc, uint32_t handle,
		      struct fm_umem *um, uintptr_t ua)
{
	struct sipc_create c;
	struct fm_chan *ch;
	uint64_t slot = 0;
	int err, i;

	err = fm_copy_in(um, ua, &c, FM_CREATE_SIZE, SIPC_CREATE_SIZE_VER0);
	if (err)
		return err;
	if ((c.flags & ~FM_CREATE_FLAGS) || c.reserved || c.reserved2)
		return -EINVAL;
	if (fm_name_check(c.name))
		return -EINVAL;
	if (c.queue_depth > SIPC_QUEUE_DEPTH_MAX)
		return -EINVAL;
	if (c.region_size == 0 || c.region_size > m->lim.max_region)
		return -EINVAL;
	c.region_size = PAGE_ALIGN(c.region_size);
	if (c.slots <= 1) {
		c.slots = 1;
	} else {
		if (c.slots > SIPC_SLOTS_MAX)
			return -EINVAL;
		if (c.queue_depth && c.queue_depth != c.slots - 1)
			return -EINVAL;
		c.queue_depth = c.slots - 1;
		slot = PAGE_ALIGN((c.region_size + c.slots - 1) / c.slots);
		if (slot * c.slots > m->lim.max_region)
			return -EINVAL;
		c.region_size = slot * c.slots;
	}
	if (!c.queue_depth)
		c.queue_depth = SIPC_QUEUE_DEPTH_DEFAULT;
	if (fm_by_name(m, c.name) >= 0)
		return -EEXIST;
	if ((uint64_t)fm_alive(m) >= m->lim.max_channels)
		return -ENOSPC;
	if (fm_region_bytes(m) + c.region_size > m->lim.max_total)
		return -ENOSPC;
	/* The rounded values are reported before the channel is published. */
	err = fm_copy_out(um, ua, &c, FM_CREATE_SIZE);
	if (err)
		return err;
	for (i = 0; i < FM_CHANS && m->ch[i].alive; i++)
		;
	if (i == FM_CHANS)
		return -ENOSPC;	/* unreachable: max_channels is far lower */
	ch = &m->ch[i];
	memset(ch, 0, sizeof(*ch));
	ch->alive = ch->named = true;
	/* The name up to its NUL; what follows it is not kept. */
	for (i = 0; i < SIPC_NAME_MAX && c.name[i]; i++)
		ch->name[i] = c.name[i];
	ch->id = m->next_id++;
	ch->handle = handle;
	ch->flags = c.flags;
	ch->region_size = c.region_size;
	ch->slots = c.slots;
	ch->slot_size = c.region_size / c.slots;
	ch->depth = c.queue_depth;
	ch->creator_pid = m->pid[proc];
	ch->sender = ch->receiver = -1;
	ch->next_seq = 1;
	return 0;
}

static long fm_destroy(struct fm_model *m, struct fm_umem *um, uintptr_t ua)
{
	struct sipc_channel_ref r;
	bool by_id;
	int err, c;

	err = fm_copy_in(um, ua, &r, FM_REF_SIZE, SIPC_CHANNEL_REF_SIZE_VER0);
	if (err)
		return err;
	if (r.flags & ~SIPC_DESTROY_ALL_FLAGS)
		return -EINVAL;
	by_id = r.flags & SIPC_REF_BY_ID;
	c = fm_find(m, r.name, r.id, by_id);
	if (c < 0)
		return c;
	if (r.flags & SIPC_DESTROY_REVOKE)
		fm_revoke_roles(m, &m->ch[c], SIPC_REVOKE_ALL_ROLES);
	if (!m->ch[c].named)	/* only reachable by id */
		return (r.flags & SIPC_DESTROY_REVOKE) ? 0 : -EIDRM;
	m->ch[c].named = false;
	m->ch[c].destroyed = true;
	fm_chan_put(m, c);
	return 0;
}

static long fm_revoke(struct fm_model *m, struct fm_umem *um, uintptr_t ua)
{
	struct sipc_channel_ref r;
	int err, c;

	err = fm_copy_in(um, ua, &r, FM_REF_SIZE, SIPC_CHANNEL_REF_SIZE_VER0);
	if (err)
		return err;
	if (!(r.flags & SIPC_REVOKE_ALL_ROLES) ||
	    (r.flags & ~(SIPC_REVOKE_ALL_FLAGS | SIPC_REF_BY_ID)))
		return -EINVAL;
	c = fm_find(m, r.name, r.id, r.flags & SIPC_REF_BY_ID);
	if (c < 0)
		return c;
	fm_revoke_roles(m, &m->ch[c], r.flags & SIPC_REVOKE_ALL_ROLES);
	return 0;
}

static long fm_attach(struct fm_model *m, uint32_t role, struct fm_umem *um,
		      uintptr_t ua, int *ret_ep)
{
	struct sipc_channel_ref r;
	struct fm_chan *ch;
	int err, c, e;

	err = fm_copy_in(um, ua, &r, FM_REF_SIZE, SIPC_CHANNEL_REF_SIZE_VER0);
	if (err)
		return err;
	if ((r.flags & ~SIPC_ATTACH_ALL_FLAGS) || r.id || fm_name_check(r.name))
		return -EINVAL;
	c = fm_by_name(m, r.name);
	if (c < 0)
		return -ENOENT;
	ch = &m->ch[c];
	if ((role == SIPC_ROLE_SENDER ? ch->sender : ch->receiver) >= 0)
		return -EBUSY;
	for (e = 0; e < FM_EPS && m->ep[e].alive; e++)
		;
	if (e == FM_EPS)
		return -ENFILE;	/* the generator never lets this happen */
	m->ep[e] = (struct fm_ep){ .alive = true, .ch = c, .role = role,
				   .nonblock = r.flags & SIPC_ATTACH_NONBLOCK };
	ch->refs++;
	if (role == SIPC_ROLE_SENDER) {
		ch->sender = e;
		ch->sender_hup = false;
	} else {
		ch->receiver = e;
	}
	*ret_ep = e;
	return 0;
}

/* INFO's strings: NUL-terminated, truncated to the caller's buffer. */
static int fm_copy_string(struct fm_umem *um, uint64_t uptr, uint32_t size,
			  const char *str, uint32_t len)
{
	size_t n;

	if (!uptr || !size)
		return 0;
	n = MIN(len, size - 1);
	if (n && !fm_uwrite(um, uptr, str, n))
		return -EFAULT;
	if (!fm_uwrite(um, uptr + n, "", 1))
		return -EFAULT;
	return 0;
}

static long fm_info(struct fm_model *m, struct fm_umem *um, uintptr_t ua)
{
	struct sipc_info in;
	struct fm_chan *ch;
	int err, c;
	bool by_id;

	err = fm_copy_in(um, ua, &in, FM_INFO_SIZE, SIPC_INFO_SIZE_VER0);
	if (err)
		return err;
	if ((in.flags & ~SIPC_REF_BY_ID) || in.reserved || in.reserved2)
		return -EINVAL;
	by_id = in.flags & SIPC_REF_BY_ID;
	c = fm_find(m, in.name, by_id ? in.id : 0, by_id);
	if (c < 0)
		return c;
	ch = &m->ch[c];
	memcpy(in.name, ch->name, SIPC_NAME_MAX);
	in.id = ch->id;
	in.region_size = ch->region_size;
	in.creator_pid = ch->creator_pid;
	in.creator_uid = 0;	/* the campaign runs as root */
	/* Version-1 permissions: the creator's ids and mode 0666. */
	in.create_flags = ch->flags;
	in.mode = 0666;
	in.owner_uid = 0;
	in.owner_gid = 0;
	in.context_len = m->ctx_len;
	in.label_len = m->label_len;
	in.slots = ch->slots;
	in.queue_depth = ch->depth;
	in.queue_len = ch->qlen;
	in.state = (ch->sender >= 0 ? SIPC_STATE_SENDER : 0) |
		   (ch->receiver >= 0 ? SIPC_STATE_RECEIVER : 0) |
		   (ch->sender_hup ? SIPC_STATE_SENDER_HUP : 0) |
		   (ch->destroyed ? SIPC_STATE_DESTROYED : 0);
	in.msgs_sent = ch->sent;
	in.msgs_received = ch->received;
	in.bytes_sent = ch->bytes;
	err = fm_copy_string(um, in.context, in.context_size, m->ctx, m->ctx_len);
	if (!err)
		err = fm_copy_string(um, in.label, in.label_size, m->label,
				     m->label_len);
	if (err)
		return err;
	return fm_copy_out(um, ua, &in, FM_INFO_SIZE);
}

int fm_names(const struct fm_model *m, char (*names)[SIPC_NAME_MAX], int max)
{
	int i, j, n = 0, best;
	uint64_t last = 0;

	/* Creation order is id order. */
	for (;;) {
		best = -1;
		for (j = 0; j < FM_CHANS; j++) {
			const struct fm_chan *ch = &m->ch[j];

			if (ch->alive && ch->named && ch->id > last &&
			    (best < 0 || ch->id < m->ch[best].id))
				best = j;
		}
		if (best < 0)
			return n;
		if (n < max && names) {
			memset(names[n], 0, SIPC_NAME_MAX);
			for (i = 0; i < SIPC_NAME_MAX && m->ch[best].name[i]; i++)
				names[n][i] = m->ch[best].name[i];
		}
		n++;
		last = m->ch[best].id;
	}
}

static long fm_list(struct fm_model *m, struct fm_umem *um, uintptr_t ua)
{
	char names[FM_CHANS][SIPC_NAME_MAX];
	struct sipc_list l;
	uint32_t n = 0, total;
	int err;

	err = fm_copy_in(um, ua, &l, sizeof(l), SIPC_LIST_SIZE_VER0);
	if (err)
		return err;
	if (l.flags || (l.count && !l.names))
		return -EINVAL;
	total = fm_names(m, names, FM_CHANS);
	if (l.count && total)
		n = MIN(l.count, total);
	if (n && !fm_uwrite(um, l.names, names, (size_t)n * SIPC_NAME_MAX))
		return -EFAULT;
	l.count = n;
	l.total = total;
	return fm_copy_out(um, ua, &l, sizeof(l));
}

/* VERSION: what this model knows, every command of the header. */
static long fm_version(struct fm_umem *um, uintptr_t ua)
{
	struct sipc_version v;
	int err;

	err = fm_copy_in(um, ua, &v, sizeof(v), SIPC_VERSION_SIZE_VER0);
	if (!err && (v.flags || v.reserved))
		err = -EINVAL;
	if (err)
		return err;
	v = (struct sipc_version){ .size = v.size, .api_version = SIPC_API_VERSION,
				   .features = SIPC_FEATURES_ALL,
				   .ioctls = ST_IOCTL_BITS };
	return fm_copy_out(um, ua, &v, sizeof(v));
}

long fm_dev_ioctl(struct fm_model *m, int proc, uint32_t handle,
		  unsigned long cmd, struct fm_umem *um, uintptr_t ua,
		  int *ret_ep)
{
	*ret_ep = -1;
	switch (cmd) {
	case SIPC_IOC_VERSION:
		return fm_version(um, ua);
	case SIPC_IOC_CREATE:
		return fm_create(m, proc, handle, um, ua);
	case SIPC_IOC_DESTROY:
		return fm_destroy(m, um, ua);
	case SIPC_IOC_ATTACH_SENDER:
		return fm_attach(m, SIPC_ROLE_SENDER, um, ua, ret_ep);
	case SIPC_IOC_ATTACH_RECEIVER:
		return fm_attach(m, SIPC_ROLE_RECEIVER, um, ua, ret_ep);
	case SIPC_IOC_INFO:
		return fm_info(m, um, ua);
	case SIPC_IOC_LIST:
		return fm_list(m, um, ua);
	case SIPC_IOC_REVOKE:
		return fm_revoke(m, um, ua);
	default:
		return -ENOTTY;
	}
}

/* ---- the queue ---- */

static struct fm_msg *fm_head(struct fm_chan *ch)
{
	return &ch->q[ch->qhead];
}

static void fm_push(struct fm_chan *ch, const struct fm_msg *msg)
{
	struct fm_msg *s = &ch->q[(ch->qhead + ch->qlen) % ch->depth];

	fm_seal_add(ch, msg, 1);
	*s = *msg;
	s->seq = ch->next_seq++;
	ch->qlen++;
	ch->sent++;
	if (msg->type == SIPC_MSG_DATA_READY)
		ch->bytes += msg->len;
}

/* Taking a message releases the one held before it and holds a DATA_READY. */
static void fm_pop(struct fm_chan *ch)
{
	const struct fm_msg *h = &ch->q[ch->qhead];

	fm_seal_release(ch);
	if ((ch->flags & SIPC_CREATE_SEALED) &&
	    h->type == SIPC_MSG_DATA_READY && h->len) {
		ch->held = true;
		ch->held_msg = *h;
	}
	ch->qhead = (ch->qhead + 1) % ch->depth;
	ch->qlen--;
	ch->received++;
}

static bool fm_full(const struct fm_chan *ch)
{
	return ch->qlen == ch->depth;
}

/* NOOP carries nothing; DATA_READY names bytes inside the region. */
static int fm_check_msg(const struct fm_chan *ch, const struct sipc_msg *msg)
{
	bool noop = msg->type == SIPC_MSG_NOOP && !msg->len && !msg->offset;
	bool data = msg->type == SIPC_MSG_DATA_READY &&
		    msg->offset <= ch->region_size &&
		    msg->len <= ch->region_size - msg->offset;

	return noop || data ? 0 : -EINVAL;
}

/* Read the struct sipc_msg of an endpoint transfer: 0 or -errno. */
static int fm_msg_in(struct fm_umem *um, uintptr_t ua, struct sipc_msg *msg)
{
	int err = fm_copy_in(um, ua, msg, sizeof(*msg), SIPC_MSG_SIZE_VER0);

	if (err)
		return err;
	return (msg->flags & ~SIPC_MSG_F_ALL) ? -EINVAL : 0;
}

/*
 * Queue @msg: the room check (EAGAIN when non-blocking, FM_BLOCKS when it
 * would wait), EIDRM, then the seq copied back (EFAULT: nothing queued).
 */
static long fm_queue_msg(struct fm_chan *ch, struct sipc_msg *msg,
			 bool nonblock, struct fm_umem *um, uintptr_t ua)
{
	struct fm_msg q = { msg->type, msg->len, msg->offset, 0 };

	if (!ch->destroyed && fm_full(ch))
		return nonblock ? -EAGAIN : FM_BLOCKS;
	if (ch->destroyed)
		return -EIDRM;
	msg->seq = ch->next_seq;
	if (fm_copy_out(um, ua, msg, sizeof(*msg)))
		return -EFAULT;
	fm_push(ch, &q);
	return 0;
}

static long fm_send(struct fm_model *m, struct fm_ep *ep, struct fm_umem *um,
		    uintptr_t ua)
{
	struct fm_chan *ch = &m->ch[ep->ch];
	struct sipc_msg msg;
	int err;

	err = fm_msg_in(um, ua, &msg);
	if (!err)
		err = fm_check_msg(ch, &msg);
	if (err)
		return err;
	return fm_queue_msg(ch, &msg, ep->nonblock ||
			    (msg.flags & SIPC_MSG_F_NONBLOCK), um, ua);
}

/*
 * SIPC_IOC_COMMIT.  Once DATA_READY is queued it always waits: on one
 * region for depth + 1 NOOPs, more than the queue holds; on a multi-slot
 * channel for room.  Only a call that ends before that is made.
 */
static long fm_commit(struct fm_model *m, struct fm_ep *ep, struct fm_umem *um,
		      uintptr_t ua)
{
	struct fm_chan *ch = &m->ch[ep->ch];
	struct sipc_msg msg;
	bool nonblock;
	int err;

	err = fm_msg_in(um, ua, &msg);
	if (err)
		return err;
	if (msg.type && msg.type != SIPC_MSG_DATA_READY)
		return -EINVAL;
	if (ch->slots > 1 && (msg.offset % ch->slot_size ||
			      msg.len > ch->slot_size))
		return -EINVAL;
	msg.type = SIPC_MSG_DATA_READY;
	err = fm_check_msg(ch, &msg);
	if (err)
		return err;
	nonblock = ep->nonblock || (msg.flags & SIPC_MSG_F_NONBLOCK);
	if (!ch->destroyed && fm_full(ch))
		return nonblock ? -EAGAIN : FM_BLOCKS;
	if (ch->destroyed)
		return -EIDRM;
	/* A fault copying seq back ends the call before anything is queued. */
	if (!fm_uwritable(um, ua, MIN(msg.size, sizeof(msg))))
		return -EFAULT;
	/* Queued, then the wait: it blocks unless a slot stays free. */
	if (ch->slots == 1 || ch->qlen + 1 == ch->depth)
		return FM_BLOCKS;
	return fm_queue_msg(ch, &msg, nonblock, um, ua);
}

static long fm_recv(struct fm_model *m, struct fm_ep *ep, struct fm_umem *um,
		    uintptr_t ua, bool next)
{
	struct fm_chan *ch = &m->ch[ep->ch];
	struct sipc_msg msg;
	bool nonblock, data = false;
	uint32_t i;
	int err;

	err = fm_msg_in(um, ua, &msg);
	if (err)
		return err;
	nonblock = ep->nonblock || (msg.flags & SIPC_MSG_F_NONBLOCK);
	for (i = 0; i < ch->qlen; i++)
		data |= ch->q[(ch->qhead + i) % ch->depth].type ==
			SIPC_MSG_DATA_READY;
	if (!nonblock && !ch->destroyed && !ch->sender_hup &&
	    (next ? !data : !ch->qlen))
		return FM_BLOCKS;
	for (;;) {
		struct fm_msg *h;

		if (ch->destroyed)
			return -EIDRM;
		if (!ch->qlen)
			return ch->sender_hup ? -EPIPE : -EAGAIN;
		h = fm_head(ch);
		if (next && h->type != SIPC_MSG_DATA_READY) {
			fm_pop(ch);	/* a NOOP is taken and dropped */
			continue;
		}
		msg.type = h->type;
		msg.len = h->len;
		msg.offset = h->offset;
		msg.seq = h->seq;
		if (fm_copy_out(um, ua, &msg, sizeof(msg)))
			return -EFAULT;	/* the message stays queued */
		fm_pop(ch);
		return 0;
	}
}

static long fm_ep_info(struct fm_model *m, struct fm_ep *ep,
		       struct fm_umem *um, uintptr_t ua)
{
	struct fm_chan *ch = &m->ch[ep->ch];
	struct sipc_ep_info ei;
	int err;

	err = fm_copy_in(um, ua, &ei, FM_EP_INFO_SIZE, SIPC_EP_INFO_SIZE_VER0);
	if (err)
		return err;
	if (ei.flags || ei.reserved || ei.reserved2)
		return -EINVAL;
	if (ch->destroyed)
		return -EIDRM;
	ei.role = ep->role;
	ei.queue_depth = ch->depth;
	ei.region_size = ch->region_size;
	ei.channel_id = ch->id;
	ei.slots = ch->slots;
	ei.create_flags = ch->flags;
	memcpy(ei.name, ch->name, SIPC_NAME_MAX);
	return fm_copy_out(um, ua, &ei, FM_EP_INFO_SIZE);
}

long fm_ep_ioctl(struct fm_model *m, int e, unsigned long cmd,
		 struct fm_umem *um, uintptr_t ua)
{
	struct fm_ep *ep = &m->ep[e];
	bool sender = ep->role == SIPC_ROLE_SENDER;

	if (cmd == SIPC_IOC_VERSION)
		return fm_version(um, ua);
	if (ep->revoked)
		return -EACCES;
	switch (cmd) {
	case SIPC_IOC_SEND:
		return sender ? fm_send(m, ep, um, ua) : -EBADF;
	case SIPC_IOC_RECV:
		return !sender ? fm_recv(m, ep, um, ua, false) : -EBADF;
	case SIPC_IOC_COMMIT:
		return sender ? fm_commit(m, ep, um, ua) : -EBADF;
	case SIPC_IOC_RECV_NEXT:
		return !sender ? fm_recv(m, ep, um, ua, true) : -EBADF;
	case SIPC_IOC_EP_INFO:
		return fm_ep_info(m, ep, um, ua);
	case SIPC_IOC_MAP:
		return m->ch[ep->ch].destroyed ? -EIDRM : 0;
	default:
		return -ENOTTY;
	}
}

short fm_poll(struct fm_model *m, int e)
{
	struct fm_ep *ep = &m->ep[e];
	struct fm_chan *ch = &m->ch[ep->ch];
	bool sender = ep->role == SIPC_ROLE_SENDER;

	if (ch->destroyed || ep->revoked)
		return POLLERR | POLLHUP;
	if (sender && !fm_full(ch))
		return POLLOUT | POLLWRNORM;
	if (!sender && ch->qlen)
		return POLLIN | POLLRDNORM;
	if (!sender && ch->sender_hup)
		return POLLHUP;
	return 0;
}

/* ---- endpoint lifetime: descriptors and mappings ---- */

/* Last descriptor and last mapping gone: the file's release. */
static void fm_ep_put(struct fm_model *m, int e)
{
	struct fm_ep *ep = &m->ep[e];
	struct fm_chan *ch = &m->ch[ep->ch];

	if (ep->fds || ep->maps)
		return;
	if (ep->role == SIPC_ROLE_SENDER && ch->sender == e) {
		ch->sender = -1;
		ch->sender_hup = true;
	} else if (ep->role == SIPC_ROLE_RECEIVER && ch->receiver == e) {
		ch->receiver = -1;
		fm_seal_release(ch);
	}
	ep->alive = false;
	ch->refs--;
	fm_chan_put(m, ep->ch);
}

int fm_fd_new(struct fm_model *m, int proc, int ep, uint32_t handle,
	      bool cloexec)
{
	int i;

	for (i = 0; i < FM_FDS && m->fd[i].open; i++)
		;
	if (i == FM_FDS)
		return -1;
	m->fd[i] = (struct fm_fd){ .open = true, .cloexec = cloexec,
				   .proc = proc, .ep = ep, .fd = -1,
				   .handle = handle };
	m->ep[ep].fds++;
	return i;
}

void fm_fd_close(struct fm_model *m, int f)
{
	int e = m->fd[f].ep;

	m->fd[f].open = false;
	m->ep[e].fds--;
	fm_ep_put(m, e);
}

int fm_mmap(struct fm_model *m, int proc, int e, size_t len, uint64_t off,
	    int prot, int flags, uint32_t handle, int *slot)
{
	struct fm_ep *ep = &m->ep[e];
	struct fm_chan *ch = &m->ch[ep->ch];
	uint64_t pages = (len + FM_PAGE - 1) / FM_PAGE, nr, pgoff;
	int i;

	*slot = -1;
	if (!len || off % FM_PAGE)
		return -EINVAL;
	/* The mm core: a shared writable mapping needs a writable file. */
	if ((flags & MAP_SHARED) && (prot & PROT_WRITE) &&
	    ep->role == SIPC_ROLE_RECEIVER)
		return -EACCES;
	if (!(flags & MAP_SHARED))
		return -EINVAL;
	nr = ch->region_size / FM_PAGE;
	pgoff = off / FM_PAGE;
	if (pgoff >= nr || pages > nr - pgoff)
		return -EINVAL;
	if (ep->revoked)
		return -EACCES;
	if (ch->destroyed)
		return -EIDRM;
	for (i = 0; i < FM_MAPS && m->map[i].live; i++)
		;
	if (i == FM_MAPS)
		return -ENOMEM;	/* the generator never lets this happen */
	m->map[i] = (struct fm_map){ .live = true, .proc = proc, .ep = e,
				     .prot = prot, .len = len, .off = off,
				     .handle = handle };
	ep->maps++;
	*slot = i;
	return 0;
}

void fm_munmap(struct fm_model *m, int i)
{
	int e = m->map[i].ep;

	m->map[i].live = false;
	m->ep[e].maps--;
	fm_ep_put(m, e);
}

/* Revoked: every access faults (SIGBUS); otherwise the region's byte. */
int fm_map_read(struct fm_model *m, int i, uint64_t page, int spot)
{
	struct fm_ep *ep = &m->ep[m->map[i].ep];

	if (ep->revoked)
		return -SIGBUS;
	if (page >= FM_PAGES)
		return 0;
	return m->ch[ep->ch].data[page][spot];
}

int fm_map_write(struct fm_model *m, int i, uint64_t page, int spot,
		 uint8_t val)
{
	struct fm_ep *ep = &m->ep[m->map[i].ep];

	if (ep->revoked)
		return -SIGBUS;
	if (page >= FM_PAGES)
		return 0;
	if (m->ch[ep->ch].seal[page])
		return -SIGBUS;	/* sealed: pfn_mkwrite refuses */
	m->ch[ep->ch].data[page][spot] = val;
	return 0;
}

/* A receiver's mapping can never gain write (VM_MAYWRITE is cleared). */
int fm_mprotect(struct fm_model *m, int i, int prot)
{
	if ((prot & PROT_WRITE) && m->ep[m->map[i].ep].role == SIPC_ROLE_RECEIVER)
		return -EACCES;
	m->map[i].prot = prot;
	return 0;
}

void fm_proc_exit(struct fm_model *m, int proc)
{
	int i;

	for (i = 0; i < FM_MAPS; i++)
		if (m->map[i].live && m->map[i].proc == proc)
			fm_munmap(m, i);
	for (i = 0; i < FM_FDS; i++)
		if (m->fd[i].open && m->fd[i].proc == proc)
			fm_fd_close(m, i);
}

void fm_counters(const struct fm_model *m, long long *channels,
		 long long *endpoints, long long *region_bytes)
{
	int i;

	*channels = fm_alive(m);
	*region_bytes = (long long)fm_region_bytes(m);
	*endpoints = 0;
	for (i = 0; i < FM_EPS; i++)
		*endpoints += m->ep[i].alive;
}


