/* SPDX-License-Identifier: GPL-2.0-only */
/* peer.h - how a forked sender, receiver or helper takes on its identity. */
#ifndef IPC_AUDIT_PEER_H
#define IPC_AUDIT_PEER_H

#include "options.h"

/*
 * Drop to AUDIT_UID (when root) and, on an enforcing guest, switch to the
 * SELinux domain TYPE (NULL: stay in the current one).  0 or -errno.
 */
int peer_become(const struct audit_opts *o, const char *type);
/* The same with uid UID instead of AUDIT_UID. */
int peer_become_as(const struct audit_opts *o, unsigned int uid, const char *type);

#endif
