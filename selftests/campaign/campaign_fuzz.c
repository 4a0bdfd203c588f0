// SPDX-License-Identifier: GPL-2.0-only
/*
 * campaign_fuzz - model-based fuzzer for /dev/sipc and its endpoints.
 *
 * SIPC_FUZZ_PROCS worker processes (default 3) of SIPC_FUZZ_THREADS
 * threads each (default 2) make random calls: every ioctl of /dev/sipc
 * and of endpoints (valid ones, and ones with one thing wrong: size,
 * flags, reserved fields, tail, names, ids, values, or an argument that
 * the kernel cannot read or write back), undefined commands, close, dup,
 * mmap/munmap/mprotect, reads and writes of mappings, pin attempts
 * (vmsplice, process_vm_readv), poll, O_NONBLOCK, and module parameter
 * changes.  Before each call the model (fuzz_model.c) says what the
 * module must do; afterwards the result, every byte written back and the
 * state the peers then see must match, else the run stops at the first
 * difference.
 *
 * One worker at a time holds the turn and passes it on at random (drawn
 * from the seed), so the order of calls, and with it everything the model
 * predicts, is fixed by the seed: a call that would block is not made
 * (the model says when), and the interleaving is the one that was logged.
 * The run is made of episodes of 500 to 4000 calls; each starts
 * with fresh workers and no channel, and ends with the workers' exit, a
 * LIST that must name the model's channels, their destroy, and the module
 * counters back at zero.
 *
 * On a difference, the episode's log (the calls up to the failing one) is
 * shrunk by delta debugging: chunks of calls are left out and the rest
 * replayed in fresh workers, as long as the same difference comes back.
 * The shrunk sequence is printed, one "# step ..." line per call with its
 * result, the failing one marked "<==".  SIPC_SEED and SIPC_FUZZ_EPISODE
 * regenerate the episode itself.
 *
 * Limits are lowered for the run (max_region_size 256 KiB,
 * max_total_region 2 MiB, max_channels 6, the 6 names fz0..fz5) so that
 * ENOSPC and EEXIST are common; calls change them too.  Afterwards they are
 * restored, and the module unloads and loads again ($SIPC_KO, default
 * /lib/sipc/sipc.ko).
 *
 * Environment: SIPC_SEED; SIPC_FUZZ_CALLS (200000: stop there),
 * SIPC_FUZZ_SECS (60: or stop then), SIPC_FUZZ_MIN (5000: fail below
 * it), SIPC_FUZZ_PROCS (3), SIPC_FUZZ_THREADS (2), SIPC_FUZZ_EPISODE
 * (run only that one), SIPC_FUZZ_SHRINK_SECS (120).
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <limits.h>
#include <linux/futex.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "fuzz_exec.h"

#define FZ_LOG		4096	/* calls in one episode, at most */
#define FZ_ACTORS	(FM_PROCS * 4)
#define FZ_PROBE	"fzprobe"

enum fz_kind { FK_NONE, FK_DIFF, FK_HANG, FK_DEATH, FK_END };

struct fz_fail {
	enum fz_kind kind;
	uint32_t step;		/* index in the log of the failing call */
	uint8_t op;
	uint32_t cmd;
	char msg[600];
};

/* Shared by the parent and every worker (MAP_SHARED). */
struct fz_shared {
	struct fm_model m;
	struct camp_rng rng;	/* the episode's: schedule and calls */
	int go[FZ_ACTORS];	/* futex words: whose turn it is */
	volatile int stop;
	volatile int ready;
	bool replay, print;
	uint32_t n;		/* calls in log[] */
	uint32_t pos;		/* replay: the next one */
	uint32_t target;	/* generating: calls to make */
	uint32_t tries;		/* generating: calls drawn, made or not */
	volatile uint32_t cur;	/* the call being made */
	long long blocked;	/* calls not made: they would have slept */
	struct fz_fail fail;
	long long results[FZ_NOPS][3];	/* by op: ok, error, not made */
	long long errnos[160];		/* errors predicted and given */
	long long places[PL_NPLACES];	/* ioctls made, by where the argument was */
	long long by_nr[0x26][2];	/* defined ioctls made: succeeded, all */
	double gen_secs, exec_secs, sys_secs;	/* drawing, making (in ioctl) */
	struct fz_call log[FZ_LOG];
};

