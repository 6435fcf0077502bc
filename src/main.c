/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The dtrace(1) command line: option parsing, dtrace's messages, usage text
 * and exit statuses (0, the value given to exit(), 1 on failure, 2 on a
 * usage error), driving the session API (session.h) and nothing else.
 *
 * The passes follow Oracle's cmd/dtrace.c: the first collects every option
 * (getopt errors and the -32/-64 check are usage errors there) and the
 * operands that become $1..; the mode options (-G -h -l -V) are checked,
 * and -V answers at once; the second pass applies the options in
 * command-line order; the third creates or grabs the -c/-p processes; the
 * fourth reads the -s scripts (through cpp(1) with -C) and hands every
 * program unit to the session in command-line order. Then the session
 * compiles, lists (-l) or runs them.
 *
 * Our one extension is -t (timestamps before each default-format record).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
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
#include "session_opts.h"

#define E_SUCCESS 0
#define E_ERROR 1
#define E_USAGE 2

/* dtrace's optstring ('+': options and operands may be interleaved, as
   the outer loop in main() steps over each operand), plus our -t. */
static const char OPTSTR[] =
	"+3:6:aAb:Bc:CD:ef:FGhHi:I:lL:m:n:o:p:P:qs:SU:vVwx:X:Zt";

/* What -V prints after "<prog>: ", as Oracle's dtrace(1) does. */
static const char D_VERSION_STRING[] = "Oracle D 2.0";

struct opt {
	int c;
	char *arg;
};

struct cli {
	struct opt *opts; /* in command-line order */
	size_t nopts;
	char **args; /* $0, $1.. */
	int nargs;
	int mode_count, list, version, compile_only, verbose;
	int anon, link, header, ilp32, bufdump;
	const char *ofile;
	size_t nsrcs;
};

static int
usage(FILE *fp)
{
	static const char predact[] = "[[ predicate ] action ]";

	fprintf(fp,
		"Usage: %s [-32|-64] [-CeFGhHlqStvVwZ] "
		"[-b bufsz] [-c cmd] [-D name[=def]]\n\t[-I path] [-L path] "
		"[-o output] [-p pid] [-s script] [-U name]\n\t"
		"[-x opt[=val]] [-X a|c|s|t]\n\n"
		"\t[-P provider %s]\n"
		"\t[-m [ provider: ] module %s]\n"
		"\t[-f [[ provider: ] module: ] func %s]\n"
		"\t[-n [[[ provider: ] module: ] func: ] name %s]\n"
		"\t[-i probe-id %s] [ args ... ]\n\n",
		msg_progname, predact, predact, predact, predact, predact);
	fprintf(fp, "\tpredicate -> '/' D-expression '/'\n");
	fprintf(fp, "\t   action -> '{' D-statements '}'\n");
	fprintf(fp,
		"\n"
		"\t-32 generate 32-bit D programs and ELF files\n"
		"\t-64 generate 64-bit D programs and ELF files\n\n"
		"\t-b  set trace buffer size\n"
		"\t-c  run specified command and exit upon its completion\n"
		"\t-C  run cpp(1) preprocessor on script files\n"
		"\t-D  define symbol when invoking preprocessor\n"
		"\t-e  exit after compiling request but prior to enabling "
		"probes\n"
		"\t-f  enable or list probes matching the specified function "
		"name\n"
		"\t-F  coalesce trace output by function\n"
		"\t-G  generate an ELF file containing embedded dtrace "
		"program\n"
		"\t-h  generate a header file with definitions for static "
		"probes\n"
		"\t-H  print included files when invoking preprocessor\n"
		"\t-i  enable or list probes matching the specified probe id\n"
		"\t-I  add include directory to preprocessor search path\n"
		"\t-l  list probes matching specified criteria\n"
		"\t-L  add library directory to library search path\n"
		"\t-m  enable or list probes matching the specified module "
		"name\n"
		"\t-n  enable or list probes matching the specified probe "
		"name\n"
		"\t-o  set output file\n"
		"\t-p  grab specified process-ID and cache its symbol tables\n"
		"\t-P  enable or list probes matching the specified provider "
		"name\n"
		"\t-q  set quiet mode (only output explicitly traced data)\n"
		"\t-s  enable or list probes according to the specified D "
		"script\n"
		"\t-S  print D compiler intermediate code\n"
		"\t-t  print the time of each probe firing (udtrace)\n"
		"\t-U  undefine symbol when invoking preprocessor\n"
		"\t-v  set verbose mode (report stability attributes, "
		"arguments)\n"
		"\t-V  report DTrace API version\n"
		"\t-w  permit destructive actions\n"
		"\t-x  enable or modify compiler and tracing options\n"
		"\t-X  specify ISO C conformance settings for preprocessor\n"
		"\t-Z  permit probe descriptions that match zero probes\n");
	return E_USAGE;
}

