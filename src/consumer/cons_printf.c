/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * DTrace's printf() at consumption time (dt_printf_format()): walks the
 * pieces of a parsed format (common/fmt.h) and renders each conversion
 * from its datum the way dtrace's pfprint_* functions do: integers promoted
 * by their size (1, 2, 4 bytes print as 32-bit values, 8 bytes with "ll"),
 * %d/%i of an unsigned value as %u, %p as bare hex, %c, %s, %S and %C with
 * C escapes, %a/%A symbols, %k stacks, %Y/%T dates in local time, dynamic
 * widths and precisions ('*', '.*'; a negative width left-aligns), and, for
 * printa(), the %@ aggregation value (averages, standard deviations and
 * histograms included). A precision of 0 is ignored, as dtrace ignores it.
 * A conversion wider or more precise than 64 KiB is written straight to
 * the output stream (as dt_printf() streams with vfprintf()), not built
 * in memory.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "common/xalloc.h"
#include "consumer/cons_impl.h"

#pragma GCC diagnostic ignored "-Wformat-nonliteral"

static struct fmt bad_fmt; /* marks a format that failed to parse */

const struct fmt *
cons_fmt_get(struct cons *c, const char *text)
{
	struct fmt *f = htab_get(c->fmts, text, strlen(text));

	if (f)
		return f == &bad_fmt ? NULL : f;
	f = xmalloc(sizeof(*f));
	if (fmt_parse(f, text, NULL, 0) != 0) {
		free(f);
		htab_put(c->fmts, text, strlen(text), &bad_fmt);
		return NULL;
	}
	htab_put(c->fmts, text, strlen(text), f);
	return f;
}

void
cons_fmts_release(struct cons *c)
{
	size_t it = 0, klen;
	const void *key;
	void *val;

	while (htab_next(c->fmts, &it, &key, &klen, &val)) {
		if (val && val != &bad_fmt) {
			fmt_release(val);
			free(val);
		}
	}
	htab_destroy(c->fmts);
	c->fmts = NULL;
}

void
cons_time_y(uint64_t ns, char *buf, size_t len)
{
	time_t sec = (time_t)(ns / 1000000000);
	char src[64];
	struct tm tm;

	/* ctime's "Wed Dec  3 17:20:00 1973\n" as "1973 Dec  3 17:20:00" */
	if (!localtime_r(&sec, &tm) || !asctime_r(&tm, src) ||
	    strlen(src) < 24) {
		snprintf(buf, len, "%s", "");
		return;
	}
	snprintf(buf, len, "%.4s%.16s", src + 20, src + 3);
}

void
cons_time_t(uint64_t ns, char *buf, size_t len)
{
	time_t sec = (time_t)(ns / 1000000000);
	struct tm tm;

	if (!localtime_r(&sec, &tm) ||
	    strftime(buf, len, "%a, %d %b %G %T %Z", &tm) == 0)
		snprintf(buf, len, "%s", "");
}

/* strchr2esc(): C escapes for special and unprintable characters. */
static char *
escape(const char *s, size_t n)
{
	struct strbuf sb;
	size_t i;

	sb_init(&sb);
	for (i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];

		switch (ch) {
		case '\0':
			sb_addstr(&sb, "\\0");
			break;
		case '\a':
			sb_addstr(&sb, "\\a");
			break;
		case '\b':
			sb_addstr(&sb, "\\b");
			break;
		case '\f':
			sb_addstr(&sb, "\\f");
			break;
		case '\n':
			sb_addstr(&sb, "\\n");
			break;
		case '\r':
			sb_addstr(&sb, "\\r");
			break;
		case '\t':
			sb_addstr(&sb, "\\t");
			break;
		case '\v':
			sb_addstr(&sb, "\\v");
			break;
		case '"':
			sb_addstr(&sb, "\\\"");
			break;
		case '\\':
			sb_addstr(&sb, "\\\\");
			break;
		default:
			if (ch != ' ' && (ch < '!' || ch > '~'))
				sb_addf(&sb, "\\%03o", ch);
			else
				sb_addch(&sb, (char)ch);
		}
	}
	return sb_detach(&sb, NULL);
}

