#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# The packages on a real Debian root, booted in QEMU with the Debian kernel
# the other guests use (tools/testing/kver.sh).  Prints TAP.
#
#   packaging/test/deb-root-test.sh        (after make -C packaging deb)
#
# 1. A copy of the cached Debian root (debroot.sh: debootstrap, the guest
#    kernel's headers, udev, a compiler, the SELinux reference policy).
# 2. In its chroot: apt installs build/deb/*.deb; DKMS builds sipc.ko for
#    the guest kernel; the examples are compiled against libsipc-dev with
#    pkg-config (and once statically); two users, one in group sipc.
# 3. QEMU boots the kernel with a small busybox initramfs that mounts the
#    root over 9p and runs guest-test.sh in it: modprobe, the udev rule,
#    sender and receiver through /dev/sipc, then dpkg --purge with the
#    module loaded and a channel in use.
# 4. Back in the chroot: purge selinux-policy-sipc (semodule -r, run natively
#    because it is slow under TCG), and compare the root's file list with
#    the one taken before the install: nothing may be left but the
#    expected residue below.
#
# Environment: SIPC_PKG_WORK [build/packages] work directory (the root's
# copy, logs); SIPC_DEB_DIR [build/deb]; SIPC_PKG_QEMU_TIMEOUT [600] s;
# SIPC_KEEP_ROOT=1 keeps the root's copy after a successful run; SIPC_CACHE
# (debroot.sh).
set -u
cd "$(dirname "$0")/../.." || exit 1

W=${SIPC_PKG_WORK:-build/packages}
DEBS=${SIPC_DEB_DIR:-build/deb}
ROOT=$W/root
VERSION=$(sed -n 's/^VERSION := *//p' lib/Makefile)
PKGS="sipc-dkms libsipc1 libsipc-dev sipc-tools selinux-policy-sipc"
GUEST_PURGE="sipc-tools libsipc-dev libsipc1 sipc-dkms"
mkdir -p "$W"
W=$(cd "$W" && pwd)
ROOT=$W/root

# ok, nok, check, finish, bail, since, in_root, find_debs
. packaging/test/root-lib.sh

: >"$W/host.log"
KVER=$(tools/testing/kver.sh) || bail "no guest kernel (tools/testing/kver.sh)"
KERNEL=/boot/vmlinuz-$KVER
[ -r "$KERNEL" ] || bail "cannot read $KERNEL (run as root)"
find_debs

# --- 1. the root -----------------------------------------------------------
t=$(date +%s)
BASE=$(timeout -k 10 900 packaging/test/debroot.sh 2>>"$W/host.log") ||
	bail "Debian root (see $W/host.log)"
ok "Debian root ready: $BASE"
echo "# timing: Debian root (debootstrap, or the cache) $(since "$t")s"
t=$(date +%s)
rm -rf "$ROOT"
cp -a "$BASE" "$ROOT" || bail "copy of $BASE"
(cd "$ROOT" && find . -xdev | LC_ALL=C sort) >"$W/paths.before"
echo "# timing: copy of the root $(since "$t")s"

# --- 2. install, in the chroot ---------------------------------------------
t=$(date +%s)
mkdir -p "$ROOT/tmp/sipc-debs" "$ROOT/sipc-test/src"
# shellcheck disable=SC2086
cp $debs "$ROOT/tmp/sipc-debs/"
(cd "$ROOT/tmp/sipc-debs" && ls) >"$W/debs.list"
in_root sh -c 'apt-get install -y --no-install-recommends /tmp/sipc-debs/*.deb' \
	>"$W/install.log" 2>&1
rc=$?
rm -rf "$ROOT/tmp/sipc-debs"
[ $rc -eq 0 ] || bail "apt installs the packages (log: $W/install.log)"
ok "apt installs $PKGS ($(since "$t")s, DKMS build included)"

