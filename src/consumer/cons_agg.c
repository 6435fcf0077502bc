/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Aggregations at consumption time (dtrace's dt_aggregate.c and the
 * printing half of dt_consume.c): snapshots of the VM's store sorted as
 * dtrace sorts them, printa() with and without a format, printa() of
 * several aggregations joined on their keys, trunc(), the default
 * layouts, and the end-of-run print of every aggregation printa() never
 * printed.
 *
 * Sorting (dt_aggregate_varvalcmp() and friends): by aggregation id, then
 * by value ascending (averages by integer average, standard deviations by
 * value, histograms by their weighted sums then their zero bucket), ties by
 * key; integer keys compare as unsigned numbers of their size, strings and
 * byte keys bytewise. aggsortkey sorts by key only, aggsortkeypos rotates
 * which key compares first, aggsortrev reverses every comparison (the
 * aggregation id too), aggsortpos picks the aggregation of a joined
 * printa() whose values order the rows.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "consumer/cons_impl.h"

/* One row to sort: an entry of one aggregation. */
struct row {
	uint32_t id;
	const struct vm_aggdesc *desc;
	struct vm_agg_entry *e;
};

/* Sorting context (qsort takes none; the consumer is single-threaded). */
static struct {
	int rev, keysort, keypos;
} sctx;

#define LESS (sctx.rev ? 1 : -1)
#define MORE (sctx.rev ? -1 : 1)

static int
cmp_u64(uint64_t l, uint64_t r)
{
	return l < r ? LESS : l > r ? MORE : 0;
}

static int
cmp_s64(int64_t l, int64_t r)
{
	return l < r ? LESS : l > r ? MORE : 0;
}

static int
cmp_bytes(const uint8_t *l, size_t ll, const uint8_t *r, size_t rl)
{
	size_t i, n = ll > rl ? ll : rl;

	for (i = 0; i < n; i++) {
		uint8_t a = i < ll ? l[i] : 0, b = i < rl ? r[i] : 0;

		if (a != b)
			return a < b ? LESS : MORE;
	}
	return 0;
}

static int
key_cmp1(const struct vm_datum *l, const struct vm_datum *r)
{
	int rv;

	if (l->type != r->type)
		return cmp_u64(l->type, r->type);
	switch (l->type) {
	case VM_D_INT:
		if (l->size != r->size)
			return cmp_u64(l->size, r->size);
		return cmp_u64(cons_datum_uval(l), cons_datum_uval(r));
	case VM_D_STR:
		return cmp_bytes((const uint8_t *)l->s, l->len,
				 (const uint8_t *)r->s, r->len);
	case VM_D_BYTES:
		/* dt_aggregate_keycmp(): a record of 1, 2, 4 or 8 bytes
		   compares as an unsigned integer of that size */
		if (l->len == r->len && l->len <= 8 &&
		    (l->len & (l->len - 1)) == 0) {
			uint64_t a = 0, b = 0;

			memcpy(&a, l->p, l->len);
			memcpy(&b, r->p, r->len);
			return cmp_u64(a, b);
		}
		return cmp_bytes(l->p, l->len, r->p, r->len);
	case VM_D_STACK:
		if (l->is_signed) {
			/* ustack records start with the pid */
			rv = cmp_bytes((const uint8_t *)&l->i, 8,
				       (const uint8_t *)&r->i, 8);
			if (rv)
				return rv;
		}
		return cmp_bytes((const uint8_t *)l->pcs, l->len * 8,
				 (const uint8_t *)r->pcs, r->len * 8);
	case VM_D_SYM:
		return cmp_u64(l->i, r->i);
	default:
		return 0;
	}
}

static int
key_cmp(const struct row *l, const struct row *r)
{
	uint32_t nk = l->desc->nkeys, i;
	uint32_t keypos;

	if (nk != r->desc->nkeys)
		return cmp_u64(nk, r->desc->nkeys);
	keypos = sctx.keypos >= 0 && (uint32_t)sctx.keypos < nk ?
			 (uint32_t)sctx.keypos :
			 0;
	for (i = 0; i < nk; i++) {
		uint32_t k = (i + keypos) % nk;
		int rv = key_cmp1(&l->e->keys[k], &r->e->keys[k]);

		if (rv)
			return rv;
	}
	return 0;
}

