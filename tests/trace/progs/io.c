/* SPDX-License-Identifier: GPL-2.0-or-later */
/*
 * io FILE: creates FILE (truncated) and moves a known number of bytes
 * with each read/write-family syscall, in this exact order, on FILE's
 * descriptor (the offsets are the file offsets of each transfer):
 *
 *    syscall   requested  moved  offset
 *    write       1000     1000      0
 *    pwrite64     500      500   1000   (the fd offset stays at 1000)
 *    writev   300+200      500   1500   (after lseek to 1500)
 *    read        1000     1000      0   (after lseek to 0)
 *    pread64      500      500   1000
 *    readv    300+200      500   1500   (after lseek to 1500)
 *    read         100        0   2000   (end of file)
 *
 * then writes 7 bytes to a pipe and reads them back (a pipe is not a
 * file: no io probe), and checks that what it read from FILE is what it
 * wrote. Prints nothing; exit 0 when the contents match.
 */
#include "progs.h"

#include <fcntl.h>
#include <sys/uio.h>

static unsigned char out[2000], in[2100];

/* Each transfer must move exactly the bytes of the table above. */
static void
want(const char *what, ssize_t got, ssize_t expected)
{
	if (got != expected)
		die("%s: %zd, expected %zd (%s)", what, got, expected,
		    got < 0 ? strerror(errno) : "short");
}

int
main(int argc, char **argv)
{
	struct iovec iov[2];
	char pbuf[8];
	int fd, p[2];
	size_t i;

	if (argc != 2)
		die("usage: io FILE");
	for (i = 0; i < sizeof out; i++)
		out[i] = (unsigned char)(i * 7 + i / 251);
	wait_traced();
	fd = open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		die("%s: %s", argv[1], strerror(errno));

	want("write", write(fd, out, 1000), 1000);
	want("pwrite64", pwrite(fd, out + 1000, 500, 1000), 500);
	want("lseek", lseek(fd, 1500, SEEK_SET), 1500);
	iov[0] = (struct iovec){ out + 1500, 300 };
	iov[1] = (struct iovec){ out + 1800, 200 };
	want("writev", writev(fd, iov, 2), 500);

	want("lseek", lseek(fd, 0, SEEK_SET), 0);
	want("read", read(fd, in, 1000), 1000);
	want("pread64", pread(fd, in + 1000, 500, 1000), 500);
	want("lseek", lseek(fd, 1500, SEEK_SET), 1500);
	iov[0] = (struct iovec){ in + 1500, 300 };
	iov[1] = (struct iovec){ in + 1800, 200 };
	want("readv", readv(fd, iov, 2), 500);
	want("read at EOF", read(fd, in + 2000, 100), 0);
	if (close(fd))
		die("close: %s", strerror(errno));

	if (pipe(p))
		die("pipe: %s", strerror(errno));
	want("pipe write", write(p[1], "7 bytes", 7), 7);
	want("pipe read", read(p[0], pbuf, 7), 7);

	if (memcmp(in, out, sizeof out) != 0)
		die("%s: read back differs from what was written", argv[1]);
	return 0;
}
