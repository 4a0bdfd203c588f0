# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
#
# What every suite that boots a guest does, sourced (from the repo root) by
# tools/testing/guest-suite.sh, policy/tests/run-guest.sh,
# selftests/campaign/run-guest.sh and tools/ipc-audit/run.sh:
#
#   . tools/testing/suite-lib.sh
#   suite_begin NAME [RESULTS]    results go to RESULTS/NAME-*.tap
#                                 (RESULTS: $SIPC_RESULTS, else build/results)
#   suite_step DESC CMD...        a host step: one TAP line in NAME-build.tap
#   suite_steps_done              the plan of NAME-build.tap; fails if a step did
#   suite_boot INITRD LOG [OPT]   boot the guest, judge the run: NAME-<cmd>.tap,
#                                 NAME-boot.tap (tools/testing/qemu-run.sh; OPT:
#                                 its --timeout and --kernel)
#   suite_all SCRIPT "$@"         with --all: SCRIPT (stock kernel), then
#                                 SCRIPT --debug, and exit failing if either
#                                 did; otherwise return
#
# Each suite packs its initramfs itself (tools/testing/mkinitramfs.sh with
# its own SIPC_GUEST_DIR, SIPC_GUEST_LISTS and an -o in its own build
# folder), so suites never share a guest tree, an image or a console log.
# The names below all start with suite_/SUITE_: the suites' own variables
# are theirs.

suite_all() {
	suite_script=$1
	shift
	[ "${1:-}" = --all ] || return 0
	"$suite_script"
	suite_a=$?
	"$suite_script" --debug
	exit $((suite_a | $?))
}

suite_begin() {
	SUITE=$1
	SUITE_RESULTS=${2:-${SIPC_RESULTS:-build/results}}
	SUITE_TAP=$SUITE_RESULTS/$SUITE-build.tap
	SUITE_N=0
	SUITE_FAILED=0
	mkdir -p "$SUITE_RESULTS"
}

suite_step() {
	suite_desc=$1
	shift
	[ "$SUITE_N" -gt 0 ] || : >"$SUITE_TAP"
	SUITE_N=$((SUITE_N + 1))
	suite_t0=$(date +%s)
	# The steps' output is the log, not TAP.
	if "$@" >&2; then
		echo "ok $SUITE_N - $SUITE: $suite_desc ($(($(date +%s) - suite_t0)) s)" >>"$SUITE_TAP"
	else
		echo "not ok $SUITE_N - $SUITE: $suite_desc" >>"$SUITE_TAP"
		SUITE_FAILED=1
	fi
}

suite_steps_done() {
	echo "1..$SUITE_N" >>"$SUITE_TAP"
	[ "$SUITE_FAILED" -eq 0 ]
}

suite_boot() {
	suite_initrd=$1
	suite_log=$2
	shift 2
	suite_t0=$(date +%s)
	tools/testing/qemu-run.sh --initrd "$suite_initrd" --log "$suite_log" \
		--results "$SUITE_RESULTS" --prefix "$SUITE" "$@"
	suite_rc=$?
	echo "$SUITE: guest ran $(($(date +%s) - suite_t0)) s" >&2
	return $suite_rc
}
