/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The consumer's front: the handle (create, options, callbacks) and the
 * walk over a record buffer (dtrace's dt_consume_cpu() with cmd/dtrace.c's
 * chew()/chewrec() callbacks folded in). It prints the default-format
 * "CPU ID FUNCTION:NAME" lines (or the -F flowindent ones), dispatches each
 * record to its renderer, reports runtime faults on the error stream in
 * Oracle DTrace's shape, and runs the consumer-side actions: setopt(),
 * system(), freopen(), clear(), trunc(), normalize(), denormalize().
 *
 * -t (our extension) prefixes every default-format firing line with the
 * local wall-clock time of the firing, "HH:MM:SS.uuuuuu " (strace -t's
 * -tt form), and the header with "TIME" padded to the same width.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "common/msg.h"
#include "common/xalloc.h"
#include "consumer/cons_impl.h"

void
cons_opts_default(struct cons_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->stackindent = 14;
}

struct cons *
cons_create(FILE *out, FILE *err, const struct cons_opts *o,
	    const struct cons_sym_ops *sym)
{
	struct cons *c = xcalloc(1, sizeof(*c));

	c->out = out;
	c->err = err;
	if (o)
		c->o = *o;
	else
		cons_opts_default(&c->o);
	if (sym && sym->lookup) {
		c->sym = *sym;
		c->have_sym = 1;
	}
	sb_init(&c->sb);
	c->fmts = htab_create();
	return c;
}

void
cons_destroy(struct cons *c)
{
	if (!c)
		return;
	cons_flush(c);
	cons_fmts_release(c);
	if (c->freopened) {
		fclose(c->freopened);
		c->out = c->stdout_save;
	}
	sb_release(&c->sb);
	VEC_FREE(&c->flows);
	free(c->aggs);
	free(c);
}

void
cons_set_opts(struct cons *c, const struct cons_opts *o)
{
	c->o = *o;
}

const struct cons_opts *
cons_get_opts(const struct cons *c)
{
	return &c->o;
}

void
cons_set_setopt_cb(struct cons *c, cons_setopt_fn fn, void *ctx)
{
	c->setopt = fn;
	c->setopt_ctx = ctx;
}

int
cons_header_printed(const struct cons *c)
{
	return c->header;
}

FILE *
cons_output(const struct cons *c)
{
	return c->out;
}

int
cons_flush(struct cons *c)
{
	if (c->sb.len) {
		if (fwrite(c->sb.buf, 1, c->sb.len, c->out) != c->sb.len &&
		    !c->werr)
			c->werr = errno ? errno : EIO;
		sb_reset(&c->sb);
	}
	return c->werr ? -c->werr : 0;
}

struct cons_aggstate *
cons_aggstate(struct cons *c, uint32_t id)
{
	if (id >= c->naggs) {
		uint32_t n = id + 1, i;

		c->aggs = xreallocarray(c->aggs, n, sizeof(*c->aggs));
		for (i = c->naggs; i < n; i++) {
			c->aggs[i].normal = 1;
			c->aggs[i].printed = 0;
		}
		c->naggs = n;
	}
	return &c->aggs[id];
}

/* "<prog>: msg\n" on the error stream, after pending output. */
void
cons_error_line(struct cons *c, const char *msg)
{
	size_t len = strlen(msg);

	cons_flush(c);
	fflush(c->out);
	fprintf(c->err, "%s: %s%s", msg_progname, msg,
		len && msg[len - 1] == '\n' ? "" : "\n");
	fflush(c->err);
}

/* --- firings -------------------------------------------------------- */

/* A thread's flowindent depth (0 for one not seen yet). */
static struct cons_flow *
flow_find(struct cons *c, int64_t tid)
{
	for (size_t i = 0; i < c->flows.n; i++)
		if (c->flows.v[i].tid == tid)
			return &c->flows.v[i];
	return NULL;
}

static void
flow_set(struct cons *c, int64_t tid, int indent)
{
	struct cons_flow *f = flow_find(c, tid);
	struct cons_flow nf = { .tid = tid, .indent = indent };

	if (f)
		f->indent = indent;
	else if (indent)
		VEC_PUSH(&c->flows, nf);
}

static void
end_fire(struct cons *c)
{
	if (c->o.json) {
		cons_json_fire_end(c);
		return;
	}
	if (!c->in_fire)
		return;
	c->in_fire = 0;
	if (!c->o.quiet)
		sb_addch(&c->sb, '\n');
	if (c->o.flowindent && c->flow_entry)
		flow_set(c, c->flow_tid, c->indent + 2);
	c->flow_entry = 0;
}

