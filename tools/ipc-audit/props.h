/* SPDX-License-Identifier: GPL-2.0-only */
/* props.h - the measured properties other than channels (props.c). */
#ifndef IPC_AUDIT_PROPS_H
#define IPC_AUDIT_PROPS_H

#include "options.h"

void run_props(const struct audit_opts *o);		/* write-implies-read */
void run_revocation(const struct audit_opts *o);	/* enforcing guest only */
void run_msgrate(const struct audit_opts *o);		/* the sender's look rate (a figure, no bound) */

#endif
