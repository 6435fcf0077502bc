/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Printing of data items as DTrace prints them outside printf(): trace()
 * values (dt_print_trace(): widths by size and signedness, strings, byte
 * data), aggregation keys (dt_print_datum()), the tracemem()/rawbytes hex
 * table (dt_print_rawbytes()), the "is it a string?" test
 * (dt_print_bytes()), stacks (dt_print_stack()/dt_print_ustack()) and
 * symbol values (sym(), usym(), mod(), uaddr()...), resolved through the
 * session's cons_sym_ops or printed as bare 0x... addresses.
 */
#include "config.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "consumer/cons_impl.h"

int64_t
cons_datum_sval(const struct vm_datum *d)
{
	switch (d->size) {
	case 1:
		return (int8_t)d->i;
	case 2:
		return (int16_t)d->i;
	case 4:
		return (int32_t)d->i;
	default:
		return (int64_t)d->i;
	}
}

uint64_t
cons_datum_uval(const struct vm_datum *d)
{
	switch (d->size) {
	case 1:
		return (uint8_t)d->i;
	case 2:
		return (uint16_t)d->i;
	case 4:
		return (uint32_t)d->i;
	default:
		return d->i;
	}
}

void
cons_sym_text(struct cons *c, int64_t pid, uint64_t addr, int kind, char *buf,
	      size_t len)
{
	if (c->have_sym &&
	    c->sym.lookup(c->sym.ctx, pid, addr, kind, buf, len) == 0)
		return;
	snprintf(buf, len, "0x%" PRIx64, addr);
}

/*
 * The process a user symbol belongs to: the datum's len when the VM sets
 * it (proposed convention for VM_D_SYM of user kinds), else the process
 * of the current firing.
 */
int64_t
cons_sym_pid(const struct cons *c, const struct vm_datum *d)
{
	if (d->type == VM_D_SYM && d->len)
		return d->len;
	return c->have_fire ? c->fire.pid : 0;
}

static int
is_user_sym(int kind)
{
	return kind == VM_SYM_USYM || kind == VM_SYM_UFUNC ||
	       kind == VM_SYM_UMOD || kind == VM_SYM_UADDR;
}

/* A sym()/usym()/mod()... datum, as "  %-50s" (dt_print_sym() & co). */
static void
sym_datum(struct cons *c, const struct vm_datum *d)
{
	char buf[512];
	int64_t pid = is_user_sym(d->size) ? cons_sym_pid(c, d) : 0;

	cons_sym_text(c, pid, d->i, d->size, buf, sizeof(buf));
	sb_addf(&c->sb, "  %-50s", buf);
}

void
cons_rawbytes(struct strbuf *sb, const uint8_t *p, size_t n)
{
	size_t i, j;

	if (n == 0)
		return;
	sb_addf(sb, "\n%*s      ", 5, "");
	for (i = 0; i < 16; i++)
		sb_addf(sb, "  %c", "0123456789abcdef"[i]);
	sb_addstr(sb, "  0123456789abcdef\n");
	for (i = 0; i < n; i += 16) {
		sb_addf(sb, "%*s%5zx:", 5, "", i);
		for (j = i; j < i + 16 && j < n; j++)
			sb_addf(sb, " %02x", p[j]);
		while (j++ % 16)
			sb_addstr(sb, "   ");
		sb_addstr(sb, "  ");
		for (j = i; j < i + 16 && j < n; j++)
			sb_addch(sb, p[j] < ' ' || p[j] > '~' ? '.' : p[j]);
		sb_addch(sb, '\n');
	}
}

static int
printable(uint8_t ch)
{
	return (ch < 0x80 && (isprint(ch) || isspace(ch))) || ch == '\b' ||
	       ch == '\a';
}

/*
 * dt_print_bytes(): a run of printable characters followed only by NULs
 * (or by nothing) prints as a string; anything else as the hex table.
 */
static void
print_bytes(struct cons *c, const uint8_t *p, size_t n, int width, int quiet)
{
	size_t i, j;

	if (n == 0)
		return;
	if (c->o.rawbytes) {
		cons_rawbytes(&c->sb, p, n);
		return;
	}
	for (i = 0; i < n; i++) {
		if (printable(p[i]))
			continue;
		if (p[i] == '\0' && i > 0) {
			for (j = i + 1; j < n; j++)
				if (p[j] != '\0')
					break;
			if (j != n)
				break;
			if (quiet)
				sb_addf(&c->sb, "%s", (const char *)p);
			else
				sb_addf(&c->sb, "  %-*s", width,
					(const char *)p);
			return;
		}
		break;
	}
	if (i == n) {
		char *s = xstrndup((const char *)p, n);

		sb_addf(&c->sb, "  %-*s", width, s);
		free(s);
		return;
	}
	cons_rawbytes(&c->sb, p, n);
}

void
cons_print_stack(struct cons *c, struct strbuf *sb, const struct vm_datum *d,
		 const char *cfmt, int indent)
{
	char buf[512];
	uint32_t i;
	int user = d->is_signed;

	sb_addch(sb, '\n');
	if (!cfmt)
		cfmt = "%s";
	for (i = 0; i < d->len; i++) {
		uint64_t pc = d->pcs[i];
		int kind = 0;

		if (pc == 0)
			break;
		if (user && c->o.noresolve)
			kind = CONS_SYM_NORESOLVE;
		cons_sym_text(c, user ? (int64_t)d->i : 0, pc, kind, buf,
			      sizeof(buf));
		sb_addf(sb, "%*s", indent, "");
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		sb_addf(sb, cfmt, buf);
#pragma GCC diagnostic pop
		sb_addch(sb, '\n');
	}
}

