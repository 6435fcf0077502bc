/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Unit tests for src/session_opts.c, dtrace's option table: size and
 * time/rate parsing with every suffix and the malformed forms dtrace
 * refuses (and the odd ones it accepts), the defaults, flag semantics
 * (dt_opt_runtime: "-x quiet=0" sets quiet, "" and "no" unset it),
 * compile-time flags refusing values, enumerations, strsize bounds, the
 * D API version rules, the preprocessor argument list, the contexts
 * (#pragma, setopt() while tracing) with dtrace's error strings, and the
 * DTRACE_OPT_* environment. Links session_opts.c and libudt_common only.
 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/xalloc.h"
#include "session_opts.h"
#include "tap.h"

#define SEC 1000000000ULL

static void
test_size(void)
{
	static const struct {
		const char *in;
		uint64_t want;
	} good[] = {
		{ "100", 100 },
		{ "0", 0 },
		{ "4k", 4096 },
		{ "4K", 4096 },
		{ "1m", 1 << 20 },
		{ "2M", 2 << 20 },
		{ "2g", 2ULL << 30 },
		{ "1t", 1ULL << 40 },
		{ "1T", 1ULL << 40 },
		{ "0x10k", 16 << 10 },
		{ "010", 8 },	    /* strtoull base 0, as dtrace */
		{ "", 0 },	    /* dtrace accepts and gives 0 */
		{ "m", 0 },	    /* likewise: no digits before the suffix */
		{ " 4m", 4 << 20 }, /* strtoull skips leading blanks */
	};
	static const char *const bad[] = {
		"4mb",
		"4 m",
		"-1",
		"-1k",
		"4x",
		"1.5m",
		"k4",
		"99999999999999999999",
		"9223372036854775808",
		"9000000000000t",
	};
	uint64_t v;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		v = 12345;
		is_int(udt_parse_size(good[i].in, &v), 0, "size '%s' parses",
		       good[i].in);
		is_int(v, good[i].want, "size '%s' value", good[i].in);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		is_int(udt_parse_size(bad[i], &v), -1, "size '%s' refused",
		       bad[i]);
}

static void
test_time(void)
{
	static const struct {
		const char *in;
		uint64_t want;
	} good[] = {
		{ "5", 5 }, /* bare numbers are nanoseconds for options */
		{ "7ns", 7 },
		{ "7nsec", 7 },
		{ "3us", 3000 },
		{ "3usec", 3000 },
		{ "10ms", 10000000 },
		{ "10msec", 10000000 },
		{ "10MS", 10000000 },
		{ "5s", 5 * SEC },
		{ "5sec", 5 * SEC },
		{ "1m", 60 * SEC },
		{ "1min", 60 * SEC },
		{ "2h", 7200 * SEC },
		{ "2hour", 7200 * SEC },
		{ "1d", 86400 * SEC },
		{ "1day", 86400 * SEC },
		{ "100hz", 10000000 },
		{ "100Hz", 10000000 },
		{ "1hz", SEC },
		{ "3hz", SEC / 3 },
		{ "0hz", 0 },
		{ "0x10ns", 16 },
		{ "ms", 0 }, /* dtrace too: no digits, a suffix */
	};
	static const char *const bad[] = {
		"3x",
		"-1s",
		"1.5s",
		"10 ms",
		"s10",
		"10mss",
		"99999999999999999999",
		"200000000000d",
	};
	uint64_t v;
	size_t i;

	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		v = 12345;
		is_int(udt_parse_time(good[i].in, &v), 0, "time '%s' parses",
		       good[i].in);
		is_int(v, good[i].want, "time '%s' value", good[i].in);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		is_int(udt_parse_time(bad[i], &v), -1, "time '%s' refused",
		       bad[i]);
}

static void
test_defaults(void)
{
	struct udt_options o;

	udt_options_init(&o);
	is_int(o.quiet, 0, "quiet off by default");
	is_int(o.strsize, 256, "strsize 256");
	is_int(o.bufsize, 4 << 20, "bufsize 4m (dtrace(1) sets it)");
	is_int(o.aggsize, 4 << 20, "aggsize 4m");
	is_int(o.dynvarsize, 1 << 20, "dynvarsize 1m");
	is_int(o.specsize, 4 << 20, "specsize 4m (Oracle dt_open.c)");
	is_int(o.nspec, 1, "nspec 1");
	is_int(o.stackframes, 20, "stackframes 20");
	is_int(o.ustackframes, 100, "ustackframes 100");
	is_int(o.stackindent, 14, "stackindent 14");
	is_int(o.switchrate, SEC, "switchrate 1s");
	is_int(o.aggrate, SEC, "aggrate 1s");
	is_int(o.statusrate, SEC, "statusrate 1s");
	is_int(o.aggsortpos, 0, "aggsortpos 0");
	is_int(o.vmax, 0x02000001, "D API version 2.0.1");
	ok(o.bufpolicy == NULL && o.evaltime == NULL && o.cppargc == 0,
	   "strings and lists empty");
	udt_options_release(&o);
}

/* Sets name=value, expects rc and (on failure) the reason. */
static void
check_set(struct udt_options *o, const char *name, const char *value,
	  const char *want_err)
{
	char err[128] = "";
	int rc = udt_options_set(o, name, value, err, sizeof(err));

	if (want_err == NULL) {
		is_int(rc, 0, "-x %s%s%s accepted", name, value ? "=" : "",
		       value ? value : "");
	} else {
		is_int(rc, -1, "-x %s%s%s refused", name, value ? "=" : "",
		       value ? value : "");
		is_str(err, want_err, "-x %s reason", name);
	}
}

static const char BADVAL[] = "Invalid value for specified option";

static void
test_flags(void)
{
	struct udt_options o;

	udt_options_init(&o);
	check_set(&o, "quiet", NULL, NULL);
	is_int(o.quiet, 1, "-x quiet sets quiet");
	check_set(&o, "quiet", "", NULL);
	is_int(o.quiet, 0, "-x quiet= unsets it");
	check_set(&o, "quiet", "0", NULL);
	is_int(o.quiet, 1, "-x quiet=0 sets it (dtrace tests set/unset)");
	check_set(&o, "quiet", "no", NULL);
	is_int(o.quiet, 0, "-x quiet=no unsets");
	check_set(&o, "quiet", "TRUE", NULL);
	is_int(o.quiet, 1, "-x quiet=TRUE sets (case-insensitive)");
	check_set(&o, "quiet", "off", NULL);
	is_int(o.quiet, 0, "-x quiet=off unsets");
	check_set(&o, "quiet", "bogus", BADVAL);
	check_set(&o, "quiet", "-1", BADVAL);
	check_set(&o, "flowindent", "enabled", NULL);
	is_int(o.flowindent, 1, "flowindent=enabled");
	check_set(&o, "destructive", NULL, NULL);
	is_int(o.destructive, 1, "destructive");
	check_set(&o, "aggsortrev", "set", NULL);
	is_int(o.aggsortrev, 1, "aggsortrev=set");

	check_set(&o, "zdefs", NULL, NULL);
	is_int(o.zdefs, 1, "zdefs");
	check_set(&o, "zdefs", "1", BADVAL);
	check_set(&o, "errtags", NULL, NULL);
	is_int(o.errtags, 1, "errtags");
	check_set(&o, "errtags", "yes", BADVAL);
	check_set(&o, "defaultargs", NULL, NULL);
	is_int(o.defaultargs, 1, "defaultargs");
	check_set(&o, "droptags", "anything", NULL);
	is_int(o.droptags, 1, "droptags takes any value");
	check_set(&o, "aggpercpu", NULL, NULL);
	check_set(&o, "aggpercpu", "1", BADVAL);
	udt_options_release(&o);
}

static void
test_values(void)
{
	struct udt_options o;

	udt_options_init(&o);
	check_set(&o, "nspec", "4", NULL);
	is_int(o.nspec, 4, "nspec=4");
	check_set(&o, "nspec", "", NULL);
	is_int(o.nspec, 1, "nspec= back to the default");
	check_set(&o, "stackframes", NULL, NULL);
	is_int(o.stackframes, 0, "-x stackframes is 0, as in dtrace");
	check_set(&o, "stackframes", "0x20", NULL);
	is_int(o.stackframes, 32, "stackframes=0x20");
	check_set(&o, "ustackframes", "yes", NULL);
	is_int(o.ustackframes, 1, "ustackframes=yes is 1");
	check_set(&o, "stackindent", "5k", BADVAL);
	check_set(&o, "stackframes", "-1", BADVAL);
	check_set(&o, "ustackframes", "100000000", BADVAL); /* > max_stack */
	check_set(&o, "jstackframes", "100000000", BADVAL);
	check_set(&o, "maxframes", "100000000", BADVAL);
	check_set(&o, "aggsortpos", "2", NULL);
	is_int(o.aggsortpos, 2, "aggsortpos=2");
	check_set(&o, "nspec", "99999999999", BADVAL);

	check_set(&o, "bufsize", "8m", NULL);
	is_int(o.bufsize, 8 << 20, "bufsize=8m");
	check_set(&o, "bufsize", "8q", BADVAL);
	check_set(&o, "dynvarsize", "2k", NULL);
	is_int(o.dynvarsize, 2048, "dynvarsize=2k");
	check_set(&o, "strsize", "512", NULL);
	is_int(o.strsize, 512, "strsize=512");
	check_set(&o, "strsize", "1", BADVAL);
	check_set(&o, "strsize", NULL, BADVAL);
	check_set(&o, "strsize", "4g", "Value too large for defined data type");
	is_int(o.strsize, 512, "strsize kept after a failure");
	check_set(&o, "switchrate", "10hz", NULL);
	is_int(o.switchrate, SEC / 10, "switchrate=10hz");
	check_set(&o, "aggrate", "250ms", NULL);
	is_int(o.aggrate, 250000000, "aggrate=250ms");
	check_set(&o, "aggrate", "1fortnight", BADVAL);

	check_set(&o, "bufpolicy", "ring", NULL);
	is_str(o.bufpolicy, "ring", "bufpolicy=ring");
	check_set(&o, "bufpolicy", "RING", BADVAL);
	check_set(&o, "bufpolicy", NULL, BADVAL);
	check_set(&o, "bufresize", "manual", NULL);
	check_set(&o, "evaltime", "main", NULL);
	is_str(o.evaltime, "main", "evaltime=main");
	check_set(&o, "evaltime", "later", BADVAL);
	check_set(&o, "linktype", "ELF", NULL);
	check_set(&o, "stdc", "s", NULL);
	is_str(o.stdc, "s", "stdc=s");
	check_set(&o, "stdc", "x", BADVAL);
	check_set(&o, "cpppath", NULL, BADVAL);
	check_set(&o, "cpppath", "/usr/bin/cpp", NULL);
	is_str(o.cpppath, "/usr/bin/cpp", "cpppath");
	check_set(&o, "amin", "Stable/Evolving/Common", NULL);
	check_set(&o, "amin", "Rock/Solid", BADVAL);
	check_set(&o, "disasm", "3", NULL);
	check_set(&o, "tree", "0", BADVAL);
	check_set(&o, "lockmem", "unlimited", NULL);
	check_set(&o, "lockmem", NULL, BADVAL);
	check_set(&o, "oformat", "json", NULL);
	check_set(&o, "debug", "x", BADVAL);
	check_set(&o, "nosuchoption", NULL, "Invalid option name");
	check_set(&o, "Quiet", NULL, "Invalid option name");
	udt_options_release(&o);
}

static void
test_version(void)
{
	struct udt_options o;

	udt_options_init(&o);
	check_set(&o, "version", "99.1", "Operation not supported");
	check_set(&o, "version", "1.x",
		  "Version is not properly formatted or is too large");
	check_set(&o, "version", "1.6.4", NULL);
	is_int(o.vmax, 0x01006004, "version=1.6.4 encoded");
	is_str(o.version, "1.6.4", "version string kept");
	check_set(&o, "version", "2.0",
		  "Requested version conflicts with earlier setting");
	check_set(&o, "version", "1.0", NULL);
	is_int(o.vmax, 0x01000000, "version lowered again to 1.0");
	check_set(&o, "version", NULL, BADVAL);
	udt_options_release(&o);
}

static void
test_cpp(void)
{
	struct udt_options o;

	udt_options_init(&o);
	check_set(&o, "define", "FOO=1", NULL);
	check_set(&o, "undef", "BAR", NULL);
	check_set(&o, "cpphdrs", NULL, NULL);
	check_set(&o, "cpphdrs", "x", BADVAL);
	check_set(&o, "incdir", "/inc", NULL);
	check_set(&o, "cppargs", "  -Dx=1\t-P  ", NULL);
	check_set(&o, "define", NULL, BADVAL);
	is_int(o.cppargc, 6, "six cpp arguments");
	if (o.cppargc == 6) {
		is_str(o.cppargv[0], "-DFOO=1", "-D first");
		is_str(o.cppargv[1], "-UBAR", "-U second");
		is_str(o.cppargv[2], "-H", "-H third");
		is_str(o.cppargv[3], "-I/inc", "-I fourth");
		is_str(o.cppargv[4], "-Dx=1", "cppargs split");
		is_str(o.cppargv[5], "-P", "cppargs split again");
	}
	is_int(o.cpphdrs, 1, "cpphdrs flag");
	check_set(&o, "libdir", "/a", NULL);
	check_set(&o, "libdir", "/b", NULL);
	ok(o.nlibdirs == 2 && strcmp(o.libdirs[1], "/b") == 0,
	   "libdirs kept in order");
	udt_options_release(&o);
	ok(o.cppargv == NULL && o.cppargc == 0 && o.libdirs == NULL,
	   "release empties the lists");
}

static void
test_contexts(void)
{
	static const char CTX[] =
		"Option cannot be used from within a D program";
	static const char ACTIVE[] = "Operation illegal when tracing is active";
	struct udt_options o;
	char err[128];

	udt_options_init(&o);
	ok(udt_options_runtime("quiet"), "quiet is runtime-settable");
	ok(udt_options_runtime("aggsortkey"), "aggsortkey is");
	ok(udt_options_runtime("switchrate"), "switchrate is");
	ok(udt_options_runtime("zdefs"), "compile-time options are too");
	ok(!udt_options_runtime("bufsize"), "bufsize is not");
	ok(!udt_options_runtime("strsize"), "strsize is not");
	ok(!udt_options_runtime("destructive"), "destructive is not");
	ok(!udt_options_runtime("nosuch"), "unknown names are not");

	is_int(udt_options_set_ctx(&o, "bufsize", "1m", UDT_OPTCTX_ACTIVE, err,
				   sizeof(err)),
	       -1, "setopt(bufsize) while active fails");
	is_str(err, ACTIVE, "with dtrace's reason");
	is_int(udt_options_set_ctx(&o, "nosuch", "1m", UDT_OPTCTX_ACTIVE, err,
				   sizeof(err)),
	       -1, "setopt(nosuch) fails");
	is_str(err, "Invalid option name", "as an invalid name");
	is_int(udt_options_set_ctx(&o, "aggsortkey", NULL, UDT_OPTCTX_ACTIVE,
				   err, sizeof(err)),
	       0, "setopt(aggsortkey) while active works");
	is_int(o.aggsortkey, 1, "and sets it");
	is_int(udt_options_set_ctx(&o, "bufsize", "1m", UDT_OPTCTX_PRAGMA, err,
				   sizeof(err)),
	       0, "#pragma D option bufsize=1m works");
	is_int(udt_options_set_ctx(&o, "define", "X", UDT_OPTCTX_PRAGMA, err,
				   sizeof(err)),
	       -1, "#pragma D option define=X fails");
	is_str(err, CTX, "from within a D program");
	is_int(udt_options_set_ctx(&o, "define", NULL, UDT_OPTCTX_PRAGMA, err,
				   sizeof(err)),
	       -1, "#pragma D option define fails");
	is_str(err, BADVAL, "on its missing value first");
	is_int(udt_options_set_ctx(&o, "cpphdrs", NULL, UDT_OPTCTX_PRAGMA, err,
				   sizeof(err)),
	       -1, "#pragma D option cpphdrs fails");
	is_str(err, CTX, "from within a D program");
	is_int(o.cppargc, 0, "and adds no cpp argument");
	is_int(udt_options_set(&o, "quiet", "bad", NULL, 0), -1,
	       "a NULL err buffer is allowed");
	udt_options_release(&o);
}

static void
test_env(void)
{
	struct udt_options o;

	udt_options_init(&o);
	setenv("UDTT_OPT_QUIET", "", 1);
	setenv("UDTT_OPT_FLOWINDENT", "yes", 1);
	setenv("UDTT_OPT_STRSIZE", "1k", 1);
	setenv("UDTT_OPT_NSPEC", "junk", 1); /* ignored, as dtrace does */
	o.quiet = 1;
	udt_options_setenv(&o, "UDTT_OPT_");
	is_int(o.quiet, 0, "UDTT_OPT_QUIET= unsets quiet");
	is_int(o.flowindent, 1, "UDTT_OPT_FLOWINDENT=yes");
	is_int(o.strsize, 1024, "UDTT_OPT_STRSIZE=1k");
	is_int(o.nspec, 1, "a bad value is ignored");
	udt_options_release(&o);
}

int
main(void)
{
	test_size();
	test_time();
	test_defaults();
	test_flags();
	test_values();
	test_version();
	test_cpp();
	test_contexts();
	test_env();
	return done_testing();
}
