// SPDX-License-Identifier: GPL-2.0-only
/*
 * report.c - the results and the readable table; the files (CSV, JSON,
 * PNG) are export.c's.
 *
 * Ratios are computed here, never stored as inputs: bandwidth against
 * memcpy of the same size (or channel count), messages/s, latency,
 * create rate and memory against the pipe.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

static const char *const test_names[TEST_COUNT] = {
	[TEST_TPUT] = "tput", [TEST_LAT] = "lat", [TEST_AGG] = "agg",
	[TEST_CREATE] = "create", [TEST_MEM] = "mem",
};

const char *test_name(enum test t)
{
	return test_names[t];
}

struct result *results_add(struct results *rs, enum test test,
			   const char *backend, uint64_t param)
{
	struct result *r;

	if (rs->n == rs->cap) {
		size_t cap = rs->cap ? 2 * rs->cap : 64;

		r = realloc(rs->r, cap * sizeof(*r));
		if (!r) {
			perror("sipc-bench");
			exit(1);
		}
		rs->r = r;
		rs->cap = cap;
	}
	r = &rs->r[rs->n++];
	*r = (struct result){ .test = test, .param = param };
	snprintf(r->backend, sizeof(r->backend), "%s", backend);
	return r;
}

const struct result *results_find(const struct results *rs, enum test test,
				  const char *backend, uint64_t param)
{
	size_t i;

	for (i = 0; i < rs->n; i++)
		if (rs->r[i].test == test && rs->r[i].param == param &&
		    !strcmp(rs->r[i].backend, backend))
			return &rs->r[i];
	return NULL;
}

/* The value of r's reference row, or NAN. */
static double ref(const struct results *rs, const struct result *r,
		  const char *backend, size_t field)
{
	const struct result *b = results_find(rs, r->test, backend, r->param);

	if (!b || !b->ok || !r->ok)
		return NAN;
	return *(const double *)((const char *)b + field);
}

#define FIELD(f) offsetof(struct result, f)

static double ratio(const struct results *rs, const struct result *r,
		    const char *backend, size_t field)
{
	double base = ref(rs, r, backend, field);

	return base > 0 ? *(const double *)((const char *)r + field) / base : NAN;
}

double result_x_memcpy(const struct results *rs, const struct result *r)
{
	return r->test == TEST_TPUT || r->test == TEST_AGG ?
	       ratio(rs, r, "memcpy", FIELD(mb_s)) : NAN;
}

double result_x_pipe(const struct results *rs, const struct result *r)
{
	switch (r->test) {
	case TEST_TPUT:
	case TEST_AGG:
		return ratio(rs, r, "pipe", FIELD(msg_s));
	case TEST_LAT:
		return ratio(rs, r, "pipe", FIELD(lat_med_us));
	case TEST_CREATE:
		return ratio(rs, r, "pipe", FIELD(ops_s));
	case TEST_MEM:
		return ratio(rs, r, "pipe", FIELD(kib));
	default:
		return NAN;
	}
}

/* ---- the table -------------------------------------------------------- */

/* memcpy and read-pass: one thread, no channel, no peers to count. */
bool result_baseline(const struct result *r)
{
	return !strcmp(r->backend, "memcpy") || !strcmp(r->backend, "read-pass");
}

static const char *size_text(uint64_t n, char *buf, size_t size)
{
	if (n >= (1u << 20) && n % (1u << 20) == 0)
		snprintf(buf, size, "%llu MiB", (unsigned long long)(n >> 20));
	else if (n >= 1024 && n % 1024 == 0)
		snprintf(buf, size, "%llu KiB", (unsigned long long)(n >> 10));
	else
		snprintf(buf, size, "%llu B", (unsigned long long)n);
	return buf;
}

/* A number in about four significant digits, right-aligned in w. */
static const char *num(double v, int w, char *buf, size_t size)
{
	if (isnan(v))
		snprintf(buf, size, "%*s", w, "-");
	else if (fabs(v) >= 1000)
		snprintf(buf, size, "%*.0f", w, v);
	else if (fabs(v) >= 100)
		snprintf(buf, size, "%*.1f", w, v);
	else if (fabs(v) >= 1 || v == 0)
		snprintf(buf, size, "%*.2f", w, v);
	else
		snprintf(buf, size, "%*.3f", w, v);
	return buf;
}

#define N(v, w) num((v), (w), (char[32]){ 0 }, 32)

static void na_line(const struct result *r)
{
	printf("  %-15s n/a (%s)\n", r->backend, r->note);
}

static void slots_note(const struct result *r, char *buf, size_t size)
{
	if (r->slots)
		snprintf(buf, size, "%u slots%s%s", r->slots,
			 r->note[0] ? "; " : "", r->note);
	else
		snprintf(buf, size, "%s", r->note);
}

