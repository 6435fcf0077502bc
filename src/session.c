/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The session: udtrace's handle, and the only place where the layers meet.
 *
 * Life of a run (dtrace(1)'s, step for step):
 *  1. udt_compile(): every -n/-P/-m/-f/-s unit goes to the D compiler as one
 *     program (globals and aggregations shared, clauses in command-line
 *     order); #pragma D option lines are applied; each clause's probe
 *     descriptions are matched against the probes the providers offer
 *     (creating on-demand ones such as tick-N), giving every (clause,
 *     probe) pair an enabled probe id (EPID). A description that matches
 *     nothing is an error unless -Z.
 *  2. udt_go(): the "matched N probes" notices, the VM's state, the
 *     consumer, the probes enabled (timers armed), BEGIN fired.
 *  3. udt_run(): the event loop. It sleeps until the next timer or a
 *     signal, fires due probes, and after every firing hands the records to
 *     the consumer. exit(), ^C or SIGTERM end it; END fires, the
 *     aggregations not yet printed are printed, drops are reported.
 *
 * Probes that fire in udtrace's own context (BEGIN, END, ERROR, tick-N, and
 * profile-N while nothing is traced) see udtrace's pid, tid and execname,
 * as dtrace's do. Their CPU is reported as 0: udtrace has no per-CPU
 * buffers, and a stable CPU column keeps output reproducible.
 */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/types.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "common/msg.h"
#include "common/strbuf.h"
#include "common/vec.h"
#include "common/xalloc.h"
#include "consumer/cons.h"
#include "d/d.h"
#include "providers/prov.h"
#include "session.h"
#include "session_impl.h"
#include "providers/prov_types.h"
#include "vm/vm.h"

/* Signals that stop tracing (dtrace's intr handler takes these). */
static const int stop_signals[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };

