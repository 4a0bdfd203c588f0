#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# SIPC on a real enforcing Debian system: Debian 12 with the reference
# policy, booted with systemd on Debian's kernel in QEMU (TCG).  Prints TAP.
#
#   packaging/test/selinux/selinux-bed.sh      (after make -C packaging deb)
#
# 1. A copy of the cached bootable root (selinux-root.sh: the package
#    test's debootstrapped root plus linux-image, systemd, setools).
# 2. In its chroot, natively (semodule takes ~15 s here, minutes under
#    TCG): apt installs the five .debs as the README says (DKMS builds
#    sipc.ko); the test program sipct is built with pkg-config sipc; the
#    test modules sipctest.te and sipcuser.te are built with the devel
#    Makefile against the installed sipc.if and installed with semodule -i,
#    exactly the recipe of Documentation/selinux.md; device-xperm.py checks
#    the linked policy with setools; setfiles labels the whole root.
# 3. An ext4 image of the root (mkfs.ext4 -d keeps the labels), booted
#    enforcing; root's login on the serial console runs selinux-guest.sh.
# 4. Its TAP is read back from the image (debugfs).
#
# Environment: SIPC_SEBED_WORK [build/selinux-bed]; SIPC_DEB_DIR
# [build/deb]; SIPC_SEBED_QEMU_TIMEOUT [900] s; SIPC_SEBED_BINDINGS [.] the
# tree whose bindings/guest-run.sh runs the binding suite; SIPC_KEEP_ROOT=1 keeps the
# root and the image; SIPC_CACHE (selinux-root.sh, debroot.sh).
set -u
cd "$(dirname "$0")/../../.." || exit 1

W=${SIPC_SEBED_WORK:-build/selinux-bed}
DEBS=${SIPC_DEB_DIR:-build/deb}
VERSION=$(sed -n 's/^VERSION := *//p' lib/Makefile)
PKGS="sipc-dkms libsipc1 libsipc-dev sipc-tools selinux-policy-sipc"
S=packaging/test/selinux
mkdir -p "$W"
W=$(cd "$W" && pwd)
ROOT=$W/root
IMG=$W/root.img

# ok, nok, check, finish, bail, since, in_root, find_debs
. packaging/test/root-lib.sh

: >"$W/host.log"
KVER=$(tools/testing/kver.sh) || bail "no guest kernel (tools/testing/kver.sh)"
find_debs

# --- 1. the root -----------------------------------------------------------
t=$(date +%s)
BASE=$(timeout -k 10 1500 $S/selinux-root.sh 2>>"$W/host.log") ||
	bail "bootable Debian root (see $W/host.log)"
ok "bootable Debian root ready: $BASE"
echo "# timing: bootable root (debootstrap and derivation, or the cache) $(since "$t")s"
t=$(date +%s)
rm -rf "$ROOT" "$IMG"
cp -a "$BASE" "$ROOT" || bail "copy of $BASE"
echo "# timing: copy of the root $(since "$t")s"

# --- 2. install and prepare, in the chroot ----------------------------------
t=$(date +%s)
mkdir -p "$ROOT/tmp/sipc-debs" "$ROOT/sipc-test/bin" "$ROOT/sipc-test/src" "$ROOT/sipc-test/policy"
# shellcheck disable=SC2086
cp $debs "$ROOT/tmp/sipc-debs/"
in_root sh -c 'apt-get install -y --no-install-recommends /tmp/sipc-debs/*.deb' \
	>"$W/install.log" 2>&1
rc=$?
rm -rf "$ROOT/tmp/sipc-debs"
[ $rc -eq 0 ] || bail "apt installs the packages (log: $W/install.log)"
ok "apt installs $PKGS (DKMS build included)"
check "DKMS built sipc.ko for $KVER" test -f "$ROOT/lib/modules/$KVER/updates/dkms/sipc.ko"
check "selinux-policy-sipc installed sipc.if for the devel Makefile" \
	test -f "$ROOT/usr/share/selinux/devel/include/contrib/sipc.if"
echo "# timing: install in the chroot $(since "$t")s"

t=$(date +%s)
cp $S/sipct.c "$ROOT/sipc-test/src/"
build_sipct() {
	in_root sh -c 'cc -Wall -Wextra -Werror -O2 -o /sipc-test/bin/sipct /sipc-test/src/sipct.c $(pkg-config --cflags --libs sipc)' &&
		for d in helper other sender receiver nogrant; do
			cp "$ROOT/sipc-test/bin/sipct" "$ROOT/sipc-test/bin/sipct-$d" || return 1
		done
}
check "the test program builds with pkg-config sipc" build_sipct
# The policy writer's recipe (Documentation/selinux.md), as written there.
cp $S/sipctest.te $S/sipctest.fc $S/sipcuser.te "$ROOT/sipc-test/policy/"
check "the test modules build with the devel Makefile from the installed sipc.if" \
	in_root sh -c 'cd /sipc-test/policy && make -f /usr/share/selinux/devel/Makefile sipctest.pp sipcuser.pp'
check "semodule -i sipctest.pp sipcuser.pp" \
	in_root sh -c 'cd /sipc-test/policy && semodule -i sipctest.pp sipcuser.pp'
