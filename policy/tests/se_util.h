/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * se_util.h - helpers of the SELinux guest tests: policy control, domain
 * switching in forked children, kernel log (AVC) search, and thin
 * wrappers of the /dev/sipc ioctls.
 *
 * The tests run in the QEMU guest as the kernel SID (kernel_t in the test
 * policy, unconfined): they load the policies built on the host, flip the
 * boolean, and fork children that switch to a confined domain by writing
 * /proc/self/attr/current (dyntransition) before touching sipc.
 *
 * Every function returns 0 (or a descriptor) on success and a negative
 * errno on failure; none prints, none asserts.
 */
#ifndef SE_UTIL_H
#define SE_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <linux/sipc.h>

/* Where the guest image holds the policies and the programs. */
#define SE_DIR_DEFAULT	"/selinux-tests"

#define SE_USER_ROLE	"user_u:base_r:"
#define SE_OBJECT	"user_u:object_r:"

/* ---- policy control (as the kernel SID) ---- */

/* Is a policy loaded (selinuxfs lists classes only after the first load)? */
bool se_policy_loaded(void);
/* Load <dir>/<name>.33 ("A", "nomap", "noq") in one write(). */
int se_load_policy(const char *name);
int se_setenforce(int value);
int se_getenforce(void);
/* Set a boolean and commit it (one policy change notification). */
int se_setbool(const char *name, int value);

/*
 * Load policy A, set the boolean back to its default (a policy load keeps
 * the current values of booleans), go enforcing, and make
 * sure /dev/sipc is labelled sipc_device_t: if sipc.ko was loaded before
 * the first policy load (the guest's /init does that), reload it so its
 * node is created again under the policy.  Returns 0 or -errno; *why says
 * which step failed.
 */
int se_baseline(const char **why);

/* rmmod sipc and insmod $SIPC_KO again (no channel or fd may exist). */
int se_module_reload(void);

/* The SELinux context of a path or descriptor, into buf. */
int se_path_label(const char *path, char *buf, size_t size);
int se_fd_label(int fd, char *buf, size_t size);
/* The type field of a context ("u:r:t" -> "t"), in place. */
const char *se_type_of(const char *context);

/* ---- domains ---- */

/* Switch the calling (single-threaded) process to SE_USER_ROLE<type>. */
int se_setcon(const char *type);

/*
 * Fork a child that dies with the caller (PDEATHSIG), switches to @type
 * and exits with fn(arg).  Exit code SE_EXIT_SETCON if the switch failed.
 */
#define SE_EXIT_SETCON	99
pid_t se_spawn(const char *type, int (*fn)(void *arg), void *arg);

/*
 * Wait for @pid for up to @timeout_ms.  Returns the exit code (0..255),
 * 256 + signal number if it was killed, or -ETIMEDOUT (the child is then
 * killed and reaped).
 */
#define SE_KILLED_BY(sig)	(256 + (sig))
int se_wait(pid_t pid, int timeout_ms);

/* se_spawn() + se_wait() with a 20 s limit. */
int se_run(const char *type, int (*fn)(void *arg), void *arg);

/* Wait until @pid sleeps inside ioctl(2); 0 or -ETIMEDOUT. */
int se_wait_blocked_in_ioctl(pid_t pid, int timeout_ms);

/* Poll *flag (shared memory) until it is non-zero; 0 or -ETIMEDOUT. */
int se_wait_flag(volatile int *flag, int timeout_ms);

/* Anonymous shared memory for results, visible to forked children. */
void *se_shared_alloc(size_t size);

/* ---- the kernel log ---- */

/*
 * struct se_avc - an AVC denial to look for.  Unset (NULL/0) fields are
 * not checked.  @perm must appear between the braces; @stype and @ttype
 * are types of the scontext and tcontext.
 */
struct se_avc {
	pid_t pid;
	const char *perm;
	unsigned int ioctlcmd;
	const char *stype;
	const char *ttype;
	const char *tclass;
};

/*
 * Wait up to @timeout_ms for a matching "avc:  denied" line in the kernel
 * log (the audit records reach it asynchronously).  Returns 0 when found;
 * the line is copied to @line if not NULL.
 */
int se_avc_wait(const struct se_avc *avc, int timeout_ms, char *line,
		size_t size);
/* Is there any AVC denial of @pid in the log? */
bool se_avc_any(pid_t pid);

/* ---- /dev/sipc ---- */

int sipc_dev_open(void);
int sipc_create(int dev, const char *name, uint64_t size, uint32_t depth);
int sipc_destroy(int dev, const char *name);
int sipc_attach(int dev, const char *name, int role, uint32_t flags);
int sipc_revoke(int dev, const char *name, uint32_t flags);
int sipc_list_total(int dev);
int sipc_version(int fd);
/* INFO with the creator's context and the channel's label. */
int sipc_info(int dev, const char *name, struct sipc_info *info,
	      char *context, size_t csize, char *label, size_t lsize);
int sipc_send(int ep, uint32_t type, uint32_t len, uint64_t offset,
	      uint32_t flags, uint64_t *seq);
int sipc_recv(int ep, struct sipc_msg *m, uint32_t flags);
int sipc_ep_info(int ep, struct sipc_ep_info *info);
int sipc_map_ioctl(int ep);
/* Destroy a channel as the caller, ignoring "no such channel". */
void sipc_cleanup(const char *name);

/* A channel name unique to this process and @tag. */
void se_chan_name(char *buf, size_t size, const char *tag);

#endif /* SE_UTIL_H */
