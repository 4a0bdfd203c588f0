#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Build (or find in the cache) the Debian root that boots: the package
# test's root (../debroot.sh) plus Debian's kernel, systemd and setools.
#
#   packaging/test/selinux/selinux-root.sh     prints the root's path
#
# Derived from a copy of ${SIPC_CACHE:-~/.cache/sipc}/debroot (built by
# debroot.sh when missing), kept in $SIPC_CACHE/debpolicy/selinux-root and
# rebuilt when missing or when the base root's stamp or the list below
# changes (stamp file .sipc-selinux-root).  Added: linux-image-$KVER (the
# guest kernel, same version as the headers DKMS builds for) with its
# initramfs, systemd as init, selinux-policy-dev (the devel Makefile of
# policy writers), setools (sesearch for the policy checks),
# python3 and python3-pytest (the Python binding's suite,
# bindings/guest-run.sh --packages); /etc/selinux/config enforcing; the
# audit records on the kernel log (journald's audit socket masked), and the
# timers and services a test boot does not need masked.  The root login on
# the console is set up per run (selinux-bed.sh).  Nothing of
# SIPC's is installed in the cache: the bed works on a copy.
set -eu
cd "$(dirname "$0")/../../.."

die() { echo "selinux-root: $*" >&2; exit 1; }
KVER=$(tools/testing/kver.sh) || exit 1
CACHE=${SIPC_CACHE:-$HOME/.cache/sipc}
D=$CACHE/debpolicy
ROOT=$D/selinux-root
BASE=$(packaging/test/debroot.sh) || die "no base root (packaging/test/debroot.sh)"
PKGS="linux-image-$KVER systemd systemd-sysv selinux-policy-dev setools python3 python3-pytest e2fsprogs"
MASK="apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer e2scrub_reap.service
fstrim.timer man-db.timer dpkg-db-backup.timer systemd-timesyncd.service
systemd-journald-audit.socket getty@tty1.service dkms.service"
STAMP="v1 base=$(cat "$BASE/.sipc-debroot") pkgs=$PKGS mask=$(echo $MASK)"

mkdir -p "$D"
exec 9>"$D/selinux-root.lock"
flock -w 1200 9 || die "timed out waiting for $D/selinux-root.lock"
if [ "$(cat "$ROOT/.sipc-selinux-root" 2>/dev/null)" = "$STAMP" ]; then
	echo "$ROOT"
	exit 0
fi

NEW=$ROOT.new
rm -rf "$NEW"
echo "selinux-root: building $ROOT from $BASE" >&2
start=$(date +%s)
cp -a "$BASE" "$NEW"
rm -f "$NEW/.sipc-debroot"
: >"$D/selinux-root.log"
. packaging/test/root-lib.sh
# shellcheck disable=SC2086
root_apt_install "$NEW" "$D/selinux-root.log" $PKGS ||
	die "installing $PKGS failed (log: $D/selinux-root.log)"
[ -f "$NEW/boot/vmlinuz-$KVER" ] && [ -f "$NEW/boot/initrd.img-$KVER" ] ||
	die "no kernel or initramfs for $KVER in the root (log: $D/selinux-root.log)"

cat >"$NEW/etc/selinux/config" <<EOF
SELINUX=enforcing
SELINUXTYPE=default
EOF
echo '/dev/vda / ext4 rw,errors=remount-ro 0 1' >"$NEW/etc/fstab"
echo sipc-bed >"$NEW/etc/hostname"
: >"$NEW/etc/machine-id"
# shellcheck disable=SC2086
for u in $MASK; do ln -sf /dev/null "$NEW/etc/systemd/system/$u"; done
echo "$STAMP" >"$NEW/.sipc-selinux-root"
rm -rf "$ROOT"
mv "$NEW" "$ROOT"
echo "selinux-root: built in $(($(date +%s) - start))s ($(du -sm "$ROOT" | cut -f1) MB)" >&2
echo "$ROOT"