static void
timestamp(struct cons *c, uint64_t wall)
{
	time_t sec = (time_t)(wall / 1000000000);
	struct tm tm;

	if (!localtime_r(&sec, &tm))
		memset(&tm, 0, sizeof(tm));
	sb_addf(&c->sb, "%02d:%02d:%02d.%06u ", tm.tm_hour, tm.tm_min,
		tm.tm_sec, (unsigned)(wall % 1000000000 / 1000));
}

/* dtrace's dt_flowindent(): entry/return by probe name. */
static const char *
flow_prefix(struct cons *c, const struct vm_rec_fire *f, int *flow)
{
	static const char *const ent[2] = { " -> ", " => " };
	static const char *const ret[2] = { " <- ", " <= " };
	int sys = strcmp(f->prov ? f->prov : "", "syscall") == 0;
	const char *n = f->name ? f->name : "";
	size_t len = strlen(n);

	*flow = 0;
	if ((len == 5 && strcmp(n, "entry") == 0) ||
	    (len > 5 && strcmp(n + len - 6, "-entry") == 0))
		*flow = 1;
	else if ((len == 6 && strcmp(n, "return") == 0) ||
		 (len > 6 && strcmp(n + len - 7, "-return") == 0))
		*flow = 2;
	if (*flow == 1 && c->have_last && f->epid != c->last_epid &&
	    f->probe_id == c->last_probe)
		*flow = 0;
	if (*flow == 1)
		return ent[sys];
	if (*flow == 2)
		return ret[sys];
	return "| ";
}

static void
begin_fire(struct cons *c, const struct vm_rec_fire *f)
{
	const char *func = f->func ? f->func : "";
	const char *name = f->name ? f->name : "";

	end_fire(c);
	c->fire = *f;
	c->have_fire = 1;
	c->in_fire = 1;

	if (!c->header) {
		if (!c->o.flowindent) {
			if (!c->o.quiet) {
				if (c->o.timestamps)
					sb_addf(&c->sb, "%-15s ", "TIME");
				if (c->o.testing)
					sb_addf(&c->sb, "%32s\n",
						"FUNCTION:NAME");
				else
					sb_addf(&c->sb, "%3s %6s %32s\n", "CPU",
						"ID", "FUNCTION:NAME");
			}
		} else if (c->o.testing) {
			sb_addf(&c->sb, "%-41s\n", "FUNCTION");
		} else {
			sb_addf(&c->sb, "%3s %-41s\n", "CPU", "FUNCTION");
		}
		c->header = 1;
	}

	if (!c->o.flowindent) {
		if (!c->o.quiet) {
			char *fn = xasprintf("%s:%s", func, name);

			if (c->o.timestamps)
				timestamp(c, f->walltimestamp);
			if (c->o.testing)
				sb_addf(&c->sb, "%32s ", fn);
			else
				sb_addf(&c->sb, "%3d %6u %32s ", f->cpu,
					f->probe_id, fn);
			free(fn);
		}
	} else {
		int flow;
		const char *pfx = flow_prefix(c, f, &flow);
		const struct cons_flow *tf = flow_find(c, f->tid);
		char *fn;

		c->flow_tid = f->tid;
		c->indent = tf ? tf->indent : 0;
		if (flow == 2 && c->indent > 0) {
			c->indent -= 2;
			flow_set(c, f->tid, c->indent);
		}
		if (flow == 0)
			fn = xasprintf("%*s%s%s:%s", c->indent, "", pfx, func,
				       name);
		else
			fn = xasprintf("%*s%s%s", c->indent, "", pfx, func);
		if (c->o.testing)
			sb_addf(&c->sb, "%-41s ", fn);
		else
			sb_addf(&c->sb, "%3d %-41s ", f->cpu, fn);
		free(fn);
		c->flow_entry = flow == 1;
	}
	c->last_epid = f->epid;
	c->last_probe = f->probe_id;
	c->have_last = 1;
}

/* --- errors ---------------------------------------------------------- */

static const char *
fault_str(int fault)
{
	switch (fault) {
	case VM_FLT_BADADDR:
		return "invalid address";
	case VM_FLT_BADALIGN:
		return "invalid alignment";
	case VM_FLT_ILLOP:
		return "illegal operation";
	case VM_FLT_DIVZERO:
		return "divide-by-zero";
	case VM_FLT_NOSCRATCH:
		return "out of scratch space";
	case VM_FLT_KPRIV:
		return "invalid kernel access";
	case VM_FLT_UPRIV:
		return "invalid user access";
	case VM_FLT_TUPOFLOW:
		return "tuple stack overflow";
	case VM_FLT_BADSTACK:
		return "bad stack";
	case VM_FLT_BADSIZE:
		return "invalid size";
	case VM_FLT_BADINDEX:
		/* Oracle's arrays/tst.declared-bounds.runtime_out.r */
		return "index out of bounds";
	default:
		return "unknown fault";
	}
}

