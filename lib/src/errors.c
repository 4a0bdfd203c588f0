// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * errors.c - sipc_strerror().  The texts say what each code means for a
 * channel, which is not always what strerror() says for a file
 * ("No such channel" rather than "No such file or directory").
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>

#include "internal.h"

static const struct {
	int err;
	const char *text;
} sipc_errors[] = {
	{ 0,		"Success" },
	{ EPERM,	"Operation not permitted" },
	{ ENOENT,	"No such channel" },
	{ EINTR,	"Interrupted by a signal" },
	{ EBADF,	"Bad handle, or wrong role for this call" },
	{ EAGAIN,	"Operation would block" },
	{ ENOMEM,	"Out of memory" },
	{ EACCES,	"Permission denied" },
	{ EFAULT,	"Bad address" },
	{ EBUSY,	"Busy: role taken, or buffer still committed" },
	{ EEXIST,	"Channel name already in use" },
	{ ENODEV,	"SIPC kernel module not loaded (no /dev/sipc)" },
	{ EINVAL,	"Invalid argument" },
	{ EMFILE,	"Too many open handles or files" },
	{ ENFILE,	"Too many open files in the system" },
	{ ENOTTY,	"Command not supported by this kernel" },
	{ ENOSPC,	"Channel limit reached" },
	{ EPIPE,	"Sender has left" },
	{ ENAMETOOLONG,	"Channel name too long" },
	{ ENOSYS,	"Function not implemented" },
	{ EIDRM,	"Channel destroyed" },
	{ EPROTO,	"Protocol error: malformed control message" },
	{ EMSGSIZE,	"Message larger than the buffer" },
	{ EOPNOTSUPP,	"Not supported by this backend" },
	{ ETIMEDOUT,	"Timed out" },
	{ E2BIG,	"Argument too big for this kernel" },
};

const char *sipc_strerror(int err)
{
	const char *s;
	size_t i;

	if (err < 0)
		err = -err;
	for (i = 0; i < sizeof(sipc_errors) / sizeof(sipc_errors[0]); i++)
		if (sipc_errors[i].err == err)
			return sipc_errors[i].text;
	/* Static, thread-safe text for the rest (glibc >= 2.32). */
	s = strerrordesc_np(err);
	return s ? s : "Unknown error";
}
