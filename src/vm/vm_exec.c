/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The interpreter: vm_fire() runs the clauses enabled on a probe firing,
 * evaluating the typed expression trees of vm_isa.h with C's semantics.
 *
 * Values. Integers are kept in a uint64_t normalised to the node's type:
 * after every arithmetic operation the result is truncated to the type's
 * size and sign- or zero-extended by its signedness (vm_norm()), so an
 * `int` overflows as a 32-bit int does. Division, modulo, right shifts and
 * comparisons follow the operands' signedness. Shift counts are taken
 * modulo 64 (what x86-64 and DTrace's DIF emulator on it do, and what a
 * BPF JIT does), then the result is truncated to the node's type: so
 * `1 << 32` is 0 in an int and 2^32 in a long long. Division or modulo by
 * zero is a DIVZERO fault; INT64_MIN / -1 wraps to INT64_MIN (modulo: 0).
 * Strings are NUL-terminated and never longer than strsize - 1
 * characters; struct, union and array values are byte strings.
 *
 * Memory. Pointers are plain addresses. An address inside this firing's
 * scratch space (alloca(), copyin()...; see VM_SCRATCH_BASE) is read and
 * written directly; any other address is read through the host's
 * read_mem, and a failure (or an address in the first page) is a BADADDR
 * fault at that address. Stores through pointers may only go to scratch
 * (as in DTrace, where only scratch and variables are writable).
 *
 * Faults: BADADDR (unreadable address, store outside scratch), DIVZERO,
 * NOSCRATCH (scratch exhausted), BADSIZE (a size no scratch can hold, a
 * negative size; Oracle's fault 10), BADINDEX (array index out of
 * bounds; Oracle's fault 11, the index as its value), ILLOP (args[N]
 * beyond 9, a malformed tree, lltostr base, inet_ntop family, a
 * speculation id above nspec, syscall_fail()/syscall_return() the host
 * cannot honour). A fault abandons the clause at once: the records it staged for
 * this firing are thrown away (DTrace discards the ECB's buffer space),
 * a VM_REC_ERROR record is appended, and the ERROR probe's clauses run
 * with arg1 = epid, arg2 = action number (0: predicate), arg3 = -1,
 * arg4 = fault kind, arg5 = address. Side effects already made
 * (variables, aggregations) stay. A fault in an ERROR clause drops that
 * clause's data and fires nothing (DTrace's "double error").
 *
 * Records. A clause firing stages its records and sends them to the
 * principal buffer (or a speculation) when it completes. The probe-line
 * record (VM_REC_FIRE) is staged with the first data record, not at clause
 * entry, and dtrace's if/else rewriting (dt_sugar.c: each basic block of a
 * clause with if/else becomes a clause of its own) is reproduced: at every
 * if/else boundary the staged records are sent and the next block prints a
 * probe line of its own when it records data. So a clause whose only
 * data-recording action is in a branch not taken prints nothing, and a
 * fault in a later block does not take back what an earlier one recorded.
 *
 * Scratch (alloca()) lives as long as its clause: the next clause, even in
 * the same firing, starts with none, and only the allocated bytes (up to
 * the 8-byte alignment of the last allocation) are addressable.
 *
 * exit(). The rest of the clause still runs (exit() is an action that is
 * recorded like the others). As in DTrace (dtrace_probe()), once exit()
 * has run, the remaining clauses of the same firing are skipped unless
 * the probe is dtrace:::END or dtrace:::ERROR, and non-dtrace probes
 * fired after exit() run nothing.
 */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/xalloc.h"
#include "vm/vm_impl.h"

/* --- temporaries, faults, scratch ----------------------------------- */

void *
vm_tmp_alloc(struct vm_exec *x, size_t n)
{
	return vm_chunk_alloc(&x->tmp, n, 8192);
}

static void
tmp_free(struct vm_exec *x)
{
	vm_chunk_free(&x->tmp, 0);
}

void
vm_fault(struct vm_exec *x, int flt, uint64_t addr)
{
	if (!x->flt) {
		x->flt = flt;
		x->flt_addr = addr;
	}
}

uint64_t
vm_norm(uint64_t v, const struct vm_type *t)
{
	if (!t || t->kind != VM_T_INT)
		return v;
	switch (t->size) {
	case 1:
		return t->is_signed ? (uint64_t)(int64_t)(int8_t)v :
				      (uint64_t)(uint8_t)v;
	case 2:
		return t->is_signed ? (uint64_t)(int64_t)(int16_t)v :
				      (uint64_t)(uint16_t)v;
	case 4:
		return t->is_signed ? (uint64_t)(int64_t)(int32_t)v :
				      (uint64_t)(uint32_t)v;
	default:
		return v;
	}
}

uint8_t *
vm_scratch_ptr(struct vm_exec *x, uint64_t addr, uint64_t len)
{
	uint64_t off;
	size_t top = (x->scratch_used + 7) & ~(size_t)7;

	/* Only what this clause has allocated is valid (up to its 8-byte
	   alignment, as in dtrace-utils). */
	if (!x->scratch || addr < VM_SCRATCH_BASE)
		return NULL;
	if (top > x->scratch_size)
		top = x->scratch_size;
	off = addr - VM_SCRATCH_BASE;
	if (off > top || len > top - off)
		return NULL;
	return x->scratch + off;
}

static int
in_scratch_range(uint64_t addr)
{
	return addr >= VM_RESERVED_LO && addr < VM_RESERVED_HI;
}

uint64_t
vm_scratch_alloc(struct vm_exec *x, uint64_t n)
{
	size_t size = x->st->opts.scratchsize ? x->st->opts.scratchsize : 8192;
	uint64_t at;

	if (!x->scratch) {
		x->scratch = xcalloc(1, size);
		x->scratch_size = size;
	}
	at = (x->scratch_used + 7) & ~(uint64_t)7;
	if (n > x->scratch_size) {
		/* Larger than scratch can ever be: Oracle's BADSIZE. */
		vm_fault(x, VM_FLT_BADSIZE, n);
		return 0;
	}
	if (at > x->scratch_size || n > x->scratch_size - at) {
		vm_fault(x, VM_FLT_NOSCRATCH, 0);
		return 0;
	}
	memset(x->scratch + at, 0, n);
	x->scratch_used = at + n;
	return VM_SCRATCH_BASE + at;
}

int
vm_mem_read(struct vm_exec *x, uint64_t addr, void *buf, size_t len)
{
	const struct vm_probe_ctx *c = x->ctx;
	uint8_t *p;

	if (x->flt)
		return -1;
	if (len == 0)
		return 0;
	if ((p = vm_scratch_ptr(x, addr, len))) {
		memcpy(buf, p, len);
		return 0;
	}
	if (in_scratch_range(addr) || addr < 4096 || addr + len < addr ||
	    !c->ops || !c->ops->read_mem ||
	    c->ops->read_mem(c->host, addr, buf, len) < 0) {
		vm_fault(x, VM_FLT_BADADDR, addr);
		return -1;
	}
	return 0;
}

int
vm_mem_readstr(struct vm_exec *x, uint64_t addr, size_t max, struct vm_val *out)
{
	uint8_t *buf;
	size_t got = 0;

	memset(out, 0, sizeof(*out));
	out->kind = VM_T_STRING;
	if (max > x->st->strsize - 1)
		max = x->st->strsize - 1;
	buf = vm_tmp_alloc(x, max + 1);
	out->p = buf;
	/* Page by page: a read never spans a page that may be unmapped
	   while the string ended before it. */
	while (got < max) {
		uint64_t a = addr + got;
		size_t chunk = 4096 - (size_t)(a & 4095), i;

		if (chunk > max - got)
			chunk = max - got;
		if (vm_scratch_ptr(x, a, 1)) {
			/* a string in scratch ends at its allocation */
			size_t top = (x->scratch_used + 7) & ~(size_t)7;
			size_t avail = top - (size_t)(a - VM_SCRATCH_BASE);

			if (chunk > avail)
				chunk = avail;
		}
		if (vm_mem_read(x, a, buf + got, chunk) < 0)
			return -1;
		for (i = 0; i < chunk; i++)
			if (buf[got + i] == '\0')
				break;
		got += i;
		if (i < chunk)
			break;
	}
	buf[got] = '\0';
	out->len = got;
	return 0;
}

void
vm_val_str(struct vm_exec *x, const char *s, size_t len, struct vm_val *out)
{
	uint8_t *p;

	if (!s)
		s = "", len = 0;
	len = strnlen(s, len);
	if (len > x->st->strsize - 1)
		len = x->st->strsize - 1;
	p = vm_tmp_alloc(x, len + 1);
	memcpy(p, s, len);
	memset(out, 0, sizeof(*out));
	out->kind = VM_T_STRING;
	out->p = p;
	out->len = len;
}

