#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The bindings' suites on the kernel backend, inside a booted Debian system
# where the .debs are installed, sipc.ko is loaded and /dev/sipc is usable
# by the caller (the enforcing SELinux test bed, packaging/test/selinux/,
# calls it).
#
#   bindings/guest-run.sh [python|java|csharp ...]   in the guest; default: all
#   bindings/guest-run.sh --copy-to DIR              on the host: copy into DIR
#                                                    what the guest run needs
#   bindings/guest-run.sh --packages                 the Debian packages the
#                                                    Python suite needs
#
# In the guest it runs from the copy (DIR/bindings/guest-run.sh) with
# SIPC_BACKEND=kernel and the installed libsipc (no LD_LIBRARY_PATH), and
# prints TAP on stdout: one line per test case of each suite, then the
# plan.  Java and C# run from the classes and assemblies built on the host
# (make -C bindings) when the guest has their runtime (java and junit4;
# mono); otherwise their line is "ok ... # SKIP" with the reason.  Python
# is required: without python3 and pytest its line fails.  A suite that
# dies, times out (SIPC_BINDINGS_TIMEOUT, 600 s each) or loses its plan
# gives a "not ok" line.  Exit status 1 when any line is "not ok".
# Logs (the runners' stderr) go to stderr.
set -u
SELF=$(cd "$(dirname "$0")" && pwd)/guest-run.sh
cd "$(dirname "$0")/.." || exit 1

# have LANG: 0 when the guest can run it, 1 when not ($why says what), 2
# for an unknown binding.
have() {
	case $1 in
	python)
		why="no python3 with pytest (Debian: $("$SELF" --packages))"
		command -v python3 >/dev/null && python3 -c 'import pytest' 2>/dev/null ;;
	java)
		why="no java runtime or JUnit 4 in this system (Debian: default-jre-headless, junit4), or no classes built on the host"
		command -v java >/dev/null && [ -f /usr/share/java/junit4.jar ] &&
			[ -f build/bindings/java/sipc.jar ] ;;
	csharp)
		why="no mono runtime in this system (Debian: mono-runtime), or no assemblies built on the host"
		command -v mono >/dev/null && [ -f build/bindings/csharp/SipcTests.exe ] ;;
	*)
		why="unknown binding"
		return 2 ;;
	esac || return 1
}

# suite LANG: the runner's TAP on stdout, its log on stderr.
suite() {
	case $1 in
	python)
		cd bindings/python && PYTHONPATH=.:tests python3 -m pytest -q \
			-p no:cacheprovider --durations=10 tests --tap="$TMP/python.tap" >&2
		r=$?
		cat "$TMP/python.tap" 2>/dev/null
		return $r ;;
	java)
		# From bindings/java, as its Makefile runs them (paths in the tests).
		cd bindings/java || return 1
		O=../../build/bindings/java
		java -Djava.library.path=$O -Djava.io.tmpdir="$TMP" \
			-cp $O/sipc.jar:$O/test-classes:/usr/share/java/junit4.jar:/usr/share/java/hamcrest-core.jar \
			org.sipc.tests.TapRunner org.sipc.tests.ApiTest org.sipc.tests.ProtocolTest \
			org.sipc.tests.ErrorTest org.sipc.tests.ReleaseTest org.sipc.tests.TimeoutTest \
			org.sipc.WaitingTest ;;
	csharp)
		cd bindings/csharp && mono --debug ../../build/bindings/csharp/SipcTests.exe ;;
	esac
}

case ${1:-} in
--packages)
	echo python3 python3-pytest
	exit 0 ;;
--copy-to)
	# The bindings, the headers and symbol map the constant tests read,
	# and what make -C bindings built (the sysv registries excepted).
	[ $# -eq 2 ] || { echo "usage: $0 --copy-to DIR" >&2; exit 2; }
	mkdir -p "$2" || exit 1
	tar -cf - bindings lib/include lib/libsipc.map include/uapi |
		tar -C "$2" -xf - || exit 1
	for lang in java csharp; do
		[ -d build/bindings/$lang ] || continue
		mkdir -p "$2/build/bindings"
		tar -cf - --exclude=sysv build/bindings/$lang | tar -C "$2" -xf - || exit 1
	done
	exit 0 ;;
--suite)
	# (Internal: one runner, under the caller's time limit.)
	suite "$2"
	exit ;;
-*)
	echo "usage: $0 [python|java|csharp ...] | --copy-to DIR | --packages" >&2
	exit 2 ;;
esac

LANGS=${*:-python java csharp}
LIMIT=${SIPC_BINDINGS_TIMEOUT:-600}
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
# Under TCG a depth-1 round trip between two threads can cost 60 ms on a
# loaded machine: fewer messages per protocol test than on the host, and
# a longer limit per test (read by all three suites).
export SIPC_BACKEND=kernel PYTHONDONTWRITEBYTECODE=1
export SIPC_TEST_MESSAGES="${SIPC_TEST_MESSAGES:-100}"
export SIPC_TEST_TIME_LIMIT="${SIPC_TEST_TIME_LIMIT:-90}"
unset SIPC_SYSV_DIR LD_LIBRARY_PATH
n=0
failed=0

# line TEXT: a TAP line numbered in this run.
line() { n=$((n + 1)); echo "$1" | sed "s/^\(\(not \)\{0,1\}ok\) /\1 $n /"; }
nok() { failed=1; line "not ok - $1"; }

for lang in $LANGS; do
	have "$lang"
	case $? in
	0) ;;
	1)
		if [ "$lang" = python ]; then
			nok "$lang suite on the kernel backend: $why"
		else
			line "ok - $lang suite on the kernel backend # SKIP $why"
		fi
		continue ;;
	*)
		nok "$lang: $why"
		continue ;;
	esac
	echo "guest-run: $lang suite, SIPC_BACKEND=kernel" >&2
	t0=$(date +%s)
	TMP=$TMP timeout -k 10 "$LIMIT" "$SELF" --suite "$lang" >"$TMP/$lang.out"
	rc=$?
	results=$(grep -cE '^(not )?ok' "$TMP/$lang.out")
	plan=$(sed -n 's/^1\.\.\([0-9]*\).*/\1/p' "$TMP/$lang.out" | head -n 1)
	# Renumbered into this run's sequence.
	grep -E '^(not )?ok' "$TMP/$lang.out" | awk -v n=$n '{
		sub(/^(not )?ok( [0-9]+)?/, ($1 == "not" ? "not ok " : "ok ") ++n); print }'
	n=$((n + results))
	grep -q '^not ok' "$TMP/$lang.out" && failed=1
	echo "# timing: $lang suite $(($(date +%s) - t0))s, rc $rc"
	case $rc in
	0) ;;
	124|137) nok "$lang suite: timed out after ${LIMIT}s" ;;
	*) grep -q '^not ok' "$TMP/$lang.out" || nok "$lang suite: exit status $rc" ;;
	esac
	[ "$plan" = "$results" ] || nok "$lang suite: plan ${plan:-missing}, $results results (output lost)"
done
echo "1..$n"
exit $failed
