/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * readfile PATH: copies PATH into a writable 256-byte buffer, opens it
 * with one raw openat(AT_FDCWD, buffer, O_RDONLY|O_CLOEXEC), reads it
 * with one raw read(fd, data, 255) and prints two lines:
 *    "path BUFFER"   what the buffer holds after the openat
 *    "data BYTES"    the bytes the read returned ("data" and nothing
 *                    more when the file is empty)
 * or "path BUFFER errno E" when the openat fails. Exit 0. The
 * destructive test rewrites the buffer at openat's entry (copyoutstr)
 * and the data at read's return (copyout): both show here.
 */
#include "progs.h"

#include <fcntl.h>
#include <sys/syscall.h>

int
main(int argc, char **argv)
{
	static char path[256], data[256];
	long fd, n;

	if (argc != 2 || strlen(argv[1]) >= sizeof path)
		die("usage: readfile PATH (shorter than %zu)", sizeof path);
	strcpy(path, argv[1]);
	wait_traced();
	fd = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		printf("path %s errno %d\n", path, errno);
		return 0;
	}
	n = syscall(SYS_read, fd, data, sizeof data - 1);
	if (n < 0)
		die("read: %s", strerror(errno));
	close((int)fd);
	printf("path %s\ndata %.*s\n", path, (int)n, data);
	return 0;
}
