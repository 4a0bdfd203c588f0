/* SPDX-License-Identifier: GPL-2.0-only */
/* load.h - read back the "#J" records of ipc-audit runs (load.c). */
#ifndef IPC_AUDIT_LOAD_H
#define IPC_AUDIT_LOAD_H

#include <json-c/json.h>

/* All records of FILES in one array (caller puts it); NULL on error. */
json_object *load_records(int nfiles, char **files);
const char *rec_str(json_object *o, const char *key);	/* string field or "" */
double rec_num(json_object *o, const char *key);		/* number field or 0 */
/* The channel / prop record of (env, mech, name), or NULL. */
json_object *find_rec(json_object *all, const char *type, const char *env,
		      const char *mech, const char *name);

#endif
