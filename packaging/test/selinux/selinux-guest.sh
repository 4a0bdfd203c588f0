#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-only
#
# In the booted Debian test bed (selinux-bed.sh): enforcing SELinux with
# the reference policy, the .debs installed, sipc.ko built by DKMS, and
# the test module sipctest (sipctest.te) in the store.  Started from root's
# .profile on the serial console, so it runs as unconfined root.  TAP on
# /sipc-test/selinux.tap (and the console); powers off at the end.
set -u
T=/sipc-test
B=$T/bin
TAP=$T/selinux.tap
LOG=$T/selinux-guest.log
exec 3>"$TAP" 4>"$LOG"
n=0
ok() { n=$((n + 1)); echo "ok $n - $1" >&3; echo "ok $n - $1"; }
nok() { n=$((n + 1)); echo "not ok $n - $1" >&3; echo "not ok $n - $1"; }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2" >&3; echo "ok $n - $1 # SKIP $2"; }
# expect DESC OUT-PATTERN CMD...: CMD exits 0 within 120 s and its output
# matches.  (A background part of CMD must not keep the output pipe open:
# its stdout and stderr go to a file or through cat into one.)
expect() {
	local desc=$1 pat=$2 out rc; shift 2
	out=$(timeout 120 "$@" 2>&1); rc=$?
	printf '# %s\n$ %s\n%s\n(rc=%s)\n' "$desc" "$*" "$out" "$rc" >&4
	if [ $rc -eq 0 ] && grep -qE -- "$pat" <<<"$out"; then ok "$desc"; else nok "$desc (rc=$rc: $(head -c 200 <<<"$out"))"; fi
}
# mark; ...; avc PATTERN: an AVC denial matching PATTERN was logged since mark.
mark() { M=$(dmesg | wc -l); }
avc() { dmesg | tail -n +$((M + 1)) | grep 'avc:  denied' | grep -E -- "$1"; }
# denied DESC AVC-PATTERN CMD...: CMD fails with "Permission denied" and
# the kernel logged an AVC denial matching AVC-PATTERN.
denied() {
	local desc=$1 pat=$2 out rc; shift 2
	mark
	out=$(timeout 120 "$@" 2>&1); rc=$?
	printf '# %s\n$ %s\n%s\n(rc=%s)\n' "$desc" "$*" "$out" "$rc" >&4
	avc "$pat" >&4
	if [ $rc -ne 0 ] && grep -q 'Permission denied' <<<"$out" && avc "$pat" >/dev/null; then
		ok "$desc"
	else
		nok "$desc (rc=$rc, out: $(head -c 160 <<<"$out"); AVC ${pat} $(avc "$pat" >/dev/null && echo found || echo missing))"
	fi
}
finish() {
	echo "1..$n" >&3
	echo "1..$n"
	echo "=== SIPC-SELINUX-END"
	exec 3>&- 4>&-
	sync
	poweroff -f
}

echo 0 >/proc/sys/kernel/printk_ratelimit
echo "=== SIPC-SELINUX-BEGIN $(date +%s)"
# shellcheck source=/dev/null
. $T/config

# --- the system ------------------------------------------------------------
expect "SELinux is enforcing with the reference policy" '^Enforcing$' getenforce
expect "the tests run as unconfined root (login on the console)" \
	'^unconfined_u:unconfined_r:unconfined_t:' id -Z
expect "modprobe sipc loads the module DKMS built" '' modprobe sipc
expect "/dev/sipc is born sipc_device_t" ':sipc_device_t:' ls -Z /dev/sipc
expect "the sipc and sipctest modules are in the store" '^sipctest$' \
	sh -c 'semodule -l | grep -x sipc && semodule -l | grep -x sipctest'

# --- unconfined root: the tools ---------------------------------------------
mark
expect "unconfined: sipc-helper creates u1" '' sipc-helper u1
expect "unconfined: sipc-send | sipc-recv carry a message" '^hello tools$' \
	sh -c 'sipc-recv u1 >/tmp/u1.out 2>&1 & printf "hello tools\n" | sipc-send u1 && wait $! && cat /tmp/u1.out'
expect "unconfined: sipcctl list names u1" '^u1$' sipcctl list
expect "unconfined: sipcctl show u1 names its creator unconfined_t" 'unconfined_t' sipcctl show u1
expect "unconfined: sipcctl revoke --sender u1" '' sipcctl revoke --sender u1
expect "unconfined: sipcctl destroy u1" '' sipcctl destroy u1
# --- unconfined root: a libsipc program, both paths -------------------------
expect "unconfined libsipc: create a one-region channel" '^created$' $B/sipct create u2
expect "unconfined libsipc: the 2007 path (sipc_send / sipc_recv: SEND, RECV)" '^got hi 2007$' \
	sh -c "$B/sipct recv u2 >/tmp/u2.out 2>&1 & $B/sipct send u2 'hi 2007' && wait \$! && cat /tmp/u2.out"
