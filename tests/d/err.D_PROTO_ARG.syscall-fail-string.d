/*
 * ASSERTION: syscall_fail() takes an errno number, not its name.
 */
/* @@runtest-opts: -w */

BEGIN
{
	syscall_fail("ENOENT");
}
