// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_test_util.c - helpers shared by the SIPC kselftests (see the header).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>

#include "kselftest.h"
#include "sipc_test_util.h"

void sipc_require_device(void)
{
	if (access(SIPC_DEVICE_PATH, F_OK) == 0)
		return;
	ksft_print_header();
	ksft_exit_skip("%s missing: the sipc module is not loaded (insmod kmod/sipc.ko, or run the suite in the QEMU guest with `make check`)\n",
		       SIPC_DEVICE_PATH);
}

int sipc_ioctl(int fd, unsigned long cmd, void *arg)
{
	int ret = ioctl(fd, cmd, arg);

	return ret < 0 ? -errno : ret;
}

int sipc_dev_open(void)
{
	int fd = open(SIPC_DEVICE_PATH, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

void sipc_name(char name[SIPC_NAME_MAX], const char *tag)
{
	static unsigned int n;

	snprintf(name, SIPC_NAME_MAX, "%.24s.%d.%u", tag, (int)getpid(), ++n);
}

/* Names may be SIPC_NAME_MAX bytes without a NUL (bad-input tests). */
static void set_name(char dst[SIPC_NAME_MAX], const char *src)
{
	memset(dst, 0, SIPC_NAME_MAX);
	memcpy(dst, src, strnlen(src, SIPC_NAME_MAX));
}

int sipc_create(int dev, const char *name, __u64 region, __u32 depth,
		struct sipc_create *out)
{
	struct sipc_create cr = {
		.size = sizeof(cr),
		.region_size = region,
		.queue_depth = depth,
	};
	int ret;

	set_name(cr.name, name);
	ret = sipc_ioctl(dev, SIPC_IOC_CREATE, &cr);
	if (out)
		*out = cr;
	return ret;
}

static void sipc_ref(struct sipc_channel_ref *ref, const char *name,
		     __u32 flags)
{
	memset(ref, 0, sizeof(*ref));
	ref->size = sizeof(*ref);
	ref->flags = flags;
	set_name(ref->name, name);
}

int sipc_destroy(int dev, const char *name)
{
	struct sipc_channel_ref ref;

	sipc_ref(&ref, name, 0);
	return sipc_ioctl(dev, SIPC_IOC_DESTROY, &ref);
}

int sipc_attach(int dev, const char *name, int role, __u32 flags)
{
	struct sipc_channel_ref ref;

	sipc_ref(&ref, name, flags);
	return sipc_ioctl(dev, role == SIPC_ROLE_SENDER ?
			  SIPC_IOC_ATTACH_SENDER : SIPC_IOC_ATTACH_RECEIVER,
			  &ref);
}

int sipc_info(int dev, const char *name, struct sipc_info *info)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	set_name(info->name, name);
	return sipc_ioctl(dev, SIPC_IOC_INFO, info);
}

int sipc_ep_info(int fd, struct sipc_ep_info *ei)
{
	memset(ei, 0, sizeof(*ei));
	ei->size = sizeof(*ei);
	return sipc_ioctl(fd, SIPC_IOC_EP_INFO, ei);
}

int sipc_send(int fd, __u32 type, __u32 len, __u64 off, __u32 flags,
	      __u64 *seq)
{
	struct sipc_msg m = {
		.size = sizeof(m),
		.flags = flags,
		.type = type,
		.len = len,
		.offset = off,
	};
	int ret = sipc_ioctl(fd, SIPC_IOC_SEND, &m);

	if (!ret && seq)
		*seq = m.seq;
	return ret;
}

int sipc_recv(int fd, __u32 flags, struct sipc_msg *msg)
{
	memset(msg, 0, sizeof(*msg));
	msg->size = sizeof(*msg);
	msg->flags = flags;
	return sipc_ioctl(fd, SIPC_IOC_RECV, msg);
}

int sipc_version(int fd, struct sipc_version *v)
{
	memset(v, 0, sizeof(*v));
	v->size = sizeof(*v);
	return sipc_ioctl(fd, SIPC_IOC_VERSION, v);
}

int sipc_list(int dev, char (*names)[SIPC_NAME_MAX], __u32 *count,
	      __u32 *total)
{
	struct sipc_list l = {
		.size = sizeof(l),
		.names = (__u64)(uintptr_t)names,
		.count = *count,
	};
	int ret = sipc_ioctl(dev, SIPC_IOC_LIST, &l);

	if (!ret) {
		*count = l.count;
		if (total)
			*total = l.total;
	}
	return ret;
}

int sipc_listed(int dev, const char *name)
{
	char (*names)[SIPC_NAME_MAX];
	__u32 count = 0, total = 0, i;
	int ret = sipc_list(dev, NULL, &count, &total);

	if (ret)
		return ret;
	count = total + 8;
	names = calloc(count, SIPC_NAME_MAX);
	if (!names)
		return -ENOMEM;
	ret = sipc_list(dev, names, &count, &total);
	if (!ret) {
		for (i = 0; i < count; i++)
			if (!strncmp(names[i], name, SIPC_NAME_MAX))
				ret = 1;
	}
	free(names);
	return ret;
}

void *sipc_map(int fd, size_t len, int prot, off_t off)
{
	return mmap(NULL, len, prot, MAP_SHARED, fd, off);
}

int sipc_poll1(int fd, short events, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = events };
	int ret = poll(&p, 1, timeout_ms);

	if (ret < 0)
		return -errno;
	return ret ? p.revents : 0;
}

