/*
 * ASSERTION: normalize() divides the printed values by the given
 *   factor.
 */

#pragma D option quiet

BEGIN
{
	@a["x"] = sum(100);
	@a["y"] = sum(35);
	normalize(@a, 10);
	exit(0);
}
