// SPDX-License-Identifier: GPL-2.0-only
/*
 * campaign_faultinj - allocation failures injected into create, attach,
 * mmap (and list) on the debug kernel: every failure is an errno and
 * leaks nothing.
 *
 * Needs failslab and fail_page_alloc in debugfs (CONFIG_FAILSLAB,
 * CONFIG_FAIL_PAGE_ALLOC, CONFIG_FAULT_INJECTION_DEBUG_FS: the debug
 * kernel of tools/testing/debug-kernel.sh).  On a kernel without them (Debian's)
 * the program reports SKIP with that reason.
 *
 * Both injectors are set to fail sleeping allocations too
 * (ignore-gfp-wait N), order-0 pages too (min-order 0), only for tasks
 * that ask (task-filter Y), and quietly (verbose 0: a stack dump per
 * failure would flood the console and read as a splat).
 *
 * Systematic part, per operation: for n = 1, 2, ... the n-th allocation
 * of the operation fails (/proc/thread-self/fail-nth).  The operation
 * must then succeed anyway or fail with ENOMEM (ENFILE/EMFILE for file
 * allocations), a mapping must never raise SIGBUS, and after cleaning
 * up the channel, endpoint and region counters are back to their start
 * values.  It ends when an operation runs through without reaching its
 * n-th allocation: every allocation it makes has failed once.
 *
 * Random part: a child process marked make-it-fail runs create, attach,
 * mmap + touch, send/recv, close and destroy with both injectors failing
 * SIPC_FI_PERCENT (10) percent of its allocations, for SIPC_FI_ROUNDS
 * (200) rounds; same rules.
 *
 * kmemleak is checked at the end of the whole run (kmemleak.sh report).
 * Environment: SIPC_SEED, SIPC_FI_ROUNDS, SIPC_FI_PERCENT, SIPC_FI_SECS
 * (60, time bound of each part).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/stat.h>

#include "campaign.h"

#define PAGE		4096UL
#define DBGFS		"/sys/kernel/debug"
#define MAX_NTH		400

static struct st_counters start_c;
static double secs;
static long injected;		/* failures that hit an operation */
static int nth_fd = -1;

/* ---- the injectors ---- */

struct knob {
	const char *path;
	const char *value;
	char saved[32];
};

#define KNOB(p, v) { .path = DBGFS p, .value = v }
static struct knob knobs[] = {
	KNOB("/failslab/verbose", "0"),
	KNOB("/failslab/ignore-gfp-wait", "N"),
	KNOB("/failslab/task-filter", "Y"),
	KNOB("/failslab/interval", "1"),
	KNOB("/failslab/space", "0"),
	KNOB("/failslab/times", "-1"),
	KNOB("/failslab/probability", "0"),
	KNOB("/fail_page_alloc/verbose", "0"),
	KNOB("/fail_page_alloc/ignore-gfp-wait", "N"),
	KNOB("/fail_page_alloc/min-order", "0"),
	KNOB("/fail_page_alloc/task-filter", "Y"),
	KNOB("/fail_page_alloc/interval", "1"),
	KNOB("/fail_page_alloc/space", "0"),
	KNOB("/fail_page_alloc/times", "-1"),
	KNOB("/fail_page_alloc/probability", "0"),
};
#define NKNOBS (sizeof(knobs) / sizeof(knobs[0]))

static const char *setup_injectors(void)
{
	char path[64];
	size_t i;

	if (mount("debugfs", DBGFS, "debugfs", 0, NULL) && errno != EBUSY)
		return "cannot mount debugfs";
	if (access(DBGFS "/failslab", F_OK) || access(DBGFS "/fail_page_alloc", F_OK))
		return "no failslab / fail_page_alloc in debugfs: this kernel lacks CONFIG_FAILSLAB, CONFIG_FAIL_PAGE_ALLOC or CONFIG_FAULT_INJECTION_DEBUG_FS (the debug kernel has them: make check-debug)";
	snprintf(path, sizeof(path), "/proc/thread-self/fail-nth");
	nth_fd = open(path, O_RDWR | O_CLOEXEC);
	if (nth_fd < 0)
		return "no /proc/thread-self/fail-nth (CONFIG_FAULT_INJECTION)";
	for (i = 0; i < NKNOBS; i++) {
		if (st_read_file(knobs[i].path, knobs[i].saved, sizeof(knobs[i].saved)) < 0 ||
		    st_write_file(knobs[i].path, knobs[i].value))
			return "cannot set the fault injection knobs in debugfs";
	}
	return NULL;
}

static void restore_injectors(void)
{
	size_t i;

	/* Probability first, so nothing fails while the rest goes back. */
	st_write_file(DBGFS "/failslab/probability", "0");
	st_write_file(DBGFS "/fail_page_alloc/probability", "0");
	for (i = NKNOBS; i-- > 0;)
		st_write_file(knobs[i].path, knobs[i].saved);
}

static void set_nth(unsigned int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%u", n);

	if (pwrite(nth_fd, buf, len, 0) != len)
		ksft_exit_fail_msg("fail-nth: %s\n", strerror(errno));
}