expect "unconfined libsipc: create a 4-slot channel" '^created$' $B/sipct create u3 4
expect "unconfined libsipc: the one-call path (sipc_reserve / sipc_publish / sipc_next: COMMIT, RECV_NEXT)" \
	'^got hi one-call$' \
	sh -c "$B/sipct next u3 >/tmp/u3.out 2>&1 & $B/sipct publish u3 'hi one-call' && wait \$! && cat /tmp/u3.out"
expect "unconfined libsipc: the one-call path on one region" '^got one region$' \
	sh -c "$B/sipct create u4 >/dev/null && $B/sipct next u4 >/tmp/u4.out 2>&1 & sleep 1; $B/sipct publish u4 'one region' && wait \$! && cat /tmp/u4.out"
if avc 'scontext=[^ ]*:unconfined_t:' >&4; then
	nok "unconfined root: no AVC denial for unconfined_t"
else
	ok "unconfined root: no AVC denial for unconfined_t"
fi
for c in u2 u3 u4; do sipcctl destroy $c >/dev/null 2>&1; done

# --- the test module (sipctest.te, from the installed sipc.if) --------------
expect "helper: creates c1 (sipc_manage_channels)" '^created$' $B/sipct-helper create c1
expect "helper: c1 is labelled with the helper's type" 'sipctest_helper_t' sipcctl show c1
expect "other helper: creates c2" '^created$' $B/sipct-other create c2
expect "sender and receiver on c1, one-call path (COMMIT, RECV_NEXT allowed)" '^got one-call$' \
	sh -c "$B/sipct-receiver next c1 2>&1 | cat >/tmp/c1.out & sleep 1; $B/sipct-sender publish c1 one-call && wait \$! && cat /tmp/c1.out"
expect "helper: creates c3" '^created$' $B/sipct-helper create c3
expect "sender and receiver on c3, the 2007 path (SEND, RECV allowed)" '^got 2007$' \
	sh -c "$B/sipct-receiver recv c3 2>&1 | cat >/tmp/c3.out & sleep 1; $B/sipct-sender send c3 2007 && wait \$! && cat /tmp/c3.out"
denied "sender on the other helper's channel c2: denied (endpoint create on sipctest_other_t)" \
	'\{ create \}.*scontext=[^ ]*:sipctest_sender_t:.*tcontext=[^ ]*:sipctest_other_t:.*tclass=anon_inode' \
	$B/sipct-sender send c2 x
denied "receiver creating a channel: CREATE denied (ioctlcmd=0xbd01)" \
	'ioctlcmd=0xbd01 .*scontext=[^ ]*:sipctest_receiver_t:.*tcontext=[^ ]*:sipc_device_t:' \
	$B/sipct-receiver create c9
denied "sender attaching as receiver: ATTACH_RECEIVER denied (ioctlcmd=0xbd04)" \
	'ioctlcmd=0xbd04 .*scontext=[^ ]*:sipctest_sender_t:.*tcontext=[^ ]*:sipc_device_t:' \
	$B/sipct-sender recv c3
denied "receiver sending on its own endpoint: SEND denied (ioctlcmd=0xbd20)" \
	'ioctlcmd=0xbd20 .*scontext=[^ ]*:sipctest_receiver_t:.*tclass=anon_inode' \
	$B/sipct-receiver raw-send c3
denied "helper attaching as sender: ATTACH_SENDER denied (ioctlcmd=0xbd03)" \
	'ioctlcmd=0xbd03 .*scontext=[^ ]*:sipctest_helper_t:' \
	$B/sipct-helper send c3 x
denied "a domain with no grant cannot open /dev/sipc" \
	'scontext=[^ ]*:sipctest_nogrant_t:.*tcontext=[^ ]*:sipc_device_t:.*tclass=chr_file' \
	$B/sipct-nogrant create c9
# The boolean that gates the sender.
expect "setsebool sipctest_send off" '' setsebool sipctest_send off
expect "helper: creates c4" '^created$' $B/sipct-helper create c4
denied "sipctest_send off: the sender's endpoint ioctls are denied (AVC with ioctlcmd)" \
	'\{ ioctl \}.*ioctlcmd=0xbd[0-9a-f]{2} .*scontext=[^ ]*:sipctest_sender_t:.*tclass=anon_inode' \
	$B/sipct-sender publish c4 x
