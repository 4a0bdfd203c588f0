// SPDX-License-Identifier: GPL-2.0-only
/*
 * bchan.c - `ipc-audit backchan`: run the symbol channels of bchan.h and
 * print one "#J" record of type "backchan" per channel.
 *
 *   ipc-audit backchan [--env host|guest] [--selinux] [--only NAME,PFX*]
 *                      [--min-syms N] [--max-secs S] [--seed S]
 *
 * --selinux: the audit policy is loaded already (guest-audit.sh): the
 * peers switch to their audit domains, and the deployment is "selinux";
 * without it, "dac".
 *
 * Run length.  A channel runs at least --min-syms symbols (10,000), then
 * doubles its count until its verdict is decided or --max-secs of symbol
 * time have passed: an observable that never changes decides at once
 * (bound 0), an independent noisy one needs about ten bits' worth of
 * looks before its bound falls under 1 bit/s.  Each look at the data
 * uses the bound at level 1 - 0.01 / BC_LOOKS, and there are at most
 * BC_LOOKS of them, so that the verdict over all looks keeps 99%
 * (Bonferroni).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <json-c/json.h>
#include <math.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/sipc.h>
#include "audit.h"
#include "bchan.h"
#include "commands.h"
#include "mi.h"
#include "peer.h"
#include "sipc_raw.h"
#include "util.h"

#define BC_LOOKS	6
#define BC_LEVEL	(1 - 0.01 / BC_LOOKS)

/* Shared by the parent, S and R: the experimenter's record, not a wire. */
struct bshared {
	int stop, r_ready, s_done;
	int setup_err;
	char setup_what[128];
	int r_nerr, r_denied;
	char r_what[96];
	int s_nerr, s_denied;
	char s_what[96];
	int n;
	double active;
	struct mi_result mi;
	int ny;
	double y[BC_MAXSYM];
};

static struct bshared *sh;

void bc_name(const struct bctx *c, int k, char *buf, size_t n)
{
	snprintf(buf, n, "bc-%d-%d", c->tag, k);
}

int bc_dev(void)
{
	return sipc_raw_dev();
}

/* Symbol i of channel CH: the same in R and in the analysis. */
static int sym_of(const struct audit_opts *o, const struct bchan *ch, long i)
{
	uint64_t x = o->seed * 0x9e3779b97f4a7c15ull + (uint64_t)i * 0xbf58476d1ce4e5b9ull;
	const char *p;

	for (p = ch->name; *p; p++)
		x = (x ^ (uint8_t)*p) * 0x100000001b3ull;
	x ^= x >> 31;
	x *= 0x94d049bb133111ebull;
	x ^= x >> 29;
	return (int)(x % (uint64_t)ch->levels);
}

static int denied(int err)
{
	return err == -EACCES || err == -EPERM;
}

static void note_err(int *nerr, int *ndenied, char *what, size_t n, const char *who, int err)
{
	if (!(*nerr)++)
		snprintf(what, n, "%s: %s", who, strerror(-err));
	if (denied(err))
		(*ndenied)++;
}

static void fail_setup(const char *what, int err)
{
	if (!sh->setup_err) {
		sh->setup_err = err;
		snprintf(sh->setup_what, sizeof(sh->setup_what), "%s: %s", what, strerror(-err));
	}
}

/* ---- the clock ---- */

struct clk {
	int s, r;		/* SIPC: S's sender and R's receiver endpoints */
	int a[2], b[2];		/* PIPE: S->R and R->S */
};

static int clk_attach(struct bctx *c, unsigned long cmd)
{
	struct sipc_channel_ref ref = { .size = sizeof(ref) };
	int d = bc_dev(), fd;

	if (d < 0)
		return d;
	bc_name(c, 0, ref.name, sizeof(ref.name));
	fd = ioctl(d, cmd, &ref);
	fd = fd < 0 ? -errno : fd;
	close(d);
	return fd;
}

static int k_msg(int fd, unsigned long cmd, int nb)
{
	struct sipc_msg m = { .size = sizeof(m), .type = SIPC_MSG_NOOP,
			      .flags = nb ? SIPC_MSG_F_NONBLOCK : 0 };

	return ioctl(fd, cmd, &m) ? -errno : 0;
}

/*
 * Spin on poll(0) for a while, yielding, then sleep in poll(): under TCG
 * a sleeping task's wake-up costs milliseconds (a covert pair would
 * spin), while on a loaded host a spinning peer only delays the other.
 * 20 s without the event is a dead peer.
 */
