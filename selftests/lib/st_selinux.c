// SPDX-License-Identifier: GPL-2.0-only
/*
 * st_selinux.c - policy control (see st_selinux.h).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <linux/sipc.h>

#include "st_file.h"
#include "st_policy_load.h"
#include "st_selinux.h"
#include "st_sysfs.h"

bool st_policy_loaded(void)
{
	struct dirent *de;
	bool any = false;
	DIR *d;

	d = opendir(ST_SELINUXFS "/class");
	if (!d)
		return false;
	while ((de = readdir(d)))
		if (de->d_name[0] != '.') {
			any = true;
			break;
		}
	closedir(d);
	return any;
}

int st_policy_load(const char *name)
{
	const char *dir = getenv("SIPC_SE_DIR");
	char path[256];

	if (!dir || !*dir)
		dir = ST_SE_DIR_DEFAULT;
	snprintf(path, sizeof(path), "%s/%s.33", dir, name);
	return st_policy_load_file(path);
}

int st_setenforce(int value)
{
	return st_write_file(ST_SELINUXFS "/enforce", value ? "1" : "0");
}

int st_getenforce(void)
{
	char buf[16];
	int n = st_read_file(ST_SELINUXFS "/enforce", buf, sizeof(buf));

	return n < 0 ? n : atoi(buf);
}

int st_setbool(const char *name, int value)
{
	char path[256];
	int err;

	snprintf(path, sizeof(path), ST_SELINUXFS "/booleans/%s", name);
	err = st_write_file(path, value ? "1" : "0");
	if (!err)
		err = st_write_file(ST_SELINUXFS "/commit_pending_bools", "1");
	return err;
}

int st_path_label(const char *path, char *buf, size_t size)
{
	ssize_t n = getxattr(path, "security.selinux", buf, size - 1);

	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

int st_fd_label(int fd, char *buf, size_t size)
{
	ssize_t n = fgetxattr(fd, "security.selinux", buf, size - 1);

	if (n < 0)
		return -errno;
	buf[n] = '\0';
	return 0;
}

const char *st_type_of(const char *context)
{
	const char *p = context;
	int i;

	/* user:role:type[:level] */
	for (i = 0; i < 2 && p; i++) {
		p = strchr(p, ':');
		if (p)
			p++;
	}
	return p ? p : "";
}

int st_se_baseline(const char **why)
{
	char label[256];
	int err;

	*why = "load policy A";
	err = st_policy_load("A");
	if (err)
		return err;
	*why = "set sipc_test_a_ioctl";
	err = st_setbool("sipc_test_a_ioctl", 1);
	if (err)
		return err;
	*why = "setenforce 1";
	err = st_setenforce(1);
	if (err)
		return err;
	*why = "label of /dev/sipc";
	err = st_path_label(SIPC_DEVICE_PATH, label, sizeof(label));
	if (err)
		return err;
	if (!strncmp(st_type_of(label), "sipc_device_t", 13))
		return 0;
	/* Loaded before the policy: have the node made again. */
	*why = "reload sipc.ko";
	err = st_module_reload();
	if (err)
		return err;
	*why = "label of /dev/sipc after reload";
	err = st_path_label(SIPC_DEVICE_PATH, label, sizeof(label));
	if (err)
		return err;
	return strcmp(st_type_of(label), "sipc_device_t") ? -EPROTO : 0;
}
