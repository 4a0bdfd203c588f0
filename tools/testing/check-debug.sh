#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Everything that runs in a guest, on the debug kernel (KASAN, lockdep,
# kmemleak, fault injection: tools/testing/debug-kernel.sh): `make check-debug`.
#
#   tools/testing/check-debug.sh
#
# 1. the kselftests, libsipc's guest tests and the reliability campaign
#    (selftests/campaign/run-guest.sh --debug): campaign-debug-*.tap
# 2. the SELinux suite, its policy loads and reloads included
#    (policy/tests/run-guest.sh --debug): selinux-debug-*.tap
# 3. the ipc-audit assertions (tools/ipc-audit/run.sh check-debug):
#    audit-debug-*.tap
# Each guest is bracketed by kmemleak (selftests/campaign/kmemleak.sh) and
# its console searched for the checkers' reports; a splat between a test's
# kernel-log markers fails that test (tools/testing/judge.py).  make check
# runs the first two in its campaign and selinux suites; the audit's
# measured channels take minutes each under KASAN, so only here.
#
# Results in $SIPC_RESULTS (default build/debug/results, emptied first);
# the last line is "N passed, N failed[, N skipped]".  Exit status non-zero
# on any failure.
set -u
cd "$(dirname "$0")/../.." || exit 1
SIPC_RESULTS=${SIPC_RESULTS:-build/debug/results}
export SIPC_RESULTS
rm -rf "$SIPC_RESULTS"
mkdir -p "$SIPC_RESULTS"
rc=0
for s in "campaign-debug selftests/campaign/run-guest.sh --debug" \
	"selinux-debug policy/tests/run-guest.sh --debug" \
	"audit-debug tools/ipc-audit/run.sh check-debug"; do
	name=${s%% *}
	t0=$(date +%s)
	echo "check-debug: $name" >&2
	# shellcheck disable=SC2086 # the command's words
	${s#* } </dev/null
	tools/testing/judge.py suite --name "$name" --rc $? --results "$SIPC_RESULTS" || rc=1
	echo "check-debug: $name took $(($(date +%s) - t0)) s" >&2
done
tools/testing/judge.py summary "$SIPC_RESULTS" || rc=1
exit $rc