#define SPINS	256

static int wait_ev(int fd, short ev, int pipe_byte)
{
	struct pollfd p = { .fd = fd, .events = pipe_byte ? POLLIN : ev };
	double end = 0;
	unsigned int k;
	char t;

	for (k = 0;; k++) {
		int r;

		if (pipe_byte) {
			ssize_t n = read(fd, &t, 1);

			if (n == 1)
				return 0;
			if (n == 0 || errno != EAGAIN)
				return -EPIPE;
		}
		r = poll(&p, 1, k < SPINS ? 0 : 20);
		if (r < 0)
			return -errno;
		if (r > 0 && !pipe_byte)
			return p.revents & ev ? 0 : -EPIPE;
		if (__atomic_load_n(&sh->stop, __ATOMIC_RELAXED))
			return 1;
		if (k < SPINS) {
			sched_yield();
			continue;
		}
		if (!end)
			end = now_s() + 20;
		else if (now_s() > end)
			return -ETIMEDOUT;
	}
}

static int wait_fd(int fd, short ev)
{
	return wait_ev(fd, ev, 0);
}

static int read_spin(int fd)
{
	return wait_ev(fd, POLLIN, 1);
}

/* S: hand symbol time to R and wait until R has encoded. */
static int clk_s_round(const struct bchan *ch, struct clk *k)
{
	char t = 0;
	int err;

	if (ch->clock == CLK_PIPE)
		return write(k->a[1], &t, 1) == 1 ? read_spin(k->b[0]) : -EPIPE;
	err = k_msg(k->s, SIPC_IOC_SEND, 0);
	return err ? err : wait_fd(k->s, POLLOUT);
}

/* R: wait for S's token; 1 when told to stop. */
static int clk_r_wait(const struct bchan *ch, struct clk *k)
{
	int err;

	if (ch->clock == CLK_PIPE)
		err = read_spin(k->a[0]);
	else
		err = wait_fd(k->r, POLLIN);
	if (err)
		return err;
	return __atomic_load_n(&sh->stop, __ATOMIC_SEQ_CST) ? 1 : 0;
}

static int clk_r_done(const struct bchan *ch, struct clk *k)
{
	char t = 0;

	if (ch->clock == CLK_PIPE)
		return write(k->b[1], &t, 1) == 1 ? 0 : -EPIPE;
	return k_msg(k->r, SIPC_IOC_RECV, 1);
}

static void clk_s_stop(const struct bchan *ch, struct clk *k)
{
	char t = 0;

	__atomic_store_n(&sh->stop, 1, __ATOMIC_SEQ_CST);
	if (ch->clock == CLK_PIPE)
		(void)!write(k->a[1], &t, 1);
	else if (ch->clock == CLK_SIPC)
		k_msg(k->s, SIPC_IOC_SEND, 1);
}

/* ---- R and S ---- */

static void run_r(struct bctx *c, struct clk *k)
{
	const struct bchan *ch = c->ch;
	long i;
	int err;

	err = peer_become_as(c->o, BC_RUID, c->o->selinux ? "audit_receiver_t" : NULL);
	if (err) {
		fail_setup("receiver identity", err);
		_exit(1);
	}
	/* setuid() made it undumpable: /proc/self would be root's */
	prctl(PR_SET_DUMPABLE, 1);
	if (ch->clock == CLK_SIPC) {
		k->r = clk_attach(c, SIPC_IOC_ATTACH_RECEIVER);
		if (k->r < 0) {
			fail_setup("receiver: attach the clock", k->r);
			_exit(1);
		}
	}
	if (ch->r_init && (err = ch->r_init(c))) {
		char w[64];

		snprintf(w, sizeof(w), "receiver init (%s)", c->step ? c->step : "?");
		fail_setup(w, err);
		_exit(1);
	}
	__atomic_store_n(&sh->r_ready, 1, __ATOMIC_SEQ_CST);
	for (i = 0;; i++) {
		if (ch->clock != CLK_SELF) {
			err = clk_r_wait(ch, k);
			if (err)
				_exit(err > 0 ? 0 : 2);
		} else if (__atomic_load_n(&sh->stop, __ATOMIC_SEQ_CST)) {
			_exit(0);
		}
		err = ch->r_enc(c, sym_of(c->o, ch, i));
		if (err == -ECANCELED || __atomic_load_n(&sh->stop, __ATOMIC_SEQ_CST))
			_exit(0);
		if (err)
			note_err(&sh->r_nerr, &sh->r_denied, sh->r_what, sizeof(sh->r_what),
				 "encode", err);
		if (ch->clock != CLK_SELF && clk_r_done(ch, k))
			_exit(2);
	}
}

