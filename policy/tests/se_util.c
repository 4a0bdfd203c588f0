// SPDX-License-Identifier: GPL-2.0-only
/*
 * se_util.c - helpers of the SELinux guest tests (see se_util.h).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <sys/xattr.h>
#include "se_util.h"

#define SELINUXFS	"/sys/fs/selinux"

static const char *se_dir(void)
{
	const char *d = getenv("SIPC_SE_DIR");

	return d && *d ? d : SE_DIR_DEFAULT;
}

static int write_str(const char *path, const char *s)
{
	size_t len = strlen(s);
	ssize_t n;
	int fd, err = 0;

	fd = open(path, O_WRONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, s, len);
	if (n < 0)
		err = -errno;
	else if ((size_t)n != len)
		err = -EIO;
	close(fd);
	return err;
}

static int read_str(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

bool se_policy_loaded(void)
{
	struct dirent *de;
	bool any = false;
	DIR *d;

	d = opendir(SELINUXFS "/class");
	if (!d)
		return false;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.') {
			any = true;
			break;
		}
	closedir(d);
	return any;
}

int se_load_policy(const char *name)
{
	char path[256];
	struct stat st;
	char *buf;
	ssize_t n;
	int fd, err = 0;

	snprintf(path, sizeof(path), "%s/%s.33", se_dir(), name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstat(fd, &st) || st.st_size <= 0) {
		close(fd);
		return -EINVAL;
	}
	buf = malloc(st.st_size);
	if (!buf) {
		close(fd);
		return -ENOMEM;
	}
	n = read(fd, buf, st.st_size);
	close(fd);
	if (n != st.st_size) {
		free(buf);
		return n < 0 ? -errno : -EIO;
	}
	/* The policy must reach selinuxfs in one write(). */
	fd = open(SELINUXFS "/load", O_WRONLY | O_CLOEXEC);
	if (fd < 0) {
		err = -errno;
	} else {
		n = write(fd, buf, st.st_size);
		if (n < 0)
			err = -errno;
		else if (n != st.st_size)
			err = -EIO;
		close(fd);
	}
	free(buf);
	return err;
}

int se_setenforce(int value)
{
	return write_str(SELINUXFS "/enforce", value ? "1" : "0");
}

int se_getenforce(void)
{
	char buf[16];
	int err = read_str(SELINUXFS "/enforce", buf, sizeof(buf));

	return err ? err : atoi(buf);
}

int se_setbool(const char *name, int value)
{
	char path[256];
	int err;

	snprintf(path, sizeof(path), SELINUXFS "/booleans/%s", name);
	err = write_str(path, value ? "1" : "0");
	if (!err)
		err = write_str(SELINUXFS "/commit_pending_bools", "1");
	return err;
}

int se_module_reload(void)
{
	const char *ko = getenv("SIPC_KO");
	int fd, err = 0;

	if (!ko || !*ko)
		ko = "/lib/sipc/sipc.ko";
	if (syscall(SYS_delete_module, "sipc", O_NONBLOCK) && errno != ENOENT)
		return -errno;
	fd = open(ko, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (syscall(SYS_finit_module, fd, "", 0))
		err = -errno;
	close(fd);
	return err;
}

int se_path_label(const char *path, char *buf, size_t size)
{
	ssize_t n = getxattr(path, "security.selinux", buf, size - 1);

	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

int se_fd_label(int fd, char *buf, size_t size)
{
	ssize_t n = fgetxattr(fd, "security.selinux", buf, size - 1);

	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

const char *se_type_of(const char *context)
{
	const char *p = context;
	int i;

	/* user:role:type[:level] */
	for (i = 0; i < 2 && p; i++) {
		p = strchr(p, ':');
		if (p)
			p++;
	}
	return p ? p : "";
}

int se_baseline(const char **why)
{
	char label[256];
	int err;

	*why = "load policy A";
	err = se_load_policy("A");
	if (err)
		return err;
	/* A policy load keeps the current value of every boolean it knows:
	 * set the default again. */
	*why = "set sipc_test_a_ioctl";
	err = se_setbool("sipc_test_a_ioctl", 1);
	if (err)
		return err;
	*why = "setenforce 1";
	err = se_setenforce(1);
	if (err)
		return err;
	*why = "label of /dev/sipc";
	err = se_path_label(SIPC_DEVICE_PATH, label, sizeof(label));
	if (err)
		return err;
	if (!strncmp(se_type_of(label), "sipc_device_t", 13))
		return 0;
	/* Loaded before the policy: have the node made again. */
	*why = "reload sipc.ko";
	err = se_module_reload();
	if (err)
		return err;
	*why = "label of /dev/sipc after reload";
	err = se_path_label(SIPC_DEVICE_PATH, label, sizeof(label));
	if (err)
		return err;
	return strcmp(se_type_of(label), "sipc_device_t") ? -EPROTO : 0;
}

int se_setcon(const char *type)
{
	char want[256], got[256];
	int err;

	snprintf(want, sizeof(want), SE_USER_ROLE "%s", type);
	err = write_str("/proc/self/attr/current", want);
	if (err)
		return err;
	err = read_str("/proc/self/attr/current", got, sizeof(got));
	if (err)
		return err;
	return strcmp(got, want) ? -EPROTO : 0;
}

pid_t se_spawn(const char *type, int (*fn)(void *arg), void *arg)
{
	pid_t parent = getpid();
	pid_t pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid)
		return pid;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != parent)
		_exit(SE_EXIT_SETCON);
	if (se_setcon(type))
		_exit(SE_EXIT_SETCON);
	_exit(fn(arg) & 0xff);
}

int se_wait(pid_t pid, int timeout_ms)
{
	long end = now_ms() + timeout_ms;
	int status;
	pid_t r;

	if (pid < 0)
		return -ECHILD;
	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		if (r < 0)
			return -errno;
		if (now_ms() > end) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return -ETIMEDOUT;
		}
		sleep_ms(2);
	}
	if (WIFSIGNALED(status))
		return SE_KILLED_BY(WTERMSIG(status));
	return WEXITSTATUS(status);
}

