/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Allocation that never returns NULL: on exhaustion it prints a message and
 * leaves through msg_fatal(), which runs the registered cleanup hooks first
 * (so a traced process is always let go before we die).
 */
#ifndef UDT_COMMON_XALLOC_H
#define UDT_COMMON_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of nmemb elements of size sz, checking for overflow. */
void *xreallocarray(void *p, size_t nmemb, size_t sz);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Like asprintf(3), but dies on failure; the caller frees the result. */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
