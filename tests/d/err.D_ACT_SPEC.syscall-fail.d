/*
 * ASSERTION: syscall_fail() is a destructive action: like raise(), it may
 *   not follow speculate() (a discarded speculation cannot take back a
 *   syscall that was made to fail).
 */
/* @@runtest-opts: -w */

BEGIN
{
	speculate(speculation());
	syscall_fail(EPERM);
}
