/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Breakpoints (DESIGN.md section 10, "Breakpoints"), for the pid provider.
 *
 * A table per address space: a sorted array of breakpoints, each with
 * the original bytes it covers (tgt_read() puts them back in what it
 * returns) and the instruction they hold, decoded once. A process points
 * to its table; processes sharing their memory (vfork, clone(CLONE_VM)
 * without CLONE_THREAD) share it, a fork child gets a copy (its memory is
 * a copy, int3 bytes and scratch pages included), exec drops it. A
 * deleted breakpoint stays in the table as a tombstone: a thread that
 * executed its int3 before the byte was restored still reports the trap,
 * which is then rewound silently instead of reaching the program as a
 * SIGTRAP.
 *
 * A hit is a SIGTRAP signal-delivery stop with the breakpoint's si_code
 * (arch_bkpt_si_code) at or just past one of our addresses (the CPU
 * says which: arch_bkpt_addr()): the pc is set to the address, the
 * user's callback sees the thread as if no breakpoint were there, and the
 * thread gets past the displaced instruction without the breakpoint ever
 * being lifted (other threads keep running through it): emulated on the
 * registers (arch_insn_emulate()), else run out of line from a slot in a
 * scratch page: the instruction relocated to the slot's address, then a
 * jump back. Scratch pages are mapped when the first slot is needed, by an
 * mmap the stopped thread itself runs: pointed at a syscall instruction of
 * its [vdso] and single-stepped once. Slots are never reused for another
 * instruction, so a thread still running in one is always safe.
 *
 * Detaching puts the original bytes back first, then stops every thread
 * ("parks" it): a thread inside a slot is moved out (to the original
 * address, or past it), a trap of ours still pending is taken and
 * rewound, the scratch pages are unmapped by one of the threads, and only
 * then are the threads let go.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/htab.h"
#include "common/xalloc.h"
#include "target/tgt_impl.h"

#ifndef MAP_FIXED_NOREPLACE
#define MAP_FIXED_NOREPLACE 0x100000
#endif

#define INSN_MAX 15	    /* the longest instruction any arch has here */
#define SCRATCH_PAGES 4	    /* mapped at once: about 300 slots */
#define SLOT_ALIGN 16	    /* slots start on a 16-byte boundary */
#define SLOT_STEPS 64	    /* detach: single steps to leave a slot */
#define SC_SEARCH (4 << 20) /* bytes of a mapping searched for a syscall */
#define SYSCALL_STOP (SIGTRAP | 0x80)

struct tgt_bp {
	uint64_t addr;
	unsigned refs; /* tgt_bkpt_add() count; 0: a tombstone */
	uint8_t orig[INSN_MAX];
	uint8_t olen;		   /* bytes of orig that were readable */
	uint8_t ilen;		   /* the instruction's length */
	uint8_t rlen;		   /* the relocated instruction in the slot */
	uint8_t jlen;		   /* the jump back after it */
	unsigned char no_emu;	   /* arch_insn_emulate() said -ENOTSUP */
	unsigned char slot_failed; /* no slot could be made: step in place */
	struct arch_insn *insn;
	uint64_t slot; /* its out-of-line copy (0: none yet) */
};

struct scratch {
	uint64_t base;
	size_t size, used;
};

struct tgt_bktab {
	unsigned refs;		 /* processes using the table */
	VEC(struct tgt_bp *) bp; /* by address, tombstones included */
	size_t nlive;
	VEC(struct scratch) scratch;
	uint64_t sc_insn; /* a syscall instruction (0: none found) */
	unsigned char sc_looked;
	unsigned char restored; /* detach: the original bytes are back */
};

static size_t
page_size(void)
{
	static size_t pagesz;

	if (!pagesz)
		pagesz = (size_t)sysconf(_SC_PAGESIZE);
	return pagesz;
}

/*
 * The thread whose /proc/TID/mem (and maps) reach the process's memory:
 * a live one. The leader's own entries are empty once it has exited
 * (pthread_exit() in main) while other threads run.
 */
static pid_t
mem_tid(const struct tgt_proc *p)
{
	for (const struct tgt_thr *th = p->threads; th; th = th->next)
		if (!th->exiting)
			return th->tid;
	return p->pid;
}

/* ---- The table --------------------------------------------------------- */

