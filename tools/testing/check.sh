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
# without leaving a "not ok" line, or leaves no result at all, a "not ok"
# line is recorded for it, so a broken or silent runner can never pass.
# Every verdict is tools/testing/judge.py's.  The last line printed is
# "N passed, N failed[, N skipped]"; the exit status is non-zero if anything
# failed or nothing ran.
#
# The debug kernel's runs (KASAN, lockdep, kmemleak) are `make check-debug`
# (tools/testing/check-debug.sh), not here: from scratch its build alone
# took 679 s on these 2-core machines and the whole check 46 min with them,
# against the 30 allowed (Documentation/testing.md, "What make check runs").
# SIPC_PREFETCH=0 turns off the background build of the Debian roots.
set -u
cd "$(dirname "$0")/../.." || exit 1

# name	command			('#' starts a disabled line)
SUITES='
judge	tools/testing/tests/test_judge.py >"$SIPC_RESULTS/judge-selftest.tap"
lint	tools/testing/lint.sh >"$SIPC_RESULTS/lint-static.tap"
grants	policy/tests/ioctl_grants.py --self-test >"$SIPC_RESULTS/grants-policy.tap"
guest	tools/testing/guest-suite.sh
host	run_list host lib/tests/host-tests.list
selinux	policy/tests/run-guest.sh
kunit	tools/testing/kunit.sh
examples	make -s -C examples check >"$SIPC_RESULTS/examples-pkgconfig.tap"
bench	make -s -C tools/bench smoke >"$SIPC_RESULTS/bench-smoke.tap"
audit	tools/ipc-audit/run.sh check
packages	packaging/test/run.sh
sebed	packaging/test/selinux/run.sh
campaign	selftests/campaign/run-guest.sh
bindings	bindings/check.sh "$SIPC_RESULTS"
'

SIPC_RESULTS=${SIPC_RESULTS:-build/results}
export SIPC_RESULTS

# run_list PREFIX LIST: each non-comment line of LIST is a shell command run
# from the repo root, printing TAP; its output goes to PREFIX-<name>.tap
# (names as in tools/testing/mkinitramfs.sh), judged as a guest command's
# is.  A missing LIST is not an error: the suite simply has no tests yet.
run_list() {
	[ -f "$2" ] || { echo "check: $2 absent, suite $1 has no tests" >&2; return 0; }
	ret=0
	tools/testing/judge.py names "$2" >"$SIPC_RESULTS/.$1.list" || return 1
	while read -r name cmd; do
		f=$SIPC_RESULTS/$1-$name.tap
		echo "$1: BEGIN $name: $cmd" >&2
		timeout -k 5 "${SIPC_HOST_TIMEOUT:-300}" sh -c "$cmd" </dev/null >"$f"
		rc=$?
		echo "$1: END $name rc=$rc" >&2
		tools/testing/judge.py host --prefix "$1" --name "$name" --rc $rc "$f" || ret=1
	done <"$SIPC_RESULTS/.$1.list"
	return $ret
}

rm -rf "$SIPC_RESULTS"
mkdir -p "$SIPC_RESULTS"
# The roots of packages and sebed download while the first suites run.
prefetch=
case " ${SIPC_SUITES:-packages} " in *" packages "* | *" sebed "*)
	if [ "${SIPC_PREFETCH:-1}" = 1 ]; then
		tools/testing/prefetch.sh "$SIPC_RESULTS/.prefetch.log" </dev/null &
		prefetch=$!
	fi ;;
esac
# (Own variable names: run_list and the suites share the shell's globals.)
echo "$SUITES" | while read -r suite scmd; do
	case $suite in '' | '#'*) continue ;; esac
	case " ${SIPC_SUITES:-$suite} " in *" $suite "*) ;; *) continue ;; esac
	echo "check: suite $suite" >&2
	t0=$(date +%s)
	# stdin from /dev/null: the suite must not eat the rest of SUITES.
	eval "$scmd" </dev/null
	tools/testing/judge.py suite --name "$suite" --rc $? --results "$SIPC_RESULTS"
	# What each phase costs (README.md "What make check costs").
	echo "check: suite $suite took $(($(date +%s) - t0)) s" >&2
done
[ -z "$prefetch" ] || { wait "$prefetch"; cat "$SIPC_RESULTS/.prefetch.log" >&2; }
exec tools/testing/judge.py summary "$SIPC_RESULTS"
