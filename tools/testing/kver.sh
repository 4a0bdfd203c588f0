#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Print the version of the Debian kernel the guest boots: the newest
# /boot/vmlinuz-* that also has its headers installed.  Never hard-coded.
for img in $(ls -1 /boot/vmlinuz-* 2>/dev/null | sort -rV); do
	v=${img#/boot/vmlinuz-}
	if [ -d "/lib/modules/$v/build" ]; then
		echo "$v"
		exit 0
	fi
done
echo "kver: no /boot/vmlinuz-* with matching headers (run tools/install-deps.sh)" >&2
exit 1
