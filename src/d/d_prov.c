/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Provider declarations (`provider P { probe p(int, char *) : (int); };`):
 * the checks dtrace makes when it cooks them (dt_node_provider(),
 * dt_node_probe(), dt_decl_prototype(), dt_cook_provider()), and the
 * definitions kept for -h and -G (d_provdef.h). Declaring a provider
 * creates no probe here: udtrace finds USDT probes in the traced programs'
 * notes, so a declaration only describes what -h and -G write.
 *
 * Everything is kept in the compilation's arena while units are checked
 * (an error unwinds with longjmp), and copied to the heap when handed out.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "d/d_cc.h"

/* dtrace's DTRACE_PROVNAMELEN and DTRACE_NAMELEN */
#define PROVNAMELEN 64
#define NAMELEN 64
/* dt_node_probe(): the argument counts are bytes in the probe */
#define MAXARGS 255

struct d_cc_probe {
	const char *name, *dname;
	uint32_t nargs;
	struct d_type **args;
	const char **text;
	int line;
};

struct d_cc_prov {
	const char *name;
	int unit, line;
	struct d_cc_probe **probes;
	uint32_t nprobes, cap;
};

/* strhyphenate(): "__" becomes "-" ("a___b" is "a-_b"). */
static char *
hyphenate(struct d_cc *cc, const char *s)
{
	char *d = d_arena_strdup(cc->arena, s), *p = d, *q = d;

	while (*p != '\0') {
		if (p[0] == '_' && p[1] == '_') {
			*q++ = '-';
			p += 2;
		} else {
			*q++ = *p++;
		}
	}
	*q = '\0';
	return d;
}

static struct d_cc_prov *
prov_lookup(struct d_cc *cc, const char *name)
{
	for (uint32_t i = 0; i < cc->nprovdecls; i++) {
		struct d_cc_prov *pv = cc->provdecls[i];

		if (strcmp(pv->name, name) == 0)
			return pv;
	}
	return NULL;
}

static struct d_cc_probe *
probe_lookup(struct d_cc_prov *pv, const char *dname)
{
	for (uint32_t i = 0; i < pv->nprobes; i++)
		if (strcmp(pv->probes[i]->dname, dname) == 0)
			return pv->probes[i];
	return NULL;
}

static struct d_type *
param_type(struct d_cc *cc, struct d_node *p)
{
	struct d_node tn;

	memset(&tn, 0, sizeof(tn));
	tn.kind = D_N_TYPENAME;
	tn.line = p->line;
	tn.u.tname.spec = p->u.param.spec;
	tn.u.tname.dtor = p->u.param.dtor;
	return d_cc_typename(cc, &tn);
}

/*
 * dt_decl_prototype() with DT_DP_VOID (and DT_DP_ANON for the input
 * prototype): the parameters' types, in types[] when not NULL; returns
 * their number, 0 for a sole `void`.
 */
static int
prototype(struct d_cc *cc, struct d_node *plist, const char *kind,
	  struct d_type ***types)
{
	struct d_node *p;
	int n = 0, nvoid = 0, i = 1;
	char buf[256];

	for (p = plist; p != NULL; p = p->next)
		n++;
	if (types != NULL)
		*types = d_arena_alloc(cc->arena,
				       (size_t)(n ? n : 1) * sizeof(**types));
	for (p = plist; p != NULL; p = p->next, i++) {
		struct d_type *t = param_type(cc, p);
		const char *pname = p->u.param.dtor.name;
		int is_void = d_type_is_void(t);

		if (d_type_is_dynamic(t))
			d_cc_err(cc, p->line, D_DECL_PROTO_TYPE,
				 "%s prototype may not use parameter of "
				 "type %s: %s, parameter #%d\n",
				 kind, d_type_name(t, buf, sizeof(buf)),
				 pname ? pname : "(anonymous)", i);
		nvoid += is_void;
		if (is_void && pname != NULL)
			d_cc_err(cc, p->line, D_DECL_PROTO_NAME,
				 "void parameter may not have a name: %s\n",
				 pname);
		if (nvoid != 0 && plist->next != NULL)
			d_cc_err(cc, p->line, D_DECL_PROTO_VOID,
				 "void must be sole parameter in %s "
				 "prototype\n",
				 kind);
		if (types != NULL)
			(*types)[i - 1] = t;
	}
	return nvoid ? 0 : n;
}

/* dt_node_provider_cmp(): a redeclared probe must keep its prototype. */
static void
probe_cmp(struct d_cc *cc, const struct d_cc_prov *pv,
	  const struct d_cc_probe *old, uint32_t n, struct d_type **t, int line)
{
	char a[256], b[256];

	if (n != old->nargs)
		d_cc_err(cc, line, D_PROV_INCOMPAT,
			 "probe %s:%s input prototype mismatch:\n"
			 "\t current: %u arg%s\n\tprevious: %u arg%s\n",
			 pv->name, old->dname, n, n == 1 ? "" : "s", old->nargs,
			 old->nargs == 1 ? "" : "s");
	for (uint32_t i = 0; i < n; i++) {
		if (d_type_same(t[i], old->args[i]))
			continue;
		d_cc_err(cc, line, D_PROV_INCOMPAT,
			 "probe %s:%s input prototype argument #%u "
			 "mismatch:\n\t current: %s\n\tprevious: %s\n",
			 pv->name, old->dname, i + 1,
			 d_type_name(t[i], a, sizeof(a)),
			 d_type_name(old->args[i], b, sizeof(b)));
	}
}

/* The C text of an argument's type, adjusted as C adjusts a parameter's
   (an array is a pointer to its element, a function a pointer to it); D's
   string is a char * in C. */
