// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_channel_test.c - KUnit suite "sipc_channel": the channel table of
 * sipc_channel.c through its kernel-level functions (new, publish,
 * lookup, destroy, attach, detach, put, fill_info): names, limits,
 * lifetime and endpoint roles.
 *
 * Endpoints here are bare struct sipc_endpoint, without a file: the case
 * plays the part of sipc_ioctl_attach() and of the file's ->release.
 *
 * Every case runs against the module's one real table, which is empty in
 * the UML kernel.  The fixture saves the module parameters and counters,
 * records what the case holds (references, attached endpoints, published
 * names), and the exit hook gives all of it back, even after a failed
 * assertion, then checks that the counters are back where they started:
 * a case that leaks a channel fails.
 *
 * Run with tools/testing/kunit.sh.
 */
#include <kunit/test.h>
#include <linux/highmem.h>
#include <linux/mm.h>
#include <linux/string.h>
#include "sipc_internal.h"

#define CT_MAX	8
#define CT_REGION_MAX	(16 * PAGE_SIZE)	/* max_region_size in cases */

struct sipc_ct {
	unsigned int max_channels;	/* module parameters, restored */
	unsigned long max_region_size;
	unsigned long max_total_region;
	long channels;			/* sipc_stats when the case began */
	long region_bytes;
	struct sipc_channel *refs[CT_MAX];	/* references held */
	struct sipc_endpoint *eps[CT_MAX];	/* endpoints attached */
	char names[CT_MAX][SIPC_NAME_MAX];	/* names published */
};

static int sipc_channel_test_init(struct kunit *test)
{
	struct sipc_ct *ct = kunit_kzalloc(test, sizeof(*ct), GFP_KERNEL);

	if (!ct)
		return -ENOMEM;
	ct->max_channels = sipc_max_channels;
	ct->max_region_size = sipc_max_region_size;
	ct->max_total_region = sipc_max_total_region;
	ct->channels = atomic_long_read(&sipc_stats.channels);
	ct->region_bytes = atomic_long_read(&sipc_stats.region_bytes);
	/* Small regions keep the cases quick under KASAN. */
	WRITE_ONCE(sipc_max_region_size, CT_REGION_MAX);
	test->priv = ct;
	return 0;
}

static void sipc_channel_test_exit(struct kunit *test)
{
	struct sipc_ct *ct = test->priv;
	int i;

	for (i = 0; i < CT_MAX; i++)
		if (ct->eps[i])
			sipc_channel_detach(ct->eps[i]->ch, ct->eps[i], false);
	for (i = 0; i < CT_MAX; i++)
		if (ct->names[i][0])
			sipc_channel_destroy(ct->names[i]);
	for (i = CT_MAX - 1; i >= 0; i--)
		if (ct->refs[i])
			sipc_channel_put(ct->refs[i]);
	WRITE_ONCE(sipc_max_channels, ct->max_channels);
	WRITE_ONCE(sipc_max_region_size, ct->max_region_size);
	WRITE_ONCE(sipc_max_total_region, ct->max_total_region);
	KUNIT_EXPECT_EQ_MSG(test, atomic_long_read(&sipc_stats.channels),
			    ct->channels, "channels left behind");
	KUNIT_EXPECT_EQ_MSG(test, atomic_long_read(&sipc_stats.region_bytes),
			    ct->region_bytes, "region bytes left behind");
}

static int ct_ref_slot(struct kunit *test, struct sipc_channel *ch)
{
	struct sipc_ct *ct = test->priv;
	int i;

	for (i = 0; i < CT_MAX; i++)
		if (ct->refs[i] == ch)
			return i;
	KUNIT_FAIL(test, "fixture: reference %s", ch ? "not held" : "table full");
	return -1;
}

static void ct_hold(struct kunit *test, struct sipc_channel *ch)
{
	struct sipc_ct *ct = test->priv;
	int i = ct_ref_slot(test, NULL);

	if (i < 0) {
		sipc_channel_put(ch);
		KUNIT_ASSERT_GE(test, i, 0);
	}
	ct->refs[i] = ch;
}

/* Forget a reference the case no longer owns (given away or dropped). */
static void ct_unhold(struct kunit *test, struct sipc_channel *ch)
{
	struct sipc_ct *ct = test->priv;
	int i = ct_ref_slot(test, ch);

	KUNIT_ASSERT_GE(test, i, 0);
	ct->refs[i] = NULL;
}

static void ct_put(struct kunit *test, struct sipc_channel *ch)
{
	ct_unhold(test, ch);
	sipc_channel_put(ch);
}

static struct sipc_create ct_args(const char *name, u64 size, u32 depth)
{
	struct sipc_create c = {
		.size = sizeof(c),
		.region_size = size,
		.queue_depth = depth,
	};

