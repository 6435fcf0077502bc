/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The bounded record buffer of vm_rec.h. Records live in a growable array;
 * their payload (datums, strings, bytes, stack frames) lives in a chunked
 * arena owned by the buffer, so a record never points into memory the VM
 * may change later (a variable assigned after trace() does not change what
 * was traced).
 *
 * The VM stages one clause firing's records in an unbounded buffer, then
 * deep-copies them into the principal buffer (or a speculation) with
 * vm_rb_copy(), all or nothing: a clause firing whose records do not fit
 * in the limit is dropped whole and counted once in drops, as DTrace drops
 * an ECB's record when the buffer has no room for it ("N drops").
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "vm/vm_impl.h"

void *
vm_chunk_alloc(struct vm_chunk **head, size_t n, size_t min_cap)
{
	struct vm_chunk *c = *head;
	void *p;

	n = (n + 7) & ~(size_t)7;
	if (n == 0)
		n = 8;
	if (!c || c->cap - c->used < n) {
		size_t cap = n > min_cap ? n : min_cap;

		c = xmalloc(sizeof(*c) + cap);
		c->used = 0;
		c->cap = cap;
		c->next = *head;
		*head = c;
	}
	p = c->data + c->used;
	c->used += n;
	memset(p, 0, n);
	return p;
}

void
vm_chunk_free(struct vm_chunk **head, int keep_newest)
{
	struct vm_chunk *c = *head, *n;

	if (c && keep_newest) {
		c->used = 0;
		n = c->next;
		c->next = NULL;
		c = n;
	} else {
		*head = NULL;
	}
	for (; c; c = n) {
		n = c->next;
		free(c);
	}
}

void
vm_recbuf_init(struct vm_recbuf *b, size_t limit)
{
	memset(b, 0, sizeof(*b));
	b->limit = limit;
}

void
vm_recbuf_release(struct vm_recbuf *b)
{
	struct vm_chunk *arena = b->arena;

	vm_chunk_free(&arena, 0);
	b->arena = NULL;
	free(b->recs);
	b->recs = NULL;
	b->nrecs = b->cap = b->bytes = 0;
}

void
vm_recbuf_reset(struct vm_recbuf *b)
{
	struct vm_chunk *arena = b->arena;

	/* Keep the newest chunk for reuse, free the others. */
	vm_chunk_free(&arena, 1);
	b->arena = arena;
	b->nrecs = 0;
	b->bytes = 0;
}

void *
vm_rb_alloc(struct vm_recbuf *b, size_t n)
{
	struct vm_chunk *arena = b->arena;
	void *p = vm_chunk_alloc(&arena, n, 16384);

	b->arena = arena;
	return p;
}

struct vm_rec *
vm_rb_push(struct vm_recbuf *b, uint16_t type)
{
	struct vm_rec *r;

	if (b->nrecs == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 16;
		b->recs = xreallocarray(b->recs, b->cap, sizeof(*b->recs));
	}
	r = &b->recs[b->nrecs++];
	memset(r, 0, sizeof(*r));
	r->type = type;
	return r;
}

/*
 * What one record costs against the limit: DTrace's buffer layout. A
 * firing starts with its 8-byte header (epid and speculation id, our
 * VM_REC_FIRE); each datum takes its own size at its natural alignment
 * (integers 1/2/4/8, pointers and symbols 8, strings their bytes and NUL,
 * byte values their length, stacks 8 per frame); an action without data
 * (exit, printa, clear...) records one small value.
 */
static size_t
datum_size(const struct vm_datum *d, size_t *align)
{
	*align = 1;
	switch (d->type) {
	case VM_D_STR:
		return d->len + 1;
	case VM_D_BYTES:
		return d->len;
	case VM_D_STACK:
		*align = 8;
		return (size_t)d->len * 8;
	case VM_D_INT:
		*align = d->size ? d->size : 8;
		return *align;
	default:
		*align = 8;
		return 8;
	}
}

static size_t
rec_size(const struct vm_rec *r)
{
	size_t sz = 0, al;
	uint32_t i;

	if (r->type == VM_REC_FIRE || r->type == VM_REC_ERROR)
		return 8;
	if (r->n == 0)
		return r->naggs ? (size_t)r->naggs * 4 : 4;
	for (i = 0; i < r->n; i++) {
		size_t n = datum_size(&r->d[i], &al);

		sz = (sz + al - 1) / al * al + n;
	}
	return sz;
}

void
vm_rb_own_datum(struct vm_recbuf *b, struct vm_datum *d)
{
	if (d->type == VM_D_STR) {
		char *s = vm_rb_alloc(b, (size_t)d->len + 1);

		if (d->s)
			memcpy(s, d->s, d->len);
		s[d->len] = '\0';
		d->s = s;
	} else if (d->type == VM_D_BYTES) {
		uint8_t *p = vm_rb_alloc(b, d->len);

		if (d->p && d->len)
			memcpy(p, d->p, d->len);
		d->p = p;
	} else if (d->type == VM_D_STACK) {
		uint64_t *pcs = vm_rb_alloc(b, (size_t)d->len * 8);

		if (d->pcs && d->len)
			memcpy(pcs, d->pcs, (size_t)d->len * 8);
		d->pcs = pcs;
	}
}

static void
copy_rec(struct vm_recbuf *dst, const struct vm_rec *src)
{
	struct vm_rec *r = vm_rb_push(dst, src->type);
	uint32_t i;

	*r = *src;
	if (src->n) {
		r->d = vm_rb_alloc(dst, sizeof(*r->d) * src->n);
		for (i = 0; i < src->n; i++) {
			r->d[i] = src->d[i];
			vm_rb_own_datum(dst, &r->d[i]);
		}
	}
	if (src->naggs) {
		r->aggs = vm_rb_alloc(dst, sizeof(*r->aggs) * src->naggs);
		memcpy(r->aggs, src->aggs, sizeof(*r->aggs) * src->naggs);
	}
}

int
vm_rb_copy(struct vm_recbuf *dst, const struct vm_recbuf *src, size_t from,
	   size_t to)
{
	size_t need = 0, i;

	if (to > src->nrecs)
		to = src->nrecs;
	for (i = from; i < to; i++)
		need += rec_size(&src->recs[i]);
	if (dst->limit &&
	    need > dst->limit -
			    (dst->bytes < dst->limit ? dst->bytes : dst->limit))
		return -1;
	for (i = from; i < to; i++)
		copy_rec(dst, &src->recs[i]);
	dst->bytes += need;
	return 0;
}
