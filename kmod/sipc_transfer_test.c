// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_transfer_test.c - KUnit suite "sipc_transfer": sipc_channel_send()
 * and sipc_channel_recv() of sipc_transfer.c, with a deliver() callback
 * standing in for the copy to user space: when each fails, what a failed
 * deliver() leaves behind, ordering and sequence numbers, counters, and
 * who is woken when (blocking calls run in a kthread).
 *
 * Each case works on one published channel, "xfer", with a bare sender
 * and receiver endpoint attached, as sipc_ioctl_attach() would leave it.
 * The exit hook detaches, destroys and puts whatever is left, even after
 * a failed assertion, and checks that the channel counters are back.
 *
 * Run with tools/testing/kunit.sh.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include "sipc_internal.h"

#define XT_NAME		"xfer"
#define XT_THREADS	2
#define XT_TIMEOUT	(5 * HZ)	/* for a woken thread to finish */

/* A SEND or RECV: what deliver() returns, and what it was handed. */
struct xt_xfer {
	struct sipc_xfer x;
	int ret;
	unsigned int calls;
	struct sipc_qmsg seen;
	void (*hook)(struct xt_xfer *t);	/* run inside deliver() */
};

/* A blocking SEND or RECV in a kthread of its own. */
struct xt_thread {
	struct sipc_channel *ch;
	bool send;
	struct sipc_qmsg q;
	struct xt_xfer t;
	int err;
	struct completion done;
};

struct sipc_xt {
	long channels;			/* sipc_stats when the case began */
	long region_bytes;
	struct sipc_channel *ch;	/* the endpoints' reference */
	struct sipc_endpoint sender;
	struct sipc_endpoint receiver;
	bool attached[2];		/* sender, receiver */
	struct xt_thread *threads[XT_THREADS];
};

static int sipc_transfer_test_init(struct kunit *test)
{
	struct sipc_xt *xt = kunit_kzalloc(test, sizeof(*xt), GFP_KERNEL);

	if (!xt)
		return -ENOMEM;
	xt->channels = atomic_long_read(&sipc_stats.channels);
	xt->region_bytes = atomic_long_read(&sipc_stats.region_bytes);
	test->priv = xt;
	return 0;
}

/*
 * Threads first: destroying the channel wakes any still asleep.  One that
 * does not finish even then is left with its memory and the channel
 * reference (freeing them under it would be worse), and fails the case.
 */
static void sipc_transfer_test_exit(struct kunit *test)
{
	struct sipc_xt *xt = test->priv;
	bool stuck = false;
	int i;

	sipc_channel_destroy(XT_NAME);		/* -ENOENT is fine */
	for (i = 0; i < XT_THREADS; i++) {
		struct xt_thread *th = xt->threads[i];

		if (!th)
			continue;
		if (wait_for_completion_timeout(&th->done, XT_TIMEOUT))
			kfree(th);
		else
			stuck = true;
	}
	KUNIT_EXPECT_FALSE_MSG(test, stuck, "a thread never came back");
	if (stuck || !xt->ch)
		return;
	if (xt->attached[0])
		sipc_channel_detach(xt->ch, &xt->sender, false);
	if (xt->attached[1])
		sipc_channel_detach(xt->ch, &xt->receiver, false);
	sipc_channel_put(xt->ch);
	KUNIT_EXPECT_EQ_MSG(test, atomic_long_read(&sipc_stats.channels),
			    xt->channels, "channels left behind");
	KUNIT_EXPECT_EQ_MSG(test, atomic_long_read(&sipc_stats.region_bytes),
			    xt->region_bytes, "region bytes left behind");
}

/* Publish "xfer" with @depth slots, attach both ends; return it. */
static struct sipc_channel *xt_setup(struct kunit *test, u32 depth)
{
	struct sipc_xt *xt = test->priv;
	struct sipc_create c = {
		.size = sizeof(c),
		.region_size = PAGE_SIZE,
		.queue_depth = depth,
		.name = XT_NAME,
	};
	struct sipc_channel *ch = sipc_channel_new(&c);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ch);
	KUNIT_ASSERT_EQ(test, sipc_channel_publish(ch), 0);
	xt->ch = sipc_channel_lookup(XT_NAME);
	KUNIT_ASSERT_PTR_EQ(test, xt->ch, ch);

	xt->sender = (struct sipc_endpoint){ .ch = ch, .role = SIPC_ROLE_SENDER };
	xt->receiver = (struct sipc_endpoint){ .ch = ch,
					       .role = SIPC_ROLE_RECEIVER };
	KUNIT_ASSERT_EQ(test, sipc_channel_attach(ch, &xt->sender), 0);
	xt->attached[0] = true;
	KUNIT_ASSERT_EQ(test, sipc_channel_attach(ch, &xt->receiver), 0);
	xt->attached[1] = true;
	return ch;
}