int se_run(const char *type, int (*fn)(void *arg), void *arg)
{
	return se_wait(se_spawn(type, fn, arg), 20000);
}

int se_wait_blocked_in_ioctl(pid_t pid, int timeout_ms)
{
	long end = now_ms() + timeout_ms;
	char path[64], buf[512], *p;
	long nr;

	while (now_ms() <= end) {
		snprintf(path, sizeof(path), "/proc/%d/syscall", pid);
		if (read_str(path, buf, sizeof(buf)))
			return -ESRCH;
		nr = strtol(buf, &p, 10);
		if (p != buf && nr == SYS_ioctl) {
			snprintf(path, sizeof(path), "/proc/%d/stat", pid);
			if (read_str(path, buf, sizeof(buf)))
				return -ESRCH;
			/* "pid (comm) S ...": the state follows the last ')'. */
			p = strrchr(buf, ')');
			if (p && p[1] == ' ' && p[2] == 'S')
				return 0;
		}
		sleep_ms(5);
	}
	return -ETIMEDOUT;
}

int se_wait_flag(volatile int *flag, int timeout_ms)
{
	long end = now_ms() + timeout_ms;

	while (!__atomic_load_n(flag, __ATOMIC_ACQUIRE)) {
		if (now_ms() > end)
			return -ETIMEDOUT;
		sleep_ms(1);
	}
	return 0;
}