/* The index of the first breakpoint at or above addr. */
static size_t
bp_lower(const struct tgt_bktab *b, uint64_t addr)
{
	size_t lo = 0, hi = b->bp.n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (b->bp.v[mid]->addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The breakpoint (or tombstone) at addr, or NULL. */
static struct tgt_bp *
bp_find(const struct tgt_bktab *b, uint64_t addr)
{
	size_t i;

	if (b == NULL)
		return NULL;
	i = bp_lower(b, addr);
	return i < b->bp.n && b->bp.v[i]->addr == addr ? b->bp.v[i] : NULL;
}

static void
bp_insert(struct tgt_bktab *b, struct tgt_bp *bp)
{
	size_t i = bp_lower(b, bp->addr);

	VEC_RESERVE(&b->bp, b->bp.n + 1);
	memmove(b->bp.v + i + 1, b->bp.v + i, (b->bp.n - i) * sizeof(*b->bp.v));
	b->bp.v[i] = bp;
	b->bp.n++;
}

static void
bp_free(struct tgt_bp *bp)
{
	if (bp->insn)
		arch_insn_free(bp->insn);
	free(bp);
}

static struct tgt_bktab *
tab_new(void)
{
	struct tgt_bktab *b = xcalloc(1, sizeof(*b));

	b->refs = 1;
	return b;
}

void
tgt_bkpt_drop(struct tgt_proc *proc)
{
	struct tgt_bktab *b = proc->bkt;

	proc->bkt = NULL;
	proc->bkt_muted = 0;
	if (b == NULL || --b->refs > 0)
		return;
	for (size_t i = 0; i < b->bp.n; i++)
		bp_free(b->bp.v[i]);
	VEC_FREE(&b->bp);
	VEC_FREE(&b->scratch);
	free(b);
}

static struct tgt_bp *
bp_copy(const struct tgt_bp *from)
{
	struct tgt_bp *bp = xcalloc(1, sizeof(*bp));

	*bp = *from;
	bp->insn = NULL;
	/* arch_insn is opaque: decode the same bytes again. */
	if (from->insn &&
	    arch_insn_decode(&bp->insn, bp->addr, bp->orig, bp->olen) < 0)
		bp->insn = NULL;
	return bp;
}

void
tgt_bkpt_fork(struct tgt *t, struct tgt_proc *parent, struct tgt_proc *child,
	      int share)
{
	struct tgt_bktab *from = parent->bkt, *b;

	(void)t;
	if (from == NULL || child->bkt != NULL)
		return;
	child->bkt_muted = parent->bkt_muted;
	if (share) {
		from->refs++;
		child->bkt = from;
		return;
	}
	/* The child's memory is a copy of the parent's: the same int3 bytes,
	   the same scratch pages at the same addresses. */
	b = tab_new();
	for (size_t i = 0; i < from->bp.n; i++)
		VEC_PUSH(&b->bp, bp_copy(from->bp.v[i]));
	for (size_t i = 0; i < from->scratch.n; i++)
		VEC_PUSH(&b->scratch, from->scratch.v[i]);
	b->nlive = from->nlive;
	b->sc_insn = from->sc_insn;
	b->sc_looked = from->sc_looked;
	child->bkt = b;
}

int
tgt_bkpt_shares_vm(struct tgt *t, struct tgt_thr *th, int event)
{
	uint64_t flags = 0;
	long nr;

	if (tgt_cur_regs(t, th->tid) < 0)
		return event == PTRACE_EVENT_VFORK;
	nr = arch_sc_nr(&t->regs);
	if (nr == SYS_clone) {
		flags = arch_sc_arg(&t->regs, 0);
#ifdef SYS_clone3
	} else if (nr == SYS_clone3) {
		/* struct clone_args starts with the flags */
		if (tgt_mem_peek(th->tid, arch_sc_arg(&t->regs, 0), &flags,
				 sizeof(flags)) < 0)
			return event == PTRACE_EVENT_VFORK;
#endif
	} else {
		/* fork, vfork */
		return event == PTRACE_EVENT_VFORK;
	}
	return (flags & CLONE_VM) != 0;
}

void
tgt_bkpt_unpatch(struct tgt *t, pid_t pid, uint64_t addr, void *buf, size_t len)
{
	struct tgt_proc *p = tgt_proc_find(t, pid);
	struct tgt_bktab *b = p ? p->bkt : NULL;
	uint8_t *out = buf;
	size_t i;

	if (b == NULL || b->nlive == 0 || b->restored || len == 0)
		return;
	/* A breakpoint starting a little before addr may cover its first
	   bytes. */
	i = bp_lower(b, addr >= arch_bkpt_len ? addr - arch_bkpt_len + 1 : 0);
	for (; i < b->bp.n && b->bp.v[i]->addr < addr + len; i++) {
		const struct tgt_bp *bp = b->bp.v[i];

		if (bp->refs == 0)
			continue;
		for (size_t k = 0; k < arch_bkpt_len; k++) {
			uint64_t a = bp->addr + k;

			if (a >= addr && a < addr + len)
				out[a - addr] = bp->orig[k];
		}
	}
}

/* ---- Adding and removing ----------------------------------------------- */

/* Up to INSN_MAX bytes at addr as memory holds them: fewer before an
   unmapped page. The count, 0 when addr itself is unmapped. */
static size_t
read_code(pid_t pid, uint64_t addr, uint8_t *buf)
{
	size_t n = page_size() - (size_t)(addr % page_size());

	if (tgt_mem_peek(pid, addr, buf, INSN_MAX) == 0)
		return INSN_MAX;
	if (n < INSN_MAX && tgt_mem_peek(pid, addr, buf, n) == 0)
		return n;
	return 0;
}

int
tgt_bkpt_add(struct tgt *t, pid_t pid, uint64_t addr, char *err, size_t errlen)
{
	struct tgt_proc *p = tgt_proc_find(t, pid);
	struct tgt_bp *bp;
	struct arch_insn *insn = NULL;
	uint8_t code[INSN_MAX];
	size_t n;
	int rc, fresh = 0;

	if (p == NULL) {
		snprintf(err, errlen, "process %d is not traced", (int)pid);
		return -ESRCH;
	}
	/* A process whose shared breakpoints were cleared takes them back. */
	p->bkt_muted = 0;
	if (!p->exitkill)
		t->peek_traps = 1;
	bp = bp_find(p->bkt, addr);
	if (bp && bp->refs) {
		bp->refs++;
		return 0;
	}
	n = read_code(mem_tid(p), addr, code);
	if (n == 0) {
		snprintf(err, errlen, "address 0x%llx is not mapped",
			 (unsigned long long)addr);
		return -EFAULT;
	}
	/* Our other breakpoints within the instruction's bytes. */
	tgt_bkpt_unpatch(t, pid, addr, code, n);
	if (n >= arch_bkpt_len &&
	    memcmp(code, arch_bkpt_insn, arch_bkpt_len) == 0) {
		snprintf(err, errlen,
			 "a breakpoint that is not udtrace's is at 0x%llx",
			 (unsigned long long)addr);
		return -EEXIST;
	}
	rc = arch_insn_decode(&insn, addr, code, n);
	if (rc < 0) {
		snprintf(err, errlen, "%s at 0x%llx",
			 rc == -ENOTSUP ? "an instruction that cannot be "
					  "stepped over" :
			 rc == -ENOMEM	? "out of memory decoding the code" :
					  "no valid instruction",
			 (unsigned long long)addr);
		return rc;
	}
	if (p->bkt == NULL)
		p->bkt = tab_new();
	if (bp && bp->olen == n && memcmp(bp->orig, code, n) == 0 && bp->insn) {
		/* The same instruction again: its slot still serves. */
		arch_insn_free(insn);
	} else {
		if (bp == NULL) {
			bp = xcalloc(1, sizeof(*bp));
			bp->addr = addr;
			fresh = 1;
		} else if (bp->insn) {
			arch_insn_free(bp->insn);
		}
		memcpy(bp->orig, code, n);
		bp->olen = (uint8_t)n;
		bp->ilen = (uint8_t)arch_insn_len(insn);
		bp->insn = insn;
		bp->slot = 0;
		bp->no_emu = bp->slot_failed = 0;
	}
	rc = tgt_mem_poke(mem_tid(p), addr, arch_bkpt_insn, arch_bkpt_len);
	if (rc < 0) {
		snprintf(err, errlen, "cannot write at 0x%llx: %s",
			 (unsigned long long)addr, strerror(-rc));
		if (fresh)
			bp_free(bp);
		return rc;
	}
	if (fresh)
		bp_insert(p->bkt, bp);
	bp->refs = 1;
	p->bkt->nlive++;
	return 0;
}

/* Undoes one tgt_bkpt_add(); the last one writes the original bytes
   back when write is set. Kept as a tombstone either way: a trap already
   on its way is rewound. */
static int
bkpt_unref(struct tgt *t, pid_t pid, uint64_t addr, int write)
{
	struct tgt_proc *p = tgt_proc_find(t, pid);
	struct tgt_bp *bp = p ? bp_find(p->bkt, addr) : NULL;

	if (bp == NULL || bp->refs == 0 || p->bkt_muted)
		return -ENOENT;
	if (--bp->refs > 0)
		return 0;
	p->bkt->nlive--;
	/* A failed write means the process is gone, and its memory with
	   it. */
	if (write)
		tgt_mem_poke(mem_tid(p), addr, bp->orig, arch_bkpt_len);
	return 0;
}

int
tgt_bkpt_del(struct tgt *t, pid_t pid, uint64_t addr)
{
	return bkpt_unref(t, pid, addr, 1);
}

int
tgt_bkpt_forget(struct tgt *t, pid_t pid, uint64_t addr)
{
	/* The memory is gone (or is another object's now): nothing is
	   written. */
	return bkpt_unref(t, pid, addr, 0);
}

int
tgt_bkpt_taken(struct tgt *t, pid_t tid, uint64_t addr)
{
	struct tgt_thr *th = tgt_thr_find(t, tid);
	struct tgt_bp *bp;
	struct arch_regs r;
	int rc;

	if (th == NULL || th->proc->bkt == NULL)
		return -ENOENT;
	bp = bp_find(th->proc->bkt, addr);
	if (bp == NULL || bp->insn == NULL)
		return -ENOENT;
	if ((rc = tgt_cur_regs(t, tid)) < 0)
		return rc;
	/* A branch only changes the pc (and reads the flags): emulating
	   it on a copy tells where it goes, and changes nothing. */
	r = t->regs;
	arch_pc_set(&r, addr);
	rc = arch_insn_emulate(bp->insn, tid, &r);
	if (rc < 0)
		return rc;
	return arch_pc(&r) != addr + bp->ilen;
}

void
tgt_bkpt_clear(struct tgt *t, pid_t pid)
{
	struct tgt_proc *p = tgt_proc_find(t, pid);
	struct tgt_bktab *b = p ? p->bkt : NULL;

	if (b == NULL)
		return;
	if (b->refs > 1) {
		/* Memory shared with a process that keeps the breakpoints:
		   this one only stops reporting them. */
		p->bkt_muted = 1;
		return;
	}
	for (size_t i = 0; i < b->bp.n; i++) {
		struct tgt_bp *bp = b->bp.v[i];

		if (bp->refs == 0)
			continue;
		bp->refs = 0;
		tgt_mem_poke(mem_tid(p), bp->addr, bp->orig, arch_bkpt_len);
	}
	b->nlive = 0;
	/* The scratch pages (a fork's copy) stay mapped: a thread of the
	   child may still be inside a slot. */
}

size_t
tgt_bkpt_count(struct tgt *t, pid_t pid)
{
	struct tgt_proc *p = tgt_proc_find(t, pid);

	return p && p->bkt && !p->bkt_muted ? p->bkt->nlive : 0;
}

/* ---- Stepping the stopped thread ourselves ---------------------------- */

/* A signal that came while we stepped th: delivered at its next resume
   (tgt_resume()). */
static void
pend_add(struct tgt_thr *th, int sig, const siginfo_t *si)
{
	if (th->pend_sig == 0) {
		th->pend_sig = sig;
		th->pend_si = *si;
	} else if (sig != th->pend_sig && sig > 0 && sig <= 64) {
		th->pend_more |= 1ULL << (sig - 1);
	}
}

/*
 * Resumes th (stopped) with req (PTRACE_SINGLESTEP, or PTRACE_CONT to
 * take a pending trap), no signal, and waits for that thread only, until
 * a SIGTRAP from the kernel (the step's trap; *trap gets its siginfo).
 * Meanwhile: a seccomp stop (a traced injected syscall) or an interrupt
 * stop of ours is stepped on, another signal is kept for the thread's
 * next resume. 0; -ESRCH when the thread exited or reached its exit stop
 * (that stop is left to the loop, t->replay); -EINTR for another event
 * (also left to the loop: the thread is no longer ours to step).
 */
static int
step_one(struct tgt *t, struct tgt_thr *th, int req, siginfo_t *trap)
{
	for (;;) {
		siginfo_t si;
		int status, sig, event;

		if (ptrace((enum __ptrace_request)req, th->tid, 0L, 0L) < 0) {
			th->pstate = TS_RUNNING;
			return -ESRCH;
		}
		th->pstate = TS_RUNNING;
		for (;;) {
			memset(&si, 0, sizeof(si));
			if (waitid(P_PID, (id_t)th->tid, &si,
				   WSTOPPED | WEXITED | __WALL | WNOWAIT) == 0)
				break;
			if (errno != EINTR)
				return -ESRCH;
		}
		if (si.si_code != CLD_TRAPPED)
			return -ESRCH; /* exited: the loop reaps it */
		memset(&si, 0, sizeof(si));
		if (waitid(P_PID, (id_t)th->tid, &si,
			   WSTOPPED | __WALL | WNOHANG) < 0 ||
		    si.si_pid != th->tid)
			return -ESRCH;
		th->pstate = TS_STOPPED;
		status = si.si_status;
		sig = status & 0xff;
		event = (status >> 8) & 0xff;
		if (event == PTRACE_EVENT_SECCOMP || sig == SYSCALL_STOP)
			continue;
		if (event == PTRACE_EVENT_STOP) {
			/* Our interrupt (a sample is lost; the resume mode
			   is set again at the next tgt_resume()), or a
			   group-stop that this thread then misses. */
			th->intr &= (unsigned char)~(INTR_SAMPLE | INTR_MODE);
			continue;
		}
		if (event != 0) {
			struct tgt_orphan o = { th->tid, status, 0 };

			VEC_PUSH(&t->replay, o);
			return event == PTRACE_EVENT_EXIT ? -ESRCH : -EINTR;
		}
		if (ptrace(PTRACE_GETSIGINFO, th->tid, 0L, &si) < 0)
			return -ESRCH;
		/* A step's trap comes from the kernel: si_code > 0, or
		   (aarch64 stepping over svc, user_single_step_report())
		   SI_USER with no sender. */
		if (sig == SIGTRAP &&
		    (si.si_code > 0 ||
		     (si.si_code == SI_USER && si.si_pid == 0))) {
			if (trap)
				*trap = si;
			return 0;
		}
		pend_add(th, sig, &si);
	}
}

/* The address of the first syscall instruction in buf (len bytes of
   text at lo) that starts on an instruction boundary a fixed-width CPU
   allows (a multiple of arch_bkpt_len, its smallest instruction: 1 on
   x86_64, 4 on aarch64), or 0. */
static uint64_t
find_insn_in(const uint8_t *buf, size_t len, uint64_t lo)
{
	const uint8_t *p = buf, *m;

	while ((m = memmem(p, len - (size_t)(p - buf), arch_syscall_insn,
			   arch_syscall_len)) != NULL) {
		if ((lo + (uint64_t)(m - buf)) % arch_bkpt_len == 0)
			return lo + (uint64_t)(m - buf);
		p = m + 1;
	}
	return 0;
}

/* A syscall instruction in pid's text: its [vdso] first, then any other
   executable mapping. 0 when there is none. */
static uint64_t
find_syscall_insn(pid_t pid)
{
	char path[64], line[512];
	uint64_t found = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	for (int pass = 0; pass < 2 && !found; pass++) {
		f = fopen(path, "re");
		if (f == NULL)
			return 0;
		while (!found && fgets(line, sizeof(line), f)) {
			unsigned long long lo, hi;
			char perms[8];
			uint8_t *buf;
			size_t len;

			if (sscanf(line, "%llx-%llx %7s", &lo, &hi, perms) !=
				    3 ||
			    perms[2] != 'x' || hi <= lo)
				continue;
			if ((strstr(line, "[vdso]") != NULL) != (pass == 0))
				continue;
			len = hi - lo > SC_SEARCH ? SC_SEARCH : hi - lo;
			buf = xmalloc(len);
			if (tgt_mem_peek(pid, lo, buf, len) == 0) {
				found = find_insn_in(buf, len, lo);
			}
			free(buf);
		}
		fclose(f);
	}
	return found;
}

/*
 * Makes th (stopped, t->cur) run the syscall nr(args) and come back to
 * its stop with its registers as they were. *ret gets the result (-errno
 * on failure). 0, or -errno when it could not be run (-ESRCH, -EINTR: see
 * step_one(); the thread is then the loop's).
 */
static int
inject(struct tgt *t, struct tgt_thr *th, long nr, const uint64_t *args,
       unsigned nargs, int64_t *ret)
{
	struct tgt_bktab *b = th->proc->bkt;
	struct arch_regs saved, r;
	int rc;

	if (!b->sc_looked) {
		b->sc_looked = 1;
		b->sc_insn = find_syscall_insn(th->tid);
	}
	if (b->sc_insn == 0)
		return -ENOENT;
	rc = tgt_cur_regs(t, th->tid);
	if (rc < 0)
		return rc;
	saved = r = t->regs;
	rc = arch_sc_inject(&r, b->sc_insn, nr, args, nargs);
	if (rc == 0)
		rc = arch_regs_set(th->tid, &r);
	if (rc < 0)
		return rc;
	rc = step_one(t, th, PTRACE_SINGLESTEP, NULL);
	if (rc == -EINTR)
		return rc;
	if (rc == 0)
		rc = arch_regs_get(th->tid, &r);
	if (rc == 0 && arch_pc(&r) != b->sc_insn + arch_syscall_len)
		rc = -EIO;
	if (rc == 0)
		*ret = arch_sc_inject_ret(&r);
	arch_regs_set(th->tid, &saved);
	t->regs = saved;
	return rc;
}

/* ---- Scratch pages and slots ------------------------------------------ */

/*
 * Where to ask for a scratch page of size bytes for a breakpoint at near:
 * just below the first mapping of the object that holds near, when that
 * is free (a rip-relative operand of the object then stays within reach
 * of a slot; the kernel's own choice is near the shared libraries, far
 * from a PIE executable). 0: let the kernel choose.
 */
static uint64_t
map_hint(pid_t pid, uint64_t near, size_t size)
{
	char path[64], line[768], obj[512] = "", prev_obj[512] = "";
	unsigned long long prev_end = 0, start = 0, gap_below = 0;
	int in_obj = 0;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "re");
	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long lo, hi, off, ino;
		char perms[8], dev[32];
		int pos = 0;

		if (sscanf(line, "%llx-%llx %7s %llx %31s %llu %n", &lo, &hi,
			   perms, &off, dev, &ino, &pos) < 6)
			continue;
		snprintf(obj, sizeof(obj), "%s", pos ? line + pos : "");
		obj[strcspn(obj, "\n")] = '\0';
		/* A new object starts where the name changes. */
		if (!obj[0] || strcmp(obj, prev_obj) != 0 || lo != prev_end) {
			if (in_obj)
				break;
			start = lo;
			gap_below = prev_end;
		}
		if (near >= lo && near < hi)
			in_obj = 1;
		prev_end = hi;
		snprintf(prev_obj, sizeof(prev_obj), "%s", obj);
	}
	fclose(f);
	if (!in_obj || start < size + 0x10000 || start - size < gap_below ||
	    strstr(obj, "[stack]"))
		return 0;
	return start - size;
}

