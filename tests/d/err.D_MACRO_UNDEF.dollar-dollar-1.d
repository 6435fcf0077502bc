/*
 * ASSERTION: $$1 without a script argument is an error.
 */

BEGIN
{
	trace($$1);
	exit(0);
}
