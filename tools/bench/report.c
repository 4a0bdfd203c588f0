// SPDX-License-Identifier: GPL-2.0-only
/*
 * report.c - the results: a readable table, CSV (which can be read back,
 * so a run made in the guest is rendered on the host), JSON, and a PNG
 * of throughput against message size drawn by gnuplot.
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

static double x_memcpy(const struct results *rs, const struct result *r)
{
	return r->test == TEST_TPUT || r->test == TEST_AGG ?
	       ratio(rs, r, "memcpy", FIELD(mb_s)) : NAN;
}

static double x_pipe(const struct results *rs, const struct result *r)
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
static bool baseline(const struct result *r)
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
			       N(r->mb_s, 10), N(x_memcpy(rs, r), 9), N(r->msg_s, 12),
			       N(x_pipe(rs, r), 7),
			       baseline(r) ? N(NAN, 7) : N(r->cs, 7),
			       baseline(r) ? N(NAN, 7) : N(r->faults, 7),
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
			       N(r->lat_med_us, 10), N(x_pipe(rs, r), 7),
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
				printf(" %s (%s)", N(x->mb_s, 9), N(x_memcpy(rs, x), 5));
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
		       N(x_pipe(rs, r), 7), extra);
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
		v = x_memcpy(rs, r);
		printf("  %-15s 1 MiB    %s x memcpy (%s)", k[i], N(v, 5),
		       v >= 0.8 ? "met" : "missed");
		v = x_pipe(rs, r);
		printf(", %s x pipe (%s)\n", N(v, 5), v >= 2 ? "met" : "missed");
		r = results_find(rs, TEST_TPUT, k[i], 64);
		if (r && r->ok) {
			v = x_pipe(rs, r);
			printf("  %-15s 64 B     %s x pipe msgs/s (%s)\n", k[i], N(v, 5),
			       v >= 1 ? "met" : "missed");
		}
		r = results_find(rs, TEST_LAT, k[i], 64);
		if (r && r->ok) {
			v = x_pipe(rs, r);
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
	fflush(stdout);
}

/* ---- CSV -------------------------------------------------------------- */

#define CSV_HEAD "test,backend,param,status,slots,mb_s,msg_s,lat_med_us,lat_p99_us," \
		 "ops_s,kib_per_chan,cs_per_msg,faults_per_msg,samples,x_memcpy,x_pipe,note"

static void csv_num(FILE *f, double v)
{
	if (isnan(v))
		fputs(",", f);
	else
		fprintf(f, ",%.10g", v);
}

/* Text fields: no quotes or commas inside, so no quoting is needed. */
static void csv_text(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(*s == ',' ? ';' : *s == '"' ? '\'' : *s, f);
}

int report_csv(const struct results *rs, const char *path)
{
	FILE *f = fopen(path, "w");
	size_t i;

	if (!f)
		return -errno;
	/* Comment lines: commas are fine there. */
	fprintf(f, "# label: %s\n# machine: %s\n# mode: %s\n%s\n",
		rs->label, rs->machine, rs->mode, CSV_HEAD);
	for (i = 0; i < rs->n; i++) {
		const struct result *r = &rs->r[i];
		bool ok = r->ok;

		fprintf(f, "%s,%s,%llu,%s,%u", test_name(r->test), r->backend,
			(unsigned long long)r->param, ok ? "ok" : "n/a", r->slots);
		csv_num(f, ok && (r->test == TEST_TPUT || r->test == TEST_AGG) ? r->mb_s : NAN);
		csv_num(f, ok && (r->test == TEST_TPUT || r->test == TEST_AGG) ? r->msg_s : NAN);
		csv_num(f, ok && r->test == TEST_LAT ? r->lat_med_us : NAN);
		csv_num(f, ok && r->test == TEST_LAT ? r->lat_p99_us : NAN);
		csv_num(f, ok && r->test == TEST_CREATE ? r->ops_s : NAN);
		csv_num(f, ok && r->test == TEST_MEM ? r->kib : NAN);
		csv_num(f, ok && r->test == TEST_TPUT && !baseline(r) ? r->cs : NAN);
		csv_num(f, ok && r->test == TEST_TPUT && !baseline(r) ? r->faults : NAN);
		csv_num(f, ok ? r->samples : NAN);
		csv_num(f, x_memcpy(rs, r));
		csv_num(f, x_pipe(rs, r));
		fputc(',', f);
		csv_text(f, r->note);
		fputc('\n', f);
	}
	return fclose(f) ? -errno : 0;
}