int64_t
vm_eval_int(struct vm_exec *x, const struct vm_node *n)
{
	struct vm_val v;

	vm_eval(x, n, &v);
	return (int64_t)v.i;
}

static int
truth(const struct vm_val *v)
{
	if (v->kind == VM_T_STRING)
		return v->p && v->p[0];
	return v->i != 0;
}

static void
set_int(struct vm_val *v, uint64_t i, const struct vm_type *t)
{
	memset(v, 0, sizeof(*v));
	v->kind = t->kind == VM_T_PTR ? VM_T_PTR : VM_T_INT;
	if (t->kind == VM_T_SYM) {
		v->kind = VM_T_SYM;
		v->sym = t->symkind;
	}
	v->i = vm_norm(i, t);
}

/* --- bytes <-> values ------------------------------------------------ */

static uint64_t
load_le(const uint8_t *p, size_t n)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < n && i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

static void
store_le(uint8_t *p, size_t n, uint64_t v)
{
	size_t i;

	for (i = 0; i < n && i < 8; i++)
		p[i] = (uint8_t)(v >> (8 * i));
}

/*
 * A bit-field: bitsize bits starting bitoff bits after the member's byte
 * offset, in little-endian bit order (bit k is bit k%8 of byte k/8), as
 * the compiler lays bit-fields out on our little-endian targets.
 */
static uint64_t
bf_get(const uint8_t *p, size_t avail, unsigned bitoff, unsigned bitsize,
       int is_signed)
{
	unsigned __int128 raw = 0;
	size_t nb, i, skip = bitoff / 8;
	uint64_t v, mask;

	if (skip >= avail)
		return 0;
	p += skip;
	avail -= skip;
	bitoff %= 8;
	nb = (bitoff + bitsize + 7) / 8;
	for (i = 0; i < nb && i < 16 && i < avail; i++)
		raw |= (unsigned __int128)p[i] << (8 * i);
	if (bitsize == 0 || bitsize > 64)
		bitsize = 64;
	mask = bitsize == 64 ? ~(uint64_t)0 : (((uint64_t)1 << bitsize) - 1);
	v = (uint64_t)(raw >> bitoff) & mask;
	if (is_signed && bitsize < 64 && (v >> (bitsize - 1)) & 1)
		v |= ~mask;
	return v;
}

static void
bf_set(uint8_t *p, size_t avail, unsigned bitoff, unsigned bitsize, uint64_t v)
{
	unsigned __int128 raw = 0, m;
	size_t nb, i, skip = bitoff / 8;
	uint64_t mask;

	if (skip >= avail)
		return;
	p += skip;
	avail -= skip;
	bitoff %= 8;
	if (bitsize == 0 || bitsize > 64)
		bitsize = 64;
	nb = (bitoff + bitsize + 7) / 8;
	mask = bitsize == 64 ? ~(uint64_t)0 : (((uint64_t)1 << bitsize) - 1);
	for (i = 0; i < nb && i < 16 && i < avail; i++)
		raw |= (unsigned __int128)p[i] << (8 * i);
	m = (unsigned __int128)mask << bitoff;
	raw = (raw & ~m) | (((unsigned __int128)(v & mask)) << bitoff);
	for (i = 0; i < nb && i < 16 && i < avail; i++)
		p[i] = (uint8_t)(raw >> (8 * i));
}

static size_t
type_bytes(const struct vm_type *t)
{
	switch (t->kind) {
	case VM_T_INT:
		return t->size && t->size <= 8 ? t->size : 8;
	case VM_T_PTR:
	case VM_T_SYM:
		return 8;
	default:
		return t->size;
	}
}

/* A value of type t from buf (avail bytes), bit-field if bitsize. */
static void
bytes_to_val(struct vm_exec *x, const uint8_t *buf, size_t avail,
	     const struct vm_type *t, unsigned bitoff, unsigned bitsize,
	     struct vm_val *v)
{
	size_t n = type_bytes(t);

	memset(v, 0, sizeof(*v));
	v->kind = t->kind;
	switch (t->kind) {
	case VM_T_INT:
		if (bitsize)
			v->i = bf_get(buf, avail, bitoff, bitsize,
				      t->is_signed);
		else
			v->i = vm_norm(load_le(buf, n < avail ? n : avail), t);
		break;
	case VM_T_PTR:
	case VM_T_SYM:
		v->sym = t->symkind;
		v->i = load_le(buf, n < avail ? n : avail);
		break;
	case VM_T_STRING:
		vm_val_str(x, (const char *)buf, n < avail ? n : avail, v);
		break;
	default: {
		uint8_t *p;

		if (n > VM_MAX_OBJ) {
			vm_fault(x, VM_FLT_ILLOP, 0);
			return;
		}
		p = vm_tmp_alloc(x, n);
		if (buf && avail)
			memcpy(p, buf, n < avail ? n : avail);
		v->kind = VM_T_BYTES;
		v->p = p;
		v->len = n;
		break;
	}
	}
}

/* Writes v (of type t) into buf (avail bytes). */
static void
val_to_bytes(uint8_t *buf, size_t avail, const struct vm_type *t,
	     unsigned bitoff, unsigned bitsize, const struct vm_val *v)
{
	size_t n = type_bytes(t);

	if (n > avail)
		n = avail;
	switch (v->kind) {
	case VM_T_STRING:
	case VM_T_BYTES:
	case VM_T_FLOAT: {
		size_t c = v->len < n ? v->len : n;

		memset(buf, 0, n);
		if (c && v->p)
			memcpy(buf, v->p, c);
		break;
	}
	default:
		if (bitsize)
			bf_set(buf, avail, bitoff, bitsize, v->i);
		else
			store_le(buf, n, v->i);
		break;
	}
}

/* --- lvalues --------------------------------------------------------- */

enum { LV_VAR = 1, LV_MEM };

struct lv {
	int kind;
	const struct vm_node *var;
	uint8_t *keys;
	size_t klen;
	uint64_t addr, off;
	const struct vm_type *type;
	unsigned bitoff, bitsize;
	int whole;
};

static void
eval_keys(struct vm_exec *x, struct vm_node *const *kids, size_t n,
	  uint8_t **out, size_t *len)
{
	struct vm_val *k = vm_tmp_alloc(x, sizeof(*k) * (n ? n : 1));
	struct vm_type *t = vm_tmp_alloc(x, sizeof(*t) * (n ? n : 1));
	size_t i;

	for (i = 0; i < n; i++) {
		if (!kids[i])
			continue;
		vm_eval(x, kids[i], &k[i]);
		t[i] = kids[i]->type;
		if (x->flt)
			return;
	}
	vm_keys_serialise(x, k, t, n, out, len);
}

/* A malformed tree (a missing kid) is an illegal operation. */
static int
kids_ok(struct vm_exec *x, const struct vm_node *n)
{
	uint16_t i;

	if (!n) {
		vm_fault(x, VM_FLT_ILLOP, 0);
		return 0;
	}
	for (i = 0; i < n->nkids; i++) {
		if (!n->kids || !n->kids[i]) {
			vm_fault(x, VM_FLT_ILLOP, 0);
			return 0;
		}
	}
	return 1;
}

static int
resolve_lv(struct vm_exec *x, const struct vm_node *n, struct lv *lv)
{
	struct vm_val v;
	int64_t idx;

	if (!kids_ok(x, n))
		return -1;

	switch (n->op) {
	case VM_OP_VAR:
	case VM_OP_AVAR:
		memset(lv, 0, sizeof(*lv));
		lv->kind = LV_VAR;
		lv->var = n;
		lv->whole = 1;
		lv->type = &n->type;
		if (n->op == VM_OP_AVAR)
			eval_keys(x, n->kids, n->nkids, &lv->keys, &lv->klen);
		return x->flt ? -1 : 0;
	case VM_OP_DEREF:
		if (n->nkids < 1)
			break;
		vm_eval(x, n->kids[0], &v);
		if (x->flt)
			return -1;
		memset(lv, 0, sizeof(*lv));
		lv->kind = LV_MEM;
		lv->addr = v.i;
		lv->type = &n->type;
		return 0;
	case VM_OP_MEMBER:
		if (n->nkids < 1 || resolve_lv(x, n->kids[0], lv) < 0)
			return -1;
		lv->off += (uint64_t)n->ival;
		lv->bitoff = n->bitoff;
		lv->bitsize = n->bitsize;
		lv->type = &n->type;
		lv->whole = 0;
		return 0;
	case VM_OP_INDEX:
		if (n->nkids < 2 || resolve_lv(x, n->kids[0], lv) < 0)
			return -1;
		idx = vm_eval_int(x, n->kids[1]);
		if (x->flt)
			return -1;
		if (n->ival > 0 && (idx < 0 || idx >= n->ival)) {
			vm_fault(x, VM_FLT_BADINDEX, (uint64_t)idx);
			return -1;
		}
		lv->off += (uint64_t)idx * type_bytes(&n->type);
		lv->bitoff = lv->bitsize = 0;
		lv->type = &n->type;
		lv->whole = 0;
		return 0;
	default:
		break;
	}
	vm_fault(x, VM_FLT_ILLOP, 0);
	return -1;
}

