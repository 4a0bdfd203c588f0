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
# Results: $SIPC_RESULTS/campaign-<name>.tap (stock) or
# campaign-debug-<name>.tap (--debug), one per guest command, plus
# <prefix>-build.tap for the host steps and <prefix>-boot.tap for a guest
# that failed as a whole.  qemu-run.sh already fails a run on Oops, BUG:,
# WARNING: (KASAN and lockdep print those), lockups and hung tasks; on the
# debug kernel the console is also searched for the reports that do not
# start that way (campaign-debug-splat.tap).
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

# --all (tools/testing/check.sh): both runs, failing if either failed.
if [ "${1:-}" = --all ]; then
	"$0"
	a=$?
	"$0" --debug
	b=$?
	exit $((a | b))
fi

MODE=stock
[ "${1:-}" = --debug ] && MODE=debug
RESULTS=${SIPC_RESULTS:-build/results}
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
TAP=$RESULTS/$PREFIX-build.tap
SUB=$RESULTS/$PREFIX.d
mkdir -p "$RESULTS" "$OUT"
: >"$TAP"

n=0
fail=0
# step DESCRIPTION CMD...: one host step, one TAP line.
step() {
	d=$1
	shift
	n=$((n + 1))
	t0=$(date +%s)
	if "$@" >&2; then
		echo "ok $n - $PREFIX: $d ($(($(date +%s) - t0)) s)" >>"$TAP"
	else
		echo "not ok $n - $PREFIX: $d" >>"$TAP"
		fail=1
	fi
}

# The list the guest runs: the campaign's, with the environment the
# caller set for it put in front of each command.
env_prefix=""
for v in SIPC_SEED SIPC_CAMPAIGN_SCALE SIPC_FUZZ_CALLS SIPC_FUZZ_PROCS \
	SIPC_FUZZ_SECS SIPC_KILL_ROUNDS SIPC_KILL_MIN SIPC_KILL_SECS \
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
step "campaign programs build" make -C selftests/campaign \
	OUT="$OUT/campaign" GUEST_DIR="$GUEST" guest
step "campaign list" mklist
LISTS=$OUT/campaign.list
KO=kmod/sipc.ko
if [ $MODE = debug ]; then
	KERNEL=
	# The kernel build prints its directory, and only that, on stdout.
	kbuild() { KBUILD=$(tools/testing/debug-kernel.sh --ko "$OUT"); }
	step "debug kernel and sipc.ko build (tools/testing/debug-kernel.sh)" kbuild
	KERNEL=${KBUILD:-}/arch/x86/boot/bzImage
	KO=$OUT/kmod/sipc.ko
	echo "/tests/campaign/kmemleak.sh start" >"$OUT/first.list"
	if [ -z "${SIPC_DEBUG_SUBSET:-}" ]; then
		step "kselftests build" make -C selftests \
			OUT="$OUT/selftests" GUEST_DIR="$GUEST" guest
		step "libsipc guest tests build" make -C lib \
			O="$OUT/lib" GUEST_DIR="$GUEST" guest
		step "tools guest build" make -C tools/cli \
			O="$OUT/tools" LIBO="$OUT/lib" GUEST_DIR="$GUEST" guest
		LISTS="$OUT/first.list selftests/guest-tests.list lib/tests/guest-tests.list $LISTS"
	else
		LISTS="$OUT/first.list $LISTS"
	fi
fi
[ $fail -eq 0 ] && step "initramfs" env SIPC_GUEST_DIR="$GUEST" \
	SIPC_GUEST_LISTS="$LISTS" SIPC_KO_SRC="$KO" \
	tools/testing/mkinitramfs.sh -o "$OUT/initramfs.gz"
echo "1..$n" >>"$TAP"
[ $fail -eq 0 ] || exit 1

rm -rf "$SUB"
mkdir -p "$SUB"
LOG=$OUT/console.log
t0=$(date +%s)
if [ $MODE = debug ]; then
	SIPC_KERNEL=$KERNEL SIPC_RESULTS=$SUB tools/testing/qemu-run.sh \
		--initrd "$OUT/initramfs.gz" --log "$LOG" --timeout "$TIMEOUT"
else
	SIPC_RESULTS=$SUB tools/testing/qemu-run.sh \
		--initrd "$OUT/initramfs.gz" --log "$LOG" --timeout "$TIMEOUT"
fi
rc=$?
echo "$PREFIX: guest ran $(($(date +%s) - t0)) s" >&2
for f in "$SUB"/guest-*.tap; do
	[ -f "$f" ] || continue
	mv "$f" "$RESULTS/$PREFIX-${f##*/guest-}"
done
rm -rf "$SUB"

# Debug-kernel reports that qemu-run.sh's patterns do not catch (kernel
# lines only: TAP diagnostics start with "#").
if [ $MODE = debug ]; then
	splat=$RESULTS/$PREFIX-splat.tap
	pat='kernel BUG at|general protection fault|BUG: KASAN|UBSAN:'
	pat="$pat|DEBUG_LOCKS_WARN_ON|turning off the locking correctness validator"
	pat="$pat|kmemleak: [0-9]+ new suspected|INFO: (possible|task)|stalls? on CPU"
	grep -v -e '^#' -e '^ok ' -e '^not ok ' "$LOG" | grep -E "$pat" |
		head -n 20 | sed 's/^/not ok - debug kernel: /' >"$splat"
	if [ -s "$splat" ]; then
		cat "$splat" >&2
		rc=1
	else
		echo "ok 1 - debug kernel: no KASAN, lockdep, kmemleak or BUG report" >"$splat"
	fi
fi
exit $rc
