/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * st_file.h - read and write the small files of sysfs, /proc and
 * selinuxfs, each in one read() or one write(): those files hand out or
 * take their whole value in one call.
 */
#ifndef ST_FILE_H
#define ST_FILE_H

#include <stddef.h>

/* Write s in one write(); 0, -errno, or -EIO on a short write. */
int st_write_file(const char *path, const char *s);
/* Read up to size - 1 bytes and NUL-terminate; the length or -errno. */
int st_read_file(const char *path, char *buf, size_t size);
/* The number the file holds (strtoll base 0), or -errno. */
long long st_read_ll(const char *path);

#endif /* ST_FILE_H */
