/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * bench: what one clause costs in the D VM, without a tracee. Each clause
 * below goes through the real compiler (d_compile(), as -n TEXT) and is
 * fired N times through vm_fire() on a fake syscall::read:entry context,
 * as the session fires it (src/session_trace.c, host_fire): the record
 * buffer is handed over every 256 records, thrown away (the VM's part
 * alone), or formatted by the consumer into /dev/null (the "-cons" rows,
 * the session's part too), never into a terminal. arg0 takes 16 values
 * (i % 16), so keyed aggregations have several keys.
 *
 *   vm_bench [N [NAME...]]      (N default 1000000; NAMEs: all by default)
 *   vm_bench -l                 lists the clauses: "clause NAME D-TEXT"
 *
 * Prints "vm NAME NS_PER_FIRING" per clause: the median of 5 timed loops
 * of N firings (CLOCK_MONOTONIC around each loop). After the loops, what
 * the clause did is checked (aggregation totals, records, no fault, no
 * drop): a clause that faults would be fast and wrong. A clause that
 * fails to compile or the check prints "vm NAME failed" and its reason on
 * stderr; the exit status is then 1 (2 on a usage error).
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "consumer/cons.h"
#include "d/d.h"
#include "vm/vm.h"

#define LOOPS 5
/* The session drains the buffer at this many records (host_fire). */
#define FLUSH_RECS 256
#define NKEYS 16

/* What a clause must have done after all its firings. */
enum check {
	CHK_NONE,     /* nothing visible (self-> variables) */
	CHK_AGG_SUM,  /* aggregation 0's values add up to the firings */
	CHK_AGG_NONE, /* aggregation 0 has no entry (predicate false) */
	CHK_PRINTF,   /* one printf record per firing */
};

struct bench_case {
	const char *name;
	const char *src; /* as given to -n */
	int consume;	 /* records through the consumer, into /dev/null */
	enum check check;
};

/* The probe every clause is enabled on (ctx_init() fakes its firing). */
#define PROBE "syscall::read:entry "
#define PRINTF "{ printf(\"%d %s\\n\", arg0, execname); }"

static const struct bench_case cases[] = {
	{ "empty", PROBE "{ }", 0, CHK_NONE },
	{ "count", PROBE "{ @c = count(); }", 0, CHK_AGG_SUM },
	/* issue 7's target: the typical clause */
	{ "agg-str-int", PROBE "{ @a[execname, arg0] = count(); }", 0,
	  CHK_AGG_SUM },
	{ "pred-false", PROBE "/arg0 == 12345/ { @c = count(); }", 0,
	  CHK_AGG_NONE },
	{ "printf", PROBE PRINTF, 0, CHK_PRINTF },
	{ "printf-cons", PROBE PRINTF, 1, CHK_PRINTF },
	{ "self-var", PROBE "{ self->ts = timestamp; }", 0, CHK_NONE },
};

#define NCASES (sizeof(cases) / sizeof(cases[0]))

/* No clause here reads memory: any read is a fault the check reports. */
static int
no_mem(void *host, uint64_t addr, void *buf, size_t len)
{
	(void)host;
	(void)addr;
	(void)buf;
	(void)len;
	return -EFAULT;
}

static const struct vm_host_ops bench_ops = {
	.read_mem = no_mem,
};

/* One clause's run: its program, state, consumer and counters. */
struct run {
	const struct bench_case *bc;
	struct vm_prog *prog;
	struct vm_state *st;
	struct cons *cons; /* NULL: records are thrown away */
	struct vm_enabling *en;
	size_t nen;
	struct vm_probe_ctx ctx;
	uint64_t fired, errors, printfs;
	int cons_failed;
};

static FILE *devnull;

static int
compile(const char *text, struct vm_prog **prog)
{
	static char arg0[] = "udtrace";
	char *const argv[] = { arg0, NULL };
	struct d_compile_args args;
	struct d_source src;
	struct d_error err;

	memset(&src, 0, sizeof(src));
	src.src = text;
	src.len = strlen(text);
	src.kind = D_SRC_NAME;
	memset(&args, 0, sizeof(args));
	args.srcs = &src;
	args.nsrcs = 1;
	args.argv = argv;
	args.argc = 1;
	args.pid = args.pgid = args.sid = getpid();
	args.ppid = getppid();
	args.strsize = 256;
	memset(&err, 0, sizeof(err));
	if (d_compile(&args, prog, &err) == 0)
		return 0;
	fprintf(stderr, "vm_bench: %s: [%s] %s\n", text, err.tag, err.msg);
	return -1;
}

/* A syscall::read:entry firing in a traced "getppid_loop" (pid 4242). */
static void
ctx_init(struct vm_probe_ctx *c)
{
	memset(c, 0, sizeof(*c));
	c->probe_id = 42;
	c->prov = "syscall";
	c->mod = "vmlinux";
	c->func = "read";
	c->name = "entry";
	c->nargs = 6;
	c->pid = c->tid = 4242;
	c->ppid = 1;
	c->uid = c->gid = 1000;
	c->execname = "getppid_loop";
	c->timestamp = 1000000000ULL;
	c->walltimestamp = 1700000000000000000ULL;
	c->ops = &bench_ops;
}

static int
run_init(struct run *r, const struct bench_case *bc)
{
	struct vm_opts vo;
	struct cons_opts co;

	memset(r, 0, sizeof(*r));
	r->bc = bc;
	if (compile(bc->src, &r->prog) < 0)
		return -1;
	/* Every clause of the program on the one probe, EPIDs from 1. */
	r->en = calloc(r->prog->nclauses + 1, sizeof(*r->en));
	if (r->en == NULL) {
		perror("vm_bench");
		exit(1);
	}
	for (uint32_t i = 0; i < r->prog->nclauses; i++) {
		r->en[i].clause = i;
		r->en[i].epid = i + 1;
	}
	r->nen = r->prog->nclauses;
	vm_opts_default(&vo);
	r->st = vm_state_create(r->prog, &vo);
	if (bc->consume) {
		cons_opts_default(&co);
		co.quiet = 1;
		r->cons = cons_create(devnull, stderr, &co, NULL);
	}
	ctx_init(&r->ctx);
	return 0;
}

static void
run_release(struct run *r)
{
	if (r->cons)
		cons_destroy(r->cons);
	if (r->st)
		vm_state_destroy(r->st);
	vm_prog_free(r->prog);
	free(r->en);
}

/* Hands the buffer over: counted, consumed or not, reset. */
static void
flush(struct run *r, struct vm_recbuf *b)
{
	for (size_t i = 0; i < b->nrecs; i++) {
		if (b->recs[i].type == VM_REC_ERROR)
			r->errors++;
		else if (b->recs[i].type == VM_REC_PRINTF)
			r->printfs++;
	}
	if (r->cons && cons_drain(r->cons, b, vm_aggstore(r->st)) < 0)
		r->cons_failed = 1;
	vm_recbuf_reset(b);
}

static uint64_t
now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

/* n firings; returns the ns they took. */
static uint64_t
fire_loop(struct run *r, long n)
{
	struct vm_recbuf *b = vm_recbuf(r->st);
	uint64_t t0, t1;

	t0 = now_ns();
	for (long i = 0; i < n; i++) {
		r->ctx.args[0] = (uint64_t)(i % NKEYS);
		r->ctx.timestamp += 1000;
		vm_fire(r->st, &r->ctx, r->en, r->nen);
		if (b->nrecs >= FLUSH_RECS)
			flush(r, b);
	}
	t1 = now_ns();
	flush(r, b);
	r->fired += (uint64_t)n;
	return t1 - t0;
}

/* Aggregation 0's entries: their count, and the sum of their first
   value (a count() or sum()). */
static size_t
agg_sum(struct run *r, int64_t *sum)
{
	struct vm_aggstore *as = vm_aggstore(r->st);
	struct vm_agg_entry **e;
	size_t n;

	*sum = 0;
	if (vm_agg_count(as) == 0)
		return 0;
	n = vm_agg_entries(as, 0, &e);
	for (size_t i = 0; i < n; i++)
		*sum += e[i]->data[0];
	free(e);
	return n;
}

/* NULL when the clause did what it says, else why not. */
static const char *
check(struct run *r, long n)
{
	struct vm_drops d;
	int64_t sum;
	size_t nent;

	vm_get_drops(r->st, &d);
	if (r->errors)
		return "the clause faulted";
	if (d.dynvar || d.agg || d.buf || d.spec)
		return "drops";
	if (r->cons_failed)
		return "the consumer failed";
	nent = agg_sum(r, &sum);
	switch (r->bc->check) {
	case CHK_AGG_SUM:
		if (sum != (int64_t)r->fired)
			return "the aggregation's total is not the firings";
		if (strchr(r->bc->src, '[') &&
		    nent != (size_t)(n < NKEYS ? n : NKEYS))
			return "not one aggregation key per arg0";
		break;
	case CHK_AGG_NONE:
		if (nent)
			return "the predicate let firings through";
		break;
	case CHK_PRINTF:
		if (r->printfs != r->fired)
			return "not one printf record per firing";
		break;
	case CHK_NONE:
		break;
	}
	return NULL;
}

static int
cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Runs one clause and prints its line; 0, or -1 when it failed. */
static int
bench_one(const struct bench_case *bc, long n)
{
	uint64_t t[LOOPS];
	struct run r;
	const char *why;
	int rc = 0;

	if (run_init(&r, bc) < 0) {
		run_release(&r);
		printf("vm %s failed\n", bc->name);
		return -1;
	}
	for (int i = 0; i < LOOPS; i++)
		t[i] = fire_loop(&r, n);
	why = check(&r, n);
	if (why) {
		fprintf(stderr, "vm_bench: %s: %s\n", bc->name, why);
		printf("vm %s failed\n", bc->name);
		rc = -1;
	} else {
		qsort(t, LOOPS, sizeof(t[0]), cmp_u64);
		printf("vm %s %.1f\n", bc->name,
		       (double)t[LOOPS / 2] / (double)n);
	}
	fflush(stdout);
	run_release(&r);
	return rc;
}

static const struct bench_case *
find_case(const char *name)
{
	for (size_t i = 0; i < NCASES; i++)
		if (strcmp(cases[i].name, name) == 0)
			return &cases[i];
	return NULL;
}

static void
usage(void)
{
	fprintf(stderr, "usage: vm_bench [N [NAME...]] | -l\nNAMEs:");
	for (size_t i = 0; i < NCASES; i++)
		fprintf(stderr, " %s", cases[i].name);
	fprintf(stderr, "\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	long n = 1000000;
	char *end;
	int rc = 0;

	if (argc == 2 && strcmp(argv[1], "-l") == 0) {
		for (size_t i = 0; i < NCASES; i++)
			printf("clause %s %s\n", cases[i].name, cases[i].src);
		return 0;
	}
	if (argc > 1) {
		n = strtol(argv[1], &end, 10);
		if (end == argv[1] || *end != '\0' || n <= 0)
			usage();
	}
	for (int i = 2; i < argc; i++)
		if (find_case(argv[i]) == NULL)
			usage();
	devnull = fopen("/dev/null", "w");
	if (devnull == NULL) {
		perror("vm_bench: /dev/null");
		return 1;
	}
	if (argc > 2) {
		for (int i = 2; i < argc; i++)
			if (bench_one(find_case(argv[i]), n) < 0)
				rc = 1;
	} else {
		for (size_t i = 0; i < NCASES; i++)
			if (bench_one(&cases[i], n) < 0)
				rc = 1;
	}
	fclose(devnull);
	return rc;
}
