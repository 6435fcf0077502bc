/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Fuzz target for the printf-format parser (src/common/fmt.h): the input
 * is one format string (cut at its first NUL, as a D string literal is).
 * fmt_parse() must return 0 with pieces that describe the format exactly
 * (prefixes and conversion texts inside the private copy, in order, each
 * conversion named by a dictionary entry), or -1 with a message that ends
 * and an empty result; fmt_release() must free everything. Anything else,
 * a crash, a leak or a hang is a bug.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "common/fmt.h"
#include "fuzz.h"

#define FUZZ_MAX_INPUT (16 * 1024)

static void
check_parsed(const struct fmt *f, size_t len)
{
	const char *base = f->format, *end = f->format + len;
	const char *at = base;
	size_t nconv = 0;

	if (f->format == NULL || strlen(f->format) != len)
		abort();
	for (size_t i = 0; i < f->npieces; i++) {
		const struct fmt_piece *p = &f->pieces[i];

		/* The pieces cover the format in order. */
		if (p->preflen && (p->prefix < at || p->prefix > end ||
				   p->preflen > (size_t)(end - p->prefix)))
			abort();
		if (p->preflen)
			at = p->prefix + p->preflen;
		if (p->conv == NULL) {
			/* Only the last piece may be text only. */
			if (i != f->npieces - 1)
				abort();
			continue;
		}
		nconv++;
		if (p->text < at || p->text > end || p->textlen == 0 ||
		    p->textlen > (size_t)(end - p->text) || p->text[0] != '%')
			abort();
		at = p->text + p->textlen;
		if (memchr(p->name, '\0', sizeof(p->name)) == NULL)
			abort();
		if (fmt_conv_lookup(p->conv->name) != p->conv)
			abort();
		if (fmt_piece_nargs(p) > 3)
			abort();
	}
	if (nconv != f->nconv)
		abort();
	(void)fmt_has_agg(f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fmt f;
	char err[256], *s;
	size_t len;

	if (size > FUZZ_MAX_INPUT)
		return 0;
	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	len = strlen(s);

	memset(&f, 0, sizeof(f));
	memset(err, 'x', sizeof(err));
	if (fmt_parse(&f, s, err, sizeof(err)) == 0) {
		check_parsed(&f, len);
	} else {
		if (memchr(err, '\0', sizeof(err)) == NULL || err[0] == '\0')
			abort();
		if (f.npieces != 0)
			abort();
	}
	fmt_release(&f);
	fmt_release(&f); /* documented as safe on a released result */
	/* A zero-length message buffer must not be written. */
	memset(&f, 0, sizeof(f));
	(void)fmt_parse(&f, s, NULL, 0);
	fmt_release(&f);
	free(s);
	return 0;
}
