#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Run sipc.ko's KUnit suites (kmod/sipc_*_test.c) on UML.
#
#   tools/testing/kunit.sh [FILTER_GLOB]     e.g. tools/testing/kunit.sh 'sipc_queue.*'
#
# Debian's kernel has no KUnit, so the suites run in a UML kernel built from
# Debian's linux-source-6.1 tree (tools/testing/ksrc.sh).  A working copy of that
# tree, $SIPC_CACHE/kunit-tree, gets kmod/ linked in as drivers/misc/sipc
# (one `source` line in drivers/misc/Kconfig, one obj- line in
# drivers/misc/Makefile) and include/uapi/linux/sipc.h linked in place, so
# that <linux/sipc.h> resolves as in the out-of-tree build.  The copy is made
# of hard links; the two files edited are written anew, never through a
# link, so the extracted tree itself is never changed.  kunit.py configures
# the kernel from kmod/.kunitconfig, builds it in $SIPC_CACHE/kunit-build
# (incrementally: a second run only rebuilds what changed) and boots it.
#
# Outputs:
#   build/kunit.ktap         the KTAP the kernel printed (raw, nested)
#   build/kunit.log          kunit.py's own output
#   $SIPC_RESULTS/kunit-sipc.tap  flat TAP (default build/results/kunit-sipc.tap), one
#                            unindented "ok N suite.case" or "not ok N ..."
#                            per test case, for tools/testing/tap-summary.sh
#
# tools/testing/judge.py kunit decides: a case fails when KUnit says so,
# when its suite never reported it (the kernel crashed), or when the kernel
# printed a splat (BUG:, WARNING:, UBSAN:, an Oops or a panic) while it
# ran: in 6.1 a KASAN report inside a case does not fail the case by
# itself.  A splat outside any case, a suite that did not run and a
# kunit.py failure each add a failing line.  Exit status: 0 only if every
# line is "ok".
#
# Environment: SIPC_CACHE (default ~/.cache/sipc), SIPC_RESULTS,
# SIPC_KUNIT_JOBS (default 2).  Needs flex, bison, bc, libelf-dev, python3
# (tools/install-deps.sh).
set -eu
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
CACHE=${SIPC_CACHE:-$HOME/.cache/sipc}
TREE=$CACHE/kunit-tree
BUILD=$CACHE/kunit-build
RESULTS=${SIPC_RESULTS:-build/results}
FILTER=${1:-}
start=$(date +%s)

if [ -x tools/testing/ksrc.sh ]; then
	KSRC=$(tools/testing/ksrc.sh)
else
	KSRC=$CACHE/linux-source-6.1
fi
[ -f "$KSRC/tools/testing/kunit/kunit.py" ] || {
	echo "kunit: no kernel tree at $KSRC (tools/testing/ksrc.sh)" >&2; exit 1; }

mkdir -p "$CACHE" build "$RESULTS"
# One run at a time per cache: the tree and the build directory are shared.
exec 9>"$CACHE/.kunit.lock"
flock 9

# The working copy.  Rebuilt (with an empty build directory, since the
# sources' times may go backwards) when the extracted tree was replaced.
want="$KSRC $(stat -c '%i %Y' "$KSRC/Makefile") recipe-1"
if [ "$(cat "$TREE/.sipc-tree" 2>/dev/null)" != "$want" ]; then
	echo "kunit: making $TREE from $KSRC" >&2
	rm -rf "$TREE" "$TREE.tmp" "$BUILD"
	cp -al "$KSRC" "$TREE.tmp"
	misc=$TREE.tmp/drivers/misc
	sed '/^endmenu/i source "drivers/misc/sipc/Kconfig"' "$misc/Kconfig" >"$misc/Kconfig.new"
	{ cat "$misc/Makefile"; echo "obj-\$(CONFIG_SIPC)		+= sipc/"; } >"$misc/Makefile.new"
	mv "$misc/Kconfig.new" "$misc/Kconfig"		# new inodes: the
	mv "$misc/Makefile.new" "$misc/Makefile"	# links are broken
	echo "$want" >"$TREE.tmp/.sipc-tree"
	mv "$TREE.tmp" "$TREE"
fi
grep -q sipc "$KSRC/drivers/misc/Makefile" &&
	echo "kunit: warning: $KSRC/drivers/misc/Makefile mentions sipc" >&2
# Point the links at this checkout (another checkout may have used the cache).
ln -sfn "$ROOT/kmod" "$TREE/drivers/misc/sipc"
ln -sfn "$ROOT/include/uapi/linux/sipc.h" "$TREE/include/uapi/linux/sipc.h"
mkdir -p "$BUILD"
if [ "$(cat "$BUILD/.sipc-checkout" 2>/dev/null)" != "$ROOT" ]; then
	rm -rf "$BUILD/drivers/misc/sipc"	# objects of another checkout
	echo "$ROOT" >"$BUILD/.sipc-checkout"
fi
rm -f "$BUILD/test.log"		# never report the previous run's results

# UML has no ARCH_HAS_UBSAN_SANITIZE_ALL: CONFIG_UBSAN instruments only the
# objects asked for.  Ask for ours, and only ours.
set --
for f in kmod/*.c; do
	f=${f##*/}
	set -- "$@" "--make_options=UBSAN_SANITIZE_${f%.c}.o=y"
done

echo "kunit: kunit.py run (log: build/kunit.log)" >&2
{
	rc=0
	python3 "$TREE/tools/testing/kunit/kunit.py" run \
		--kunitconfig="$ROOT/kmod/.kunitconfig" \
		--build_dir="$BUILD" --jobs="${SIPC_KUNIT_JOBS:-2}" \
		"$@" ${FILTER:+"$FILTER"} </dev/null 2>&1 || rc=$?
	echo "$rc" >build/.kunit.rc
} | tee build/kunit.log
rc=$(cat build/.kunit.rc)

# The flat TAP (tools/testing/judge.py kunit).  Every suite of
# kmod/sipc_*_test.c must report, unless a filter was given.
sources=""
[ -n "$FILTER" ] || sources=$(echo kmod/sipc_*_test.c)
jrc=0
# shellcheck disable=SC2086
tools/testing/judge.py kunit --console "$BUILD/test.log" --ktap build/kunit.ktap --rc "$rc" \
	${sources:+--suites-from $sources} >"$RESULTS/kunit-sipc.tap.new" || jrc=$?
[ $jrc -le 1 ] || echo "not ok - kunit: judge.py failed (exit $jrc)" >>"$RESULTS/kunit-sipc.tap.new"
mv "$RESULTS/kunit-sipc.tap.new" "$RESULTS/kunit-sipc.tap"

pass=$(grep -c '^ok ' "$RESULTS/kunit-sipc.tap" || true)
fail=$(grep -c '^not ok ' "$RESULTS/kunit-sipc.tap" || true)
grep '^not ok ' "$RESULTS/kunit-sipc.tap" >&2 || true
echo "kunit: $pass passed, $fail failed in $(($(date +%s) - start)) s ($RESULTS/kunit-sipc.tap)" >&2
[ "$fail" -eq 0 ]
