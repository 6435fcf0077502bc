/*
 * ASSERTION: clear() zeroes the values of an aggregation but keeps its
 *   keys.
 */

#pragma D option quiet

BEGIN
{
	@a["x"] = sum(5);
	printa("%s %@d\n", @a);
	clear(@a);
	printa("%s %@d\n", @a);
	exit(0);
}
