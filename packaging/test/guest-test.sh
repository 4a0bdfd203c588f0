#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The guest half of packaging/test/deb-root-test.sh, run as root in the
# Debian root (booted over 9p by guest-init.sh) where the host installed
# the packages: DKMS built sipc.ko for this kernel, the example programs
# were compiled in the root against libsipc-dev with pkg-config, and the
# users sipcuser (in group sipc) and outsider (not) exist.
#
# TAP goes to /sipc-test/guest.tap (the host reads it after power-off) and
# to the console; command output to /sipc-test/guest.log.  Every wait is
# bounded.  /sipc-test/config gives KVER, VERSION, PURGE (the packages
# purged here, with the module loaded and a channel in use) and LISTS (the
# files those packages installed, from dpkg -L on the host).
set -u
export PATH=/usr/sbin:/usr/bin:/sbin:/bin LC_ALL=C
D=/sipc-test

# PID 1 (switch_root from guest-init.sh): set up what a booted Debian
# system has, run the tests, and power off (no init to return to).
if [ $$ -eq 1 ]; then
	mount -t proc proc /proc
	mount -t sysfs sysfs /sys
	mount -t devtmpfs devtmpfs /dev
	mount -t tmpfs tmpfs /run
	mount -t tmpfs tmpfs /tmp
	# dkms uses <(...), which needs /dev/fd.
	ln -s /proc/self/fd /dev/fd
	/bin/sh "$0"
	echo "=== SIPC-GUEST-END rc=$?"
	sync
	echo o >/proc/sysrq-trigger
	# Power-off is asynchronous and PID 1 must never exit (that panics
	# the kernel before it powers down); a sleep can fail once the
	# console is gone, so loop rather than sleep once.
	while :; do sleep 1; done >/dev/null 2>&1
fi
. $D/config
T=$D/guest.tap
L=$D/guest.log
: >"$T"
: >"$L"
n=0

tap() { echo "$1" >>"$T"; echo "$1"; }
ok() { n=$((n + 1)); tap "ok $n - $1"; }
nok() { n=$((n + 1)); tap "not ok $n - $1"; }
# check DESCRIPTION COMMAND...: the command's success is the result.  The
# command may be a function; whatever in it could block runs under timeout.
check() {
	desc=$1; shift
	echo "# [$(cut -d' ' -f1 /proc/uptime)s] $desc: $*" >>"$L"
	if "$@" >>"$L" 2>&1; then ok "$desc"; else nok "$desc"; fi
}
# wait_for SECONDS COMMAND...: poll until the command succeeds, by the
# clock (under TCG each try can take a good part of a second).
uptime_s() { cut -d. -f1 /proc/uptime; }
wait_for() {
	end=$(($(uptime_s) + $1)); shift
	until "$@" >/dev/null 2>&1; do
		[ "$(uptime_s)" -lt $end ] || return 1
		sleep 0.2
	done
}
as_user() { u=$1; shift; timeout 60 runuser -u "$u" -- env SIPC_BACKEND=kernel "$@"; }

# --- the module, as DKMS installed it --------------------------------------
check "depmod finds sipc in /lib/modules/$KVER/updates/dkms" \
	sh -c "[ \"\$(modinfo -k $KVER -n sipc)\" = /lib/modules/$KVER/updates/dkms/sipc.ko ]"
check "systemd-udevd starts" /lib/systemd/systemd-udevd --daemon
check "modprobe sipc" timeout 60 modprobe sipc
check "sipc is loaded" test -d /sys/module/sipc
udevadm settle --timeout=60 >>"$L" 2>&1
perm() { [ "$(stat -c '%G %a' /dev/sipc 2>/dev/null)" = "sipc 660" ]; }
if wait_for 20 perm; then
	ok "udev rule: /dev/sipc is group sipc, mode 0660"
else
	nok "udev rule: /dev/sipc is group sipc, mode 0660 (got: $(stat -c '%U %G %a' /dev/sipc 2>&1))"
fi

# --- the example programs, built against libsipc-dev -----------------------
printf '4: one\n4: two\n6: three\n' >$D/demo.expected
demo() {
	as_user sipcuser sipc-helper --size 4096 demo || return 1
	as_user sipcuser $D/receiver demo >$D/demo.out &
	r=$!
	printf 'one\ntwo\nthree\n' | as_user sipcuser $D/sender demo || return 1
	wait $r || return 1
	cmp $D/demo.expected $D/demo.out
}
check "a member of group sipc sends through /dev/sipc (examples, pkg-config)" demo
check "the channel is the kernel's" sh -c "timeout 30 sipcctl show demo | grep -q '^backend: *kernel'"
check "sipcctl destroy" timeout 30 sipcctl destroy demo
denied() {
	! as_user outsider sipc-helper --size 4096 nope 2>$D/outsider.err &&
		grep -qi 'permission denied' $D/outsider.err
}
check "a user outside group sipc gets EACCES from /dev/sipc" denied

# --- purge, with the module loaded and a channel in use --------------------
check "channel 'live' created" as_user sipcuser sipc-helper --size 4096 live
# (Its own time limit: it has to outlive the purge.)
timeout 600 runuser -u sipcuser -- env SIPC_BACKEND=kernel $D/receiver live \
	>$D/live.out 2>>"$L" &
rx=$!
attached() { timeout 10 sipcctl show live | grep -q '^state:.*receiver'; }
check "a receiver waits on 'live'" wait_for 30 attached
cut -d' ' -f1 /proc/modules | sort >$D/modules.before
check "dpkg --purge $PURGE" timeout 300 dpkg --purge $PURGE
cut -d' ' -f1 /proc/modules | sort >$D/modules.after
check "sipc is still loaded after the purge" test -d /sys/module/sipc
check "no module was unloaded or loaded by the purge" cmp $D/modules.before $D/modules.after
check "/dev/sipc is still there" test -c /dev/sipc
# The static sender needs none of the purged files.
late() {
	printf 'after\n' | as_user sipcuser $D/sender-static live || return 1
	wait $rx || return 1
	[ "$(cat $D/live.out)" = "6: after" ]
}
check "the receiver started before the purge gets a message sent after it" late

gone() {
	left=$(cat $LISTS | while read -r f; do
		if [ -e "$f" ] || [ -L "$f" ]; then echo "$f"; fi
	done)
	[ -z "$left" ] || { echo "left after purge:"; echo "$left"; return 1; }
}
check "every file of the purged packages is gone (dpkg -L)" gone
check "DKMS removed sipc.ko and its tree" sh -c \
	"[ ! -e /lib/modules/$KVER/updates/dkms/sipc.ko ] && [ ! -e /var/lib/dkms/sipc ] && [ ! -e /usr/src/sipc-$VERSION ]"
check "depmod no longer lists sipc" sh -c "! modinfo -k $KVER -n sipc"
check "no sipc package is left" sh -c "! dpkg-query -W -f='\${Status}\n' $PURGE 2>/dev/null | grep -qx 'install ok installed'"

udevadm control --exit >/dev/null 2>&1
echo "1..$n" >>"$T"
echo "1..$n"
