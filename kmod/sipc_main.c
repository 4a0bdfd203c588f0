// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_main.c - the /dev/sipc character device, module parameters and
 * counters.
 *
 * Userspace walkthrough (see include/uapi/linux/sipc.h and
 * Documentation/uapi.md for the rules):
 *
 *   helper:   fd = open("/dev/sipc"); ioctl(fd, SIPC_IOC_CREATE, name,
 *             size, depth); exit.
 *   sender:   s = ioctl(fd, SIPC_IOC_ATTACH_SENDER, name);
 *             p = mmap(PROT_READ | PROT_WRITE, MAP_SHARED, s);
 *             fill p; ioctl(s, SIPC_IOC_SEND, DATA_READY, len);
 *             ioctl(s, SIPC_IOC_SEND, NOOP); ioctl(s, SIPC_IOC_SEND, NOOP)
 *             (returns once the receiver is done); refill p ...
 *   receiver: r = ioctl(fd, SIPC_IOC_ATTACH_RECEIVER, name);
 *             p = mmap(PROT_READ, MAP_SHARED, r);
 *             ioctl(r, SIPC_IOC_RECV) -> DATA_READY; read p;
 *             ioctl(r, SIPC_IOC_RECV) -> NOOP twice; repeat.
 *   (SIPC_IOC_COMMIT and SIPC_IOC_RECV_NEXT do each side's step in one
 *   call; multi-slot channels let the sender fill one slot while the
 *   receiver reads another.)
 *
 * The device is a plain character device rather than a misc device only
 * because a misc device cannot give its node an owner: dev_uid and
 * dev_gid reach devtmpfs through the device type's devnode callback.
 */
#include <linux/cdev.h>
#include <linux/device.h>
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/uidgid.h>
#include "sipc_internal.h"

static unsigned short dev_mode = 0600;
module_param(dev_mode, ushort, 0444);
MODULE_PARM_DESC(dev_mode, "Permission bits of /dev/sipc (default 0600)");

static unsigned int dev_uid;
module_param(dev_uid, uint, 0444);
MODULE_PARM_DESC(dev_uid, "Owner uid of /dev/sipc (default 0)");

static unsigned int dev_gid;
module_param(dev_gid, uint, 0444);
MODULE_PARM_DESC(dev_gid, "Owner gid of /dev/sipc (default 0)");

unsigned int sipc_max_channels = 128;
EXPORT_SYMBOL_IF_KUNIT(sipc_max_channels);
module_param_named(max_channels, sipc_max_channels, uint, 0644);
MODULE_PARM_DESC(max_channels, "Most channels alive at once (default 128)");

unsigned long sipc_max_region_size = 64UL << 20;
EXPORT_SYMBOL_IF_KUNIT(sipc_max_region_size);
module_param_named(max_region_size, sipc_max_region_size, ulong, 0644);
MODULE_PARM_DESC(max_region_size,
		 "Largest region of one channel, bytes (default 64 MiB)");

unsigned long sipc_max_total_region = 256UL << 20;
EXPORT_SYMBOL_IF_KUNIT(sipc_max_total_region);
module_param_named(max_total_region, sipc_max_total_region, ulong, 0644);
MODULE_PARM_DESC(max_total_region,
		 "Region memory of all channels together, bytes (default 256 MiB)");

static long sipc_dev_ioctl(struct file *file, unsigned int cmd,
			   unsigned long arg)
{
	void __user *uarg = (void __user *)arg;

	switch (cmd) {
	case SIPC_IOC_VERSION:
		return sipc_ioctl_version(uarg);
	case SIPC_IOC_CREATE:
		return sipc_ioctl_create(uarg);
	case SIPC_IOC_DESTROY:
		return sipc_ioctl_destroy(uarg);
	case SIPC_IOC_ATTACH_SENDER:
		return sipc_ioctl_attach(uarg, SIPC_ROLE_SENDER);
	case SIPC_IOC_ATTACH_RECEIVER:
		return sipc_ioctl_attach(uarg, SIPC_ROLE_RECEIVER);
	case SIPC_IOC_INFO:
		return sipc_ioctl_info(uarg);
	case SIPC_IOC_LIST:
		return sipc_ioctl_list(uarg);
	case SIPC_IOC_REVOKE:
		return sipc_ioctl_revoke(uarg);
	default:
		return -ENOTTY;
	}
}

static const struct file_operations sipc_dev_fops = {
	.owner		= THIS_MODULE,
	.unlocked_ioctl	= sipc_dev_ioctl,
	.compat_ioctl	= compat_ptr_ioctl,
	.llseek		= noop_llseek,
};