/* The conversion's C format: "%" flags width precision. */
static void
spec(char *buf, size_t len, const struct fmt_piece *p, int width, int prec,
     int stack)
{
	char *f = buf;

	*f++ = '%';
	if (p->flags & FMT_F_ALT)
		*f++ = '#';
	if (p->flags & FMT_F_ZPAD)
		*f++ = '0';
	if (width < 0 || (p->flags & FMT_F_LEFT))
		*f++ = '-';
	if (p->flags & FMT_F_PLUS)
		*f++ = '+';
	if (p->flags & FMT_F_GROUP)
		*f++ = '\'';
	if (p->flags & FMT_F_SPACE)
		*f++ = ' ';
	if (stack && (p->flags & FMT_F_LEFT))
		width = 0;
	*f = '\0';
	if (width != 0)
		f += snprintf(f, len - (size_t)(f - buf), "%d",
			      width < 0 ? -width : width);
	if (prec > 0)
		snprintf(f, len - (size_t)(f - buf), ".%d", prec);
}

/*
 * Appends the conversion spc+conv of the argument, or, when fp is not
 * NULL (a very wide conversion), writes it straight to fp as dtrace's
 * dt_printf() does, so that a width of 2147483647 streams its padding
 * instead of building it in memory. A conversion the C library refuses
 * (a wide character not valid in the locale...) prints nothing rather
 * than failing the run.
 */
static void
addf(struct strbuf *sb, FILE *fp, const char *spc, const char *conv, ...)
{
	char f[96];
	va_list ap, aq;
	int n;

	snprintf(f, sizeof(f), "%s%s", spc, conv);
	va_start(ap, conv);
	if (fp) {
		vfprintf(fp, f, ap);
		va_end(ap);
		return;
	}
	va_copy(aq, ap);
	n = vsnprintf(NULL, 0, f, aq);
	va_end(aq);
	if (n >= 0) {
		sb_grow(sb, (size_t)n + 1);
		vsnprintf(sb->buf + sb->len, (size_t)n + 1, f, ap);
		sb->len += (size_t)n;
	}
	va_end(ap);
}

/* Conversions taking an int whatever the value's size (%c, %lc). */
static int
char_conv(const char *ofmt)
{
	return strchr(ofmt, 'c') != NULL;
}

/* ofmt with its last character replaced (for %d of unsigned values). */
static const char *
conv_u(const char *ofmt, char *buf, size_t len)
{
	snprintf(buf, len, "%s", ofmt);
	if (buf[0])
		buf[strlen(buf) - 1] = 'u';
	return buf;
}

static const char *
wide(const char *ofmt)
{
	/* "%wc"/"%ws" are Solaris spellings of "%lc"/"%ls" */
	if (strcmp(ofmt, "wc") == 0)
		return "lc";
	if (strcmp(ofmt, "ws") == 0)
		return "ls";
	return ofmt;
}

static void
print_sint(struct strbuf *sb, FILE *fp, const char *spc, const char *ofmt,
	   int64_t v, unsigned size, uint64_t normal)
{
	char conv[16];

	if (size == 8 && !char_conv(ofmt)) {
		snprintf(conv, sizeof(conv), "ll%s", ofmt);
		addf(sb, fp, spc, conv, (long long)(v / (int64_t)normal));
	} else {
		int32_t n = (int32_t)normal;

		addf(sb, fp, spc, wide(ofmt), (int)((int32_t)v / (n ? n : 1)));
	}
}

static void
print_uint(struct strbuf *sb, FILE *fp, const char *spc, const char *ofmt,
	   uint64_t v, unsigned size, uint64_t normal)
{
	char conv[16];

	if (size == 8 && !char_conv(ofmt)) {
		snprintf(conv, sizeof(conv), "ll%s", ofmt);
		addf(sb, fp, spc, conv, (unsigned long long)(v / normal));
	} else {
		uint32_t n = (uint32_t)normal;

		addf(sb, fp, spc, wide(ofmt),
		     (unsigned)((uint32_t)v / (n ? n : 1)));
	}
}

