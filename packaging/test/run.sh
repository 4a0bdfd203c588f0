#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The "packages" suite (tools/testing/check.sh) and `make check-packages`:
#
#   $SIPC_RESULTS/packages-debs.tap   check-debs.sh: make deb, lintian, same
#                                     files as make install, the DKMS tree
#   $SIPC_RESULTS/packages-root.tap   deb-root-test.sh: the packages on a
#                                     debootstrapped Debian root in QEMU
#
# Both run by default: from scratch (debootstrap included) they took 2 min
# 41 s on an idle 2-core machine, 5 min 48 s on a loaded one, inside the 8
# minutes allowed to this suite; with the cached root, about 1 minute.  SIPC_PACKAGES_ROOT=0
# runs only the first (no network, no guest), and reports the second as
# skipped.  Timings: Documentation/install.md.
set -u
cd "$(dirname "$0")/../.." || exit 1
R=${SIPC_RESULTS:-build/results}
mkdir -p "$R"

rc=0
# run SECONDS TAP SCRIPT: the test bed's judge adds what the script could
# not say itself (an exit code, a time-out, a short plan, no output).
run() {
	timeout -k 10 "$1" "$3" >"$2"
	tools/testing/judge.py host --prefix packages --name "${3##*/}" --rc $? "$2" ||
		rc=1
}
echo "packages: building and checking the .debs" >&2
run 600 "$R/packages-debs.tap" packaging/test/check-debs.sh
if [ "${SIPC_PACKAGES_ROOT:-1}" = 0 ]; then
	echo "ok - packages on a Debian root # SKIP SIPC_PACKAGES_ROOT=0" >"$R/packages-root.tap"
else
	echo "packages: the .debs on a Debian root in QEMU" >&2
	run 1200 "$R/packages-root.tap" packaging/test/deb-root-test.sh
fi
grep -h '^# timing' "$R"/packages-*.tap >&2
exit $rc