void *se_shared_alloc(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_SHARED | MAP_ANONYMOUS, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

/* The whole kernel log, NUL-terminated; free() it. */
static char *klog_read(void)
{
	int size = klogctl(10 /* SYSLOG_ACTION_SIZE_BUFFER */, NULL, 0);
	char *buf;
	int n;

	if (size <= 0)
		size = 1 << 20;
	buf = malloc(size + 1);
	if (!buf)
		return NULL;
	n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, buf, size);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

static bool avc_line_matches(const char *line, const struct se_avc *a)
{
	char want[160];
	const char *open, *close;

	if (!strstr(line, "avc:  denied  {"))
		return false;
	if (a->pid) {
		snprintf(want, sizeof(want), " pid=%d ", a->pid);
		if (!strstr(line, want))
			return false;
	}
	if (a->perm) {
		open = strstr(line, "denied  {");
		close = open ? strchr(open, '}') : NULL;
		snprintf(want, sizeof(want), " %s ", a->perm);
		if (!close)
			return false;
		open = strstr(open, want);
		if (!open || open > close)
			return false;
	}
	if (a->ioctlcmd) {
		snprintf(want, sizeof(want), " ioctlcmd=0x%x ", a->ioctlcmd);
		if (!strstr(line, want))
			return false;
	}
	if (a->stype) {
		snprintf(want, sizeof(want), " scontext=" SE_USER_ROLE "%s ",
			 a->stype);
		if (!strstr(line, want))
			return false;
	}
	if (a->ttype) {
		snprintf(want, sizeof(want), " tcontext=" SE_OBJECT "%s ",
			 a->ttype);
		if (!strstr(line, want))
			return false;
	}
	if (a->tclass) {
		snprintf(want, sizeof(want), " tclass=%s ", a->tclass);
		if (!strstr(line, want))
			return false;
	}
	return true;
}

/* First line of the log that matches, copied to @line; 0 or -ENOENT. */
static int avc_search(const struct se_avc *a, char *line, size_t size)
{
	char *log = klog_read(), *p, *nl;
	int err = -ENOENT;

	if (!log)
		return -EIO;
	for (p = log; p && *p; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		if (avc_line_matches(p, a)) {
			if (line)
				snprintf(line, size, "%s", p);
			err = 0;
			break;
		}
	}
	free(log);
	return err;
}

int se_avc_wait(const struct se_avc *avc, int timeout_ms, char *line,
		size_t size)
{
	long end = now_ms() + timeout_ms;
	int err;

	for (;;) {
		err = avc_search(avc, line, size);
		if (err != -ENOENT || now_ms() > end)
			return err;
		sleep_ms(20);
	}
}

bool se_avc_any(pid_t pid)
{
	struct se_avc a = { .pid = pid };

	return avc_search(&a, NULL, 0) == 0;
}

/* ---- /dev/sipc ---- */

static int xioctl(int fd, unsigned long cmd, void *arg)
{
	int r = ioctl(fd, cmd, arg);

	return r < 0 ? -errno : r;
}

static void ref_init(struct sipc_channel_ref *r, const char *name,
		     uint32_t flags)
{
	memset(r, 0, sizeof(*r));
	r->size = sizeof(*r);
	r->flags = flags;
	snprintf(r->name, sizeof(r->name), "%s", name);
}

int sipc_dev_open(void)
{
	int fd = open(SIPC_DEVICE_PATH, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

int sipc_create(int dev, const char *name, uint64_t size, uint32_t depth)
{
	struct sipc_create c;

	memset(&c, 0, sizeof(c));
	c.size = sizeof(c);
	c.region_size = size;
	c.queue_depth = depth;
	snprintf(c.name, sizeof(c.name), "%s", name);
	return xioctl(dev, SIPC_IOC_CREATE, &c);
}

int sipc_destroy(int dev, const char *name)
{
	struct sipc_channel_ref r;

	ref_init(&r, name, 0);
	return xioctl(dev, SIPC_IOC_DESTROY, &r);
}

int sipc_attach(int dev, const char *name, int role, uint32_t flags)
{
	struct sipc_channel_ref r;

	ref_init(&r, name, flags);
	return xioctl(dev, role == SIPC_ROLE_SENDER ? SIPC_IOC_ATTACH_SENDER :
					      SIPC_IOC_ATTACH_RECEIVER, &r);
}

int sipc_revoke(int dev, const char *name, uint32_t flags)
{
	struct sipc_channel_ref r;

	ref_init(&r, name, flags);
	return xioctl(dev, SIPC_IOC_REVOKE, &r);
}

int sipc_list_total(int dev)
{
	struct sipc_list l;
	int err;

	memset(&l, 0, sizeof(l));
	l.size = sizeof(l);
	err = xioctl(dev, SIPC_IOC_LIST, &l);
	return err ? err : (int)l.total;
}

int sipc_version(int fd)
{
	struct sipc_version v;
	int err;

	memset(&v, 0, sizeof(v));
	v.size = sizeof(v);
	err = xioctl(fd, SIPC_IOC_VERSION, &v);
	return err ? err : (int)v.api_version;
}

int sipc_info(int dev, const char *name, struct sipc_info *info,
	      char *context, size_t csize, char *label, size_t lsize)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	snprintf(info->name, sizeof(info->name), "%s", name);
	info->context = (uintptr_t)context;
	info->context_size = context ? csize : 0;
	info->label = (uintptr_t)label;
	info->label_size = label ? lsize : 0;
	return xioctl(dev, SIPC_IOC_INFO, info);
}

int sipc_send(int ep, uint32_t type, uint32_t len, uint64_t offset,
	      uint32_t flags, uint64_t *seq)
{
	struct sipc_msg m;
	int err;

	memset(&m, 0, sizeof(m));
	m.size = sizeof(m);
	m.flags = flags;
	m.type = type;
	m.len = len;
	m.offset = offset;
	err = xioctl(ep, SIPC_IOC_SEND, &m);
	if (!err && seq)
		*seq = m.seq;
	return err;
}

int sipc_recv(int ep, struct sipc_msg *m, uint32_t flags)
{
	memset(m, 0, sizeof(*m));
	m->size = sizeof(*m);
	m->flags = flags;
	return xioctl(ep, SIPC_IOC_RECV, m);
}

int sipc_ep_info(int ep, struct sipc_ep_info *info)
{
	memset(info, 0, sizeof(*info));
	info->size = sizeof(*info);
	return xioctl(ep, SIPC_IOC_EP_INFO, info);
}

int sipc_map_ioctl(int ep)
{
	return xioctl(ep, SIPC_IOC_MAP, NULL);
}

void sipc_cleanup(const char *name)
{
	int dev = sipc_dev_open();

	if (dev < 0)
		return;
	sipc_destroy(dev, name);
	close(dev);
}

void se_chan_name(char *buf, size_t size, const char *tag)
{
	snprintf(buf, size, "se-%s-%d", tag, getpid());
}
