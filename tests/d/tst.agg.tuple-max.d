/*
 * ASSERTION: an aggregation key tuple of 8 members (all the tuple
 *   registers) is accepted.
 */

#pragma D option quiet

BEGIN
{
	@a[0, 1, 2, 3, 4, 5, 6, 7] = count();
	exit(0);
}
