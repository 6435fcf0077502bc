#!/usr/bin/env -S udtrace -s
/*
 * errinfo.d -- every syscall that fails in a command (or a running
 * process) and the processes it starts, as it happens, with the error's
 * name; and at the end, how often each syscall failed with each error.
 *
 * Usage: udtrace -s errinfo.d -c 'CMD ARGS'
 *        udtrace -s errinfo.d -p PID              (^C to end)
 *        ./errinfo.d -c 'CMD ARGS' | -p PID       (as an executable)
 *
 * Prints one line per failed syscall: process id, name, the syscall,
 * errno and its name (Linux's, from the E* constants of udtrace's D
 * library; a number with no name here shows as "-"). Then, when the
 * command exits (or at ^C), the counts per process name, syscall and
 * error, sorted by count.
 *
 * Example: udtrace -s errinfo.d -c 'ls /nonexistent'
 *
 *       PID EXEC             SYSCALL               ERR NAME
 *     17687 ls               access                  2 ENOENT
 *     17687 ls               statfs                  2 ENOENT
 *   ...
 *     17687 ls               ioctl                  25 ENOTTY
 *     17687 ls               statx                   2 ENOENT
 *   ...
 *
 *   EXEC             SYSCALL               ERR NAME             COUNT
 *   ls               ioctl                  25 ENOTTY               1
 *   ls               access                  2 ENOENT               2
 *   ls               statfs                  2 ENOENT               2
 *   ls               statx                   2 ENOENT               2
 *   ls               openat                  2 ENOENT              19
 */

#pragma D option quiet

