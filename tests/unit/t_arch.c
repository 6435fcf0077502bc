/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit test for arch/arch.h on the CPU we run on. Linked against
 * libudt_arch.a and libudt_common.a only.
 *  - identity: the selected CPU is the one we run on (uname), our own
 *    executable's e_machine, an AUDIT_ARCH_* value of that machine;
 *  - the syscall table against the C library's SYS_* numbers;
 *  - registers and the syscall ABI on a child of ours, stopped at the
 *    entry and exit of a syscall it makes with known arguments, and a
 *    syscall skipped with a result of our choosing (fault injection);
 *  - the call ABI at the first instruction of a function whose first
 *    instruction is a breakpoint (int3, brk #0), called with known
 *    arguments (x86_64: 8, two on the stack; aarch64: 10, two on the
 *    stack).
 * Every tracee is a child this test forks; it dies with us (EXITKILL).
 */
#include "config.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/audit.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arch/arch.h"
#include "tap.h"

static void
test_identity(void)
{
	struct utsname u;
	Elf64_Ehdr eh;
	int fd;

	ok(uname(&u) == 0, "uname");
	is_str(arch_name, u.machine, "arch_name is the machine we run on");
	is_str(arch_name, UDT_ARCH, "arch_name is the configured arch");

	fd = open("/proc/self/exe", O_RDONLY);
	ok(fd >= 0 && read(fd, &eh, sizeof(eh)) == (ssize_t)sizeof(eh),
	   "read our own ELF header");
	if (fd >= 0)
		close(fd);
	is_int(arch_elf_machine, eh.e_machine,
	       "arch_elf_machine is our e_machine");
	is_int(arch_audit & 0xffff, arch_elf_machine,
	       "arch_audit carries the ELF machine");
	ok((arch_audit & __AUDIT_ARCH_64BIT) && (arch_audit & __AUDIT_ARCH_LE),
	   "arch_audit is 64-bit little-endian");
}

#ifdef ARCH_HAVE_REGS

/* ---- the syscall table ---------------------------------------------- */

static void
test_table(void)
{
	static const struct {
		long nr;
		const char *name;
		int nargs;
	} known[] = {
		{ SYS_read, "read", 3 },
		{ SYS_write, "write", 3 },
		{ SYS_close, "close", 1 },
		{ SYS_mmap, "mmap", 6 },
		{ SYS_getpid, "getpid", 0 },
		{ SYS_getppid, "getppid", 0 },
		{ SYS_clone, "clone", 5 },
		{ SYS_execve, "execve", 3 },
		{ SYS_exit_group, "exit_group", 1 },
		{ SYS_openat, "openat", 4 },
		{ SYS_pread64, "pread64", 4 },
		{ SYS_futex, "futex", 6 },
		{ SYS_newfstatat, "newfstatat", 4 },
		{ SYS_process_vm_readv, "process_vm_readv", 6 },
		{ SYS_clone3, "clone3", 2 },
	};
	long nr, max = arch_sc_max(), named = 0, bad = 0;
	size_t i;

	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++) {
		is_str(arch_sc_name(known[i].nr), known[i].name,
		       "syscall %ld is %s", known[i].nr, known[i].name);
		is_int(arch_sc_lookup(known[i].name), known[i].nr, "lookup(%s)",
		       known[i].name);
		is_int(arch_sc_nargs(known[i].nr), known[i].nargs,
		       "%s takes %d arguments", known[i].name, known[i].nargs);
	}
#if defined(__x86_64__)
	is_int(arch_sc_lookup("read"), 0, "read is 0");
	is_int(arch_sc_lookup("write"), 1, "write is 1");
	is_int(arch_sc_lookup("openat"), 257, "openat is 257");
	is_int(arch_sc_lookup("open"), SYS_open, "open is SYS_open");
#elif defined(__aarch64__)
	/* the asm-generic table: no open, no fork */
	is_int(arch_sc_lookup("read"), 63, "read is 63");
	is_int(arch_sc_lookup("write"), 64, "write is 64");
	is_int(arch_sc_lookup("openat"), 56, "openat is 56");
	is_int(arch_sc_lookup("open"), -1, "no open on aarch64");
	is_str(arch_sc_alternative("open"), "openat",
	       "open's alternative is openat");
#endif

	/* Round trip and sanity over the whole table. */
	for (nr = 0; nr < max; nr++) {
		const char *name = arch_sc_name(nr);

		if (!name) {
			bad += arch_sc_nargs(nr) != -1;
			continue;
		}
		named++;
		bad += arch_sc_lookup(name) != nr;
		bad += arch_sc_nargs(nr) < 0 || arch_sc_nargs(nr) > 6;
	}
	is_int(bad, 0, "every name looks up its number, every count is 0..6");
	ok(named > 300, "the table names %ld syscalls", named);
	ok(arch_sc_name(max - 1) != NULL, "arch_sc_max() - 1 is a syscall");
	ok(arch_sc_name(max) == NULL && arch_sc_name(-1) == NULL,
	   "no syscall at arch_sc_max() nor at -1");
	is_int(arch_sc_nargs(max), -1, "no argument count past the table");
	is_int(arch_sc_lookup("no_such_syscall"), -1, "unknown name: -1");
	is_int(arch_sc_lookup(""), -1, "empty name: -1");
}