static void
print_fp(struct strbuf *sb, FILE *fp, const char *spc, const char *ofmt,
	 const struct vm_datum *d)
{
	char conv[16];

	if (d->type == VM_D_BYTES && d->len == sizeof(long double) &&
	    sizeof(long double) > sizeof(double)) {
		long double v;

		memcpy(&v, d->p, sizeof(v));
		snprintf(conv, sizeof(conv), "L%s", ofmt);
		addf(sb, fp, spc, conv, v);
	} else if (d->type == VM_D_BYTES && d->len == sizeof(double)) {
		double v;

		memcpy(&v, d->p, sizeof(v));
		addf(sb, fp, spc, ofmt, v);
	} else if (d->type == VM_D_BYTES && d->len == sizeof(float)) {
		float v;

		memcpy(&v, d->p, sizeof(v));
		addf(sb, fp, spc, ofmt, (double)v);
	} else if (d->type == VM_D_INT) {
		double v = d->is_signed ? (double)cons_datum_sval(d) :
					  (double)cons_datum_uval(d);

		addf(sb, fp, spc, ofmt, v);
	} else {
		addf(sb, fp, spc, ofmt, 0.0);
	}
}

/* A string value of a datum for %s-like conversions (caller frees). */
static char *
datum_str(struct cons *c, const struct vm_datum *d)
{
	char buf[512];

	switch (d->type) {
	case VM_D_STR:
		return xstrdup(d->s ? d->s : "");
	case VM_D_BYTES:
		return xstrndup((const char *)d->p, d->len);
	case VM_D_SYM:
		cons_sym_text(c, cons_sym_pid(c, d), d->i, d->size, buf,
			      sizeof(buf));
		return xstrdup(buf);
	default:
		return xstrdup("");
	}
}

static uint64_t
datum_addr(const struct vm_datum *d)
{
	if (d->type == VM_D_INT)
		return cons_datum_uval(d);
	return d->i;
}

/* One conversion of a plain (non-%@) datum. */
static void
conv_datum(struct cons *c, struct strbuf *sb, FILE *fp,
	   const struct fmt_piece *p, const struct vm_datum *d, int width,
	   int prec)
{
	const struct fmt_conv *cv = p->conv;
	char spc[64], buf[512], ub[16];
	char *s;

	spec(spc, sizeof(spc), p, width, prec, cv->print == FMT_P_STACK);
	if (d->type == VM_D_SYM &&
	    (d->size == VM_SYM_MOD || d->size == VM_SYM_UMOD)) {
		/* mod()/umod() values print their module whatever the
		   conversion (dtrace's pfprint_mod) */
		s = datum_str(c, d);
		addf(sb, fp, spc, "s", s);
		free(s);
		return;
	}
	switch (cv->print) {
	case FMT_P_SINT:
		print_sint(sb, fp, spc, cv->ofmt,
			   d->type == VM_D_INT ? cons_datum_sval(d) :
						 (int64_t)d->i,
			   d->type == VM_D_INT ? d->size : 8, 1);
		break;
	case FMT_P_UINT:
		print_uint(sb, fp, spc, cv->ofmt, datum_addr(d),
			   d->type == VM_D_INT ? d->size : 8, 1);
		break;
	case FMT_P_DINT:
		if (d->type == VM_D_INT && d->is_signed)
			print_sint(sb, fp, spc, cv->ofmt, cons_datum_sval(d),
				   d->size, 1);
		else
			print_uint(sb, fp, spc,
				   conv_u(cv->ofmt, ub, sizeof(ub)),
				   datum_addr(d),
				   d->type == VM_D_INT ? d->size : 8, 1);
		break;
	case FMT_P_FP:
		print_fp(sb, fp, spc, cv->ofmt, d);
		break;
	case FMT_P_ADDR:
		cons_sym_text(c, 0, datum_addr(d), 0, buf, sizeof(buf));
		addf(sb, fp, spc, "s", buf);
		break;
	case FMT_P_UADDR:
		cons_sym_text(c, cons_sym_pid(c, d), datum_addr(d), 0, buf,
			      sizeof(buf));
		addf(sb, fp, spc, "s", buf);
		break;
	case FMT_P_STACK: {
		int indent = 0;

		if (width < 0)
			indent = -width;
		else if (p->flags & FMT_F_LEFT)
			indent = width;
		if (d->type == VM_D_STACK) {
			char cf[80];

			snprintf(cf, sizeof(cf), "%ss", spc);
			cons_print_stack(c, sb, d, cf, indent);
		}
		break;
	}
	case FMT_P_TIME:
		cons_time_y(datum_addr(d), buf, sizeof(buf));
		addf(sb, fp, spc, "s", buf);
		break;
	case FMT_P_TIME822:
		cons_time_t(datum_addr(d), buf, sizeof(buf));
		addf(sb, fp, spc, "s", buf);
		break;
	case FMT_P_CSTR:
		s = datum_str(c, d);
		addf(sb, fp, spc, "s", s);
		free(s);
		break;
	case FMT_P_ESTR: {
		char *raw = datum_str(c, d);

		s = escape(raw, strlen(raw));
		addf(sb, fp, spc, "s", s);
		free(s);
		free(raw);
		break;
	}
	case FMT_P_ECHR: {
		char ch = (char)(d->type == VM_D_INT ? cons_datum_sval(d) : 0);

		s = escape(&ch, 1);
		addf(sb, fp, spc, "s", s);
		free(s);
		break;
	}
	case FMT_P_WSTR: {
		wchar_t *ws;
		size_t n = 0;

		if (d->type == VM_D_BYTES)
			n = d->len / sizeof(wchar_t);
		ws = xcalloc(n + 1, sizeof(wchar_t));
		if (n)
			memcpy(ws, d->p, n * sizeof(wchar_t));
		addf(sb, fp, spc, "ls", ws);
		free(ws);
		break;
	}
	case FMT_P_PCT:
	default:
		break;
	}
}

