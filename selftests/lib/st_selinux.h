/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * st_selinux.h - SELinux policy control for guest tests running as the
 * kernel SID (unconfined): load a binary policy, go enforcing, flip a
 * boolean, read labels.  See /work/shared/selinux-in-qemu.md for why the
 * policy load is one write().
 */
#ifndef ST_SELINUX_H
#define ST_SELINUX_H

#include <stdbool.h>
#include <stddef.h>

#include "st_policy_load.h"

#define ST_SELINUXFS		"/sys/fs/selinux"
/* Where the guest image holds the policies ($SIPC_SE_DIR overrides it). */
#define ST_SE_DIR_DEFAULT	"/selinux-tests"

/* Is a policy loaded (selinuxfs lists classes only after the first load)? */
bool st_policy_loaded(void);
/* Load <$SIPC_SE_DIR>/<name>.33 ("A", "nomap", "noq"). */
int st_policy_load(const char *name);
int st_setenforce(int value);
int st_getenforce(void);
/* Set a boolean and commit it (one policy change notification). */
int st_setbool(const char *name, int value);

/*
 * Load policy A, set the boolean back to its default (a policy load keeps
 * the current values of booleans), go enforcing, and make sure /dev/sipc
 * is labelled sipc_device_t: if sipc.ko was loaded before the first
 * policy load (the guest's /init does that), reload it so its node is
 * created again under the policy.  0 or -errno; *why says which step
 * failed.
 */
int st_se_baseline(const char **why);

/* The SELinux context of a path or descriptor, into buf. */
int st_path_label(const char *path, char *buf, size_t size);
int st_fd_label(int fd, char *buf, size_t size);
/* The type field of a context ("u:r:t" -> "t"), in place. */
const char *st_type_of(const char *context);

#endif /* ST_SELINUX_H */
