/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * dtrace's option table: every name libdtrace knows (Oracle dtrace-utils,
 * libdtrace/dt_options.c: its compile-time, run-time and dynamic run-time
 * tables), each with the way dtrace parses its value, the default
 * (dt_open.c, and the bufsize/aggsize that dtrace(1) sets), where it may be
 * set from, and the field of struct udt_options that receives it. Options
 * that mean nothing to udtrace yet are still parsed and validated exactly
 * as dtrace does, so that scripts which set them keep working; the table
 * says "accepted, no effect yet" for each of them.
 *
 * dtrace's value rules are kept even where they surprise: a flag given any
 * number (even -x quiet=0) is set, because dtrace only tests "set or
 * unset"; an empty value or one of no/disable/disabled/false/off/unset
 * unsets it; compile-time flags (zdefs, errtags...) refuse any value;
 * rates without a suffix are nanoseconds.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/xalloc.h"
#include "session_opts.h"

#define NANOSEC 1000000000ULL

/* The D API versions dtrace defines (dt_version.h), DT_VERSION_NUMBER'd. */
#define VERS(M, m, u)                                                          \
	((uint32_t)((((M)&0xFF) << 24) | (((m)&0xFFF) << 12) | ((u)&0xFFF)))
#define VERS_LATEST VERS(2, 0, 1)

static const uint32_t versions[] = {
	VERS(1, 0, 0), VERS(1, 1, 0), VERS(1, 2, 0), VERS(1, 2, 1),
	VERS(1, 2, 2), VERS(1, 3, 0), VERS(1, 4, 0), VERS(1, 4, 1),
	VERS(1, 5, 0), VERS(1, 6, 0), VERS(1, 6, 1), VERS(1, 6, 2),
	VERS(1, 6, 3), VERS(1, 6, 4), VERS(2, 0, 0), VERS(2, 0, 1),
};

/* dtrace's error strings (dt_error.c), and strerror(EOVERFLOW). */
static const char ERR_NAME[] = "Invalid option name";
static const char ERR_VAL[] = "Invalid value for specified option";
static const char ERR_CTX[] = "Option cannot be used from within a D program";
static const char ERR_ACTIVE[] = "Operation illegal when tracing is active";
static const char ERR_OVERFLOW[] = "Value too large for defined data type";
static const char ERR_VERSINVAL[] =
	"Version is not properly formatted or is too large";
/* Oracle's newest test suite (err.version.r: -xversion=99.1) expects
   this, where older releases said "Requested version is not supported by
   compiler" */
static const char ERR_VERSUNDEF[] = "Operation not supported";
static const char ERR_VERSREDUCED[] =
	"Requested version conflicts with earlier setting";

enum opt_kind {
	K_RTFLAG,    /* dt_opt_runtime() on a flag */
	K_RTNUM,     /* dt_opt_runtime() on a number */
	K_FRAMES,    /* same, at most perf_event_max_stack (Oracle, 2025) */
	K_CFLAG,     /* compile-time flag: no value allowed; sets it */
	K_CFLAG_INV, /* same, clears it */
	K_ANY,	     /* any value or none; sets it */
	K_NOARG,     /* no value allowed */
	K_SIZE,	     /* dt_opt_size(): none = 0 */
	K_SIZEARG,   /* a size that must be given (preallocate) */
	K_STRSIZE,   /* dt_opt_strsize(): 2 .. UINT_MAX */
	K_RATE,	     /* dt_opt_rate(): none = 0 */
	K_ENUM,	     /* one of vals (exact) */
	K_ENUMCASE,  /* one of vals, case-insensitive */
	K_STR,	     /* any string, must be given */
	K_INTGE0,    /* atoi() >= 0 */
	K_INTGT0,    /* atoi() > 0 */
	K_IREGS,     /* atoi() == the register count (8) */
	K_LOCKMEM,   /* must be given; anything goes (dtrace ignores errors) */
	K_VERSION,   /* a defined D API version, not above the current one */
	K_AMIN,	     /* a stability attribute triple */
	K_CPPOPT,    /* -D/-I/-U: prefix + value appended to the cpp args */
	K_CPPARGS,   /* whitespace-separated cpp args */
	K_CPPHDRS,   /* no value; appends -H */
	K_LIBDIR,    /* appended to the library path */
};

