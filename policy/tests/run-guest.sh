#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The "selinux" suite of tools/testing/check.sh: build the policy module (so a
# syntax error fails CI), build the guest test policy and programs, boot
# a guest of their own, and collect the TAP results.
#
#   policy/tests/run-guest.sh          from anywhere; needs kmod/sipc.ko built
#   policy/tests/run-guest.sh --debug  the same tests on the debug kernel
#                                      (KASAN, lockdep, kmemleak:
#                                      tools/testing/debug-kernel.sh), with a
#                                      sipc.ko built against it; results
#                                      selinux-debug-*.tap, kmemleak around
#                                      the run and the debug reports of the
#                                      console (selinux-debug-splat.tap)
#   policy/tests/run-guest.sh --all    both, one after the other
#
# Build products go under ${SIPC_SELINUX_OUT:-build} (policy/, policy-tests/,
# guest-selinux/, initramfs-selinux.gz, selinux-console.log): set it to run
# beside another checkout's run without sharing files.
#
# Results (tools/testing/suite-lib.sh): $SIPC_RESULTS/selinux-build.tap (the
# host steps) and $SIPC_RESULTS/selinux-<name>.tap (one per command of
# guest-tests.list, plus selinux-boot.tap for a guest that failed as a
# whole).  Exit status non-zero on any failure.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tools/testing/suite-lib.sh

suite_all "$0" "$@"
PREFIX=selinux
[ "${1:-}" = --debug ] && PREFIX=selinux-debug

OUT=${SIPC_SELINUX_OUT:-build}
case $OUT in /*) ;; *) OUT=$PWD/$OUT ;; esac
[ $PREFIX = selinux ] || OUT=$OUT/debug-selinux
GUEST=$OUT/guest-selinux
INITRD=$OUT/initramfs-selinux.gz

suite_begin $PREFIX
suite_step "policy module sipc.pp builds (make -C policy)" \
	make -C policy O="$OUT/policy"
rm -rf "$GUEST"
suite_step "guest test policies and programs build" \
	make -C policy/tests O="$OUT/policy-tests" GUEST_DIR="$GUEST" guest
LISTS=policy/tests/guest-tests.list
KO=kmod/sipc.ko
if [ $PREFIX = selinux-debug ]; then
	# The campaign's kmemleak wrapper brackets the run; the debug
	# kernel build prints its directory, and only that, on stdout.
	kbuild() { KBUILD=$(tools/testing/debug-kernel.sh --ko "$OUT"); }
	suite_step "debug kernel and sipc.ko build (tools/testing/debug-kernel.sh)" kbuild
	KO=$OUT/kmod/sipc.ko
	mkdir -p "$GUEST/tests/campaign"
	cp selftests/campaign/kmemleak.sh "$GUEST/tests/campaign/kmemleak.sh"
	echo "/tests/campaign/kmemleak.sh start" >"$OUT/first.list"
	echo "/tests/campaign/kmemleak.sh report" >"$OUT/last.list"
	LISTS="$OUT/first.list $LISTS $OUT/last.list"
fi
[ "$SUITE_FAILED" -eq 0 ] && suite_step "initramfs" env SIPC_GUEST_DIR="$GUEST" \
	SIPC_GUEST_LISTS="$LISTS" SIPC_KO_SRC="$KO" \
	tools/testing/mkinitramfs.sh -o "$INITRD"
suite_steps_done || exit 1
if [ $PREFIX = selinux ]; then
	suite_boot "$INITRD" "$OUT/selinux-console.log"
	exit
fi
suite_boot "$INITRD" "$OUT/selinux-console.log" --kernel "${KBUILD:-}/arch/x86/boot/bzImage" \
	--timeout "${SIPC_DEBUG_TIMEOUT:-1200}"
rc=$?
tools/testing/judge.py debug-reports "$OUT/selinux-console.log" \
	>"$SUITE_RESULTS/$PREFIX-splat.tap" || rc=1
exit $rc
