/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bench.h - sipc-bench's shared declarations.
 *
 * Layers: transports (t_*.c) move one message each way they know how;
 * run.c forks the peers and measures; report.c prints the table and
 * writes CSV, JSON and the PNG; main.c decides what to measure.
 *
 * Every message starts with a 16-byte header the receiver checks:
 * word 0 is the sequence number (bit 63: last message), word 1 the
 * sender's CLOCK_MONOTONIC time in ns (latency runs only).  The rest is
 * a fixed pattern whose 64-bit word sum both peers know, so the receiver
 * proves it read every byte by summing them.
 */
#ifndef SIPC_BENCH_H
#define SIPC_BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MSG_MIN		64		/* smallest message: header + pattern */
#define HDR_LAST	(1ULL << 63)
#define MAX_CHANNELS	16
#define SLOTS_MAX	65		/* SIPC_SLOTS_MAX */

/* One channel of one transport, for one run.  Set up in the parent (or a
 * helper child), then inherited by the forked peers. */
struct chan {
	const struct transport *t;
	size_t msg;			/* bytes per message */
	unsigned int slots;		/* buffers in the ring (slot transports) */
	char name[64];			/* SIPC channel name */
	int fd[4];			/* transport descriptors, -1 if unused */
	int ipc[2];			/* SysV msqid, shmid */
	size_t region;			/* bytes of the shared region */
	/* in a peer process */
	int h;				/* libsipc handle, or endpoint fd */
	unsigned char *map;		/* mapping of the region */
	unsigned char *rxbuf;		/* receive buffer (stream transports) */
	unsigned int slot;		/* next slot (ring transports) */
	bool held;			/* receiver holds a message */
};

/*
 * A way to move messages.  Calls return 0 or a negative errno.  Channel
 * setup and teardown run in the parent, or, for libsipc transports
 * (libsipc_backend set), in a short-lived helper child that selects the
 * backend first: the helper pattern, and one backend per process.
 */
struct transport {
	const char *name;		/* row label */
	const char *desc;		/* one line for --help and the docs */
	const char *libsipc_backend;	/* "kernel" / "sysv", or NULL */
	bool slotted;			/* uses chan.slots */
	bool sealed;			/* SIPC_CREATE_SEALED channel */
	/* Why it cannot run here (static text), or NULL. */
	const char *(*unavailable)(void);
	int (*setup)(struct chan *c);
	void (*teardown)(struct chan *c);
	int (*tx_open)(struct chan *c);
	/* Copy n bytes from src into the channel and hand them over. */
	int (*tx_send)(struct chan *c, const void *src, size_t n);
	int (*rx_open)(struct chan *c);
	/* The next message (n bytes), in place or in rxbuf. */
	int (*rx_recv)(struct chan *c, size_t n, const void **data);
	/* Done reading it; last: it was the final message. */
	int (*rx_release)(struct chan *c, bool last);
	/* Undo tx_open or rx_open (not setup: that is teardown's). */
	void (*close)(struct chan *c);
	/*
	 * Memory test, both ends open in one process: bring the channel to
	 * its idle steady state (buffers written once, or one message
	 * through where that cannot block).
	 */
	int (*prime)(struct chan *tx, struct chan *rx);
};

extern const struct transport t_pipe, t_unix, t_memfd, t_sysv2007,
	t_sipc_sysv, t_kernel2007, t_sipc_kernel1, t_sipc_kernelN,
	t_sipc_sealed1, t_sipc_sealedN;

/* Helpers for transports (util.c). */
uint64_t now_ns(void);
int write_all(int fd, const void *buf, size_t n);
int read_all(int fd, void *buf, size_t n);
size_t page_round(size_t n);
/* A channel name unique to this run: "bench-PID-N". */
void chan_name(struct chan *c);
/* Common teardown for descriptor transports. */
void close_fds(struct chan *c);
/* prime for mapped transports: the sender writes the region, the
 * receiver reads a byte of each page. */
int prime_maps(struct chan *tx, struct chan *rx);
/* The /dev/sipc check of the kernel transports. */
const char *no_dev_sipc(void);

/* ---- results ---------------------------------------------------------- */

enum test {
	TEST_TPUT,	/* param: message bytes */
	TEST_LAT,	/* param: message bytes */
	TEST_AGG,	/* param: channels */
	TEST_CREATE,	/* param: 0 */
	TEST_MEM,	/* param: channels measured */
	TEST_COUNT
};

struct result {
	enum test test;
	char backend[24];
	uint64_t param;
	bool ok;
	unsigned int slots;		/* 0 when not slotted */
	double mb_s, msg_s;		/* TPUT, AGG */
	double lat_med_us, lat_p99_us;	/* LAT */
	double ops_s;			/* CREATE */
	double kib;			/* MEM: KiB per channel */
	double cs, faults;		/* per message, both peers */
	double samples;			/* messages or samples measured */
	char note[128];			/* n/a reason, or a remark */
};

struct results {
	struct result *r;
	size_t n, cap;
	/* run description, printed and kept in the CSV */
	char label[96];
	char machine[160];
	char mode[96];
};

struct result *results_add(struct results *rs, enum test test,
			   const char *backend, uint64_t param);
const struct result *results_find(const struct results *rs, enum test test,
				  const char *backend, uint64_t param);

/* report.c */
const char *test_name(enum test t);
/* Ratios (NAN where they do not apply or the reference is missing). */
double result_x_memcpy(const struct results *rs, const struct result *r);
double result_x_pipe(const struct results *rs, const struct result *r);
/* memcpy and read-pass: one thread, no channel. */
bool result_baseline(const struct result *r);
void report_print(const struct results *rs);
/* export.c */
int report_csv(const struct results *rs, const char *path);
int report_json(const struct results *rs, const char *path);
int report_read_csv(struct results *rs, const char *path);
int report_png(const struct results *rs, const char *path);

/* ---- measuring (run.c) ------------------------------------------------ */

enum pin { PIN_NONE, PIN_SAME, PIN_SPLIT };

struct run_opts {
	double secs;			/* per figure */
	enum pin pin;
	unsigned int slots;		/* 0: chosen per message size */
	unsigned int mem_channels;
	bool verbose;
};

/* Slot count used for a message size (opts->slots or the default). */
unsigned int slots_for(const struct run_opts *o, size_t msg);

/*
 * Each fills one result: ok with figures, or not ok with the reason in
 * note.  memcpy is a pseudo transport (t == NULL).
 */
void run_tput(const struct run_opts *o, const struct transport *t,
	      size_t msg, unsigned int channels, struct result *r);
/* Baseline: the receiver's read pass (checksum) alone, one thread. */
void run_readpass(const struct run_opts *o, size_t msg, struct result *r);
void run_lat(const struct run_opts *o, const struct transport *t,
	     size_t msg, struct result *r);
/* Remove what a killed run may have left (registry dir, SysV ids). */
void run_cleanup(void);

/* admin.c: create rate and memory per channel. */
void run_create(const struct run_opts *o, const struct transport *t,
		struct result *r);
void run_mem(const struct run_opts *o, const struct transport *t,
	     struct result *r);

/* For admin.c, from run.c. */
/* Mark r not measured, the reason in note (printf format). */
void result_na(struct result *r, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* false (r says why) when t cannot run here; prepares libsipc's sysv dir. */
bool run_available(const struct transport *t, struct result *r);
/* fn in a child (backend selected, pinned as asked); its value into *out. */
void run_in_child(const struct run_opts *o, const struct transport *t,
		  double (*fn)(const struct run_opts *, const struct transport *, int *),
		  struct result *r, double *out);

#endif /* SIPC_BENCH_H */
