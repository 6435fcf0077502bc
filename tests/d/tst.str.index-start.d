/*
 * ASSERTION: index() with a start position searches from there.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d\n", index("hello", "l", 3), index("abcabc", "a", 1));
	exit(0);
}
