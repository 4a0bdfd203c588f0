#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# kmemleak around a guest run (debug kernel; SKIP elsewhere).
#
#   kmemleak.sh start     scan and clear: what leaked before (boot) is
#                         forgotten, so a later report belongs to the run
#   kmemleak.sh report    wait for the minimum object age, scan twice, and
#                         fail with the report if anything new is suspected
#
# TAP on stdout.  Needs CONFIG_DEBUG_KMEMLEAK and debugfs.
set -u
KML=/sys/kernel/debug/kmemleak
mode=${1:-report}

echo "TAP version 13"
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
if [ ! -e $KML ]; then
	echo "1..0 # SKIP no $KML: kernel without CONFIG_DEBUG_KMEMLEAK (the debug kernel has it: make check-debug)"
	exit 4
fi
echo 1..1
# A disabled kmemleak (it turns itself off on an internal error) refuses
# writes: that must not pass as "no leaks".
if ! echo scan >$KML 2>/dev/null; then
	echo "not ok 1 kmemleak $mode: kmemleak is disabled (see dmesg)"
	dmesg | grep -i kmemleak | sed 's/^/# /'
	exit 1
fi
case $mode in
start)
	echo clear >$KML
	echo "ok 1 kmemleak start: scanned and cleared"
	;;
report)
	# Objects younger than 5 s are never reported; free ones need a
	# scan that no longer finds them referenced.  Two scans, 6 s apart.
	sleep 6
	echo scan >$KML
	sleep 1
	echo scan >$KML
	n=$(grep -c '^unreferenced object' $KML)
	if [ "$n" -eq 0 ]; then
		echo "ok 1 kmemleak report: no new suspected leaks"
		echo "# FIGURE kmemleak_leaks=0"
	else
		echo "# FIGURE kmemleak_leaks=$n"
		sed 's/^/# /' $KML | head -200
		echo "not ok 1 kmemleak report: $n suspected leaks"
		exit 1
	fi
	;;
*)
	echo "not ok 1 kmemleak: unknown mode $mode"
	exit 2
	;;
esac
