/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit test for arch_sdt_arg_parse() (arch/x86_64/sdt.c): every operand
 * form the assembler writes into a .note.stapsdt argument string, with
 * what AT&T syntax says it means; the operands of Debian's python3.11 and
 * libstdc++ (as `readelf -n` shows them) one by one; every operand of
 * those files read by readelf at run time when they are installed; text
 * that is no x86_64 operand, refused; and the operands gcc chose for a
 * program of ours (registers of every size, stack slots, globals, an
 * array element, constants), evaluated at each probe of the running
 * program (our child, traced, an int3 in place of each probe's nop) and
 * compared with the values the program printed. Linked against
 * libudt_arch.a only.
 */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

#include "arch/arch.h"
#include "tap.h"

/* x86_64 operands only: aarch64's are tested by t_a64 (on every host). */
#if !defined(ARCH_HAVE_SDT) || !defined(__x86_64__)
int
main(void)
{
#if defined(ARCH_HAVE_SDT)
	printf("1..0 # SKIP x86_64 encodings; aarch64's are in t_a64\n");
#else
	printf("1..0 # SKIP no USDT operands on this CPU\n");
#endif
	return 0;
}
#else

/* uregs[] indexes (arch/x86_64/regs.c, Oracle DTrace's regs.d R_*) */
enum {
	R15 = 0,
	R14,
	R13,
	R12,
	RBP,
	RBX,
	R11,
	R10,
	R9,
	R8,
	RAX,
	RCX,
	RDX,
	RSI,
	RDI,
	RSP = 19,
	N = -1,
};

struct want {
	const char *op;
	enum arch_sdt_kind kind;
	unsigned size;
	int is_signed;
	int base, index;
	unsigned scale, shift;
	int64_t disp;
	const char *sym; /* NULL: none */
};

#define REG(op, sz, sg, r, sh)                                                 \
	{                                                                      \
		op, ARCH_SDT_REG, sz, sg, r, N, 1, sh, 0, NULL                 \
	}
#define MEM(op, sz, sg, b, i, sc, d, s)                                        \
	{                                                                      \
		op, ARCH_SDT_MEM, sz, sg, b, i, sc, 0, d, s                    \
	}
#define IMM(op, sz, sg, v)                                                     \
	{                                                                      \
		op, ARCH_SDT_IMM, sz, sg, N, N, 1, 0, v, NULL                  \
	}

/* clang-format off */
static const struct want forms[] = {
	/* every general register under every name */
	REG("8@%rax", 8, 0, RAX, 0), REG("-4@%eax", 4, 1, RAX, 0),
	REG("2@%ax", 2, 0, RAX, 0), REG("1@%al", 1, 0, RAX, 0),
	REG("-1@%ah", 1, 1, RAX, 8),
	REG("8@%rbx", 8, 0, RBX, 0), REG("4@%ebx", 4, 0, RBX, 0),
	REG("2@%bx", 2, 0, RBX, 0), REG("1@%bl", 1, 0, RBX, 0),
	REG("1@%bh", 1, 0, RBX, 8),
	REG("8@%rcx", 8, 0, RCX, 0), REG("4@%ecx", 4, 0, RCX, 0),
	REG("2@%cx", 2, 0, RCX, 0), REG("1@%cl", 1, 0, RCX, 0),
	REG("1@%ch", 1, 0, RCX, 8),
	REG("8@%rdx", 8, 0, RDX, 0), REG("4@%edx", 4, 0, RDX, 0),
	REG("-2@%dx", 2, 1, RDX, 0), REG("1@%dl", 1, 0, RDX, 0),
	REG("1@%dh", 1, 0, RDX, 8),
	REG("8@%rsi", 8, 0, RSI, 0), REG("4@%esi", 4, 0, RSI, 0),
	REG("2@%si", 2, 0, RSI, 0), REG("-1@%sil", 1, 1, RSI, 0),
	REG("8@%rdi", 8, 0, RDI, 0), REG("4@%edi", 4, 0, RDI, 0),
	REG("2@%di", 2, 0, RDI, 0), REG("1@%dil", 1, 0, RDI, 0),
	REG("8@%rbp", 8, 0, RBP, 0), REG("-4@%ebp", 4, 1, RBP, 0),
	REG("2@%bp", 2, 0, RBP, 0), REG("1@%bpl", 1, 0, RBP, 0),
	REG("8@%rsp", 8, 0, RSP, 0), REG("4@%esp", 4, 0, RSP, 0),
	REG("2@%sp", 2, 0, RSP, 0), REG("1@%spl", 1, 0, RSP, 0),
	REG("8@%r8", 8, 0, R8, 0), REG("-4@%r8d", 4, 1, R8, 0),
	REG("2@%r8w", 2, 0, R8, 0), REG("1@%r8b", 1, 0, R8, 0),
	REG("8@%r9", 8, 0, R9, 0), REG("4@%r9d", 4, 0, R9, 0),
	REG("2@%r9w", 2, 0, R9, 0), REG("1@%r9b", 1, 0, R9, 0),
	REG("8@%r10", 8, 0, R10, 0), REG("4@%r10d", 4, 0, R10, 0),
	REG("2@%r10w", 2, 0, R10, 0), REG("1@%r10b", 1, 0, R10, 0),
	REG("8@%r11", 8, 0, R11, 0), REG("4@%r11d", 4, 0, R11, 0),
	REG("2@%r11w", 2, 0, R11, 0), REG("1@%r11b", 1, 0, R11, 0),
	REG("-8@%r12", 8, 1, R12, 0), REG("4@%r12d", 4, 0, R12, 0),
	REG("2@%r12w", 2, 0, R12, 0), REG("1@%r12b", 1, 0, R12, 0),
	REG("8@%r13", 8, 0, R13, 0), REG("4@%r13d", 4, 0, R13, 0),
	REG("2@%r13w", 2, 0, R13, 0), REG("1@%r13b", 1, 0, R13, 0),
	REG("8@%r14", 8, 0, R14, 0), REG("4@%r14d", 4, 0, R14, 0),
	REG("2@%r14w", 2, 0, R14, 0), REG("1@%r14l", 1, 0, R14, 0),
	REG("8@%r15", 8, 0, R15, 0), REG("4@%r15d", 4, 0, R15, 0),
	REG("2@%r15w", 2, 0, R15, 0), REG("1@%r15b", 1, 0, R15, 0),
	/* a size above the register's width reads the register only */
	REG("8@%ax", 2, 0, RAX, 0), REG("-8@%r9d", 4, 1, R9, 0),
	/* memory */
	MEM("8@-16(%rbp)", 8, 0, RBP, N, 1, -16, NULL),
	MEM("-4@112(%rsp)", 4, 1, RSP, N, 1, 112, NULL),
	MEM("8@(%rax)", 8, 0, RAX, N, 1, 0, NULL),
	MEM("4@0x10(%r12)", 4, 0, R12, N, 1, 16, NULL),
	MEM("4@-0x10(%r12)", 4, 0, R12, N, 1, -16, NULL),
	MEM("8@(%rax,%rdx,8)", 8, 0, RAX, RDX, 8, 0, NULL),
	MEM("-2@24(%rbx,%r13,2)", 2, 1, RBX, R13, 2, 24, NULL),
	MEM("1@(%rsi,%rdi)", 1, 0, RSI, RDI, 1, 0, NULL),
	MEM("4@-8(,%rcx,4)", 4, 0, N, RCX, 4, -8, NULL),
	MEM("8@(%rsp,%r15,1)", 8, 0, RSP, R15, 1, 0, NULL),
	MEM("8@4096", 8, 0, N, N, 1, 4096, NULL),
	/* symbols: pc-relative, absolute, indexed */
	MEM("4@counter(%rip)", 4, 0, N, N, 1, 0, "counter"),
	MEM("8@tab+8(%rip)", 8, 0, N, N, 1, 8, "tab"),
	MEM("-4@tab-4(%rip)", 4, 1, N, N, 1, -4, "tab"),
	MEM("2@_ZL3buf.0+0x20(%rip)", 2, 0, N, N, 1, 32, "_ZL3buf.0"),
	MEM("-1@1+sbuf(%rip)", 1, 1, N, N, 1, 1, "sbuf"),
	MEM("8@tab(,%rax,8)", 8, 0, N, RAX, 8, 0, "tab"),
	MEM("4@tab+4(%rbx)", 4, 0, RBX, N, 1, 4, "tab"),
	MEM("8@glob", 8, 0, N, N, 1, 0, "glob"),
	/* immediates */
	IMM("4@$5", 4, 0, 5), IMM("-4@$-1", 4, 1, -1), IMM("8@$0", 8, 0, 0),
	IMM("-8@$-9223372036854775808", 8, 1, INT64_MIN),
	IMM("8@$0xffffffffffffffff", 8, 0, -1), IMM("1@$0x7f", 1, 0, 127),
	IMM("2@$+3", 2, 0, 3),
	/* sdt.h prints constants signed: uint8_t 200 is "1@$-56", and the
	   caller's zero-extension of the low byte gives 200 back */
	IMM("1@$-56", 1, 0, -56), IMM("4@$-1", 4, 0, -1),
	/* Debian's python3.11 (readelf -n /usr/bin/python3.11) */
	REG("8@%rbx", 8, 0, RBX, 0), REG("8@%r15", 8, 0, R15, 0),
	REG("-8@%r12", 8, 1, R12, 0),
	MEM("-4@112(%rsp)", 4, 1, RSP, N, 1, 112, NULL),
	REG("8@%r14", 8, 0, R14, 0), REG("8@%rax", 8, 0, RAX, 0),
	REG("-4@%ebp", 4, 1, RBP, 0), REG("-4@%edx", 4, 1, RDX, 0),
	REG("8@%rbp", 8, 0, RBP, 0), REG("-4@%eax", 4, 1, RAX, 0),
	/* Debian's libstdc++.so.6 */
	REG("8@%rdx", 8, 0, RDX, 0),
	MEM("8@-80(%rbx)", 8, 0, RBX, N, 1, -80, NULL),
	REG("8@%rdi", 8, 0, RDI, 0), REG("8@%rsi", 8, 0, RSI, 0),
};

/* No x86_64 operand: refused. */
static const char *const bad[] = {
	"", "@", "8", "8@", "%rax", "3@%rax", "16@%rax", "0@%rax", "-@%rax",
	"8@%", "8@%xax", "8@%r7", "8@%r16", "8@%r08", "8@%r8x", "8@%r8dd",
	"8@%rip", "8@%eip", "4@%xmm0", "8@[sp, 16]", "8@[x0]",
	"8@(%rax", "8@()", "8@(,)", "8@(%rax,)", "8@(%rax,%rdx,3)",
	"8@(%rax,%rdx,16)", "8@(%rax,%rsp,2)", "8@(%eax)", "8@(%rax,%edx,2)",
	"8@(%rax,%rip)", "8@(%rip)", "8@16(%rip)", "8@(%rip,%rax,1)",
	"8@$", "8@$x", "8@$sym", "8@$0x", "8@$18446744073709551616",
	"8@-16(%rbp) ", "8@%rax,", "8@%rax%rbx", "8@+-1(%rax)",
	"8@sym+(%rip)", "8@sym*2(%rip)", "8@99999999999999999999(%rax)",
	"8@0x(%rax)", "8@%al)", "x@%rax", "8x@%rax",
};
/* clang-format on */

static int
same(const struct arch_sdt_arg *a, const struct want *w)
{
	size_t sl = w->sym ? strlen(w->sym) : 0;

	return a->kind == w->kind && a->size == w->size &&
	       !!a->is_signed == w->is_signed && a->base == w->base &&
	       a->index == w->index && a->scale == w->scale &&
	       a->shift == w->shift && a->disp == w->disp && a->symlen == sl &&
	       (sl == 0 ? a->sym == NULL :
			  (a->sym && !memcmp(a->sym, w->sym, sl)));
}

static void
test_forms(void)
{
	for (size_t i = 0; i < sizeof(forms) / sizeof(forms[0]); i++) {
		const struct want *w = &forms[i];
		struct arch_sdt_arg a;
		int rc = arch_sdt_arg_parse(w->op, strlen(w->op), &a);

		if (!ok(rc == 0 && same(&a, w), "%s", w->op))
			diag("rc %d kind %d size %u signed %d base %d index %d "
			     "scale %u shift %u disp %lld symlen %zu",
			     rc, a.kind, a.size, a.is_signed, a.base, a.index,
			     a.scale, a.shift, (long long)a.disp, a.symlen);
	}
}

static void
test_bad(void)
{
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct arch_sdt_arg a;

		is_int(arch_sdt_arg_parse(bad[i], strlen(bad[i]), &a), -EINVAL,
		       "refused: \"%s\"", bad[i]);
	}
}

