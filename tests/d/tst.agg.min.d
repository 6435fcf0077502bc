/*
 * ASSERTION: min() keeps the smallest value.
 */

#pragma D option quiet

BEGIN
{
	@m = min(3);
	@m = min(-5);
	@m = min(7);
	exit(0);
}
