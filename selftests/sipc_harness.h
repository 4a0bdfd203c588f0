/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sipc_harness.h - include the Debian tree's kselftest_harness.h, in place.
 *
 * The 6.1 harness has an unused parameter (__timeout_handler's ucontext),
 * which -Wextra -Werror rejects; silence that one warning for the header
 * only, so our own code keeps the full set.
 */
#ifndef SIPC_HARNESS_H
#define SIPC_HARNESS_H

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-parameter"
#include "kselftest_harness.h"
#pragma GCC diagnostic pop

#endif /* SIPC_HARNESS_H */
