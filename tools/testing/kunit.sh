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
# A case fails when KUnit says so, when its suite never reported it (the
# kernel crashed), or when the kernel printed a splat (BUG:, WARNING:,
# UBSAN:, an Oops or a panic) while it ran: in 6.1 a KASAN report inside a
# case does not fail the case by itself.  A splat outside any case, a suite
# that did not run and a kunit.py failure each add a failing line.  Exit
# status: 0 only if every line is "ok".
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

# Suites that must report (all of them, unless a filter was given).
expect=""
[ -n "$FILTER" ] ||
	expect=$(awk '/struct kunit_suite .* = \{/ { s = 1 }
		s && /\.name[ \t]*=/ { split($0, q, "\""); printf "%s ", q[2]; s = 0 }' kmod/sipc_*_test.c)

# One pass over the console log: cut out the KTAP (as kunit.py does: from
# "KTAP version", minus the console prefix, up to the shutdown message),
# flatten it, and match splats to the case that was running.
touch "$BUILD/test.log"
awk -v ktap=build/kunit.ktap -v rc="$rc" -v expect="$expect" '
	function emit(ok, name, diag,    i) {
		n++
		out[n] = (ok ? "ok " : "not ok ") n " " name
		if (!ok)
			failed++
		nd[n] = 0
		for (i = 1; i <= ndiag && !ok; i++)
			d[n, ++nd[n]] = "# " diags[i]
		if (diag != "")
			d[n, ++nd[n]] = "# " diag
		ndiag = 0	# what was said goes with this line only
	}
	function splat_diag(    s) {
		s = nsplat ? nsplat " kernel splat(s) during the case, first: " splat : ""
		nsplat = 0
		return s
	}
	function close_suite() {
		if (suite == "")
			return
		if (ncase < plan)
			emit(0, suite ".(unreported)", "only " ncase " of " plan \
			     " cases reported: the kernel crashed or hung")
		else if (nsplat)
			emit(0, suite ".(suite exit)", splat_diag())
		suites_done[suite] = 1
		suite = ""
		nsplat = 0
	}
	BEGIN { printf "" >ktap }
	{ sub(/\r$/, "") }
	!started && /KTAP version [0-9]+$/ {
		started = 1
		prefix = index($0, "KTAP version") - 1
	}
	started && !ended && /(List of all partitions:|Kernel panic - not syncing: VFS:|reboot: System halted)/ {
		ended = 1
	}
	{
		line = (started && !ended) ? substr($0, prefix + 1) : $0
		if (started && !ended)
			print line >ktap
		splatted = line ~ /(BUG: |WARNING:|UBSAN:|Oops|general protection fault|Kernel panic)/
		if (splatted) {
			if (suite != "") {
				if (!nsplat++)
					splat = line
			} else if (!nout++) {
				outside = line
			}
		}
		if (!started || ended)
			next
		ind = match(line, /[^ ]/) - 1
		body = substr(line, ind + 1)
		lvl = int(ind / 4)
	}
	lvl == 1 && body ~ /^# Subtest: / {
		close_suite()
		suite = substr(body, 12)
		plan = ncase = ndiag = 0
		next
	}
	lvl == 1 && body ~ /^1\.\.[0-9]+$/ && suite != "" { plan = substr(body, 4) + 0; next }
	lvl == 2 && body ~ /^not ok [0-9]+ / && suite != "" {
		if (ndiag < 20)
			diags[++ndiag] = "failed: " substr(body, index(substr(body, 8), " ") + 8)
		next
	}
	lvl == 1 && body ~ /^(not )?ok [0-9]+ / && suite != "" {
		ok = body !~ /^not /
		rest = ok ? substr(body, 4) : substr(body, 8)
		rest = substr(rest, index(rest, " ") + 1)
		name = rest
		dir = ""
		if ((p = index(rest, " # ")) > 0) {
			name = substr(rest, 1, p - 1)
			dir = substr(rest, p)
		}
		if (index(name, suite "_test_") == 1)
			name = substr(name, length(suite) + 7)
		ncase++
		ncases++
		sd = splat_diag()
		if (sd != "")
			ok = 0
		emit(ok, suite "." name dir, sd)
		next
	}
	lvl == 0 && body ~ /^(not )?ok [0-9]+ / { close_suite(); next }
	lvl == 0 && body ~ /^1\.\.[0-9]+$/ { top = substr(body, 4) + 0; next }
	# Anything else said during a case: kept for its "not ok" line.
	suite != "" && body != "" && body !~ /^(KTAP version |1\.\.|# Subtest: |ok )/ &&
	    body !~ /: pass:[0-9]+ fail:[0-9]+/ {
		if (ndiag < 20)
			diags[++ndiag] = (body ~ /^# / ? substr(body, 3) : body)
	}
	END {
		close_suite()
		for (s in suites_done)
			ndone++
		if (top > ndone)
			emit(0, "kunit.(suites)", "only " ndone + 0 " of " top " suites reported")
		split(expect, ex, /[ \n]+/)
		for (i in ex)
			if (ex[i] != "" && !(ex[i] in suites_done))
				emit(0, ex[i] ".(suite)", "suite did not run")
		if (nout)
			emit(0, "kunit.(log)", nout " kernel splat(s) outside any test case, first: " outside)
		if (rc != 0 && (!failed || !ncases))
			emit(0, "kunit.(kunit.py)", "kunit.py failed with exit status " rc ", see build/kunit.log")
		if (n == 0)
			emit(0, "kunit.(results)", "no test results in the console log")
		for (i = 1; i <= n; i++) {
			print out[i]
			for (j = 1; j <= nd[i]; j++)
				print d[i, j]
		}
		print "1.." n
	}' "$BUILD/test.log" >"$RESULTS/kunit-sipc.tap.new"
mv "$RESULTS/kunit-sipc.tap.new" "$RESULTS/kunit-sipc.tap"

pass=$(grep -c '^ok ' "$RESULTS/kunit-sipc.tap" || true)
fail=$(grep -c '^not ok ' "$RESULTS/kunit-sipc.tap" || true)
grep '^not ok ' "$RESULTS/kunit-sipc.tap" >&2 || true
echo "kunit: $pass passed, $fail failed in $(($(date +%s) - start)) s ($RESULTS/kunit-sipc.tap)" >&2
[ "$fail" -eq 0 ]
