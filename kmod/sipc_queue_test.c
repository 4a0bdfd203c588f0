// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_queue_test.c - KUnit suite "sipc_queue": the control queue of
 * sipc_queue.c, driven directly (it is a plain data structure; the channel
 * does the locking).
 *
 * Not covered here: pushing onto a full queue or popping an empty one.
 * Both are caller bugs that the queue reports with WARN_ON_ONCE, and
 * tools/testing/kunit.sh fails a run on any WARNING.  The channel code checks
 * full/empty first; sipc_transfer_test.c tests that it does.
 *
 * Run with tools/testing/kunit.sh.
 */
#include <kunit/test.h>
#include "sipc_internal.h"

/* test->priv: the queue under test, freed by the exit hook. */
static int sipc_queue_test_init(struct kunit *test)
{
	test->priv = kunit_kzalloc(test, sizeof(struct sipc_queue), GFP_KERNEL);
	return test->priv ? 0 : -ENOMEM;
}

static void sipc_queue_test_exit(struct kunit *test)
{
	sipc_queue_free(test->priv);	/* NULL slots (never inited) is fine */
}

/* Message number @i, with fields that differ from every neighbour's. */
static struct sipc_qmsg msg(u32 i)
{
	return (struct sipc_qmsg){
		.type = i % 2 ? SIPC_MSG_DATA_READY : SIPC_MSG_NOOP,
		.len = 3 * i + 1,
		.offset = (u64)i << 12,
		.seq = 0xdead,		/* must be ignored by push */
	};
}

static void expect_msg(struct kunit *test, const struct sipc_qmsg *got,
		       u32 i, u64 seq)
{
	struct sipc_qmsg want = msg(i);

	KUNIT_ASSERT_NOT_NULL(test, got);
	KUNIT_EXPECT_EQ(test, got->type, want.type);
	KUNIT_EXPECT_EQ(test, got->len, want.len);
	KUNIT_EXPECT_EQ(test, got->offset, want.offset);
	KUNIT_EXPECT_EQ(test, got->seq, seq);
}

static struct sipc_queue *init_queue(struct kunit *test, u32 depth)
{
	struct sipc_queue *q = test->priv;

	KUNIT_ASSERT_EQ(test, sipc_queue_init(q, depth), 0);
	return q;
}

struct depth_case {
	u32 depth;
	int err;
	const char *desc;
};

static const struct depth_case init_cases[] = {
	{ 0, -EINVAL, "0: no room at all" },
	{ 1, 0, "1: the smallest queue" },
	{ 2, 0, "2" },
	{ SIPC_QUEUE_DEPTH_MAX, 0, "SIPC_QUEUE_DEPTH_MAX (64)" },
	{ SIPC_QUEUE_DEPTH_MAX + 1, -EINVAL, "SIPC_QUEUE_DEPTH_MAX + 1" },
	{ U32_MAX, -EINVAL, "U32_MAX: no overflow in the allocation" },
};

