// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_check.c - `ipc-audit check RESULTS...`: TAP assertions of what SIPC
 * claims, from the records of a guest run under the audit policy:
 *
 *  1. the kernel backend's receiver has no reverse channel but the queue:
 *     every channel other than block, errno (EAGAIN) and poll (POLLOUT) -
 *     the three faces of "the queue is full" - measures absent;
 *  2. the queue channel's information rate stays below the bound
 *     (Documentation/ipc-security.md, "SIPC's residual backchannel"): one
 *     bit per look the sender takes at the queue, i.e. the rate at which
 *     S can look (prop msg-rate: non-blocking SENDs on a full queue, same
 *     run);
 *  3. a policy reload that withdraws the receiver's rights takes its
 *     mapping (SIGBUS) and its RECV away.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "commands.h"
#include "record.h"
#include "load.h"


static int n, fails;

static void tap(int ok, const char *fmt, const char *a, const char *b)
{
	printf("%sok %d - ", ok ? "" : "not ", ++n);
	printf(fmt, a, b);
	printf("\n");
	fails += !ok;
}

int check_main(int argc, char **argv)
{
	static const char *mechs[] = { "sipc-kernel", "sipc-kernel-d8", "sipc-kernel-s4" };
	json_object *all = load_records(argc, argv);
	size_t i, k, cnt = 0;
	char msg[300];

	json_object *mr;
	double rate;

	if (!all)
		return 1;
	mr = find_rec(all, "prop", "guest", "sipc-kernel", "msg-rate");
	rate = mr ? atof(rec_str(mr, "value")) : 0;
	tap(rate > 0, "sipc-kernel: the sender's look rate measured%s%s", "", "");
	printf("# %s looks/s: %s\n", mr ? rec_str(mr, "value") : "none", mr ? rec_str(mr, "evidence") : "");
	for (k = 0; k < 3; k++) {
		size_t num = json_object_array_length(all);

		for (i = 0; i < num; i++) {
			json_object *o = json_object_array_get_idx(all, i);
			const char *ch = rec_str(o, "chan"), *st = rec_str(o, "status");
			int queue = !strcmp(ch, "block") || !strcmp(ch, "errno") || !strcmp(ch, "poll");

			if (strcmp(rec_str(o, "type"), "channel") || strcmp(rec_str(o, "mech"), mechs[k]))
				continue;
			cnt++;
			if (!strcmp(st, ST_NA))
				continue;
			if (!queue) {
				snprintf(msg, sizeof(msg), "%s (%s)", st, rec_str(o, "note"));
				tap(!strcmp(st, ST_ABSENT), "%s %s", mechs[k], ch);
				printf("# %s %s: %s\n", mechs[k], ch, msg);
				continue;
			} else {
				double cap = rec_num(o, "capacity_bps"), bound = rate;

				snprintf(msg, sizeof(msg), "%s: %.1f bit/s (raw %.1f, BER %.3f), bound %.1f",
					 st, cap, rec_num(o, "raw_bps"), rec_num(o, "ber"), bound);
				tap(strcmp(st, ST_ERROR) && cap <= bound, "%s %s: queue channel under the bound", mechs[k], ch);
				printf("# %s\n", msg);
			}
		}
	}
	tap(cnt > 0, "%s%s records present", "sipc-kernel", "");
	{
		json_object *r = find_rec(all, "prop", "guest", "sipc-kernel", "mapping-revoked");
		json_object *q = find_rec(all, "prop", "guest", "sipc-kernel", "recheck-at-use");

		tap(r && !strcmp(rec_str(r, "value"), "yes"), "sipc-kernel: %s%s", "mapping revoked on policy reload", "");
		printf("# %s\n", r ? rec_str(r, "evidence") : "no record");
		tap(q && !strcmp(rec_str(q, "value"), "yes"), "sipc-kernel: %s%s", "RECV re-checked after policy reload", "");
		printf("# %s\n", q ? rec_str(q, "evidence") : "no record");
	}
	printf("1..%d\n", n);
	json_object_put(all);
	return fails ? 1 : 0;
}
