/*
 * ASSERTION: trunc() needs an aggregation argument.
 */

BEGIN
{
	trunc(1);
	exit(0);
}