static const char *
nz(const char *s)
{
	return s ? s : "";
}

/*
 * A runtime fault, in the shape of Oracle DTrace's dt_handle_err():
 *	error in dt_clause_N for probe ID P (prov:mod:func:name):
 *	FAULT[ (X)] in action #N | in predicate
 * on one line. Oracle ends the line with "at BPF pc N"; udtrace runs no
 * BPF, so it names the faulting part of the clause instead, as
 * ../shared/FORMATS.md §2 decides.
 */
static void
fault(struct cons *c, const struct vm_rec_error *e)
{
	char details[40] = "", where[32];
	char *msg;

	end_fire(c);
	/* the address (or size) in hex; an index in signed decimal */
	if ((e->fault == VM_FLT_BADADDR && (int64_t)e->addr != -1) ||
	    e->fault == VM_FLT_BADALIGN || e->fault == VM_FLT_BADSTACK ||
	    e->fault == VM_FLT_BADSIZE)
		snprintf(details, sizeof(details), " (0x%" PRIx64 ")", e->addr);
	else if (e->fault == VM_FLT_BADINDEX)
		snprintf(details, sizeof(details), " (%" PRId64 ")",
			 (int64_t)e->addr);
	if (e->action_no == 0)
		snprintf(where, sizeof(where), "in predicate");
	else
		snprintf(where, sizeof(where), "in action #%u", e->action_no);
	msg = xasprintf("error in dt_clause_%u for probe ID %u (%s:%s:%s:%s): "
			"%s%s %s",
			e->clause, e->probe_id, nz(e->prov), nz(e->mod),
			nz(e->func), nz(e->name), fault_str(e->fault), details,
			where);
	if (c->o.json)
		cons_json_fault(c, e, fault_str(e->fault), msg);
	cons_error_line(c, msg);
	free(msg);
}

/* A library-level error for the current firing (dt_handle_liberr()). */
static void
liberr(struct cons *c, const char *what)
{
	const struct vm_rec_fire *f = &c->fire;
	char *msg;

	if (c->have_fire)
		msg = xasprintf("error in dt_clause_%u for probe ID %u "
				"(%s:%s:%s:%s): %s",
				f->clause, f->probe_id, nz(f->prov), nz(f->mod),
				nz(f->func), nz(f->name), what);
	else
		msg = xstrdup(what);
	if (c->o.json)
		cons_json_error(c, msg);
	cons_error_line(c, msg);
	free(msg);
}

/* --- consumer-side actions ------------------------------------------ */

static void
do_setopt(struct cons *c, const struct vm_rec *r)
{
	const char *name, *value = NULL;
	int rv;

	if (r->n < 1 || r->d[0].type != VM_D_STR)
		return;
	name = r->d[0].s;
	if (r->n > 1 && r->d[1].type == VM_D_STR)
		value = r->d[1].s;
	if (!c->setopt)
		return;
	rv = c->setopt(c->setopt_ctx, name, value);
	if (rv < 0) {
		char *m = xasprintf("couldn't set option \"%s\" to \"%s\": %s",
				    name, value ? value : "1",
				    rv == -3 ? "Operation illegal when "
					       "tracing is active" :
				    rv == -2 ? "Invalid value for specified "
					       "option" :
					       "Invalid option name");

		liberr(c, m);
		free(m);
	}
}

/* Renders a printf-style record into a fresh string (system, freopen). */
static char *
render(struct cons *c, const struct vm_rec *r)
{
	const struct fmt *f = r->fmt ? cons_fmt_get(c, r->fmt) : NULL;
	struct strbuf sb;

	sb_init(&sb);
	if (f)
		cons_format(c, &sb, f, r->d, r->n, NULL, 0);
	return sb_detach(&sb, NULL);
}

static void
do_system(struct cons *c, const struct vm_rec *r)
{
	char *cmd = render(c, r);

	cons_flush(c);
	fflush(c->out);
	if (system(cmd) == -1) {
		char *m = xasprintf("system() failed: %s", strerror(errno));

		liberr(c, m);
		free(m);
	}
	free(cmd);
}

