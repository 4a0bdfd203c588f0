// SPDX-License-Identifier: GPL-2.0-only
/*
 * bccheck.c - `ipc-audit bccheck [--deploy D] RESULTS...`: TAP from the "backchan"
 * records of the guest runs (make check, suite audit).
 *
 * expect[] is the one place that says what each receiver-to-sender
 * channel of a default SIPC channel must measure, per deployment.  Rows
 * that say "present" for anything but the queue itself are channels the
 * module has not closed yet: each names the kernel item (issue 14) whose
 * landing flips it to "absent", at which point this test fails until the
 * row is changed.  So the verdict is asserted both ways.  --partial: only
 * the channels that have a record (make audit runs them in parts).
 */
#include <stdio.h>
#include <string.h>
#include "bchan.h"
#include "commands.h"
#include "load.h"

#define P "present"
#define A "absent"
#define D "denied (closed by policy)"

struct expect {
	const char *chan, *dac, *selinux;
	const char *why;	/* for "present": what closes it, and when */
};

static const struct expect expect[] = {
	/* Regions are PFN mappings since API 2: no rmap, no mapcount. */
	{ "pagemap", A, A, NULL },
	{ "smaps", A, A, NULL },
	{ "mincore", A, A, NULL },
	{ "meminfo-mapped", A, A, NULL },
	{ "vmstat-mapped", A, A, NULL },
	/* The queue: the one channel SIPC keeps, by design. */
	{ "queue-state", P, P, "the queue's full / not-full state (kept by design)" },
	{ "hold-time", P, P, "the queue's full / not-full state, timed (kept by design)" },
	/* Not yet closed by the module. */
	{ "refcount", P, P, "issue 14 item 2 (no counter moves with the receiver)" },
	{ "free-slots", P, P, "issue 14 item 5 (free-slot counting bounded)" },
	{ "info-queue_len", P, D, "issue 14 item 3 (INFO only on the control node)" },
	{ "info-msgs_received", P, D, "issue 14 item 3 (INFO only on the control node)" },
	/* EP_INFO shows only static facts. */
	{ "ep-info", A, A, NULL },
	{ "info-state", P, D, "issue 14 item 3 (INFO only on the control node)" },
	{ "list-total", P, D, "issue 14 item 3 (LIST only on the control node)" },
	{ "create-attach", P, D, "issue 14 item 3 (CREATE only on the control node)" },
	{ "destroy", P, D, "issue 14 items 3 and 4 (DESTROY on the control node, per-channel DAC)" },
	{ "revoke", P, D, "issue 14 items 3 and 4 (REVOKE on the control node, per-channel DAC)" },
	{ "attach-busy", P, D, "issue 14 item 4 (per-channel DAC on the receiver role)" },
	/* The self-test: the measurement must see a leak and must not invent one. */
	{ "self-leak-fsize", P, NULL, "self-test: a 4-bit/symbol leak" },
	{ "self-leak-bsc", P, NULL, "self-test: a binary symmetric channel, flip 1/8" },
	{ "self-silent-const", A, NULL, NULL },
	{ "self-silent-noise", A, NULL, NULL },
};

static int n, fails, partial;

static void tap(int ok, const char *fmt, const char *a, const char *b)
{
	printf("%sok %d - ", ok ? "" : "not ", ++n);
	printf(fmt, a, b);
	printf("\n");
	fails += !ok;
}

static json_object *find_bc(json_object *all, const char *deploy, const char *chan)
{
	size_t i, num = json_object_array_length(all);

	for (i = 0; i < num; i++) {
		json_object *o = json_object_array_get_idx(all, i);

		if (!strcmp(rec_str(o, "type"), "backchan") && !strcmp(rec_str(o, "env"), "guest") &&
		    !strcmp(rec_str(o, "deploy"), deploy) && !strcmp(rec_str(o, "chan"), chan))
			return o;
	}
	return NULL;
}

static void figure(json_object *o)
{
	printf("#   %s: %.4g bit/s (99%%: %.4g..%.4g), %.4g bits/symbol, %d symbols "
	       "in %.2f s (%.0f/s), %d levels -> %d; %s\n", rec_str(o, "verdict"),
	       rec_num(o, "rate_bps"), rec_num(o, "rate_lo_bps"), rec_num(o, "rate_hi_bps"),
	       rec_num(o, "mi_est"), (int)rec_num(o, "syms"), rec_num(o, "secs"),
	       rec_num(o, "sym_rate"), (int)rec_num(o, "levels"), (int)rec_num(o, "ny"),
	       rec_str(o, "note"));
}

static void one(json_object *all, const struct expect *e, const char *deploy,
		const char *want)
{
	json_object *o = find_bc(all, deploy, e->chan);
	char what[160];
	const char *got;

	snprintf(what, sizeof(what), "%s %s", deploy, e->chan);
	if (!o && partial)
		return;
	if (!o) {
		tap(0, "%s: measured%s", what, "");
		return;
	}
	got = rec_str(o, "verdict");
	tap(!strcmp(got, want), "%s: %s", what, want);
	if (strcmp(want, A) && e->why)
		printf("#   expected %s: %s\n", want, e->why);
	figure(o);
	if (rec_num(o, "known_bits") > 0) {
		double k = rec_num(o, "known_bits"), m = rec_num(o, "mi_est");

		printf("#   known capacity %.4f bits/symbol (%.4g bit/s), measured %.4f\n",
		       k, k * rec_num(o, "sym_rate"), m);
		/*
		 * The permutation bias subtracted is the one at independence,
		 * larger than a strong channel's own: allow it below.
		 */
		tap(m <= 1.03 * k + 0.01 && m >= 0.97 * k - rec_num(o, "mi_bias") - 0.01,
		    "%s: rate within 3%% of its capacity (less the bias correction)%s", what, "");
	}
}

/* Revocation (props.c, run_revocation): the policy reload's effect. */
static void revoked(json_object *all, const char *prop, const char *what)
{
	json_object *r = find_rec(all, "prop", "guest", "sipc-kernel", prop);

	tap(r && !strcmp(rec_str(r, "value"), "yes"), "selinux sipc-kernel: %s%s", what, "");
	printf("#   %s\n", r ? rec_str(r, "evidence") : "no record");
}

int bccheck_main(int argc, char **argv)
{
	const char *only = NULL;
	json_object *all;
	size_t i;

	if (argc > 0 && !strcmp(argv[0], "--partial")) {
		partial = 1;
		argc--;
		argv++;
	}
	if (argc > 2 && !strcmp(argv[0], "--deploy")) {
		only = argv[1];
		argc -= 2;
		argv += 2;
	}
	all = load_records(argc, argv);
	if (!all)
		return 1;
	for (i = 0; i < sizeof(expect) / sizeof(expect[0]); i++) {
		if (!only || !strcmp(only, "dac"))
			one(all, &expect[i], "dac", expect[i].dac);
		if (expect[i].selinux && (!only || !strcmp(only, "selinux")))
			one(all, &expect[i], "selinux", expect[i].selinux);
	}
	/* the whole selinux part runs revocation; verify asserts it if it ran */
	if ((only && !strcmp(only, "selinux") && !partial) ||
	    (!only && find_rec(all, "prop", "guest", "sipc-kernel", "mapping-revoked"))) {
		revoked(all, "mapping-revoked", "mapping revoked on policy reload");
		revoked(all, "recheck-at-use", "RECV re-checked after policy reload");
	}
	printf("1..%d\n", n);
	json_object_put(all);
	return fails ? 1 : 0;
}