static void
lv_load(struct vm_exec *x, const struct lv *lv, struct vm_val *v)
{
	memset(v, 0, sizeof(*v));
	if (lv->kind == LV_VAR) {
		struct vm_val w;

		vm_var_load(x, lv->var, lv->keys, lv->klen, &w);
		if (lv->whole) {
			*v = w;
			return;
		}
		if (w.kind != VM_T_BYTES && w.kind != VM_T_STRING) {
			vm_fault(x, VM_FLT_ILLOP, 0);
			return;
		}
		if (lv->off > w.len) {
			vm_fault(x, VM_FLT_ILLOP, 0);
			return;
		}
		bytes_to_val(x, w.p + lv->off, w.len - lv->off, lv->type,
			     lv->bitoff, lv->bitsize, v);
		return;
	}
	{
		size_t n = type_bytes(lv->type) + (lv->bitsize ? 8 : 0);
		uint8_t *buf;

		if (lv->type->kind == VM_T_STRING) {
			vm_mem_readstr(x, lv->addr + lv->off,
				       x->st->strsize - 1, v);
			return;
		}
		if (n > VM_MAX_OBJ) {
			vm_fault(x, VM_FLT_ILLOP, 0);
			return;
		}
		buf = vm_tmp_alloc(x, n);
		if (vm_mem_read(x, lv->addr + lv->off, buf,
				lv->bitsize ?
					(lv->bitoff + lv->bitsize + 7u) / 8u :
					type_bytes(lv->type)) < 0)
			return;
		bytes_to_val(x, buf, n, lv->type, lv->bitoff, lv->bitsize, v);
	}
}

static void
lv_store(struct vm_exec *x, const struct lv *lv, const struct vm_val *v)
{
	if (x->flt)
		return;
	if (lv->kind == LV_VAR) {
		struct vm_val w;
		uint8_t *buf;
		size_t vsz;

		if (lv->whole) {
			vm_var_store(x, lv->var, lv->keys, lv->klen, v);
			return;
		}
		vm_var_load(x, lv->var, lv->keys, lv->klen, &w);
		vsz = lv->var->type.size;
		if (w.kind != VM_T_BYTES || vsz > VM_MAX_OBJ || lv->off > vsz ||
		    (lv->bitsize ? (lv->bitoff + lv->bitsize + 7u) / 8u :
				   type_bytes(lv->type)) > vsz - lv->off) {
			vm_fault(x, VM_FLT_ILLOP, 0);
			return;
		}
		buf = vm_tmp_alloc(x, vsz);
		memcpy(buf, w.p, w.len < vsz ? w.len : vsz);
		val_to_bytes(buf + lv->off, vsz - lv->off, lv->type, lv->bitoff,
			     lv->bitsize, v);
		w.p = buf;
		w.len = vsz;
		vm_var_store(x, lv->var, lv->keys, lv->klen, &w);
		return;
	}
	{
		uint64_t a = lv->addr + lv->off;
		size_t n = type_bytes(lv->type);
		uint8_t *p;

		if (lv->bitsize)
			n = (lv->bitoff + lv->bitsize + 7) / 8;
		p = vm_scratch_ptr(x, a, n);
		if (!p) {
			vm_fault(x, VM_FLT_BADADDR, a);
			return;
		}
		val_to_bytes(p, n, lv->type, lv->bitoff, lv->bitsize, v);
	}
}

/* --- conversions ------------------------------------------------------ */

/* Copies a string/bytes value into scratch: its D address. */
static uint64_t
to_scratch(struct vm_exec *x, const struct vm_val *v)
{
	size_t n = v->kind == VM_T_STRING ? v->len + 1 : v->len;
	uint64_t a = vm_scratch_alloc(x, n);
	uint8_t *p;

	if (!a)
		return 0;
	p = vm_scratch_ptr(x, a, n);
	if (p && v->p && n)
		memcpy(p, v->p, v->kind == VM_T_STRING ? v->len : n);
	return a;
}

static void
to_string(struct vm_exec *x, const struct vm_val *in, struct vm_val *out)
{
	switch (in->kind) {
	case VM_T_STRING:
		vm_val_str(x, (const char *)in->p, in->len, out);
		return;
	case VM_T_BYTES:
	case VM_T_FLOAT:
		vm_val_str(x, (const char *)in->p, in->len, out);
		return;
	case VM_T_INT:
	case VM_T_PTR:
		vm_mem_readstr(x, in->i, x->st->strsize - 1, out);
		return;
	default:
		vm_val_str(x, "", 0, out);
		return;
	}
}

static void
do_cast(struct vm_exec *x, const struct vm_val *in, const struct vm_type *t,
	struct vm_val *out)
{
	switch (t->kind) {
	case VM_T_INT:
	case VM_T_PTR:
		if (in->kind == VM_T_STRING || in->kind == VM_T_BYTES) {
			uint64_t a =
				t->kind == VM_T_PTR ? to_scratch(x, in) : 0;

			set_int(out, a, t);
			return;
		}
		set_int(out, in->i, t);
		return;
	case VM_T_STRING:
		to_string(x, in, out);
		return;
	case VM_T_BYTES:
	case VM_T_FLOAT: {
		uint8_t *p;

		memset(out, 0, sizeof(*out));
		if (t->size > VM_MAX_OBJ) {
			vm_fault(x, VM_FLT_ILLOP, 0);
			return;
		}
		p = vm_tmp_alloc(x, t->size);
		if (in->kind == VM_T_STRING || in->kind == VM_T_BYTES) {
			if (in->p)
				memcpy(p, in->p,
				       in->len < t->size ? in->len : t->size);
		} else {
			store_le(p, t->size, in->i);
		}
		out->kind = VM_T_BYTES;
		out->p = p;
		out->len = t->size;
		return;
	}
	case VM_T_SYM:
		*out = *in;
		out->kind = VM_T_SYM;
		out->sym = t->symkind;
		return;
	default:
		*out = *in;
		return;
	}
}

/* --- expressions ----------------------------------------------------- */

static const char *
nz(const char *s)
{
	return s ? s : "";
}

/*
 * cwd, root and execargs of process pid, read from /proc as dtrace reads
 * them from the task (the current directory's path, the root's path, the
 * argument vector with its NULs turned into spaces). In BEGIN/END/tick
 * context the process is udtrace itself. An unreadable process gives "".
 */
static void
proc_str(struct vm_exec *x, int64_t pid, int which, struct vm_val *v)
{
	size_t max = x->st->strsize;
	char path[64];
	char *buf = vm_tmp_alloc(x, max + 1);
	ssize_t got = -1;

	if (pid > 0) {
		if (which == VM_BI_EXECARGS) {
			int fd;

			snprintf(path, sizeof(path), "/proc/%lld/cmdline",
				 (long long)pid);
			fd = open(path, O_RDONLY | O_CLOEXEC);
			if (fd >= 0) {
				got = read(fd, buf, max);
				close(fd);
			}
			/* NULs between the arguments become spaces */
			while (got > 0 && buf[got - 1] == '\0')
				got--;
			for (ssize_t i = 0; i < got; i++)
				if (buf[i] == '\0')
					buf[i] = ' ';
		} else {
			snprintf(path, sizeof(path), "/proc/%lld/%s",
				 (long long)pid,
				 which == VM_BI_CWD ? "cwd" : "root");
			got = readlink(path, buf, max);
		}
	}
	if (got < 0)
		got = 0;
	vm_val_str(x, buf, (size_t)got, v);
}

/*
 * A built-in the host computes only when a clause reads it (vm.h's
 * builtin op: curpsinfo, curlwpsinfo, vtimestamp, cpu). Asked once per
 * firing: every clause of the firing sees the same value, and a costly
 * one (vtimestamp reads /proc) is paid once. 0 with *out, or -1.
 */
static int
host_builtin(struct vm_exec *x, int which, uint64_t *out)
{
	const struct vm_probe_ctx *c = x->ctx;
	uint64_t bit;

	_Static_assert(VM_BI_LAST <= 64, "bi_have has a bit per built-in");
	if (which <= 0 || which >= VM_BI_LAST)
		return -1;
	bit = (uint64_t)1 << which;
	if (!(x->bi_have & bit)) {
		uint64_t v = 0;

		if (!c->ops || !c->ops->builtin ||
		    c->ops->builtin(c->host, which, &v) < 0)
			return -1;
		x->bi_val[which] = v;
		x->bi_have |= bit;
	}
	*out = x->bi_val[which];
	return 0;
}

