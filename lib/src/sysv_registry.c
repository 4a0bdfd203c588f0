// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * sysv_registry.c - channel names for the sysv backend (see sysv.h).
 *
 * Layout of $SIPC_SYSV_DIR (default /tmp/sipc-sysv-EUID):
 *   NAME.chan              a channel; text, one "key value" per line
 *   NAME.XXXXXXXX.tmp      an entry being written (never read)
 *   NAME.XXXXXXXX.dead     an entry being destroyed (never read by name)
 * Only files ending in ".chan" are channels, and no channel file name can
 * end in ".tmp" or ".dead", so the three never collide.
 *
 * Deliberately left out: locking.  Creation is link(), destruction is
 * rename(); both are atomic, so racing helpers need no lock.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "sysv.h"

#define ENTRY_MAGIC	"sipc-sysv 1"
#define ENTRY_MAX	(SYSV_CONTEXT_MAX + 512)

uint64_t sysv_random(void)
{
	struct timespec ts;
	uint64_t v;

	if (getrandom(&v, sizeof(v), GRND_NONBLOCK) == sizeof(v))
		return v;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_nsec * 0x9e3779b97f4a7c15ULL ^
	       (uint64_t)getpid() << 32 ^ (uint64_t)ts.tv_sec;
}

void sysv_entry_file(char *buf, const char *name)
{
	snprintf(buf, SYSV_FILE_MAX, "%s.chan", name);
}

int sysv_reg_open(bool create)
{
	const char *env = secure_getenv("SIPC_SYSV_DIR");
	bool own = !env || !*env;
	char path[64];
	struct stat st;
	int fd;

	if (own) {
		snprintf(path, sizeof(path), "/tmp/sipc-sysv-%u", (unsigned int)geteuid());
		env = path;
	}
	if (create && mkdir(env, 0700) < 0 && errno != EEXIST)
		return -errno;
	/* Our default lives in a shared /tmp: refuse someone else's directory. */
	fd = open(env, O_RDONLY | O_DIRECTORY | O_CLOEXEC | (own ? O_NOFOLLOW : 0));
	if (fd < 0)
		return -errno;
	if (own && (fstat(fd, &st) < 0 || st.st_uid != geteuid() ||
		    (st.st_mode & (S_IWGRP | S_IWOTH)))) {
		close(fd);
		return -EACCES;
	}
	return fd;
}

/* Write the whole of buf to fd. */
static int write_all(int fd, const char *buf, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, buf, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -errno;
		buf += n;
		len -= (size_t)n;
	}
	return 0;
}

int sysv_reg_add(int dirfd, const char *name, const struct sysv_entry *e)
{
	char tmp[SYSV_FILE_MAX], file[SYSV_FILE_MAX], text[ENTRY_MAX];
	int fd, len, r;

	len = snprintf(text, sizeof(text),
		       ENTRY_MAGIC "\nid %016llx\nmsqid %d\nshmid %d\nsize %llu\n"
		       "depth %u\npid %u\nuid %u\ncontext %s\n",
		       (unsigned long long)e->id, e->msqid, e->shmid,
		       (unsigned long long)e->size, e->depth, e->pid, e->uid,
		       e->context);
	if (len < 0 || (size_t)len >= sizeof(text))
		return -EINVAL;
	do {
		snprintf(tmp, sizeof(tmp), "%s.%08x.tmp", name, (unsigned int)sysv_random());
		fd = openat(dirfd, tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	} while (fd < 0 && errno == EEXIST);
	if (fd < 0)
		return -errno;
	r = write_all(fd, text, (size_t)len);
	if (close(fd) < 0 && !r)
		r = -errno;
	if (!r) {
		sysv_entry_file(file, name);
		r = linkat(dirfd, tmp, dirfd, file, 0) < 0 ? -errno : 0;
	}
	unlinkat(dirfd, tmp, 0);
	return r;
}

/* Parse "key value" lines into e; 0 or -EPROTO. */
static int parse_entry(char *text, struct sysv_entry *e)
{
	unsigned int seen = 0;
	char *line, *val, *save;

	memset(e, 0, sizeof(*e));
	line = strtok_r(text, "\n", &save);
	if (!line || strcmp(line, ENTRY_MAGIC))
		return -EPROTO;
	while ((line = strtok_r(NULL, "\n", &save))) {
		val = strchr(line, ' ');
		if (!val)
			continue;
		*val++ = '\0';
		if (!strcmp(line, "id"))
			e->id = strtoull(val, NULL, 16);
		else if (!strcmp(line, "msqid"))
			e->msqid = (int)strtol(val, NULL, 10), seen |= 1;
		else if (!strcmp(line, "shmid"))
			e->shmid = (int)strtol(val, NULL, 10), seen |= 2;
		else if (!strcmp(line, "size"))
			e->size = strtoull(val, NULL, 10), seen |= 4;
		else if (!strcmp(line, "depth"))
			e->depth = (unsigned int)strtoul(val, NULL, 10), seen |= 8;
		else if (!strcmp(line, "pid"))
			e->pid = (uint32_t)strtoul(val, NULL, 10);
		else if (!strcmp(line, "uid"))
			e->uid = (uint32_t)strtoul(val, NULL, 10);
		else if (!strcmp(line, "context"))
			snprintf(e->context, sizeof(e->context), "%s", val);
	}
	if (seen != 15 || !e->size || !e->depth || e->depth > SIPC_QUEUE_DEPTH_MAX)
		return -EPROTO;
	return 0;
}

int sysv_reg_read(int dirfd, const char *file, struct sysv_entry *e)
{
	char text[ENTRY_MAX];
	size_t len = 0;
	ssize_t n;
	int fd, r = 0;

	fd = openat(dirfd, file, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	if (fd < 0)
		return -errno;
	while (len < sizeof(text) - 1) {
		n = read(fd, text + len, sizeof(text) - 1 - len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			r = -errno;
		if (n <= 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	if (r)
		return r;
	text[len] = '\0';
	return parse_entry(text, e);
}

int sysv_reg_take(int dirfd, const char *name, char *dead)
{
	char file[SYSV_FILE_MAX];

	sysv_entry_file(file, name);
	snprintf(dead, SYSV_FILE_MAX, "%s.%08x.dead", name, (unsigned int)sysv_random());
	/* RENAME_NOREPLACE: never clobber a (very unlikely) same-named file. */
	if (renameat2(dirfd, file, dirfd, dead, RENAME_NOREPLACE) < 0)
		return -errno;
	return 0;
}

void sysv_reg_restore(int dirfd, const char *dead, const char *name)
{
	char file[SYSV_FILE_MAX];

	sysv_entry_file(file, name);
	if (linkat(dirfd, dead, dirfd, file, 0) == 0)
		unlinkat(dirfd, dead, 0);
}

int sysv_reg_list(int dirfd, char (*names)[SIPC_NAME_MAX], unsigned int count)
{
	char name[SIPC_NAME_MAX];
	struct dirent *de;
	unsigned int total = 0;
	size_t len;
	DIR *d;
	int fd;

	fd = dup(dirfd);
	if (fd < 0)
		return -errno;
	d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -ENOMEM;
	}
	while ((de = readdir(d))) {
		len = strlen(de->d_name);
		if (len <= 5 || len - 5 >= SIPC_NAME_MAX ||
		    strcmp(de->d_name + len - 5, ".chan"))
			continue;
		memcpy(name, de->d_name, len - 5);
		name[len - 5] = '\0';
		if (sipc_name_check(name))
			continue;	/* not ours */
		if (total < count)
			memcpy(names[total], name, len - 4);
		total++;
	}
	closedir(d);
	return (int)total;
}