static double field_num(const char *s)
{
	return *s ? strtod(s, NULL) : NAN;
}

int report_read_csv(struct results *rs, const char *path)
{
	char line[1024], *fld[20], *p;
	FILE *f = fopen(path, "r");
	int n, t, lineno = 0;
	struct result *r;

	if (!f)
		return -errno;
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		line[strcspn(line, "\r\n")] = '\0';
		if (sscanf(line, "# label: %95[^\n]", rs->label) == 1 ||
		    sscanf(line, "# machine: %159[^\n]", rs->machine) == 1 ||
		    sscanf(line, "# mode: %95[^\n]", rs->mode) == 1 ||
		    line[0] == '#' || !line[0] || !strncmp(line, "test,", 5))
			continue;
		for (n = 0, p = line; n < 20; n++) {
			fld[n] = p;
			p = strchr(p, ',');
			if (!p) {
				n++;
				break;
			}
			*p++ = '\0';
		}
		if (n != 17) {
			fprintf(stderr, "sipc-bench: %s:%d: %d fields, want 17\n", path, lineno, n);
			fclose(f);
			return -EINVAL;
		}
		for (t = 0; t < TEST_COUNT && strcmp(fld[0], test_names[t]); t++)
			;
		if (t == TEST_COUNT)
			continue;
		r = results_add(rs, (enum test)t, fld[1], strtoull(fld[2], NULL, 10));
		r->ok = !strcmp(fld[3], "ok");
		r->slots = (unsigned int)strtoul(fld[4], NULL, 10);
		r->mb_s = field_num(fld[5]);
		r->msg_s = field_num(fld[6]);
		r->lat_med_us = field_num(fld[7]);
		r->lat_p99_us = field_num(fld[8]);
		r->ops_s = field_num(fld[9]);
		r->kib = field_num(fld[10]);
		r->cs = field_num(fld[11]);
		r->faults = field_num(fld[12]);
		r->samples = field_num(fld[13]);
		snprintf(r->note, sizeof(r->note), "%s", fld[16]);
	}
	fclose(f);
	return 0;
}

/* ---- JSON ------------------------------------------------------------- */

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"' || *s == '\\')
			fputc('\\', f);
		fputc((unsigned char)*s < 0x20 ? ' ' : *s, f);
	}
	fputc('"', f);
}

static void json_num(FILE *f, const char *key, double v)
{
	if (!isnan(v))
		fprintf(f, ", \"%s\": %.6g", key, v);
}

