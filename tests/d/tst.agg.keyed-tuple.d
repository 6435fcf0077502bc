/*
 * ASSERTION: Each key of a tuple is printed in turn before the value.
 */

#pragma D option quiet

BEGIN
{
	@a["x", 1] = sum(5);
	@a["y", 2] = sum(7);
	exit(0);
}
