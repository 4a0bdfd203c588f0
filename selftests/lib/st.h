/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * st.h - the SIPC test library, all of it: what the kselftests, the
 * campaign and the SELinux guest tests share.  Each header holds one job;
 * this one only gathers them, so a test includes one file.
 *
 * Every function returns 0 (or a value) on success and a negative errno
 * on failure, and never touches the harness: the tests decide what to
 * assert.  (kselftest_harness.h defines non-static functions, so only the
 * test files include it; the library must not.)
 */
#ifndef ST_H
#define ST_H

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "st_avc.h"
#include "st_chan.h"
#include "st_cpu.h"
#include "st_domain.h"
#include "st_file.h"
#include "st_guard.h"
#include "st_policy_load.h"
#include "st_peer.h"
#include "st_pin.h"
#include "st_proc.h"
#include "st_procfs.h"
#include "st_proto.h"
#include "st_selinux.h"
#include "st_sysfs.h"
#include "st_uapi.h"

#endif /* ST_H */