/* The operand is one word of a longer string: only len bytes count. */
static void
test_len(void)
{
	const char *s = "-4@%eax 8@-16(%rbp)";
	struct arch_sdt_arg a;

	ok(arch_sdt_arg_parse(s, 7, &a) == 0 && a.kind == ARCH_SDT_REG &&
		   a.base == RAX && a.size == 4 && a.is_signed,
	   "first word of \"%s\"", s);
	ok(arch_sdt_arg_parse(s + 8, strlen(s + 8), &a) == 0 &&
		   a.kind == ARCH_SDT_MEM && a.base == RBP && a.disp == -16,
	   "second word of \"%s\"", s);
	is_int(arch_sdt_arg_parse(s, 4, &a), -EINVAL, "a cut word is refused");
	is_int(arch_sdt_arg_parse(NULL, 0, &a), -EINVAL, "NULL is refused");
}

/*
 * Every operand of every stapsdt note of path, as binutils' readelf
 * prints them, must parse. The count of operands, or -1 when the file or
 * readelf is missing.
 */
static int
readelf_operands(const char *path, int *bad_n)
{
	char cmd[512], line[4096];
	FILE *f;
	int n = 0;

	snprintf(cmd, sizeof(cmd), "readelf -n '%s' 2>/dev/null", path);
	f = popen(cmd, "r");
	if (f == NULL)
		return -1;
	*bad_n = 0;
	while (fgets(line, sizeof(line), f)) {
		char *p = strstr(line, "Arguments:"), *w;

		if (p == NULL)
			continue;
		p += strlen("Arguments:");
		while ((w = strtok(p, " \t\n")) != NULL) {
			struct arch_sdt_arg a;

			p = NULL;
			n++;
			if (arch_sdt_arg_parse(w, strlen(w), &a) < 0) {
				diag("%s: \"%s\" refused", path, w);
				++*bad_n;
			}
		}
	}
	if (pclose(f) != 0 && n == 0)
		return -1;
	return n;
}