/* The information in the first N symbols, into sh->mi. */
static int analyse(const struct bctx *c, int n)
{
	int *x = malloc(n * sizeof(int)), *y = malloc(n * sizeof(int));
	int i, ny, err = -ENOMEM;

	if (x && y) {
		for (i = 0; i < n; i++)
			x[i] = sym_of(c->o, c->ch, i);
		ny = mi_symbols(sh->y, n, c->ch->bins ? c->ch->bins : 2 * c->ch->levels, y);
		err = ny < 0 ? ny : mi_estimate(x, y, n, c->ch->levels, ny, BC_LEVEL,
						c->o->seed, &sh->mi);
		sh->ny = ny;
	}
	free(x);
	free(y);
	return err;
}

static double max_secs(const struct bctx *c)
{
	return c->o->max_secs * (c->ch->time_scale ? c->ch->time_scale : 1);
}

/* Whether N symbols decide the verdict (or the time is up). */
static int decided(const struct bctx *c, int n)
{
	double rate = n / sh->active;

	if (sh->s_denied == n || sh->r_denied == n)
		return 1;
	if (analyse(c, n))
		return 1;
	return sh->mi.hi * rate < BC_FLOOR_BPS || sh->mi.lo * rate > BC_FLOOR_BPS ||
	       sh->active >= max_secs(c) || 2 * n > BC_MAXSYM;
}

static void run_s(struct bctx *c, struct clk *k)
{
	const struct bchan *ch = c->ch;
	int i, err, looks = 0;
	int next = c->o->min_syms * (ch->sym_scale ? ch->sym_scale : 1);
	double t, v;

	if (next > BC_MAXSYM / 2)
		next = BC_MAXSYM / 2;
	setpgid(0, 0);
	signal(SIGPIPE, SIG_IGN);
	err = peer_become_as(c->o, AUDIT_UID, c->o->selinux ? "audit_sender_t" : NULL);
	if (err) {
		fail_setup("sender identity", err);
		_exit(1);
	}
	/* setuid() made it undumpable: /proc/self would be root's */
	prctl(PR_SET_DUMPABLE, 1);
	if (ch->clock == CLK_SIPC) {
		k->s = clk_attach(c, SIPC_IOC_ATTACH_SENDER);
		if (k->s < 0) {
			fail_setup("sender: attach the clock", k->s);
			_exit(1);
		}
	}
	if (ch->s_init && (err = ch->s_init(c))) {
		char w[64];

		snprintf(w, sizeof(w), "sender init (%s)", c->step ? c->step : "?");
		fail_setup(w, err);
		_exit(1);
	}
	for (i = 0; i < 2000 && !__atomic_load_n(&sh->r_ready, __ATOMIC_SEQ_CST); i++)
		usleep(5000);
	if (!sh->r_ready) {
		fail_setup("receiver start", -ETIMEDOUT);
		_exit(1);
	}
	for (i = 0; i < BC_MAXSYM; i++) {
		t = now_s();
		if (ch->clock != CLK_SELF && (err = clk_s_round(ch, k))) {
			fail_setup("clock", err);
			break;
		}
		v = 0;
		err = ch->s_obs(c, &v);
		if (err) {
			note_err(&sh->s_nerr, &sh->s_denied, sh->s_what, sizeof(sh->s_what),
				 "observe", err);
			v = -1000.0 + err;
		}
		sh->y[i] = v;
		sh->active += now_s() - t;
		sh->n = i + 1;
		if (i + 1 == next || sh->active >= max_secs(c) ||
		    (i + 1 == 1000 && (sh->s_denied == 1000 || sh->r_denied == 1000))) {
			/* the last look allowed by the level decides (Bonferroni) */
			if (decided(c, i + 1) || ++looks >= BC_LOOKS)
				break;
			next *= 2;
		}
	}
	clk_s_stop(ch, k);
	sh->s_done = 1;
	_exit(0);
}

/* ---- the record ---- */

static void add_d(json_object *o, const char *k, double v)
{
	json_object_object_add(o, k, json_object_new_double(v));
}

static void add_s(json_object *o, const char *k, const char *v)
{
	json_object_object_add(o, k, json_object_new_string(v ? v : ""));
}