/* Maps a new scratch area (PROT_READ|PROT_EXEC: slots are written
   through /proc/PID/mem) near near, run by th. 0 or -errno. */
static int
scratch_map(struct tgt *t, struct tgt_thr *th, uint64_t near)
{
	struct tgt_bktab *b = th->proc->bkt;
	size_t size = SCRATCH_PAGES * page_size();
	uint64_t hint = map_hint(th->tid, near, size);
	uint64_t args[6] = { hint,
			     size,
			     PROT_READ | PROT_EXEC,
			     MAP_PRIVATE | MAP_ANONYMOUS |
				     (hint ? MAP_FIXED_NOREPLACE : 0),
			     (uint64_t)-1,
			     0 };
	struct scratch s = { 0, size, 0 };
	int64_t ret = -ENOMEM;
	int rc;

	rc = inject(t, th, SYS_mmap, args, 6, &ret);
	if (rc == 0 && hint && ret < 0 && ret > -4096) {
		/* Taken meanwhile, or a kernel that refuses the flag. */
		args[0] = 0;
		args[3] = MAP_PRIVATE | MAP_ANONYMOUS;
		rc = inject(t, th, SYS_mmap, args, 6, &ret);
	}
	if (rc < 0)
		return rc;
	if (ret < 0 && ret > -4096)
		return (int)ret;
	s.base = (uint64_t)ret;
	VEC_PUSH(&b->scratch, s);
	return 0;
}

