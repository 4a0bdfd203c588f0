#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot the SIPC guest (an initramfs from tools/testing/mkinitramfs.sh) in QEMU and
# judge the run (tools/testing/judge.py guest).
#
#   tools/testing/qemu-run.sh [--demo] [--initrd FILE] [--timeout SECS] [--log FILE]
#                             [--kernel FILE] [--results DIR] [--prefix NAME]
#
# Test mode (default): each listed command's output becomes
# DIR/NAME-<name>.tap (DIR: --results, else $SIPC_RESULTS, else
# build/results; NAME: --prefix, default guest); failures that TAP lines
# alone would not show (non-zero exit, time-out, missing or short output,
# guest crash, kernel splat, no power-off) are appended as "not ok" lines,
# to the command's file or to NAME-boot.tap.  Other files are left alone.
# Demo mode: prints the payload's transcript live; no TAP, no file touched
# but the log.  Both modes exit non-zero on any failure.
#
# Always TCG: nested KVM does not work on our machines.
#
# The kernel log reaches the judge live, on the serial console: loglevel=5
# prints warnings and worse (every splat: WARNING, BUG, KASAN, lockdep) but
# not the boot's notices and AVC records, which keeps the console readable;
# log_buf_len=8M holds a whole run's log for the final dmesg dump.
#
# Environment: SIPC_QEMU_TIMEOUT [600] wall-clock limit in s (--timeout
# wins); SIPC_KERNEL [/boot/vmlinuz-$(tools/testing/kver.sh)] (--kernel
# wins); SIPC_RESULTS [build/results]; SIPC_QEMU_EXTRA extra qemu arguments
# (word-split).
set -u
cd "$(dirname "$0")/../.." || exit 1

MODE=tests
INITRD=build/initramfs.gz
LOG=""
TIMEOUT=${SIPC_QEMU_TIMEOUT:-600}
KERNEL=${SIPC_KERNEL:-}
RESULTS=${SIPC_RESULTS:-build/results}
PREFIX=guest
usage="usage: $0 [--demo] [--initrd FILE] [--timeout SECS] [--log FILE] [--kernel FILE]"
usage="$usage [--results DIR] [--prefix NAME]"
while [ $# -gt 0 ]; do
	case $1 in
	--demo) MODE=demo ;;
	--initrd) INITRD=$2; shift ;;
	--timeout) TIMEOUT=$2; shift ;;
	--log) LOG=$2; shift ;;
	--kernel) KERNEL=$2; shift ;;
	--results) RESULTS=$2; shift ;;
	--prefix) PREFIX=$2; shift ;;
	*) echo "$usage" >&2; exit 2 ;;
	esac
	shift
done
[ -n "$LOG" ] || { [ $MODE = demo ] && LOG=build/demo-console.log || LOG=build/guest-console.log; }
LIST=${INITRD%.gz}.list		# written by mkinitramfs.sh
die() { echo "qemu-run: $*" >&2; exit 1; }
[ -r "$INITRD" ] || die "$INITRD missing (tools/testing/mkinitramfs.sh)"

if [ -z "$KERNEL" ]; then
	KVER=$(tools/testing/kver.sh) || exit 1
	KERNEL=/boot/vmlinuz-$KVER
	# Debian's /boot/vmlinuz-* is readable by root only.  CI runs as root;
	# a developer with sudo gets a private copy once.
	if [ ! -r "$KERNEL" ]; then
		copy=build/vmlinuz-$KVER
		if [ ! -r "$copy" ]; then
			echo "qemu-run: $KERNEL is root-only; copying it with sudo" >&2
			mkdir -p build
			sudo install -m 0644 -o "$(id -u)" "$KERNEL" "$copy" ||
				die "cannot read $KERNEL: run as root or with sudo"
		fi
		KERNEL=$copy
	fi
fi

mkdir -p "$(dirname "$LOG")"
# Markers from tools/testing/guest-init.sh.  In test mode show only progress lines;
# in demo mode the payload's own output.
if [ $MODE = demo ]; then
	show='/^=== SIPC-PAYLOAD-END/ { on = 0 } on { print; fflush() } /^=== SIPC-PAYLOAD-BEGIN/ { on = 1 }'
else
	show='/^=== SIPC-(BEGIN|END)/ { sub(/^=== SIPC-/, "'"$PREFIX"': "); print; fflush() }'
fi
echo "qemu-run: booting $KERNEL with $INITRD (limit ${TIMEOUT}s, log $LOG)" >&2
start=$SECONDS
# stdin from /dev/null: nothing interactive, and qemu leaves the terminal
# alone.  The serial console gives CRLF line ends; strip the CRs once here.
# shellcheck disable=SC2086
timeout -k 10 "$TIMEOUT" qemu-system-x86_64 -accel tcg -cpu max -m 512 -smp 2 \
	-nographic -no-reboot -kernel "$KERNEL" -initrd "$INITRD" \
	-append "console=ttyS0 loglevel=5 log_buf_len=8M panic=-1 security=selinux selinux=1" \
	${SIPC_QEMU_EXTRA:-} </dev/null 2>&1 |
	tr -d '\r' | tee "$LOG" | awk "$show"
qrc=${PIPESTATUS[0]}
echo "qemu-run: qemu exited with $qrc after $((SECONDS - start))s" >&2

# The verdict, and its exit status: the rules are in tools/testing/judge.py.
judge=(tools/testing/judge.py guest --console "$LOG" --list "$LIST" --results "$RESULTS"
	--prefix "$PREFIX" --qemu-rc "$qrc" --limit "$TIMEOUT")
[ $MODE = demo ] && judge+=(--demo)
exec "${judge[@]}"