static void
test_readelf(const char *path, int at_least)
{
	int bad_n = 0, n = readelf_operands(path, &bad_n);

	if (n < at_least) {
		/* not installed here: the table above has its operands */
		ok(1, "# SKIP %s: no readelf or no notes (%d operands)", path,
		   n);
		return;
	}
	ok(bad_n == 0, "%s: all %d operands of its notes parse", path, n);
}

/* ---- Live: gcc's operands on a running program ---------------------- */

/* clang-format off */
static const char live_src[] =
	"#include <sys/sdt.h>\n"
	"#include <stdint.h>\n"
	"#include <stdio.h>\n"
	"long g_long = -123456789012L;\n"
	"int8_t g_s8 = -5;\n"
	"volatile uint16_t g_arr[4] = { 11, 22, 33, 44 };\n"
	"#define U(x) (unsigned long long)(x)\n"
	"#define S(x) (unsigned long long)(long long)(x)\n"
	"__attribute__((noinline)) void\n"
	"regs(long a, int b, short c, signed char d, unsigned char e,\n"
	"     unsigned long long f)\n"
	"{\n"
	"	printf(\"regs %llx %llx %llx %llx %llx %llx\\n\", S(a), S(b),\n"
	"	       S(c), S(d), U(e), U(f));\n"
	"	fflush(stdout);\n"
	"	STAP_PROBE6(t, regs, a, b, c, d, e, f);\n"
	"}\n"
	"int\n"
	"main(int argc, char **argv)\n"
	"{\n"
	"	volatile int local = -77;\n"
	"	volatile unsigned short ls = 65000;\n"
	"	int i = argc + 1;\n"
	"	(void)argv;\n"
	"	regs(-1234567890123L, -42, -300, -7, 200,\n"
	"	     0xfedcba9876543210ULL);\n"
	"	printf(\"mem %llx %llx %llx %llx %llx\\n\", S(local), U(ls),\n"
	"	       S(g_long), S(g_s8), U(g_arr[i]));\n"
	"	fflush(stdout);\n"
	"	STAP_PROBE5(t, mem, local, ls, g_long, g_s8, g_arr[i]);\n"
	"	printf(\"imm %llx %llx %llx %llx\\n\", U((uint8_t)200), S(-5),\n"
	"	       U(0xffffffffu), S(-9000000000LL));\n"
	"	fflush(stdout);\n"
	"	STAP_PROBE4(t, imm, (uint8_t)200, -5, 0xffffffffu,\n"
	"		    -9000000000LL);\n"
	"	return 0;\n"
	"}\n";