static const int64_t zeros[4];

static int
val_cmp_data(const struct vm_aggdesc *a, const int64_t *l, const int64_t *r)
{
	switch (a->fn) {
	case VM_AGG_AVG: {
		int64_t la = l[0] ? l[1] / l[0] : 0;
		int64_t ra = r[0] ? r[1] / r[0] : 0;

		return cmp_s64(la, ra);
	}
	case VM_AGG_STDDEV:
		return cmp_u64(l[0] ? cons_stddev(l, 1) : 0,
			       r[0] ? cons_stddev(r, 1) : 0);
	case VM_AGG_QUANTIZE:
	case VM_AGG_LQUANTIZE:
	case VM_AGG_LLQUANTIZE: {
		int64_t lz, rz;
		long double ls = cons_q_sum(a, l, &lz);
		long double rs = cons_q_sum(a, r, &rz);

		if (ls < rs)
			return LESS;
		if (ls > rs)
			return MORE;
		return cmp_s64(lz, rz);
	}
	default:
		return cmp_s64(l[0], r[0]);
	}
}

static int
val_cmp(const struct row *l, const struct row *r)
{
	if (l->desc->nkeys != r->desc->nkeys)
		return cmp_u64(l->desc->nkeys, r->desc->nkeys);
	if (l->desc->fn != r->desc->fn)
		return cmp_u64(l->desc->fn, r->desc->fn);
	return val_cmp_data(l->desc, l->e ? l->e->data : zeros,
			    r->e ? r->e->data : zeros);
}

/* dt_aggregate_varvalcmp() / dt_aggregate_varkeycmp() */
static int
row_cmp(const void *lp, const void *rp)
{
	const struct row *l = lp, *r = rp;
	int rv = cmp_u64(l->id, r->id);

	if (rv)
		return rv;
	if (sctx.keysort)
		return key_cmp(l, r);
	rv = val_cmp(l, r);
	return rv ? rv : key_cmp(l, r);
}

static void
sort_setup(struct cons *c)
{
	sctx.rev = c->o.aggsortrev;
	sctx.keysort = c->o.aggsortkey;
	sctx.keypos = c->o.aggsortkeypos;
}

/* Rows of the aggregations ids[0..n) (a row per entry). */
static struct row *
collect(struct vm_aggstore *st, const uint32_t *ids, uint32_t n, size_t *nrows,
	struct vm_agg_entry ***keep, uint32_t *nkeep)
{
	struct row *rows = NULL;
	size_t nr = 0, cap = 0;
	uint32_t i;

	*nkeep = 0;
	for (i = 0; i < n; i++) {
		struct vm_agg_entry **ents = NULL;
		const struct vm_aggdesc *a = vm_agg_desc(st, ids[i]);
		size_t ne, j;

		if (!a)
			continue;
		ne = vm_agg_entries(st, ids[i], &ents);
		for (j = 0; j < ne; j++) {
			if (nr == cap) {
				cap = cap ? cap * 2 : 16;
				rows = xreallocarray(rows, cap, sizeof(*rows));
			}
			rows[nr].id = ids[i];
			rows[nr].desc = a;
			rows[nr].e = ents[j];
			nr++;
		}
		keep[(*nkeep)++] = ents;
	}
	*nrows = nr;
	return rows;
}

static void
release(struct vm_agg_entry ***keep, uint32_t nkeep)
{
	uint32_t i;

	for (i = 0; i < nkeep; i++)
		free(keep[i]);
	free(keep);
}

/* --- values -------------------------------------------------------- */

/* 128-bit helpers for dtrace's stddev (dt_stddev() in dt_consume.c). */
typedef unsigned __int128 u128;

static uint64_t
isqrt128(u128 v)
{
	u128 res = 0, bit = (u128)1 << 126;

	while (bit > v)
		bit >>= 2;
	while (bit) {
		if (v >= res + bit) {
			v -= res + bit;
			res = (res >> 1) + bit;
		} else {
			res >>= 1;
		}
		bit >>= 2;
	}
	return (uint64_t)res;
}

