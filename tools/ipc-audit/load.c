// SPDX-License-Identifier: GPL-2.0-only
/*
 * load.c - read "#J {json}" lines from result files (host output, guest
 * TAP files): the only way numbers get into tables.
 */
#include <stdio.h>
#include <string.h>
#include "load.h"

json_object *load_records(int nfiles, char **files)
{
	json_object *all = json_object_new_array();
	char line[4096];
	int i;

	for (i = 0; i < nfiles; i++) {
		FILE *f = fopen(files[i], "r");

		if (!f) {
			perror(files[i]);
			json_object_put(all);
			return NULL;
		}
		while (fgets(line, sizeof(line), f)) {
			char *p = strstr(line, "#J {");
			json_object *o;

			if (!p)
				continue;
			o = json_tokener_parse(p + 3);
			if (o)
				json_object_array_add(all, o);
		}
		fclose(f);
	}
	return all;
}

const char *rec_str(json_object *o, const char *key)
{
	json_object *v;

	return o && json_object_object_get_ex(o, key, &v) ? json_object_get_string(v) : "";
}

double rec_num(json_object *o, const char *key)
{
	json_object *v;

	return o && json_object_object_get_ex(o, key, &v) ? json_object_get_double(v) : 0;
}

json_object *find_rec(json_object *all, const char *type, const char *env,
		      const char *mech, const char *name)
{
	size_t i, n = json_object_array_length(all);

	for (i = 0; i < n; i++) {
		json_object *o = json_object_array_get_idx(all, i);

		if (!strcmp(rec_str(o, "type"), type) && !strcmp(rec_str(o, "env"), env) &&
		    !strcmp(rec_str(o, "mech"), mech) &&
		    !strcmp(rec_str(o, !strcmp(type, "channel") ? "chan" : "prop"), name))
			return o;
	}
	return NULL;
}
