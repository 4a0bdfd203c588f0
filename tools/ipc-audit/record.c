// SPDX-License-Identifier: GPL-2.0-only
/*
 * record.c - results as JSON lines ("#J {...}") on stdout.
 *
 * The "#J " prefix makes them TAP diagnostics, so in the guest they pass
 * through the test runner into the result file untouched; `ipc-audit
 * report` reads them back from there and from the host run.
 */
#include <json-c/json.h>
#include <math.h>
#include <stdio.h>
#include "record.h"

static void emit(json_object *o)
{
	printf("#J %s\n", json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN));
	fflush(stdout);
	json_object_put(o);
}

/* Binary entropy, for the capacity of a binary symmetric channel. */
static double h2(double p)
{
	if (p <= 0 || p >= 1)
		return 0;
	return -p * log2(p) - (1 - p) * log2(1 - p);
}

void rec_channel(const struct audit_opts *opts, const char *mech, const char *chan,
		 const char *what, const char *status, int bits, int errors,
		 double secs, double v0, double v1, const char *note)
{
	json_object *o = json_object_new_object();
	double rate = secs > 0 ? bits / secs : 0;
	double ber = bits ? (double)errors / bits : 0;

	json_object_object_add(o, "type", json_object_new_string("channel"));
	json_object_object_add(o, "env", json_object_new_string(opts->env));
	json_object_object_add(o, "mech", json_object_new_string(mech));
	json_object_object_add(o, "chan", json_object_new_string(chan));
	json_object_object_add(o, "what", json_object_new_string(what ? what : ""));
	json_object_object_add(o, "status", json_object_new_string(status));
	json_object_object_add(o, "bits", json_object_new_int(bits));
	json_object_object_add(o, "errors", json_object_new_int(errors));
	json_object_object_add(o, "secs", json_object_new_double(secs));
	json_object_object_add(o, "raw_bps", json_object_new_double(rate));
	json_object_object_add(o, "ber", json_object_new_double(ber));
	/* Information rate: raw rate times the BSC capacity; 0 when absent. */
	json_object_object_add(o, "capacity_bps", json_object_new_double(
		status[0] == 'p' ? rate * (1 - h2(ber)) : 0));
	json_object_object_add(o, "median0", json_object_new_double(v0));
	json_object_object_add(o, "median1", json_object_new_double(v1));
	json_object_object_add(o, "delay_us", json_object_new_int(opts->delay_us));
	json_object_object_add(o, "note", json_object_new_string(note ? note : ""));
	emit(o);
}

void rec_prop(const struct audit_opts *opts, const char *mech, const char *prop,
	      const char *value, const char *evidence)
{
	json_object *o = json_object_new_object();

	json_object_object_add(o, "type", json_object_new_string("prop"));
	json_object_object_add(o, "env", json_object_new_string(opts->env));
	json_object_object_add(o, "mech", json_object_new_string(mech));
	json_object_object_add(o, "prop", json_object_new_string(prop));
	json_object_object_add(o, "value", json_object_new_string(value));
	json_object_object_add(o, "evidence", json_object_new_string(evidence ? evidence : ""));
	emit(o);
}