static struct fz_shared *sh;
static int nprocs = 3, nthreads = 2, nactors = 6;
static const struct fm_limits lim0 = { 6, 256 << 10, 2 << 20 };

static long fz_futex(int *w, int op, int val, const struct timespec *ts)
{
	return syscall(SYS_futex, w, op, val, ts, NULL, 0);
}

static void fz_wake_all(void)
{
	int i;

	sh->stop = 1;
	for (i = 0; i < nactors; i++) {
		__atomic_store_n(&sh->go[i], 1, __ATOMIC_RELEASE);
		fz_futex(&sh->go[i], FUTEX_WAKE, INT_MAX, NULL);
	}
}

static void fz_pass(int next)
{
	__atomic_store_n(&sh->go[next], 1, __ATOMIC_RELEASE);
	fz_futex(&sh->go[next], FUTEX_WAKE, 1, NULL);
}

static void fz_wait(int me)
{
	static const struct timespec ts = { 1, 0 };

	while (!__atomic_load_n(&sh->go[me], __ATOMIC_ACQUIRE))
		fz_futex(&sh->go[me], FUTEX_WAIT, 0, &ts);
	__atomic_store_n(&sh->go[me], 0, __ATOMIC_RELAXED);
}

static void fz_record(enum fz_kind kind, uint32_t step, const struct fz_call *c,
		      const char *msg)
{
	sh->fail.kind = kind;
	sh->fail.step = step;
	sh->fail.op = c ? c->op : 0;
	sh->fail.cmd = c ? c->cmd : 0;
	snprintf(sh->fail.msg, sizeof(sh->fail.msg), "%s", msg);
}

static void fz_count(const struct fz_call *c, enum fz_verdict v, long res)
{
	sh->results[c->op][v == FZ_SKIPPED ? 2 : res < 0 ? 1 : 0]++;
	if (v != FZ_SKIPPED && (c->op == FZ_DEV || c->op == FZ_EP)) {
		sh->places[c->place]++;
		if (_IOC_TYPE(c->cmd) == SIPC_IOC_MAGIC && !_IOC_SIZE(c->cmd) &&
		    _IOC_NR(c->cmd) < 0x26) {
			sh->by_nr[_IOC_NR(c->cmd)][0] += res >= 0;
			sh->by_nr[_IOC_NR(c->cmd)][1]++;
		}
	}
	if (v == FZ_SAME && res < 0 && res > -160)
		sh->errnos[-res]++;
}

/* One call of the turn holder; false when the episode is over. */
static bool fz_step(struct fz_proc *p, int me)
{
	char msg[600];
	struct fz_call *c;
	enum fz_verdict v;
	double t0, t1;
	long res;

	if (sh->replay) {
		if (sh->pos >= sh->n || sh->log[sh->pos].actor != me)
			return false;
		c = &sh->log[sh->pos];
		sh->cur = sh->pos;
		v = fz_exec(&sh->m, p, c, msg, sizeof(msg), sh->print, &res);
		if (v == FZ_DIFF) {
			fz_record(FK_DIFF, sh->pos, c, msg);
			return false;
		}
		sh->pos++;
		return true;
	}
	if (sh->n >= sh->target || sh->tries >= 4 * sh->target)
		return false;
	c = &sh->log[sh->n];
	t0 = camp_now();
	fz_gen(&sh->m, &sh->rng, me, p->proc, sh->n, c);
	sh->tries++;
	sh->cur = sh->n;
	t1 = camp_now();
	v = fz_exec(&sh->m, p, c, msg, sizeof(msg), sh->print, &res);
	sh->gen_secs += t1 - t0;
	sh->exec_secs += camp_now() - t1;
	c->res = (int32_t)res;
	fz_count(c, v, res);
	if (v == FZ_SKIPPED) {
		sh->blocked++;
		return true;
	}
	if (v == FZ_DIFF) {
		fz_record(FK_DIFF, sh->n, c, msg);
		sh->n++;
		return false;
	}
	sh->n++;
	return true;
}

