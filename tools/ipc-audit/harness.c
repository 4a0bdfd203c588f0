// SPDX-License-Identifier: GPL-2.0-only
/*
 * harness.c - run one channel: fork S and R, clock the bits, decode.
 *
 * The clock is a shared anonymous page with four sequence counters
 * (futexes).  It is the experimenter's wire, not part of the channel: it
 * makes the measured rate that of the observable itself (plus four
 * hand-offs per bit, which are counted in the time, so rates are lower
 * bounds).  A real covert pair would clock with time or with the forward
 * channel.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include "harness.h"
#include "peer.h"
#include "qchan.h"
#include "record.h"
#include "util.h"

enum { K_SLOT, K_DONE, K_OBS, K_RESET, K_READY, K_NK };

struct shared {
	uint32_t seq[K_NK];
	int r_err, r_err_i;		/* R's first failure */
	char r_what[80];
	int s_err, s_nerr;		/* S's observation failures */
	char s_what[80];
	int setup_err;
	char setup_what[80];
	double t0, t1;			/* payload start/end, S's clock */
	double v[AUDIT_MAXBITS];
	int ok[AUDIT_MAXBITS];
};

static struct shared *sh;

static void post(int k, uint32_t v)
{
	__atomic_store_n(&sh->seq[k], v, __ATOMIC_SEQ_CST);
	syscall(SYS_futex, &sh->seq[k], FUTEX_WAKE, 1 << 30, NULL, NULL, 0);
}

/* Wait until seq[k] >= v; the limit keeps a stuck peer from hanging us. */
static int wait_for(int k, uint32_t v, double limit_s)
{
	double end = now_s() + limit_s;
	struct timespec ts = { 0, 2000000 };

	for (;;) {
		uint32_t cur = __atomic_load_n(&sh->seq[k], __ATOMIC_SEQ_CST);

		if (cur >= v)
			return 0;
		if (now_s() > end)
			return -ETIMEDOUT;
		syscall(SYS_futex, &sh->seq[k], FUTEX_WAIT, cur, &ts, NULL, 0);
	}
}

/* The seeded payload: the same bits in S, R and the decoder. */
static int bit_of(const struct audit_opts *o, const struct chan *ch, int i)
{
	static const int pre[AUDIT_PREAMBLE] = { 0, 1, 1, 0, 1, 0, 0, 1,
						 0, 1, 0, 1, 1, 0, 1, 0 };
	uint32_t x = o->seed * 2654435761u + 0x9e3779b9u;
	const char *p;

	if (i < AUDIT_PREAMBLE)
		return pre[i];
	for (p = ch->mech; *p; p++)
		x = (x ^ (uint8_t)*p) * 16777619u;
	for (p = ch->name; *p; p++)
		x = (x ^ (uint8_t)*p) * 16777619u;
	x ^= (uint32_t)i * 0x85ebca6bu;
	x ^= x >> 13; x *= 0xc2b2ae35u; x ^= x >> 16;
	return x & 1;
}

static void fail_setup(const char *what, int err)
{
	if (!sh->setup_err) {
		sh->setup_err = err;
		snprintf(sh->setup_what, sizeof(sh->setup_what), "%s: %s", what, strerror(-err));
	}
}

static void r_fail(int i, const char *what, int err)
{
	if (!sh->r_err) {
		sh->r_err = err;
		sh->r_err_i = i;
		snprintf(sh->r_what, sizeof(sh->r_what), "%s: %s", what, strerror(-err));
	}
}

/* Per-hand-off limit: generous, the TCG guest can stall for 100s of ms. */
#define HLIM 3.0

static void run_r(const struct chan *ch, struct ctx *c)
{
	int i, err;

	c->r_pid = getpid();
	err = peer_become(c->opts, "audit_receiver_t");
	if (err) {
		fail_setup("receiver setcon", err);
		_exit(1);
	}
	if (ch->r_init && (err = ch->r_init(c))) {
		fail_setup("receiver init", err);
		_exit(1);
	}
	post(K_READY, 1);
	for (i = 0; i < c->nbits; i++) {
		int b = bit_of(c->opts, ch, i);

		if (wait_for(K_SLOT, i + 1, HLIM))
			_exit(2);
		if (ch->r_enc && (err = ch->r_enc(c, i, b)))
			r_fail(i, "encode", err);
		post(K_DONE, i + 1);
		if (wait_for(K_OBS, i + 1, HLIM + c->opts->delay_us / 1e6 * 4))
			_exit(2);
		if (ch->r_reset && (err = ch->r_reset(c, i, b)))
			r_fail(i, "reset", err);
		post(K_RESET, i + 1);
	}
	_exit(0);
}

