#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# /init of the SIPC QEMU guest (packed by tools/testing/mkinitramfs.sh).
#
# Runs as pid 1 under busybox.  It prepares a minimal system, loads sipc.ko,
# runs either the test list or a payload script, dumps dmesg and powers off.
# Everything it prints goes to the serial console, which tools/testing/qemu-run.sh
# records and parses, so the marker lines below are an interface:
#
#   === SIPC-INSMOD rc=<rc>
#   === SIPC-BEGIN <name>: <command>
#   [  t.tttttt] === SIPC-KMSG-BEGIN <name>     (kernel log, via /dev/kmsg)
#   [  t.tttttt] === SIPC-KMSG-END <name>
#   === SIPC-END <name> rc=<rc> secs=<s>[ timeout]
#   === SIPC-PAYLOAD-BEGIN / === SIPC-PAYLOAD-END rc=<rc> secs=<s>[ timeout]
#   === SIPC-DMESG-BEGIN / === SIPC-DMESG-END
#   === SIPC-DONE                 (last line before power-off: a clean end)
#
# No `set -e`: pid 1 must never exit (that panics the kernel), and a failing
# step must still be reported, not abort the run.

export PATH=/bin:/sbin:/usr/bin:/usr/sbin HOME=/root TMPDIR=/tmp
/bin/busybox --install -s

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# The cpio carries no device nodes (so it can be packed without root); now
# that devtmpfs is up, make sure our stdio really is the console.
exec </dev/console >/dev/console 2>&1
# Start on a fresh line: the firmware leaves terminal escapes on the current one.
echo
mount -t tmpfs tmpfs /tmp
mkdir -p /dev/shm && mount -t tmpfs tmpfs /dev/shm	# shm_open() needs it
# For the SELinux tests: the kernel has these filesystems, mounting them here
# saves every test the boilerplate.  Failure is harmless (e.g. selinux=0).
mount -t securityfs securityfs /sys/kernel/security 2>/dev/null
mount -t selinuxfs selinuxfs /sys/fs/selinux 2>/dev/null
# AVC denials are printk'd and silently rate-limited otherwise.
echo 0 >/proc/sys/kernel/printk_ratelimit
# cgroup v2 with the memory controller for sipc-memcg
# (tools/testing/memcg-check.sh); a kernel without it makes that a SKIP.
mkdir -p /sys/fs/cgroup
mount -t cgroup2 cgroup2 /sys/fs/cgroup 2>/dev/null &&
	echo +memory >/sys/fs/cgroup/cgroup.subtree_control 2>/dev/null
# Writes to /dev/kmsg (the test markers below) must never be dropped.
echo on >/proc/sys/kernel/printk_devkmsg 2>/dev/null

# Written by mkinitramfs.sh: SIPC_MODE (tests|payload), SIPC_TEST_TIMEOUT.
SIPC_MODE=tests
SIPC_TEST_TIMEOUT=300
# shellcheck disable=SC1091
[ -r /etc/sipc/config ] && . /etc/sipc/config

export SIPC_KO=/lib/sipc/sipc.ko
insmod "$SIPC_KO"
echo "=== SIPC-INSMOD rc=$?"

uptime_s() { read -r up _ </proc/uptime; echo "${up%%.*}"; }

# kmark WHAT NAME: a marker in the kernel log itself, ordered with the
# kernel's own messages (the console echo above it is not: printk output
# and a process's writes reach the serial port by different paths).  The
# judge (tools/testing/judge.py) pins a splat between SIPC-KMSG-BEGIN and
# SIPC-KMSG-END of a test on that test.  Level 4 (warning): shown on the
# console at loglevel=5 (tools/testing/qemu-run.sh).
kmark() {
	echo "<4>=== SIPC-KMSG-$1 $2" >/dev/kmsg 2>/dev/null
}

# run LIMIT CMD: run one shell command with a time limit, print the secs and
# timeout suffix for the end marker, return its exit code.
run() {
	t0=$(uptime_s)
	# stdin from /dev/null: a test must not read the console.
	timeout "$1" sh -c "$2" </dev/null
	rc=$?
	secs=$(($(uptime_s) - t0))
	how=""
	# busybox timeout kills with SIGTERM: 143.  Tell a time-out apart from a
	# test that died of SIGTERM by the elapsed time.
	[ "$rc" -eq 143 ] && [ "$secs" -ge "$1" ] && how=" timeout"
	# Leftovers (forked children of a killed test) must not disturb the next
	# command: kill(-1) from pid 1 reaches every process but init.
	kill -9 -1 2>/dev/null
	return "$rc"
}

case "$SIPC_MODE" in
payload)
	echo "=== SIPC-PAYLOAD-BEGIN"
	run "$SIPC_TEST_TIMEOUT" "sh /etc/sipc/payload.sh"
	echo "=== SIPC-PAYLOAD-END rc=$? secs=$secs$how"
	;;
*)
	# Each line: "<name> <command>"; names were made unique on the host.
	while read -r name cmd; do
		echo "=== SIPC-BEGIN $name: $cmd"
		kmark BEGIN "$name"
		run "$SIPC_TEST_TIMEOUT" "$cmd"
		rc=$?
		kmark END "$name"
		echo "=== SIPC-END $name rc=$rc secs=$secs$how"
	done </etc/sipc/tests.list
	;;
esac

echo "=== SIPC-DMESG-BEGIN"
dmesg
echo "=== SIPC-DMESG-END"
echo "=== SIPC-DONE"
# The Debian kernel powers off through ACPI; a kernel without ACPI would
# only halt on poweroff, so reboot instead (qemu runs with -no-reboot).
if [ -d /sys/firmware/acpi ]; then poweroff -f; else reboot -f; fi
sleep 1000
