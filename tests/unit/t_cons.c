/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for src/consumer/: records built by hand and a small fake
 * aggregation store (this file implements vm_rec.h's store functions), so
 * the consumer is checked alone. Asserts DTrace's exact output: the
 * default "CPU ID FUNCTION:NAME" lines, trace() widths (Oracle DTrace's
 * signed/unsigned ones), quiet mode, printf conversions and flags, the
 * runtime error line, the tracemem table, aggregation layouts, sorting
 * (values, unsigned integer keys, aggsortkey/rev/keypos), trunc(),
 * normalize(), printa() with formats and joined aggregations, histograms
 * (expected texts taken from Oracle DTrace's test suite .r files), the
 * end-of-run print, flowindent, setopt errors and -t timestamps.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/msg.h"
#include "common/xalloc.h"
#include "consumer/cons.h"
#include "consumer/cons_impl.h" /* cons_json_str() */
#include "tap.h"

/* --- a fake aggregation store ------------------------------------------ */

struct fagg {
	struct vm_aggdesc *desc;
	struct vm_agg_entry **ents;
	size_t n;
};

struct vm_aggstore {
	struct fagg a[8];
	uint32_t n;
};

uint32_t
vm_agg_count(const struct vm_aggstore *st)
{
	return st->n;
}

const struct vm_aggdesc *
vm_agg_desc(const struct vm_aggstore *st, uint32_t id)
{
	return id < st->n ? st->a[id].desc : NULL;
}

size_t
vm_agg_entries(struct vm_aggstore *st, uint32_t id, struct vm_agg_entry ***out)
{
	struct fagg *f = &st->a[id];

	*out = xcalloc(f->n ? f->n : 1, sizeof(**out));
	memcpy(*out, f->ents, f->n * sizeof(**out));
	return f->n;
}

void
vm_agg_clear(struct vm_aggstore *st, uint32_t id)
{
	size_t i;

	for (i = 0; i < st->a[id].n; i++)
		memset(st->a[id].ents[i]->data, 0,
		       st->a[id].desc->ndata * sizeof(int64_t));
}

static void
free_ent(struct vm_agg_entry *e)
{
	free(e->keys);
	free(e->data);
	free(e);
}

void
vm_agg_remove(struct vm_aggstore *st, uint32_t id, struct vm_agg_entry *e)
{
	struct fagg *f = &st->a[id];
	size_t i;

	for (i = 0; i < f->n; i++) {
		if (f->ents[i] == e) {
			f->ents[i] = f->ents[--f->n];
			free_ent(e);
			return;
		}
	}
}

uint64_t
vm_agg_drops(const struct vm_aggstore *st)
{
	(void)st;
	return 0;
}

uint32_t
vm_llq_nbuckets(const struct vm_aggdesc *a)
{
	return a->ndata;
}

int64_t
vm_llq_bucket_min(const struct vm_aggdesc *a, uint32_t i)
{
	(void)a;
	return i;
}

static struct vm_aggdesc *
mkagg(struct vm_aggstore *st, uint8_t fn, uint32_t nkeys, uint32_t ndata)
{
	struct vm_aggdesc *a = xcalloc(1, sizeof(*a));

	a->fn = fn;
	a->nkeys = nkeys;
	a->ndata = ndata;
	a->id = st->n;
	a->name = "";
	if (nkeys)
		a->keys = xcalloc(nkeys, sizeof(*a->keys));
	st->a[st->n].desc = a;
	st->n++;
	return a;
}

static struct vm_agg_entry *
mkent(struct vm_aggstore *st, uint32_t id)
{
	struct fagg *f = &st->a[id];
	struct vm_agg_entry *e = xcalloc(1, sizeof(*e));

	e->keys =
		xcalloc(f->desc->nkeys ? f->desc->nkeys : 1, sizeof(*e->keys));
	e->data = xcalloc(f->desc->ndata, sizeof(int64_t));
	f->ents = xreallocarray(f->ents, f->n + 1, sizeof(*f->ents));
	f->ents[f->n++] = e;
	return e;
}

static void
store_free(struct vm_aggstore *st)
{
	uint32_t i;
	size_t j;

	for (i = 0; i < st->n; i++) {
		for (j = 0; j < st->a[i].n; j++)
			free_ent(st->a[i].ents[j]);
		free(st->a[i].ents);
		free(st->a[i].desc->keys);
		free(st->a[i].desc);
	}
	memset(st, 0, sizeof(*st));
}

/* --- datums and records -------------------------------------------- */

static struct vm_datum
dint(int64_t v, int size, int sign)
{
	struct vm_datum d;

	memset(&d, 0, sizeof(d));
	d.type = VM_D_INT;
	d.size = (uint8_t)size;
	d.is_signed = (uint8_t)sign;
	d.i = (uint64_t)v;
	return d;
}

static struct vm_datum
dstr(const char *s)
{
	struct vm_datum d;

	memset(&d, 0, sizeof(d));
	d.type = VM_D_STR;
	d.s = s;
	d.len = (uint32_t)strlen(s);
	return d;
}

static struct vm_datum
dbytes(const void *p, size_t n)
{
	struct vm_datum d;

	memset(&d, 0, sizeof(d));
	d.type = VM_D_BYTES;
	d.p = p;
	d.len = (uint32_t)n;
	return d;
}

#define MAXR 32
struct rb {
	struct vm_recbuf b;
	struct vm_rec r[MAXR];
	struct vm_datum d[MAXR][8];
	uint32_t aggs[MAXR][4];
};

static void
rb_init(struct rb *rb)
{
	memset(rb, 0, sizeof(*rb));
	rb->b.recs = rb->r;
	rb->b.cap = MAXR;
}

static struct vm_rec *
rb_add(struct rb *rb, int type)
{
	struct vm_rec *r = &rb->r[rb->b.nrecs];

	r->type = (uint16_t)type;
	r->d = rb->d[rb->b.nrecs];
	r->aggs = rb->aggs[rb->b.nrecs];
	rb->b.nrecs++;
	return r;
}

static void
rb_fire(struct rb *rb, uint32_t id, const char *prov, const char *func,
	const char *name)
{
	struct vm_rec *r = rb_add(rb, VM_REC_FIRE);

	r->u.fire.epid = id;
	r->u.fire.probe_id = id;
	r->u.fire.prov = prov;
	r->u.fire.mod = "";
	r->u.fire.func = func;
	r->u.fire.name = name;
	r->u.fire.cpu = 0;
}

static void
rb_trace(struct rb *rb, struct vm_datum d)
{
	struct vm_rec *r = rb_add(rb, VM_REC_TRACE);

	r->d[0] = d;
	r->n = 1;
}

static void
rb_printf(struct rb *rb, const char *fmt, const struct vm_datum *d, uint32_t n)
{
	struct vm_rec *r = rb_add(rb, VM_REC_PRINTF);

	r->fmt = fmt;
	if (n)
		memcpy(r->d, d, n * sizeof(*d));
	r->n = n;
}

static void
rb_printa(struct rb *rb, const char *fmt, const uint32_t *ids, uint32_t n)
{
	struct vm_rec *r = rb_add(rb, VM_REC_PRINTA);

	r->fmt = fmt;
	memcpy(r->aggs, ids, n * sizeof(*ids));
	r->naggs = n;
}

/* --- running the consumer -------------------------------------------- */

struct run {
	char *out, *err;
	size_t olen, elen;
	FILE *fo, *fe;
	struct cons *c;
};

static void
run_open(struct run *r, const struct cons_opts *o)
{
	memset(r, 0, sizeof(*r));
	r->fo = open_memstream(&r->out, &r->olen);
	r->fe = open_memstream(&r->err, &r->elen);
	r->c = cons_create(r->fo, r->fe, o, NULL);
}

static void
run_close(struct run *r)
{
	cons_destroy(r->c);
	fclose(r->fo);
	fclose(r->fe);
}

static void
run_free(struct run *r)
{
	free(r->out);
	free(r->err);
}

/* Drains b (and, with end, does the end-of-run print); checks stdout. */
static void
check(const struct cons_opts *o, struct rb *rb, struct vm_aggstore *st, int end,
      const char *want, const char *name)
{
	struct run r;

	run_open(&r, o);
	cons_drain(r.c, &rb->b, st);
	if (end)
		cons_print_remaining_aggs(r.c, st);
	run_close(&r);
	is_str(r.out, want, "%s", name);
	run_free(&r);
}

static struct cons_opts
opts(int quiet)
{
	struct cons_opts o;

	cons_opts_default(&o);
	o.quiet = quiet;
	return o;
}

/* --- tests ------------------------------------------------------------ */

static void
test_default_lines(void)
{
	struct cons_opts o = opts(0);
	struct rb rb;

	rb_init(&rb);
	rb_fire(&rb, 1, "dtrace", "", "BEGIN");
	rb_trace(&rb, dstr("hello, world"));
	check(&o, &rb, NULL, 0,
	      "CPU     ID                    FUNCTION:NAME\n"
	      "  0      1                           :BEGIN   hello, world"
	      "                     \n",
	      "hello world, default format");

	rb_init(&rb);
	rb_fire(&rb, 64091, "profile", "", "tick-60s");
	rb_fire(&rb, 1, "dtrace", "", "BEGIN");
	check(&o, &rb, NULL, 0,
	      "CPU     ID                    FUNCTION:NAME\n"
	      "  0  64091                        :tick-60s \n"
	      "  0      1                           :BEGIN \n",
	      "firings without data keep the trailing space");

	o = opts(1);
	rb_init(&rb);
	rb_fire(&rb, 1, "dtrace", "", "BEGIN");
	rb_trace(&rb, dstr("a"));
	rb_trace(&rb, dint(-5, 8, 1));
	rb_trace(&rb, dint(7, 4, 0));
	check(&o, &rb, NULL, 0, "a-57", "quiet: no header, bare values");
}

static void
test_trace_widths(void)
{
	struct cons_opts o = opts(0);
	struct rb rb;

	rb_init(&rb);
	rb_fire(&rb, 1, "dtrace", "", "BEGIN");
	rb_trace(&rb, dint(-1, 8, 1));
	rb_trace(&rb, dint(-1, 8, 0));
	rb_trace(&rb, dint(-1, 4, 1));
	rb_trace(&rb, dint(-1, 4, 0));
	rb_trace(&rb, dint(-1, 2, 1));
	rb_trace(&rb, dint(-1, 2, 0));
	rb_trace(&rb, dint(-1, 1, 1));
	rb_trace(&rb, dint(-1, 1, 0));
	check(&o, &rb, NULL, 0,
	      "CPU     ID                    FUNCTION:NAME\n"
	      "  0      1                           :BEGIN "
	      "                  -1 18446744073709551615"
	      "         -1 4294967295    -1 65535  -1 255\n",
	      "Oracle trace() widths by size and sign");

	o = opts(1);
	rb_init(&rb);
	rb_trace(&rb, dint(-2, 1, 1));
	rb_trace(&rb, dstr("\n"));
	rb_trace(&rb, dint(-2, 2, 1));
	rb_trace(&rb, dstr("\n"));
	rb_trace(&rb, dint(-2, 4, 1));
	rb_trace(&rb, dstr("\n"));
	rb_trace(&rb, dint(-2, 8, 1));
	check(&o, &rb, NULL, 0, "-2\n-2\n-2\n-2",
	      "quiet signed values (tst.signedkeys.r)");
}

static void
test_printf(void)
{
	struct cons_opts o = opts(1);
	struct rb rb;
	struct vm_datum d[8];

	rb_init(&rb);
	d[0] = dint(42, 4, 1);
	d[1] = dstr("hello");
	rb_printf(&rb, "[%d] [%5.2s] [%-6d] [%%]\n", d, 2);
	d[0] = dint(42, 4, 1);
	rb.r[0].d[2] = dint(42, 4, 1);
	rb.r[0].n = 3;
	check(&o, &rb, NULL, 0, "[42] [   he] [42    ] [%]\n",
	      "printf: width, precision, left, %%");

	rb_init(&rb);
	d[0] = dint(-1, 4, 1);
	d[1] = dint(0xffffffff, 4, 0);
	d[2] = dint(-1, 1, 1);
	d[3] = dint(255, 1, 0);
	d[4] = dint(-1, 8, 1);
	d[5] = dint(0x1234, 8, 0);
	d[6] = dint('A', 1, 1);
	d[7] = dint(-1, 2, 1);
	rb_printf(&rb, "%x %d %d %d %x %p %c %hx|", d, 8);
	check(&o, &rb, NULL, 0,
	      "ffffffff 4294967295 -1 255 ffffffffffffffff 1234 A ffff|",
	      "printf: integer promotion, %d of unsigned, bare %p");

	rb_init(&rb);
	d[0] = dint(-6, 4, 1);
	d[1] = dint(7, 4, 1);
	d[2] = dint(8, 4, 1);
	d[3] = dint(0, 4, 1);
	d[4] = dint(3, 4, 1);
	d[5] = dstr("abcdef");
	d[6] = dstr("xyz");
	rb_printf(&rb, "[%*d][%0*d][%.*s][%.0s]", d, 7);
	check(&o, &rb, NULL, 0, "[7     ][00000000][abc][xyz]",
	      "printf: dynamic width (negative left-aligns), '0', .*, .0");

	rb_init(&rb);
	d[0] = dstr("a\nb\t\"\\\001");
	d[1] = dint('\n', 1, 1);
	d[2] = dint(0, 8, 0);
	d[3] = dint(1728678218LL * 1000000000LL, 8, 0);
	rb_printf(&rb, "%S|%C|%Y|%Y|%5s|%-5s|", d, 4);
	rb.r[0].d[4] = dstr("ab");
	rb.r[0].d[5] = dstr("ab");
	rb.r[0].n = 6;
	check(&o, &rb, NULL, 0,
	      "a\\nb\\t\\\"\\\\\\001|\\n|1970 Jan  1 00:00:00|"
	      "2024 Oct 11 20:23:38|   ab|ab   |",
	      "printf: %S, %C escapes; %Y (TZ=UTC)");

	rb_init(&rb);
	d[0] = dint(1, 4, 1);
	d[1] = dint(2, 8, 1);
	rb_printf(&rb, "%+d % d %#x %#o %5.3d %-+5d|", d, 2);
	rb.r[0].d[2] = dint(255, 4, 1);
	rb.r[0].d[3] = dint(8, 4, 1);
	rb.r[0].d[4] = dint(7, 4, 1);
	rb.r[0].d[5] = dint(3, 4, 1);
	rb.r[0].n = 6;
	check(&o, &rb, NULL, 0, "+1  2 0xff 010   007 +3   |",
	      "printf: + space # flags");

	rb_init(&rb);
	d[0] = dstr("no conversions\n");
	rb_printf(&rb, "plain text\n", d, 0);
	check(&o, &rb, NULL, 0, "plain text\n", "printf: text only");
}

static void
test_error(void)
{
	struct cons_opts o = opts(1);
	struct run r;
	struct rb rb;
	struct vm_rec *e;

	rb_init(&rb);
	e = rb_add(&rb, VM_REC_ERROR);
	e->u.err.clause = 0;
	e->u.err.probe_id = 1;
	e->u.err.prov = "dtrace";
	e->u.err.mod = "";
	e->u.err.func = "";
	e->u.err.name = "BEGIN";
	e->u.err.action_no = 1;
	e->u.err.fault = VM_FLT_BADADDR;
	e->u.err.addr = 0;
	e = rb_add(&rb, VM_REC_ERROR);
	e->u.err.clause = 2;
	e->u.err.probe_id = 3;
	e->u.err.prov = "profile";
	e->u.err.mod = "";
	e->u.err.func = "";
	e->u.err.name = "tick-1s";
	e->u.err.action_no = 0;
	e->u.err.fault = VM_FLT_DIVZERO;
	run_open(&r, &o);
	cons_drain(r.c, &rb.b, NULL);
	run_close(&r);
	is_str(r.err,
	       "udtrace: error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN):"
	       " invalid address (0x0) in action #1\n"
	       "udtrace: error in dt_clause_2 for probe ID 3 "
	       "(profile:::tick-1s): divide-by-zero in predicate\n",
	       "runtime error lines (Oracle shape)");
	is_str(r.out, "", "nothing on stdout");
	run_free(&r);
}

static void
test_tracemem(void)
{
	struct cons_opts o = opts(1);
	struct rb rb;
	struct vm_rec *r;
	static const char buf[20] = "dtrace";

	rb_init(&rb);
	r = rb_add(&rb, VM_REC_TRACEMEM);
	r->d[0] = dbytes(buf, 20);
	r->n = 1;
	check(&o, &rb, NULL, 0,
	      "\n             0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f"
	      "  0123456789abcdef\n"
	      "         0: 64 74 72 61 63 65 00 00 00 00 00 00 00 00 00 00"
	      "  dtrace..........\n"
	      "        10: 00 00 00 00                                    "
	      "  ....\n",
	      "tracemem hex table (tst.array.r layout)");

	/* trace() of a char array that is a string prints as one */
	rb_init(&rb);
	rb_trace(&rb, dbytes(buf, 8));
	check(&o, &rb, NULL, 0, "dtrace", "byte data that is a string");
}

static void
test_aggs_basic(void)
{
	struct vm_aggstore st;
	struct cons_opts o = opts(1);
	struct vm_aggdesc *a;
	struct vm_agg_entry *e;
	struct rb rb;

	memset(&st, 0, sizeof(st));
	a = mkagg(&st, VM_AGG_COUNT, 1, 1);
	a->keys[0].kind = VM_T_STRING;
	a->keys[0].size = 256;
	e = mkent(&st, 0);
	e->keys[0] = dstr("write system calls");
	e->data[0] = 179;
	e = mkent(&st, 0);
	e->keys[0] = dstr("Harding");
	e->data[0] = 1;
	rb_init(&rb);
	check(&o, &rb, &st, 1,
	      "\n"
	      "  Harding                                                   "
	      "        1\n"
	      "  write system calls                                        "
	      "      179\n",
	      "end-of-run: blank line, keys \"  %-50s\", value \" %16lld\","
	      " by value");

	/* printed by printa(): not printed again at the end */
	rb_init(&rb);
	{
		uint32_t id = 0;

		rb_printa(&rb, NULL, &id, 1);
	}
	check(&o, &rb, &st, 1,
	      "\n"
	      "  Harding                                                   "
	      "        1\n"
	      "  write system calls                                        "
	      "      179\n"
	      "\n",
	      "printa() then end of run: only the final blank line");
	store_free(&st);

	/* scalar avg (tst.avg.r) and an empty run */
	a = mkagg(&st, VM_AGG_AVG, 0, 2);
	e = mkent(&st, 0);
	e->data[0] = 4;
	e->data[1] = 1801;
	rb_init(&rb);
	check(&o, &rb, &st, 1, "\n              450\n", "scalar avg");
	store_free(&st);
	rb_init(&rb);
	check(&o, &rb, &st, 1, "\n", "no aggregations: just the newline");

	/* stddev of 2 4 4 4 5 5 7 9 is 2; normalize() divides sums */
	a = mkagg(&st, VM_AGG_STDDEV, 0, 4);
	e = mkent(&st, 0);
	e->data[0] = 8;
	e->data[1] = 40;
	e->data[2] = 232;
	a = mkagg(&st, VM_AGG_SUM, 0, 1);
	e = mkent(&st, 1);
	e->data[0] = 1000;
	rb_init(&rb);
	{
		struct vm_rec *r = rb_add(&rb, VM_REC_NORMALIZE);

		r->aggs[0] = 1;
		r->naggs = 1;
		r->i = 10;
	}
	check(&o, &rb, &st, 1, "\n                2\n              100\n",
	      "stddev; normalize(@, 10); aggregations in id order");
	store_free(&st);
	(void)a;
}

static void
test_signedkeys(void)
{
	static const int sizes[4] = { 1, 2, 4, 8 };
	struct vm_aggstore st;
	struct cons_opts o = opts(1);
	struct rb rb;
	int s, v;

	memset(&st, 0, sizeof(st));
	for (s = 0; s < 4; s++) {
		struct vm_aggdesc *a = mkagg(&st, VM_AGG_SUM, 1, 1);

		a->keys[0].kind = VM_T_INT;
		a->keys[0].size = (uint32_t)sizes[s];
		a->keys[0].is_signed = 1;
		for (v = -2; v <= 2; v++) {
			struct vm_agg_entry *e = mkent(&st, (uint32_t)s);

			e->keys[0] = dint(v, sizes[s], 1);
			e->data[0] = v;
		}
	}
	o.aggsortkey = 1;
	rb_init(&rb);
	check(&o, &rb, &st, 1,
	      "\n"
	      "   0                0\n"
	      "   1                1\n"
	      "   2                2\n"
	      " 254               -2\n"
	      " 255               -1\n"
	      "     0                0\n"
	      "     1                1\n"
	      "     2                2\n"
	      " 65534               -2\n"
	      " 65535               -1\n"
	      "        0                0\n"
	      "        1                1\n"
	      "        2                2\n"
	      "       -2               -2\n"
	      "       -1               -1\n"
	      "                0                0\n"
	      "                1                1\n"
	      "                2                2\n"
	      "               -2               -2\n"
	      "               -1               -1\n",
	      "tst.signedkeys.r: unsigned key order, widths by size");

	o.aggsortkey = 0;
	o.aggsortrev = 1;
	rb_init(&rb);
	{
		struct run r;
		const char *want = "\n"
				   "                2                2\n"
				   "                1                1\n"
				   "                0                0\n"
				   "               -1               -1\n"
				   "               -2               -2\n";

		run_open(&r, &o);
		cons_drain(r.c, &rb.b, &st);
		cons_print_remaining_aggs(r.c, &st);
		run_close(&r);
		ok(strlen(r.out) > strlen(want) &&
			   strncmp(r.out, want, strlen(want)) == 0,
		   "aggsortrev: values descending, last aggregation first");
		run_free(&r);
	}
	store_free(&st);
}

static void
test_trunc(void)
{
	struct vm_aggstore st;
	struct cons_opts o = opts(1);
	struct vm_aggdesc *a;
	struct rb rb;
	struct vm_rec *r;
	int i;

	memset(&st, 0, sizeof(st));
	a = mkagg(&st, VM_AGG_SUM, 1, 1);
	a->keys[0].kind = VM_T_INT;
	a->keys[0].size = 4;
	a->keys[0].is_signed = 1;
	for (i = 0; i < 100; i++) {
		struct vm_agg_entry *e = mkent(&st, 0);

		e->keys[0] = dint(100 + i, 4, 1);
		e->data[0] = 1000 + i;
	}
	rb_init(&rb);
	r = rb_add(&rb, VM_REC_TRUNC);
	r->aggs[0] = 0;
	r->naggs = 1;
	r->i = -5;
	r->has_arg = 1;
	{
		struct run run;

		run_open(&run, &o);
		cons_drain(run.c, &rb.b, &st);
		{
			struct vm_agg_entry *e = mkent(&st, 0);

			e->keys[0] = dint(301, 4, 1);
			e->data[0] = 2101;
		}
		cons_print_remaining_aggs(run.c, &st);
		run_close(&run);
		is_str(run.out,
		       "\n      100             1000\n      101             1001\n"
		       "      102             1002\n      103             1003\n"
		       "      104             1004\n      301             2101\n",
		       "trunc(@, -5) keeps the 5 lowest (tst.trunc-sum-neg5.r)");
		run_free(&run);
	}
	r->i = 2;
	check(&o, &rb, &st, 1,
	      "\n      104             1004\n      301             2101\n",
	      "trunc(@, 2) keeps the 2 highest");
	r->has_arg = 0;
	check(&o, &rb, &st, 1, "\n", "trunc(@) removes everything");
	store_free(&st);
}

static void
test_quantize(void)
{
	struct vm_aggstore st;
	struct cons_opts o = opts(1);
	struct vm_aggdesc *a;
	struct vm_agg_entry *e;
	struct rb rb;

	memset(&st, 0, sizeof(st));
	a = mkagg(&st, VM_AGG_QUANTIZE, 0, 127);
	e = mkent(&st, 0);
	e->data[63] = 1;     /* 0 */
	e->data[64 + 6] = 1; /* 64 */
	e->data[64 + 7] = 1; /* 128 */
	e->data[64 + 8] = 3; /* 256 */
	e->data[64 + 9] = 4; /* 512 */
	rb_init(&rb);
	check(&o, &rb, &st, 1,
	      "\n\n"
	      "           value  ------------- Distribution ------------- count    \n"
	      "              -1 |                                         0        \n"
	      "               0 |@@@@                                     1        \n"
	      "               1 |                                         0        \n"
	      "               2 |                                         0        \n"
	      "               4 |                                         0        \n"
	      "               8 |                                         0        \n"
	      "              16 |                                         0        \n"
	      "              32 |                                         0        \n"
	      "              64 |@@@@                                     1        \n"
	      "             128 |@@@@                                     1        \n"
	      "             256 |@@@@@@@@@@@@                             3        \n"
	      "             512 |@@@@@@@@@@@@@@@@                         4        \n"
	      "            1024 |                                         0        \n"
	      "\n",
	      "quantize (tst.quantize.r)");
	store_free(&st);

	a = mkagg(&st, VM_AGG_LQUANTIZE, 1, 12);
	a->lq_base = 0;
	a->lq_limit = 1000;
	a->lq_step = 100;
	a->keys[0].kind = VM_T_STRING;
	a->keys[0].size = 256;
	e = mkent(&st, 0);
	e->keys[0] = dstr("bash");
	e->data[1] = 1;
	e->data[2] = 1;
	e->data[11] = 2;
	rb_init(&rb);
	check(&o, &rb, &st, 1,
	      "\n"
	      "  bash                                              \n"
	      "           value  ------------- Distribution ------------- count    \n"
	      "             < 0 |                                         0        \n"
	      "               0 |@@@@@@@@@@                               1        \n"
	      "             100 |@@@@@@@@@@                               1        \n"
	      "             200 |                                         0        \n"
	      "             300 |                                         0        \n"
	      "             400 |                                         0        \n"
	      "             500 |                                         0        \n"
	      "             600 |                                         0        \n"
	      "             700 |                                         0        \n"
	      "             800 |                                         0        \n"
	      "             900 |                                         0        \n"
	      "         >= 1000 |@@@@@@@@@@@@@@@@@@@@                     2        \n"
	      "\n",
	      "keyed lquantize with < and >= labels");
	store_free(&st);
}

static void
test_llquantize(void)
{
	static const int64_t basic_a[11] = { 164, 180, 285, 195, 99, 100,
					     101, 205, 315, 220, 236 };
	struct vm_aggstore st;
	struct cons_opts o = opts(1);
	struct vm_aggdesc *a;
	struct vm_agg_entry *e;
	struct rb rb;
	uint32_t id = 0;

	memset(&st, 0, sizeof(st));
	a = mkagg(&st, VM_AGG_LLQUANTIZE, 0, 11);
	a->llq_factor = 4;
	a->llq_low = 0;
	a->llq_high = 1;
	a->llq_nsteps = 2;
	e = mkent(&st, 0);
	memcpy(e->data, basic_a, sizeof(basic_a));
	rb_init(&rb);
	rb_printf(&rb, "basicA (steps<factor)\n", NULL, 0);
	rb_printa(&rb, NULL, &id, 1);
	check(&o, &rb, &st, 0,
	      "basicA (steps<factor)\n\n\n"
	      "           value  ------------- Distribution ------------- count    \n"
	      "          <= -16 |@@@                                      164      \n"
	      "              -8 |@@@                                      180      \n"
	      "              -4 |@@@@@                                    285      \n"
	      "              -2 |@@@@                                     195      \n"
	      "              -1 |@@                                       99       \n"
	      "               0 |@@                                       100      \n"
	      "               1 |@@                                       101      \n"
	      "               2 |@@@@                                     205      \n"
	      "               4 |@@@@@@                                   315      \n"
	      "               8 |@@@@                                     220      \n"
	      "           >= 16 |@@@@                                     236      \n"
	      "\n",
	      "llquantize basicA (tst.llquantize_basic.r)");
	store_free(&st);

	a = mkagg(&st, VM_AGG_LLQUANTIZE, 0, 7);
	a->llq_factor = 2;
	a->llq_low = 0;
	a->llq_high = 1;
	a->llq_nsteps = 2;
	e = mkent(&st, 0);
	e->data[4] = 1;
	e->data[5] = -1;
	rb_init(&rb);
	rb_printa(&rb, NULL, &id, 1);
	check(&o, &rb, &st, 0,
	      "\n\n"
	      "           value  ------------- Distribution ------------- count    \n"
	      "               0                     |                     0        \n"
	      "               1                     |@@@@@@@@@@           1        \n"
	      "               2           @@@@@@@@@@|                     -1       \n"
	      "            >= 4                     |                     0        \n"
	      "\n",
	      "llquantize mixed signs: half bars (allvals)");
	store_free(&st);
}

static void
test_printa_formats(void)
{
	struct vm_aggstore st;
	struct cons_opts o = opts(1);
	struct vm_aggdesc *a;
	struct vm_agg_entry *e;
	struct rb rb;
	uint32_t ids[2] = { 0, 1 };

	memset(&st, 0, sizeof(st));
	a = mkagg(&st, VM_AGG_COUNT, 2, 1);
	a->keys[0].kind = VM_T_STRING;
	a->keys[1].kind = VM_T_INT;
	e = mkent(&st, 0);
	e->keys[0] = dstr("cat");
	e->keys[1] = dint(3, 4, 1);
	e->data[0] = 5;
	e = mkent(&st, 0);
	e->keys[0] = dstr("ls");
	e->keys[1] = dint(1, 4, 1);
	e->data[0] = 2;
	a = mkagg(&st, VM_AGG_SUM, 2, 1);
	e = mkent(&st, 1);
	e->keys[0] = dstr("ls");
	e->keys[1] = dint(1, 4, 1);
	e->data[0] = 7;

	rb_init(&rb);
	rb_printa(&rb, "%-6s %d %@u\n", ids, 1);
	check(&o, &rb, &st, 0, "ls     1 2\ncat    3 5\n",
	      "printa with a format: keys in order, %@ the value");

	rb_init(&rb);
	rb_printa(&rb, "%s:%@d:%@d\n", ids, 2);
	check(&o, &rb, &st, 0, "ls:2:7\ncat:5:0\n",
	      "joined printa: missing values are 0, sorted by the first");

	o.aggsortpos = 1;
	rb_init(&rb);
	rb_printa(&rb, "%s:%@d:%@d\n", ids, 2);
	check(&o, &rb, &st, 0, "cat:5:0\nls:2:7\n",
	      "aggsortpos=1 sorts by the second aggregation");
	o.aggsortpos = 0;

	rb_init(&rb);
	rb_printa(&rb, NULL, ids, 2);
	check(&o, &rb, &st, 0,
	      "\n"
	      "  ls                                                        "
	      "1                2                7\n"
	      "  cat                                                       "
	      "3                5                0\n",
	      "joined printa without a format");

	o.aggsortkey = 1;
	o.aggsortkeypos = 1;
	rb_init(&rb);
	rb_printa(&rb, "%s %@d\n", ids, 1);
	check(&o, &rb, &st, 0, "ls 2\ncat 5\n",
	      "aggsortkey with aggsortkeypos=1 sorts by the second key");
	store_free(&st);
}

/* Oracle test printa/tst.basics.d: every aggregating function via %@. */
static void
test_printa_basics(void)
{
	static const char *const fmts[7] = {
		"@a = %@u\n", "@b = %@u\n", "@c = %@d\n", "@d = %@u\n",
		"@e = %@u\n", "@f = %@u\n", "@g = %@d\n",
	};
	static const uint8_t fns[7] = {
		VM_AGG_AVG, VM_AGG_COUNT, VM_AGG_LQUANTIZE, VM_AGG_MAX,
		VM_AGG_MIN, VM_AGG_SUM,	  VM_AGG_QUANTIZE,
	};
	static const uint32_t nd[7] = { 2, 1, 11, 1, 1, 1, 127 };
	struct vm_aggstore st;
	struct cons_opts o = opts(1);
	struct rb rb;
	uint32_t i, ids[7];

	memset(&st, 0, sizeof(st));
	rb_init(&rb);
	for (i = 0; i < 7; i++) {
		struct vm_aggdesc *a = mkagg(&st, fns[i], 0, nd[i]);
		struct vm_agg_entry *e = mkent(&st, i);

		if (fns[i] == VM_AGG_LQUANTIZE) {
			a->lq_base = 1;
			a->lq_limit = 10;
			a->lq_step = 1;
			e->data[1] = 1;
		} else if (fns[i] == VM_AGG_QUANTIZE) {
			e->data[64] = 1;
		} else if (fns[i] == VM_AGG_AVG) {
			e->data[0] = 1;
			e->data[1] = 1;
		} else {
			e->data[0] = 1;
		}
		ids[i] = i;
		rb_printa(&rb, fmts[i], &ids[i], 1);
	}
	check(&o, &rb, &st, 1,
	      "@a = 1\n@b = 1\n@c = \n"
	      "           value  ------------- Distribution ------------- count    \n"
	      "             < 1 |                                         0        \n"
	      "               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1        \n"
	      "               2 |                                         0        \n"
	      "\n@d = 1\n@e = 1\n@f = 1\n@g = \n"
	      "           value  ------------- Distribution ------------- count    \n"
	      "               0 |                                         0        \n"
	      "               1 |@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@ 1        \n"
	      "               2 |                                         0        \n"
	      "\n\n",
	      "printa/tst.basics.r");
	store_free(&st);
}

static void
test_flowindent(void)
{
	struct cons_opts o = opts(0);
	struct rb rb;

	o.flowindent = 1;
	rb_init(&rb);
	rb_fire(&rb, 10, "fbt", "foo", "entry");
	rb_fire(&rb, 11, "fbt", "bar", "entry");
	rb_fire(&rb, 12, "fbt", "bar", "return");
	rb_fire(&rb, 5, "profile", "", "tick-1s");
	rb_fire(&rb, 13, "fbt", "foo", "return");
	rb_fire(&rb, 14, "syscall", "read", "entry");
	check(&o, &rb, NULL, 0,
	      "CPU FUNCTION                                 \n"
	      "  0  -> foo                                   \n"
	      "  0    -> bar                                 \n"
	      "  0    <- bar                                 \n"
	      "  0   | :tick-1s                              \n"
	      "  0  <- foo                                   \n"
	      "  0  => read                                  \n",
	      "flowindent: -> <- => and | lines");
}

/* Two threads of a traced program interleaved: each keeps its own
   depth (udtrace's per-thread flowindent; dtrace's is per CPU). */
static void
test_flowindent_threads(void)
{
	struct cons_opts o = opts(0);
	struct rb rb;

	o.flowindent = 1;
	rb_init(&rb);
	rb_fire(&rb, 10, "pid1", "foo", "entry");
	rb.r[rb.b.nrecs - 1].u.fire.tid = 101;
	rb_fire(&rb, 10, "pid1", "foo", "entry");
	rb.r[rb.b.nrecs - 1].u.fire.tid = 102;
	rb_fire(&rb, 11, "pid1", "bar", "entry");
	rb.r[rb.b.nrecs - 1].u.fire.tid = 101;
	rb_fire(&rb, 12, "pid1", "foo", "return");
	rb.r[rb.b.nrecs - 1].u.fire.tid = 102;
	rb_fire(&rb, 13, "pid1", "bar", "return");
	rb.r[rb.b.nrecs - 1].u.fire.tid = 101;
	rb_fire(&rb, 12, "pid1", "foo", "return");
	rb.r[rb.b.nrecs - 1].u.fire.tid = 101;
	check(&o, &rb, NULL, 0,
	      "CPU FUNCTION                                 \n"
	      "  0  -> foo                                   \n"
	      "  0  -> foo                                   \n"
	      "  0    -> bar                                 \n"
	      "  0  <- foo                                   \n"
	      "  0    <- bar                                 \n"
	      "  0  <- foo                                   \n",
	      "flowindent: each thread indented on its own");
}

static int
setopt_cb(void *ctx, const char *name, const char *value)
{
	(void)ctx;
	(void)value;
	return strcmp(name, "quiet") == 0 ? 0 : -1;
}

static void
test_setopt_and_time(void)
{
	struct cons_opts o = opts(1);
	struct run r;
	struct rb rb;
	struct vm_rec *s;

	rb_init(&rb);
	rb_fire(&rb, 1, "dtrace", "", "BEGIN");
	s = rb_add(&rb, VM_REC_SETOPT);
	s->d[0] = dstr("bogus");
	s->n = 1;
	run_open(&r, &o);
	cons_set_setopt_cb(r.c, setopt_cb, NULL);
	cons_drain(r.c, &rb.b, NULL);
	run_close(&r);
	is_str(r.err,
	       "udtrace: error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN):"
	       " couldn't set option \"bogus\" to \"1\": Invalid option name\n",
	       "setopt() of an unknown option");
	run_free(&r);

	o = opts(0);
	o.timestamps = 1;
	rb_init(&rb);
	rb_fire(&rb, 1, "dtrace", "", "BEGIN");
	rb.r[0].u.fire.walltimestamp = 1728678218123456789ULL;
	check(&o, &rb, NULL, 0,
	      "TIME            CPU     ID                    FUNCTION:NAME\n"
	      "20:23:38.123456   0      1                           :BEGIN \n",
	      "-t: time before each default-format line (TZ=UTC)");
}

static int
fake_lookup(void *ctx, int64_t pid, uint64_t pc, int kind, char *buf,
	    size_t len)
{
	(void)ctx;
	if (pc < 0x1000)
		return -1;
	if (kind == VM_SYM_MOD || kind == VM_SYM_UMOD)
		snprintf(buf, len, "libc.so.6");
	else if (kind == CONS_SYM_ADDR || kind == VM_SYM_UADDR)
		snprintf(buf, len, "libc.so.6`fsync+0x%llx",
			 (unsigned long long)(pc - 0x1000));
	else
		snprintf(buf, len, "libc.so.6`fsync");
	(void)pid;
	return 0;
}

static void
test_symbols(void)
{
	static const uint64_t pcs[3] = { 0x1010, 0x42, 0 };
	struct cons_sym_ops ops = { fake_lookup, NULL };
	struct cons_opts o = opts(1);
	struct vm_datum d[4], sd;
	struct vm_rec *r;
	struct run run;
	struct rb rb;

	rb_init(&rb);
	r = rb_add(&rb, VM_REC_STACK);
	memset(&r->d[0], 0, sizeof(r->d[0]));
	r->d[0].type = VM_D_STACK;
	r->d[0].is_signed = 1;
	r->d[0].i = 77;
	r->d[0].pcs = pcs;
	r->d[0].len = 3;
	r->n = 1;
	memset(&sd, 0, sizeof(sd));
	sd.type = VM_D_SYM;
	sd.size = VM_SYM_USYM;
	sd.i = 0x1010;
	rb_trace(&rb, sd);
	sd.size = VM_SYM_UMOD;
	rb_trace(&rb, sd);
	d[0] = dint(0x1010, 8, 0);
	d[1] = dint(0x20, 8, 0);
	rb_printf(&rb, "|%a|%A|\n", d, 2);
	run_open(&run, &o);
	cons_destroy(run.c);
	run.c = cons_create(run.fo, run.fe, &o, &ops);
	cons_drain(run.c, &rb.b, NULL);
	run_close(&run);
	is_str(run.out,
	       "\n              libc.so.6`fsync+0x10\n              0x42\n"
	       "  libc.so.6`fsync                                   "
	       "  libc.so.6                                         "
	       "|libc.so.6`fsync+0x10|0x20|\n",
	       "ustack frames, usym()/umod() values, %%a and %%A");
	run_free(&run);
}

static void
test_freopen_and_keys(void)
{
	struct cons_opts o = opts(1);
	struct vm_aggstore st;
	struct vm_aggdesc *a;
	struct vm_agg_entry *e;
	char path[] = "/tmp/t_consXXXXXX", buf[64] = "";
	struct vm_datum d[2];
	struct run run;
	struct rb rb;
	struct vm_rec *r;
	FILE *f;
	int fd = mkstemp(path);

	if (fd >= 0)
		close(fd);
	rb_init(&rb);
	r = rb_add(&rb, VM_REC_FREOPEN);
	r->fmt = "%s";
	r->d[0] = dstr(path);
	r->n = 1;
	d[0] = dstr("to the file\n");
	rb_printf(&rb, "%s", d, 1);
	r = rb_add(&rb, VM_REC_FREOPEN);
	r->fmt = "";
	rb_printf(&rb, "back\n", d, 0);
	r = rb_add(&rb, VM_REC_SYSTEM);
	r->fmt = "true";
	run_open(&run, &o);
	cons_drain(run.c, &rb.b, NULL);
	run_close(&run);
	is_str(run.out, "back\n", "freopen(\"\") restores the output");
	f = fopen(path, "r");
	if (f) {
		if (!fgets(buf, sizeof(buf), f))
			buf[0] = 0;
		fclose(f);
	}
	unlink(path);
	is_str(buf, "to the file\n", "freopen(file) appends there");
	run_free(&run);

	/* an empty string key is not a string to dtrace: a hex table */
	memset(&st, 0, sizeof(st));
	a = mkagg(&st, VM_AGG_COUNT, 1, 1);
	a->keys[0].kind = VM_T_STRING;
	a->keys[0].size = 4;
	e = mkent(&st, 0);
	e->keys[0] = dstr("");
	e->data[0] = 3;
	rb_init(&rb);
	check(&o, &rb, &st, 1,
	      "\n\n             0  1  2  3  4  5  6  7  8  9  a  b  c  d  e  f"
	      "  0123456789abcdef\n"
	      "         0: 00 00 00 00                                    "
	      "  ....\n"
	      "                3\n",
	      "empty string key prints as bytes (dt_print_bytes)");
	store_free(&st);

	o.flowindent = 1;
	rb_init(&rb);
	rb_fire(&rb, 1, "dtrace", "", "BEGIN");
	check(&o, &rb, NULL, 0,
	      "CPU FUNCTION                                 \n"
	      "  0 | :BEGIN                                  ",
	      "-F -q still prints the flow lines, without newlines (dtrace)");
}

/* --- -x oformat=json ---------------------------------------------------- */

static void
json_is(const char *in, size_t n, const char *want, const char *name)
{
	struct strbuf sb;

	sb_init(&sb);
	cons_json_str(&sb, in, n);
	sb_addch(&sb, '\0');
	is_str(sb.buf, want, "json string: %s", name);
	sb_release(&sb);
}

#define JSON_IS(lit, want, name) json_is(lit, sizeof(lit) - 1, want, name)

static void
test_json_strings(void)
{
	JSON_IS("plain", "\"plain\"", "plain text");
	JSON_IS("", "\"\"", "empty");
	JSON_IS("a\"b\\c/d", "\"a\\\"b\\\\c/d\"", "quote and backslash");
	JSON_IS("l1\nl2\tt\rr", "\"l1\\nl2\\tt\\rr\"", "newline, tab, CR");
	JSON_IS("\x01\x1f\x7f\b\f", "\"\\u0001\\u001f\\u007f\\u0008\\u000c\"",
		"other control characters as \\u00XX");
	JSON_IS("a\0b", "\"a\\u0000b\"", "a NUL inside the length");
	JSON_IS("caf\xc3\xa9", "\"caf\xc3\xa9\"", "2-byte UTF-8 kept");
	JSON_IS("\xe2\x82\xac\xf0\x9f\x98\x80",
		"\"\xe2\x82\xac\xf0\x9f\x98\x80\"", "3- and 4-byte UTF-8 kept");
	JSON_IS("x\xffy", "\"x\\u00ffy\"", "an invalid byte as \\u00XX");
	JSON_IS("\xc3", "\"\\u00c3\"", "a truncated sequence at the end");
	JSON_IS("\xc3(", "\"\\u00c3(\"", "a lead byte without continuation");
	JSON_IS("\xc0\x80", "\"\\u00c0\\u0080\"", "an overlong NUL");
	JSON_IS("\xe0\x80\xaf", "\"\\u00e0\\u0080\\u00af\"", "an overlong '/'");
	JSON_IS("\xed\xa0\x80", "\"\\u00ed\\u00a0\\u0080\"",
		"an encoded UTF-16 surrogate");
	JSON_IS("\xf4\x90\x80\x80", "\"\\u00f4\\u0090\\u0080\\u0080\"",
		"beyond U+10FFFF");
	json_is(NULL, 3, "\"\"", "NULL");
}

static void
test_json_records(void)
{
	struct cons_opts o = opts(1);
	struct vm_aggstore st;
	struct vm_aggdesc *a;
	struct vm_agg_entry *e;
	struct vm_datum d[1];
	struct vm_rec *er;
	struct rb rb;
	uint32_t id = 0;

	o.json = 1;
	rb_init(&rb);
	rb_fire(&rb, 1, "dtrace", "", "BEGIN");
	d[0] = dint(7, 4, 1);
	rb_printf(&rb, "v=%d\n", d, 1);
	rb_trace(&rb, dint(-1, 8, 0));
	rb_trace(&rb, dint(-1, 8, 1));
	rb_trace(&rb, dstr("s\""));
	rb_trace(&rb, dbytes("ab\0\0", 4));
	rb_trace(&rb, dbytes("\x01\x02", 2));
	rb_fire(&rb, 2, "dtrace", "", "END");
	check(&o, &rb, NULL, 0,
	      "{\"type\":\"probe\",\"timestamp\":0,\"walltimestamp\":0,"
	      "\"cpu\":0,\"id\":1,\"epid\":1,\"probe\":\"dtrace:::BEGIN\","
	      "\"provider\":\"dtrace\",\"module\":\"\",\"function\":\"\","
	      "\"name\":\"BEGIN\",\"pid\":0,\"tid\":0,\"data\":["
	      "{\"printf\":\"v=7\\n\"},{\"trace\":18446744073709551615},"
	      "{\"trace\":-1},{\"trace\":\"s\\\"\"},{\"trace\":\"ab\"},"
	      "{\"trace\":[1,2]}]}\n"
	      "{\"type\":\"probe\",\"timestamp\":0,\"walltimestamp\":0,"
	      "\"cpu\":0,\"id\":2,\"epid\":2,\"probe\":\"dtrace:::END\","
	      "\"provider\":\"dtrace\",\"module\":\"\",\"function\":\"\","
	      "\"name\":\"END\",\"pid\":0,\"tid\":0,\"data\":[]}\n",
	      "json: probe records (quiet or not), data in order");

	/* an error in the middle of a firing closes its record */
	rb_init(&rb);
	rb_fire(&rb, 1, "dtrace", "", "BEGIN");
	er = rb_add(&rb, VM_REC_ERROR);
	er->u.err.probe_id = 1;
	er->u.err.epid = 1;
	er->u.err.prov = "dtrace";
	er->u.err.mod = "";
	er->u.err.func = "";
	er->u.err.name = "BEGIN";
	er->u.err.action_no = 2;
	er->u.err.fault = VM_FLT_BADADDR;
	er->u.err.addr = 16;
	o.quiet = 0;
	check(&o, &rb, NULL, 0,
	      "{\"type\":\"probe\",\"timestamp\":0,\"walltimestamp\":0,"
	      "\"cpu\":0,\"id\":1,\"epid\":1,\"probe\":\"dtrace:::BEGIN\","
	      "\"provider\":\"dtrace\",\"module\":\"\",\"function\":\"\","
	      "\"name\":\"BEGIN\",\"pid\":0,\"tid\":0,\"data\":[]}\n"
	      "{\"type\":\"error\",\"probe\":\"dtrace:::BEGIN\",\"id\":1,"
	      "\"epid\":1,\"clause\":0,\"fault\":\"invalid address\","
	      "\"fault_code\":1,\"address\":16,\"action\":2,\"message\":"
	      "\"error in dt_clause_0 for probe ID 1 (dtrace:::BEGIN): "
	      "invalid address (0x10) in action #2\"}\n",
	      "json: an error record after the firing's record");

	/* aggregations: printa() in the data, the rest at the end */
	memset(&st, 0, sizeof(st));
	a = mkagg(&st, VM_AGG_COUNT, 1, 1);
	a->name = "c";
	e = mkent(&st, 0);
	e->keys[0] = dstr("b");
	e->data[0] = 2;
	e = mkent(&st, 0);
	e->keys[0] = dstr("a");
	e->data[0] = 5;
	a = mkagg(&st, VM_AGG_QUANTIZE, 0, 127);
	e = mkent(&st, 1);
	e->data[63] = 1;  /* 0 */
	e->data[66] = 3;  /* 4..7 */
	e->data[61] = 2;  /* -3..-2 */
	e->data[126] = 1; /* >= 2^62 */
	rb_init(&rb);
	rb_fire(&rb, 1, "dtrace", "", "END");
	rb_printa(&rb, NULL, &id, 1);
	check(&o, &rb, &st, 1,
	      "{\"type\":\"probe\",\"timestamp\":0,\"walltimestamp\":0,"
	      "\"cpu\":0,\"id\":1,\"epid\":1,\"probe\":\"dtrace:::END\","
	      "\"provider\":\"dtrace\",\"module\":\"\",\"function\":\"\","
	      "\"name\":\"END\",\"pid\":0,\"tid\":0,\"data\":[{\"printa\":["
	      "{\"name\":\"@c\",\"function\":\"count\",\"rows\":["
	      "{\"keys\":[\"b\"],\"value\":2},{\"keys\":[\"a\"],\"value\":5}"
	      "]}]}]}\n"
	      "{\"type\":\"aggregation\",\"name\":\"@\",\"function\":"
	      "\"quantize\",\"rows\":[{\"keys\":[],\"value\":["
	      "{\"min\":-3,\"max\":-2,\"count\":2},"
	      "{\"min\":0,\"max\":0,\"count\":1},"
	      "{\"min\":4,\"max\":7,\"count\":3},"
	      "{\"min\":4611686018427387904,\"max\":9223372036854775807,"
	      "\"count\":1}]}]}\n",
	      "json: printa() in the data, no end-of-run newline");
	store_free(&st);
}

int
main(void)
{
	setenv("TZ", "UTC", 1);
	tzset();
	test_default_lines();
	test_trace_widths();
	test_printf();
	test_error();
	test_tracemem();
	test_aggs_basic();
	test_signedkeys();
	test_trunc();
	test_quantize();
	test_llquantize();
	test_printa_formats();
	test_printa_basics();
	test_flowindent();
	test_flowindent_threads();
	test_setopt_and_time();
	test_symbols();
	test_freopen_and_keys();
	test_json_strings();
	test_json_records();
	return done_testing();
}
