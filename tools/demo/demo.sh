#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Boot the guest with a demo script as the payload instead of the test list
# and print the script's transcript (`make demo` runs this after building).
#
#   tools/demo/demo.sh [SCRIPT]          default: tools/demo/demo-guest.sh
#
# SCRIPT runs in the guest as root, by busybox sh, after sipc.ko is loaded
# ($SIPC_KO names it), with the build/guest tree installed at /.  The run
# fails if the script exits non-zero or the kernel complains.  Separate
# image and log names, and a demo run writes no TAP (qemu-run.sh --demo), so
# a demo never clobbers the files or the results of `make check`.
set -eu
cd "$(dirname "$0")/../.."
SCRIPT=${1:-tools/demo/demo-guest.sh}
[ -r "$SCRIPT" ] || { echo "demo: $SCRIPT not found" >&2; exit 1; }
tools/testing/mkinitramfs.sh -o build/initramfs-demo.gz -p "$SCRIPT"
exec tools/testing/qemu-run.sh --demo --initrd build/initramfs-demo.gz --log build/demo-console.log
