// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * channel.c - backend selection and the calls that name a channel:
 * sipc_create(), sipc_create_flags(), sipc_destroy(), sipc_revoke(),
 * sipc_list(), sipc_stat(), sipc_context().
 *
 * Arguments are checked here, once, so both backends give the same errors
 * for the same bad input (the kernel would say EINVAL for a long name; the
 * library says ENAMETOOLONG before asking it).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

static const struct sipc_backend *chosen;
static pthread_once_t chosen_once = PTHREAD_ONCE_INIT;

/*
 * SIPC_BACKEND=kernel|sysv, else the kernel backend when /dev/sipc exists.
 * secure_getenv: a set-user-ID program ignores the variable.
 */
static void choose_backend(void)
{
	const char *env = secure_getenv("SIPC_BACKEND");

	if (!env || !*env)
		chosen = access(SIPC_DEVICE_PATH, F_OK) == 0 ?
			 &sipc_kernel_backend : &sipc_sysv_backend;
	else if (!strcmp(env, "kernel"))
		chosen = &sipc_kernel_backend;
	else if (!strcmp(env, "sysv"))
		chosen = &sipc_sysv_backend;
	else
		chosen = NULL;
}

const struct sipc_backend *sipc_backend_get(void)
{
	pthread_once(&chosen_once, choose_backend);
	return chosen;
}

const char *sipc_backend(void)
{
	const struct sipc_backend *be = sipc_backend_get();

	return be ? be->name : NULL;
}

/* The rule of <linux/sipc.h>: 1..SIPC_NAME_MAX-1 of 0x21..0x7e but '/'. */
int sipc_name_check(const char *name)
{
	size_t i;

	if (!name || !*name)
		return -EINVAL;
	for (i = 0; name[i]; i++) {
		if (i == SIPC_NAME_MAX - 1)
			return -ENAMETOOLONG;
		if (name[i] < 0x21 || name[i] > 0x7e || name[i] == '/')
			return -EINVAL;
	}
	return 0;
}

const struct sipc_backend *sipc_backend_for(const char *name, int *err)
{
	const struct sipc_backend *be = sipc_backend_get();

	*err = be ? sipc_name_check(name) : -EINVAL;
	return *err ? NULL : be;
}

int sipc_create(const char *name, size_t size, unsigned int depth)
{
	const struct sipc_backend *be;
	int r;

	be = sipc_backend_for(name, &r);
	if (!be)
		return r;
	if (size == 0 || depth > SIPC_QUEUE_DEPTH_MAX)
		return -EINVAL;
	/* Message lengths are 32 bits wide: keep every length representable. */
	if ((uint64_t)size > UINT32_MAX)
		return -EINVAL;
	return be->create(name, size, depth ? depth : SIPC_QUEUE_DEPTH_DEFAULT);
}

int sipc_create_flags(const char *name, size_t size, unsigned int slots,
		      unsigned int flags)
{
	const struct sipc_backend *be;
	int r;

	be = sipc_backend_for(name, &r);
	if (!be)
		return r;
	if (flags & ~SIPC_CREATE_ALL_FLAGS)
		return -EINVAL;
	if (!flags)
		return sipc_create_slots(name, size, slots);
	if (size == 0 || (uint64_t)size > UINT32_MAX || slots > SIPC_SLOTS_MAX)
		return -EINVAL;
	/* sysv: SysV memory has no way to take write away from the sender. */
	if (!be->create_flags)
		return -EOPNOTSUPP;
	return be->create_flags(name, size, slots, flags);
}

int sipc_destroy(const char *name)
{
	const struct sipc_backend *be;
	int r;

	be = sipc_backend_for(name, &r);
	return be ? be->destroy(name) : r;
}

int sipc_revoke(const char *name, unsigned int roles)
{
	const struct sipc_backend *be;
	int r;

	be = sipc_backend_for(name, &r);
	if (!be)
		return r;
	if (!roles || (roles & ~SIPC_REVOKE_ALL_FLAGS))
		return -EINVAL;
	return be->revoke(name, roles);
}

int sipc_revoke_id(uint64_t id, unsigned int roles)
{
	const struct sipc_backend *be = sipc_backend_get();

	if (!be || !roles || (roles & ~SIPC_REVOKE_ALL_FLAGS))
		return -EINVAL;
	return be->revoke_id ? be->revoke_id(id, roles) : -EOPNOTSUPP;
}

int sipc_destroy_revoke(const char *name)
{
	const struct sipc_backend *be;
	int r;

	be = sipc_backend_for(name, &r);
	if (!be)
		return r;
	return be->destroy_revoke ? be->destroy_revoke(name) : -EOPNOTSUPP;
}

int sipc_list(char (*names)[SIPC_NAME_MAX], unsigned int count)
{
	const struct sipc_backend *be = sipc_backend_get();

	if (!be)
		return -EINVAL;
	if (!names && count)
		return -EINVAL;
	return be->list(names, count);
}

int sipc_stat(const char *name, struct sipc_stat *st)
{
	const struct sipc_backend *be;
	int r;

	be = sipc_backend_for(name, &r);
	if (!be)
		return r;
	if (!st)
		return -EINVAL;
	memset(st, 0, sizeof(*st));
	r = be->stat(name, st, NULL, 0);
	return r < 0 ? r : 0;
}

/* sipc_context() and sipc_label(): one contract, two strings. */
static int channel_string(const char *name, char *buf, size_t size,
			  bool label)
{
	const struct sipc_backend *be;
	int r;

	be = sipc_backend_for(name, &r);
	if (!be)
		return r;
	if (!buf && size)
		return -EINVAL;
	if (!label)
		return be->stat(name, NULL, buf, size);
	if (be->label)
		return be->label(name, buf, size);
	r = be->stat(name, NULL, NULL, 0);	/* the channel must exist */
	if (r >= 0 && size)
		buf[0] = '\0';
	return r < 0 ? r : 0;
}

int sipc_label(const char *name, char *buf, size_t size)
{
	return channel_string(name, buf, size, true);
}

int sipc_context(const char *name, char *buf, size_t size)
{
	return channel_string(name, buf, size, false);
}
