// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipcctl - list, show, revoke and destroy SIPC channels, as text or JSON
 * (json-c).  See sipcctl(1).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <json-c/json.h>
#include <sipc.h>

#include "cli.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: sipcctl [--json] list\n"
		"       sipcctl [--json] show NAME\n"
		"       sipcctl revoke [--sender] [--receiver] NAME\n"
		"       sipcctl revoke [--sender] [--receiver] --id ID\n"
		"       sipcctl destroy [--revoke] NAME\n"
		"List the SIPC channels, show one (size, depth, state, counters,\n"
		"creator and its security context), revoke its peers' access\n"
		"(both unless one is named; kernel backend only), or destroy it.\n"
		"\n"
		"  -j, --json      print JSON instead of text\n"
		"  -s, --sender    revoke: the sender\n"
		"  -r, --receiver  revoke: the receiver\n"
		"  -i, --id        revoke: the argument is a channel id (as `show`\n"
		"                  prints it), which also reaches destroyed channels\n"
		"  -R, --revoke    destroy: revoke both roles first\n"
		"  -h, --help      show this help\n"
		"\n"
		"Exit status: 0 success, 1 failure (such as no such channel),\n"
		"2 usage error.\n");
}

static int fail(const char *what, int err)
{
	fprintf(stderr, "sipcctl: %s: %s\n", what, sipc_strerror(err));
	return 1;
}

static void print_json(json_object *o)
{
	puts(json_object_to_json_string_ext(o, JSON_C_TO_STRING_PRETTY |
					    JSON_C_TO_STRING_NOSLASHESCAPE));
	json_object_put(o);
}

static int cmd_list(int json)
{
	char (*names)[SIPC_NAME_MAX] = NULL;
	json_object *o, *arr;
	int total, n = 0, i;

	/* Channels may come and go between the two calls: retry until it fits. */
	for (;;) {
		total = sipc_list(names, (unsigned int)n);
		if (total < 0)
			return fail("list", total);
		if (total <= n)
			break;
		n = total + 8;
		free(names);
		names = calloc((size_t)n, sizeof(*names));
		if (!names)
			return fail("list", -ENOMEM);
	}
	if (!json) {
		for (i = 0; i < total; i++)
			puts(names[i]);
	} else {
		o = json_object_new_object();
		arr = json_object_new_array();
		for (i = 0; i < total; i++)
			json_object_array_add(arr, json_object_new_string(names[i]));
		json_object_object_add(o, "backend", json_object_new_string(sipc_backend()));
		json_object_object_add(o, "channels", arr);
		print_json(o);
	}
	free(names);
	return 0;
}

/*
 * A string read with sipc_context() or sipc_label(), malloc'ed ("" when
 * none), or NULL with *err.
 */
static char *get_string(int (*get)(const char *, char *, size_t),
			const char *name, int *err)
{
	char *ctx;
	int len;

	len = get(name, NULL, 0);
	if (len < 0) {
		*err = len;
		return NULL;
	}
	ctx = malloc((size_t)len + 1);
	if (!ctx) {
		*err = -ENOMEM;
		return NULL;
	}
	len = get(name, ctx, (size_t)len + 1);
	if (len < 0) {
		free(ctx);
		*err = len;
		return NULL;
	}
	return ctx;
}

static const char *const state_names[] = {
	"sender", "receiver", "sender-hup", "destroyed",
};

static void show_text(const char *name, const struct sipc_stat *st,
		      const char *ctx, const char *label)
{
	unsigned int i;

	printf("name:       %s\n", name);
	printf("backend:    %s\n", sipc_backend());
	printf("id:         0x%016" PRIx64 "\n", st->id);
	printf("size:       %" PRIu64 "\n", st->size);
	printf("depth:      %u\n", st->depth);
	printf("queued:     %u\n", st->queued);
	printf("attached:   %u\n", st->attached);
	printf("state:     ");
	if (!(st->flags & SIPC_STAT_STATE))
		printf(" unknown");
	else if (!st->state)
		printf(" idle");
	for (i = 0; i < sizeof(state_names) / sizeof(state_names[0]); i++)
		if (st->flags & SIPC_STAT_STATE && st->state & (1U << i))
			printf(" %s", state_names[i]);
	printf("\nflags:     ");
	if (!(st->flags & SIPC_STAT_CREATE_FLAGS))
		printf(" unknown");
	else if (!st->create_flags)
		printf(" none");
	if (st->flags & SIPC_STAT_CREATE_FLAGS &&
	    st->create_flags & SIPC_CREATE_SEALED)
		printf(" sealed");
	printf("\ncreator:    pid %u, uid %u\n", st->creator_pid, st->creator_uid);
	printf("context:    %s\n", *ctx ? ctx : "(none)");
	printf("label:      %s\n", *label ? label : "(none)");
	if (st->flags & SIPC_STAT_COUNTERS)
		printf("messages:   %" PRIu64 " sent, %" PRIu64 " received\n"
		       "bytes:      %" PRIu64 " sent\n",
		       st->msgs_sent, st->msgs_received, st->bytes_sent);
	else
		printf("counters:   not kept by the %s backend\n", sipc_backend());
}

