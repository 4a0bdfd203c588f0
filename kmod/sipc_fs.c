// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_fs.c - a private pseudo filesystem that gives each channel an inode
 * of its own, labelled by the LSM when the channel is created.
 *
 * Why: the 2007 design has a channel keep the security type of the helper
 * that created it, so that policy can say which senders and receivers may
 * use channels made by which helpers.  The channel inode is created in the
 * creator's context through anon_inode_make_secure_inode() (SELinux: a
 * type_transition on the name "[sipc-channel]", else the creator's own
 * type, and a "create" check).  Endpoints are then made with this inode as
 * their context inode, so each endpoint carries the channel's label and
 * every ioctl and mapping on it is checked against that label.
 */
#include <linux/anon_inodes.h>
#include <linux/fs.h>
#include <linux/fs_context.h>
#include <linux/mount.h>
#include <linux/pseudo_fs.h>
#include <linux/security.h>
#include <linux/slab.h>
#include "sipc_internal.h"

#define SIPC_FS_MAGIC	0x53495043	/* "SIPC" */

static struct vfsmount *sipc_mnt;

static int sipc_fs_init_fs_context(struct fs_context *fc)
{
	return init_pseudo(fc, SIPC_FS_MAGIC) ? 0 : -ENOMEM;
}

static struct file_system_type sipc_fs_type = {
	.name		 = "sipc",
	.init_fs_context = sipc_fs_init_fs_context,
	.kill_sb	 = kill_anon_super,
};

int sipc_fs_init(void)
{
	sipc_mnt = kern_mount(&sipc_fs_type);
	return PTR_ERR_OR_ZERO(sipc_mnt);
}

void sipc_fs_exit(void)
{
	kern_unmount(sipc_mnt);
}

/* A new channel inode, labelled for the current task; may be -EACCES. */
struct inode *sipc_fs_channel_inode(void)
{
	return anon_inode_make_secure_inode(sipc_mnt->mnt_sb,
					    SIPC_CHANNEL_INODE_NAME, NULL);
}

/* The inode's label as a string, or NULL when no LSM gives one. */
char *sipc_fs_label(struct inode *inode)
{
	void *ctx;
	u32 len;
	char *label;

	if (security_inode_getsecctx(inode, &ctx, &len))
		return NULL;
	label = kmemdup_nul(ctx, len, GFP_KERNEL_ACCOUNT);
	security_release_secctx(ctx, len);
	return label;
}
