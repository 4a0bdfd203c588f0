#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot the guest with a demo script as the payload instead of the test list
# and print the script's transcript (`make demo` runs this after building).
#
#   tools/demo/demo.sh [SCRIPT]          default: tools/demo/demo-guest.sh
#
# SCRIPT runs in the guest as root, by busybox sh, after sipc.ko is loaded
# ($SIPC_KO names it), in a kernel booted with SELinux (no policy loaded
# yet), with build/demo/guest installed at /: the build/guest tree plus
# the demo's programs and its compiled policy, /etc/sipc/demo.33 (make -C
# tools/demo demo-guest).  The run fails if the script exits non-zero or
# the kernel complains.  Separate image, tree and log names, and a demo run
# writes no TAP (qemu-run.sh --demo), so a demo never clobbers the files
# or the results of `make check` (build/results).
set -eu
cd "$(dirname "$0")/../.."
SCRIPT=${1:-tools/demo/demo-guest.sh}
[ -r "$SCRIPT" ] || { echo "demo: $SCRIPT not found" >&2; exit 1; }
[ -d build/guest ] || { echo "demo: no build/guest (make all)" >&2; exit 1; }
make -s -C tools/demo demo-guest >build/demo-build.log 2>&1 ||
	{ cat build/demo-build.log >&2; echo "demo: make -C tools/demo demo-guest failed" >&2; exit 1; }
SIPC_GUEST_DIR=build/demo/guest tools/testing/mkinitramfs.sh -o build/initramfs-demo.gz -p "$SCRIPT"
exec tools/testing/qemu-run.sh --demo --initrd build/initramfs-demo.gz --log build/demo-console.log \
	--timeout "${SIPC_DEMO_TIMEOUT:-300}"