/* Writes bp's slot into scratch area s. 0, -ERANGE (a rip-relative
   operand out of reach from there), -ENOSPC (full), -errno. */
static int
slot_try(pid_t pid, struct scratch *s, struct tgt_bp *bp)
{
	uint8_t code[ARCH_INSN_RELOC_MAX + ARCH_JUMP_MAX];
	size_t rlen = ARCH_INSN_RELOC_MAX, jlen = ARCH_JUMP_MAX;
	uint64_t at = s->base + s->used;
	int rc;

	if (s->used + sizeof(code) > s->size)
		return -ENOSPC;
	rc = arch_insn_relocate(bp->insn, at, code, &rlen);
	if (rc < 0)
		return rc;
	/* After code that never falls through (a jmp) the jump back is
	   never reached: harmless. */
	rc = arch_insn_jump(at + rlen, bp->addr + bp->ilen, code + rlen, &jlen);
	if (rc < 0)
		return rc;
	rc = tgt_mem_poke(pid, at, code, rlen + jlen);
	if (rc < 0)
		return rc;
	bp->slot = at;
	bp->rlen = (uint8_t)rlen;
	bp->jlen = (uint8_t)jlen;
	s->used += (rlen + jlen + SLOT_ALIGN - 1) & ~(size_t)(SLOT_ALIGN - 1);
	return 0;
}

