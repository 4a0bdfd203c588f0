#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The "sebed" suite (tools/testing/check.sh): SIPC on a real enforcing
# Debian system (selinux-bed.sh), judged like the other suites.
#
#   $SIPC_RESULTS/sebed-debian.tap
#
# Builds the .debs into build/selinux-bed/deb first (12-40 s), so that it
# also runs alone (SIPC_SUITES=sebed).  Costs (Documentation/install.md,
# "The SELinux test bed"): 2-6 min to derive the bootable root when it is
# not cached (after the packages suite built the base root); 9 min 45 s
# per run with it cached, measured at load 10.  Time-out: SIPC_SEBED_TIMEOUT [1500] s.  SIPC_SEBED=0 reports the
# suite as skipped (no network, no guest).
set -u
cd "$(dirname "$0")/../../.." || exit 1
R=${SIPC_RESULTS:-build/results}
mkdir -p "$R" build/selinux-bed
TAP=$R/sebed-debian.tap

if [ "${SIPC_SEBED:-1}" = 0 ]; then
	printf 'ok - SIPC on an enforcing Debian system # SKIP SIPC_SEBED=0\n1..1\n' >"$TAP"
	exit 0
fi

echo "sebed: building the .debs" >&2
if ! make -s -C packaging deb O=../build/selinux-bed/deb >build/selinux-bed/deb.log 2>&1; then
	echo "not ok - make -C packaging deb (log: build/selinux-bed/deb.log)" >"$TAP"
	echo "1..1" >>"$TAP"
	tools/testing/judge.py host --prefix sebed --name debian --rc 1 "$TAP"
	exit 1
fi
echo "sebed: the Debian SELinux test bed in QEMU" >&2
SIPC_DEB_DIR=build/selinux-bed/deb timeout -k 10 "${SIPC_SEBED_TIMEOUT:-1500}" \
	packaging/test/selinux/selinux-bed.sh >"$TAP"
rc=$?
grep -h '^# timing' "$TAP" >&2
tools/testing/judge.py host --prefix sebed --name debian --rc $rc "$TAP"
