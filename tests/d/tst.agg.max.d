/*
 * ASSERTION: max() keeps the largest value, also when all are negative.
 */

#pragma D option quiet

BEGIN
{
	@m = max(-5);
	@m = max(-3);
	@m = max(-9);
	exit(0);
}
