/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * st_avc.h - look for SELinux AVC denials in the kernel log, which is
 * where the guest's audit records end up (there is no auditd).
 */
#ifndef ST_AVC_H
#define ST_AVC_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * struct st_avc - an AVC denial to look for.  Unset (NULL/0) fields are
 * not checked.  @perm must appear between the braces; @stype and @ttype
 * are types of the scontext and tcontext.
 */
struct st_avc {
	pid_t pid;
	const char *perm;
	unsigned int ioctlcmd;
	const char *stype;
	const char *ttype;
	const char *tclass;
};

/*
 * Wait up to @timeout_ms for a matching "avc:  denied" line in the kernel
 * log (the audit records reach it asynchronously).  Returns 0 when found;
 * the line is copied to @line if not NULL.
 */
int st_avc_wait(const struct st_avc *avc, int timeout_ms, char *line,
		size_t size);
/* Is there any AVC denial of @pid in the log? */
bool st_avc_any(pid_t pid);

#endif /* ST_AVC_H */
