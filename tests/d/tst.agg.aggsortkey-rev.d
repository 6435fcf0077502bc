/*
 * ASSERTION: aggsortkey with aggsortrev sorts by descending key.
 */

#pragma D option quiet

#pragma D option aggsortkey
#pragma D option aggsortrev

BEGIN
{
	@a["a"] = sum(1);
	@a["c"] = sum(2);
	@a["b"] = sum(3);
	exit(0);
}
