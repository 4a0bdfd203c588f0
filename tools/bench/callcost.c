// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc-callcost - what one 64-byte message costs in system calls alone,
 * with no scheduling: one process is both sender and receiver, so nothing
 * ever sleeps or switches.  Compares a pipe's write() + read(), the raw
 * SIPC_IOC_COMMIT + SIPC_IOC_RECV_NEXT pair on a 65-slot channel, and
 * libsipc's sipc_reserve() + sipc_publish() + sipc_next(); plus a no-op
 * ioctl and getppid() as the floor.  Then what a seal costs: the same
 * pair on a 4-slot channel whose sender writes the whole message each
 * time, sealed (SIPC_CREATE_SEALED) against unsealed, 4 KiB to 16 MiB,
 * interleaved rounds, the best of each kept.  In one process the zaps
 * flush only this CPU's TLB; between two processes a release also
 * interrupts the sender's CPU.  Needs /dev/sipc (the guest).
 *
 *   sipc-callcost [ITERATIONS]          default 20000
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include <linux/sipc.h>
#include <sipc.h>

#define SLOTS	65
#define PAGE	4096
#define MSG	64

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static void report(const char *what, double t0, long n)
{
	printf("sipc-callcost: %-47s %6.2f us\n", what, (now() - t0) / (double)n * 1e6);
}

static int die(const char *what)
{
	fprintf(stderr, "sipc-callcost: %s: %s\n", what, strerror(errno));
	return 1;
}

/* The raw ioctls: the kernel's share of the fast path. */
static int raw(int dev, long n)
{
	struct sipc_create c = { .size = sizeof(c), .region_size = SLOTS * PAGE,
				 .slots = SLOTS };
	struct sipc_channel_ref r = { .size = sizeof(r) };
	struct sipc_msg m;
	const char *rmap;
	char *smap, sink = 0;
	int tx, rx, ret = 0;
	double t0;
	long i;

	snprintf(c.name, sizeof(c.name), "callcost-%d", (int)getpid());
	memcpy(r.name, c.name, sizeof(r.name));
	if (ioctl(dev, SIPC_IOC_CREATE, &c))
		return die("SIPC_IOC_CREATE");
	tx = ioctl(dev, SIPC_IOC_ATTACH_SENDER, &r);
	rx = ioctl(dev, SIPC_IOC_ATTACH_RECEIVER, &r);
	smap = mmap(NULL, c.region_size, PROT_READ | PROT_WRITE, MAP_SHARED, tx, 0);
	rmap = mmap(NULL, c.region_size, PROT_READ, MAP_SHARED, rx, 0);
	if (tx < 0 || rx < 0 || smap == MAP_FAILED || rmap == MAP_FAILED) {
		ret = die("attach/mmap");
		goto out;
	}
	t0 = now();
	for (i = 0; i < n; i++) {
		__u64 off = (__u64)(i % SLOTS) * PAGE;

		memset(smap + off, (int)i, MSG);
		m = (struct sipc_msg){ .size = sizeof(m), .len = MSG, .offset = off };
		if (ioctl(tx, SIPC_IOC_COMMIT, &m)) {
			ret = die("SIPC_IOC_COMMIT");
			goto out;
		}
		m = (struct sipc_msg){ .size = sizeof(m) };
		if (ioctl(rx, SIPC_IOC_RECV_NEXT, &m)) {
			ret = die("SIPC_IOC_RECV_NEXT");
			goto out;
		}
		sink += rmap[m.offset];
	}
	report("COMMIT + RECV_NEXT (raw ioctls), 64 B:", t0, n);
out:
	close(tx);
	close(rx);
	ioctl(dev, SIPC_IOC_DESTROY, &r);
	return ret + (sink == 1);	/* keep the reads */
}

/*
 * One round of @n messages of @msg bytes on a 4-slot channel with @flags;
 * the sender writes every byte of each message, as a producer would.
 * Returns microseconds per message, or -1.
 */