struct fz_actor {
	struct fz_proc *p;
	int me;
};

static void *fz_actor_main(void *arg)
{
	struct fz_actor *a = arg;
	int k, next;

	for (;;) {
		fz_wait(a->me);
		if (sh->stop)
			return NULL;
		if (sh->replay) {
			while (fz_step(a->p, a->me))
				;
			if (sh->fail.kind || sh->pos >= sh->n) {
				fz_wake_all();
				return NULL;
			}
			next = sh->log[sh->pos].actor;
		} else {
			/*
			 * A turn of a few calls, or of many: under TCG a
			 * hand-over (waking an idle virtual CPU) costs more
			 * than tens of calls.  Then a random worker's turn.
			 */
			k = camp_chance(&sh->rng, 30) ? 1 + (int)camp_below(&sh->rng, 8) :
			    16 + (int)camp_below(&sh->rng, 112);
			while (k-- > 0) {
				if (!fz_step(a->p, a->me)) {
					fz_wake_all();
					return NULL;
				}
			}
			next = (int)camp_below(&sh->rng, nactors);
		}
		fz_pass(next);
	}
}

static void fz_proc_main(int proc)
{
	struct fz_actor actors[4];
	pthread_t th[4];
	struct fz_proc *p = malloc(sizeof(*p));
	int i, err;

	err = p ? fz_proc_init(p, proc) : -ENOMEM;
	if (err) {
		fprintf(stderr, "# worker %d: setup: %s\n", proc, strerror(-err));
		_exit(2);
	}
	sh->m.pid[proc] = (uint32_t)getpid();
	for (i = 0; i < nthreads; i++) {
		actors[i].p = p;
		actors[i].me = proc * nthreads + i;
	}
	for (i = 1; i < nthreads; i++)
		if (pthread_create(&th[i], NULL, fz_actor_main, &actors[i]))
			_exit(3);
	__atomic_add_fetch(&sh->ready, 1, __ATOMIC_SEQ_CST);
	fz_actor_main(&actors[0]);
	for (i = 1; i < nthreads; i++)
		pthread_join(th[i], NULL);
	_exit(0);
}

/* ---- the parent: probe, episodes, shrinking ---- */

/* Learn the next channel id and the creator's strings: create, INFO, destroy. */
static int fz_probe(int dev, uint64_t *next_id)
{
	struct sipc_info in;
	int err;

	err = st_create(dev, FZ_PROBE, 4096, 0, NULL);
	if (!err)
		err = st_info_labels(dev, FZ_PROBE, &in, sh->m.ctx, FM_STR,
				     sh->m.label, FM_STR);
	st_destroy(dev, FZ_PROBE);
	if (err)
		return err;
	sh->m.ctx_len = in.context_len;
	sh->m.label_len = in.label_len;
	if (in.context_len >= FM_STR || in.label_len >= FM_STR)
		return -E2BIG;
	*next_id = in.id + 1;
	return 0;
}

/* After an episode: LIST must name the model's channels; destroy them. */
static int fz_cleanup(int dev, bool check, char *msg, size_t msize)
{
	char got[FM_CHANS][SIPC_NAME_MAX], want[FM_CHANS][SIPC_NAME_MAX];
	struct st_counters zero = { 0, 0, 0 }, now;
	__u32 count = FM_CHANS, total = 0;
	int n, err;

	memset(got, 0, sizeof(got));
	err = st_list(dev, got, &count, &total);
	n = fm_names(&sh->m, want, FM_CHANS);
	if (check && (err || total != (__u32)n || count != (__u32)n ||
		      memcmp(got, want, (size_t)n * SIPC_NAME_MAX))) {
		snprintf(msg, msize, "after the workers exit LIST gives %u channels (%s), the model %d (%s)",
			 total, total ? got[0] : "-", n, n ? want[0] : "-");
		check = false;
		err = -EINVAL;
	}
	camp_destroy_all(dev);
	if (st_counters_wait(&zero, &now, 5000)) {
		if (check)
			snprintf(msg, msize, "counters after the episode: %lld channels, %lld endpoints, %lld region bytes; want 0",
				 now.channels, now.endpoints, now.region_bytes);
		return -EAGAIN;
	}
	return err;
}

