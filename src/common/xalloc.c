/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The allocation wrappers of xalloc.h. Every one of them either returns
 * usable memory or leaves through msg_fatal(), which runs the registered
 * cleanup hooks (detaching from traced processes) before exiting, so no
 * caller ever checks for NULL. Zero-byte requests return a unique,
 * freeable pointer (malloc(0) may return NULL on some libcs).
 */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/msg.h"
#include "common/xalloc.h"

static _Noreturn void
oom(size_t n)
{
	msg_fatal("out of memory allocating %zu bytes", n);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom(n);
	return p;
}

void *
xcalloc(size_t nmemb, size_t size)
{
	void *p;

	if (nmemb == 0 || size == 0)
		nmemb = size = 1;
	p = calloc(nmemb, size);
	if (p == NULL) {
		/* calloc also fails on overflow; report the product we can. */
		oom(size && nmemb > SIZE_MAX / size ? SIZE_MAX : nmemb * size);
	}
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (q == NULL)
		oom(n);
	return q;
}

void *
xreallocarray(void *p, size_t nmemb, size_t sz)
{
	if (sz != 0 && nmemb > SIZE_MAX / sz)
		msg_fatal("out of memory: array of %zu elements of %zu bytes "
			  "overflows",
			  nmemb, sz);
	return xrealloc(p, nmemb * sz);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *p;

	if (len == SIZE_MAX)
		oom(len);
	p = xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *
xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	/* Measure, then format: no dependence on GNU vasprintf(). */
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		msg_fatal("xasprintf: cannot format \"%s\"", fmt);
	s = xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}
