// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc-bench - SIPC against pipes, sockets, shared memory by hand, the
 * raw 2007 protocol and memcpy, measured side by side in one run.
 *
 * What is measured and how is in run.c; the output in report.c; the
 * figures of a reference run and what bounds each one are in
 * Documentation/performance.md.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

static const struct transport *const transports[] = {
	&t_pipe, &t_unix, &t_memfd, &t_sysv2007, &t_sipc_sysv,
	&t_kernel2007, &t_sipc_kernel1, &t_sipc_kernelN,
	&t_sipc_sealed1, &t_sipc_sealedN,
};
#define NT (sizeof(transports) / sizeof(transports[0]))

static const size_t default_sizes[] = { 64, 4096, 65536, 1u << 20, 16u << 20 };
static const unsigned int agg_channels[] = { 1, 2, 4, 16 };
#define AGG_MSG 65536
#define LAT_MSG 64

static void usage(FILE *f)
{
	size_t i;

	fprintf(f,
"usage: sipc-bench [options]\n"
"\n"
"Measures, in one run, forward throughput for 64 B .. 16 MiB messages\n"
"(MB/s of payload the receiver read and checksummed, and messages/s),\n"
"one-way latency of 64 B messages (median, p99), aggregate throughput of\n"
"1, 2, 4 and 16 channels at once, the channel create+attach+destroy rate\n"
"and the memory of an idle channel, for each backend below and memcpy.\n"
"Ratios: bandwidth to memcpy, messages/s and latency to the pipe.\n"
"\n"
"  -q, --quick          short run (about 0.03 s per figure), for smoke tests\n"
"  -t, --time SECS      time per figure (default 0.5)\n"
"  -p, --pin MODE       none (default), same (both peers on one CPU),\n"
"                       split (sender and receiver on two CPUs)\n"
"  -s, --slots N        slots of the slotted backends (default: 4 MiB of\n"
"                       slots per channel, 2..65)\n"
"  -b, --backends LIST  comma-separated subset (memcpy is always measured)\n"
"  -T, --tests LIST     subset of tput,lat,agg,create,mem\n"
"  -S, --sizes LIST     message sizes in bytes (multiples of 8, >= 64)\n"
"  -R, --repeat N       measure each figure N times, the backends of a\n"
"                       group interleaved, and keep the median run\n"
"                       (its spread noted when >= x1.2)\n"
"  -l, --label TEXT     name of the run, printed and kept in the CSV\n"
"  -c, --csv FILE       write the results as CSV\n"
"  -j, --json FILE      write the results as JSON\n"
"  -g, --png FILE       draw throughput against message size (gnuplot)\n"
"  -r, --report CSV     measure nothing: print the table of a CSV (and\n"
"                       --png / --json of it)\n"
"  -h, --help           this text\n"
"\nBackends:\n  %-15s single-thread memcpy of the message (the physical limit)\n",
		"memcpy");
	fprintf(f, "  %-15s single-thread checksum of the message (the receiver's own work)\n",
		"read-pass");
	for (i = 0; i < NT; i++)
		fprintf(f, "  %-15s %s\n", transports[i]->name, transports[i]->desc);
	fprintf(f, "\nA backend that cannot run here is listed as n/a with the reason.\n");
}

static bool in_list(const char *list, const char *word)
{
	size_t n = strlen(word);
	const char *p = list;

	if (!list)
		return true;
	while ((p = strstr(p, word))) {
		if ((p == list || p[-1] == ',') && (p[n] == ',' || !p[n]))
			return true;
		p += n;
	}
	return false;
}

