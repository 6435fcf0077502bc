/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Compile errors: recording {tag, line, message} in the compile control
 * block, the longjmp out of the D compiler (d_error), dtrace's layout of
 * the error text (dt_set_errmsg), and the tag names for -x errtags.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "d/d_ast.h"
#include "d/d_errtags.h"

#define D_ERRTAG_NAME_(name) #name,

static const char *const errtag_names[] = { D_ERRTAGS(D_ERRTAG_NAME_) };

const char *
d_errtag_name(enum d_errtag tag)
{
	if ((int)tag < 0 || tag >= D_ERRTAG_COUNT)
		return "D_UNKNOWN";
	return errtag_names[tag];
}

static void __attribute__((format(printf, 4, 0)))
verror_set(struct d_pcb *pcb, int line, enum d_errtag tag, const char *fmt,
	   va_list ap)
{
	char *nl;

	pcb->err_set = 1;
	pcb->err_tag = tag;
	pcb->err_line = line;
	vsnprintf(pcb->err_msg, sizeof(pcb->err_msg), fmt, ap);
	/* dt_set_errmsg removes the last newline of the message */
	if ((nl = strrchr(pcb->err_msg, '\n')) != NULL)
		*nl = '\0';
}

int
d_error_set(struct d_pcb *pcb, int line, enum d_errtag tag, const char *fmt,
	    ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror_set(pcb, line, tag, fmt, ap);
	va_end(ap);
	return -1;
}

void
d_error(struct d_pcb *pcb, int line, enum d_errtag tag, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	verror_set(pcb, line, tag, fmt, ap);
	va_end(ap);
	if (!pcb->jmp_armed) {
		/* a caller forgot setjmp(): a bug, never a user error */
		fprintf(stderr, "d_error without a handler: %s\n",
			pcb->err_msg);
		abort();
	}
	longjmp(pcb->jmp, 1);
}

void
d_error_format(const struct d_pcb *pcb, char *buf, size_t size, int with_tag,
	       int with_line)
{
	size_t n = 0;

	if (size == 0)
		return;
	buf[0] = '\0';
	if (with_tag)
		n += (size_t)snprintf(buf + n, size - n, "[%s] ",
				      d_errtag_name(pcb->err_tag));
	if (n < size && with_line && pcb->err_line > 0)
		n += (size_t)snprintf(buf + n, size - n,
				      "line %d: ", pcb->err_line);
	else if (n < size && pcb->err_region != NULL)
		n += (size_t)snprintf(buf + n, size - n,
				      "in %s: ", pcb->err_region);
	if (n < size)
		snprintf(buf + n, size - n, "%s", pcb->err_msg);
}
