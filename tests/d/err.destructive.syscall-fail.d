/*
 * ASSERTION: syscall_fail() is destructive: without -w the program
 *   compiles, and enabling it fails as for raise() or system().
 */

BEGIN
{
	syscall_fail(EACCES);
	exit(0);
}