static void describe(struct results *rs, const struct run_opts *o, bool quick,
		     unsigned int repeat)
{
	static const char *const pins[] = { "unpinned", "both peers on one CPU",
					    "peers on two CPUs" };
	struct utsname u;
	time_t now = time(NULL);
	char when[32];

	uname(&u);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M UTC", gmtime(&now));
	snprintf(rs->machine, sizeof(rs->machine), "Linux %.64s %.16s, %ld CPUs, %s",
		 u.release, u.machine, sysconf(_SC_NPROCESSORS_ONLN), when);
	snprintf(rs->mode, sizeof(rs->mode), "%s, %.2f s per figure%s, %s", pins[o->pin],
		 o->secs, quick ? " (quick)" : "",
		 repeat > 1 ? "median of runs" : "one run");
	if (repeat > 1)
		snprintf(rs->mode + strlen(rs->mode), sizeof(rs->mode) - strlen(rs->mode),
			 " (%u)", repeat);
}

/* One progress line per figure on stderr, so a slow run shows life. */
static void progress(const struct result *r)
{
	fprintf(stderr, "sipc-bench: %-6s %-15s %10llu  ", test_name(r->test), r->backend,
		(unsigned long long)r->param);
	if (!r->ok)
		fprintf(stderr, "n/a (%s)\n", r->note);
	else if (r->test == TEST_LAT)
		fprintf(stderr, "median %.1f us, p99 %.1f us\n", r->lat_med_us, r->lat_p99_us);
	else if (r->test == TEST_CREATE)
		fprintf(stderr, "%.0f /s\n", r->ops_s);
	else if (r->test == TEST_MEM)
		fprintf(stderr, "%.1f KiB\n", r->kib);
	else
		fprintf(stderr, "%.1f MB/s, %.0f msgs/s\n", r->mb_s, r->msg_s);
}

/*
 * Everything, each group of figures (one test, one size or channel
 * count) measured "repeat" times in a row with the backends interleaved,
 * so that a slow spell of a shared machine hits every backend of a group
 * alike; round q of each figure goes to round[q].
 */
static void measure(struct results *round, unsigned int repeat,
		    const struct run_opts *o, const char *backends,
		    const char *tests, const size_t *sizes, size_t nsizes)
{
	const struct transport *t;
	struct results *rs;
	struct result *r;
	unsigned int q;
	size_t s, i, c;

	/* memcpy first: every bandwidth ratio needs it. */
	if (in_list(tests, "tput"))
		for (s = 0; s < nsizes; s++)
			for (q = 0, rs = round; q < repeat; rs = &round[++q])
				for (i = 0; i <= NT; i++) {
					t = i ? transports[i - 1] : NULL;
					if (t && !in_list(backends, t->name))
						continue;
					r = results_add(rs, TEST_TPUT, t ? t->name : "memcpy",
							sizes[s]);
					run_tput(o, t, sizes[s], 1, r);
					progress(r);
					if (t)
						continue;
					r = results_add(rs, TEST_TPUT, "read-pass", sizes[s]);
					run_readpass(o, sizes[s], r);
					progress(r);
				}
	if (in_list(tests, "lat"))
		for (q = 0, rs = round; q < repeat; rs = &round[++q])
			for (i = 0; i < NT; i++) {
				t = transports[i];
				if (!in_list(backends, t->name))
					continue;
				r = results_add(rs, TEST_LAT, t->name, LAT_MSG);
				run_lat(o, t, LAT_MSG, r);
				progress(r);
			}
	if (in_list(tests, "agg"))
		for (c = 0; c < sizeof(agg_channels) / sizeof(agg_channels[0]); c++)
			for (q = 0, rs = round; q < repeat; rs = &round[++q])
				for (i = 0; i <= NT; i++) {
					struct run_opts ao = *o;

					t = i ? transports[i - 1] : NULL;
					if (t && !in_list(backends, t->name))
						continue;
					ao.pin = PIN_NONE;	/* N channels need every CPU */
					r = results_add(rs, TEST_AGG, t ? t->name : "memcpy",
							agg_channels[c]);
					run_tput(&ao, t, AGG_MSG, agg_channels[c], r);
					progress(r);
				}
	if (in_list(tests, "create"))
		for (q = 0, rs = round; q < repeat; rs = &round[++q])
			for (i = 0; i < NT; i++) {
				if (!in_list(backends, transports[i]->name))
					continue;
				r = results_add(rs, TEST_CREATE, transports[i]->name, 0);
				run_create(o, transports[i], r);
				progress(r);
			}
	if (in_list(tests, "mem"))
		for (q = 0, rs = round; q < repeat; rs = &round[++q])
			for (i = 0; i < NT; i++) {
				if (!in_list(backends, transports[i]->name))
					continue;
				r = results_add(rs, TEST_MEM, transports[i]->name,
						o->mem_channels);
				run_mem(o, transports[i], r);
				progress(r);
			}
}

