#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Run the reliability campaign in a QEMU guest of its own.
#
#   selftests/campaign/run-guest.sh            the "campaign" suite of
#                                              tools/testing/check.sh: Debian's
#                                              kernel, kmod/sipc.ko
#   selftests/campaign/run-guest.sh --all      both, one after the other
#   selftests/campaign/run-guest.sh --debug    `make check-debug`: the debug
#                                              kernel (tools/testing/debug-kernel.sh),
#                                              the kselftests, libsipc's
#                                              guest tests and the campaign,
#                                              kmemleak around them
#
# Results (tools/testing/suite-lib.sh): $SIPC_RESULTS/campaign-<name>.tap
# (stock) or campaign-debug-<name>.tap (--debug), one per guest command,
# plus <prefix>-build.tap for the host steps and <prefix>-boot.tap for a
# guest that failed as a whole.  The judge (tools/testing/judge.py) already
# fails a run on Oops, BUG:, WARNING: (KASAN and lockdep print those),
# UBSAN:, lockups and hung tasks; on the debug kernel the console is also
# searched for the reports that do not start that way
# (campaign-debug-splat.tap).
#
# Build products go under ${SIPC_CAMPAIGN_OUT:-build/campaign} (stock) or
# ${SIPC_DEBUG_OUT:-build/debug}: the guest tree, initramfs, console log
# and, for --debug, the private sipc.ko built against the debug kernel.
#
# SIPC_SEED, SIPC_CAMPAIGN_SCALE and the campaign's other variables (see
# Documentation/testing.md) are passed into the guest when set here.
# SIPC_DEBUG_SUBSET=1 runs only the campaign on the debug kernel (no
# kselftests, no libsipc tests).  Exit status non-zero on any failure.
set -u
cd "$(dirname "$0")/../.." || exit 1
ROOT=$(pwd)
. tools/testing/suite-lib.sh

suite_all "$0" "$@"

MODE=stock
[ "${1:-}" = --debug ] && MODE=debug
if [ $MODE = debug ]; then
	PREFIX=campaign-debug
	OUT=${SIPC_DEBUG_OUT:-build/debug}
	TIMEOUT=${SIPC_DEBUG_TIMEOUT:-1200}
else
	PREFIX=campaign
	OUT=${SIPC_CAMPAIGN_OUT:-build/campaign}
	TIMEOUT=${SIPC_CAMPAIGN_TIMEOUT:-600}
fi
case $OUT in /*) ;; *) OUT=$ROOT/$OUT ;; esac
GUEST=$OUT/guest
mkdir -p "$OUT"
suite_begin $PREFIX

# The list the guest runs: the campaign's, with the environment the
# caller set for it put in front of each command.
env_prefix=""
for v in SIPC_SEED SIPC_CAMPAIGN_SCALE SIPC_FUZZ_CALLS SIPC_FUZZ_PROCS \
	SIPC_FUZZ_SECS SIPC_FUZZ_MIN SIPC_FUZZ_THREADS SIPC_FUZZ_EPISODE \
	SIPC_FUZZ_SHRINK_SECS SIPC_KILL_ROUNDS SIPC_KILL_MIN SIPC_KILL_SECS \
	SIPC_RACE_ITERS SIPC_RACE_SECS SIPC_STRESS_ROUNDS SIPC_STRESS_PAIRS \
	SIPC_STRESS_SECS SIPC_FI_ROUNDS SIPC_FI_PERCENT SIPC_FI_SECS; do
	eval "val=\${$v:-}"
	[ -n "$val" ] && env_prefix="$env_prefix$v=$val "
done
mklist() {
	sed -e '/^[ \t]*#/d' -e '/^[ \t]*$/d' -e "s|^|$env_prefix|" \
		selftests/campaign/guest-tests.list >"$OUT/campaign.list"
}

rm -rf "$GUEST"
mkdir -p "$GUEST"
suite_step "campaign programs build" make -C selftests/campaign \
	OUT="$OUT/campaign" GUEST_DIR="$GUEST" guest
suite_step "campaign list" mklist
LISTS=$OUT/campaign.list
KO=kmod/sipc.ko
if [ $MODE = debug ]; then
	KERNEL=
	# The kernel build prints its directory, and only that, on stdout.
	kbuild() { KBUILD=$(tools/testing/debug-kernel.sh --ko "$OUT"); }
	suite_step "debug kernel and sipc.ko build (tools/testing/debug-kernel.sh)" kbuild
	KERNEL=${KBUILD:-}/arch/x86/boot/bzImage
	KO=$OUT/kmod/sipc.ko
	echo "/tests/campaign/kmemleak.sh start" >"$OUT/first.list"
	if [ -z "${SIPC_DEBUG_SUBSET:-}" ]; then
		suite_step "kselftests build" make -C selftests \
			OUT="$OUT/selftests" GUEST_DIR="$GUEST" guest
		suite_step "libsipc guest tests build" make -C lib \
			O="$OUT/lib" GUEST_DIR="$GUEST" guest
		suite_step "tools guest build" make -C tools/cli \
			O="$OUT/tools" LIBO="$OUT/lib" GUEST_DIR="$GUEST" guest
		LISTS="$OUT/first.list selftests/guest-tests.list lib/tests/guest-tests.list $LISTS"
	else
		LISTS="$OUT/first.list $LISTS"
	fi
fi
[ "$SUITE_FAILED" -eq 0 ] && suite_step "initramfs" env SIPC_GUEST_DIR="$GUEST" \
	SIPC_GUEST_LISTS="$LISTS" SIPC_KO_SRC="$KO" \
	tools/testing/mkinitramfs.sh -o "$OUT/initramfs.gz"
suite_steps_done || exit 1

set -- --timeout "$TIMEOUT"
[ $MODE = debug ] && set -- "$@" --kernel "$KERNEL"
suite_boot "$OUT/initramfs.gz" "$OUT/console.log" "$@"
rc=$?

# Debug-kernel reports that the judge's guest patterns do not catch.
if [ $MODE = debug ]; then
	tools/testing/judge.py debug-reports "$OUT/console.log" >"$SUITE_RESULTS/$PREFIX-splat.tap" ||
		rc=1
fi
exit $rc
