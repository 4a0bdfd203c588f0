/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * st_domain.h - run code in a confined SELinux domain: a forked child
 * switches by writing /proc/self/attr/current (a dyntransition the test
 * policy allows from the kernel SID) before it touches sipc.
 */
#ifndef ST_DOMAIN_H
#define ST_DOMAIN_H

#include <sys/types.h>

/* The user and role of every domain, and of objects, in the test policy. */
#define ST_SE_USER_ROLE	"user_u:base_r:"
#define ST_SE_OBJECT	"user_u:object_r:"

/* Switch the calling (single-threaded) process to ST_SE_USER_ROLE<type>. */
int st_setcon(const char *type);

/*
 * Fork a child that dies with the caller (PDEATHSIG), switches to @type
 * and exits with fn(arg).  Exit code ST_EXIT_SETCON if the switch failed.
 */
#define ST_EXIT_SETCON	99
pid_t st_spawn_in(const char *type, int (*fn)(void *arg), void *arg);

/* st_spawn_in() + st_reap_or_kill() with a 20 s limit. */
int st_run_in(const char *type, int (*fn)(void *arg), void *arg);

#endif /* ST_DOMAIN_H */
