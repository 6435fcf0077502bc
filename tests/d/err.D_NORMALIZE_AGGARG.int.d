/*
 * ASSERTION: normalize() needs an aggregation argument.
 */

BEGIN
{
	normalize(1, 10);
	exit(0);
}