/* ---- a traced child --------------------------------------------------- */

/* Forks a child that runs fn() after PTRACE_TRACEME and SIGSTOP; returns
   its pid once it is stopped, with EXITKILL and TRACESYSGOOD set. */
static pid_t
start_child(void (*fn)(int), int arg)
{
	int st;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (ptrace(PTRACE_TRACEME, 0, NULL, NULL) < 0)
			_exit(90);
		raise(SIGSTOP);
		fn(arg);
		_exit(0);
	}
	if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st) ||
	    WSTOPSIG(st) != SIGSTOP) {
		kill(pid, SIGKILL);
		return -1;
	}
	ptrace(PTRACE_SETOPTIONS, pid, NULL,
	       (void *)(long)(PTRACE_O_TRACESYSGOOD | PTRACE_O_EXITKILL));
	return pid;
}

/* Resumes pid with req until it stops in a syscall stop (SIGTRAP|0x80)
   or with a SIGTRAP. Returns the stop signal, or -1 when it is gone. */
static int
run_to_stop(pid_t pid, int req)
{
	int st, sig = 0;

	for (;;) {
		if (ptrace(req, pid, NULL, (void *)(long)sig) < 0)
			return -1;
		if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st))
			return -1;
		sig = WSTOPSIG(st);
		if (sig == (SIGTRAP | 0x80) || sig == SIGTRAP)
			return sig;
	}
}

/* The kernel's own account of a syscall stop (independent of arch/). */
static int
sc_info(pid_t pid, struct __ptrace_syscall_info *si)
{
	memset(si, 0, sizeof(*si));
	return ptrace(PTRACE_GET_SYSCALL_INFO, pid, (void *)sizeof(*si), si) >
			       0 ?
		       0 :
		       -1;
}

/* Resumes pid with PTRACE_SYSCALL until the entry stop of syscall nr. */
static int
run_to_entry(pid_t pid, long nr, struct arch_regs *r,
	     struct __ptrace_syscall_info *si)
{
	for (;;) {
		if (run_to_stop(pid, PTRACE_SYSCALL) != (SIGTRAP | 0x80) ||
		    sc_info(pid, si) < 0)
			return -1;
		if (si->op == PTRACE_SYSCALL_INFO_ENTRY &&
		    si->entry.nr == (uint64_t)nr)
			return arch_regs_get(pid, r);
	}
}