	strscpy(c.name, name, sizeof(c.name));
	return c;
}

/* sipc_channel_new(); on success the case holds the reference. */
static struct sipc_channel *ct_new(struct kunit *test, struct sipc_create *c)
{
	struct sipc_channel *ch = sipc_channel_new(c);

	if (!IS_ERR_OR_NULL(ch))
		ct_hold(test, ch);
	return ch;
}

/*
 * sipc_channel_publish() of a channel the case holds: the reference goes
 * to the table (or is dropped, on -EEXIST); the case keeps the name.
 */
static int ct_publish(struct kunit *test, struct sipc_channel *ch)
{
	struct sipc_ct *ct = test->priv;
	int i, err;

	ct_unhold(test, ch);
	err = sipc_channel_publish(ch);
	if (err)
		return err;
	for (i = 0; i < CT_MAX && ct->names[i][0]; i++)
		;
	KUNIT_ASSERT_LT(test, i, CT_MAX);
	strscpy(ct->names[i], ch->name, SIPC_NAME_MAX);
	return 0;
}

/* Create and publish; the table holds the channel, the case the name. */
static struct sipc_channel *ct_create(struct kunit *test, const char *name,
				      u64 size, u32 depth)
{
	struct sipc_create c = ct_args(name, size, depth);
	struct sipc_channel *ch = ct_new(test, &c);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ch);
	KUNIT_ASSERT_EQ(test, ct_publish(test, ch), 0);
	return ch;
}

static struct sipc_channel *ct_lookup(struct kunit *test, const char *name)
{
	struct sipc_channel *ch = sipc_channel_lookup(name);

	if (ch)
		ct_hold(test, ch);
	return ch;
}

/*
 * A bare endpoint of @role on @ch, attached if that works (then the case
 * holds it).  Its reference on @ch is borrowed from the case's.
 */
static struct sipc_endpoint *ct_attach(struct kunit *test,
				       struct sipc_channel *ch, u32 role,
				       int *err)
{
	struct sipc_ct *ct = test->priv;
	struct sipc_endpoint *ep = kunit_kzalloc(test, sizeof(*ep), GFP_KERNEL);
	int i;

	KUNIT_ASSERT_NOT_NULL(test, ep);
	ep->ch = ch;
	ep->role = role;
	*err = sipc_channel_attach(ch, ep);
	if (*err)
		return ep;
	for (i = 0; i < CT_MAX && ct->eps[i]; i++)
		;
	if (i == CT_MAX) {
		sipc_channel_detach(ch, ep, false);
		KUNIT_ASSERT_FAILURE(test, "fixture: endpoint table full");
	}
	ct->eps[i] = ep;
	return ep;
}

/* Like ct_attach(), for the cases where attaching must work. */
static struct sipc_endpoint *ct_attach_ok(struct kunit *test,
					  struct sipc_channel *ch, u32 role)
{
	struct sipc_endpoint *ep;
	int err;

	ep = ct_attach(test, ch, role, &err);
	KUNIT_ASSERT_EQ(test, err, 0);
	return ep;
}

/* What the endpoint's ->release does, minus the put. */
static void ct_detach(struct kunit *test, struct sipc_endpoint *ep,
		      bool departed)
{
	struct sipc_ct *ct = test->priv;
	int i;

	for (i = 0; i < CT_MAX && ct->eps[i] != ep; i++)
		;
	KUNIT_ASSERT_LT_MSG(test, i, CT_MAX, "fixture: endpoint not attached");
	ct->eps[i] = NULL;
	sipc_channel_detach(ep->ch, ep, departed);
}

static int ct_destroy(struct kunit *test, const char *name)
{
	struct sipc_ct *ct = test->priv;
	int err = sipc_channel_destroy(name);
	int i;

	for (i = 0; i < CT_MAX && !err; i++)
		if (!strcmp(ct->names[i], name))
			ct->names[i][0] = '\0';
	return err;
}

static struct sipc_info ct_info(struct sipc_channel *ch)
{
	struct sipc_info info = { .size = sizeof(info) };

	sipc_channel_fill_info(ch, &info);
	return info;
}

static long ct_channels(struct kunit *test)
{
	return atomic_long_read(&sipc_stats.channels) -
	       ((struct sipc_ct *)test->priv)->channels;
}

static long ct_region_bytes(struct kunit *test)
{
	return atomic_long_read(&sipc_stats.region_bytes) -
	       ((struct sipc_ct *)test->priv)->region_bytes;
}

/* A receive that accepts whatever it is handed. */
static int ct_deliver_ok(struct sipc_xfer *x, struct sipc_qmsg *m)
{
	return 0;
}