uint64_t
cons_stddev(const int64_t *data, uint64_t normal)
{
	u128 sq = ((u128)(uint64_t)data[3] << 64) | (uint64_t)data[2];
	u128 avg_sq, sq_avg, diff;
	int64_t navg;

	if (data[0] == 0 || normal == 0)
		return 0;
	/* sqrt(avg(x^2) - avg(x)^2), in dtrace's unsigned arithmetic */
	avg_sq = sq / normal / (uint64_t)data[0];
	navg = data[1] / (int64_t)normal / data[0];
	if (navg < 0)
		navg = -navg;
	sq_avg = (u128)(uint64_t)navg * (uint64_t)navg;
	diff = avg_sq - sq_avg;
	return isqrt128(diff);
}

void
cons_agg_value(struct cons *c, const struct vm_aggdesc *a, const int64_t *data,
	       uint64_t normal)
{
	if (normal == 0)
		normal = 1;
	switch (a->fn) {
	case VM_AGG_AVG:
		sb_addf(&c->sb, " %16lld",
			data[0] ? (long long)(data[1] / (int64_t)normal /
					      data[0]) :
				  0);
		break;
	case VM_AGG_STDDEV:
		sb_addf(&c->sb, " %16llu",
			data[0] ?
				(unsigned long long)cons_stddev(data, normal) :
				0);
		break;
	case VM_AGG_QUANTIZE:
		cons_quantize(&c->sb, a, data, normal);
		break;
	case VM_AGG_LQUANTIZE:
		cons_lquantize(&c->sb, a, data, normal);
		break;
	case VM_AGG_LLQUANTIZE:
		cons_llquantize(&c->sb, a, data, normal);
		break;
	default:
		/* dtrace: (long long)value / normal, an unsigned division */
		sb_addf(&c->sb, " %16lld",
			(long long)((uint64_t)data[0] / normal));
		break;
	}
}

static const int64_t *
row_data(const struct row *r, int64_t **tmp)
{
	uint32_t n = r->desc->ndata ? r->desc->ndata : 1;

	*tmp = NULL;
	if (r->e)
		return r->e->data;
	if (n <= 4)
		return zeros;
	*tmp = xcalloc(n, sizeof(int64_t));
	return *tmp;
}

static void
print_keys(struct cons *c, const struct row *r)
{
	uint32_t k;

	for (k = 0; k < r->desc->nkeys; k++)
		cons_key_datum(c, &r->e->keys[k],
			       r->desc->keys ? &r->desc->keys[k] : NULL);
}

/* Appends sb's text from `from` on, blanks trimmed at both ends, to out. */
static void
take_trimmed(struct strbuf *sb, size_t from, struct strbuf *out)
{
	size_t b = from, e = sb->len;

	while (b < e && (sb->buf[b] == ' ' || sb->buf[b] == '\n'))
		b++;
	while (e > b && (sb->buf[e - 1] == ' ' || sb->buf[e - 1] == '\n'))
		e--;
	sb_add(out, sb->buf + b, e - b);
	sb_setlen(sb, from);
}

/*
 * -x stackfmt=folded: a row whose key holds a stack, and whose values are
 * numbers, becomes one line of FlameGraph's folded format: the keys
 * joined by ';' (a stack's frames outermost first), a blank, the
 * values. Returns 0 when the row is not one (printed as usual).
 */
