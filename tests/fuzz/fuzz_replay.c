/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * Replays inputs through LLVMFuzzerTestOneInput() without libFuzzer, so
 * make check (with gcc, and under the sanitizers in the sanitizer build)
 * runs the fuzz target on the seed corpus and on every D file the tests and
 * examples hold. Arguments are files or directories (not recursive);
 * without arguments it reads $top_srcdir/{tests/fuzz/corpus, tests/d,
 * tests/d/<sub>, examples}, taking only the .d files of the last three.
 * Output is TAP, one test per input; a crash or an abort() in the target
 * ends the run with an error, and alarm() turns a hang on one input into a
 * failure instead of a stuck make check. Each input's name goes to stderr
 * (the test's .log) before it runs, so a crash names its input.
 *
 * The same driver replays every target (fuzz_d_compile.c, fuzz_d_run.c,
 * fuzz_fmt.c): FUZZ_CORPUS names the target's corpus directory (under
 * $top_srcdir) and FUZZ_REPLAY_DFILES (1 by default) whether the D files
 * of tests/d and examples are replayed too; set them with -D.
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz.h"
#include "tap.h"

#define REPLAY_TIMEOUT 30 /* seconds per input */

#ifndef FUZZ_CORPUS
#define FUZZ_CORPUS "tests/fuzz/corpus"
#endif
#ifndef FUZZ_REPLAY_DFILES
#define FUZZ_REPLAY_DFILES 1
#endif

static int
read_file(const char *path, uint8_t **data, size_t *size)
{
	FILE *f = fopen(path, "rb");
	size_t n = 0, cap = 4096, r;
	uint8_t *buf;

	if (f == NULL)
		return -1;
	buf = malloc(cap);
	while (buf && (r = fread(buf + n, 1, cap - n, f)) > 0) {
		n += r;
		if (n == cap) {
			uint8_t *nb = realloc(buf, cap * 2);

			if (nb == NULL) {
				free(buf);
				buf = NULL;
				break;
			}
			buf = nb;
			cap *= 2;
		}
	}
	if (buf == NULL || ferror(f)) {
		free(buf);
		fclose(f);
		return -1;
	}
	fclose(f);
	*data = buf;
	*size = n;
	return 0;
}

static void
replay_file(const char *path)
{
	uint8_t *data;
	size_t size;

	if (read_file(path, &data, &size) < 0) {
		ok(0, "read %s", path);
		diag("%s: %s", path, strerror(errno));
		return;
	}
	fprintf(stderr, "# input: %s\n", path);
	fflush(stderr);
	alarm(REPLAY_TIMEOUT);
	LLVMFuzzerTestOneInput(data, size);
	alarm(0);
	free(data);
	ok(1, "%s", path);
}

static int
cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/*
 * Replays path: a file, or the regular files of a directory in name order
 * (only those ending in suffix, when given). A missing path is a failure
 * unless quiet_missing.
 */
static void
replay_path(const char *path, int quiet_missing, const char *suffix)
{
	struct dirent *de;
	struct stat st;
	char **names = NULL, *p;
	size_t n = 0, cap = 0, i;
	DIR *d;

	if (stat(path, &st) < 0) {
		if (!quiet_missing)
			ok(0, "%s: %s", path, strerror(errno));
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		replay_file(path);
		return;
	}
	d = opendir(path);
	if (d == NULL) {
		ok(0, "%s: %s", path, strerror(errno));
		return;
	}
	while ((de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.')
			continue;
		if (suffix && !has_suffix(de->d_name, suffix))
			continue;
		if (asprintf(&p, "%s/%s", path, de->d_name) < 0)
			abort();
		if (stat(p, &st) < 0 || !S_ISREG(st.st_mode)) {
			free(p);
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			names = realloc(names, cap * sizeof(*names));
			if (names == NULL)
				abort();
		}
		names[n++] = p;
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof(*names), cmp_names);
	for (i = 0; i < n; i++) {
		replay_file(names[i]);
		free(names[i]);
	}
	free(names);
}

/* The default inputs: the corpus, then the D files of tests/d and examples. */
static void
replay_defaults(void)
{
	const char *top = getenv("top_srcdir");
	struct dirent *de;
	char *p;
	DIR *d;

	if (top == NULL || *top == '\0')
		top = ".";
	if (asprintf(&p, "%s/%s", top, FUZZ_CORPUS) < 0)
		abort();
	replay_path(p, 0, NULL);
	free(p);
	if (!FUZZ_REPLAY_DFILES)
		return;
	if (asprintf(&p, "%s/tests/d", top) < 0)
		abort();
	replay_path(p, 1, ".d");
	d = opendir(p);
	while (d && (de = readdir(d)) != NULL) {
		struct stat st;
		char *sub;

		if (de->d_name[0] == '.')
			continue;
		if (asprintf(&sub, "%s/%s", p, de->d_name) < 0)
			abort();
		if (stat(sub, &st) == 0 && S_ISDIR(st.st_mode))
			replay_path(sub, 1, ".d");
		free(sub);
	}
	if (d)
		closedir(d);
	free(p);
	if (asprintf(&p, "%s/examples", top) < 0)
		abort();
	replay_path(p, 1, ".d");
	free(p);
}

int
main(int argc, char **argv)
{
	int i;

	if (argc > 1)
		for (i = 1; i < argc; i++)
			replay_path(argv[i], 0, NULL);
	else
		replay_defaults();
	return done_testing();
}