/* The figure a result is judged by, for the median of repeated runs. */
static double primary(const struct result *r)
{
	switch (r->test) {
	case TEST_LAT:
		return -r->lat_med_us;		/* lower is better */
	case TEST_CREATE:
		return r->ops_s;
	case TEST_MEM:
		return -r->kib;
	default:
		return r->mb_s;
	}
}

/*
 * Fold repeated rounds into one: per figure, the round with the median
 * primary value among those that ran (so a row stays one coherent
 * measurement), its spread noted; n/a only if no round ran.
 */
static void fold(struct results *out, struct results *round, unsigned int n)
{
	const struct result *ok[16], *x;
	size_t i, k, m;
	unsigned int q;
	struct result *r;
	double lo, hi;

	for (i = 0; i < round[0].n; i++) {
		const struct result *first = &round[0].r[i];

		for (q = 0, m = 0; q < n; q++) {
			x = results_find(&round[q], first->test, first->backend, first->param);
			if (x && x->ok && m < 16) {
				/* insertion sort by primary value */
				for (k = m++; k > 0 && primary(ok[k - 1]) > primary(x); k--)
					ok[k] = ok[k - 1];
				ok[k] = x;
			}
		}
		r = results_add(out, first->test, first->backend, first->param);
		*r = m ? *ok[m / 2] : *first;
		if (m < 2)
			continue;
		lo = fabs(primary(ok[0]));
		hi = fabs(primary(ok[m - 1]));
		if (lo > hi) {
			double t = lo;

			lo = hi;
			hi = t;
		}
		if (lo > 0 && hi / lo >= 1.2)
			snprintf(r->note + strlen(r->note), sizeof(r->note) - strlen(r->note),
				 "%sspread x%.1f", r->note[0] ? "; " : "", hi / lo);
		if (m < n)
			snprintf(r->note + strlen(r->note), sizeof(r->note) - strlen(r->note),
				 "%s%zu of %u runs", r->note[0] ? "; " : "", m, n);
	}
}