static int ct_recv(struct sipc_channel *ch)
{
	struct sipc_xfer x = { .nonblock = true, .deliver = ct_deliver_ok };

	return sipc_channel_recv(ch, &x);
}

static int ct_send(struct sipc_channel *ch)
{
	struct sipc_xfer x = { .nonblock = true, .deliver = ct_deliver_ok };
	struct sipc_qmsg q = { .type = SIPC_MSG_NOOP };

	return sipc_channel_send(ch, &q, &x);
}

/*
 * Argument checks of sipc_channel_new(): each row breaks one field of an
 * otherwise valid request.  A refused request must leave the counters
 * alone; an accepted one is built unpublished, then dropped.
 */
struct create_case {
	const char *name;
	u32 flags;
	u32 reserved;
	u64 region_size;
	u32 queue_depth;
	int err;
	const char *desc;
};

static const struct create_case create_cases[] = {
	{ "ok", 0, 0, PAGE_SIZE, 4, 0, "valid request" },
	{ "ok", 1, 0, PAGE_SIZE, 4, -EINVAL, "flags bit 0 set" },
	{ "ok", SIPC_CREATE_SEALED, 0, PAGE_SIZE, 4, 0, "SIPC_CREATE_SEALED" },
	{ "ok", 4, 0, PAGE_SIZE, 4, -EINVAL, "flags bit 2 set" },
	{ "ok", SIPC_CREATE_SEALED | 8, 0, PAGE_SIZE, 4, -EINVAL,
	  "SIPC_CREATE_SEALED and bit 3" },
	{ "ok", 0x80000000, 0, PAGE_SIZE, 4, -EINVAL, "flags bit 31 set" },
	{ "ok", 0, 1, PAGE_SIZE, 4, -EINVAL, "reserved set" },
	{ "", 0, 0, PAGE_SIZE, 4, -EINVAL, "empty name" },
	{ "a/b", 0, 0, PAGE_SIZE, 4, -EINVAL, "name with a slash" },
	{ "a b", 0, 0, PAGE_SIZE, 4, -EINVAL, "name with a space" },
	{ "x-63-characters-long-name-is-the-longest-that-fits-012345678901",
	  0, 0, PAGE_SIZE, 4, 0, "name of SIPC_NAME_MAX - 1 characters" },
	{ "ok", 0, 0, 0, 4, -EINVAL, "region size 0" },
	{ "ok", 0, 0, CT_REGION_MAX, 4, 0, "region size = max_region_size" },
	{ "ok", 0, 0, CT_REGION_MAX + 1, 4, -EINVAL,
	  "region size = max_region_size + 1" },
	{ "ok", 0, 0, U64_MAX, 4, -EINVAL, "region size U64_MAX" },
	{ "ok", 0, 0, PAGE_SIZE, SIPC_QUEUE_DEPTH_MAX, 0, "depth 64" },
	{ "ok", 0, 0, PAGE_SIZE, SIPC_QUEUE_DEPTH_MAX + 1, -EINVAL,
	  "depth 65" },
	{ "ok", 0, 0, PAGE_SIZE, U32_MAX, -EINVAL, "depth U32_MAX" },
};