/*
 * Pass 1: records every option and operand; returns -1 after a usage
 * error has been reported (getopt prints its own "<prog>: invalid option
 * -- 'k'" first, as dtrace's getopt does on Linux).
 */
static int
collect(struct cli *cl, int argc, char **argv)
{
	const char *lastarg = NULL;
	int c;

	for (optind = 1; optind < argc; optind++) {
		while ((c = getopt(argc, argv, OPTSTR)) != -1) {
			lastarg = optarg;
			switch (c) {
			case '3':
			case '6':
				if (strcmp(optarg, c == '3' ? "2" : "4") != 0) {
					fprintf(stderr,
						"%s: illegal option -- %c%s\n",
						msg_progname, c, optarg);
					return -1;
				}
				cl->ilp32 = c == '3';
				continue;
			case '?':
				return -1;
			case 'e':
				cl->compile_only = 1;
				break;
			case 'h':
				cl->header = 1;
				cl->mode_count++;
				break;
			case 'G':
				cl->link = 1;
				cl->mode_count++;
				break;
			case 'l':
				cl->list = 1;
				cl->mode_count++;
				break;
			case 'V':
				cl->version = 1;
				cl->mode_count++;
				break;
			case 'v':
				cl->verbose++;
				break;
			case 'A':
			case 'a':
				cl->anon = 1;
				break;
			default:
				break;
			}
			/* "-qvZ" is three options in one argument */
			cl->opts = xreallocarray(cl->opts, cl->nopts + 1,
						 sizeof(*cl->opts));
			cl->opts[cl->nopts].c = c;
			cl->opts[cl->nopts].arg = optarg;
			cl->nopts++;
		}
		/*
		 * After "--" everything is an operand. (dtrace's loop would
		 * step over the first operand and let getopt() parse the
		 * rest again, which never ends: Oracle's test
		 * err.MultipleNonOptFlags runs "-- -e -e".)
		 */
		if (optind > 1 && optind <= argc &&
		    strcmp(argv[optind - 1], "--") == 0 &&
		    argv[optind - 1] != lastarg) {
			while (optind < argc)
				cl->args[cl->nargs++] = argv[optind++];
			break;
		}
		if (optind < argc && cl->nargs < argc)
			cl->args[cl->nargs++] = argv[optind];
	}
	return 0;
}

static int
print_version(int verbose)
{
	int n = printf("%s: %s\n", msg_progname, D_VERSION_STRING);

	if (verbose) {
#ifdef PACKAGE_VERSION
		n = printf("This is udtrace %s\n", PACKAGE_VERSION);
#else
		n = printf("This is udtrace\n");
#endif
	}
	return n <= 0 ? E_ERROR : E_SUCCESS;
}

/* Sets an option for a short flag, with dtrace's "failed to set -X ARG". */
static int
set_flag_opt(struct udt_options *o, const char *name, const char *value, int c,
	     const char *arg)
{
	char why[128];

	if (udt_options_set(o, name, value, why, sizeof(why)) == 0)
		return 0;
	if (arg != NULL)
		msg_warn("failed to set -%c %s: %s", c, arg, why);
	else
		msg_warn("failed to set -%c: %s", c, why);
	return -1;
}

static int
set_x_opt(struct udt_session *s, const char *arg)
{
	const char *eq = strchr(arg, '=');
	char *name;
	int rc;

	if (eq == NULL)
		return udt_setopt(s, arg, NULL);
	name = xstrndup(arg, (size_t)(eq - arg));
	rc = udt_setopt(s, name, eq + 1);
	free(name);
	return rc;
}

