/*
 * ASSERTION: strstr() returns the string from the first occurrence of a
 *   substring.
 */

#pragma D option quiet

BEGIN
{
	printf("%s|%s\n", strstr("hello world", "o w"), strstr("aaa", "a"));
	exit(0);
}
