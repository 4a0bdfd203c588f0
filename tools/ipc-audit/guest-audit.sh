#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# ipc-audit in the QEMU guest (lines of tools/ipc-audit/guest-*.list).
#   guest-audit.sh dac [MAXSECS]       receiver-to-sender channels, no policy
#                                      loaded yet (DAC only), + TAP (bccheck)
#   guest-audit.sh selinux [MAXSECS]   loads the audit policy A (enforcing),
#                                      the same channels in the audit
#                                      domains, then revocation, + TAP
#   guest-audit.sh full                the other IPC mechanisms, enforcing
# dac must run before anything loads a policy (a loaded policy stays).
# sipc.ko is reloaded so /dev/sipc is opened to the peers' uids
# (dev_mode=0666) and, under the policy, gets its label from it
# (Documentation/selinux.md, "The trap at boot").  Output: "#J" records.
D=/ipc-audit
mode=${1:-full}
secs=${2:-20}
reload() {
	rmmod sipc && insmod "${SIPC_KO:-/lib/sipc/sipc.ko}" dev_mode=0666 ||
		{ echo "not ok 1 - reload sipc.ko"; exit 1; }
}
case $mode in
dac)
	reload
	$D/ipc-audit backchan --env guest --max-secs "$secs" | tee /tmp/bc-dac.out
	exec $D/ipc-audit bccheck --deploy dac /tmp/bc-dac.out
	;;
selinux)
	$D/ipc-audit run --only none --no-props --selinux $D/audit-A.33,$D/audit-B.33 >/dev/null
	reload
	$D/ipc-audit backchan --env guest --selinux --max-secs "$secs" | tee /tmp/bc-selinux.out
	# then revocation (reloads the policy as B: last)
	$D/ipc-audit run --env guest --bits 16 --only sipc-kernel \
		--selinux $D/audit-A.33,$D/audit-B.33 >>/tmp/bc-selinux.out
	exec $D/ipc-audit bccheck --deploy selinux /tmp/bc-selinux.out
	;;
esac
$D/ipc-audit run --only none --no-props --selinux $D/audit-A.33,$D/audit-B.33 >/dev/null
reload
$D/ipc-audit run --env guest --bits 96 --selinux $D/audit-A.33,$D/audit-B.33 >/tmp/audit.out
rc=$?
cat /tmp/audit.out
echo "1..1"
[ $rc -eq 0 ] && echo "ok 1 - ipc-audit run" || echo "not ok 1 - ipc-audit run (exit $rc)"
