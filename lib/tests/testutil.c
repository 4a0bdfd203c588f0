// SPDX-License-Identifier: GPL-2.0-only
/* testutil.c - see testutil.h. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"

void tu_name(char buf[SIPC_NAME_MAX], const char *tag)
{
	snprintf(buf, SIPC_NAME_MAX, "t%d-%s", (int)getpid(), tag);
}

int64_t tu_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void tu_sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) < 0)
		;
}

bool tu_kernel(void)
{
	const char *b = sipc_backend();

	return b && !strcmp(b, "kernel");
}

uint64_t tu_rand(uint64_t *s)
{
	uint64_t x = *s ? *s : 0x9e3779b97f4a7c15ULL;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545f4914f6cdd1dULL;
}

size_t tu_msg_len(uint64_t *state, unsigned int i, size_t cap)
{
	uint64_t r = tu_rand(state);

	if (i == 0)
		return 0;
	if (i == 1)
		return cap;
	return (size_t)(r % (cap + 1));
}

/* Pattern: 8-byte words from the generator seeded by "seed". */
static uint64_t pattern_start(uint64_t seed)
{
	return seed * 0x9e3779b97f4a7c15ULL + 1;
}

static size_t pattern_chunk(size_t len, size_t i)
{
	return len - i < sizeof(uint64_t) ? len - i : sizeof(uint64_t);
}

void tu_fill(void *buf, size_t len, uint64_t seed)
{
	uint64_t s = pattern_start(seed), w;
	unsigned char *p = buf;
	size_t i;

	for (i = 0; i < len; i += sizeof(w)) {
		w = tu_rand(&s);
		memcpy(p + i, &w, pattern_chunk(len, i));
	}
}

bool tu_check(const void *buf, size_t len, uint64_t seed)
{
	uint64_t s = pattern_start(seed), w;
	const unsigned char *p = buf;
	size_t i;

	for (i = 0; i < len; i += sizeof(w)) {
		w = tu_rand(&s);
		if (memcmp(p + i, &w, pattern_chunk(len, i)))
			return false;
	}
	return true;
}

pid_t tu_fork(void)
{
	pid_t parent = getpid(), pid;

	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		if (getppid() != parent)
			_exit(99);
	}
	return pid;
}

int tu_wait(pid_t pid, int timeout_ms)
{
	int64_t end = tu_now_ms() + timeout_ms;
	int status;
	pid_t r;

	for (;;) {
		r = waitpid(pid, &status, WNOHANG);
		if (r == pid)
			break;
		if (tu_now_ms() >= end) {
			kill(pid, SIGKILL);
			waitpid(pid, &status, 0);
			return -1;
		}
		tu_sleep_ms(2);
	}
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	return 1000 + WTERMSIG(status);
}

/* Lines of a file minus its header line, or -1. */
static long count_lines(const char *path)
{
	char line[512];
	long n = -1;
	FILE *f;

	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		n++;
	fclose(f);
	return n;
}

static long read_long(const char *path)
{
	long v = -1;
	FILE *f;

	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%ld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

void tu_leaks(struct tu_leaks *l)
{
	l->sysv_msg = count_lines("/proc/sysvipc/msg");
	l->sysv_shm = count_lines("/proc/sysvipc/shm");
	l->channels = read_long("/sys/class/sipc/sipc/channels");
	l->endpoints = read_long("/sys/class/sipc/sipc/endpoints");
	l->region_bytes = read_long("/sys/class/sipc/sipc/region_bytes");
}
