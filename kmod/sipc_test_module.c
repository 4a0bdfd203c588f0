// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_test_module.c - what makes the KUnit suites (sipc_*_test.c) a module
 * of their own, sipc_test.ko, so that sipc.ko carries no test code.  The
 * suites reach sipc.ko's internals through the symbols it exports with
 * EXPORT_SYMBOL_IF_KUNIT, which exist only in a kernel built with KUnit.
 */
#include <linux/module.h>

MODULE_DESCRIPTION("KUnit suites for sipc.ko");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
