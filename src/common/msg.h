/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Messages in dtrace's style: "<progname>: text". progname is the name we
 * were invoked as (basename of argv[0]), so "dtrace: ..." when installed
 * as dtrace. Fatal paths run the cleanup hooks (detach from tracees) first.
 */
#ifndef UDT_COMMON_MSG_H
#define UDT_COMMON_MSG_H

#include <stdarg.h>

extern const char *msg_progname; /* default "udtrace" */
void msg_set_progname(const char *argv0);

/* "<prog>: <text>\n" on stderr. */
void msg_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Same with ": strerror(errno)" appended. */
void msg_warn_errno(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* msg_warn(), then run cleanup hooks, then exit(1). */
void msg_fatal(const char *fmt, ...)
	__attribute__((format(printf, 1, 2), noreturn));

/* Cleanup hooks run (most recent first) by msg_fatal() and on OOM. */
typedef void (*msg_cleanup_fn)(void *arg);
void msg_add_cleanup(msg_cleanup_fn fn, void *arg);
/*
 * Unregisters the most recent hook registered with this fn and arg (when a
 * session closes normally). Returns 0, or -1 when no such hook is found.
 */
int msg_remove_cleanup(msg_cleanup_fn fn, void *arg);
void msg_run_cleanups(void);

#endif