/* The sender's file is released (->release detaches, departed). */
static void xt_sender_leaves(struct kunit *test)
{
	struct sipc_xt *xt = test->priv;

	xt->attached[0] = false;
	sipc_channel_detach(xt->ch, &xt->sender, true);
}

static struct sipc_info xt_info(struct sipc_channel *ch)
{
	struct sipc_info info = { .size = sizeof(info) };

	sipc_channel_fill_info(ch, &info);
	return info;
}

static int xt_deliver(struct sipc_xfer *x, struct sipc_qmsg *m)
{
	struct xt_xfer *t = container_of(x, struct xt_xfer, x);

	t->calls++;
	t->seen = *m;
	if (t->hook)
		t->hook(t);
	return t->ret;
}

static void xt_xfer_init(struct xt_xfer *t, bool nonblock, int ret)
{
	*t = (struct xt_xfer){
		.x = {
			.nonblock = nonblock,
			.deliver = xt_deliver,
			.policy_seq = atomic_read(&sipc_policy_seq),
		},
		.ret = ret,
	};
}

/* Message number @i; odd ones carry data, even ones are NOOPs. */
static struct sipc_qmsg msg(u32 i)
{
	if (i % 2)
		return (struct sipc_qmsg){ .type = SIPC_MSG_DATA_READY,
					   .len = 10 * i, .offset = 8 * i };
	return (struct sipc_qmsg){ .type = SIPC_MSG_NOOP };
}

static int xt_send_with(struct sipc_channel *ch, u32 i, struct xt_xfer *t)
{
	struct sipc_qmsg q = msg(i);

	return sipc_channel_send(ch, &q, &t->x);
}

/* Nonblocking SEND of message @i with a deliver() that succeeds. */
static int xt_send(struct sipc_channel *ch, u32 i)
{
	struct xt_xfer t;

	xt_xfer_init(&t, true, 0);
	return xt_send_with(ch, i, &t);
}

/* Nonblocking RECV that must hand over message @i, numbered @seq. */
static void xt_expect_recv(struct kunit *test, struct sipc_channel *ch,
			   u32 i, u64 seq)
{
	struct sipc_qmsg want = msg(i);
	struct xt_xfer t;

	xt_xfer_init(&t, true, 0);
	KUNIT_ASSERT_EQ_MSG(test, sipc_channel_recv(ch, &t.x), 0,
			    "message %u", i);
	KUNIT_EXPECT_EQ(test, t.seen.type, want.type);
	KUNIT_EXPECT_EQ(test, t.seen.len, want.len);
	KUNIT_EXPECT_EQ(test, t.seen.offset, want.offset);
	KUNIT_EXPECT_EQ(test, t.seen.seq, seq);
}

static int xt_recv(struct sipc_channel *ch)
{
	struct xt_xfer t;

	xt_xfer_init(&t, true, 0);
	return sipc_channel_recv(ch, &t.x);
}

static int xt_thread_fn(void *data)
{
	struct xt_thread *th = data;

	if (th->send)
		th->err = sipc_channel_send(th->ch, &th->q, &th->t.x);
	else
		th->err = sipc_channel_recv(th->ch, &th->t.x);
	complete_all(&th->done);	/* the case and the exit hook both wait */
	return 0;
}

/*
 * Start a blocking SEND (of message @i) or RECV and wait until it sleeps
 * on the channel's wait queue, so that what follows tests the wake-up.
 */
static struct xt_thread *xt_start(struct kunit *test, bool send, u32 i)
{
	struct sipc_xt *xt = test->priv;
	wait_queue_head_t *wq = send ? &xt->ch->send_wq : &xt->ch->recv_wq;
	struct task_struct *task;
	struct xt_thread *th;
	bool asleep = false;
	int n, slot;