/* Run one episode (generate, or replay log[0..n)); returns the failure kind. */
static enum fz_kind fz_episode(int dev, bool replay, bool print,
			       uint64_t episode, uint32_t target, int secs)
{
	pid_t pids[FM_PROCS];
	uint64_t next_id = 1;
	char msg[600] = "";
	int i, ret, left;
	double t0;

	sh->fail.kind = FK_NONE;
	for (i = 0; i < 3; i++)
		st_param_write(fz_param_names[i],
			       i == 0 ? lim0.max_region : i == 1 ? lim0.max_total :
			       lim0.max_channels);
	if (fz_probe(dev, &next_id)) {
		fz_record(FK_END, 0, NULL, "probe channel: create/INFO failed");
		return FK_END;
	}
	fm_init(&sh->m, &lim0, next_id);
	camp_rng_init(&sh->rng, 1000 + episode);
	memset(sh->go, 0, sizeof(sh->go));
	sh->stop = 0;
	sh->ready = 0;
	sh->replay = replay;
	sh->print = print;
	sh->pos = 0;
	sh->tries = 0;
	sh->cur = 0;
	if (!replay) {
		sh->n = 0;
		sh->target = target;
	}
	for (i = 0; i < nprocs; i++) {
		pids[i] = st_fork();
		if (!pids[i])
			fz_proc_main(i);
	}
	t0 = camp_now();
	while (sh->ready < nprocs && camp_now() - t0 < 30)
		st_msleep(1);
	if (replay && !sh->n)
		fz_wake_all();
	else
		fz_pass(replay ? sh->log[0].actor : (int)camp_below(&sh->rng, nactors));
	for (i = 0; i < nprocs; i++) {
		left = (int)((t0 + secs - camp_now()) * 1000);
		ret = st_reap(pids[i], left > 0 ? left : 1);
		if (ret == -ETIMEDOUT && !sh->fail.kind) {
			snprintf(msg, sizeof(msg), "hung in the call (worker %d killed after %d s)",
				 i, secs);
			fz_record(FK_HANG, sh->cur, &sh->log[sh->cur], msg);
		} else if (ret && !sh->fail.kind) {
			snprintf(msg, sizeof(msg), "worker %d ended with %d", i, ret);
			fz_record(FK_DEATH, sh->cur, &sh->log[sh->cur], msg);
		}
		if (ret == -ETIMEDOUT) {
			fz_wake_all();
			st_kill(pids[i]);
		}
	}
	for (i = 0; i < nprocs; i++)
		fm_proc_exit(&sh->m, i);
	if (fz_cleanup(dev, !sh->fail.kind, msg, sizeof(msg)) && !sh->fail.kind)
		fz_record(FK_END, sh->n ? sh->n - 1 : 0, NULL, msg);
	return sh->fail.kind;
}

/* Does this subset of calls fail the same way?  Then keep it, cut at the failure. */
static bool fz_try(int dev, struct fz_call *cand, uint32_t n,
		   const struct fz_fail *want)
{
	memcpy(sh->log, cand, n * sizeof(*cand));
	sh->n = n;
	if (fz_episode(dev, true, false, 0, 0, 20) != want->kind)
		return false;
	if (want->kind == FK_DIFF &&
	    (sh->fail.op != want->op || sh->fail.cmd != want->cmd))
		return false;
	return true;
}

