#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Check expanded policy statements (m4 output) for the ioctl trap: a rule
# "allow S T:C { ... ioctl ... }" with no "allowxperm S T:C ioctl ..." for
# the same source, target and class allows every ioctl command.  Looks at
# /dev/sipc (T sipc_device_t) and every anon_inode target (channels).
#
#   xperm-lint.sh FILE...      exit 1 and a list of the holes, if any
#
# Handles what sipc.if writes: one statement per line, single source and
# target types (no sets, no attributes, no "self").
set -eu

awk '
	{ sub(/#.*/, "") }
	$1 == "allowxperm" && $4 == "ioctl" {
		xp[$2 " " $3] = 1
		next
	}
	$1 == "allow" {
		split($3, tc, ":")
		if (tc[1] != "sipc_device_t" && tc[2] != "anon_inode")
			next
		if ($0 !~ /[{ ]ioctl[ };]/ && $0 !~ /:[a-z_]+ \*;/)
			next
		if ($2 ~ /^[{]/ || $3 ~ /^[{]/) {
			print FILENAME ": cannot check a set: " $0
			bad = 1
			next
		}
		key = $2 " " $3
		need[key] = FILENAME ": " $0
	}
	END {
		for (k in need)
			if (!(k in xp)) {
				print "ioctl allowed with no allowxperm rule (every command allowed): " need[k]
				bad = 1
			}
		exit bad
	}' "$@"
