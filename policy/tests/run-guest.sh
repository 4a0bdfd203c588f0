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
# Results: $SIPC_RESULTS/selinux-build.tap (the host steps) and
# $SIPC_RESULTS/selinux-<name>.tap (one per command of guest-tests.list,
# plus selinux-boot.tap for a guest that failed as a whole).
# tools/testing/qemu-run.sh clears and writes guest-*.tap in its results
# directory, so it runs in a directory of its own here, and the files
# are renamed afterwards: the "guest" suite's files are left alone.
# Exit status non-zero on any failure.
set -u
cd "$(dirname "$0")/../.." || exit 1

RESULTS=${SIPC_RESULTS:-build/results}
OUT=${SIPC_SELINUX_OUT:-build}
case $OUT in /*) ;; *) OUT=$PWD/$OUT ;; esac
GUEST=$OUT/guest-selinux
INITRD=$OUT/initramfs-selinux.gz
LOG=$OUT/selinux-console.log
SUB=$RESULTS/selinux.d
TAP=$RESULTS/selinux-build.tap
mkdir -p "$RESULTS"
: >"$TAP"

n=0
fail=0
# step DESCRIPTION CMD...: one host step, one TAP line.
step() {
	d=$1
	shift
	n=$((n + 1))
	if "$@" >&2; then
		echo "ok $n - selinux: $d" >>"$TAP"
	else
		echo "not ok $n - selinux: $d" >>"$TAP"
		fail=1
	fi
}

step "policy module sipc.pp builds (make -C policy)" \
	make -C policy O="$OUT/policy"
rm -rf "$GUEST"
step "guest test policies and programs build" \
	make -C policy/tests O="$OUT/policy-tests" GUEST_DIR="$GUEST" guest
[ $fail -eq 0 ] && step "initramfs" env SIPC_GUEST_DIR="$GUEST" \
	SIPC_GUEST_LISTS=policy/tests/guest-tests.list \
	tools/testing/mkinitramfs.sh -o "$INITRD"
echo "1..$n" >>"$TAP"
[ $fail -eq 0 ] || exit 1

rm -rf "$SUB"
mkdir -p "$SUB"
SIPC_RESULTS=$SUB tools/testing/qemu-run.sh --initrd "$INITRD" --log "$LOG"
rc=$?
for f in "$SUB"/guest-*.tap; do
	[ -f "$f" ] || continue
	mv "$f" "$RESULTS/selinux-${f##*/guest-}"
done
rm -rf "$SUB"
exit $rc