/* What is left of the fail-nth count: 0 once the failure was injected. */
static unsigned int get_nth(void)
{
	char buf[16] = "";

	if (pread(nth_fd, buf, sizeof(buf) - 1, 0) <= 0)
		ksft_exit_fail_msg("fail-nth: %s\n", strerror(errno));
	return (unsigned int)strtoul(buf, NULL, 10);
}

static bool errno_ok(int e)
{
	return e == ENOMEM || e == ENFILE || e == EMFILE;
}

/* ---- the operations, each with its set-up and clean-up ---- */

struct op_ctx {
	int dev;
	char name[SIPC_NAME_MAX];
	int fd;			/* endpoint of the attach and mmap ops */
	unsigned char *map;
	size_t region;
};

static int op_create(struct op_ctx *c)
{
	return st_create(c->dev, c->name, 3 * PAGE, 2, NULL);
}

static int op_create_slots(struct op_ctx *c)
{
	struct sipc_create cr = { .size = sizeof(cr), .region_size = 4 * PAGE, .slots = 4 };

	strcpy(cr.name, c->name);
	return st_ioctl(c->dev, SIPC_IOC_CREATE, &cr);
}

static int op_attach_snd(struct op_ctx *c)
{
	int fd = st_attach(c->dev, c->name, SIPC_ROLE_SENDER, 0);

	if (fd >= 0)
		c->fd = fd;
	return fd < 0 ? fd : 0;
}

static int op_attach_rcv(struct op_ctx *c)
{
	int fd = st_attach(c->dev, c->name, SIPC_ROLE_RECEIVER, 0);

	if (fd >= 0)
		c->fd = fd;
	return fd < 0 ? fd : 0;
}

static int map_and_touch(int fd, size_t region, unsigned char **map);

/* mmap and touch every page: the fault allocates page tables. */
static int op_mmap(struct op_ctx *c)
{
	int ret = map_and_touch(c->fd, c->region, &c->map);

	if (c->map == MAP_FAILED)
		c->map = NULL;
	return ret;
}

static int op_list(struct op_ctx *c)
{
	char names[4][SIPC_NAME_MAX];
	__u32 count = 4, total;

	return st_list(c->dev, names, &count, &total);
}

struct op {
	const char *what;
	int (*run)(struct op_ctx *c);
	bool needs_channel;	/* created before, not by the op */
	bool needs_sender;	/* attached before, for mmap */
};

static const struct op ops[] = {
	{ "create", op_create, false, false },
	{ "create (4 slots)", op_create_slots, false, false },
	{ "attach sender", op_attach_snd, true, false },
	{ "attach receiver", op_attach_rcv, true, false },
	{ "mmap and fault", op_mmap, true, true },
	{ "list", op_list, true, false },
};

static void op_cleanup(struct op_ctx *c)
{
	if (c->map)
		munmap(c->map, c->region);
	if (c->fd >= 0)
		close(c->fd);
	c->map = NULL;
	c->fd = -1;
	st_destroy(c->dev, c->name);
}

static void systematic(const struct op *op, int dev)
{
	struct op_ctx c = { .dev = dev, .fd = -1, .region = 3 * PAGE };
	unsigned int n, left;
	long hits = 0, bad = 0, errs = 0;
	double t0 = camp_now();
	bool done = false;
	int ret;

	for (n = 1; n <= MAX_NTH && camp_now() - t0 < secs; n++) {
		snprintf(c.name, sizeof(c.name), "fi.%u", n);
		if (op->needs_channel && st_create(dev, c.name, c.region, 2, NULL)) {
			bad++;
			break;
		}
		if (op->needs_sender)
			c.fd = st_attach(dev, c.name, SIPC_ROLE_SENDER, 0);
		if (op->needs_sender && c.fd < 0) {
			bad++;
			break;
		}
		set_nth(n);
		ret = op->run(&c);
		left = get_nth();
		set_nth(0);
		if (left == 0)
			hits++;
		if (ret) {
			errs++;
			if (!errno_ok(-ret) && ++bad <= 5)
				ksft_print_msg("%s: allocation %u failed: got %s\n", op->what, n,
					       strerror(-ret));
		} else if (left != 0) {
			done = true;	/* ran through without reaching the n-th */
		}
		op_cleanup(&c);
		if (!camp_counters_back(&start_c, 3000, op->what)) {
			bad++;
			break;
		}
		if (done)
			break;
	}
	injected += hits;
	if (!done)
		ksft_print_msg("%s: still allocating at the %u-th allocation\n", op->what, n);
	ksft_test_result(done && !bad,
			 "faultinj %s: allocations 1..%u failed one at a time (%ld errors): ENOMEM-like only, no leak\n",
			 op->what, done ? n - 1 : n, errs);
}

/* ---- the random part, in a child marked make-it-fail ---- */

struct rnd_stats {
	long ops, failed, bad;
};

static int mif_fd = -1;		/* /proc/self/make-it-fail of the child */

