/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The D compiler's public interface: D source text in, a struct vm_prog
 * (vm/vm_isa.h) out, or an error with dtrace's tag, line and message.
 *
 * The compiler knows probes only as descriptions. Where it needs to know
 * what a probe offers (the types of args[N]), it asks the session through
 * struct d_probe_resolver, so d/ never sees a provider, a process or
 * ptrace.
 */
#ifndef UDT_D_D_H
#define UDT_D_D_H

#include <stddef.h>
#include <stdint.h>

#include "d/d_provdef.h"
#include "vm/vm_isa.h"

struct d_probe_resolver {
	/*
	 * Types of the arguments of the probes a description matches:
	 * returns the number of typed arguments (0..10) and fills types[];
	 * -1 when the probes have no typed args[] (then args[N] is an
	 * error, D_ARGS_IDX... as dtrace). names[i], when not NULL, is a D
	 * type name the compiler resolves instead of types[i] ("bufinfo_t
	 * *", declared by the prelude; "string"; "int"), parsed as a type
	 * name in the program's type scope; a name that is no D type fails
	 * the compile (D_UNKNOWN, "internal error in the provider types").
	 * How the VM reads each kind of argument: vm.h, struct
	 * vm_probe_ctx. Called at most once per clause, and only for
	 * clauses that use args[]. May be NULL.
	 */
	int (*arg_types)(void *ctx, const struct vm_probedesc *pd,
			 struct vm_type types[10], const char *names[10]);
	void *ctx;
};

/*
 * One unit of source. dtrace compiles every -n/-P/-m/-f/-s argument into
 * the same program, in command-line order, sharing globals and
 * aggregations; so does d_compile() with an array of these.
 */
enum d_srckind {
	D_SRC_SCRIPT = 0, /* -s file: a D program */
	D_SRC_NAME,	  /* -n: probe description(s) [[/pred/] {acts}]: the
			     description is right-aligned (`BEGIN` = name) */
	D_SRC_PROVIDER,	  /* -P: the description names the provider */
	D_SRC_MODULE,	  /* -m: [provider:]module */
	D_SRC_FUNCTION,	  /* -f: [[provider:]module:]function */
};

struct d_source {
	const char *src; /* text (for -s, after cpp when -C) */
	size_t len;
	const char *name; /* -s: the script's file name as given */
	int kind;	  /* enum d_srckind */
};

struct d_compile_args {
	const struct d_source *srcs;
	size_t nsrcs;
	/* $0..$N macro arguments (argv[0] = $0 = script name) */
	char *const *argv;
	int argc;
	int64_t target; /* $target ($pid of the first -c/-p), or 0 */
	int64_t pid, ppid, uid, gid, euid, egid, pgid,
		sid;	  /* $pid.. of udtrace */
	int defaultargs;  /* -x defaultargs: unset $N are 0 / "" */
	uint32_t strsize; /* for string types; default 256 */
	int destructive;  /* -w given: destructive actions allowed */
	const struct d_probe_resolver *resolver;
	/*
	 * D declarations compiled before the first unit, in the same global
	 * scope (the providers' translated types: psinfo_t, bufinfo_t, ...),
	 * or NULL. Only typedefs, struct/union/enum declarations and inlines.
	 * With psinfo_t (lwpsinfo_t) declared, curpsinfo (curlwpsinfo) is a
	 * psinfo_t * (lwpsinfo_t *); without, using it is an error. An error
	 * in the prelude fails the compile with unit -1, line 0 and the
	 * message "internal error in the provider types: line N: ...".
	 * Costs about 1 us per line.
	 */
	const char *prelude;
	/*
	 * When not NULL: on success, *provdefs receives the providers the
	 * program declares (`provider P { probe p(int, char *); };`, checked
	 * as dtrace does), for -h and -G; free with d_provdefs_free()
	 * (d_provdef.h). Set to NULL on failure.
	 */
	struct d_provdefs **provdefs;
};

/*
 * Where a compile error was found and what it is. dtrace (dt_set_errmsg)
 * places "line N: " only for programs read from a file (-s); for -n & co.
 * it says the region instead ("in action list: ", "in predicate: ",
 * "in probe description: "). So the session prints
 *	"failed to compile script NAME: [TAG] line N: MSG"         (-s)
 *	"invalid probe specifier TEXT: [TAG] in REGION: MSG"      (-n ...)
 * with "[TAG] " only under -x errtags, "line N: " only when line > 0,
 * "in REGION: " only when region is not empty.
 */
struct d_error {
	int unit;	 /* index in srcs of the failing unit, or -1 */
	char tag[32];	 /* "D_SYNTAX" ... (without brackets) */
	int line;	 /* 0: no line */
	char region[32]; /* "action list", "predicate", "probe
				 description", or "" */
	char msg[512];	 /* message without "line N: " */
};

/*
 * Compiles one D program. On success returns 0 and *out (free with
 * vm_prog_free()); on failure returns -1 and fills err. Never crashes or
 * leaks, whatever the input.
 */
int d_compile(const struct d_compile_args *args, struct vm_prog **out,
	      struct d_error *err);

#endif