/* bp's slot, made (and a scratch area mapped) the first time. */
static int
slot_get(struct tgt *t, struct tgt_thr *th, struct tgt_bp *bp)
{
	struct tgt_bktab *b = th->proc->bkt;
	int rc;

	if (bp->slot)
		return 0;
	if (bp->slot_failed)
		return -ENOTSUP;
	for (size_t i = 0; i < b->scratch.n; i++)
		if (slot_try(th->tid, &b->scratch.v[i], bp) == 0)
			return 0;
	rc = scratch_map(t, th, bp->addr);
	if (rc == -ESRCH || rc == -EINTR)
		return rc;
	if (rc == 0)
		rc = slot_try(th->tid, &b->scratch.v[b->scratch.n - 1], bp);
	if (rc < 0)
		bp->slot_failed = 1;
	return rc;
}

/* ---- Hits --------------------------------------------------------------- */

/* Writes t->regs (th = t->cur, its pc set) and lets th go on. */
static void
resume_regs(struct tgt *t, struct tgt_thr *th)
{
	arch_regs_set(th->tid, &t->regs); /* ESRCH: killed; wait says so */
	th->bkpt = 0;
	tgt_resume(t, th, 0);
}

/*
 * The last resort, when no slot can be had (no syscall instruction to
 * map a scratch page with, mmap refused, a rip-relative operand out of
 * reach of every page): the original bytes back for one single step in
 * place. A thread of the same process that runs through the address
 * meanwhile misses the probe; a blocking syscall stepped this way would
 * block udtrace too, but a syscall instruction always relocates.
 */
static void
step_in_place(struct tgt *t, struct tgt_thr *th, struct tgt_bp *bp)
{
	pid_t pid = th->tid;
	int rc;

	tgt_mem_poke(pid, bp->addr, bp->orig, arch_bkpt_len);
	arch_regs_set(th->tid, &t->regs);
	rc = step_one(t, th, PTRACE_SINGLESTEP, NULL);
	if (bp->refs)
		tgt_mem_poke(pid, bp->addr, arch_bkpt_insn, arch_bkpt_len);
	th->bkpt = 0;
	if (rc == 0)
		tgt_resume(t, th, 0);
}

/* th (t->cur, its registers in t->regs with pc = addr) goes on as if no
   breakpoint were at addr. */
static void
step_past(struct tgt *t, struct tgt_thr *th, uint64_t addr)
{
	struct tgt_bp *bp = bp_find(th->proc->bkt, addr);
	int rc;

	if (bp == NULL || bp->refs == 0 || bp->insn == NULL) {
		/* Deleted meanwhile: the original bytes are back. */
		resume_regs(t, th);
		return;
	}
	if (!bp->no_emu) {
		struct arch_regs saved = t->regs;

		rc = arch_insn_emulate(bp->insn, th->tid, &t->regs);
		if (rc == 0) {
			resume_regs(t, th);
			return;
		}
		t->regs = saved;
		/* Another error (a push to an unmapped stack): the real
		   instruction, run out of line, faults as it would. */
		if (rc == -ENOTSUP)
			bp->no_emu = 1;
	}
	rc = slot_get(t, th, bp);
	if (rc == 0) {
		arch_pc_set(&t->regs, bp->slot);
		resume_regs(t, th);
	} else if (rc == -ESRCH || rc == -EINTR) {
		th->bkpt = 0; /* the loop has the thread's next stop */
	} else {
		step_in_place(t, th, bp);
	}
}

