/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The providers' translated types (prov_types.h) against their D
 * declarations (prov_types_d): a program compiled with prov_types_d as
 * the prelude traces offsetof() of every member and sizeof() of every
 * type, and the values the real compiler and VM produce must be C's.
 * Then the same program reads structs the C side filled (psinfo_t and
 * lwpsinfo_t of this very process, from prov_psinfo_fill) through D
 * pointers, served by a fake read_mem, and must see what this process
 * knows of itself: its pid, parent, process group, uid, thread count,
 * the name it gave itself and the arguments it was started with.
 */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "common/strbuf.h"
#include "d/d.h"
#include "providers/prov_types.h"
#include "tap.h"
#include "vm/vm.h"

struct member {
	const char *type, *name; /* D */
	size_t off;		 /* C */
};

#define PS(m)                                                                  \
	{                                                                      \
		"psinfo_t", #m, offsetof(struct prov_psinfo, m)                \
	}
#define LW(m)                                                                  \
	{                                                                      \
		"lwpsinfo_t", #m, offsetof(struct prov_lwpsinfo, m)            \
	}
#define BU(m)                                                                  \
	{                                                                      \
		"bufinfo_t", #m, offsetof(struct prov_bufinfo, m)              \
	}
#define DE(m)                                                                  \
	{                                                                      \
		"devinfo_t", #m, offsetof(struct prov_devinfo, m)              \
	}
#define FI(m)                                                                  \
	{                                                                      \
		"fileinfo_t", #m, offsetof(struct prov_fileinfo, m)            \
	}
#define SI(d, c)                                                               \
	{                                                                      \
		"siginfo_t", d, offsetof(struct prov_siginfo, c)               \
	}

static const struct member members[] = {
	PS(pr_flag),
	PS(pr_nlwp),
	PS(pr_pid),
	PS(pr_ppid),
	PS(pr_pgid),
	PS(pr_sid),
	PS(pr_uid),
	PS(pr_euid),
	PS(pr_gid),
	PS(pr_egid),
	PS(pr_addr),
	PS(pr_size),
	PS(pr_rssize),
	PS(pr_pad1),
	PS(pr_ttydev),
	PS(pr_pctcpu),
	PS(pr_pctmem),
	PS(pr_start),
	PS(pr_time),
	PS(pr_ctime),
	PS(pr_fname),
	PS(pr_psargs),
	PS(pr_wstat),
	PS(pr_argc),
	PS(pr_argv),
	PS(pr_envp),
	PS(pr_dmodel),
	PS(pr_pad2),
	PS(pr_taskid),
	PS(pr_projid),
	PS(pr_nzomb),
	PS(pr_poolid),
	PS(pr_zoneid),
	PS(pr_contract),
	PS(pr_filler),
	PS(pr_lwp),
	LW(pr_flag),
	LW(pr_lwpid),
	LW(pr_addr),
	LW(pr_wchan),
	LW(pr_stype),
	LW(pr_state),
	LW(pr_sname),
	LW(pr_nice),
	LW(pr_syscall),
	LW(pr_oldpri),
	LW(pr_cpu),
	LW(pr_pri),
	LW(pr_pctcpu),
	LW(pr_pad),
	LW(pr_start),
	LW(pr_time),
	LW(pr_clname),
	LW(pr_name),
	LW(pr_onpro),
	LW(pr_bindpro),
	LW(pr_bindpset),
	LW(pr_lgrp),
	LW(pr_filler),
	BU(b_flags),
	BU(b_bcount),
	BU(b_addr),
	BU(b_lblkno),
	BU(b_blkno),
	BU(b_resid),
	BU(b_bufsize),
	BU(b_iodone),
	BU(b_error),
	BU(b_edev),
	DE(dev_major),
	DE(dev_minor),
	DE(dev_instance),
	DE(dev_name),
	DE(dev_statname),
	DE(dev_pathname),
	FI(fi_name),
	FI(fi_dirname),
	FI(fi_pathname),
	FI(fi_offset),
	FI(fi_fs),
	FI(fi_mount),
	FI(fi_oflags),
	SI("si_signo", si_signo),
	SI("si_code", si_code),
	SI("si_errno", si_errno),
	SI("si_pid", pid),
	SI("si_uid", uid),
	SI("si_addr", addr),
	SI("si_status", status),
	SI("si_band", band),
};

#define NMEMBERS (sizeof(members) / sizeof(members[0]))

/*
 * D lays structs out as dtrace does (CTF's ctf_add_member): no padding
 * after the last member, so a D struct's size is where its last member
 * ends, which is C's sizeof() minus the tail padding (fileinfo_t: 1292
 * in D, 1296 in C). The offsets, which are what matters, are C's.
 */
#define END(s, m) (offsetof(struct s, m) + sizeof(((struct s *)0)->m))

