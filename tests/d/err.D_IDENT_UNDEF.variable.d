/*
 * ASSERTION: Reading a global that was never declared or assigned is an
 *   error.
 */

BEGIN
{
	trace(nosuchvar);
	exit(0);
}
