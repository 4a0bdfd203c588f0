/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * st_sysfs.h - the module seen from sysfs: the live-object counters of
 * the device, the module parameters, and reloading sipc.ko.
 */
#ifndef ST_SYSFS_H
#define ST_SYSFS_H

#define ST_SYSFS_DIR		"/sys/class/sipc/sipc"
#define ST_PARAM_DIR		"/sys/module/sipc/parameters"
#define ST_MODULE_DIR		"/sys/module/sipc"
/* Where the guest image keeps the module ($SIPC_KO overrides it). */
#define ST_KO_DEFAULT		"/lib/sipc/sipc.ko"

struct st_counters {
	long long channels;
	long long endpoints;
	long long region_bytes;
};
int st_counters_read(struct st_counters *c);
/*
 * Wait up to timeout_ms for the counters to equal *want.  0 when they do;
 * -EAGAIN (and *now holds the last reading) when they never did.
 */
int st_counters_wait(const struct st_counters *want,
		     struct st_counters *now, int timeout_ms);
void st_counters_log(const char *what, const struct st_counters *c);
/*
 * In a fixture teardown: the module's counters come back to *start
 * within 2 s, else both sets are logged.  A macro: EXPECT needs the
 * harness's _metadata of the caller.
 */
#define ST_EXPECT_COUNTERS_BACK(start)					\
	do {								\
		struct st_counters st_now_;				\
									\
		EXPECT_EQ(0, st_counters_wait((start), &st_now_, 2000)) { \
			st_counters_log("start", (start));		\
			st_counters_log("now", &st_now_);		\
		}							\
	} while (0)

long long st_param_read(const char *param);
int st_param_write(const char *param, long long value);

/* rmmod sipc and insmod $SIPC_KO again (no channel or fd may exist). */
int st_module_reload(void);

#endif /* ST_SYSFS_H */