enum opt_class {
	C_CT,  /* compile time: settable anywhere */
	C_RT,  /* run time: not once tracing is active */
	C_DRT, /* dynamic run time: anywhere */
};

enum field_type { F_NONE, F_INT, F_SIZE, F_U32, F_U64, F_STR };

struct opt_desc {
	const char *name;
	unsigned char kind, class, ftype;
	unsigned char noprog; /* "cannot be used from within a D program" */
	size_t off;
	const char *const *vals; /* K_ENUM*, K_CPPOPT (vals[0] = prefix) */
};

#define FLD(f) offsetof(struct udt_options, f)

static const char *const v_bufpolicy[] = { "ring", "fill", "switch", NULL };
static const char *const v_bufresize[] = { "auto", "manual", NULL };
static const char *const v_evaltime[] = { "exec", "preinit", "postinit", "main",
					  NULL };
static const char *const v_linkmode[] = { "kernel", "dynamic", "static", NULL };
static const char *const v_linktype[] = { "elf", "dof", NULL };
static const char *const v_xlate[] = { "dynamic", "static", NULL };
static const char *const v_stdc[] = { "a", "c", "s", "t", NULL };
static const char *const v_debugassert[] = { "mutexes", NULL };
static const char *const v_oformat[] = { "text", "json", NULL };
static const char *const v_stackfmt[] = { "default", "folded", NULL };
static const char *const v_placement[] = { "follow", "none", NULL };
static const char *const v_sysentry[] = { "notify", "stop", NULL };
static const char *const p_define[] = { "-D", NULL };
static const char *const p_incdir[] = { "-I", NULL };
static const char *const p_undef[] = { "-U", NULL };

#define O(n, k, c, t, f)                                                       \
	{                                                                      \
		n, k, c, t, 0, f, NULL                                         \
	}
#define OV(n, k, c, t, f, v)                                                   \
	{                                                                      \
		n, k, c, t, 0, f, v                                            \
	}
#define ONP(n, k, t, f, v)                                                     \
	{                                                                      \
		n, k, C_CT, t, 1, f, v                                         \
	}

