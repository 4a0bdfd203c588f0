// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_uaccess.c - the rules every ioctl argument follows (see the
 * "Argument structs" part of include/uapi/linux/sipc.h), in one place so
 * that no command can forget one.
 */
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include "sipc_internal.h"

/*
 * Every argument struct starts with "__u32 size; __u32 flags;".  The size
 * lets the struct grow: older callers pass fewer bytes (zero-extended
 * here), newer callers more (accepted only if the extra bytes are zero).
 */
int sipc_copy_in(void *karg, size_t ksize, size_t ver0,
		 const void __user *uarg)
{
	u32 usize;

	if (get_user(usize, (const u32 __user *)uarg))
		return -EFAULT;
	/* Bound the zero-tail scan; no argument will ever be a page. */
	if (usize > PAGE_SIZE)
		return -E2BIG;
	if (usize < ver0)
		return -EINVAL;
	return copy_struct_from_user(karg, ksize, uarg, usize);
}
EXPORT_SYMBOL_IF_KUNIT(sipc_copy_in);

/*
 * Write a result back, never more bytes than the caller said it has.
 * karg->size still holds the caller's size from sipc_copy_in().
 */
int sipc_copy_out(void __user *uarg, const void *karg, size_t ksize)
{
	u32 usize = *(const u32 *)karg;

	if (copy_to_user(uarg, karg, min_t(size_t, usize, ksize)))
		return -EFAULT;
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(sipc_copy_out);

/*
 * Names are printed by tools and used as file names by the SysV backend
 * of libsipc, so only visible ASCII without '/' is accepted.
 */
int sipc_name_check(const char name[SIPC_NAME_MAX])
{
	size_t len = strnlen(name, SIPC_NAME_MAX);
	size_t i;

	if (len == 0 || len == SIPC_NAME_MAX)
		return -EINVAL;
	for (i = 0; i < len; i++) {
		if (name[i] < 0x21 || name[i] > 0x7e || name[i] == '/')
			return -EINVAL;
	}
	return 0;
}
EXPORT_SYMBOL_IF_KUNIT(sipc_name_check);
