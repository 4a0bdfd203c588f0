#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Derive a revocation policy from policy A by removing ioctl commands from
# the allowxperm rules of the "a" side, and nothing else.
#
#   mkvariant.sh VARIANT <A.conf >B.conf
#
#   nomap   sender_a_t and receiver_a_t lose SIPC_IOC_MAP (0xbd23) on
#           helper_a_t's channels
#   noq     sender_a_t loses SIPC_IOC_SEND (0xbd20), receiver_a_t loses
#           SIPC_IOC_RECV (0xbd21)
#
# Each edit must change exactly one rule, else the build fails: a policy B
# that silently equals A would make every revocation test pass for nothing.
set -eu

[ $# -eq 1 ] || { echo "usage: $0 nomap|noq <A.conf >B.conf" >&2; exit 2; }
case $1 in
nomap)	edits='sender_a_t 0xbd23
receiver_a_t 0xbd23' ;;
noq)	edits='sender_a_t 0xbd20
receiver_a_t 0xbd21' ;;
*)	echo "mkvariant: unknown variant $1" >&2; exit 2 ;;
esac

conf=$(cat)
echo "$edits" | {
	while read -r dom cmd; do
		rule="^[[:space:]]*allowxperm $dom helper_a_t:anon_inode ioctl {.* ${cmd}[ }]"
		n=$(echo "$conf" | grep -c "$rule" || true)
		[ "$n" -eq 1 ] || { echo "mkvariant: $n rules match '$rule'" >&2; exit 1; }
		conf=$(echo "$conf" | sed "/$rule/s/ $cmd\([ }]\)/\1/")
		echo "$conf" | grep -q "$rule" && { echo "mkvariant: $cmd still in $dom's rule" >&2; exit 1; }
	done
	echo "# variant $1 of policy A (mkvariant.sh)"
	echo "$conf"
}