static void create_desc(const struct create_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(create, create_cases, create_desc);

static void sipc_channel_test_create_args(struct kunit *test)
{
	const struct create_case *row = test->param_value;
	struct sipc_create c = ct_args(row->name, row->region_size,
				       row->queue_depth);
	struct sipc_channel *ch;

	c.flags = row->flags;
	c.reserved = row->reserved;
	ch = ct_new(test, &c);
	KUNIT_ASSERT_EQ(test, PTR_ERR_OR_ZERO(ch), row->err);
	if (row->err) {
		KUNIT_EXPECT_EQ(test, ct_channels(test), 0);
		KUNIT_EXPECT_EQ(test, ct_region_bytes(test), 0);
		return;
	}
	KUNIT_EXPECT_EQ(test, ct_channels(test), 1);
	KUNIT_EXPECT_EQ(test, ct_region_bytes(test), (long)c.region_size);
	KUNIT_EXPECT_STREQ(test, ch->name, row->name);
	/* Not published yet: no one can find it. */
	KUNIT_EXPECT_NULL(test, ct_lookup(test, row->name));
	ct_put(test, ch);
	KUNIT_EXPECT_EQ(test, ct_channels(test), 0);
	KUNIT_EXPECT_EQ(test, ct_region_bytes(test), 0);
}

/* A name in the table cannot be created again. */
static void sipc_channel_test_create_name_taken(struct kunit *test)
{
	struct sipc_create c = ct_args("taken", PAGE_SIZE, 1);

	ct_create(test, "taken", 2 * PAGE_SIZE, 1);
	KUNIT_EXPECT_EQ(test, PTR_ERR(ct_new(test, &c)), -EEXIST);
	KUNIT_EXPECT_EQ(test, ct_channels(test), 1);
	KUNIT_EXPECT_EQ(test, ct_region_bytes(test), 2 * PAGE_SIZE);
}

/*
 * max_channels: the channel over the limit gets -ENOSPC and changes no
 * counter; the slot comes back when a channel is freed.
 */
static void sipc_channel_test_limit_max_channels(struct kunit *test)
{
	struct sipc_create c = ct_args("over", PAGE_SIZE, 1);

	WRITE_ONCE(sipc_max_channels,
		   atomic_long_read(&sipc_stats.channels) + 2);
	ct_create(test, "one", PAGE_SIZE, 1);
	ct_create(test, "two", PAGE_SIZE, 1);
	KUNIT_EXPECT_EQ(test, PTR_ERR(ct_new(test, &c)), -ENOSPC);
	KUNIT_EXPECT_EQ(test, ct_channels(test), 2);
	KUNIT_EXPECT_EQ(test, ct_region_bytes(test), 2 * PAGE_SIZE);

	KUNIT_ASSERT_EQ(test, ct_destroy(test, "one"), 0);
	ct_create(test, "over", PAGE_SIZE, 1);
	KUNIT_EXPECT_EQ(test, ct_channels(test), 2);
}

/*
 * max_total_region: a region that would pass the limit gets -ENOSPC and
 * changes no counter; one that fits exactly is accepted.
 */
static void sipc_channel_test_limit_max_total_region(struct kunit *test)
{
	struct sipc_create c = ct_args("big", 2 * PAGE_SIZE, 1);

	WRITE_ONCE(sipc_max_total_region,
		   atomic_long_read(&sipc_stats.region_bytes) + 3 * PAGE_SIZE);
	ct_create(test, "first", 2 * PAGE_SIZE, 1);
	KUNIT_EXPECT_EQ(test, PTR_ERR(ct_new(test, &c)), -ENOSPC);
	KUNIT_EXPECT_EQ(test, ct_channels(test), 1);
	KUNIT_EXPECT_EQ(test, ct_region_bytes(test), 2 * PAGE_SIZE);

	/* The size is checked after rounding: PAGE_SIZE + 1 is 2 pages. */
	c = ct_args("big", PAGE_SIZE + 1, 1);
	KUNIT_EXPECT_EQ(test, PTR_ERR(ct_new(test, &c)), -ENOSPC);
	KUNIT_EXPECT_EQ(test, ct_region_bytes(test), 2 * PAGE_SIZE);

	ct_create(test, "exact", PAGE_SIZE, 1);
	KUNIT_EXPECT_EQ(test, ct_channels(test), 2);
	KUNIT_EXPECT_EQ(test, ct_region_bytes(test), 3 * PAGE_SIZE);
}

struct size_case {
	u64 size;
	u64 rounded;
	const char *desc;
};

static const struct size_case size_cases[] = {
	{ 1, PAGE_SIZE, "1 byte" },
	{ PAGE_SIZE - 1, PAGE_SIZE, "PAGE_SIZE - 1" },
	{ PAGE_SIZE, PAGE_SIZE, "PAGE_SIZE" },
	{ PAGE_SIZE + 1, 2 * PAGE_SIZE, "PAGE_SIZE + 1" },
	{ 3 * PAGE_SIZE, 3 * PAGE_SIZE, "3 pages" },
	{ CT_REGION_MAX - 1, CT_REGION_MAX, "max_region_size - 1" },
};

static void size_desc(const struct size_case *c, char *desc)
{
	strscpy(desc, c->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(size, size_cases, size_desc);

/*
 * The region is rounded up to whole pages, reported back in place, and
 * the rounded size is what is allocated and charged.
 */
static void sipc_channel_test_size_rounding(struct kunit *test)
{
	const struct size_case *row = test->param_value;
	struct sipc_create c = ct_args("round", row->size, 1);
	struct sipc_channel *ch = ct_new(test, &c);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ch);
	KUNIT_EXPECT_EQ(test, c.region_size, row->rounded);
	KUNIT_EXPECT_EQ(test, ch->region_size, row->rounded);
	KUNIT_EXPECT_EQ(test, ch->region.nr_pages, row->rounded >> PAGE_SHIFT);
	KUNIT_EXPECT_EQ(test, ct_info(ch).region_size, row->rounded);
	KUNIT_EXPECT_EQ(test, ct_region_bytes(test), (long)row->rounded);
}

/*
 * The region is allocated whole at creation, and zeroed: a receiver must
 * never see what an earlier owner left in those pages.  Dirty pages are
 * freed first so that the allocator is likely to hand them out again.
 */
static void sipc_channel_test_region_zeroed(struct kunit *test)
{
	struct sipc_create c = ct_args("zero", 4 * PAGE_SIZE, 1);
	struct page *dirty[16];
	struct sipc_channel *ch;
	unsigned long i;
	void *p;

	for (i = 0; i < ARRAY_SIZE(dirty); i++) {
		dirty[i] = alloc_page(GFP_KERNEL);
		if (dirty[i])
			memset(page_address(dirty[i]), 0xa5, PAGE_SIZE);
	}
	for (i = 0; i < ARRAY_SIZE(dirty); i++)
		if (dirty[i])
			__free_page(dirty[i]);

	ch = ct_new(test, &c);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ch);
	KUNIT_ASSERT_EQ(test, ch->region.nr_pages, 4UL);
	for (i = 0; i < ch->region.nr_pages; i++) {
		KUNIT_ASSERT_NOT_NULL(test, ch->region.pages[i]);
		p = kmap_local_page(ch->region.pages[i]);
		KUNIT_EXPECT_NULL_MSG(test, memchr_inv(p, 0, PAGE_SIZE),
				      "page %lu", i);
		kunmap_local(p);
	}
}

/* Depth 0 asks for the default; any other valid depth is kept. */
static void sipc_channel_test_depth_default(struct kunit *test)
{
	static const u32 depths[][2] = {	/* asked, got */
		{ 0, SIPC_QUEUE_DEPTH_DEFAULT },
		{ 1, 1 },
		{ 7, 7 },
		{ SIPC_QUEUE_DEPTH_MAX, SIPC_QUEUE_DEPTH_MAX },
	};
	struct sipc_create c;
	struct sipc_channel *ch;
	int i;

	for (i = 0; i < ARRAY_SIZE(depths); i++) {
		c = ct_args("depth", PAGE_SIZE, depths[i][0]);
		ch = ct_new(test, &c);
		KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ch);
		KUNIT_EXPECT_EQ(test, c.queue_depth, depths[i][1]);
		KUNIT_EXPECT_EQ(test, ct_info(ch).queue_depth, depths[i][1]);
		ct_put(test, ch);
	}
}

