/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -h and -G for programs that define their own probes: what dtrace's
 * dtrace_program_header() and dtrace_program_link() do, on Linux's probe
 * format instead of DOF.
 *
 * The header keeps dtrace -h's shape (PROVIDER_PROBE(args) and
 * PROVIDER_PROBE_ENABLED() macros, empty ones when _DTRACE_VERSION is 0),
 * but a probe is a <sys/sdt.h> site (SystemTap's .note.stapsdt, which
 * udtrace's usdt provider reads) with a semaphore, and _ENABLED() reads
 * that semaphore, which a tracer increments while the probe is enabled.
 * Each probe goes through a static inline function with the declared
 * prototype, as dtrace's __dtrace_P___p() is, so arguments convert to the
 * declared types (and the note records those types' sizes and signs)
 * and the compiler checks them the same way.
 *
 * -G writes the object that defines the semaphores (hidden, in section
 * ".probes", as SystemTap's dtrace -G does), compiled by $CC (default
 * cc). The objects named after the script are checked as dtrace checks
 * them and left as they are: <sys/sdt.h> has already put the probes'
 * notes in them.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "common/msg.h"
#include "common/strbuf.h"
#include "common/xalloc.h"
#include "session.h"
#include "session_impl.h"

/* <sys/sdt.h>'s STAP_PROBE1..STAP_PROBE12 */
#define SDT_MAXARGS 12

/* dt_header_fmt_macro(): upper case, and '_' for what a macro name cannot
   hold ('-' of probe names, '.' of file names). */
static void
fmt_macro(struct strbuf *sb, const char *s)
{
	for (; *s != '\0'; s++) {
		unsigned char c = (unsigned char)*s;

		sb_addch(sb, isalnum(c) ? (char)toupper(c) : '_');
	}
}

/* dt_header_fmt_func(): '-' doubled back to "__". */
static void
fmt_func(struct strbuf *sb, const char *s)
{
	for (; *s != '\0'; s++) {
		if (*s == '-')
			sb_addstr(sb, "__");
		else
			sb_addch(sb, *s);
	}
}

static void
arg_list(struct strbuf *sb, uint32_t n)
{
	for (uint32_t i = 0; i < n; i++)
		sb_addf(sb, "%sarg%u", i ? ", " : "", i);
}

/* "TYPE NAME", or __typeof__ when the type's text is not a prefix of a
   declaration ("int (*)(int)", "char [8]"). */
static void
param_decl(struct strbuf *sb, const char *type, uint32_t i)
{
	if (strpbrk(type, "([") != NULL)
		sb_addf(sb, "__typeof__(%s) __udt_a%u", type, i);
	else if (type[0] != '\0' && type[strlen(type) - 1] == '*')
		sb_addf(sb, "%s__udt_a%u", type, i);
	else
		sb_addf(sb, "%s __udt_a%u", type, i);
}

static void
probe_macros(struct strbuf *sb, const struct d_providerdef *pv,
	     const struct d_probedef *pr, int empty)
{
	sb_addstr(sb, "#define\t");
	fmt_macro(sb, pv->name);
	sb_addch(sb, '_');
	fmt_macro(sb, pr->dname);
	sb_addch(sb, '(');
	arg_list(sb, pr->nargs);
	if (empty) {
		sb_addstr(sb, ")\n#define\t");
		fmt_macro(sb, pv->name);
		sb_addch(sb, '_');
		fmt_macro(sb, pr->dname);
		sb_addstr(sb, "_ENABLED() (0)\n");
		return;
	}
	sb_addf(sb, ") \\\n\t__dtrace_%s___", pv->name);
	fmt_func(sb, pr->dname);
	sb_addch(sb, '(');
	arg_list(sb, pr->nargs);
	sb_addstr(sb, ")\n#define\t");
	fmt_macro(sb, pv->name);
	sb_addch(sb, '_');
	fmt_macro(sb, pr->dname);
	sb_addf(sb, "_ENABLED() \\\n\t__builtin_expect(%s_%s_semaphore, 0)\n",
		pv->name, pr->name);
}

/* The semaphore's declaration and the probe's function. */
static void
probe_decl(struct strbuf *sb, const struct d_providerdef *pv,
	   const struct d_probedef *pr)
{
	sb_addf(sb,
		"__extension__ extern unsigned short %s_%s_semaphore "
		"__attribute__((__unused__)) "
		"__attribute__((__section__(\".probes\")));\n",
		pv->name, pr->name);
	sb_addf(sb,
		"static __inline__ __attribute__((__always_inline__, "
		"__unused__)) void\n__dtrace_%s___",
		pv->name);
	fmt_func(sb, pr->dname);
	sb_addch(sb, '(');
	for (uint32_t i = 0; i < pr->nargs; i++) {
		if (i)
			sb_addstr(sb, ", ");
		param_decl(sb, pr->args[i], i);
	}
	if (pr->nargs == 0)
		sb_addstr(sb, "void");
	sb_addstr(sb, ")\n{\n\t");
	if (pr->nargs == 0)
		sb_addf(sb, "DTRACE_PROBE(%s, %s);\n", pv->name, pr->name);
	else
		sb_addf(sb, "DTRACE_PROBE%u(%s, %s", pr->nargs, pv->name,
			pr->name);
	for (uint32_t i = 0; i < pr->nargs; i++)
		sb_addf(sb, ", __udt_a%u", i);
	if (pr->nargs != 0)
		sb_addstr(sb, ");\n");
	sb_addstr(sb, "}\n");
}

static void
provider_text(struct strbuf *sb, const struct d_providerdef *pv)
{
	uint32_t i;

	sb_addstr(sb, "#define _DTRACE_VERSION 1\n\n#if _DTRACE_VERSION\n\n");
	for (i = 0; i < pv->nprobes; i++)
		probe_macros(sb, pv, &pv->probes[i], 0);
	sb_addstr(sb, "\n\n");
	for (i = 0; i < pv->nprobes; i++)
		probe_decl(sb, pv, &pv->probes[i]);
	sb_addstr(sb, "\n#else\n\n");
	for (i = 0; i < pv->nprobes; i++)
		probe_macros(sb, pv, &pv->probes[i], 1);
	sb_addstr(sb, "\n#endif\n\n");
}

/* A probe <sys/sdt.h> cannot express: its message, else NULL. */
static char *
check_defs(const struct d_provdefs *d)
{
	for (uint32_t i = 0; d != NULL && i < d->nprovs; i++) {
		const struct d_providerdef *pv = &d->provs[i];

		for (uint32_t j = 0; j < pv->nprobes; j++) {
			const struct d_probedef *pr = &pv->probes[j];

			if (pr->nargs > SDT_MAXARGS)
				return xasprintf("probe %s:%s has %u "
						 "arguments: <sys/sdt.h> "
						 "probes take at most %d",
						 pv->name, pr->dname, pr->nargs,
						 SDT_MAXARGS);
		}
	}
	return NULL;
}

int
udt_header(struct udt_session *s, const char *path)
{
	const struct d_provdefs *d = s->provdefs;
	const char *base = strrchr(path, '/');
	struct strbuf sb, guard;
	char *why;
	FILE *fp;
	int rc = 0;

	if ((why = check_defs(d)) != NULL) {
		msg_warn("failed to create header file %s: %s", path, why);
		free(why);
		return -1;
	}
	if ((fp = fopen(path, "w")) == NULL) {
		msg_warn_errno("failed to open header file '%s'", path);
		return -1;
	}
	sb_init(&sb);
	sb_init(&guard);
	fmt_macro(&guard, base ? base + 1 : path);
	sb_addstr(&sb, "/*\n * Generated by dtrace(1M).\n */\n\n");
	sb_addf(&sb, "#ifndef\t_%s\n#define\t_%s\n\n", guard.buf, guard.buf);
	sb_addstr(&sb, "#include <unistd.h>\n#include <inttypes.h>\n\n");
	/* The notes must name the semaphores: <sys/sdt.h> decides that when
	   it is first included. */
	sb_addstr(&sb,
		  "#if defined(_SYS_SDT_H) && !defined(_SDT_HAS_SEMAPHORES)\n"
		  "#error \"include this header before <sys/sdt.h>\"\n"
		  "#endif\n"
		  "#ifndef _SDT_HAS_SEMAPHORES\n"
		  "#define _SDT_HAS_SEMAPHORES 1\n"
		  "#endif\n"
		  "#include <sys/sdt.h>\n\n");
	sb_addstr(&sb, "#ifdef\t__cplusplus\nextern \"C\" {\n#endif\n\n");
	for (uint32_t i = 0; d != NULL && i < d->nprovs; i++)
		provider_text(&sb, &d->provs[i]);
	sb_addstr(&sb, "\n#ifdef\t__cplusplus\n}\n#endif\n");
	sb_addf(&sb, "\n#endif\t/* _%s */\n", guard.buf);
	if (fwrite(sb.buf, 1, sb.len, fp) != sb.len)
		rc = -1;
	if (fclose(fp) != 0)
		rc = -1;
	if (rc != 0)
		msg_warn_errno("failed to create header file %s", path);
	sb_release(&sb);
	sb_release(&guard);
	return rc;
}

/* dtrace's process_obj() checks, on the ELF header only. NULL or why. */
static char *
check_object(const char *path, int ilp32)
{
	unsigned char h[8];
	ssize_t n;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1)
		return xasprintf("failed to open %s: %s", path,
				 strerror(errno));
	n = read(fd, h, sizeof(h));
	close(fd);
	if (n == (ssize_t)sizeof(h) && memcmp(h, "!<arch>\n", 8) == 0)
		return xasprintf("archives are not permitted; use the "
				 "contents of the archive instead: %s",
				 path);
	if (n < 5 || memcmp(h, "\177ELF", 4) != 0)
		return xasprintf("invalid file type: %s", path);
	if (h[4] != (ilp32 ? 1 : 2)) /* ELFCLASS32, ELFCLASS64 */
		return xasprintf("incorrect ELF class for object file: %s",
				 path);
	return NULL;
}

/* Runs $CC (through the shell, so that CC="ccache gcc" works) on src,
   writing path. NULL, or why it failed. */
static char *
run_cc(const char *src, const char *path, int ilp32)
{
	static const char script[] = "exec ${CC:-cc} $1 -c -o \"$2\" -x c -";
	int pfd[2], wstat = 0;
	size_t len = strlen(src), off = 0;
	pid_t pid;

	if (pipe(pfd) != 0)
		return xasprintf("failed to run %s: %s",
				 getenv("CC") ? getenv("CC") : "cc",
				 strerror(errno));
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == -1) {
		int e = errno;

		close(pfd[0]);
		close(pfd[1]);
		return xasprintf("failed to run cc: %s", strerror(e));
	}
	if (pid == 0) {
		if (dup2(pfd[0], 0) == -1)
			_exit(126);
		close(pfd[0]);
		close(pfd[1]);
		execl("/bin/sh", "sh", "-c", script, "sh", ilp32 ? "-m32" : "",
		      path, (char *)NULL);
		_exit(127);
	}
	close(pfd[0]);
	while (off < len) {
		ssize_t n = write(pfd[1], src + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		off += (size_t)n;
	}
	close(pfd[1]);
	while (waitpid(pid, &wstat, 0) == -1 && errno == EINTR)
		continue;
	if (WIFSIGNALED(wstat))
		return xasprintf("failed to link %s: %s failed due to signal "
				 "%d",
				 path, getenv("CC") ? getenv("CC") : "cc",
				 WTERMSIG(wstat));
	if (!WIFEXITED(wstat) || WEXITSTATUS(wstat) != 0)
		return xasprintf("failed to link %s: %s exited with status %d",
				 path, getenv("CC") ? getenv("CC") : "cc",
				 WIFEXITED(wstat) ? WEXITSTATUS(wstat) : -1);
	return NULL;
}

int
udt_link(struct udt_session *s, const char *path, int unit, int objc,
	 char *const *objv)
{
	const struct d_provdefs *d = s->provdefs;
	const struct src_unit *u = NULL;
	struct strbuf sb;
	char *why = NULL;
	int i;

	if (unit >= 0 && (size_t)unit < s->units.n)
		u = &s->units.v[unit];
	else if (s->units.n)
		u = &s->units.v[0];
	for (i = 0; i < objc && why == NULL; i++)
		why = check_object(objv[i], s->opts.ilp32);
	if (why == NULL)
		why = check_defs(d);
	if (why == NULL) {
		sb_init(&sb);
		sb_addstr(&sb, "/* Generated by udtrace -G: the semaphores of "
			       "the <sys/sdt.h> probes. */\n");
		for (uint32_t p = 0; d != NULL && p < d->nprovs; p++) {
			const struct d_providerdef *pv = &d->provs[p];

			if (unit >= 0 && pv->unit != unit)
				continue;
			for (uint32_t j = 0; j < pv->nprobes; j++)
				sb_addf(&sb,
					"__extension__ unsigned short "
					"%s_%s_semaphore "
					"__attribute__((__unused__)) "
					"__attribute__((__section__("
					"\".probes\"))) "
					"__attribute__((__visibility__("
					"\"hidden\")));\n",
					pv->name, pv->probes[j].name);
		}
		why = run_cc(sb.buf, path, s->opts.ilp32);
		sb_release(&sb);
	}
	if (why == NULL)
		return 0;
	if (u != NULL && u->kind == UDT_SRC_SCRIPT)
		msg_warn("failed to link script %s: %s", u->name, why);
	else if (u != NULL)
		msg_warn("failed to link description %.*s: %s",
			 (int)strcspn(u->text, "{/;"), u->text, why);
	else
		msg_warn("%s", why);
	free(why);
	return -1;
}
