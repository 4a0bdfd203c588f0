#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# sipc-bench inside the QEMU guest: the payload tools/bench/bench.sh packs
# with tools/testing/mkinitramfs.sh -p (run by busybox sh, as root, sipc.ko
# loaded).  Two runs: unpinned (every test), then with both peers on one
# CPU (throughput and latency; the other tests do not depend on it).
# Each run's CSV is printed between markers for the host to extract:
#
#   === BENCH-CSV-BEGIN <none|same>  ...  === BENCH-CSV-END <none|same>
#
# Then sipc-callcost.  Extra sipc-bench options come from
# /etc/sipc-bench.args (BENCH_ARGS).
ARGS=$(cat /etc/sipc-bench.args 2>/dev/null)
LABEL="guest (TCG, comparable only with each other)"
rc=0
for pin in none same; do
	case $pin in
	none) what="unpinned"; tests="" ;;
	*) what="both peers on one CPU"; tests="--tests tput,lat" ;;
	esac
	echo "=== BENCH-RUN $pin"
	# shellcheck disable=SC2086
	sipc-bench $ARGS $tests --pin $pin --label "$LABEL, $what" \
		--csv /tmp/bench-$pin.csv >/tmp/bench-$pin.txt || rc=1
	echo "=== BENCH-CSV-BEGIN $pin"
	cat /tmp/bench-$pin.csv
	echo "=== BENCH-CSV-END $pin"
done
# What one message's system calls cost, with no scheduling at all.
sipc-callcost || rc=1
exit $rc
