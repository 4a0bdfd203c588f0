// SPDX-License-Identifier: GPL-2.0-only
/*
 * sender.c - send each line of standard input as one message, zero copy:
 * write the line into the channel's region, commit it, get the region
 * back once the receiver is done, and mark the end of the stream.
 *
 *   sipc-helper demo; ./receiver demo & printf 'a\nb\n' | ./sender demo
 *
 * Build: cc sender.c $(pkg-config --cflags --libs sipc) -o sender
 */
#include <stdio.h>
#include <string.h>

#include <sipc.h>

int main(int argc, char **argv)
{
	size_t cap;
	char *buf;
	int h, r;

	if (argc != 2) {
		fprintf(stderr, "usage: %s CHANNEL\n", argv[0]);
		return 2;
	}
	h = sipc_open(argv[1], SIPC_ROLE_SENDER);
	if (h < 0) {
		fprintf(stderr, "%s: %s\n", argv[1], sipc_strerror(h));
		return 1;
	}
	r = sipc_buffer(h, (void **)&buf, &cap);
	while (!r) {
		r = sipc_acquire(h, -1);	/* wait until the receiver is done */
		if (r || !fgets(buf, (int)cap, stdin))
			break;
		r = sipc_commit(h, strlen(buf), -1);	/* does not wait for it */
	}
	if (!r)
		r = sipc_send_eof(h, -1);
	if (r)
		fprintf(stderr, "%s: %s\n", argv[1], sipc_strerror(r));
	sipc_close(h);
	return r ? 1 : 0;
}
