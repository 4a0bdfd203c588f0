#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Count TAP results.
#
#   tools/testing/tap-summary.sh [FILE|DIR]...     (default: build/results)
#
# Only unindented "ok" / "not ok" lines count (kselftest prints flat TAP;
# nested KTAP subtests are indented, their parent line carries the verdict).
# "ok ... # SKIP" is skipped, never passed; "not ok" is failed whatever its
# directive.  Prints one line per file with failures (and the failing lines),
# then, as the very last line:
#     N passed, N failed[, N skipped]
# Exit status 1 when anything failed or nothing ran (no pass and no fail).
set -eu

[ $# -gt 0 ] || set -- build/results
files=""
for a in "$@"; do
	if [ -d "$a" ]; then
		for f in "$a"/*.tap; do [ -f "$f" ] && files="$files $f"; done
	elif [ -f "$a" ]; then
		files="$files $a"
	fi
done

# shellcheck disable=SC2086
awk '
	FNR == 1 { file = FILENAME; sub(/.*\//, "", file) }
	/^ok([ \t]|$)/ {
		if ($0 ~ /#[ \t]*[Ss][Kk][Ii][Pp]/) skip++; else pass++
		next
	}
	/^not ok([ \t]|$)/ {
		fail++
		if (!(file in shown)) { shown[file] = 1; print "FAIL " file }
		print "  " $0
	}
	END {
		s = pass + 0 " passed, " fail + 0 " failed"
		if (skip) s = s ", " skip " skipped"
		print s
		exit (fail > 0 || pass + fail == 0) ? 1 : 0
	}' /dev/null $files