/*
 * Two creators pass sipc_channel_new() with one name before either
 * publishes: the second publish gets -EEXIST and frees its channel,
 * reservation included; the first stays in the table.
 */
static void sipc_channel_test_publish_eexist(struct kunit *test)
{
	struct sipc_create c1 = ct_args("race", PAGE_SIZE, 1);
	struct sipc_create c2 = ct_args("race", 2 * PAGE_SIZE, 1);
	struct sipc_channel *a = ct_new(test, &c1);
	struct sipc_channel *b = ct_new(test, &c2);

	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, a);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, b);
	KUNIT_EXPECT_EQ(test, ct_channels(test), 2);
	KUNIT_EXPECT_EQ(test, ct_region_bytes(test), 3 * PAGE_SIZE);

	KUNIT_ASSERT_EQ(test, ct_publish(test, a), 0);
	KUNIT_EXPECT_EQ(test, ct_publish(test, b), -EEXIST);
	KUNIT_EXPECT_EQ(test, ct_channels(test), 1);
	KUNIT_EXPECT_EQ(test, ct_region_bytes(test), PAGE_SIZE);
	KUNIT_EXPECT_PTR_EQ(test, ct_lookup(test, "race"), a);
}

/*
 * Lookup finds published names only, and takes a reference; ids grow
 * with each publish; a destroyed name is gone at once.
 */
static void sipc_channel_test_lookup(struct kunit *test)
{
	struct sipc_create c = ct_args("hidden", PAGE_SIZE, 1);
	struct sipc_channel *hidden, *a, *b, *found;
	unsigned int refs;

	KUNIT_EXPECT_NULL(test, ct_lookup(test, "nobody"));
	hidden = ct_new(test, &c);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, hidden);
	KUNIT_EXPECT_NULL(test, ct_lookup(test, "hidden"));

	a = ct_create(test, "first", PAGE_SIZE, 1);
	b = ct_create(test, "second", PAGE_SIZE, 1);
	KUNIT_EXPECT_GT(test, b->id, a->id);
	refs = kref_read(&a->ref);
	found = ct_lookup(test, "first");
	KUNIT_ASSERT_PTR_EQ(test, found, a);
	KUNIT_EXPECT_EQ(test, kref_read(&a->ref), refs + 1);
	ct_put(test, found);
	KUNIT_EXPECT_EQ(test, kref_read(&a->ref), refs);
	KUNIT_EXPECT_PTR_EQ(test, ct_lookup(test, "second"), b);

	KUNIT_ASSERT_EQ(test, ct_destroy(test, "first"), 0);
	KUNIT_EXPECT_NULL(test, ct_lookup(test, "first"));
}

