/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * st_procfs.h - is a child asleep inside an ioctl?  Read from
 * /proc/<pid>/stat (state S) and /proc/<pid>/syscall (the call and its
 * command), which is the only way to know that a peer really blocks in
 * the kernel rather than being about to.
 */
#ifndef ST_PROCFS_H
#define ST_PROCFS_H

#include <stdbool.h>
#include <sys/types.h>

/* For cmd below: any ioctl command will do. */
#define ST_ANY_IOCTL	0UL

/* true when the child pid sleeps interruptibly inside ioctl(.., cmd, ..). */
bool st_in_ioctl(pid_t pid, unsigned long cmd);
/* Wait until st_in_ioctl(); 0 or -ETIMEDOUT (with a diagnostic). */
int st_wait_blocked(pid_t pid, unsigned long cmd, int timeout_ms);
/* Sleep ms, then report whether pid is still asleep in cmd. */
bool st_still_blocked(pid_t pid, unsigned long cmd, int ms);

#endif /* ST_PROCFS_H */
