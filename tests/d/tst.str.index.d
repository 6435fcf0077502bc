/*
 * ASSERTION: index() returns the position of a substring or -1.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d\n", index("hello", "l"), index("hello", "z"),
		index("hello", "lo"), index("hello", "h"));
	exit(0);
}