/* clang-format on */

struct live_probe {
	char name[32];
	uint64_t pc;
	char args[512];
};

static char live_dir[] = "/tmp/t_sdt.XXXXXX";

/* The stapsdt notes of a -no-pie file (absolute pcs), from readelf. */
static int
live_notes(const char *path, struct live_probe *p, int max)
{
	char cmd[700], line[1024];
	int n = -1;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "readelf -n '%s'", path);
	f = popen(cmd, "r");
	if (f == NULL)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		char *s = line + strspn(line, " ");
		unsigned long long pc;

		s[strcspn(s, "\n")] = '\0';
		if (!strncmp(s, "Name: ", 6) && n + 1 < max)
			snprintf(p[++n].name, sizeof(p[0].name), "%s", s + 6);
		else if (n >= 0 && sscanf(s, "Location: %llx", &pc) == 1)
			p[n].pc = pc;
		else if (n >= 0 && !strncmp(s, "Arguments: ", 11))
			snprintf(p[n].args, sizeof(p[0].args), "%s", s + 11);
	}
	pclose(f);
	return n + 1;
}

/* A symbol's value in path (nm), 0 when absent. */
static uint64_t
live_sym(const char *path, const char *name, size_t len)
{
	char cmd[700], line[512], sym[256];
	unsigned long long v, found = 0;
	FILE *f;

	snprintf(cmd, sizeof(cmd), "nm '%s'", path);
	f = popen(cmd, "r");
	if (f == NULL)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%llx %*c %255s", &v, sym) == 2 &&
		    strlen(sym) == len && !memcmp(sym, name, len))
			found = v;
	pclose(f);
	return found;
}

