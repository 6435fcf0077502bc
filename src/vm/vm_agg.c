/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The aggregation store of vm_rec.h: per aggregation, a hash from the
 * serialised key tuple to an entry holding the key datums and the int64
 * slots of the aggregating function, in DTrace's layouts (vm_isa.h):
 *
 *	count/sum/min/max  1 slot (min starts at INT64_MAX, max at INT64_MIN)
 *	avg                count, sum
 *	stddev             count, sum, sum of squares (128 bits: lo, hi)
 *	quantize           127 power-of-two buckets, zero at 63
 *	lquantize          underflow, levels, overflow
 *	llquantize         dtrace-utils' symmetric layout (see llq_bucket)
 *
 * The store is bounded by aggsize: an entry that would not fit is refused
 * and counted ("N aggregation drops"). The bucket helpers are shared with
 * the consumer, which prints histograms from them.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/htab.h"
#include "common/xalloc.h"
#include "vm/vm_impl.h"

struct agg_ent {
	struct vm_agg_entry pub; /* first: the consumer sees this part */
	uint8_t *key;
	size_t klen;
	size_t cost;
};

struct agg {
	struct htab *h;
	struct vm_aggdesc *desc;
};

struct vm_aggstore {
	struct vm_prog *prog;
	struct agg *aggs;
	uint32_t n;
	size_t bytes, limit;
	uint64_t drops, order;
};

#define Q_NBUCKETS 127
#define Q_ZERO 63

/* --- bucket arithmetic --------------------------------------------- */

static int
ilog2_u64(uint64_t v)
{
	return 63 - __builtin_clzll(v);
}

static uint32_t
q_bucket(int64_t v)
{
	int k;

	if (v == 0)
		return Q_ZERO;
	if (v > 0)
		return 64 + (uint32_t)ilog2_u64((uint64_t)v);
	k = ilog2_u64(-(uint64_t)v);
	return k >= 62 ? 0 : (uint32_t)(62 - k);
}

int64_t
vm_q_bucket_min(uint32_t i)
{
	if (i >= Q_NBUCKETS)
		i = Q_NBUCKETS - 1;
	if (i < Q_ZERO)
		return -((int64_t)1 << (Q_ZERO - 1 - i));
	if (i == Q_ZERO)
		return 0;
	return (int64_t)1 << (i - Q_ZERO - 1);
}

static uint32_t
lq_levels(const struct vm_aggdesc *a)
{
	int64_t lv;

	if (a->lq_step <= 0 || a->lq_limit <= a->lq_base)
		return 0;
	lv = (int64_t)(((uint64_t)a->lq_limit - (uint64_t)a->lq_base) /
		       (uint64_t)a->lq_step);
	/* The compiler bounds levels (dtrace: at most UINT16_MAX). */
	if (lv > 65535)
		lv = 65535;
	return (uint32_t)lv;
}

static uint32_t
lq_bucket(const struct vm_aggdesc *a, int64_t v)
{
	uint32_t levels = lq_levels(a);
	uint64_t level;

	if (v < a->lq_base)
		return 0;
	if (a->lq_step <= 0)
		return levels + 1;
	level = ((uint64_t)v - (uint64_t)a->lq_base) / (uint64_t)a->lq_step;
	return level < levels ? (uint32_t)level + 1 : levels + 1;
}

int64_t
vm_lq_bucket_min(const struct vm_aggdesc *a, uint32_t i)
{
	uint32_t levels = lq_levels(a);

	if (i == 0)
		return a->lq_base;
	if (i > levels + 1)
		i = levels + 1;
	return (int64_t)((uint64_t)a->lq_base +
			 (uint64_t)(i - 1) * (uint64_t)a->lq_step);
}

/*
 * llquantize in dtrace-utils' layout (dt_print_llquantize), symmetric
 * around a middle bucket so that negative values have buckets too:
 *
 *	0                 values <= -factor^(high+1)
 *	1 .. bin0-1       the negative mirror of the positive buckets
 *	bin0              |value| < factor^low
 *	bin0+1 .. 2bin0-1 per order of magnitude from low to high, steps -
 *	                  steps/factor buckets of width factor^(mag+1)/steps
 *	2bin0             values >= factor^(high+1)
 *
 * with bin0 = 1 + (high - low + 1) * (steps - steps/factor). Offset i >= 1
 * from bin0 starts at (steps/factor + j) * factor^(low + m + 1) / steps
 * for m = (i-1) / (steps - steps/factor), j = (i-1) % (...). When low is
 * 0 and steps > factor, the first order's buckets are narrower than 1:
 * only every (steps/factor)-th of them can hold a value ("ghost" buckets
 * in dtrace-utils' words), the one for integer value 1 + j/(steps/factor).
 */
