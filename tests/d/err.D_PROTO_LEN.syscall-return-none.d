/*
 * ASSERTION: syscall_return() needs the value the syscall returns.
 */
/* @@runtest-opts: -w */

BEGIN
{
	syscall_return();
}