/* What a USDT consumer makes of one operand in the stopped child. */
static int
live_eval(pid_t pid, const char *path, const struct arch_regs *r,
	  const struct arch_sdt_arg *a, uint64_t *out)
{
	uint64_t v = 0, x, addr;

	if (a->kind == ARCH_SDT_IMM) {
		v = (uint64_t)a->disp;
	} else if (a->kind == ARCH_SDT_REG) {
		if (arch_ureg(r, a->base, &v) < 0)
			return -1;
		v >>= a->shift;
	} else {
		addr = (uint64_t)a->disp;
		if (a->base >= 0 && arch_ureg(r, a->base, &x) == 0)
			addr += x;
		if (a->index >= 0 && arch_ureg(r, a->index, &x) == 0)
			addr += x * a->scale;
		if (a->symlen)
			addr += live_sym(path, a->sym, a->symlen);
		errno = 0;
		v = (uint64_t)ptrace(PTRACE_PEEKDATA, pid, (void *)addr, NULL);
		if (errno)
			return -1;
	}
	if (a->size < 8) {
		uint64_t m = (1ULL << (8 * a->size)) - 1;

		v &= m;
		if (a->is_signed && (v >> (8 * a->size - 1)))
			v |= ~m;
	}
	*out = v;
	return 0;
}

/* The child's line for probe name: its printed values. */
static int
live_expect(FILE *out, const char *name, uint64_t *want, int max)
{
	char line[512], *s, *end;
	int n = 0;

	if (!fgets(line, sizeof(line), out) ||
	    strncmp(line, name, strlen(name)) != 0)
		return -1;
	s = line + strlen(name);
	while (n < max) {
		unsigned long long v = strtoull(s, &end, 16);

		if (end == s)
			break;
		want[n++] = v;
		s = end;
	}
	return n;
}