dkms_installed() { in_root dkms status "sipc/$VERSION" -k "$KVER" | grep -q ': installed'; }
check "DKMS built and installed sipc/$VERSION for $KVER" dkms_installed
ko=$ROOT/lib/modules/$KVER/updates/dkms/sipc.ko
check "sipc.ko is in /lib/modules/$KVER/updates/dkms, built for $KVER" \
	sh -c "[ -f '$ko' ] && modinfo -F vermagic '$ko' | grep -q '^$KVER '"
check "the postinst created the system group sipc" grep -q '^sipc:' "$ROOT/etc/group"
check "loading at boot is off by default (modules-load.d/sipc.conf)" \
	sh -c "[ -f '$ROOT/etc/modules-load.d/sipc.conf' ] && ! grep -v '^[[:space:]]*\(#\|\$\)' '$ROOT/etc/modules-load.d/sipc.conf'"
in_store() { in_root semodule -l | grep -qx sipc; }
check "selinux-policy-sipc put sipc in the policy store (semodule -l)" in_store

cp examples/sender.c examples/receiver.c "$ROOT/sipc-test/src/"
# cc_root [-static] OUT SRC: compile in the root, flags from pkg-config.
cc_root() {
	in_root sh -c "cc -Wall -Wextra -Werror -O2 $1 -o /sipc-test/$2 /sipc-test/src/$3 \$(pkg-config ${1:+--static} --cflags --libs sipc)"
}
pc_cflags() { in_root pkg-config --cflags sipc | grep -q -- '-I/usr/include/sipc'; }
check "pkg-config --cflags sipc adds -I/usr/include/sipc" pc_cflags
check "examples/sender.c builds in the root with pkg-config sipc" cc_root "" sender sender.c
check "examples/receiver.c builds in the root with pkg-config sipc" cc_root "" receiver receiver.c
static_sender() {
	cc_root -static sender-static sender.c &&
		! readelf -l "$ROOT/sipc-test/sender-static" | grep -q 'program interpreter'
}
check "a static sender builds with pkg-config --static sipc (libsipc.a)" static_sender
check "the users sipcuser (group sipc) and outsider" in_root sh -c \
	'useradd -M -G sipc sipcuser && useradd -M outsider'

# What the packages installed, for the checks after the purge.
lists=""
for p in $PKGS; do
	in_root sh -c "dpkg -L $p | while read -r f; do [ -d \"\$f\" ] || echo \"\$f\"; done" \
		>"$ROOT/sipc-test/files-$p.list"
	case " $GUEST_PURGE " in *" $p "*) lists="$lists /sipc-test/files-$p.list" ;; esac
done
cat >"$ROOT/sipc-test/config" <<EOF
KVER=$KVER
VERSION=$VERSION
PURGE="$GUEST_PURGE"
LISTS="$lists"
EOF
install -m 0755 packaging/test/guest-test.sh "$ROOT/sipc-test/"
echo "# timing: install and builds in the chroot $(since "$t")s"

# --- 3. the guest ----------------------------------------------------------
t=$(date +%s)
I=$W/initrd.d
rm -rf "$I"
mkdir -p "$I/bin" "$I/modules" "$I/proc" "$I/sys" "$I/dev"
cp /bin/busybox "$I/bin/busybox"
ln -s busybox "$I/bin/sh"		# for /init's #! line
install -m 0755 packaging/test/guest-init.sh "$I/init"
# virtio-pci, 9p over virtio, and what they need, in load order.
modprobe -S "$KVER" -a --show-depends virtio_pci 9pnet_virtio 9p |
	awk '$1 == "insmod" && !seen[$2]++ { print $2 }' | while read -r m; do
	cp "$m" "$I/modules/"
	basename "$m"
done >"$I/modules.order"
(cd "$I" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) | gzip -1 -n >"$W/initrd.gz"