struct llq {
	int64_t fac, steps, sf, per, lmag, hmag;
	uint32_t bin0;
};

static void
llq_params(const struct vm_aggdesc *a, struct llq *q)
{
	q->fac = a->llq_factor >= 2 ? a->llq_factor : 10;
	q->steps = a->llq_nsteps >= 1 ? a->llq_nsteps : q->fac;
	q->sf = q->steps / q->fac;
	q->per = q->steps - q->sf;
	if (q->per < 1)
		q->per = 1;
	q->lmag = a->llq_low;
	q->hmag = a->llq_high >= a->llq_low ? a->llq_high : a->llq_low;
	/* Bound the table (the compiler bounds these far below). */
	if ((q->hmag - q->lmag + 1) * q->per > 100000)
		q->hmag = q->lmag + 100000 / q->per - 1;
	q->bin0 = (uint32_t)(1 + (q->hmag - q->lmag + 1) * q->per);
}

/* factor^e, saturating at INT64_MAX. */
static int64_t
ipow_sat(int64_t f, int64_t e)
{
	int64_t r = 1;

	while (e-- > 0) {
		if (r > INT64_MAX / f)
			return INT64_MAX;
		r *= f;
	}
	return r;
}

static uint32_t
llq_bucket(const struct vm_aggdesc *a, int64_t v)
{
	struct llq q;
	uint64_t m = v < 0 ? -(uint64_t)v : (uint64_t)v;
	int64_t mag;
	uint64_t off;

	llq_params(a, &q);
	if (m < (uint64_t)ipow_sat(q.fac, q.lmag))
		return q.bin0;
	if (m >= (uint64_t)ipow_sat(q.fac, q.hmag + 1) &&
	    ipow_sat(q.fac, q.hmag + 1) != INT64_MAX)
		return v < 0 ? 0 : 2 * q.bin0;
	for (mag = q.lmag; mag < q.hmag; mag++)
		if (m < (uint64_t)ipow_sat(q.fac, mag + 1))
			break;
	off = (uint64_t)(((unsigned __int128)m * (uint64_t)q.steps) /
			 (uint64_t)ipow_sat(q.fac, mag + 1));
	off = off >= (uint64_t)q.sf ? off - (uint64_t)q.sf : 0;
	if (off >= (uint64_t)q.per)
		off = (uint64_t)q.per - 1;
	off += 1 + (uint64_t)(mag - q.lmag) * (uint64_t)q.per;
	return v < 0 ? q.bin0 - (uint32_t)off : q.bin0 + (uint32_t)off;
}

uint32_t
vm_llq_nbuckets(const struct vm_aggdesc *a)
{
	struct llq q;

	llq_params(a, &q);
	return 2 * q.bin0 + 1;
}

uint32_t
vm_llq_zero_bucket(const struct vm_aggdesc *a)
{
	struct llq q;

	llq_params(a, &q);
	return q.bin0;
}

/* Label magnitude of offset i >= 1 from bin0; 0 for a ghost bucket. */
static int64_t
llq_label(const struct llq *q, int64_t i)
{
	int64_t m = (i - 1) / q->per, j = (i - 1) % q->per;
	unsigned __int128 x;

	if (i >= (int64_t)q->bin0)
		return ipow_sat(q->fac, q->hmag + 1);
	if (m == 0 && q->lmag == 0 && q->steps > q->fac) {
		if (q->sf && j % q->sf)
			return 0;
		return 1 + (q->sf ? j / q->sf : j);
	}
	x = (unsigned __int128)(uint64_t)(q->sf + j) *
	    (uint64_t)ipow_sat(q->fac, q->lmag + m + 1) / (uint64_t)q->steps;
	return x > INT64_MAX ? INT64_MAX : (int64_t)x;
}

int64_t
vm_llq_bucket_min(const struct vm_aggdesc *a, uint32_t i)
{
	struct llq q;

	llq_params(a, &q);
	if (i == q.bin0)
		return ipow_sat(q.fac, q.lmag);
	if (i > q.bin0)
		return llq_label(&q, (int64_t)i - q.bin0);
	return -llq_label(&q, (int64_t)q.bin0 - i);
}

