/* SPDX-License-Identifier: GPL-2.0-only */
/* selinux_load.h - load a binary SELinux policy and enforce it. */
#ifndef IPC_AUDIT_SELINUX_LOAD_H
#define IPC_AUDIT_SELINUX_LOAD_H

/* 0 or -errno. */
int load_policy(const char *path);

#endif
