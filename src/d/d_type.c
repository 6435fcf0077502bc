/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * D's type system (see d_type.h): the arena every compile-time object comes
 * from, the LP64 built-in types and typedefs dtrace defines in dt_open.c,
 * derived types (pointers, arrays, qualifiers, typedefs, struct/union/enum
 * tags), C layout, promotions, compatibility and type names.
 *
 * Types are canonical where that is cheap (one pointer type per target, one
 * const copy per type), so identity is the fast path of d_type_same(), but
 * structural comparison is what decides.
 */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/htab.h"
#include "common/xalloc.h"
#include "d/d_type.h"

/* --- Arena ------------------------------------------------------------ */

struct d_arena_blk {
	struct d_arena_blk *next;
	size_t size, used;
	max_align_t data[];
};

struct d_arena {
	struct d_arena_blk *head;
};

#define D_ARENA_BLK 65536

struct d_arena *
d_arena_create(void)
{
	return xcalloc(1, sizeof(struct d_arena));
}

void
d_arena_destroy(struct d_arena *a)
{
	struct d_arena_blk *b, *n;

	if (a == NULL)
		return;
	for (b = a->head; b != NULL; b = n) {
		n = b->next;
		free(b);
	}
	free(a);
}

void *
d_arena_alloc(struct d_arena *a, size_t n)
{
	const size_t al = sizeof(max_align_t);
	struct d_arena_blk *b = a->head;
	void *p;

	if (n == 0)
		n = 1;
	if (n > SIZE_MAX / 2)
		n = SIZE_MAX / 2; /* xmalloc dies on this */
	n = (n + al - 1) / al * al;
	if (b == NULL || b->size - b->used < n) {
		size_t sz = n > D_ARENA_BLK ? n : D_ARENA_BLK;

		b = xmalloc(sizeof(*b) + sz);
		b->size = sz;
		b->used = 0;
		b->next = a->head;
		a->head = b;
	}
	p = (char *)b->data + b->used;
	b->used += n;
	memset(p, 0, n);
	return p;
}