/* Whether pc, a trap's, lies strictly inside bp's instruction. */
static int
pc_inside(const struct tgt_bp *bp, uint64_t pc)
{
	return pc > bp->addr && pc < bp->addr + bp->ilen;
}

/*
 * Why a breakpoint stop of a -p process is rewound before it is taken:
 * waitid() that reports a ptrace stop clears the stopped thread's exit
 * code, the signal it will get on resuming. Until then a SIGKILLed
 * udtrace leaves the thread its SIGTRAP (it dies of it, as the README
 * says); once the stop is taken, the kernel resumes it with no signal,
 * from wherever its pc is: past the int3, inside the instruction, whose
 * tail then runs as other instructions (SIGSEGV, or worse). So the stop
 * is first seen with WNOWAIT, the pc put back on the int3, and only then
 * taken: a thread resumed by a dying udtrace hits the breakpoint again.
 * Processes that die with udtrace (-c, PTRACE_O_EXITKILL) skip this.
 */
void
tgt_bkpt_prewind(struct tgt *t, pid_t tid)
{
	struct tgt_thr *th = tgt_thr_find(t, tid);
	struct tgt_bp *bp;
	struct arch_regs r;
	siginfo_t si;
	uint64_t addr;

	if (th == NULL || th->proc->exitkill || th->proc->bkt == NULL)
		return;
	if (arch_regs_get(tid, &r) < 0)
		return;
	addr = arch_bkpt_addr(arch_pc(&r));
	if (addr == arch_pc(&r) || (bp = bp_find(th->proc->bkt, addr)) == NULL)
		return; /* brk leaves the pc on it: nothing to do */
	/* A breakpoint instruction's trap, not a SIGTRAP sent by someone:
	   known from a pc inside the instruction (tgt_bkpt_inside() says
	   why), else from the siginfo (a pc may lie right after our int3
	   when its instruction was emulated). */
	if (!pc_inside(bp, arch_pc(&r)) &&
	    (ptrace(PTRACE_GETSIGINFO, tid, 0L, &si) < 0 ||
	     si.si_signo != SIGTRAP || si.si_code != arch_bkpt_si_code))
		return;
	arch_pc_set(&r, addr);
	if (arch_regs_set(tid, &r) == 0) {
		t->pw_tid = tid;
		t->pw_addr = addr;
		t->pw_regs = r; /* the stop's registers, when it is taken */
	}
}

/*
 * Whether a SIGTRAP stop is one of our breakpoints, known from the pc
 * alone, without PTRACE_GETSIGINFO (a system call less per hit): the pc
 * a trap leaves past our int3 lies inside the instruction the int3
 * covers when that instruction is longer than the int3, and no thread
 * gets there any other way (no jump lands inside an instruction; a
 * SIGTRAP sent by someone stops a thread on an instruction boundary).
 * 0 when the pc cannot tell: brk leaves the pc on itself, where a
 * thread may also stop for a signal sent to it, and after a one-byte
 * instruction the trap's pc is the next instruction's; a rewound stop
 * (tgt_bkpt_prewind) is on the int3 already. The caller then looks at
 * the siginfo.
 */
int
tgt_bkpt_inside(struct tgt *t, struct tgt_thr *th)
{
	struct tgt_bp *bp;
	uint64_t pc, addr;

	if (th->proc->bkt == NULL || t->pw_tid == th->tid ||
	    tgt_cur_regs(t, th->tid) < 0)
		return 0;
	pc = arch_pc(&t->regs);
	addr = arch_bkpt_addr(pc);
	if (addr == pc)
		return 0;
	bp = bp_find(th->proc->bkt, addr);
	return bp != NULL && pc_inside(bp, pc);
}

int
tgt_bkpt_trap(struct tgt *t, struct tgt_thr *th)
{
	struct tgt_event ev;
	struct tgt_bp *bp;
	uint64_t addr;
	int prewound = t->pw_tid == th->tid;

	if (th->proc->bkt == NULL || tgt_cur_regs(t, th->tid) < 0)
		return 0;
	addr = prewound ? t->pw_addr : arch_bkpt_addr(arch_pc(&t->regs));
	bp = bp_find(th->proc->bkt, addr);
	if (bp == NULL)
		return 0;
	arch_pc_set(&t->regs, addr);
	th->bkpt = addr;
	if (bp->refs == 0 || th->proc->bkt_muted) {
		/* A late hit of a deleted breakpoint (rewound), or one the
		   process does not report: no event. */
		step_past(t, th, addr);
		return 1;
	}
	/* Not in the thread yet: a SETREGSET per hit only for readers
	   that go to ptrace themselves (the unwinder: tgt_sync_regs()).
	   But a process that outlives a SIGKILLed udtrace (-p) must not
	   be left with its pc past the trap, inside the instruction (the
	   kernel drops the SIGTRAP of the stop when the tracer dies, and
	   the thread would run the bytes after int3): rewound now, such a
	   thread hits the breakpoint again and dies of SIGTRAP, as the
	   README says. */
	t->regs_dirty = !prewound;
	if (!th->proc->exitkill)
		tgt_sync_regs(t, th->tid);
	memset(&ev, 0, sizeof(ev));
	ev.kind = TGT_EV_BKPT;
	ev.pid = th->proc->pid;
	ev.tid = th->tid;
	ev.pc = addr;
	if (!tgt_emit(t, &ev))
		return 1;
	if (th->hold) {
		/* Stays at the address until tgt_release(). */
		tgt_sync_regs(t, th->tid);
		th->hold = 0;
		th->held = 1;
		th->held_sig = 0;
		return 1;
	}
	step_past(t, th, addr);
	return 1;
}