/* ddmin: leave out chunks while the failure stays; returns the new length. */
static uint32_t fz_shrink(int dev, struct fz_call *cur, uint32_t len,
			  const struct fz_fail *want, double secs, int *tries)
{
	struct fz_call *cand = malloc(FZ_LOG * sizeof(*cand));
	double t0 = camp_now();
	uint32_t chunks = 2, chunk, i, start, end, n;
	bool found;

	if (!cand)
		return len;
	while (len >= 2 && camp_now() - t0 < secs) {
		chunk = (len + chunks - 1) / chunks;
		found = false;
		for (i = 0; i < chunks && camp_now() - t0 < secs; i++) {
			start = i * chunk;
			if (start >= len)
				break;
			end = start + chunk < len ? start + chunk : len;
			memcpy(cand, cur, start * sizeof(*cur));
			memcpy(cand + start, cur + end, (len - end) * sizeof(*cur));
			n = len - (end - start);
			(*tries)++;
			if (!n || !fz_try(dev, cand, n, want))
				continue;
			/* What follows the failure does not matter. */
			len = sh->fail.kind == FK_DIFF ? sh->fail.step + 1 : n;
			memcpy(cur, cand, len * sizeof(*cur));
			chunks = chunks > 2 ? chunks - 1 : 2;
			found = true;
			break;
		}
		if (!found) {
			if (chunks >= len)
				break;
			chunks = chunks * 2 < len ? chunks * 2 : len;
		}
	}
	free(cand);
	return len;
}

/* First cut: leave out every call but the last that changed nothing. */
static uint32_t fz_drop_inert(int dev, struct fz_call *cur, uint32_t len,
			      const struct fz_fail *want, int *tries)
{
	struct fz_call *cand = malloc(FZ_LOG * sizeof(*cand));
	uint32_t i, n = 0;

	if (!cand || !len)
		goto out;
	for (i = 0; i + 1 < len; i++)
		if (fz_has_effect(&cur[i]))
			cand[n++] = cur[i];
	cand[n++] = cur[len - 1];
	(*tries)++;
	if (n < len && fz_try(dev, cand, n, want)) {
		len = want->kind == FK_DIFF ? sh->fail.step + 1 : n;
		memcpy(cur, cand, len * sizeof(*cur));
	}
out:
	free(cand);
	return len;
}

static void fz_reproducer(int dev, uint64_t episode)
{
	struct fz_fail first = sh->fail;
	uint32_t len = first.kind == FK_DIFF || first.kind == FK_HANG ?
		       first.step + 1 : sh->n;
	struct fz_call *cur = malloc(FZ_LOG * sizeof(*cur));
	double secs = (double)camp_env("SIPC_FUZZ_SHRINK_SECS", 120), t0 = camp_now();
	int tries = 0;
	uint32_t n;

	ksft_print_msg("difference at step %u of episode %llu: %s\n", first.step,
		       (unsigned long long)episode, first.msg);
	if (!cur)
		return;
	memcpy(cur, sh->log, len * sizeof(*cur));
	/* The whole log must fail again on replay, or the failure is not the log's. */
	if (!fz_try(dev, cur, len, &first)) {
		ksft_print_msg("the episode's %u calls replayed do not fail the same way (%s): not shrunk\n",
			       len, sh->fail.kind ? sh->fail.msg : "no failure");
	} else {
		n = sh->fail.kind == FK_DIFF ? sh->fail.step + 1 : len;
		n = fz_drop_inert(dev, cur, n, &first, &tries);
		n = fz_shrink(dev, cur, n, &first, secs, &tries);
		ksft_print_msg("shrunk from %u to %u calls in %d replays, %.0f s\n",
			       len, n, tries, camp_now() - t0);
		len = n;
	}
	ksft_print_msg("reproducer (SIPC_SEED=0x%llx SIPC_FUZZ_EPISODE=%llu regenerates the whole episode):\n",
		       (unsigned long long)camp_seed, (unsigned long long)episode);
	memcpy(sh->log, cur, len * sizeof(*cur));
	sh->n = len;
	fz_episode(dev, true, true, 0, 0, 20);
	ksft_print_msg("end of reproducer: %s\n", sh->fail.kind ? sh->fail.msg :
		       "(the shrunk sequence passed on this replay)");
	free(cur);
}

