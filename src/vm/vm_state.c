/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The runtime state of a D program (struct vm_state) and its variables:
 *
 *  - globals: one zero-initialised slot per variable id;
 *  - this-> (clause-local): one zero-initialised scope per vm_fire(),
 *    shared by the clauses of that firing (struct vm_exec.locals);
 *  - dynamic variables: self-> variables (keyed by thread id) and
 *    associative array elements (keyed by the serialised tuple) in one
 *    hash. As in DTrace, assigning the zero value (0, "", an all-zero
 *    struct) deletes a dynamic variable, reading a missing one yields the
 *    zero value, and a new one that would exceed dynvarsize is not stored
 *    and counted as a dynamic variable drop.
 *
 * Stored strings are truncated to strsize - 1 characters, as dtrace
 * stores them in strsize-byte buffers.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "common/htab.h"
#include "common/xalloc.h"
#include "vm/vm_impl.h"

/*
 * What one dynamic variable costs against dynvarsize. dtrace-utils keeps
 * every self-> variable and associative array element in one map whose
 * elements all have the size of the largest dynamic variable's value, and
 * sizes the map to dynvarsize / that size elements: with dynvarsize=15,
 * three int self-> variables fit and a fourth is a drop (its
 * tvar/tst.store_zero_deletes and err.limited_space tests).
 */
static size_t
dyn_elem_size(struct vm_state *st)
{
	uint32_t i;
	size_t max = 0;

	if (st->dyn_elem)
		return st->dyn_elem;
	for (i = 0; st->prog && i < st->prog->nvars; i++) {
		const struct vm_vardesc *d = st->prog->vars[i];
		size_t sz;

		if (!d || (d->scope != VM_SCOPE_TLS && !d->is_assoc))
			continue;
		sz = d->type.kind == VM_T_STRING ? st->strsize : d->type.size;
		if (sz > max)
			max = sz;
	}
	st->dyn_elem = max ? max : 8;
	return st->dyn_elem;
}

struct dynv {
	struct vm_vval v;
	size_t cost;
};

void
vm_opts_default(struct vm_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->strsize = 256;
	o->dynvarsize = 1024 * 1024;
	o->bufsize = 4 * 1024 * 1024;
	o->aggsize = 4 * 1024 * 1024;
	o->nspec = 1;
	o->specsize = 32 * 1024;
	o->ustackframes = 100;
	o->stackframes = 20;
	o->scratchsize = 8 * 1024;
}

static size_t
eff_strsize(const struct vm_prog *p, const struct vm_opts *o)
{
	size_t s =
		o->strsize ? o->strsize : (p && p->strsize ? p->strsize : 256);

	if (s < 2)
		s = 2;
	if (s > 1024 * 1024)
		s = 1024 * 1024;
	return s;
}

struct vm_state *
vm_state_create(struct vm_prog *prog, const struct vm_opts *opts)
{
	struct vm_state *st = xcalloc(1, sizeof(*st));

	st->prog = prog;
	if (opts)
		st->opts = *opts;
	else
		vm_opts_default(&st->opts);
	st->strsize = eff_strsize(prog, &st->opts);
	vm_recbuf_init(&st->rb, st->opts.bufsize);
	st->aggs = vm_aggstore_create(prog, st->opts.aggsize);
	vm_vars_init(st);
	vm_specs_init(st);
	st->rng = 0x9e3779b97f4a7c15ULL ^ (uint64_t)(uintptr_t)st;
	return st;
}

void
vm_state_destroy(struct vm_state *st)
{
	if (!st)
		return;
	vm_specs_fini(st);
	vm_vars_fini(st);
	vm_aggstore_destroy(st->aggs);
	vm_recbuf_release(&st->rb);
	free(st->err_en);
	free(st);
}

void
vm_state_set_opts(struct vm_state *st, const struct vm_opts *opts)
{
	st->opts = *opts;
	st->strsize = eff_strsize(st->prog, opts);
	st->rb.limit = opts->bufsize;
	vm_aggstore_set_limit(st->aggs, opts->aggsize);
	vm_specs_resize(st, opts->nspec, opts->specsize);
}