/* ---- counters and parameters ---- */

static long long read_ll(const char *path)
{
	char buf[64];
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return n < 0 ? -errno : -EIO;
	buf[n] = 0;
	return strtoll(buf, NULL, 0);
}

int sipc_counters_read(struct sipc_counters *c)
{
	c->channels = read_ll(SIPC_SYSFS_DIR "/channels");
	c->endpoints = read_ll(SIPC_SYSFS_DIR "/endpoints");
	c->region_bytes = read_ll(SIPC_SYSFS_DIR "/region_bytes");
	if (c->channels < 0)
		return (int)c->channels;
	if (c->endpoints < 0)
		return (int)c->endpoints;
	if (c->region_bytes < 0)
		return (int)c->region_bytes;
	return 0;
}

static bool counters_eq(const struct sipc_counters *a,
			const struct sipc_counters *b)
{
	return a->channels == b->channels && a->endpoints == b->endpoints &&
	       a->region_bytes == b->region_bytes;
}

int sipc_counters_wait(const struct sipc_counters *want,
		       struct sipc_counters *now, int timeout_ms)
{
	int waited = 0;

	for (;;) {
		if (sipc_counters_read(now) == 0 && counters_eq(want, now))
			return 0;
		if (waited >= timeout_ms)
			return -EAGAIN;
		sipc_msleep(10);
		waited += 10;
	}
}

void sipc_counters_log(const char *what, const struct sipc_counters *c)
{
	fprintf(stderr, "# %s: channels %lld endpoints %lld region_bytes %lld\n",
		what, c->channels, c->endpoints, c->region_bytes);
}

long long sipc_param_read(const char *param)
{
	char path[128];

	snprintf(path, sizeof(path), SIPC_PARAM_DIR "/%s", param);
	return read_ll(path);
}

int sipc_param_write(const char *param, long long value)
{
	char path[128], buf[32];
	int fd, len, ret = 0;

	snprintf(path, sizeof(path), SIPC_PARAM_DIR "/%s", param);
	len = snprintf(buf, sizeof(buf), "%lld\n", value);
	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, buf, len) != len)
		ret = -errno ? -errno : -EIO;
	close(fd);
	return ret;
}

/* ---- the channel bundle ---- */

void sipc_chan_unmap_snd(struct sipc_chan *c)
{
	if (c->smap)
		munmap(c->smap, c->region);
	c->smap = NULL;
}

void sipc_chan_unmap_rcv(struct sipc_chan *c)
{
	if (c->rmap)
		munmap((void *)c->rmap, c->region);
	c->rmap = NULL;
}

