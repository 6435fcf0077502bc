/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The session: udtrace's handle (dtrace's dtrace_hdl_t) and the only place
 * where all layers meet. main.c drives it:
 *
 *	s = udt_open();
 *	udt_setopt()...; udt_add_source()...; udt_set_args(); udt_add_cmd/pid
 *	udt_compile(s)          -> errors printed, -1
 *	udt_list(s, out)        -> for -l
 *	udt_go(s)               -> probes enabled, BEGIN fired
 *	status = udt_run(s)     -> until exit(), ^C, or targets gone;
 *				   END fired, aggregations printed
 *	udt_close(s)
 *
 * Every function that can fail prints its own message in dtrace's words
 * (prefixed with msg_progname) and returns -1.
 */
#ifndef UDT_SESSION_H
#define UDT_SESSION_H

#include <stdio.h>
#include <sys/types.h>

#include "session_opts.h"

struct udt_session;

struct udt_session *udt_open(void);
void udt_close(struct udt_session *s);

/* The option values (main sets flags like quiet through udt_setopt). */
struct udt_options *udt_options(struct udt_session *s);

/* -x name[=value]: 0, or -1 after printing
   "failed to set -x NAME: REASON". */
int udt_setopt(struct udt_session *s, const char *name, const char *value);

enum udt_srckind {
	UDT_SRC_SCRIPT = 0, /* -s FILE (text = file contents, name = FILE) */
	UDT_SRC_NAME,	    /* -n */
	UDT_SRC_PROVIDER,   /* -P */
	UDT_SRC_MODULE,	    /* -m */
	UDT_SRC_FUNCTION,   /* -f */
};
/* Adds a program unit, in command-line order. text is copied. For
   scripts, main has already read the file (and run cpp for -C). */
void udt_add_source(struct udt_session *s, int kind, const char *text,
		    const char *name);
/* $0.. macro arguments: argv[0] is $0. Copied. */
void udt_set_args(struct udt_session *s, int argc, char *const *argv);
/* -c CMD, -p PID (come to life with the ptrace issue; accepted now). */
int udt_add_cmd(struct udt_session *s, const char *cmd);
int udt_add_pid(struct udt_session *s, pid_t pid);
/* Output file (-o FILE, appended like dtrace); NULL: stdout. */
int udt_set_output(struct udt_session *s, const char *path);

/* Compiles all units; prints the compile error and returns -1. On
   success prints (unless quiet) "description 'X' matched N probes" /
   "script 'F' matched N probes" and returns 0. With -e, stop after. */
int udt_compile(struct udt_session *s);

/* -l: lists the probes matched by the units (all probes when there are
   none) in dtrace's layout to out. 0 or -1. */
int udt_list(struct udt_session *s, FILE *out);

/* -h: writes the C header (dtrace -h's macros, on <sys/sdt.h>) of the
   providers the compiled units declare to path. 0 or -1. */
int udt_header(struct udt_session *s, const char *path);
/* -G: writes to path the object defining the semaphores of the providers
   unit declares (all of them for unit -1), after checking the program's
   objects objv[] (left as they are). Runs $CC. 0 or -1. */
int udt_link(struct udt_session *s, const char *path, int unit, int objc,
	     char *const *objv);
/* Enables the probes and fires BEGIN. 0 or -1. */
int udt_go(struct udt_session *s);

/* Runs until done; fires END, prints what remains; returns the exit
   status for main (the value of exit(), 0, or 1 on error). */
int udt_run(struct udt_session *s);

#endif
