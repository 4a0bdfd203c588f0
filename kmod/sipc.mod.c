#include <linux/module.h>
#define INCLUDE_VERMAGIC
#include <linux/build-salt.h>
#include <linux/elfnote-lto.h>
#include <linux/export-internal.h>
#include <linux/vermagic.h>
#include <linux/compiler.h>

BUILD_SALT;
BUILD_LTO_INFO;

MODULE_INFO(vermagic, VERMAGIC_STRING);
MODULE_INFO(name, KBUILD_MODNAME);

__visible struct module __this_module
__section(".gnu.linkonce.this_module") = {
	.name = KBUILD_MODNAME,
	.init = init_module,
#ifdef CONFIG_MODULE_UNLOAD
	.exit = cleanup_module,
#endif
	.arch = MODULE_ARCH_INIT,
};

#ifdef CONFIG_RETPOLINE
MODULE_INFO(retpoline, "Y");
#endif


static const struct modversion_info ____versions[]
__used __section("__versions") = {
	{ 0xe3ec2f2b, "alloc_chrdev_region" },
	{ 0x88db9f48, "__check_object_size" },
	{ 0xa7dbde55, "__class_create" },
	{ 0x91c14d8d, "param_ops_uint" },
	{ 0xa421e6e4, "param_ops_ulong" },
	{ 0x13c49cc2, "_copy_from_user" },
	{ 0xafd744c6, "__x86_indirect_thunk_rbp" },
	{ 0xb38a2df9, "dev_set_name" },
	{ 0x72893a32, "param_ops_ushort" },
	{ 0xf675d9ac, "cdev_device_del" },
	{ 0x92540fbf, "finish_wait" },
	{ 0xfd11e3f7, "class_destroy" },
	{ 0x99f7371c, "refcount_dec_and_mutex_lock" },
	{ 0x4d03a9f9, "device_initialize" },
	{ 0xbfc1d1a, "check_zeroed_user" },
	{ 0x7a8fa66b, "unmap_mapping_range" },
	{ 0x3337fb39, "ihold" },
	{ 0x37a0cba, "kfree" },
	{ 0x9bb08504, "iput" },
	{ 0xdb99f392, "security_file_ioctl" },
	{ 0x8c26d495, "prepare_to_wait_event" },
	{ 0xe2964344, "__wake_up" },
	{ 0x88822d38, "unregister_blocking_lsm_notifier" },
	{ 0xba8fbd64, "_raw_spin_lock" },
	{ 0xcbd4898c, "fortify_panic" },
	{ 0xbdfb6dbb, "__fentry__" },
	{ 0xe783e261, "sysfs_emit" },
	{ 0x65487097, "__x86_indirect_thunk_rax" },
	{ 0x92997ed8, "_printk" },
	{ 0xa804b455, "cdev_device_add" },
	{ 0x1d24c881, "___ratelimit" },
	{ 0x1000e51, "schedule" },
	{ 0xa19b956, "__stack_chk_fail" },
	{ 0x296695f, "refcount_warn_saturate" },
	{ 0xab30ec32, "put_device" },
	{ 0x18b8355a, "make_kuid" },
	{ 0xa916b694, "strnlen" },
	{ 0xf44d53da, "security_secid_to_secctx" },
	{ 0x7d173e99, "__free_pages" },
	{ 0xed61f6b3, "security_release_secctx" },
	{ 0x32ac5d54, "kern_mount" },
	{ 0x599fb41c, "kvmalloc_node" },
	{ 0x3ef022ec, "compat_ptr_ioctl" },
	{ 0xcce37d81, "security_inode_getsecctx" },
	{ 0x8a90a2a, "anon_inode_getfd_secure" },
	{ 0x70a30df6, "vm_insert_page" },
	{ 0xfe487975, "init_wait_entry" },
	{ 0x68f31cbd, "__list_add_valid" },
	{ 0x189adfe6, "security_current_getsecid_subj" },
	{ 0xb3f548ad, "kmemdup_nul" },
	{ 0x505f95b0, "noop_llseek" },
	{ 0x4dfa8d4b, "mutex_lock" },
	{ 0xc3aaf0a9, "__put_user_1" },
	{ 0xe1537255, "__list_del_entry_valid" },
	{ 0xcefb0c9f, "__mutex_init" },
	{ 0x89940875, "mutex_lock_interruptible" },
	{ 0x68fb37ae, "current_task" },
	{ 0x6c3ea182, "vm_insert_pages" },
	{ 0xa5b9a66f, "from_kuid" },
	{ 0xfb578fc5, "memset" },
	{ 0x5b8239ca, "__x86_return_thunk" },
	{ 0x6b10bee1, "_copy_to_user" },
	{ 0xd9a5ea54, "__init_waitqueue_head" },
	{ 0xacae9b85, "make_kgid" },
	{ 0xe2d5255a, "strcmp" },
	{ 0x4b9336d5, "init_pseudo" },
	{ 0xdd64e639, "strscpy" },
	{ 0x6091b333, "unregister_chrdev_region" },
	{ 0x3213f038, "mutex_unlock" },
	{ 0x4d3a5dfe, "init_user_ns" },
	{ 0x11dd3e1e, "alloc_pages" },
	{ 0x6729d3df, "__get_user_4" },
	{ 0x33e6db42, "kern_unmount" },
	{ 0xf738d1be, "register_blocking_lsm_notifier" },
	{ 0x81926b01, "kill_anon_super" },
	{ 0x606e9d01, "kmalloc_trace" },
	{ 0xf63f4609, "anon_inode_make_secure_inode" },
	{ 0x754d539c, "strlen" },
	{ 0x7aa1756e, "kvfree" },
	{ 0xb5b54b34, "_raw_spin_unlock" },
	{ 0xc9f4b187, "cdev_init" },
	{ 0xeb233a45, "__kmalloc" },
	{ 0xe2c17b5d, "__SCT__might_resched" },
	{ 0x7a7caba8, "kmalloc_caches" },
	{ 0x9060323f, "module_layout" },
};

MODULE_INFO(depends, "");

