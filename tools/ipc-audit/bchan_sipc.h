/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * bchan_sipc.h - what the SIPC channel files share (bchan_sipc.c,
 * bchan_mem.c, bchan_meta.c): channel 1's handles, the queue helpers, and
 * the encoders and observers the table of bchan_sipc.c names.
 */
#ifndef IPC_AUDIT_BCHAN_SIPC_H
#define IPC_AUDIT_BCHAN_SIPC_H

#include <stdint.h>
#include "bchan.h"

#define PG		4096
#define MAP_PAGES	4
#define MEM_PAGES	32
#define REFCNT		"/sys/module/sipc/refcnt"

/* Channel K's name, or the name of R's J-th own channel (K = 100 + J). */
void sc_nm(const struct bctx *c, int k, char *buf);
/* ATTACH_SENDER / ATTACH_RECEIVER on channel 1: fd or -errno */
int sc_attach1(struct bctx *c, unsigned long cmd);
/* one non-blocking SEND or RECV: 0 or -errno */
int sc_msg(int fd, unsigned long cmd);
/* non-blocking SENDs until the queue is full: how many, or -errno */
int sc_fill(int fd);
/* N non-blocking RECVs */
int sc_take(int fd, int n);
/* S's endpoint on channel 1 (fd[0]), filled or not; R's (fd[1]) */
int sc_s_ep(struct bctx *c);
int sc_s_ep_fill(struct bctx *c);
int sc_r_ep(struct bctx *c);
double sc_fold(double h, uint64_t v);

/* bchan_mem.c */
int sc_s_map(struct bctx *c);
int sc_map_enc(struct bctx *c, int x);
int sc_pagemap_obs(struct bctx *c, double *y);
int sc_smaps_obs(struct bctx *c, double *y);
int sc_mincore_obs(struct bctx *c, double *y);
int sc_mem_enc(struct bctx *c, int x);
int sc_meminfo_obs(struct bctx *c, double *y);
int sc_vmstat_obs(struct bctx *c, double *y);
int sc_ref_enc(struct bctx *c, int x);
int sc_ref_obs(struct bctx *c, double *y);

/* bchan_meta.c */
int sc_info_s_init(struct bctx *c);
int sc_qlen_obs(struct bctx *c, double *y);
int sc_recvd_obs(struct bctx *c, double *y);
int sc_role_enc(struct bctx *c, int x);
int sc_state_obs(struct bctx *c, double *y);
int sc_epinfo_obs(struct bctx *c, double *y);
int sc_list_s_init(struct bctx *c);
int sc_list_enc(struct bctx *c, int x);
int sc_list_obs(struct bctx *c, double *y);
int sc_exist_enc(struct bctx *c, int x);
int sc_exist_obs(struct bctx *c, double *y);
int sc_destroy_enc(struct bctx *c, int x);
int sc_revoke_enc(struct bctx *c, int x);
int sc_send_obs(struct bctx *c, double *y);
int sc_busy_obs(struct bctx *c, double *y);

#endif