void
tgt_bkpt_rewind(struct tgt *t, struct tgt_thr *th)
{
	struct arch_regs r;

	if (th->bkpt == 0)
		return;
	if (t->cur == th && t->regs_ok) {
		r = t->regs;
	} else if (arch_regs_get(th->tid, &r) < 0) {
		th->bkpt = 0;
		return;
	}
	arch_pc_set(&r, th->bkpt);
	arch_regs_set(th->tid, &r);
	th->bkpt = 0;
}

/* ---- Inside the callback ---------------------------------------------- */

int
tgt_sync_regs(struct tgt *t, pid_t tid)
{
	int rc;

	if (t->cur == NULL || t->cur->tid != tid || !t->regs_dirty)
		return 0;
	rc = arch_regs_set(tid, &t->regs);
	if (rc == 0)
		t->regs_dirty = 0;
	return rc;
}

int
tgt_call_args(struct tgt *t, pid_t tid, uint64_t *out, unsigned n)
{
	int rc = tgt_cur_regs(t, tid);

	memset(out, 0, n * sizeof(*out));
	if (rc < 0)
		return rc;
	return arch_call_args(tid, &t->regs, out, n);
}

unsigned
tgt_call_reg_args(void)
{
	return arch_call_reg_args;
}

int
tgt_call_ret(struct tgt *t, pid_t tid, uint64_t *out)
{
	int rc = tgt_cur_regs(t, tid);

	*out = 0;
	if (rc < 0)
		return rc;
	*out = arch_call_ret(&t->regs);
	return 0;
}

void
tgt_hold(struct tgt *t, pid_t tid, int report_again)
{
	if (t->cur && t->cur->tid == tid) {
		t->cur->hold = 1;
		t->cur->refire = report_again != 0;
	}
}

void
tgt_release(struct tgt *t, pid_t tid)
{
	struct tgt_thr *th = tgt_thr_find(t, tid), *cur = t->cur;
	struct arch_regs regs = t->regs;
	int regs_ok = t->regs_ok;

	if (th == NULL || !th->held || t->detaching)
		return;
	th->held = 0;
	if (th->bkpt == 0) {
		tgt_resume(t, th, th->held_sig);
		return;
	}
	/* Resumed the way the hit would have been: stepped past. */
	t->cur = th;
	t->regs_ok = 0;
	if (tgt_cur_regs(t, tid) == 0) {
		struct tgt_bp *bp = bp_find(th->proc->bkt, th->bkpt);
		unsigned epoch = t->epoch;

		/* Reported again first when asked: probes enabled while it
		   was held (-c's evaltime) see the hit they would have
		   seen. */
		if (th->refire && bp && bp->refs && !th->proc->bkt_muted) {
			struct tgt_event ev;

			memset(&ev, 0, sizeof(ev));
			ev.kind = TGT_EV_BKPT;
			ev.pid = th->proc->pid;
			ev.tid = th->tid;
			ev.pc = th->bkpt;
			(void)tgt_emit(t, &ev);
		}
		if (t->epoch == epoch) /* else detached meanwhile */
			step_past(t, th, th->bkpt);
	} else {
		th->bkpt = 0;
		tgt_resume(t, th, 0);
	}
	t->cur = cur;
	t->regs = regs;
	t->regs_ok = regs_ok;
}

/* ---- Detaching ----------------------------------------------------------- */

int
tgt_bkpt_park_needed(const struct tgt_proc *proc)
{
	const struct tgt_bktab *b = proc->bkt;

	return b && !proc->killing && (b->bp.n || b->scratch.n);
}

void
tgt_bkpt_detach_begin(struct tgt *t)
{
	size_t it = 0, klen;
	const void *key;
	void *val;

	t->bkpt_done = 0;
	while (htab_next(t->proc, &it, &key, &klen, &val)) {
		struct tgt_proc *p = val;
		struct tgt_bktab *b = p->bkt;

		if (b == NULL || b->restored || p->killing)
			continue;
		for (size_t i = 0; i < b->bp.n; i++)
			if (b->bp.v[i]->refs)
				tgt_mem_poke(mem_tid(p), b->bp.v[i]->addr,
					     b->bp.v[i]->orig, arch_bkpt_len);
		b->restored = 1;
	}
}

int
tgt_bkpt_detach_fix(struct tgt *t, struct tgt_thr *th, int sig, int event)
{
	int deliver = (event == 0 && sig != SYSCALL_STOP) ? sig : 0;
	siginfo_t si;
	struct arch_regs r;

	th->park_ok = event == PTRACE_EVENT_STOP || deliver != 0;
	if (deliver == SIGTRAP && t->pw_tid == th->tid)
		return 0; /* ours, rewound already (tgt_bkpt_prewind) */
	if (deliver != SIGTRAP ||
	    ptrace(PTRACE_GETSIGINFO, th->tid, 0L, &si) < 0 ||
	    si.si_code != arch_bkpt_si_code || arch_regs_get(th->tid, &r) < 0 ||
	    !bp_find(th->proc->bkt, arch_bkpt_addr(arch_pc(&r))))
		return deliver;
	/* Our int3 (the byte is gone now): run the instruction again. */
	arch_pc_set(&r, arch_bkpt_addr(arch_pc(&r)));
	arch_regs_set(th->tid, &r);
	return 0;
}

/* Whether SIGTRAP is pending for tid (its own or its process's) and not
   blocked. */
static int
sigtrap_pending(pid_t tid)
{
	const uint64_t bit = 1ULL << (SIGTRAP - 1);
	struct tgt_status st;

	if (tgt_read_status(tid, &st) < 0)
		return 0;
	return ((st.sigpnd | st.shdpnd) & bit) && !(st.sigblk & bit);
}

/* A parked thread that executed one of our int3 but has not reported the
   trap yet: let it report it, and rewind. 0 or -errno (the thread is
   then no longer parked). */
