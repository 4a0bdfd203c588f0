// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * deadline.c - turn a timeout_ms argument into a deadline that every wait
 * of one call shares, so a call that waits several times (for the handle
 * lock, then for queue room twice) still gives up after timeout_ms in all.
 */
#include <errno.h>

#include "internal.h"

void sipc_deadline_init(struct sipc_deadline *dl, int ms)
{
	dl->ms = ms < 0 ? -1 : ms;
	if (ms <= 0)
		return;
	clock_gettime(CLOCK_MONOTONIC, &dl->end);
	dl->end.tv_sec += ms / 1000;
	dl->end.tv_nsec += (long)(ms % 1000) * 1000000;
	if (dl->end.tv_nsec >= 1000000000) {
		dl->end.tv_sec++;
		dl->end.tv_nsec -= 1000000000;
	}
}

int sipc_deadline_left(const struct sipc_deadline *dl)
{
	struct timespec now;
	long long ns;

	if (dl->ms <= 0)
		return dl->ms;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ns = (long long)(dl->end.tv_sec - now.tv_sec) * 1000000000 +
	     (dl->end.tv_nsec - now.tv_nsec);
	if (ns <= 0)
		return 0;
	/* Round up: a wait of "0 ms" would turn a timed call non-blocking. */
	return (int)((ns + 999999) / 1000000);
}

int sipc_deadline_error(const struct sipc_deadline *dl)
{
	return dl->ms == 0 ? -EAGAIN : -ETIMEDOUT;
}