	for (slot = 0; slot < XT_THREADS && xt->threads[slot]; slot++)
		;
	KUNIT_ASSERT_LT(test, slot, XT_THREADS);
	th = kzalloc(sizeof(*th), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, th);
	th->ch = xt->ch;
	th->send = send;
	th->q = msg(i);
	xt_xfer_init(&th->t, false, 0);
	init_completion(&th->done);
	task = kthread_run(xt_thread_fn, th, "sipc-kunit-%s",
			   send ? "send" : "recv");
	if (IS_ERR(task)) {
		kfree(th);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, task);
	}
	xt->threads[slot] = th;
	for (n = 0; n < 250 && !asleep; n++) {
		/*
		 * An unlocked peek is enough: the thread adds itself to @wq
		 * before it sleeps, and nothing else waits on this channel.
		 */
		asleep = waitqueue_active(wq);
		if (!asleep)
			msleep(20);
	}
	KUNIT_ASSERT_TRUE_MSG(test, asleep, "the %s did not go to sleep",
			      send ? "SEND" : "RECV");
	KUNIT_EXPECT_FALSE(test, completion_done(&th->done));
	return th;
}

/* Wait for a woken thread; false (and a failed case) if it stays asleep. */
static bool xt_finished(struct kunit *test, struct xt_thread *th)
{
	bool done = wait_for_completion_timeout(&th->done, XT_TIMEOUT);

	KUNIT_EXPECT_TRUE_MSG(test, done, "still asleep after %d s",
			      XT_TIMEOUT / HZ);
	return done;
}

static const u32 depths[] = { 1, 4, SIPC_QUEUE_DEPTH_MAX };

static void depth_desc(const u32 *depth, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "depth %u", *depth);
}

KUNIT_ARRAY_PARAM(depths, depths, depth_desc);

/* A nonblocking SEND on a full queue: -EAGAIN, deliver() never called. */
static void sipc_transfer_test_send_full(struct kunit *test)
{
	u32 depth = *(const u32 *)test->param_value;
	struct sipc_channel *ch = xt_setup(test, depth);
	struct xt_xfer t;
	u32 i;

	for (i = 0; i < depth; i++)
		KUNIT_ASSERT_EQ_MSG(test, xt_send(ch, i), 0, "message %u", i);
	xt_xfer_init(&t, true, 0);
	KUNIT_EXPECT_EQ(test, xt_send_with(ch, depth, &t), -EAGAIN);
	KUNIT_EXPECT_EQ(test, t.calls, 0U);
	KUNIT_EXPECT_EQ(test, xt_info(ch).queue_len, depth);
	KUNIT_EXPECT_EQ(test, xt_info(ch).msgs_sent, (u64)depth);
}

/* A nonblocking RECV on an empty queue: -EAGAIN, deliver() not called. */
static void sipc_transfer_test_recv_empty(struct kunit *test)
{
	struct sipc_channel *ch = xt_setup(test, 2);
	struct xt_xfer t;

	xt_xfer_init(&t, true, 0);
	KUNIT_EXPECT_EQ(test, sipc_channel_recv(ch, &t.x), -EAGAIN);
	KUNIT_EXPECT_EQ(test, t.calls, 0U);
	/* And again once a message came and went. */
	KUNIT_ASSERT_EQ(test, xt_send(ch, 0), 0);
	KUNIT_ASSERT_EQ(test, xt_recv(ch), 0);
	KUNIT_EXPECT_EQ(test, sipc_channel_recv(ch, &t.x), -EAGAIN);
	KUNIT_EXPECT_EQ(test, t.calls, 0U);
}

/*
 * SEND whose deliver() fails (the seq could not be copied out): the
 * error comes back and nothing is queued, counted or numbered; the next
 * SEND gets the same seq.
 */
static void sipc_transfer_test_send_deliver_fails(struct kunit *test)
{
	struct sipc_channel *ch = xt_setup(test, 2);
	struct sipc_info info;
	struct xt_xfer t;

	xt_xfer_init(&t, true, -EFAULT);
	KUNIT_EXPECT_EQ(test, xt_send_with(ch, 1, &t), -EFAULT);
	KUNIT_EXPECT_EQ(test, t.calls, 1U);
	KUNIT_EXPECT_EQ(test, t.seen.seq, 1ULL);
	info = xt_info(ch);
	KUNIT_EXPECT_EQ(test, info.queue_len, 0U);
	KUNIT_EXPECT_EQ(test, info.msgs_sent, 0ULL);
	KUNIT_EXPECT_EQ(test, info.bytes_sent, 0ULL);
	KUNIT_EXPECT_EQ(test, xt_recv(ch), -EAGAIN);

	xt_xfer_init(&t, true, 0);
	KUNIT_EXPECT_EQ(test, xt_send_with(ch, 1, &t), 0);
	KUNIT_EXPECT_EQ(test, t.seen.seq, 1ULL);
	xt_expect_recv(test, ch, 1, 1);
}

