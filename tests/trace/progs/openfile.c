/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * openfile PATH...: for each PATH, one openat(AT_FDCWD, PATH,
 * O_RDONLY|O_CLOEXEC) syscall (raw, so exactly these arguments), and a
 * line saying what it returned, with the flags in decimal:
 *    "PATH flags F fd N"     (then the descriptor is closed)
 *    "PATH flags F errno E"
 * Exit 0.
 */
#include "progs.h"

#include <fcntl.h>
#include <sys/syscall.h>

int
main(int argc, char **argv)
{
	const int flags = O_RDONLY | O_CLOEXEC;
	int i;

	wait_traced();
	for (i = 1; i < argc; i++) {
		long fd = syscall(SYS_openat, AT_FDCWD, argv[i], flags);

		if (fd >= 0) {
			printf("%s flags %d fd %ld\n", argv[i], flags, fd);
			close((int)fd);
		} else {
			printf("%s flags %d errno %d\n", argv[i], flags, errno);
		}
	}
	return 0;
}