static int
print_row_folded(struct cons *c, const struct row *keyrow,
		 const struct row *vals, uint32_t nvals)
{
	struct strbuf line;
	uint32_t i, k;
	int stack = 0;

	for (k = 0; k < keyrow->desc->nkeys; k++)
		stack |= keyrow->e->keys[k].type == VM_D_STACK;
	for (i = 0; i < nvals; i++)
		switch (vals[i].desc->fn) {
		case VM_AGG_QUANTIZE:
		case VM_AGG_LQUANTIZE:
		case VM_AGG_LLQUANTIZE:
			return 0;
		default:
			break;
		}
	if (!stack)
		return 0;
	sb_init(&line);
	for (k = 0; k < keyrow->desc->nkeys; k++) {
		const struct vm_datum *d = &keyrow->e->keys[k];

		if (line.len)
			sb_addch(&line, ';');
		if (d->type != VM_D_STACK) {
			size_t from = c->sb.len;

			cons_key_datum(c, d,
				       keyrow->desc->keys ?
					       &keyrow->desc->keys[k] :
					       NULL);
			take_trimmed(&c->sb, from, &line);
			continue;
		}
		/* frames outermost first */
		for (uint32_t n = d->len; n-- > 0;) {
			char buf[512];

			if (d->pcs[n] == 0)
				continue;
			char *plus;

			cons_sym_text(c, d->is_signed ? (int64_t)d->i : 0,
				      d->pcs[n], 0, buf, sizeof(buf));
			/* functions, not call sites: stackcollapse.pl drops
			   the offsets too, so one function is one box */
			plus = strstr(buf, "+0x");
			if (plus)
				*plus = '\0';
			sb_addstr(&line, buf);
			if (n > 0)
				sb_addch(&line, ';');
		}
		while (line.len && line.buf[line.len - 1] == ';')
			sb_setlen(&line, line.len - 1);
	}
	for (i = 0; i < nvals; i++) {
		int64_t *tmp;
		const int64_t *dat = row_data(&vals[i], &tmp);
		size_t from = c->sb.len;

		sb_addch(&line, ' ');
		cons_agg_value(c, vals[i].desc, dat,
			       cons_aggstate(c, vals[i].id)->normal);
		take_trimmed(&c->sb, from, &line);
		free(tmp);
	}
	sb_add(&c->sb, line.buf, line.len);
	sb_addch(&c->sb, '\n');
	sb_release(&line);
	return 1;
}

/* dt_print_aggs(): keys, then each value, then "\n". */
static void
print_row(struct cons *c, const struct row *keyrow, const struct row *vals,
	  uint32_t nvals)
{
	uint32_t i;

	if (c->o.stack_folded && print_row_folded(c, keyrow, vals, nvals))
		return;

	print_keys(c, keyrow);
	for (i = 0; i < nvals; i++) {
		int64_t *tmp;
		const int64_t *d = row_data(&vals[i], &tmp);

		cons_agg_value(c, vals[i].desc, d,
			       cons_aggstate(c, vals[i].id)->normal);
		free(tmp);
	}
	sb_addch(&c->sb, '\n');
}

static void
printa_row(struct cons *c, const struct fmt *f, const struct row *keyrow,
	   const struct row *vals, uint32_t nvals)
{
	struct cons_aggval *av = xcalloc(nvals, sizeof(*av));
	uint32_t i;

	for (i = 0; i < nvals; i++) {
		av[i].desc = vals[i].desc;
		av[i].e = vals[i].e;
		av[i].normal = cons_aggstate(c, vals[i].id)->normal;
	}
	cons_format(c, &c->sb, f, keyrow->e->keys, keyrow->desc->nkeys, av,
		    nvals);
	free(av);
}

/* The rows of aggregation id in printa()'s order (the caller frees them,
   then release(*keep, *nkeep)). */
static struct row *
sorted_rows(struct cons *c, struct vm_aggstore *st, uint32_t id, size_t *nr,
	    struct vm_agg_entry ****keep, uint32_t *nkeep)
{
	struct row *rows;

	*keep = xcalloc(1, sizeof(**keep));
	rows = collect(st, &id, 1, nr, *keep, nkeep);
	sort_setup(c);
	if (*nr)
		qsort(rows, *nr, sizeof(*rows), row_cmp);
	return rows;
}

/* printa() of one aggregation. */
static void
printa_one(struct cons *c, struct vm_aggstore *st, const struct fmt *f,
	   int deflt, uint32_t id)
{
	struct vm_agg_entry ***keep;
	uint32_t nkeep;
	size_t nr, i;
	struct row *rows = sorted_rows(c, st, id, &nr, &keep, &nkeep);

	if (deflt)
		sb_addch(&c->sb, '\n');
	for (i = 0; i < nr; i++) {
		if (deflt)
			print_row(c, &rows[i], &rows[i], 1);
		else
			printa_row(c, f, &rows[i], &rows[i], 1);
		cons_aggstate(c, id)->printed = 1;
		if (c->sb.len >= 65536)
			cons_flush(c);
	}
	free(rows);
	release(keep, nkeep);
}

