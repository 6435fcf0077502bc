/*
 * ASSERTION: strlen() returns the length of a string.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d\n", strlen("hello"), strlen(""), strlen("a b c"));
	exit(0);
}
