/*
 * ASSERTION: trace() needs an argument.
 */

BEGIN
{
	trace();
	exit(0);
}
