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
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "audit.h"

struct opts O = { .env = "host", .bits = 128, .delay_us = 1000, .seed = 2007 };

int mech_selected(const char *mech)
{
	const char *p;
	size_t n = strlen(mech);

	if (!O.only)
		return 1;
	for (p = O.only; (p = strstr(p, mech)); p += n)
		if ((p == O.only || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return 1;
	return 0;
}

static int run_main(int argc, char **argv)
{
	const struct chan *tabs[] = { chans_fd, chans_sysv, chans_mem, chans_sipc };
	static char dir[64];
	int i, props = 1;
	size_t t;

	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--env") && v)
			O.env = argv[++i];
		else if (!strcmp(a, "--bits") && v)
			O.bits = atoi(argv[++i]);
		else if (!strcmp(a, "--delay-us") && v)
			O.delay_us = atoi(argv[++i]);
		else if (!strcmp(a, "--seed") && v)
			O.seed = strtoul(argv[++i], NULL, 0);
		else if (!strcmp(a, "--only") && v)
			O.only = argv[++i];
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
			O.pol_a = s;
			O.pol_b = comma + 1;
			O.selinux = 1;
		} else {
			fprintf(stderr, "ipc-audit: unknown argument %s\n", a);
			return 2;
		}
	}
	if (O.bits < 8 || O.bits + AUDIT_PREAMBLE > AUDIT_MAXBITS) {
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
	O.dir = dir;
	if (O.selinux) {
		int err = load_policy(O.pol_a);

		if (err) {
			printf("Bail out! cannot load %s: %s\n", O.pol_a, strerror(-err));
			return 1;
		}
	}
	printf("# ipc-audit: env=%s bits=%d delay_us=%d seed=%u selinux=%d\n",
	       O.env, O.bits, O.delay_us, O.seed, O.selinux);
	for (t = 0; t < sizeof(tabs) / sizeof(tabs[0]); t++)
		for (i = 0; tabs[t][i].mech || tabs[t][i].qkind; i++)
			run_channel(&tabs[t][i]);
	if (props) {
		run_msgrate();
		run_props();
		if (O.selinux)
			run_revocation();
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
	fprintf(stderr, "usage: ipc-audit run|report|check ... (see main.c)\n");
	return 2;
}
