/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The syscall table of the CPU udtrace is built for: names and argument
 * counts indexed by number (arch/arch.h's arch_sc_name, arch_sc_lookup,
 * arch_sc_max, arch_sc_nargs). The same code for every CPU: only the
 * data differs, the syscallent.h of the arch/ directory configure put on
 * the include path (one ARCH_SC(nr, name, nargs) line per syscall).
 */
#include "config.h"

#include <string.h>

#include "arch/arch.h"

struct sc_ent {
	const char *name;
	int nargs;
};

/* Numbers the kernel skips (335..423 on x86_64, 244..259 on aarch64) are
   NULL holes. */
static const struct sc_ent sc_tab[] = {
#define ARCH_SC(nr, name, nargs) [nr] = { #name, nargs },
#include "syscallent.h"
#undef ARCH_SC
};

#define SC_MAX ((long)(sizeof(sc_tab) / sizeof(sc_tab[0])))

const char *
arch_sc_name(long nr)
{
	if (nr < 0 || nr >= SC_MAX)
		return NULL;
	return sc_tab[nr].name;
}

long
arch_sc_lookup(const char *name)
{
	long nr;

	for (nr = 0; nr < SC_MAX; nr++)
		if (sc_tab[nr].name && strcmp(sc_tab[nr].name, name) == 0)
			return nr;
	return -1;
}

long
arch_sc_max(void)
{
	return SC_MAX;
}

int
arch_sc_nargs(long nr)
{
	if (nr < 0 || nr >= SC_MAX || !sc_tab[nr].name)
		return -1;
	return sc_tab[nr].nargs;
}