/*
 * Destroy: unknown names give -ENOENT, a second destroy too; a channel
 * only the table holds is freed at once.
 */
static void sipc_channel_test_destroy(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, ct_destroy(test, "nobody"), -ENOENT);
	ct_create(test, "once", 2 * PAGE_SIZE, 1);
	KUNIT_EXPECT_EQ(test, ct_channels(test), 1);
	KUNIT_EXPECT_EQ(test, ct_destroy(test, "once"), 0);
	KUNIT_EXPECT_EQ(test, ct_channels(test), 0);
	KUNIT_EXPECT_EQ(test, ct_region_bytes(test), 0);
	KUNIT_EXPECT_EQ(test, ct_destroy(test, "once"), -ENOENT);
}

/*
 * Destroy while an endpoint is attached: the name goes at once (and can
 * be taken again), but the endpoint's reference keeps the channel, which
 * stays counted until that last reference is put.
 */
static void sipc_channel_test_destroy_while_attached(struct kunit *test)
{
	struct sipc_channel *ch;
	struct sipc_endpoint *ep;

	ct_create(test, "held", 2 * PAGE_SIZE, 2);
	ch = ct_lookup(test, "held");		/* the endpoint's reference */
	KUNIT_ASSERT_NOT_NULL(test, ch);
	ep = ct_attach_ok(test, ch, SIPC_ROLE_SENDER);

	KUNIT_ASSERT_EQ(test, ct_destroy(test, "held"), 0);
	KUNIT_EXPECT_NULL(test, ct_lookup(test, "held"));
	KUNIT_EXPECT_EQ(test, ct_info(ch).state,
			SIPC_STATE_DESTROYED | SIPC_STATE_SENDER);
	KUNIT_EXPECT_EQ(test, kref_read(&ch->ref), 1U);
	KUNIT_EXPECT_EQ(test, ct_channels(test), 1);
	KUNIT_EXPECT_EQ(test, ct_region_bytes(test), 2 * PAGE_SIZE);

	ct_create(test, "held", PAGE_SIZE, 1);	/* the name is free */
	KUNIT_EXPECT_EQ(test, ct_channels(test), 2);

	ct_detach(test, ep, true);
	KUNIT_EXPECT_EQ(test, ct_channels(test), 2);
	ct_put(test, ch);			/* the last one */
	KUNIT_EXPECT_EQ(test, ct_channels(test), 1);
	KUNIT_EXPECT_EQ(test, ct_region_bytes(test), PAGE_SIZE);
}

/* One sender and one receiver at a time; a freed role can be taken. */
static void sipc_channel_test_attach_roles(struct kunit *test)
{
	struct sipc_endpoint *s, *r;
	struct sipc_channel *ch;
	int err;

	ct_create(test, "roles", PAGE_SIZE, 1);
	ch = ct_lookup(test, "roles");
	KUNIT_ASSERT_NOT_NULL(test, ch);
	KUNIT_EXPECT_EQ(test, ct_info(ch).state, 0U);

	s = ct_attach_ok(test, ch, SIPC_ROLE_SENDER);
	ct_attach(test, ch, SIPC_ROLE_SENDER, &err);
	KUNIT_EXPECT_EQ(test, err, -EBUSY);
	KUNIT_EXPECT_EQ(test, ct_info(ch).state, SIPC_STATE_SENDER);

	r = ct_attach_ok(test, ch, SIPC_ROLE_RECEIVER);
	ct_attach(test, ch, SIPC_ROLE_RECEIVER, &err);
	KUNIT_EXPECT_EQ(test, err, -EBUSY);
	KUNIT_EXPECT_EQ(test, ct_info(ch).state,
			SIPC_STATE_SENDER | SIPC_STATE_RECEIVER);
	KUNIT_EXPECT_PTR_EQ(test, ch->sender, s);
	KUNIT_EXPECT_PTR_EQ(test, ch->receiver, r);

	ct_detach(test, s, true);
	KUNIT_EXPECT_EQ(test, ct_info(ch).state,
			SIPC_STATE_RECEIVER | SIPC_STATE_SENDER_HUP);
	/* A new sender clears the hang-up. */
	ct_attach_ok(test, ch, SIPC_ROLE_SENDER);
	KUNIT_EXPECT_EQ(test, ct_info(ch).state,
			SIPC_STATE_SENDER | SIPC_STATE_RECEIVER);
}

