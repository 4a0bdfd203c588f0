#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Build, in the background of `make check`, the caches whose cost is mostly
# waiting on the Debian mirror: the Debian root of the packages suite and
# the enforcing root of the sebed suite (packaging/test/selinux/selinux-root.sh
# builds packaging/test/debroot.sh's root first).  From scratch that is
# several minutes of downloads and dpkg runs during which the suites before
# them (lint, guest, selinux, kunit, audit) have the CPU.
#
#   tools/testing/prefetch.sh LOG      started by tools/testing/check.sh
#
# Nothing here is a test and nothing is judged: each builder holds its own
# flock, so the suite that needs a root waits for a build still running
# here and then finds the cache current; a build that failed here is
# simply made again by the suite, which reports the failure.
set -u
cd "$(dirname "$0")/../.." || exit 1
LOG=${1:?usage: prefetch.sh LOG}
t0=$(date +%s)
# The CPU goes to the suites first: these are mostly I/O.
nice -n 10 packaging/test/selinux/selinux-root.sh >/dev/null 2>"$LOG"
rc=$?
echo "prefetch: Debian roots rc=$rc in $(($(date +%s) - t0)) s" >>"$LOG"
exit 0
