/* SPDX-License-Identifier: GPL-2.0-only */
/* harness.h - run one channel and record its result (harness.c). */
#ifndef IPC_AUDIT_HARNESS_H
#define IPC_AUDIT_HARNESS_H

#include "audit.h"

void run_channel(const struct audit_opts *o, const struct chan *ch);

#endif