static void
eval_builtin(struct vm_exec *x, const struct vm_node *n, struct vm_val *v)
{
	const struct vm_probe_ctx *c = x->ctx;
	const char *s = NULL; /* the string builtins' value */
	uint64_t i = 0;

	switch (n->ival) {
	case VM_BI_TIMESTAMP:
		i = c->timestamp;
		break;
	case VM_BI_WALLTIMESTAMP:
		i = c->walltimestamp;
		break;
	case VM_BI_VTIMESTAMP:
		if (host_builtin(x, VM_BI_VTIMESTAMP, &i) < 0)
			i = c->vtimestamp;
		break;
	case VM_BI_CURPSINFO:
	case VM_BI_CURLWPSINFO:
		/* no host value: a NULL pointer, whose dereference is a
		   BADADDR fault at 0 */
		if (host_builtin(x, (int)n->ival, &i) < 0)
			i = 0;
		break;
	case VM_BI_PID:
		i = (uint64_t)c->pid;
		break;
	case VM_BI_TID:
		i = (uint64_t)c->tid;
		break;
	case VM_BI_PPID:
		i = (uint64_t)c->ppid;
		break;
	case VM_BI_UID:
		i = (uint64_t)c->uid;
		break;
	case VM_BI_GID:
		i = (uint64_t)c->gid;
		break;
	case VM_BI_EPID:
		i = x->epid;
		break;
	case VM_BI_ID:
		i = c->probe_id;
		break;
	case VM_BI_ERRNO:
		i = (uint64_t)c->errno_val;
		break;
	case VM_BI_CPU:
		if (host_builtin(x, VM_BI_CPU, &i) < 0)
			i = (uint64_t)(int64_t)c->cpu;
		break;
	case VM_BI_EXECNAME:
		s = nz(c->execname);
		break;
	case VM_BI_PROBEPROV:
		s = nz(c->prov);
		break;
	case VM_BI_PROBEMOD:
		s = nz(c->mod);
		break;
	case VM_BI_PROBEFUNC:
		s = nz(c->func);
		break;
	case VM_BI_PROBENAME:
		s = nz(c->name);
		break;
	case VM_BI_CWD:
	case VM_BI_ROOT:
	case VM_BI_EXECARGS:
		proc_str(x, c->pid, (int)n->ival, v);
		return;
	case VM_BI_USTACKDEPTH:
	case VM_BI_UCALLER:
		if (c->ops && c->ops->ustack) {
			uint64_t pcs[2] = { 0, 0 };
			uint32_t max = x->st->opts.ustackframes ?
					       x->st->opts.ustackframes :
					       100;
			uint64_t *buf = vm_tmp_alloc(x, 8 * (size_t)max);
			int r = c->ops->ustack(c->host, buf, (int)max);

			if (r > 0) {
				pcs[0] = buf[0];
				pcs[1] = r > 1 ? buf[1] : 0;
			}
			i = n->ival == VM_BI_USTACKDEPTH ?
				    (uint64_t)(r > 0 ? r : 0) :
				    pcs[1];
		}
		break;
	case VM_BI_UREGS: {
		int64_t idx = n->nkids ? vm_eval_int(x, n->kids[0]) : 0;

		if (x->flt)
			return;
		if (c->ops && c->ops->ureg &&
		    c->ops->ureg(c->host, idx, &i) < 0) {
			vm_fault(x, VM_FLT_ILLOP, 0);
			return;
		}
		break;
	}
	default:
		/* curthread, stackdepth, caller, ipl: no kernel here. */
		i = 0;
		break;
	}
	if (s != NULL || n->type.kind == VM_T_STRING) {
		vm_val_str(x, nz(s), SIZE_MAX, v);
		return;
	}
	set_int(v, i, &n->type);
}

/* args[idx], 0 <= idx < 10; a late one asked for once per firing. */
static uint64_t
arg_value(struct vm_exec *x, int64_t idx)
{
	const struct vm_probe_ctx *c = x->ctx;

	if (c->args_late == 0 || idx < (int64_t)c->args_late)
		return c->args[idx];
	if (!x->late_have) {
		x->late_have = 1;
		if (c->args_fetch == NULL ||
		    c->args_fetch(c->args_fetch_arg, x->late_args,
				  c->nargs < 10 ? c->nargs : 10) < 0)
			memset(x->late_args, 0, sizeof(x->late_args));
	}
	return x->late_args[idx];
}

static void
eval_arg(struct vm_exec *x, const struct vm_node *n, struct vm_val *v)
{
	int64_t idx = n->nkids ? vm_eval_int(x, n->kids[0]) : 0;
	uint64_t a;

	if (x->flt)
		return;
	if (idx < 0 || idx >= 10) {
		vm_fault(x, VM_FLT_ILLOP, 0);
		return;
	}
	a = arg_value(x, idx);
	if (n->type.kind == VM_T_STRING) {
		vm_mem_readstr(x, a, x->st->strsize - 1, v);
		return;
	}
	if (n->type.kind == VM_T_BYTES) {
		uint8_t *buf;

		if (n->type.size > VM_MAX_OBJ) {
			vm_fault(x, VM_FLT_ILLOP, 0);
			return;
		}
		buf = vm_tmp_alloc(x, n->type.size);

		memset(v, 0, sizeof(*v));
		v->kind = VM_T_BYTES;
		v->p = buf;
		v->len = n->type.size;
		vm_mem_read(x, a, buf, n->type.size);
		return;
	}
	set_int(v, a, &n->type);
}

static int
cmp_vals(const struct vm_type *t, const struct vm_val *a,
	 const struct vm_val *b)
{
	if (a->kind == VM_T_STRING || b->kind == VM_T_STRING) {
		const char *s = a->p ? (const char *)a->p : "";
		const char *u = b->p ? (const char *)b->p : "";
		int r = strcmp(s, u);

		return r < 0 ? -1 : r > 0;
	}
	if (a->kind == VM_T_BYTES && b->kind == VM_T_BYTES) {
		size_t n = a->len < b->len ? a->len : b->len;
		int r = n ? memcmp(a->p, b->p, n) : 0;

		if (r == 0)
			r = a->len < b->len ? -1 : a->len > b->len;
		return r < 0 ? -1 : r > 0;
	}
	if (t->kind == VM_T_INT && t->is_signed) {
		int64_t p = (int64_t)a->i, q = (int64_t)b->i;

		return p < q ? -1 : p > q;
	}
	return a->i < b->i ? -1 : a->i > b->i;
}

static void
eval_arith(struct vm_exec *x, const struct vm_node *n, struct vm_val *v)
{
	struct vm_val a, b;
	const struct vm_type *t = &n->type;
	int sgn = t->kind == VM_T_INT && t->is_signed;
	uint64_t r = 0;

	if (n->nkids < 2) {
		vm_fault(x, VM_FLT_ILLOP, 0);
		return;
	}
	vm_eval(x, n->kids[0], &a);
	if (x->flt)
		return;
	vm_eval(x, n->kids[1], &b);
	if (x->flt)
		return;
	switch (n->op) {
	case VM_OP_ADD:
		r = a.i + b.i;
		break;
	case VM_OP_SUB:
		r = a.i - b.i;
		break;
	case VM_OP_MUL:
		r = a.i * b.i;
		break;
	case VM_OP_DIV:
	case VM_OP_MOD:
		if (vm_norm(b.i, t) == 0) {
			vm_fault(x, VM_FLT_DIVZERO, 0);
			return;
		}
		if (sgn) {
			int64_t p = (int64_t)a.i, q = (int64_t)b.i;

			if (q == -1)
				r = n->op == VM_OP_DIV ? -(uint64_t)p : 0;
			else
				r = (uint64_t)(n->op == VM_OP_DIV ? p / q :
								    p % q);
		} else {
			r = n->op == VM_OP_DIV ? a.i / b.i : a.i % b.i;
		}
		break;
	case VM_OP_AND:
		r = a.i & b.i;
		break;
	case VM_OP_OR:
		r = a.i | b.i;
		break;
	case VM_OP_XOR:
		r = a.i ^ b.i;
		break;
	case VM_OP_SHL:
		r = a.i << (b.i & 63);
		break;
	case VM_OP_SHR:
		if (sgn)
			r = (uint64_t)((int64_t)a.i >> (b.i & 63));
		else
			r = a.i >> (b.i & 63);
		break;
	default:
		break;
	}
	set_int(v, r, t);
}

