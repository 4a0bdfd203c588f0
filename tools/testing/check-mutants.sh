#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Mutation check of the test suites (`make check-mutants`): every mutant
# of sipc.ko in tools/testing/mutants/*.patch must be caught.
#
#   tools/testing/check-mutants.sh [NAME...]    all mutants, or the named ones
#
# A mutant is a git-format patch against the repo (applied from the root
# with `git apply`) that plants one real bug; its description names the bug
# class.  For each one, a scratch copy of the tracked files of this
# checkout (as they are in the work tree) is made under $OUT/<name>/tree,
# the patch applied there, and the suites run from that copy, in the order
# of SIPC_MUTANT_SUITES, until one fails: that suite caught the mutant.  A
# mutant that no suite catches survived, and the run fails.  The work
# tree is never touched (build/guest, the guest programs that do not
# depend on the module, is copied from it: run `make` first, as
# `make check-mutants` does).
#
# Suites (names as in tools/testing/check.sh where they exist):
#   kselftest the kselftests alone, stock kernel (the first half of guest:
#             about a third of its time)
#   kunit     the KUnit suites on UML            (tools/testing/kunit.sh)
#   guest     kselftests and libsipc, stock kernel (tools/testing/guest-suite.sh)
#   campaign  the reliability campaign, stock kernel
#   selinux   the SELinux suite, stock kernel    (policy/tests/run-guest.sh)
#   audit     the ipc-audit assertions           (tools/ipc-audit/run.sh check)
#   debug     everything on the debug kernel: KASAN, lockdep, kmemleak
#             (make check-debug's run: tools/testing/check-debug.sh)
#   campaign-debug, selinux-debug, audit-debug
#             one of debug's three runs alone (campaign-debug: the
#             campaign only, SIPC_DEBUG_SUBSET=1)
#
# Environment:
#   SIPC_MUTANT_SUITES  [kselftest campaign kunit guest selinux audit debug]
#   SIPC_MUTANT_ALL=1   run every suite on every mutant (the full table;
#                       slow) instead of stopping at the first catch
#   SIPC_MUTANT_OUT     [build/mutants]
# Output: one line per mutant and suite on stderr; the table (Markdown)
# in $OUT/table.md; the last line "N passed, N failed" (a passed mutant
# is a caught one).  Exit status 1 if a mutant survived or did not apply.
set -u
cd "$(dirname "$0")/../.." || exit 1
ROOT=$(pwd)
OUT=${SIPC_MUTANT_OUT:-build/mutants}
case $OUT in /*) ;; *) OUT=$ROOT/$OUT ;; esac
SUITES=${SIPC_MUTANT_SUITES:-kselftest campaign kunit guest selinux audit debug}
MUTANTS=tools/testing/mutants

if [ $# -gt 0 ]; then
	list=""
	for n in "$@"; do list="$list $MUTANTS/${n%.patch}.patch"; done
else
	list=$(ls "$MUTANTS"/*.patch 2>/dev/null)
fi
[ -n "$list" ] || { echo "check-mutants: no mutants in $MUTANTS" >&2; echo "0 passed, 1 failed"; exit 1; }
[ -d build/guest ] || { echo "check-mutants: no build/guest: run make first" >&2; exit 1; }

# suite NAME: run one suite from the current directory (a scratch copy),
# results in $SIPC_RESULTS.
suite() {
	case $1 in
	kselftest) SIPC_GUEST_LISTS=selftests/guest-tests.list tools/testing/guest-suite.sh ;;
	kunit) tools/testing/kunit.sh ;;
	guest) tools/testing/guest-suite.sh ;;
	campaign) selftests/campaign/run-guest.sh ;;
	selinux) policy/tests/run-guest.sh ;;
	audit) tools/ipc-audit/run.sh check ;;
	debug) tools/testing/check-debug.sh ;;
	campaign-debug) SIPC_DEBUG_SUBSET=1 selftests/campaign/run-guest.sh --debug ;;
	selinux-debug) policy/tests/run-guest.sh --debug ;;
	audit-debug) tools/ipc-audit/run.sh check-debug ;;
	*) echo "check-mutants: unknown suite $1" >&2; return 2 ;;
	esac
}

mkdir -p "$OUT"
t_all=$(date +%s)
{
	echo "| mutant | bug class | caught by | failing tests (first ones) | s |"
	echo "| --- | --- | --- | --- | --- |"
} >"$OUT/table.md.new"
caught=0
survived=0
for patch in $list; do
	name=$(basename "$patch" .patch)
	class=$(sed -n 's/^Bug class: *//p' "$patch" | head -n 1)
	dir=$OUT/$name
	t0=$(date +%s)
	rm -rf "$dir"
	mkdir -p "$dir/tree"
	# The tracked files as they are in the work tree, and the guest
	# programs; a git repository of its own, so that `git apply` takes
	# the patch's paths from the copy's root.
	git ls-files -z | xargs -0 cp --parents -a -t "$dir/tree" 2>/dev/null
	mkdir -p "$dir/tree/build"
	cp -a build/guest "$dir/tree/build/guest"
	if ! (cd "$dir/tree" && git init -q && git apply "$ROOT/$patch") >"$dir/apply.log" 2>&1; then
		echo "check-mutants: $name: patch does not apply (see $dir/apply.log)" >&2
		echo "| $name | $class | **does not apply** | | |" >>"$OUT/table.md.new"
		survived=$((survived + 1))
		continue
	fi
	if ! make -s -C "$dir/tree/kmod" >"$dir/build.log" 2>&1; then
		# A mutant that does not compile tests nothing.
		echo "check-mutants: $name: does not build (see $dir/build.log)" >&2
		echo "| $name | $class | **does not build** | | |" >>"$OUT/table.md.new"
		survived=$((survived + 1))
		continue
	fi
	by=""
	tests=""
	for s in $SUITES; do
		r=$dir/results/$s
		rm -rf "$r"
		mkdir -p "$r"
		echo "check-mutants: $name: suite $s" >&2
		(cd "$dir/tree" && SIPC_RESULTS=$r suite "$s") >"$dir/$s.log" 2>&1 </dev/null
		src=$?
		if ! tools/testing/judge.py summary "$r" >"$dir/$s.summary" || [ "$src" -ne 0 ]; then
			echo "check-mutants: $name: caught by $s" >&2
			by="$by${by:+, }$s"
			[ -n "$tests" ] || tests=$(grep '^FAIL ' "$dir/$s.summary" |
				sed 's/^FAIL //; s/\.tap$//' | head -n 4 | tr '\n' ' ')
			[ "${SIPC_MUTANT_ALL:-0}" = 1 ] || break
		else
			echo "check-mutants: $name: $s passed it" >&2
		fi
	done
	secs=$(($(date +%s) - t0))
	if [ -n "$by" ]; then
		caught=$((caught + 1))
		echo "| $name | $class | $by | $tests | $secs |" >>"$OUT/table.md.new"
	else
		survived=$((survived + 1))
		echo "check-mutants: $name SURVIVED ($SUITES)" >&2
		echo "| $name | $class | **survived** | | $secs |" >>"$OUT/table.md.new"
	fi
done
mv "$OUT/table.md.new" "$OUT/table.md"
cat "$OUT/table.md"
echo "check-mutants: $caught caught, $survived survived in $(($(date +%s) - t_all)) s ($OUT/table.md)" >&2
echo "$caught passed, $survived failed"
[ "$survived" -eq 0 ]
