/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * -x oformat=json: the trace as newline-delimited JSON (one object per
 * line, RFC 8259), for jq and scripts. The option name is FreeBSD's
 * (dtrace -x oformat=json, libxo based); its member names are reused
 * where they fit ("timestamp", "cpu", "id", "provider", "module",
 * "function", "name"), but the records are flat lines rather than one
 * document, so a trace can be read while it runs. Every object has a
 * "type" member:
 *
 *  probe: one firing of a clause with data. -q changes nothing: every
 *	firing is a record, and there is no header line.
 *	{"type":"probe","timestamp":NS,"walltimestamp":NS,"cpu":0,"id":ID,
 *	 "epid":EPID,"probe":"prov:mod:func:name","provider":"prov",
 *	 "module":"mod","function":"func","name":"name","pid":PID,
 *	 "tid":TID,"execname":"comm","data":[ITEM,...]}
 *	timestamp is CLOCK_MONOTONIC ns, walltimestamp ns since the epoch;
 *	execname is the firing thread's at the firing (left out when the
 *	probe context has none). The data ITEMs, in
 *	the order the clause produced them, are one-member objects:
 *	  {"printf":"TEXT"}		printf() output, formatted
 *	  {"trace":VALUE}		trace()
 *	  {"print":VALUE,"ctype":"T"}	print() (T: the C type, if known)
 *	  {"tracemem":[BYTE,...]}	tracemem(), bytes as numbers
 *	  {"stack":["mod`f+0x1",...]}	stack(), innermost frame first
 *	  {"ustack":[...],"upid":PID}	ustack()
 *	  {"printa":[AGG,...]}		printa(), one AGG per aggregation
 *	  {"system":"COMMAND"}		system() (its output is the command's)
 *	A VALUE is a number (integers exactly, unsigned 64-bit ones too), a
 *	string, an array of frame strings (stacks), or for other byte
 *	objects (structs, arrays not holding a string) an array of byte
 *	numbers.
 *
 *  aggregation: an aggregation at the end of the run (those printa()
 *	did not print, as dtrace prints them), one record each:
 *	{"type":"aggregation","name":"@x","function":"count","rows":[ROW]}
 *	An AGG inside printa is the same object without "type". ROWs are
 *	sorted as dtrace sorts them (aggsortkey & co apply):
 *	{"keys":[VALUE,...],"value":V}; V is a number for count, sum, min,
 *	max, avg (dtrace's integer average) and stddev, normalize()d as
 *	dtrace prints them; for quantize, lquantize and llquantize it is an
 *	array of the non-empty buckets, {"min":LO,"max":HI,"count":N} with
 *	both bounds included (-9223372036854775808 and 9223372036854775807
 *	for the open-ended ones).
 *
 *  error: a runtime fault (what ERROR reports; the text line still goes
 *	to stderr):
 *	{"type":"error","probe":"p:m:f:n","id":ID,"epid":E,"clause":N,
 *	 "fault":"invalid address","fault_code":1,"address":A,
 *	 "action":N,"message":"error in dt_clause_..."}
 *	"address" for bad address/alignment/stack faults, "size" for bad
 *	sizes, "index" for indexes out of bounds; "action" 0 means the
 *	predicate. Other errors of a run (setopt(), freopen()) are
 *	{"type":"error","message":"..."}.
 *
 *  drops: {"type":"drops","kind":"dynamic variable",
 *	"tag":"DTRACEDROP_DYNAMIC","count":N}, N the drops since the last
 *	record of that kind (the stderr notices are printed too). Kinds:
 *	"dynamic variable", "speculative", "speculation busy",
 *	"speculation unavailable", "aggregation", "principal".
 *
 * Strings are tracee bytes: valid UTF-8 is kept, control characters
 * and every byte of an invalid UTF-8 sequence are written \u00XX (the
 * byte as a Latin-1 code point), so a line is always valid JSON.
 *
 * A firing's record stays open while its records are rendered; an action
 * that has to write elsewhere first (system(), freopen(), a library
 * error) closes it, and the firing's next data opens a new record for
 * the same firing.
 */
#include "config.h"

#include <fcntl.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/xalloc.h"
#include "consumer/cons_impl.h"

/* --- strings -------------------------------------------------------- */

/* Length of the valid UTF-8 sequence at p (n bytes left), or 0. */
static size_t
utf8_len(const uint8_t *p, size_t n)
{
	size_t len, i;
	uint32_t cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf) {
		len = 2;
		cp = p[0] & 0x1f;
	} else if (p[0] >= 0xe0 && p[0] <= 0xef) {
		len = 3;
		cp = p[0] & 0x0f;
	} else if (p[0] >= 0xf0 && p[0] <= 0xf4) {
		len = 4;
		cp = p[0] & 0x07;
	} else {
		return 0;
	}
	if (len > n)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	/* overlong forms, UTF-16 surrogates, beyond U+10FFFF */
	if ((len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

void
cons_json_str(struct strbuf *sb, const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)(s ? s : "");
	size_t i = 0, k;

	if (!s)
		n = 0;
	sb_addch(sb, '"');
	while (i < n) {
		uint8_t ch = p[i];

		switch (ch) {
		case '"':
			sb_addstr(sb, "\\\"");
			i++;
			continue;
		case '\\':
			sb_addstr(sb, "\\\\");
			i++;
			continue;
		case '\n':
			sb_addstr(sb, "\\n");
			i++;
			continue;
		case '\t':
			sb_addstr(sb, "\\t");
			i++;
			continue;
		case '\r':
			sb_addstr(sb, "\\r");
			i++;
			continue;
		default:
			break;
		}
		if (ch < 0x20 || ch == 0x7f) {
			sb_addf(sb, "\\u%04x", ch);
			i++;
			continue;
		}
		k = utf8_len(p + i, n - i);
		if (k == 0) {
			sb_addf(sb, "\\u%04x", ch);
			i++;
			continue;
		}
		sb_add(sb, p + i, k);
		i += k;
	}
	sb_addch(sb, '"');
}

static void
jstr(struct strbuf *sb, const char *s)
{
	cons_json_str(sb, s, s ? strlen(s) : 0);
}

/* "name": (a member name; names here never need escaping) */
static void
jkey(struct strbuf *sb, const char *name)
{
	sb_addf(sb, "\"%s\":", name);
}

/* --- values --------------------------------------------------------- */

static void
jbytes(struct strbuf *sb, const uint8_t *p, size_t n)
{
	size_t i;

	sb_addch(sb, '[');
	for (i = 0; i < n; i++)
		sb_addf(sb, i ? ",%u" : "%u", p[i]);
	sb_addch(sb, ']');
}

/*
 * A char array holds a string when it is printable characters followed
 * by NULs only (dt_print_bytes()'s test, bytes >= 0x80 allowed: JSON
 * escapes what is not UTF-8). Returns its length, or -1.
 */
static long
bytes_string(const uint8_t *p, size_t n)
{
	size_t i, j;

	for (i = 0; i < n && p[i]; i++)
		if (p[i] < 0x20 && p[i] != '\n' && p[i] != '\t' &&
		    p[i] != '\r' && p[i] != '\b' && p[i] != '\a' &&
		    p[i] != '\f' && p[i] != '\v')
			return -1;
	for (j = i; j < n; j++)
		if (p[j])
			return -1;
	return i == 0 && n > 0 ? -1 : (long)i;
}

static void
jstack(struct cons *c, struct strbuf *sb, const struct vm_datum *d)
{
	char buf[512];
	uint32_t i;
	int user = d->is_signed;

	sb_addch(sb, '[');
	for (i = 0; i < d->len && d->pcs[i]; i++) {
		int kind = user && c->o.noresolve ? CONS_SYM_NORESOLVE : 0;

		cons_sym_text(c, user ? (int64_t)d->i : 0, d->pcs[i], kind, buf,
			      sizeof(buf));
		if (i)
			sb_addch(sb, ',');
		jstr(sb, buf);
	}
	sb_addch(sb, ']');
}

static int
user_sym(int kind)
{
	return kind == VM_SYM_USYM || kind == VM_SYM_UFUNC ||
	       kind == VM_SYM_UMOD || kind == VM_SYM_UADDR;
}

/* A datum as a JSON value. */
static void
jdatum(struct cons *c, struct strbuf *sb, const struct vm_datum *d)
{
	switch (d->type) {
	case VM_D_INT:
		if (d->is_signed)
			sb_addf(sb, "%" PRId64, cons_datum_sval(d));
		else
			sb_addf(sb, "%" PRIu64, cons_datum_uval(d));
		break;
	case VM_D_STR:
		cons_json_str(sb, d->s, d->s ? d->len : 0);
		break;
	case VM_D_BYTES: {
		long sl = d->is_signed ? -1 : bytes_string(d->p, d->len);

		if (sl >= 0)
			cons_json_str(sb, (const char *)d->p, (size_t)sl);
		else
			jbytes(sb, d->p, d->len);
		break;
	}
	case VM_D_STACK:
		jstack(c, sb, d);
		break;
	case VM_D_SYM: {
		char buf[512];
		int64_t pid = user_sym(d->size) ? cons_sym_pid(c, d) : 0;

		cons_sym_text(c, pid, d->i, d->size, buf, sizeof(buf));
		jstr(sb, buf);
		break;
	}
	default:
		sb_addstr(sb, "null");
		break;
	}
}

/* --- probe records --------------------------------------------------- */

static const char *
nz(const char *s)
{
	return s ? s : "";
}

static void
open_record(struct cons *c)
{
	const struct vm_rec_fire *f = &c->fire;
	struct strbuf *sb = &c->sb;
	char *probe;

	probe = xasprintf("%s:%s:%s:%s", nz(f->prov), nz(f->mod), nz(f->func),
			  nz(f->name));
	sb_addf(sb,
		"{\"type\":\"probe\",\"timestamp\":%" PRIu64
		",\"walltimestamp\":%" PRIu64 ",\"cpu\":%d,\"id\":%" PRIu32
		",\"epid\":%" PRIu32 ",",
		f->timestamp, f->walltimestamp, f->cpu, f->probe_id, f->epid);
	jkey(sb, "probe");
	jstr(sb, probe);
	sb_addch(sb, ',');
	jkey(sb, "provider");
	jstr(sb, f->prov);
	sb_addch(sb, ',');
	jkey(sb, "module");
	jstr(sb, f->mod);
	sb_addch(sb, ',');
	jkey(sb, "function");
	jstr(sb, f->func);
	sb_addch(sb, ',');
	jkey(sb, "name");
	jstr(sb, f->name);
	sb_addf(sb, ",\"pid\":%" PRId64 ",\"tid\":%" PRId64, f->pid, f->tid);
	if (f->execname[0]) {
		sb_addch(sb, ',');
		jkey(sb, "execname");
		jstr(sb, f->execname);
	}
	sb_addstr(sb, ",\"data\":[");
	free(probe);
	c->in_fire = 1;
	c->json_items = 0;
}

void
cons_json_fire_end(struct cons *c)
{
	if (!c->in_fire)
		return;
	c->in_fire = 0;
	sb_addstr(&c->sb, "]}\n");
}

/* Starts a data item: reopens the firing's record if an action closed
   it, and separates items. */
static struct strbuf *
item(struct cons *c)
{
	if (!c->in_fire) {
		if (!c->have_fire)
			memset(&c->fire, 0, sizeof(c->fire));
		c->have_fire = 1;
		open_record(c);
	}
	if (c->json_items++)
		sb_addch(&c->sb, ',');
	return &c->sb;
}

/* --- aggregations ----------------------------------------------------- */

static const char *
agg_fn_name(uint8_t fn)
{
	switch (fn) {
	case VM_AGG_COUNT:
		return "count";
	case VM_AGG_SUM:
		return "sum";
	case VM_AGG_AVG:
		return "avg";
	case VM_AGG_MIN:
		return "min";
	case VM_AGG_MAX:
		return "max";
	case VM_AGG_STDDEV:
		return "stddev";
	case VM_AGG_QUANTIZE:
		return "quantize";
	case VM_AGG_LQUANTIZE:
		return "lquantize";
	case VM_AGG_LLQUANTIZE:
		return "llquantize";
	default:
		return "unknown";
	}
}

static void
bucket(struct strbuf *sb, int *first, int64_t lo, int64_t hi, int64_t count,
       uint64_t normal)
{
	if (count == 0)
		return;
	sb_addf(sb,
		"%s{\"min\":%" PRId64 ",\"max\":%" PRId64 ",\"count\":%" PRId64
		"}",
		*first ? "" : ",", lo, hi,
		(int64_t)((uint64_t)count / (normal ? normal : 1)));
	*first = 0;
}

/* quantize: bucket 63 holds 0, 64+i holds [2^i, 2^(i+1)) (the last
   one up to INT64_MAX), 62-i holds [-(2^(i+1)-1), -2^i] (the first one
   down to INT64_MIN). */
static void
jquantize(struct strbuf *sb, const int64_t *data, uint32_t n, uint64_t normal)
{
	int first = 1;
	uint32_t i;

	for (i = 0; i < n && i < 127; i++) {
		int64_t lo, hi;

		if (i == 63) {
			lo = hi = 0;
		} else if (i > 63) {
			lo = (int64_t)1 << (i - 64);
			hi = i == 126 ? INT64_MAX : 2 * lo - 1;
		} else {
			hi = -((int64_t)1 << (62 - i));
			lo = i == 0 ? INT64_MIN : 2 * hi + 1;
		}
		bucket(sb, &first, lo, hi, data[i], normal);
	}
}

/* lquantize: underflow (< base), levels buckets of step values from
   base, overflow (>= base + levels * step). */
static void
jlquantize(struct strbuf *sb, const struct vm_aggdesc *a, const int64_t *data,
	   uint32_t n, uint64_t normal)
{
	int64_t base = a->lq_base, step = a->lq_step > 0 ? a->lq_step : 1;
	int first = 1;
	uint32_t i;

	if (n < 2)
		return;
	for (i = 0; i < n; i++) {
		int64_t lo, hi;

		if (i == 0) {
			lo = INT64_MIN;
			hi = base - 1;
		} else {
			lo = base + (int64_t)(i - 1) * step;
			hi = i == n - 1 ? INT64_MAX : lo + step - 1;
		}
		bucket(sb, &first, lo, hi, data[i], normal);
	}
}

/* The upper bound of llquantize's bucket j above the middle one: below
   the next bucket that is not a ghost. */
static int64_t
llq_hi(const int64_t *lb, int j, int nbins)
{
	int k;

	for (k = j + 1; k < nbins; k++)
		if (lb[k] >= 0)
			return lb[k] - 1;
	return INT64_MAX;
}

/* llquantize (Oracle's symmetric layout): the middle bucket holds
   |value| < factor^low, the buckets below mirror those above. */
static void
jllquantize(struct strbuf *sb, const struct vm_aggdesc *a, const int64_t *data,
	    uint64_t normal)
{
	int64_t *d = NULL, *lb = NULL;
	int bin0 = 0, first = 1, i;
	int nbins = cons_llq_layout(a, data, &d, &lb, &bin0);

	for (i = 0; i < nbins; i++) {
		int64_t lo, hi;
		int m = 2 * bin0 - i;

		if (i == bin0) {
			lo = -(lb[bin0] - 1);
			hi = lb[bin0] - 1;
		} else if (i > bin0) {
			lo = lb[i];
			hi = llq_hi(lb, i, nbins);
		} else if (i == 0) {
			lo = INT64_MIN;
			hi = -lb[nbins - 1];
		} else {
			lo = -llq_hi(lb, m, nbins);
			hi = -lb[m];
		}
		bucket(sb, &first, lo, hi, d[i], normal);
	}
	free(d);
	free(lb);
}

void
cons_json_agg_row(struct cons *c, const struct vm_aggdesc *a,
		  const struct vm_agg_entry *e, uint64_t normal)
{
	struct strbuf *sb = &c->sb;
	uint32_t k;

	if (normal == 0)
		normal = 1;
	sb_addstr(sb, "{\"keys\":[");
	for (k = 0; k < a->nkeys; k++) {
		if (k)
			sb_addch(sb, ',');
		jdatum(c, sb, &e->keys[k]);
	}
	sb_addstr(sb, "],\"value\":");
	switch (a->fn) {
	case VM_AGG_AVG:
		sb_addf(sb, "%" PRId64,
			e->data[0] ? e->data[1] / (int64_t)normal / e->data[0] :
				     0);
		break;
	case VM_AGG_STDDEV:
		sb_addf(sb, "%" PRIu64,
			e->data[0] ? cons_stddev(e->data, normal) : 0);
		break;
	case VM_AGG_QUANTIZE:
		sb_addch(sb, '[');
		jquantize(sb, e->data, a->ndata, normal);
		sb_addch(sb, ']');
		break;
	case VM_AGG_LQUANTIZE:
		sb_addch(sb, '[');
		jlquantize(sb, a, e->data, a->ndata, normal);
		sb_addch(sb, ']');
		break;
	case VM_AGG_LLQUANTIZE:
		sb_addch(sb, '[');
		jllquantize(sb, a, e->data, normal);
		sb_addch(sb, ']');
		break;
	default:
		/* as dtrace prints it: an unsigned division by the factor */
		sb_addf(sb, "%" PRId64,
			normal == 1 ? e->data[0] :
				      (int64_t)((uint64_t)e->data[0] / normal));
		break;
	}
	sb_addch(sb, '}');
}

/* {"name":"@x","function":"count","rows":[...]} */
static void
agg_object(struct cons *c, struct vm_aggstore *st, uint32_t id, int record)
{
	const struct vm_aggdesc *a = vm_agg_desc(st, id);
	char *name = xasprintf("@%s", a && a->name ? a->name : "");

	sb_addstr(&c->sb, record ? "{\"type\":\"aggregation\",\"name\":" :
				   "{\"name\":");
	jstr(&c->sb, name);
	sb_addstr(&c->sb, ",\"function\":");
	jstr(&c->sb, a ? agg_fn_name(a->fn) : "unknown");
	sb_addstr(&c->sb, ",\"rows\":");
	cons_agg_json_rows(c, st, id);
	sb_addch(&c->sb, '}');
	free(name);
}

void
cons_json_agg_record(struct cons *c, struct vm_aggstore *st, uint32_t id)
{
	cons_json_fire_end(c);
	agg_object(c, st, id, 1);
	sb_addch(&c->sb, '\n');
}

static void
printa(struct cons *c, struct vm_aggstore *st, const struct vm_rec *r)
{
	struct strbuf *sb = item(c);
	uint32_t i, n = 0;

	sb_addstr(sb, "{\"printa\":[");
	for (i = 0; i < r->naggs; i++) {
		if (!vm_agg_desc(st, r->aggs[i]))
			continue;
		if (n++)
			sb_addch(sb, ',');
		agg_object(c, st, r->aggs[i], 0);
	}
	sb_addstr(sb, "]}");
}

/* --- errors and drops ------------------------------------------------ */

void
cons_json_fault(struct cons *c, const struct vm_rec_error *e, const char *fault,
		const char *msg)
{
	struct strbuf *sb = &c->sb;
	char *probe = xasprintf("%s:%s:%s:%s", nz(e->prov), nz(e->mod),
				nz(e->func), nz(e->name));

	cons_json_fire_end(c);
	sb_addstr(sb, "{\"type\":\"error\",\"probe\":");
	jstr(sb, probe);
	sb_addf(sb,
		",\"id\":%" PRIu32 ",\"epid\":%" PRIu32 ",\"clause\":%" PRIu32
		",\"fault\":",
		e->probe_id, e->epid, e->clause);
	jstr(sb, fault);
	sb_addf(sb, ",\"fault_code\":%u", (unsigned)e->fault);
	switch (e->fault) {
	case VM_FLT_BADADDR:
	case VM_FLT_BADALIGN:
	case VM_FLT_BADSTACK:
		sb_addf(sb, ",\"address\":%" PRIu64, e->addr);
		break;
	case VM_FLT_BADSIZE:
		sb_addf(sb, ",\"size\":%" PRIu64, e->addr);
		break;
	case VM_FLT_BADINDEX:
		sb_addf(sb, ",\"index\":%" PRId64, (int64_t)e->addr);
		break;
	default:
		break;
	}
	sb_addf(sb, ",\"action\":%" PRIu32 ",\"message\":", e->action_no);
	jstr(sb, msg);
	sb_addstr(sb, "}\n");
	free(probe);
}

void
cons_json_error(struct cons *c, const char *msg)
{
	cons_json_fire_end(c);
	sb_addstr(&c->sb, "{\"type\":\"error\",\"message\":");
	jstr(&c->sb, msg);
	sb_addstr(&c->sb, "}\n");
}

static const struct {
	const char *kind, *tag;
} drop_kinds[CONS_NDROPS] = {
	{ "dynamic variable", "DTRACEDROP_DYNAMIC" },
	{ "speculative", "DTRACEDROP_SPEC" },
	{ "speculation busy", "DTRACEDROP_SPECBUSY" },
	{ "speculation unavailable", "DTRACEDROP_SPECUNAVAIL" },
	{ "aggregation", "DTRACEDROP_AGGREGATION" },
	{ "principal", "DTRACEDROP_PRINCIPAL" },
};

void
cons_json_drops(struct cons *c, uint64_t dynvar, uint64_t spec,
		uint64_t specbusy, uint64_t specunavail, uint64_t agg,
		uint64_t buf)
{
	const uint64_t now[CONS_NDROPS] = { dynvar,	 spec, specbusy,
					    specunavail, agg,  buf };
	int i, any = 0;

	if (!c || !c->o.json)
		return;
	for (i = 0; i < CONS_NDROPS; i++) {
		if (now[i] <= c->drops[i])
			continue;
		cons_json_fire_end(c);
		sb_addstr(&c->sb, "{\"type\":\"drops\",\"kind\":");
		jstr(&c->sb, drop_kinds[i].kind);
		sb_addstr(&c->sb, ",\"tag\":");
		jstr(&c->sb, drop_kinds[i].tag);
		sb_addf(&c->sb, ",\"count\":%" PRIu64 "}\n",
			now[i] - c->drops[i]);
		c->drops[i] = now[i];
		any = 1;
	}
	if (any) {
		cons_flush(c);
		fflush(c->out);
	}
}

/* --- records ------------------------------------------------------------ */

int
cons_json_rec(struct cons *c, struct vm_aggstore *st, const struct vm_rec *r)
{
	struct strbuf *sb;

	switch (r->type) {
	case VM_REC_FIRE:
		cons_json_fire_end(c);
		c->fire = r->u.fire;
		c->have_fire = 1;
		open_record(c);
		return 1;
	case VM_REC_TRACE:
		if (r->n) {
			sb = item(c);
			sb_addstr(sb, "{\"trace\":");
			jdatum(c, sb, &r->d[0]);
			sb_addch(sb, '}');
		}
		return 1;
	case VM_REC_PRINT:
		if (r->n) {
			sb = item(c);
			sb_addstr(sb, "{\"print\":");
			jdatum(c, sb, &r->d[0]);
			if (r->fmt) {
				sb_addstr(sb, ",\"ctype\":");
				jstr(sb, r->fmt);
			}
			sb_addch(sb, '}');
		}
		return 1;
	case VM_REC_PRINTF: {
		const struct fmt *f = r->fmt ? cons_fmt_get(c, r->fmt) : NULL;
		struct strbuf text;

		if (!f)
			return 1;
		sb_init(&text);
		cons_format(c, &text, f, r->d, r->n, NULL, 0);
		sb = item(c);
		sb_addstr(sb, "{\"printf\":");
		cons_json_str(sb, text.buf, text.len);
		sb_addch(sb, '}');
		sb_release(&text);
		return 1;
	}
	case VM_REC_PRINTA:
		if (st && r->naggs)
			printa(c, st, r);
		return 1;
	case VM_REC_TRACEMEM:
		if (r->n && r->d[0].type == VM_D_BYTES) {
			sb = item(c);
			sb_addstr(sb, "{\"tracemem\":");
			jbytes(sb, r->d[0].p, r->d[0].len);
			sb_addch(sb, '}');
		}
		return 1;
	case VM_REC_STACK:
		if (r->n && r->d[0].type == VM_D_STACK) {
			const struct vm_datum *d = &r->d[0];

			sb = item(c);
			sb_addstr(sb, d->is_signed ? "{\"ustack\":" :
						     "{\"stack\":");
			jstack(c, sb, d);
			if (d->is_signed)
				sb_addf(sb, ",\"upid\":%" PRId64,
					(int64_t)d->i);
			sb_addch(sb, '}');
		}
		return 1;
	case VM_REC_SYSTEM: {
		const struct fmt *f = r->fmt ? cons_fmt_get(c, r->fmt) : NULL;
		struct strbuf text;

		sb_init(&text);
		if (f)
			cons_format(c, &text, f, r->d, r->n, NULL, 0);
		sb = item(c);
		sb_addstr(sb, "{\"system\":");
		cons_json_str(sb, text.buf, text.len);
		sb_addch(sb, '}');
		sb_release(&text);
		/* the command writes to our output: close the line first */
		cons_json_fire_end(c);
		return 0;
	}
	case VM_REC_FREOPEN:
	case VM_REC_FTRUNCATE:
		/* the rest of this firing goes to the new file, whole */
		cons_json_fire_end(c);
		return 0;
	default:
		return 0;
	}
}