/* Pass 2: one option, in command-line order. 0, or an exit status. */
static int
apply_opt(struct udt_session *s, struct cli *cl, const struct opt *op)
{
	struct udt_options *o = udt_options(s);
	static const char *const optname[] = {
		['b'] = "bufsize", ['D'] = "define", ['F'] = "flowindent",
		['H'] = "cpphdrs", ['I'] = "incdir", ['L'] = "libdir",
		['q'] = "quiet",   ['U'] = "undef",  ['w'] = "destructive",
		['X'] = "stdc",
	};

	switch (op->c) {
	case 'b':
	case 'D':
	case 'I':
	case 'L':
	case 'U':
	case 'X':
		if (set_flag_opt(o, optname[op->c], op->arg, op->c, op->arg))
			return E_ERROR;
		break;
	case 'F':
	case 'H':
	case 'q':
	case 'w':
		if (set_flag_opt(o, optname[op->c], NULL, op->c, NULL))
			return E_ERROR;
		break;
	case 'x':
		if (set_x_opt(s, op->arg) != 0)
			return E_ERROR;
		break;
	case 'B':
		cl->bufdump = 1;
		break;
	case 'C':
		o->cpp = 1;
		break;
	case 'o':
		cl->ofile = op->arg;
		break;
	case 'S':
		o->verbose = 1; /* dtrace's DTRACE_C_DIFV, = -x verbose */
		break;
	case 'Z':
		o->zdefs = 1;
		break;
	case 't':
		o->timestamps = 1;
		break;
	case 'v':
		o->stability = 1;
		break;
	case 'f':
	case 'i':
	case 'm':
	case 'n':
	case 'P':
	case 's':
		cl->nsrcs++;
		break;
	default:
		break;
	}
	return 0;
}

/* Pass 3: -c and -p. 0, or an exit status. */
static int
add_procs(struct udt_session *s, const struct cli *cl)
{
	size_t i;

	for (i = 0; i < cl->nopts; i++) {
		const struct opt *op = &cl->opts[i];
		char *end;
		long pid;

		if (op->c == 'c' && udt_add_cmd(s, op->arg) != 0)
			return E_ERROR;
		if (op->c != 'p')
			continue;
		errno = 0;
		pid = strtol(op->arg, &end, 10);
		if (errno != 0 || end == op->arg || *end != '\0' || pid <= 0 ||
		    pid > INT_MAX) {
			msg_warn("invalid pid: %s", op->arg);
			return E_ERROR;
		}
		if (udt_add_pid(s, (pid_t)pid) != 0)
			return E_ERROR;
	}
	return 0;
}

/* Reads all of fp; -1 on a read error. Stops at EOF. */
static int
read_all(FILE *fp, struct strbuf *sb)
{
	char buf[8192];
	size_t n;

	while ((n = fread(buf, 1, sizeof(buf), fp)) > 0)
		sb_add(sb, buf, n);
	return ferror(fp) ? -1 : 0;
}

/* An interpreter line ("#!/usr/sbin/dtrace -qs") is blanked out, keeping
   its newline so that line numbers stay right. */
static void
blank_interp_line(struct strbuf *sb)
{
	size_t i;

	if (sb->len < 2 || sb->buf[0] != '#' || sb->buf[1] != '!')
		return;
	for (i = 0; i < sb->len && sb->buf[i] != '\n'; i++)
		sb->buf[i] = ' ';
}

static void
add_arg(char ***argv, size_t *argc, const char *arg)
{
	*argv = xreallocarray(*argv, *argc + 2, sizeof(**argv));
	(*argv)[(*argc)++] = xstrdup(arg);
	(*argv)[*argc] = NULL;
}

/*
 * The cpp command line of Oracle's dt_open.c and dt_cc.c dt_preproc():
 * its predefined macros, the -D/-U/-I/-H and cppargs in order, the D
 * version, the -X conformance and the input.
 */
