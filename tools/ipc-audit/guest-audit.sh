#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# ipc-audit in the QEMU guest (a line of tools/ipc-audit/guest-*.list).
#   guest-audit.sh full|quick
# Loads the audit policy A (enforcing), reloads sipc.ko so /dev/sipc gets
# its label from the policy, opens /dev/sipc to the peers' uid (the policy
# decides who may do what), then measures.  Output: "#J" records, and for
# quick also the TAP assertions of `ipc-audit check`.
D=/ipc-audit
mode=${1:-full}
# sipc.ko was loaded before any policy: reload it under the policy
# (Documentation/selinux.md, "The trap at boot").  ipc-audit loads A.
$D/ipc-audit run --only none --no-props --selinux $D/audit-A.33,$D/audit-B.33 >/dev/null
rmmod sipc && insmod "${SIPC_KO:-/lib/sipc/sipc.ko}" dev_mode=0666 || { echo "not ok 1 - reload sipc.ko"; exit 1; }
if [ "$mode" = quick ]; then
	$D/ipc-audit run --env guest --bits 48 --only sipc-kernel,sipc-kernel-d8,sipc-kernel-s4 \
		--selinux $D/audit-A.33,$D/audit-B.33 >/tmp/audit.out
	cat /tmp/audit.out
	exec $D/ipc-audit check /tmp/audit.out
fi
$D/ipc-audit run --env guest --bits 96 --selinux $D/audit-A.33,$D/audit-B.33 >/tmp/audit.out
rc=$?
cat /tmp/audit.out
echo "1..1"
[ $rc -eq 0 ] && echo "ok 1 - ipc-audit run" || echo "not ok 1 - ipc-audit run (exit $rc)"
