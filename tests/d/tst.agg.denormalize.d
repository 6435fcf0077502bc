/*
 * ASSERTION: denormalize() undoes normalize().
 */

#pragma D option quiet

BEGIN
{
	@a["x"] = sum(100);
	normalize(@a, 10);
	denormalize(@a);
	exit(0);
}
