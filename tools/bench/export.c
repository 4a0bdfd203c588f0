// SPDX-License-Identifier: GPL-2.0-only
/*
 * export.c - the results as files: CSV (which reads back, so that a run
 * made in the guest is rendered on the host), JSON, and a PNG of
 * throughput against message size drawn by gnuplot.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"

/* ---- CSV -------------------------------------------------------------- */

#define CSV_HEAD "test,backend,param,status,slots,mb_s,msg_s,lat_med_us,lat_p99_us," \
		 "ops_s,kib_per_chan,cs_per_msg,faults_per_msg,samples,x_memcpy,x_pipe,note"

/*
 * %.17g: every double reads back exactly, so that --report of the CSV
 * prints the same table as the run (with 10 digits, a rate that lies on
 * a rounding boundary came back one unit off now and then).
 */
static void csv_num(FILE *f, double v)
{
	if (isnan(v))
		fputs(",", f);
	else
		fprintf(f, ",%.17g", v);
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
		csv_num(f, ok && r->test == TEST_TPUT && !result_baseline(r) ? r->cs : NAN);
		csv_num(f, ok && r->test == TEST_TPUT && !result_baseline(r) ? r->faults : NAN);
		csv_num(f, ok ? r->samples : NAN);
		csv_num(f, result_x_memcpy(rs, r));
		csv_num(f, result_x_pipe(rs, r));
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
		for (t = 0; t < TEST_COUNT && strcmp(fld[0], test_name((enum test)t)); t++)
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
			if (r->test == TEST_TPUT && !result_baseline(r)) {
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
			json_num(f, "x_memcpy", result_x_memcpy(rs, r));
			json_num(f, "x_pipe", result_x_pipe(rs, r));
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
		static const char *const colours[] = {
			"#000000", "#808080", "#1f77b4", "#ff7f0e", "#2ca02c",
			"#9467bd", "#8c564b", "#e377c2", "#bcbd22", "#17becf",
			"#d62728", "#7f7f00",
		};
		bool base = !strcmp(seen[k], "memcpy") || !strcmp(seen[k], "read-pass");
		bool sipc = !strncmp(seen[k], "sipc-kernel", 11);

		/* Baselines dashed, the kernel backend thick: easy to find. */
		fprintf(f, "%s$d%zu with linespoints lw %d dt %d pt %zu lc rgb '%s' title \"",
			k ? ", " : "", k, sipc ? 3 : 2, base ? 2 : 1, k % 13 + 1,
			colours[k % (sizeof(colours) / sizeof(colours[0]))]);
		gp_text(f, seen[k]);
		fprintf(f, "\"");
	}
	fprintf(f, "\n");
	st = pclose(f);
	return st == 0 ? 0 : -EIO;
}
