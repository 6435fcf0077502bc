/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The quantize(), lquantize() and llquantize() histograms, drawn as
 * dtrace draws them (dt_print_quantize(), dt_print_lquantize(),
 * dt_print_llquantize(), dt_print_quantline() in Oracle DTrace): the
 * shown range is the first non-zero bucket minus one to the last non-zero
 * bucket plus one; bars are 40 '@' wide, rounded; mixed-sign data gets two
 * 20-wide half bars around a centre line. Also the sorting weights dtrace
 * gives each histogram (dt_aggregate_*quantizedsum/zero).
 *
 * Bucket layouts (the VM fills them the same way): quantize has 127
 * buckets, 63 being 0, 64+i holding [2^i, 2^(i+1)) and 62-i the negative
 * mirror; lquantize has levels+2 (underflow, the levels, overflow);
 * llquantize has Oracle DTrace's 2*(hmag-lmag+1)*(steps-steps/factor)+3
 * bins: the negative overflow, the negative bins from the largest
 * magnitude down, the underflow bin (|value| < factor^lmag), the positive
 * bins, the positive overflow.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "consumer/cons_impl.h"

#define Q_NBUCKETS 127
#define Q_ZERO 63

static const char ats[] = "@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@";
static const char spaces[] = "                                        ";

static int64_t
q_bucketval(int i)
{
	if (i < Q_ZERO)
		return -(int64_t)(1ULL << (Q_ZERO - 1 - i));
	if (i == Q_ZERO)
		return 0;
	return (int64_t)(1ULL << (i - Q_ZERO - 1));
}

static long double
labs_ld(long double x)
{
	return x < 0 ? -x : x;
}

static void
quantline(struct strbuf *sb, int64_t val, uint64_t normal, long double total,
	  int positives, int negatives)
{
	unsigned len = 40, depth;
	const char *a = ats, *s = spaces;
	long long shown = (long long)((uint64_t)val / normal);

	if (!negatives) {
		depth = positives ? (unsigned)(labs_ld((long double)val) * len /
						       total +
					       0.5) :
				    0;
		sb_addf(sb, "|%s%s %-9lld\n", a + len - depth, s + depth,
			shown);
		return;
	}
	if (!positives) {
		depth = (unsigned)(labs_ld((long double)val) * len / total +
				   0.5);
		sb_addf(sb, "%s%s| %-9lld\n", s + depth, a + len - depth,
			shown);
		return;
	}
	len /= 2;
	a += len;
	s += len;
	depth = (unsigned)(labs_ld((long double)val) * len / total + 0.5);
	if (val <= 0)
		sb_addf(sb, "%s%s|%*s %-9lld\n", s + depth, a + len - depth,
			(int)len, "", shown);
	else
		sb_addf(sb, "%20s|%s%s %-9lld\n", "", a + len - depth,
			s + depth, shown);
}

static void
header(struct strbuf *sb)
{
	sb_addf(sb, "\n%16s %41s %-9s\n", "value",
		"------------- Distribution -------------", "count");
}

/* Range rule shared by quantize and lquantize; returns 0 if all zero. */
static void
range(const int64_t *data, int nb, int *first, int *last, int zfirst, int zlast)
{
	int f = 0, l = nb - 1;

	while (f <= l && data[f] == 0)
		f++;
	if (f > l) {
		*first = zfirst;
		*last = zlast;
		return;
	}
	if (f > 0)
		f--;
	while (l > 0 && data[l] == 0)
		l--;
	if (l < nb - 1)
		l++;
	*first = f;
	*last = l;
}

static void
totals(const int64_t *data, int first, int last, long double *total, int *pos,
       int *neg)
{
	int i;

	*total = 0;
	*pos = *neg = 0;
	for (i = first; i <= last; i++) {
		*pos |= data[i] > 0;
		*neg |= data[i] < 0;
		*total += labs_ld((long double)data[i]);
	}
}

void
cons_quantize(struct strbuf *sb, const struct vm_aggdesc *a,
	      const int64_t *data, uint64_t normal)
{
	int first, last, i, pos, neg;
	long double total;

	(void)a;
	range(data, Q_NBUCKETS, &first, &last, Q_ZERO - 1, Q_ZERO + 1);
	totals(data, first, last, &total, &pos, &neg);
	header(sb);
	for (i = first; i <= last; i++) {
		sb_addf(sb, "%16lld ", (long long)q_bucketval(i));
		quantline(sb, data[i], normal, total, pos, neg);
	}
}