static char **
cpp_argv(const struct udt_options *o)
{
	static const char *const predef[] = {
		"-D__linux",
		"-D__unix",
		"-D__SVR4",
		"-D__SUNW_D=1",
		"-U__GNUC__",
		"-D__SUNW_D_64",
		"-D__Linux",
#if defined(__x86_64__)
		"-D__amd64",
#endif
	};
	const char *path = o->cpppath ? o->cpppath : "cpp";
	const char *base = strrchr(path, '/');
	char **argv = NULL, *vers;
	size_t argc = 0, i;

	add_arg(&argv, &argc, base ? base + 1 : path);
	for (i = 0; i < sizeof(predef) / sizeof(predef[0]); i++)
		add_arg(&argv, &argc, predef[i]);
	for (i = 0; i < o->cppargc; i++)
		add_arg(&argv, &argc, o->cppargv[i]);
	vers = xasprintf("-D__SUNW_D_VERSION=0x%08x", (unsigned)o->vmax);
	add_arg(&argv, &argc, vers);
	free(vers);
	if (o->stdc == NULL || strcmp(o->stdc, "s") != 0)
		add_arg(&argv, &argc, "-std=c99");
	else
		add_arg(&argv, &argc, "-traditional-cpp");
	add_arg(&argv, &argc, "/dev/stdin");
	return argv;
}

static void
free_argv(char **argv)
{
	size_t i;

	for (i = 0; argv && argv[i]; i++)
		free(argv[i]);
	free(argv);
}

/* Runs cpp over sb (replaced by its output). NULL, or dtrace's reason. */
static const char *
preprocess(const struct udt_options *o, struct strbuf *sb)
{
	const char *path = o->cpppath ? o->cpppath : "cpp";
	const char *why = "Preprocessor failed to process input program";
	char **argv = cpp_argv(o);
	FILE *in = tmpfile(), *out = NULL;
	int pfd[2] = { -1, -1 }, wstat = 0;
	struct strbuf res;
	pid_t pid;

	sb_init(&res);
	if (in == NULL || fwrite(sb->buf, 1, sb->len, in) != sb->len ||
	    fflush(in) != 0 || fseek(in, 0, SEEK_SET) != 0 || pipe(pfd) != 0) {
		why = "Failed to fork preprocessor";
		goto out;
	}
	fflush(stdout);
	fflush(stderr);
	if ((pid = fork()) == -1) {
		why = "Failed to fork preprocessor";
		goto out;
	}
	if (pid == 0) {
		if (dup2(fileno(in), 0) == -1 || dup2(pfd[1], 1) == -1)
			_exit(126);
		close(pfd[0]);
		close(pfd[1]);
		execvp(path, argv);
		_exit(errno == ENOENT ? 127 : 126);
	}
	close(pfd[1]);
	pfd[1] = -1;
	out = fdopen(pfd[0], "r");
	if (out != NULL) {
		pfd[0] = -1;
		(void)read_all(out, &res);
	}
	while (waitpid(pid, &wstat, 0) == -1 && errno == EINTR)
		continue;
	if (WIFEXITED(wstat) && WEXITSTATUS(wstat) == 0 && out != NULL) {
		sb_reset(sb);
		sb_add(sb, res.buf, res.len);
		why = NULL;
	} else if (WIFEXITED(wstat) && WEXITSTATUS(wstat) == 127) {
		why = "Preprocessor not found";
	} else if (WIFEXITED(wstat) && WEXITSTATUS(wstat) == 126) {
		why = "Failed to exec preprocessor";
	}
out:
	if (out != NULL)
		fclose(out);
	if (pfd[0] != -1)
		close(pfd[0]);
	if (pfd[1] != -1)
		close(pfd[1]);
	if (in != NULL)
		fclose(in);
	sb_release(&res);
	free_argv(argv);
	return why;
}

/* -s FILE: read it (and preprocess it) and add it. 0 or an exit status. */
static int
add_script(struct udt_session *s, const char *path)
{
	const struct udt_options *o = udt_options(s);
	const char *why = NULL;
	struct strbuf sb;
	FILE *fp;

	if ((fp = fopen(path, "r")) == NULL) {
		msg_warn_errno("failed to open %s", path);
		return E_ERROR;
	}
	sb_init(&sb);
	if (read_all(fp, &sb) != 0)
		why = "Error occurred while reading from input stream";
	fclose(fp);
	if (why == NULL) {
		blank_interp_line(&sb);
		if (o->cpp)
			why = preprocess(o, &sb);
	}
	if (why != NULL) {
		msg_warn("failed to compile script %s: %s", path, why);
		sb_release(&sb);
		return E_ERROR;
	}
	udt_add_source(s, UDT_SRC_SCRIPT, sb.buf, path);
	sb_release(&sb);
	return 0;
}

