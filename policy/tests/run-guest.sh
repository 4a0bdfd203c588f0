#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The "selinux" suite of tools/testing/check.sh: build the policy module (so a
# syntax error fails CI), build the guest test policy and programs, boot
# a guest of their own, and collect the TAP results.
#
#   policy/tests/run-guest.sh        from anywhere; needs kmod/sipc.ko built
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

OUT=${SIPC_SELINUX_OUT:-build}
case $OUT in /*) ;; *) OUT=$PWD/$OUT ;; esac
GUEST=$OUT/guest-selinux
INITRD=$OUT/initramfs-selinux.gz

suite_begin selinux
suite_step "policy module sipc.pp builds (make -C policy)" \
	make -C policy O="$OUT/policy"
rm -rf "$GUEST"
suite_step "guest test policies and programs build" \
	make -C policy/tests O="$OUT/policy-tests" GUEST_DIR="$GUEST" guest
[ "$SUITE_FAILED" -eq 0 ] && suite_step "initramfs" env SIPC_GUEST_DIR="$GUEST" \
	SIPC_GUEST_LISTS=policy/tests/guest-tests.list \
	tools/testing/mkinitramfs.sh -o "$INITRD"
suite_steps_done || exit 1
suite_boot "$INITRD" "$OUT/selinux-console.log"
