#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Run every test suite and summarise (`make check` runs this after building).
#
#   tools/testing/check.sh                  all suites
#   SIPC_SUITES="host" tools/testing/check.sh   only the named ones
#
# A suite is one line in SUITES below: a name and a shell command run from
# the repo root.  The command writes TAP files named
# $SIPC_RESULTS/<name>-*.tap and exits non-zero on failure.  If it fails
# without leaving a "not ok" line, one is recorded for it, so a broken runner
# can never pass.  The last line printed is tools/testing/tap-summary.sh's
# "N passed, N failed[, N skipped]"; the exit status is non-zero if anything
# failed or nothing ran.
set -u
cd "$(dirname "$0")/../.." || exit 1

# name	command			('#' starts a disabled line)
SUITES='
guest	tools/testing/mkinitramfs.sh && tools/testing/qemu-run.sh
host	run_list host lib/tests/host-tests.list
selinux	policy/tests/run-guest.sh
kunit	tools/testing/kunit.sh
examples	make -s -C examples check >"$SIPC_RESULTS/examples-pkgconfig.tap"
bench	make -s -C tools/bench smoke >"$SIPC_RESULTS/bench-smoke.tap"
audit	tools/ipc-audit/run.sh check
packages	packaging/test/run.sh
campaign	selftests/campaign/run-guest.sh --all
bindings	bindings/check.sh "$SIPC_RESULTS"
'

SIPC_RESULTS=${SIPC_RESULTS:-build/results}
export SIPC_RESULTS

# run_list PREFIX LIST: each non-comment line of LIST is a shell command run
# from the repo root, printing TAP; its output goes to PREFIX-<name>.tap
# (names as in tools/testing/mkinitramfs.sh).  A missing LIST is not an error: the
# suite simply has no tests yet.
run_list() {
	[ -f "$2" ] || { echo "check: $2 absent, suite $1 has no tests" >&2; return 0; }
	ret=0
	awk '
		{ sub(/^[ \t]+/, ""); sub(/[ \t\r]+$/, "") }
		/^$/ || /^#/ { next }
		{
			w = ""
			for (i = 1; i <= NF; i++) if ($i ~ /\// && $i !~ /=/) { w = $i; break }
			if (w == "") for (i = 1; i <= NF; i++) if ($i !~ /=/) { w = $i; break }
			sub(/[;&|)]+$/, "", w); sub(/.*\//, "", w); sub(/\.sh$/, "", w); gsub(/[^A-Za-z0-9_.-]/, "_", w)
			if (w == "") w = "cmd"
			n = w; if (seen[w]++) n = w "-" seen[w]
			print n, $0
		}' "$2" >"$SIPC_RESULTS/.$1.list"
	while read -r name cmd; do
		f=$SIPC_RESULTS/$1-$name.tap
		echo "$1: BEGIN $name: $cmd" >&2
		timeout -k 5 "${SIPC_HOST_TIMEOUT:-300}" sh -c "$cmd" </dev/null >"$f"
		rc=$?
		echo "$1: END $name rc=$rc" >&2
		# Same judgement as for guest commands (tools/testing/qemu-run.sh).
		nres=$(grep -cE '^(not )?ok([ 	]|$)' "$f")
		plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\).*/\1/p' "$f" | awk '{ s += $1 } END { print NR ? s : -1 }')
		case $rc in
		0) ;;
		124|137) echo "not ok - $1 $name: timed out" >>"$f" ;;
		4) [ "$nres" -gt 0 ] || { echo "ok - $1 $name # SKIP exit code 4 (KSFT_SKIP)" >>"$f"; plan=-1; } ;;
		# A non-zero exit explained by a "not ok" line is not counted twice.
		*) grep -q '^not ok' "$f" || echo "not ok - $1 $name: exit code $rc" >>"$f" ;;
		esac
		if [ "$plan" -ge 0 ] && [ "$plan" -ne "$nres" ]; then
			echo "not ok - $1 $name: planned $plan results, got $nres" >>"$f"
		fi
		grep -q '^not ok' "$f" && ret=1
	done <"$SIPC_RESULTS/.$1.list"
	return $ret
}

rm -rf "$SIPC_RESULTS"
mkdir -p "$SIPC_RESULTS"
# (Own variable names: run_list and the suites share the shell's globals.)
echo "$SUITES" | while read -r suite scmd; do
	case $suite in '' | '#'*) continue ;; esac
	case " ${SIPC_SUITES:-$suite} " in *" $suite "*) ;; *) continue ;; esac
	echo "check: suite $suite" >&2
	# stdin from /dev/null: the suite must not eat the rest of SUITES.
	eval "$scmd" </dev/null
	src=$?
	if [ $src -ne 0 ] && ! cat /dev/null "$SIPC_RESULTS/$suite"-*.tap 2>/dev/null | grep -q '^not ok'; then
		echo "not ok - suite $suite: runner failed (exit $src)" >"$SIPC_RESULTS/$suite-runner.tap"
	fi
done
exec tools/testing/tap-summary.sh "$SIPC_RESULTS"
