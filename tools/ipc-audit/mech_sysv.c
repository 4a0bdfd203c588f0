// SPDX-License-Identifier: GPL-2.0-only
/*
 * mech_sysv.c - SysV message queue (struct qops), shared memory and
 * semaphores (their own channels: they have no descriptors).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <unistd.h>
#include "qchan.h"
#include "util.h"

struct amsg { long type; char text[32]; };

/* Keys for the bitmap channel: unlikely to collide, unique per run. */
static key_t bit_key(struct ctx *c, int i)
{
	return 0x1a000000 + (c->tag & 0xfffff) * 256 + i;
}

/* ---- message queue ---- */

static int mq_make(struct ctx *c, int k)
{
	struct msqid_ds ds;
	int id = msgget(IPC_PRIVATE, 0600);

	(void)k;
	if (id < 0)
		return -errno;
	/* room for one message: a put blocks as on SIPC's depth-1 queue */
	if (msgctl(id, IPC_STAT, &ds) == 0) {
		ds.msg_qbytes = sizeof(struct amsg) - sizeof(long);
		msgctl(id, IPC_SET, &ds);
	}
	c->id[0] = id;
	return 0;
}

static int mq_put(struct ctx *c, int k, size_t len, int nb)
{
	struct amsg m = { .type = 1 };

	(void)k; (void)len;
	return msgsnd(c->id[0], &m, sizeof(m.text), nb ? IPC_NOWAIT : 0) ? -errno :
		(int)sizeof(m.text);
}

static int mq_fill(struct ctx *c)
{
	int n, tot = 0;

	while ((n = mq_put(c, -1, 0, 1)) > 0)
		tot++;
	return n == -EAGAIN && tot > 0 ? 0 : (n < 0 ? n : -EPROTO);
}

static int mq_take(struct ctx *c, int k, int units)
{
	struct amsg m;
	int got = 0;

	(void)k;
	while ((units < 0 || got < units) &&
	       msgrcv(c->id[0], &m, sizeof(m.text), 1, IPC_NOWAIT) >= 0)
		got++;
	return got;
}

static int mq_meta(struct ctx *c, double *v)
{
	struct msqid_ds ds;

	if (msgctl(c->id[0], IPC_STAT, &ds))
		return -errno;
	*v = ds.msg_qnum;
	return 0;
}

/* Reverse: R sends type 2 on the same queue, S takes type 2. */
static int mq_back_w(struct ctx *c)
{
	struct amsg m = { .type = 2 };

	return msgsnd(c->id[0], &m, 1, IPC_NOWAIT) ? -errno : 0;
}

static int mq_back_r(struct ctx *c, double *v)
{
	struct amsg m;

	if (msgrcv(c->id[0], &m, sizeof(m.text), 2, IPC_NOWAIT) < 0) {
		if (errno != ENOMSG)
			return -errno;
		*v = 0;
	} else {
		*v = 1;
	}
	return 0;
}

static int mq_mkname(struct ctx *c, int i)
{
	int id = msgget(bit_key(c, i), IPC_CREAT | IPC_EXCL | 0600);

	if (id < 0)
		return -errno;
	c->r_bit_obj[i] = id;
	return 0;
}

static int mq_rmname(struct ctx *c, int i)
{
	return msgctl(c->r_bit_obj[i], IPC_RMID, NULL) ? -errno : 0;
}

static int mq_probe(struct ctx *c, int i, double *v)
{
	*v = probe_value(msgget(bit_key(c, i), 0) < 0 ? -errno : 0);
	return 0;
}

static void mq_fini(struct ctx *c)
{
	msgctl(c->id[0], IPC_RMID, NULL);
}

const struct qops q_sysvmsg = {
	.mech = "sysv-msg", .unit = 32,
	.make = mq_make, .fill = mq_fill, .put = mq_put, .take = mq_take,
	.meta = mq_meta, .r_back = mq_back_w, .s_back = mq_back_r,
	.r_mkname = mq_mkname, .s_probe = mq_probe, .r_rmname = mq_rmname,
	.fini = mq_fini,
	.meta_what = "msgctl(IPC_STAT) msg_qnum (also msg_lrpid, msg_rtime)",
	.back_what = "R msgsnd()s type 2 on the queue, S msgrcv()s type 2",
	.name_what = "R msgget(IPC_CREAT)s key i, S msgget()s it",
	.na = {
		[Q_POLL] = "no descriptor: SysV objects have ids, poll() cannot watch them",
		[Q_HANGUP] = "no per-receiver handle: nothing for R to drop (id-based API)",
		[Q_FATTR] = "no descriptor: no futimens/fstat",
	},
};

