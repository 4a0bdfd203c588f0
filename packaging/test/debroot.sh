#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Build (or find in the cache) a small Debian root for the package test:
#
#   packaging/test/debroot.sh        prints the root's path
#
# debootstrap --variant=minbase of this machine's Debian suite, from the
# mirror its apt is configured with (/etc/apt/sources.list*), plus what the
# test needs and the packages do not pull in themselves: the headers of
# the guest kernel (tools/testing/kver.sh), so DKMS builds sipc.ko for it; udev;
# a compiler and pkg-config for the example program; the SELinux reference
# policy, so selinux-policy-sipc's semodule path runs.  The root is cached
# in ${SIPC_CACHE:-~/.cache/sipc}/debroot and rebuilt when it is missing
# or was made for another kernel, suite, mirror or package list (the stamp
# file .sipc-debroot).  Nothing of SIPC's is ever installed in the cache:
# the test works on a copy.
#
# Environment: SIPC_CACHE; SIPC_DEBIAN_MIRROR overrides the mirror found in
# the apt configuration; SIPC_DEBROOT_HEADERS=host copies the host's headers
# instead of installing the package (used when the mirror no longer has the
# guest kernel's headers package).
set -eu
cd "$(dirname "$0")/../.."

die() { echo "debroot: $*" >&2; exit 1; }
KVER=$(tools/testing/kver.sh) || exit 1
CACHE=${SIPC_CACHE:-$HOME/.cache/sipc}
BASE=$CACHE/debroot
. /etc/os-release
SUITE=${VERSION_CODENAME:?no VERSION_CODENAME in /etc/os-release}

# URI of a suite in the apt configuration, one-line (.list) or deb822
# (.sources) format; the first one wins.
apt_uri() {
	cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list \
		/etc/apt/sources.list.d/*.sources 2>/dev/null | awk -v want="$1" '
	/^deb[ \t]/ {
		sub(/\[[^]]*\][ \t]*/, "")		# [ options ]
		if ($3 == want) { print $2; exit }
		next
	}
	/^$/ || /^Types:/ { uri = ""; suites = ""; deb = 0 }
	/^Types:/ { deb = (" " $0 " ") ~ / deb / }
	/^URIs:/ { uri = $2 }
	/^Suites:/ { suites = " " $0 " " }
	deb && uri != "" && index(suites, " " want " ") { print uri; exit }'
}
MIRROR=${SIPC_DEBIAN_MIRROR:-$(apt_uri "$SUITE")}
[ -n "$MIRROR" ] || die "no apt source for $SUITE in /etc/apt/sources.list*"
SECURITY=$(apt_uri "$SUITE-security")

HEADERS=linux-headers-$KVER
if [ "${SIPC_DEBROOT_HEADERS:-}" = host ]; then
	# Instead of the headers package: what it and kbuild's tools need
	# (libelf1, libssl3, ...), from the host's own records.
	kbuild_pkg=$(dpkg -S "$(dirname "$(readlink -f "/lib/modules/$KVER/build/scripts")")" | cut -d: -f1)
	[ -n "$kbuild_pkg" ] || die "no package owns the kbuild tools of $KVER"
	HEADERS=$(dpkg-query -W -f='${Depends}, ' "linux-headers-$KVER" "$kbuild_pkg" |
		tr ',' '\n' | sed 's/[(|].*//; s/ //g' | grep -v '^linux-' | grep . | sort -u)
	HEADERS=$(echo $HEADERS)
fi
PKGS="dkms $HEADERS udev kmod adduser gcc libc6-dev make pkg-config
libjson-c5 policycoreutils selinux-policy-default"
STAMP="v2 suite=$SUITE kver=$KVER mirror=$MIRROR security=$SECURITY headers=${SIPC_DEBROOT_HEADERS:-pkg} pkgs=$(echo $PKGS)"

mkdir -p "$CACHE"
# One builder at a time; the others wait and then find it ready.
exec 9>"$CACHE/debroot.lock"
flock -w 1200 9 || die "timed out waiting for $CACHE/debroot.lock"
if [ "$(cat "$BASE/.sipc-debroot" 2>/dev/null)" = "$STAMP" ]; then
	echo "$BASE"
	exit 0
fi

NEW=$BASE.new
rm -rf "$NEW"
echo "debroot: building $BASE ($SUITE from $MIRROR, headers for $KVER)" >&2
start=$(date +%s)
# A private mount namespace: whatever debootstrap or a postinst mounts in
# the root goes away with it, even on failure.
unshare --mount --propagation private \
	debootstrap --variant=minbase "$SUITE" "$NEW" "$MIRROR" >"$CACHE/debroot.log" 2>&1 ||
	die "debootstrap failed (log: $CACHE/debroot.log)"

{
	echo "deb $MIRROR $SUITE main"
	echo "deb $MIRROR $SUITE-updates main"
	[ -z "$SECURITY" ] || echo "deb $SECURITY $SUITE-security main"
} >"$NEW/etc/apt/sources.list"
# No daemon starts in a chroot.
printf '#!/bin/sh\nexit 101\n' >"$NEW/usr/sbin/policy-rc.d"
chmod 755 "$NEW/usr/sbin/policy-rc.d"

if [ "${SIPC_DEBROOT_HEADERS:-}" = host ]; then
	# The host's headers of the guest kernel, as Debian lays them out:
	# the flavour's directory (build), the common one (source) and the
	# kbuild tools that build/scripts points to.
	arch=$(readlink -f "/lib/modules/$KVER/build")
	common=$(readlink -f "/lib/modules/$KVER/source")
	kbuild=$(dirname "$(readlink -f "$arch/scripts")")
	for d in "$arch" "$common" "$kbuild"; do
		[ -d "$d" ] || die "no $d: are the headers of $KVER installed?"
		mkdir -p "$NEW$(dirname "$d")"
		cp -a "$d" "$NEW$d"
	done
	mkdir -p "$NEW/lib/modules/$KVER"
	ln -s "$arch" "$NEW/lib/modules/$KVER/build"
	ln -s "$common" "$NEW/lib/modules/$KVER/source"
fi

. packaging/test/root-lib.sh
# shellcheck disable=SC2086
root_apt_install "$NEW" "$CACHE/debroot.log" $PKGS ||
	die "installing the test's packages failed (log: $CACHE/debroot.log)"
# The headers' symbolic links are absolute: look from inside the root.
chroot "$NEW" make -s -C "/lib/modules/$KVER/build" kernelversion >/dev/null 2>>"$CACHE/debroot.log" ||
	die "no usable headers for $KVER in the root (log: $CACHE/debroot.log)"

echo "$STAMP" >"$NEW/.sipc-debroot"
rm -rf "$BASE"
mv "$NEW" "$BASE"
echo "debroot: built in $(($(date +%s) - start))s ($(du -sm "$BASE" | cut -f1) MB)" >&2
echo "$BASE"
