// SPDX-License-Identifier: GPL-2.0-only
/*
 * fuzz_exec.c - one call of the model-based fuzzer, made twice: against
 * the model (fuzz_model.c), which says what must happen, and against the
 * module.  Compared: the return value or errno, every byte of the argument
 * page and of the buffers INFO and LIST write into, a new descriptor's
 * access mode, O_NONBLOCK and close-on-exec, a mapping's success, what a
 * read of it returns or which signal it raises, and poll's events.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fuzz_exec.h"

#define WIN	512	/* bytes at each end of the argument page in use */
#define OUTLEN	3072	/* bytes of the out page INFO and LIST may write */
#define KERNEL_ADDR	0xffff888000000000UL
#define LOW_ADDR	0x1000UL	/* below mmap_min_addr */

double *fz_sys_secs;

int fz_proc_init(struct fz_proc *p, int proc)
{
	uint8_t *pages;
	int mfd;

	memset(p, 0, sizeof(*p));
	p->proc = proc;
	p->dev = st_dev_open();
	if (p->dev < 0)
		return p->dev;
	pages = mmap(NULL, 4 * FM_PAGE, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	mfd = memfd_create("fuzz-ro", MFD_CLOEXEC);
	if (pages == MAP_FAILED || mfd < 0 || ftruncate(mfd, FM_PAGE))
		return -ENOMEM;
	p->arg = pages;
	p->out = pages + 2 * FM_PAGE;
	if (mprotect(pages + FM_PAGE, FM_PAGE, PROT_NONE) ||
	    mprotect(pages + 3 * FM_PAGE, FM_PAGE, PROT_NONE))
		return -errno;
	p->ro = mmap(NULL, FM_PAGE, PROT_READ, MAP_SHARED, mfd, 0);
	p->ro_w = mmap(NULL, FM_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, mfd, 0);
	close(mfd);
	if (p->ro == MAP_FAILED || p->ro_w == MAP_FAILED)
		return -ENOMEM;
	return 0;
}

/* A result as text: the number, or the errno's name. */
struct fz_ename {
	char s[24];
};

static struct fz_ename ename(long v)
{
	struct fz_ename e;
	const char *n = v < 0 ? strerrorname_np((int)-v) : NULL;

	if (v >= 0 || !n)
		snprintf(e.s, sizeof(e.s), "%ld", v);
	else
		snprintf(e.s, sizeof(e.s), "%s", n);
	return e;
}

/* The argument as the kernel gets it: handles and pointer codes resolved. */
static void fz_resolve(const struct fm_model *m, struct fz_proc *p,
		       const struct fz_call *c, uint8_t *buf)
{
	uint64_t v;
	int ch;

	memcpy(buf, c->arg, c->argsize);
	if (c->idref) {
		ch = fm_chan_by_handle(m, c->idref - 1);
		/* A channel that is gone (or never was) has no id: none matches. */
		v = ch >= 0 ? m->ch[ch].id : 0xfff0000000000000ULL + c->idref;
		memcpy(buf + 72, &v, 8);
	}
	if (c->op != FZ_DEV)
		return;
	if (c->cmd == SIPC_IOC_INFO) {
		static const unsigned int at[2] = { 136, 152 };
		int i;

		for (i = 0; i < 2; i++) {
			memcpy(&v, buf + at[i], 8);
			if (v == UP_BUF)
				v = (uintptr_t)p->out + 1024 * i;
			else if (v == UP_RO)
				v = (uintptr_t)p->ro + 2048;
			else if (v == UP_BAD)
				v = LOW_ADDR;
			memcpy(buf + at[i], &v, 8);
		}
	} else if (c->cmd == SIPC_IOC_LIST) {
		memcpy(&v, buf + 8, 8);
		if (v == UP_BUF)
			v = (uintptr_t)p->out + 2048;
		else if (v == UP_RO)
			v = (uintptr_t)p->ro + 2048;
		else if (v == UP_BAD)
			v = LOW_ADDR;
		memcpy(buf + 8, &v, 8);
	}
}

/* Put the argument where the call says; returns the address passed. */
static uintptr_t fz_place(struct fz_proc *p, const struct fz_call *c,
			  const uint8_t *buf)
{
	size_t n;

	memset(p->arg, 0, WIN);
	memset(p->arg + FM_PAGE - WIN, 0, WIN);
	memset(p->ro_w, 0, WIN);
	switch (c->place) {
	case PL_GOOD:
		memcpy(p->arg + c->pos, buf, c->argsize);
		return (uintptr_t)p->arg + c->pos;
	case PL_RO:
		memcpy(p->ro_w + c->pos, buf, c->argsize);
		return (uintptr_t)p->ro + c->pos;
	case PL_STRADDLE:
		n = c->pos < c->argsize ? c->pos : c->argsize;
		memcpy(p->arg + FM_PAGE - c->pos, buf, n);
		return (uintptr_t)p->arg + FM_PAGE - c->pos;
	case PL_NULL:
		return 0;
	case PL_LOW:
		return LOW_ADDR;
	default:
		return KERNEL_ADDR;
	}
}

/*
 * PL_MAP: the page of the mapping the argument goes in.  A live sender
 * mapping gets the page cleared and the argument written, so the whole
 * page is known (exp_map); a revoked one is left alone: every access
 * faults.  Returns the address, or 0 when the call cannot be made as
 * recorded (the mapping is gone or no longer of either kind).
 */
static uintptr_t fz_place_map(struct fm_model *m, struct fz_proc *p,
			      const struct fz_call *c, const uint8_t *buf,
			      struct fm_umem *um, uint64_t *rpage)
{
	int mi = fm_map_by_handle(m, (uint32_t)c->a);
	const struct fm_map *mp = mi >= 0 ? &m->map[mi] : NULL;
	const struct fm_ep *ep;
	uintptr_t pa;
	uint64_t pages;

	if (!mp || mp->proc != p->proc)
		return 0;
	ep = &m->ep[mp->ep];
	pages = (mp->len + FM_PAGE - 1) / FM_PAGE;
	pa = mp->addr + (c->b % pages) * FM_PAGE;
	*rpage = mp->off / FM_PAGE + c->b % pages;
	if (ep->revoked)
		return pa;	/* no range: it faults */
	if (ep->role != SIPC_ROLE_SENDER || !(mp->prot & PROT_WRITE))
		return 0;
	/* A sealed page cannot take the argument (the store would SIGBUS). */
	if (*rpage < FM_PAGES && m->ch[ep->ch].seal[*rpage])
		return 0;
	memset(p->exp_map, 0, FM_PAGE);
	memcpy(p->exp_map, buf, c->argsize);
	if (st_poke((volatile unsigned char *)pa, p->exp_map, FM_PAGE))
		return 0;
	fm_umem_add(um, pa, FM_PAGE, true, true, p->exp_map);
	return pa;
}

/* The kernel wrote into the region: the model's bytes of that page follow. */
static void fz_map_written(struct fm_model *m, const struct fz_call *c,
			   struct fz_proc *p, uint64_t rpage)
{
	int mi = fm_map_by_handle(m, (uint32_t)c->a), i;

	/* The region keeps them even if the call revoked this mapping. */
	if (mi < 0 || rpage >= FM_PAGES)
		return;
	for (i = 0; i < FM_SPOTS; i++)
		m->ch[m->ep[m->map[mi].ep].ch].data[rpage][i] =
			p->exp_map[fm_spot_off[i]];
}

static bool fz_same(const uint8_t *got, const uint8_t *want, size_t len,
		    size_t *at)
{
	size_t i;

	if (!memcmp(got, want, len))
		return true;
	for (i = 0; i < len && got[i] == want[i]; i++)
		;
	*at = i;
	return false;
}

/* Check a new descriptor's mode and flags against the model. */
static bool fz_fd_flags(const struct fm_model *m, int f, char *msg,
			size_t msize)
{
	const struct fm_fd *fd = &m->fd[f];
	const struct fm_ep *ep = &m->ep[fd->ep];
	int fl = fcntl(fd->fd, F_GETFL), fdf = fcntl(fd->fd, F_GETFD);
	int acc = ep->role == SIPC_ROLE_SENDER ? O_RDWR : O_RDONLY;

	if (fl < 0 || fdf < 0 || (fl & O_ACCMODE) != acc ||
	    !!(fl & O_NONBLOCK) != ep->nonblock ||
	    !!(fdf & FD_CLOEXEC) != fd->cloexec) {
		snprintf(msg, msize,
			 "descriptor %d: flags %#x fd flags %#x, want access %#x nonblock %d cloexec %d",
			 fd->fd, fl, fdf, acc, ep->nonblock, fd->cloexec);
		return false;
	}
	return true;
}

static enum fz_verdict fz_ioctl(struct fm_model *m, struct fz_proc *p,
				const struct fz_call *c, char *msg,
				size_t msize, long *wantp, long *gotp)
{
	uint8_t buf[FZ_ARG_MAX];
	struct fm_umem um = { .n = 0 };
	bool bufs = c->op == FZ_DEV && (c->cmd == SIPC_IOC_INFO ||
					c->cmd == SIPC_IOC_LIST);
	int f = -1, ep = -1, fd, nf, mi;
	uintptr_t ua;
	long want, got;
	size_t at;
	uint64_t rpage = 0;
	bool inmap = false;
	double t0;

	if (c->op == FZ_EP) {
		f = fm_fd_by_handle(m, c->target);
		if (f < 0 || m->fd[f].proc != p->proc)
			return FZ_SKIPPED;
	}
	fz_resolve(m, p, c, buf);
	ua = fz_place(p, c, buf);
	if (c->place == PL_MAP) {
		ua = fz_place_map(m, p, c, buf, &um, &rpage);
		if (!ua)
			return FZ_SKIPPED;
		inmap = um.n == 1;
	}
	memcpy(p->exp_arg, p->arg, WIN);
	memcpy(p->exp_arg + FM_PAGE - WIN, p->arg + FM_PAGE - WIN, WIN);
	memcpy(p->exp_ro, p->ro_w, WIN);
	if (bufs) {
		memset(p->out, 0xa5, OUTLEN);
		memset(p->exp_out, 0xa5, OUTLEN);
	}
	fm_umem_add(&um, (uintptr_t)p->arg, FM_PAGE, true, true, p->exp_arg);
	fm_umem_add(&um, (uintptr_t)p->ro, FM_PAGE, true, false, p->exp_ro);
	fm_umem_add(&um, (uintptr_t)p->out, FM_PAGE, true, true, p->exp_out);

	if (c->op == FZ_DEV)
		want = fm_dev_ioctl(m, p->proc, c->step, c->cmd, &um, ua, &ep);
	else
		want = fm_ep_ioctl(m, m->fd[f].ep, c->cmd, &um, ua);
	*wantp = want;
	if (want == FM_BLOCKS) {
		if (inmap)	/* not made, but the argument is in the region */
			fz_map_written(m, c, p, rpage);
		return FZ_SKIPPED;
	}

	fd = c->op == FZ_DEV ? p->dev : m->fd[f].fd;
	t0 = camp_now();
	got = ioctl(fd, c->cmd, ua);
	if (got < 0)
		got = -errno;
	if (fz_sys_secs)
		*fz_sys_secs += camp_now() - t0;
	*gotp = got;
	if (ep >= 0 && got >= 0) {
		uint32_t flags;

		memcpy(&flags, buf + 4, 4);
		nf = fm_fd_new(m, p->proc, ep, c->step,
			       !(flags & SIPC_ATTACH_NO_CLOEXEC));
		m->fd[nf].fd = (int)got;
		if (!fz_fd_flags(m, nf, msg, msize))
			return FZ_DIFF;
		want = got;	/* any number will do */
	} else if (got >= 0 && c->op == FZ_DEV && (c->cmd == SIPC_IOC_ATTACH_SENDER ||
						    c->cmd == SIPC_IOC_ATTACH_RECEIVER)) {
		close((int)got);	/* attached against the model: a difference */
		got = 0;
	}
	if (got != want) {
		snprintf(msg, msize, "returned %s, want %s", ename(got).s, ename(want).s);
		return FZ_DIFF;
	}
	if (fz_same(p->arg + FM_PAGE - WIN, p->exp_arg + FM_PAGE - WIN, WIN, &at))
		at = FM_PAGE;
	else
		at += FM_PAGE - WIN;
	if (!fz_same(p->arg, p->exp_arg, WIN, &at) || at < FM_PAGE) {
		size_t base = ua - (uintptr_t)p->arg;

		snprintf(msg, msize, "argument byte %zu (%s): %#x, want %#x",
			 at - base, at >= base ? fz_field(c->cmd, (unsigned int)(at - base)) : "before",
			 p->arg[at], p->exp_arg[at]);
		return FZ_DIFF;
	}
	if (inmap)
		fz_map_written(m, c, p, rpage);
	mi = inmap ? fm_map_by_handle(m, (uint32_t)c->a) : -1;
	/* Read it back, unless the call itself revoked the mapping. */
	if (mi >= 0 && !m->ep[m->map[mi].ep].revoked) {
		uint8_t page[FM_PAGE];
		int sig = st_poke(page, (const void *)ua, FM_PAGE);

		if (sig) {
			snprintf(msg, msize, "argument in the region: reading it back: %s",
				 strsignal(sig));
			return FZ_DIFF;
		}
		if (!fz_same(page, p->exp_map, FM_PAGE, &at)) {
			snprintf(msg, msize, "argument in the region, byte %zu (%s): %#x, want %#x",
				 at, fz_field(c->cmd, (unsigned int)at), page[at],
				 p->exp_map[at]);
			return FZ_DIFF;
		}
	}
	if (bufs && !fz_same(p->out, p->exp_out, OUTLEN, &at)) {
		snprintf(msg, msize, "%s byte %zu: %#x, want %#x",
			 at >= 2048 ? "LIST names" : at >= 1024 ? "INFO label" : "INFO context",
			 at % 1024, p->out[at], p->exp_out[at]);
		return FZ_DIFF;
	}
	return FZ_SAME;
}

/* The address of a tracked byte of a mapping, and its page in the region. */
static volatile unsigned char *fz_spot(const struct fm_map *mp,
				       const struct fz_call *c, uint64_t *rpage)
{
	uint64_t pages = (mp->len + FM_PAGE - 1) / FM_PAGE, pg = c->a % pages;

	*rpage = mp->off / FM_PAGE + pg;
	return (volatile unsigned char *)(mp->addr + pg * FM_PAGE +
					  fm_spot_off[c->b]);
}

static enum fz_verdict fz_other(struct fm_model *m, struct fz_proc *p,
				const struct fz_call *c, char *msg,
				size_t msize, long *wantp, long *gotp)
{
	int f = -1, mi = -1, slot, nf, e;
	long want = 0, got = 0;
	struct fm_map *mp = NULL;
	volatile unsigned char *spot;
	uint64_t rpage = 0;
	unsigned char val;
	void *addr;

	if (c->op >= FZ_MUNMAP && c->op <= FZ_PIN) {
		mi = fm_map_by_handle(m, c->target);
		if (mi < 0 || m->map[mi].proc != p->proc)
			return FZ_SKIPPED;
		mp = &m->map[mi];
	} else if (c->op != FZ_PARAM) {
		f = fm_fd_by_handle(m, c->target);
		if (f < 0 || m->fd[f].proc != p->proc)
			return FZ_SKIPPED;
	}
	switch (c->op) {
	case FZ_CLOSE:
		got = close(m->fd[f].fd) ? -errno : 0;
		fm_fd_close(m, f);
		break;
	case FZ_DUP:
		got = dup(m->fd[f].fd);
		if (got < 0) {
			got = -errno;
			break;
		}
		nf = fm_fd_new(m, p->proc, m->fd[f].ep, c->step, false);
		m->fd[nf].fd = (int)got;
		if (!fz_fd_flags(m, nf, msg, msize))
			return FZ_DIFF;
		want = got;
		break;
	case FZ_MMAP:
		want = fm_mmap(m, p->proc, m->fd[f].ep, c->a, c->b, c->c & 0xff,
			       (int)(c->c >> 8), c->step, &slot);
		addr = mmap(NULL, c->a, c->c & 0xff, (int)(c->c >> 8), m->fd[f].fd,
			    (off_t)c->b);
		got = addr == MAP_FAILED ? -errno : 0;
		if (slot >= 0)
			m->map[slot].addr = (uintptr_t)addr;
		else if (addr != MAP_FAILED)
			munmap(addr, c->a);
		break;
	case FZ_MUNMAP:
		got = munmap((void *)mp->addr, mp->len) ? -errno : 0;
		fm_munmap(m, mi);
		break;
	case FZ_READ:
		spot = fz_spot(mp, c, &rpage);
		want = !(mp->prot & PROT_READ) ? -SIGSEGV :
		       fm_map_read(m, mi, rpage, (int)c->b);
		e = st_peek(spot, &val);
		got = e ? -e : val;
		break;
	case FZ_WRITE:
		spot = fz_spot(mp, c, &rpage);
		val = (unsigned char)c->c;
		want = !(mp->prot & PROT_WRITE) ? -SIGSEGV :
		       fm_map_write(m, mi, rpage, (int)c->b, val);
		e = st_poke((volatile unsigned char *)spot, &val, 1);
		got = e ? -e : 0;
		break;
	case FZ_MPROTECT:
		want = fm_mprotect(m, mi, (int)c->a);
		got = mprotect((void *)mp->addr, mp->len, (int)c->a) ? -errno : 0;
		break;
	case FZ_PIN:
		/* No lasting page reference through a region, in any state. */
		want = -EFAULT;
		got = st_try_vmsplice((void *)mp->addr, FM_PAGE);
		if (got == -EFAULT) {
			got = st_try_process_vm_readv((void *)mp->addr, FM_PAGE);
			if (got == -ENOSYS)	/* no CROSS_MEMORY_ATTACH: no route */
				got = -EFAULT;
		}
		break;
	case FZ_POLL:
		want = fm_poll(m, m->fd[f].ep);
		got = st_poll1(m->fd[f].fd, ST_POLL_ALL, 0);
		break;
	case FZ_NONBLOCK:
		got = fcntl(m->fd[f].fd, F_SETFL, c->a ? O_NONBLOCK : 0) ? -errno : 0;
		m->ep[m->fd[f].ep].nonblock = c->a;
		break;
	case FZ_PARAM:
		got = st_param_write(fz_param_names[c->a], (long long)c->b);
		if (c->a == 0)
			m->lim.max_region = c->b;
		else if (c->a == 1)
			m->lim.max_total = c->b;
		else
			m->lim.max_channels = c->b;
		break;
	default:
		return FZ_SKIPPED;
	}
	*wantp = want;
	*gotp = got;
	if (got != want) {
		if (c->op == FZ_READ || c->op == FZ_WRITE)
			snprintf(msg, msize, "%s (region page %llu): %s, want %s",
				 got == -SIGBUS ? "SIGBUS" : got == -SIGSEGV ? "SIGSEGV" : "value",
				 (unsigned long long)rpage,
				 got < 0 ? strsignal((int)-got) : ename(got).s,
				 want < 0 ? strsignal((int)-want) : ename(want).s);
		else if (c->op == FZ_POLL)
			snprintf(msg, msize, "poll revents %#lx, want %#lx", got, want);
		else
			snprintf(msg, msize, "returned %s, want %s", ename(got).s, ename(want).s);
		return FZ_DIFF;
	}
	return FZ_SAME;
}

enum fz_verdict fz_exec(struct fm_model *m, struct fz_proc *p,
			const struct fz_call *c, char *msg, size_t msize,
			bool print, long *result)
{
	enum fz_verdict v;
	long want = 0, got = 0;
	char line[1200];

	msg[0] = 0;
	if (c->op == FZ_DEV || c->op == FZ_EP)
		v = fz_ioctl(m, p, c, msg, msize, &want, &got);
	else
		v = fz_other(m, p, c, msg, msize, &want, &got);
	*result = got;
	if (print && v != FZ_SKIPPED) {
		fz_format(c, line, sizeof(line));
		/* One write per line: the workers share the console. */
		fprintf(stderr, "# %s -> %s%s%s\n", line, ename(got).s,
			v == FZ_DIFF ? "   <== " : "", v == FZ_DIFF ? msg : "");
	}
	return v;
}
