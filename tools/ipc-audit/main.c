// SPDX-License-Identifier: GPL-2.0-only
/*
 * main.c - ipc-audit command line.
 *
 *   ipc-audit run [--env host|guest] [--bits N] [--delay-us D] [--seed S]
 *                 [--only MECH,...] [--selinux POLICY_A,POLICY_B] [--no-props]
 *       measure; results as "#J {json}" lines on stdout
 *   ipc-audit report -o DIR [--doc FILE] RESULTS...
 *       tables (text, CSV, JSON, Markdown) from the "#J" lines of RESULTS
 *   ipc-audit check RESULTS...
 *       TAP: the properties SIPC claims (make check)
 *   ipc-audit backchan [--env E] [--selinux] [--only NAMES] [--min-syms N] [--max-secs S]
 *       SIPC's receiver-to-sender channels as symbol channels (bchan.c)
 *   ipc-audit bccheck [--partial] [--deploy dac|selinux] RESULTS...
 *       TAP: their expected verdicts (bccheck.c; make check)
 *
 * main.c owns the run's options (options.h) and hands them down; nothing
 * calls back into it.  harness.c runs one channel (qchan.c fills in the
 * standard ones of a queue-like mechanism, mech_*.c are the mechanisms),
 * props.c measures the other properties, record.c prints the results,
 * report.c and sipc_check.c read them back (load.c).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "audit.h"
#include "commands.h"
#include "harness.h"
#include "options.h"
#include "props.h"
#include "selinux_load.h"

static int run_main(int argc, char **argv)
{
	const struct chan *tabs[] = { chans_fd, chans_sysv, chans_mem, chans_sipc };
	static char dir[64];
	struct audit_opts o = { .env = "host", .bits = 128, .delay_us = 1000, .seed = 2007 };
	int i, props = 1;
	size_t t;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--env") && v)
			o.env = argv[++i];
		else if (!strcmp(a, "--bits") && v)
			o.bits = atoi(argv[++i]);
		else if (!strcmp(a, "--delay-us") && v)
			o.delay_us = atoi(argv[++i]);
		else if (!strcmp(a, "--seed") && v)
			o.seed = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(a, "--only") && v)
			o.only = argv[++i];
		else if (!strcmp(a, "--no-props"))
			props = 0;
		else if (!strcmp(a, "--selinux") && v) {
			char *s = strdup(argv[++i]), *comma = s ? strchr(s, ',') : NULL;

			if (!comma) {
				free(s);
				fprintf(stderr, "ipc-audit: --selinux A,B\n");
				return 2;
			}
			*comma = 0;
			o.pol_a = s;
			o.pol_b = comma + 1;
			o.selinux = 1;
		} else {
			fprintf(stderr, "ipc-audit: unknown argument %s\n", a);
			return 2;
		}
	}
	if (o.bits < 8 || o.bits + AUDIT_PREAMBLE > AUDIT_MAXBITS) {
		fprintf(stderr, "ipc-audit: --bits must be 8..%d\n", AUDIT_MAXBITS - AUDIT_PREAMBLE);
		return 2;
	}
	/* A private scratch directory owned by the peers' uid. */
	snprintf(dir, sizeof(dir), "/tmp/ipc-audit.%d", getpid());
	if (mkdir(dir, 0700) && errno != EEXIST) {
		perror(dir);
		return 1;
	}
	if (getuid() == 0 && chown(dir, AUDIT_UID, AUDIT_UID)) {
		perror(dir);
		return 1;
	}
	o.dir = dir;
	if (o.selinux) {
		int err = load_policy(o.pol_a);

		if (err) {
			printf("Bail out! cannot load %s: %s\n", o.pol_a, strerror(-err));
			return 1;
		}
	}
	printf("# ipc-audit: env=%s bits=%d delay_us=%d seed=%u selinux=%d\n",
	       o.env, o.bits, o.delay_us, o.seed, o.selinux);
	for (t = 0; t < sizeof(tabs) / sizeof(tabs[0]); t++)
		for (i = 0; tabs[t][i].mech || tabs[t][i].qkind; i++)
			run_channel(&o, &tabs[t][i]);
	if (props) {
		run_msgrate(&o);
		run_props(&o);
		if (o.selinux)
			run_revocation(&o);
	}
	if (fork() == 0) {
		execlp("rm", "rm", "-rf", dir, (char *)NULL);
		_exit(1);
	}
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc > 1 && !strcmp(argv[1], "run"))
		return run_main(argc - 2, argv + 2);
	if (argc > 1 && !strcmp(argv[1], "report"))
		return report_main(argc - 2, argv + 2);
	if (argc > 1 && !strcmp(argv[1], "check"))
		return check_main(argc - 2, argv + 2);
	if (argc > 1 && !strcmp(argv[1], "backchan"))
		return bchan_main(argc - 2, argv + 2);
	if (argc > 1 && !strcmp(argv[1], "bccheck"))
		return bccheck_main(argc - 2, argv + 2);
	fprintf(stderr, "usage: ipc-audit run|report|check ... (see main.c)\n");
	return 2;
}