static const struct {
	const char *type;
	size_t size;
} sizes[] = {
	{ "psinfo_t", END(prov_psinfo, pr_lwp) },
	{ "lwpsinfo_t", END(prov_lwpsinfo, pr_filler) },
	{ "bufinfo_t", END(prov_bufinfo, b_edev) },
	{ "devinfo_t", END(prov_devinfo, dev_pathname) },
	{ "fileinfo_t", END(prov_fileinfo, fi_oflags) },
	{ "siginfo_t", END(prov_siginfo, band) },
	{ "timestruc_t", END(prov_timestruc, tv_nsec) },
};

#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))

/*
 * The memory the D program reads: this process's psinfo_t at PS_ADDR, in
 * a page of zeros (a string read -- stringof() of a char array -- reads up
 * to strsize bytes, past the end of the struct).
 */
#define PS_ADDR 0x10000ULL
#define PS_PAGE 4096
static struct prov_psinfo fake_ps;

static int
fake_read(void *host, uint64_t addr, void *buf, size_t len)
{
	(void)host;
	if (addr < PS_ADDR || len > PS_PAGE || addr - PS_ADDR > PS_PAGE - len)
		return -EFAULT;
	memset(buf, 0, len);
	addr -= PS_ADDR;
	if (addr < sizeof(fake_ps))
		memcpy(buf, (const char *)&fake_ps + addr,
		       len < sizeof(fake_ps) - addr ? len :
						      sizeof(fake_ps) - addr);
	return 0;
}

static const struct vm_host_ops fake_ops = {
	.read_mem = fake_read,
};

/* The reads through psinfo_t * at PS_ADDR (each traces one value). */
static const char *const reads[] = {
	"pr_pid",    "pr_ppid", "pr_pgid",	   "pr_sid",
	"pr_uid",    "pr_nlwp", "pr_lwp.pr_lwpid", "pr_start.tv_sec",
	"pr_dmodel", "pr_argc", "pr_ttydev",
};

#define NREADS (sizeof(reads) / sizeof(reads[0]))
#define P "((psinfo_t *)0x10000)->"

/* The D program; free() it. */
static char *
program(void)
{
	struct strbuf sb;

	sb_init(&sb);
	sb_addstr(&sb, "BEGIN\n{\n");
	for (size_t i = 0; i < NMEMBERS; i++)
		sb_addf(&sb, "\ttrace(offsetof(%s, %s));\n", members[i].type,
			members[i].name);
	for (size_t i = 0; i < NSIZES; i++)
		sb_addf(&sb, "\ttrace(sizeof(%s));\n", sizes[i].type);
	for (size_t i = 0; i < NREADS; i++)
		sb_addf(&sb, "\ttrace(" P "%s);\n", reads[i]);
	sb_addstr(&sb, "\ttrace(stringof(" P "pr_fname));\n"
		       "\ttrace(stringof(" P "pr_psargs));\n"
		       "\ttrace(stringof(" P "pr_lwp.pr_name));\n"
		       "}\n");
	return sb_detach(&sb, NULL);
}

static const struct vm_datum *
datum(const struct vm_recbuf *b, size_t *i)
{
	while (*i < b->nrecs) {
		const struct vm_rec *r = &b->recs[(*i)++];

		if (r->type == VM_REC_TRACE && r->n == 1)
			return &r->d[0];
	}
	return NULL;
}

static int
run(struct vm_prog *prog, const char *self_args)
{
	struct vm_opts o;
	struct vm_state *st;
	struct vm_probe_ctx ctx;
	struct vm_enabling en = { 0, 1 };
	const struct vm_recbuf *b;
	const struct vm_datum *d;
	int64_t want[NREADS];
	size_t i = 0, bad = 0;

	vm_opts_default(&o);
	st = vm_state_create(prog, &o);
	memset(&ctx, 0, sizeof(ctx));
	ctx.probe_id = 1;
	ctx.prov = "dtrace";
	ctx.mod = ctx.func = "";
	ctx.name = "BEGIN";
	ctx.execname = "t_prov_types";
	ctx.ops = &fake_ops;
	vm_fire(st, &ctx, &en, 1);
	b = vm_recbuf(st);
	if (b->nrecs == 1 && b->recs[0].type == VM_REC_ERROR)
		diag("fault %d at %#llx in action %u", b->recs[0].u.err.fault,
		     (unsigned long long)b->recs[0].u.err.addr,
		     b->recs[0].u.err.action_no);

	for (size_t k = 0; k < NMEMBERS; k++) {
		d = datum(b, &i);
		if (d == NULL || d->type != VM_D_INT ||
		    d->i != members[k].off) {
			diag("offsetof(%s, %s): D %lld, C %zu", members[k].type,
			     members[k].name, d ? (long long)d->i : -1LL,
			     members[k].off);
			bad++;
		}
	}
	is_int(bad, 0, "D offsetof() = C offsetof() for all %zu members",
	       NMEMBERS);
	bad = 0;
	for (size_t k = 0; k < NSIZES; k++) {
		d = datum(b, &i);
		if (d == NULL || d->i != sizes[k].size) {
			diag("sizeof(%s): D %lld, C %zu", sizes[k].type,
			     d ? (long long)d->i : -1LL, sizes[k].size);
			bad++;
		}
	}
	is_int(bad, 0, "D sizeof() = the end of the last C member, %zu types",
	       NSIZES);

	/* what this process knows of itself */
	want[0] = getpid();
	want[1] = getppid();
	want[2] = getpgrp();
	want[3] = getsid(0);
	want[4] = getuid();
	want[5] = 1;
	want[6] = getpid();
	want[7] = fake_ps.pr_start.tv_sec;
	want[8] = 2; /* PR_MODEL_LP64 */
	want[9] = 3; /* argv[0] plus the two arguments main() added */
	want[10] = (int64_t)fake_ps.pr_ttydev;
	for (size_t k = 0; k < NREADS; k++) {
		d = datum(b, &i);
		ok(d && d->type == VM_D_INT && (int64_t)d->i == want[k],
		   "D reads ->%s = %lld", reads[k], (long long)want[k]);
	}
	d = datum(b, &i);
	ok(d && d->type == VM_D_STR && !strcmp(d->s, "t_prov_types"),
	   "D reads pr_fname: the name prctl() gave us");
	d = datum(b, &i);
	ok(d && d->type == VM_D_STR && !strcmp(d->s, self_args),
	   "D reads pr_psargs: \"%s\"", self_args);
	d = datum(b, &i);
	ok(d && d->type == VM_D_STR && !strcmp(d->s, "t_prov_types"),
	   "D reads pr_lwp.pr_name (a struct in a struct)");
	vm_state_destroy(st);
	return 0;
}