expect "setsebool sipctest_send on" '' setsebool sipctest_send on
expect "helper: creates c6" '^created$' $B/sipct-helper create c6
expect "sipctest_send on: the sender sends again" '^got back$' \
	sh -c "$B/sipct-receiver next c6 2>&1 | cat >/tmp/c6.out & sleep 1; $B/sipct-sender publish c6 back && wait \$! && cat /tmp/c6.out"

# --- a boolean takes back a receiver's mapped memory: SIGBUS -----------------
expect "helper: creates c5" '^created$' $B/sipct-helper create c5
coproc RCV { exec $B/sipct-receiver map-wait c5 2>&1; }
rpid=$RCV_PID
# (Output through a pipe: the test domains may not write files in /tmp.
# The sender then waits for the receiver, until c5 is destroyed.)
$B/sipct-sender send c5 Z 2>&1 | cat >/tmp/c5.send &
line=""
read -r -t 60 line <&"${RCV[0]}"
echo "# map-wait said: $line" >&4
if [ "$line" = "mapped Z" ]; then ok "receiver maps c5 and reads the message in place"; else nok "receiver maps c5 and reads the message in place (got '$line')"; fi
mark
setsebool sipctest_receive off
echo go >&"${RCV[1]}"
wait "$rpid"
rrc=$?
rest=$(timeout 5 cat <&"${RCV[0]}" 2>/dev/null)
echo "# map-wait exit $rrc, then: $rest" >&4
if [ $rrc -eq $((128 + 7)) ] && ! grep -q 'read again' <<<"$rest"; then
	ok "sipctest_receive off: the receiver's next read of mapped memory gets SIGBUS"
else
	nok "sipctest_receive off: the receiver's next read of mapped memory gets SIGBUS (exit $rrc, $rest)"
fi
if avc 'ioctlcmd=0xbd23 .*scontext=[^ ]*:sipctest_receiver_t:' >&4; then
	ok "the refused fault is logged as MAP (ioctlcmd=0xbd23) for the receiver"
else
	nok "the refused fault is logged as MAP (ioctlcmd=0xbd23) for the receiver"
fi
setsebool sipctest_receive on
for c in c1 c2 c3 c4 c5 c6; do sipcctl destroy --revoke $c >/dev/null 2>&1; done

# --- the Python binding against sipc.ko ------------------------------------
if [ -x $T/src/bindings/guest-run.sh ]; then
	timeout 900 $T/src/bindings/guest-run.sh python >$T/bindings.tap 2>>"$LOG"
	brc=$?
	bn=$(grep -cE '^(not )?ok ' $T/bindings.tap)
	sed -n 's/^ok [0-9]*\( -\)\{0,1\} */P /p; s/^not ok [0-9]*\( -\)\{0,1\} */F /p' $T/bindings.tap |
		while read -r verdict rest; do
			if [ "$verdict" = P ]; then ok "bindings: $rest"; else nok "bindings: $rest"; fi
		done
	n=$((n + bn))
	if [ $brc -eq 0 ] && [ "$bn" -gt 0 ]; then ok "bindings/guest-run.sh passed ($bn results)"; else nok "bindings/guest-run.sh (exit $brc, $bn results)"; fi
else
	skip "the Python binding suite on sipc.ko" "bindings/guest-run.sh is not on this branch yet"
fi

# --- purging the policy package while a local module uses it ----------------
out=$(apt-get purge -y selinux-policy-sipc 2>&1); rc=$?
printf '# purge with sipcuser installed\n%s\n(rc=%s)\n' "$out" "$rc" >&4
[ $rc -eq 100 ] && ok "apt-get purge selinux-policy-sipc with sipcuser installed fails (exit 100)" ||
	nok "apt-get purge selinux-policy-sipc with sipcuser installed fails (exit $rc, want 100)"
grep -q 'sipcuser (priority 400)' <<<"$out" && grep -q 'Remove them first' <<<"$out" &&
	ok "the message names the dependent module sipcuser and what to do" ||
	nok "the message names the dependent module sipcuser and what to do"
semodule -l | grep -qx sipc && dpkg-query -W -f='${Status}' selinux-policy-sipc | grep -q 'install ok installed' &&
	ok "sipc stays in the store and the package stays installed" ||
	nok "sipc stays in the store and the package stays installed"
modprobe -r sipc 2>>"$LOG"
finish
