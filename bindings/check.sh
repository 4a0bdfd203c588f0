#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The bindings' tests, on the host (sysv backend): each binding's own
# suite, then the cross-language transfers (tests/cross.sh).
#
#   bindings/check.sh [RESULTS]     (tools/testing/check.sh runs it as suite "bindings")
#
# TAP files in RESULTS (default build/bindings/results): bindings-python.tap,
# bindings-java.tap, bindings-csharp.tap, bindings-cross.tap, one line per
# test case.  A missing toolchain gives "ok ... # SKIP" with the reason (the
# install script of `make check` installs them); a failed build, a crash or
# a timeout gives a "not ok" line.  Logs in build/bindings/logs.  Exit
# status 1 when anything failed.
set -u
cd "$(dirname "$0")/.." || exit 1
RESULTS=${1:-build/bindings/results}
LOG=build/bindings/logs
LIMIT=${SIPC_BINDINGS_TIMEOUT:-120}	# seconds per suite
mkdir -p "$RESULTS" "$LOG"
fail=0

# judge FILE RC NAME LOG: the test bed's judge adds the "not ok" lines a
# runner could not write (exit code, time-out, plan); the bindings' TAP
# writers always print a plan, so one missing means lost output.
judge() {
	if ! tools/testing/judge.py host --prefix bindings --name "$3" --rc "$2" \
		--require-plan "$1"; then
		fail=1
		tail -n 40 "$LOG/$4" >&2
	fi
}

# sweep DIR: destroy the channels left in registry DIR by a run that was
# killed (a timeout), so that their SysV objects do not stay behind.
sweep() {
	for e in "$1"/*.chan; do
		[ -f "$e" ] || continue
		e=${e##*/}
		SIPC_BACKEND=sysv SIPC_SYSV_DIR=$1 build/tools/sipcctl destroy "${e%.chan}" >&2
	done
}

# have LANG: whether its toolchain is installed; if not, $why says what.
have() {
	case $1 in
	python)
		why="no pytest for /usr/bin/python3 (Debian: python3-pytest)"
		/usr/bin/python3 -c 'import pytest' 2>/dev/null ;;
	java)
		why="no JDK or JUnit 4 (Debian: default-jdk-headless, junit4)"
		command -v javac >/dev/null && command -v java >/dev/null &&
			[ -f /usr/share/java/junit4.jar ] ;;
	csharp)
		why="no mcs or mono (Debian: mono-devel)"
		command -v mcs >/dev/null && command -v mono >/dev/null ;;
	esac
}

# The library, and the C tools for the C side of the cross tests.
if ! { make -s -C lib libs && make -s -C tools/cli; } >"$LOG/c-build.log" 2>&1; then
	cat "$LOG/c-build.log" >&2
	for f in python java csharp cross; do
		printf '1..1\nnot ok 1 - %s: libsipc or the C tools did not build\n' "$f" \
			>"$RESULTS/bindings-$f.tap"
	done
	exit 1
fi

built=""
for lang in python java csharp; do
	f=$RESULTS/bindings-$lang.tap
	if ! have $lang; then
		printf '1..1\nok 1 - %s suite # SKIP %s; run tools/install-deps.sh\n' "$lang" "$why" >"$f"
		echo "bindings: $lang skipped: $why" >&2
		continue
	fi
	echo "bindings: $lang: build" >&2
	if ! make -s -C bindings/$lang >"$LOG/$lang-build.log" 2>&1; then
		printf '1..1\nnot ok 1 - %s: build failed (%s)\n' "$lang" "$LOG/$lang-build.log" >"$f"
		fail=1
		cat "$LOG/$lang-build.log" >&2
		continue
	fi
	built="$built $lang"
	echo "bindings: $lang: tests" >&2
	sweep build/bindings/$lang/sysv
	timeout -k 5 "$LIMIT" make -s -C bindings/$lang check >"$f" 2>"$LOG/$lang-check.log"
	judge "$f" $? "$lang suite" "$lang-check.log"
	sweep build/bindings/$lang/sysv
done

echo "bindings: cross-language transfers" >&2
f=$RESULTS/bindings-cross.tap
sweep build/bindings/sysv-cross
SIPC_BINDINGS_BUILT="$built" timeout -k 5 "$LIMIT" bindings/tests/cross.sh >"$f" 2>"$LOG/cross.log"
judge "$f" $? "cross-language tests" cross.log
sweep build/bindings/sysv-cross
exit $fail
