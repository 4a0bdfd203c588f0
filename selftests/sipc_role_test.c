// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc_role_test - one endpoint per role.  A second ATTACH of a taken role
 * gets EBUSY; the role frees when the endpoint file is released, which is
 * after the last close of every copy (dup, fork, exec without
 * close-on-exec) AND the last munmap.  The sender leaving shows to the
 * receiver (SENDER_HUP, EPIPE) until a new sender attaches.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/wait.h>

#include "sipc_harness.h"
#include "st.h"

FIXTURE(role) {
	int dev;
	char name[SIPC_NAME_MAX];
	struct st_counters start;
	pid_t child;
};

FIXTURE_SETUP(role)
{
	self->child = -1;
	ASSERT_EQ(0, st_counters_read(&self->start));
	self->dev = st_dev_open();
	ASSERT_LE(0, self->dev);
	st_name(self->name, "role");
	ASSERT_EQ(0, st_create(self->dev, self->name, 4096, 1, NULL));
}

FIXTURE_TEARDOWN(role)
{
	st_kill(self->child);
	st_destroy(self->dev, self->name);
	close(self->dev);
	ST_EXPECT_COUNTERS_BACK(&self->start);
}

static int attach(FIXTURE_DATA(role) *self, int role)
{
	return st_attach(self->dev, self->name, role, 0);
}

/* Attach role, and attach it again at once; close what we got. */
static bool role_free(FIXTURE_DATA(role) *self, int role)
{
	int fd = attach(self, role);

	if (fd < 0)
		return false;
	close(fd);
	return true;
}

static void second_attach_ebusy(struct __test_metadata *_metadata,
				FIXTURE_DATA(role) *self, int role)
{
	int other = role == SIPC_ROLE_SENDER ? SIPC_ROLE_RECEIVER :
					       SIPC_ROLE_SENDER;
	int fd = attach(self, role), fd2;

	ASSERT_LE(0, fd);
	EXPECT_EQ(-EBUSY, attach(self, role));
	EXPECT_EQ(-EBUSY, st_attach(self->dev, self->name, role,
				      SIPC_ATTACH_NONBLOCK));
	/* The other role is independent. */
	fd2 = attach(self, other);
	EXPECT_LE(0, fd2);
	close(fd2);
	close(fd);
	EXPECT_TRUE(role_free(self, role));
}

TEST_F(role, second_sender_ebusy)
{
	second_attach_ebusy(_metadata, self, SIPC_ROLE_SENDER);
}

TEST_F(role, second_receiver_ebusy)
{
	second_attach_ebusy(_metadata, self, SIPC_ROLE_RECEIVER);
}

TEST_F(role, held_by_dup)
{
	int fd = attach(self, SIPC_ROLE_SENDER), d;

	ASSERT_LE(0, fd);
	d = dup(fd);
	ASSERT_LE(0, d);
	close(fd);
	EXPECT_EQ(-EBUSY, attach(self, SIPC_ROLE_SENDER));
	close(d);
	EXPECT_TRUE(role_free(self, SIPC_ROLE_SENDER));
}

static void held_by_mapping(struct __test_metadata *_metadata,
			    FIXTURE_DATA(role) *self, int role)
{
	int prot = role == SIPC_ROLE_SENDER ? PROT_READ | PROT_WRITE :
					      PROT_READ;
	int fd = attach(self, role);
	void *map;

	ASSERT_LE(0, fd);
	map = st_map(fd, 4096, prot, 0);
	ASSERT_NE(MAP_FAILED, map);
	close(fd);
	EXPECT_EQ(-EBUSY, attach(self, role));
	munmap(map, 4096);
	EXPECT_TRUE(role_free(self, role));
}

TEST_F(role, sender_held_by_mapping)
{
	held_by_mapping(_metadata, self, SIPC_ROLE_SENDER);
}

TEST_F(role, receiver_held_by_mapping)
{
	held_by_mapping(_metadata, self, SIPC_ROLE_RECEIVER);
}

TEST_F(role, held_by_forked_child)
{
	int fd = attach(self, SIPC_ROLE_RECEIVER), go[2], v;

	ASSERT_LE(0, fd);
	ASSERT_EQ(0, pipe(go));
	self->child = st_fork();
	ASSERT_LE(0, self->child);
	if (self->child == 0) {
		close(go[1]);
		st_get(go[0], &v, ST_WAKE_MS);	/* wait for EOF */
		_exit(0);
	}
	close(go[0]);
	close(fd);
	EXPECT_EQ(-EBUSY, attach(self, SIPC_ROLE_RECEIVER));
	close(go[1]);
	EXPECT_EQ(0, st_reap(self->child, ST_WAKE_MS));
	self->child = -1;
	EXPECT_TRUE(role_free(self, SIPC_ROLE_RECEIVER));
}