static double seal_round(int dev, long n, size_t msg, __u32 flags)
{
	struct sipc_create c = { .size = sizeof(c), .flags = flags,
				 .region_size = 4 * msg, .slots = 4 };
	struct sipc_channel_ref r = { .size = sizeof(r) };
	struct sipc_msg m;
	const char *rmap;
	volatile char sink = 0;	/* the receiver's reads stay */
	double t0, us = -1;
	char *smap;
	int tx, rx;
	long i;

	snprintf(c.name, sizeof(c.name), "callcost-seal-%d", (int)getpid());
	memcpy(r.name, c.name, sizeof(r.name));
	if (ioctl(dev, SIPC_IOC_CREATE, &c))
		return die("SIPC_IOC_CREATE (sealed)"), -1;
	tx = ioctl(dev, SIPC_IOC_ATTACH_SENDER, &r);
	rx = ioctl(dev, SIPC_IOC_ATTACH_RECEIVER, &r);
	smap = mmap(NULL, c.region_size, PROT_READ | PROT_WRITE, MAP_SHARED, tx, 0);
	rmap = mmap(NULL, c.region_size, PROT_READ, MAP_SHARED, rx, 0);
	if (tx < 0 || rx < 0 || smap == MAP_FAILED || rmap == MAP_FAILED) {
		die("attach/mmap (sealed)");
		goto out;
	}
	t0 = now();
	for (i = 0; i < n; i++) {
		__u64 off = (__u64)(i % 4) * msg;

		memset(smap + off, (int)i, msg);
		m = (struct sipc_msg){ .size = sizeof(m), .len = (__u32)msg,
				       .offset = off };
		if (ioctl(tx, SIPC_IOC_COMMIT, &m)) {
			die("SIPC_IOC_COMMIT (sealed)");
			goto out;
		}
		m = (struct sipc_msg){ .size = sizeof(m) };
		if (ioctl(rx, SIPC_IOC_RECV_NEXT, &m)) {
			die("SIPC_IOC_RECV_NEXT (sealed)");
			goto out;
		}
		sink += rmap[m.offset + m.len - 1];
	}
	us = (now() - t0) / (double)n * 1e6;
out:
	if (smap != MAP_FAILED)
		munmap(smap, c.region_size);
	if (rmap != MAP_FAILED)
		munmap((void *)rmap, c.region_size);
	close(tx);
	close(rx);
	ioctl(dev, SIPC_IOC_DESTROY, &r);
	return us;
}

/* Sealed against unsealed, per size: best of 3 interleaved rounds each. */
static int seal_cost(int dev)
{
	static const size_t sizes[] = { 4096, 65536, 1 << 20, 16 << 20 };
	double best[2], us;
	size_t s;
	int k, round;

	for (s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		long n = sizes[s] >= (1 << 20) ? (sizes[s] > (1 << 20) ? 12 : 100) : 2000;

		best[0] = best[1] = 1e30;
		for (round = 0; round < 3; round++) {
			for (k = 0; k < 2; k++) {
				us = seal_round(dev, n, sizes[s], k ? SIPC_CREATE_SEALED : 0);
				if (us < 0)
					return 1;
				if (us < best[k])
					best[k] = us;
			}
		}
		printf("sipc-callcost: seal %8zu B: unsealed %9.2f us, sealed %9.2f us, ratio %.3f\n",
		       sizes[s], best[0], best[1], best[0] / best[1]);
	}
	return 0;
}

/* The same through libsipc. */
static int lib(long n)
{
	char name[SIPC_NAME_MAX];
	const void *data;
	size_t cap, len;
	int tx, rx, r;
	double t0;
	void *buf;
	long i;

	snprintf(name, sizeof(name), "callcost-lib-%d", (int)getpid());
	r = sipc_create_slots(name, MSG, SLOTS);
	if (r) {
		fprintf(stderr, "sipc-callcost: sipc_create_slots: %s\n", sipc_strerror(r));
		return 1;
	}
	tx = sipc_open(name, SIPC_ROLE_SENDER);
	rx = sipc_open(name, SIPC_ROLE_RECEIVER);
	t0 = now();
	for (i = 0; i < n && tx >= 0 && rx >= 0; i++) {
		if (sipc_reserve(tx, &buf, &cap, -1))
			break;
		memset(buf, (int)i, MSG);
		if (sipc_publish(tx, MSG, -1) || sipc_next(rx, &data, &len, -1) != 1)
			break;
	}
	if (i == n)
		report("sipc_reserve + sipc_publish + sipc_next, 64 B:", t0, n);
	else
		fprintf(stderr, "sipc-callcost: libsipc step failed\n");
	sipc_close(tx);
	sipc_close(rx);
	sipc_destroy(name);
	return i == n ? 0 : 1;
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 20000, i;
	struct sipc_version v = { .size = sizeof(v) };
	char buf[MSG] = { 0 };
	int p[2], dev, ret;
	double t0;

	if (n <= 0 || pipe(p))
		return 2;
	t0 = now();
	for (i = 0; i < n; i++)
		if (write(p[1], buf, MSG) != MSG || read(p[0], buf, MSG) != MSG)
			return die("pipe");
	report("pipe write() + read(), 64 B:", t0, n);
	t0 = now();
	for (i = 0; i < n; i++)
		getppid();
	report("getppid():", t0, n);
	dev = open(SIPC_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	if (dev < 0)
		return die(SIPC_DEVICE_PATH);
	t0 = now();
	for (i = 0; i < n; i++)
		if (ioctl(dev, SIPC_IOC_VERSION, &v))
			return die("SIPC_IOC_VERSION");
	report("ioctl(SIPC_IOC_VERSION), a no-op:", t0, n);
	ret = raw(dev, n);
	ret |= seal_cost(dev);
	close(dev);
	setenv("SIPC_BACKEND", "kernel", 1);
	return ret | lib(n);
}