/* errno names by number: errno.d's constants (the D library's inlines) */
BEGIN
{
	errname[EPERM] = "EPERM";
	errname[ENOENT] = "ENOENT";
	errname[ESRCH] = "ESRCH";
	errname[EINTR] = "EINTR";
	errname[EIO] = "EIO";
	errname[ENXIO] = "ENXIO";
	errname[E2BIG] = "E2BIG";
	errname[ENOEXEC] = "ENOEXEC";
	errname[EBADF] = "EBADF";
	errname[ECHILD] = "ECHILD";
	errname[EAGAIN] = "EAGAIN";
	errname[ENOMEM] = "ENOMEM";
	errname[EACCES] = "EACCES";
	errname[EFAULT] = "EFAULT";
	errname[ENOTBLK] = "ENOTBLK";
	errname[EBUSY] = "EBUSY";
	errname[EEXIST] = "EEXIST";
	errname[EXDEV] = "EXDEV";
	errname[ENODEV] = "ENODEV";
	errname[ENOTDIR] = "ENOTDIR";
	errname[EISDIR] = "EISDIR";
	errname[EINVAL] = "EINVAL";
	errname[ENFILE] = "ENFILE";
	errname[EMFILE] = "EMFILE";
	errname[ENOTTY] = "ENOTTY";
	errname[ETXTBSY] = "ETXTBSY";
	errname[EFBIG] = "EFBIG";
	errname[ENOSPC] = "ENOSPC";
	errname[ESPIPE] = "ESPIPE";
	errname[EROFS] = "EROFS";
	errname[EMLINK] = "EMLINK";
	errname[EPIPE] = "EPIPE";
	errname[EDOM] = "EDOM";
	errname[ERANGE] = "ERANGE";
	errname[EDEADLK] = "EDEADLK";
	errname[ENAMETOOLONG] = "ENAMETOOLONG";
	errname[ENOLCK] = "ENOLCK";
	errname[ENOSYS] = "ENOSYS";
	errname[ENOTEMPTY] = "ENOTEMPTY";
	errname[ELOOP] = "ELOOP";
	errname[ENOMSG] = "ENOMSG";
	errname[EIDRM] = "EIDRM";
	errname[ENOSTR] = "ENOSTR";
	errname[ENODATA] = "ENODATA";
	errname[ETIME] = "ETIME";
	errname[ENOSR] = "ENOSR";
	errname[ENOLINK] = "ENOLINK";
	errname[EPROTO] = "EPROTO";
	errname[EBADMSG] = "EBADMSG";
	errname[EOVERFLOW] = "EOVERFLOW";
	errname[EBADFD] = "EBADFD";
	errname[ELIBBAD] = "ELIBBAD";
	errname[EILSEQ] = "EILSEQ";
	errname[ERESTART] = "ERESTART";
	errname[EUSERS] = "EUSERS";
	errname[ENOTSOCK] = "ENOTSOCK";
	errname[EDESTADDRREQ] = "EDESTADDRREQ";
	errname[EMSGSIZE] = "EMSGSIZE";
	errname[EPROTOTYPE] = "EPROTOTYPE";
	errname[ENOPROTOOPT] = "ENOPROTOOPT";
	errname[EPROTONOSUPPORT] = "EPROTONOSUPPORT";
	errname[ESOCKTNOSUPPORT] = "ESOCKTNOSUPPORT";
	errname[EOPNOTSUPP] = "EOPNOTSUPP";
	errname[EPFNOSUPPORT] = "EPFNOSUPPORT";
	errname[EAFNOSUPPORT] = "EAFNOSUPPORT";
	errname[EADDRINUSE] = "EADDRINUSE";
	errname[EADDRNOTAVAIL] = "EADDRNOTAVAIL";
	errname[ENETDOWN] = "ENETDOWN";
	errname[ENETUNREACH] = "ENETUNREACH";
	errname[ENETRESET] = "ENETRESET";
	errname[ECONNABORTED] = "ECONNABORTED";
	errname[ECONNRESET] = "ECONNRESET";
	errname[ENOBUFS] = "ENOBUFS";
	errname[EISCONN] = "EISCONN";
	errname[ENOTCONN] = "ENOTCONN";
	errname[ESHUTDOWN] = "ESHUTDOWN";
	errname[ETOOMANYREFS] = "ETOOMANYREFS";
	errname[ETIMEDOUT] = "ETIMEDOUT";
	errname[ECONNREFUSED] = "ECONNREFUSED";
	errname[EHOSTDOWN] = "EHOSTDOWN";
	errname[EHOSTUNREACH] = "EHOSTUNREACH";
	errname[EALREADY] = "EALREADY";
	errname[EINPROGRESS] = "EINPROGRESS";
	errname[ESTALE] = "ESTALE";
	errname[EDQUOT] = "EDQUOT";
	errname[ENOMEDIUM] = "ENOMEDIUM";
	errname[EMEDIUMTYPE] = "EMEDIUMTYPE";
	errname[ECANCELED] = "ECANCELED";
	errname[ENOKEY] = "ENOKEY";
	errname[EKEYEXPIRED] = "EKEYEXPIRED";
	errname[EKEYREVOKED] = "EKEYREVOKED";
	errname[EKEYREJECTED] = "EKEYREJECTED";
	errname[EOWNERDEAD] = "EOWNERDEAD";
	errname[ENOTRECOVERABLE] = "ENOTRECOVERABLE";
	errname[ERFKILL] = "ERFKILL";
	errname[EHWPOISON] = "EHWPOISON";
	printf("%7s %-16s %-20s %4s %s\n", "PID", "EXEC", "SYSCALL", "ERR",
	    "NAME");
}

syscall:::return
/errno != 0 && progenyof($target)/
{
	this->name = errname[errno];
	this->name = this->name != "" ? this->name : "-";
	printf("%7d %-16s %-20s %4d %s\n", pid, execname, probefunc, errno,
	    this->name);
	@errs[execname, probefunc, errno, this->name] = count();
}

END
{
	printf("\n%-16s %-20s %4s %-15s %6s\n", "EXEC", "SYSCALL", "ERR",
	    "NAME", "COUNT");
	printa("%-16s %-20s %4d %-15s %@6d\n", @errs);
}