/* A bundle of a joined printa(): one key, a value row per aggregation. */
struct bundle {
	const struct row *key; /* representative */
	struct row *vals;      /* n rows, in printa order (e NULL: zero) */
};

static uint32_t joined_n, joined_pos;

static int
bundle_cmp(const void *lp, const void *rp)
{
	const struct bundle *l = lp, *r = rp;
	uint32_t i;
	int rv;

	if (sctx.keysort) {
		rv = key_cmp(l->key, r->key);
		if (rv)
			return rv;
		for (i = 0; i < joined_n; i++) {
			uint32_t k = (i + joined_pos) % joined_n;

			rv = val_cmp(&l->vals[k], &r->vals[k]);
			if (rv)
				return rv;
		}
		return 0;
	}
	for (i = 0; i < joined_n; i++) {
		uint32_t k = (i + joined_pos) % joined_n;

		rv = val_cmp(&l->vals[k], &r->vals[k]);
		if (rv)
			return rv;
	}
	return key_cmp(l->key, r->key);
}

static int
keyonly_cmp(const void *lp, const void *rp)
{
	const struct row *l = lp, *r = rp;
	int rv = key_cmp(l, r);

	return rv ? rv : cmp_u64(l->id, r->id);
}

/* printa() of several aggregations (dtrace_aggregate_walk_joined()). */
static void
printa_joined(struct cons *c, struct vm_aggstore *st, const struct fmt *f,
	      int deflt, const uint32_t *ids, uint32_t n)
{
	struct vm_agg_entry ***keep = xcalloc(n, sizeof(*keep));
	uint32_t nkeep, j;
	size_t nr, i, start, nb = 0;
	struct row *rows = collect(st, ids, n, &nr, keep, &nkeep);
	struct bundle *b = NULL;
	int save_rev;

	sort_setup(c);
	if (deflt)
		sb_addch(&c->sb, '\n');
	/* group rows with equal keys (comparison direction is irrelevant) */
	save_rev = sctx.rev;
	sctx.rev = 0;
	if (nr)
		qsort(rows, nr, sizeof(*rows), keyonly_cmp);
	b = xcalloc(nr ? nr : 1, sizeof(*b));
	for (start = 0, i = 1; i <= nr; i++) {
		if (i < nr && key_cmp(&rows[i], &rows[i - 1]) == 0)
			continue;
		b[nb].key = &rows[start];
		b[nb].vals = xcalloc(n, sizeof(struct row));
		for (j = 0; j < n; j++) {
			size_t k;

			b[nb].vals[j].id = ids[j];
			b[nb].vals[j].desc = vm_agg_desc(st, ids[j]);
			for (k = start; k < i; k++)
				if (rows[k].id == ids[j])
					b[nb].vals[j].e = rows[k].e;
		}
		nb++;
		start = i;
	}
	sctx.rev = save_rev;
	joined_n = n;
	joined_pos = c->o.aggsortpos > 0 && (uint32_t)c->o.aggsortpos < n ?
			     (uint32_t)c->o.aggsortpos :
			     0;
	if (nb)
		qsort(b, nb, sizeof(*b), bundle_cmp);
	for (i = 0; i < nb; i++) {
		if (deflt)
			print_row(c, b[i].key, b[i].vals, n);
		else
			printa_row(c, f, b[i].key, b[i].vals, n);
		if (c->sb.len >= 65536)
			cons_flush(c);
	}
	if (nb)
		for (j = 0; j < n; j++)
			cons_aggstate(c, ids[j])->printed = 1;
	for (i = 0; i < nb; i++)
		free(b[i].vals);
	free(b);
	free(rows);
	release(keep, nkeep);
}

