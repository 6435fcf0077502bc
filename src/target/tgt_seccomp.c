/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The seccomp filter a spawned tracee installs before exec: a syscall
 * that no probe wants then runs without any stop (DESIGN.md section 10).
 *
 * The program, over struct seccomp_data:
 *	A = arch; if A != arch_audit goto trace	(int 0x80 from a 64-bit
 *						 process: i386 numbers)
 *	A = nr;   if A & X32 bit goto trace	(x32 numbers)
 *	then one test per run lo..hi of wanted numbers, in increasing order
 *	(a run: numbers of one class, trace or notify):
 *	  lo == hi:  if A == lo goto class
 *	  otherwise: if A < lo goto allow; if A <= hi goto class
 *	allow: ret ALLOW;  trace: ret TRACE;  notify: ret USER_NOTIF
 * Reaching run i means A is in no earlier run, and A < lo_i means it is
 * in no later one either, so "allow" is right there. Foreign arches and
 * x32 are traced whenever anything is: the tracer sees them (and resumes
 * them) rather than miss them silently.
 *
 * Conditional jumps reach at most 255 instructions ahead, so the runs are
 * cut into chunks of CHUNK_RUNS, each ending in its own three returns,
 * which the end of the previous chunk jumps over (ja has a 32-bit offset).
 *
 * The notify class (SECCOMP_RET_USER_NOTIF, tgt_notify.c) is for syscall
 * entries whose events need no stopped thread; it outranks TRACE should
 * the program stack filters of its own.
 */
#include "config.h"

#include <sched.h>
#include <stddef.h>
#include <stdlib.h>
#include <linux/filter.h>
#include <linux/seccomp.h>

#include "arch/arch.h"
#include "common/vec.h"
#include "common/xalloc.h"
#include "target/tgt.h"

#define X32_BIT 0x40000000u
/* A run takes at most 2 instructions: 2 * 120 + 3 < 255. */
#define CHUNK_RUNS 120

struct run {
	uint32_t lo, hi;
	uint8_t cls; /* TGT_SC_TRACE or TGT_SC_NOTIFY */
};

typedef VEC(struct run) run_vec;
typedef VEC(struct sock_filter) insn_vec;

/* Whether every syscall of the table is wanted, and traced. */
static int
trace_all(const uint8_t *want, size_t n)
{
	long nr, max = arch_sc_max();

	for (nr = 0; nr < max; nr++)
		if (arch_sc_name(nr) &&
		    ((size_t)nr >= n || want[nr] != TGT_SC_TRACE))
			return 0;
	return 1;
}

static void
find_runs(const uint8_t *want, size_t n, run_vec *runs)
{
	size_t nr = 0, lo;

	while (nr < n && nr <= UINT32_MAX) {
		uint8_t cls;

		if (!want[nr]) {
			nr++;
			continue;
		}
		lo = nr;
		cls = want[nr] == TGT_SC_NOTIFY ? TGT_SC_NOTIFY : TGT_SC_TRACE;
		while (nr < n && nr <= UINT32_MAX && want[nr] &&
		       (want[nr] == TGT_SC_NOTIFY) == (cls == TGT_SC_NOTIFY))
			nr++;
		VEC_PUSH(runs,
			 ((struct run){ (uint32_t)lo, (uint32_t)nr - 1, cls }));
	}
}

static void
emit(insn_vec *p, struct sock_filter f)
{
	VEC_PUSH(p, f);
}

/* A conditional jump's offset from instruction from to instruction to. */
static uint8_t
rel(size_t from, size_t to)
{
	return (uint8_t)(to - from - 1);
}

static void
emit_jump(insn_vec *p, uint16_t op, uint32_t k, size_t jt, size_t jf)
{
	size_t here = p->n;

	emit(p, (struct sock_filter)BPF_JUMP(BPF_JMP | op | BPF_K, k,
					     jt ? rel(here, jt) : 0,
					     jf ? rel(here, jf) : 0));
}

