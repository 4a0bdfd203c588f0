// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc-demo-peer - the two peers of `make demo`'s revocation step, on the
 * raw UAPI so that every step the demo describes is one call.
 *
 *   sipc-demo-peer reader CHANNEL   attach as receiver, map the region,
 *                                   take one message, then read the
 *                                   mapping in a loop.  Exit 0 when a
 *                                   SIGBUS ends the loop (the policy took
 *                                   the memory back), 1 when none comes
 *                                   within LIMIT_S seconds.
 *   sipc-demo-peer sender CHANNEL   attach as sender, map the region, send
 *                                   one message, wait for SIGUSR1, then
 *                                   write the region and send again.  Exit
 *                                   0 when all of that worked with no
 *                                   error and no other signal: the sender
 *                                   was told nothing.
 *
 * Exit 2 on usage or setup errors.  Build: make -C tools/demo guest.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <linux/sipc.h>

#define LIMIT_S 60

static void on_sigbus(int sig)
{
	static const char text[] =
		"receiver: SIGBUS reading its mapping: the policy took the memory back\n";

	(void)sig;
	if (write(STDOUT_FILENO, text, sizeof(text) - 1) < 0)
		_exit(3);
	_exit(0);
}

/* Attach to @name in @role and map its region; the size in *@size. */
static char *attach(const char *name, int role, int *ep, size_t *size)
{
	struct sipc_channel_ref ref = { .size = sizeof(ref) };
	struct sipc_ep_info info = { .size = sizeof(info) };
	int prot = PROT_READ | (role == SIPC_ROLE_SENDER ? PROT_WRITE : 0);
	int dev;
	void *p;

	strcpy(ref.name, name);
	dev = open(SIPC_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	*ep = dev < 0 ? -1 : ioctl(dev, role == SIPC_ROLE_SENDER ?
				   SIPC_IOC_ATTACH_SENDER : SIPC_IOC_ATTACH_RECEIVER, &ref);
	if (*ep < 0 || ioctl(*ep, SIPC_IOC_EP_INFO, &info)) {
		perror("sipc-demo-peer: attach");
		return NULL;
	}
	p = mmap(NULL, info.region_size, prot, MAP_SHARED, *ep, 0);
	if (p == MAP_FAILED) {
		perror("sipc-demo-peer: mmap");
		return NULL;
	}
	*size = info.region_size;
	return p;
}

static int reader(const char *name)
{
	struct sipc_msg msg = { .size = sizeof(msg) };
	time_t end = time(NULL) + LIMIT_S;
	volatile const char *v;
	unsigned long sum = 0;
	size_t size;
	char *p;
	int ep;

	p = attach(name, SIPC_ROLE_RECEIVER, &ep, &size);
	if (!p)
		return 2;
	if (ioctl(ep, SIPC_IOC_RECV, &msg) || msg.type != SIPC_MSG_DATA_READY ||
	    msg.offset + msg.len > size) {
		perror("sipc-demo-peer: RECV");
		return 2;
	}
	printf("receiver: got \"%.*s\"; now reading its mapping in a loop\n",
	       (int)msg.len, p + msg.offset);
	fflush(stdout);
	signal(SIGBUS, on_sigbus);
	v = p;
	while (time(NULL) < end) {
		for (size_t i = 0; i < size; i += 4096)
			sum += v[i];
		usleep(1000);
	}
	printf("receiver: no SIGBUS in %d s (sum %lu)\n", LIMIT_S, sum);
	return 1;
}

static int send_text(int ep, char *p, const char *text)
{
	struct sipc_msg msg = { .size = sizeof(msg), .type = SIPC_MSG_DATA_READY,
				.flags = SIPC_MSG_F_NONBLOCK };

	strcpy(p, text);
	msg.len = strlen(text);
	return ioctl(ep, SIPC_IOC_SEND, &msg) ? -errno : 0;
}

static int sender(const char *name)
{
	struct timespec limit = { .tv_sec = LIMIT_S };
	sigset_t usr1, pending;
	size_t size;
	int ep, err, sig;
	char *p;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	p = attach(name, SIPC_ROLE_SENDER, &ep, &size);
	if (!p)
		return 2;
	err = send_text(ep, p, "hello from the sender");
	if (err) {
		fprintf(stderr, "sipc-demo-peer: SEND: %s\n", strerror(-err));
		return 2;
	}
	printf("sender: sent \"%s\"\n", p);
	fflush(stdout);
	sig = sigtimedwait(&usr1, NULL, &limit);
	if (sig != SIGUSR1) {
		fprintf(stderr, "sipc-demo-peer: no SIGUSR1 in %d s\n", LIMIT_S);
		return 2;
	}
	/* After the receiver lost its memory: nothing has changed here. */
	err = send_text(ep, p, "second message, after the policy change");
	sigpending(&pending);
	printf("sender: wrote its mapping and sent again: %s; %s\n",
	       err ? strerror(-err) : "no error",
	       sigisemptyset(&pending) ? "no signal" : "a signal is pending");
	return err || !sigisemptyset(&pending);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (argc == 3 && strlen(argv[2]) < SIPC_NAME_MAX) {
		if (!strcmp(argv[1], "reader"))
			return reader(argv[2]);
		if (!strcmp(argv[1], "sender"))
			return sender(argv[2]);
	}
	fprintf(stderr, "usage: %s reader|sender CHANNEL\n", argv[0]);
	return 2;
}
