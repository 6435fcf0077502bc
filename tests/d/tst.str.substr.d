/*
 * ASSERTION: substr(s, i) and substr(s, i, len) extract substrings.
 */

#pragma D option quiet

BEGIN
{
	printf("%s|%s|%s|%s\n", substr("hello", 1), substr("hello", 1, 3),
		substr("hello", 0, 2), substr("hello", 4, 10));
	exit(0);
}