/* Pass 4: every program unit, in command-line order. */
static int
add_sources(struct udt_session *s, const struct cli *cl)
{
	size_t i;
	int rc;

	for (i = 0; i < cl->nopts; i++) {
		const struct opt *op = &cl->opts[i];

		switch (op->c) {
		case 's':
			if ((rc = add_script(s, op->arg)) != 0)
				return rc;
			break;
		case 'n':
		case 'i': /* dtrace compiles -i as a name spec: a number there
			     is a probe ID */
			udt_add_source(s, UDT_SRC_NAME, op->arg, op->arg);
			break;
		case 'P':
			udt_add_source(s, UDT_SRC_PROVIDER, op->arg, op->arg);
			break;
		case 'm':
			udt_add_source(s, UDT_SRC_MODULE, op->arg, op->arg);
			break;
		case 'f':
			udt_add_source(s, UDT_SRC_FUNCTION, op->arg, op->arg);
			break;
		default:
			break;
		}
	}
	return 0;
}

/* Modes and options dtrace has but udtrace cannot honour (yet). */
static int
check_unsupported(const struct cli *cl)
{
	if (cl->anon) {
		msg_warn("anonymous tracing (-A, -a) is not supported");
		return E_USAGE;
	}
	return 0;
}

/*
 * dtrace's link_prog() output name for unit i (the i-th program option):
 * -o when there is one unit, else the script's basename with .o for .d,
 * else "d.out" ("d.out.N" among several units).
 */
static char *
link_name(const struct cli *cl, const char *arg, size_t i)
{
	const char *dot = strrchr(arg, '.');
	const char *base;

	if (cl->nsrcs == 1 && cl->ofile != NULL)
		return xstrdup(cl->ofile);
	if (dot != NULL && strcmp(dot, ".d") == 0) {
		char *stem = xstrndup(arg, (size_t)(dot - arg)), *name;

		base = strrchr(stem, '/');
		name = xasprintf("%s.o", base ? base + 1 : stem);
		free(stem);
		return name;
	}
	if (cl->nsrcs > 1)
		return xasprintf("d.out.%zu", i);
	return xstrdup("d.out");
}

/* The program options (-s -n -P -m -f -i), in command-line order. */
static int
is_program_opt(int c)
{
	return c == 's' || c == 'n' || c == 'P' || c == 'm' || c == 'f' ||
	       c == 'i';
}

/*
 * -G: an object per program unit (one object at -o for several), which
 * defines the semaphores of the providers the unit declares; the
 * operands are the program's object files (dtrace's g_objv).
 */
static int
link_objects(struct udt_session *s, const struct cli *cl)
{
	char *const *objv = cl->args + 1;
	int objc = cl->nargs - 1;
	size_t i, u = 0;

	if (cl->nsrcs == 0) {
		msg_warn("-G requires one or more scripts or enabling options");
		return E_USAGE;
	}
	if (cl->nsrcs > 1 && cl->ofile != NULL)
		return udt_link(s, cl->ofile, -1, objc, objv) ? E_ERROR :
								E_SUCCESS;
	for (i = 0; i < cl->nopts; i++) {
		char *name;
		int rc;

		if (!is_program_opt(cl->opts[i].c))
			continue;
		name = link_name(cl, cl->opts[i].arg, u);
		rc = udt_link(s, name, (int)u, objc, objv);
		free(name);
		if (rc != 0)
			return E_ERROR;
		u++;
	}
	return E_SUCCESS;
}

/* -h: dtrace's naming (the script's basename with .h) and messages. */
static int
write_header(struct udt_session *s, const struct cli *cl)
{
	const char *arg = NULL, *dot, *base;
	char *stem, *name;
	size_t i;
	int rc;

	if (cl->nsrcs == 0) {
		msg_warn("-h requires one or more scripts or enabling options");
		return E_USAGE;
	}
	if (cl->ofile != NULL)
		return udt_header(s, cl->ofile) ? E_ERROR : E_SUCCESS;
	if (cl->nsrcs > 1) {
		msg_warn("-h requires an output file if multiple scripts are "
			 "specified");
		return E_USAGE;
	}
	for (i = 0; i < cl->nopts && arg == NULL; i++)
		if (is_program_opt(cl->opts[i].c))
			arg = cl->opts[i].arg;
	dot = arg ? strrchr(arg, '.') : NULL;
	if (dot == NULL || strcmp(dot, ".d") != 0) {
		msg_warn("-h requires an output file if no scripts are "
			 "specified");
		return E_USAGE;
	}
	stem = xstrndup(arg, (size_t)(dot - arg));
	base = strrchr(stem, '/');
	name = xasprintf("%s.h", base ? base + 1 : stem);
	rc = udt_header(s, name);
	free(name);
	free(stem);
	return rc ? E_ERROR : E_SUCCESS;
}