/*
 * One chunk: runs[0..k-1], then its three returns (preceded by a jump
 * over them unless it is the last chunk). A target of 0 means the next
 * instruction.
 */
static void
emit_chunk(insn_vec *p, const struct run *runs, size_t k, int last)
{
	size_t i, allow, trace, notify;

	allow = p->n + (last ? 0 : 1);
	for (i = 0; i < k; i++)
		allow += runs[i].lo == runs[i].hi || runs[i].lo == 0 ? 1 : 2;
	trace = allow + 1;
	notify = allow + 2;
	for (i = 0; i < k; i++) {
		const struct run *r = &runs[i];
		size_t to = r->cls == TGT_SC_NOTIFY ? notify : trace;

		if (r->lo == r->hi) {
			emit_jump(p, BPF_JEQ, r->lo, to, 0);
			continue;
		}
		if (r->lo > 0)
			emit_jump(p, BPF_JGE, r->lo, 0, allow);
		emit_jump(p, BPF_JGT, r->hi, 0, to);
	}
	if (!last)
		emit(p, (struct sock_filter)BPF_STMT(BPF_JMP | BPF_JA, 3));
	emit(p,
	     (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW));
	emit(p,
	     (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE));
	emit(p, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
					     SECCOMP_RET_USER_NOTIF));
}

/*
 * clone(2) with CLONE_UNTRACED creates a child no tracer hears of: such a
 * call stops whether or not a probe wants clone, so that the user can be
 * told (tgt_event.c's sc_entry). Five instructions after the head, A = nr
 * again at the end; a plain clone() costs two more comparisons. (clone3's
 * flags are in memory, out of a filter's reach.)
 */
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
#define ARG_LO 4
#else
#define ARG_LO 0
#endif
static void
emit_untraced_check(insn_vec *p, uint32_t nr_clone)
{
	size_t at = p->n;

	emit_jump(p, BPF_JEQ, nr_clone, 0, at + 5);
	emit(p, (struct sock_filter)BPF_STMT(
			BPF_LD | BPF_W | BPF_ABS,
			offsetof(struct seccomp_data, args[0]) + ARG_LO));
	emit_jump(p, BPF_JSET, CLONE_UNTRACED, 0, at + 4);
	emit(p,
	     (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE));
	emit(p,
	     (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
					  offsetof(struct seccomp_data, nr)));
}

/* Instructions 0..4 (the program starts empty); the runs follow at 5. */
static void
emit_head(insn_vec *p)
{
	emit(p,
	     (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
					  offsetof(struct seccomp_data, arch)));
	emit_jump(p, BPF_JEQ, arch_audit, 0, 4);
	emit(p,
	     (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
					  offsetof(struct seccomp_data, nr)));
	emit_jump(p, BPF_JSET, X32_BIT, 4, 5);
	emit(p,
	     (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_TRACE));
}

struct sock_filter *
tgt_seccomp_build(const uint8_t *want, size_t n, unsigned short *len)
{
	run_vec runs = VEC_INIT;
	insn_vec prog = VEC_INIT;
	size_t i, k;

	*len = 0;
	find_runs(want, n, &runs);
	if (runs.n == 0)
		return NULL;
	if (!trace_all(want, n)) {
		long nr_clone = arch_sc_lookup("clone");

		emit_head(&prog);
		if (nr_clone >= 0)
			emit_untraced_check(&prog, (uint32_t)nr_clone);
		for (i = 0; i < runs.n; i += k) {
			k = runs.n - i < CHUNK_RUNS ? runs.n - i : CHUNK_RUNS;
			emit_chunk(&prog, runs.v + i, k, i + k == runs.n);
		}
	}
	/* Everything traced, or too long for the kernel: trace everything
	   (the tracer resumes what it did not ask for; with no notify
	   return, no notification comes). */
	if (prog.n == 0 || prog.n > BPF_MAXINSNS) {
		prog.n = 0;
		emit(&prog, (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
							 SECCOMP_RET_TRACE));
	}
	VEC_FREE(&runs);
	*len = (unsigned short)prog.n;
	return prog.v;
}