int sipc_chan_open(struct sipc_chan *c, const char *tag, __u64 region,
		   __u32 depth)
{
	struct sipc_create cr;
	void *m;
	int ret;

	memset(c, 0, sizeof(*c));
	c->snd = c->rcv = c->dev = -1;
	ret = sipc_dev_open();
	if (ret < 0)
		return ret;
	c->dev = ret;
	sipc_name(c->name, tag);
	ret = sipc_create(c->dev, c->name, region, depth, &cr);
	if (ret)
		goto err;
	c->region = cr.region_size;
	c->depth = cr.queue_depth;
	ret = sipc_attach(c->dev, c->name, SIPC_ROLE_SENDER, 0);
	if (ret < 0)
		goto err;
	c->snd = ret;
	ret = sipc_attach(c->dev, c->name, SIPC_ROLE_RECEIVER, 0);
	if (ret < 0)
		goto err;
	c->rcv = ret;
	m = sipc_map(c->snd, c->region, PROT_READ | PROT_WRITE, 0);
	if (m == MAP_FAILED) {
		ret = -errno;
		goto err;
	}
	c->smap = m;
	m = sipc_map(c->rcv, c->region, PROT_READ, 0);
	if (m == MAP_FAILED) {
		ret = -errno;
		goto err;
	}
	c->rmap = m;
	return 0;
err:
	fprintf(stderr, "# sipc_chan_open(%s): %s\n", c->name, strerror(-ret));
	sipc_chan_close(c);
	return ret;
}

void sipc_chan_close(struct sipc_chan *c)
{
	sipc_chan_unmap_snd(c);
	sipc_chan_unmap_rcv(c);
	if (c->snd > 0)
		close(c->snd);
	if (c->rcv > 0)
		close(c->rcv);
	c->snd = c->rcv = -1;
	if (c->dev > 0) {
		if (c->name[0])
			sipc_destroy(c->dev, c->name);
		close(c->dev);
	}
	c->dev = -1;
}

int sipc_chan_works(struct sipc_chan *c)
{
	static unsigned int nonce = 0x51c;
	unsigned char *smap = c->smap;
	const unsigned char *rmap = c->rmap;
	__u32 len = c->region < 200 ? (__u32)c->region : 200;
	__u64 off = c->region - len, seq = 0, key = ++nonce + getpid();
	struct sipc_msg m;
	long bad;
	int ret;

	if (!smap)
		smap = sipc_map(c->snd, c->region, PROT_READ | PROT_WRITE, 0);
	if (!rmap)
		rmap = sipc_map(c->rcv, c->region, PROT_READ, 0);
	if (smap == MAP_FAILED || rmap == MAP_FAILED) {
		ret = -errno;
		fprintf(stderr, "# works: mmap: %s\n", strerror(errno));
		goto out;
	}
	sipc_fill(smap + off, len, key);
	ret = sipc_send(c->snd, SIPC_MSG_DATA_READY, len, off,
			SIPC_MSG_F_NONBLOCK, &seq);
	if (ret) {
		fprintf(stderr, "# works: SEND: %s\n", strerror(-ret));
		goto out;
	}
	ret = sipc_recv(c->rcv, SIPC_MSG_F_NONBLOCK, &m);
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
	bad = sipc_check(rmap + off, len, key);
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

/* ---- pattern ---- */

void sipc_fill(unsigned char *p, size_t len, __u64 seq)
{
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = sipc_pat(seq, i);
}

long sipc_check(const volatile unsigned char *p, size_t len, __u64 seq)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (p[i] != sipc_pat(seq, i))
			return (long)i;
	return -1;
}

/* ---- processes ---- */

void sipc_msleep(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

pid_t sipc_fork(void)
{
	pid_t parent = getpid(), pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		if (prctl(PR_SET_PDEATHSIG, SIGKILL) || getppid() != parent)
			_exit(99);
	}
	return pid;
}

int sipc_reap(pid_t pid, int timeout_ms)
{
	int status, waited = 0;

	for (;;) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid)
			break;
		if (r < 0)
			return -errno;
		if (waited >= timeout_ms)
			return -ETIMEDOUT;
		sipc_msleep(5);
		waited += 5;
	}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 128 + WTERMSIG(status);
}

