#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Drive ipc-audit from the repo root.
#   tools/ipc-audit/run.sh audit   host run + enforcing guest run, then the
#                                  figures and tables in build/audit/
#                                  (generated.md: the tables of the doc)
#   tools/ipc-audit/run.sh doc     copy the last audit run's tables into the
#                                  generated section of
#                                  Documentation/ipc-security.md
#   tools/ipc-audit/run.sh check   the "audit" suite of tools/testing/check.sh: the
#                                  SIPC assertions in a short guest run;
#                                  TAP in $SIPC_RESULTS/audit-*.tap
#   tools/ipc-audit/run.sh check-debug
#                                  the same on the debug kernel (KASAN,
#                                  lockdep, kmemleak), sipc.ko built against
#                                  it: $SIPC_RESULTS/audit-debug-*.tap
#   tools/ipc-audit/run.sh check-all   check, then check-debug
# Private paths only (build/audit/...): other suites run beside it.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tools/testing/suite-lib.sh
mode=${1:-audit}
OUT=$PWD/build/audit
RESULTS=${SIPC_RESULTS:-build/results}
mkdir -p "$OUT" "$RESULTS"

build() {
	make -C kmod >&2 &&
	make -C tools/ipc-audit >&2 &&
	rm -rf "$OUT/guest" &&
	make -C tools/ipc-audit guest GUEST_DIR="$OUT/guest" >&2
}

# guest LIST SECS: boot with tools/ipc-audit/guest-LIST.list (TAP files as
# suite_begin said)
guest() {
	SIPC_GUEST_DIR="$OUT/guest" SIPC_GUEST_LISTS="tools/ipc-audit/guest-$1.list" \
		tools/testing/mkinitramfs.sh -o "$OUT/initramfs-$1.gz" >&2 || return 1
	suite_boot "$OUT/initramfs-$1.gz" "$OUT/console-$1.log" --timeout "$2" >&2
}

case $mode in
check)
	if ! build; then
		echo "not ok 1 - audit: build" >"$RESULTS/audit-build.tap"
		exit 1
	fi
	suite_begin audit "$RESULTS"
	# DAC, then enforcing: 446 s of guest at load 16 (ipc-security.md, "Time cost")
	guest quick 600
	;;
check-debug)
	if ! build; then
		echo "not ok 1 - audit-debug: build" >"$RESULTS/audit-debug-build.tap"
		exit 1
	fi
	suite_begin audit-debug "$RESULTS"
	D=$OUT/debug
	mkdir -p "$D" "$OUT/guest/tests/campaign"
	kbuild() { KBUILD=$(tools/testing/debug-kernel.sh --ko "$D"); }
	suite_step "debug kernel and sipc.ko build (tools/testing/debug-kernel.sh)" kbuild
	suite_steps_done || exit 1
	# The same guest tree as `check`, kmemleak around the assertions,
	# an image and a console log of its own.
	cp selftests/campaign/kmemleak.sh "$OUT/guest/tests/campaign/kmemleak.sh"
	echo "/tests/campaign/kmemleak.sh start" >"$D/first.list"
	echo "/tests/campaign/kmemleak.sh report" >"$D/last.list"
	SIPC_GUEST_DIR="$OUT/guest" SIPC_KO_SRC="$D/kmod/sipc.ko" \
		SIPC_GUEST_LISTS="$D/first.list tools/ipc-audit/guest-quick.list $D/last.list" \
		tools/testing/mkinitramfs.sh -o "$D/initramfs-quick.gz" >&2 || exit 1
	suite_boot "$D/initramfs-quick.gz" "$D/console-quick.log" \
		--timeout "${SIPC_DEBUG_TIMEOUT:-900}" --kernel "${KBUILD:-}/arch/x86/boot/bzImage" >&2
	rc=$?
	tools/testing/judge.py debug-reports "$D/console-quick.log" \
		>"$RESULTS/audit-debug-splat.tap" || rc=1
	exit $rc
	;;
check-all)
	"$0" check
	a=$?
	"$0" check-debug
	b=$?
	exit $((a | b))
	;;
audit)
	t0=$(date +%s)
	build || exit 1
	echo "audit: host run" >&2
	build/audit/bin/ipc-audit run --env host --bits 128 >"$OUT/host.out" || exit 1
	build/audit/bin/ipc-audit backchan --env host >>"$OUT/host.out" || exit 1
	echo "audit: guest run (TCG, enforcing)" >&2
	# The report reads every TAP file there: none of an earlier run.
	rm -rf "$OUT/results-full"
	suite_begin guest "$OUT/results-full"
	guest full 2400 || echo "audit: guest run reported failures (see $OUT/console-full.log)" >&2
	build/audit/bin/ipc-audit report -o "$OUT" \
		"$OUT/host.out" "$OUT"/results-full/guest-*.tap || exit 1
	echo "audit: done in $(( $(date +%s) - t0 )) s: $OUT/table.txt, channels.csv, props.csv, audit.json, generated.md" >&2
	;;
doc)
	if [ ! -f "$OUT/host.out" ]; then
		echo "audit-doc: no audit run in $OUT; run make audit first" >&2
		exit 1
	fi
	build/audit/bin/ipc-audit report -o "$OUT" --doc Documentation/ipc-security.md \
		"$OUT/host.out" "$OUT"/results-full/guest-*.tap
	;;
*)
	echo "usage: $0 audit|doc|check|check-debug|check-all" >&2
	exit 2
	;;
esac
