#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The `make demo` transcript, run inside the QEMU guest (busybox, root,
# sipc.ko loaded, the kernel booted with SELinux).  It loads the demo's
# policy (tools/demo/demo.te, built from the module's own interfaces) and
# enforces it, then follows the 2007 pattern in confined domains: a helper
# creates the channel and exits, a sender streams a file through it to a
# receiver, the checksums match.  Then what no other IPC does: the
# channel carries its own SELinux label; a receiver that tries to write
# back is refused by the policy, which names the ioctl in its AVC line;
# and a policy change (a boolean) takes a receiver's mapped memory away
# while it reads it: SIGBUS, and the sender is told nothing.  Exits
# non-zero if any step does not behave.
set -eu
say() { printf '\n$ %s\n' "$*"; }
run() { say "$*"; "$@"; }
fail() { echo "DEMO FAILED: $*"; exit 1; }
# as TYPE CMD...: run CMD in domain TYPE (a dynamic transition of the
# subshell, then exec), as the demo policy lets the unconfined admin do.
# In the background, "(ctx TYPE && exec CMD) &", so that $! is CMD's pid.
ctx() { printf %s "user_u:base_r:$1" >/proc/self/attr/current; }
as() {
	t=$1; shift
	(ctx "$t" && exec "$@")
}
# wait_line FILE TEXT: until FILE holds TEXT (10 s at most).
wait_line() {
	i=0
	until grep -q "$2" "$1" 2>/dev/null; do
		i=$((i + 1))
		[ $i -lt 100 ] || fail "no '$2' in $1: $(cat "$1")"
		sleep 0.1
	done
}
# avc CMD: the AVC denial naming ioctl command CMD, without the audit prefix.
avc() { dmesg | grep 'avc:  denied' | grep "ioctlcmd=$1 " | sed 's/.*avc:/avc:/' | tail -n 1; }

echo "== SIPC demo: a one-way channel under enforcing SELinux, Debian kernel $(uname -r)"

echo
echo "-- 0. the policy: demo.te gives a helper, a sender and a receiver one interface each"
say "dd if=/etc/sipc/demo.33 of=/sys/fs/selinux/load; echo 1 >/sys/fs/selinux/enforce"
dd if=/etc/sipc/demo.33 of=/sys/fs/selinux/load bs=4M 2>/dev/null || fail "policy load"
echo 1 >/sys/fs/selinux/enforce
echo "enforcing: $(cat /sys/fs/selinux/enforce)"
# Loaded before the policy, the node was never labelled: have it made again.
{ rmmod sipc && insmod "$SIPC_KO"; } || fail "reload of sipc.ko"
dd if=/dev/urandom of=/tmp/in bs=1M count=8 2>/dev/null

echo
echo "-- 1. a short-lived helper (demo_helper_t) creates the channel, then exits"
say "sipc-helper --size 1048576 --depth 2 demo        # as demo_helper_t"
as demo_helper_t sipc-helper --size 1048576 --depth 2 demo
run sipcctl show demo
sipcctl show demo | grep -q '^label: .*:demo_helper_t' ||
	fail "the channel is not labelled demo_helper_t"
echo "the channel's own label is its creator's type: the policy decides who may use it"

echo
echo "-- 2. the sender (demo_sender_t) streams a file, the receiver (demo_receiver_t) writes what arrives"
say "sipc-recv demo > /tmp/out &      # as demo_receiver_t"
(ctx demo_receiver_t && exec sipc-recv demo) >/tmp/out &
recv=$!
say "sipc-send demo < /tmp/in         # as demo_sender_t"
as demo_sender_t sipc-send demo </tmp/in
wait "$recv" || fail "sipc-recv failed"
say "sha256sum /tmp/in /tmp/out"
sum_in=$(sha256sum </tmp/in | cut -d' ' -f1)
sum_out=$(sha256sum </tmp/out | cut -d' ' -f1)
echo "$sum_in  /tmp/in"
echo "$sum_out  /tmp/out"
[ "$sum_in" = "$sum_out" ] || fail "checksums DIFFER"
echo "checksums match: $(wc -c </tmp/out) bytes arrived intact"

echo
echo "-- 3. the receiver tries to write back"
say "sipc-try-writeback demo          # as demo_receiver_t"
as demo_receiver_t sipc-try-writeback demo || fail "a write-back route is open"
send_avc=$(avc 0xbd20)
say "dmesg | grep 'avc:  denied' | grep ioctlcmd=0xbd20    # SIPC_IOC_SEND"
[ -n "$send_avc" ] || fail "no AVC denial of SIPC_IOC_SEND (ioctlcmd=0xbd20)"
echo "$send_avc"
echo "$send_avc" | grep -q 'scontext=[^ ]*:demo_receiver_t .*tclass=anon_inode' ||
	fail "the AVC line does not name the receiver and the channel"
echo "the policy refused SIPC_IOC_SEND on the receiver's endpoint before the module saw it"

echo
echo "-- 4. a policy change takes the receiver's memory while it is mapped"
# The sender first: a receiver alone on a channel whose last sender
# left gets EPIPE, not a wait.
say "sipc-demo-peer sender demo &     # as demo_sender_t: map, send, wait"
(ctx demo_sender_t && exec sipc-demo-peer sender demo) >/tmp/sender.out 2>&1 &
sender=$!
wait_line /tmp/sender.out "sender: sent"
cat /tmp/sender.out
say "sipc-demo-peer reader demo &     # as demo_receiver_t: map, take the message, read in a loop"
(ctx demo_receiver_t && exec sipc-demo-peer reader demo) >/tmp/reader.out 2>&1 &
reader=$!
wait_line /tmp/reader.out "reading its mapping"
cat /tmp/reader.out
say "setsebool demo_receiver_reads 0  # the administrator changes the policy"
echo 0 >/sys/fs/selinux/booleans/demo_receiver_reads
echo 1 >/sys/fs/selinux/commit_pending_bools
rc=0
wait "$reader" || rc=$?
tail -n 1 /tmp/reader.out
[ $rc -eq 0 ] || fail "the receiver kept its memory (exit $rc)"
say "kill -USR1 <sender>              # the sender goes on"
kill -USR1 "$sender"
rc=0
wait "$sender" || rc=$?
tail -n 1 /tmp/sender.out
[ $rc -eq 0 ] || fail "the sender was disturbed (exit $rc)"
say "sipcctl show demo | grep -E '^(attached|state|queued)'"
sipcctl show demo | grep -E '^(attached|state|queued)'
echo "the receiver lost its memory; the sender was not told (no error, no signal), its message waits"
echo 1 >/sys/fs/selinux/booleans/demo_receiver_reads
echo 1 >/sys/fs/selinux/commit_pending_bools

echo
echo "-- 5. the administrator destroys the channel"
run sipcctl destroy demo
run sipcctl list
echo
echo "== demo done"