void
vm_set_error_enablings(struct vm_state *st, uint32_t error_probe_id,
		       const struct vm_enabling *en, size_t n)
{
	free(st->err_en);
	st->err_en = NULL;
	st->nerr_en = 0;
	st->err_probe = error_probe_id;
	if (n) {
		st->err_en = xcalloc(n, sizeof(*en));
		memcpy(st->err_en, en, n * sizeof(*en));
		st->nerr_en = n;
	}
}

struct vm_recbuf *
vm_recbuf(struct vm_state *st)
{
	return &st->rb;
}

struct vm_aggstore *
vm_aggstore(struct vm_state *st)
{
	return st->aggs;
}

int
vm_exited(const struct vm_state *st, int *status)
{
	if (st->exited && status)
		*status = st->exit_status;
	return st->exited;
}

void
vm_get_drops(const struct vm_state *st, struct vm_drops *out)
{
	*out = st->drops;
	out->buf = st->rb.drops;
	out->agg = vm_agg_drops(st->aggs);
}

/* --- variables ------------------------------------------------------ */

static void
vval_free(struct vm_vval *v)
{
	free(v->p);
	memset(v, 0, sizeof(*v));
}

void
vm_vars_init(struct vm_state *st)
{
	uint32_t n = st->prog ? st->prog->nvars : 0;

	st->globals = xcalloc(n ? n : 1, sizeof(*st->globals));
	st->dyn = htab_create();
}

static void
dyn_free_all(struct vm_state *st)
{
	size_t it = 0, kl;
	const void *k;
	void *v;

	while (htab_next(st->dyn, &it, &k, &kl, &v)) {
		vval_free(&((struct dynv *)v)->v);
		free(v);
	}
}

void
vm_vars_fini(struct vm_state *st)
{
	uint32_t i, n = st->prog ? st->prog->nvars : 0;

	for (i = 0; i < n; i++)
		vval_free(&st->globals[i]);
	free(st->globals);
	st->globals = NULL;
	if (st->dyn) {
		dyn_free_all(st);
		htab_destroy(st->dyn);
		st->dyn = NULL;
	}
}

void
vm_locals_free(struct vm_exec *x)
{
	uint32_t i, n = x->st->prog ? x->st->prog->nvars : 0;

	if (!x->locals)
		return;
	for (i = 0; i < n; i++)
		vval_free(&x->locals[i]);
	free(x->locals);
	x->locals = NULL;
}

/* Dynamic variable key: scope, id, tid (TLS) and the serialised tuple. */
#define DKEY_HDR 13

static uint8_t *
dyn_key(struct vm_exec *x, const struct vm_node *var, const uint8_t *keys,
	size_t klen, size_t *len)
{
	uint8_t *k = vm_tmp_alloc(x, DKEY_HDR + klen);
	int64_t tid = var->var.scope == VM_SCOPE_TLS ? x->ctx->tid : 0;
	uint32_t id = var->var.id;

	k[0] = var->var.scope;
	memcpy(k + 1, &id, 4);
	memcpy(k + 5, &tid, 8);
	if (klen)
		memcpy(k + DKEY_HDR, keys, klen);
	*len = DKEY_HDR + klen;
	return k;
}

static int
is_dynamic(const struct vm_node *var)
{
	return var->op == VM_OP_AVAR || var->var.scope == VM_SCOPE_TLS;
}

static void
zero_val(struct vm_exec *x, const struct vm_type *t, struct vm_val *v)
{
	memset(v, 0, sizeof(*v));
	v->kind = t->kind;
	switch (t->kind) {
	case VM_T_STRING:
		v->p = vm_tmp_alloc(x, 1);
		break;
	case VM_T_BYTES:
	case VM_T_FLOAT:
		v->len = t->size > VM_MAX_OBJ ? VM_MAX_OBJ : t->size;
		v->p = vm_tmp_alloc(x, v->len);
		v->kind = VM_T_BYTES;
		break;
	case VM_T_STACK:
		v->sym = t->symkind;
		v->p = vm_tmp_alloc(x, 8);
		break;
	case VM_T_SYM:
		v->sym = t->symkind;
		break;
	case VM_T_VOID:
		v->kind = VM_T_INT;
		break;
	default:
		break;
	}
}

