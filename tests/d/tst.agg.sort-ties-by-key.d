/*
 * ASSERTION: Entries with equal values are sorted by key.
 */

#pragma D option quiet

BEGIN
{
	@a["c"] = count();
	@a["a"] = count();
	@a["b"] = count();
	exit(0);
}