/* A copy passed to another process with SCM_RIGHTS holds the role. */
TEST_F(role, held_by_scm_rights_copy)
{
	int sv[2], fd, v;

	ASSERT_EQ(0, socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv));
	self->child = st_fork();
	ASSERT_LE(0, self->child);
	if (self->child == 0) {
		struct sipc_ep_info ei;
		int got;

		close(sv[0]);
		got = st_recv_fd(sv[1]);
		CHILD_EXPECT(got >= 0);
		CHILD_EQ(0, st_ep_info(got, &ei));
		CHILD_EQ(SIPC_ROLE_SENDER, ei.role);
		st_put(sv[1], 1);
		st_get(sv[1], &v, ST_WAKE_MS);	/* until told */
		_exit(0);
	}
	close(sv[1]);
	fd = attach(self, SIPC_ROLE_SENDER);
	ASSERT_LE(0, fd);
	ASSERT_EQ(0, st_send_fd(sv[0], fd));
	close(fd);
	ASSERT_EQ(0, st_get(sv[0], &v, ST_WAKE_MS));
	EXPECT_EQ(-EBUSY, attach(self, SIPC_ROLE_SENDER));
	st_put(sv[0], 1);
	EXPECT_EQ(0, st_reap(self->child, ST_WAKE_MS));
	self->child = -1;
	close(sv[0]);
	EXPECT_TRUE(role_free(self, SIPC_ROLE_SENDER));
}

/* EP_INFO is static: nothing the receiver does shows to the sender. */
TEST_F(role, sender_ep_info_ignores_receiver)
{
	struct sipc_ep_info before, after;
	struct sipc_msg m;
	int s, r;

	s = attach(self, SIPC_ROLE_SENDER);
	ASSERT_LE(0, s);
	ASSERT_EQ(0, st_ep_info(s, &before));
	r = attach(self, SIPC_ROLE_RECEIVER);
	ASSERT_LE(0, r);
	ASSERT_EQ(0, st_ep_info(s, &after));
	EXPECT_EQ(0, memcmp(&before, &after, sizeof(before)));
	ASSERT_EQ(0, st_send(s, SIPC_MSG_NOOP, 0, 0, 0, NULL));
	ASSERT_EQ(0, st_recv(r, 0, &m));
	close(r);
	ASSERT_EQ(0, st_ep_info(s, &after));
	EXPECT_EQ(0, memcmp(&before, &after, sizeof(before)));
	close(s);
}

/*
 * exec a shell that tests whether the fd survived; returns its exit
 * status (0 = the fd is open in the new program), or -1 without /bin/sh.
 */
static int fd_survives_exec(int fd)
{
	char cmd[64];
	pid_t pid;
	int status;

	if (access("/bin/sh", X_OK))
		return -1;
	snprintf(cmd, sizeof(cmd), "test -e /proc/self/fd/%d", fd);
	pid = st_fork();
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 126;
	return WEXITSTATUS(status);
}

TEST_F(role, cloexec_across_exec)
{
	int fd, ret;

	fd = attach(self, SIPC_ROLE_SENDER);
	ASSERT_LE(0, fd);
	ret = fd_survives_exec(fd);
	if (ret < 0) {
		close(fd);
		SKIP(return, "no /bin/sh to exec");
	}
	EXPECT_EQ(1, ret);
	close(fd);
	fd = st_attach(self->dev, self->name, SIPC_ROLE_SENDER,
			 SIPC_ATTACH_NO_CLOEXEC);
	ASSERT_LE(0, fd);
	EXPECT_EQ(0, fd_survives_exec(fd));
	close(fd);
	EXPECT_TRUE(role_free(self, SIPC_ROLE_SENDER));
}

TEST_F(role, sender_leaves_and_comes_back)
{
	struct sipc_info info;
	struct sipc_msg m;
	__u64 seq;
	int r, s;

	r = attach(self, SIPC_ROLE_RECEIVER);
	ASSERT_LE(0, r);
	/* No sender yet, never was one: just nothing to read. */
	EXPECT_EQ(-EAGAIN, st_recv(r, SIPC_MSG_F_NONBLOCK, &m));
	s = attach(self, SIPC_ROLE_SENDER);
	ASSERT_LE(0, s);
	close(s);
	ASSERT_EQ(0, st_info(self->dev, self->name, &info));
	EXPECT_EQ(SIPC_STATE_RECEIVER | SIPC_STATE_SENDER_HUP, info.state);
	EXPECT_EQ(-EPIPE, st_recv(r, 0, &m));

	s = attach(self, SIPC_ROLE_SENDER);
	ASSERT_LE(0, s);
	ASSERT_EQ(0, st_info(self->dev, self->name, &info));
	EXPECT_EQ(SIPC_STATE_RECEIVER | SIPC_STATE_SENDER, info.state);
	EXPECT_EQ(-EAGAIN, st_recv(r, SIPC_MSG_F_NONBLOCK, &m));
	ASSERT_EQ(0, st_send(s, SIPC_MSG_NOOP, 0, 0, 0, &seq));
	ASSERT_EQ(0, st_recv(r, 0, &m));
	EXPECT_EQ(seq, m.seq);
	close(s);
	close(r);
	ASSERT_EQ(0, st_info(self->dev, self->name, &info));
	EXPECT_EQ(SIPC_STATE_SENDER_HUP, info.state);
}

ST_TEST_MAIN
