#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# Assemble the guest test policy (policy.conf) from the kernel tree's mdp
# output and our TE statements.
#
#   mkpolicy.sh MDP_CONF TE_CONF >OUT
#
# MDP_CONF is what scripts/selinux/mdp writes (non-MLS): every class and
# permission of this kernel, one type base_t and "allow base_t base_t:C *"
# for every class C.  TE_CONF declares our types and rules (m4 output of
# shim.m4, ../sipc.if, ../sipc.te and sipc_test.te).  The result:
#
#   - mdp's classes, policy capabilities, base_t and base_r;
#   - TE_CONF, inserted where mdp's allow rules were;
#   - for every class C, instead of mdp's rule:
#       allow sipc_test_unconfined sipc_test_any:C *;     (kernel_t, base_t)
#       allow sipc_test_domain sipc_test_generic:C *;     (not security,
#                                                           not anon_inode)
#       allow sipc_test_domain self:C *;                  (not security,
#                                                           not anon_inode)
#     so the confined test domains can run (console, /proc, pipes, signals
#     to their parent) but get sipc access, and channel (anon_inode)
#     access of any kind, only from the interfaces;
#   - mdp's users, initial SIDs and file system labelling, with the kernel
#     SID as kernel_t (the kdevtmpfs thread and the guest's /init),
#     devtmpfs as device_t (so that ../sipc.te's type transition applies as
#     on a refpolicy system), and the initramfs (rootfs) labelled.
set -eu

[ $# -eq 2 ] || { echo "usage: $0 MDP_CONF TE_CONF" >&2; exit 2; }
mdp=$1
te=$2

grep -q '^user user_u roles' "$mdp" || { echo "mkpolicy: no user line in $mdp" >&2; exit 1; }
grep -q '^allow base_t base_t:anon_inode \*;' "$mdp" ||
	{ echo "mkpolicy: $mdp has no anon_inode class" >&2; exit 1; }

# Head: everything before the user line, minus mdp's allow rules.
sed -n '/^user user_u roles/q; /^allow base_t base_t:/d; p' "$mdp"

echo "# ---- $te"
cat "$te"

echo "# ---- one rule set per class (mkpolicy.sh)"
sed -n 's/^allow base_t base_t:\([a-z0-9_]*\) \*;$/\1/p' "$mdp" | while read -r c; do
	echo "allow sipc_test_unconfined sipc_test_any:$c *;"
	case $c in
	security|anon_inode) ;;
	*) echo "allow sipc_test_domain sipc_test_generic:$c *;" ;;
	esac
	case $c in
	security|anon_inode) ;;
	*) echo "allow sipc_test_domain self:$c *;" ;;
	esac
done

# Tail: from the user line on, with our labels; fail if mdp's output
# changed shape and a substitution did not apply.
tail=$(sed -n '/^user user_u roles/,$p' "$mdp")
for want in '^sid kernel user_u:base_r:base_t$' '^fs_use_trans devtmpfs user_u:object_r:base_t;$'; do
	echo "$tail" | grep -q "$want" || { echo "mkpolicy: no '$want' in $mdp" >&2; exit 1; }
done
echo "$tail" | sed -e 's/^sid kernel user_u:base_r:base_t$/sid kernel user_u:base_r:kernel_t/' \
	-e 's/^fs_use_trans devtmpfs user_u:object_r:base_t;$/fs_use_trans devtmpfs user_u:object_r:device_t;/'
echo "genfscon rootfs / user_u:object_r:base_t"
