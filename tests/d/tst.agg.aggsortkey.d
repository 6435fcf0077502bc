/*
 * ASSERTION: With aggsortkey entries are sorted by key.
 */

#pragma D option quiet

#pragma D option aggsortkey

BEGIN
{
	@a["b"] = sum(1);
	@a["c"] = sum(2);
	@a["a"] = sum(3);
	exit(0);
}