uint32_t
cons_lq_levels(const struct vm_aggdesc *a)
{
	if (a->ndata >= 2)
		return a->ndata - 2;
	if (a->lq_step <= 0)
		return 0;
	return (uint32_t)((a->lq_limit - a->lq_base) / a->lq_step);
}

void
cons_lquantize(struct strbuf *sb, const struct vm_aggdesc *a,
	       const int64_t *data, uint64_t normal)
{
	int levels = (int)cons_lq_levels(a);
	int base = (int)a->lq_base, step = (int)a->lq_step;
	int first, last, i, pos, neg;
	long double total;

	range(data, levels + 2, &first, &last, 0, 2);
	totals(data, first, last, &total, &pos, &neg);
	header(sb);
	for (i = first; i <= last; i++) {
		char c[32];

		if (i == 0) {
			snprintf(c, sizeof(c), "< %d", base);
			sb_addf(sb, "%16s ", c);
		} else if (i == levels + 1) {
			snprintf(c, sizeof(c), ">= %d", base + levels * step);
			sb_addf(sb, "%16s ", c);
		} else {
			sb_addf(sb, "%16d ", base + (i - 1) * step);
		}
		quantline(sb, data[i], normal, total, pos, neg);
	}
}

/* Parameters the compiler accepts (others are not drawn). */
static int
llq_valid(const struct vm_aggdesc *a)
{
	return a->llq_factor >= 2 && a->llq_nsteps >= 1 &&
	       a->llq_high >= a->llq_low && a->llq_high < 64;
}

uint32_t
cons_llq_nbins(const struct vm_aggdesc *a)
{
	int factor = a->llq_factor ? a->llq_factor : 1;
	int steps = a->llq_nsteps;

	return (uint32_t)((a->llq_high - a->llq_low + 1) *
				  (steps - steps / factor) * 2 +
			  3);
}

/* factor^exp, as dtrace's (uint64_t)powl(factor, exp) */
static long double
ldpow(int base, int exp)
{
	long double r = 1;

	while (exp-- > 0)
		r *= base;
	return r;
}

static uint64_t
upow(int base, int exp)
{
	return (uint64_t)ldpow(base, exp);
}

/*
 * Lower bounds of the positive bins of Oracle's layout (lb[j] for
 * bin0 < j < nbins; -1 for the "ghost" bins no integer reaches), computed
 * as dt_print_llquantize() computes its labels.
 */
static void
llq_bounds(const struct vm_aggdesc *a, int64_t *lb, int nbins)
{
	int factor = a->llq_factor ? a->llq_factor : 1;
	int lmag = a->llq_low, hmag = a->llq_high, steps = a->llq_nsteps;
	int steps_factor = steps / factor;
	int bin0 = 1 + (hmag - lmag + 1) * (steps - steps_factor);
	int i = 1, mag = lmag, step, j;
	uint64_t scale;

	for (j = 0; j < nbins; j++)
		lb[j] = -1;
	if (bin0 + 1 < nbins)
		lb[bin0 + 1] = (int64_t)upow(factor, lmag);
	if (lmag == 0 && steps > factor) {
		for (step = 2; step <= factor; step++) {
			i += steps_factor;
			if (bin0 + i < nbins)
				lb[bin0 + i] = step;
		}
		mag++;
	}
	scale = upow(factor, mag + 1) / (uint64_t)(steps ? steps : 1);
	for (; mag <= hmag; mag++) {
		for (step = steps_factor + 1; step <= steps; step++) {
			i++;
			if (bin0 + i < nbins)
				lb[bin0 + i] =
					(int64_t)((uint64_t)step * scale);
		}
		scale *= (uint64_t)factor;
	}
	lb[nbins - 1] = (int64_t)upow(factor, hmag + 1);
}

/*
 * The histogram in Oracle's layout. A store laid out as illumos lays
 * llquantize out (non-negative buckets only: underflow, the orders of
 * magnitude, overflow; vm_llq_bucket_min() gives their lower bounds) is
 * converted bucket by bucket; *tmp is then the caller's to free.
 */