/* ---- afterwards: unload, load ---- */

static const char *ko_path(void)
{
	const char *p = getenv("SIPC_KO");

	return p && *p ? p : ST_KO_DEFAULT;
}

static int unload_module(void)
{
	int i;

	/* Endpoint files are released by the last fput, maybe a moment later. */
	for (i = 0; i < 100; i++) {
		if (!syscall(SYS_delete_module, "sipc", O_NONBLOCK))
			return 0;
		if (errno != EWOULDBLOCK && errno != EBUSY && errno != EAGAIN)
			break;
		camp_usleep(50000);
	}
	return -errno;
}

static int load_module(void)
{
	int fd = open(ko_path(), O_RDONLY | O_CLOEXEC), ret, i;

	if (fd < 0)
		return -errno;
	ret = syscall(SYS_finit_module, fd, "", 0) ? -errno : 0;
	close(fd);
	for (i = 0; !ret && i < 200 && access(SIPC_DEVICE_PATH, F_OK); i++)
		camp_usleep(10000);
	return ret ? ret : access(SIPC_DEVICE_PATH, F_OK) ? -ENODEV : 0;
}

static void fz_summary(long long calls, long long episodes, double secs)
{
	static const char *const ops[FZ_NOPS] = {
		"dev ioctl", "ep ioctl", "close", "dup", "mmap", "munmap", "read",
		"write", "mprotect", "pin", "poll", "nonblock", "param"
	};
	int i;

	ksft_print_msg("%lld calls in %lld episodes, %d processes x %d threads, %.1f s: %.0f calls/s\n",
		       calls, episodes, nprocs, nthreads, secs, secs > 0 ? calls / secs : 0);
	for (i = 0; i < FZ_NOPS; i++)
		ksft_print_msg("  %-10s %8lld made, %8lld not made (would block or maker left out)\n",
			       ops[i], sh->results[i][0] + sh->results[i][1],
			       sh->results[i][2]);
	ksft_print_msg("  arguments: %lld good, %lld read-only, %lld straddling, %lld NULL, %lld unmapped, %lld kernel, %lld in a mapping\n",
		       sh->places[PL_GOOD], sh->places[PL_RO], sh->places[PL_STRADDLE],
		       sh->places[PL_NULL], sh->places[PL_LOW], sh->places[PL_KERNEL],
		       sh->places[PL_MAP]);
	ksft_print_msg("  succeeded/made: VERSION %lld/%lld CREATE %lld/%lld DESTROY %lld/%lld ATTACH %lld/%lld INFO %lld/%lld LIST %lld/%lld REVOKE %lld/%lld\n",
		       sh->by_nr[0][0], sh->by_nr[0][1], sh->by_nr[1][0], sh->by_nr[1][1],
		       sh->by_nr[2][0], sh->by_nr[2][1],
		       sh->by_nr[3][0] + sh->by_nr[4][0], sh->by_nr[3][1] + sh->by_nr[4][1],
		       sh->by_nr[5][0], sh->by_nr[5][1], sh->by_nr[6][0], sh->by_nr[6][1],
		       sh->by_nr[7][0], sh->by_nr[7][1]);
	ksft_print_msg("  succeeded/made: SEND %lld/%lld RECV %lld/%lld EP_INFO %lld/%lld MAP %lld/%lld COMMIT %lld/%lld RECV_NEXT %lld/%lld\n",
		       sh->by_nr[0x20][0], sh->by_nr[0x20][1], sh->by_nr[0x21][0], sh->by_nr[0x21][1],
		       sh->by_nr[0x22][0], sh->by_nr[0x22][1], sh->by_nr[0x23][0], sh->by_nr[0x23][1],
		       sh->by_nr[0x24][0], sh->by_nr[0x24][1], sh->by_nr[0x25][0], sh->by_nr[0x25][1]);
	for (i = 1; i < 160; i++)
		if (sh->errnos[i])
			ksft_print_msg("  %-10s %8lld predicted and given\n",
				       strerrorname_np(i) ?: "?", sh->errnos[i]);
	ksft_print_msg("  time: %.1f s drawing calls, %.1f s making them (%.1f s of it in ioctl), the rest handing turns over and between episodes\n",
		       sh->gen_secs, sh->exec_secs, sh->sys_secs);
	ksft_print_msg("FIGURE fuzz_calls=%lld fuzz_calls_per_s=%.0f\n", calls,
		       secs > 0 ? calls / secs : 0);
}

