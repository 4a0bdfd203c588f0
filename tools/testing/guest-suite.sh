#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The "guest" suite of tools/testing/check.sh: the kselftests and libsipc's
# guest tests (selftests/guest-tests.list, lib/tests/guest-tests.list, or
# $SIPC_GUEST_LISTS) in one guest of Debian's kernel.
#
#   tools/testing/guest-suite.sh      after `make all`
#
# Results: $SIPC_RESULTS/guest-<name>.tap, one per command, plus
# guest-boot.tap for a guest that failed as a whole; the image and the
# console log are build/initramfs.gz and build/guest-console.log.
set -u
cd "$(dirname "$0")/../.." || exit 1
. tools/testing/suite-lib.sh

suite_begin guest
# A test dropped from the lists must not leave its last result behind.
rm -f "$SUITE_RESULTS"/guest-*.tap
tools/testing/mkinitramfs.sh -o build/initramfs.gz || exit 1
suite_boot build/initramfs.gz build/guest-console.log