static void inject(bool on)
{
	if (pwrite(mif_fd, on ? "1" : "0", 1, 0) != 1)
		_exit(3);
}

/* Count an operation run under injection and judge its result. */
static int judged(struct rnd_stats *st, int ret)
{
	st->ops++;
	if (ret < 0) {
		st->failed++;
		st->bad += !errno_ok(-ret);
	}
	return ret;
}

/* mmap and touch every page; a signal counts as -EFAULT (wrong). */
static int map_and_touch(int fd, size_t region, unsigned char **map)
{
	size_t k;

	*map = st_map(fd, region, PROT_READ | PROT_WRITE, 0);
	if (*map == MAP_FAILED)
		return -errno;
	for (k = 0; k < region; k += PAGE)
		if (st_probe(*map + k, true))
			return -EFAULT;
	return 0;
}

static void random_child(struct rnd_stats *st, long rounds, int dev)
{
	struct camp_rng r;
	long i;

	mif_fd = open("/proc/self/make-it-fail", O_WRONLY | O_CLOEXEC);
	CHILD_EXPECT(mif_fd >= 0);
	camp_rng_init(&r, 9);
	for (i = 0; i < rounds; i++) {
		char name[SIPC_NAME_MAX];
		size_t region = PAGE * (1 + camp_below(&r, 4));
		unsigned char *map = MAP_FAILED;
		int snd, rcv, ret;
		struct sipc_msg m;

		snprintf(name, sizeof(name), "fi.rnd.%ld", i);
		inject(true);
		ret = st_create(dev, name, region, 1, NULL);
		inject(false);
		if (judged(st, ret))
			continue;
		inject(true);
		snd = st_attach(dev, name, SIPC_ROLE_SENDER, 0);
		inject(false);
		judged(st, snd);
		inject(true);
		rcv = st_attach(dev, name, SIPC_ROLE_RECEIVER, 0);
		inject(false);
		judged(st, rcv);
		if (snd >= 0) {
			inject(true);
			ret = map_and_touch(snd, region, &map);
			inject(false);
			judged(st, ret);
			/* Sending allocates nothing: it must just work. */
			st->bad += st_send(snd, SIPC_MSG_DATA_READY, 1, 0,
					     SIPC_MSG_F_NONBLOCK, NULL) != 0;
		}
		if (rcv >= 0 && snd >= 0)
			st->bad += st_recv(rcv, SIPC_MSG_F_NONBLOCK, &m) != 0;
		if (map != MAP_FAILED)
			munmap(map, region);
		if (snd >= 0)
			close(snd);
		if (rcv >= 0)
			close(rcv);
		/* Destroy allocates nothing either. */
		st->bad += st_destroy(dev, name) != 0;
	}
	_exit(0);
}

static void random_part(int dev)
{
	long rounds = camp_count("SIPC_FI_ROUNDS", 200);
	long pct = camp_env("SIPC_FI_PERCENT", 10);
	struct rnd_stats *st = mmap(NULL, sizeof(*st), PROT_READ | PROT_WRITE,
				    MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	char p[16];
	pid_t pid;
	int rc;

	if (st == MAP_FAILED)
		ksft_exit_fail_msg("mmap\n");
	snprintf(p, sizeof(p), "%ld", pct);
	st_write_file(DBGFS "/failslab/probability", p);
	st_write_file(DBGFS "/fail_page_alloc/probability", p);
	pid = st_fork();
	if (!pid)
		random_child(st, rounds, dev);
	rc = st_reap(pid, (int)(secs * 1000));
	if (rc)
		st_kill(pid);
	st_write_file(DBGFS "/failslab/probability", "0");
	st_write_file(DBGFS "/fail_page_alloc/probability", "0");
	camp_destroy_all(dev);	/* whatever a killed child left */
	injected += st->failed;
	ksft_print_msg("random: %ld operations, %ld failed under injection, %ld wrong\n",
		       st->ops, st->failed, st->bad);
	ksft_test_result(rc == 0 && st->bad == 0 && st->failed > 0 &&
			 camp_counters_back(&start_c, 5000, "random"),
			 "faultinj random: %ld%% of the allocations of %ld rounds failed: only ENOMEM-like errors, nothing leaked\n",
			 pct, rounds);
}

int main(void)
{
	const char *why;
	size_t i;
	int dev;

	st_require_device();
	camp_init("campaign_faultinj", 0x5195fa11);
	secs = (double)camp_env("SIPC_FI_SECS", 60);
	why = setup_injectors();
	if (why)
		ksft_exit_skip("%s\n", why);
	ksft_set_plan(sizeof(ops) / sizeof(ops[0]) + 1);
	dev = st_dev_open();
	if (dev < 0 || st_counters_read(&start_c)) {
		restore_injectors();
		ksft_exit_fail_msg("cannot open %s or read the counters\n", SIPC_DEVICE_PATH);
	}
	for (i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
		systematic(&ops[i], dev);
	random_part(dev);
	restore_injectors();
	ksft_print_msg("FIGURE faults_injected=%ld\n", injected);
	close(dev);
	ksft_finished();
}