echo "# timing: test modules $(since "$t")s"
cp policy/tests/device-xperm.py "$ROOT/sipc-test/"
in_root python3 /sipc-test/device-xperm.py /etc/selinux/default/policy/policy.33 >"$W/device-xperm.tap" 2>>"$W/host.log"
xrc=$?
sed -n 's/^\(\(not \)\{0,1\}ok\) [0-9]* - /\1 - linked policy: /p' "$W/device-xperm.tap"
xn=$(grep -cE '^(not )?ok ' "$W/device-xperm.tap")
n=$((n + xn))
if grep -q '^not ok' "$W/device-xperm.tap"; then
	failed=1
elif [ $xrc -ne 0 ] || [ "$xn" -eq 0 ]; then
	nok "device-xperm.py on the linked policy (exit $xrc, $xn results)"
fi

# The Python binding suite, if the tree (or SIPC_SEBED_BINDINGS, another
# checkout) has its guest runner.
BT=${SIPC_SEBED_BINDINGS:-.}
if [ -f "$BT/bindings/guest-run.sh" ]; then
	check "bindings/guest-run.sh --copy-to the root" \
		sh -c "cd '$BT' && bindings/guest-run.sh --copy-to '$ROOT/sipc-test/src'"
fi
install -m 0755 $S/selinux-guest.sh "$ROOT/sipc-test/"
# Root logged in on the serial console, so that the guest script runs as
# unconfined root, as after a login (getty_t, local_login_t, pam_selinux,
# unconfined_t).  Not serial-getty@ttyS0: it waits for udev to announce
# dev-ttyS0.device, which timed out (90 s) on a loaded machine; the node
# is in devtmpfs from the start.
ln -sf /dev/null "$ROOT/etc/systemd/system/serial-getty@ttyS0.service"
install -m 0644 $S/sipc-console.service "$ROOT/etc/systemd/system/"
ln -sf ../sipc-console.service "$ROOT/etc/systemd/system/multi-user.target.wants/sipc-console.service"
grep -q selinux-guest.sh "$ROOT/root/.profile" || cat >>"$ROOT/root/.profile" <<'EOF'
# The SIPC test bed: run the guest script once, on the serial console.
if [ "$(tty)" = /dev/ttyS0 ] && [ -x /sipc-test/selinux-guest.sh ] && [ ! -e /sipc-test/started ]; then
	: >/sipc-test/started
	/sipc-test/selinux-guest.sh
fi
EOF
cat >"$ROOT/sipc-test/config" <<EOF
KVER=$KVER
VERSION=$VERSION
EOF
t=$(date +%s)
check "setfiles labels the root" in_root setfiles -F -e /proc -e /dev -e /sys \
	/etc/selinux/default/contexts/files/file_contexts /
echo "# timing: setfiles $(since "$t")s"

# --- 3. the image and the boot -----------------------------------------------
t=$(date +%s)
size=$(($(du -sm "$ROOT" | cut -f1) + 1024))
check "an ext4 image of the root (${size} MB)" sh -c "truncate -s ${size}M '$IMG' &&
	mkfs.ext4 -q -F -L sipcbed -d '$ROOT' '$IMG'"
echo "# timing: image $(since "$t")s"
t=$(date +%s)
timeout -k 10 "${SIPC_SEBED_QEMU_TIMEOUT:-900}" qemu-system-x86_64 -accel tcg -cpu max \
	-m 1536 -smp 2 -nographic -no-reboot \
	-kernel "$ROOT/boot/vmlinuz-$KVER" -initrd "$ROOT/boot/initrd.img-$KVER" \
	-append "root=/dev/vda rw console=ttyS0 quiet panic=-1 security=selinux selinux=1 enforcing=1" \
	-drive "file=$IMG,format=raw,if=virtio" </dev/null 2>&1 | sed -u 's/\r$//' >"$W/console.log"
qrc=${PIPESTATUS[0]}
echo "# timing: boot, tests, poweroff $(since "$t")s (qemu exit $qrc)"
if grep -q '^=== SIPC-SELINUX-END' "$W/console.log"; then
	ok "the guest booted enforcing, ran the tests and powered off"
else
	nok "the guest booted enforcing, ran the tests and powered off (qemu exit $qrc, log $W/console.log)"
fi

# --- 4. the results ---------------------------------------------------------
debugfs -R "cat /sipc-test/selinux.tap" "$IMG" >"$W/guest.tap" 2>/dev/null
debugfs -R "cat /sipc-test/selinux-guest.log" "$IMG" >"$W/guest.log" 2>/dev/null
if [ -s "$W/guest.tap" ]; then
	sed -n 's/^\(\(not \)\{0,1\}ok\) [0-9]* - /\1 - guest: /p' "$W/guest.tap"
	gn=$(grep -cE '^(not )?ok ' "$W/guest.tap")
	n=$((n + gn))
	grep -q '^not ok' "$W/guest.tap" && failed=1
	[ "$(grep '^1\.\.' "$W/guest.tap")" = "1..$gn" ] ||
		nok "guest: the tests ran to their end (log $W/guest.log)"
else
	nok "guest: no results (console: $W/console.log)"
fi
if grep -E 'Oops|BUG:|WARNING:|Call Trace|Kernel panic' "$W/console.log" | grep -v '^\(not \)\{0,1\}ok '; then
	nok "no kernel splat in the guest log ($W/console.log)"
else
	ok "no kernel splat in the guest log"
fi
[ $failed -eq 0 ] && [ "${SIPC_KEEP_ROOT:-0}" != 1 ] && rm -rf "$ROOT" "$IMG"
finish
