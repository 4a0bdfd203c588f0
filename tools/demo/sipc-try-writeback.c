// SPDX-License-Identifier: GPL-2.0-only
/*
 * sipc-try-writeback - attach to a channel as its RECEIVER and try every
 * route by which a receiver could hand data back to the sender; print
 * what the kernel answered for each.  Used by `make demo` to show that
 * the channel is one-way.  Exit status: 0 when every route was refused,
 * 1 when one was not, 2 on usage or setup errors.
 *
 * Build: make -C tools/demo guest (static, for the QEMU guest)
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/sipc.h>

static int leaks;

static void report(const char *route, int refused, const char *how)
{
	printf("  %-44s %s (%s)\n", route, refused ? "refused" : "ALLOWED", how);
	leaks += !refused;
}

/* Run @fn in a child: a one-way channel kills a store with SIGSEGV. */
static void try_in_child(const char *route, void (*fn)(char *), char *p)
{
	int status;
	pid_t pid = fork();

	if (pid == 0) {
		fn(p);
		_exit(0);
	}
	waitpid(pid, &status, 0);
	if (WIFSIGNALED(status))
		report(route, 1, strsignal(WTERMSIG(status)));
	else
		report(route, 0, "store went through");
}

static void store(char *p)
{
	p[0] = 'X';
}

static void try_proc_mem(char *p)
{
	int fd = open("/proc/self/mem", O_RDWR);
	ssize_t n = -1;

	if (fd >= 0)
		n = pwrite(fd, "X", 1, (off_t)(unsigned long)p);
	report("write(/proc/self/mem) at the mapping", n != 1,
	       n == 1 ? "written" : strerror(errno));
	if (fd >= 0)
		close(fd);
}

int main(int argc, char **argv)
{
	struct sipc_channel_ref ref = { .size = sizeof(ref) };
	struct sipc_ep_info info = { .size = sizeof(info) };
	struct sipc_msg msg = { .size = sizeof(msg), .type = SIPC_MSG_NOOP };
	int dev, ep, rc;
	void *w;
	char *p;

	if (argc != 2 || strlen(argv[1]) >= SIPC_NAME_MAX) {
		fprintf(stderr, "usage: %s CHANNEL\n", argv[0]);
		return 2;
	}
	strcpy(ref.name, argv[1]);
	dev = open(SIPC_DEVICE_PATH, O_RDWR | O_CLOEXEC);
	ep = dev < 0 ? -1 : ioctl(dev, SIPC_IOC_ATTACH_RECEIVER, &ref);
	if (ep < 0 || ioctl(ep, SIPC_IOC_EP_INFO, &info)) {
		perror("sipc-try-writeback: attach as receiver");
		return 2;
	}
	p = mmap(NULL, info.region_size, PROT_READ, MAP_SHARED, ep, 0);
	if (p == MAP_FAILED) {
		perror("sipc-try-writeback: mmap PROT_READ");
		return 2;
	}
	printf("receiver attached to '%s', region mapped read-only\n", ref.name);

	w = mmap(NULL, info.region_size, PROT_READ | PROT_WRITE, MAP_SHARED, ep, 0);
	report("mmap(PROT_WRITE, MAP_SHARED)", w == MAP_FAILED, strerror(errno));
	w = mmap(NULL, info.region_size, PROT_READ | PROT_WRITE, MAP_PRIVATE, ep, 0);
	report("mmap(PROT_WRITE, MAP_PRIVATE)", w == MAP_FAILED, strerror(errno));
	rc = mprotect(p, info.region_size, PROT_READ | PROT_WRITE);
	report("mprotect(PROT_WRITE) on the mapping", rc, strerror(errno));
	try_in_child("store through the read-only mapping", store, p);
	try_proc_mem(p);
	rc = ioctl(ep, SIPC_IOC_SEND, &msg);
	report("SIPC_IOC_SEND on the receiver endpoint", rc, strerror(errno));
	rc = write(ep, "X", 1) == 1 ? 0 : -1;
	report("write(2) on the receiver endpoint", rc, strerror(errno));

	printf("%s\n", leaks ? "a write-back route is OPEN" :
			       "every write-back route was refused");
	return leaks ? 1 : 0;
}
