/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * st_uapi.h - raw wrappers of the /dev/sipc ioctls (<linux/sipc.h>).
 *
 * The tests talk to the UAPI directly, never through libsipc, so that a
 * bug in the library cannot hide one in the module; the st_ prefix keeps
 * these apart from libsipc's sipc_* functions.  Every wrapper fills the
 * struct's size field, returns 0 (or a descriptor) or a negative errno,
 * prints nothing and asserts nothing.
 */
#ifndef ST_UAPI_H
#define ST_UAPI_H

#include <poll.h>
#include <stddef.h>
#include <sys/types.h>

#include <linux/sipc.h>

/* Ask poll() for every event, so revents shows all the driver reports. */
#define ST_POLL_ALL	(POLLIN | POLLPRI | POLLOUT | POLLRDNORM | \
			 POLLWRNORM | POLLRDBAND | POLLWRBAND)
/* Poll masks the semantics document promises, exactly. */
#define ST_POLL_SEND_ROOM	(POLLOUT | POLLWRNORM)
#define ST_POLL_RECV_MSG	(POLLIN | POLLRDNORM)

/* A bit of every ioctl command nr the UAPI header defines. */
#define ST_IOCTL_BITS	((1ULL << 0x00) | (1ULL << 0x01) | (1ULL << 0x02) | \
			 (1ULL << 0x03) | (1ULL << 0x04) | (1ULL << 0x05) | \
			 (1ULL << 0x06) | (1ULL << 0x07) | (1ULL << 0x20) | \
			 (1ULL << 0x21) | (1ULL << 0x22) | (1ULL << 0x23) | \
			 (1ULL << 0x24) | (1ULL << 0x25))

/*
 * Skip the whole program, kselftest style (exit code 4, "1..0 # SKIP"),
 * when the module is not loaded.  Call first thing in main().
 */
void st_require_device(void);

/* Define main(): skip without /dev/sipc, else run the harness. */
#define ST_TEST_MAIN						\
	int main(int argc, char **argv)				\
	{							\
		st_require_device();				\
		return test_harness_run(argc, argv);		\
	}

int st_ioctl(int fd, unsigned long cmd, void *arg);
int st_dev_open(void);
/* A fresh name on every call: tag, pid and a counter. */
void st_name(char name[SIPC_NAME_MAX], const char *tag);
/* The same name on every call with the same tag in one process. */
void st_pid_name(char *buf, size_t size, const char *tag);

/* Names may be SIPC_NAME_MAX bytes without a NUL (bad-input tests). */
int st_create(int dev, const char *name, __u64 region, __u32 depth,
	      struct sipc_create *out);
/* st_create() with slots (0: one region) and SIPC_CREATE_* flags. */
int st_create_ex(int dev, const char *name, __u64 region, __u32 depth,
		 __u32 slots, __u32 flags, struct sipc_create *out);
int st_destroy(int dev, const char *name);
int st_attach(int dev, const char *name, int role, __u32 flags);
int st_revoke(int dev, const char *name, __u32 flags);
int st_info(int dev, const char *name, struct sipc_info *info);
/* INFO that also asks for the creator's context and the channel's label. */
int st_info_labels(int dev, const char *name, struct sipc_info *info,
		   char *context, size_t csize, char *label, size_t lsize);
int st_ep_info(int fd, struct sipc_ep_info *ei);
int st_send(int fd, __u32 type, __u32 len, __u64 off, __u32 flags,
	    __u64 *seq);
int st_recv(int fd, __u32 flags, struct sipc_msg *msg);
int st_version(int fd, struct sipc_version *v);
/* Fill names[0..*count) (names may be NULL with *count 0). */
int st_list(int dev, char (*names)[SIPC_NAME_MAX], __u32 *count,
	    __u32 *total);
/* How many channels exist, or -errno. */
int st_list_total(int dev);
/* 1 if name is listed, 0 if not, -errno. */
int st_listed(int dev, const char *name);
/* Destroy a channel through a descriptor of its own, ignoring errors. */
void st_cleanup(const char *name);
/* mmap an endpoint; returns MAP_FAILED with errno set on failure. */
void *st_map(int fd, size_t len, int prot, off_t off);
/* poll() one fd for events (ST_POLL_ALL: all); revents, or -errno. */
int st_poll1(int fd, short events, int timeout_ms);

#endif /* ST_UAPI_H */