static const struct opt_desc opts[] = {
	/* compile-time options */
	O("aggpercpu", K_NOARG, C_CT, F_INT, FLD(aggpercpu)),
	/* amin: accepted, no effect yet (no stability attributes) */
	O("amin", K_AMIN, C_CT, F_NONE, 0),
	/* argref: accepted, no effect yet (unused $N args are an error
	   unless set: the compiler does not read it yet) */
	O("argref", K_CFLAG, C_CT, F_NONE, 0),
	/* core: accepted, no effect (dtrace dumps core at exit) */
	O("core", K_NOARG, C_CT, F_NONE, 0),
	O("cpp", K_CFLAG, C_CT, F_INT, FLD(cpp)),
	ONP("cppargs", K_CPPARGS, F_NONE, 0, NULL),
	ONP("cpphdrs", K_CPPHDRS, F_INT, FLD(cpphdrs), NULL),
	ONP("cpppath", K_STR, F_STR, FLD(cpppath), NULL),
	/* ctypes, dtypes, ctfpath: accepted, no effect (CTF) */
	O("ctypes", K_STR, C_CT, F_NONE, 0),
	ONP("ctfpath", K_STR, F_NONE, 0, NULL),
	O("defaultargs", K_CFLAG, C_CT, F_INT, FLD(defaultargs)),
	/* debug, debugassert: accepted, no effect (libdtrace debugging) */
	O("debug", K_NOARG, C_CT, F_NONE, 0),
	OV("debugassert", K_ENUM, C_CT, F_NONE, 0, v_debugassert),
	ONP("define", K_CPPOPT, F_STR, FLD(define), p_define),
	/* disasm: accepted, no effect yet (used by -S) */
	O("disasm", K_INTGE0, C_CT, F_STR, FLD(disasm)),
	O("droptags", K_ANY, C_CT, F_INT, FLD(droptags)),
	O("dtypes", K_STR, C_CT, F_NONE, 0),
	/* empty: accepted, no effect yet (permit empty programs) */
	O("empty", K_CFLAG, C_CT, F_NONE, 0),
	O("errtags", K_CFLAG, C_CT, F_INT, FLD(errtags)),
	OV("evaltime", K_ENUM, C_CT, F_STR, FLD(evaltime), v_evaltime),
	ONP("incdir", K_CPPOPT, F_STR, FLD(incdir), p_incdir),
	/* iregs, tregs, tree, pgmax, useruid, lazyload, ldpath, linktype,
	   linknommap, modpath, procfspath, syslibdir, sysslice, pspec,
	   kdefs, knodefs, late, udefs, unodefs, strip: accepted, no effect
	   (BPF/kernel/linker internals of dtrace) */
	O("iregs", K_IREGS, C_CT, F_NONE, 0),
	O("kdefs", K_CFLAG_INV, C_CT, F_NONE, 0),
	O("knodefs", K_CFLAG, C_CT, F_NONE, 0),
	OV("late", K_ENUM, C_CT, F_NONE, 0, v_xlate),
	O("lazyload", K_ANY, C_CT, F_NONE, 0),
	ONP("ldpath", K_STR, F_NONE, 0, NULL),
	/* libdir: stored; udtrace has no D library directory to load yet */
	O("libdir", K_LIBDIR, C_CT, F_NONE, 0),
	OV("linkmode", K_ENUM, C_CT, F_STR, FLD(linkmode), v_linkmode),
	OV("linktype", K_ENUMCASE, C_CT, F_NONE, 0, v_linktype),
	O("linknommap", K_ANY, C_CT, F_NONE, 0),
	ONP("modpath", K_STR, F_NONE, 0, NULL),
	O("nolibs", K_CFLAG, C_CT, F_INT, FLD(nolibs)),
	O("pgmax", K_INTGE0, C_CT, F_NONE, 0),
	/* preallocate: accepted, no effect (dtrace test-allocates) */
	O("preallocate", K_SIZEARG, C_CT, F_NONE, 0),
	/* placement: udtrace's own CPU (udtrace's; src/target/tgt_place.c):
	   follow the traced threads (default) or leave it to the scheduler */
	OV("placement", K_ENUM, C_CT, F_STR, FLD(placement), v_placement),
	/* sysentry: how a -c command's syscall entries reach udtrace
	   (udtrace's; src/target/tgt_notify.c): always a stop (default),
	   or a seccomp notification where the clauses need no stopped
	   thread */
	OV("sysentry", K_ENUM, C_CT, F_STR, FLD(sysentry), v_sysentry),
	ONP("procfspath", K_STR, F_NONE, 0, NULL),
	O("pspec", K_CFLAG, C_CT, F_NONE, 0),
	ONP("stdc", K_ENUM, F_STR, FLD(stdc), v_stdc),
	O("strip", K_CFLAG, C_CT, F_NONE, 0),
	O("syslibdir", K_STR, C_CT, F_NONE, 0),
	O("sysslice", K_STR, C_CT, F_NONE, 0),
	O("tree", K_INTGT0, C_CT, F_NONE, 0),
	O("tregs", K_INTGT0, C_CT, F_NONE, 0),
	O("udefs", K_CFLAG_INV, C_CT, F_NONE, 0),
	ONP("undef", K_CPPOPT, F_STR, FLD(undef), p_undef),
	O("unodefs", K_CFLAG, C_CT, F_NONE, 0),
	O("useruid", K_INTGE0, C_CT, F_NONE, 0),
	O("verbose", K_CFLAG, C_CT, F_INT, FLD(verbose)),
	O("version", K_VERSION, C_CT, F_STR, FLD(version)),
	O("zdefs", K_CFLAG, C_CT, F_INT, FLD(zdefs)),

	/* run-time options */
	O("aggsize", K_SIZE, C_RT, F_SIZE, FLD(aggsize)),
	/* bpflog, bpflogsize, cpu, grabanon, lockmem, maxframes, pcapsize,
	   scratchsize: accepted, no effect (BPF and kernel buffers, -a) */
	O("bpflog", K_RTFLAG, C_RT, F_NONE, 0),
	O("bpflogsize", K_SIZE, C_RT, F_NONE, 0),
	O("bufsize", K_SIZE, C_RT, F_SIZE, FLD(bufsize)),
	OV("bufpolicy", K_ENUM, C_RT, F_STR, FLD(bufpolicy), v_bufpolicy),
	OV("bufresize", K_ENUM, C_RT, F_STR, FLD(bufresize), v_bufresize),
	O("cleanrate", K_RATE, C_RT, F_U64, FLD(cleanrate)),
	O("cpu", K_RTNUM, C_RT, F_NONE, 0),
	O("destructive", K_RTFLAG, C_RT, F_INT, FLD(destructive)),
	O("dynvarsize", K_SIZE, C_RT, F_SIZE, FLD(dynvarsize)),
	O("grabanon", K_RTFLAG, C_RT, F_NONE, 0),
	O("jstackframes", K_FRAMES, C_RT, F_U32, FLD(jstackframes)),
	O("jstackstrsize", K_SIZE, C_RT, F_U32, FLD(jstackstrsize)),
	O("lockmem", K_LOCKMEM, C_RT, F_NONE, 0),
	O("maxframes", K_FRAMES, C_RT, F_NONE, 0),
	O("nspec", K_RTNUM, C_RT, F_U32, FLD(nspec)),
	O("pcapsize", K_SIZE, C_RT, F_NONE, 0),
	O("scratchsize", K_SIZE, C_RT, F_NONE, 0),
	O("specsize", K_SIZE, C_RT, F_SIZE, FLD(specsize)),
	O("stackframes", K_FRAMES, C_RT, F_U32, FLD(stackframes)),
	O("statusrate", K_RATE, C_RT, F_U64, FLD(statusrate)),
	O("strsize", K_STRSIZE, C_RT, F_SIZE, FLD(strsize)),
	O("ustackframes", K_FRAMES, C_RT, F_U32, FLD(ustackframes)),
	O("noresolve", K_RTFLAG, C_RT, F_INT, FLD(noresolve)),
	/* udtrace extensions (FreeBSD has oformat), run-time class */
	OV("oformat", K_ENUM, C_RT, F_STR, FLD(oformat), v_oformat),
	OV("stackfmt", K_ENUM, C_RT, F_STR, FLD(stackfmt), v_stackfmt),

	/* dynamic run-time options */
	O("aggrate", K_RATE, C_DRT, F_U64, FLD(aggrate)),
	O("aggsortkey", K_RTFLAG, C_DRT, F_INT, FLD(aggsortkey)),
	O("aggsortkeypos", K_RTFLAG, C_DRT, F_INT, FLD(aggsortkeypos)),
	O("aggsortpos", K_RTNUM, C_DRT, F_INT, FLD(aggsortpos)),
	O("aggsortrev", K_RTFLAG, C_DRT, F_INT, FLD(aggsortrev)),
	O("flowindent", K_RTFLAG, C_DRT, F_INT, FLD(flowindent)),
	O("quiet", K_RTFLAG, C_DRT, F_INT, FLD(quiet)),
	/* quietresize, printsize: accepted, no effect (no resizing; no
	   print() action yet) */
	O("quietresize", K_RTFLAG, C_DRT, F_NONE, 0),
	O("rawbytes", K_RTFLAG, C_DRT, F_INT, FLD(rawbytes)),
	O("stackindent", K_RTNUM, C_DRT, F_U32, FLD(stackindent)),
	O("switchrate", K_RATE, C_DRT, F_U64, FLD(switchrate)),
	O("printsize", K_SIZE, C_DRT, F_NONE, 0),
};