int
vm_llq_bucket_is_ghost(const struct vm_aggdesc *a, uint32_t i)
{
	struct llq q;

	llq_params(a, &q);
	if (i == q.bin0 || i >= 2 * q.bin0 || i == 0)
		return 0;
	return llq_label(&q, i > q.bin0 ? (int64_t)i - q.bin0 :
					  (int64_t)q.bin0 - i) == 0;
}

static uint32_t
ndata_of(const struct vm_aggdesc *a)
{
	switch (a->fn) {
	case VM_AGG_AVG:
		return 2;
	case VM_AGG_STDDEV:
		return 4;
	case VM_AGG_QUANTIZE:
		return Q_NBUCKETS;
	case VM_AGG_LQUANTIZE:
		return lq_levels(a) + 2;
	case VM_AGG_LLQUANTIZE:
		return vm_llq_nbuckets(a);
	default:
		return 1;
	}
}

static void
init_data(const struct vm_aggdesc *a, int64_t *data)
{
	memset(data, 0, sizeof(*data) * a->ndata);
	if (a->fn == VM_AGG_MIN)
		data[0] = INT64_MAX;
	else if (a->fn == VM_AGG_MAX)
		data[0] = INT64_MIN;
}

/* --- the store ----------------------------------------------------- */

struct vm_aggstore *
vm_aggstore_create(struct vm_prog *prog, size_t limit)
{
	struct vm_aggstore *s = xcalloc(1, sizeof(*s));
	uint32_t i;

	s->prog = prog;
	s->limit = limit;
	s->n = prog ? prog->naggs : 0;
	s->aggs = xcalloc(s->n ? s->n : 1, sizeof(*s->aggs));
	for (i = 0; i < s->n; i++) {
		s->aggs[i].desc = prog->aggs[i];
		s->aggs[i].h = htab_create();
		if (prog->aggs[i])
			prog->aggs[i]->ndata = ndata_of(prog->aggs[i]);
	}
	return s;
}

static void
free_ent(struct agg_ent *e)
{
	free(e);
}

void
vm_aggstore_destroy(struct vm_aggstore *s)
{
	uint32_t i;

	if (!s)
		return;
	for (i = 0; i < s->n; i++) {
		size_t it = 0, kl;
		const void *k;
		void *v;

		while (htab_next(s->aggs[i].h, &it, &k, &kl, &v))
			free_ent(v);
		htab_destroy(s->aggs[i].h);
	}
	free(s->aggs);
	free(s);
}

void
vm_aggstore_set_limit(struct vm_aggstore *s, size_t limit)
{
	s->limit = limit;
}

uint32_t
vm_agg_count(const struct vm_aggstore *s)
{
	return s ? s->n : 0;
}

const struct vm_aggdesc *
vm_agg_desc(const struct vm_aggstore *s, uint32_t id)
{
	return s && id < s->n ? s->aggs[id].desc : NULL;
}

uint64_t
vm_agg_drops(const struct vm_aggstore *s)
{
	return s ? s->drops : 0;
}

size_t
vm_agg_entries(struct vm_aggstore *s, uint32_t id, struct vm_agg_entry ***out)
{
	size_t n, i = 0, it = 0, kl;
	struct vm_agg_entry **v;
	const void *k;
	void *val;

	*out = NULL;
	if (!s || id >= s->n)
		return 0;
	n = htab_count(s->aggs[id].h);
	v = xcalloc(n ? n : 1, sizeof(*v));
	while (i < n && htab_next(s->aggs[id].h, &it, &k, &kl, &val))
		v[i++] = val;
	*out = v;
	return i;
}

void
vm_agg_clear(struct vm_aggstore *s, uint32_t id)
{
	size_t it = 0, kl;
	const void *k;
	void *v;

	if (!s || id >= s->n || !s->aggs[id].desc)
		return;
	while (htab_next(s->aggs[id].h, &it, &k, &kl, &v))
		init_data(s->aggs[id].desc, ((struct agg_ent *)v)->pub.data);
}