/* An average or a standard deviation through an integer conversion. */
static void
agg_int(struct strbuf *sb, FILE *fp, const char *spc, const struct fmt_conv *cv,
	uint64_t v)
{
	if (cv->print == FMT_P_UINT)
		print_uint(sb, fp, spc, cv->ofmt, v, 8, 1);
	else if (cv->print == FMT_P_DINT || cv->print == FMT_P_SINT)
		print_sint(sb, fp, spc, cv->ofmt, (int64_t)v, 8, 1);
	else if (cv->print == FMT_P_FP)
		addf(sb, fp, spc, cv->ofmt, (double)(int64_t)v);
}

/*
 * The value of count(), sum(), min() or max() through a conversion that
 * is not a number: dt_printf_format() hands the 8-byte value to the
 * conversion's own printer (pfprint_time() for %@Y, pfprint_time822()
 * for %@T, pfprint_addr() for %@a...), unnormalized.
 */
static void
agg_other(struct cons *c, struct strbuf *sb, FILE *fp, const char *spc,
	  const struct fmt_conv *cv, uint64_t v)
{
	char buf[512];

	switch (cv->print) {
	case FMT_P_TIME:
		cons_time_y(v, buf, sizeof(buf));
		break;
	case FMT_P_TIME822:
		cons_time_t(v, buf, sizeof(buf));
		break;
	case FMT_P_ADDR:
		cons_sym_text(c, 0, v, 0, buf, sizeof(buf));
		break;
	case FMT_P_UADDR:
		cons_sym_text(c, c->have_fire ? c->fire.pid : 0, v, 0, buf,
			      sizeof(buf));
		break;
	default:
		return;
	}
	addf(sb, fp, spc, "s", buf);
}