#define NOPTS (sizeof(opts) / sizeof(opts[0]))

/* Default of a numeric field (what an unset run-time number returns to). */
static uint64_t
field_default(size_t off)
{
	if (off == FLD(strsize))
		return 256;
	if (off == FLD(bufsize) || off == FLD(aggsize) || off == FLD(specsize))
		return 4 << 20;
	if (off == FLD(dynvarsize))
		return 1 << 20;
	if (off == FLD(nspec))
		return 1;
	if (off == FLD(stackframes))
		return 20;
	if (off == FLD(ustackframes))
		return 100;
	if (off == FLD(stackindent))
		return 14;
	if (off == FLD(jstackframes))
		return 50;
	if (off == FLD(jstackstrsize))
		return 512;
	if (off == FLD(switchrate) || off == FLD(aggrate) ||
	    off == FLD(statusrate))
		return NANOSEC;
	if (off == FLD(cleanrate))
		return NANOSEC / 99;
	return 0;
}

void
udt_options_init(struct udt_options *o)
{
	size_t i;

	memset(o, 0, sizeof(*o));
	for (i = 0; i < NOPTS; i++) {
		const struct opt_desc *d = &opts[i];
		char *p = (char *)o + d->off;

		switch (d->ftype) {
		case F_SIZE:
			*(size_t *)(void *)p = (size_t)field_default(d->off);
			break;
		case F_U32:
			*(uint32_t *)(void *)p =
				(uint32_t)field_default(d->off);
			break;
		case F_U64:
			*(uint64_t *)(void *)p = field_default(d->off);
			break;
		default:
			break;
		}
	}
	o->vmax = VERS_LATEST;
}

