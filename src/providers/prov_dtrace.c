/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The dtrace provider: BEGIN, END and ERROR, with dtrace's ids 1, 2, 3.
 * They fire from the session itself (BEGIN before tracing starts, END
 * when it stops, ERROR from the VM when a clause faults), so enabling them
 * needs nothing.
 */
#include "config.h"

#include "providers/prov.h"

static void
dtrace_populate(struct prov_table *t)
{
	/* Order matters: the ids are part of dtrace's output. */
	prov_probe_create(t, &prov_dtrace, "dtrace", "", "", "BEGIN");
	prov_probe_create(t, &prov_dtrace, "dtrace", "", "", "END");
	prov_probe_create(t, &prov_dtrace, "dtrace", "", "", "ERROR");
}

static int
dtrace_enable(const struct prov_host *h, struct probe *p)
{
	(void)h;
	p->enabled = 1;
	return 0;
}

static void
dtrace_disable(const struct prov_host *h, struct probe *p)
{
	(void)h;
	p->enabled = 0;
}

/* Oracle's dt_prov_dtrace.c: provider, name and args Stable/Stable/Common */
const struct prov_ops prov_dtrace = {
	.name = "dtrace",
	.probe_attr = { "Stable", "Stable", "Common" },
	.args_attr = { "Stable", "Stable", "Common" },
	.populate = dtrace_populate,
	.provide = NULL,
	.enable = dtrace_enable,
	.disable = dtrace_disable,
};
