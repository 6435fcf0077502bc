/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A minimal TAP producer for the unit tests under tests/unit/, read by
 * automake's tap-driver.sh. Header-only: include it once from a test's
 * single .c file. plan(N) or done_testing() at the end (which prints the
 * plan when none was given); main returns done_testing()'s value, which is
 * nonzero when a test failed or the count does not match the plan.
 */
#ifndef UDT_TESTS_TAP_H
#define UDT_TESTS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int tap_planned = -1, tap_run, tap_failed;

static inline void
plan(int n)
{
	tap_planned = n;
	printf("1..%d\n", n);
}

static inline void __attribute__((format(printf, 1, 2)))
diag(const char *fmt, ...)
{
	va_list ap;

	fflush(stdout);
	fputs("# ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static inline int __attribute__((format(printf, 2, 0)))
tap_vok(int cond, const char *fmt, va_list ap)
{
	tap_run++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_run);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
	return cond;
}

/* ok(cond, name-format, ...): one test point. Returns cond. */
static inline int __attribute__((format(printf, 2, 3)))
ok(int cond, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vok(cond, fmt, ap);
	va_end(ap);
	return cond;
}

/* is_int(got, want, name-format, ...) and is_str(...): diag on mismatch. */
#define is_int(got, want, ...)                                                 \
	tap_is_int_((long long)(got), (long long)(want), #got, __VA_ARGS__)
#define is_str(got, want, ...) tap_is_str_((got), (want), #got, __VA_ARGS__)

static inline int __attribute__((format(printf, 4, 5)))
tap_is_int_(long long got, long long want, const char *expr, const char *fmt,
	    ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vok(got == want, fmt, ap);
	va_end(ap);
	if (got != want)
		diag("%s: got %lld, want %lld", expr, got, want);
	return got == want;
}

static inline int __attribute__((format(printf, 4, 5)))
tap_is_str_(const char *got, const char *want, const char *expr,
	    const char *fmt, ...)
{
	int same = (got == NULL || want == NULL) ? got == want :
						   strcmp(got, want) == 0;
	va_list ap;

	va_start(ap, fmt);
	tap_vok(same, fmt, ap);
	va_end(ap);
	if (!same)
		diag("%s: got \"%s\", want \"%s\"", expr, got ? got : "(null)",
		     want ? want : "(null)");
	return same;
}

static inline int
done_testing(void)
{
	if (tap_planned < 0)
		printf("1..%d\n", tap_run);
	else if (tap_planned != tap_run)
		diag("planned %d tests but ran %d", tap_planned, tap_run);
	fflush(stdout);
	return tap_failed || (tap_planned >= 0 && tap_planned != tap_run);
}

#endif
