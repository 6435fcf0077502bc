/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * D's subroutines (VM_OP_CALL): string functions, byte-order and network
 * address formatting, scratch memory (alloca, bcopy, copyin...), and the
 * values of stack(), ustack() and sym()-like functions.
 *
 * Semantics follow Oracle's DTrace for Linux (dtrace-utils' bpf/ assembly) where
 * it defines them, else illumos' dtrace_dif_subr():
 *  - substr(s, i[, n]): i and n are 32-bit; a negative i counts from the
 *    end (and, if still negative, shortens n by the overshoot); a negative
 *    n stops that many characters before the end;
 *  - index(s, t[, start]): a negative start is 0; rindex(s, t[, start]):
 *    a negative start finds nothing, a start past the last possible
 *    position is clamped to it;
 *  - basename/dirname of "" are "."; of "///" are "/";
 *  - cleanpath(): dtrace-utils' algorithm: "//" and "/./" collapse,
 *    "dir/.." is removed, ".." above the root of an absolute path is
 *    dropped, unresolved ".." of a relative path are kept as a "../"
 *    prefix, a trailing '/' is removed, and an empty result is ".";
 *  - lltostr(v[, base]): illumos: base 2..36, "0x" prefix for 16, "0"
 *    for 8, a '-' only in base 10 (other bases print the 64-bit pattern);
 *  - inet_ntoa6(): lowercase hex words, the longest run (>= 2) of zero
 *    words as "::" (the first on a tie), and IPv4-mapped or -compatible
 *    addresses printed as dotted quads (dtrace-utils' legacy rule);
 *  - strchr/strrchr/strstr/strtok return "" where dtrace returns NULL;
 *    strtok(NULL, d) with no string saved in the firing reads address 0
 *    (a BADADDR fault), as dtrace's saved pointer is NULL then;
 *  - cwd, root and execargs (vm_exec.c) are read from /proc/<pid>.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "vm/vm_impl.h"

static void
ret_int(struct vm_val *v, uint64_t i, const struct vm_type *t)
{
	memset(v, 0, sizeof(*v));
	v->kind = t->kind == VM_T_PTR ? VM_T_PTR : VM_T_INT;
	v->i = vm_norm(i, t);
}

static int64_t
arg_int(struct vm_exec *x, const struct vm_node *n, unsigned i)
{
	return i < n->nkids ? vm_eval_int(x, n->kids[i]) : 0;
}

/* A string argument (pointers are read as strings from memory). */
static void
arg_str(struct vm_exec *x, const struct vm_node *n, unsigned i,
	struct vm_val *v)
{
	struct vm_val a;

	if (i >= n->nkids) {
		vm_val_str(x, "", 0, v);
		return;
	}
	vm_eval(x, n->kids[i], &a);
	if (x->flt) {
		vm_val_str(x, "", 0, v);
		return;
	}
	switch (a.kind) {
	case VM_T_STRING:
		*v = a;
		if (!v->p)
			vm_val_str(x, "", 0, v);
		return;
	case VM_T_BYTES:
		vm_val_str(x, (const char *)a.p, a.len, v);
		return;
	default:
		if (vm_mem_readstr(x, a.i, x->st->strsize - 1, v) < 0)
			vm_val_str(x, "", 0, v);
		return;
	}
}

static const char *
S(const struct vm_val *v)
{
	return (const char *)v->p;
}

/* --- string functions ------------------------------------------------ */

static void
do_substr(struct vm_exec *x, const struct vm_node *n, struct vm_val *v)
{
	struct vm_val s;
	int64_t len, idx, cnt;

	arg_str(x, n, 0, &s);
	idx = (int32_t)arg_int(x, n, 1);
	cnt = n->nkids > 2 ? (int32_t)arg_int(x, n, 2) :
			     (int64_t)x->st->strsize;
	if (x->flt)
		return;
	len = (int64_t)s.len;
	if (idx < 0) {
		idx += len;
		if (idx < 0) {
			if (cnt <= -idx) {
				vm_val_str(x, "", 0, v);
				return;
			}
			cnt += idx;
			idx = 0;
		}
	}
	if (idx >= len) {
		vm_val_str(x, "", 0, v);
		return;
	}
	if (cnt < 0) {
		cnt += len - idx;
		if (cnt <= 0) {
			vm_val_str(x, "", 0, v);
			return;
		}
	}
	if (cnt > len - idx)
		cnt = len - idx;
	vm_val_str(x, S(&s) + idx, (size_t)cnt, v);
}

static int64_t
find_fwd(const struct vm_val *s, const struct vm_val *t, int64_t start)
{
	int64_t maxi = (int64_t)s->len - (int64_t)t->len, i;

	if (start < 0)
		start = 0;
	for (i = start; i <= maxi; i++)
		if (memcmp(s->p + i, t->p, t->len) == 0)
			return i;
	return -1;
}

static void
do_index(struct vm_exec *x, const struct vm_node *n, struct vm_val *v, int rev)
{
	struct vm_val s, t;
	int64_t start = 0, maxi, i, r = -1;

	arg_str(x, n, 0, &s);
	arg_str(x, n, 1, &t);
	if (n->nkids > 2)
		start = arg_int(x, n, 2);
	if (x->flt)
		return;
	maxi = (int64_t)s.len - (int64_t)t.len;
	if (!rev) {
		r = find_fwd(&s, &t, start);
	} else if (maxi >= 0 && !(n->nkids > 2 && start < 0)) {
		if (n->nkids <= 2 || start > maxi)
			start = maxi;
		for (i = start; i >= 0; i--) {
			if (memcmp(s.p + i, t.p, t.len) == 0) {
				r = i;
				break;
			}
		}
	}
	ret_int(v, (uint64_t)r, &n->type);
}

static void
do_strchr(struct vm_exec *x, const struct vm_node *n, struct vm_val *v, int rev)
{
	struct vm_val s;
	const char *p;
	int c;

	arg_str(x, n, 0, &s);
	c = (int)(uint8_t)arg_int(x, n, 1);
	if (x->flt)
		return;
	p = rev ? strrchr(S(&s), c) : strchr(S(&s), c);
	vm_val_str(x, p ? p : "", SIZE_MAX, v);
}

static void
do_strstr(struct vm_exec *x, const struct vm_node *n, struct vm_val *v)
{
	struct vm_val s, t;
	int64_t i;

	arg_str(x, n, 0, &s);
	arg_str(x, n, 1, &t);
	if (x->flt)
		return;
	i = find_fwd(&s, &t, 0);
	vm_val_str(x, i >= 0 ? S(&s) + i : "", SIZE_MAX, v);
}

/* strtok(NULL, d) is spelt with a non-string first argument (0). */
static int
is_null_arg(const struct vm_node *a)
{
	while (a && a->op == VM_OP_CAST && a->nkids)
		a = a->kids[0];
	if (!a)
		return 1;
	if (a->op == VM_OP_CONST && a->ival == 0)
		return 1;
	return a->type.kind != VM_T_STRING && a->type.kind != VM_T_BYTES;
}

static void
do_strtok(struct vm_exec *x, const struct vm_node *n, struct vm_val *v)
{
	struct vm_val d;
	uint8_t delim[256];
	size_t i, end, b;
	const uint8_t *s;

	if (n->nkids >= 1 && !is_null_arg(n->kids[0])) {
		struct vm_val s0;

		arg_str(x, n, 0, &s0);
		if (x->flt)
			return;
		free(x->tok_str);
		x->tok_str = malloc(s0.len + 1);
		if (!x->tok_str) {
			vm_val_str(x, "", 0, v);
			return;
		}
		memcpy(x->tok_str, s0.p, s0.len + 1);
		x->tok_off = 0;
		x->tok_valid = 1;
	}
	arg_str(x, n, 1, &d);
	if (x->flt)
		return;
	if (!x->tok_valid || !x->tok_str) {
		/* strtok(NULL, ...) with nothing saved reads address 0, as
		   dtrace's saved strtok pointer is NULL then */
		vm_fault(x, VM_FLT_BADADDR, 0);
		return;
	}
	memset(delim, 0, sizeof(delim));
	for (i = 0; i < d.len; i++)
		delim[d.p[i]] = 1;
	s = (const uint8_t *)x->tok_str;
	end = strlen(x->tok_str);
	b = x->tok_off;
	while (b < end && delim[s[b]])
		b++;
	if (b >= end) {
		x->tok_off = end;
		vm_val_str(x, "", 0, v);
		return;
	}
	for (i = b; i < end && !delim[s[i]]; i++)
		;
	x->tok_off = i;
	vm_val_str(x, (const char *)s + b, i - b, v);
}

static void
do_basename(struct vm_exec *x, const struct vm_node *n, struct vm_val *v,
	    int dir)
{
	struct vm_val s;
	const char *p;
	int64_t e, b;

	arg_str(x, n, 0, &s);
	if (x->flt)
		return;
	p = S(&s);
	if (s.len == 0) {
		vm_val_str(x, ".", 1, v);
		return;
	}
	e = (int64_t)s.len - 1;
	while (e >= 0 && p[e] == '/')
		e--;
	if (e < 0) {
		vm_val_str(x, "/", 1, v);
		return;
	}
	b = e;
	while (b >= 0 && p[b] != '/')
		b--;
	if (!dir) {
		vm_val_str(x, p + b + 1, (size_t)(e - b), v);
		return;
	}
	if (b < 0) {
		vm_val_str(x, ".", 1, v);
		return;
	}
	while (b >= 0 && p[b] == '/')
		b--;
	if (b < 0) {
		vm_val_str(x, "/", 1, v);
		return;
	}
	vm_val_str(x, p, (size_t)b + 1, v);
}

static void
do_cleanpath(struct vm_exec *x, const struct vm_node *n, struct vm_val *v)
{
	struct vm_val s;
	char *d;
	int64_t to, from, brk, nup = 0, len;
	uint64_t seq = 0;
	size_t rl;

	arg_str(x, n, 0, &s);
	if (x->flt)
		return;
	len = (int64_t)s.len;
	if (len <= 1) {
		vm_val_str(x, S(&s), s.len, v);
		return;
	}
	/* "/" + path + "/": every component is then between slashes. */
	d = vm_tmp_alloc(x, (size_t)len + 3);
	d[0] = '/';
	memcpy(d + 1, s.p, (size_t)len);
	d[len + 1] = '/';
	d[len + 2] = '\0';
	/* Forward: "//" -> "/", "/./" -> "/". */
	for (to = from = 0;; to++, from++) {
		char c = d[from];

		d[to] = c;
		if (c == '\0')
			break;
		seq = (seq << 8) | (uint8_t)c;
		if ((seq & 0xffff) == (('/' << 8) | '/')) {
			to--;
			seq >>= 8;
		}
		if ((seq & 0xffffff) == (('/' << 16) | ('.' << 8) | '/')) {
			to -= 2;
			seq >>= 16;
		}
	}
	/* Backward: "/../" removes the directory before it. */
	brk = to;
	seq = 0;
	for (from = to = brk - 1; from >= 0; to--, from--) {
		char c = d[from];

		d[to] = c;
		seq = (seq << 8) | (uint8_t)c;
		if ((seq & 0xffffffff) ==
		    ((uint64_t)'/' | ('.' << 8) | ('.' << 16) |
		     ((uint64_t)'/' << 24))) {
			nup++;
			to += 3;
			seq >>= 24;
		} else if (c == '/') {
			if (nup > 0) {
				to = brk;
				nup--;
			} else {
				brk = to;
			}
		}
	}
	to++;
	if (s.p[0] != '/') {
		to++;
		while (nup > 0 && to >= 3) {
			to -= 3;
			memcpy(d + to, "../", 3);
			nup--;
		}
	}
	if (to < 0)
		to = 0;
	if (to > len + 2)
		to = len + 2;
	rl = strlen(d + to);
	if (rl == 0) {
		vm_val_str(x, ".", 1, v);
		return;
	}
	if (rl >= 2)
		rl--; /* the trailing '/' */
	vm_val_str(x, d + to, rl, v);
}

static void
do_lltostr(struct vm_exec *x, const struct vm_node *n, struct vm_val *v)
{
	int64_t i = arg_int(x, n, 0), base = 10;
	char buf[80], *e = buf + sizeof(buf) - 1;
	uint64_t val;

	if (n->nkids > 1)
		base = arg_int(x, n, 1);
	if (x->flt)
		return;
	if (base <= 1 || base > 36) {
		vm_fault(x, VM_FLT_ILLOP, 0);
		return;
	}
	val = (base == 10 && i < 0) ? -(uint64_t)i : (uint64_t)i;
	*e = '\0';
	for (; val; val /= (uint64_t)base) {
		unsigned dg = (unsigned)(val % (uint64_t)base);

		*--e = (char)(dg < 10 ? '0' + dg : 'a' + dg - 10);
	}
	if (i == 0 && base == 16)
		*--e = '0';
	if (base == 16)
		*--e = 'x';
	if (i == 0 || base == 8 || base == 16)
		*--e = '0';
	if (i < 0 && base == 10)
		*--e = '-';
	vm_val_str(x, e, SIZE_MAX, v);
}

static void
do_case(struct vm_exec *x, const struct vm_node *n, struct vm_val *v, int up)
{
	struct vm_val s;
	char *p;
	size_t i;

	arg_str(x, n, 0, &s);
	if (x->flt)
		return;
	vm_val_str(x, S(&s), s.len, v);
	p = (char *)v->p;
	for (i = 0; i < v->len; i++) {
		if (up && p[i] >= 'a' && p[i] <= 'z')
			p[i] = (char)(p[i] - 'a' + 'A');
		else if (!up && p[i] >= 'A' && p[i] <= 'Z')
			p[i] = (char)(p[i] - 'A' + 'a');
	}
}

static void
do_strtoll(struct vm_exec *x, const struct vm_node *n, struct vm_val *v)
{
	struct vm_val s;
	int64_t base = 10;
	long long r;

	arg_str(x, n, 0, &s);
	if (n->nkids > 1)
		base = arg_int(x, n, 1);
	if (x->flt)
		return;
	if (base < 0 || base == 1 || base > 36) {
		vm_fault(x, VM_FLT_ILLOP, 0);
		return;
	}
	errno = 0;
	r = strtoll(S(&s), NULL, (int)base);
	ret_int(v, (uint64_t)r, &n->type);
}

/* --- byte order and addresses ------------------------------------------ */

static uint64_t
bswap(uint64_t v, int bytes)
{
	switch (bytes) {
	case 2:
		return __builtin_bswap16((uint16_t)v);
	case 4:
		return __builtin_bswap32((uint32_t)v);
	default:
		return __builtin_bswap64(v);
	}
}

static void
do_bswap(struct vm_exec *x, const struct vm_node *n, struct vm_val *v,
	 int bytes)
{
	uint64_t a = (uint64_t)arg_int(x, n, 0);

	if (x->flt)
		return;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	a = bswap(a, bytes);
#else
	(void)bswap;
	(void)bytes;
#endif
	ret_int(v, a, &n->type);
}

static void
fmt_ipv4(struct vm_exec *x, const uint8_t *b, struct vm_val *v)
{
	char buf[32];

	snprintf(buf, sizeof(buf), "%u.%u.%u.%u", b[0], b[1], b[2], b[3]);
	vm_val_str(x, buf, SIZE_MAX, v);
}

static void
fmt_ipv6(struct vm_exec *x, const uint8_t *b, struct vm_val *v)
{
	unsigned w[8], i;
	int best = -1, bestlen = 0, run = -1;
	char buf[64];
	size_t o = 0;

	for (i = 0; i < 8; i++)
		w[i] = ((unsigned)b[2 * i] << 8) | b[2 * i + 1];
	/* IPv4-mapped / -compatible (dtrace-utils' legacy rule). */
	if (!w[0] && !w[1] && !w[2] && !w[3] && !w[4] &&
	    (w[5] == 0xffff || (w[5] == 0 && (w[6] != 0 || w[7] > 1)))) {
		fmt_ipv4(x, b + 12, v);
		return;
	}
	for (i = 0; i <= 8; i++) {
		if (i < 8 && w[i] == 0) {
			if (run < 0)
				run = (int)i;
		} else if (run >= 0) {
			if ((int)i - run > bestlen) {
				bestlen = (int)i - run;
				best = run;
			}
			run = -1;
		}
	}
	if (bestlen < 2)
		best = -1;
	for (i = 0; i < 8; i++) {
		if (best >= 0 && (int)i == best) {
			o += (size_t)snprintf(buf + o, sizeof(buf) - o, "::");
			i += (unsigned)bestlen - 1;
			continue;
		}
		if (i > 0 && !(best >= 0 && (int)i == best + bestlen))
			buf[o++] = ':';
		o += (size_t)snprintf(buf + o, sizeof(buf) - o, "%x", w[i]);
	}
	buf[o] = '\0';
	vm_val_str(x, buf, SIZE_MAX, v);
}

static void
do_inet(struct vm_exec *x, const struct vm_node *n, struct vm_val *v, int af,
	unsigned argi)
{
	uint8_t b[16];
	uint64_t a;

	if (af != 2 && af != 10) {
		vm_fault(x, VM_FLT_ILLOP, 0);
		return;
	}
	a = (uint64_t)arg_int(x, n, argi);
	if (x->flt || vm_mem_read(x, a, b, af == 2 ? 4 : 16) < 0)
		return;
	if (af == 2)
		fmt_ipv4(x, b, v);
	else
		fmt_ipv6(x, b, v);
}

/* --- memory ------------------------------------------------------------- */

static int
size_ok(struct vm_exec *x, int64_t sz)
{
	if (sz < 0 || sz > (1 << 24)) {
		vm_fault(x, VM_FLT_BADSIZE, (uint64_t)sz);
		return 0;
	}
	return 1;
}

static void
do_copyin(struct vm_exec *x, const struct vm_node *n, struct vm_val *v)
{
	uint64_t src = (uint64_t)arg_int(x, n, 0), a;
	int64_t sz = arg_int(x, n, 1);
	uint8_t *p;

	if (x->flt || !size_ok(x, sz))
		return;
	/* Scratch first: an oversized copyin fails before reading. */
	a = vm_scratch_alloc(x, (uint64_t)sz);
	if (!a)
		return;
	p = vm_scratch_ptr(x, a, (uint64_t)sz);
	if (!p || vm_mem_read(x, src, p, (size_t)sz) < 0)
		return;
	ret_int(v, a, &n->type);
	v->kind = VM_T_PTR;
}

/* bcopy(src, dst, n) and copyinto(src, n, dst): dst must be scratch. */
static void
do_copy_to_scratch(struct vm_exec *x, uint64_t src, uint64_t dst, int64_t sz)
{
	uint8_t *tmp, *d;

	if (x->flt || !size_ok(x, sz))
		return;
	d = vm_scratch_ptr(x, dst, (uint64_t)sz);
	if (!d) {
		vm_fault(x, VM_FLT_BADADDR, dst);
		return;
	}
	tmp = vm_tmp_alloc(x, (size_t)sz);
	if (vm_mem_read(x, src, tmp, (size_t)sz) < 0)
		return;
	memcpy(d, tmp, (size_t)sz);
}

static void
do_copyout(struct vm_exec *x, const struct vm_node *n, int str)
{
	const struct vm_probe_ctx *c = x->ctx;
	uint64_t dst = (uint64_t)arg_int(x, n, 1);
	int64_t sz = arg_int(x, n, 2);
	const uint8_t *src;
	size_t len;

	if (x->flt || !size_ok(x, sz))
		return;
	if (str) {
		struct vm_val s;

		arg_str(x, n, 0, &s);
		src = s.p;
		len = s.len + 1 < (size_t)sz ? s.len + 1 : (size_t)sz;
	} else {
		uint8_t *tmp = vm_tmp_alloc(x, (size_t)sz);

		if (vm_mem_read(x, (uint64_t)arg_int(x, n, 0), tmp,
				(size_t)sz) < 0)
			return;
		src = tmp;
		len = (size_t)sz;
	}
	if (x->flt || !x->st->opts.destructive)
		return;
	if (!c->ops || !c->ops->write_mem ||
	    c->ops->write_mem(c->host, dst, src, len) < 0)
		vm_fault(x, VM_FLT_BADADDR, dst);
}

static int
proc_ppid(int64_t pid, int64_t *ppid)
{
	char path[64], buf[512], *p;
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/%lld/stat", (long long)pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* "pid (comm) S ppid": comm may hold spaces and parentheses. */
	p = strrchr(buf, ')');
	if (!p || sscanf(p + 1, " %*c %lld", (long long *)ppid) != 1)
		return -1;
	return 0;
}

static int
progenyof(struct vm_exec *x, int64_t pid)
{
	const struct vm_probe_ctx *c = x->ctx;
	int64_t cur = c->pid;
	int i;

	if (c->ops && c->ops->progenyof)
		return c->ops->progenyof(c->host, pid) > 0;
	if (cur == pid || c->ppid == pid)
		return 1;
	cur = c->ppid;
	for (i = 0; i < 64 && cur > 1; i++) {
		int64_t pp;

		if (proc_ppid(cur, &pp) < 0)
			return 0;
		if (pp == pid)
			return 1;
		cur = pp;
	}
	return 0;
}

int64_t
vm_stack_clamp(int64_t max)
{
	return max < 0 ? 0 : max > 4096 ? 4096 : max;
}

int
vm_stack_fetch(struct vm_exec *x, int user, int64_t max, uint64_t *pcs)
{
	const struct vm_probe_ctx *c = x->ctx;
	int got;

	/* stack() is the kernel's: always empty for us. */
	if (!user || max == 0 || !c->ops || !c->ops->ustack)
		return 0;
	got = c->ops->ustack(c->host, pcs, (int)max);
	if (got < 0)
		return 0;
	return got > max ? (int)max : got;
}

static void
do_stack(struct vm_exec *x, const struct vm_node *n, struct vm_val *v, int user)
{
	const struct vm_probe_ctx *c = x->ctx;
	int64_t max =
		user ? (x->st->opts.ustackframes ? x->st->opts.ustackframes :
						   100) :
		       0;
	uint64_t *pcs;
	int got = 0;

	if (user && n->nkids >= 1)
		max = arg_int(x, n, 0);
	if (x->flt)
		return;
	max = vm_stack_clamp(max);
	pcs = vm_tmp_alloc(x, 8 * (size_t)(max ? max : 1));
	got = vm_stack_fetch(x, user, max, pcs);
	memset(v, 0, sizeof(*v));
	v->kind = VM_T_STACK;
	v->sym = (uint8_t)user;
	v->i = (uint64_t)c->pid;
	v->p = (const uint8_t *)pcs;
	v->len = (size_t)got;
}

static void
do_sym(struct vm_exec *x, const struct vm_node *n, struct vm_val *v, int kind)
{
	uint64_t a = (uint64_t)arg_int(x, n, 0);

	if (x->flt)
		return;
	memset(v, 0, sizeof(*v));
	v->kind = VM_T_SYM;
	v->sym = (uint8_t)kind;
	v->i = a;
}

static uint64_t
next_rand(struct vm_state *st)
{
	uint64_t r = st->rng;

	r ^= r >> 12;
	r ^= r << 25;
	r ^= r >> 27;
	st->rng = r;
	return r * 0x2545f4914f6cdd1dULL;
}

void
vm_call(struct vm_exec *x, const struct vm_node *n, struct vm_val *v)
{
	struct vm_val s;
	int64_t a;

	memset(v, 0, sizeof(*v));
	v->kind = VM_T_INT;
	if (x->flt)
		return;
	switch (n->ival) {
	case VM_SUB_RAND:
		ret_int(v, next_rand(x->st) >> 32, &n->type);
		return;
	case VM_SUB_STRLEN:
		arg_str(x, n, 0, &s);
		if (!x->flt)
			ret_int(v, s.len, &n->type);
		return;
	case VM_SUB_STRJOIN: {
		struct vm_val t;
		char *b;

		arg_str(x, n, 0, &s);
		arg_str(x, n, 1, &t);
		if (x->flt)
			return;
		b = vm_tmp_alloc(x, s.len + t.len + 1);
		memcpy(b, s.p, s.len);
		memcpy(b + s.len, t.p, t.len);
		vm_val_str(x, b, s.len + t.len, v);
		return;
	}
	case VM_SUB_SUBSTR:
		do_substr(x, n, v);
		return;
	case VM_SUB_INDEX:
	case VM_SUB_RINDEX:
		do_index(x, n, v, n->ival == VM_SUB_RINDEX);
		return;
	case VM_SUB_STRCHR:
	case VM_SUB_STRRCHR:
		do_strchr(x, n, v, n->ival == VM_SUB_STRRCHR);
		return;
	case VM_SUB_STRSTR:
		do_strstr(x, n, v);
		return;
	case VM_SUB_STRTOK:
		do_strtok(x, n, v);
		return;
	case VM_SUB_BASENAME:
	case VM_SUB_DIRNAME:
		do_basename(x, n, v, n->ival == VM_SUB_DIRNAME);
		return;
	case VM_SUB_CLEANPATH:
		do_cleanpath(x, n, v);
		return;
	case VM_SUB_LLTOSTR:
		do_lltostr(x, n, v);
		return;
	case VM_SUB_TOUPPER:
	case VM_SUB_TOLOWER:
		do_case(x, n, v, n->ival == VM_SUB_TOUPPER);
		return;
	case VM_SUB_HTONS:
	case VM_SUB_NTOHS:
		do_bswap(x, n, v, 2);
		return;
	case VM_SUB_HTONL:
	case VM_SUB_NTOHL:
		do_bswap(x, n, v, 4);
		return;
	case VM_SUB_HTONLL:
	case VM_SUB_NTOHLL:
		do_bswap(x, n, v, 8);
		return;
	case VM_SUB_INET_NTOA:
		do_inet(x, n, v, 2, 0);
		return;
	case VM_SUB_INET_NTOA6:
		do_inet(x, n, v, 10, 0);
		return;
	case VM_SUB_INET_NTOP:
		a = arg_int(x, n, 0);
		if (!x->flt)
			do_inet(x, n, v, (int)a, 1);
		return;
	case VM_SUB_ALLOCA:
		a = arg_int(x, n, 0);
		if (x->flt)
			return;
		if (a < 0) {
			vm_fault(x, VM_FLT_BADSIZE, (uint64_t)a);
			return;
		}
		ret_int(v, vm_scratch_alloc(x, (uint64_t)a), &n->type);
		v->kind = VM_T_PTR;
		return;
	case VM_SUB_BCOPY:
		do_copy_to_scratch(x, (uint64_t)arg_int(x, n, 0),
				   (uint64_t)arg_int(x, n, 1),
				   arg_int(x, n, 2));
		return;
	case VM_SUB_COPYINTO:
		do_copy_to_scratch(x, (uint64_t)arg_int(x, n, 0),
				   (uint64_t)arg_int(x, n, 2),
				   arg_int(x, n, 1));
		return;
	case VM_SUB_COPYIN:
		do_copyin(x, n, v);
		return;
	case VM_SUB_COPYINSTR: {
		uint64_t addr = (uint64_t)arg_int(x, n, 0);
		int64_t max = (int64_t)x->st->strsize - 1;

		if (n->nkids > 1) {
			int64_t m = arg_int(x, n, 1);

			if (m >= 0 && m < max)
				max = m;
		}
		if (!x->flt)
			vm_mem_readstr(x, addr, (size_t)max, v);
		return;
	}
	case VM_SUB_COPYOUT:
	case VM_SUB_COPYOUTSTR:
		do_copyout(x, n, n->ival == VM_SUB_COPYOUTSTR);
		return;
	case VM_SUB_PROGENYOF:
		a = arg_int(x, n, 0);
		if (!x->flt)
			ret_int(v, (uint64_t)progenyof(x, a), &n->type);
		return;
	case VM_SUB_SPECULATION:
		ret_int(v, vm_spec_alloc(x->st), &n->type);
		return;
	case VM_SUB_STRTOLL:
		do_strtoll(x, n, v);
		return;
	case VM_SUB_GETMAJOR:
	case VM_SUB_GETMINOR: {
		/* glibc's dev_t encoding (gnu_dev_major/minor). */
		uint64_t d = (uint64_t)arg_int(x, n, 0), r;

		if (n->ival == VM_SUB_GETMAJOR)
			r = ((d >> 8) & 0xfff) | ((d >> 32) & ~0xfffULL);
		else
			r = (d & 0xff) | ((d >> 12) & ~0xffULL);
		ret_int(v, r, &n->type);
		return;
	}
	case VM_SUB_RW_ISWRITER:
	case VM_SUB_MUTEX_OWNED:
		/* Kernel locks: nothing to inspect from user space. */
		(void)arg_int(x, n, 0);
		ret_int(v, 0, &n->type);
		return;
	case VM_SUB_STACK:
		do_stack(x, n, v, 0);
		return;
	case VM_SUB_USTACK:
	case VM_SUB_JSTACK:
		do_stack(x, n, v, 1);
		return;
	case VM_SUB_SYM:
		do_sym(x, n, v, VM_SYM_SYM);
		return;
	case VM_SUB_FUNC:
		do_sym(x, n, v, VM_SYM_FUNC);
		return;
	case VM_SUB_MOD:
		do_sym(x, n, v, VM_SYM_MOD);
		return;
	case VM_SUB_USYM:
		do_sym(x, n, v, VM_SYM_USYM);
		return;
	case VM_SUB_UFUNC:
		do_sym(x, n, v, VM_SYM_UFUNC);
		return;
	case VM_SUB_UMOD:
		do_sym(x, n, v, VM_SYM_UMOD);
		return;
	case VM_SUB_UADDR:
		do_sym(x, n, v, VM_SYM_UADDR);
		return;
	default:
		vm_fault(x, VM_FLT_ILLOP, 0);
		return;
	}
}