static void
free_list(char **v, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
udt_options_release(struct udt_options *o)
{
	char **strs[] = { &o->bufpolicy, &o->bufresize, &o->evaltime,
			  &o->oformat,	 &o->stackfmt,	&o->linkmode,
			  &o->disasm,	 &o->version,	&o->incdir,
			  &o->define,	 &o->undef,	&o->cpppath,
			  &o->stdc,	 &o->placement, &o->sysentry };
	size_t i;

	for (i = 0; i < sizeof(strs) / sizeof(strs[0]); i++) {
		free(*strs[i]);
		*strs[i] = NULL;
	}
	free_list(o->cppargv, o->cppargc);
	free_list(o->libdirs, o->nlibdirs);
	o->cppargv = o->libdirs = NULL;
	o->cppargc = o->nlibdirs = 0;
}

/* strtoull(base 0) of all of s, refusing negatives, >= 2^63 and overflow
   (dtrace's negtest and signed dtrace_optval_t checks). */
static int
parse_u63(const char *s, uint64_t *out, const char **endp)
{
	char *end;
	unsigned long long v;

	if (strtoll(s, NULL, 0) < 0)
		return -1;
	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno != 0 || v > INT64_MAX)
		return -1;
	*out = v;
	*endp = end;
	return 0;
}

int
udt_parse_size(const char *s, uint64_t *out)
{
	size_t len = strlen(s);
	uint64_t mul = 1, v;
	const char *end;

	if (len > 0) {
		switch (s[len - 1]) {
		case 't':
		case 'T':
			mul = 1ULL << 40;
			break;
		case 'g':
		case 'G':
			mul = 1ULL << 30;
			break;
		case 'm':
		case 'M':
			mul = 1ULL << 20;
			break;
		case 'k':
		case 'K':
			mul = 1ULL << 10;
			break;
		default:
			break;
		}
	}
	if (parse_u63(s, &v, &end) != 0)
		return -1;
	if (mul > 1 ? end != &s[len - 1] : *end != '\0')
		return -1;
	if (v > INT64_MAX / mul)
		return -1;
	*out = v * mul;
	return 0;
}

int
udt_parse_time(const char *s, uint64_t *ns_out)
{
	static const struct {
		const char *name;
		uint64_t mul; /* 0: per second */
	} sfx[] = {
		{ "ns", 1 },
		{ "nsec", 1 },
		{ "us", 1000 },
		{ "usec", 1000 },
		{ "ms", 1000000 },
		{ "msec", 1000000 },
		{ "s", NANOSEC },
		{ "sec", NANOSEC },
		{ "m", NANOSEC * 60 },
		{ "min", NANOSEC * 60 },
		{ "h", NANOSEC * 3600 },
		{ "hour", NANOSEC * 3600 },
		{ "d", NANOSEC * 86400 },
		{ "day", NANOSEC * 86400 },
		{ "hz", 0 },
	};
	uint64_t v, mul = 1;
	const char *end;
	size_t i;

	if (parse_u63(s, &v, &end) != 0)
		return -1;
	if (*end != '\0') {
		for (i = 0; i < sizeof(sfx) / sizeof(sfx[0]); i++) {
			if (strcasecmp(sfx[i].name, end) == 0)
				break;
		}
		if (i == sizeof(sfx) / sizeof(sfx[0]))
			return -1;
		mul = sfx[i].mul;
	}
	if (mul == 0) {
		*ns_out = v != 0 ? NANOSEC / v : 0;
		return 0;
	}
	if (v > INT64_MAX / mul)
		return -1;
	*ns_out = v * mul;
	return 0;
}

