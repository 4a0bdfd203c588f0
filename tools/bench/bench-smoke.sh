#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Smoke test of sipc-bench (one TAP line): `--quick` runs, writes a CSV
# with every figure of every backend, each either measured with sane
# values (positive, finite, ratios present) or n/a with a reason; and the
# CSV reads back.  Speed is never judged here.
#
#   tools/bench/bench-smoke.sh BENCH OUTDIR
set -u
BENCH=$1
OUT=$2
mkdir -p "$OUT"
echo "1..1"
name="sipc-bench --quick: runs, every figure sane or n/a with a reason"
fail() { echo "# $*"; echo "not ok 1 $name"; exit 1; }

[ -x "$BENCH" ] || fail "$BENCH not built"
timeout -k 5 60 "$BENCH" --quick --label smoke --csv "$OUT/smoke.csv" \
	>"$OUT/smoke.txt" 2>"$OUT/smoke.err" || {
	sed 's/^/# /' "$OUT/smoke.err" | tail -20
	fail "sipc-bench --quick exited with $?"
}

# Per row: status ok -> the test's own figure > 0 and finite, and the
# ratio columns present where they apply; n/a -> a reason.  Tests and
# the backends always present on Linux must all be there and measured.
awk -F, '
	/^#/ || /^test,/ { next }
	function pos(v) { return v != "" && v + 0 > 0 && v !~ /nan|inf/ }
	{
		n[$1]++
		if ($4 == "n/a") { if ($17 == "") bad = bad " " $1 "/" $2 ":no-reason"; next }
		if ($4 != "ok") { bad = bad " " $1 "/" $2 ":status"; next }
		ok[$1 "/" $2]++
		if ($1 == "tput" && !(pos($6) && pos($7) && pos($15))) bad = bad " " $1 "/" $2 "/" $3
		if ($1 == "tput" && $2 != "memcpy" && !pos($16)) bad = bad " " $1 "/" $2 "/" $3 ":x_pipe"
		if ($1 == "agg" && !(pos($6) && pos($15))) bad = bad " agg/" $2 "/" $3
		if ($1 == "lat" && !(pos($8) && pos($9) && $9 + 0 >= $8 + 0)) bad = bad " lat/" $2
		if ($1 == "create" && !pos($10)) bad = bad " create/" $2
		if ($1 == "mem" && ($11 == "" || $11 ~ /nan|inf/)) bad = bad " mem/" $2
	}
	END {
		if (n["tput"] != 60) bad = bad " tput-rows=" n["tput"]
		if (n["lat"] != 10 || n["agg"] != 44 || n["create"] != 10 || n["mem"] != 10)
			bad = bad " rows:" n["lat"] "/" n["agg"] "/" n["create"] "/" n["mem"]
		split("memcpy read-pass pipe unix-stream", must, " ")
		for (i in must) if (ok["tput/" must[i]] != 5) bad = bad " missing:" must[i]
		if (ok["lat/pipe"] != 1) bad = bad " missing:lat/pipe"
		if (bad != "") { print "# bad:" bad; exit 1 }
	}' "$OUT/smoke.csv" || fail "implausible figures in $OUT/smoke.csv"

# The table is printed, n/a rows carry their reason, the CSV reads back.
grep -q "^Throughput, 1 MiB messages" "$OUT/smoke.txt" || fail "no throughput table"
if grep -q "n/a ()" "$OUT/smoke.txt"; then fail "an n/a row without a reason"; fi
"$BENCH" --report "$OUT/smoke.csv" >"$OUT/report.txt" 2>&1 || fail "--report failed"
cmp -s "$OUT/smoke.txt" "$OUT/report.txt" || fail "--report of the CSV differs from the run's table"
echo "ok 1 $name"
