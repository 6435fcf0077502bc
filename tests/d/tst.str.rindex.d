/*
 * ASSERTION: rindex() returns the last position of a substring or -1.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d\n", rindex("hello", "l"), rindex("hello", "z"),
		rindex("abcabc", "abc"));
	exit(0);
}