static const struct opt_desc *
find_opt(const char *name)
{
	size_t i;

	for (i = 0; i < NOPTS; i++) {
		if (strcmp(opts[i].name, name) == 0)
			return &opts[i];
	}
	return NULL;
}

int
udt_options_runtime(const char *name)
{
	const struct opt_desc *d = find_opt(name);

	return d != NULL && d->class != C_RT;
}

/* The system's stack depth limit, which Oracle's dtrace checks the
   stack-frame options against. */
static uint64_t
max_stack(void)
{
	unsigned long long v = 127; /* the kernel's default */
	FILE *fp = fopen("/proc/sys/kernel/perf_event_max_stack", "r");

	if (fp != NULL) {
		if (fscanf(fp, "%llu", &v) != 1)
			v = 127;
		fclose(fp);
	}
	return v;
}

/*
 * dt_opt_runtime(): 0 with *set = 0 for "unset" (empty, no, false...),
 * else *set = 1 and *val the number (none: 0; yes, true...: 1).
 */
static int
parse_runtime(const char *s, int *set, uint64_t *val)
{
	static const char *const pos[] = { "yes",  "enable", "enabled",
					   "true", "on",     "set" };
	static const char *const neg[] = { "no",    "disable", "disabled",
					   "false", "off",     "unset" };
	const char *end;
	size_t i;

	*set = 1;
	*val = 0;
	if (s == NULL)
		return 0;
	if (*s == '\0') {
		*set = 0;
		return 0;
	}
	for (i = 0; i < sizeof(pos) / sizeof(pos[0]); i++) {
		if (strcasecmp(pos[i], s) == 0) {
			*val = 1;
			return 0;
		}
		if (strcasecmp(neg[i], s) == 0) {
			*set = 0;
			return 0;
		}
	}
	if (parse_u63(s, val, &end) != 0 || *end != '\0')
		return -1;
	return 0;
}

/* Stores a number in the option's field; -1 when it does not fit. */
static int
store_num(struct udt_options *o, const struct opt_desc *d, uint64_t v)
{
	void *p = (char *)o + d->off;

	switch (d->ftype) {
	case F_INT:
		if (v > INT_MAX)
			return -1;
		*(int *)p = (int)v;
		break;
	case F_SIZE:
		if (v > SIZE_MAX)
			return -1;
		*(size_t *)p = (size_t)v;
		break;
	case F_U32:
		if (v > UINT32_MAX)
			return -1;
		*(uint32_t *)p = (uint32_t)v;
		break;
	case F_U64:
		*(uint64_t *)p = v;
		break;
	default:
		break;
	}
	return 0;
}

static void
store_str(struct udt_options *o, const struct opt_desc *d, const char *s)
{
	char **p = (char **)(void *)((char *)o + d->off);

	if (d->ftype != F_STR)
		return;
	free(*p);
	*p = xstrdup(s);
}

static void
list_add(char ***v, size_t *n, char *s)
{
	*v = xreallocarray(*v, *n + 1, sizeof(**v));
	(*v)[(*n)++] = s;
}

/* dt_version_str2num(): "M[.m[.u]]", digits only. */
static int
parse_version(const char *s, uint32_t *out)
{
	unsigned long n[3] = { 0, 0, 0 };
	int i = 0;

	for (; *s != '\0'; s++) {
		if (isdigit((unsigned char)*s)) {
			n[i] = n[i] * 10 + (unsigned long)(*s - '0');
			if (n[i] > 0xFFF)
				return -1;
		} else if (*s != '.' || ++i > 2) {
			return -1;
		}
	}
	if (n[0] > 0xFF)
		return -1;
	*out = VERS(n[0], n[1], n[2]);
	return 0;
}