/*
 * RECV whose deliver() fails (the message could not be copied out): the
 * error comes back and the message stays at the head of the queue, for
 * the next RECV.
 */
static void sipc_transfer_test_recv_deliver_fails(struct kunit *test)
{
	struct sipc_channel *ch = xt_setup(test, 2);
	struct sipc_info info;
	struct xt_xfer t;

	KUNIT_ASSERT_EQ(test, xt_send(ch, 1), 0);
	KUNIT_ASSERT_EQ(test, xt_send(ch, 2), 0);
	xt_xfer_init(&t, true, -EFAULT);
	KUNIT_EXPECT_EQ(test, sipc_channel_recv(ch, &t.x), -EFAULT);
	KUNIT_EXPECT_EQ(test, t.calls, 1U);
	KUNIT_EXPECT_EQ(test, t.seen.seq, 1ULL);
	info = xt_info(ch);
	KUNIT_EXPECT_EQ(test, info.queue_len, 2U);
	KUNIT_EXPECT_EQ(test, info.msgs_received, 0ULL);
	/* Still full: the failed RECV made no room. */
	KUNIT_EXPECT_EQ(test, xt_send(ch, 3), -EAGAIN);

	xt_expect_recv(test, ch, 1, 1);
	xt_expect_recv(test, ch, 2, 2);
}

/* The seq deliver() hands the sender is the one the receiver gets. */
static void sipc_transfer_test_seq_to_sender(struct kunit *test)
{
	struct sipc_channel *ch = xt_setup(test, 4);
	struct xt_xfer t;
	u32 i;

	for (i = 0; i < 10; i++) {
		xt_xfer_init(&t, true, 0);
		KUNIT_ASSERT_EQ(test, xt_send_with(ch, i, &t), 0);
		KUNIT_EXPECT_EQ(test, t.seen.seq, (u64)i + 1);
		xt_expect_recv(test, ch, i, t.seen.seq);
	}
}

/*
 * Messages come out in the order they went in, with every field intact,
 * also when the ring wraps.
 */
static void sipc_transfer_test_fifo_order(struct kunit *test)
{
	struct sipc_channel *ch = xt_setup(test, 8);
	u32 in = 0, out = 0;

	while (in < 5)
		KUNIT_ASSERT_EQ(test, xt_send(ch, in++), 0);
	while (out < 3) {
		xt_expect_recv(test, ch, out, out + 1);
		out++;
	}
	while (in < 11)				/* 8 queued, wrapped */
		KUNIT_ASSERT_EQ(test, xt_send(ch, in++), 0);
	KUNIT_EXPECT_EQ(test, xt_send(ch, in), -EAGAIN);
	while (out < in) {
		xt_expect_recv(test, ch, out, out + 1);
		out++;
	}
	KUNIT_EXPECT_EQ(test, xt_recv(ch), -EAGAIN);
}

/* msgs_sent, bytes_sent (DATA_READY only) and msgs_received. */
static void sipc_transfer_test_counters(struct kunit *test)
{
	struct sipc_channel *ch = xt_setup(test, 4);
	struct sipc_info info;

	KUNIT_ASSERT_EQ(test, xt_send(ch, 1), 0);	/* DATA_READY, 10 */
	KUNIT_ASSERT_EQ(test, xt_send(ch, 2), 0);	/* NOOP */
	KUNIT_ASSERT_EQ(test, xt_send(ch, 3), 0);	/* DATA_READY, 30 */
	KUNIT_ASSERT_EQ(test, xt_recv(ch), 0);
	KUNIT_ASSERT_EQ(test, xt_recv(ch), 0);
	info = xt_info(ch);
	KUNIT_EXPECT_EQ(test, info.msgs_sent, 3ULL);
	KUNIT_EXPECT_EQ(test, info.bytes_sent, 40ULL);
	KUNIT_EXPECT_EQ(test, info.msgs_received, 2ULL);
	KUNIT_EXPECT_EQ(test, info.queue_len, 1U);
	KUNIT_EXPECT_EQ(test, info.queue_depth, 4U);
}

