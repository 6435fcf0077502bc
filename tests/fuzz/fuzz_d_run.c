/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzz target for the whole pipeline without a traced process: the input
 * is one D script, compiled with no arguments and -x defaultargs (so that
 * scripts using $1 or none compile alike); when it
 * compiles, its BEGIN clauses run in the VM (vm_state_create, vm_fire),
 * the records go through the consumer (cons_drain) to /dev/null, then END
 * fires and the remaining aggregations are printed, as the session does
 * for `udtrace -s script` when BEGIN calls exit(). ERROR clauses are
 * enabled, so runtime faults exercise the ERROR path too. D has no loops,
 * so every run ends; the buffers are kept small (64k) so that the drop
 * paths (dynamic variables, aggregations, the principal buffer) are
 * reached. Memory reads (copyin...) see a fake 4k page at FAKE_ADDR and
 * fault everywhere else, so a run does not depend on udtrace's own
 * address space. A crash, a leak, an abort or a hang is a bug. With
 * FUZZ_RUN_STDOUT set in the environment, the output goes to stdout (to
 * see what an input does when replayed).
 */
#include "config.h"

#include <errno.h>
#include <fnmatch.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "consumer/cons.h"
#include "d/d.h"
#include "fuzz.h"
#include "vm/vm.h"

#define FUZZ_MAX_INPUT (64 * 1024)
#define FAKE_ADDR 0x10000ULL
#define FAKE_SIZE 4096
#define FUZZ_PID 4242

enum { P_BEGIN, P_END, P_ERROR, NPROBES };

static const char *const probe_names[NPROBES] = { "BEGIN", "END", "ERROR" };

static uint8_t fake_mem[FAKE_SIZE];

static int
fake_read(void *host, uint64_t addr, void *buf, size_t len)
{
	(void)host;
	if (addr < FAKE_ADDR || len > FAKE_SIZE ||
	    addr - FAKE_ADDR > FAKE_SIZE - len)
		return -EFAULT;
	memcpy(buf, fake_mem + (addr - FAKE_ADDR), len);
	return 0;
}

static int
fake_progenyof(void *host, int64_t pid)
{
	(void)host;
	return pid == FUZZ_PID || pid == 1;
}

static const struct vm_host_ops fake_ops = {
	.read_mem = fake_read,
	.progenyof = fake_progenyof,
};

/* Whether one field of a description matches (empty matches all). */
static int
field_match(const char *pat, const char *s)
{
	return pat == NULL || pat[0] == '\0' || fnmatch(pat, s, 0) == 0;
}

static int
desc_match(const struct vm_probedesc *d, const char *name)
{
	return field_match(d->prov, "dtrace") && field_match(d->mod, "") &&
	       field_match(d->func, "") && field_match(d->name, name);
}

struct enablings {
	struct vm_enabling *v;
	size_t n;
};

/* The clauses enabled on each probe, EPIDs given in clause order. */
static void
enable(const struct vm_prog *prog, struct enablings en[NPROBES])
{
	uint32_t epid = 1;

	for (int p = 0; p < NPROBES; p++) {
		en[p].v = calloc(prog->nclauses ? prog->nclauses : 1,
				 sizeof(*en[p].v));
		if (en[p].v == NULL)
			abort();
		en[p].n = 0;
	}
	for (uint32_t c = 0; c < prog->nclauses; c++) {
		const struct vm_clause *cl = prog->clauses[c];

		for (int p = 0; p < NPROBES; p++) {
			for (uint32_t d = 0; d < cl->ndescs; d++) {
				if (!desc_match(&cl->descs[d], probe_names[p]))
					continue;
				en[p].v[en[p].n].clause = c;
				en[p].v[en[p].n].epid = epid++;
				en[p].n++;
				break;
			}
		}
	}
}

static void
fire(struct vm_state *st, struct cons *c, int probe, const struct enablings *en)
{
	struct vm_probe_ctx ctx;
	struct vm_recbuf *b;

	if (en->n == 0)
		return;
	memset(&ctx, 0, sizeof(ctx));
	ctx.probe_id = (uint32_t)probe + 1; /* BEGIN 1, END 2, ERROR 3 */
	ctx.prov = "dtrace";
	ctx.mod = "";
	ctx.func = "";
	ctx.name = probe_names[probe];
	ctx.pid = ctx.tid = FUZZ_PID;
	ctx.ppid = 1;
	ctx.execname = "udtrace";
	ctx.timestamp = 1000000000ULL;
	ctx.walltimestamp = 1700000000000000000ULL;
	ctx.vtimestamp = 1000;
	ctx.ops = &fake_ops;
	ctx.host = NULL;
	vm_fire(st, &ctx, en->v, en->n);
	b = vm_recbuf(st);
	if (b->nrecs) {
		(void)cons_drain(c, b, vm_aggstore(st));
		vm_recbuf_reset(b);
	}
}