static void
vval_to_val(struct vm_exec *x, const struct vm_vval *s, const struct vm_type *t,
	    struct vm_val *v)
{
	if (!s->kind) {
		zero_val(x, t, v);
		return;
	}
	memset(v, 0, sizeof(*v));
	v->kind = s->kind;
	v->sym = s->sym;
	v->i = s->i;
	v->len = s->len;
	if (s->kind == VM_T_STRING || s->kind == VM_T_BYTES ||
	    s->kind == VM_T_STACK) {
		size_t n = s->kind == VM_T_STACK ?
				   s->len * 8 :
				   s->len + (s->kind == VM_T_STRING);
		uint8_t *p = vm_tmp_alloc(x, n);

		if (s->p && n)
			memcpy(p, s->p, n);
		v->p = p;
	}
}

static struct vm_vval *
static_slot(struct vm_exec *x, const struct vm_node *var)
{
	uint32_t n = x->st->prog ? x->st->prog->nvars : 0;

	if (var->var.id >= n)
		return NULL;
	if (var->var.scope == VM_SCOPE_CLAUSE) {
		if (!x->locals)
			x->locals = xcalloc(n, sizeof(*x->locals));
		return &x->locals[var->var.id];
	}
	return &x->st->globals[var->var.id];
}

void
vm_var_load(struct vm_exec *x, const struct vm_node *var, const uint8_t *keys,
	    size_t klen, struct vm_val *v)
{
	if (is_dynamic(var)) {
		size_t dl;
		uint8_t *dk = dyn_key(x, var, keys, klen, &dl);
		struct dynv *d = htab_get(x->st->dyn, dk, dl);

		if (d)
			vval_to_val(x, &d->v, &var->type, v);
		else
			zero_val(x, &var->type, v);
		return;
	}
	{
		struct vm_vval *s = static_slot(x, var);

		if (s)
			vval_to_val(x, s, &var->type, v);
		else
			zero_val(x, &var->type, v);
	}
}

/* Converts a value to its stored form for a variable of type t. */
static void
val_to_vval(struct vm_exec *x, const struct vm_val *v, const struct vm_type *t,
	    struct vm_vval *s)
{
	size_t n;

	memset(s, 0, sizeof(*s));
	s->kind = v->kind;
	s->sym = v->sym;
	s->i = v->i;
	switch (v->kind) {
	case VM_T_STRING:
		n = v->len;
		if (n > x->st->strsize - 1)
			n = x->st->strsize - 1;
		s->p = xmalloc(n + 1);
		if (n)
			memcpy(s->p, v->p, n);
		s->p[n] = '\0';
		s->len = strnlen((char *)s->p, n);
		break;
	case VM_T_BYTES:
	case VM_T_FLOAT:
		s->kind = VM_T_BYTES;
		n = t->kind == VM_T_BYTES && t->size ? t->size : v->len;
		if (n > VM_MAX_OBJ)
			n = VM_MAX_OBJ;
		s->p = xcalloc(1, n ? n : 1);
		if (v->p)
			memcpy(s->p, v->p, v->len < n ? v->len : n);
		s->len = n;
		break;
	case VM_T_STACK:
		s->p = xmalloc(v->len ? v->len * 8 : 8);
		if (v->len)
			memcpy(s->p, v->p, v->len * 8);
		s->len = v->len;
		break;
	case VM_T_INT:
		if (t->kind == VM_T_INT)
			s->i = vm_norm(v->i, t);
		break;
	default:
		break;
	}
}

static int
val_is_zero(const struct vm_val *v)
{
	size_t i;

	switch (v->kind) {
	case VM_T_STRING:
		return v->len == 0 || !v->p || v->p[0] == '\0';
	case VM_T_BYTES:
	case VM_T_FLOAT:
		for (i = 0; i < v->len; i++)
			if (v->p[i])
				return 0;
		return 1;
	case VM_T_STACK:
		return v->len == 0;
	default:
		return v->i == 0;
	}
}