timeout -k 10 "${SIPC_PKG_QEMU_TIMEOUT:-600}" qemu-system-x86_64 -accel tcg -cpu max \
	-m 1024 -smp 2 -nographic -no-reboot -kernel "$KERNEL" -initrd "$W/initrd.gz" \
	-append "console=ttyS0 quiet panic=-1" \
	-virtfs "local,path=$ROOT,mount_tag=sipcroot,security_model=passthrough,id=sipcroot" \
	</dev/null 2>&1 | tr -d '\r' >"$W/console.log"
qrc=${PIPESTATUS[0]}
echo "# timing: guest boot, tests and purge $(since "$t")s (qemu exit $qrc)"
if grep -q '^=== SIPC-GUEST-END rc=' "$W/console.log"; then
	ok "the guest booted the root and powered off"
else
	nok "the guest booted the root and powered off (qemu exit $qrc, log $W/console.log)"
fi
gtap=$ROOT/sipc-test/guest.tap
if [ -f "$gtap" ]; then
	sed -n 's/^\(\(not \)\{0,1\}ok\) [0-9]* - /\1 - guest: /p' "$gtap"
	gn=$(grep -cE '^(not )?ok ' "$gtap")
	n=$((n + gn))
	grep -q '^not ok' "$gtap" && failed=1
	[ "$(grep '^1\.\.' "$gtap")" = "1..$gn" ] || nok "guest: the test ran to its end (log $ROOT/sipc-test/guest.log)"
else
	nok "guest: no results ($W/console.log)"
fi
if grep -E 'Oops|BUG:|WARNING:|Call Trace|Kernel panic' "$W/console.log" | grep -v '^\(not \)\{0,1\}ok '; then
	nok "no kernel splat in the guest log ($W/console.log)"
else
	ok "no kernel splat in the guest log"
fi

# --- 4. the rest of the purge, and what is left -----------------------------
t=$(date +%s)
check "dpkg --purge selinux-policy-sipc" in_root dpkg --purge selinux-policy-sipc
check "semodule -l no longer lists sipc" eval '! in_store'
left=$(while read -r f; do
	if [ -e "$ROOT$f" ] || [ -L "$ROOT$f" ]; then echo "$f"; fi
done <"$ROOT/sipc-test/files-selinux-policy-sipc.list")
[ -z "$left" ] && ok "every file of selinux-policy-sipc is gone" ||
	nok "every file of selinux-policy-sipc is gone; left: $left"
known() { in_root dpkg -l $PKGS 2>/dev/null | grep -q '^[a-z][a-z] '; }
check "no sipc package is known to dpkg any more" eval '! known'

# Expected residue: dpkg's and apt's own records and logs; the system
# group and users (kept on purge, like every package's system group);
# depmod's index files (rewritten, not removed, by dkms remove); the
# SELinux store's rebuilt files; and this test's own directory.
(cd "$ROOT" && find . -xdev | LC_ALL=C sort) >"$W/paths.after"
LC_ALL=C comm -13 "$W/paths.before" "$W/paths.after" | grep -Ev \
	-e '^\./(sipc-test|tmp)(/|$)' \
	-e '^\./var/(lib/dpkg|log|cache)(/|$)' \
	-e '^\./etc/(group|gshadow|passwd|shadow|subuid|subgid)-?$' \
	-e "^\./(usr/)?lib/modules/$KVER/(updates|modules\.[a-z.]+)\$" \
	-e '^\./var/lib/selinux/' -e '^\./etc/selinux/' >"$W/paths.left"
if [ -s "$W/paths.left" ]; then
	nok "nothing else is left in the root after the purge: $(tr '\n' ' ' <"$W/paths.left")"
else
	ok "nothing else is left in the root after the purge"
fi
echo "# timing: purge and checks in the chroot $(since "$t")s"

[ $failed -eq 0 ] && [ "${SIPC_KEEP_ROOT:-0}" != 1 ] && rm -rf "$ROOT"
finish
