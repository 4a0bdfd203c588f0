// SPDX-License-Identifier: GPL-2.0-only
/* options.c - questions about the run's options (options.h). */
#include <string.h>
#include "options.h"

int audit_wants_mech(const struct audit_opts *o, const char *mech)
{
	const char *p;
	size_t n = strlen(mech);

	if (!o->only)
		return 1;
	for (p = o->only; (p = strstr(p, mech)); p += n)
		if ((p == o->only || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return 1;
	return 0;
}