static int
finish(pid_t pid)
{
	int st;

	ptrace(PTRACE_DETACH, pid, NULL, NULL);
	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static const uint64_t sc_args[6] = { 0x1111, 0x2222, 0x3333,
				     0x4444, 0x5555, 0x6666 };

/* The child: getppid with six known (ignored) arguments, then a getpid
   that the tracer skips with a result of 4242, reported back by exit. */
static void
child_syscalls(int unused)
{
	long r;

	(void)unused;
	syscall(SYS_getppid, sc_args[0], sc_args[1], sc_args[2], sc_args[3],
		sc_args[4], sc_args[5]);
	r = syscall(SYS_getpid);
	_exit(r == 4242 ? 42 : 1);
}

/* Bytes of the child at addr (0 or -1). */
static int
peek(pid_t pid, uint64_t addr, void *buf, size_t len)
{
	struct iovec l = { buf, len };
	struct iovec rm = { (void *)(uintptr_t)addr, len };

	return process_vm_readv(pid, &l, 1, &rm, 1, 0) == (ssize_t)len ? 0 : -1;
}

/* The [stack] mapping of pid: [*lo, *hi). 0, or -1 when none is found. */
static int
stack_range(pid_t pid, uint64_t *lo, uint64_t *hi)
{
	char path[64], line[512];
	unsigned long l, h;
	int rc = -1;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/maps", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (rc < 0 && fgets(line, sizeof(line), f))
		if (strstr(line, "[stack]") &&
		    sscanf(line, "%lx-%lx", &l, &h) == 2) {
			*lo = l;
			*hi = h;
			rc = 0;
		}
	fclose(f);
	return rc;
}

/* Whether addr is in the [stack] mapping of pid. */
static int
in_stack(pid_t pid, uint64_t addr)
{
	uint64_t lo, hi;

	return stack_range(pid, &lo, &hi) == 0 && addr >= lo && addr < hi;
}

#if defined(__x86_64__)
static void
check_uregs(const struct arch_regs *r, const char *when)
{
	/* Oracle DTrace's regs.d numbers (see arch/x86_64/regs.c). */
	static const struct {
		int idx, alias;
	} pairs[] = {
		{ 10, 31 }, /* R_RAX, R_EAX */
		{ 5, 25 },  /* R_RBX, R_EBX */
		{ 11, 26 }, /* R_RCX, R_ECX */
		{ 12, 27 }, /* R_RDX, R_EDX */
		{ 13, 28 }, /* R_RSI, R_ESI */
		{ 14, 29 }, /* R_RDI, R_EDI */
		{ 4, 30 },  /* R_RBP, R_EBP */
		{ 16, 37 }, /* R_RIP, R_EIP */
		{ 18, 39 }, /* R_RFL, R_EFL */
		{ 19, 40 }, /* R_RSP, R_ESP */
	};
	uint64_t v, w;
	size_t i;
	int bad = 0;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		bad += arch_ureg(r, pairs[i].idx, &v) != 0 ||
		       arch_ureg(r, pairs[i].alias, &w) != 0 || v != w;
	is_int(bad, 0, "%s: the i386 names read the same registers", when);
	ok(arch_ureg(r, 16, &v) == 0 && v == arch_pc(r),
	   "%s: uregs[R_RIP] is the pc", when);
	ok(arch_ureg(r, 19, &v) == 0 && v == arch_sp(r),
	   "%s: uregs[R_RSP] is the sp", when);
	ok(arch_ureg(r, 4, &v) == 0 && v == arch_fp(r),
	   "%s: uregs[R_RBP] is the fp", when);
	ok(arch_ureg(r, 42, &v) == -EINVAL && arch_ureg(r, -1, &v) == -EINVAL,
	   "%s: uregs[42] and uregs[-1] are -EINVAL", when);
}
#elif defined(__aarch64__)
static void
check_uregs(const struct arch_regs *r, const char *when)
{
	/* Oracle DTrace's arm64 regs.d: R_X0..R_X30 0..30, R_SP 32, R_PC
	   33, R_PSTATE 34; R_FP = R_X29 */
	uint64_t v;

	ok(arch_ureg(r, 33, &v) == 0 && v == arch_pc(r),
	   "%s: uregs[R_PC] is the pc", when);
	ok(arch_ureg(r, 32, &v) == 0 && v == arch_sp(r),
	   "%s: uregs[R_SP] is the sp", when);
	ok(arch_ureg(r, 29, &v) == 0 && v == arch_fp(r),
	   "%s: uregs[R_FP] is the fp", when);
	ok(arch_ureg(r, 31, &v) == -EINVAL && arch_ureg(r, 35, &v) == -EINVAL &&
		   arch_ureg(r, -1, &v) == -EINVAL,
	   "%s: uregs[31], [35] and [-1] are -EINVAL", when);
}
#endif

static void
test_syscall_stops(void)
{
	struct __ptrace_syscall_info si;
	struct arch_regs r, r2;
	uint8_t insn[4];
	uint64_t v;
	unsigned i;
	int bad;
	pid_t pid = start_child(child_syscalls, 0);

	if (!ok(pid > 0, "a traced child"))
		return;
	if (!ok(run_to_entry(pid, SYS_getppid, &r, &si) == 0,
		"the child stops at getppid's entry")) {
		kill(pid, SIGKILL);
		finish(pid);
		return;
	}
	is_int(arch_sc_nr(&r), SYS_getppid, "entry: arch_sc_nr");
	for (bad = 0, i = 0; i < 6; i++)
		bad += arch_sc_arg(&r, i) != sc_args[i];
	is_int(bad, 0, "entry: the six arguments");
	for (bad = 0, i = 0; i < 6; i++)
		bad += arch_sc_arg(&r, i) != si.entry.args[i];
	is_int(bad, 0, "entry: the arguments PTRACE_GET_SYSCALL_INFO gives");
	is_int(arch_pc(&r), si.instruction_pointer,
	       "entry: the pc PTRACE_GET_SYSCALL_INFO gives");
	is_int(arch_sp(&r), si.stack_pointer,
	       "entry: the sp PTRACE_GET_SYSCALL_INFO gives");
#if defined(__x86_64__)
	ok(arch_ureg(&r, 15, &v) == 0 && v == SYS_getppid,
	   "entry: uregs[R_ERR] is orig_rax, the syscall number");
	/* R_RDI R_RSI R_RDX R_R10 R_R8 R_R9: the syscall argument registers */
	for (bad = 0, i = 0; i < 6; i++) {
		static const int idx[6] = { 14, 13, 12, 7, 9, 8 };

		bad += arch_ureg(&r, idx[i], &v) != 0 || v != sc_args[i];
	}
	is_int(bad, 0, "entry: uregs[R_RDI .. R_R9] are the arguments");
	ok(peek(pid, arch_pc(&r) - 2, insn, 2) == 0 && insn[0] == 0x0f &&
		   insn[1] == 0x05,
	   "entry: the pc follows a syscall instruction");
#elif defined(__aarch64__)
	ok(arch_ureg(&r, 8, &v) == 0 && v == SYS_getppid,
	   "entry: uregs[R_X8] is the syscall number");
	/* x0..x5: the syscall argument registers */
	for (bad = 0, i = 0; i < 6; i++)
		bad += arch_ureg(&r, (int)i, &v) != 0 || v != sc_args[i];
	is_int(bad, 0, "entry: uregs[R_X0 .. R_X5] are the arguments");
	/* the pc is past the svc (ELR of an svc is the next instruction) */
	ok(peek(pid, arch_pc(&r) - 4, insn, 4) == 0 && insn[0] == 0x01 &&
		   insn[1] == 0x00 && insn[2] == 0x00 && insn[3] == 0xd4,
	   "entry: the pc follows svc #0");
#endif
	ok(in_stack(pid, arch_sp(&r)), "entry: the sp is in [stack]");
	check_uregs(&r, "entry");

	/* Writing back what was read changes nothing. */
	ok(arch_regs_set(pid, &r) == 0 && arch_regs_get(pid, &r2) == 0 &&
		   memcmp(&r, &r2, sizeof(r)) == 0,
	   "arch_regs_set of unchanged registers round-trips");

	ok(run_to_stop(pid, PTRACE_SYSCALL) == (SIGTRAP | 0x80) &&
		   arch_regs_get(pid, &r) == 0,
	   "the child stops at getppid's exit");
	is_int(arch_sc_ret(&r), getpid(), "exit: arch_sc_ret is our pid");
	ok(sc_info(pid, &si) == 0 && si.op == PTRACE_SYSCALL_INFO_EXIT &&
		   si.exit.rval == arch_sc_ret(&r),
	   "exit: the result PTRACE_GET_SYSCALL_INFO gives");
#if defined(__x86_64__)
	ok(arch_ureg(&r, 10, &v) == 0 && v == (uint64_t)getpid(),
	   "exit: uregs[R_RAX] is the result");
#elif defined(__aarch64__)
	ok(arch_ureg(&r, 0, &v) == 0 && v == (uint64_t)getpid(),
	   "exit: uregs[R_X0] is the result");
#endif
	check_uregs(&r, "exit");

	/* Fault injection: getpid skipped, 4242 returned instead. */
	if (!ok(run_to_entry(pid, SYS_getpid, &r, &si) == 0,
		"the child stops at getpid's entry")) {
		kill(pid, SIGKILL);
		finish(pid);
		return;
	}
#if defined(__x86_64__)
	ok(arch_sc_set_nr(pid, &r, -1) == 0 && arch_regs_get(pid, &r2) == 0 &&
		   arch_sc_nr(&r2) == -1,
	   "arch_sc_set_nr(-1) at entry");
#elif defined(__aarch64__)
	{
		/* The number the kernel will run is not in NT_PRSTATUS (x8
		   keeps the thread's): ask NT_ARM_SYSTEM_CALL itself. */
		int kn = 0;
		struct iovec iov = { &kn, sizeof(kn) };

		ok(arch_sc_set_nr(pid, &r, -1) == 0 && arch_sc_nr(&r) == -1 &&
			   ptrace(PTRACE_GETREGSET, pid,
				  (void *)(uintptr_t)0x404 /* NT_ARM_SYSTEM_CALL */
				  ,
				  &iov) == 0 &&
			   kn == -1,
		   "arch_sc_set_nr(-1) at entry (NT_ARM_SYSTEM_CALL is -1)");
	}
#endif
	ok(run_to_stop(pid, PTRACE_SYSCALL) == (SIGTRAP | 0x80) &&
		   arch_regs_get(pid, &r) == 0,
	   "the skipped syscall still stops at exit");
#if defined(__x86_64__)
	/* (aarch64 leaves x0, the first argument, in place instead) */
	is_int(arch_sc_ret(&r), -ENOSYS, "a skipped syscall returns -ENOSYS");
#endif
	ok(arch_sc_set_ret(pid, &r, 4242) == 0 &&
		   arch_regs_get(pid, &r2) == 0 && arch_sc_ret(&r2) == 4242,
	   "arch_sc_set_ret(4242) at exit");
	is_int(finish(pid), 42, "the child saw getpid() return 4242");
}

/* ---- the call ABI ----------------------------------------------------- */

/* r with its stack pointer (the member at sp_off) set to sp. */
static struct arch_regs
with_sp(const struct arch_regs *r, size_t sp_off, uint64_t sp)
{
	struct arch_regs m = *r;

	memcpy((char *)&m + sp_off, &sp, sizeof(sp));
	return m;
}

/* arch_call_args() against what the child passed (101, 102, ... for
   arguments 0..n-1; the stack ones from number first, 8 bytes apart from
   stack0 = the stack pointer + skip), then with the stack pointer moved
   so that the block runs past the stack's end (the readable word still
   read, the rest 0) and onto page 0 (an error; the registers read). */
static void
check_call_args(pid_t pid, const struct arch_regs *r, size_t sp_off, unsigned n,
		unsigned first, uint64_t skip)
{
	struct arch_regs m;
	uint64_t all[10], lo, last, end = 0;
	unsigned i;
	int same;

	if (stack_range(pid, &lo, &end) < 0)
		end = 0;

	same = arch_call_args(pid, r, all, n) == 0;
	for (i = 0; i < n; i++)
		same &= all[i] == 101 + i;
	ok(same, "arch_call_args 0..%u at once: the values the child passed",
	   n - 1);
	if (!ok(end != 0, "the child's [stack] end"))
		return;
	/* the first stack argument in the stack's last word */
	m = with_sp(r, sp_off, end - 8 - skip);
	memset(all, 0xff, sizeof(all));
	/* (the stack's last word, read one by one, is what the block gives) */
	same = arch_call_args(pid, &m, all, n) == 0 && all[0] == 101 &&
	       arch_call_arg(pid, &m, first, &last) == 0 && all[first] == last;
	for (i = first + 1; i < n; i++)
		same &= all[i] == 0;
	ok(same, "arch_call_args: a block past the stack's end: its first "
		 "word read, the rest 0");
	m = with_sp(r, sp_off, 8);
	memset(all, 0xff, sizeof(all));
	same = arch_call_args(pid, &m, all, n) < 0 && all[0] == 101;
	for (i = first; i < n; i++)
		same &= all[i] == 0;
	ok(same, "arch_call_args: an unmapped stack: the registers read, "
		 "the stack arguments 0, an error");
}

#if defined(__x86_64__)
/*
 * t_callee(a0..a7): stops at its first instruction (int3), sets rax to
 * 1234 and stops again, then returns. The int3 leaves rsp as it is at
 * the function's entry, so the entry ABI holds at the first stop.
 */
__asm__(".text\n"
	".type t_callee, @function\n"
	"t_callee:\n"
	"\tint3\n"
	"\tmovq $1234, %rax\n"
	"\tint3\n"
	"\tret\n"
	".size t_callee, .-t_callee\n");
long t_callee(long, long, long, long, long, long, long, long);

static void
child_call(int unused)
{
	(void)unused;
	_exit(t_callee(101, 102, 103, 104, 105, 106, 107, 108) == 1234 ? 43 :
									 1);
}

static void
test_call_abi(void)
{
	struct arch_regs r;
	uint8_t call[5];
	uint64_t v, ret;
	int32_t rel;
	unsigned i;
	int bad = 0;
	pid_t pid = start_child(child_call, 0);

	if (!ok(pid > 0, "a traced child for the call ABI"))
		return;
	if (!ok(run_to_stop(pid, PTRACE_CONT) == SIGTRAP &&
			arch_regs_get(pid, &r) == 0,
		"the child stops at t_callee's int3")) {
		kill(pid, SIGKILL);
		finish(pid);
		return;
	}
	is_int(arch_pc(&r), (uint64_t)(uintptr_t)t_callee + 1,
	       "the pc is past the int3 at t_callee");
	for (i = 0; i < 8; i++)
		bad += arch_call_arg(pid, &r, i, &v) != 0 || v != 101 + i;
	is_int(bad, 0, "arch_call_arg 0..7: six registers, two stack words");
	check_call_args(pid, &r, offsetof(struct arch_regs, u.rsp), 8, 6, 8);
	ok(arch_ret_addr(pid, &r, &ret) == 0, "arch_ret_addr reads [rsp]");
	/* The caller's "call rel32" ends at the return address and names
	   t_callee. */
	ok(peek(pid, ret - 5, call, 5) == 0 && call[0] == 0xe8 &&
		   (memcpy(&rel, call + 1, 4),
		    ret + (int64_t)rel == (uint64_t)(uintptr_t)t_callee),
	   "the return address follows a call of t_callee");
	ok(arch_call_arg(pid, &r, 9, &v) == 0, "argument 9 reads the stack");

	ok(run_to_stop(pid, PTRACE_CONT) == SIGTRAP &&
		   arch_regs_get(pid, &r) == 0,
	   "the child stops before t_callee's ret");
	is_int(arch_call_ret(&r), 1234, "arch_call_ret is rax");
	is_int(finish(pid), 43, "the child saw t_callee return 1234");
}
#elif defined(__aarch64__)
/*
 * aarch64: t_callee(a0..a9) stops at its first instruction (brk #0,
 * whose pc stays on it: the tracer steps over it), sets x0 to 1234 and
 * stops again, then returns. Arguments 8 and 9 are at [sp], [sp + 8].
 */
__asm__(".text\n"
	".type t_callee, %function\n"
	"t_callee:\n"
	"\tbrk #0\n"
	"\tmov x0, #1234\n"
	"\tbrk #0\n"
	"\tret\n"
	".size t_callee, .-t_callee\n");
long t_callee(long, long, long, long, long, long, long, long, long, long);

static void
child_call(int unused)
{
	(void)unused;
	_exit(t_callee(101, 102, 103, 104, 105, 106, 107, 108, 109, 110) ==
			      1234 ?
		      43 :
		      1);
}

/* Past the brk the thread stopped on. */
static int
skip_brk(pid_t pid)
{
	struct arch_regs r;

	if (arch_regs_get(pid, &r) < 0)
		return -1;
	arch_pc_set(&r, arch_pc(&r) + 4);
	return arch_regs_set(pid, &r);
}

static void
test_call_abi(void)
{
	struct arch_regs r;
	uint8_t bl[4];
	uint32_t w;
	uint64_t v, ret;
	int64_t off;
	unsigned i;
	int bad = 0;
	pid_t pid = start_child(child_call, 0);

	if (!ok(pid > 0, "a traced child for the call ABI"))
		return;
	if (!ok(run_to_stop(pid, PTRACE_CONT) == SIGTRAP &&
			arch_regs_get(pid, &r) == 0,
		"the child stops at t_callee's brk")) {
		kill(pid, SIGKILL);
		finish(pid);
		return;
	}
	is_int(arch_pc(&r), (uint64_t)(uintptr_t)t_callee,
	       "the pc is on the brk at t_callee");
	for (i = 0; i < 10; i++)
		bad += arch_call_arg(pid, &r, i, &v) != 0 || v != 101 + i;
	is_int(bad, 0, "arch_call_arg 0..9: x0..x7, then [sp] and [sp + 8]");
	check_call_args(pid, &r, offsetof(struct arch_regs, u.sp), 10, 8, 0);
	ok(arch_ret_addr(pid, &r, &ret) == 0 && ret == r.u.regs[30],
	   "arch_ret_addr is x30");
	/* The caller's bl ends at the return address and names t_callee. */
	ok(peek(pid, ret - 4, bl, 4) == 0 &&
		   (w = (uint32_t)bl[0] | (uint32_t)bl[1] << 8 |
			(uint32_t)bl[2] << 16 | (uint32_t)bl[3] << 24,
		    (w & 0xfc000000u) == 0x94000000u) &&
		   (off = (int64_t)((uint64_t)(w & 0x3ffffffu) << 38) >> 36,
		    ret - 4 + (uint64_t)off == (uint64_t)(uintptr_t)t_callee),
	   "the return address follows a bl to t_callee");

	ok(skip_brk(pid) == 0 && run_to_stop(pid, PTRACE_CONT) == SIGTRAP &&
		   arch_regs_get(pid, &r) == 0 &&
		   arch_pc(&r) == (uint64_t)(uintptr_t)t_callee + 8,
	   "the child stops before t_callee's ret");
	is_int(arch_call_ret(&r), 1234, "arch_call_ret is x0");
	ok(skip_brk(pid) == 0, "step over the second brk");
	is_int(finish(pid), 43, "the child saw t_callee return 1234");
}
#endif

#endif /* ARCH_HAVE_REGS */

int
main(void)
{
	test_identity();
#ifdef ARCH_HAVE_REGS
	test_table();
	test_syscall_stops();
#if defined(__x86_64__) || defined(__aarch64__)
	test_call_abi();
#endif
#endif
	return done_testing();
}