static void run_s(const struct chan *ch, struct ctx *c)
{
	int i, err, st;
	double v;

	setpgid(0, 0);
	ignore_sigpipe();
	c->s_pid = getpid();
	err = peer_become(c->opts, "audit_sender_t");
	if (err) {
		fail_setup("sender setcon", err);
		_exit(1);
	}
	if (ch->setup && (err = ch->setup(c))) {
		fail_setup("sender setup", err);
		_exit(1);
	}
	c->r_pid = fork();
	if (c->r_pid == 0)
		run_r(ch, c);
	if (c->r_pid < 0 || wait_for(K_READY, 1, HLIM * 2)) {
		if (!sh->setup_err)
			fail_setup("receiver start", -ETIMEDOUT);
		goto out;
	}
	if (ch->s_init && (err = ch->s_init(c))) {
		fail_setup("sender init", err);
		goto out;
	}
	for (i = 0; i < c->nbits; i++) {
		if (i == AUDIT_PREAMBLE)
			sh->t0 = now_s();
		if (ch->s_prep && (err = ch->s_prep(c, i))) {
			fail_setup("sender prepare", err);
			goto out;
		}
		post(K_SLOT, i + 1);
		if (!ch->timing && wait_for(K_DONE, i + 1, HLIM))
			goto out;
		v = 0;
		err = ch->s_obs(c, i, &v);
		sh->v[i] = v;
		sh->ok[i] = !err;
		if (err) {
			sh->s_nerr++;
			if (!sh->s_err) {
				sh->s_err = err;
				snprintf(sh->s_what, sizeof(sh->s_what), "%s", strerror(-err));
			}
		}
		if (ch->timing && wait_for(K_DONE, i + 1, HLIM))
			goto out;
		post(K_OBS, i + 1);
		if (wait_for(K_RESET, i + 1, HLIM))
			goto out;
		if (ch->s_reset && (err = ch->s_reset(c, i))) {
			fail_setup("sender reset", err);
			goto out;
		}
	}
	sh->t1 = now_s();
out:
	if (c->r_pid > 0) {
		if (!sh->t1)
			kill(c->r_pid, SIGKILL);
		waitpid(c->r_pid, &st, 0);
	}
	if (ch->s_fini)
		ch->s_fini(c);
	_exit(0);
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_d);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Decode from the shared results and emit one record. */
static void decode(const struct ctx *c)
{
	double c0[AUDIT_PREAMBLE], c1[AUDIT_PREAMBLE], m0, m1, thr, lo, hi;
	const struct chan *ch = c->ch;
	int nbits = c->nbits, n0 = 0, n1 = 0, i, errs = 0, npay = nbits - AUDIT_PREAMBLE;
	int nok = 0;
	char note[256] = "";
	const char *status;

	for (i = 0; i < nbits; i++)
		nok += sh->ok[i];
	if (sh->setup_err) {
		rec_channel(c->opts, ch->mech, ch->name, ch->what, ST_ABSENT, 0, 0, 0, 0, 0,
			    sh->setup_what);
		return;
	}
	if (!sh->t1) {
		rec_channel(c->opts, ch->mech, ch->name, ch->what, ST_ERROR, 0, 0, 0, 0, 0,
			    "run did not finish (timeout or crash)");
		return;
	}
	if (nok == 0) {
		snprintf(note, sizeof(note), "sender cannot observe: %s", sh->s_what);
		rec_channel(c->opts, ch->mech, ch->name, ch->what, ST_ABSENT, npay, 0,
			    sh->t1 - sh->t0, 0, 0, note);
		return;
	}
	for (i = 0; i < AUDIT_PREAMBLE; i++) {
		if (!sh->ok[i])
			continue;
		if (bit_of(c->opts, ch, i))
			c1[n1++] = sh->v[i];
		else
			c0[n0++] = sh->v[i];
	}
	m0 = n0 ? median(c0, n0) : 0;
	m1 = n1 ? median(c1, n1) : 0;
	lo = hi = sh->v[0];
	for (i = 0; i < nbits; i++) {
		if (sh->v[i] < lo)
			lo = sh->v[i];
		if (sh->v[i] > hi)
			hi = sh->v[i];
	}
	thr = (m0 + m1) / 2;
	for (i = AUDIT_PREAMBLE; i < nbits; i++) {
		int got = m1 > m0 ? sh->v[i] > thr : sh->v[i] < thr;

		if (!sh->ok[i] || m0 == m1 || got != bit_of(c->opts, ch, i))
			errs++;
	}
	if (lo == hi)
		snprintf(note, sizeof(note), "observable constant (%g)", lo);
	else if (m0 == m1)
		snprintf(note, sizeof(note), "no difference between 0 and 1 bits (median %g)", m0);
	/* Below 1/4 of bits wrong the channel carries information. */
	status = errs * 4 < npay ? ST_PRESENT : ST_ABSENT;
	if (status[0] == 'a' && !note[0])
		snprintf(note, sizeof(note), "no correlation");
	if (sh->r_err) {
		size_t l = strlen(note);

		snprintf(note + l, sizeof(note) - l, "%sreceiver %s (bit %d)",
			 l ? "; " : "", sh->r_what, sh->r_err_i);
	}
	if (sh->s_nerr) {
		size_t l = strlen(note);

		snprintf(note + l, sizeof(note) - l, "%s%d sender observations failed: %s",
			 l ? "; " : "", sh->s_nerr, sh->s_what);
	}
	rec_channel(c->opts, ch->mech, ch->name, ch->what, status, npay, errs,
		    sh->t1 - sh->t0, m0, m1, note);
}

