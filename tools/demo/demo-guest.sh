#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# The `make demo` transcript, run inside the QEMU guest (busybox, root,
# sipc.ko loaded).  It follows the 2007 pattern: a helper creates the
# channel and exits; a sender streams a file through it to a receiver; the
# checksums match; then a receiver tries every way of writing back and is
# refused.  Exits non-zero if any step does not behave.
set -eu
say() { printf '\n$ %s\n' "$*"; }
run() { say "$*"; "$@"; }

echo "== SIPC demo: a one-way channel in the Debian kernel $(uname -r)"
run ls -l /dev/sipc

say "dd if=/dev/urandom of=/tmp/in bs=1M count=8   # the data to send"
dd if=/dev/urandom of=/tmp/in bs=1M count=8 2>/dev/null

echo
echo "-- 1. a short-lived helper creates the channel, then exits"
run sipc-helper --size 1048576 --depth 1 demo
run sipcctl show demo

echo
echo "-- 2. sender streams the file, receiver writes what arrives"
say "sipc-recv demo > /tmp/out &"
sipc-recv demo >/tmp/out &
recv=$!
say "sipc-send demo < /tmp/in"
sipc-send demo </tmp/in
wait "$recv"
say "sha256sum /tmp/in /tmp/out"
sum_in=$(sha256sum </tmp/in | cut -d' ' -f1)
sum_out=$(sha256sum </tmp/out | cut -d' ' -f1)
echo "$sum_in  /tmp/in"
echo "$sum_out  /tmp/out"
if [ "$sum_in" != "$sum_out" ]; then
	echo "checksums DIFFER"
	exit 1
fi
echo "checksums match: $(wc -c </tmp/out) bytes arrived intact"

echo
echo "-- 3. the receiver tries to write back"
run sipc-try-writeback demo

echo
echo "-- 4. the administrator destroys the channel"
run sipcctl destroy demo
run sipcctl list
echo
echo "== demo done"