int main(void)
{
	long long calls = camp_count("SIPC_FUZZ_CALLS", 200000);
	long long min = camp_env("SIPC_FUZZ_MIN", 5000), total = 0, episodes = 0;
	long long only = camp_env("SIPC_FUZZ_EPISODE", -1), saved[3], e;
	double secs = (double)camp_env("SIPC_FUZZ_SECS", 60), t0;
	struct st_counters zero = { 0, 0, 0 };
	enum fz_kind kind = FK_NONE;
	int dev, i, ret;

	st_require_device();
	camp_init("campaign_fuzz", 0x5195f022);
	ksft_set_plan(4);
	nprocs = (int)camp_env("SIPC_FUZZ_PROCS", 3);
	nthreads = (int)camp_env("SIPC_FUZZ_THREADS", 2);
	if (nprocs < 1 || nprocs > FM_PROCS)
		nprocs = 3;
	if (nthreads < 1 || nthreads > 4)
		nthreads = 2;
	nactors = nprocs * nthreads;
	sh = st_shared_alloc(sizeof(*sh));
	if (sh)
		fz_sys_secs = &sh->sys_secs;
	dev = st_dev_open();
	if (!sh || dev < 0)
		ksft_exit_fail_msg("setup: shared memory or %s\n", SIPC_DEVICE_PATH);
	for (i = 0; i < 3; i++) {
		saved[i] = st_param_read(fz_param_names[i]);
		if (saved[i] < 0)
			ksft_exit_fail_msg("module parameter %s: %s\n", fz_param_names[i],
					   strerror((int)-saved[i]));
	}
	if (st_counters_wait(&zero, &(struct st_counters){0}, 5000))
		ksft_exit_fail_msg("channels or endpoints exist before the run: the model starts from none\n");

	t0 = camp_now();
	for (e = only >= 0 ? only : 0; total < calls && camp_now() - t0 < secs; e++) {
		struct camp_rng er;

		camp_rng_init(&er, 500 + e);
		kind = fz_episode(dev, false, false, (uint64_t)e,
				  500 + (uint32_t)camp_below(&er, 3500), 120);
		total += sh->n;
		episodes++;
		if (kind != FK_NONE || only >= 0)
			break;
	}
	fz_summary(total, episodes, camp_now() - t0);
	if (kind != FK_NONE)
		fz_reproducer(dev, (uint64_t)e);
	ksft_test_result(kind == FK_NONE && (total >= min || only >= 0),
			 "fuzz: %lld calls agree with the model (want >= %lld)\n",
			 total, only >= 0 ? 0 : min);
	ksft_test_result(kind != FK_END,
			 "fuzz: after each episode LIST names the model's channels and the counters are back to zero\n");

	for (i = 0; i < 3; i++)
		st_param_write(fz_param_names[i], saved[i]);
	camp_destroy_all(dev);
	close(dev);
	ret = unload_module();
	if (ret)
		ksft_print_msg("delete_module(sipc): %s\n", strerror(-ret));
	ksft_test_result(ret == 0, "fuzz: module unloads cleanly\n");
	ret = load_module();
	if (ret)
		ksft_print_msg("finit_module(%s): %s\n", ko_path(), strerror(-ret));
	ksft_test_result(ret == 0, "fuzz: module loads again\n");
	ksft_finished();
}
