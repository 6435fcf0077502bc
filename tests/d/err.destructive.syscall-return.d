/*
 * ASSERTION: syscall_return() is destructive: without -w the program
 *   compiles, and enabling it fails.
 */

BEGIN
{
	syscall_return(0);
}
