#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# ipc-audit in the QEMU guest (lines of tools/ipc-audit/guest-*.list).
#   guest-audit.sh dac MINSYMS MAXSECS [ONLY]
#       receiver-to-sender channels (ipc-audit backchan), no policy loaded
#       yet: DAC only; then the TAP of bccheck
#   guest-audit.sh selinux MINSYMS MAXSECS [ONLY]
#       loads the audit policy A (enforcing), the same channels in the
#       audit domains; without ONLY also revocation (reloads the policy as
#       B); then the TAP
#   guest-audit.sh verify
#       the TAP of bccheck over all the parts run before in this boot
#   guest-audit.sh full
#       the other IPC mechanisms, enforcing
# ONLY (names, PREFIX* allowed) runs a part, checked with --partial: each
# line of a list stays under the guest's per-command limit.  dac must run
# before anything loads a policy (a loaded policy stays).  sipc.ko is
# reloaded so /dev/sipc is opened to the peers' uids (dev_mode=0666) and,
# under the policy, gets its label from it (Documentation/selinux.md, "The
# trap at boot").  Output: "#J" records.
D=/ipc-audit
mode=${1:-full}
syms=${2:-10000}
secs=${3:-20}
only=${4:-}
reload() {
	rmmod sipc && insmod "${SIPC_KO:-/lib/sipc/sipc.ko}" dev_mode=0666 ||
		{ echo "not ok 1 - reload sipc.ko"; exit 1; }
}
policy() {
	$D/ipc-audit run --only none --no-props --selinux $D/audit-A.33,$D/audit-B.33 >/dev/null
}
case $mode in
dac|selinux)
	set -- --env guest --min-syms "$syms" --max-secs "$secs"
	part=
	[ -n "$only" ] && set -- "$@" --only "$only" && part=--partial
	[ "$mode" = selinux ] && set -- "$@" --selinux && policy
	reload
	out=/tmp/bc-$mode.$$.out
	$D/ipc-audit backchan "$@" | tee $out
	if [ "$mode" = selinux ] && [ -z "$only" ]; then
		# revocation last: it reloads the policy as B
		$D/ipc-audit run --env guest --bits 16 --only sipc-kernel \
			--selinux $D/audit-A.33,$D/audit-B.33 >>$out
		grep '"type":"prop"' $out
	fi
	exec $D/ipc-audit bccheck $part --deploy "$mode" $out
	;;
verify)
	# every expected channel of both deployments, from all parts
	exec $D/ipc-audit bccheck /tmp/bc-*.out
	;;
esac
policy
reload
$D/ipc-audit run --env guest --bits 96 --selinux $D/audit-A.33,$D/audit-B.33 >/tmp/audit.out
rc=$?
cat /tmp/audit.out
echo "1..1"
[ $rc -eq 0 ] && echo "ok 1 - ipc-audit run" || echo "not ok 1 - ipc-audit run (exit $rc)"
