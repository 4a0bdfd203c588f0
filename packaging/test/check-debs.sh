#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The packages without a guest: build them (make -C packaging deb),
# lintian, the same files as `make install`, the DKMS source tree builds
# the module the way dkms.conf says, and the system files are where and
# what they should be.  Prints TAP.  About half a minute.
#
# Environment: SIPC_DEB_DIR [build/deb]; SIPC_PKG_WORK [build/packages]
# (scratch: the make-install tree, the unpacked packages).
set -u
cd "$(dirname "$0")/../.." || exit 1

DEBS=${SIPC_DEB_DIR:-build/deb}
W=${SIPC_PKG_WORK:-build/packages}
mkdir -p "$W"
W=$(cd "$W" && pwd)
VERSION=$(sed -n 's/^VERSION := *//p' lib/Makefile)
PKGS="sipc-dkms libsipc1 libsipc-dev sipc-tools selinux-policy-sipc"

n=0
failed=0
ok() { n=$((n + 1)); echo "ok - $1"; }
nok() { n=$((n + 1)); failed=1; echo "not ok - $1"; }
check() {
	desc=$1; shift
	echo "# $desc: $*" >>"$W/check-debs.log"
	if "$@" >>"$W/check-debs.log" 2>&1; then ok "$desc"; else nok "$desc"; fi
}
finish() { echo "1..$n"; exit $failed; }
: >"$W/check-debs.log"

t=$(date +%s)
if make -s -C packaging deb O="$(cd "$(dirname "$DEBS")" && pwd)/$(basename "$DEBS")" \
		>>"$W/check-debs.log" 2>&1; then
	ok "make deb builds the packages"
	echo "# timing: make deb $(($(date +%s) - t))s"
else
	nok "make deb builds the packages (log: $W/check-debs.log)"
	finish
fi
deb() { ls "$DEBS/${1}_${VERSION}_"*.deb 2>/dev/null | head -n 1; }
for p in $PKGS; do
	[ -n "$(deb $p)" ] || nok "$p_$VERSION: missing"
done
cl=$(dpkg-parsechangelog -l debian/changelog -SVersion)
check "debian/changelog ($cl) has the version of lib/Makefile ($VERSION)" test "$cl" = "$VERSION"

# Each version node of lib/libsipc.map needs its (symver) line, with the
# package version that first had it: dpkg-gensymbols only warns.
nodes() {
	want=$(sed -n 's/^\(LIBSIPC_[0-9.]*\) {.*/\1/p' lib/libsipc.map | sort)
	have=$(sed -n 's/^ (symver)\(LIBSIPC_[0-9.]*\) .*/\1/p' debian/libsipc1.symbols | sort)
	echo "libsipc.map: $want"; echo "symbols: $have"
	[ -n "$want" ] && [ "$want" = "$have" ]
}
check "debian/libsipc1.symbols covers every version node of lib/libsipc.map" nodes

# --- lintian: no error, and only the warnings listed in lintian-allowed ----
t=$(date +%s)
lintian --no-cfg -I --pedantic "$DEBS"/*.changes >"$W/lintian.out" 2>&1
echo "# timing: lintian $(($(date +%s) - t))s"
sed -n 's/^\([EW]\): \([^ :]*\)\( [a-z]*\)\{0,1\}: \([^ ]*\).*/\1 \2 \4/p' "$W/lintian.out" |
	sort -u >"$W/lintian.tags"
sed 's/^/# lintian: /' "$W/lintian.out"
errors=$(awk '$1 == "E"' "$W/lintian.tags")
[ -z "$errors" ] && ok "lintian: no error" || nok "lintian: no error; got: $errors"
grep -Ev '^(#|$)' packaging/lintian-allowed | sort -u >"$W/lintian.allowed"
unexplained=$(awk '$1 == "W" { print $2, $3 }' "$W/lintian.tags" | LC_ALL=C comm -23 - "$W/lintian.allowed")
[ -z "$unexplained" ] && ok "lintian: every warning is explained (packaging/lintian-allowed)" ||
	nok "lintian: warnings not in packaging/lintian-allowed: $unexplained"