char *
d_arena_strndup(struct d_arena *a, const char *s, size_t n)
{
	char *p;

	if (s == NULL)
		return NULL;
	p = d_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
d_arena_strdup(struct d_arena *a, const char *s)
{
	return s == NULL ? NULL : d_arena_strndup(a, s, strlen(s));
}

char *
d_arena_printf(struct d_arena *a, const char *fmt, ...)
{
	va_list ap;
	char buf[256], *p;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n < sizeof(buf))
		return d_arena_strndup(a, buf, (size_t)n);
	p = d_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

/* --- Built-ins ------------------------------------------------------- */

static struct d_type *
newtype(struct d_types *t, int kind)
{
	struct d_type *ty = d_arena_alloc(t->arena, sizeof(*ty));

	ty->kind = (uint8_t)kind;
	ty->complete = 1;
	return ty;
}

static void
addname(struct d_types *t, const char *name, struct d_type *ty)
{
	htab_put(t->names, name, strlen(name), ty);
}

static struct d_type *
mkint(struct d_types *t, const char *name, unsigned size, int sign, int chr)
{
	struct d_type *ty = newtype(t, D_T_INT);

	ty->name = name;
	ty->size = size;
	ty->align = size ? size : 1;
	ty->is_signed = (uint8_t)sign;
	ty->is_char = (uint8_t)chr;
	addname(t, name, ty);
	return ty;
}

static struct d_type *
mkfloat(struct d_types *t, const char *name, unsigned size)
{
	struct d_type *ty = newtype(t, D_T_FLOAT);

	ty->name = name;
	ty->size = size;
	ty->align = size;
	addname(t, name, ty);
	return ty;
}

/* LP64 typedefs: dtrace-utils' _dtrace_typedefs_64 plus the names the
   parser pre-seeds (d_parse.c builtin_typedefs[]), with Linux types. */
static const struct {
	const char *name, *to;
} builtin_typedefs[] = {
	{ "int8_t", "signed char" },
	{ "int16_t", "short" },
	{ "int32_t", "int" },
	{ "int64_t", "long" },
	{ "intptr_t", "long" },
	{ "ssize_t", "long" },
	{ "uint8_t", "unsigned char" },
	{ "uint16_t", "unsigned short" },
	{ "uint32_t", "unsigned int" },
	{ "uint64_t", "unsigned long" },
	{ "uchar_t", "unsigned char" },
	{ "ushort_t", "unsigned short" },
	{ "uint_t", "unsigned int" },
	{ "ulong_t", "unsigned long" },
	{ "u_longlong_t", "unsigned long long" },
	{ "longlong_t", "long long" },
	{ "ptrdiff_t", "long" },
	{ "uintptr_t", "unsigned long" },
	{ "size_t", "unsigned long" },
	{ "id_t", "int" },
	{ "pid_t", "int" },
	{ "uid_t", "unsigned int" },
	{ "gid_t", "unsigned int" },
	{ "off_t", "long" },
	{ "off64_t", "long" },
	{ "time_t", "long" },
	{ "dev_t", "unsigned long" },
	{ "ino_t", "unsigned long" },
	{ "mode_t", "unsigned int" },
	{ "nlink_t", "unsigned long" },
	{ "processorid_t", "int" },
	{ "psetid_t", "int" },
	{ "zoneid_t", "int" },
	{ "taskid_t", "int" },
	{ "projid_t", "int" },
	{ "hrtime_t", "long long" },
	{ "clock_t", "long" },
	{ "daddr_t", "long" },
	{ "key_t", "int" },
	{ "suseconds_t", "long" },
	{ "ipaddr_t", "unsigned int" },
	{ "wchar_t", "int" },
	{ "boolean_t", "int" },
	{ "in_port_t", "unsigned short" },
	{ "socklen_t", "unsigned int" },
};

static void
add_struct(struct d_types *t, const char *tag, const char *tdname,
	   const char *const *mnames, struct d_type *const *mtypes, uint32_t n)
{
	struct d_type *s = d_type_tag(t, D_T_STRUCT, tag);
	struct d_member *m = d_arena_alloc(t->arena, n * sizeof(*m));
	uint32_t i;

	for (i = 0; i < n; i++) {
		m[i].name = mnames[i];
		m[i].type = mtypes[i];
	}
	d_type_layout(t, s, m, n);
	if (tdname != NULL)
		d_type_typedef(t, tdname, s);
}

struct d_types *
d_types_create(struct d_arena *a, uint32_t strsize)
{
	struct d_types *t = d_arena_alloc(a, sizeof(*t));
	struct d_type *ty, *l, *u8;
	size_t i;

	t->arena = a;
	t->strsize = strsize ? strsize : 256;
	t->names = htab_create();
	t->structs = htab_create();
	t->unions = htab_create();
	t->enums = htab_create();
	t->enumers = htab_create();

	t->t_void = newtype(t, D_T_VOID);
	t->t_void->name = "void";
	t->t_void->align = 1;
	addname(t, "void", t->t_void);

	t->t_char = mkint(t, "char", 1, 1, 1);
	mkint(t, "signed char", 1, 1, 1);
	mkint(t, "unsigned char", 1, 0, 1);
	mkint(t, "short", 2, 1, 0);
	addname(t, "signed short", d_type_lookup(t, "short"));
	mkint(t, "unsigned short", 2, 0, 0);
	t->t_int = mkint(t, "int", 4, 1, 0);
	addname(t, "signed int", t->t_int);
	addname(t, "signed", t->t_int);
	t->t_uint = mkint(t, "unsigned int", 4, 0, 0);
	addname(t, "unsigned", t->t_uint);
	t->t_long = mkint(t, "long", 8, 1, 0);
	addname(t, "signed long", t->t_long);
	t->t_ulong = mkint(t, "unsigned long", 8, 0, 0);
	t->t_llong = mkint(t, "long long", 8, 1, 0);
	addname(t, "signed long long", t->t_llong);
	t->t_ullong = mkint(t, "unsigned long long", 8, 0, 0);
	mkint(t, "_Bool", 1, 0, 0);
	mkfloat(t, "float", 4);
	mkfloat(t, "double", 8);
	mkfloat(t, "long double", 16);

	t->t_string = newtype(t, D_T_STRING);
	t->t_string->name = "string";
	t->t_string->size = t->strsize;
	t->t_string->align = 1;
	addname(t, "string", t->t_string);

	t->t_dyn = newtype(t, D_T_DYN);
	t->t_dyn->name = "<DYN>";
	t->t_dyn->align = 1;

	t->t_stack = newtype(t, D_T_STACK);
	t->t_stack->name = "stack";
	t->t_stack->size = 8;
	t->t_stack->align = 8;
	addname(t, "stack", t->t_stack);
	t->t_ustack = newtype(t, D_T_STACK);
	t->t_ustack->name = "stack";
	t->t_ustack->size = 8;
	t->t_ustack->align = 8;
	t->t_ustack->symkind = 1;
	for (i = VM_SYM_SYM; i <= VM_SYM_UADDR; i++) {
		ty = newtype(t, D_T_SYM);
		ty->name = i >= VM_SYM_USYM ? "_usymaddr" : "_symaddr";
		ty->size = 8;
		ty->align = 8;
		ty->symkind = (uint8_t)i;
		t->t_sym[i] = ty;
	}
	addname(t, "_symaddr", t->t_sym[VM_SYM_SYM]);
	addname(t, "_usymaddr", t->t_sym[VM_SYM_USYM]);

	for (i = 0; i < sizeof(builtin_typedefs) / sizeof(builtin_typedefs[0]);
	     i++)
		d_type_typedef(t, builtin_typedefs[i].name,
			       d_type_lookup(t, builtin_typedefs[i].to));
	t->t_int32 = d_type_lookup(t, "int32_t");
	t->t_uint32 = d_type_lookup(t, "uint32_t");
	t->t_int64 = d_type_lookup(t, "int64_t");
	t->t_uint64 = d_type_lookup(t, "uint64_t");
	t->t_size = d_type_lookup(t, "size_t");
	t->t_ptrdiff = d_type_lookup(t, "ptrdiff_t");
	t->t_uintptr = d_type_lookup(t, "uintptr_t");
	t->t_voidp = d_type_ptr(t, t->t_void);
	d_type_typedef(t, "caddr_t", d_type_ptr(t, t->t_char));

	/* struct timespec / timeval and their _t names, in6_addr */
	l = d_type_lookup(t, "long");
	{
		static const char *const ts[] = { "tv_sec", "tv_nsec" };
		static const char *const tv[] = { "tv_sec", "tv_usec" };
		struct d_type *m2[2];

		m2[0] = d_type_lookup(t, "time_t");
		m2[1] = l;
		add_struct(t, "timespec", "timespec_t", ts, m2, 2);
		m2[1] = d_type_lookup(t, "suseconds_t");
		add_struct(t, "timeval", "timeval_t", tv, m2, 2);
	}
	u8 = d_type_lookup(t, "uint8_t");
	{
		/* Linux's: union { __u8 u6_addr8[16]; __be16 u6_addr16[8];
		   __be32 u6_addr32[4]; } in6_u (s6_addr is a C macro) */
		static const char *const in6[] = { "in6_u" };
		struct d_type *u = d_type_anon(t, D_T_UNION), *m1[1];
		struct d_member *um = d_arena_alloc(t->arena, 3 * sizeof(*um));

		um[0].name = "u6_addr8";
		um[0].type = d_type_array(t, u8, 16);
		um[1].name = "u6_addr16";
		um[1].type = d_type_array(t, d_type_lookup(t, "uint16_t"), 8);
		um[2].name = "u6_addr32";
		um[2].type = d_type_array(t, t->t_uint32, 4);
		d_type_layout(t, u, um, 3);
		m1[0] = u;
		add_struct(t, "in6_addr", NULL, in6, m1, 1);
	}
	return t;
}

void
d_types_destroy(struct d_types *t)
{
	if (t == NULL)
		return;
	htab_destroy(t->names);
	htab_destroy(t->structs);
	htab_destroy(t->unions);
	htab_destroy(t->enums);
	htab_destroy(t->enumers);
	t->names = t->structs = t->unions = t->enums = t->enumers = NULL;
}

/* --- Derived types --------------------------------------------------- */

struct d_type *
d_type_ptr(struct d_types *t, struct d_type *to)
{
	struct d_type *p;

	if (to->ptr != NULL)
		return to->ptr;
	p = newtype(t, D_T_PTR);
	p->ref = to;
	p->size = 8;
	p->align = 8;
	to->ptr = p;
	return p;
}

struct d_type *
d_type_array(struct d_types *t, struct d_type *of, uint64_t n)
{
	struct d_type *a = newtype(t, D_T_ARRAY);
	uint64_t es = d_type_size(of);

	a->ref = of;
	a->nelems = n;
	a->size = (es != 0 && n > UINT64_MAX / es) ? UINT64_MAX : es * n;
	a->align = d_type_resolve(of)->align ? d_type_resolve(of)->align : 1;
	return a;
}

struct d_type *
d_type_const(struct d_types *t, struct d_type *ty)
{
	struct d_type *c;

	if (ty->is_const)
		return ty;
	if (ty->cq != NULL)
		return ty->cq;
	c = d_arena_alloc(t->arena, sizeof(*c));
	*c = *ty;
	c->is_const = 1;
	c->ptr = NULL;
	c->cq = NULL;
	c->unq = ty;
	c->cname = NULL;
	ty->cq = c;
	return c;
}

struct d_type *
d_type_typedef(struct d_types *t, const char *name, struct d_type *to)
{
	struct d_type *td = newtype(t, D_T_TYPEDEF);

	td->name = d_arena_strdup(t->arena, name);
	td->ref = to;
	td->size = d_type_size(to);
	td->align = d_type_resolve(to)->align;
	addname(t, td->name, td);
	return td;
}

static struct htab *
tagtab(struct d_types *t, int kind)
{
	return kind == D_T_STRUCT ? t->structs :
	       kind == D_T_UNION  ? t->unions :
				    t->enums;
}

struct d_type *
d_type_tag(struct d_types *t, int kind, const char *tag)
{
	struct htab *h = tagtab(t, kind);
	struct d_type *ty = htab_get(h, tag, strlen(tag));

	if (ty != NULL)
		return ty;
	ty = newtype(t, kind);
	ty->name = d_arena_strdup(t->arena, tag);
	ty->complete = 0;
	ty->align = 1;
	if (kind == D_T_ENUM) {
		ty->size = 4;
		ty->align = 4;
		ty->is_signed = 1;
	}
	htab_put(h, ty->name, strlen(ty->name), ty);
	return ty;
}

struct d_type *
d_type_anon(struct d_types *t, int kind)
{
	struct d_type *ty = newtype(t, kind);

	ty->complete = 0;
	ty->align = 1;
	if (kind == D_T_ENUM) {
		ty->size = 4;
		ty->align = 4;
		ty->is_signed = 1;
	}
	return ty;
}

static uint64_t
alignup(uint64_t v, uint64_t a)
{
	if (a <= 1)
		return v;
	return (v + a - 1) / a * a;
}

/* libctf's clp2(): the next power of two >= v */
static uint64_t
clp2(uint64_t v)
{
	uint64_t p = 1;

	while (p < v)
		p <<= 1;
	return p;
}

/* ctf_type_size() of a member's type (a bit-field's integer type has
   the bytes its bits need, rounded up to a power of two) */
static uint64_t
member_size(const struct d_member *m)
{
	if (m->bitsize != 0)
		return clp2(((uint64_t)m->bitsize + 7) / 8);
	return d_type_size(m->type);
}

/* ctf_type_align() of a member's type */
static uint64_t
member_align(const struct d_member *m)
{
	const struct d_type *r = d_type_resolve(m->type);

	if (m->bitsize != 0)
		return member_size(m);
	return r->align ? r->align : 1;
}

/*
 * Lay out a struct or union as dtrace does: its D types live in a CTF
 * container, and libctf's ctf_add_member() places each struct member at
 * the first byte after the bits of the previous one, rounded up to the
 * member's alignment; a bit-field is an integer type of its own size, so
 * bit-fields never share a byte. The struct's size is the end of its last
 * member (off + size, no tail padding); its alignment is that of its
 * first member (libctf's ctf_type_align() looks at the first member of a
 * struct, at every member of a union). A union's size is that of its
 * largest member. Unnamed zero-width bit-fields are dropped by the
 * checker, as dt_decl_member() does.
 */
void
d_type_layout(struct d_types *t, struct d_type *sou, struct d_member *m,
	      uint32_t n)
{
	uint64_t ssize = 0;
	uint32_t al = 0, i;

	(void)t;
	for (i = 0; i < n; i++) {
		uint64_t msize = member_size(&m[i]);
		uint64_t malign = member_align(&m[i]);

		m[i].bitoff = 0;
		if (sou->kind == D_T_UNION || i == 0) {
			m[i].off = 0;
			if (msize > ssize)
				ssize = msize;
			if ((sou->kind == D_T_UNION || i == 0) && malign > al)
				al = (uint32_t)malign;
			continue;
		} else {
			const struct d_member *l = &m[i - 1];
			uint64_t off = l->off * 8;

			off += l->bitsize != 0 ? l->bitsize :
						 d_type_size(l->type) * 8;
			off = alignup(off, 8) / 8;
			off = alignup(off, malign ? malign : 1);
			m[i].off = off;
			ssize = off + msize;
		}
	}
	sou->members = m;
	sou->nmembers = n;
	sou->align = al ? al : 1;
	sou->size = ssize;
	sou->complete = 1;
}

/* --- Lookup by name --------------------------------------------------- */

struct d_type *
d_type_lookup(struct d_types *t, const char *name)
{
	char buf[128];
	size_t len;
	struct d_type *ty;

	while (*name == ' ')
		name++;
	len = strlen(name);
	while (len > 0 && name[len - 1] == ' ')
		len--;
	if (len == 0 || len >= sizeof(buf))
		return NULL;
	memcpy(buf, name, len);
	buf[len] = '\0';
	if (buf[len - 1] == '*') {
		buf[len - 1] = '\0';
		ty = d_type_lookup(t, buf);
		return ty ? d_type_ptr(t, ty) : NULL;
	}
	if (strncmp(buf, "const ", 6) == 0) {
		ty = d_type_lookup(t, buf + 6);
		return ty ? d_type_const(t, ty) : NULL;
	}
	if (strncmp(buf, "struct ", 7) == 0)
		return htab_get(t->structs, buf + 7, strlen(buf + 7));
	if (strncmp(buf, "union ", 6) == 0)
		return htab_get(t->unions, buf + 6, strlen(buf + 6));
	if (strncmp(buf, "enum ", 5) == 0)
		return htab_get(t->enums, buf + 5, strlen(buf + 5));
	return htab_get(t->names, buf, strlen(buf));
}

struct d_type *
d_type_int(struct d_types *t, unsigned size, int is_signed)
{
	switch (size) {
	case 1:
		return d_type_lookup(t, is_signed ? "char" : "unsigned char");
	case 2:
		return d_type_lookup(t, is_signed ? "short" : "unsigned short");
	case 4:
		return is_signed ? t->t_int : t->t_uint;
	default:
		return is_signed ? t->t_long : t->t_ulong;
	}
}

/* --- Predicates ------------------------------------------------------- */

struct d_type *
d_type_resolve(struct d_type *ty)
{
	int n = 0;

	while (ty != NULL && ty->kind == D_T_TYPEDEF && n++ < 64)
		ty = ty->ref;
	return ty;
}

#define R(ty) d_type_resolve(ty)

int
d_type_is_void(struct d_type *ty)
{
	return ty && R(ty)->kind == D_T_VOID;
}

int
d_type_is_integer(struct d_type *ty)
{
	return ty && (R(ty)->kind == D_T_INT || R(ty)->kind == D_T_ENUM);
}

int
d_type_is_arith(struct d_type *ty)
{
	return d_type_is_integer(ty);
}

int
d_type_is_float(struct d_type *ty)
{
	return ty && R(ty)->kind == D_T_FLOAT;
}

int
d_type_is_pointer(struct d_type *ty)
{
	return ty && R(ty)->kind == D_T_PTR;
}

int
d_type_is_scalar(struct d_type *ty)
{
	return d_type_is_integer(ty) || d_type_is_pointer(ty);
}

int
d_type_is_string(struct d_type *ty)
{
	return ty && R(ty)->kind == D_T_STRING;
}

int
d_type_is_strcompat(struct d_type *ty)
{
	struct d_type *r = R(ty), *e;

	if (r == NULL)
		return 0;
	if (r->kind == D_T_STRING)
		return 1;
	if (r->kind != D_T_PTR && r->kind != D_T_ARRAY)
		return 0;
	e = R(r->ref);
	return e != NULL && e->kind == D_T_INT && e->is_char;
}

int
d_type_is_dynamic(struct d_type *ty)
{
	return ty && R(ty)->kind == D_T_DYN;
}

int
d_type_is_sou(struct d_type *ty)
{
	return ty && (R(ty)->kind == D_T_STRUCT || R(ty)->kind == D_T_UNION);
}

int
d_type_is_vfptr(struct d_type *ty)
{
	struct d_type *r = R(ty);

	if (r == NULL || r->kind != D_T_PTR)
		return 0;
	r = R(r->ref);
	return r->kind == D_T_VOID || r->kind == D_T_FUNC;
}

int
d_type_is_signed(struct d_type *ty)
{
	struct d_type *r = R(ty);

	return r &&
	       (r->kind == D_T_ENUM || (r->kind == D_T_INT && r->is_signed));
}

int
d_type_is_func(struct d_type *ty)
{
	return ty && R(ty)->kind == D_T_FUNC;
}

int
d_type_is_charptr(struct d_type *ty)
{
	struct d_type *r = R(ty);

	return r != NULL && r->kind == D_T_PTR && r->ref != NULL &&
	       R(r->ref)->kind == D_T_INT && R(r->ref)->is_char;
}

uint64_t
d_type_size(struct d_type *ty)
{
	struct d_type *r = R(ty);

	return r ? r->size : 0;
}

/* --- Promotion -------------------------------------------------------- */

struct d_type *
d_type_promote1(struct d_types *t, struct d_type *a)
{
	if (d_type_size(a) < 4 || R(a)->kind == D_T_ENUM)
		return t->t_int;
	return a;
}

struct d_type *
d_type_promote(struct d_types *t, struct d_type *a, struct d_type *b)
{
	uint64_t la, lb;

	a = d_type_promote1(t, a);
	b = d_type_promote1(t, b);
	la = d_type_size(a);
	lb = d_type_size(b);
	if (la > lb)
		return a;
	if (lb > la)
		return b;
	/* same rank: unsigned wins, else the left type */
	if (d_type_is_signed(a) && !d_type_is_signed(b))
		return b;
	return a;
}

/* --- Compatibility --------------------------------------------------- */

static int
same_depth(struct d_type *a, struct d_type *b, int depth)
{
	uint32_t i;

	a = R(a);
	b = R(b);
	if (a == NULL || b == NULL)
		return 0;
	if (a->unq)
		a = a->unq;
	if (b->unq)
		b = b->unq;
	a = R(a);
	b = R(b);
	if (a == b)
		return 1;
	if (a->kind != b->kind || depth > 32)
		return 0;
	switch (a->kind) {
	case D_T_VOID:
	case D_T_STRING:
	case D_T_DYN:
		return 1;
	case D_T_INT:
		return a->size == b->size && a->is_signed == b->is_signed &&
		       a->is_char == b->is_char;
	case D_T_FLOAT:
		return a->size == b->size;
	case D_T_STACK:
	case D_T_SYM:
		return 1;
	case D_T_PTR:
		return same_depth(a->ref, b->ref, depth + 1);
	case D_T_ARRAY:
		return a->nelems == b->nelems &&
		       same_depth(a->ref, b->ref, depth + 1);
	case D_T_STRUCT:
	case D_T_UNION:
	case D_T_ENUM:
		return a->name != NULL && b->name != NULL &&
		       strcmp(a->name, b->name) == 0;
	case D_T_FUNC:
		if (a->nparams != b->nparams || a->varargs != b->varargs ||
		    !same_depth(a->ref, b->ref, depth + 1))
			return 0;
		for (i = 0; i < a->nparams; i++)
			if (!same_depth(a->params[i], b->params[i], depth + 1))
				return 0;
		return 1;
	default:
		return 0;
	}
}

int
d_type_same(struct d_type *a, struct d_type *b)
{
	return same_depth(a, b, 0);
}

int
d_type_ptrcompat(struct d_type *a, struct d_type *b, int lzero, int rzero)
{
	struct d_type *ra = R(a), *rb = R(b), *pa, *pb;

	if (ra == NULL || rb == NULL)
		return 0;
	if (ra->kind == D_T_PTR && rzero && d_type_is_integer(rb))
		return 1;
	if (rb->kind == D_T_PTR && lzero && d_type_is_integer(ra))
		return 1;
	if ((ra->kind != D_T_PTR && ra->kind != D_T_ARRAY) ||
	    (rb->kind != D_T_PTR && rb->kind != D_T_ARRAY))
		return 0;
	pa = R(ra->ref);
	pb = R(rb->ref);
	if (pa->kind == D_T_VOID || pb->kind == D_T_VOID)
		return 1;
	return d_type_same(pa, pb);
}

int
d_type_argcompat(struct d_type *l, struct d_type *r, int rzero)
{
	if (d_type_same(l, r))
		return 1;
	if (d_type_is_integer(l) && d_type_is_integer(r))
		return 1;
	if (d_type_is_strcompat(l) && d_type_is_string(r))
		return 1;
	if (d_type_is_string(l) && d_type_is_strcompat(r))
		return 1;
	return d_type_ptrcompat(l, r, 0, rzero);
}

/* --- Names ------------------------------------------------------------ */

static void
name_rec(struct d_type *ty, char *buf, size_t len, int depth)
{
	char tmp[256];
	size_t n;

	if (len == 0)
		return;
	buf[0] = '\0';
	if (ty == NULL || depth > 16) {
		snprintf(buf, len, "?");
		return;
	}
	switch (ty->kind) {
	case D_T_PTR: {
		struct d_type *r = R(ty->ref);

		if (r != NULL && r->kind == D_T_ARRAY) {
			/* pointer to array: "int (*)[4]" */
			name_rec(r->ref, tmp, sizeof(tmp), depth + 1);
			snprintf(buf, len, "%s (*)[%llu]", tmp,
				 (unsigned long long)r->nelems);
			break;
		}
		if (r != NULL && r->kind == D_T_FUNC) {
			char args[200] = "";
			uint32_t i;

			name_rec(r->ref, tmp, sizeof(tmp), depth + 1);
			for (i = 0; i < r->nparams; i++) {
				char a[64];

				name_rec(r->params[i], a, sizeof(a), depth + 1);
				n = strlen(args);
				snprintf(args + n, sizeof(args) - n, "%s%s",
					 i ? ", " : "", a);
			}
			snprintf(buf, len, "%s (*)(%s)", tmp, args);
			break;
		}
		name_rec(ty->ref, tmp, sizeof(tmp), depth + 1);
		n = strlen(tmp);
		snprintf(buf, len, "%s%s", tmp,
			 n > 0 && tmp[n - 1] == '*' ? "*" : " *");
		break;
	}
	case D_T_ARRAY:
		name_rec(ty->ref, tmp, sizeof(tmp), depth + 1);
		snprintf(buf, len, "%s [%llu]", tmp,
			 (unsigned long long)ty->nelems);
		break;
	case D_T_STRUCT:
	case D_T_UNION:
	case D_T_ENUM:
		snprintf(buf, len, "%s%s%s", ty->is_const ? "const " : "",
			 ty->kind == D_T_STRUCT ? "struct " :
			 ty->kind == D_T_UNION	? "union " :
						  "enum ",
			 ty->name ? ty->name : "(anon)");
		break;
	case D_T_FUNC: {
		uint32_t i;

		name_rec(ty->ref, tmp, sizeof(tmp), depth + 1);
		snprintf(buf, len, "%s (", tmp);
		for (i = 0; i < ty->nparams; i++) {
			n = strlen(buf);
			name_rec(ty->params[i], tmp, sizeof(tmp), depth + 1);
			snprintf(buf + n, len - n, "%s%s", i ? ", " : "", tmp);
		}
		n = strlen(buf);
		snprintf(buf + n, len - n, ")");
		break;
	}
	default:
		snprintf(buf, len, "%s%s", ty->is_const ? "const " : "",
			 ty->name ? ty->name : "?");
		break;
	}
}

char *
d_type_name(struct d_type *ty, char *buf, size_t len)
{
	name_rec(ty, buf, len, 0);
	return buf;
}

const char *
d_type_aname(struct d_types *t, struct d_type *ty)
{
	char buf[256];

	if (ty == NULL)
		return "?";
	if (ty->cname == NULL)
		ty->cname = d_arena_strdup(t->arena,
					   d_type_name(ty, buf, sizeof(buf)));
	return ty->cname;
}

struct vm_type
d_type_vm(struct d_types *t, struct d_type *ty)
{
	struct vm_type v;
	struct d_type *r = R(ty);

	memset(&v, 0, sizeof(v));
	if (r == NULL)
		return v;
	switch (r->kind) {
	case D_T_INT:
	case D_T_ENUM:
		v.kind = VM_T_INT;
		v.size = (uint32_t)r->size;
		v.is_signed = (uint8_t)d_type_is_signed(r);
		if (v.size == 0)
			v.size = 4;
		break;
	case D_T_PTR:
		v.kind = VM_T_PTR;
		v.size = 8;
		break;
	case D_T_STRING:
		v.kind = VM_T_STRING;
		v.size = t->strsize;
		break;
	case D_T_ARRAY:
	case D_T_STRUCT:
	case D_T_UNION:
		v.kind = VM_T_BYTES;
		v.size = r->size > UINT32_MAX ? UINT32_MAX : (uint32_t)r->size;
		/* trace() prints only a char array as a string (when it
		   looks like one); anything else as the byte table */
		if (r->kind == D_T_ARRAY && R(r->ref) != NULL &&
		    R(r->ref)->kind == D_T_INT && R(r->ref)->is_char)
			v.is_chars = 1;
		break;
	case D_T_FLOAT:
		v.kind = VM_T_FLOAT;
		v.size = (uint32_t)r->size;
		break;
	case D_T_STACK:
		v.kind = VM_T_STACK;
		v.symkind = r->symkind;
		v.size = (uint32_t)r->size;
		break;
	case D_T_SYM:
		v.kind = VM_T_SYM;
		v.symkind = r->symkind;
		v.size = 8;
		break;
	default:
		v.kind = VM_T_VOID;
		break;
	}
	v.name = d_type_aname(t, ty);
	return v;
}

static const struct d_member *
member_rec(struct d_type *sou, const char *name, uint64_t *off, int depth)
{
	uint32_t i;

	sou = R(sou);
	if (sou == NULL || depth > 16 ||
	    (sou->kind != D_T_STRUCT && sou->kind != D_T_UNION))
		return NULL;
	for (i = 0; i < sou->nmembers; i++) {
		const struct d_member *m = &sou->members[i];

		if (m->name != NULL && strcmp(m->name, name) == 0) {
			*off += m->off;
			return m;
		}
		if (m->name == NULL && m->bitsize == 0 &&
		    d_type_is_sou(m->type)) {
			uint64_t o = *off + m->off;
			const struct d_member *r =
				member_rec(m->type, name, &o, depth + 1);

			if (r != NULL) {
				*off = o;
				return r;
			}
		}
	}
	return NULL;
}

const struct d_member *
d_type_member(struct d_type *sou, const char *name, uint64_t *off)
{
	*off = 0;
	return member_rec(sou, name, off, 0);
}
