#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Static checks, one TAP result per checker (`make lint`; `make check` runs
# it as the suite "lint"):
#
#   kmod W=1           sipc.ko built with W=1, and kernel-doc on every
#                      source, since W=1 reads only the .c files it
#                      compiles (not the headers, not the KUnit suites)
#   kmod checkpatch    the kernel's checkpatch.pl --strict on kmod/
#   kmod sparse        sipc.ko built with C=2 CHECK=sparse
#   PART -fanalyzer    gcc -fanalyzer build of libsipc and its host tests (lib/), and of
#                      tools/cli, tools/bench, tools/ipc-audit, tools/demo
#
#   tools/testing/lint.sh        TAP on stdout, progress on stderr
#
# A check fails on a failed build or on any warning or error in its log
# (checkpatch's CHECK included); the first of them follow its "not ok"
# line.  Every build happens under build/lint/ (the module from a copy of
# kmod/, the rest with O=), so the ordinary build's outputs are neither
# used nor touched.  Logs: build/lint/*.log.  Exit status 0 only if every
# check passed.
#
# Environment: KDIR (default the headers of tools/testing/kver.sh's kernel),
# SIPC_LINT_JOBS (default 2).  Needs sparse, gcc and linux-source-6.1
# (checkpatch.pl; tools/testing/ksrc.sh): tools/install-deps.sh.
set -u
cd "$(dirname "$0")/../.." || exit 1
ROOT=$(pwd)
OUT=$ROOT/build/lint
JOBS=${SIPC_LINT_JOBS:-2}
KDIR=${KDIR:-/lib/modules/$(tools/testing/kver.sh)/build}

# A background job: the test suites may be running on the same cores.
renice -n 10 $$ >/dev/null 2>&1
rm -rf "$OUT"
mkdir -p "$OUT"
n=0
failed=0

# result NAME LOG RC: one TAP line for a check whose output is in LOG.
result() {
	n=$((n + 1))
	bad=$(grep -E 'warning:|error:|: (WARNING|ERROR|CHECK):' "$2" | head -n 20)
	if [ "$3" -eq 0 ] && [ -z "$bad" ]; then
		echo "ok $n $1"
		return
	fi
	failed=$((failed + 1))
	echo "not ok $n $1"
	[ "$3" -eq 0 ] || echo "# exit status $3, log: ${2#"$ROOT"/}"
	[ -z "$bad" ] || printf '%s\n' "$bad" | sed "s|$OUT/src/||g; s|$ROOT/||g; s/^/# /"
}

# check NAME LOG CMD...: run CMD with its output in LOG, then judge it.
check() {
	name=$1 log=$OUT/$2.log
	shift 2
	echo "lint: $name" >&2
	"$@" >"$log" 2>&1
	result "$name" "$log" $?
}

# The module's sources as the DKMS tree lays them out: kmod/Kbuild adds
# -I$(src)/../include/uapi.  Build outputs left in kmod/ stay behind.
KMOD=$OUT/src/kmod
mkdir -p "$KMOD" "$OUT/src/include/uapi/linux"
SRCS=""
for f in kmod/*.c kmod/*.h; do
	case $f in *.mod.c) continue ;; esac
	SRCS="$SRCS $f"
done
# shellcheck disable=SC2086
cp kmod/Kbuild kmod/Kconfig $SRCS "$KMOD/"
cp include/uapi/linux/sipc.h "$OUT/src/include/uapi/linux/"

w1() {
	make -C "$KDIR" M="$KMOD" W=1 -j"$JOBS" modules &&
		"$KDIR/scripts/kernel-doc" -none "$KMOD"/*.c "$KMOD"/*.h
}
check "kmod W=1" kmod-w1 w1

checkpatch() {
	ksrc=$(tools/testing/ksrc.sh) || return 1
	# --no-tree: kmod/ is not a kernel tree; -f: whole files, not a patch.
	# shellcheck disable=SC2086
	"$ksrc/scripts/checkpatch.pl" --strict --no-tree --terse --show-types \
		-f $SRCS kmod/Kconfig
}
check "kmod checkpatch --strict" kmod-checkpatch checkpatch

# C=2 checks every file, compiled anew or not.
check "kmod sparse" kmod-sparse \
	make -C "$KDIR" M="$KMOD" C=2 CHECK=sparse -j"$JOBS" modules

# libsipc with its host tests, and the default goal of each tool
# (tools/demo has none on the host: its guest probes), linked against the
# libsipc built here.
ANALYZE="CFLAGS=-O2 -g -fanalyzer"
check "lib -fanalyzer" lib-analyzer \
	make -C lib -j"$JOBS" O="$OUT/lib" "$ANALYZE" all
for part in cli bench ipc-audit; do
	check "tools/$part -fanalyzer" "$part-analyzer" \
		make -C "tools/$part" -j"$JOBS" O="$OUT/$part" LIBO="$OUT/lib" "$ANALYZE"
done
check "tools/demo -fanalyzer" demo-analyzer \
	make -C tools/demo O="$OUT/demo" "$ANALYZE" "$OUT/demo/sipc-try-writeback" \
	"$OUT/demo/sipc-demo-peer"

echo "1..$n"
echo "lint: $((n - failed)) passed, $failed failed (logs in build/lint/)" >&2
[ "$failed" -eq 0 ]
