#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot the SIPC guest (an initramfs from tools/testing/mkinitramfs.sh) in QEMU and
# judge the run.
#
#   tools/testing/qemu-run.sh [--demo] [--initrd FILE] [--timeout SECS] [--log FILE]
#
# Test mode (default): each listed command's output becomes
# $SIPC_RESULTS/guest-<name>.tap; failures that TAP lines alone would not show
# (non-zero exit, time-out, missing or short output, guest crash, kernel
# splat, no power-off) are appended as "not ok" lines, to the command's file
# or to guest-boot.tap, so tools/testing/tap-summary.sh counts them.
# Demo mode: prints the payload's transcript live; no TAP.
# Both modes exit non-zero on any failure.
#
# Always TCG: nested KVM does not work on our machines.
#
# Environment: SIPC_QEMU_TIMEOUT [600] wall-clock limit in s (--timeout
# wins); SIPC_KERNEL [/boot/vmlinuz-$(tools/testing/kver.sh)]; SIPC_RESULTS
# [build/results]; SIPC_QEMU_EXTRA extra qemu arguments (word-split).
set -u
cd "$(dirname "$0")/../.." || exit 1

MODE=tests
INITRD=build/initramfs.gz
LOG=""
TIMEOUT=${SIPC_QEMU_TIMEOUT:-600}
while [ $# -gt 0 ]; do
	case $1 in
	--demo) MODE=demo ;;
	--initrd) INITRD=$2; shift ;;
	--timeout) TIMEOUT=$2; shift ;;
	--log) LOG=$2; shift ;;
	*) echo "usage: $0 [--demo] [--initrd FILE] [--timeout SECS] [--log FILE]" >&2; exit 2 ;;
	esac
	shift
done
[ -n "$LOG" ] || { [ $MODE = demo ] && LOG=build/demo-console.log || LOG=build/guest-console.log; }
RESULTS=${SIPC_RESULTS:-build/results}
LIST=${INITRD%.gz}.list		# written by mkinitramfs.sh
die() { echo "qemu-run: $*" >&2; exit 1; }
[ -r "$INITRD" ] || die "$INITRD missing (tools/testing/mkinitramfs.sh)"

if [ -n "${SIPC_KERNEL:-}" ]; then
	KERNEL=$SIPC_KERNEL
else
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
	show='/^=== SIPC-(BEGIN|END)/ { sub(/^=== SIPC-/, "guest: "); print; fflush() }'
fi
echo "qemu-run: booting $KERNEL with $INITRD (limit ${TIMEOUT}s, log $LOG)" >&2
start=$SECONDS
# stdin from /dev/null: nothing interactive, and qemu leaves the terminal
# alone.  The serial console gives CRLF line ends; strip the CRs once here.
# shellcheck disable=SC2086
timeout -k 10 "$TIMEOUT" qemu-system-x86_64 -accel tcg -cpu max -m 512 -smp 2 \
	-nographic -no-reboot -kernel "$KERNEL" -initrd "$INITRD" \
	-append "console=ttyS0 quiet panic=-1 security=selinux selinux=1" \
	${SIPC_QEMU_EXTRA:-} </dev/null 2>&1 |
	tr -d '\r' | tee "$LOG" | awk "$show"
qrc=${PIPESTATUS[0]}
echo "qemu-run: qemu exited with $qrc after $((SECONDS - start))s" >&2

# Kernel trouble, looked for in the whole console log, which includes the
# dmesg dump.  Our markers, TAP result lines and TAP/kselftest diagnostics
# ("# ...") are test output, not kernel output, so they are not searched: a
# test may well be called "hung_task_test".
SPLAT='Oops|BUG:|WARNING:|Call Trace|soft lockup|hung_task|blocked for more than|Kernel panic'

# One awk pass over the log does the judging.  It writes the per-command TAP
# files (test mode) and prints one "not ok" line per run-level failure.
mkdir -p "$RESULTS"
rm -f "$RESULTS"/guest-*.tap
boot_fail=$(awk -v mode=$MODE -v qrc="$qrc" -v limit="$TIMEOUT" -v res="$RESULTS" \
		-v splat="$SPLAT" -v listf="$LIST" '
function flush_cmd(why) {
	# Close the current command: check its plan, add failure lines.
	if (plan >= 0 && nres != plan)
		print "not ok - guest " cur ": planned " plan " results, got " nres > f
	if (why != "")
		print "not ok - guest " cur ": " why > f
	close(f); cur = ""
}
BEGIN {
	if (mode == "tests") {
		while ((getline line < listf) > 0) { split(line, w, " "); order[++n] = w[1] }
		close(listf)
	}
}
# A kernel message or terminal escape may precede a marker on its line.
/=== SIPC-/ { sub(/^.*=== SIPC-/, "=== SIPC-") }
/^=== SIPC-INSMOD / { insmod = $3; next }
/^=== SIPC-BEGIN / && mode == "tests" {
	if (cur != "") flush_cmd("no end marker")
	cur = $3; sub(/:$/, "", cur); f = res "/guest-" cur ".tap"
	started[cur] = 1; plan = -1; nres = nfail = 0
	printf "" > f
	next
}
/^=== SIPC-END / && cur != "" {
	rc = $4; sub(/^rc=/, "", rc)
	why = ""
	if ($0 ~ / timeout$/) why = "timed out (" $5 ")"
	else if (rc == 4) {
		# KSFT_SKIP: the whole program skipped.  Count it once as
		# skipped unless it printed its own results.
		if (nres == 0) { print "ok - guest " cur " # SKIP exit code 4 (KSFT_SKIP)" > f; plan = -1 }
	} else if (rc != 0 && !nfail) why = "exit code " rc	# else explained by its "not ok"
	flush_cmd(why)
	next
}
/^=== SIPC-PAYLOAD-END / { payload = $0 }
/^=== SIPC-DONE/ { done = 1 }
/^=== SIPC-/ { next }
cur != "" {
	print > f
	if ($0 ~ /^1\.\.[0-9]+/) { p = $0; sub(/^1\.\./, "", p); plan = (plan < 0 ? 0 : plan) + p }
	if ($0 ~ /^(not )?ok([ \t]|$)/) nres++
	if ($0 ~ /^not ok([ \t]|$)/) nfail++
}
/^(not )?ok([ \t]|$)/ || /^#/ { next }
$0 ~ splat && nsplat < 20 { splats[++nsplat] = $0 }
END {
	if (cur != "") flush_cmd("no end marker (guest died or hit the time limit)")
	for (i = 1; i <= n; i++)
		if (!(order[i] in started)) {
			f = res "/guest-" order[i] ".tap"
			print "not ok - guest " order[i] ": did not run" > f; close(f)
		}
	if (qrc == 124 || qrc == 137) print "not ok - guest: no power-off within " limit " s (killed)"
	else if (!done) print "not ok - guest: ended without finishing (qemu exit " qrc ")"
	if (insmod != "rc=0") print "not ok - guest: insmod sipc.ko " (insmod == "" ? "not reached" : "failed, " insmod)
	if (mode == "demo" && payload !~ / rc=0 /) print "not ok - guest: demo payload failed: " payload
	for (i = 1; i <= nsplat; i++) print "not ok - guest: kernel: " splats[i]
}' "$LOG")

if [ -n "$boot_fail" ]; then
	echo "$boot_fail" >&2
	[ $MODE = tests ] && echo "$boot_fail" >"$RESULTS/guest-boot.tap"
	exit 1
fi
if [ $MODE = tests ] && grep -qs '^not ok' "$RESULTS"/guest-*.tap; then
	exit 1
fi
exit 0
