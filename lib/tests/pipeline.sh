#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# pipeline.sh BINDIR - the SIPC tools in shell pipelines, TAP output.
#
#   producer | sipc-send NAME      and      sipc-recv NAME | consumer
#
# move a 64 MiB random file, an empty stream and an odd-sized one with
# matching sha256 and byte counts; check the tools' exit codes and that
# nothing is left behind.  Runs with busybox sh in the guest (kernel
# backend) and on the host (SIPC_BACKEND=sysv).
set -u
BIN=${1:?usage: pipeline.sh BINDIR}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sipc-pipe.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n $1"; }
not_ok() { n=$((n + 1)); failed=1; echo "not ok $n $1"; }
check() { what=$1; shift; if "$@"; then ok "$what"; else not_ok "$what"; fi; }
sum() { sha256sum | cut -d' ' -f1; }
# SysV objects in the system (what ipcs lists); 0 without /proc/sysvipc.
ipc_count() { cat /proc/sysvipc/msg /proc/sysvipc/shm 2>/dev/null | wc -l; }

# transfer TAG SIZE DEPTH BYTES: BYTES random bytes through a new channel.
transfer() {
	c=pipe$$-$1
	dd if=/dev/urandom of="$tmp/in" bs=65536 count=$(($4 / 65536)) 2>/dev/null
	[ $(($4 % 65536)) -eq 0 ] ||
		dd if=/dev/urandom bs=1 count=$(($4 % 65536)) 2>/dev/null >>"$tmp/in"
	"$BIN/sipc-helper" --size "$2" --depth "$3" "$c" || return 1
	cat "$tmp/in" | "$BIN/sipc-send" "$c" &
	spid=$!
	"$BIN/sipc-recv" "$c" | tee "$tmp/out" | sum >"$tmp/out.sum"
	rrc=$?	# of sum; sipc-recv's own code is checked through the bytes
	wait $spid
	src=$?
	"$BIN/sipcctl" destroy "$c" || return 1
	[ "$src" -eq 0 ] && [ "$rrc" -eq 0 ] || { echo "# send rc=$src"; return 1; }
	want=$(wc -c <"$tmp/in")
	got=$(wc -c <"$tmp/out")
	echo "# $c: $want bytes in, $got bytes out"
	[ "$want" -eq "$4" ] && [ "$got" -eq "$want" ] || return 1
	[ "$(sum <"$tmp/in")" = "$(cat "$tmp/out.sum")" ]
}

# A destroyed channel cuts the stream: sipc-recv exits 3.
cut_stream() {
	c=pipe$$-cut
	"$BIN/sipc-helper" "$c" || return 1
	"$BIN/sipc-recv" "$c" >/dev/null 2>"$tmp/cut.err" &
	rpid=$!
	sleep 1
	"$BIN/sipcctl" destroy "$c" || return 1
	wait $rpid
	rc=$?
	echo "# sipc-recv: $(cat "$tmp/cut.err") (exit $rc)"
	[ "$rc" -eq 3 ]
}

exit_codes() {
	for t in sipc-helper sipc-send sipc-recv sipcctl; do
		"$BIN/$t" --help >/dev/null || return 1
		"$BIN/$t" >/dev/null 2>&1
		[ $? -eq 2 ] || { echo "# $t without arguments"; return 1; }
		"$BIN/$t" --no-such-option x >/dev/null 2>&1
		[ $? -eq 2 ] || { echo "# $t bad option"; return 1; }
	done
	c=pipe$$-codes
	"$BIN/sipc-helper" --size 0 "$c" 2>/dev/null; [ $? -eq 2 ] || return 1
	"$BIN/sipc-helper" --depth 65 "$c" 2>/dev/null; [ $? -eq 2 ] || return 1
	"$BIN/sipc-helper" "$c" || return 1
	"$BIN/sipc-helper" "$c" 2>/dev/null; [ $? -eq 1 ] || return 1
	"$BIN/sipcctl" show "$c" >/dev/null || return 1
	"$BIN/sipcctl" --json show "$c" | grep -q "\"name\": *\"$c\"" || return 1
	"$BIN/sipcctl" --json list | grep -q "\"$c\"" || return 1
	"$BIN/sipcctl" list | grep -qx "$c" || return 1
	# Revocation needs the module; the sysv backend says it cannot.
	id=$("$BIN/sipcctl" show "$c" | sed -n 's/^id: *//p')
	[ -n "$id" ] || { echo "# no id in sipcctl show"; return 1; }
	if "$BIN/sipcctl" --json list | grep -q '"backend": *"kernel"'; then
		"$BIN/sipcctl" revoke --sender "$c" || return 1
		"$BIN/sipcctl" revoke --receiver --id "$id" || return 1
		"$BIN/sipcctl" revoke --id 0xffffffffffffffff 2>/dev/null
		[ $? -eq 1 ] || { echo "# revoke of an unknown id"; return 1; }
	else
		"$BIN/sipcctl" revoke "$c" 2>/dev/null; [ $? -eq 1 ] || return 1
		"$BIN/sipcctl" revoke --id "$id" 2>/dev/null; [ $? -eq 1 ] || return 1
	fi
	"$BIN/sipcctl" revoke --id "$c" 2>/dev/null
	[ $? -eq 2 ] || { echo "# revoke --id with a name"; return 1; }
	"$BIN/sipcctl" --sender list >/dev/null 2>&1; [ $? -eq 2 ] || return 1
	"$BIN/sipcctl" --revoke show "$c" >/dev/null 2>&1; [ $? -eq 2 ] || return 1
	"$BIN/sipcctl" destroy "$c" || return 1
	"$BIN/sipcctl" destroy "$c" 2>/dev/null; [ $? -eq 1 ] || return 1
	"$BIN/sipcctl" show "$c" 2>/dev/null; [ $? -eq 1 ] || return 1
	# destroy --revoke: the kernel destroys, sysv cannot revoke.
	"$BIN/sipc-helper" "$c" || return 1
	if "$BIN/sipcctl" --json list | grep -q '"backend": *"kernel"'; then
		"$BIN/sipcctl" destroy --revoke "$c" || return 1
	else
		"$BIN/sipcctl" destroy --revoke "$c" 2>/dev/null; [ $? -eq 1 ] || return 1
		"$BIN/sipcctl" destroy "$c" || return 1
	fi
	"$BIN/sipcctl" show "$c" 2>/dev/null; [ $? -eq 1 ] || return 1
	"$BIN/sipc-send" "$c" </dev/null 2>/dev/null; [ $? -eq 1 ] || return 1
	"$BIN/sipc-recv" "$c" 2>/dev/null; [ $? -eq 1 ]
}

nothing_left() {
	[ "$(ipc_count)" -eq "$ipc_before" ] || { echo "# SysV objects left"; return 1; }
	! "$BIN/sipcctl" list | grep -q "^pipe$$-"
}

echo "TAP version 13"
echo "1..6"
echo "# backend: ${SIPC_BACKEND:-auto}"
ipc_before=$(ipc_count)
check "pipeline moves 64 MiB, same sha256 and size" transfer big 1M 1 67108864
check "pipeline moves an empty stream" transfer empty 4096 1 0
check "pipeline moves 1 MiB + 13 bytes, region 64K, depth 3" transfer odd 64K 3 1048589
check "sipc-recv exits 3 when the channel is destroyed" cut_stream
check "tools: --help, usage and failure exit codes" exit_codes
check "nothing left behind" nothing_left
exit $failed