static int
set_version(struct udt_options *o, const struct opt_desc *d, const char *v,
	    const char **why)
{
	uint32_t num;
	size_t i;

	if (v == NULL) {
		*why = ERR_VAL;
		return -1;
	}
	if (parse_version(v, &num) != 0) {
		*why = ERR_VERSINVAL;
		return -1;
	}
	for (i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
		if (versions[i] == num)
			break;
	}
	if (i == sizeof(versions) / sizeof(versions[0])) {
		*why = ERR_VERSUNDEF;
		return -1;
	}
	if (num > o->vmax) {
		*why = ERR_VERSREDUCED;
		return -1;
	}
	o->vmax = num;
	store_str(o, d, v);
	return 0;
}

/* dtrace_str2attr(): "name[/data[/class]]", stability and class names. */
static int
valid_attr(const char *s)
{
	static const char *const stab[] = { "internal", "private",  "obsolete",
					    "external", "unstable", "evolving",
					    "stable",	"standard", NULL };
	static const char *const cls[] = { "unknown", "cpu", "platform",
					   "group",   "isa", "common",
					   NULL };
	char buf[64], *p, *save = NULL;
	const char *const *names;
	int field = 0;
	size_t i;

	if (strlen(s) >= sizeof(buf))
		return 0;
	strcpy(buf, s);
	for (p = strtok_r(buf, "/", &save); p; p = strtok_r(NULL, "/", &save)) {
		if (field > 2)
			return 0;
		names = field++ < 2 ? stab : cls;
		for (i = 0; names[i] != NULL; i++) {
			if (strcasecmp(names[i], p) == 0)
				break;
		}
		if (names[i] == NULL)
			return 0;
	}
	return field > 0;
}

static int
in_list(const char *const *vals, const char *v, int icase)
{
	size_t i;

	for (i = 0; vals[i] != NULL; i++) {
		if ((icase ? strcasecmp(vals[i], v) : strcmp(vals[i], v)) == 0)
			return 1;
	}
	return 0;
}

/* Validates and stores; returns NULL or the reason it failed. */
static const char *
apply(struct udt_options *o, const struct opt_desc *d, const char *v)
{
	const char *why = NULL, *end;
	uint64_t n;
	int set;

	switch ((enum opt_kind)d->kind) {
	case K_RTFLAG:
		if (parse_runtime(v, &set, &n) != 0)
			return ERR_VAL;
		store_num(o, d, (uint64_t)set);
		return NULL;
	case K_RTNUM:
	case K_FRAMES:
		if (parse_runtime(v, &set, &n) != 0)
			return ERR_VAL;
		if (!set)
			n = field_default(d->off);
		if (d->kind == K_FRAMES && n > max_stack())
			return ERR_VAL;
		return store_num(o, d, n) ? ERR_VAL : NULL;
	case K_CFLAG:
	case K_CFLAG_INV:
	case K_NOARG:
		if (v != NULL)
			return ERR_VAL;
		store_num(o, d, d->kind != K_CFLAG_INV);
		return NULL;
	case K_ANY:
		store_num(o, d, 1);
		return NULL;
	case K_SIZE:
		n = 0;
		if (v != NULL && udt_parse_size(v, &n) != 0)
			return ERR_VAL;
		return store_num(o, d, n) ? ERR_VAL : NULL;
	case K_SIZEARG:
		if (v == NULL || udt_parse_size(v, &n) != 0)
			return ERR_VAL;
		return NULL;
	case K_STRSIZE:
		n = 0;
		if (v != NULL && udt_parse_size(v, &n) != 0)
			return ERR_VAL;
		if (n < 2)
			return ERR_VAL;
		if (n > UINT_MAX)
			return ERR_OVERFLOW;
		return store_num(o, d, n) ? ERR_VAL : NULL;
	case K_RATE:
		n = 0;
		if (v != NULL && udt_parse_time(v, &n) != 0)
			return ERR_VAL;
		return store_num(o, d, n) ? ERR_VAL : NULL;
	case K_ENUM:
	case K_ENUMCASE:
		if (v == NULL || !in_list(d->vals, v, d->kind == K_ENUMCASE))
			return ERR_VAL;
		store_str(o, d, v);
		return NULL;
	case K_STR:
	case K_LOCKMEM:
		if (v == NULL)
			return ERR_VAL;
		store_str(o, d, v);
		return NULL;
	case K_INTGE0:
	case K_INTGT0:
		if (v == NULL || atoi(v) < (d->kind == K_INTGT0))
			return ERR_VAL;
		store_str(o, d, v);
		return NULL;
	case K_IREGS:
		/* dtrace takes only its register count (8); other values
		   fail (with "Insufficient registers..." below 8: we say
		   Invalid value) */
		if (v == NULL || atoi(v) != 8)
			return ERR_VAL;
		return NULL;
	case K_VERSION:
		return set_version(o, d, v, &why) ? why : NULL;
	case K_AMIN:
		return v != NULL && valid_attr(v) ? NULL : ERR_VAL;
	case K_CPPOPT:
		if (v == NULL)
			return ERR_VAL;
		list_add(&o->cppargv, &o->cppargc,
			 xasprintf("%s%s", d->vals[0], v));
		store_str(o, d, v);
		return NULL;
	case K_CPPARGS:
		if (v == NULL)
			return ERR_VAL;
		for (end = v; *end != '\0';) {
			size_t len;

			end += strspn(end, "\f\n\r\t\v ");
			len = strcspn(end, "\f\n\r\t\v ");
			if (len > 0)
				list_add(&o->cppargv, &o->cppargc,
					 xstrndup(end, len));
			end += len;
		}
		return NULL;
	case K_CPPHDRS:
		if (v != NULL)
			return ERR_VAL;
		list_add(&o->cppargv, &o->cppargc, xstrdup("-H"));
		o->cpphdrs = 1;
		return NULL;
	case K_LIBDIR:
		if (v == NULL)
			return ERR_VAL;
		list_add(&o->libdirs, &o->nlibdirs, xstrdup(v));
		return NULL;
	}
	return ERR_VAL;
}