static const char *
c_text(struct d_cc *cc, struct d_type *t)
{
	struct d_type *r = d_type_resolve(t);
	char buf[512];

	if (d_type_is_string(t))
		return "char *";
	if (r != NULL && r->kind == D_T_ARRAY)
		t = d_type_ptr(cc->ty, r->ref);
	else if (d_type_is_func(t))
		t = d_type_ptr(cc->ty, t);
	return d_arena_strdup(cc->arena, d_type_name(t, buf, sizeof(buf)));
}

void
d_cc_provider(struct d_cc *cc, struct d_node *n)
{
	const char *name = n->u.provider.name;
	size_t len = strlen(name);
	struct d_cc_prov *pv = prov_lookup(cc, name);
	int redecl = pv != NULL;
	struct d_node *pn;

	if (len >= PROVNAMELEN)
		d_cc_err(cc, n->line, D_PROV_BADNAME,
			 "provider name may not exceed %d characters: %s\n",
			 PROVNAMELEN - 1, name);
	if (len > 0 && isdigit((unsigned char)name[len - 1]))
		d_cc_err(cc, n->line, D_PROV_BADNAME,
			 "provider name may not end with a digit: %s\n", name);
	if (pv == NULL) {
		pv = d_arena_alloc(cc->arena, sizeof(*pv));
		pv->name = d_arena_strdup(cc->arena, name);
		pv->unit = (int)cc->unit_index;
		pv->line = n->line;
		d_cc_vec_push(cc, (void ***)&cc->provdecls, &cc->nprovdecls,
			      &cc->capprovdecls, pv);
	}
	for (pn = n->u.provider.probes; pn != NULL; pn = pn->next) {
		const char *dname = hyphenate(cc, pn->u.probedecl.name);
		struct d_cc_probe *old = probe_lookup(pv, dname), *pr;
		struct d_type **args;
		int nargs;

		if (strlen(dname) >= NAMELEN)
			d_cc_err(cc, pn->line, D_PROV_BADNAME,
				 "probe name may not exceed %d characters: "
				 "%s\n",
				 NAMELEN - 1, dname);
		nargs = prototype(cc, pn->u.probedecl.params, "probe input",
				  &args);
		if (pn->u.probedecl.has_xparams)
			(void)prototype(cc, pn->u.probedecl.xparams,
					"probe output", NULL);
		if (nargs > MAXARGS)
			d_cc_err(cc, pn->line, D_PROV_PRARGLEN,
				 "probe %s input prototype exceeds %u "
				 "parameters: %d params used\n",
				 dname, MAXARGS, nargs);
		if (old != NULL && redecl) {
			probe_cmp(cc, pv, old, (uint32_t)nargs, args, pn->line);
			continue;
		}
		if (old != NULL)
			d_cc_err(cc, pn->line, D_PROV_PRDUP,
				 "probe redeclared: %s:%s\n", name, dname);
		if (redecl)
			d_cc_err(cc, pn->line, D_PROV_INCOMPAT,
				 "provider interface mismatch: %s\n"
				 "\t current: probe %s:%s defined\n"
				 "\tprevious: probe %s:%s not defined\n",
				 name, name, dname, name, dname);
		pr = d_arena_alloc(cc->arena, sizeof(*pr));
		pr->name = d_arena_strdup(cc->arena, pn->u.probedecl.name);
		pr->dname = dname;
		pr->nargs = (uint32_t)nargs;
		pr->args = args;
		pr->text =
			d_arena_alloc(cc->arena, (size_t)(nargs ? nargs : 1) *
							 sizeof(*pr->text));
		for (int i = 0; i < nargs; i++)
			pr->text[i] = c_text(cc, args[i]);
		pr->line = pn->line;
		d_cc_vec_push(cc, (void ***)&pv->probes, &pv->nprobes, &pv->cap,
			      pr);
	}
}

struct d_provdefs *
d_cc_provdefs(const struct d_cc *cc)
{
	struct d_provdefs *d = xcalloc(1, sizeof(*d));

	d->nprovs = cc->nprovdecls;
	d->provs = xcalloc(d->nprovs ? d->nprovs : 1, sizeof(*d->provs));
	for (uint32_t i = 0; i < cc->nprovdecls; i++) {
		const struct d_cc_prov *pv = cc->provdecls[i];
		struct d_providerdef *o = &d->provs[i];

		o->name = xstrdup(pv->name);
		o->unit = pv->unit;
		o->line = pv->line;
		o->nprobes = pv->nprobes;
		o->probes = xcalloc(pv->nprobes ? pv->nprobes : 1,
				    sizeof(*o->probes));
		for (uint32_t j = 0; j < pv->nprobes; j++) {
			const struct d_cc_probe *pr = pv->probes[j];
			struct d_probedef *q = &o->probes[j];

			q->name = xstrdup(pr->name);
			q->dname = xstrdup(pr->dname);
			q->line = pr->line;
			q->nargs = pr->nargs;
			q->args = xcalloc(pr->nargs ? pr->nargs : 1,
					  sizeof(*q->args));
			for (uint32_t k = 0; k < pr->nargs; k++)
				q->args[k] = xstrdup(pr->text[k]);
		}
	}
	return d;
}

void
d_provdefs_free(struct d_provdefs *d)
{
	if (d == NULL)
		return;
	for (uint32_t i = 0; i < d->nprovs; i++) {
		struct d_providerdef *o = &d->provs[i];

		for (uint32_t j = 0; j < o->nprobes; j++) {
			struct d_probedef *q = &o->probes[j];

			for (uint32_t k = 0; k < q->nargs; k++)
				free(q->args[k]);
			free(q->args);
			free(q->name);
			free(q->dname);
		}
		free(o->probes);
		free(o->name);
	}
	free(d->provs);
	free(d);
}