static void
eval_incdec(struct vm_exec *x, const struct vm_node *n, struct vm_val *v)
{
	struct lv lv;
	struct vm_val old, nw;
	uint64_t step = (uint64_t)n->ival;

	if (n->nkids < 1 || resolve_lv(x, n->kids[0], &lv) < 0)
		return;
	lv_load(x, &lv, &old);
	if (x->flt)
		return;
	if (step == 0)
		step = 1;
	if (n->op == VM_OP_PREDEC || n->op == VM_OP_POSTDEC)
		step = -step;
	set_int(&nw, old.i + step, lv.type);
	if (old.kind == VM_T_PTR)
		nw.kind = VM_T_PTR;
	lv_store(x, &lv, &nw);
	*v = (n->op == VM_OP_PREINC || n->op == VM_OP_PREDEC) ? nw : old;
}

static void
eval_assign(struct vm_exec *x, const struct vm_node *n, struct vm_val *v)
{
	struct lv lv;
	struct vm_val r;

	if (n->nkids < 2) {
		vm_fault(x, VM_FLT_ILLOP, 0);
		return;
	}
	vm_eval(x, n->kids[1], &r);
	if (x->flt || resolve_lv(x, n->kids[0], &lv) < 0)
		return;
	/* The compiler casts; this keeps a string a string regardless. */
	if ((lv.type->kind == VM_T_STRING || lv.type->kind == VM_T_BYTES) &&
	    r.kind != lv.type->kind) {
		struct vm_val c;

		do_cast(x, &r, lv.type, &c);
		if (x->flt)
			return;
		r = c;
	}
	if (r.kind == VM_T_INT || r.kind == VM_T_PTR)
		r.i = vm_norm(r.i, lv.type);
	if (r.kind == VM_T_STRING && r.len > x->st->strsize - 1)
		vm_val_str(x, (const char *)r.p, r.len, &r);
	lv_store(x, &lv, &r);
	*v = r;
}

/* A MEMBER/INDEX chain over a DEREF: an object in memory. */
static int
is_mem_chain(const struct vm_node *n)
{
	int depth;

	for (depth = 0; n && depth < 64; depth++) {
		if (n->op == VM_OP_DEREF)
			return 1;
		if ((n->op != VM_OP_MEMBER && n->op != VM_OP_INDEX) ||
		    n->nkids < 1 || !n->kids)
			return 0;
		n = n->kids[0];
	}
	return 0;
}

/*
 * p->m and p[i] read only the member or element, at its own address, as
 * dtrace does: a fault then names that address (NULL->m at offset 8
 * faults at 0x8), and a readable member of a partly unreadable object
 * reads fine.
 */
static int
eval_mem_chain(struct vm_exec *x, const struct vm_node *n, struct vm_val *v)
{
	struct lv lv;

	if (!is_mem_chain(n->kids[0]))
		return 0;
	if (resolve_lv(x, n, &lv) == 0)
		lv_load(x, &lv, v);
	return 1;
}

static void
eval_member(struct vm_exec *x, const struct vm_node *n, struct vm_val *v)
{
	struct vm_val b;
	uint64_t off = (uint64_t)n->ival;

	if (eval_mem_chain(x, n, v))
		return;

	vm_eval(x, n->kids[0], &b);
	if (x->flt)
		return;
	if (b.kind == VM_T_PTR || b.kind == VM_T_INT) {
		/* Lenient: a member of a pointed-to object. */
		struct lv lv = { .kind = LV_MEM,
				 .addr = b.i,
				 .off = off,
				 .type = &n->type,
				 .bitoff = n->bitoff,
				 .bitsize = n->bitsize };

		lv_load(x, &lv, v);
		return;
	}
	if (off > b.len) {
		vm_fault(x, VM_FLT_ILLOP, 0);
		return;
	}
	bytes_to_val(x, b.p ? b.p + off : NULL, b.p ? b.len - off : 0, &n->type,
		     n->bitoff, n->bitsize, v);
}

static void
eval_index(struct vm_exec *x, const struct vm_node *n, struct vm_val *v)
{
	struct vm_val b;
	int64_t idx;
	uint64_t off;
	size_t esz = type_bytes(&n->type);

	if (eval_mem_chain(x, n, v))
		return;
	vm_eval(x, n->kids[0], &b);
	if (x->flt)
		return;
	idx = vm_eval_int(x, n->kids[1]);
	if (x->flt)
		return;
	if (n->ival > 0 && (idx < 0 || idx >= n->ival)) {
		vm_fault(x, VM_FLT_BADINDEX, (uint64_t)idx);
		return;
	}
	off = (uint64_t)idx * esz;
	if (b.kind == VM_T_PTR || b.kind == VM_T_INT) {
		struct lv lv = { .kind = LV_MEM,
				 .addr = b.i,
				 .off = off,
				 .type = &n->type };

		lv_load(x, &lv, v);
		return;
	}
	if (b.kind == VM_T_STRING) {
		/* A string is a strsize-byte char array, zero-padded. */
		if (idx < 0 || (uint64_t)idx >= x->st->strsize) {
			vm_fault(x, VM_FLT_BADINDEX, (uint64_t)idx);
			return;
		}
		set_int(v, (uint64_t)idx < b.len ? b.p[idx] : 0, &n->type);
		return;
	}
	if (idx < 0 || off > b.len || esz > b.len - off) {
		vm_fault(x, VM_FLT_BADINDEX, (uint64_t)idx);
		return;
	}
	bytes_to_val(x, b.p + off, b.len - off, &n->type, 0, 0, v);
}

static void
eval_deref(struct vm_exec *x, const struct vm_node *n, struct vm_val *v)
{
	struct vm_val p;
	struct lv lv;

	vm_eval(x, n->kids[0], &p);
	if (x->flt)
		return;
	memset(&lv, 0, sizeof(lv));
	lv.kind = LV_MEM;
	lv.addr = p.i;
	lv.type = &n->type;
	if (p.i == 0) {
		vm_fault(x, VM_FLT_BADADDR, 0);
		return;
	}
	lv_load(x, &lv, v);
}

void
vm_eval(struct vm_exec *x, const struct vm_node *n, struct vm_val *v)
{
	struct vm_val a, b;

	memset(v, 0, sizeof(*v));
	v->kind = VM_T_INT;
	if (x->flt || !n || !kids_ok(x, n))
		return;
	switch (n->op) {
	case VM_OP_NOP:
		return;
	case VM_OP_CONST:
		set_int(v, (uint64_t)n->ival, &n->type);
		return;
	case VM_OP_STRCONST:
		vm_val_str(x, nz(n->sval), SIZE_MAX, v);
		return;
	case VM_OP_VAR:
		vm_var_load(x, n, NULL, 0, v);
		return;
	case VM_OP_AVAR: {
		uint8_t *k;
		size_t kl;

		eval_keys(x, n->kids, n->nkids, &k, &kl);
		if (!x->flt)
			vm_var_load(x, n, k, kl, v);
		return;
	}
	case VM_OP_BUILTIN:
		eval_builtin(x, n, v);
		return;
	case VM_OP_ARG:
		eval_arg(x, n, v);
		return;
	case VM_OP_AGGREF:
		return;
	case VM_OP_ADD:
	case VM_OP_SUB:
	case VM_OP_MUL:
	case VM_OP_DIV:
	case VM_OP_MOD:
	case VM_OP_AND:
	case VM_OP_OR:
	case VM_OP_XOR:
	case VM_OP_SHL:
	case VM_OP_SHR:
		eval_arith(x, n, v);
		return;
	case VM_OP_LT:
	case VM_OP_LE:
	case VM_OP_GT:
	case VM_OP_GE:
	case VM_OP_EQ:
	case VM_OP_NE: {
		int c;

		if (n->nkids < 2)
			break;
		vm_eval(x, n->kids[0], &a);
		vm_eval(x, n->kids[1], &b);
		if (x->flt)
			return;
		c = cmp_vals(&n->kids[0]->type, &a, &b);
		switch (n->op) {
		case VM_OP_LT:
			c = c < 0;
			break;
		case VM_OP_LE:
			c = c <= 0;
			break;
		case VM_OP_GT:
			c = c > 0;
			break;
		case VM_OP_GE:
			c = c >= 0;
			break;
		case VM_OP_EQ:
			c = c == 0;
			break;
		default:
			c = c != 0;
			break;
		}
		set_int(v, (uint64_t)c, &n->type);
		return;
	}
	case VM_OP_LAND:
	case VM_OP_LOR: {
		int r;

		if (n->nkids < 2)
			break;
		vm_eval(x, n->kids[0], &a);
		if (x->flt)
			return;
		r = truth(&a);
		if ((n->op == VM_OP_LAND) == (r != 0)) {
			vm_eval(x, n->kids[1], &b);
			if (x->flt)
				return;
			r = truth(&b);
		}
		set_int(v, (uint64_t)(r != 0), &n->type);
		return;
	}
	case VM_OP_LXOR:
		if (n->nkids < 2)
			break;
		vm_eval(x, n->kids[0], &a);
		vm_eval(x, n->kids[1], &b);
		if (x->flt)
			return;
		set_int(v, (uint64_t)(!truth(&a) != !truth(&b)), &n->type);
		return;
	case VM_OP_LNOT:
		if (n->nkids < 1)
			break;
		vm_eval(x, n->kids[0], &a);
		if (x->flt)
			return;
		set_int(v, (uint64_t)!truth(&a), &n->type);
		return;
	case VM_OP_NEG:
	case VM_OP_BNOT:
		if (n->nkids < 1)
			break;
		vm_eval(x, n->kids[0], &a);
		if (x->flt)
			return;
		set_int(v, n->op == VM_OP_NEG ? -a.i : ~a.i, &n->type);
		return;
	case VM_OP_CAST:
		if (n->nkids < 1)
			break;
		vm_eval(x, n->kids[0], &a);
		if (x->flt)
			return;
		do_cast(x, &a, &n->type, v);
		return;
	case VM_OP_STRINGOF:
		if (n->nkids < 1)
			break;
		vm_eval(x, n->kids[0], &a);
		if (x->flt)
			return;
		to_string(x, &a, v);
		return;
	case VM_OP_COND:
		if (n->nkids < 3)
			break;
		vm_eval(x, n->kids[0], &a);
		if (x->flt)
			return;
		vm_eval(x, n->kids[truth(&a) ? 1 : 2], v);
		return;
	case VM_OP_COMMA:
		if (n->nkids < 2)
			break;
		vm_eval(x, n->kids[0], &a);
		vm_eval(x, n->kids[1], v);
		return;
	case VM_OP_DEREF:
		if (n->nkids < 1)
			break;
		eval_deref(x, n, v);
		return;
	case VM_OP_MEMBER:
		if (n->nkids < 1)
			break;
		eval_member(x, n, v);
		return;
	case VM_OP_INDEX:
		if (n->nkids < 2)
			break;
		eval_index(x, n, v);
		return;
	case VM_OP_ASSIGN:
		eval_assign(x, n, v);
		return;
	case VM_OP_PREINC:
	case VM_OP_PREDEC:
	case VM_OP_POSTINC:
	case VM_OP_POSTDEC:
		eval_incdec(x, n, v);
		return;
	case VM_OP_CALL:
		vm_call(x, n, v);
		return;
	default:
		break;
	}
	vm_fault(x, VM_FLT_ILLOP, 0);
}

