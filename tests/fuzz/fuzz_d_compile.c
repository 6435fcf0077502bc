/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzz target for the D compiler (src/d/d.h): the input is one D script,
 * compiled as `-s fuzz.d 1 two` would compile it, with no probe resolver.
 * The compiler must return 0 with a program, or -1 with a filled-in error
 * (a tag and a NUL-terminated message); anything else, a crash, a leak or a
 * hang is a bug. The text is passed NUL-terminated, as the session does,
 * with len not counting the NUL.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "d/d.h"
#include "fuzz.h"

/* Larger inputs only slow the fuzzer down; they find nothing new. */
#define FUZZ_MAX_INPUT (64 * 1024)

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char arg0[] = "fuzz.d", arg1[] = "1", arg2[] = "two";
	char *const argv[] = { arg0, arg1, arg2, NULL };
	struct d_compile_args args;
	struct d_source src;
	struct d_error err;
	struct vm_prog *prog = NULL;
	char *text;
	int rc;

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
	args.argc = 3;
	args.pid = 4242;
	args.ppid = 1;
	args.pgid = args.sid = 4242;
	args.strsize = 256;
	args.resolver = NULL;

	memset(&err, 0, sizeof(err));
	rc = d_compile(&args, &prog, &err);
	if (rc == 0) {
		if (prog == NULL)
			abort(); /* success must give a program */
		vm_prog_free(prog);
	} else if (rc == -1) {
		/* An error must be reported, as strings that end. */
		if (memchr(err.tag, '\0', sizeof(err.tag)) == NULL ||
		    memchr(err.msg, '\0', sizeof(err.msg)) == NULL ||
		    err.tag[0] == '\0' || err.msg[0] == '\0')
			abort();
	} else {
		abort(); /* d_compile() returns 0 or -1 only */
	}
	free(text);
	return 0;
}
