// SPDX-License-Identifier: GPL-2.0-only
/*
 * st_guard.c - the SIGBUS probe (see st_guard.h).
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

#include "st_guard.h"

static __thread sigjmp_buf guard_jmp;
static __thread volatile int guarding;

static void guard_handler(int sig, siginfo_t *si, void *uc)
{
	char msg[96];
	int n;

	(void)uc;
	if (guarding)
		siglongjmp(guard_jmp, sig);
	/* Dying anyway: say where (snprintf is not signal-safe, but no
	 * lock it could take is held by a thread that faulted here). */
	n = snprintf(msg, sizeof(msg), "# pid %d: unexpected signal %d at %p (code %d)\n",
		     (int)getpid(), sig, si->si_addr, si->si_code);
	if (write(2, msg, n) < 0)
		n = 0;
	signal(sig, SIG_DFL);
	raise(sig);
}

void st_guard_install(void)
{
	struct sigaction sa = { .sa_sigaction = guard_handler };

	sigemptyset(&sa.sa_mask);
	/* The jump leaves the handler without returning: SA_NODEFER keeps
	 * the signal deliverable for the next fault. */
	sa.sa_flags = SA_NODEFER | SA_SIGINFO;
	sigaction(SIGSEGV, &sa, NULL);
	sigaction(SIGBUS, &sa, NULL);
}

int st_guarded(void (*fn)(void *arg), void *arg)
{
	int sig;

	sig = sigsetjmp(guard_jmp, 1);
	if (sig) {
		guarding = 0;
		return sig;
	}
	guarding = 1;
	fn(arg);
	guarding = 0;
	return 0;
}

struct access {
	volatile unsigned char *dst;
	volatile const unsigned char *src;
	size_t len;
	bool write_back;
};

static void do_peek(void *arg)
{
	struct access *a = arg;

	*a->dst = *a->src;
	if (a->write_back)
		*(volatile unsigned char *)a->src = *a->dst;
}

static void do_copy(void *arg)
{
	struct access *a = arg;
	size_t i;

	for (i = 0; i < a->len; i++)
		a->dst[i] = a->src[i];
}

int st_probe(volatile const unsigned char *p, bool write)
{
	unsigned char v;
	struct access a = { .dst = &v, .src = p, .write_back = write };

	return st_guarded(do_peek, &a);
}

int st_peek(volatile const unsigned char *p, unsigned char *val)
{
	struct access a = { .dst = val, .src = p };

	return st_guarded(do_peek, &a);
}

int st_poke(volatile unsigned char *dst, const void *src, size_t len)
{
	struct access a = { .dst = dst, .src = src, .len = len };

	return st_guarded(do_copy, &a);
}