# --- the same files as make install ---------------------------------------
# Built privately (O, LIBO): the shared build/lib is others'.  O is
# expanded by each part's make, as in debian/rules.
S=$W/make-install
rm -rf "$S" "$W/pkgroot"
make -s install DESTDIR="$S/root" PREFIX=/usr \
	'O='"$S"'/build/$(notdir $(CURDIR))' LIBO="$S/build/lib" >>"$W/check-debs.log" 2>&1 ||
	nok "make install PREFIX=/usr (log: $W/check-debs.log)"
for p in libsipc1 libsipc-dev sipc-tools selinux-policy-sipc; do dpkg-deb -x "$(deb $p)" "$W/pkgroot"; done
# Packages compress man pages and add /usr/share/doc; nothing else differs.
(cd "$S/root" && find . ! -type d | LC_ALL=C sort) >"$W/files.make-install"
(cd "$W/pkgroot" && find . ! -type d | grep -v '^\./usr/share/doc/' |
	sed 's/\.gz$//' | LC_ALL=C sort) >"$W/files.packages"
check "make install PREFIX=/usr and libsipc1, libsipc-dev, sipc-tools, selinux-policy-sipc install the same files" \
	diff -u "$W/files.make-install" "$W/files.packages"
same() {
	for f in usr/include/sipc.h usr/include/sipc/linux/sipc.h usr/lib/pkgconfig/sipc.pc; do
		cmp "$S/root/$f" "$W/pkgroot/$f" || return 1
	done
}
check "headers and sipc.pc are identical in both" same

# --- sipc-dkms ---------------------------------------------------------------
X=$W/dkms-deb
rm -rf "$X"
dpkg-deb -R "$(deb sipc-dkms)" "$X"
src=$X/usr/src/sipc-$VERSION
conf() { grep -qx "$1" "$src/dkms.conf"; }
check "dkms.conf: PACKAGE_VERSION=$VERSION, sipc.ko into /updates/dkms, AUTOINSTALL" sh -c "
	grep -qx 'PACKAGE_VERSION=\"$VERSION\"' '$src/dkms.conf' &&
	grep -qx 'BUILT_MODULE_NAME\[0\]=\"sipc\"' '$src/dkms.conf' &&
	grep -qx 'DEST_MODULE_LOCATION\[0\]=\"/updates/dkms\"' '$src/dkms.conf' &&
	grep -qx 'AUTOINSTALL=\"yes\"' '$src/dkms.conf'"
KVER=$(tools/testing/kver.sh)
# What dkms does: source dkms.conf (bash) and run MAKE[0] in the tree.
build() {
	(cd "$src" && bash -c 'kernelver=$1; kernel_source_dir=$2; . ./dkms.conf; eval "${MAKE[0]}"' \
		_ "$KVER" "/lib/modules/$KVER/build") &&
	modinfo -F vermagic "$src/kmod/sipc.ko" | grep -q "^$KVER "
}
check "the DKMS tree builds sipc.ko for $KVER with dkms.conf's MAKE[0]" build
check "the DKMS tree has the UAPI header where kmod/Kbuild looks for it" \
	test -f "$src/include/uapi/linux/sipc.h"
rule=$X/lib/udev/rules.d/60-sipc.rules
check "sipc-dkms: udev rule gives /dev/sipc to group sipc, mode 0660" \
	grep -q '^SUBSYSTEM=="sipc", KERNEL=="sipc", GROUP="sipc", MODE="0660"$' "$rule"
check "sipc-dkms: postinst creates the system group sipc" \
	grep -q '^[[:space:]]*addgroup --system --quiet sipc$' "$X/DEBIAN/postinst"
off() { ! grep -Ev '^[[:space:]]*(#|$)' "$X/etc/modules-load.d/sipc.conf"; }
check "sipc-dkms: modules-load.d/sipc.conf is shipped, off" off
check "sipc-dkms: modules-load.d and modprobe.d files are conffiles" sh -c "
	grep -qx /etc/modules-load.d/sipc.conf '$X/DEBIAN/conffiles' &&
	grep -qx /etc/modprobe.d/sipc.conf '$X/DEBIAN/conffiles'"
scripts() {
	for d in "$DEBS"/*.deb; do
		rm -rf "$W/ctl" && dpkg-deb -e "$d" "$W/ctl" || return 1
		for s in "$W"/ctl/preinst "$W"/ctl/postinst "$W"/ctl/prerm "$W"/ctl/postrm; do
			[ ! -f "$s" ] || sh -n "$s" || return 1
		done
	done
}
check "every maintainer script parses (sh -n)" scripts
finish
