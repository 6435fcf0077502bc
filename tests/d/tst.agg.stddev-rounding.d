/*
 * ASSERTION: stddev() works on integer averages: for 1 and 2 it prints
 *   1 (sqrt(5/2 - (3/2)^2) in integer arithmetic).
 */

#pragma D option quiet

BEGIN
{
	@s = stddev(1);
	@s = stddev(2);
	exit(0);
}