static void depth_desc(const struct depth_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(init, init_cases, depth_desc);

/* Only 1..SIPC_QUEUE_DEPTH_MAX is accepted; a new queue is empty. */
static void sipc_queue_test_init_depth(struct kunit *test)
{
	const struct depth_case *c = test->param_value;
	struct sipc_queue *q = test->priv;

	KUNIT_ASSERT_EQ(test, sipc_queue_init(q, c->depth), c->err);
	if (c->err)
		return;
	KUNIT_EXPECT_EQ(test, q->depth, c->depth);
	KUNIT_EXPECT_EQ(test, q->len, 0U);
	KUNIT_EXPECT_TRUE(test, sipc_queue_empty(q));
	KUNIT_EXPECT_FALSE(test, sipc_queue_full(q));
	KUNIT_EXPECT_NULL(test, sipc_queue_peek(q));
}

/* Depths the fill and wrap cases run at: the extremes and an odd one. */
static const struct depth_case sizes[] = {
	{ 1, 0, "depth 1" },
	{ 3, 0, "depth 3" },
	{ SIPC_QUEUE_DEPTH_MAX, 0, "depth 64" },
};

KUNIT_ARRAY_PARAM(sizes, sizes, depth_desc);

/* Empty until the first push, and again after the last pop. */
static void sipc_queue_test_empty(struct kunit *test)
{
	struct sipc_queue *q = init_queue(test, 4);
	struct sipc_qmsg m = msg(0);

	KUNIT_EXPECT_TRUE(test, sipc_queue_empty(q));
	KUNIT_EXPECT_NULL(test, sipc_queue_peek(q));
	sipc_queue_push(q, &m);
	KUNIT_EXPECT_FALSE(test, sipc_queue_empty(q));
	KUNIT_EXPECT_NOT_NULL(test, sipc_queue_peek(q));
	sipc_queue_pop(q);
	KUNIT_EXPECT_TRUE(test, sipc_queue_empty(q));
	KUNIT_EXPECT_NULL(test, sipc_queue_peek(q));
	KUNIT_EXPECT_EQ(test, q->len, 0U);
}

/* Full exactly after depth pushes, and no longer after one pop. */
static void sipc_queue_test_full(struct kunit *test)
{
	const struct depth_case *c = test->param_value;
	struct sipc_queue *q = init_queue(test, c->depth);
	struct sipc_qmsg m;
	u32 i;

	for (i = 0; i < c->depth; i++) {
		KUNIT_ASSERT_FALSE_MSG(test, sipc_queue_full(q), "after %u", i);
		m = msg(i);
		sipc_queue_push(q, &m);
		KUNIT_EXPECT_FALSE(test, sipc_queue_empty(q));
	}
	KUNIT_EXPECT_TRUE(test, sipc_queue_full(q));
	KUNIT_EXPECT_EQ(test, q->len, c->depth);
	sipc_queue_pop(q);
	KUNIT_EXPECT_FALSE(test, sipc_queue_full(q));
	KUNIT_EXPECT_EQ(test, q->len, c->depth - 1);
}

/*
 * Keep the queue half full while 3 * depth + 2 messages go through, so
 * that head and tail pass the end of the ring several times; every
 * message must come out intact and in order.
 */
static void sipc_queue_test_wrap_around(struct kunit *test)
{
	const struct depth_case *c = test->param_value;
	struct sipc_queue *q = init_queue(test, c->depth);
	u32 fill = c->depth / 2, total = 3 * c->depth + 2;
	u32 in = 0, out = 0;
	struct sipc_qmsg m;

	while (in < fill) {
		m = msg(in++);
		sipc_queue_push(q, &m);
	}
	while (out < total) {
		if (in < total) {
			m = msg(in++);
			sipc_queue_push(q, &m);
		}
		expect_msg(test, sipc_queue_peek(q), out, out + 1);
		sipc_queue_pop(q);
		out++;
		KUNIT_ASSERT_LT(test, q->head, c->depth);
		KUNIT_ASSERT_EQ(test, q->len, in - out);
	}
	KUNIT_EXPECT_TRUE(test, sipc_queue_empty(q));
}

/*
 * Sequence numbers start at 1, grow by one per push whatever seq the
 * caller passed, are not reused after pops and keep growing across wraps.
 */
static void sipc_queue_test_seq_numbering(struct kunit *test)
{
	struct sipc_queue *q = init_queue(test, 2);
	struct sipc_qmsg m = msg(0);
	u64 seq;

	m.seq = 1000;
	KUNIT_EXPECT_EQ(test, sipc_queue_push(q, &m), 1ULL);
	KUNIT_EXPECT_EQ(test, sipc_queue_peek(q)->seq, 1ULL);
	KUNIT_EXPECT_EQ(test, m.seq, 1000ULL);	/* @m itself is const */
	KUNIT_EXPECT_EQ(test, sipc_queue_push(q, &m), 2ULL);
	sipc_queue_pop(q);
	sipc_queue_pop(q);
	for (seq = 3; seq < 13; seq++) {
		KUNIT_EXPECT_EQ(test, sipc_queue_push(q, &m), seq);
		KUNIT_EXPECT_EQ(test, sipc_queue_peek(q)->seq, seq);
		sipc_queue_pop(q);
	}
	KUNIT_EXPECT_EQ(test, q->next_seq, 13ULL);
}

/* Peek shows the oldest message without taking it; pop takes it. */
static void sipc_queue_test_peek_pop_order(struct kunit *test)
{
	struct sipc_queue *q = init_queue(test, 4);
	const struct sipc_qmsg *first;
	struct sipc_qmsg m;
	u32 i;

	for (i = 0; i < 3; i++) {
		m = msg(i);
		sipc_queue_push(q, &m);
	}
	first = sipc_queue_peek(q);
	expect_msg(test, first, 0, 1);
	KUNIT_EXPECT_PTR_EQ(test, sipc_queue_peek(q), first);
	KUNIT_EXPECT_EQ(test, q->len, 3U);
	for (i = 0; i < 3; i++) {
		expect_msg(test, sipc_queue_peek(q), i, i + 1);
		sipc_queue_pop(q);
		KUNIT_EXPECT_EQ(test, q->len, 2 - i);
	}
	KUNIT_EXPECT_NULL(test, sipc_queue_peek(q));
}

/* Free releases the slots and may be called twice (release paths do). */
static void sipc_queue_test_free(struct kunit *test)
{
	struct sipc_queue *q = init_queue(test, 8);

	sipc_queue_free(q);
	KUNIT_EXPECT_NULL(test, q->slots);
	sipc_queue_free(q);
	KUNIT_EXPECT_NULL(test, q->slots);
}

static struct kunit_case sipc_queue_test_cases[] = {
	KUNIT_CASE_PARAM(sipc_queue_test_init_depth, init_gen_params),
	KUNIT_CASE(sipc_queue_test_empty),
	KUNIT_CASE_PARAM(sipc_queue_test_full, sizes_gen_params),
	KUNIT_CASE_PARAM(sipc_queue_test_wrap_around, sizes_gen_params),
	KUNIT_CASE(sipc_queue_test_seq_numbering),
	KUNIT_CASE(sipc_queue_test_peek_pop_order),
	KUNIT_CASE(sipc_queue_test_free),
	{}
};

static struct kunit_suite sipc_queue_test_suite = {
	.name = "sipc_queue",
	.init = sipc_queue_test_init,
	.exit = sipc_queue_test_exit,
	.test_cases = sipc_queue_test_cases,
};

kunit_test_suite(sipc_queue_test_suite);