/* Checks every argument of probe p, stopped at its int3. */
static void
live_check(pid_t pid, const char *path, const struct live_probe *p, FILE *out)
{
	struct arch_regs r;
	uint64_t want[12];
	int nwant = live_expect(out, p->name, want, 12), i = 0, bad = 0;
	char args[512], *w, *save = NULL;

	if (arch_regs_get(pid, &r) < 0 || nwant <= 0) {
		ok(0, "live %s: registers and the program's values", p->name);
		return;
	}
	snprintf(args, sizeof(args), "%s", p->args);
	for (w = strtok_r(args, " ", &save); w;
	     w = strtok_r(NULL, " ", &save), i++) {
		struct arch_sdt_arg a;
		uint64_t v = 0;

		if (arch_sdt_arg_parse(w, strlen(w), &a) < 0 ||
		    live_eval(pid, path, &r, &a, &v) < 0 || i >= nwant ||
		    v != want[i]) {
			diag("%s arg%d \"%s\": got %llx, want %llx", p->name, i,
			     w, (unsigned long long)v,
			     i < nwant ? (unsigned long long)want[i] : 0ULL);
			bad++;
		}
	}
	ok(bad == 0 && i == nwant, "live %s: %d arguments \"%s\"", p->name, i,
	   p->args);
}

static void
live_run(const char *path, struct live_probe *p, int n)
{
	int fds[2], st, hits = 0;
	pid_t pid;
	FILE *out;

	if (pipe(fds) < 0)
		return;
	pid = fork();
	if (pid == 0) {
		dup2(fds[1], 1);
		close(fds[0]);
		ptrace(PTRACE_TRACEME, 0, NULL, NULL);
		execl(path, path, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	out = fdopen(fds[0], "r");
	if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st)) {
		ok(0, "live: the child stopped at its exec");
		return;
	}
	/* The probe site's nop becomes an int3: the same one byte. */
	for (int i = 0; i < n; i++) {
		errno = 0;
		long word = ptrace(PTRACE_PEEKTEXT, pid, (void *)p[i].pc, NULL);

		if (errno || (word & 0xff) != 0x90) {
			ok(0, "live %s: a nop at %#llx", p[i].name,
			   (unsigned long long)p[i].pc);
			kill(pid, SIGKILL);
			waitpid(pid, &st, 0);
			fclose(out);
			return;
		}
		word = (word & ~0xffL) | 0xcc;
		ptrace(PTRACE_POKETEXT, pid, (void *)p[i].pc, (void *)word);
	}
	for (;;) {
		struct arch_regs r;

		ptrace(PTRACE_CONT, pid, NULL, NULL);
		if (waitpid(pid, &st, 0) != pid || !WIFSTOPPED(st))
			break;
		if (WSTOPSIG(st) != SIGTRAP || arch_regs_get(pid, &r) < 0)
			break;
		for (int i = 0; i < n; i++)
			if (p[i].pc == arch_pc(&r) - 1) {
				live_check(pid, path, &p[i], out);
				hits++;
			}
	}
	is_int(hits, n, "live: each probe hit once");
	ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "live: the program ran to "
						  "its end");
	if (!WIFEXITED(st) && !WIFSIGNALED(st)) {
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
	}
	fclose(out);
}

static void
test_live(void)
{
	char path[600], cmd[1400];
	const char *cc = getenv("CC");
	struct live_probe p[8];
	FILE *f;
	int n;

	if (access("/usr/include/sys/sdt.h", R_OK) != 0 &&
	    access("/usr/include/x86_64-linux-gnu/sys/sdt.h", R_OK) != 0) {
		ok(1, "# SKIP live: no <sys/sdt.h> (systemtap-sdt-dev)");
		return;
	}
	if (!mkdtemp(live_dir)) {
		ok(0, "mkdtemp");
		return;
	}
	snprintf(path, sizeof(path), "%s/live.c", live_dir);
	f = fopen(path, "w");
	if (f) {
		fputs(live_src, f);
		fclose(f);
	}
	snprintf(cmd, sizeof(cmd),
		 "cd %s && %s -O2 -fno-pie -no-pie -o live live.c", live_dir,
		 cc && *cc ? cc : "cc");
	if (ok(system(cmd) == 0, "live: built with -O2")) {
		snprintf(path, sizeof(path), "%s/live", live_dir);
		n = live_notes(path, p, 8);
		if (ok(n == 3, "live: 3 probes (readelf -n)"))
			live_run(path, p, n);
	}
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", live_dir);
	if (system(cmd) != 0)
		diag("could not remove %s", live_dir);
}

int
main(void)
{
	test_forms();
	test_bad();
	test_len();
	/* python3.11 has 16 operands in 8 notes, libstdc++ 6 in 3 */
	test_readelf("/usr/bin/python3.11", 16);
	test_readelf("/usr/lib/x86_64-linux-gnu/libstdc++.so.6", 6);
	test_live();
	return done_testing();
}
#endif