static int
take_pending_trap(struct tgt *t, struct tgt_thr *th)
{
	struct tgt_bktab *b = th->proc->bkt;
	struct arch_regs r;
	siginfo_t si;
	int rc;

	if (!sigtrap_pending(th->tid) || arch_regs_get(th->tid, &r) < 0 ||
	    !bp_find(b, arch_bkpt_addr(arch_pc(&r))))
		return 0;
	/* The pending SIGTRAP is dequeued before the thread runs a single
	   instruction. */
	rc = step_one(t, th, PTRACE_CONT, &si);
	if (rc < 0)
		return rc;
	if (si.si_code == arch_bkpt_si_code &&
	    arch_regs_get(th->tid, &r) == 0 &&
	    bp_find(b, arch_bkpt_addr(arch_pc(&r)))) {
		arch_pc_set(&r, arch_bkpt_addr(arch_pc(&r)));
		arch_regs_set(th->tid, &r);
	} else {
		pend_add(th, SIGTRAP, &si);
	}
	return 0;
}

/* The breakpoint whose slot holds pc, or NULL. */
static struct tgt_bp *
slot_owner(const struct tgt_bktab *b, uint64_t pc)
{
	for (size_t i = 0; i < b->bp.n; i++) {
		const struct tgt_bp *bp = b->bp.v[i];

		if (bp->slot && pc >= bp->slot &&
		    pc < bp->slot + bp->rlen + bp->jlen)
			return b->bp.v[i];
	}
	return NULL;
}

/*
 * A parked thread inside a slot is moved out: at the slot's start it goes
 * back to the original address (the original bytes are there again),
 * past the relocated instruction to the one after the original, and in
 * the middle of a relocated sequence (a call's pushes) it is
 * single-stepped until it is out. A syscall run in the slot and
 * interrupted (pc just past it) restarts from the original one: the
 * kernel rewinds the pc by the instruction's length, which is the same.
 */
static int
leave_slot(struct tgt *t, struct tgt_thr *th)
{
	struct tgt_bktab *b = th->proc->bkt;

	if (b->scratch.n == 0)
		return 0;
	for (int i = 0; i < SLOT_STEPS; i++) {
		struct arch_regs r;
		struct tgt_bp *bp;
		uint64_t pc;
		int rc;

		if (arch_regs_get(th->tid, &r) < 0)
			return -ESRCH;
		pc = arch_pc(&r);
		bp = slot_owner(b, pc);
		if (bp == NULL)
			return 0;
		if (pc == bp->slot || pc >= bp->slot + bp->rlen) {
			arch_pc_set(&r, pc == bp->slot ? bp->addr :
							 bp->addr + bp->ilen);
			return arch_regs_set(th->tid, &r);
		}
		rc = step_one(t, th, PTRACE_SINGLESTEP, NULL);
		if (rc < 0)
			return rc;
	}
	return -EIO;
}

/* Unmaps b's scratch areas, run by th (parked). */
static void
scratch_unmap(struct tgt *t, struct tgt_thr *th)
{
	struct tgt_bktab *b = th->proc->bkt;

	t->cur = th;
	t->regs_ok = 0;
	while (b->scratch.n) {
		struct scratch *s = &b->scratch.v[b->scratch.n - 1];
		uint64_t args[2] = { s->base, s->size };
		int64_t ret = 0;

		if (inject(t, th, SYS_munmap, args, 2, &ret) < 0 || ret != 0)
			break;
		b->scratch.n--;
	}
	t->cur = NULL;
}

static void
finish_proc(struct tgt *t, struct tgt_proc *p)
{
	VEC(pid_t) tids = VEC_INIT;
	struct tgt_thr *th, *runner = NULL;
	int all_parked = 1;

	for (th = p->threads; th; th = th->next) {
		if (th->parked && !th->exiting)
			VEC_PUSH(&tids, th->tid);
		else if (!th->exiting)
			all_parked = 0;
	}
	for (size_t i = 0; i < tids.n; i++) {
		th = tgt_thr_find(t, tids.v[i]);
		if (th == NULL)
			continue;
		if (take_pending_trap(t, th) < 0 || leave_slot(t, th) < 0) {
			/* The loop has its next stop (its exit). */
			th->parked = 0;
			all_parked = 0;
			continue;
		}
		if (th->park_ok && runner == NULL)
			runner = th;
	}
	/* Unmapped only when no thread can be in a slot: every thread of
	   the address space is parked and out of the slots. Otherwise (a
	   thread that did not stop in time, memory shared with another
	   process) the pages stay: harmless, and never run again. */
	if (runner && all_parked && p->bkt && p->bkt->refs == 1)
		scratch_unmap(t, runner);
	for (size_t i = 0; i < tids.n; i++) {
		int sig;
		uint64_t more;
		pid_t tid = tids.v[i];

		th = tgt_thr_find(t, tid);
		if (th == NULL || !th->parked)
			continue;
		sig = th->park_sig ? th->park_sig : th->pend_sig;
		if (sig && sig == th->pend_sig && !th->park_sig)
			ptrace(PTRACE_SETSIGINFO, tid, 0L, &th->pend_si);
		more = th->pend_more;
		if (th->park_sig && th->pend_sig)
			more |= 1ULL << (th->pend_sig - 1);
		tgt_detach_thr(t, th, sig);
		for (int s = 1; s <= 64; s++)
			if (more & (1ULL << (s - 1)))
				syscall(SYS_tgkill, p->pid, tid, s);
	}
	VEC_FREE(&tids);
}

void
tgt_bkpt_detach_finish(struct tgt *t)
{
	VEC(pid_t) pids = VEC_INIT;
	size_t it = 0, klen;
	const void *key;
	void *val;

	while (htab_next(t->proc, &it, &key, &klen, &val)) {
		struct tgt_proc *p = val;

		for (struct tgt_thr *th = p->threads; th; th = th->next)
			if (th->parked) {
				VEC_PUSH(&pids, p->pid);
				break;
			}
	}
	for (size_t i = 0; i < pids.n; i++) {
		struct tgt_proc *p = tgt_proc_find(t, pids.v[i]);

		if (p)
			finish_proc(t, p);
	}
	VEC_FREE(&pids);
	t->bkpt_done = 1;
}
