/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * d_compile(): the D compiler's entry point (d.h). It runs every unit of
 * source through the checker (d_check.c, d_cg.c) in command-line order
 * into one program, so globals and aggregations are shared across units as
 * in dtrace, and returns the vm_prog or the first error with its tag, line
 * and message.
 *
 * The providers' prelude (d.h: the D declarations of psinfo_t,
 * bufinfo_t...) is compiled first, into the same global scope, so every
 * unit may use its types; an error there is udtrace's own and is reported
 * as such (unit -1, "internal error in the provider types").
 *
 * This file only translates between d.h and the checker's interface
 * (d_check.h); see d_check.h for why the two cannot meet in one file.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "d/d.h"
#include "d/d_check.h"

/* The session's resolver, adapted to the checker's callback (names[]
   are resolved by the checker, d_check.c's load_argtypes()). */
static int
resolve_args(void *ctx, const struct vm_probedesc *pd, struct vm_type types[10],
	     const char *names[10])
{
	const struct d_probe_resolver *r = ctx;

	if (r == NULL || r->arg_types == NULL)
		return -1;
	return r->arg_types(r->ctx, pd, types, names);
}

static void
set_error(struct d_error *err, int unit, const char *tag, int line,
	  const char *msg)
{
	if (err == NULL)
		return;
	memset(err, 0, sizeof(*err));
	err->unit = unit;
	snprintf(err->tag, sizeof(err->tag), "%s", tag);
	err->line = line;
	snprintf(err->msg, sizeof(err->msg), "%s", msg);
}

int
d_compile(const struct d_compile_args *args, struct vm_prog **out,
	  struct d_error *err)
{
	struct d_cc_opts o;
	struct d_cc *cc;
	struct vm_prog *p;
	size_t i;

	if (out != NULL)
		*out = NULL;
	if (args != NULL && args->provdefs != NULL)
		*args->provdefs = NULL;
	if (args == NULL || out == NULL ||
	    (args->nsrcs > 0 && args->srcs == NULL)) {
		set_error(err, -1, "D_UNKNOWN", 0, "invalid arguments");
		return -1;
	}
	memset(&o, 0, sizeof(o));
	o.strsize = args->strsize;
	o.defaultargs = args->defaultargs;
	o.destructive = args->destructive;
	o.target = args->target;
	if (args->pid != 0) {
		o.have_ids = 1;
		o.pid = args->pid;
		o.ppid = args->ppid;
		o.uid = args->uid;
		o.gid = args->gid;
		o.euid = args->euid;
		o.egid = args->egid;
		o.pgid = args->pgid;
		o.sid = args->sid;
	}
	if (args->resolver != NULL && args->resolver->arg_types != NULL) {
		o.argtypes = resolve_args;
		o.argctx = (void *)args->resolver;
	}
	cc = d_cc_create(&o);
	if (args->prelude != NULL &&
	    d_cc_prelude(cc, args->prelude, strlen(args->prelude)) != 0) {
		char tag[32], msg[400];
		int line;

		/* Not the user's fault: say whose it is, and where. */
		d_cc_error(cc, tag, sizeof(tag), &line, msg, sizeof(msg));
		set_error(err, -1, tag, 0, "");
		if (err != NULL)
			snprintf(err->msg, sizeof(err->msg),
				 "internal error in the provider types: "
				 "line %d: %s",
				 line, msg);
		d_cc_destroy(cc);
		return -1;
	}
	for (i = 0; i < args->nsrcs; i++) {
		const struct d_source *s = &args->srcs[i];
		struct d_cc_unit u;

		u.src = s->src ? s->src : "";
		u.len = s->src ? s->len : 0;
		u.name = s->name;
		u.kind = s->kind;
		u.index = (uint32_t)i;
		u.argv = (const char *const *)args->argv;
		u.argc = args->argv ? args->argc : 0;
		if (d_cc_unit(cc, &u) != 0) {
			char tag[32], msg[512];
			int line;

			d_cc_error(cc, tag, sizeof(tag), &line, msg,
				   sizeof(msg));
			set_error(err, (int)i, tag, line, msg);
			d_cc_destroy(cc);
			return -1;
		}
	}
	p = d_cc_finish(cc);
	if (p == NULL) {
		char tag[32], msg[512];
		int line;

		d_cc_error(cc, tag, sizeof(tag), &line, msg, sizeof(msg));
		set_error(err, -1, tag, line, msg);
		d_cc_destroy(cc);
		return -1;
	}
	if (args->provdefs != NULL)
		*args->provdefs = d_cc_provdefs(cc);
	d_cc_destroy(cc);
	*out = p;
	return 0;
}