void run_channel(const struct audit_opts *o, const struct chan *ch)
{
	static int tag;
	struct ctx c;
	pid_t s, h;
	double end;
	int st;

	struct chan tmp;

	if (ch->qkind)
		ch = qchan_resolve(ch, &tmp);
	if (!audit_wants_mech(o, ch->mech))
		return;
	/* A threshold decoder of 96 bits cannot bound SIPC's channels. */
	if (!strncmp(ch->mech, "sipc-kernel", 11)) {
		rec_channel(o, ch->mech, ch->name, ch->what, ST_NA, 0, 0, 0, 0, 0,
			    "measured by ipc-audit backchan (bchan_sipc.c)");
		return;
	}
	if (ch->na) {
		rec_channel(o, ch->mech, ch->name, ch->what, ST_NA, 0, 0, 0, 0, 0, ch->na);
		return;
	}
	if (ch->env_only && strcmp(ch->env_only, o->env)) {
		rec_channel(o, ch->mech, ch->name, ch->what, ST_NA, 0, 0, 0, 0, 0,
			    "not run in this environment");
		return;
	}
	if (ch->needs && access(ch->needs, F_OK)) {
		char why[96];

		snprintf(why, sizeof(why), "%s absent here", ch->needs);
		rec_channel(o, ch->mech, ch->name, ch->what, ST_NA, 0, 0, 0, 0, 0, why);
		return;
	}
	if (!sh) {
		sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE,
			  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
		if (sh == MAP_FAILED) {
			perror("ipc-audit: mmap");
			exit(1);
		}
	}
	memset(sh, 0, sizeof(*sh));
	memset(&c, 0, sizeof(c));
	c.opts = o;
	c.ch = ch;
	c.nbits = AUDIT_PREAMBLE + o->bits;
	c.tag = (getpid() & 0xffff) * 64 + (++tag % 64);
	fflush(stdout);
	if (ch->helper) {
		h = fork();
		if (h == 0) {
			int err = peer_become(o, "audit_helper_t");

			if (!err)
				err = ch->helper(&c);
			if (err)
				fail_setup("helper", err);
			_exit(0);
		}
		waitpid(h, &st, 0);
		if (sh->setup_err) {
			decode(&c);
			return;
		}
	}
	s = fork();
	if (s == 0)
		run_s(ch, &c);
	/* Whole-run limit: the hand-off limits bound each step already. */
	end = now_s() + 20 + c.nbits * (0.05 + o->delay_us / 1e6 * 3);
	while (waitpid(s, &st, WNOHANG) == 0) {
		if (now_s() > end) {
			kill(-s, SIGKILL);
			kill(s, SIGKILL);
			waitpid(s, &st, 0);
			sh->t1 = 0;
			break;
		}
		usleep(2000);
	}
	decode(&c);
	if (ch->p_cleanup) {
		h = fork();
		if (h == 0) {
			if (!peer_become(o, "audit_helper_t"))
				ch->p_cleanup(&c);
			_exit(0);
		}
		waitpid(h, &st, 0);
	}
}
