/*
 * ASSERTION: The D library (dtrace's errno.d) defines the errno names
 *   with Linux's values (asm-generic numbering, shared by x86_64 and
 *   aarch64), aliases included.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d %d %d %d\n", EPERM, ENOENT, ESRCH, EINTR, EIO,
	    ENXIO, E2BIG);
	printf("%d %d %d %d %d %d\n", EBADF, ECHILD, EAGAIN, EWOULDBLOCK,
	    ENOMEM, EACCES);
	printf("%d %d %d %d %d %d\n", EFAULT, EBUSY, EEXIST, ENOTDIR, EISDIR,
	    EINVAL);
	printf("%d %d %d %d %d %d\n", EMFILE, ENOTTY, ENOSPC, ESPIPE, EPIPE,
	    ERANGE);
	printf("%d %d %d %d %d\n", EDEADLK, EDEADLOCK, ENAMETOOLONG, ENOSYS,
	    ENOTEMPTY);
	printf("%d %d %d %d %d\n", ELOOP, ENOMSG, ENODATA, ETIME, EOVERFLOW);
	printf("%d %d %d %d %d\n", EOPNOTSUPP, ENOTSUP, ENOTSOCK, EADDRINUSE,
	    ECONNRESET);
	printf("%d %d %d %d %d\n", ETIMEDOUT, ECONNREFUSED, EHOSTUNREACH,
	    EALREADY, EINPROGRESS);
	printf("%d %d %d %d\n", ESTALE, EDQUOT, ECANCELED, EHWPOISON);
	exit(0);
}
