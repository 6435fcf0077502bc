/*
 * ASSERTION: clear() needs an aggregation argument.
 */

BEGIN
{
	clear(1);
	exit(0);
}