void
vm_var_store(struct vm_exec *x, const struct vm_node *var, const uint8_t *keys,
	     size_t klen, const struct vm_val *v)
{
	struct vm_state *st = x->st;

	if (is_dynamic(var)) {
		size_t dl, cost;
		uint8_t *dk = dyn_key(x, var, keys, klen, &dl);
		struct dynv *d = htab_get(st->dyn, dk, dl);

		if (val_is_zero(v)) {
			if (d) {
				htab_del(st->dyn, dk, dl);
				st->dyn_bytes -= d->cost < st->dyn_bytes ?
							 d->cost :
							 st->dyn_bytes;
				vval_free(&d->v);
				free(d);
			}
			return;
		}
		if (!d) {
			cost = dyn_elem_size(st);
			if (st->dyn_bytes + cost > st->opts.dynvarsize) {
				st->drops.dynvar++;
				return;
			}
			d = xcalloc(1, sizeof(*d));
			d->cost = cost;
			st->dyn_bytes += cost;
			htab_put(st->dyn, dk, dl, d);
		}
		vval_free(&d->v);
		val_to_vval(x, v, &var->type, &d->v);
		return;
	}
	{
		struct vm_vval *s = static_slot(x, var);

		if (!s)
			return;
		vval_free(s);
		val_to_vval(x, v, &var->type, s);
	}
}

void
vm_keys_serialise(struct vm_exec *x, const struct vm_val *k,
		  const struct vm_type *t, size_t n, uint8_t **out, size_t *len)
{
	size_t sz = 0, i, off = 0;
	uint8_t *p;

	for (i = 0; i < n; i++) {
		switch (k[i].kind) {
		case VM_T_STRING:
			sz += 1 + k[i].len + 1;
			break;
		case VM_T_BYTES:
		case VM_T_FLOAT:
			sz += 1 + 8 + k[i].len;
			break;
		case VM_T_STACK:
			sz += 1 + 1 + 8 + 8 + k[i].len * 8;
			break;
		default:
			sz += 1 + 1 + 8;
			break;
		}
	}
	p = vm_tmp_alloc(x, sz ? sz : 1);
	for (i = 0; i < n; i++) {
		uint64_t u;

		p[off++] = k[i].kind;
		switch (k[i].kind) {
		case VM_T_STRING:
			if (k[i].len)
				memcpy(p + off, k[i].p, k[i].len);
			off += k[i].len;
			p[off++] = '\0';
			break;
		case VM_T_BYTES:
		case VM_T_FLOAT:
			u = k[i].len;
			memcpy(p + off, &u, 8);
			off += 8;
			if (k[i].len)
				memcpy(p + off, k[i].p, k[i].len);
			off += k[i].len;
			break;
		case VM_T_STACK:
			p[off++] = k[i].sym;
			memcpy(p + off, &k[i].i, 8);
			off += 8;
			u = k[i].len;
			memcpy(p + off, &u, 8);
			off += 8;
			if (k[i].len)
				memcpy(p + off, k[i].p, k[i].len * 8);
			off += k[i].len * 8;
			break;
		default:
			p[off++] = k[i].sym;
			u = t && t[i].kind == VM_T_INT ?
				    vm_norm(k[i].i, &t[i]) :
				    k[i].i;
			memcpy(p + off, &u, 8);
			off += 8;
			break;
		}
	}
	*out = p;
	*len = off;
}

void
vm_thread_gone(struct vm_state *st, int64_t tid)
{
	size_t it = 0, kl;
	const void *k;
	void *v;

	while (htab_next(st->dyn, &it, &k, &kl, &v)) {
		const uint8_t *kb = k;
		int64_t t;

		if (kl < DKEY_HDR || kb[0] != VM_SCOPE_TLS)
			continue;
		memcpy(&t, kb + 5, 8);
		if (t != tid)
			continue;
		{
			struct dynv *d = v;

			st->dyn_bytes -= d->cost < st->dyn_bytes ?
						 d->cost :
						 st->dyn_bytes;
			htab_del(st->dyn, k, kl);
			vval_free(&d->v);
			free(d);
		}
	}
}
