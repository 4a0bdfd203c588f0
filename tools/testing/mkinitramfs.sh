#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Pack the QEMU guest's initramfs.
#
#   tools/testing/mkinitramfs.sh [-o OUT] [-p PAYLOAD]
#
# Contents: static busybox (applet links are made by /init at boot), the
# build/guest tree copied to / (every part's `make guest` installs its static
# binaries there), sipc.ko as /lib/sipc/sipc.ko, tools/testing/guest-init.sh as /init,
# tools/testing/memcg-check.sh as /bin/sipc-memcg,
# and either the test list (default) or, with -p, a payload script that /init
# runs instead (the demo).
#
# Test lists: each non-comment, non-blank line of the files in
# $SIPC_GUEST_LISTS is one shell command run in the guest.  Its name (used for
# markers and build/results/guest-<name>.tap; `tools/testing/judge.py names`)
# is the basename of the first word containing a '/' (else of the first word
# that is no VAR=value), minus .sh; repeats get -2, -3...  The named list is also written next to OUT
# (OUT without .gz, plus .list) for tools/testing/qemu-run.sh.
#
# Environment (defaults in brackets):
#   SIPC_GUEST_DIR     [build/guest]        tree copied to the guest's /
#   SIPC_KO_SRC        [kmod/sipc.ko]       module to load
#   SIPC_GUEST_LISTS   [selftests/guest-tests.list lib/tests/guest-tests.list]
#                      (missing files are skipped)
#   SIPC_TEST_TIMEOUT  [300]                per-command limit in the guest, s
set -eu

cd "$(dirname "$0")/../.."
OUT=build/initramfs.gz
PAYLOAD=""
while getopts o:p: opt; do
	case $opt in
	o) OUT=$OPTARG ;;
	p) PAYLOAD=$OPTARG ;;
	*) echo "usage: $0 [-o OUT] [-p PAYLOAD]" >&2; exit 2 ;;
	esac
done
GUEST_DIR=${SIPC_GUEST_DIR:-build/guest}
KO=${SIPC_KO_SRC:-kmod/sipc.ko}
LISTS=${SIPC_GUEST_LISTS:-selftests/guest-tests.list lib/tests/guest-tests.list}
LIST_OUT=${OUT%.gz}.list
ROOT=${OUT%.gz}.d

die() { echo "mkinitramfs: $*" >&2; exit 1; }
[ -f "$KO" ] || die "$KO not built (make -C kmod)"
[ -x /bin/busybox ] || die "no /bin/busybox (install busybox-static: tools/install-deps.sh)"
[ -z "$PAYLOAD" ] || [ -r "$PAYLOAD" ] || die "payload $PAYLOAD not found"

# The guest has no C library: a dynamically linked binary would fail there
# with a puzzling "not found".  Catch it here, by its ELF interpreter.
if [ -d "$GUEST_DIR" ]; then
	find "$GUEST_DIR" -type f -perm -u+x | while read -r f; do
		if readelf -l "$f" 2>/dev/null | grep -q 'program interpreter'; then
			die "$f is dynamically linked; build guest binaries with -static"
		fi
	done
fi

rm -rf "$ROOT"
mkdir -p "$ROOT"
for d in bin sbin usr/bin usr/sbin proc sys dev tmp root etc/sipc lib/sipc; do
	mkdir -p "$ROOT/$d"
done
cp /bin/busybox "$ROOT/bin/busybox"
ln -s busybox "$ROOT/bin/sh"		# for /init's #! line
# Copied after busybox: a guest binary named like an applet wins (busybox
# --install does not overwrite existing files).
[ -d "$GUEST_DIR" ] && cp -a "$GUEST_DIR/." "$ROOT/"
cp "$KO" "$ROOT/lib/sipc/sipc.ko"
# brd gives the guest a RAM disk that takes O_DIRECT (tmpfs does not), for
# sipc_pin_test; the test loads it, and skips where it does not fit.
BRD=/lib/modules/$(tools/testing/kver.sh)/kernel/drivers/block/brd.ko
[ -r "$BRD" ] && cp "$BRD" "$ROOT/lib/sipc/brd.ko"
cp tools/testing/guest-init.sh "$ROOT/init"
chmod 755 "$ROOT/init"
# The leak check that reads the memory cgroup, not the module's counters.
cp tools/testing/memcg-check.sh "$ROOT/bin/sipc-memcg"
chmod 755 "$ROOT/bin/sipc-memcg"

# Concatenate the lists and name each command (see the header).
existing=""
for l in $LISTS; do [ -f "$l" ] && existing="$existing $l"; done
# shellcheck disable=SC2086
tools/testing/judge.py names /dev/null $existing >"$LIST_OUT"
cp "$LIST_OUT" "$ROOT/etc/sipc/tests.list"
if [ -z "$PAYLOAD" ] && [ ! -s "$LIST_OUT" ]; then
	echo "mkinitramfs: warning: no guest tests listed in:$LISTS" >&2
fi

{
	if [ -n "$PAYLOAD" ]; then echo SIPC_MODE=payload; else echo SIPC_MODE=tests; fi
	echo "SIPC_TEST_TIMEOUT=${SIPC_TEST_TIMEOUT:-300}"
} >"$ROOT/etc/sipc/config"
[ -z "$PAYLOAD" ] || cp "$PAYLOAD" "$ROOT/etc/sipc/payload.sh"

# -R 0:0: files are root's in the guest even when packed by a normal user.
# Sorted input and gzip -n keep the image reproducible; -1 because speed
# matters more than size here.
(cd "$ROOT" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
	gzip -1 -n >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
if [ -n "$PAYLOAD" ]; then what="payload $PAYLOAD"; else what="$(wc -l <"$LIST_OUT") tests"; fi
echo "mkinitramfs: $OUT ($(wc -c <"$OUT") bytes, $what)" >&2
