/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sipc_raw.h - raw ioctls on /dev/sipc that the SIPC measurements share
 * (mech_sipc.c, bchan_sipc.c): no library in between, so every route the
 * library would hide is tried.  Each returns a descriptor or 0, or -errno.
 */
#ifndef IPC_AUDIT_SIPC_RAW_H
#define IPC_AUDIT_SIPC_RAW_H

int sipc_raw_dev(void);
/* CREATE NAME with PAGES pages of region, queue DEPTH and SLOTS */
int sipc_raw_create(const char *name, unsigned int pages, unsigned int depth,
		    unsigned int slots);
/* DESTROY, ATTACH_*, REVOKE on NAME with FLAGS (a fresh /dev/sipc each) */
int sipc_raw_ref(unsigned long cmd, const char *name, unsigned int flags);

#endif
