/*
 * ASSERTION: With aggsortrev entries are sorted by descending value.
 */

#pragma D option quiet

#pragma D option aggsortrev

BEGIN
{
	@a["a"] = sum(1);
	@a["b"] = sum(3);
	@a["c"] = sum(2);
	exit(0);
}