static const int64_t *
llq_oracle(const struct vm_aggdesc *a, const int64_t *data, int64_t **tmp)
{
	int factor = a->llq_factor ? a->llq_factor : 1;
	int steps = a->llq_nsteps;
	int bin0 =
		1 + (a->llq_high - a->llq_low + 1) * (steps - steps / factor);
	int nbins = (int)cons_llq_nbins(a);
	uint32_t n = a->ndata, b;
	int64_t *lb, *out;

	*tmp = NULL;
	if (n == 0 || n == (uint32_t)nbins)
		return data;
	out = xcalloc((size_t)nbins, sizeof(*out));
	lb = xcalloc((size_t)nbins, sizeof(*lb));
	llq_bounds(a, lb, nbins);
	for (b = 0; b < n; b++) {
		int64_t m;
		int j, best = bin0;

		if (data[b] == 0)
			continue;
		if (b == n - 1) {
			out[nbins - 1] += data[b];
			continue;
		}
		m = b == 0 ? -1 : vm_llq_bucket_min(a, b);
		for (j = bin0 + 1; j < nbins && m >= 0; j++)
			if (lb[j] >= 0 && lb[j] <= m)
				best = j;
		out[best] += data[b];
	}
	free(lb);
	*tmp = out;
	return out;
}

void
cons_llquantize(struct strbuf *sb, const struct vm_aggdesc *a,
		const int64_t *data, uint64_t normal)
{
	int factor = a->llq_factor ? a->llq_factor : 1;
	int lmag = a->llq_low, hmag = a->llq_high, steps = a->llq_nsteps;
	int steps_factor = steps / factor;
	int bin0 = 1 + (hmag - lmag + 1) * (steps - steps_factor);
	int nbins = (int)cons_llq_nbins(a);
	int first = 0, last = nbins - 1, i, mag, step, pos, neg, pad = 0;
	const int cw = 16;
	long double total;
	uint64_t scale;
	int64_t *tmp;
	char *c;

	if (!llq_valid(a))
		return;
	data = llq_oracle(a, data, &tmp);

	while (first <= last && data[first] == 0)
		first++;
	if (first > last) {
		first = bin0 + 1;
		last = bin0 + 1;
	} else {
		while (data[last] == 0)
			last--;
	}
	totals(data, first, last, &total, &pos, &neg);
	header(sb);
	if (first > 0)
		first--;
	if (last < nbins - 1)
		last++;
	if (lmag == 0 && steps > factor)
		pad = steps_factor;

	c = xcalloc((size_t)(last - first + 1 + 2 * pad), cw);
#define CPRINT(I, ...)                                                         \
	do {                                                                   \
		if ((I) >= first - pad && (I) <= last + pad)                   \
			snprintf(c + cw * ((I)-first + pad), cw, __VA_ARGS__); \
	} while (0)

	scale = upow(factor, lmag);
	if (scale == 1)
		CPRINT(bin0, "%d", 0);
	else if (first >= bin0)
		CPRINT(bin0, "< %llu", (unsigned long long)scale);
	else
		CPRINT(bin0, "abs() < %llu", (unsigned long long)scale);
	CPRINT(bin0 - 1, "-%llu", (unsigned long long)scale);
	CPRINT(bin0 + 1, "%llu", (unsigned long long)scale);
	mag = lmag;
	i = 1;
	if (lmag == 0 && steps > factor) {
		for (step = 2; step <= factor; step++) {
			i += steps_factor;
			CPRINT(bin0 - i, "-%d", step);
			CPRINT(bin0 + i, "%d", step);
		}
		mag++;
	}
	scale = upow(factor, mag + 1) / (uint64_t)(steps ? steps : 1);
	for (; mag <= hmag; mag++) {
		for (step = steps_factor + 1; step <= steps; step++) {
			i++;
			CPRINT(bin0 - i, "-%llu",
			       (unsigned long long)((uint64_t)step * scale));
			CPRINT(bin0 + i, "%llu",
			       (unsigned long long)((uint64_t)step * scale));
		}
		scale *= (uint64_t)factor;
	}
	scale = upow(factor, hmag + 1);
	CPRINT(0, "<= -%llu", (unsigned long long)scale);
	CPRINT(nbins - 1, ">= %llu", (unsigned long long)scale);
#undef CPRINT

	if (pad > 0) {
		int j = cw * pad;

		if (c[j] == 0) {
			for (i = 1; i < pad; i++)
				if (c[j - cw * i] != 0)
					break;
			if (i < pad)
				memcpy(c + j, c + j - cw * i, cw);
		}
		j = cw * (last - first + pad);
		if (c[j] == 0) {
			for (i = 1; i < pad; i++)
				if (c[j + cw * i] != 0)
					break;
			if (i < pad)
				memcpy(c + j, c + j + cw * i, cw);
		}
	}
	for (i = first; i <= last; i++) {
		const char *label = c + cw * (i - first + pad);

		if (label[0] == 0)
			continue;
		sb_addf(sb, "%16s ", label);
		quantline(sb, data[i], normal, total, pos, neg);
	}
	free(c);
	free(tmp);
}

