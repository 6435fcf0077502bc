/*
 * ASSERTION: A subroutine called with too many arguments is an error.
 */

BEGIN
{
	trace(strlen("a", "b"));
	exit(0);
}