/* Sizes or channel counts present for a test, in first-seen order. */
static size_t params(const struct results *rs, enum test t, uint64_t *out, size_t max)
{
	size_t i, k, n = 0;

	for (i = 0; i < rs->n; i++) {
		if (rs->r[i].test != t)
			continue;
		for (k = 0; k < n && out[k] != rs->r[i].param; k++)
			;
		if (k == n && n < max)
			out[n++] = rs->r[i].param;
	}
	return n;
}

static void print_tput(const struct results *rs)
{
	uint64_t sizes[16];
	size_t ns = params(rs, TEST_TPUT, sizes, 16), s, i;
	char sz[32], extra[160];

	for (s = 0; s < ns; s++) {
		printf("\nThroughput, %s messages (MB/s of payload the receiver checksummed)\n",
		       size_text(sizes[s], sz, sizeof(sz)));
		printf("  %-15s %10s %9s %12s %7s %7s %7s  %s\n", "backend", "MB/s",
		       "x memcpy", "msgs/s", "x pipe", "cs/msg", "flt/msg", "notes");
		for (i = 0; i < rs->n; i++) {
			const struct result *r = &rs->r[i];

			if (r->test != TEST_TPUT || r->param != sizes[s])
				continue;
			if (!r->ok) {
				na_line(r);
				continue;
			}
			slots_note(r, extra, sizeof(extra));
			printf("  %-15s %s %s %s %s %s %s  %s\n", r->backend,
			       N(r->mb_s, 10), N(result_x_memcpy(rs, r), 9), N(r->msg_s, 12),
			       N(result_x_pipe(rs, r), 7),
			       result_baseline(r) ? N(NAN, 7) : N(r->cs, 7),
			       result_baseline(r) ? N(NAN, 7) : N(r->faults, 7),
			       extra);
		}
	}
}

static void print_lat(const struct results *rs)
{
	uint64_t sizes[4];
	size_t ns = params(rs, TEST_LAT, sizes, 4), s, i;
	char sz[32], extra[160];

	for (s = 0; s < ns; s++) {
		printf("\nOne-way latency, %s messages (send call to receive return, us)\n",
		       size_text(sizes[s], sz, sizeof(sz)));
		printf("  %-15s %10s %7s %10s %7s %8s  %s\n", "backend", "median",
		       "x pipe", "p99", "x pipe", "samples", "notes");
		for (i = 0; i < rs->n; i++) {
			const struct result *r = &rs->r[i];

			if (r->test != TEST_LAT || r->param != sizes[s])
				continue;
			if (!r->ok) {
				na_line(r);
				continue;
			}
			slots_note(r, extra, sizeof(extra));
			printf("  %-15s %s %s %s %s %8.0f  %s\n", r->backend,
			       N(r->lat_med_us, 10), N(result_x_pipe(rs, r), 7),
			       N(r->lat_p99_us, 10),
			       N(ratio(rs, r, "pipe", FIELD(lat_p99_us)), 7),
			       r->samples, extra);
		}
	}
}

static void print_agg(const struct results *rs, uint64_t msg)
{
	uint64_t ch[8];
	size_t nc = params(rs, TEST_AGG, ch, 8), c, i, k;
	char sz[32], head[24];
	const char *done[64];
	size_t ndone = 0;

	if (!nc)
		return;
	printf("\nAggregate throughput, %s messages, N channels at once "
	       "(MB/s, x memcpy with N copiers)\n", size_text(msg, sz, sizeof(sz)));
	printf("  %-15s", "backend");
	for (c = 0; c < nc; c++) {
		snprintf(head, sizeof(head), "%llu ch", (unsigned long long)ch[c]);
		printf(" %17s", head);
	}
	printf("\n");
	for (i = 0; i < rs->n; i++) {
		const struct result *r = &rs->r[i], *x;

		if (r->test != TEST_AGG)
			continue;
		for (k = 0; k < ndone && strcmp(done[k], r->backend); k++)
			;
		if (k < ndone || ndone == 64)
			continue;
		done[ndone++] = r->backend;
		if (!r->ok && !strcmp(r->note, "no /dev/sipc: sipc.ko not loaded")) {
			na_line(r);
			continue;
		}
		printf("  %-15s", r->backend);
		for (c = 0; c < nc; c++) {
			x = results_find(rs, TEST_AGG, r->backend, ch[c]);
			if (!x || !x->ok)
				printf(" %17s", "n/a");
			else
				printf(" %s (%s)", N(x->mb_s, 9), N(result_x_memcpy(rs, x), 5));
		}
		printf("\n");
		for (c = 0; c < nc; c++) {
			x = results_find(rs, TEST_AGG, r->backend, ch[c]);
			if (x && !x->ok)
				printf("  %15s   %llu ch: n/a (%s)\n", "",
				       (unsigned long long)ch[c], x->note);
		}
	}
}

