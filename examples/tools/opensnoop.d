#!/usr/bin/env -S udtrace -s
/*
 * opensnoop.d -- every file a command (or a running process) and the
 * processes it starts open, as it happens: the descriptor it got, or the
 * error, by name.
 *
 * Usage: udtrace -s opensnoop.d -c 'CMD ARGS'
 *        udtrace -s opensnoop.d -p PID            (^C to end)
 *        ./opensnoop.d -c 'CMD ARGS' | -p PID     (as an executable)
 *
 * Prints one line per open(2), creat(2), openat(2) or openat2(2) (open
 * and creat exist on x86_64, not on aarch64: zdefs lets their probe
 * descriptions match nothing): process id, name, the syscall, FD (-1
 * when it failed), ERR (the errno name, "-" on success) and the path as
 * the program passed it.
 *
 * Example: udtrace -s opensnoop.d -c 'cat /etc/hostname /nonexistent'
 *
 *     PID COMM             SYSCALL    FD ERR          PATH
 *   51601 cat              openat      3 -            /etc/ld.so.cache
 *   51601 cat              openat      3 -            /lib/x86_64-linux-gnu/libc.so.6
 *   51601 cat              openat      3 -            /etc/hostname
 *   51601 cat              openat     -1 ENOENT       /nonexistent
 */

#pragma D option quiet
#pragma D option zdefs

/* the errors open(2) documents; another shows as its number */
BEGIN
{
	errname[EACCES] = "EACCES";
	errname[EAGAIN] = "EAGAIN";
	errname[EBADF] = "EBADF";
	errname[EBUSY] = "EBUSY";
	errname[EDQUOT] = "EDQUOT";
	errname[EEXIST] = "EEXIST";
	errname[EFAULT] = "EFAULT";
	errname[EFBIG] = "EFBIG";
	errname[EINTR] = "EINTR";
	errname[EINVAL] = "EINVAL";
	errname[EISDIR] = "EISDIR";
	errname[ELOOP] = "ELOOP";
	errname[EMFILE] = "EMFILE";
	errname[ENAMETOOLONG] = "ENAMETOOLONG";
	errname[ENFILE] = "ENFILE";
	errname[ENODEV] = "ENODEV";
	errname[ENOENT] = "ENOENT";
	errname[ENOMEM] = "ENOMEM";
	errname[ENOSPC] = "ENOSPC";
	errname[ENOTDIR] = "ENOTDIR";
	errname[ENXIO] = "ENXIO";
	errname[EOPNOTSUPP] = "EOPNOTSUPP";
	errname[EOVERFLOW] = "EOVERFLOW";
	errname[EPERM] = "EPERM";
	errname[EROFS] = "EROFS";
	errname[ETXTBSY] = "ETXTBSY";
	errname[EWOULDBLOCK] = "EWOULDBLOCK";
	printf("%7s %-16s %-8s %4s %-12s %s\n", "PID", "COMM", "SYSCALL", "FD",
	    "ERR", "PATH");
}

/* the path is read at entry, while the caller's memory holds it */
syscall::open:entry, syscall::creat:entry
/progenyof($target)/
{
	self->path = copyinstr(arg0);
	self->in = 1;
}

syscall::openat:entry, syscall::openat2:entry
/progenyof($target)/
{
	self->path = copyinstr(arg1);
	self->in = 1;
}

syscall::open:return, syscall::creat:return,
syscall::openat:return, syscall::openat2:return
/self->in/
{
	this->err = errno ? errname[errno] : "-";
	printf("%7d %-16s %-8s %4d %-12s %s\n", pid, execname, probefunc,
	    errno ? -1 : (int)arg0, this->err != "" ? this->err : lltostr(errno),
	    self->path);
	self->in = 0;
}
