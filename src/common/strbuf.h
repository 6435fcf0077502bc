/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * A growable, always NUL-terminated byte buffer (git's strbuf idea).
 * sb_init() an embedded one, sb_release() frees its memory, sb_detach()
 * hands the string to the caller (who frees it with free()).
 */
#ifndef UDT_COMMON_STRBUF_H
#define UDT_COMMON_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

struct strbuf {
	char *buf;  /* never NULL after sb_init(); always NUL-terminated */
	size_t len; /* bytes used, not counting the NUL */
	size_t alloc;
};

void sb_init(struct strbuf *sb);
void sb_release(struct strbuf *sb);
void sb_reset(struct strbuf *sb); /* len = 0, keeps memory */
char *sb_detach(struct strbuf *sb,
		size_t *len); /* caller frees; sb is re-initialised */
void sb_grow(struct strbuf *sb, size_t extra);
void sb_add(struct strbuf *sb, const void *data, size_t len);
void sb_addstr(struct strbuf *sb, const char *s);
void sb_addch(struct strbuf *sb, int c);
void sb_addf(struct strbuf *sb, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void sb_setlen(struct strbuf *sb, size_t len); /* truncate (len <= sb->len) */

#endif
