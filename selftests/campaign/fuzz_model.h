/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * fuzz_model.h - sipc.ko as the fuzzer expects it to behave: channels,
 * endpoints, roles, queues, slots, revocation, destroy, limits and
 * mappings, in plain user-space data (see Documentation/testing.md,
 * "The model-based fuzzer").
 *
 * The model is written from include/uapi/linux/sipc.h and
 * Documentation/uapi.md, in the order of checks of kmod/ (which errno wins
 * when several apply).  Each fm_* operation takes the call as the kernel
 * would see it, returns the result the kernel must give (0, a value, a
 * negative errno, or FM_BLOCKS when the call would sleep and so must not
 * be made) and, unless it returns FM_BLOCKS, moves the model to the state
 * the kernel must then be in.  It never makes a system call.
 *
 * User memory the call can reach is described by struct fm_umem: a few
 * ranges with their access and their expected contents, which the
 * operations read and write as copy_from_user/copy_to_user would.  After
 * the real call, the caller compares those expected contents with memory.
 *
 * Lifetime: one struct fm_model per episode, in memory shared by every
 * worker; only the worker holding the turn (campaign_fuzz.c) touches it.
 *
 * To add a creation flag: accept its bit in FM_CREATE_FLAGS, keep it in
 * fm_chan.flags, and give struct fm_chan the state it needs (as sealed
 * channels did with seal[] and held); the INFO/EP_INFO sizes are
 * FM_INFO_SIZE / FM_EP_INFO_SIZE.
 */
#ifndef FUZZ_MODEL_H
#define FUZZ_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/sipc.h>

#define FM_PAGE		4096UL
#define FM_CHANS	24	/* channel objects alive at once */
#define FM_EPS		48	/* endpoint objects alive at once */
#define FM_FDS		64	/* endpoint descriptors open at once */
#define FM_MAPS		32	/* region mappings at once */
#define FM_PROCS	4	/* worker processes */
#define FM_PAGES	64	/* most pages of a region the model tracks */
#define FM_SPOTS	8	/* bytes per page whose contents are tracked */
#define FM_STR		256	/* creator context and channel label */
#define FM_BLOCKS	1000	/* result: the call would sleep */

/* The kernel's struct sizes (what it copies in and out). */
#define FM_CREATE_SIZE	SIPC_CREATE_SIZE_VER1
#define FM_INFO_SIZE	SIPC_INFO_SIZE_VER3
#define FM_EP_INFO_SIZE	SIPC_EP_INFO_SIZE_VER2
#define FM_REF_SIZE	SIPC_CHANNEL_REF_SIZE_VER1
#define FM_CREATE_FLAGS	SIPC_CREATE_SEALED /* creation flags the module accepts */

/* Offsets within a page whose bytes the model follows (fm_spot_off). */
extern const uint16_t fm_spot_off[FM_SPOTS];

struct fm_msg {
	uint32_t type, len;
	uint64_t offset, seq;
};

/*
 * A channel object: named, or destroyed and still held by an endpoint.
 * In this struct and the three below, the first field says "in use".
 */
struct fm_chan {
	bool alive;
	bool named;
	bool destroyed;
	bool sender_hup;
	char name[SIPC_NAME_MAX];
	uint64_t id;
	uint32_t handle;	/* step of the create that made it */
	uint32_t flags;		/* creation flags */
	uint64_t region_size, slot_size;
	uint32_t depth, slots, creator_pid;
	int sender, receiver;	/* attached endpoint (index in ep[]), or -1 */
	int refs;		/* endpoint objects that hold it */
	struct fm_msg q[SIPC_QUEUE_DEPTH_MAX];
	uint32_t qhead, qlen;
	uint64_t next_seq, sent, received, bytes;
	uint8_t data[FM_PAGES][FM_SPOTS];
	/*
	 * SIPC_CREATE_SEALED: per region page, the queued or held
	 * DATA_READYs that cover it (a sender store there gets SIGBUS), and
	 * the DATA_READY the receiver took last, which stays sealed until
	 * it takes another message or leaves (uapi.md, "Sealed channels").
	 */
	uint8_t seal[FM_PAGES];
	bool held;
	struct fm_msg held_msg;
};