static size_t parse_sizes(const char *arg, size_t *out, size_t max)
{
	char *copy = strdup(arg), *tok, *save = NULL;
	size_t n = 0;
	unsigned long v;

	for (tok = strtok_r(copy, ",", &save); tok && n < max;
	     tok = strtok_r(NULL, ",", &save)) {
		v = strtoul(tok, NULL, 0);
		if (v < MSG_MIN || v % 8 || v > (256ul << 20)) {
			fprintf(stderr, "sipc-bench: bad size %s (>= 64, multiple of 8)\n", tok);
			exit(2);
		}
		out[n++] = v;
	}
	free(copy);
	return n;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "quick", no_argument, NULL, 'q' },
		{ "time", required_argument, NULL, 't' },
		{ "pin", required_argument, NULL, 'p' },
		{ "slots", required_argument, NULL, 's' },
		{ "backends", required_argument, NULL, 'b' },
		{ "tests", required_argument, NULL, 'T' },
		{ "sizes", required_argument, NULL, 'S' },
		{ "label", required_argument, NULL, 'l' },
		{ "csv", required_argument, NULL, 'c' },
		{ "json", required_argument, NULL, 'j' },
		{ "png", required_argument, NULL, 'g' },
		{ "report", required_argument, NULL, 'r' },
		{ "repeat", required_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct run_opts o = { .secs = 0.5, .mem_channels = 64 };
	const char *csv = NULL, *json = NULL, *png = NULL, *from = NULL;
	const char *backends = NULL, *tests = NULL, *label = NULL;
	size_t sizes[16], nsizes = 0;
	struct results rs = { 0 };
	unsigned int repeat = 1, q;
	struct results *round;
	bool quick = false;
	int opt, ret = 0, r;

	while ((opt = getopt_long(argc, argv, "qt:p:s:b:T:S:l:c:j:g:r:R:h", longopts, NULL)) != -1) {
		switch (opt) {
		case 'q':
			quick = true;
			break;
		case 't':
			o.secs = strtod(optarg, NULL);
			if (o.secs <= 0 || o.secs > 60) {
				fprintf(stderr, "sipc-bench: --time: 0 < SECS <= 60\n");
				return 2;
			}
			break;
		case 'p':
			if (!strcmp(optarg, "none"))
				o.pin = PIN_NONE;
			else if (!strcmp(optarg, "same"))
				o.pin = PIN_SAME;
			else if (!strcmp(optarg, "split"))
				o.pin = PIN_SPLIT;
			else {
				fprintf(stderr, "sipc-bench: --pin none|same|split\n");
				return 2;
			}
			break;
		case 's':
			o.slots = (unsigned int)strtoul(optarg, NULL, 10);
			if (o.slots < 2 || o.slots > SLOTS_MAX) {
				fprintf(stderr, "sipc-bench: --slots: 2..%d\n", SLOTS_MAX);
				return 2;
			}
			break;
		case 'b':
			backends = optarg;
			break;
		case 'T':
			tests = optarg;
			break;
		case 'S':
			nsizes = parse_sizes(optarg, sizes, 16);
			break;
		case 'l':
			label = optarg;
			break;
		case 'c':
			csv = optarg;
			break;
		case 'j':
			json = optarg;
			break;
		case 'g':
			png = optarg;
			break;
		case 'r':
			from = optarg;
			break;
		case 'R':
			repeat = (unsigned int)strtoul(optarg, NULL, 10);
			if (repeat < 1 || repeat > 15) {
				fprintf(stderr, "sipc-bench: --repeat: 1..15\n");
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return 2;
	}

	if (from) {
		r = report_read_csv(&rs, from);
		if (r) {
			fprintf(stderr, "sipc-bench: %s: %s\n", from, strerror(-r));
			return 1;
		}
	} else {
		if (quick) {
			o.secs = 0.03;
			o.mem_channels = 8;
		}
		if (!nsizes) {
			memcpy(sizes, default_sizes, sizeof(default_sizes));
			nsizes = sizeof(default_sizes) / sizeof(default_sizes[0]);
		}
		describe(&rs, &o, quick, repeat);
		round = calloc(repeat, sizeof(*round));
		if (!round)
			return 1;
		measure(round, repeat, &o, backends, tests, sizes, nsizes);
		fold(&rs, round, repeat);
		for (q = 0; q < repeat; q++)
			free(round[q].r);
		free(round);
		run_cleanup();
	}
	if (label)
		snprintf(rs.label, sizeof(rs.label), "%s", label);

	report_print(&rs);
	if (csv && (r = report_csv(&rs, csv))) {
		fprintf(stderr, "sipc-bench: %s: %s\n", csv, strerror(-r));
		ret = 1;
	}
	if (json && (r = report_json(&rs, json))) {
		fprintf(stderr, "sipc-bench: %s: %s\n", json, strerror(-r));
		ret = 1;
	}
	if (png && (r = report_png(&rs, png))) {
		fprintf(stderr, "sipc-bench: %s: PNG not written\n", png);
		ret = 1;
	}
	free(rs.r);
	return ret;
}