/*
 * trace()'s field width for an integer of d's size: the digits of the
 * type's widest value (a signed 64-bit one has one digit less).
 */
static int
trace_int_width(const struct vm_datum *d)
{
	switch (d->size) {
	case 1:
		return 3;
	case 2:
		return 5;
	case 4:
		return 10;
	default:
		return d->is_signed ? 19 : 20;
	}
}

/* Unless quiet, a blank and the value right-aligned in its width. */
static void
trace_int(struct cons *c, const struct vm_datum *d)
{
	const char *pad = c->o.quiet ? "" : " ";
	int w = c->o.quiet ? 0 : trace_int_width(d);

	if (d->is_signed)
		sb_addf(&c->sb, "%s%*" PRId64, pad, w, cons_datum_sval(d));
	else
		sb_addf(&c->sb, "%s%*" PRIu64, pad, w, cons_datum_uval(d));
}

/* trace(): Oracle DTrace's dt_print_trace() and the symbol printers. */
void
cons_trace_datum(struct cons *c, const struct vm_datum *d)
{
	switch (d->type) {
	case VM_D_INT:
		if (c->o.rawbytes) {
			uint8_t b[8];
			uint64_t v = d->i;
			unsigned k, n = d->size ? d->size : 8;

			for (k = 0; k < n && k < 8; k++, v >>= 8)
				b[k] = (uint8_t)v;
			cons_rawbytes(&c->sb, b, n > 8 ? 8 : n);
			break;
		}
		trace_int(c, d);
		break;
	case VM_D_STR:
		if (c->o.rawbytes)
			cons_rawbytes(&c->sb, (const uint8_t *)d->s,
				      d->len + 1);
		else if (c->o.quiet)
			sb_addstr(&c->sb, d->s ? d->s : "");
		else
			sb_addf(&c->sb, "  %-33s", d->s ? d->s : "");
		break;
	case VM_D_BYTES:
		/*
		 * Oracle DTrace prints a char array as a string when it looks
		 * like one (dt_print_bytes()), and any other object -- a
		 * struct, a union, an array of non-char elements -- always as
		 * the byte table (tests actions/trace/tst.struct-1-byte,
		 * tst.array). The VM marks the latter with is_signed set.
		 */
		if (d->is_signed)
			cons_rawbytes(&c->sb, d->p, d->len);
		else
			print_bytes(c, d->p, d->len, 33, c->o.quiet);
		break;
	case VM_D_STACK:
		cons_print_stack(c, &c->sb, d, NULL, c->o.stackindent);
		break;
	case VM_D_SYM:
		sym_datum(c, d);
		break;
	default:
		break;
	}
}

/* An aggregation key (dt_print_datum(), keys are never normalized). */
void
cons_key_datum(struct cons *c, const struct vm_datum *d,
	       const struct vm_type *t)
{
	switch (d->type) {
	case VM_D_INT:
		switch (d->size) {
		case 1:
			sb_addf(&c->sb, " %3d", (int)(uint8_t)d->i);
			break;
		case 2:
			sb_addf(&c->sb, " %5d", (int)(uint16_t)d->i);
			break;
		case 4:
			sb_addf(&c->sb, " %8d", (int)(uint32_t)d->i);
			break;
		default:
			sb_addf(&c->sb, " %16lld", (long long)d->i);
			break;
		}
		break;
	case VM_D_STR: {
		/* dtrace sees the whole strsize-byte, NUL-padded record */
		size_t n = d->len + 1;
		uint8_t *p;

		if (t && t->kind == VM_T_STRING && t->size > n)
			n = t->size;
		p = xcalloc(1, n);
		memcpy(p, d->s ? d->s : "", d->len);
		print_bytes(c, p, n, 50, 0);
		free(p);
		break;
	}
	case VM_D_BYTES:
		/* dt_print_datum() goes by the record's size alone: an object
		   of 1, 2, 4 or 8 bytes (char[4], a small struct) prints as an
		   integer of that size, in host byte order */
		if (d->len == 1 || d->len == 2 || d->len == 4 || d->len == 8) {
			struct vm_datum v = { .type = VM_D_INT };
			uint64_t u = 0;
			uint8_t b[8];

			memcpy(b, d->p, d->len);
			switch (d->len) {
			case 1:
				u = b[0];
				break;
			case 2: {
				uint16_t x;

				memcpy(&x, b, 2);
				u = x;
				break;
			}
			case 4: {
				uint32_t x;

				memcpy(&x, b, 4);
				u = x;
				break;
			}
			default:
				memcpy(&u, b, 8);
				break;
			}
			v.size = (uint8_t)d->len;
			v.i = u;
			cons_key_datum(c, &v, NULL);
			break;
		}
		print_bytes(c, d->p, d->len, 50, 0);
		break;
	case VM_D_STACK:
		cons_print_stack(c, &c->sb, d, NULL, c->o.stackindent);
		break;
	case VM_D_SYM:
		sym_datum(c, d);
		break;
	default:
		break;
	}
}
