/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * options.h - what one `ipc-audit run` was asked to do.  main.c fills one
 * struct audit_opts from the command line and hands it down; nothing else
 * writes it.
 */
#ifndef IPC_AUDIT_OPTIONS_H
#define IPC_AUDIT_OPTIONS_H

struct audit_opts {
	const char *env;	/* "host" or "guest" */
	int bits;		/* payload bits per channel */
	int delay_us;		/* timing channels: R's delay for a 1 bit */
	unsigned int seed;
	int selinux;		/* enforcing guest: switch domains, run SELinux tests */
	const char *pol_a, *pol_b;	/* the audit policy and its revoked variant */
	const char *only;	/* comma list of mechanisms, or NULL */
	const char *dir;	/* private scratch dir (FIFOs, registry) */
	int verbose;
	/* ipc-audit backchan (bchan.h) */
	const char *deploy;	/* "dac" or "selinux" */
	int min_syms;		/* symbols before the first verdict */
	double max_secs;	/* symbol time per channel at most */
};

/* Whether --only (if given) names MECH. */
int audit_wants_mech(const struct audit_opts *o, const char *mech);

#endif