static int
list_probes(struct udt_session *s, const char *ofile)
{
	FILE *out = stdout;
	int rc;

	if (ofile != NULL && (out = fopen(ofile, "a")) == NULL) {
		msg_warn_errno("failed to open output file '%s'", ofile);
		return E_ERROR;
	}
	rc = udt_list(s, out);
	if (out != stdout && fclose(out) != 0 && rc == 0) {
		msg_warn_errno("failed to write to %s", ofile);
		rc = -1;
	}
	return rc == 0 ? E_SUCCESS : E_ERROR;
}

/* Passes 2 to 4 and the session's work. Returns the exit status. */
static int
run(struct udt_session *s, struct cli *cl)
{
	struct udt_options *o = udt_options(s);
	size_t i;
	int rc;

	udt_options_setenv(o, "DTRACE_OPT_");
	if (cl->list) {
		o->listmode = 1;
		o->zdefs = 1; /* -l implies -Z */
	}
	if (cl->header || cl->link) {
		o->zdefs = 1; /* -h and -G imply -Z */
		cl->compile_only = 1;
	}
	o->compile_only = cl->compile_only;
	o->ilp32 = cl->ilp32;
	o->testing = getenv("_DTRACE_TESTING") != NULL;

	for (i = 0; i < cl->nopts; i++) {
		if ((rc = apply_opt(s, cl, &cl->opts[i])) != 0)
			return rc;
	}
	if (cl->bufdump) {
		if (cl->list) {
			msg_warn("-B not valid in combination with [-Gl] "
				 "options");
			return E_USAGE;
		}
		if (cl->ofile != NULL) {
			msg_warn("-B not valid in combination with -o option");
			return E_USAGE;
		}
		msg_warn("-B (buffer handler dump) is not supported");
		return E_USAGE;
	}
	if ((rc = add_procs(s, cl)) != 0 || (rc = add_sources(s, cl)) != 0)
		return rc;
	/* -G: the operands are object files, not $1.. */
	udt_set_args(s, cl->link ? 1 : cl->nargs, cl->args);

	if (udt_compile(s) != 0)
		return E_ERROR;
	if (cl->list)
		return list_probes(s, cl->ofile);
	if (cl->header)
		return write_header(s, cl);
	if (cl->link)
		return link_objects(s, cl);
	if (cl->ofile != NULL && udt_set_output(s, cl->ofile) != 0)
		return E_ERROR;
	if (cl->compile_only)
		return E_SUCCESS;
	if (cl->nsrcs == 0 && !o->zdefs) {
		msg_warn("no probes specified");
		return E_ERROR;
	}
	if (udt_go(s) != 0)
		return E_ERROR;
	return udt_run(s);
}

int
main(int argc, char *argv[])
{
	struct udt_session *s;
	struct cli cl;
	int status;

	msg_set_progname(argv[0]);
	if (argc <= 1)
		return usage(stderr);

	memset(&cl, 0, sizeof(cl));
	cl.args = xcalloc((size_t)argc + 1, sizeof(*cl.args));
	cl.args[cl.nargs++] = argv[0];	/* $0: the name we were run as */
	argv[0] = (char *)msg_progname; /* for getopt's messages */

	if (collect(&cl, argc, argv) != 0) {
		status = usage(stderr);
		goto out;
	}
	if (cl.mode_count > 1) {
		msg_warn("only one of the [-GhlV] options can be specified at "
			 "a time");
		status = E_USAGE;
		goto out;
	}
	if (cl.version) {
		status = print_version(cl.verbose);
		goto out;
	}
	if ((status = check_unsupported(&cl)) != 0)
		goto out;

	if ((s = udt_open()) == NULL) {
		status = E_ERROR;
		goto out;
	}
	status = run(s, &cl);
	fflush(stdout);
	udt_close(s);
out:
	free(cl.opts);
	free(cl.args);
	return status;
}