int
cons_printa(struct cons *c, struct vm_aggstore *st, const char *fmt,
	    const uint32_t *ids, uint32_t nids)
{
	const struct fmt *f = NULL;
	uint32_t i;

	if (fmt) {
		f = cons_fmt_get(c, fmt);
		if (!f)
			return -1;
	}
	for (i = 0; i < nids; i++)
		if (!vm_agg_desc(st, ids[i]))
			return -1;
	if (nids == 1)
		printa_one(c, st, f, f == NULL, ids[0]);
	else
		printa_joined(c, st, f, f == NULL, ids, nids);
	return 0;
}

int
cons_print_agg(struct cons *c, struct vm_aggstore *st, uint32_t id)
{
	if (!vm_agg_desc(st, id))
		return -1;
	if (c->o.json)
		cons_json_agg_record(c, st, id);
	else
		printa_one(c, st, NULL, 1, id);
	return cons_flush(c);
}

void
cons_agg_json_rows(struct cons *c, struct vm_aggstore *st, uint32_t id)
{
	struct vm_agg_entry ***keep;
	uint32_t nkeep;
	size_t nr, i;
	struct row *rows = sorted_rows(c, st, id, &nr, &keep, &nkeep);

	sb_addch(&c->sb, '[');
	for (i = 0; i < nr; i++) {
		if (i)
			sb_addch(&c->sb, ',');
		cons_json_agg_row(c, rows[i].desc, rows[i].e,
				  cons_aggstate(c, id)->normal);
	}
	sb_addch(&c->sb, ']');
	cons_aggstate(c, id)->printed = 1;
	free(rows);
	release(keep, nkeep);
}

/* dt_trunc(): keep the n first by value descending (n < 0: ascending). */
void
cons_trunc(struct cons *c, struct vm_aggstore *st, uint32_t id, int64_t keep,
	   int has_arg)
{
	struct vm_agg_entry ***k = xcalloc(1, sizeof(*k));
	uint32_t nk;
	size_t nr, i;
	struct row *rows = collect(st, &id, 1, &nr, k, &nk);
	uint64_t remaining;

	(void)c;
	if (!has_arg)
		keep = 0;
	sctx.rev = keep >= 0; /* valrevsorted for n >= 0 */
	sctx.keysort = 0;
	sctx.keypos = 0;
	remaining = keep < 0 ? (uint64_t)0 - (uint64_t)keep : (uint64_t)keep;
	if (nr)
		qsort(rows, nr, sizeof(*rows), row_cmp);
	for (i = 0; i < nr; i++) {
		if (remaining) {
			remaining--;
			continue;
		}
		vm_agg_remove(st, id, rows[i].e);
	}
	free(rows);
	release(k, nk);
}

int
cons_print_remaining_aggs(struct cons *c, struct vm_aggstore *st)
{
	uint32_t n = st ? vm_agg_count(st) : 0, i, nids = 0;
	uint32_t *ids = xcalloc(n ? n : 1, sizeof(*ids));
	struct vm_agg_entry ***keep;
	uint32_t nkeep;
	size_t nr, r;
	struct row *rows;

	/* cmd/dtrace.c prints this "\n" at the end of every run */
	if (!c->o.json)
		sb_addch(&c->sb, '\n');
	for (i = 0; i < n; i++)
		if (!cons_aggstate(c, i)->printed)
			ids[nids++] = i;
	if (c->o.json) {
		/* one record per aggregation that has entries */
		for (i = 0; i < nids; i++) {
			struct vm_agg_entry **ents = NULL;
			size_t ne = vm_agg_entries(st, ids[i], &ents);

			free(ents);
			if (ne)
				cons_json_agg_record(c, st, ids[i]);
		}
		free(ids);
		return cons_flush(c);
	}
	keep = xcalloc(nids ? nids : 1, sizeof(*keep));
	rows = collect(st, ids, nids, &nr, keep, &nkeep);
	sort_setup(c);
	if (nr)
		qsort(rows, nr, sizeof(*rows), row_cmp);
	for (r = 0; r < nr; r++) {
		print_row(c, &rows[r], &rows[r], 1);
		if (c->sb.len >= 65536)
			cons_flush(c);
	}
	free(rows);
	release(keep, nkeep);
	free(ids);
	return cons_flush(c);
}

int
cons_print_newline(struct cons *c)
{
	if (!c->o.json)
		sb_addch(&c->sb, '\n');
	return cons_flush(c);
}
