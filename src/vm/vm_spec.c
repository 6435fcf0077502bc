/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Speculations (DTrace's dtrace_speculation_*): nspec buffers of specsize
 * bytes each. speculation() hands out the first free one (ids 1..nspec),
 * or 0 and counts a "failed speculation (no speculative buffer
 * available)". speculate(id) sends the rest of the clause's data, its
 * VM_REC_FIRE included, to that buffer; a firing that does not fit next to
 * what the buffer holds is dropped and counted as a speculative drop (the
 * sizes are DTrace's: vm_rec.c). As in dtrace-utils, a clause whose data
 * could never fit in specsize (its compile-time size, vm_exec.c) is
 * abandoned at speculate() itself, with a speculative drop. commit(id) moves the records
 * into the principal buffer (after the committing clause's own records)
 * and frees the buffer; discard(id) frees it. Because the consumer drains
 * synchronously, a committed buffer is free again at once, so the "busy"
 * state of DTrace never occurs here.
 *
 * Ids: 0 is "no speculation" (speculate(0) drops the clause's data,
 * commit(0)/discard(0) do nothing); an id above nspec is an illegal
 * operation fault, as in DTrace.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "vm/vm_impl.h"

void
vm_specs_init(struct vm_state *st)
{
	uint32_t i;

	st->nspec = st->opts.nspec;
	if (st->nspec > 65536)
		st->nspec = 65536;
	st->specs = xcalloc(st->nspec ? st->nspec : 1, sizeof(*st->specs));
	for (i = 0; i < st->nspec; i++)
		vm_recbuf_init(&st->specs[i].rb, st->opts.specsize);
}

void
vm_specs_fini(struct vm_state *st)
{
	uint32_t i;

	for (i = 0; i < st->nspec; i++)
		vm_recbuf_release(&st->specs[i].rb);
	free(st->specs);
	st->specs = NULL;
	st->nspec = 0;
}

void
vm_specs_resize(struct vm_state *st, uint32_t nspec, size_t specsize)
{
	uint32_t i;

	if (nspec > 65536)
		nspec = 65536;
	if (nspec > st->nspec) {
		st->specs = xreallocarray(st->specs, nspec, sizeof(*st->specs));
		for (i = st->nspec; i < nspec; i++) {
			memset(&st->specs[i], 0, sizeof(st->specs[i]));
			vm_recbuf_init(&st->specs[i].rb, specsize);
		}
		st->nspec = nspec;
	}
	/* Shrinking is not done at run time: buffers in use stay valid. */
	for (i = 0; i < st->nspec; i++)
		st->specs[i].rb.limit = specsize;
}

uint32_t
vm_spec_alloc(struct vm_state *st)
{
	uint32_t i;

	for (i = 0; i < st->nspec; i++) {
		if (st->specs[i].state == VM_SPEC_FREE) {
			st->specs[i].state = VM_SPEC_ACTIVE;
			vm_recbuf_reset(&st->specs[i].rb);
			return i + 1;
		}
	}
	st->drops.specunavail++;
	return 0;
}

/*
 * The buffer of speculation id when it is active, else NULL (id 0, an id
 * above nspec, or a free buffer).
 */
static struct vm_spec *
spec_active(struct vm_state *st, uint64_t id)
{
	if (id == 0 || id > st->nspec)
		return NULL;
	if (st->specs[id - 1].state != VM_SPEC_ACTIVE)
		return NULL;
	return &st->specs[id - 1];
}

static void
spec_free(struct vm_spec *s)
{
	vm_recbuf_reset(&s->rb);
	s->state = VM_SPEC_FREE;
}

int
vm_spec_check(struct vm_state *st, uint64_t id)
{
	if (id > st->nspec)
		return -1;
	return spec_active(st, id) != NULL ? 0 : 1;
}

void
vm_spec_append(struct vm_state *st, uint32_t id, const struct vm_recbuf *stage,
	       size_t from, size_t to)
{
	struct vm_spec *s = spec_active(st, id);

	if (s != NULL && vm_rb_copy(&s->rb, stage, from, to) < 0)
		st->drops.spec++;
}

int
vm_spec_commit(struct vm_state *st, uint64_t id)
{
	struct vm_spec *s;

	if (id > st->nspec)
		return -1;
	s = spec_active(st, id);
	if (s == NULL)
		return 0;
	if (s->rb.nrecs && vm_rb_copy(&st->rb, &s->rb, 0, s->rb.nrecs) < 0)
		st->rb.drops++;
	spec_free(s);
	return 0;
}

int
vm_spec_discard(struct vm_state *st, uint64_t id)
{
	if (id > st->nspec)
		return -1;
	if (id != 0)
		spec_free(&st->specs[id - 1]);
	return 0;
}
