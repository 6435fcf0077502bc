/*
 * ASSERTION: stddev() of a single value is 0.
 */

#pragma D option quiet

BEGIN
{
	@s = stddev(1000);
	exit(0);
}