static void
do_freopen(struct cons *c, const struct vm_rec *r)
{
	char *name = render(c, r);
	FILE *nf;

	cons_flush(c);
	fflush(c->out);
	if (name[0] == '\0') {
		if (c->freopened) {
			fclose(c->freopened);
			c->freopened = NULL;
			c->out = c->stdout_save;
		}
		free(name);
		return;
	}
	nf = fopen(name, "ae");
	if (!nf) {
		char *m = xasprintf("couldn't freopen() \"%s\": %s", name,
				    strerror(errno));

		liberr(c, m);
		free(m);
		free(name);
		return;
	}
	if (c->freopened)
		fclose(c->freopened);
	else
		c->stdout_save = c->out;
	c->freopened = nf;
	c->out = nf;
	free(name);
}

/*
 * ftruncate(): dtrace flushes the output stream, truncates its file to
 * zero length and rewinds it (a pipe or terminal is left alone: the
 * calls fail quietly, as in dtrace).
 */
static void
do_ftruncate(struct cons *c)
{
	cons_flush(c);
	if (fflush(c->out) == 0 && ftruncate(fileno(c->out), 0) == 0)
		(void)fseeko(c->out, 0, SEEK_SET);
}

static void
do_print(struct cons *c, const struct vm_rec *r)
{
	/* print(): the value as trace() would print it, on its own line. */
	if (r->n < 1)
		return;
	cons_trace_datum(c, &r->d[0]);
}

static void
agg_action(struct cons *c, struct vm_aggstore *st, const struct vm_rec *r)
{
	uint32_t id;

	if (r->naggs < 1 || !st)
		return;
	id = r->aggs[0];
	switch (r->type) {
	case VM_REC_CLEAR:
		vm_agg_clear(st, id);
		break;
	case VM_REC_TRUNC:
		cons_trunc(c, st, id, r->has_arg ? r->i : 0, r->has_arg);
		break;
	case VM_REC_NORMALIZE:
		cons_aggstate(c, id)->normal = r->i > 0 ? (uint64_t)r->i : 1;
		break;
	case VM_REC_DENORMALIZE:
		cons_aggstate(c, id)->normal = 1;
		break;
	default:
		break;
	}
}

static void
one(struct cons *c, struct vm_aggstore *st, const struct vm_rec *r)
{
	if (c->o.json && cons_json_rec(c, st, r))
		return;
	switch (r->type) {
	case VM_REC_FIRE:
		begin_fire(c, &r->u.fire);
		break;
	case VM_REC_TRACE:
		if (r->n)
			cons_trace_datum(c, &r->d[0]);
		break;
	case VM_REC_PRINTF:
		if (r->fmt) {
			const struct fmt *f = cons_fmt_get(c, r->fmt);

			if (f)
				cons_format(c, &c->sb, f, r->d, r->n, NULL, 0);
		}
		break;
	case VM_REC_PRINTA:
		if (st && r->naggs)
			cons_printa(c, st, r->fmt, r->aggs, r->naggs);
		break;
	case VM_REC_PRINT:
		do_print(c, r);
		break;
	case VM_REC_TRACEMEM:
		if (r->n && r->d[0].type == VM_D_BYTES)
			cons_rawbytes(&c->sb, r->d[0].p, r->d[0].len);
		break;
	case VM_REC_STACK:
		if (r->n)
			cons_print_stack(c, &c->sb, &r->d[0], NULL,
					 c->o.stackindent);
		break;
	case VM_REC_EXIT:
		break;
	case VM_REC_ERROR:
		fault(c, &r->u.err);
		break;
	case VM_REC_CLEAR:
	case VM_REC_TRUNC:
	case VM_REC_NORMALIZE:
	case VM_REC_DENORMALIZE:
		agg_action(c, st, r);
		break;
	case VM_REC_SETOPT:
		do_setopt(c, r);
		break;
	case VM_REC_SYSTEM:
		do_system(c, r);
		break;
	case VM_REC_FREOPEN:
		do_freopen(c, r);
		break;
	case VM_REC_FTRUNCATE:
		do_ftruncate(c);
		break;
	default:
		break;
	}
}

int
cons_drain(struct cons *c, const struct vm_recbuf *b, struct vm_aggstore *st)
{
	size_t i;
	int rv;

	for (i = 0; i < b->nrecs; i++) {
		one(c, st, &b->recs[i]);
		if (c->sb.len >= 65536)
			cons_flush(c);
	}
	end_fire(c);
	rv = cons_flush(c);
	/* dtrace flushes its output after every dtrace_work() round */
	if (fflush(c->out) == EOF && rv == 0)
		rv = -(errno ? errno : EIO);
	return rv;
}