void sipc_kill(pid_t pid)
{
	if (pid <= 0)
		return;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}

bool sipc_alive(pid_t pid)
{
	siginfo_t si;

	memset(&si, 0, sizeof(si));
	if (waitid(P_PID, pid, &si, WEXITED | WNOHANG | WNOWAIT))
		return false;
	return si.si_pid == 0;
}

static int read_small(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	return 0;
}

static char proc_state(pid_t pid)
{
	char path[64], buf[512], *p;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	if (read_small(path, buf, sizeof(buf)))
		return '?';
	p = strrchr(buf, ')');
	return p && p[1] && p[2] ? p[2] : '?';
}

static void proc_syscall(pid_t pid, char *buf, size_t size)
{
	char path[64];

	snprintf(path, sizeof(path), "/proc/%d/syscall", (int)pid);
	if (read_small(path, buf, size))
		snprintf(buf, size, "?");
}

bool sipc_in_ioctl(pid_t pid, unsigned long cmd)
{
	char buf[256];
	unsigned long a0, a1;
	long nr;

	if (!sipc_alive(pid) || proc_state(pid) != 'S')
		return false;
	proc_syscall(pid, buf, sizeof(buf));
	if (sscanf(buf, "%ld 0x%lx 0x%lx", &nr, &a0, &a1) != 3)
		return false;
	return nr == SYS_ioctl && a1 == cmd;
}

int sipc_wait_blocked(pid_t pid, unsigned long cmd, int timeout_ms)
{
	char buf[256];
	int waited = 0;

	while (!sipc_in_ioctl(pid, cmd)) {
		if (waited >= timeout_ms || !sipc_alive(pid)) {
			proc_syscall(pid, buf, sizeof(buf));
			fprintf(stderr, "# pid %d not asleep in ioctl 0x%lx: alive %d state %c syscall %s\n",
				(int)pid, cmd, sipc_alive(pid), proc_state(pid),
				buf);
			return -ETIMEDOUT;
		}
		sipc_msleep(5);
		waited += 5;
	}
	return 0;
}

bool sipc_still_blocked(pid_t pid, unsigned long cmd, int ms)
{
	sipc_msleep(ms);
	if (sipc_in_ioctl(pid, cmd))
		return true;
	return sipc_wait_blocked(pid, cmd, 0) == 0;
}

int sipc_pin_one_cpu(void)
{
	cpu_set_t set;
	int cpu;

	if (sched_getaffinity(0, sizeof(set), &set))
		return -errno;
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &set))
			break;
	if (cpu == CPU_SETSIZE)
		return -EINVAL;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return sched_setaffinity(0, sizeof(set), &set) ? -errno : 0;
}

int sipc_put(int fd, int val)
{
	return write(fd, &val, sizeof(val)) == sizeof(val) ? 0 : -EPIPE;
}

int sipc_get(int fd, int *val, int timeout_ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	ssize_t n;
	int ret;

	do
		ret = poll(&p, 1, timeout_ms);
	while (ret < 0 && errno == EINTR);
	if (ret == 0)
		return -ETIMEDOUT;
	n = read(fd, val, sizeof(*val));
	if (n == sizeof(*val))
		return 0;
	return -EPIPE;
}

/* ---- a peer making one call ---- */

static int peer_sig_wr = -1;

static void peer_on_sigusr1(int sig)
{
	int saved = errno;
	ssize_t n;

	n = write(peer_sig_wr, &sig, sizeof(sig));
	(void)n;	/* nothing to do about a full pipe in a handler */
	errno = saved;
}

