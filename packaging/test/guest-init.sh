#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# /init of the package test's small initramfs (packaging/test/
# deb-root-test.sh packs it): static busybox, the Debian kernel's virtio
# and 9p modules listed in /modules.order.  It mounts the Debian root that
# the host shares over 9p (mount tag sipcroot)
# and runs /sipc-test/guest-test.sh there as PID 1 (switch_root), which
# mounts what it needs and powers off.  busybox stays outside the root:
# the root under test holds only what Debian and the packages put there.
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev

while read -r m; do
	insmod "/modules/$m" || echo "init: insmod $m failed"
done </modules.order

R=/newroot
mkdir -p $R
# msize: the 8 KiB default makes every file operation many round trips.
if mount -t 9p -o trans=virtio,version=9p2000.L,msize=512000,cache=loose \
		sipcroot $R; then
	umount /proc /sys /dev
	echo "=== SIPC-GUEST-BEGIN"
	# The root's own programs see a booted system, not a chroot (udevadm
	# ignores most requests in a chroot).
	exec switch_root $R /bin/sh /sipc-test/guest-test.sh
fi
echo "=== SIPC-GUEST-END no root: 9p mount failed"
poweroff -f
