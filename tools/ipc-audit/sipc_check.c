// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_check.c - `ipc-audit check RESULTS...`: TAP assertions of what SIPC
 * claims about revocation, from the records of a guest run under the
 * audit policy: a policy reload that withdraws the receiver's rights takes
 * its mapping (SIGBUS) and its RECV away.
 *
 * The receiver-to-sender channels are asserted by bccheck.c, from
 * `ipc-audit backchan`: the bit decoder of `run` and its "one bit per
 * look" bound are not a measurement of them (Documentation/ipc-security.md).
 */
#include <stdio.h>
#include <string.h>
#include "commands.h"
#include "record.h"
#include "load.h"

static int n, fails;

static void tap_prop(json_object *all, const char *prop, const char *what)
{
	json_object *r = find_rec(all, "prop", "guest", "sipc-kernel", prop);
	int ok = r && !strcmp(rec_str(r, "value"), "yes");

	printf("%sok %d - sipc-kernel: %s\n", ok ? "" : "not ", ++n, what);
	printf("# %s\n", r ? rec_str(r, "evidence") : "no record");
	fails += !ok;
}

int check_main(int argc, char **argv)
{
	json_object *all = load_records(argc, argv);

	if (!all)
		return 1;
	tap_prop(all, "mapping-revoked", "mapping revoked on policy reload");
	tap_prop(all, "recheck-at-use", "RECV re-checked after policy reload");
	printf("1..%d\n", n);
	json_object_put(all);
	return fails ? 1 : 0;
}
