/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * The ELF reader never blocks on, nor reads, a file that is not a regular
 * one (issue 8: a traced process names the files udtrace opens: its
 * mapped files, their .gnu_debuglink). A hostile process can replace such
 * a path between udtrace's stat() and open(); the reader must then fail,
 * not wait forever for a FIFO's writer. Checked here without the race:
 *  - sym_elf_open() of a FIFO, a character device and a directory fails
 *    at once (-ENOEXEC);
 *  - a file opened fine, then replaced by a FIFO: sym_elf_read(), which
 *    reopens the path, fails at once;
 *  - the same file left alone reads the same bytes as the file holds.
 * alarm() turns a hang into a failure. TAP output.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sym/sym.h"
#include "tap.h"

static void
on_alarm(int sig)
{
	/* write(2) only: a signal handler */
	static const char m[] = "not ok - hung (alarm)\n";

	(void)sig;
	if (write(1, m, sizeof(m) - 1) < 0)
		_exit(2);
	_exit(1);
}

static int
copy_file(const char *from, const char *to)
{
	char buf[65536];
	ssize_t n;
	int in = open(from, O_RDONLY), out, rc = 0;

	if (in < 0)
		return -1;
	out = open(to, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (out < 0) {
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n)
			rc = -1;
	if (n < 0)
		rc = -1;
	close(in);
	if (close(out) != 0)
		rc = -1;
	return rc;
}

static void
expect_refused(const char *what, const char *path)
{
	struct sym_elf *e;
	int err = 0;

	alarm(10);
	e = sym_elf_open(path, &err);
	alarm(0);
	ok(e == NULL && err == -ENOEXEC, "sym_elf_open(%s) fails: %d", what,
	   err);
	sym_elf_close(e);
}

int
main(void)
{
	char dir[] = "/tmp/udt-symopen.XXXXXX", fifo[PATH_MAX], elf[PATH_MAX];
	const struct sym_elf_func *f = NULL;
	unsigned char a[16], b[16];
	struct sym_elf *e;
	ssize_t got;
	int err = 0;

	signal(SIGALRM, on_alarm);
	if (mkdtemp(dir) == NULL) {
		perror("mkdtemp");
		return 99;
	}
	snprintf(fifo, sizeof(fifo), "%s/fifo", dir);
	snprintf(elf, sizeof(elf), "%s/self", dir);
	if (mkfifo(fifo, 0600) != 0 || copy_file("/proc/self/exe", elf) != 0) {
		perror("set-up");
		return 99;
	}

	expect_refused("a FIFO", fifo);
	expect_refused("/dev/null", "/dev/null");
	expect_refused("a directory", dir);

	e = sym_elf_open(elf, &err);
	ok(e != NULL, "sym_elf_open(a copy of this program): %d", err);
	for (size_t i = 0; e && i < sym_elf_nfuncs(e); i++) {
		f = sym_elf_func(e, i);
		if (strcmp(f->name, "main") == 0)
			break;
		f = NULL;
	}
	ok(f != NULL, "main is among its functions");
	if (f) {
		got = sym_elf_read(e, f->value, a, sizeof(a));
		ok(got == (ssize_t)sizeof(a), "sym_elf_read(main): %zd", got);
		/* The path is now a FIFO: reading must fail, not block. */
		if (unlink(elf) != 0 || mkfifo(elf, 0600) != 0)
			return 99;
		alarm(10);
		got = sym_elf_read(e, f->value, b, sizeof(b));
		alarm(0);
		ok(got < 0, "sym_elf_read() after the file became a FIFO: %zd",
		   got);
		/* And a regular file again: read as before. */
		unlink(elf);
		if (copy_file("/proc/self/exe", elf) != 0)
			return 99;
		got = sym_elf_read(e, f->value, b, sizeof(b));
		ok(got == (ssize_t)sizeof(b) && memcmp(a, b, sizeof(a)) == 0,
		   "sym_elf_read() of the file back in place: %zd", got);
	}
	sym_elf_close(e);
	unlink(fifo);
	unlink(elf);
	rmdir(dir);
	return done_testing();
}
