#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Lay out the DKMS source tree of sipc.ko (see kmod/dkms.conf):
#
#   packaging/dkms-src.sh DEST [VERSION]
#
# DEST is normally /usr/src/sipc-VERSION (or the package's copy of it).
# VERSION defaults to the library's (lib/Makefile), the one version of the
# project.  Only what an out-of-tree build needs is copied: the KUnit
# suites (*_test.c, sipc_test_*.c: sipc_test.ko) and Kconfig belong to
# in-tree builds.
set -eu
cd "$(dirname "$0")/.."

[ $# -ge 1 ] || { echo "usage: $0 DEST [VERSION]" >&2; exit 2; }
DEST=$1
VERSION=${2:-$(sed -n 's/^VERSION := *//p' lib/Makefile)}
[ -n "$VERSION" ] || { echo "dkms-src: no VERSION in lib/Makefile" >&2; exit 1; }

mkdir -p "$DEST/kmod" "$DEST/include/uapi/linux"
# Sources only: a kbuild output (sipc.mod.c) left in kmod/ is not one.
for f in kmod/Kbuild kmod/Makefile kmod/*.h kmod/*.c; do
	case $f in *_test.c | */sipc_test_*.c | *.mod.c) continue ;; esac
	install -m 0644 "$f" "$DEST/kmod/"
done
install -m 0644 include/uapi/linux/sipc.h "$DEST/include/uapi/linux/"
sed "s/#MODULE_VERSION#/$VERSION/" kmod/dkms.conf >"$DEST/dkms.conf"
chmod 0644 "$DEST/dkms.conf"
