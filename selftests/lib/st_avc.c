// SPDX-License-Identifier: GPL-2.0-only
/*
 * st_avc.c - AVC denials in the kernel log (see st_avc.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>

#include "st_avc.h"
#include "st_domain.h"
#include "st_proc.h"

/* The whole kernel log, NUL-terminated; free() it. */
static char *klog_read(void)
{
	int size = klogctl(10 /* SYSLOG_ACTION_SIZE_BUFFER */, NULL, 0);
	char *buf;
	int n;

	if (size <= 0)
		size = 1 << 20;
	buf = malloc(size + 1);
	if (!buf)
		return NULL;
	n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, buf, size);
	if (n < 0) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

static bool avc_line_matches(const char *line, const struct st_avc *a)
{
	char want[160];
	const char *open, *close;

	if (!strstr(line, "avc:  denied  {"))
		return false;
	if (a->pid) {
		snprintf(want, sizeof(want), " pid=%d ", a->pid);
		if (!strstr(line, want))
			return false;
	}
	if (a->perm) {
		open = strstr(line, "denied  {");
		close = open ? strchr(open, '}') : NULL;
		snprintf(want, sizeof(want), " %s ", a->perm);
		if (!close)
			return false;
		open = strstr(open, want);
		if (!open || open > close)
			return false;
	}
	if (a->ioctlcmd) {
		snprintf(want, sizeof(want), " ioctlcmd=0x%x ", a->ioctlcmd);
		if (!strstr(line, want))
			return false;
	}
	if (a->stype) {
		snprintf(want, sizeof(want), " scontext=" ST_SE_USER_ROLE "%s ",
			 a->stype);
		if (!strstr(line, want))
			return false;
	}
	if (a->ttype) {
		snprintf(want, sizeof(want), " tcontext=" ST_SE_OBJECT "%s ",
			 a->ttype);
		if (!strstr(line, want))
			return false;
	}
	if (a->tclass) {
		snprintf(want, sizeof(want), " tclass=%s ", a->tclass);
		if (!strstr(line, want))
			return false;
	}
	return true;
}

/* First line of the log that matches, copied to @line; 0 or -ENOENT. */
static int avc_search(const struct st_avc *a, char *line, size_t size)
{
	char *log = klog_read(), *p, *nl;
	int err = -ENOENT;

	if (!log)
		return -EIO;
	for (p = log; p && *p; p = nl ? nl + 1 : NULL) {
		nl = strchr(p, '\n');
		if (nl)
			*nl = '\0';
		if (avc_line_matches(p, a)) {
			if (line)
				snprintf(line, size, "%s", p);
			err = 0;
			break;
		}
	}
	free(log);
	return err;
}

int st_avc_wait(const struct st_avc *avc, int timeout_ms, char *line,
		size_t size)
{
	int waited = 0, err;

	for (;;) {
		err = avc_search(avc, line, size);
		if (err != -ENOENT || waited >= timeout_ms)
			return err;
		st_msleep(20);
		waited += 20;
	}
}

bool st_avc_any(pid_t pid)
{
	struct st_avc a = { .pid = pid };

	return avc_search(&a, NULL, 0) == 0;
}