/* ---- shared memory ---- */

static int shm_setup(struct ctx *c)
{
	int id = shmget(IPC_PRIVATE, 4096, 0600);

	if (id < 0)
		return -errno;
	c->id[0] = id;
	c->mem = shmat(id, NULL, 0);
	if (c->mem == (void *)-1)
		return -errno;
	memset(c->mem, 0, 4096);
	return 0;
}

static int shm_r_init(struct ctx *c)
{
	shmdt(c->mem);
	c->mem = shmat(c->id[0], NULL, SHM_RDONLY);
	return c->mem == (void *)-1 ? -errno : 0;
}

static void shm_fini(struct ctx *c)
{
	shmctl(c->id[0], IPC_RMID, NULL);
}

/* meta: R detaches for a 1, S reads shm_nattch */
static int shm_nat_enc(struct ctx *c, int i, int bit)
{
	(void)i;
	if (bit && shmdt(c->mem))
		return -errno;
	return 0;
}

static int shm_nat_reset(struct ctx *c, int i, int bit)
{
	(void)i;
	if (!bit)
		return 0;
	c->mem = shmat(c->id[0], NULL, SHM_RDONLY);
	return c->mem == (void *)-1 ? -errno : 0;
}

static int shm_nat_obs(struct ctx *c, int i, double *v)
{
	struct shmid_ds ds;

	(void)i;
	if (shmctl(c->id[0], IPC_STAT, &ds))
		return -errno;
	*v = ds.shm_nattch;
	return 0;
}

/* writeback: R attaches read-write (DAC allows, same uid) and writes */
static int shm_back_enc(struct ctx *c, int i, int bit)
{
	char *w;

	(void)i;
	if (!bit)
		return 0;
	w = shmat(c->id[0], NULL, 0);
	if (w == (void *)-1)
		return -errno;
	w[100] = 1;
	shmdt(w);
	return 0;
}

static int shm_back_obs(struct ctx *c, int i, double *v)
{
	volatile char *m = c->mem;

	(void)i;
	*v = m[100];
	m[100] = 0;
	return 0;
}

/* block: S's only operation on the data is a store; R delays or not */
static int shm_blk_enc(struct ctx *c, int i, int bit)
{
	(void)c; (void)i;
	return r_delay(c, bit);
}

static int shm_blk_obs(struct ctx *c, int i, double *v)
{
	double t = now_s();

	memset(c->mem, i, 4096);
	*v = (now_s() - t) * 1e6;
	return 0;
}

static int shm_mkname(struct ctx *c, int i, int bit)
{
	int id;

	if (!bit)
		return 0;
	id = shmget(bit_key(c, i), 4096, IPC_CREAT | IPC_EXCL | 0600);
	if (id < 0)
		return -errno;
	c->r_bit_obj[i] = id;
	return 0;
}

static int shm_rmname(struct ctx *c, int i, int bit)
{
	return bit && shmctl(c->r_bit_obj[i], IPC_RMID, NULL) ? -errno : 0;
}

static int shm_probe(struct ctx *c, int i, double *v)
{
	*v = probe_value(shmget(bit_key(c, i), 0, 0) < 0 ? -errno : 0);
	return 0;
}

/* ---- semaphores: S posts (+1), R takes (-1) ---- */

static int sem_setup(struct ctx *c)
{
	int id = semget(IPC_PRIVATE, 1, 0600);

	if (id < 0)
		return -errno;
	c->id[0] = id;
	return 0;
}

static void sem_fini(struct ctx *c)
{
	semctl(c->id[0], 0, IPC_RMID);
}

static int sem_op(struct ctx *c, int d, int nb)
{
	struct sembuf b = { 0, d, nb ? IPC_NOWAIT : 0 };

	return semop(c->id[0], &b, 1) ? -errno : 0;
}

static int sem_prep(struct ctx *c, int i) { (void)i; return sem_op(c, 1, 1); }

static int sem_take_enc(struct ctx *c, int i, int bit)
{
	(void)i;
	return bit ? sem_op(c, -1, 1) : 0;
}

static int sem_drain(struct ctx *c, int i, int bit)
{
	(void)i; (void)bit;
	while (sem_op(c, -1, 1) == 0)
		;
	return 0;
}

