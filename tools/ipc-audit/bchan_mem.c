// SPDX-License-Identifier: GPL-2.0-only
/*
 * bchan_mem.c - page-mapping state (pagemap, smaps, mincore), the
 * system's mapped-page counters and the module's reference count, as
 * receiver-to-sender channels (bchan_sipc.c has the table).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>
#include <linux/sipc.h>
#include "bchan.h"
#include "bchan_sipc.h"
#include "sipc_raw.h"

/* ---- page-mapping state ---- */

int sc_s_map(struct bctx *c)
{
	int err = sc_s_ep(c), i;

	if (err)
		return err;
	c->memsz = MAP_PAGES * PG;
	c->step = "mmap";
	c->mem[0] = mmap(NULL, c->memsz, PROT_READ | PROT_WRITE, MAP_SHARED, c->fd[0], 0);
	if (c->mem[0] == MAP_FAILED)
		return -errno;
	for (i = 0; i < MAP_PAGES; i++)
		((volatile char *)c->mem[0])[i * PG] = 1;
	c->step = "open /proc/self/pagemap";
	c->fd[2] = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	return c->fd[2] < 0 ? -errno : 0;
}

/* R: a fresh mapping of its side, page j read iff bit j of x */
int sc_map_enc(struct bctx *c, int x)
{
	int j;

	if (c->mem[0])
		munmap(c->mem[0], MAP_PAGES * PG);
	c->mem[0] = mmap(NULL, MAP_PAGES * PG, PROT_READ, MAP_SHARED, c->fd[1], 0);
	if (c->mem[0] == MAP_FAILED) {
		c->mem[0] = NULL;
		return -errno;
	}
	for (j = 0; j < MAP_PAGES; j++)
		if (x >> j & 1)
			(void)((volatile const char *)c->mem[0])[j * PG];
	return 0;
}

int sc_pagemap_obs(struct bctx *c, double *y)
{
	uint64_t e[MAP_PAGES];
	off_t off = (uintptr_t)c->mem[0] / PG * sizeof(uint64_t);
	int j;

	if (pread(c->fd[2], e, sizeof(e), off) != sizeof(e))
		return -errno ? -errno : -EIO;
	*y = 0;
	for (j = 0; j < MAP_PAGES; j++)
		*y = sc_fold(*y, e[j]);
	return 0;
}

int sc_smaps_obs(struct bctx *c, double *y)
{
	char line[256], want[32];
	int in = 0, found = 0;
	FILE *f = fopen("/proc/self/smaps", "re");

	if (!f)
		return -errno;
	snprintf(want, sizeof(want), "%lx-", (unsigned long)(uintptr_t)c->mem[0]);
	*y = 0;
	while (fgets(line, sizeof(line), f)) {
		/* field lines start "Name:", VMA headers "start-end perms ..." */
		const char *sp = strchr(line, ' ');
		int hdr = sp && sp > line && sp[-1] != ':';

		if (!strncmp(line, want, strlen(want))) {
			in = found = 1;
			continue;
		}
		if (in && hdr)
			break;
		if (in) {
			const char *p;
			uint64_t h = 0;

			for (p = line; *p; p++)
				h = (h ^ (uint8_t)*p) * 0x100000001b3ull;
			*y = sc_fold(*y, h);
		}
	}
	fclose(f);
	return found ? 0 : -ENOENT;
}

int sc_mincore_obs(struct bctx *c, double *y)
{
	unsigned char v[MAP_PAGES];
	int j;

	if (mincore(c->mem[0], MAP_PAGES * PG, v))
		return -errno;
	*y = 0;
	for (j = 0; j < MAP_PAGES; j++)
		*y = *y * 2 + (v[j] & 1);
	return 0;
}

/* ---- system-wide counters ---- */

/* R: x whole mappings of the 32-page region, every page touched */
int sc_mem_enc(struct bctx *c, int x)
{
	int k, j;

	for (k = 0; k < 3; k++)
		if (c->mem[k]) {
			munmap(c->mem[k], MEM_PAGES * PG);
			c->mem[k] = NULL;
		}
	for (k = 0; k < x; k++) {
		c->mem[k] = mmap(NULL, MEM_PAGES * PG, PROT_READ, MAP_SHARED, c->fd[1], 0);
		if (c->mem[k] == MAP_FAILED) {
			c->mem[k] = NULL;
			return -errno;
		}
		for (j = 0; j < MEM_PAGES; j++)
			(void)((volatile const char *)c->mem[k])[j * PG];
	}
	return 0;
}

static int read_key(const char *path, const char *key, double *y)
{
	char line[160];
	size_t kl = strlen(key);
	FILE *f = fopen(path, "re");
	int err = -ENOENT;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f))
		if (!strncmp(line, key, kl)) {
			*y = strtod(line + kl, NULL);
			err = 0;
			break;
		}
	fclose(f);
	return err;
}

int sc_meminfo_obs(struct bctx *c, double *y)
{
	(void)c;
	return read_key("/proc/meminfo", "Mapped:", y);
}

int sc_vmstat_obs(struct bctx *c, double *y)
{
	(void)c;
	return read_key("/proc/vmstat", "nr_mapped ", y);
}

/* ---- the module's reference count ---- */

int sc_ref_enc(struct bctx *c, int x)
{
	int k;

	for (k = 0; k < 3; k++) {
		if (k < x && c->fd[4 + k] <= 0) {
			c->fd[4 + k] = bc_dev();
			if (c->fd[4 + k] < 0) {
				int err = c->fd[4 + k];

				c->fd[4 + k] = 0;
				return err;
			}
		} else if (k >= x && c->fd[4 + k] > 0) {
			close(c->fd[4 + k]);
			c->fd[4 + k] = 0;
		}
	}
	return 0;
}

int sc_ref_obs(struct bctx *c, double *y)
{
	(void)c;
	return read_key(REFCNT, "", y);
}