/*
 * llquantize for JSON (cons_json.c): the histogram in Oracle's layout,
 * the lower bound of each bucket above the middle one (-1 for ghosts) and
 * the middle bucket's index. Returns the number of buckets, 0 for
 * parameters not drawn; *data_out and *lb_out are the caller's to free.
 */
int
cons_llq_layout(const struct vm_aggdesc *a, const int64_t *data,
		int64_t **data_out, int64_t **lb_out, int *bin0)
{
	int factor = a->llq_factor ? a->llq_factor : 1;
	int steps = a->llq_nsteps;
	int nbins = (int)cons_llq_nbins(a);
	const int64_t *d;
	int64_t *tmp;

	if (!llq_valid(a))
		return 0;
	*bin0 = 1 + (a->llq_high - a->llq_low + 1) * (steps - steps / factor);
	d = llq_oracle(a, data, &tmp);
	*data_out = xcalloc((size_t)nbins, sizeof(int64_t));
	memcpy(*data_out, d, (size_t)nbins * sizeof(int64_t));
	free(tmp);
	*lb_out = xcalloc((size_t)nbins, sizeof(int64_t));
	llq_bounds(a, *lb_out, nbins);
	/* the middle bucket holds |value| < factor^low */
	(*lb_out)[*bin0] = (int64_t)upow(factor, a->llq_low);
	return nbins;
}

/* --- sorting weights -------------------------------------------------- */

static long double
lq_sum(const struct vm_aggdesc *a, const int64_t *lq, int64_t *zero)
{
	int levels = (int)cons_lq_levels(a), i;
	int32_t base = (int32_t)a->lq_base;
	uint16_t step = (uint16_t)a->lq_step;
	long double total = (long double)lq[0] * (long double)(base - 1);
	int32_t b = base;

	*zero = 0;
	for (i = 0; i < levels; b += step, i++)
		total += (long double)lq[i + 1] * (long double)b;
	total += (long double)lq[levels + 1] * (long double)(b + 1);

	if (base - 1 == 0) {
		*zero = lq[0];
	} else {
		for (b = base, i = 0; i < levels; b += step, i++) {
			if (b == 0) {
				*zero = lq[i + 1];
				return total;
			}
		}
		if (b + 1 == 0)
			*zero = lq[levels + 1];
	}
	return total;
}

static long double
llq_sum(const struct vm_aggdesc *a, const int64_t *llq, int64_t *zero)
{
	int factor = a->llq_factor ? a->llq_factor : 1;
	int lmag = a->llq_low, hmag = a->llq_high, steps = a->llq_nsteps;
	int steps_factor = steps / factor;
	int bin0 = 1 + (hmag - lmag + 1) * (steps - steps_factor);
	long double total, scale;
	int step, mag, i = 1;
	int64_t *tmp;

	*zero = 0;
	if (!llq_valid(a))
		return 0;
	llq = llq_oracle(a, llq, &tmp);
	total = ldpow(factor, lmag) *
		(long double)(llq[bin0 + 1] - llq[bin0 - 1]);
	*zero = llq[bin0];
	if (lmag == 0 && steps > factor) {
		for (step = 2; step <= factor; step++) {
			i += steps_factor;
			total += step *
				 (long double)(llq[bin0 + i] - llq[bin0 - i]);
		}
		lmag = 1;
	}
	scale = ldpow(factor, lmag + 1) / (steps ? steps : 1);
	for (mag = lmag; mag <= hmag; mag++) {
		for (step = steps_factor + 1; step <= steps; step++) {
			i++;
			total += step * scale *
				 (long double)(llq[bin0 + i] - llq[bin0 - i]);
		}
		scale *= factor;
	}
	free(tmp);
	return total;
}

long double
cons_q_sum(const struct vm_aggdesc *a, const int64_t *data, int64_t *zero)
{
	long double total = 0;
	int i;

	switch (a->fn) {
	case VM_AGG_QUANTIZE:
		*zero = data[Q_ZERO];
		for (i = 0; i < Q_NBUCKETS; i++)
			total += (long double)q_bucketval(i) *
				 (long double)data[i];
		return total;
	case VM_AGG_LQUANTIZE:
		return lq_sum(a, data, zero);
	case VM_AGG_LLQUANTIZE:
		return llq_sum(a, data, zero);
	default:
		*zero = 0;
		return 0;
	}
}
