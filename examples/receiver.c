// SPDX-License-Identifier: GPL-2.0-only
/*
 * receiver.c - print each message of a channel with its length, reading
 * it in place (the region is mapped read-only), until the end of stream.
 *
 *   sipc-helper demo; ./receiver demo & printf 'a\nb\n' | ./sender demo
 *
 * Build: cc receiver.c $(pkg-config --cflags --libs sipc) -o receiver
 */
#include <stdio.h>

#include <sipc.h>

int main(int argc, char **argv)
{
	const void *data;
	size_t len;
	int h, r;

	if (argc != 2) {
		fprintf(stderr, "usage: %s CHANNEL\n", argv[0]);
		return 2;
	}
	h = sipc_open(argv[1], SIPC_ROLE_RECEIVER);
	if (h < 0) {
		fprintf(stderr, "%s: %s\n", argv[1], sipc_strerror(h));
		return 1;
	}
	/* 1: a message, 0: the end of the stream, < 0: an error. */
	while ((r = sipc_next(h, &data, &len, -1)) == 1) {
		printf("%zu: %.*s", len, (int)len, (const char *)data);
		fflush(stdout);
		r = sipc_done(h, -1);	/* the sender may reuse the region */
		if (r)
			break;
	}
	if (r < 0)
		fprintf(stderr, "%s: %s\n", argv[1], sipc_strerror(r));
	sipc_close(h);
	return r < 0 ? 1 : 0;
}