static void
test_fill(const char *self_args)
{
	struct prov_lwpsinfo lw;
	char big[80];
	size_t n;

	is_int(prov_psinfo_fill(getpid(), &fake_ps), 0, "psinfo of ourselves");
	ok(fake_ps.pr_pid == getpid() && fake_ps.pr_ppid == getppid() &&
		   fake_ps.pr_euid == geteuid() &&
		   fake_ps.pr_egid == getegid() && fake_ps.pr_gid == getgid(),
	   "psinfo: pid, ppid, euid, gid, egid");
	/* cut to pr_psargs' 79 characters */
	n = strlen(self_args);
	if (n > sizeof(big) - 1)
		n = sizeof(big) - 1;
	memcpy(big, self_args, n);
	big[n] = '\0';
	is_str(fake_ps.pr_psargs, big, "psinfo: pr_psargs, argv joined");
	ok(fake_ps.pr_argv != 0 && fake_ps.pr_envp == fake_ps.pr_argv + 8 * 4,
	   "psinfo: pr_envp after argv[3] and its NULL");
	ok(fake_ps.pr_start.tv_sec <= time(NULL) &&
		   fake_ps.pr_start.tv_sec > time(NULL) - 3600,
	   "psinfo: pr_start, wall time, not later than now");
	is_int(prov_lwpsinfo_fill(getpid(), (pid_t)syscall(SYS_gettid), &lw), 0,
	       "lwpsinfo of this thread");
	ok(lw.pr_lwpid == getpid() && lw.pr_sname == 'R' && lw.pr_state == 2,
	   "lwpsinfo: our tid, running (SRUN, 'R')");
	is_str(lw.pr_name, "t_prov_types", "lwpsinfo: pr_name");
	is_int(prov_tgid_of((pid_t)syscall(SYS_gettid)), getpid(),
	       "prov_tgid_of(our tid) is our pid");
	ok(prov_psinfo_fill(0x7ffffff0, &fake_ps) < 0,
	   "psinfo of a pid that does not exist: an error");
	prov_psinfo_fill(getpid(), &fake_ps);
}

int
main(int argc, char **argv)
{
	struct d_source src;
	struct d_compile_args a;
	struct d_error err;
	struct vm_prog *prog = NULL;
	char *code, args[4096];

	/* Known arguments: re-exec with two of them. */
	if (argc == 1) {
		static char one[] = "one", two[] = "two words";
		char *nargv[] = { argv[0], one, two, NULL };

		execv("/proc/self/exe", nargv);
		printf("Bail out! re-exec: %s\n", strerror(errno));
		return 1;
	}
	snprintf(args, sizeof(args), "%s %s %s", argv[0], argv[1], argv[2]);
	prctl(PR_SET_NAME, "t_prov_types", 0, 0, 0);

	test_fill(args);

	code = program();
	memset(&src, 0, sizeof(src));
	src.src = code;
	src.len = strlen(code);
	src.name = "t_prov_types.d";
	src.kind = D_SRC_SCRIPT;
	memset(&a, 0, sizeof(a));
	a.srcs = &src;
	a.nsrcs = 1;
	a.strsize = 256;
	a.prelude = prov_types_d;
	if (!ok(d_compile(&a, &prog, &err) == 0, "the prelude compiles")) {
		diag("%s line %d: %s", err.tag, err.line, err.msg);
	} else {
		run(prog, args);
		vm_prog_free(prog);
	}
	free(code);
	return done_testing();
}
