/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dtrace's options (-x name[=value], #pragma D option, setopt()): one
 * table with each option's name, kind, default and validation, and the
 * struct that holds their values. The session turns these into the VM's
 * and the consumer's option structs.
 */
#ifndef UDT_SESSION_OPTS_H
#define UDT_SESSION_OPTS_H

#include <stddef.h>
#include <stdint.h>

struct udt_options {
	/* flags */
	int quiet, flowindent, destructive, errtags, droptags, zdefs;
	int defaultargs, rawbytes, aggsortkey, aggsortrev, aggsortkeypos;
	int noresolve, cpp, cpphdrs, nolibs, aggpercpu, verbose;
	int timestamps; /* -t (our extension) */
	/* numbers */
	int aggsortpos;
	size_t strsize;	       /* 256 */
	size_t bufsize;	       /* 4m */
	size_t aggsize;	       /* 4m */
	size_t dynvarsize;     /* 1m */
	size_t specsize;       /* 4m (Oracle's dt_open.c default) */
	uint32_t nspec;	       /* 1 */
	uint32_t stackframes;  /* 20 */
	uint32_t ustackframes; /* 100 */
	uint32_t stackindent;  /* 14 */
	uint32_t jstackframes, jstackstrsize;
	uint64_t switchrate; /* ns; default 1s */
	int switchrate_set;  /* switchrate given (-x, pragma, env) */
	uint64_t aggrate;    /* ns; default 1s */
	uint64_t statusrate; /* ns; default 1s */
	uint64_t cleanrate;  /* ns */
	uint64_t procrate;
	/* strings (owned; NULL = default) */
	char *bufpolicy; /* switch | fill | ring */
	char *bufresize; /* auto | manual */
	char *evaltime;	 /* exec | preinit | postinit | main */
	char *oformat;	 /* text | json */
	char *stackfmt;	 /* default | folded */
	char *placement; /* follow | none (udtrace's own CPU) */
	char *sysentry;	 /* stop | notify (syscall entries of -c) */
	char *linkmode, *disasm, *version, *incdir, *define, *undef;

	/* Added by the cli helper (main.c and session_opts.c). */
	int compile_only; /* -e: no "matched N probes" notices */
	int listmode;	  /* -l: compile for listing only (implies -Z) */
	int stability;	  /* -v (stability reports; not implemented) */
	int testing;	  /* $_DTRACE_TESTING set: the consumer omits the
				    CPU and ID columns and the ^C newline,
				    as dtrace(1) does for its test suite */
	int ilp32;	  /* -32: compile for the ILP32 data model
				    (sizeof(long) == 4), as dtrace -32 does;
				    0 = LP64 (-64, the default) */
	uint32_t vmax;	  /* -x version: the D API version in force,
				    DT_VERSION_NUMBER-encoded (2.0.1) */
	char *cpppath;	  /* -x cpppath; NULL = "cpp" */
	char *stdc;	  /* -X / -x stdc: a, c, s or t; NULL = a */
	char **cppargv;	  /* extra cpp arguments in command-line order:
				    -D/-U/-I/-H and -x cppargs (owned) */
	size_t cppargc;
	char **libdirs; /* -L / -x libdir, in order (owned) */
	size_t nlibdirs;
};

void udt_options_init(struct udt_options *o);
void udt_options_release(struct udt_options *o);

/*
 * Sets one option by its dtrace name (value NULL for a flag given without
 * =value). Returns 0, or -1 and writes dtrace's reason (e.g. "Invalid
 * option name", "Invalid value for specified option") into err.
 */
int udt_options_set(struct udt_options *o, const char *name, const char *value,
		    char *err, size_t errlen);

/* Whether name may be changed by setopt() at run time (dtrace's dynamic
   run-time options and its compile-time options; not the other run-time
   options such as bufsize, nor unknown names). */
int udt_options_runtime(const char *name);

/*
 * Where an option is being set from; the rules differ as in dtrace:
 * from a D program (#pragma D option) the preprocessor and path options
 * fail with "Option cannot be used from within a D program"; while tracing
 * is active (the setopt() action) the run-time options that are not
 * dynamic fail with "Operation illegal when tracing is active".
 * udt_options_set() is udt_options_set_ctx(..., UDT_OPTCTX_CMDLINE, ...).
 */
enum udt_optctx {
	UDT_OPTCTX_CMDLINE = 0, /* -x, -b, -q ..., DTRACE_OPT_* variables */
	UDT_OPTCTX_PRAGMA,	/* #pragma D option */
	UDT_OPTCTX_ACTIVE,	/* setopt() while tracing */
};
int udt_options_set_ctx(struct udt_options *o, const char *name,
			const char *value, enum udt_optctx ctx, char *err,
			size_t errlen);

/*
 * dtrace_setoptenv(): for each known option NAME, an environment variable
 * <prefix>NAME in upper case (dtrace(1) uses "DTRACE_OPT_") sets it;
 * invalid values are ignored, as dtrace ignores them.
 */
void udt_options_setenv(struct udt_options *o, const char *prefix);

/* Parses a size ("4m", "512k", "1g", "100"; k/m/g/t in either case) or a
   time/rate ("10ms", "100hz", "5s"; bare = nanoseconds, as dtrace's
   dt_opt_rate has it: the bare-number-is-hz rule belongs to tick-N and
   profile-N only) the way dtrace does. 0 or -1. */
int udt_parse_size(const char *s, uint64_t *out);
int udt_parse_time(const char *s, uint64_t *ns_out);

#endif
