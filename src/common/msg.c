/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dtrace-style diagnostics ("<progname>: text") and the cleanup hooks that
 * every fatal exit runs first. The hooks live in a fixed array, so
 * registering one never allocates (an allocation failure must still be
 * able to detach from the traced processes). Each hook is popped before it
 * runs: a hook that itself fails fatally cannot run twice or loop.
 */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/msg.h"

const char *msg_progname = "udtrace";

#define MSG_MAX_CLEANUPS 32

static struct {
	msg_cleanup_fn fn;
	void *arg;
} cleanups[MSG_MAX_CLEANUPS];
static size_t ncleanups;

void
msg_set_progname(const char *argv0)
{
	const char *slash;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	slash = strrchr(argv0, '/');
	if (slash && slash[1] != '\0')
		msg_progname = slash + 1;
	else if (slash == NULL)
		msg_progname = argv0;
}

static void __attribute__((format(printf, 1, 0)))
vwarn(const char *fmt, va_list ap, const char *errstr)
{
	/*
	 * One write per message keeps concurrent output whole; a message
	 * too long for the buffer is written in pieces, never truncated.
	 */
	char buf[1024];
	va_list cp;
	int n, m;

	fflush(stdout);
	n = snprintf(buf, sizeof(buf), "%s: ", msg_progname);
	if (n < 0 || (size_t)n >= sizeof(buf))
		n = 0;
	va_copy(cp, ap);
	m = vsnprintf(buf + n, sizeof(buf) - (size_t)n, fmt, cp);
	va_end(cp);
	flockfile(stderr);
	if (m >= 0 && (size_t)m < sizeof(buf) - (size_t)n) {
		fputs(buf, stderr);
	} else {
		fprintf(stderr, "%s: ", msg_progname);
		vfprintf(stderr, fmt, ap);
	}
	if (errstr)
		fprintf(stderr, ": %s", errstr);
	fputc('\n', stderr);
	funlockfile(stderr);
	fflush(stderr);
}

void
msg_warn(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap, NULL);
	va_end(ap);
}

void
msg_warn_errno(const char *fmt, ...)
{
	int err = errno;
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap, strerror(err));
	va_end(ap);
}

void
msg_fatal(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vwarn(fmt, ap, NULL);
	va_end(ap);
	msg_run_cleanups();
	exit(1);
}

void
msg_add_cleanup(msg_cleanup_fn fn, void *arg)
{
	if (ncleanups == MSG_MAX_CLEANUPS) {
		/* A programming error: the table is sized for a few layers. */
		fprintf(stderr, "%s: too many cleanup hooks\n", msg_progname);
		abort();
	}
	cleanups[ncleanups].fn = fn;
	cleanups[ncleanups].arg = arg;
	ncleanups++;
}

void
msg_run_cleanups(void)
{
	while (ncleanups > 0) {
		ncleanups--;
		cleanups[ncleanups].fn(cleanups[ncleanups].arg);
	}
}

int
msg_remove_cleanup(msg_cleanup_fn fn, void *arg)
{
	size_t i = ncleanups;

	while (i-- > 0) {
		if (cleanups[i].fn != fn || cleanups[i].arg != arg)
			continue;
		memmove(&cleanups[i], &cleanups[i + 1],
			(ncleanups - i - 1) * sizeof(cleanups[0]));
		ncleanups--;
		return 0;
	}
	return -1;
}