/*
 * Every operation on a destroyed channel gives -EIDRM without calling
 * deliver(), blocking or not, whatever is queued.
 */
struct destroyed_case {
	bool send;
	bool nonblock;
	u32 queued;
	const char *desc;
};

static const struct destroyed_case destroyed_cases[] = {
	{ true, true, 0, "nonblocking SEND" },
	{ true, false, 0, "blocking SEND" },
	{ true, true, 2, "nonblocking SEND, queue full" },
	{ false, true, 0, "nonblocking RECV, queue empty" },
	{ false, false, 0, "blocking RECV, queue empty" },
	{ false, true, 1, "nonblocking RECV, message queued" },
};

static void destroyed_desc(const struct destroyed_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(destroyed, destroyed_cases, destroyed_desc);

static void sipc_transfer_test_destroyed(struct kunit *test)
{
	const struct destroyed_case *row = test->param_value;
	struct sipc_channel *ch = xt_setup(test, 2);
	struct xt_xfer t;
	u32 i;

	for (i = 0; i < row->queued; i++)
		KUNIT_ASSERT_EQ(test, xt_send(ch, i), 0);
	KUNIT_ASSERT_EQ(test, sipc_channel_destroy(XT_NAME), 0);
	xt_xfer_init(&t, row->nonblock, 0);
	if (row->send)
		KUNIT_EXPECT_EQ(test, xt_send_with(ch, 0, &t), -EIDRM);
	else
		KUNIT_EXPECT_EQ(test, sipc_channel_recv(ch, &t.x), -EIDRM);
	KUNIT_EXPECT_EQ(test, t.calls, 0U);
	KUNIT_EXPECT_EQ(test, xt_info(ch).queue_len, row->queued);
}

struct xt_destroy_work {
	struct work_struct work;
	int err;
};

static void xt_destroy_fn(struct work_struct *work)
{
	struct xt_destroy_work *w = container_of(work, struct xt_destroy_work,
						 work);

	w->err = sipc_channel_destroy(XT_NAME);
}

/*
 * A destroy from another task, completing while deliver() runs.  (A
 * worker, not a direct call: this task holds send_mutex here, and the
 * table lock is never taken under it.)
 */
static void xt_destroy_elsewhere(struct xt_xfer *t)
{
	struct xt_destroy_work w = { .err = 1 };

	INIT_WORK_ONSTACK(&w.work, xt_destroy_fn);
	schedule_work(&w.work);
	flush_work(&w.work);
	destroy_work_on_stack(&w.work);
	t->ret = w.err;		/* 0 if it worked: deliver() succeeds */
}

/* Destroyed between deliver() and the push: -EIDRM, nothing queued. */
static void sipc_transfer_test_destroy_during_send(struct kunit *test)
{
	struct sipc_channel *ch = xt_setup(test, 2);
	struct sipc_info info;
	struct xt_xfer t;

	xt_xfer_init(&t, true, 0);
	t.hook = xt_destroy_elsewhere;
	KUNIT_EXPECT_EQ(test, xt_send_with(ch, 1, &t), -EIDRM);
	KUNIT_EXPECT_EQ(test, t.calls, 1U);
	KUNIT_EXPECT_EQ(test, t.ret, 0);	/* the destroy worked */
	info = xt_info(ch);
	KUNIT_EXPECT_EQ(test, info.state & SIPC_STATE_DESTROYED,
			SIPC_STATE_DESTROYED);
	KUNIT_EXPECT_EQ(test, info.queue_len, 0U);
	KUNIT_EXPECT_EQ(test, info.msgs_sent, 0ULL);
}

/*
 * After the sender leaves, the receiver still gets every queued message,
 * and only then -EPIPE.
 */
static void sipc_transfer_test_drain_before_epipe(struct kunit *test)
{
	struct sipc_channel *ch = xt_setup(test, 4);

	KUNIT_ASSERT_EQ(test, xt_send(ch, 1), 0);
	KUNIT_ASSERT_EQ(test, xt_send(ch, 2), 0);
	xt_sender_leaves(test);
	xt_expect_recv(test, ch, 1, 1);
	xt_expect_recv(test, ch, 2, 2);
	KUNIT_EXPECT_EQ(test, xt_recv(ch), -EPIPE);
}

/* A RECV asleep on an empty queue is woken by a SEND and gets it. */
static void sipc_transfer_test_recv_woken_by_send(struct kunit *test)
{
	struct sipc_channel *ch = xt_setup(test, 2);
	struct xt_thread *th = xt_start(test, false, 0);

	KUNIT_ASSERT_EQ(test, xt_send(ch, 1), 0);
	if (!xt_finished(test, th))
		return;
	KUNIT_EXPECT_EQ(test, th->err, 0);
	KUNIT_EXPECT_EQ(test, th->t.calls, 1U);
	KUNIT_EXPECT_EQ(test, th->t.seen.seq, 1ULL);
	KUNIT_EXPECT_EQ(test, th->t.seen.len, msg(1).len);
	KUNIT_EXPECT_EQ(test, xt_info(ch).queue_len, 0U);
}

/* A SEND asleep on a full queue is woken by the RECV that makes room. */
static void sipc_transfer_test_send_woken_by_recv(struct kunit *test)
{
	struct sipc_channel *ch = xt_setup(test, 1);
	struct xt_thread *th;

	KUNIT_ASSERT_EQ(test, xt_send(ch, 1), 0);
	th = xt_start(test, true, 3);
	xt_expect_recv(test, ch, 1, 1);
	if (!xt_finished(test, th))
		return;
	KUNIT_EXPECT_EQ(test, th->err, 0);
	KUNIT_EXPECT_EQ(test, th->t.seen.seq, 2ULL);
	xt_expect_recv(test, ch, 3, 2);
}

/* Destroy wakes a sleeping RECV (empty queue) or SEND (full): -EIDRM. */
static const bool sleeper_is_sender[] = { false, true };

static void sleeper_desc(const bool *send, char *desc)
{
	strscpy(desc, *send ? "SEND on a full queue" : "RECV on an empty queue",
		KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(sleeper, sleeper_is_sender, sleeper_desc);

static void sipc_transfer_test_destroy_wakes(struct kunit *test)
{
	bool send = *(const bool *)test->param_value;
	struct sipc_channel *ch = xt_setup(test, 1);
	struct xt_thread *th;

	if (send)
		KUNIT_ASSERT_EQ(test, xt_send(ch, 1), 0);
	th = xt_start(test, send, 2);
	KUNIT_ASSERT_EQ(test, sipc_channel_destroy(XT_NAME), 0);
	if (!xt_finished(test, th))
		return;
	KUNIT_EXPECT_EQ(test, th->err, -EIDRM);
	KUNIT_EXPECT_EQ(test, th->t.calls, 0U);
}

/* The sender leaving wakes a RECV asleep on the empty queue: -EPIPE. */
static void sipc_transfer_test_sender_leaving_wakes(struct kunit *test)
{
	struct xt_thread *th;

	xt_setup(test, 2);
	th = xt_start(test, false, 0);
	xt_sender_leaves(test);
	if (!xt_finished(test, th))
		return;
	KUNIT_EXPECT_EQ(test, th->err, -EPIPE);
	KUNIT_EXPECT_EQ(test, th->t.calls, 0U);
}

static struct kunit_case sipc_transfer_test_cases[] = {
	KUNIT_CASE_PARAM(sipc_transfer_test_send_full, depths_gen_params),
	KUNIT_CASE(sipc_transfer_test_recv_empty),
	KUNIT_CASE(sipc_transfer_test_send_deliver_fails),
	KUNIT_CASE(sipc_transfer_test_recv_deliver_fails),
	KUNIT_CASE(sipc_transfer_test_seq_to_sender),
	KUNIT_CASE(sipc_transfer_test_fifo_order),
	KUNIT_CASE(sipc_transfer_test_counters),
	KUNIT_CASE_PARAM(sipc_transfer_test_destroyed, destroyed_gen_params),
	KUNIT_CASE(sipc_transfer_test_destroy_during_send),
	KUNIT_CASE(sipc_transfer_test_drain_before_epipe),
	KUNIT_CASE(sipc_transfer_test_recv_woken_by_send),
	KUNIT_CASE(sipc_transfer_test_send_woken_by_recv),
	KUNIT_CASE_PARAM(sipc_transfer_test_destroy_wakes, sleeper_gen_params),
	KUNIT_CASE(sipc_transfer_test_sender_leaving_wakes),
	{}
};

static struct kunit_suite sipc_transfer_test_suite = {
	.name = "sipc_transfer",
	.init = sipc_transfer_test_init,
	.exit = sipc_transfer_test_exit,
	.test_cases = sipc_transfer_test_cases,
};

kunit_test_suite(sipc_transfer_test_suite);