/* --- actions and statements ------------------------------------------ */

static void
stage_fire(struct vm_exec *x)
{
	const struct vm_probe_ctx *c = x->ctx;
	struct vm_rec *r = vm_rb_push(&x->stage, VM_REC_FIRE);
	struct vm_rec_fire *f = &r->u.fire;

	x->need_fire = 0;
	f->epid = x->epid;
	f->probe_id = c->probe_id;
	f->clause = x->cl->id;
	f->prov = c->prov;
	f->mod = c->mod;
	f->func = c->func;
	f->name = c->name;
	f->cpu = c->cpu;
	f->timestamp = c->timestamp;
	f->walltimestamp = c->walltimestamp;
	f->pid = c->pid;
	f->tid = c->tid;
	snprintf(f->execname, sizeof(f->execname), "%s",
		 c->execname ? c->execname : "");
}

/* Stages a data record, preceded by the probe-line record when this basic
   block has not recorded anything yet. */
static struct vm_rec *
stage_rec(struct vm_exec *x, uint16_t type, uint32_t nd)
{
	struct vm_rec *r;

	if (x->need_fire)
		stage_fire(x);
	r = vm_rb_push(&x->stage, type);

	r->n = nd;
	if (nd)
		r->d = vm_rb_alloc(&x->stage, sizeof(*r->d) * nd);
	return r;
}

/* Datums from the action's arguments (payload copied into the stage). */
static void
args_datums(struct vm_exec *x, const struct vm_stmt *s, uint32_t from,
	    struct vm_rec *r)
{
	uint32_t i;

	for (i = from; i < s->nargs && i - from < r->n; i++) {
		struct vm_val v;
		struct vm_datum *d = &r->d[i - from];

		if (!s->args[i])
			continue;
		vm_eval(x, s->args[i], &v);
		if (x->flt)
			return;
		vm_datum_from_val(d, &v, &s->args[i]->type);
		if (d->type == VM_D_SYM && d->size >= VM_SYM_USYM) {
			/* len too: the consumer's earlier convention */
			d->pid = x->ctx->pid;
			d->len = (uint32_t)x->ctx->pid;
		}
		vm_rb_own_datum(&x->stage, d);
	}
}

static void
flush_stage(struct vm_exec *x)
{
	struct vm_state *st = x->st;
	size_t n = x->stage.nrecs;

	if (x->flushed >= n)
		return;
	if (x->spec_drop) {
		/* speculate() on a dead speculation: the data goes nowhere */
	} else if (x->spec_id) {
		vm_spec_append(st, x->spec_id, &x->stage, x->flushed, n);
	} else if (vm_rb_copy(&st->rb, &x->stage, x->flushed, n) < 0) {
		st->rb.drops++;
	}
	x->flushed = n;
}

static void
do_ustack(struct vm_exec *x, const struct vm_stmt *s, int user,
	  struct vm_rec *r)
{
	const struct vm_probe_ctx *c = x->ctx;
	struct vm_datum *d = &r->d[0];
	int64_t max =
		user ? (x->st->opts.ustackframes ? x->st->opts.ustackframes :
						   100) :
		       (x->st->opts.stackframes ? x->st->opts.stackframes : 20);
	uint64_t *pcs;
	int got = 0;

	if (s->nargs >= 1) {
		max = vm_eval_int(x, s->args[0]);
		if (x->flt)
			return;
	}
	max = vm_stack_clamp(max);
	pcs = vm_rb_alloc(&x->stage, 8 * (size_t)(max ? max : 1));
	got = vm_stack_fetch(x, user, max, pcs);
	d->type = VM_D_STACK;
	d->pcs = pcs;
	d->len = (uint32_t)got;
	d->is_signed = (uint8_t)user;
	d->i = (uint64_t)c->pid;
	d->pid = c->pid;
}

static void
agg_ref(const struct vm_stmt *s, uint32_t i, struct vm_exec *x,
	struct vm_rec *r)
{
	r->naggs = 1;
	r->aggs = vm_rb_alloc(&x->stage, sizeof(uint32_t));
	r->aggs[0] =
		i < s->nargs && s->args[i] ? (uint32_t)s->args[i]->ival : 0;
}

/*
 * The size of what a clause records, as dtrace-utils computes it when it
 * compiles the clause: an 8-byte header, then each recorded value at its
 * type's size and natural alignment (a string takes strsize bytes). Used
 * by speculate(): a clause whose data can never fit in a speculation is
 * abandoned there.
 */
static size_t
static_val_size(const struct vm_type *t, size_t *al)
{
	*al = 1;
	switch (t->kind) {
	case VM_T_INT:
		*al = t->size ? t->size : 8;
		return *al;
	case VM_T_STRING:
	case VM_T_BYTES:
		return t->size;
	case VM_T_STACK:
		*al = 8;
		return 8 * (size_t)(t->size ? t->size : 1);
	default:
		*al = 8;
		return 8;
	}
}

static size_t
static_size(struct vm_stmt *const *b, uint32_t n, size_t sz)
{
	uint32_t i, j;
	size_t al, k;

	for (i = 0; i < n; i++) {
		const struct vm_stmt *s = b[i];

		if (!s)
			continue;
		if (s->kind == VM_ST_IF) {
			sz = static_size(s->body, s->nbody, sz);
			sz = static_size(s->else_body, s->nelse, sz);
			continue;
		}
		if (s->kind != VM_ST_ACTION)
			continue;
		switch (s->act) {
		case VM_ACT_TRACE:
		case VM_ACT_PRINTF:
		case VM_ACT_PRINT:
		case VM_ACT_SYSTEM:
		case VM_ACT_FREOPEN:
			for (j = 0; j < s->nargs; j++) {
				if (!s->args[j])
					continue;
				k = static_val_size(&s->args[j]->type, &al);
				sz = (sz + al - 1) / al * al + k;
			}
			break;
		case VM_ACT_SPECULATE:
		case VM_ACT_COMMIT:
		case VM_ACT_DISCARD:
		case VM_ACT_RAISE:
		case VM_ACT_STOP:
		case VM_ACT_CHILL:
		case VM_ACT_SYSCALL_FAIL:
		case VM_ACT_SYSCALL_RETURN:
			break;
		default:
			sz = (sz + 7) / 8 * 8 + 8;
			break;
		}
	}
	return sz;
}