static void print_simple(const struct results *rs, enum test t, const char *title,
			 const char *unit, size_t field)
{
	char extra[160];
	size_t i;

	printf("\n%s\n", title);
	printf("  %-15s %10s %7s  %s\n", "backend", unit, "x pipe", "notes");
	for (i = 0; i < rs->n; i++) {
		const struct result *r = &rs->r[i];

		if (r->test != t)
			continue;
		if (!r->ok) {
			na_line(r);
			continue;
		}
		slots_note(r, extra, sizeof(extra));
		printf("  %-15s %s %s  %s\n", r->backend,
		       N(*(const double *)((const char *)r + field), 10),
		       N(result_x_pipe(rs, r), 7), extra);
	}
}

/*
 * Sealed against unsealed, same run, same size: MB/s ratios.  The goal
 * (issue 16) is >= 0.9 at 1 MiB.
 */
static void print_sealed(const struct results *rs)
{
	static const char *const pair[2][2] = {
		{ "sipc-sealed-1", "sipc-kernel-1" },
		{ "sipc-sealed-N", "sipc-kernel-N" },
	};
	static const size_t sizes[] = { 4096, 65536, 1u << 20, 16u << 20 };
	const struct result *s, *u;
	char sz[32];
	bool any = false;
	size_t i, j;

	for (i = 0; i < 2; i++) {
		for (j = 0; j < sizeof(sizes) / sizeof(sizes[0]); j++) {
			s = results_find(rs, TEST_TPUT, pair[i][0], sizes[j]);
			u = results_find(rs, TEST_TPUT, pair[i][1], sizes[j]);
			if (!s || !u || !s->ok || !u->ok || u->mb_s <= 0)
				continue;
			if (!any)
				printf("\nSealed / unsealed throughput, same run (goal at 1 MiB: >= 0.90)\n");
			any = true;
			printf("  %-15s %-8s %s x %s%s\n", pair[i][0],
			       size_text(sizes[j], sz, sizeof(sz)),
			       N(s->mb_s / u->mb_s, 6), pair[i][1],
			       sizes[j] == 1u << 20 ?
			       (s->mb_s / u->mb_s >= 0.9 ? " (met)" : " (missed)") : "");
		}
	}
}

/* The goals, for the kernel rows, when they were measured. */
static void print_goals(const struct results *rs)
{
	static const char *const k[] = { "sipc-kernel-1", "sipc-kernel-N" };
	const struct result *r;
	bool any = false;
	double v;
	size_t i;

	for (i = 0; i < 2; i++) {
		r = results_find(rs, TEST_TPUT, k[i], 1u << 20);
		if (!r || !r->ok)
			continue;
		if (!any)
			printf("\nGoals (1 MiB: >= 0.8 x memcpy and >= 2 x pipe; 64 B multi-slot:"
			       " >= 1 x pipe msgs/s, latency <= 1.2 x pipe)\n");
		any = true;
		v = result_x_memcpy(rs, r);
		printf("  %-15s 1 MiB    %s x memcpy (%s)", k[i], N(v, 5),
		       v >= 0.8 ? "met" : "missed");
		v = result_x_pipe(rs, r);
		printf(", %s x pipe (%s)\n", N(v, 5), v >= 2 ? "met" : "missed");
		r = results_find(rs, TEST_TPUT, k[i], 64);
		if (r && r->ok) {
			v = result_x_pipe(rs, r);
			printf("  %-15s 64 B     %s x pipe msgs/s (%s)\n", k[i], N(v, 5),
			       v >= 1 ? "met" : "missed");
		}
		r = results_find(rs, TEST_LAT, k[i], 64);
		if (r && r->ok) {
			v = result_x_pipe(rs, r);
			printf("  %-15s 64 B     latency %s x pipe (%s)\n", k[i], N(v, 5),
			       v <= 1.2 ? "met" : "missed");
		}
	}
}

void report_print(const struct results *rs)
{
	char sz[32];
	uint64_t p[1];

	printf("sipc-bench: %s\n", rs->label[0] ? rs->label : "(unlabelled run)");
	if (rs->machine[0])
		printf("  machine: %s\n", rs->machine);
	if (rs->mode[0])
		printf("  mode:    %s\n", rs->mode);
	printf("  cs/msg, flt/msg: context switches and minor faults of both peers per message;"
	       "\n  MB = 10^6 bytes; n/a rows say why they could not run.\n");
	print_tput(rs);
	print_lat(rs);
	if (params(rs, TEST_AGG, p, 1))
		print_agg(rs, 65536);
	if (params(rs, TEST_CREATE, p, 1))
		print_simple(rs, TEST_CREATE,
			     "Channel create + attach both ends + detach + destroy",
			     "per s", FIELD(ops_s));
	if (params(rs, TEST_MEM, p, 1)) {
		char title[160];

		snprintf(title, sizeof(title),
			 "Memory per idle channel (%s buffers; free memory drop over %llu channels,"
			 " median of 3)", size_text(65536, sz, sizeof(sz)),
			 (unsigned long long)p[0]);
		print_simple(rs, TEST_MEM, title, "KiB", FIELD(kib));
	}
	print_goals(rs);
	print_sealed(rs);
	fflush(stdout);
}