static int sem_val_obs(struct ctx *c, int i, double *v)
{
	int r = semctl(c->id[0], 0, GETVAL);

	(void)i;
	if (r < 0)
		return -errno;
	*v = r;
	return 0;
}

/* writeback: R posts instead of taking */
static int sem_back_enc(struct ctx *c, int i, int bit)
{
	(void)i;
	return bit ? sem_op(c, 1, 1) : 0;
}

static int sem_back_obs(struct ctx *c, int i, double *v)
{
	(void)i;
	*v = sem_op(c, -1, 1) == 0;
	return 0;
}

/* block: S's post never waits (measured anyway) */
static int sem_blk_obs(struct ctx *c, int i, double *v)
{
	double t = now_s();
	int err = sem_op(c, 1, 0);

	(void)i;
	*v = (now_s() - t) * 1e6;
	return err;
}

static int sem_blk_enc(struct ctx *c, int i, int bit)
{
	r_delay(c, bit);
	return sem_drain(c, i, bit);
}

static int sem_mkname(struct ctx *c, int i, int bit)
{
	int id;

	if (!bit)
		return 0;
	id = semget(bit_key(c, i) + 0x100000, 1, IPC_CREAT | IPC_EXCL | 0600);
	if (id < 0)
		return -errno;
	c->r_bit_obj[i] = id;
	return 0;
}

static int sem_rmname(struct ctx *c, int i, int bit)
{
	return bit && semctl(c->r_bit_obj[i], 0, IPC_RMID) ? -errno : 0;
}

static int sem_probe(struct ctx *c, int i, double *v)
{
	*v = probe_value(semget(bit_key(c, i) + 0x100000, 0, 0) < 0 ? -errno : 0);
	return 0;
}

#define SHM(n, w, ...) { .mech = "sysv-shm", .name = n, .what = w, \
	.setup = shm_setup, .r_init = shm_r_init, .s_fini = shm_fini, __VA_ARGS__ }
#define SEM(n, w, ...) { .mech = "sysv-sem", .name = n, .what = w, \
	.setup = sem_setup, .s_fini = sem_fini, __VA_ARGS__ }

const struct chan chans_sysv[] = {
	QCHANS(q_sysvmsg),
	SHM("block", "time of S's store into the segment", .timing = 1,
	    .r_enc = shm_blk_enc, .s_obs = shm_blk_obs),
	SHM("errno", "", .na = "no operation of S's returns a status R can influence (plain memory)"),
	SHM("partial", "", .na = "no write call: stores into memory"),
	SHM("poll", "", .na = "no descriptor to poll"),
	SHM("meta", "shmctl(IPC_STAT) shm_nattch after R detaches",
	    .r_enc = shm_nat_enc, .s_obs = shm_nat_obs, .r_reset = shm_nat_reset),
	SHM("hangup", "", .na = "same observable as meta (shm_nattch): see meta"),
	SHM("writeback", "R shmat()s read-write and stores, S loads",
	    .r_enc = shm_back_enc, .s_obs = shm_back_obs),
	SHM("bitmap", "R shmget(IPC_CREAT)s key i, S shmget()s it",
	    .r_enc = shm_mkname, .s_obs = shm_probe, .r_reset = shm_rmname),
	SHM("fattr", "", .na = "no descriptor: no futimens/fstat"),
	SEM("block", "time of S's semop(+1)", .timing = 1,
	    .r_enc = sem_blk_enc, .s_obs = sem_blk_obs, .r_reset = sem_drain),
	SEM("errno", "", .na = "S only posts (+1), which cannot fail on R's account below SEMVMX"),
	SEM("partial", "", .na = "no write call with a length"),
	SEM("poll", "", .na = "no descriptor to poll"),
	SEM("meta", "semctl(GETVAL) after R takes or not",
	    .s_prep = sem_prep, .r_enc = sem_take_enc, .s_obs = sem_val_obs,
	    .r_reset = sem_drain),
	SEM("hangup", "", .na = "no per-receiver handle: nothing for R to drop"),
	SEM("writeback", "R posts (+1), S takes with IPC_NOWAIT",
	    .r_enc = sem_back_enc, .s_obs = sem_back_obs, .r_reset = sem_drain),
	SEM("bitmap", "R semget(IPC_CREAT)s key i, S semget()s it",
	    .r_enc = sem_mkname, .s_obs = sem_probe, .r_reset = sem_rmname),
	SEM("fattr", "", .na = "no descriptor: no futimens/fstat"),
	{ 0 }
};
