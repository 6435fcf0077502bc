/*
 * ASSERTION: stddev() prints the integer population standard deviation.
 */

#pragma D option quiet

BEGIN
{
	@s = stddev(2);
	@s = stddev(4);
	@s = stddev(4);
	@s = stddev(4);
	@s = stddev(5);
	@s = stddev(5);
	@s = stddev(7);
	@s = stddev(9);
	exit(0);
}