uint64_t
sess_clock_ns(clockid_t clk)
{
	struct timespec ts;

	clock_gettime(clk, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

struct udt_session *
udt_open(void)
{
	struct udt_session *s = xcalloc(1, sizeof(*s));
	FILE *f;

	udt_options_init(&s->opts);
	prov_table_init(&s->probes);
	for (size_t i = 0; i < prov_nall; i++)
		if (prov_all[i]->populate)
			prov_all[i]->populate(&s->probes);
	s->out = stdout;
	s->next_epid = 1;

	s->self_pid = getpid();
	s->self_tid = gettid();
	s->self_ppid = getppid();
	s->self_uid = getuid();
	s->self_gid = getgid();
	snprintf(s->self_execname, sizeof(s->self_execname), "%s",
		 msg_progname);
	f = fopen("/proc/self/comm", "r");
	if (f) {
		if (fgets(s->self_execname, sizeof(s->self_execname), f))
			s->self_execname[strcspn(s->self_execname, "\n")] = 0;
		fclose(f);
	}
	return s;
}

void
udt_close(struct udt_session *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->units.n; i++) {
		free(s->units.v[i].text);
		free(s->units.v[i].name);
	}
	VEC_FREE(&s->units);
	for (int i = 0; i < s->argc; i++)
		free(s->argv[i]);
	free(s->argv);
	for (size_t i = 0; i < s->cmds.n; i++)
		free(s->cmds.v[i]);
	VEC_FREE(&s->cmds);
	VEC_FREE(&s->pids);
	VEC_FREE(&s->timers);
	/* every traced process is let go before anything else is freed */
	sess_trace_free(s);
	if (s->cons)
		cons_destroy(s->cons);
	if (s->vm)
		vm_state_destroy(s->vm);
	vm_prog_free(s->prog);
	d_provdefs_free(s->provdefs);
	for (size_t i = 0; i < s->npen; i++)
		VEC_FREE(&s->pen[i].en);
	free(s->pen);
	prov_table_release(&s->probes);
	if (s->out_owned)
		fclose(s->out);
	else
		fflush(s->out);
	udt_options_release(&s->opts);
	free(s);
}

struct udt_options *
udt_options(struct udt_session *s)
{
	return &s->opts;
}

int
udt_setopt(struct udt_session *s, const char *name, const char *value)
{
	char err[256];

	if (udt_options_set(&s->opts, name, value, err, sizeof(err)) < 0) {
		msg_warn("failed to set -x %s: %s", name, err);
		return -1;
	}
	return 0;
}

void
udt_add_source(struct udt_session *s, int kind, const char *text,
	       const char *name)
{
	struct src_unit u = {
		.kind = kind,
		.text = xstrdup(text),
		.name = name ? xstrdup(name) : NULL,
	};

	VEC_PUSH(&s->units, u);
}

void
udt_set_args(struct udt_session *s, int argc, char *const *argv)
{
	for (int i = 0; i < s->argc; i++)
		free(s->argv[i]);
	free(s->argv);
	s->argc = argc;
	s->argv = xcalloc((size_t)argc + 1, sizeof(char *));
	for (int i = 0; i < argc; i++)
		s->argv[i] = xstrdup(argv[i]);
}

int
udt_add_cmd(struct udt_session *s, const char *cmd)
{
	VEC_PUSH(&s->cmds, xstrdup(cmd));
	return 0;
}

int
udt_add_pid(struct udt_session *s, pid_t pid)
{
	VEC_PUSH(&s->pids, pid);
	return 0;
}

int
udt_set_output(struct udt_session *s, const char *path)
{
	FILE *f;

	if (path == NULL) {
		s->out = stdout;
		return 0;
	}
	/* dtrace appends to -o files rather than truncating them. */
	f = fopen(path, "a");
	if (f == NULL) {
		msg_warn("failed to open output file '%s': %s", path,
			 strerror(errno));
		return -1;
	}
	if (s->out_owned)
		fclose(s->out);
	s->out = f;
	s->out_owned = 1;
	return 0;
}

/* --- Compiling ------------------------------------------------------ */

static struct prov_host host_for(struct udt_session *s);

/*
 * The name dtrace gives a -n program in its notices and errors: the
 * argument, cut before the first '{', '/' or ';' (so "BEGIN { x }" is
 * reported as 'BEGIN ').
 */
static char *
unit_desc_name(const struct src_unit *u)
{
	size_t n = strcspn(u->text, "{/;");

	return xstrndup(u->text, n);
}

static void
print_compile_error(struct udt_session *s, const struct d_error *e)
{
	struct strbuf sb;
	const struct src_unit *u = NULL;

	if (e->unit >= 0 && (size_t)e->unit < s->units.n)
		u = &s->units.v[e->unit];
	sb_init(&sb);
	if (u && u->kind == UDT_SRC_SCRIPT)
		sb_addf(&sb, "failed to compile script %s: ", u->name);
	else if (u)
		sb_addf(&sb, "invalid probe specifier %s: ", u->text);
	else
		sb_addstr(&sb, "failed to compile program: ");
	if (s->opts.errtags && e->tag[0])
		sb_addf(&sb, "[%s] ", e->tag);
	/* dt_set_errmsg(): a line number only for programs read from a
	   file; command-line programs name the region instead (the
	   compiler may already have put it in the message). */
	if (e->line > 0 && (!u || u->kind == UDT_SRC_SCRIPT))
		sb_addf(&sb, "line %d: ", e->line);
	else if (e->region[0])
		sb_addf(&sb, "in %s: ", e->region);
	sb_addstr(&sb, e->msg);
	/* Messages built by the compiler may end in a newline already. */
	while (sb.len && sb.buf[sb.len - 1] == '\n')
		sb_setlen(&sb, sb.len - 1);
	msg_warn("%s", sb.buf);
	sb_release(&sb);
}

static void set_error(struct d_error *e, int unit, const char *tag, int line,
		      const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

static void
set_error(struct d_error *e, int unit, const char *tag, int line,
	  const char *fmt, ...)
{
	va_list ap;

	memset(e, 0, sizeof(*e));
	e->unit = unit;
	e->line = line;
	snprintf(e->tag, sizeof(e->tag), "%s", tag);
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
}

static int
apply_pragmas(struct udt_session *s, struct d_error *e)
{
	const struct vm_prog *p = s->prog;

	for (uint32_t i = 0; i < p->noptions; i++) {
		const struct vm_option *o = &p->options[i];
		char err[256];

		if (udt_options_set_ctx(&s->opts, o->name, o->value,
					UDT_OPTCTX_PRAGMA, err,
					sizeof(err)) == 0)
			continue;
		if (o->value)
			set_error(e, -1, "D_PRAGMA_OPTSET", (int)o->line,
				  "failed to set option '%s' to '%s': %s",
				  o->name, o->value, err);
		else
			set_error(e, -1, "D_PRAGMA_OPTSET", (int)o->line,
				  "failed to set option '%s': %s", o->name,
				  err);
		return -1;
	}
	return 0;
}

static void
enable_on(struct udt_session *s, struct probe *p, uint32_t clause)
{
	struct probe_enablings *pe;
	struct vm_enabling en;

	if (s->npen < s->probes.n) {
		size_t n = s->probes.n;

		s->pen = xreallocarray(s->pen, n, sizeof(*s->pen));
		memset(s->pen + s->npen, 0, (n - s->npen) * sizeof(*s->pen));
		s->npen = n;
	}
	pe = &s->pen[p->id - 1];
	/* A clause enabled twice on one probe (two descriptions matching
	   it) still fires once, as in dtrace. Clauses are enabled in
	   order (match_probes()), so a repeat can only be the last entry:
	   checking that one keeps 10^5 clauses on BEGIN linear. */
	if (pe->en.n && pe->en.v[pe->en.n - 1].clause == clause)
		return;
	en.clause = clause;
	en.epid = s->next_epid++;
	VEC_PUSH(&pe->en, en);
}

static void
desc_full_name(const struct vm_probedesc *d, char *buf, size_t len)
{
	snprintf(buf, len, "%s:%s:%s:%s", d->prov, d->mod, d->func, d->name);
}

/* Which -n/-s unit a clause came from (for notices and errors). */
static int
clause_unit(const struct udt_session *s, uint32_t clause)
{
	uint32_t u = s->prog->clauses[clause]->unit;

	if (u < s->units.n)
		return (int)u;
	return s->units.n ? (int)s->units.n - 1 : -1;
}

/*
 * A description given as a probe ID ("-i 2", or "2" in a script): the
 * compiler leaves every field empty and the text the number (dtrace's
 * dt_node_pdesc_by_id()). Sets *id and returns 1 for one.
 */
static int
desc_probe_id(const struct vm_probedesc *pd, uint32_t *id)
{
	const char *t = pd->text;
	unsigned long long v;

	if (pd->prov[0] || pd->mod[0] || pd->func[0] || pd->name[0] ||
	    t == NULL || t[0] == '\0' || strspn(t, "0123456789") != strlen(t))
		return 0;
	errno = 0;
	v = strtoull(t, NULL, 10);
	*id = errno || v > UINT32_MAX ? 0 : (uint32_t)v;
	return 1;
}

/* Whether probe pr is one that description pd names. */
static int
desc_matches(const struct vm_probedesc *pd, const struct probe *pr)
{
	uint32_t id;

	if (desc_probe_id(pd, &id))
		return pr->id == id;
	return prov_match(pr, pd);
}

/* Lets every on-demand provider create the probes pd names. */
static void
provide_all(struct udt_session *s, const struct vm_probedesc *pd)
{
	struct prov_host h = host_for(s);

	for (size_t k = 0; k < prov_nall; k++)
		if (prov_all[k]->provide)
			prov_all[k]->provide(&h, &s->probes, pd);
}

void
sess_provide_error(struct udt_session *s, const char *msg)
{
	if (s->provide_failed)
		return;
	s->provide_failed = 1;
	snprintf(s->provide_msg, sizeof(s->provide_msg), "%s", msg);
}

/*
 * Enabling probes by the ten thousand (pid$target:::entry in a large
 * program) plants a breakpoint each and may take seconds: once it has
 * taken more than a second, udtrace says what it is doing, and at the
 * end how many and how long (not with -q). Cheaper than the enabling
 * itself: a clock read every 1024 probes, from the 8192nd.
 */
struct enable_progress {
	uint64_t t0; /* when the work began (finding the probes too) */
	size_t n;    /* probes enabled so far */
	int shown;   /* the first notice is out */
};

#define ENABLE_NOTICE_NS 1000000000ull
/* Fewer probes never make a person wait: no clock read, no notice that
   a loaded machine could make appear in the tests' output. */
#define ENABLE_NOTICE_MIN 8192

static void
enable_progress_tick(struct udt_session *s, struct enable_progress *ep,
		     pid_t pid)
{
	if (++ep->n % 1024 != 0 || ep->n < ENABLE_NOTICE_MIN || ep->shown ||
	    s->opts.quiet)
		return;
	if (sess_clock_ns(CLOCK_MONOTONIC) - ep->t0 < ENABLE_NOTICE_NS)
		return;
	ep->shown = 1;
	if (pid > 0)
		msg_warn("enabling probes in pid %d (%zu so far)...", (int)pid,
			 ep->n);
	else
		msg_warn("enabling probes (%zu so far)...", ep->n);
}

static void
enable_progress_end(const struct enable_progress *ep, pid_t pid)
{
	double secs;

	if (!ep->shown)
		return;
	secs = (double)(sess_clock_ns(CLOCK_MONOTONIC) - ep->t0) / 1e9;
	if (pid > 0)
		msg_warn("enabled %zu probes in pid %d in %.1f s", ep->n,
			 (int)pid, secs);
	else
		msg_warn("enabled %zu probes in %.1f s", ep->n, secs);
}

/* Probes that could not be enabled, named one by one in a pass. */
#define ENABLE_FAILS_SHOWN 10

/* "failed to enable probe P: why" (the provider's reason, when given). */
static void
enable_failed(const struct probe *pr, const char *why)
{
	if (why[0])
		msg_warn("failed to enable probe %s:%s:%s:%s: %s", pr->prov,
			 pr->mod, pr->func, pr->name, why);
	else
		msg_warn("failed to enable probe %s:%s:%s:%s", pr->prov,
			 pr->mod, pr->func, pr->name);
}

/*
 * New probes may exist in process pid (its modules changed): every
 * description that may name them is offered to the providers again, and
 * the probes created since are enabled for the clauses whose descriptions
 * match them, as if they had existed at compile time.
 */
void
sess_rematch(struct udt_session *s, pid_t pid)
{
	const struct vm_prog *p = s->prog;
	struct prov_host h = host_for(s);
	struct enable_progress ep = { 0, 0, 0 };
	char why[256];
	size_t first, nfailed = 0;

	if (p == NULL)
		return;
	h.why = why;
	h.whylen = sizeof(why);
	ep.t0 = sess_clock_ns(CLOCK_MONOTONIC);
	first = s->probes.n;
	for (uint32_t c = 0; c < p->nclauses; c++)
		for (uint32_t d = 0; d < p->clauses[c]->ndescs; d++) {
			const struct vm_probedesc *pd =
				&p->clauses[c]->descs[d];

			if (!sess_desc_names_pid(pd, pid))
				continue;
			provide_all(s, pd);
		}
	for (size_t i = first; i < s->probes.n; i++) {
		struct probe *pr = s->probes.probes[i];
		int enabled = 0;

		for (uint32_t c = 0; c < p->nclauses; c++) {
			const struct vm_clause *cl = p->clauses[c];
			int unit = clause_unit(s, c);

			for (uint32_t d = 0; d < cl->ndescs; d++) {
				if (!desc_matches(&cl->descs[d], pr))
					continue;
				enable_on(s, pr, c);
				enabled = 1;
				if (unit >= 0)
					s->units.v[unit].matches++;
			}
		}
		if (!enabled || s->opts.listmode || pr->ops->enable == NULL)
			continue;
		why[0] = '\0';
		if (pr->ops->enable(&h, pr) < 0 &&
		    nfailed++ < ENABLE_FAILS_SHOWN)
			enable_failed(pr, why);
		enable_progress_tick(s, &ep, pid);
	}
	/* A glob over a large program may name hundreds of functions that
	   cannot take a breakpoint: the first few by name, then a count. */
	if (nfailed > ENABLE_FAILS_SHOWN)
		msg_warn("failed to enable %zu more probe%s in pid %d",
			 nfailed - ENABLE_FAILS_SHOWN,
			 nfailed - ENABLE_FAILS_SHOWN == 1 ? "" : "s",
			 (int)pid);
	enable_progress_end(&ep, pid);
}

/*
 * DTrace's providers that live in the kernel (Solaris' and Oracle
 * Linux's), with what udtrace offers instead: udtrace sees processes
 * only, through ptrace.
 */
static const struct {
	const char *name, *instead;
} kernel_provs[] = {
	{ "fbt", "try pid$target:::entry for a process's functions, syscall "
		 "for the kernel boundary" },
	{ "kinst", "try pid$target:::entry for a process's functions, "
		   "syscall for the kernel boundary" },
	{ "rawtp", "try syscall for the kernel boundary, proc for process "
		   "events" },
	{ "sdt", "try the USDT probes of a program, PROVIDER$target:::NAME, "
		 "which udtrace -l -c CMD lists" },
	{ "sched", "try profile:::profile-997 for what runs on the CPUs, "
		   "proc for threads starting and exiting" },
	{ "lockstat", "try pid$target::pthread_mutex_lock:entry and "
		      "pid$target::pthread_mutex_unlock:entry for user locks" },
	{ "plockstat", "try pid$target::pthread_mutex_lock:entry and "
		       "pid$target::pthread_mutex_unlock:entry" },
	{ "ip", "try syscall::connect:entry, syscall::sendto:entry, "
		"syscall::recvfrom:entry and the other socket syscalls" },
	{ "tcp", "try syscall::connect:entry, syscall::accept4:entry, "
		 "syscall::sendto:entry, syscall::recvfrom:entry" },
	{ "udp", "try syscall::sendto:entry, syscall::sendmsg:entry, "
		 "syscall::recvfrom:entry, syscall::recvmsg:entry" },
	{ "perf", "try profile:::profile-997 for samples" },
	{ "cpc", "try profile:::profile-997 for samples" },
	{ "fpuinfo", "udtrace has nothing like it" },
	{ "mib", "try syscall for the socket calls of a process" },
	{ "sysinfo", "try syscall for what a process asks of the kernel" },
	{ "vminfo", "try syscall::mmap:entry, syscall::brk:entry and "
		    "syscall::munmap:entry" },
};

/* Whether name is one of udtrace's providers, or PROVIDER<digits> (pid's
   or a USDT provider's name with a process id). */
static int
known_provider(const char *name)
{
	char base[64];
	pid_t pid;

	for (size_t k = 0; k < prov_nall; k++)
		if (strcmp(prov_all[k]->name, name) == 0)
			return 1;
	return prov_name_pid(name, base, sizeof(base), &pid) == 0;
}

/*
 * What a person whose description pd matched nothing may do next: the
 * provider's own advice first (a close syscall name, the modules of a
 * process), then the session's about the provider field: a kernel-only
 * provider of DTrace's, pid without a process, a process that does not
 * exist, a provider udtrace does not have. 1 with buf set, else 0.
 */
static int
nomatch_advice(const struct vm_probedesc *pd, char *buf, size_t len)
{
	char base[64];
	pid_t pid;

	buf[0] = '\0';
	for (size_t k = 0; k < prov_nall; k++)
		if (prov_all[k]->nomatch_advice &&
		    prov_all[k]->nomatch_advice(pd, buf, len))
			return 1;
	buf[0] = '\0';
	if (pd->prov[0] == '\0' || strpbrk(pd->prov, "*?[\\"))
		return 0;
	for (size_t i = 0; i < sizeof(kernel_provs) / sizeof(kernel_provs[0]);
	     i++)
		if (strcmp(pd->prov, kernel_provs[i].name) == 0) {
			snprintf(buf, len,
				 "%s is a kernel provider; udtrace traces "
				 "processes only (%s)",
				 pd->prov, kernel_provs[i].instead);
			return 1;
		}
	if (strcmp(pd->prov, "pid") == 0 || strcmp(pd->prov, "pid0") == 0) {
		snprintf(buf, len,
			 "the pid provider needs a process: pid$target with "
			 "-c CMD or -p PID, or pidPID");
		return 1;
	}
	if (prov_name_pid(pd->prov, base, sizeof(base), &pid) == 0) {
		char path[64];

		snprintf(path, sizeof(path), "/proc/%d", (int)pid);
		if (pid > 0 && access(path, F_OK) != 0) {
			snprintf(buf, len, "there is no process %d", (int)pid);
			return 1;
		}
		return 0;
	}
	if (known_provider(pd->prov))
		return 0;
	snprintf(buf, len,
		 "no provider named %s: udtrace's providers are dtrace, "
		 "profile, syscall, proc, io, pid and the USDT providers of "
		 "processes, named with the process id (%s$target, %s1234); "
		 "udtrace -l lists the probes",
		 pd->prov, pd->prov, pd->prov);
	return 1;
}

/* The advice of nomatch_advice() on a line of its own, if any. */
static void
print_nomatch_advice(const struct vm_probedesc *pd)
{
	char advice[512];

	if (nomatch_advice(pd, advice, sizeof(advice)))
		msg_warn("%s", advice);
}

/*
 * After a -c command's first modules_changed: the first description of
 * the program that names its pid provider and still matches nothing
 * (dtrace would have refused it at compile time). 0, or -1 with the
 * error printed.
 */
int
sess_pending_unmatched(struct udt_session *s, pid_t pid)
{
	const struct vm_prog *p = s->prog;

	if (p == NULL)
		return 0;
	if (s->provide_failed) {
		struct d_error e;

		set_error(&e, s->units.n ? (int)s->units.n - 1 : -1,
			  "D_PDESC_ZERO", 0, "%s", s->provide_msg);
		print_compile_error(s, &e);
		return -1;
	}
	if (s->opts.zdefs)
		return 0;
	for (uint32_t c = 0; c < p->nclauses; c++)
		for (uint32_t d = 0; d < p->clauses[c]->ndescs; d++) {
			const struct vm_probedesc *pd =
				&p->clauses[c]->descs[d];
			struct d_error e;
			char name[512];
			size_t i;
			int unit = clause_unit(s, c);
			int script = unit >= 0 &&
				     s->units.v[unit].kind == UDT_SRC_SCRIPT;

			if (!sess_desc_names_pid(pd, pid))
				continue;
			for (i = 0; i < s->probes.n; i++)
				if (desc_matches(pd, s->probes.probes[i]))
					break;
			if (i < s->probes.n)
				continue;
			desc_full_name(pd, name, sizeof(name));
			set_error(&e, unit, "D_PDESC_ZERO",
				  script ? (int)pd->line : 0,
				  "probe description %s does not match any "
				  "probes",
				  name);
			print_compile_error(s, &e);
			print_nomatch_advice(pd);
			return -1;
		}
	return 0;
}

/* Why pd matched nothing, when a provider knows (prov_ops.nomatch_hint):
   1 with buf set, else 0 with buf empty. */
static int
nomatch_hint(const struct vm_probedesc *pd, char *buf, size_t len)
{
	buf[0] = '\0';
	for (size_t k = 0; k < prov_nall; k++)
		if (prov_all[k]->nomatch_hint &&
		    prov_all[k]->nomatch_hint(pd, buf, len))
			return 1;
	buf[0] = '\0';
	return 0;
}

static int
match_probes(struct udt_session *s, struct d_error *e)
{
	const struct vm_prog *p = s->prog;

	for (uint32_t c = 0; c < p->nclauses; c++) {
		const struct vm_clause *cl = p->clauses[c];
		int unit = clause_unit(s, c);

		for (uint32_t d = 0; d < cl->ndescs; d++) {
			const struct vm_probedesc *pd = &cl->descs[d];
			uint32_t matched = 0, id;
			int script = unit >= 0 &&
				     s->units.v[unit].kind == UDT_SRC_SCRIPT;

			if (desc_probe_id(pd, &id)) {
				struct probe *pr;

				/* dtrace_id2desc() fails at compile time,
				   whatever -Z says (-l too) */
				pr = prov_probe_lookup(&s->probes, id);
				if (pr == NULL) {
					set_error(e, unit, "D_PDESC_INVAL",
						  script ? (int)pd->line : 0,
						  "invalid probe identifier "
						  "%s: Unknown probe "
						  "identifier",
						  pd->text);
					return -1;
				}
				enable_on(s, pr, c);
				if (unit >= 0)
					s->units.v[unit].matches++;
				continue;
			}
			provide_all(s, pd);
			for (size_t i = 0; i < s->probes.n; i++) {
				struct probe *pr = s->probes.probes[i];

				if (!prov_match(pr, pd))
					continue;
				enable_on(s, pr, c);
				matched++;
			}
			if (unit >= 0)
				s->units.v[unit].matches += matched;
			if (s->provide_failed) {
				set_error(e, unit, "D_PDESC_ZERO",
					  script ? (int)pd->line : 0, "%s",
					  s->provide_msg);
				return -1;
			}
			/* A -c command's pid probes exist once it has
			   exec'd: judged then (sess_pending_unmatched()). */
			if (matched == 0 && !s->opts.zdefs &&
			    !sess_desc_pending(s, pd)) {
				char name[512], why[256];
				int hint = nomatch_hint(pd, why, sizeof(why));

				desc_full_name(pd, name, sizeof(name));
				nomatch_advice(pd, s->nomatch_advice,
					       sizeof(s->nomatch_advice));
				set_error(e, unit, "D_PDESC_ZERO",
					  script ? (int)pd->line : 0,
					  "probe description %s does not "
					  "match any probes%s%s%s",
					  name, hint ? " (" : "", why,
					  hint ? ")" : "");
				return -1;
			}
		}
	}
	return 0;
}

int
udt_compile(struct udt_session *s)
{
	struct d_source *srcs;
	struct d_compile_args args;
	struct d_error err;
	char **argv = s->argv;
	char *noargs[1] = { NULL };
	char **sargv = NULL;
	struct d_probe_resolver resolver = sess_resolver_proto;
	int rc;

	/* dtrace creates the -c processes (stopped before exec) and checks
	   the -p ones before compiling: $target is their pid. */
	if ((s->cmds.n || s->pids.n) && sess_trace_prepare(s) < 0)
		return -1;
	memset(&args, 0, sizeof(args));
	memset(&err, 0, sizeof(err));
	srcs = xcalloc(s->units.n ? s->units.n : 1, sizeof(*srcs));
	for (size_t i = 0; i < s->units.n; i++) {
		srcs[i].src = s->units.v[i].text;
		srcs[i].len = strlen(s->units.v[i].text);
		srcs[i].name = s->units.v[i].name;
		srcs[i].kind = s->units.v[i].kind;
	}
	if (argv == NULL) {
		noargs[0] = (char *)(s->units.n && s->units.v[0].name ?
					     s->units.v[0].name :
					     msg_progname);
		argv = noargs;
	}
	/* dtrace's compile_file() makes $0 the script's name as given
	   (for -n & co. it stays the name udtrace was run as). One $0
	   serves the whole program here: the script's when every unit is
	   a script (the first one's, when there are several). */
	if (s->units.n && argv != noargs) {
		size_t i;

		for (i = 0; i < s->units.n; i++)
			if (s->units.v[i].kind != UDT_SRC_SCRIPT)
				break;
		if (i == s->units.n) {
			sargv = xcalloc((size_t)s->argc + 1, sizeof(char *));
			memcpy(sargv, argv, (size_t)s->argc * sizeof(char *));
			sargv[0] = s->units.v[0].name;
			argv = sargv;
		}
	}
	args.srcs = srcs;
	args.nsrcs = s->units.n;
	args.argv = argv;
	args.argc = s->argv ? s->argc : 1;
	args.target = sess_target_pid(s);
	args.pid = s->self_pid;
	args.ppid = s->self_ppid;
	args.uid = s->self_uid;
	args.gid = s->self_gid;
	args.euid = geteuid();
	args.egid = getegid();
	args.pgid = getpgrp();
	args.sid = getsid(0);
	args.defaultargs = s->opts.defaultargs;
	args.strsize = (uint32_t)s->opts.strsize;
	args.destructive = s->opts.destructive;
	resolver.ctx = s;
	args.resolver = &resolver;
	args.prelude = prov_types_d;
	args.provdefs = &s->provdefs;

	rc = d_compile(&args, &s->prog, &err);
	if (rc < 0 && !strcmp(err.tag, "EDT_DESTRUCTIVE")) {
		/* dtrace finds this only when it enables the program, after
		   the "matched N probes" notices (and never with -e or -l):
		   compile it as if allowed and refuse in udt_go(). */
		args.destructive = 1;
		memset(&err, 0, sizeof(err));
		rc = d_compile(&args, &s->prog, &err);
		if (rc == 0)
			s->refuse_destructive = 1;
	}
	free(srcs);
	free(sargv);
	if (rc < 0) {
		print_compile_error(s, &err);
		return -1;
	}
	if (apply_pragmas(s, &err) < 0 || match_probes(s, &err) < 0) {
		if (err.unit < 0)
			err.unit = s->units.n ? (int)s->units.n - 1 : -1;
		print_compile_error(s, &err);
		if (s->nomatch_advice[0])
			msg_warn("%s", s->nomatch_advice);
		return -1;
	}
	s->compiled = 1;
	return 0;
}

/* --- Listing (-l) --------------------------------------------------- */

static void
print_attr(FILE *out, const char *title, const struct prov_attr *a)
{
	fprintf(out, "\n\t%s\n", title);
	fprintf(out, "\t\tIdentifier Names: %s\n", a->name);
	fprintf(out, "\t\tData Semantics:   %s\n", a->data);
	fprintf(out, "\t\tDependency Class: %s\n", a->class);
}

/* dtrace's print_probe_info(): a line per typed argument, or None. */
static void
list_arg_types(FILE *out, const struct probe *p)
{
	struct vm_type types[10];
	const char *names[10] = { NULL };
	int n = 0;

	memset(types, 0, sizeof(types));
	if (p->ops->arg_types)
		n = p->ops->arg_types(p, types, names);
	fprintf(out, "\n\tArgument Types\n");
	for (int i = 0; i < n && i < 10; i++)
		fprintf(out, "\t\targs[%d]: %s\n", i,
			names[i]      ? names[i] :
			types[i].name ? types[i].name :
					"int64_t");
	if (n <= 0)
		fprintf(out, "\t\tNone\n");
	fprintf(out, "\n");
}

/* One probe of dtrace's list mode; with -v, its print_probe_info(). */
static void
list_one(const struct udt_session *s, FILE *out, const struct probe *p)
{
	fprintf(out, "%5u %10s %17s %33s %s\n", p->id, p->prov, p->mod, p->func,
		p->name);
	if (!s->opts.stability)
		return;
	print_attr(out, "Probe Description Attributes", &p->ops->probe_attr);
	print_attr(out, "Argument Attributes", &p->ops->args_attr);
	list_arg_types(out, p);
}

/*
 * dtrace(1)'s list mode: with no program, every probe; else, for each
 * probe description of each clause in program order, the probes it
 * matches (a probe matched twice is listed twice), or "failed to match
 * P:M:F:N: No probe matches description" on stderr; the exit status
 * stays 0 either way.
 */
int
udt_list(struct udt_session *s, FILE *out)
{
	const struct vm_prog *p = s->prog;

	/* -c commands named by pid probes: their probes exist once they
	   have exec'd and their dynamic linker has done its work */
	if (sess_trace_needs_preinit(s) && sess_trace_preinit(s) < 0)
		return -1;
	fprintf(out, "%5s %10s %17s %33s %s\n", "ID", "PROVIDER", "MODULE",
		"FUNCTION", "NAME");
	if (s->units.n == 0 || p == NULL) {
		for (size_t i = 0; i < s->probes.n; i++)
			list_one(s, out, s->probes.probes[i]);
		fflush(out);
		return 0;
	}
	for (uint32_t c = 0; c < p->nclauses; c++) {
		const struct vm_clause *cl = p->clauses[c];

		for (uint32_t d = 0; d < cl->ndescs; d++) {
			const struct vm_probedesc *pd = &cl->descs[d];
			int n = 0;

			for (size_t i = 0; i < s->probes.n; i++) {
				if (!desc_matches(pd, s->probes.probes[i]))
					continue;
				list_one(s, out, s->probes.probes[i]);
				n++;
			}
			if (n == 0) {
				fflush(out);
				msg_warn(
					"failed to match %s:%s:%s:%s: No probe "
					"matches description",
					pd->prov, pd->mod, pd->func, pd->name);
				print_nomatch_advice(pd);
			}
		}
	}
	fflush(out);
	return 0;
}

/* --- Host services for the VM -------------------------------------- */

/*
 * In udtrace's own context, "user memory" is udtrace's: dtrace's
 * copyin() in BEGIN reads dtrace's own address space. process_vm_readv()
 * on ourselves turns a bad address into EFAULT instead of a crash.
 */
static int
self_read_mem(void *host, uint64_t addr, void *buf, size_t len)
{
	struct iovec local = { .iov_base = buf, .iov_len = len };
	struct iovec remote = { .iov_base = (void *)(uintptr_t)addr,
				.iov_len = len };
	ssize_t n;
	int rc;

	if (sess_syn_read(host, addr, buf, len, &rc))
		return rc;
	if (len == 0)
		return 0;
	n = process_vm_readv(getpid(), &local, 1, &remote, 1, 0);
	if (n < 0)
		return -errno;
	return (size_t)n == len ? 0 : -EFAULT;
}

static int
self_progenyof(void *host, int64_t pid)
{
	struct udt_session *s = host;

	return sess_progenyof(s, s->self_pid, pid);
}

/*
 * curpsinfo and curlwpsinfo in udtrace's own context describe udtrace,
 * as dtrace's do in BEGIN: built into the session's synthetic memory.
 */
static int
self_builtin(void *host, int which, uint64_t *out)
{
	struct udt_session *s = host;

	return sess_self_builtin(s, which, out);
}

static const struct vm_host_ops self_host_ops = {
	.builtin = self_builtin,
	.read_mem = self_read_mem,
	.write_mem = NULL,
	.ustack = NULL,
	.progenyof = self_progenyof,
	.ureg = NULL,
};

/* --- Firing and draining -------------------------------------------- */

static void
report_drop(struct udt_session *s, uint64_t now, uint64_t *last,
	    const char *tag, const char *what, const char *suffix)
{
	uint64_t n = now - *last;

	if (now <= *last)
		return;
	*last = now;
	msg_warn("%s%" PRIu64 " %s%s%s", s->opts.droptags ? tag : "", n, what,
		 n > 1 ? "s" : "", suffix);
}

static void
report_drops(struct udt_session *s)
{
	struct vm_drops d;

	vm_get_drops(s->vm, &d);
	cons_json_drops(s->cons, d.dynvar, d.spec, d.specbusy, d.specunavail,
			d.agg, d.buf);
	report_drop(s, d.dynvar, &s->reported.dynvar, "[DTRACEDROP_DYNAMIC] ",
		    "dynamic variable drop", "");
	report_drop(s, d.spec, &s->reported.spec, "[DTRACEDROP_SPEC] ",
		    "speculative drop", "");
	report_drop(s, d.specbusy, &s->reported.specbusy,
		    "[DTRACEDROP_SPECBUSY] ", "failed speculation",
		    " (available buffer(s) still busy)");
	report_drop(s, d.specunavail, &s->reported.specunavail,
		    "[DTRACEDROP_SPECUNAVAIL] ", "failed speculation",
		    " (no speculative buffer available)");
	if (d.agg > s->reported.agg) {
		uint64_t n = d.agg - s->reported.agg;

		s->reported.agg = d.agg;
		msg_warn("%s%" PRIu64 " aggregation drop%s on CPU 0",
			 s->opts.droptags ? "[DTRACEDROP_AGGREGATION] " : "", n,
			 n > 1 ? "s" : "");
	}
	if (d.buf > s->reported.buf) {
		uint64_t n = d.buf - s->reported.buf;

		s->reported.buf = d.buf;
		msg_warn("%s%" PRIu64 " drop%s on CPU 0",
			 s->opts.droptags ? "[DTRACEDROP_PRINCIPAL] " : "", n,
			 n > 1 ? "s" : "");
	}
}

/*
 * A write of the trace output failed (a full disk, a closed pipe: SIGPIPE
 * is blocked while tracing, so EPIPE comes back here instead of killing
 * us with the tracees still stopped). dtrace's dtrace_work() fails then
 * and dtrace(1) leaves at once through dfatal("processing aborted"):
 * tracing stops, the processes are let go, END is not fired.
 */
static void
output_failed(struct udt_session *s, int err)
{
	if (!s->out_errno)
		s->out_errno = err ? err : EIO;
	s->done = 1;
	s->impatient = 1;
}

void
sess_drain(struct udt_session *s)
{
	struct vm_recbuf *b = vm_recbuf(s->vm);
	uint64_t now;
	int status;

	if (b->nrecs) {
		int rv = cons_drain(s->cons, b, vm_aggstore(s->vm));

		if (rv < 0)
			output_failed(s, -rv);
		vm_recbuf_reset(b);
	}
	/* dtrace(1)'s chewrec() takes the status of every exit record it
	   sees, so an exit() in END overrides an earlier one. */
	if (vm_exited(s->vm, &status)) {
		if (!s->exit_called) {
			s->exit_called = 1;
			s->done = 1;
		}
		s->exit_status = status;
	}
	/* dtrace_status() reports drops at most once per statusrate (and
	   one last time at the end, udt_run()), not after every firing. */
	now = sess_clock_ns(CLOCK_MONOTONIC);
	if (s->last_status == 0 || now - s->last_status >= s->opts.statusrate) {
		s->last_status = now;
		report_drops(s);
	}
}

static void
fire_self(struct udt_session *s, struct probe *p)
{
	struct probe_enablings *pe;
	struct vm_probe_ctx ctx;

	if (p->id > s->npen)
		return;
	pe = &s->pen[p->id - 1];
	if (pe->en.n == 0)
		return;
	memset(&ctx, 0, sizeof(ctx));
	ctx.probe_id = p->id;
	ctx.prov = p->prov;
	ctx.mod = p->mod;
	ctx.func = p->func;
	ctx.name = p->name;
	ctx.nargs = p->ops == &prov_profile ? 2 : 0;
	/* profile's arg0 is the kernel pc, arg1 the user pc, exactly one
	   of them non-zero (Oracle's tst.argtest.d). Firing here, the
	   interrupted thread is udtrace's own, in user mode: arg1 is a pc
	   of udtrace's event loop. */
	if (ctx.nargs)
		ctx.args[1] = (uint64_t)(uintptr_t)__builtin_return_address(0);
	ctx.pid = s->self_pid;
	ctx.tid = s->self_tid;
	ctx.ppid = s->self_ppid;
	ctx.uid = s->self_uid;
	ctx.gid = s->self_gid;
	ctx.execname = s->self_execname;
	ctx.cpu = 0;
	ctx.timestamp = sess_clock_ns(CLOCK_MONOTONIC);
	ctx.walltimestamp = sess_clock_ns(CLOCK_REALTIME);
	ctx.vtimestamp = sess_clock_ns(CLOCK_THREAD_CPUTIME_ID);
	ctx.ops = &self_host_ops;
	ctx.host = s;
	vm_fire(s->vm, &ctx, pe->en.v, pe->en.n);
	sess_syn_invalidate(s);
	sess_drain(s);
}

/* --- Timers for tick-N / profile-N ---------------------------------- */

static int
timer_add(void *ctx, struct probe *p, uint64_t period)
{
	struct udt_session *s = ctx;
	struct timer t = {
		.probe = p,
		.period = period,
		.next = sess_clock_ns(CLOCK_MONOTONIC) + period,
	};

	VEC_PUSH(&s->timers, t);
	return 0;
}

static void
timer_del(void *ctx, struct probe *p)
{
	struct udt_session *s = ctx;

	for (size_t i = 0; i < s->timers.n; i++) {
		if (s->timers.v[i].probe != p)
			continue;
		memmove(&s->timers.v[i], &s->timers.v[i + 1],
			(s->timers.n - i - 1) * sizeof(s->timers.v[0]));
		s->timers.n--;
		return;
	}
}

void
sess_host_timers(struct udt_session *s, struct prov_host *h)
{
	h->timer_add = timer_add;
	h->timer_del = timer_del;
	h->ctx = s;
}

static struct prov_host
host_for(struct udt_session *s)
{
	struct prov_host h;

	memset(&h, 0, sizeof(h));
	sess_host_timers(s, &h);
	sess_trace_host(s, &h);
	return h;
}

const struct probe_enablings *
sess_enablings(const struct udt_session *s, const struct probe *p)
{
	if (p == NULL || p->id == 0 || p->id > s->npen)
		return NULL;
	return &s->pen[p->id - 1];
}

/* --- Going ---------------------------------------------------------- */

static void
fill_vm_opts(const struct udt_options *o, struct vm_opts *v)
{
	vm_opts_default(v);
	v->strsize = o->strsize;
	v->dynvarsize = o->dynvarsize;
	v->bufsize = o->bufsize;
	v->aggsize = o->aggsize;
	v->nspec = o->nspec;
	v->specsize = o->specsize;
	v->destructive = o->destructive;
	v->ustackframes = o->ustackframes;
	v->stackframes = o->stackframes;
}

static void
fill_cons_opts(const struct udt_options *o, struct cons_opts *c)
{
	cons_opts_default(c);
	c->quiet = o->quiet;
	c->flowindent = o->flowindent;
	c->timestamps = o->timestamps;
	c->aggsortkey = o->aggsortkey;
	c->aggsortrev = o->aggsortrev;
	c->aggsortkeypos = o->aggsortkeypos;
	c->aggsortpos = o->aggsortpos;
	c->rawbytes = o->rawbytes;
	c->stackindent = (int)o->stackindent;
	c->noresolve = o->noresolve;
	c->json = o->oformat && !strcmp(o->oformat, "json");
	c->stack_folded = o->stackfmt && !strcmp(o->stackfmt, "folded");
	c->testing = o->testing;
}

/* setopt() at run time: only options dtrace lets change while running. */
static int
runtime_setopt(void *ctx, const char *name, const char *value)
{
	struct udt_session *s = ctx;
	struct vm_opts v;
	struct cons_opts c;
	char err[256];

	if (udt_options_set_ctx(&s->opts, name, value, UDT_OPTCTX_ACTIVE, err,
				sizeof(err)) < 0) {
		/* dtrace_setopt()'s errors, as the consumer words them */
		if (!strcmp(err, "Invalid option name"))
			return -1;
		if (!udt_options_runtime(name))
			return -3; /* EDT_ACTIVE */
		return -2;
	}
	fill_vm_opts(&s->opts, &v);
	vm_state_set_opts(s->vm, &v);
	fill_cons_opts(&s->opts, &c);
	cons_set_opts(s->cons, &c);
	return 0;
}

static void
print_notices(struct udt_session *s)
{
	if (s->opts.quiet)
		return;
	for (size_t i = 0; i < s->units.n; i++) {
		const struct src_unit *u = &s->units.v[i];
		char *name;

		if (u->kind == UDT_SRC_SCRIPT) {
			msg_warn("script '%s' matched %u probe%s", u->name,
				 u->matches, u->matches == 1 ? "" : "s");
			continue;
		}
		name = unit_desc_name(u);
		msg_warn("description '%s' matched %u probe%s", name,
			 u->matches, u->matches == 1 ? "" : "s");
		free(name);
	}
}

/*
 * The stop signals are blocked and taken by sigtimedwait(). dtrace(1)
 * installs its handler for SIGINT and SIGTERM only when they are not
 * ignored (a command started in the background by a non-interactive
 * shell ignores SIGINT): an ignored one stays ignored here too.
 */
static void
block_stop_signals(sigset_t *set)
{
	sigemptyset(set);
	for (size_t i = 0; i < sizeof(stop_signals) / sizeof(int); i++) {
		struct sigaction old;
		int sig = stop_signals[i];

		if ((sig == SIGINT || sig == SIGTERM) &&
		    sigaction(sig, NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaddset(set, sig);
	}
	sigprocmask(SIG_BLOCK, set, NULL);
	/* SIGCHLD (a tracee stopped) too, so that it stays pending until
	   the loop's sigtimedwait() takes it; it is not a stop signal. */
	{
		sigset_t chld;

		sigemptyset(&chld);
		sigaddset(&chld, SIGCHLD);
		sigprocmask(SIG_BLOCK, &chld, NULL);
	}
}

/* The notices and the checks of dtrace_go() before tracing starts. */
static int
go_checks(struct udt_session *s)
{
	uint32_t total = 0;

	print_notices(s);
	for (size_t i = 0; i < s->units.n; i++)
		total += s->units.v[i].matches;
	/* dtrace(1): nothing to trace is an error unless -Z. */
	if (total == 0 && !s->opts.zdefs) {
		msg_warn("no probes %s", s->units.n ? "matched" : "specified");
		return -1;
	}
	if (s->refuse_destructive) {
		/* dtrace_go() refuses the program (EDT_DESTRUCTIVE) */
		msg_warn("could not enable tracing: Destructive actions not "
			 "allowed");
		return -1;
	}
	return 0;
}

int
udt_go(struct udt_session *s)
{
	struct vm_opts vo;
	struct cons_opts co;
	struct prov_host h = host_for(s);
	struct enable_progress ep = { 0, 0, 0 };
	char why[256];
	sigset_t set;
	int preinit;

	if (!s->compiled) {
		msg_warn("no program to run");
		return -1;
	}
	/* -c commands with pid probes are run to their preinit point
	   first (after the probes are enabled: their seccomp filter is
	   built from the syscall probes): their pid probes then count in
	   the notices, as dtrace's, which creates them before. */
	preinit = sess_trace_needs_preinit(s);
	if (!preinit && go_checks(s) < 0)
		return -1;
	fill_vm_opts(&s->opts, &vo);
	fill_cons_opts(&s->opts, &co);
	/* dtrace_go(): the principal buffer must hold one record, the
	   ERROR probe's at least (a 64-byte buffer is just enough in
	   Oracle's test suite, 59 is not): else EDT_BUFTOOSMALL. */
	if (vo.bufsize < 64) {
		msg_warn("could not enable tracing: Enabling exceeds size of "
			 "buffer");
		return -1;
	}
	s->vm = vm_state_create(s->prog, &vo);
	{
		struct cons_sym_ops so;

		sess_sym_ops(s, &so);
		s->cons = cons_create(s->out, stderr, &co, &so);
	}
	cons_set_setopt_cb(s->cons, runtime_setopt, s);
	if (s->npen >= PROV_ID_ERROR)
		vm_set_error_enablings(s->vm, PROV_ID_ERROR,
				       s->pen[PROV_ID_ERROR - 1].en.v,
				       s->pen[PROV_ID_ERROR - 1].en.n);

	/* Signals are taken synchronously by the event loop. */
	block_stop_signals(&set);

	ep.t0 = sess_clock_ns(CLOCK_MONOTONIC);
	h.why = why;
	h.whylen = sizeof(why);
	for (size_t i = 0; i < s->npen; i++) {
		struct probe *p = s->probes.probes[i];

		if (s->pen[i].en.n == 0 || p->ops->enable == NULL)
			continue;
		why[0] = '\0';
		if (p->ops->enable(&h, p) < 0) {
			enable_failed(p, why);
			return -1;
		}
		enable_progress_tick(s, &ep, 0);
	}
	h.why = NULL;
	enable_progress_end(&ep, 0);
	/* The syscall sets are known now: grab the -p processes (or every
	   process), then BEGIN, then let the -c commands exec. */
	if (sess_trace_attach(s) < 0)
		return -1;
	if (preinit && (sess_trace_preinit(s) < 0 || go_checks(s) < 0))
		return -1;
	s->going = 1;
	s->go_ns = sess_clock_ns(CLOCK_MONOTONIC);
	/* dtrace(1) says this once tracing is enabled, before it consumes
	   BEGIN's records; quiet (-q or the pragma) silences it */
	if (s->opts.destructive && !s->opts.quiet)
		msg_warn("allowing destructive actions");
	fire_self(s, prov_probe_lookup(&s->probes, PROV_ID_BEGIN));
	s->begun = 1;
	if (!s->done && sess_trace_run(s) < 0)
		return -1;
	return 0;
}

/* --- The event loop -------------------------------------------------- */

static void
fire_due_timers(struct udt_session *s)
{
	uint64_t now = sess_clock_ns(CLOCK_MONOTONIC);

	for (size_t i = 0; i < s->timers.n && !s->done; i++) {
		struct timer *t = &s->timers.v[i];

		if (t->next > now)
			continue;
		/* A late timer fires once, then keeps its phase (no burst
		   of catch-up firings, as dtrace's cyclics). */
		while (t->next <= now)
			t->next += t->period;
		/* profile-N samples the traced threads when there are
		   some; the samples fire it (session_trace.c) */
		if (t->probe->is_profile && sess_trace_sample(s, t->probe))
			continue;
		fire_self(s, t->probe);
	}
}

/* The loop's wait: what woke it (TGT_WOKE_*), and the listeners it
   polled with their revents. */
struct wait_state {
	unsigned woke;
	int sigfd; /* signalfd of the loop's set, made at the first poll */
	int npfd;
	struct pollfd pfd[1 + TGT_MAX_LISTENERS];
};

/*
 * Waits on the signals of set and on w's listeners (seccomp user
 * notifications of -c commands): the first signal taken, 0 for none (a
 * timeout or a listener), -1 when the poll cannot be made (then the
 * caller waits for signals alone).
 */
static int
wait_polled(struct wait_state *w, const sigset_t *set,
	    const struct timespec *tsp)
{
	struct signalfd_siginfo si;
	int n;

	if (w->sigfd < 0)
		w->sigfd = signalfd(-1, set, SFD_CLOEXEC | SFD_NONBLOCK);
	if (w->sigfd < 0)
		return -1;
	w->pfd[0].fd = w->sigfd;
	w->pfd[0].events = POLLIN;
	w->pfd[0].revents = 0;
	n = ppoll(w->pfd, (nfds_t)(1 + w->npfd), tsp, NULL);
	if (n <= 0)
		return 0;
	for (int i = 1; i <= w->npfd; i++)
		if (w->pfd[i].revents)
			w->woke |= TGT_WOKE_NOTIFY;
	if (!(w->pfd[0].revents & POLLIN) ||
	    read(w->sigfd, &si, sizeof(si)) != (ssize_t)sizeof(si))
		return 0;
	return (int)si.ssi_signo;
}

/*
 * Sleeps until a timer is due, a stop signal arrives, or (while processes
 * are traced: SIGCHLD is in set) a tracee stops or notifies. With poll
 * set, only takes a signal or notification already pending.
 */
static void
wait_for_event(struct udt_session *s, const sigset_t *set, int poll,
	       struct wait_state *w)
{
	struct timespec ts, *tsp = NULL;
	siginfo_t info;
	uint64_t now, next = UINT64_MAX;
	int sig = -1;

	for (size_t i = 0; i < s->timers.n; i++)
		if (s->timers.v[i].next < next)
			next = s->timers.v[i].next;
	if (poll) {
		ts.tv_sec = 0;
		ts.tv_nsec = 0;
		tsp = &ts;
	} else if (next != UINT64_MAX) {
		now = sess_clock_ns(CLOCK_MONOTONIC);
		next = next > now ? next - now : 0;
		ts.tv_sec = (time_t)(next / 1000000000ULL);
		ts.tv_nsec = (long)(next % 1000000000ULL);
		tsp = &ts;
	}
	/* While processes are traced, wake up at least once a second: the
	   target layer releases a new child whose parent's fork event never
	   came (the parent was killed) only when it is called. */
	if (!poll && sess_trace_active(s) && (tsp == NULL || ts.tv_sec >= 1)) {
		ts.tv_sec = 1;
		ts.tv_nsec = 0;
		tsp = &ts;
	}
	w->woke = 0;
	w->npfd = sess_trace_notify_fds(
		s, w->pfd + 1, (int)(sizeof(w->pfd) / sizeof(w->pfd[0])) - 1);
	if (w->npfd > 0)
		sig = wait_polled(w, set, tsp);
	if (sig < 0) {
		w->npfd = 0;
		sig = sigtimedwait(set, &info, tsp);
	}
	if (poll)
		w->woke |= TGT_WOKE_CHLD; /* the burst cut short goes on */
	if (sig == SIGCHLD) {
		w->woke |= TGT_WOKE_CHLD;
		return; /* a tracee stopped: the caller dispatches */
	}
	if (sig > 0) {
		if (s->done)
			s->impatient = 1; /* second ^C: leave at once */
		/* dtrace(1)'s intr(): the first ^C (or SIGTERM) puts a
		   newline on the output, after the "^C" the terminal
		   echoed, even when quiet; not in testing mode */
		else if ((sig == SIGINT || sig == SIGTERM) && !s->opts.testing)
			cons_print_newline(s->cons);
		s->done = 1;
	}
}

/*
 * dtrace's consumer sees the records, exit()'s among them, only when it
 * switches buffers, once per switchrate: with -x switchrate=10sec even
 * BEGIN { exit(0) } lasts ten seconds (Oracle's tst.switchrate.sh). We
 * print records as they come, but with a switchrate given, the end of
 * the run waits for the next switch (a signal cuts the wait short).
 * With the default rate, exit() takes effect at once.
 */
static void
wait_switch(struct udt_session *s, const sigset_t *set)
{
	uint64_t rate = s->opts.switchrate, now, end;

	now = sess_clock_ns(CLOCK_MONOTONIC);
	if (now < s->go_ns)
		return;
	end = s->go_ns + ((now - s->go_ns) / rate + 1) * rate;
	while ((now = sess_clock_ns(CLOCK_MONOTONIC)) < end) {
		struct timespec ts = {
			.tv_sec = (time_t)((end - now) / 1000000000ULL),
			.tv_nsec = (long)((end - now) % 1000000000ULL),
		};
		siginfo_t info;
		int sig = sigtimedwait(set, &info, &ts);

		if (sig > 0)
			return;
		if (sig < 0 && errno != EAGAIN && errno != EINTR)
			return;
	}
}

int
udt_run(struct udt_session *s)
{
	sigset_t set;
	struct prov_host h = host_for(s);
	struct wait_state w = { 0, -1, 0, { { 0, 0, 0 } } };
	int status;

	if (!s->going)
		return 1;
	block_stop_signals(&set);
	if (sess_trace_active(s))
		sigaddset(&set, SIGCHLD);
	while (!s->done) {
		/* Stops first (a tracee waits for us); a burst of them
		   still lets signals and timers through between rounds.
		   When every waiting stop was taken, the next one wakes
		   us with its SIGCHLD: sleep until then, or until a timer
		   (no empty round of waitid before it). Only what woke us
		   is looked at (a timeout: everything). */
		int busy = sess_trace_dispatch_from(s, w.woke, w.pfd + 1,
						    w.npfd) > 0 &&
			   sess_trace_more(s);

		if (s->done)
			break;
		wait_for_event(s, &set, busy, &w);
		if (!s->done)
			fire_due_timers(s);
	}
	if (w.sigfd >= 0)
		close(w.sigfd);
	/* Tracing ends here: every process is let go (a -p process runs
	   on untouched, -c commands still running are killed, as dtrace
	   does) before END fires. */
	sess_trace_detach(s);
	sess_drain(s); /* what the last firings left */
	sigdelset(&set, SIGCHLD);
	if (s->exit_called && s->opts.switchrate_set && s->opts.switchrate)
		wait_switch(s, &set);
	for (size_t i = 0; i < s->npen; i++) {
		struct probe *p = s->probes.probes[i];

		if (p->enabled && p->ops->disable)
			p->ops->disable(&h, p);
	}
	if (!s->impatient) {
		/* END may call exit() itself; its status then wins only if
		   none was given before (dtrace keeps the first). */
		s->done = 0;
		fire_self(s, prov_probe_lookup(&s->probes, PROV_ID_END));
		/* A ^C that arrives now makes us impatient. */
		{
			struct timespec zero = { 0, 0 };
			siginfo_t info;

			if (sigtimedwait(&set, &info, &zero) > 0)
				s->impatient = 1;
		}
	}
	/* dtrace ends every run with a newline on the output, then the
	   aggregations printa() has not printed (skipped when impatient). */
	if (!s->impatient)
		cons_print_remaining_aggs(s->cons, vm_aggstore(s->vm));
	else
		cons_print_newline(s->cons);
	report_drops(s);
	/* What END and the remaining aggregations wrote, checked too (a
	   full disk shows only when the stream's buffer is written). */
	{
		FILE *outs[2] = { cons_output(s->cons), s->out };

		for (size_t i = 0; i < 2; i++) {
			errno = 0;
			if ((fflush(outs[i]) == EOF || ferror(outs[i])) &&
			    !s->out_errno)
				s->out_errno = errno ? errno : EIO;
		}
	}
	if (s->out_errno) {
		msg_warn("processing aborted: %s", strerror(s->out_errno));
		return 1;
	}
	status = s->exit_called ? s->exit_status : 0;
	return status;
}