/*
 * Whether text holds a printf-style width or precision of 7 digits or
 * more ("%999999999d", "%.9999999s"): printing one takes that many bytes
 * of memory and time (udtrace formats a record in memory; dtrace streams
 * it), which only makes the fuzzer time out. Such inputs are compiled but
 * not run.
 */
static int
huge_width(const char *text, size_t len)
{
	const char *end = text + len, *p = text;

	/* The text may hold NULs (the compiler reads len bytes). */
	while ((p = memchr(p, '%', (size_t)(end - p))) != NULL) {
		size_t n = 0;

		/* flags, width, '.', precision: in any order, as far as the
		   format parser goes */
		for (p++; p < end && *p && strchr("-+ #0'?@.*123456789", *p);
		     p++) {
			n = *p >= '0' && *p <= '9' ? n + 1 : 0;
			if (n >= 7)
				return 1;
		}
	}
	return 0;
}

static int
ignore_setopt(void *ctx, const char *name, const char *value)
{
	(void)ctx;
	(void)value;
	return strcmp(name, "quiet") == 0 ? 0 : -1;
}

static void
run(struct vm_prog *prog)
{
	static FILE *devnull;
	struct enablings en[NPROBES];
	struct vm_opts vo;
	struct cons_opts co;
	struct vm_state *st;
	struct vm_drops drops;
	struct cons *c;
	int status;

	if (devnull == NULL) {
		devnull = getenv("FUZZ_RUN_STDOUT") ? stdout :
						      fopen("/dev/null", "w");
		if (devnull == NULL)
			abort();
		for (size_t i = 0; i < FAKE_SIZE; i++)
			fake_mem[i] = (uint8_t)(i * 7 + 1);
	}
	enable(prog, en);
	vm_opts_default(&vo);
	vo.dynvarsize = 64 * 1024;
	vo.bufsize = 64 * 1024;
	vo.aggsize = 64 * 1024;
	vo.specsize = 4096;
	vo.nspec = 2;
	cons_opts_default(&co);
	st = vm_state_create(prog, &vo);
	c = cons_create(devnull, devnull, &co, NULL);
	cons_set_setopt_cb(c, ignore_setopt, NULL);
	vm_set_error_enablings(st, 3, en[P_ERROR].v, en[P_ERROR].n);

	fire(st, c, P_BEGIN, &en[P_BEGIN]);
	(void)vm_exited(st, &status);
	fire(st, c, P_END, &en[P_END]);
	(void)cons_print_remaining_aggs(c, vm_aggstore(st));
	vm_get_drops(st, &drops);
	vm_thread_gone(st, FUZZ_PID);

	cons_destroy(c);
	vm_state_destroy(st);
	for (int p = 0; p < NPROBES; p++)
		free(en[p].v);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char arg0[] = "fuzz.d";
	char *const argv[] = { arg0, NULL };
	struct d_compile_args args;
	struct d_source src;
	struct d_error err;
	struct vm_prog *prog = NULL;
	char *text;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	if (size)
		memcpy(text, data, size);
	text[size] = '\0';

	memset(&src, 0, sizeof(src));
	src.src = text;
	src.len = size;
	src.name = "fuzz.d";
	src.kind = D_SRC_SCRIPT;

	memset(&args, 0, sizeof(args));
	args.srcs = &src;
	args.nsrcs = 1;
	args.argv = argv;
	args.argc = 1;
	args.defaultargs = 1; /* unset $N are 0 or "" (no D_MACRO_UNUSED) */
	args.pid = FUZZ_PID;
	args.ppid = 1;
	args.pgid = args.sid = FUZZ_PID;
	args.strsize = 256;
	args.destructive = 0;

	memset(&err, 0, sizeof(err));
	if (d_compile(&args, &prog, &err) == 0) {
		if (prog == NULL)
			abort();
		if (!huge_width(text, size))
			run(prog);
		vm_prog_free(prog);
	}
	free(text);
	return 0;
}
