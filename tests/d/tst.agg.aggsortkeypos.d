/*
 * ASSERTION: aggsortkeypos selects the key used for sorting.
 */

#pragma D option quiet

#pragma D option aggsortkey
#pragma D option aggsortkeypos=1

BEGIN
{
	@a["b", 1] = count();
	@a["a", 2] = count();
	@a["c", 0] = count();
	exit(0);
}
