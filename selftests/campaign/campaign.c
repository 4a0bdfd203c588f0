// SPDX-License-Identifier: GPL-2.0-only
/*
 * campaign.c - seed, random numbers, bounds and probes shared by the
 * campaign programs (see campaign.h).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>

#include "campaign.h"

uint64_t camp_seed;

static void probe_install(void);

long long camp_env(const char *name, long long dflt)
{
	const char *v = getenv(name);
	char *end;
	long long n;

	if (!v || !*v)
		return dflt;
	n = strtoll(v, &end, 0);
	return *end ? dflt : n;
}

long long camp_count(const char *name, long long dflt)
{
	long long n = camp_env(name, dflt) * camp_env("SIPC_CAMPAIGN_SCALE", 100) / 100;

	return n < 1 ? 1 : n;
}

void camp_init(const char *prog, uint64_t default_seed)
{
	const char *v = getenv("SIPC_SEED");

	camp_seed = v && *v ? strtoull(v, NULL, 0) : default_seed;
	probe_install();
	/* Unbuffered: forked workers must not repeat buffered lines. */
	setvbuf(stdout, NULL, _IONBF, 0);
	ksft_print_header();
	ksft_print_msg("%s: seed 0x%llx (SIPC_SEED=0x%llx to replay)\n", prog,
		       (unsigned long long)camp_seed,
		       (unsigned long long)camp_seed);
}

void camp_rng_init(struct camp_rng *r, uint64_t stream)
{
	r->s = camp_seed ^ (stream * 0x9e3779b97f4a7c15ULL);
	camp_rand(r);
}

uint64_t camp_rand(struct camp_rng *r)
{
	uint64_t z = (r->s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

uint64_t camp_below(struct camp_rng *r, uint64_t n)
{
	return n ? camp_rand(r) % n : 0;
}

bool camp_chance(struct camp_rng *r, unsigned int pct)
{
	return camp_below(r, 100) < pct;
}

double camp_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void camp_usleep(long us)
{
	struct timespec ts = { us / 1000000, (us % 1000000) * 1000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

bool camp_counters_back(const struct sipc_counters *start, int timeout_ms,
			const char *what)
{
	struct sipc_counters now;

	if (!sipc_counters_wait(start, &now, timeout_ms))
		return true;
	ksft_print_msg("%s: counters did not come back\n", what);
	sipc_counters_log("start", start);
	sipc_counters_log("now", &now);
	return false;
}

/*
 * Probes: a fault in a probed access jumps back to camp_probe() in the
 * faulting thread; a fault anywhere else still kills the process.
 */
static __thread sigjmp_buf probe_jmp;
static __thread volatile int probing;

static void probe_handler(int sig, siginfo_t *si, void *uc)
{
	char msg[96];
	int n;

	(void)uc;
	if (probing)
		siglongjmp(probe_jmp, sig);
	/* Dying anyway: say where (snprintf is not signal-safe, but no
	 * lock it could take is held by a thread that faulted here). */
	n = snprintf(msg, sizeof(msg), "# pid %d: unexpected signal %d at %p (code %d)\n",
		     (int)getpid(), sig, si->si_addr, si->si_code);
	if (write(2, msg, n) < 0)
		n = 0;
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Called by camp_init(), before any thread or child exists. */
static void probe_install(void)
{
	struct sigaction sa = { .sa_sigaction = probe_handler };

	sigemptyset(&sa.sa_mask);
	sa.sa_flags = SA_NODEFER | SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
}

static int probe(volatile const unsigned char *p, bool write,
		 unsigned char *val)
{
	int sig;

	sig = sigsetjmp(probe_jmp, 1);
	if (sig) {
		probing = 0;
		return sig;
	}
	probing = 1;
	*val = *p;
	if (write)
		*(volatile unsigned char *)p = *val;
	probing = 0;
	return 0;
}

int camp_probe(volatile const unsigned char *p, bool write)
{
	unsigned char v;

	return probe(p, write, &v);
}

int camp_peek(volatile const unsigned char *p, unsigned char *val)
{
	return probe(p, false, val);
}

int camp_poke(volatile unsigned char *dst, const void *src, size_t len)
{
	const unsigned char *s = src;
	size_t i;
	int sig;

	sig = sigsetjmp(probe_jmp, 1);
	if (sig) {
		probing = 0;
		return sig;
	}
	probing = 1;
	for (i = 0; i < len; i++)
		dst[i] = s[i];
	probing = 0;
	return 0;
}

int camp_destroy_all(int dev)
{
	char (*names)[SIPC_NAME_MAX];
	__u32 count = 0, total = 0, i;
	int n = 0;

	if (sipc_list(dev, NULL, &count, &total) || !total)
		return 0;
	names = calloc(total, SIPC_NAME_MAX);
	if (!names)
		return 0;
	count = total;
	if (!sipc_list(dev, names, &count, &total))
		for (i = 0; i < count; i++)
			n += sipc_destroy(dev, names[i]) == 0;
	free(names);
	return n;
}

int camp_write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC), ret = 0;
	ssize_t len = strlen(val);

	if (fd < 0)
		return -errno;
	if (write(fd, val, len) != len)
		ret = -errno;
	close(fd);
	return ret;
}

int camp_read_file(const char *path, char *buf, int size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = 0;
	return (int)n;
}
