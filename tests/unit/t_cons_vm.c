/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The consumer over the VM's real aggregation store (src/vm/vm_agg.c):
 * asserts that what the VM stores prints as DTrace prints it -- keyed
 * counts sorted by value, clear() keeping keys with zero values, trunc()
 * removing several entries of one snapshot, a quantize() and an
 * llquantize(value, 10, 0, 2, 10) histogram (whatever bucket layout the
 * store uses, the rows are Oracle DTrace's). The store's constructor and
 * update function are private to vm/ (vm_impl.h), so this test declares
 * the three it calls.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/strbuf.h"
#include "common/xalloc.h"
#include "consumer/cons.h"
#include "tap.h"

struct vm_aggstore *vm_aggstore_create(struct vm_prog *prog, size_t limit);
void vm_aggstore_destroy(struct vm_aggstore *a);
void vm_agg_update(struct vm_aggstore *a, uint32_t id,
		   const struct vm_datum *keys, uint32_t nkeys, int64_t val,
		   int64_t incr);

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
dint(int64_t v)
{
	struct vm_datum d;

	memset(&d, 0, sizeof(d));
	d.type = VM_D_INT;
	d.size = 4;
	d.is_signed = 1;
	d.i = (uint64_t)v;
	return d;
}

struct fixture {
	struct vm_prog prog;
	struct vm_aggdesc *aggs[4];
	struct vm_aggdesc desc[4];
	struct vm_type keys[4];
	struct vm_aggstore *st;
};

static void
fx_init(struct fixture *fx, uint32_t n)
{
	uint32_t i;

	memset(fx, 0, sizeof(*fx));
	for (i = 0; i < n; i++) {
		fx->aggs[i] = &fx->desc[i];
		fx->desc[i].id = i;
		fx->desc[i].name = "";
	}
	fx->prog.aggs = fx->aggs;
	fx->prog.naggs = n;
}

static char *
end_of_run(struct fixture *fx, struct vm_rec *recs, size_t nrecs)
{
	struct cons_opts o;
	struct vm_recbuf b;
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	struct cons *c;

	cons_opts_default(&o);
	o.quiet = 1;
	c = cons_create(f, stderr, &o, NULL);
	memset(&b, 0, sizeof(b));
	b.recs = recs;
	b.nrecs = nrecs;
	cons_drain(c, &b, fx->st);
	cons_print_remaining_aggs(c, fx->st);
	cons_destroy(c);
	fclose(f);
	return out;
}

static void
test_counts(void)
{
	struct fixture fx;
	struct vm_datum k;
	struct vm_rec rec[2];
	uint32_t aid = 0;
	char *out;
	int i;

	fx_init(&fx, 1);
	fx.desc[0].fn = VM_AGG_COUNT;
	fx.desc[0].nkeys = 1;
	fx.keys[0].kind = VM_T_STRING;
	fx.keys[0].size = 256;
	fx.desc[0].keys = fx.keys;
	fx.st = vm_aggstore_create(&fx.prog, 0);
	for (i = 0; i < 3; i++) {
		k = dstr("sh");
		vm_agg_update(fx.st, 0, &k, 1, 0, 1);
	}
	k = dstr("bash");
	vm_agg_update(fx.st, 0, &k, 1, 0, 1);
	out = end_of_run(&fx, NULL, 0);
	is_str(out,
	       "\n  bash                                                "
	       "              1\n"
	       "  sh                                                  "
	       "              3\n",
	       "real store: counts sorted by value");
	free(out);

	memset(rec, 0, sizeof(rec));
	rec[0].type = VM_REC_CLEAR;
	rec[0].aggs = &aid;
	rec[0].naggs = 1;
	out = end_of_run(&fx, rec, 1);
	is_str(out,
	       "\n  bash                                                "
	       "              0\n"
	       "  sh                                                  "
	       "              0\n",
	       "clear() keeps the keys, values 0");
	free(out);

	for (i = 0; i < 10; i++) {
		char name[8];

		snprintf(name, sizeof(name), "k%d", i);
		k = dstr(name);
		vm_agg_update(fx.st, 0, &k, 1, 0, 1);
	}
	rec[0].type = VM_REC_TRUNC;
	rec[0].has_arg = 1;
	rec[0].i = 1;
	out = end_of_run(&fx, rec, 1);
	is_str(out,
	       "\n  k9                                                  "
	       "              1\n",
	       "trunc(@, 1) removes all but the highest (ties: last key)");
	free(out);
	vm_aggstore_destroy(fx.st);
}

static void
add_row(struct strbuf *sb, const char *label, int64_t count, int64_t total)
{
	static const char ats[] = "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@";
	int depth = (int)((double)count * 40 / (double)total + 0.5);

	sb_addf(sb, "%16s |%.*s%*s %-9lld\n", label, depth, ats, 40 - depth, "",
		(long long)count);
}

static void
test_histograms(void)
{
	static const int64_t vals[] = { 0, 5, 15, 150, 2000 };
	struct fixture fx;
	struct strbuf want;
	char *out, label[32];
	size_t i;
	int m, s;

	fx_init(&fx, 1);
	fx.desc[0].fn = VM_AGG_LLQUANTIZE;
	fx.desc[0].llq_factor = 10;
	fx.desc[0].llq_low = 0;
	fx.desc[0].llq_high = 2;
	fx.desc[0].llq_nsteps = 10;
	fx.st = vm_aggstore_create(&fx.prog, 0);
	for (i = 0; i < sizeof(vals) / sizeof(vals[0]); i++)
		vm_agg_update(fx.st, 0, NULL, 0, vals[i], 1);
	sb_init(&want);
	sb_addf(&want, "\n\n%16s %41s %-9s\n", "value",
		"------------- Distribution -------------", "count");
	add_row(&want, "-1", 0, 5);
	add_row(&want, "0", 1, 5);
	for (m = 1; m <= 100; m *= 10) {
		for (s = 1; s <= 9; s++) {
			int64_t v = (int64_t)s * m;

			snprintf(label, sizeof(label), "%lld", (long long)v);
			add_row(&want, label,
				v == 5 || v == 10 || v == 100 ? 1 : 0, 5);
		}
	}
	add_row(&want, ">= 1000", 1, 5);
	sb_addch(&want, '\n');
	out = end_of_run(&fx, NULL, 0);
	is_str(out, want.buf, "llquantize(x, 10, 0, 2, 10) rows");
	free(out);
	sb_release(&want);
	vm_aggstore_destroy(fx.st);

	fx_init(&fx, 1);
	fx.desc[0].fn = VM_AGG_QUANTIZE;
	fx.st = vm_aggstore_create(&fx.prog, 0);
	vm_agg_update(fx.st, 0, NULL, 0, -3, 1);
	vm_agg_update(fx.st, 0, NULL, 0, 1, 2);
	sb_init(&want);
	sb_addf(&want, "\n\n%16s %41s %-9s\n", "value",
		"------------- Distribution -------------", "count");
	add_row(&want, "-4", 0, 3);
	add_row(&want, "-2", 1, 3);
	add_row(&want, "-1", 0, 3);
	add_row(&want, "0", 0, 3);
	add_row(&want, "1", 2, 3);
	add_row(&want, "2", 0, 3);
	sb_addch(&want, '\n');
	out = end_of_run(&fx, NULL, 0);
	is_str(out, want.buf, "quantize with a negative value");
	free(out);
	sb_release(&want);
	vm_aggstore_destroy(fx.st);
	(void)dint;
}

int
main(void)
{
	test_counts();
	test_histograms();
	return done_testing();
}