/*
 * syscall_fail(errno) and syscall_return(value): the syscall being
 * entered is not run and returns -errno or value. The host acts at once
 * (nothing is recorded, so neither the consumer nor a speculation can
 * take it back). Outside a syscall entry probe, without the host's op, or
 * with an errno outside 1..4095 (what the kernel's error returns can
 * express), it is an illegal operation.
 */
static void
do_sc_override(struct vm_exec *x, const struct vm_stmt *s)
{
	const struct vm_probe_ctx *c = x->ctx;
	int64_t a0 = s->nargs >= 1 ? vm_eval_int(x, s->args[0]) : 0;

	if (x->flt)
		return;
	if (s->act == VM_ACT_SYSCALL_FAIL) {
		if (a0 < 1 || a0 > 4095) {
			vm_fault(x, VM_FLT_ILLOP, 0);
			return;
		}
		a0 = -a0;
	}
	/* as raise(): the compiler refuses it without -w */
	if (!x->st->opts.destructive)
		return;
	if (!c->ops || !c->ops->sc_override ||
	    c->ops->sc_override(c->host, a0) < 0)
		vm_fault(x, VM_FLT_ILLOP, 0);
}

static void
do_action(struct vm_exec *x, const struct vm_stmt *s)
{
	struct vm_state *st = x->st;
	const struct vm_probe_ctx *c = x->ctx;
	struct vm_rec *r;
	int64_t a0 = 0;
	uint32_t i;

	switch (s->act) {
	case VM_ACT_TRACE:
		if (s->nargs < 1)
			return;
		r = stage_rec(x, VM_REC_TRACE, 1);
		args_datums(x, s, 0, r);
		return;
	case VM_ACT_PRINTF:
	case VM_ACT_SYSTEM:
	case VM_ACT_FREOPEN:
		r = stage_rec(x,
			      s->act == VM_ACT_PRINTF ? VM_REC_PRINTF :
			      s->act == VM_ACT_SYSTEM ? VM_REC_SYSTEM :
							VM_REC_FREOPEN,
			      s->nargs);
		r->fmt = s->fmt;
		args_datums(x, s, 0, r);
		return;
	case VM_ACT_PRINT:
		if (s->nargs < 1 || !s->args[0])
			return;
		r = stage_rec(x, VM_REC_PRINT, 1);
		r->fmt = s->args[0]->type.name;
		args_datums(x, s, 0, r);
		return;
	case VM_ACT_PRINTA:
		r = stage_rec(x, VM_REC_PRINTA, 0);
		r->fmt = s->fmt;
		r->aggs = vm_rb_alloc(&x->stage,
				      sizeof(uint32_t) *
					      (s->nargs ? s->nargs : 1));
		for (i = 0; i < s->nargs; i++)
			if (s->args[i] && s->args[i]->op == VM_OP_AGGREF)
				r->aggs[r->naggs++] =
					(uint32_t)s->args[i]->ival;
		return;
	case VM_ACT_TRACEMEM: {
		int64_t addr, size, dsize;
		uint8_t *buf;

		if (s->nargs < 2)
			return;
		addr = vm_eval_int(x, s->args[0]);
		size = vm_eval_int(x, s->args[1]);
		dsize = s->nargs > 2 ? vm_eval_int(x, s->args[2]) : size;
		if (x->flt)
			return;
		if (size < 0 || size > (1 << 20)) {
			vm_fault(x, VM_FLT_BADSIZE, (uint64_t)size);
			return;
		}
		/* dt_print_tracemem(): the dynamic size shortens the dump
		   only when it is positive and smaller than size */
		if (dsize <= 0 || dsize > size)
			dsize = size;
		r = stage_rec(x, VM_REC_TRACEMEM, 1);
		buf = vm_rb_alloc(&x->stage, (size_t)size);
		if (vm_mem_read(x, (uint64_t)addr, buf, (size_t)size) < 0)
			return;
		r->d[0].type = VM_D_BYTES;
		r->d[0].p = buf;
		r->d[0].len = (uint32_t)dsize;
		return;
	}
	case VM_ACT_STACK:
	case VM_ACT_USTACK:
	case VM_ACT_JSTACK:
		r = stage_rec(x, VM_REC_STACK, 1);
		do_ustack(x, s, s->act != VM_ACT_STACK, r);
		return;
	case VM_ACT_EXIT:
		if (s->nargs >= 1)
			a0 = vm_eval_int(x, s->args[0]);
		if (x->flt)
			return;
		st->exited = 1;
		st->exit_status = (int)a0;
		x->exited_here = 1;
		r = stage_rec(x, VM_REC_EXIT, 0);
		r->i = (int)a0;
		return;
	case VM_ACT_SPECULATE: {
		int rc;

		if (s->nargs >= 1)
			a0 = vm_eval_int(x, s->args[0]);
		if (x->flt)
			return;
		rc = vm_spec_check(st, (uint64_t)a0);
		if (rc < 0) {
			vm_fault(x, VM_FLT_ILLOP, 0);
			return;
		}
		if (rc == 0 && st->specs[a0 - 1].rb.limit &&
		    8 + static_size(x->cl->body, x->cl->nbody, 0) >
			    st->specs[a0 - 1].rb.limit) {
			/* dtrace-utils: the clause's data can never fit in a
			   speculation: a speculative drop, and the clause
			   ends here */
			st->drops.spec++;
			x->flt = -1;
			return;
		}
		if (rc > 0)
			x->spec_drop = 1;
		else
			x->spec_id = (uint32_t)a0;
		/* A clause that only speculates still puts its probe line
		   in the speculation (printed when it is committed). */
		if (x->need_fire)
			stage_fire(x);
		return;
	}
	case VM_ACT_COMMIT:
	case VM_ACT_DISCARD:
		if (s->nargs >= 1)
			a0 = vm_eval_int(x, s->args[0]);
		if (x->flt)
			return;
		if (s->act == VM_ACT_COMMIT) {
			/* The committing clause's own data comes first. */
			flush_stage(x);
			if (vm_spec_commit(st, (uint64_t)a0) < 0)
				vm_fault(x, VM_FLT_ILLOP, 0);
		} else if (vm_spec_discard(st, (uint64_t)a0) < 0) {
			vm_fault(x, VM_FLT_ILLOP, 0);
		}
		return;
	case VM_ACT_CLEAR:
	case VM_ACT_DENORMALIZE:
		r = stage_rec(x,
			      s->act == VM_ACT_CLEAR ? VM_REC_CLEAR :
						       VM_REC_DENORMALIZE,
			      0);
		agg_ref(s, 0, x, r);
		return;
	case VM_ACT_TRUNC:
	case VM_ACT_NORMALIZE:
		if (s->nargs >= 2)
			a0 = vm_eval_int(x, s->args[1]);
		if (x->flt)
			return;
		r = stage_rec(x,
			      s->act == VM_ACT_TRUNC ? VM_REC_TRUNC :
						       VM_REC_NORMALIZE,
			      0);
		agg_ref(s, 0, x, r);
		r->i = a0;
		r->has_arg = s->nargs >= 2;
		return;
	case VM_ACT_SETOPT:
		r = stage_rec(x, VM_REC_SETOPT, s->nargs > 2 ? 2 : s->nargs);
		args_datums(x, s, 0, r);
		return;
	case VM_ACT_FTRUNCATE:
		stage_rec(x, VM_REC_FTRUNCATE, 0);
		return;
	case VM_ACT_RAISE:
		if (s->nargs >= 1)
			a0 = vm_eval_int(x, s->args[0]);
		if (x->flt)
			return;
		if (a0 <= 0 || a0 >= 65) {
			vm_fault(x, VM_FLT_ILLOP, 0);
			return;
		}
		if (st->opts.destructive && c->ops && c->ops->raise_sig)
			c->ops->raise_sig(c->host, (int)a0);
		return;
	case VM_ACT_STOP:
		if (st->opts.destructive && c->ops && c->ops->stop)
			c->ops->stop(c->host);
		return;
	case VM_ACT_SYSCALL_FAIL:
	case VM_ACT_SYSCALL_RETURN:
		do_sc_override(x, s);
		return;
	case VM_ACT_CHILL:
		/* dtrace spins; we never hold the tracee longer on purpose.
		   The argument is still evaluated for its faults. */
		if (s->nargs >= 1)
			(void)vm_eval_int(x, s->args[0]);
		return;
	default:
		/* breakpoint(), panic(): refused by the compiler. */
		return;
	}
}

static void exec_stmts(struct vm_exec *x, struct vm_stmt *const *b, uint32_t n);

/* The end of a basic block (see VM_ST_IF): its data is committed and the
   next block prints its own probe line. */
