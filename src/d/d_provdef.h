/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The providers a D program declares (`provider P { probe p(int); };`),
 * as d_compile() hands them out for -h and -G (d.h). A header of its own
 * because both sides of d_check.h's divide (d.h's users and the checker
 * files) need the structs, and nothing else of either.
 */
#ifndef UDT_D_D_PROVDEF_H
#define UDT_D_D_PROVDEF_H

#include <stdint.h>

struct d_probedef {
	char *name;  /* as declared: "query__start" */
	char *dname; /* as D names it ("__" written "-"): "query-start" */
	uint32_t nargs;
	char **args; /* the C type of each input argument: "char *" */
	int line;
};

struct d_providerdef {
	char *name;
	int unit; /* index of the unit that declared it first */
	int line;
	uint32_t nprobes;
	struct d_probedef *probes; /* in declaration order */
};

struct d_provdefs {
	uint32_t nprovs;
	struct d_providerdef *provs; /* in declaration order */
};

/* Frees what d_compile() handed out; NULL is fine. */
void d_provdefs_free(struct d_provdefs *p);

#endif
