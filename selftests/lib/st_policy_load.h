/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * st_policy_load.h - the SELinux policy loader, alone in its file (libc
 * only) so that programs outside the tests, such as ipc-audit, can link
 * this one file instead of keeping a loader of their own.
 */
#ifndef ST_POLICY_LOAD_H
#define ST_POLICY_LOAD_H

/*
 * Load the binary policy at path into /sys/fs/selinux/load; 0 or -errno.
 * selinuxfs takes a policy only whole, in one write() (a larger policy
 * split by cat(1) is refused), so the file is read into memory first.
 */
int st_policy_load_file(const char *path);

#endif /* ST_POLICY_LOAD_H */
