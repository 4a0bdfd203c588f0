// SPDX-License-Identifier: GPL-2.0-only
/*
 * libsipc_random_test - 10,000 messages of random lengths from 0 to the
 * capacity (both ends included), checked byte for byte by a receiver in
 * another process, over a depth-1 queue (the 2007 protocol); and a
 * shorter stream over a depth-4 queue.  The sender alternates zero-copy
 * (acquire, write, commit) and copy-in sending, the receiver zero-copy
 * (next, done) and copy-out receiving.  Runs on either backend.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "kselftest_harness.h"
#include "testutil.h"

#define REGION	16384

FIXTURE(random) {
	char name[SIPC_NAME_MAX];
	size_t cap;
};

FIXTURE_VARIANT(random) {
	unsigned int depth;
	unsigned int msgs;
};

FIXTURE_VARIANT_ADD(random, depth1) {
	.depth = 1,
	.msgs = 10000,
};

FIXTURE_VARIANT_ADD(random, depth4) {
	.depth = 4,
	.msgs = 2000,
};

FIXTURE_SETUP(random)
{
	struct sipc_stat st;

	tu_name(self->name, "random");
	ASSERT_EQ(0, sipc_create(self->name, REGION, variant->depth));
	ASSERT_EQ(0, sipc_stat(self->name, &st));
	self->cap = st.size;
}

FIXTURE_TEARDOWN(random)
{
	sipc_destroy(self->name);
}

/*
 * The receiver process.  Exit code: 0 all good, 1 wrong length, 2 wrong
 * bytes, 3 no end of stream where expected, 4 library error.
 */
static int check_messages(int rx, char *buf, size_t cap, uint64_t seed,
			  unsigned int msgs)
{
	uint64_t state = seed;
	const void *data;
	unsigned int i;
	size_t len;
	int r;

	for (i = 0; i < msgs; i++) {
		if (i % 2) {
			r = sipc_recv(rx, buf, cap, &len);
			data = buf;
		} else {
			r = sipc_next(rx, &data, &len, -1);
		}
		if (r != 1)
			return r == 0 ? 3 : 4;
		if (len != tu_msg_len(&state, i, cap))
			return 1;
		if (!tu_check(data, len, seed + i))
			return 2;
		if (!(i % 2) && sipc_done(rx, -1))
			return 4;
	}
	r = sipc_next(rx, &data, &len, -1);
	return r == 0 ? 0 : 3;
}

static int check_stream(const char *name, size_t cap, uint64_t seed,
			unsigned int msgs)
{
	char *buf = malloc(cap);
	int rx = sipc_open(name, SIPC_ROLE_RECEIVER), rc = 4;

	if (rx >= 0 && buf)
		rc = check_messages(rx, buf, cap, seed, msgs);
	free(buf);
	return rc;
}

TEST_F_TIMEOUT(random, lengths_checked_byte_for_byte, 600)
{
	uint64_t seed = (uint64_t)tu_now_ms(), state = seed;
	int64_t t0 = tu_now_ms();
	unsigned int i;
	size_t len, cap;
	char *copy;
	void *p;
	pid_t pid;
	int tx;

	TH_LOG("%u messages, depth %u, seed %llu, capacity %zu", variant->msgs,
	       variant->depth, (unsigned long long)seed, self->cap);
	pid = tu_fork();
	ASSERT_LE(0, pid);
	if (pid == 0)
		_exit(check_stream(self->name, self->cap, seed, variant->msgs));

	tx = sipc_open(self->name, SIPC_ROLE_SENDER);
	ASSERT_LE(0, tx);
	ASSERT_EQ(0, sipc_buffer(tx, &p, &cap));
	copy = malloc(cap);
	ASSERT_NE(NULL, copy);
	for (i = 0; i < variant->msgs; i++) {
		len = tu_msg_len(&state, i, cap);
		if (i % 3) {
			ASSERT_EQ(0, sipc_acquire(tx, -1));
			tu_fill(p, len, seed + i);
			ASSERT_EQ(0, sipc_commit(tx, len, -1));
		} else {
			tu_fill(copy, len, seed + i);
			ASSERT_EQ(0, sipc_send(tx, copy, len));
		}
	}
	ASSERT_EQ(0, sipc_send_eof(tx, -1));
	EXPECT_EQ(0, tu_wait(pid, 60000));
	TH_LOG("%lld ms", (long long)(tu_now_ms() - t0));
	free(copy);
	sipc_close(tx);
}

TEST_HARNESS_MAIN
