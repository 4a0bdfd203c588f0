/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * st_pin.h - the routes that would take a lasting page reference through
 * a mapping.  A region is a PFN mapping, so each must fail with -EFAULT;
 * these helpers only try, the tests decide.
 */
#ifndef ST_PIN_H
#define ST_PIN_H

#include <stddef.h>

/* vmsplice @len bytes at @p into a fresh pipe: 0 or -errno. */
int st_try_vmsplice(void *p, size_t len);
/*
 * Read up to 64 bytes at @p of our own memory with process_vm_readv, or
 * write 64 bytes there with process_vm_writev: 0 or -errno; -ENOSYS in a
 * kernel without CROSS_MEMORY_ATTACH, which has no such route at all.
 */
int st_try_process_vm_readv(void *p, size_t len);
int st_try_process_vm_writev(void *p);
/*
 * Register @len bytes at @p as an io_uring fixed buffer: 0 or -errno;
 * -ENOSYS when this kernel has no io_uring at all.
 */
int st_try_io_uring_register(void *p, size_t len);
/*
 * The guest's RAM disk (brd, loaded from the initramfs on first use) opened
 * O_RDWR | O_DIRECT, for the O_DIRECT routes: a descriptor or -errno.
 */
#define ST_RAMDISK	"/dev/ram0"
int st_ramdisk_open(void);

#endif /* ST_PIN_H */