static int
fail(char *err, size_t errlen, const char *why)
{
	if (err != NULL && errlen > 0)
		snprintf(err, errlen, "%s", why);
	return -1;
}

int
udt_options_set_ctx(struct udt_options *o, const char *name, const char *value,
		    enum udt_optctx ctx, char *err, size_t errlen)
{
	const struct opt_desc *d;
	const char *why;

	if (name == NULL || (d = find_opt(name)) == NULL)
		return fail(err, errlen, ERR_NAME);
	if (ctx == UDT_OPTCTX_ACTIVE && d->class == C_RT)
		return fail(err, errlen, ERR_ACTIVE);
	if (ctx == UDT_OPTCTX_PRAGMA && d->noprog) {
		/* dtrace checks for a missing or unwanted value first */
		if ((d->kind == K_CPPHDRS) != (value == NULL))
			return fail(err, errlen, ERR_VAL);
		return fail(err, errlen, ERR_CTX);
	}
	why = apply(o, d, value);
	if (why != NULL)
		return fail(err, errlen, why);
	if (d->off == FLD(switchrate) && d->ftype == F_U64)
		o->switchrate_set = 1;
	return 0;
}

int
udt_options_set(struct udt_options *o, const char *name, const char *value,
		char *err, size_t errlen)
{
	return udt_options_set_ctx(o, name, value, UDT_OPTCTX_CMDLINE, err,
				   errlen);
}

void
udt_options_setenv(struct udt_options *o, const char *prefix)
{
	char var[128];
	const char *val;
	size_t i, j, plen;

	if (prefix == NULL)
		prefix = "DTRACE_OPT_";
	plen = strlen(prefix);
	if (plen + 32 >= sizeof(var))
		return;
	for (i = 0; i < NOPTS; i++) {
		memcpy(var, prefix, plen);
		for (j = 0; opts[i].name[j] != '\0'; j++)
			var[plen + j] =
				(char)toupper((unsigned char)opts[i].name[j]);
		var[plen + j] = '\0';
		if ((val = getenv(var)) != NULL)
			(void)udt_options_set(o, opts[i].name, val, NULL, 0);
	}
}