int sipc_peer_start(struct sipc_peer *p, int fd, unsigned long cmd,
		    const struct sipc_msg *msg, int sigmode)
{
	int res[2], sig[2];

	p->pid = -1;
	p->rd = p->sig_rd = -1;
	if (pipe2(res, O_CLOEXEC))
		return -errno;
	if (pipe2(sig, O_CLOEXEC)) {
		close(res[0]);
		close(res[1]);
		return -errno;
	}
	p->pid = sipc_fork();
	if (p->pid < 0)
		return -errno;
	if (p->pid == 0) {
		struct sipc_msg m;
		struct sigaction sa;
		int ret;

		close(res[0]);
		close(sig[0]);
		peer_sig_wr = sig[1];
		if (sigmode != SIPC_PEER_NOSIG) {
			memset(&sa, 0, sizeof(sa));
			sa.sa_handler = peer_on_sigusr1;
			sa.sa_flags = sigmode == SIPC_PEER_SIG_RESTART ?
				      SA_RESTART : 0;
			sigaction(SIGUSR1, &sa, NULL);
		}
		if (msg) {
			m = *msg;
		} else {
			memset(&m, 0, sizeof(m));
			m.size = sizeof(m);
		}
		ret = sipc_ioctl(fd, cmd, &m);
		if (write(res[1], &m, sizeof(m)) != sizeof(m))
			_exit(98);
		_exit(ret < 0 ? -ret : 0);
	}
	close(res[1]);
	close(sig[1]);
	p->rd = res[0];
	p->sig_rd = sig[0];
	return 0;
}

int sipc_peer_handled(struct sipc_peer *p, int timeout_ms)
{
	int v;

	return sipc_get(p->sig_rd, &v, timeout_ms);
}

int sipc_peer_finish(struct sipc_peer *p, struct sipc_msg *out,
		     int timeout_ms)
{
	struct sipc_msg m;
	int code;

	if (p->pid <= 0)
		return -ECHILD;
	code = sipc_reap(p->pid, timeout_ms);
	if (code == -ETIMEDOUT)
		return code;
	p->pid = -1;
	if (code >= 128)
		return code;			/* killed by a signal */
	if (code >= 98)
		return 1000 + code;		/* could not report */
	code = -code;				/* the call's errno, or 0 */
	if (read(p->rd, &m, sizeof(m)) == sizeof(m)) {
		if (out)
			*out = m;
	} else {
		return 1000;
	}
	return code;
}

void sipc_peer_kill(struct sipc_peer *p)
{
	if (p->pid > 0)
		sipc_kill(p->pid);
	p->pid = -1;
	if (p->rd >= 0)
		close(p->rd);
	if (p->sig_rd >= 0)
		close(p->sig_rd);
	p->rd = p->sig_rd = -1;
}

/* ---- protocol ---- */

void sipc_proto_shape(unsigned long i, size_t region, __u64 *off, __u32 *len)
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

int sipc_proto_send(int snd, unsigned char *map, __u64 off, __u32 len,
		    __u64 dr_seq)
{
	__u64 seq = 0;
	int ret, k;

	sipc_fill(map + off, len, dr_seq);
	ret = sipc_send(snd, SIPC_MSG_DATA_READY, len, off, 0, &seq);
	if (ret || seq != dr_seq)
		goto bad;
	for (k = 1; k <= 2; k++) {
		ret = sipc_send(snd, SIPC_MSG_NOOP, 0, 0, 0, &seq);
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

int sipc_proto_recv(int rcv, const unsigned char *map, __u64 off, __u32 len,
		    __u64 dr_seq)
{
	struct sipc_msg m;
	long bad;
	int ret, k;

	ret = sipc_recv(rcv, 0, &m);
	if (ret || m.type != SIPC_MSG_DATA_READY || m.seq != dr_seq ||
	    m.len != len || m.offset != off)
		goto bad;
	bad = sipc_check(map + off, len, dr_seq);
	if (bad >= 0) {
		fprintf(stderr, "# receiver round %llu (off %llu len %u): byte %ld is 0x%02x, want 0x%02x\n",
			(unsigned long long)dr_seq, (unsigned long long)off,
			len, bad, map[off + bad], sipc_pat(dr_seq, bad));
		return -EPROTO;
	}
	for (k = 1; k <= 2; k++) {
		ret = sipc_recv(rcv, 0, &m);
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