/* An endpoint object: lives while a descriptor or a mapping holds it. */
struct fm_ep {
	bool alive;
	bool revoked;
	bool nonblock;		/* O_NONBLOCK of its file */
	int ch;
	uint32_t role;
	int fds, maps;
};

/* A descriptor of an endpoint in one worker process. */
struct fm_fd {
	bool open;
	bool cloexec;
	int proc;
	int ep;
	int fd;			/* the number the kernel gave */
	uint32_t handle;	/* step that opened it */
};

/* A mapping of a region in one worker process. */
struct fm_map {
	bool live;
	int proc;
	int ep;
	int prot;
	uintptr_t addr;
	size_t len;		/* bytes asked for */
	uint64_t off;		/* file offset, bytes */
	uint32_t handle;
};

struct fm_limits {
	uint64_t max_channels, max_region, max_total;
};

struct fm_model {
	struct fm_chan ch[FM_CHANS];
	struct fm_ep ep[FM_EPS];
	struct fm_fd fd[FM_FDS];
	struct fm_map map[FM_MAPS];
	struct fm_limits lim;
	uint64_t next_id;	/* id the next channel gets */
	uint32_t pid[FM_PROCS];
	uint32_t ctx_len, label_len;
	char ctx[FM_STR], label[FM_STR];
};

/* User memory reachable by one call: ranges, each with its contents. */
struct fm_range {
	uintptr_t start;
	size_t len;
	bool r, w;
	uint8_t *mem;		/* expected contents, updated by writes */
};

struct fm_umem {
	struct fm_range r[4];
	int n;
};

void fm_umem_add(struct fm_umem *um, uintptr_t start, size_t len, bool r,
		 bool w, uint8_t *mem);

/* Empty model with these limits and the next channel id. */
void fm_init(struct fm_model *m, const struct fm_limits *lim, uint64_t next_id);

/* /dev/sipc commands (cmd any number); ret_ep: new endpoint or -1. */
long fm_dev_ioctl(struct fm_model *m, int proc, uint32_t handle,
		  unsigned long cmd, struct fm_umem *um, uintptr_t ua,
		  int *ret_ep);
/* Endpoint commands on endpoint @ep. */
long fm_ep_ioctl(struct fm_model *m, int ep, unsigned long cmd,
		 struct fm_umem *um, uintptr_t ua);

/* Descriptors and mappings. */
int fm_fd_new(struct fm_model *m, int proc, int ep, uint32_t handle,
	      bool cloexec);
void fm_fd_close(struct fm_model *m, int fd);
/* mmap(): 0 or -errno; on 0 a mapping *slot is made. */
int fm_mmap(struct fm_model *m, int proc, int ep, size_t len, uint64_t off,
	    int prot, int flags, uint32_t handle, int *slot);
void fm_munmap(struct fm_model *m, int map);
/* A byte of a mapping: its value (0..255), or -SIGBUS. */
int fm_map_read(struct fm_model *m, int map, uint64_t page, int spot);
/* Writing it: 0 (then stored), or -SIGBUS. */
int fm_map_write(struct fm_model *m, int map, uint64_t page, int spot,
		 uint8_t val);
int fm_mprotect(struct fm_model *m, int map, int prot);
/* poll() revents with every event asked for. */
short fm_poll(struct fm_model *m, int ep);
/* A worker process exits: its descriptors and mappings go. */
void fm_proc_exit(struct fm_model *m, int proc);

/* Counters as /sys/class/sipc/sipc shows them. */
void fm_counters(const struct fm_model *m, long long *channels,
		 long long *endpoints, long long *region_bytes);
/* Named channels, in creation order: names[] of n, returns n. */
int fm_names(const struct fm_model *m, char (*names)[SIPC_NAME_MAX],
	     int max);
int fm_chan_by_handle(const struct fm_model *m, uint32_t handle);
int fm_fd_by_handle(const struct fm_model *m, uint32_t handle);
int fm_map_by_handle(const struct fm_model *m, uint32_t handle);

#endif /* FUZZ_MODEL_H */