int report_json(const struct results *rs, const char *path)
{
	FILE *f = fopen(path, "w");
	size_t i;

	if (!f)
		return -errno;
	fprintf(f, "{\"label\": ");
	json_str(f, rs->label);
	fprintf(f, ", \"machine\": ");
	json_str(f, rs->machine);
	fprintf(f, ", \"mode\": ");
	json_str(f, rs->mode);
	fprintf(f, ",\n \"results\": [\n");
	for (i = 0; i < rs->n; i++) {
		const struct result *r = &rs->r[i];

		fprintf(f, "  {\"test\": \"%s\", \"backend\": ", test_name(r->test));
		json_str(f, r->backend);
		fprintf(f, ", \"param\": %llu, \"ok\": %s", (unsigned long long)r->param,
			r->ok ? "true" : "false");
		if (r->slots)
			fprintf(f, ", \"slots\": %u", r->slots);
		if (r->ok) {
			if (r->test == TEST_TPUT || r->test == TEST_AGG) {
				json_num(f, "mb_s", r->mb_s);
				json_num(f, "msg_s", r->msg_s);
			}
			if (r->test == TEST_TPUT && !baseline(r)) {
				json_num(f, "cs_per_msg", r->cs);
				json_num(f, "faults_per_msg", r->faults);
			}
			if (r->test == TEST_LAT) {
				json_num(f, "lat_med_us", r->lat_med_us);
				json_num(f, "lat_p99_us", r->lat_p99_us);
			}
			if (r->test == TEST_CREATE)
				json_num(f, "ops_s", r->ops_s);
			if (r->test == TEST_MEM)
				json_num(f, "kib_per_chan", r->kib);
			json_num(f, "x_memcpy", x_memcpy(rs, r));
			json_num(f, "x_pipe", x_pipe(rs, r));
		}
		if (r->note[0]) {
			fprintf(f, ", \"note\": ");
			json_str(f, r->note);
		}
		fprintf(f, "}%s\n", i + 1 < rs->n ? "," : "");
	}
	fprintf(f, " ]\n}\n");
	return fclose(f) ? -errno : 0;
}

/* ---- PNG -------------------------------------------------------------- */

/* gnuplot strings are in double quotes: keep them plain. */
static void gp_text(FILE *f, const char *s)
{
	for (; *s; s++)
		fputc(*s == '"' || *s == '\\' ? '\'' : *s, f);
}

int report_png(const struct results *rs, const char *path)
{
	const char *seen[32];
	size_t nseen = 0, i, k, j;
	char cmd[64];
	FILE *f;
	int st;

	snprintf(cmd, sizeof(cmd), "gnuplot");
	if (system("command -v gnuplot >/dev/null 2>&1")) {
		fprintf(stderr, "sipc-bench: no PNG: gnuplot not found (Debian: gnuplot-nox)\n");
		return -ENOENT;
	}
	f = popen(cmd, "w");
	if (!f)
		return -errno;
	fprintf(f, "set terminal pngcairo size 960,600 font ',10'\nset output \"");
	gp_text(f, path);
	fprintf(f, "\"\nset title \"sipc-bench forward throughput: ");
	gp_text(f, rs->label);
	fprintf(f, "\"\nset logscale xy\nset grid\nset key outside right top\n"
		"set xlabel 'message size'\n"
		"set ylabel 'MB/s read and checksummed by the receiver'\n"
		"set xtics ('64 B' 64, '4 KiB' 4096, '64 KiB' 65536, '1 MiB' 1048576,"
		" '16 MiB' 16777216)\n");
	for (i = 0; i < rs->n; i++) {
		const struct result *r = &rs->r[i];

		if (r->test != TEST_TPUT || !r->ok)	/* n/a: in the table only */
			continue;
		for (k = 0; k < nseen && strcmp(seen[k], r->backend); k++)
			;
		if (k < nseen || nseen == 32)
			continue;
		seen[nseen++] = r->backend;
	}
	for (k = 0; k < nseen; k++) {
		fprintf(f, "$d%zu << EOD\n", k);
		for (j = 0; j < rs->n; j++) {
			const struct result *r = &rs->r[j];

			if (r->test == TEST_TPUT && r->ok && !strcmp(r->backend, seen[k]))
				fprintf(f, "%llu %.6g\n", (unsigned long long)r->param, r->mb_s);
		}
		fprintf(f, "EOD\n");
	}
	fprintf(f, "plot ");
	for (k = 0; k < nseen; k++) {
		fprintf(f, "%s$d%zu with linespoints lw 2 title \"", k ? ", " : "", k);
		gp_text(f, seen[k]);
		fprintf(f, "\"");
	}
	fprintf(f, "\n");
	st = pclose(f);
	return st == 0 ? 0 : -EIO;
}