static void record(const struct bctx *c, const char *verdict, const char *note)
{
	json_object *o = json_object_new_object();
	double rate = sh->active > 0 ? sh->n / sh->active : 0;

	add_s(o, "type", "backchan");
	add_s(o, "env", c->o->env);
	add_s(o, "deploy", c->o->deploy);
	add_s(o, "chan", c->ch->name);
	add_s(o, "what", c->ch->what);
	add_s(o, "verdict", verdict);
	json_object_object_add(o, "levels", json_object_new_int(c->ch->levels));
	json_object_object_add(o, "ny", json_object_new_int(sh->ny));
	json_object_object_add(o, "syms", json_object_new_int(sh->n));
	add_d(o, "secs", sh->active);
	add_d(o, "sym_rate", rate);
	add_d(o, "mi_plugin", sh->mi.plugin);
	add_d(o, "mi_bias", sh->mi.bias);
	add_d(o, "mi_est", sh->mi.est);
	add_d(o, "mi_lo", sh->mi.lo);
	add_d(o, "mi_hi", sh->mi.hi);
	add_d(o, "rate_bps", sh->mi.est * rate);
	add_d(o, "rate_lo_bps", sh->mi.lo * rate);
	add_d(o, "rate_hi_bps", sh->mi.hi * rate);
	add_d(o, "floor_bps", BC_FLOOR_BPS);
	add_d(o, "known_bits", c->ch->known);
	add_d(o, "level", BC_LEVEL);
	json_object_object_add(o, "min_syms", json_object_new_int(c->o->min_syms));
	add_d(o, "max_secs", c->o->max_secs);
	add_s(o, "note", note);
	printf("#J %s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	fflush(stdout);
	json_object_put(o);
}

/* The verdict: the bound decides; denial only names why it is closed. */
static void conclude(const struct bctx *c)
{
	int se = c->o->selinux;
	double rate = sh->active > 0 ? sh->n / sh->active : 0;
	char note[400] = "";
	size_t l;

	if (sh->setup_err) {
		const char *v = !denied(sh->setup_err) ? "error" :
				se ? "denied (closed by policy)" : "absent";

		record(c, v, sh->setup_what);
		return;
	}
	if (!sh->s_done || !sh->n) {
		record(c, "error", "run did not finish (time-out or crash)");
		return;
	}
	if (sh->r_nerr)
		snprintf(note, sizeof(note), "receiver: %d of %d failed (%s)", sh->r_nerr, sh->n,
			 sh->r_what);
	l = strlen(note);
	if (sh->s_nerr)
		snprintf(note + l, sizeof(note) - l, "%ssender: %d of %d failed (%s)",
			 l ? "; " : "", sh->s_nerr, sh->n, sh->s_what);
	if (sh->mi.hi * rate >= BC_FLOOR_BPS) {
		record(c, "present", note);
		return;
	}
	/* a quarter: some encoders act on one symbol value of two */
	if (sh->r_denied * 4 >= sh->n || sh->s_denied * 4 >= sh->n)
		record(c, se ? "denied (closed by policy)" : "absent", note);
	else
		record(c, "absent", note[0] ? note : "no information");
}

static int wants(const struct audit_opts *o, const char *name)
{
	const char *p = o->only;
	size_t n;

	if (!p)
		return 1;
	while (*p) {
		n = strcspn(p, ",");
		if (n && p[n - 1] == '*' ? !strncmp(p, name, n - 1) :
		    strlen(name) == n && !strncmp(p, name, n))
			return 1;
		p += n + !!p[n];
	}
	return 0;
}

static void run_one(const struct audit_opts *o, const struct bchan *ch)
{
	static int tag;
	struct bctx c = { .o = o, .ch = ch };
	struct clk k = { .s = -1, .r = -1 };
	pid_t s, r, h;
	double end;
	int st;

	if (!wants(o, ch->name) || (ch->env_only && strcmp(ch->env_only, o->env)) ||
	    (ch->dac_only && o->selinux))
		return;
	memset(sh, 0, sizeof(*sh));
	c.tag = (getpid() & 0xffff) * 64 + (++tag % 64);
	if (ch->needs && access(ch->needs, F_OK)) {
		snprintf(sh->setup_what, sizeof(sh->setup_what), "%s absent here", ch->needs);
		record(&c, "n/a", sh->setup_what);
		return;
	}
	if (ch->clock == CLK_PIPE && (pipe2(k.a, O_NONBLOCK) || pipe2(k.b, O_NONBLOCK))) {
		perror("ipc-audit: pipe");
		exit(1);
	}
	fflush(stdout);
	h = fork();
	if (h == 0) {
		int err = peer_become(o, o->selinux ? "audit_helper_t" : NULL);

		if (!err && ch->clock == CLK_SIPC) {
			struct sipc_create cr = { .size = sizeof(cr), .region_size = 4096,
						  .queue_depth = 1 };
			int d = bc_dev();

			bc_name(&c, 0, cr.name, sizeof(cr.name));
			err = d < 0 ? d : ioctl(d, SIPC_IOC_CREATE, &cr) ? -errno : 0;
			if (d >= 0)
				close(d);
			if (err)
				fail_setup("helper: create the clock", err);
		}
		if (!err && ch->helper && (err = ch->helper(&c)))
			fail_setup("helper", err);
		else if (err)
			fail_setup("helper identity", err);
		_exit(0);
	}
	waitpid(h, &st, 0);
	if (!sh->setup_err) {
		r = fork();
		if (r == 0)
			run_r(&c, &k);
		s = fork();
		if (s == 0)
			run_s(&c, &k);
		end = now_s() + 3 * max_secs(&c) + 60;
		while (waitpid(s, &st, WNOHANG) == 0 && now_s() < end)
			usleep(20000);
		if (!sh->s_done) {
			kill(-s, SIGKILL);
			kill(s, SIGKILL);
			waitpid(s, &st, 0);
		}
		sh->stop = 1;
		for (end = now_s() + 2; waitpid(r, &st, WNOHANG) == 0 && now_s() < end;)
			usleep(10000);
		kill(r, SIGKILL);
		waitpid(r, &st, 0);
	}
	if (ch->clock == CLK_PIPE) {
		close(k.a[0]);
		close(k.a[1]);
		close(k.b[0]);
		close(k.b[1]);
	}
	conclude(&c);
	if (ch->p_cleanup)
		ch->p_cleanup(&c);
	h = fork();
	if (h == 0) {
		if (!peer_become(o, o->selinux ? "audit_helper_t" : NULL)) {
			if (ch->cleanup)
				ch->cleanup(&c);
			if (ch->clock == CLK_SIPC) {
				struct sipc_channel_ref ref = { .size = sizeof(ref),
								.flags = SIPC_DESTROY_REVOKE };
				int d = bc_dev();

				bc_name(&c, 0, ref.name, sizeof(ref.name));
				if (d >= 0)
					ioctl(d, SIPC_IOC_DESTROY, &ref);
			}
		}
		_exit(0);
	}
	waitpid(h, &st, 0);
}

int bchan_main(int argc, char **argv)
{
	const struct bchan *tabs[] = { bchans_self, bchans_sipc };
	struct audit_opts o = { .env = "host", .seed = 2007, .deploy = "dac",
				.min_syms = 10000, .max_secs = 30 };
	size_t t;
	int i;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--env") && v)
			o.env = argv[++i];
		else if (!strcmp(a, "--only") && v)
			o.only = argv[++i];
		else if (!strcmp(a, "--min-syms") && v)
			o.min_syms = atoi(argv[++i]);
		else if (!strcmp(a, "--max-secs") && v)
			o.max_secs = atof(argv[++i]);
		else if (!strcmp(a, "--seed") && v)
			o.seed = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(a, "--selinux"))
			o.selinux = 1, o.deploy = "selinux";
		else {
			fprintf(stderr, "ipc-audit backchan: unknown argument %s\n", a);
			return 2;
		}
	}
	if (o.min_syms < 100 || o.min_syms > BC_MAXSYM / 2) {
		fprintf(stderr, "ipc-audit backchan: --min-syms 100..%d\n", BC_MAXSYM / 2);
		return 2;
	}
	sh = mmap(NULL, sizeof(*sh), PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (sh == MAP_FAILED) {
		perror("ipc-audit: mmap");
		return 1;
	}
	printf("# ipc-audit backchan: env=%s deploy=%s min_syms=%d max_secs=%g seed=%u\n",
	       o.env, o.deploy, o.min_syms, o.max_secs, o.seed);
	for (t = 0; t < sizeof(tabs) / sizeof(tabs[0]); t++)
		for (i = 0; tabs[t][i].name; i++)
			run_one(&o, &tabs[t][i]);
	return 0;
}