static void
block_end(struct vm_exec *x)
{
	if (x->flt)
		return;
	flush_stage(x);
	x->need_fire = x->cl && x->cl->has_data;
}

static void
exec_agg(struct vm_exec *x, const struct vm_stmt *s)
{
	const struct vm_aggdesc *a =
		x->st->prog && s->agg < x->st->prog->naggs ?
			x->st->prog->aggs[s->agg] :
			NULL;
	struct vm_datum *k;
	int64_t val = 0, incr = 1;
	uint32_t i;

	if (!a)
		return;
	k = vm_tmp_alloc(x, sizeof(*k) * (s->nkeys ? s->nkeys : 1));
	for (i = 0; i < s->nkeys; i++) {
		struct vm_val v;

		if (!s->keys[i]) {
			k[i].type = VM_D_INT;
			k[i].size = 8;
			continue;
		}
		vm_eval(x, s->keys[i], &v);
		if (x->flt)
			return;
		vm_datum_from_val(&k[i], &v, &s->keys[i]->type);
		if (k[i].type == VM_D_SYM && k[i].size >= VM_SYM_USYM) {
			k[i].pid = x->ctx->pid;
			k[i].len = (uint32_t)x->ctx->pid;
		}
	}
	/*
	 * args[0] is the value; the increment of quantize(v, incr),
	 * lquantize(v, b, l[, s[, incr]]) and llquantize(v, f, l, h, n[,
	 * incr]) is the last argument past the constant parameters, or
	 * args[1] when the compiler passes only (value, incr).
	 */
	if (s->nargs >= 1)
		val = vm_eval_int(x, s->args[0]);
	switch (a->fn) {
	case VM_AGG_QUANTIZE:
		if (s->nargs >= 2)
			incr = vm_eval_int(x, s->args[1]);
		break;
	case VM_AGG_LQUANTIZE:
		if (s->nargs == 2)
			incr = vm_eval_int(x, s->args[1]);
		else if (s->nargs >= 5)
			incr = vm_eval_int(x, s->args[4]);
		break;
	case VM_AGG_LLQUANTIZE:
		if (s->nargs == 2)
			incr = vm_eval_int(x, s->args[1]);
		else if (s->nargs >= 6)
			incr = vm_eval_int(x, s->args[5]);
		break;
	default:
		break;
	}
	if (x->flt)
		return;
	vm_agg_update(x->st->aggs, s->agg, k, s->nkeys, val, incr);
}

static void
exec_stmt(struct vm_exec *x, const struct vm_stmt *s)
{
	struct vm_val v;

	if (s->action_no)
		x->action_no = s->action_no;
	else if (!x->action_no)
		x->action_no = 1;
	switch (s->kind) {
	case VM_ST_EXPR:
		vm_eval(x, s->expr, &v);
		return;
	case VM_ST_IF:
		/*
		 * DTrace turns each basic block of a clause with if/else
		 * into a clause of its own (dt_sugar.c): the statements
		 * before the if, each branch and the statements after it
		 * are separate enablings, each printing its own probe line
		 * when it records data, and each committing its data when
		 * it completes (a fault in a later block does not take back
		 * what an earlier one recorded).
		 */
		block_end(x);
		vm_eval(x, s->expr, &v);
		if (x->flt)
			return;
		if (truth(&v))
			exec_stmts(x, s->body, s->nbody);
		else
			exec_stmts(x, s->else_body, s->nelse);
		block_end(x);
		return;
	case VM_ST_ACTION:
		do_action(x, s);
		return;
	case VM_ST_AGG:
		exec_agg(x, s);
		return;
	default:
		return;
	}
}

static void
exec_stmts(struct vm_exec *x, struct vm_stmt *const *b, uint32_t n)
{
	uint32_t i;

	for (i = 0; i < n && !x->flt; i++)
		if (b[i])
			exec_stmt(x, b[i]);
}

/* --- firing ------------------------------------------------------------ */

static void fire_error(struct vm_exec *x);

static void
run_clause(struct vm_exec *x, const struct vm_enabling *en)
{
	struct vm_state *st = x->st;
	const struct vm_clause *cl;
	struct vm_val v;

	if (!st->prog || en->clause >= st->prog->nclauses ||
	    !(cl = st->prog->clauses[en->clause]))
		return;
	x->cl = cl;
	x->epid = en->epid;
	x->flt = 0;
	x->flt_addr = 0;
	x->action_no = 0;
	x->spec_id = 0;
	x->spec_drop = 0;
	x->flushed = 0;
	x->need_fire = 0;
	/* alloca() memory does not outlive its clause (dtrace-utils) */
	x->scratch_used = 0;
	vm_recbuf_reset(&x->stage);
	if (cl->pred) {
		vm_eval(x, cl->pred, &v);
		if (!x->flt && !truth(&v))
			return;
	}
	/*
	 * The probe line is recorded with the first data record (a clause
	 * whose only data-recording action is in a branch not taken prints
	 * nothing); a clause without statements gets dtrace's default
	 * action, which records the probe line alone.
	 */
	x->need_fire = cl->has_data;
	if (!x->flt && cl->has_data && cl->nbody == 0)
		stage_fire(x);
	if (!x->flt)
		exec_stmts(x, cl->body, cl->nbody);
	if (x->flt) {
		/* Drop what the clause staged; report the fault (-1: the
		   clause was abandoned without a fault). */
		x->stage.nrecs = x->flushed;
		if (x->flt > 0)
			fire_error(x);
		return;
	}
	flush_stage(x);
}

static void
exec_init(struct vm_exec *x, struct vm_state *st,
	  const struct vm_probe_ctx *ctx)
{
	memset(x, 0, sizeof(*x));
	x->st = st;
	x->ctx = ctx;
	vm_recbuf_init(&x->stage, 0);
}

static void
exec_fini(struct vm_exec *x)
{
	vm_locals_free(x);
	tmp_free(x);
	free(x->scratch);
	x->scratch = NULL;
	free(x->tok_str);
	x->tok_str = NULL;
	vm_recbuf_release(&x->stage);
}

static int
is_dtrace_probe(const struct vm_probe_ctx *c, const char *name)
{
	return c->prov && strcmp(c->prov, "dtrace") == 0 &&
	       (!name || (c->name && strcmp(c->name, name) == 0));
}

static void
fire_error(struct vm_exec *x)
{
	struct vm_state *st = x->st;
	const struct vm_probe_ctx *c = x->ctx;
	struct vm_probe_ctx ec;
	struct vm_recbuf one;
	struct vm_rec *r;
	struct vm_exec ex;
	size_t i;

	if (x->in_error)
		return; /* DTrace's double error: nothing is reported */
	vm_recbuf_init(&one, 0);
	r = vm_rb_push(&one, VM_REC_ERROR);
	r->u.err.epid = x->epid;
	r->u.err.probe_id = c->probe_id;
	r->u.err.clause = x->cl ? x->cl->id : 0;
	r->u.err.prov = c->prov;
	r->u.err.mod = c->mod;
	r->u.err.func = c->func;
	r->u.err.name = c->name;
	r->u.err.action_no = x->action_no;
	r->u.err.fault = (uint8_t)x->flt;
	r->u.err.addr = x->flt_addr;
	if (vm_rb_copy(&st->rb, &one, 0, 1) < 0)
		st->rb.drops++;
	vm_recbuf_release(&one);

	if (!st->nerr_en)
		return;
	ec = *c;
	ec.probe_id = st->err_probe;
	ec.prov = "dtrace";
	ec.mod = "";
	ec.func = "";
	ec.name = "ERROR";
	memset(ec.args, 0, sizeof(ec.args));
	ec.args[1] = x->epid;
	ec.args[2] = x->action_no;
	ec.args[3] = (uint64_t)-1;
	ec.args[4] = (uint64_t)x->flt;
	ec.args[5] = x->flt_addr;
	ec.nargs = 6;
	ec.argtypes = NULL;
	exec_init(&ex, st, &ec);
	ex.in_error = 1;
	for (i = 0; i < st->nerr_en; i++)
		run_clause(&ex, &st->err_en[i]);
	exec_fini(&ex);
}

void
vm_fire(struct vm_state *st, const struct vm_probe_ctx *ctx,
	const struct vm_enabling *en, size_t n)
{
	struct vm_exec x;
	int was_exited = st->exited;
	size_t i;

	if (!ctx)
		return;
	/* After exit(), only dtrace's own probes (END, ERROR) still run. */
	if (was_exited && !is_dtrace_probe(ctx, NULL))
		return;
	exec_init(&x, st, ctx);
	for (i = 0; i < n; i++) {
		if (!was_exited && st->exited && !is_dtrace_probe(ctx, "END") &&
		    !is_dtrace_probe(ctx, "ERROR"))
			break;
		run_clause(&x, &en[i]);
	}
	exec_fini(&x);
}
