#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Build the debug guest kernel (KASAN, lockdep, kmemleak, failslab,
# fail_page_alloc, SELinux) and, on request, sipc.ko against it.
#
#   tools/testing/debug-kernel.sh              build if stale; print the build dir
#   tools/testing/debug-kernel.sh --ko DIR     also build sipc.ko into DIR/kmod
#                                      (DIR/kmod/sipc.ko); kmod/ is untouched
#
# The kernel comes from Debian's linux-source-6.1 tree (tools/testing/ksrc.sh),
# which is only read: everything is built with O= into
# ${SIPC_CACHE:-~/.cache/sipc}/debug-kernel/build, configured as
# `make tinyconfig` + tools/testing/debug-kernel.config (merge_config.sh) +
# `make olddefconfig`.  The image is build/arch/x86/boot/bzImage, and the
# build directory is a KDIR for out-of-tree modules.
#
# Rebuilt only when needed: a stamp holds a hash of the fragment and of
# this script's RECIPE number, and the source tree's identity (the
# tarball's size and time, which change with the package), written only
# after a successful build.  A new source tree empties the build directory
# (file times may go backwards); a new fragment reconfigures and builds
# incrementally.  flock serialises concurrent callers.  About 5 min from
# scratch on 2 cores.
#
# Progress goes to stderr, the full build log to $CACHE/debug-kernel/build.log.
# Needs flex, bison, bc, libelf-dev, gcc (tools/install-deps.sh).
set -eu
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
CACHE=${SIPC_CACHE:-$HOME/.cache/sipc}
TOP=$CACHE/debug-kernel
BUILD=$TOP/build
FRAG=$ROOT/tools/testing/debug-kernel.config
JOBS=${SIPC_DEBUG_JOBS:-$(nproc)}
KO_DIR=""

while [ $# -gt 0 ]; do
	case $1 in
	--ko) KO_DIR=$2; shift ;;
	*) echo "usage: $0 [--ko DIR]" >&2; exit 2 ;;
	esac
	shift
done

KSRC=$(tools/testing/ksrc.sh)
TARBALL=${SIPC_KSRC_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
mkdir -p "$TOP"
exec 9>"$TOP/.lock"
flock 9

src_id="$KSRC $(stat -c '%s %Y' "$TARBALL" 2>/dev/null || stat -c '%i %Y' "$KSRC/Makefile")"
# Bump RECIPE when the build steps below change what they produce.
RECIPE=1
want=$({ cat "$FRAG"; echo "recipe $RECIPE"; } | sha256sum | cut -d' ' -f1)
stamp="$src_id $want"
log=$TOP/build.log

if [ "$(cat "$TOP/stamp" 2>/dev/null)" != "$stamp" ] || [ ! -f "$BUILD/arch/x86/boot/bzImage" ]; then
	start=$(date +%s)
	if [ "$(cat "$TOP/source" 2>/dev/null)" != "$src_id" ]; then
		echo "debug-kernel: new source tree: building from scratch in $BUILD (about 5 min)" >&2
		rm -rf "$BUILD"
	else
		echo "debug-kernel: fragment changed or last build unfinished: rebuilding in $BUILD" >&2
	fi
	rm -f "$TOP/stamp"
	mkdir -p "$BUILD"
	echo "$src_id" >"$TOP/source"
	# Progress is one line per step; make's output goes to the log.
	step() {
		echo "debug-kernel: $*" >&2
		"$@" >>"$log" 2>&1 || {
			echo "debug-kernel: failed: $* (last lines of $log:)" >&2
			tail -n 30 "$log" >&2
			exit 1
		}
	}
	: >"$log"
	step make -C "$KSRC" O="$BUILD" tinyconfig
	step "$KSRC/scripts/kconfig/merge_config.sh" -m -O "$BUILD" "$BUILD/.config" "$FRAG"
	step make -C "$KSRC" O="$BUILD" olddefconfig
	# Every option the fragment turns on must still be on: olddefconfig
	# drops what lacks a dependency, silently.
	lost=$(grep -E '^CONFIG_[A-Z0-9_]+=[ym]$' "$FRAG" | while read -r opt; do
		grep -qx "$opt" "$BUILD/.config" || echo "$opt"
	done)
	if [ -n "$lost" ]; then
		# shellcheck disable=SC2086 # one line, not one per option
		echo "debug-kernel: options dropped by olddefconfig:" $lost >&2
		exit 1
	fi
	step make -C "$KSRC" O="$BUILD" -j"$JOBS" bzImage modules
	echo "$stamp" >"$TOP/stamp"
	echo "debug-kernel: built in $(($(date +%s) - start)) s" >&2
fi

if [ -n "$KO_DIR" ]; then
	# A private copy of the module sources: the kbuild objects must not
	# land in kmod/, where the stock-kernel sipc.ko is built.  Kbuild
	# finds the UAPI header at ../include/uapi, hence the link.
	mkdir -p "$KO_DIR/kmod"
	KO_DIR=$(cd "$KO_DIR" && pwd)
	rm -f "$KO_DIR/kmod"/*.c "$KO_DIR/kmod"/*.h
	cp kmod/sipc_*.c kmod/*.h kmod/Kbuild kmod/Makefile "$KO_DIR/kmod/"
	ln -sfn "$ROOT/include" "$KO_DIR/include"
	echo "debug-kernel: building $KO_DIR/kmod/sipc.ko" >&2
	make -s -C "$KO_DIR/kmod" KDIR="$BUILD" >&2
	[ -f "$KO_DIR/kmod/sipc.ko" ]
fi
echo "$BUILD"
