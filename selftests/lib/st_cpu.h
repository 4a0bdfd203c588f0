/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * st_cpu.h - CPU pinning.
 *
 * Under QEMU TCG a wake-up across vCPUs costs about a timer tick (pipes
 * too), so long ping-pong loops pin both peers to one CPU.
 */
#ifndef ST_CPU_H
#define ST_CPU_H

/* Keep the caller (and what it forks later) on its first allowed CPU. */
int st_pin_one_cpu(void);

#endif /* ST_CPU_H */
