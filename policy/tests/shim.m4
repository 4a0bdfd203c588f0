dnl SPDX-License-Identifier: GPL-2.0-only
dnl
dnl shim.m4 - just enough of the reference policy's m4 support to expand
dnl ../sipc.if and ../sipc.te into plain policy.conf statements for the
dnl guest test policy, so that the tests exercise the module's own rules
dnl and interfaces rather than a copy of them.
dnl
dnl Each macro stands for the refpolicy macro or interface of the same
dnl name, reduced to what it means in the test policy: one device type
dnl (device_t, the label of devtmpfs) and no MLS.
dnl
dnl interface(name, body): a macro with positional parameters.
define(`interface',`define(`$1',`$2')')dnl
dnl Monolithic policy: every symbol is declared, nothing is required.
define(`gen_require',`')dnl
define(`policy_module',`')dnl
dnl optional_policy: the blocks of ../sipc.te name reference policy
dnl modules (unconfined) that the test policy does not have.
define(`optional_policy',`')dnl
dnl Device nodes: every type of the test policy is in sipc_test_any.
define(`dev_node',`typeattribute $1 sipc_test_any;')dnl
define(`dev_filetrans',`type_transition $1 device_t:$3 $2 $4;
allow $2 device_t:filesystem associate;')dnl
define(`dev_list_all_dev_nodes',`allow $1 device_t:dir { getattr search open read };
allow $1 device_t:lnk_file { getattr read };')dnl
