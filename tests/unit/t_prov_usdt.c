/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit test for the usdt provider (src/providers/prov_usdt.c). The test
 * writes a program with <sys/sdt.h> probes to a temporary directory and
 * builds it with $CC: register, memory (the frame's, at -O0, and a
 * variable's by symbol), immediate and string operands, signed 1, 2 and
 * 4 byte values, a probe written twice in one function, one inlined in two
 * functions, a probe with a semaphore, and probes in a linked library and
 * in one the program dlopens. First the program runs untraced and stops
 * itself: probes are made through prov_usdt.provide() with a fake host,
 * and their names and matching checked. Then it runs traced (tgt_spawn(),
 * the test playing the session's part): every probe must fire exactly as
 * often as the program calls it, with the values it passes; the
 * semaphore is 1 while the probe is enabled (the program passes its
 * value) and 0 once it is disabled; a forked child fires nothing and its
 * semaphore is 0.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "providers/prov.h"
#include "tap.h"

/* ---- The fixtures ------------------------------------------------------- */

/* libut.so.1, linked: provider utx. */
static const char lib_src[] =
	"#include <sys/sdt.h>\n"
	"int ut_lib_add(int a, int b)\n"
	"{ DTRACE_PROBE2(utx, lib__add, a, b); return a + b; }\n";

/* libut2.so, dlopen'd, closed and opened again: its probe has a
   semaphore, which it passes. */
static const char lib2_src[] =
	"#define _SDT_HAS_SEMAPHORES 1\n"
	"#include <sys/sdt.h>\n"
	"__extension__ unsigned short utx_dl__probe_semaphore\n"
	"	__attribute__((unused)) __attribute__((section(\".probes\")));\n"
	"int ut_dl_func(int x)\n"
	"{\n"
	"	if (utx_dl__probe_semaphore)\n"
	"		DTRACE_PROBE2(utx, dl__probe, x, utx_dl__probe_semaphore);\n"
	"	return x;\n"
	"}\n";

/*
 * aarch64: GCC's section anchors (on at -O2) make a global's operand
 * "[x6, #:lo12:.LANCHOR0]", an assembler-local label that no symbol table
 * has, which udtrace refuses (t_a64 checks that); without them the
 * operand names the variable, "[x6, #:lo12:ut_global]", which it reads.
 */
#if defined(__aarch64__)
#define PROG_CFLAGS "-fno-section-anchors"
#else
#define PROG_CFLAGS ""
#endif

/* At -O0: every operand in the frame ("-4@-4(%rbp)"). */
static const char o0_src[] = "#include <sys/sdt.h>\n"
			     "void ut_stack(int n)\n"
			     "{\n"
			     "	int a = n * 3;\n"
			     "	long b = -n;\n"
			     "	short c = (short)(n + 1);\n"
			     "	STAP_PROBE3(ut, stack, a, b, c);\n"
			     "}\n";

/* A probe with a semaphore, which it passes as its second argument. */
static const char sem_src[] =
	"#define _SDT_HAS_SEMAPHORES 1\n"
	"#include <sys/sdt.h>\n"
	"__extension__ unsigned short ut_withsem_semaphore\n"
	"	__attribute__((unused)) __attribute__((section(\".probes\")));\n"
	"unsigned ut_sem_value(void)\n"
	"{ return *(volatile unsigned short *)&ut_withsem_semaphore; }\n"
	"__attribute__((noinline)) void ut_sem_fire(long i)\n"
	"{\n"
	"	if (__builtin_expect(ut_withsem_semaphore, 0))\n"
	"		STAP_PROBE2(ut, withsem, i, ut_withsem_semaphore);\n"
	"}\n";

static const char prog_src[] =
	"#include <dlfcn.h>\n"
	"#include <signal.h>\n"
	"#include <stdio.h>\n"
	"#include <unistd.h>\n"
	"#include <sys/wait.h>\n"
	"#include <sys/sdt.h>\n"
	"int ut_lib_add(int, int);\n"
	"void ut_stack(int);\n"
	"void ut_sem_fire(long);\n"
	"unsigned ut_sem_value(void);\n"
	"int ut_global;\n"
	"__attribute__((noinline)) void ut_shapes(long r, signed char c,\n"
	"	short s, int i, unsigned char u, const char *str)\n"
	"{ STAP_PROBE8(ut, arg__shapes, r, c, s, i, u, str, 42, ut_global); }\n"
	"__attribute__((noinline)) void ut_twice(int k)\n"
	"{\n"
	"	STAP_PROBE1(ut, twice, k);\n"
	"	if (k & 1)\n"
	"		STAP_PROBE1(ut, twice, k + 100);\n"
	"}\n"
	"static inline __attribute__((always_inline)) void inl(int v)\n"
	"{ STAP_PROBE1(ut, inl, v); }\n"
	"__attribute__((noinline)) void ut_fa(int v) { inl(v); }\n"
	"__attribute__((noinline)) void ut_fb(int v) { inl(v * 10); }\n"
	/* a C++ function's name: ut_cxx(int) */
	"void ut_cxx(int) __asm__(\"_Z6ut_cxxi\");\n"
	"__attribute__((noinline)) void ut_cxx(int v)\n"
	"{ STAP_PROBE1(ut, cxx, v); }\n"
	"static const char *const strs[] = { \"str0\", \"str1\", \"str2\" };\n"
	"static __attribute__((noinline)) int run(const char *lib2)\n"
	"{\n"
	"	int (*f)(int);\n"
	"	void *h;\n"
	"	int st;\n"
	"	pid_t c;\n"
	"	for (int i = 0; i < 3; i++) {\n"
	"		ut_global = 7 + i;\n"
	"		ut_shapes(i * 1000L - 1, (signed char)(-i - 1),\n"
	"			  (short)(-300 * i - 1), -70000 * i - 1,\n"
	"			  (unsigned char)(200 + i), strs[i]);\n"
	"	}\n"
	"	for (int k = 0; k < 4; k++) ut_twice(k);\n"
	"	ut_fa(1); ut_fb(2); ut_fb(3);\n"
	"	ut_cxx(4);\n"
	"	for (int n = 0; n < 3; n++) ut_stack(n);\n"
	"	for (int i = 0; i < 4; i++) ut_sem_fire(i);\n"
	"	for (int i = 0; i < 3; i++) ut_lib_add(i, 2 * i);\n"
	"	h = dlopen(lib2, RTLD_NOW);\n"
	"	f = h ? (int (*)(int))dlsym(h, \"ut_dl_func\") : 0;\n"
	"	if (!f) return 2;\n"
	"	f(5);\n"
	"	if (dlclose(h)) return 4;\n"
	"	h = dlopen(lib2, RTLD_NOW);\n"
	"	f = h ? (int (*)(int))dlsym(h, \"ut_dl_func\") : 0;\n"
	"	if (!f) return 5;\n"
	"	f(6);\n"
	"	c = fork();\n"
	"	if (c == 0) {\n"
	"		ut_twice(1);\n"
	"		ut_sem_fire(99);\n"
	"		_exit((int)ut_sem_value());\n"
	"	}\n"
	"	if (c < 0 || waitpid(c, &st, 0) != c || !WIFEXITED(st))\n"
	"		return 3;\n"
	"	STAP_PROBE1(ut, child__sem, WEXITSTATUS(st));\n"
	"	ut_sem_fire(10);\n"
	"	STAP_PROBE(ut, phase);\n"
	"	ut_sem_fire(20);\n"
	"	STAP_PROBE1(ut, sem__after, ut_sem_value());\n"
	"	return 0;\n"
	"}\n"
	"int main(int argc, char **argv)\n"
	"{\n"
	"	if (argc > 2) return run(argv[2]);\n"
	"	printf(\"end\\n\");\n"
	"	fflush(stdout);\n"
	"	raise(SIGSTOP);\n"
	"	return 0;\n"
	"}\n";

/* The probes of provider ut in the program (arg-shapes, twice, inl in
   ut_fa and in ut_fb, cxx, stack, withsem, child-sem, phase,
   sem-after). */
#define PROG_NPROBES 10

/* Runs itself again twice (exec): its probes fire in every image. */
static const char exec_src[] =
	"#include <stdlib.h>\n"
	"#include <unistd.h>\n"
	"#include <sys/sdt.h>\n"
	"int main(int argc, char **argv)\n"
	"{\n"
	"	int gen = argc > 1 ? atoi(argv[1]) : 0;\n"
	"	char b[2] = { (char)('1' + gen), 0 };\n"
	"	for (int i = 0; i < 3; i++) DTRACE_PROBE2(utexec, tick, gen, i);\n"
	"	if (gen < 2) {\n"
	"		execl(\"/proc/self/exe\", argv[0], b, (char *)0);\n"
	"		return 9;\n"
	"	}\n"
	"	return 0;\n"
	"}\n";

static char dir[] = "/tmp/t_prov_usdt.XXXXXX";

static int
write_file(const char *name, const char *text)
{
	char path[512];
	FILE *f;
	int ok;

	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "w");
	if (!f)
		return -1;
	ok = fputs(text, f) >= 0;
	return fclose(f) == 0 && ok ? 0 : -1;
}

static const char *
cc(void)
{
	const char *c = getenv("CC");

	return c && *c ? c : "cc";
}

static int
build_fixtures(void)
{
	char cmd[4096];
	int st;

	if (write_file("lib.c", lib_src) || write_file("lib2.c", lib2_src) ||
	    write_file("o0.c", o0_src) || write_file("sem.c", sem_src) ||
	    write_file("prog.c", prog_src) || write_file("exec.c", exec_src))
		return -1;
	snprintf(cmd, sizeof cmd,
		 "cd %s && %s -O2 -fPIC -shared -Wl,-soname,libut.so.1 "
		 "-o libut.so.1 lib.c && "
		 "%s -O2 -fPIC -shared -o libut2.so lib2.c && "
		 "%s -O0 -fPIE -c o0.c && %s -O2 -fPIE -c sem.c && "
		 "%s -O2 -fPIE -pie %s -o usdt_prog prog.c o0.o sem.o "
		 "./libut.so.1 -Wl,-rpath,%s -ldl && "
		 "readelf -n usdt_prog > notes.txt && "
		 "%s -O2 -fPIE -pie -o usdt_exec_d exec.c",
		 dir, cc(), cc(), cc(), cc(), cc(), PROG_CFLAGS, dir, cc());
	st = system(cmd);
	if (st != 0) {
		diag("failed (%d): %s", st, cmd);
		return -1;
	}
	/* (a static libc may be missing: that test is skipped then) */
	snprintf(cmd, sizeof cmd,
		 "cd %s && %s -O2 -static -o usdt_exec_s exec.c 2>/dev/null",
		 dir, cc());
	if (system(cmd) != 0)
		diag("no static build: %s", cmd);
	return 0;
}

/* Whether the fixture's notes (readelf's view) hold an operand with s. */
static int
notes_have(const char *s)
{
	char path[512], line[512];
	FILE *f;
	int found = 0;

	snprintf(path, sizeof path, "%s/notes.txt", dir);
	f = fopen(path, "r");
	while (f && !found && fgets(line, sizeof line, f))
		found = strstr(line, "Arguments:") && strstr(line, s);
	if (f)
		fclose(f);
	return found;
}

/* ---- The untraced child ------------------------------------------------- */

static pid_t
start_child(void)
{
	char path[600], line[64];
	int fd[2], st;
	pid_t pid;
	FILE *f;

	if (pipe(fd) < 0)
		return -1;
	pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		prctl(PR_SET_PDEATHSIG, SIGKILL);
		dup2(fd[1], 1);
		close(fd[0]);
		close(fd[1]);
		snprintf(path, sizeof path, "%s/usdt_prog", dir);
		execl(path, path, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	f = fdopen(fd[0], "r");
	while (f && fgets(line, sizeof line, f) && strcmp(line, "end\n"))
		;
	if (f)
		fclose(f);
	if (waitpid(pid, &st, WUNTRACED) != pid || !WIFSTOPPED(st)) {
		diag("child did not stop (status %#x)", st);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		return -1;
	}
	return pid;
}

/* ---- The fake host ------------------------------------------------------ */

static int fk_state = PROV_PROC_READY;

static int
fk_proc_state(void *ctx, pid_t pid)
{
	(void)ctx;
	(void)pid;
	return fk_state;
}

static void
fk_fire(void *ctx, struct probe *p, struct vm_probe_ctx *c,
	const struct tgt_event *ev)
{
	(void)ctx;
	(void)p;
	(void)c;
	(void)ev;
}

static const struct prov_host host = {
	.fire = fk_fire,
	.proc_state = fk_proc_state,
};

static pid_t cpid;

static int
provide(struct prov_table *t, const char *prov, const char *mod,
	const char *func, const char *name)
{
	char p[64];
	struct vm_probedesc d = { p, mod, func, name, NULL, 0 };

	snprintf(p, sizeof p, "%s%d", prov, (int)cpid);
	return prov_usdt.provide(&host, t, &d);
}

static int
matches(const struct probe *pr, const char *prov, const char *mod,
	const char *func, const char *name)
{
	char p[64];
	struct vm_probedesc d = { p, mod, func, name, NULL, 0 };

	snprintf(p, sizeof p, "%s%d", prov, (int)cpid);
	return prov_match(pr, &d);
}

static size_t
count_matching(const struct prov_table *t, const char *prov, const char *mod,
	       const char *func, const char *name)
{
	size_t n = 0;

	for (size_t i = 0; i < t->n; i++)
		n += matches(t->probes[i], prov, mod, func, name);
	return n;
}

static struct probe *
find(const struct prov_table *t, const char *prov, const char *mod,
     const char *func, const char *name)
{
	char p[64];

	snprintf(p, sizeof p, "%s%d", prov, (int)cpid);
	return prov_probe_find(t, p, mod, func, name);
}

/* ---- Untraced: names and matching --------------------------------------- */

static void
test_naming(void)
{
	struct prov_table t;
	char path[600];
	struct probe *p;
	int n;

	prov_table_init(&t);
	n = provide(&t, "ut", "", "ut_cxx(int)", "");
	ok(n == 1 && find(&t, "ut", "usdt_prog", "_Z6ut_cxxi", "cxx"),
	   "ut%d::ut_cxx(int): made by the demangled name of _Z6ut_cxxi",
	   (int)cpid);
	/* a glob provider part: both providers' probes with a '-' */
	n = provide(&t, "ut*", "", "", "*-*");
	ok(n == 4,
	   "ut*%d:::*-*: arg-shapes, child-sem, sem-after (ut) and "
	   "lib-add (utx) (%d)",
	   (int)cpid, n);
	n = provide(&t, "ut", "", "", "");
	ok(n == PROG_NPROBES - 4, "ut%d::: makes the other %d probes (%d)",
	   (int)cpid, PROG_NPROBES - 4, n);
	ok(count_matching(&t, "ut", "", "", "") == PROG_NPROBES,
	   "%d probes of provider ut", PROG_NPROBES);
	n = provide(&t, "ut", "", "", "") + provide(&t, "utx", "", "", "");
	ok(n == 0, "providing them again makes nothing new (%d)", n);

	p = find(&t, "ut", "usdt_prog", "ut_shapes", "arg-shapes");
	ok(p && p->ops == &prov_usdt,
	   "named ut%d:usdt_prog:ut_shapes:arg-shapes", (int)cpid);
	ok(!find(&t, "ut", "usdt_prog", "ut_shapes", "arg__shapes") &&
		   count_matching(&t, "ut", "", "", "*__*") == 0,
	   "\"__\" is written \"-\": no probe keeps the note's name");
	ok(find(&t, "ut", "usdt_prog", "ut_twice", "twice") &&
		   count_matching(&t, "ut", "", "", "twice") == 1,
	   "a probe written twice in one function is one probe");
	ok(find(&t, "ut", "usdt_prog", "ut_fa", "inl") &&
		   find(&t, "ut", "usdt_prog", "ut_fb", "inl") &&
		   count_matching(&t, "ut", "", "", "inl") == 2,
	   "one inlined in two functions: one probe in each");
	p = find(&t, "ut", "usdt_prog", "_Z6ut_cxxi", "cxx");
	ok(p && matches(p, "ut", "", "ut_cxx(int)", "") &&
		   matches(p, "ut", "", "ut_cxx*", "") &&
		   matches(p, "ut", "", "_Z6*", "cxx"),
	   "a C++ function: named mangled, matched demangled too");
	ok(find(&t, "ut", "usdt_prog", "ut_stack", "stack") &&
		   find(&t, "ut", "usdt_prog", "ut_sem_fire", "withsem") &&
		   find(&t, "ut", "usdt_prog", "run", "phase"),
	   "stack, withsem and phase in their functions");

	snprintf(path, sizeof path, "%s/usdt_prog", dir);
	ok(count_matching(&t, "ut", "a.out", "", "") == PROG_NPROBES &&
		   count_matching(&t, "ut", "usdt_prog", "", "") ==
			   PROG_NPROBES &&
		   count_matching(&t, "ut", path, "", "") == PROG_NPROBES &&
		   count_matching(&t, "u?", "usdt_*", "ut_*", "") ==
			   PROG_NPROBES - 3,
	   "the executable's: by a.out, its name, its path, globs");

	p = find(&t, "utx", "libut.so.1", "ut_lib_add", "lib-add");
	snprintf(path, sizeof path, "%s/libut.so.1", dir);
	ok(p != NULL, "utx%d:libut.so.1:ut_lib_add:lib-add", (int)cpid);
	ok(p && matches(p, "utx", "libut", "", "") &&
		   matches(p, "utx", "libut.so.1", "", "") &&
		   matches(p, "utx", path, "", "lib-*") &&
		   !matches(p, "utx", "a.out", "", "") &&
		   !matches(p, "ut", "", "", ""),
	   "the library's: by short name, soname, path; not a.out, not ut");

	n = provide(&t, "ut", "libut", "", "");
	ok(n == 0 && count_matching(&t, "ut", "libut", "", "") == 0,
	   "ut%d:libut::: is none (the library's provider is utx)", (int)cpid);
	n = provide(&t, "pid", "", "", "");
	ok(n == 0 && count_matching(&t, "pid", "", "", "") == 0,
	   "pid%d::: makes no usdt probe", (int)cpid);
	{
		struct vm_probedesc d = { "ut", "", "", "", NULL, 0 };

		ok(prov_usdt.provide(&host, &t, &d) == 0,
		   "a provider without a pid makes nothing");
	}
	prov_table_release(&t);

	prov_table_init(&t);
	fk_state = PROV_PROC_PENDING;
	n = provide(&t, "ut", "", "", "");
	fk_state = PROV_PROC_UNKNOWN;
	n += provide(&t, "ut", "", "", "");
	fk_state = PROV_PROC_READY;
	ok(n == 0 && t.n == 0,
	   "nothing made for a pending or an unknown process");
	n = provide(&t, "ut", "", "", "stack");
	ok(n == 1, "made once it is ready");
	prov_table_release(&t);
}

/* ---- Live: a traced run -------------------------------------------------- */

static struct {
	struct tgt *t;
	struct prov_table *tab;
	pid_t pid;
	int ready, gone, status;
	int n_initial, n_changed;
	int shapes, shapes_bad, twice, twice_sum, inl_fa, inl_fb, inl_sum;
	int stack, stack_bad, withsem, withsem_sum, withsem_bad;
	int lib, lib_sum, dl, dl_arg, dl_sem, phase, cxx, cxx_arg;
	int child_sem, sem_after; /* -1: not fired */
	int other_pid;
	char prov[64];
} lv;

static struct prov_host live_host;

static int
lv_proc_state(void *ctx, pid_t pid)
{
	(void)ctx;
	if (pid != lv.pid)
		return PROV_PROC_UNKNOWN;
	return lv.ready ? PROV_PROC_READY : PROV_PROC_PENDING;
}

/* The session's part: provide the description, enable what is new. */
static void
lv_provide_all(void)
{
	struct vm_probedesc d = { lv.prov, "", "", "", NULL, 0 };

	prov_usdt.provide(&live_host, lv.tab, &d);
	for (size_t i = 0; i < lv.tab->n; i++) {
		struct probe *p = lv.tab->probes[i];

		if (p->ops == &prov_usdt && !p->enabled &&
		    prov_usdt.enable(&live_host, p) < 0)
			diag("cannot enable %s:%s:%s", p->mod, p->func,
			     p->name);
	}
}

static void
lv_modules_changed(void *ctx, pid_t pid, int initial)
{
	(void)ctx;
	if (pid != lv.pid)
		return;
	if (initial)
		lv.n_initial++;
	else
		lv.n_changed++;
	lv_provide_all();
}

static int64_t
sarg(const struct vm_probe_ctx *c, unsigned i)
{
	return (int64_t)c->args[i];
}

static void
fire_shapes(const struct vm_probe_ctx *c, const struct tgt_event *ev)
{
	int i = lv.shapes++;
	char str[32] = "", want[8];
	ssize_t n =
		tgt_read_str(lv.t, ev->pid, c->args[5], str, sizeof str - 1);

	snprintf(want, sizeof want, "str%d", i);
	if (c->nargs != 8 || sarg(c, 0) != i * 1000L - 1 ||
	    sarg(c, 1) != -i - 1 || sarg(c, 2) != -300 * i - 1 ||
	    sarg(c, 3) != -70000L * i - 1 || c->args[4] != (uint64_t)200 + i ||
	    n < 0 || strcmp(str, want) || c->args[6] != 42 ||
	    c->args[7] != (uint64_t)7 + i) {
		lv.shapes_bad++;
		diag("arg-shapes #%d: nargs %u, %" PRId64 " %" PRId64
		     " %" PRId64 " %" PRId64 " %" PRIu64 " \"%s\" %" PRId64
		     " %" PRId64,
		     i, c->nargs, sarg(c, 0), sarg(c, 1), sarg(c, 2),
		     sarg(c, 3), c->args[4], str, sarg(c, 6), sarg(c, 7));
	}
}

static void
lv_fire(void *ctx, struct probe *p, struct vm_probe_ctx *c,
	const struct tgt_event *ev)
{
	(void)ctx;
	if (ev->pid != lv.pid) {
		lv.other_pid++;
		return;
	}
	if (!strcmp(p->name, "arg-shapes")) {
		fire_shapes(c, ev);
	} else if (!strcmp(p->name, "twice")) {
		lv.twice++;
		lv.twice_sum += (int)c->args[0];
	} else if (!strcmp(p->name, "inl")) {
		if (!strcmp(p->func, "ut_fa"))
			lv.inl_fa++;
		else if (!strcmp(p->func, "ut_fb"))
			lv.inl_fb++;
		lv.inl_sum += (int)c->args[0];
	} else if (!strcmp(p->name, "cxx")) {
		lv.cxx++;
		lv.cxx_arg = (int)c->args[0];
	} else if (!strcmp(p->name, "stack")) {
		int n = lv.stack++;

		if (c->nargs != 3 || sarg(c, 0) != 3 * n || sarg(c, 1) != -n ||
		    sarg(c, 2) != n + 1) {
			lv.stack_bad++;
			diag("stack #%d: %" PRId64 " %" PRId64 " %" PRId64, n,
			     sarg(c, 0), sarg(c, 1), sarg(c, 2));
		}
	} else if (!strcmp(p->name, "withsem")) {
		lv.withsem++;
		lv.withsem_sum += (int)c->args[0];
		if (c->nargs != 2 || c->args[1] != 1)
			lv.withsem_bad++;
	} else if (!strcmp(p->name, "lib-add")) {
		lv.lib++;
		lv.lib_sum += (int)(c->args[0] + c->args[1]);
	} else if (!strcmp(p->name, "dl-probe")) {
		lv.dl++;
		lv.dl_arg += (int)c->args[0];
		lv.dl_sem += (int)c->args[1];
	} else if (!strcmp(p->name, "child-sem")) {
		lv.child_sem = (int)c->args[0];
	} else if (!strcmp(p->name, "phase")) {
		/* the clauses of withsem go away: so does its semaphore */
		lv.phase++;
		for (size_t i = 0; i < lv.tab->n; i++)
			if (!strcmp(lv.tab->probes[i]->name, "withsem"))
				prov_usdt.disable(&live_host,
						  lv.tab->probes[i]);
	} else if (!strcmp(p->name, "sem-after")) {
		lv.sem_after = (int)c->args[0];
	}
}

static void
lv_event(void *ctx, struct tgt *t, const struct tgt_event *ev)
{
	(void)ctx;
	(void)t;
	if (ev->kind == TGT_EV_EXEC && ev->pid == lv.pid && !lv.ready) {
		/* the session's part at a -c command's exec */
		lv.ready = 1;
		prov_pid.traced(&live_host, lv.pid);
		prov_usdt.traced(&live_host, lv.pid);
		return;
	}
	/* the session's order: the pid provider follows the linker */
	prov_pid.event(&live_host, ev);
	prov_usdt.event(&live_host, ev);
	if (ev->kind == TGT_EV_GONE && ev->pid == lv.pid) {
		lv.gone = 1;
		lv.status = ev->status;
	}
}

static void
test_live(void)
{
	struct tgt_callbacks cb = { lv_event, NULL };
	char cmd[1200], err[256];
	struct prov_table tab;
	struct timespec ts0, ts;
	sigset_t chld;
	pid_t pid;

	memset(&lv, 0, sizeof lv);
	lv.child_sem = lv.sem_after = -1;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	lv.t = tgt_create(&cb);
	live_host = (struct prov_host){
		.fire = lv_fire,
		.modules_changed = lv_modules_changed,
		.proc_state = lv_proc_state,
		.tgt = lv.t,
	};
	prov_table_init(&tab);
	lv.tab = &tab;
	snprintf(cmd, sizeof cmd, "%s/usdt_prog run %s/libut2.so", dir, dir);
	if (tgt_spawn(lv.t, cmd, &pid, err, sizeof err) < 0) {
		ok(0, "tgt_spawn: %s", err);
		goto out;
	}
	lv.pid = pid;
	/* a glob provider part: ut and utx */
	snprintf(lv.prov, sizeof lv.prov, "ut*%d", (int)pid);
	lv_provide_all();
	ok(tab.n == 0, "nothing made before the command's exec");
	if (tgt_spawn_run(lv.t, pid, err, sizeof err) < 0) {
		ok(0, "tgt_spawn_run: %s", err);
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts0);
	while (!lv.gone) {
		ts.tv_sec = 0;
		ts.tv_nsec = 5000000;
		if (tgt_dispatch(lv.t) == 0)
			sigtimedwait(&chld, NULL, &ts);
		clock_gettime(CLOCK_MONOTONIC, &ts);
		if (ts.tv_sec - ts0.tv_sec > 20)
			break;
	}
	ok(lv.gone && WIFEXITED(lv.status) && WEXITSTATUS(lv.status) == 0,
	   "the traced program ran to its own success (status %#x)", lv.status);
	ok(lv.n_initial == 1 && lv.n_changed >= 1,
	   "modules_changed: initial once (%d), after dlopen (%d)",
	   lv.n_initial, lv.n_changed);
	ok(tab.n == PROG_NPROBES + 2, "%d probes made (%zu)", PROG_NPROBES + 2,
	   tab.n);
	ok(lv.shapes == 3 && lv.shapes_bad == 0,
	   "arg-shapes: 3 firings, 8 args each: registers, signed 1/2/4 "
	   "bytes, unsigned byte, string, immediate, variable (%d, %d bad)",
	   lv.shapes, lv.shapes_bad);
	ok(lv.twice == 6 && lv.twice_sum == 0 + 1 + 2 + 3 + 101 + 103,
	   "twice: both sites of one probe, 6 firings, sum 210 (%d, %d)",
	   lv.twice, lv.twice_sum);
	ok(lv.inl_fa == 1 && lv.inl_fb == 2 && lv.inl_sum == 1 + 20 + 30,
	   "inl: once in ut_fa, twice in ut_fb, args 1, 20, 30 (%d, %d, %d)",
	   lv.inl_fa, lv.inl_fb, lv.inl_sum);
	ok(lv.cxx == 1 && lv.cxx_arg == 4, "cxx: once, arg0 4 (%d, %d)", lv.cxx,
	   lv.cxx_arg);
	ok(lv.stack == 3 && lv.stack_bad == 0,
	   "stack: 3 firings, frame operands (-O0) (%d, %d bad)", lv.stack,
	   lv.stack_bad);
	ok(lv.withsem == 5 && lv.withsem_sum == 0 + 1 + 2 + 3 + 10 &&
		   lv.withsem_bad == 0,
	   "withsem: 5 firings (args 0..3, 10), its semaphore 1 each time "
	   "(%d, sum %d, %d bad)",
	   lv.withsem, lv.withsem_sum, lv.withsem_bad);
	ok(lv.phase == 1 && lv.sem_after == 0,
	   "disabled: the program sees its semaphore 0 (%d)", lv.sem_after);
	ok(lv.lib == 3 && lv.lib_sum == 0 + 3 + 6,
	   "utx:libut.so.1:ut_lib_add:lib-add: 3 firings, sum 9 (%d, %d)",
	   lv.lib, lv.lib_sum);
	ok(lv.dl == 2 && lv.dl_arg == 5 + 6 && lv.dl_sem == 2,
	   "the dlopen'd library's probe (semaphore): 5, then 6 once it was "
	   "closed and opened again, its semaphore 1 each time (%d, %d, %d)",
	   lv.dl, lv.dl_arg, lv.dl_sem);
	ok(lv.other_pid == 0, "nothing fired in the forked child (%d)",
	   lv.other_pid);
	ok(lv.child_sem == 0, "the child's semaphore is 0 (%d)", lv.child_sem);
out:
	tgt_destroy(lv.t);
	prov_table_release(&tab);
	sigprocmask(SIG_UNBLOCK, &chld, NULL);
}

/* ---- Live: exec -------------------------------------------------------- */

static struct {
	struct tgt *t;
	struct prov_table tab;
	pid_t pid;
	int ready, gone, status, initial, fires, bad, by_gen[3];
	int pid_first; /* the pid provider's event() before ours */
	char prov[64];
} ex;

static struct prov_host ex_host;

static int
ex_proc_state(void *ctx, pid_t pid)
{
	(void)ctx;
	if (pid != ex.pid)
		return PROV_PROC_UNKNOWN;
	return ex.ready ? PROV_PROC_READY : PROV_PROC_PENDING;
}

static void
ex_provide(void)
{
	struct vm_probedesc d = { ex.prov, "a.out", "main", "tick", NULL, 0 };

	prov_usdt.provide(&ex_host, &ex.tab, &d);
	for (size_t i = 0; i < ex.tab.n; i++)
		if (!ex.tab.probes[i]->enabled)
			(void)prov_usdt.enable(&ex_host, ex.tab.probes[i]);
}

static void
ex_modules_changed(void *ctx, pid_t pid, int initial)
{
	(void)ctx;
	if (pid != ex.pid)
		return;
	ex.initial += initial;
	ex_provide();
}

static void
ex_fire(void *ctx, struct probe *p, struct vm_probe_ctx *c,
	const struct tgt_event *ev)
{
	(void)ctx;
	(void)p;
	ex.fires++;
	if (ev->pid != ex.pid || c->nargs != 2 || c->args[0] > 2 ||
	    c->args[1] != (uint64_t)ex.by_gen[c->args[0]]) {
		ex.bad++;
		return;
	}
	ex.by_gen[c->args[0]]++;
}

static void
ex_event(void *ctx, struct tgt *t, const struct tgt_event *ev)
{
	(void)ctx;
	(void)t;
	if (ev->kind == TGT_EV_EXEC && ev->pid == ex.pid && !ex.ready) {
		ex.ready = 1;
		prov_usdt.traced(&ex_host, ex.pid);
		prov_pid.traced(&ex_host, ex.pid);
		return;
	}
	/* Either order: a static executable's modules are reported by the
	   pid provider's event() at its exec, before or after ours. */
	if (ex.pid_first)
		prov_pid.event(&ex_host, ev);
	prov_usdt.event(&ex_host, ev);
	if (!ex.pid_first)
		prov_pid.event(&ex_host, ev);
	if (ev->kind == TGT_EV_GONE && ev->pid == ex.pid) {
		ex.gone = 1;
		ex.status = ev->status;
	}
}

static void
test_exec(const char *prog, int pid_first)
{
	struct tgt_callbacks cb = { ex_event, NULL };
	char cmd[600], err[256];
	struct timespec ts0, ts;
	sigset_t chld;

	snprintf(cmd, sizeof cmd, "%s/%s", dir, prog);
	if (access(cmd, X_OK) != 0) {
		ok(1, "# SKIP %s: not built", prog);
		return;
	}
	memset(&ex, 0, sizeof ex);
	ex.pid_first = pid_first;
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, NULL);
	ex.t = tgt_create(&cb);
	ex_host = (struct prov_host){
		.fire = ex_fire,
		.modules_changed = ex_modules_changed,
		.proc_state = ex_proc_state,
		.tgt = ex.t,
	};
	prov_table_init(&ex.tab);
	if (tgt_spawn(ex.t, cmd, &ex.pid, err, sizeof err) < 0) {
		ok(0, "tgt_spawn: %s", err);
		goto out;
	}
	snprintf(ex.prov, sizeof ex.prov, "utexec%d", (int)ex.pid);
	ex_provide();
	if (tgt_spawn_run(ex.t, ex.pid, err, sizeof err) < 0) {
		ok(0, "tgt_spawn_run: %s", err);
		goto out;
	}
	clock_gettime(CLOCK_MONOTONIC, &ts0);
	while (!ex.gone) {
		ts.tv_sec = 0;
		ts.tv_nsec = 5000000;
		if (tgt_dispatch(ex.t) == 0)
			sigtimedwait(&chld, NULL, &ts);
		clock_gettime(CLOCK_MONOTONIC, &ts);
		if (ts.tv_sec - ts0.tv_sec > 20)
			break;
	}
	ok(ex.gone && WIFEXITED(ex.status) && WEXITSTATUS(ex.status) == 0 &&
		   ex.initial == 3 && ex.fires == 9 && ex.bad == 0 &&
		   ex.by_gen[0] == 3 && ex.by_gen[1] == 3 && ex.by_gen[2] == 3,
	   "%s, exec'd twice, %s event() first: tick fires 3 times in "
	   "each of its 3 images (status %#x, %d initial, %d fires, %d bad)",
	   prog, pid_first ? "pid's" : "usdt's", ex.status, ex.initial,
	   ex.fires, ex.bad);
out:
	tgt_destroy(ex.t);
	prov_table_release(&ex.tab);
	sigprocmask(SIG_UNBLOCK, &chld, NULL);
}

int
main(void)
{
	if (!mkdtemp(dir)) {
		ok(0, "mkdtemp");
		return done_testing();
	}
	if (ok(build_fixtures() == 0, "built the fixtures with %s", cc())) {
#if defined(__aarch64__)
		ok(notes_have("@x") && notes_have("@[sp, ") &&
			   notes_have("@42") && notes_have(":lo12:ut_global") &&
			   notes_have("-1@") && notes_have("-2@") &&
			   notes_have("-4@"),
#else
		ok(notes_have("@%r") && notes_have("(%rbp)") &&
			   notes_have("@$42") && notes_have("(%rip)") &&
			   notes_have("-1@") && notes_have("-2@") &&
			   notes_have("-4@"),
#endif
		   "the notes have register, frame, immediate, symbol "
		   "operands, signed 1, 2, 4 bytes");
		cpid = start_child();
		if (ok(cpid > 0, "the untraced program stopped itself")) {
			test_naming();
			kill(cpid, SIGKILL);
			waitpid(cpid, NULL, 0);
		}
		test_live();
		for (int pid_first = 0; pid_first < 2; pid_first++) {
			test_exec("usdt_exec_d", pid_first);
			test_exec("usdt_exec_s", pid_first);
		}
	}
	{
		char cmd[600];

		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			diag("could not remove %s", dir);
	}
	return done_testing();
}
