/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * audit.h - ipc-audit: measure the reverse channels of Linux IPC.
 *
 * Model.  A sender S and a receiver R (R a child of S, so that S can
 * create the objects and R inherit them) cooperate: R tries to send bits
 * back to S through one observable of one mechanism (a "channel": the time
 * S blocks, an errno S gets, a poll bit, a counter...).  The harness clocks
 * each bit out of band, through a shared page: S prepares, R encodes its
 * bit, S observes, both reset.  A fixed preamble of known bits calibrates
 * the decoder (median of each class, threshold half-way); the payload bits
 * come from a seeded PRNG, so the bit error rate is exact.  Nothing about
 * the mechanism is assumed: a channel is "absent" when S cannot make the
 * observation (errno), R cannot modulate it (errno), or the decoded bits
 * carry no information.
 */
#ifndef IPC_AUDIT_H
#define IPC_AUDIT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define AUDIT_MAXBITS	512
#define AUDIT_PREAMBLE	16
#define AUDIT_UID	65534	/* both peers: one unprivileged uid (DAC as users have it) */

/* Result status of one channel. */
#define ST_PRESENT	"present"
#define ST_ABSENT	"absent"
#define ST_NA		"n/a"
#define ST_ERROR	"error"

struct opts {
	const char *env;	/* "host" or "guest" */
	int bits;		/* payload bits per channel */
	int delay_us;		/* timing channels: R's delay for a 1 bit */
	unsigned int seed;
	int selinux;		/* enforcing guest: switch domains, run SELinux tests */
	const char *pol_a, *pol_b;	/* the audit policy and its revoked variant */
	const char *only;	/* comma list of mechanisms, or NULL */
	const char *dir;	/* private scratch dir (FIFOs, registry) */
	int verbose;
};
extern struct opts O;

/* Per-run state, private to the S and R processes of one channel. */
struct ctx {
	int nbits;		/* preamble + payload */
	int fd[6];
	int ka[AUDIT_MAXBITS], kb[AUDIT_MAXBITS];	/* per-bit objects */
	long id[3];
	void *mem;
	size_t memsz;
	char path[160];
	char name[64];
	pid_t s_pid, r_pid;
	int tag;		/* unique per run: names, keys */
	int flag;		/* R-side state kept between calls */
};

/*
 * One channel of one mechanism.  Callbacks return 0 or -errno; NULL ones
 * are skipped.  Who runs what: helper (own process, helper domain, before
 * S); setup (S, before R exists); r_init (R); s_init (S, after r_init);
 * per bit: s_prep (S), r_enc (R), s_obs (S), r_reset (R), s_reset (S);
 * s_fini (S, after R exited).
 * TIMING: S observes right after the slot opens (it measures how long it
 * waits for R), not after R has encoded.
 */
struct ctx;
struct chan {
	const char *mech, *name, *what;	/* what: the observable, for the report */
	int timing;
	const char *na;			/* not applicable: why (no code runs) */
	int (*helper)(struct ctx *);
	int (*setup)(struct ctx *);
	int (*r_init)(struct ctx *);
	int (*s_init)(struct ctx *);
	int (*s_prep)(struct ctx *, int i);
	int (*r_enc)(struct ctx *, int i, int bit);
	int (*s_obs)(struct ctx *, int i, double *v);
	int (*r_reset)(struct ctx *, int i, int bit);
	int (*s_reset)(struct ctx *, int i);
	void (*s_fini)(struct ctx *);
	const char *env_only;		/* run only in this env, else n/a */
	const char *needs;		/* path that must exist, else n/a */
	const void *ops;		/* the mechanism's own operations */
	int qkind;			/* qchan.h kind + 1, 0 for a plain entry */
	void (*p_cleanup)(struct ctx *);	/* after S: in a helper-domain process */
};

/* The channel being run (set before S, R and the helper are forked). */
extern const struct chan *cur_ch;

/* Tables, one per source file; each ends with a zeroed entry. */
extern const struct chan chans_fd[], chans_sysv[], chans_mem[], chans_sipc[];

/* harness.c */
void run_channel(const struct chan *ch);
int peer_become(const char *type);	/* drop to AUDIT_UID, switch domain */
int r_delay(int bit);			/* timing modulation: sleep delay_us if bit */
double now_s(void);
void set_nonblock(int fd, int on);
void ignore_sigpipe(void);

/* record.c: one JSON object per line on stdout, prefixed "#J ". */
void rec_channel(const char *mech, const char *chan, const char *what,
		 const char *status, int bits, int errors, double secs,
		 double v0, double v1, const char *note);
void rec_prop(const char *mech, const char *prop, const char *value,
	      const char *evidence);

/* props.c */
void run_props(void);
void run_revocation(void);
void run_msgrate(void);
int load_policy(const char *path);

/* report.c */
int report_main(int argc, char **argv);

/* sipc_check.c: the assertions of `make check` */
int check_main(int argc, char **argv);

int mech_selected(const char *mech);

#endif