/* A reference outliving destroy does not allow a new attach. */
static void sipc_channel_test_attach_after_destroy(struct kunit *test)
{
	struct sipc_channel *ch;
	int err;

	ct_create(test, "gone", PAGE_SIZE, 1);
	ch = ct_lookup(test, "gone");
	KUNIT_ASSERT_NOT_NULL(test, ch);
	KUNIT_ASSERT_EQ(test, ct_destroy(test, "gone"), 0);

	ct_attach(test, ch, SIPC_ROLE_SENDER, &err);
	KUNIT_EXPECT_EQ(test, err, -ENOENT);
	ct_attach(test, ch, SIPC_ROLE_RECEIVER, &err);
	KUNIT_EXPECT_EQ(test, err, -ENOENT);
	KUNIT_EXPECT_EQ(test, ct_info(ch).state, SIPC_STATE_DESTROYED);
}

/*
 * A sender that departs (->release) sets the hang-up state: a
 * nonblocking receive on the empty queue then gives -EPIPE.  An attach
 * being undone (departed = false) is not a departure: -EAGAIN.
 */
static const bool departed_values[] = { true, false };

static void departed_desc(const bool *departed, char *desc)
{
	strscpy(desc, *departed ? "sender released" : "attach undone",
		KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(departed, departed_values, departed_desc);

/*
 * A sealed channel's pages: sealed from the push of a DATA_READY until
 * the receiver takes the message after it; INFO reports the flag and the
 * version-1 meaning of mode and owner.
 */
static void sipc_channel_test_sealed_release(struct kunit *test)
{
	struct sipc_create c = ct_args("sealed", 4 * PAGE_SIZE, 4);
	struct sipc_xfer x = { .nonblock = true, .deliver = ct_deliver_ok };
	struct sipc_qmsg dr = { .type = SIPC_MSG_DATA_READY,
				.offset = PAGE_SIZE, .len = PAGE_SIZE + 1 };
	struct sipc_channel *ch;
	struct sipc_info info;

	c.flags = SIPC_CREATE_SEALED;
	ch = ct_new(test, &c);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, ch);
	KUNIT_ASSERT_EQ(test, ct_publish(test, ch), 0);
	info = ct_info(ch);
	KUNIT_EXPECT_EQ(test, info.create_flags, (u32)SIPC_CREATE_SEALED);
	KUNIT_EXPECT_EQ(test, info.mode, 0666U);
	KUNIT_EXPECT_EQ(test, info.owner_uid, info.creator_uid);

	KUNIT_ASSERT_EQ(test, sipc_channel_send(ch, &dr, &x), 0);
	KUNIT_EXPECT_FALSE(test, sipc_seal_page_sealed(ch, 0));
	KUNIT_EXPECT_TRUE(test, sipc_seal_page_sealed(ch, 1));
	KUNIT_EXPECT_TRUE(test, sipc_seal_page_sealed(ch, 2));
	KUNIT_EXPECT_FALSE(test, sipc_seal_page_sealed(ch, 3));
	/* Taken is not released: the receiver reads it now. */
	KUNIT_ASSERT_EQ(test, ct_recv(ch), 0);
	KUNIT_EXPECT_TRUE(test, sipc_seal_page_sealed(ch, 1));
	KUNIT_ASSERT_EQ(test, ct_send(ch), 0);
	KUNIT_EXPECT_TRUE(test, sipc_seal_page_sealed(ch, 2));
	KUNIT_ASSERT_EQ(test, ct_recv(ch), 0);
	KUNIT_EXPECT_FALSE(test, sipc_seal_page_sealed(ch, 1));
	KUNIT_EXPECT_FALSE(test, sipc_seal_page_sealed(ch, 2));
}

/* Without the flag nothing is ever sealed and INFO says 0. */
static void sipc_channel_test_unsealed(struct kunit *test)
{
	struct sipc_channel *ch = ct_create(test, "plain", PAGE_SIZE, 1);
	struct sipc_xfer x = { .nonblock = true, .deliver = ct_deliver_ok };
	struct sipc_qmsg dr = { .type = SIPC_MSG_DATA_READY, .len = 1 };

	KUNIT_EXPECT_EQ(test, ct_info(ch).create_flags, 0U);
	KUNIT_ASSERT_EQ(test, sipc_channel_send(ch, &dr, &x), 0);
	KUNIT_EXPECT_FALSE(test, sipc_seal_page_sealed(ch, 0));
	KUNIT_EXPECT_NULL(test, ch->seal);
}

static void sipc_channel_test_detach_sender(struct kunit *test)
{
	bool departed = *(const bool *)test->param_value;
	struct sipc_endpoint *s;
	struct sipc_channel *ch;

	ct_create(test, "hup", PAGE_SIZE, 2);
	ch = ct_lookup(test, "hup");
	KUNIT_ASSERT_NOT_NULL(test, ch);
	s = ct_attach_ok(test, ch, SIPC_ROLE_SENDER);
	ct_attach_ok(test, ch, SIPC_ROLE_RECEIVER);
	KUNIT_EXPECT_EQ(test, ct_recv(ch), -EAGAIN);

	ct_detach(test, s, departed);
	KUNIT_EXPECT_EQ(test, ct_info(ch).state, SIPC_STATE_RECEIVER |
			(departed ? SIPC_STATE_SENDER_HUP : 0));
	KUNIT_EXPECT_EQ(test, ct_recv(ch), departed ? -EPIPE : -EAGAIN);
	/* Hang-up is a state, not an event: it stays until a new sender. */
	KUNIT_EXPECT_EQ(test, ct_recv(ch), departed ? -EPIPE : -EAGAIN);
}

/*
 * A receiver's departure is not reported to the sender in any way: no
 * state bit but its own, no error, no change to the queue, which keeps
 * its messages for the next receiver.
 */
static void sipc_channel_test_detach_receiver(struct kunit *test)
{
	struct sipc_info before, after;
	struct sipc_endpoint *r;
	struct sipc_channel *ch;

	ct_create(test, "quiet", PAGE_SIZE, 2);
	ch = ct_lookup(test, "quiet");
	KUNIT_ASSERT_NOT_NULL(test, ch);
	ct_attach_ok(test, ch, SIPC_ROLE_SENDER);
	r = ct_attach_ok(test, ch, SIPC_ROLE_RECEIVER);
	KUNIT_ASSERT_EQ(test, ct_send(ch), 0);

	before = ct_info(ch);
	ct_detach(test, r, true);
	after = ct_info(ch);
	KUNIT_EXPECT_EQ(test, after.state, SIPC_STATE_SENDER);
	KUNIT_EXPECT_EQ(test, after.state,
			before.state & ~SIPC_STATE_RECEIVER);
	KUNIT_EXPECT_EQ(test, after.queue_len, before.queue_len);
	KUNIT_EXPECT_EQ(test, after.msgs_sent, before.msgs_sent);
	KUNIT_EXPECT_EQ(test, after.msgs_received, before.msgs_received);

	KUNIT_EXPECT_EQ(test, ct_send(ch), 0);		/* room: sent */
	KUNIT_EXPECT_EQ(test, ct_send(ch), -EAGAIN);	/* full: stays full */
	KUNIT_EXPECT_EQ(test, ct_info(ch).queue_len, 2U);

	ct_attach_ok(test, ch, SIPC_ROLE_RECEIVER);	/* nothing was lost */
	KUNIT_EXPECT_EQ(test, ct_recv(ch), 0);
	KUNIT_EXPECT_EQ(test, ct_recv(ch), 0);
	KUNIT_EXPECT_EQ(test, ct_recv(ch), -EAGAIN);
}

static struct kunit_case sipc_channel_test_cases[] = {
	KUNIT_CASE_PARAM(sipc_channel_test_create_args, create_gen_params),
	KUNIT_CASE(sipc_channel_test_create_name_taken),
	KUNIT_CASE(sipc_channel_test_limit_max_channels),
	KUNIT_CASE(sipc_channel_test_limit_max_total_region),
	KUNIT_CASE_PARAM(sipc_channel_test_size_rounding, size_gen_params),
	KUNIT_CASE(sipc_channel_test_region_zeroed),
	KUNIT_CASE(sipc_channel_test_depth_default),
	KUNIT_CASE(sipc_channel_test_publish_eexist),
	KUNIT_CASE(sipc_channel_test_lookup),
	KUNIT_CASE(sipc_channel_test_sealed_release),
	KUNIT_CASE(sipc_channel_test_unsealed),
	KUNIT_CASE(sipc_channel_test_destroy),
	KUNIT_CASE(sipc_channel_test_destroy_while_attached),
	KUNIT_CASE(sipc_channel_test_attach_roles),
	KUNIT_CASE(sipc_channel_test_attach_after_destroy),
	KUNIT_CASE_PARAM(sipc_channel_test_detach_sender, departed_gen_params),
	KUNIT_CASE(sipc_channel_test_detach_receiver),
	{}
};

static struct kunit_suite sipc_channel_test_suite = {
	.name = "sipc_channel",
	.init = sipc_channel_test_init,
	.exit = sipc_channel_test_exit,
	.test_cases = sipc_channel_test_cases,
};

kunit_test_suite(sipc_channel_test_suite);
