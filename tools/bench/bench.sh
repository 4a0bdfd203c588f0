#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# `make bench`: sipc-bench on the host (sysv backend and baselines; the
# kernel backend is n/a there), then in the QEMU guest (every backend),
# unpinned and pinned; prints the tables labelled "host" and "guest" and
# leaves CSV, PNG and logs in OUT.
#
#   tools/bench/bench.sh [OUT]      default build/bench; run by `make bench`
#
# Environment: BENCH_ARGS sipc-bench options for every run (default
# "--repeat 5 --time 0.3": five interleaved rounds per group of figures,
# median kept, because shared machines and TCG are noisy; --quick for a
# fast look);
# BENCH_HOST=0 / BENCH_GUEST=0 skip a side.  Guest files are private to
# OUT (image, console log, transcript).  About 10 minutes in all.
set -eu
cd "$(dirname "$0")/../.."
OUT=${1:-build/bench}
BENCH=$OUT/sipc-bench
ARGS=${BENCH_ARGS---repeat 5 --time 0.3}
rc=0

die() { echo "bench: $*" >&2; exit 1; }
[ -x "$BENCH" ] || die "$BENCH not built (make -C tools/bench)"
mkdir -p "$OUT"

# The host's load: guest vCPUs are host threads, so it colours every figure.
load() { cut -d' ' -f1-3 /proc/loadavg; }

if [ "${BENCH_HOST:-1}" != 0 ]; then
	echo "bench: host run" >&2
	host_load="host load average before: $(load)"
	# shellcheck disable=SC2086
	"$BENCH" $ARGS --label "host" --csv "$OUT/host.csv" --png "$OUT/host.png" \
		>"$OUT/host.txt" || rc=1
	host_load="$host_load, after: $(load)"
fi

if [ "${BENCH_GUEST:-1}" != 0 ]; then
	[ -x "$OUT/static/sipc-bench" ] || die "$OUT/static/sipc-bench not built"
	root=$OUT/guest-root
	rm -rf "$root" "$OUT/guest.csv" "$OUT/guest-pinned.csv"
	mkdir -p "$root/bin" "$root/etc"
	install -m 0755 "$OUT/static/sipc-bench" "$OUT/static/sipc-callcost" "$root/bin/"
	printf '%s\n' "$ARGS" >"$root/etc/sipc-bench.args"
	SIPC_GUEST_DIR=$root SIPC_GUEST_LISTS=/dev/null SIPC_TEST_TIMEOUT=2400 \
		tools/testing/mkinitramfs.sh -o "$OUT/initramfs.gz" -p tools/bench/bench-guest.sh
	echo "bench: guest run (TCG; several minutes)" >&2
	guest_load="host load average before: $(load)"
	# Progress lines live; the whole transcript is kept.
	{ tools/testing/qemu-run.sh --demo --initrd "$OUT/initramfs.gz" \
		--log "$OUT/guest-console.log" --timeout 2700; echo $? >"$OUT/.qemu-rc"; } |
		tee "$OUT/guest-transcript.txt" |
		sed -u -n 's/^sipc-bench: /bench: guest: /p' >&2
	guest_load="$guest_load, after: $(load)"
	echo "$guest_load" >"$OUT/guest-load.txt"
	[ "$(cat "$OUT/.qemu-rc")" = 0 ] || { echo "bench: the guest run failed" >&2; rc=1; }
	for pin in none same; do
		f=$OUT/guest.csv
		[ $pin = none ] || f=$OUT/guest-pinned.csv
		awk -v p="$pin" '$0 == "=== BENCH-CSV-END " p { on = 0 }
			on { print } $0 == "=== BENCH-CSV-BEGIN " p { on = 1 }' \
			"$OUT/guest-transcript.txt" >"$f"
		[ -s "$f" ] || { echo "bench: no guest CSV for pin=$pin" >&2; rc=1; }
	done
fi

# The tables, last, so they are what the terminal shows.
if [ -s "$OUT/host.csv" ] && [ "${BENCH_HOST:-1}" != 0 ]; then
	echo
	echo "=============================== host ==============================="
	echo "($host_load)"
	cat "$OUT/host.txt"
fi
for f in guest guest-pinned; do
	[ -s "$OUT/$f.csv" ] || continue
	echo
	echo "============ guest (TCG, comparable only with each other) ============"
	[ -s "$OUT/guest-load.txt" ] && echo "($(cat "$OUT/guest-load.txt"))"
	"$BENCH" --report "$OUT/$f.csv" --png "$OUT/$f.png" --json "$OUT/$f.json" || rc=1
done
if [ -s "$OUT/guest-transcript.txt" ] && [ "${BENCH_GUEST:-1}" != 0 ]; then
	echo
	echo "guest, one 64 B message's system calls with no scheduling (sipc-callcost):"
	grep '^sipc-callcost:' "$OUT/guest-transcript.txt" || rc=1
fi
echo
echo "bench: CSV, PNG and logs in $OUT" >&2
exit $rc
