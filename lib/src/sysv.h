/* SPDX-License-Identifier: LGPL-2.1-or-later */
/*
 * sysv.h - the sysv backend's registry of channel names (sysv_registry.c),
 * used by the backend proper (sysv.c).
 *
 * SysV objects have numeric ids, not names.  The registry is a directory
 * with one file per channel, NAME.chan, holding the ids and the static
 * facts of the channel as "key value" lines.  Files are written under a
 * temporary name and then hard-linked into place, so an entry appears
 * complete or not at all, and link() failing with EEXIST is what makes a
 * name taken.
 */
#ifndef SIPC_SYSV_H
#define SIPC_SYSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "internal.h"

#define SYSV_CONTEXT_MAX	4096

/* One registry entry. */
struct sysv_entry {
	uint64_t id;		/* random, names this incarnation */
	int msqid;		/* control queue */
	int shmid;		/* region */
	uint64_t size;		/* region bytes, page-rounded */
	unsigned int depth;	/* queue depth */
	uint32_t pid, uid;	/* creator */
	char context[SYSV_CONTEXT_MAX];	/* creator's LSM context or "" */
};

/* A random 64-bit value (for ids and temporary names). */
SIPC_INTERNAL uint64_t sysv_random(void);

/*
 * Open the registry directory: $SIPC_SYSV_DIR, else /tmp/sipc-sysv-EUID
 * (which must be ours and not writable by others).  create: make it if
 * missing.  Returns a descriptor, -ENOENT (missing) or another -errno.
 */
SIPC_INTERNAL int sysv_reg_open(bool create);

/* Add NAME.chan atomically: 0, -EEXIST or -errno. */
SIPC_INTERNAL int sysv_reg_add(int dirfd, const char *name,
			       const struct sysv_entry *e);

/* Parse the entry in file (NAME.chan, or a name from sysv_reg_take()). */
SIPC_INTERNAL int sysv_reg_read(int dirfd, const char *file,
				struct sysv_entry *e);

/*
 * Take NAME.chan away from the namespace by renaming it to a unique
 * file, written to dead (size >= SYSV_FILE_MAX); only one of several
 * racing callers gets it.  0 or -ENOENT.
 */
SIPC_INTERNAL int sysv_reg_take(int dirfd, const char *name, char *dead);

/* Put a file from sysv_reg_take() back as NAME.chan. */
SIPC_INTERNAL void sysv_reg_restore(int dirfd, const char *dead,
				    const char *name);

/* Names of the entries, as sipc_list(). */
SIPC_INTERNAL int sysv_reg_list(int dirfd, char (*names)[SIPC_NAME_MAX],
				unsigned int count);

/* Room for any file name the registry uses. */
#define SYSV_FILE_MAX	(SIPC_NAME_MAX + 32)

/* "NAME.chan" into buf (SYSV_FILE_MAX). */
SIPC_INTERNAL void sysv_entry_file(char *buf, const char *name);

#endif /* SIPC_SYSV_H */