/* The %@ conversion: the value of one aggregation entry. */
static void
conv_agg(struct cons *c, struct strbuf *sb, FILE *fp, const struct fmt_piece *p,
	 const struct cons_aggval *av, int width, int prec)
{
	const struct fmt_conv *cv = p->conv;
	const struct vm_aggdesc *a = av->desc;
	uint64_t normal = av->normal ? av->normal : 1;
	int64_t zero[4] = { 0, 0, 0, 0 };
	const int64_t *data = av->e ? av->e->data : NULL;
	char spc[64], ub[16];
	int64_t *tmp = NULL;

	if (!data) {
		uint32_t n = a->ndata ? a->ndata : 1;

		data = n <= 4 ? zero : (tmp = xcalloc(n, sizeof(int64_t)));
	}
	spec(spc, sizeof(spc), p, width, prec, 0);
	switch (a->fn) {
	case VM_AGG_AVG: {
		uint64_t v = data[0] ? (uint64_t)data[1] / normal /
					       (uint64_t)data[0] :
				       0;

		/* dtrace's pfprint_average() divides unsigned values */
		agg_int(sb, fp, spc, cv, v);
		break;
	}
	case VM_AGG_STDDEV:
		agg_int(sb, fp, spc, cv,
			data[0] ? cons_stddev(data, normal) : 0);
		break;
	case VM_AGG_QUANTIZE:
		cons_quantize(sb, a, data, normal);
		break;
	case VM_AGG_LQUANTIZE:
		cons_lquantize(sb, a, data, normal);
		break;
	case VM_AGG_LLQUANTIZE:
		cons_llquantize(sb, a, data, normal);
		break;
	default:
		/* count() is an unsigned quantity, the others signed */
		if (cv->print == FMT_P_DINT && a->fn == VM_AGG_COUNT)
			print_uint(sb, fp, spc,
				   conv_u(cv->ofmt, ub, sizeof(ub)),
				   (uint64_t)data[0], 8, normal);
		else if (cv->print == FMT_P_DINT || cv->print == FMT_P_SINT)
			print_sint(sb, fp, spc, cv->ofmt, data[0], 8, normal);
		else if (cv->print == FMT_P_UINT)
			print_uint(sb, fp, spc, cv->ofmt, (uint64_t)data[0], 8,
				   normal);
		else if (cv->print == FMT_P_FP)
			addf(sb, fp, spc, cv->ofmt, (double)data[0]);
		else
			agg_other(c, sb, fp, spc, cv, (uint64_t)data[0]);
		break;
	}
	free(tmp);
}

/*
 * The stream a conversion this wide or precise is written to directly
 * (after what is buffered), or NULL to render it into sb: only text bound
 * for the output stream (c->sb) can be streamed, not a system() command.
 */
#define WIDE_CONV (64 * 1024)

static FILE *
wide_stream(struct cons *c, struct strbuf *sb, int width, int prec)
{
	if (sb != &c->sb ||
	    (width <= WIDE_CONV && width >= -WIDE_CONV && prec <= WIDE_CONV))
		return NULL;
	cons_flush(c);
	return c->out;
}

static void
wide_done(struct cons *c, FILE *fp)
{
	if (fp && ferror(fp) && !c->werr)
		c->werr = errno ? errno : EIO;
}

static int
getint(const struct vm_datum *d, int *out)
{
	if (d->type != VM_D_INT)
		return -1;
	*out = (int)cons_datum_sval(d);
	return 0;
}

int
cons_format(struct cons *c, struct strbuf *sb, const struct fmt *f,
	    const struct vm_datum *d, uint32_t n, const struct cons_aggval *av,
	    uint32_t nav)
{
	uint32_t di = 0, curagg = 0;
	size_t i;

	for (i = 0; i < f->npieces; i++) {
		const struct fmt_piece *p = &f->pieces[i];
		int width = p->width, prec = p->prec;
		FILE *fp;

		if (p->preflen)
			sb_add(sb, p->prefix, p->preflen);
		if (!p->conv)
			continue;
		if (p->conv->print == FMT_P_PCT) {
			sb_addch(sb, '%');
			continue;
		}
		if (p->flags & FMT_F_DYNWIDTH) {
			if (di >= n || getint(&d[di++], &width) != 0)
				return -1;
		}
		if (p->flags & FMT_F_DYNPREC) {
			if (di >= n || getint(&d[di++], &prec) != 0)
				return -1;
		}
		if (!(p->flags & FMT_F_PREC) && !(p->flags & FMT_F_DYNPREC))
			prec = 0;
		if (p->flags & FMT_F_AGG) {
			if (!av || nav == 0)
				return -1;
			fp = wide_stream(c, sb, width, prec);
			conv_agg(c, sb, fp, p, &av[curagg], width, prec);
			wide_done(c, fp);
			if (curagg + 1 < nav)
				curagg++;
			continue;
		}
		if (di >= n)
			return -1;
		fp = wide_stream(c, sb, width, prec);
		conv_datum(c, sb, fp, p, &d[di++], width, prec);
		wide_done(c, fp);
	}
	return (int)di;
}
