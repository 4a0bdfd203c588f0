// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipct.c - one SIPC step per run, for the Debian SELinux test bed
 * (selinux-guest.sh runs copies of it in the test policy's domains).
 *
 *   sipct create NAME [SLOTS]   sipc_create_slots(NAME, 64K, SLOTS)
 *   sipct destroy NAME          sipc_destroy()
 *   sipct send NAME TEXT        the 2007 path: sipc_send() (SEND), then EOF
 *   sipct recv NAME             the 2007 path: sipc_recv() until EOF
 *   sipct publish NAME TEXT     the one-call path: sipc_reserve() and
 *                               sipc_publish() (COMMIT), then EOF
 *   sipct next NAME             the one-call path: sipc_next() (RECV_NEXT)
 *                               until EOF
 *   sipct raw-send NAME         a receiver that tries SIPC_IOC_SEND on its
 *                               own endpoint (must be refused)
 *   sipct map-wait NAME         receiver: map, read the region, print
 *                               "mapped", wait for a line on stdin, read the
 *                               region again (SIGBUS if the policy took it)
 *
 * Prints what it got on stdout; an error as "sipct: STEP: TEXT (errno N)"
 * on stderr, exit 1.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>

#include <sipc.h>

static int fail(const char *step, int err)
{
	fprintf(stderr, "sipct: %s: %s (errno %d)\n", step, sipc_strerror(err),
		err < 0 ? -err : err);
	return 1;
}

static int open_role(const char *name, int role)
{
	int h = sipc_open(name, role);

	if (h < 0)
		exit(fail("open", h));
	return h;
}

static int do_send(const char *name, const char *text, int one_call)
{
	size_t len = strlen(text), cap;
	int h = open_role(name, SIPC_ROLE_SENDER), r;
	void *buf;

	if (one_call) {
		r = sipc_reserve(h, &buf, &cap, -1);
		if (r)
			return fail("reserve", r);
		if (len > cap)
			return fail("reserve", -EMSGSIZE);
		memcpy(buf, text, len);
		r = sipc_publish(h, len, -1);
		if (r)
			return fail("publish", r);
	} else {
		r = sipc_send(h, text, len);
		if (r)
			return fail("send", r);
	}
	r = sipc_send_eof(h, -1);
	if (r)
		return fail("eof", r);
	printf("sent %zu\n", len);
	return 0;
}

static int do_recv(const char *name, int one_call)
{
	int h = open_role(name, SIPC_ROLE_RECEIVER), r;
	const void *data;
	char buf[256];
	size_t len;

	for (;;) {
		if (one_call) {
			r = sipc_next(h, &data, &len, -1);
			if (r == 1)
				printf("got %.*s\n", (int)len, (const char *)data);
		} else {
			r = sipc_recv(h, buf, sizeof(buf), &len);
			if (r == 1)
				printf("got %.*s\n", (int)len, buf);
		}
		if (r <= 0)
			break;
	}
	if (r < 0)
		return fail(one_call ? "next" : "recv", r);
	printf("eof\n");
	return 0;
}

/* A receiver's endpoint asked to SEND: the policy must stop it first. */
static int do_raw_send(const char *name)
{
	int h = open_role(name, SIPC_ROLE_RECEIVER);
	struct sipc_msg msg;

	memset(&msg, 0, sizeof(msg));
	msg.size = sizeof(msg);
	if (ioctl(sipc_fd(h), SIPC_IOC_SEND, &msg) == 0) {
		printf("raw SEND accepted\n");
		return 0;
	}
	return fail("raw SEND", -errno);
}

static int do_map_wait(const char *name)
{
	int h = open_role(name, SIPC_ROLE_RECEIVER), r;
	const unsigned char *p;
	const void *data;
	char line[16];
	size_t len;

	/* A message makes the region's first page the receiver's to read. */
	r = sipc_next(h, &data, &len, -1);
	if (r != 1)
		return fail("next", r);
	p = data;
	printf("mapped %c\n", p[0]);
	fflush(stdout);
	if (!fgets(line, sizeof(line), stdin))
		return fail("stdin", -EIO);
	/* An atomic load: the compiler must read the page again, now. */
	printf("read again %c\n", __atomic_load_n(p, __ATOMIC_RELAXED));
	return 0;
}

int main(int argc, char **argv)
{
	const char *cmd = argc > 1 ? argv[1] : "";
	int r;

	if (argc < 3)
		goto usage;
	if (!strcmp(cmd, "create")) {
		r = sipc_create_slots(argv[2], 65536, argc > 3 ? atoi(argv[3]) : 1);
		if (r)
			return fail("create", r);
		printf("created\n");
		return 0;
	}
	if (!strcmp(cmd, "destroy")) {
		r = sipc_destroy(argv[2]);
		return r ? fail("destroy", r) : 0;
	}
	if (!strcmp(cmd, "send") && argc == 4)
		return do_send(argv[2], argv[3], 0);
	if (!strcmp(cmd, "publish") && argc == 4)
		return do_send(argv[2], argv[3], 1);
	if (!strcmp(cmd, "recv"))
		return do_recv(argv[2], 0);
	if (!strcmp(cmd, "next"))
		return do_recv(argv[2], 1);
	if (!strcmp(cmd, "raw-send"))
		return do_raw_send(argv[2]);
	if (!strcmp(cmd, "map-wait"))
		return do_map_wait(argv[2]);
usage:
	fprintf(stderr, "usage: sipct %s NAME [ARG]\n",
		"create|destroy|send|publish|recv|next|raw-send|map-wait");
	return 2;
}
