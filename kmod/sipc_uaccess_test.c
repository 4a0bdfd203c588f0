// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_uaccess_test.c - KUnit suite "sipc_uaccess": the argument rules of
 * sipc_uaccess.c that need no user memory, i.e. sipc_name_check().
 *
 * sipc_copy_in()/sipc_copy_out() take __user pointers, which a KUnit case
 * on 6.1 cannot make (kunit_vm_mmap() came later); the selftests cover
 * them through the ioctls.
 *
 * Run with tools/testing/kunit.sh.
 */
#include <kunit/test.h>
#include <linux/string.h>
#include "sipc_internal.h"

/* A name as the ioctls pass it: SIPC_NAME_MAX bytes, NUL or not. */
struct name_case {
	char name[SIPC_NAME_MAX];	/* bytes after a NUL are kept */
	bool no_nul;			/* instead: SIPC_NAME_MAX 'x's */
	int err;
	const char *desc;
};

static const struct name_case name_cases[] = {
	{ "a", false, 0, "one character" },
	{ "chan-1_A.b~", false, 0, "letters, digits and punctuation" },
	{ "!", false, 0, "0x21, lowest accepted byte" },
	{ "~", false, 0, "0x7e, highest accepted byte" },
	{ "ab\0/ \x01", false, 0, "bytes after the NUL are not looked at" },
	{ "", false, -EINVAL, "empty" },
	{ "\0garbage", false, -EINVAL, "empty, garbage after the NUL" },
	{ "", true, -EINVAL, "SIPC_NAME_MAX bytes, no NUL" },
	{ "a/b", false, -EINVAL, "slash (libsipc uses names as file names)" },
	{ "/", false, -EINVAL, "slash alone" },
	{ "a b", false, -EINVAL, "space (0x20)" },
	{ "a\tb", false, -EINVAL, "tab" },
	{ "a\nb", false, -EINVAL, "newline" },
	{ "\x7f", false, -EINVAL, "DEL (0x7f)" },
	{ "caf\xc3\xa9", false, -EINVAL, "UTF-8, bytes >= 0x80" },
	{ "\xff", false, -EINVAL, "0xff (negative as a signed char)" },
	{ "\x1b[31m", false, -EINVAL, "terminal escape" },
};

static void name_desc(const struct name_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(name, name_cases, name_desc);

static void sipc_uaccess_test_name_check(struct kunit *test)
{
	const struct name_case *c = test->param_value;
	char name[SIPC_NAME_MAX];

	memcpy(name, c->name, sizeof(name));
	if (c->no_nul)
		memset(name, 'x', sizeof(name));
	KUNIT_EXPECT_EQ(test, sipc_name_check(name), c->err);
}

/* The length limits: SIPC_NAME_MAX - 1 characters fit, SIPC_NAME_MAX don't. */
static void sipc_uaccess_test_name_length(struct kunit *test)
{
	char name[SIPC_NAME_MAX];

	memset(name, 'n', sizeof(name));
	name[SIPC_NAME_MAX - 1] = '\0';
	KUNIT_EXPECT_EQ(test, sipc_name_check(name), 0);
	name[SIPC_NAME_MAX - 1] = 'n';
	KUNIT_EXPECT_EQ(test, sipc_name_check(name), -EINVAL);
	name[0] = '\0';
	KUNIT_EXPECT_EQ(test, sipc_name_check(name), -EINVAL);
}

static struct kunit_case sipc_uaccess_test_cases[] = {
	KUNIT_CASE_PARAM(sipc_uaccess_test_name_check, name_gen_params),
	KUNIT_CASE(sipc_uaccess_test_name_length),
	{}
};

static struct kunit_suite sipc_uaccess_test_suite = {
	.name = "sipc_uaccess",
	.test_cases = sipc_uaccess_test_cases,
};

kunit_test_suite(sipc_uaccess_test_suite);
