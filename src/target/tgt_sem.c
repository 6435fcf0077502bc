/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * USDT semaphores: the 2-byte counters that <sys/sdt.h> programs test
 * before preparing a probe's arguments (python's function__entry builds
 * strings only when its counter is nonzero). They belong to the program's
 * memory: we add our increments to whatever the counter holds (another
 * tracer's included) and take back exactly ours.
 *
 * A table per address space, as for breakpoints (tgt_bkpt.c): the
 * addresses we incremented and by how much. Shared by processes that
 * share the memory (vfork), copied at fork (the child's counters are
 * copies, increments included, so they are ours to undo there too),
 * dropped at exec (the counters went with the old image) and when the
 * process is forgotten. tgt_detach_all() undoes every increment still
 * held, once per table, before any thread is let go.
 *
 * The counter is read and written through process_vm/proc/PID/mem while
 * the process may run: the program only reads it, so no write of its own
 * can come between our read and our write.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>

#include "common/htab.h"
#include "common/xalloc.h"
#include "target/tgt_impl.h"

struct sem {
	uint64_t addr;
	unsigned count; /* our increments at addr */
};

struct tgt_semtab {
	unsigned refs;	    /* processes using the table */
	VEC(struct sem) v;  /* unsorted: a handful of probes per process */
	unsigned char done; /* detach: the increments were taken back */
};

/* A live thread of p, whose /proc/TID/mem reaches the memory (the
   leader's does not once it has exited while others run). */
static pid_t
mem_tid(const struct tgt_proc *p)
{
	for (const struct tgt_thr *th = p->threads; th; th = th->next)
		if (!th->exiting)
			return th->tid;
	return p->pid;
}

static struct sem *
sem_find(struct tgt_semtab *s, uint64_t addr)
{
	if (s == NULL)
		return NULL;
	for (size_t i = 0; i < s->v.n; i++)
		if (s->v.v[i].addr == addr)
			return &s->v.v[i];
	return NULL;
}

/* Adds delta to the counter at addr, saturating at 0 and 0xffff. 0 or
   -errno (-EOVERFLOW when an increment would wrap). */
static int
counter_add(pid_t tid, uint64_t addr, int delta)
{
	uint16_t v;
	int rc = tgt_mem_peek(tid, addr, &v, sizeof(v));

	if (rc < 0)
		return rc;
	if (delta > 0 && v > 0xffff - delta)
		return -EOVERFLOW;
	/* Below 0 only if someone else took our increment: leave 0. */
	v = delta < 0 && v < -delta ? 0 : (uint16_t)(v + delta);
	return tgt_mem_poke(tid, addr, &v, sizeof(v));
}

/* Takes back every increment of s in p's memory (failures mean the
   memory is gone). */
static void
undo_all(const struct tgt_proc *p, struct tgt_semtab *s)
{
	pid_t tid = mem_tid(p);

	for (size_t i = 0; i < s->v.n; i++)
		if (s->v.v[i].count)
			counter_add(tid, s->v.v[i].addr, -(int)s->v.v[i].count);
	s->v.n = 0;
}

int
tgt_sem_add(struct tgt *t, pid_t pid, uint64_t addr)
{
	struct tgt_proc *p = tgt_proc_find(t, pid);
	struct sem *e;
	int rc;

	if (p == NULL)
		return -ESRCH;
	if (addr == 0)
		return -EINVAL;
	rc = counter_add(mem_tid(p), addr, 1);
	if (rc < 0)
		return rc;
	if (p->sem == NULL) {
		p->sem = xcalloc(1, sizeof(*p->sem));
		p->sem->refs = 1;
	}
	e = sem_find(p->sem, addr);
	if (e == NULL) {
		struct sem n = { addr, 0 };

		VEC_PUSH(&p->sem->v, n);
		e = &p->sem->v.v[p->sem->v.n - 1];
	}
	e->count++;
	return 0;
}

/* Undoes one tgt_sem_add(), writing the counter back when write is set
   (not for memory that is gone: a library unloaded). */
static int
sem_unref(struct tgt *t, pid_t pid, uint64_t addr, int write)
{
	struct tgt_proc *p = tgt_proc_find(t, pid);
	struct sem *e = p ? sem_find(p->sem, addr) : NULL;

	if (e == NULL || e->count == 0)
		return -ENOENT;
	/* A failed write means the process (its memory) is gone: the
	   increment is gone with it. */
	if (write)
		counter_add(mem_tid(p), addr, -1);
	if (--e->count == 0)
		*e = p->sem->v.v[--p->sem->v.n];
	return 0;
}

int
tgt_sem_del(struct tgt *t, pid_t pid, uint64_t addr)
{
	return sem_unref(t, pid, addr, 1);
}

int
tgt_sem_forget(struct tgt *t, pid_t pid, uint64_t addr)
{
	return sem_unref(t, pid, addr, 0);
}

void
tgt_sem_clear(struct tgt *t, pid_t pid)
{
	struct tgt_proc *p = tgt_proc_find(t, pid);

	if (p == NULL || p->sem == NULL)
		return;
	/* Memory shared with a process that keeps its probes (a vfork
	   child): the counters stay, this process just lets go. */
	if (p->sem->refs == 1)
		undo_all(p, p->sem);
	tgt_sem_drop(p);
}

void
tgt_sem_fork(struct tgt_proc *parent, struct tgt_proc *child, int share)
{
	struct tgt_semtab *from = parent->sem, *s;

	if (from == NULL || from->v.n == 0 || child->sem != NULL)
		return;
	if (share) {
		from->refs++;
		child->sem = from;
		return;
	}
	s = xcalloc(1, sizeof(*s));
	s->refs = 1;
	for (size_t i = 0; i < from->v.n; i++)
		VEC_PUSH(&s->v, from->v.v[i]);
	child->sem = s;
}

void
tgt_sem_drop(struct tgt_proc *proc)
{
	struct tgt_semtab *s = proc->sem;

	proc->sem = NULL;
	if (s == NULL || --s->refs > 0)
		return;
	VEC_FREE(&s->v);
	free(s);
}

void
tgt_sem_detach(struct tgt *t)
{
	size_t it = 0, klen;
	const void *key;
	void *val;

	while (htab_next(t->proc, &it, &key, &klen, &val)) {
		struct tgt_proc *p = val;

		/* A process being killed keeps nothing. */
		if (p->sem == NULL || p->sem->done || p->killing)
			continue;
		undo_all(p, p->sem);
		p->sem->done = 1;
	}
}