static ssize_t sipc_stat_show(struct device *dev,
			      struct device_attribute *attr, char *buf)
{
	struct dev_ext_attribute *ea =
		container_of(attr, struct dev_ext_attribute, attr);

	return sysfs_emit(buf, "%ld\n", atomic_long_read(ea->var));
}

/* Root-only: who is attached where is itself a channel between users. */
static struct dev_ext_attribute sipc_stat_channels = {
	__ATTR(channels, 0400, sipc_stat_show, NULL), &sipc_stats.channels
};

static struct dev_ext_attribute sipc_stat_endpoints = {
	__ATTR(endpoints, 0400, sipc_stat_show, NULL), &sipc_stats.endpoints
};

static struct dev_ext_attribute sipc_stat_region_bytes = {
	__ATTR(region_bytes, 0400, sipc_stat_show, NULL),
	&sipc_stats.region_bytes
};

static struct attribute *sipc_dev_attrs[] = {
	&sipc_stat_channels.attr.attr,
	&sipc_stat_endpoints.attr.attr,
	&sipc_stat_region_bytes.attr.attr,
	NULL,
};
ATTRIBUTE_GROUPS(sipc_dev);

static char *sipc_devnode(struct device *dev, umode_t *mode, kuid_t *uid,
			  kgid_t *gid)
{
	if (mode)
		*mode = dev_mode;
	if (uid)
		*uid = make_kuid(&init_user_ns, dev_uid);
	if (gid)
		*gid = make_kgid(&init_user_ns, dev_gid);
	return NULL;
}

static const struct device_type sipc_dev_type = {
	.name	 = "sipc",
	.devnode = sipc_devnode,
};

static struct class *sipc_class;
static dev_t sipc_devt;
static struct cdev sipc_cdev;
static struct device *sipc_dev;

static void sipc_dev_release(struct device *dev)
{
	kfree(dev);
}

static int sipc_dev_create(void)
{
	int err;

	sipc_dev = kzalloc(sizeof(*sipc_dev), GFP_KERNEL);
	if (!sipc_dev)
		return -ENOMEM;
	device_initialize(sipc_dev);
	sipc_dev->devt = sipc_devt;
	sipc_dev->class = sipc_class;
	sipc_dev->type = &sipc_dev_type;
	sipc_dev->groups = sipc_dev_groups;
	sipc_dev->release = sipc_dev_release;
	err = dev_set_name(sipc_dev, "sipc");
	if (err)
		goto err_put;

	cdev_init(&sipc_cdev, &sipc_dev_fops);
	sipc_cdev.owner = THIS_MODULE;
	err = cdev_device_add(&sipc_cdev, sipc_dev);
	if (err)
		goto err_put;
	return 0;

err_put:
	put_device(sipc_dev);
	return err;
}

static int __init sipc_init(void)
{
	int err;

	if (dev_mode & ~0777) {
		pr_err("sipc: dev_mode %#o has bits outside 0777\n", dev_mode);
		return -EINVAL;
	}
	err = sipc_fs_init();
	if (err)
		return err;
	err = sipc_revoke_init();
	if (err)
		goto err_fs_exit;
	err = alloc_chrdev_region(&sipc_devt, 0, 1, "sipc");
	if (err)
		goto err_revoke_exit;
	sipc_class = class_create(THIS_MODULE, "sipc");
	if (IS_ERR(sipc_class)) {
		err = PTR_ERR(sipc_class);
		goto err_unregister_region;
	}
	err = sipc_dev_create();
	if (err)
		goto err_destroy_class;
	pr_info("sipc: /dev/sipc ready (API %d)\n", SIPC_API_VERSION);
	return 0;

err_destroy_class:
	class_destroy(sipc_class);
err_unregister_region:
	unregister_chrdev_region(sipc_devt, 1);
err_revoke_exit:
	sipc_revoke_exit();
err_fs_exit:
	sipc_fs_exit();
	return err;
}

/*
 * No endpoint or open /dev/sipc can exist here: each pins the module.
 * What is left are channels held only by the table.
 */
static void __exit sipc_exit(void)
{
	cdev_device_del(&sipc_cdev, sipc_dev);
	put_device(sipc_dev);
	class_destroy(sipc_class);
	unregister_chrdev_region(sipc_devt, 1);
	sipc_revoke_exit();
	sipc_channel_destroy_all();
	WARN_ON(atomic_long_read(&sipc_stats.channels));
	WARN_ON(atomic_long_read(&sipc_stats.region_bytes));
	sipc_fs_exit();
}

module_init(sipc_init);
module_exit(sipc_exit);

MODULE_DESCRIPTION("SIPC: secure one-way inter-process channels");
MODULE_LICENSE("GPL");