static void show_json(const char *name, const struct sipc_stat *st,
		      const char *ctx, const char *label)
{
	json_object *o = json_object_new_object(), *state = NULL, *cnt = NULL;
	json_object *flags;
	json_object *creator = json_object_new_object();
	unsigned int i;
	char id[20];

	json_object_object_add(o, "name", json_object_new_string(name));
	json_object_object_add(o, "backend", json_object_new_string(sipc_backend()));
	/* A string: 64-bit ids lose digits as JSON numbers in many readers. */
	snprintf(id, sizeof(id), "0x%016" PRIx64, st->id);
	json_object_object_add(o, "id", json_object_new_string(id));
	json_object_object_add(o, "size", json_object_new_uint64(st->size));
	json_object_object_add(o, "depth", json_object_new_int64(st->depth));
	json_object_object_add(o, "queued", json_object_new_int64(st->queued));
	json_object_object_add(o, "attached", json_object_new_int64(st->attached));
	if (st->flags & SIPC_STAT_STATE) {
		state = json_object_new_array();
		for (i = 0; i < sizeof(state_names) / sizeof(state_names[0]); i++)
			if (st->state & (1U << i))
				json_object_array_add(state, json_object_new_string(state_names[i]));
	}
	json_object_object_add(o, "state", state);	/* null: unknown */
	flags = NULL;
	if (st->flags & SIPC_STAT_CREATE_FLAGS) {
		flags = json_object_new_array();
		if (st->create_flags & SIPC_CREATE_SEALED)
			json_object_array_add(flags, json_object_new_string("sealed"));
	}
	json_object_object_add(o, "flags", flags);	/* null: unknown */
	json_object_object_add(creator, "pid", json_object_new_int64(st->creator_pid));
	json_object_object_add(creator, "uid", json_object_new_int64(st->creator_uid));
	json_object_object_add(creator, "context", json_object_new_string(ctx));
	json_object_object_add(o, "creator", creator);
	json_object_object_add(o, "label", json_object_new_string(label));
	if (st->flags & SIPC_STAT_COUNTERS) {
		cnt = json_object_new_object();
		json_object_object_add(cnt, "msgs_sent", json_object_new_uint64(st->msgs_sent));
		json_object_object_add(cnt, "msgs_received", json_object_new_uint64(st->msgs_received));
		json_object_object_add(cnt, "bytes_sent", json_object_new_uint64(st->bytes_sent));
	}
	json_object_object_add(o, "counters", cnt);	/* null: not kept */
	print_json(o);
}

static int cmd_show(const char *name, int json)
{
	struct sipc_stat st;
	char *ctx, *label = NULL;
	int r;

	r = sipc_stat(name, &st);
	if (r)
		return fail(name, r);
	ctx = get_string(sipc_context, name, &r);
	if (ctx)
		label = get_string(sipc_label, name, &r);
	if (label && json)
		show_json(name, &st, ctx, label);
	else if (label)
		show_text(name, &st, ctx, label);
	free(ctx);
	free(label);
	return label ? 0 : fail(name, r);
}

/* An id as `show` prints it (0x...), or in decimal. */
static int cmd_revoke_id(const char *arg, unsigned int roles)
{
	unsigned long long id;
	char *end;
	int r;

	errno = 0;
	id = strtoull(arg, &end, 0);
	if (errno || end == arg || *end || arg[0] == '-') {
		fprintf(stderr, "sipcctl: %s: not a channel id\n", arg);
		return 2;
	}
	r = sipc_revoke_id(id, roles);
	return r ? fail(arg, r) : 0;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "sender", no_argument, NULL, 's' },
		{ "receiver", no_argument, NULL, 'r' },
		{ "id", no_argument, NULL, 'i' },
		{ "revoke", no_argument, NULL, 'R' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned int roles = 0;
	const char *cmd;
	int c, json = 0, by_id = 0, destroy_revoke = 0, r, status = 0;

	while ((c = cli_next_option(argc, argv, "jsriRh", opts, usage, &status)) >= 0) {
		switch (c) {
		case 'j':
			json = 1;
			break;
		case 's':
			roles |= SIPC_REVOKE_SENDER;
			break;
		case 'r':
			roles |= SIPC_REVOKE_RECEIVER;
			break;
		case 'i':
			by_id = 1;
			break;
		case 'R':
			destroy_revoke = 1;
			break;
		}
	}
	if (c == CLI_EXIT)
		return status;
	if (optind >= argc)
		return cli_usage_error(usage);
	cmd = argv[optind++];
	/* Each option belongs to one command. */
	if (((roles || by_id) && strcmp(cmd, "revoke")) ||
	    (destroy_revoke && strcmp(cmd, "destroy")))
		return cli_usage_error(usage);
	if (!strcmp(cmd, "list") && optind == argc)
		return cmd_list(json);
	if (!strcmp(cmd, "show") && optind == argc - 1)
		return cmd_show(argv[optind], json);
	if (!strcmp(cmd, "revoke") && optind == argc - 1) {
		if (!roles)
			roles = SIPC_REVOKE_ALL_FLAGS;
		if (by_id)
			return cmd_revoke_id(argv[optind], roles);
		r = sipc_revoke(argv[optind], roles);
		return r ? fail(argv[optind], r) : 0;
	}
	if (!strcmp(cmd, "destroy") && optind == argc - 1) {
		r = destroy_revoke ? sipc_destroy_revoke(argv[optind]) :
				     sipc_destroy(argv[optind]);
		return r ? fail(argv[optind], r) : 0;
	}
	return cli_usage_error(usage);
}
