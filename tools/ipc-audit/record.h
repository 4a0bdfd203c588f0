/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * record.h - results as one JSON object per line on stdout, prefixed
 * "#J " (record.c), and the status words a channel record carries.
 */
#ifndef IPC_AUDIT_RECORD_H
#define IPC_AUDIT_RECORD_H

#include "options.h"

/* Result status of one channel. */
#define ST_PRESENT	"present"
#define ST_ABSENT	"absent"
#define ST_NA		"n/a"
#define ST_ERROR	"error"

void rec_channel(const struct audit_opts *o, const char *mech, const char *chan,
		 const char *what, const char *status, int bits, int errors,
		 double secs, double v0, double v1, const char *note);
void rec_prop(const struct audit_opts *o, const char *mech, const char *prop,
	      const char *value, const char *evidence);

#endif