void
vm_agg_remove(struct vm_aggstore *s, uint32_t id, struct vm_agg_entry *pub)
{
	struct agg_ent *e = (struct agg_ent *)pub;

	if (!s || id >= s->n || !e)
		return;
	if (htab_get(s->aggs[id].h, e->key, e->klen) != e)
		return;
	htab_del(s->aggs[id].h, e->key, e->klen);
	s->bytes -= e->cost < s->bytes ? e->cost : s->bytes;
	free_ent(e);
}

/* Serialises key datums: type, then the content that identifies it. */
static size_t
key_ser(const struct vm_datum *k, uint32_t n, uint8_t *out)
{
	size_t len = 0;
	uint32_t i;

#define PUT(src, sz)                                                           \
	do {                                                                   \
		if (out)                                                       \
			memcpy(out + len, (src), (sz));                        \
		len += (sz);                                                   \
	} while (0)
	for (i = 0; i < n; i++) {
		uint8_t t = k[i].type;
		uint32_t l = k[i].len;

		PUT(&t, 1);
		switch (t) {
		case VM_D_STR:
			PUT(k[i].s ? k[i].s : "", l);
			PUT("", 1);
			break;
		case VM_D_BYTES:
			PUT(&l, 4);
			PUT(k[i].p, l);
			break;
		case VM_D_STACK:
			PUT(&k[i].is_signed, 1);
			PUT(&k[i].i, 8);
			PUT(&l, 4);
			PUT(k[i].pcs, (size_t)l * 8);
			break;
		case VM_D_SYM:
			PUT(&k[i].size, 1);
			PUT(&k[i].i, 8);
			PUT(&k[i].pid, 8);
			break;
		default:
			PUT(&k[i].i, 8);
			break;
		}
	}
#undef PUT
	return len;
}

static size_t
datum_payload(const struct vm_datum *d)
{
	switch (d->type) {
	case VM_D_STR:
		return ((size_t)d->len + 8) & ~(size_t)7;
	case VM_D_BYTES:
		return ((size_t)d->len + 7) & ~(size_t)7;
	case VM_D_STACK:
		return (size_t)d->len * 8;
	default:
		return 0;
	}
}

static struct agg_ent *
new_ent(const struct vm_aggdesc *a, const struct vm_datum *keys, uint32_t nkeys,
	const uint8_t *ser, size_t klen)
{
	size_t sz = sizeof(struct agg_ent), i, pay = 0;
	struct agg_ent *e;
	uint8_t *p;

	for (i = 0; i < nkeys; i++)
		pay += datum_payload(&keys[i]);
	sz += sizeof(struct vm_datum) * nkeys + sizeof(int64_t) * a->ndata +
	      pay + ((klen + 7) & ~(size_t)7);
	e = xcalloc(1, sz);
	p = (uint8_t *)(e + 1);
	e->pub.keys = (struct vm_datum *)p;
	p += sizeof(struct vm_datum) * nkeys;
	e->pub.data = (int64_t *)p;
	p += sizeof(int64_t) * a->ndata;
	for (i = 0; i < nkeys; i++) {
		struct vm_datum *d = &e->pub.keys[i];

		*d = keys[i];
		if (d->type == VM_D_STR) {
			if (d->len && keys[i].s)
				memcpy(p, keys[i].s, d->len);
			p[d->len] = '\0';
			d->s = (const char *)p;
		} else if (d->type == VM_D_BYTES) {
			if (d->len && keys[i].p)
				memcpy(p, keys[i].p, d->len);
			d->p = p;
		} else if (d->type == VM_D_STACK) {
			if (d->len && keys[i].pcs)
				memcpy(p, keys[i].pcs, (size_t)d->len * 8);
			d->pcs = (const uint64_t *)p;
		}
		p += datum_payload(d);
	}
	e->key = p;
	memcpy(p, ser, klen);
	e->klen = klen;
	e->cost = sz;
	init_data(a, e->pub.data);
	return e;
}

/* Counters wrap as the 64-bit registers of dtrace do. */
static void
add_wrap(int64_t *slot, int64_t incr)
{
	*slot = (int64_t)((uint64_t)*slot + (uint64_t)incr);
}

static void
add128(int64_t *lohi, uint64_t v)
{
	uint64_t lo = (uint64_t)lohi[0];

	lo += v;
	if (lo < v)
		lohi[1] = (int64_t)((uint64_t)lohi[1] + 1);
	lohi[0] = (int64_t)lo;
}

