/*
 * ASSERTION: printa() with a format on a scalar aggregation.
 */

#pragma D option quiet

BEGIN
{
	@s = sum(42);
	printa("sum is %@d\n", @s);
	exit(0);
}
