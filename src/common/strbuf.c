/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The growable string buffer of strbuf.h. An initialised but empty buffer
 * points at a shared static "" (git's slopbuf), so sb_init() never
 * allocates and sb->buf is never NULL; memory is allocated on the first
 * append. Growth is geometric and every size computation is checked for
 * overflow, dying through xalloc on exhaustion.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/msg.h"
#include "common/strbuf.h"
#include "common/xalloc.h"

/* Never written: every writer grows the buffer first (alloc == 0 here). */
static char sb_empty[1];

void
sb_init(struct strbuf *sb)
{
	sb->buf = sb_empty;
	sb->len = 0;
	sb->alloc = 0;
}

void
sb_release(struct strbuf *sb)
{
	if (sb->alloc)
		free(sb->buf);
	sb_init(sb);
}

void
sb_reset(struct strbuf *sb)
{
	sb_setlen(sb, 0);
}

char *
sb_detach(struct strbuf *sb, size_t *len)
{
	char *s;

	if (len)
		*len = sb->len;
	if (sb->alloc == 0)
		s = xstrdup("");
	else
		s = sb->buf;
	sb_init(sb);
	return s;
}

void
sb_grow(struct strbuf *sb, size_t extra)
{
	size_t want, nalloc;

	if (extra > SIZE_MAX - 1 - sb->len)
		msg_fatal("out of memory: string of %zu + %zu bytes", sb->len,
			  extra);
	want = sb->len + extra + 1;
	if (want <= sb->alloc)
		return;
	nalloc = sb->alloc < 32 ? 32 : sb->alloc;
	while (nalloc < want)
		nalloc = nalloc > SIZE_MAX / 2 ? want : nalloc * 2;
	if (sb->alloc == 0) {
		sb->buf = xmalloc(nalloc);
		sb->buf[0] = '\0';
	} else {
		sb->buf = xrealloc(sb->buf, nalloc);
	}
	sb->alloc = nalloc;
}

void
sb_add(struct strbuf *sb, const void *data, size_t len)
{
	if (len == 0)
		return;
	sb_grow(sb, len);
	memcpy(sb->buf + sb->len, data, len);
	sb->len += len;
	sb->buf[sb->len] = '\0';
}

void
sb_addstr(struct strbuf *sb, const char *s)
{
	sb_add(sb, s, strlen(s));
}

void
sb_addch(struct strbuf *sb, int c)
{
	sb_grow(sb, 1);
	sb->buf[sb->len++] = (char)c;
	sb->buf[sb->len] = '\0';
}

void
sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	/* Try in the space we have; retry once with the exact size. */
	sb_grow(sb, 64);
	va_copy(cp, ap);
	n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, cp);
	va_end(cp);
	if (n < 0)
		msg_fatal("sb_vaddf: cannot format \"%s\"", fmt);
	if ((size_t)n >= sb->alloc - sb->len) {
		sb_grow(sb, (size_t)n);
		va_copy(cp, ap);
		n = vsnprintf(sb->buf + sb->len, sb->alloc - sb->len, fmt, cp);
		va_end(cp);
		if (n < 0)
			msg_fatal("sb_vaddf: cannot format \"%s\"", fmt);
	}
	sb->len += (size_t)n;
}

void
sb_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	sb_vaddf(sb, fmt, ap);
	va_end(ap);
}

void
sb_setlen(struct strbuf *sb, size_t len)
{
	if (len > sb->len)
		msg_fatal("sb_setlen: %zu is beyond the length %zu", len,
			  sb->len);
	if (sb->alloc == 0)
		return; /* empty static buffer: len is already 0 */
	sb->len = len;
	sb->buf[len] = '\0';
}