void
vm_agg_update(struct vm_aggstore *s, uint32_t id, const struct vm_datum *keys,
	      uint32_t nkeys, int64_t val, int64_t incr)
{
	const struct vm_aggdesc *a;
	struct agg_ent *e;
	uint8_t *ser;
	size_t klen;
	int64_t *d;

	if (!s || id >= s->n || !(a = s->aggs[id].desc))
		return;
	if (nkeys > a->nkeys)
		nkeys = a->nkeys;
	klen = key_ser(keys, nkeys, NULL);
	ser = xmalloc(klen ? klen : 1);
	key_ser(keys, nkeys, ser);
	e = htab_get(s->aggs[id].h, ser, klen);
	if (!e) {
		e = new_ent(a, keys, nkeys, ser, klen);
		if (s->limit && s->bytes + e->cost > s->limit) {
			s->drops++;
			free(e);
			free(ser);
			return;
		}
		s->bytes += e->cost;
		e->pub.order = s->order++;
		htab_put(s->aggs[id].h, ser, klen, e);
	}
	free(ser);
	d = e->pub.data;
	switch (a->fn) {
	case VM_AGG_COUNT:
		d[0] = (int64_t)((uint64_t)d[0] + 1);
		break;
	case VM_AGG_SUM:
		d[0] = (int64_t)((uint64_t)d[0] + (uint64_t)val);
		break;
	case VM_AGG_MIN:
		if (val < d[0])
			d[0] = val;
		break;
	case VM_AGG_MAX:
		if (val > d[0])
			d[0] = val;
		break;
	case VM_AGG_AVG:
		d[0] = (int64_t)((uint64_t)d[0] + 1);
		d[1] = (int64_t)((uint64_t)d[1] + (uint64_t)val);
		break;
	case VM_AGG_STDDEV: {
		/* dtrace squares |val| in 128 bits and adds it. */
		uint64_t m = val < 0 ? -(uint64_t)val : (uint64_t)val;
		unsigned __int128 sq = (unsigned __int128)m * m;

		d[0] = (int64_t)((uint64_t)d[0] + 1);
		d[1] = (int64_t)((uint64_t)d[1] + (uint64_t)val);
		add128(&d[2], (uint64_t)sq);
		d[3] = (int64_t)((uint64_t)d[3] + (uint64_t)(sq >> 64));
		break;
	}
	case VM_AGG_QUANTIZE:
		add_wrap(&d[q_bucket(val)], incr);
		break;
	case VM_AGG_LQUANTIZE:
		add_wrap(&d[lq_bucket(a, val)], incr);
		break;
	case VM_AGG_LLQUANTIZE: {
		uint32_t b = llq_bucket(a, val);

		if (b < a->ndata)
			add_wrap(&d[b], incr);
		break;
	}
	default:
		break;
	}
}

void
vm_datum_from_val(struct vm_datum *d, const struct vm_val *v,
		  const struct vm_type *t)
{
	memset(d, 0, sizeof(*d));
	switch (v->kind) {
	case VM_T_STRING:
		d->type = VM_D_STR;
		d->s = v->p ? (const char *)v->p : "";
		d->len = (uint32_t)v->len;
		break;
	case VM_T_BYTES:
	case VM_T_FLOAT:
		d->type = VM_D_BYTES;
		d->p = v->p;
		d->len = (uint32_t)v->len;
		/* a struct, union or non-char array: trace() prints the
		   byte table always (vm_rec.h) */
		d->is_signed = v->kind == VM_T_BYTES && t &&
			       t->kind == VM_T_BYTES && !t->is_chars;
		break;
	case VM_T_STACK:
		d->type = VM_D_STACK;
		d->pcs = (const uint64_t *)v->p;
		d->len = (uint32_t)v->len;
		d->is_signed = v->sym ? 1 : 0;
		d->i = v->i;
		d->pid = (int64_t)v->i;
		break;
	case VM_T_SYM:
		d->type = VM_D_SYM;
		d->size = v->sym;
		d->i = v->i;
		break;
	case VM_T_PTR:
		d->type = VM_D_INT;
		d->size = 8;
		d->i = v->i;
		break;
	default:
		d->type = VM_D_INT;
		d->size = (uint8_t)(t && t->kind == VM_T_INT && t->size &&
						    t->size <= 8 ?
					    t->size :
					    8);
		d->is_signed = t && t->kind == VM_T_INT ? t->is_signed : 1;
		d->i = v->i;
		break;
	}
}
