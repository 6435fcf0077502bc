/*
 * ASSERTION: strrchr() returns the string from the last occurrence of a
 *   character.
 */

#pragma D option quiet

BEGIN
{
	printf("%s|%s\n", strrchr("hello", 'l'), strrchr("a/b/c", '/'));
	exit(0);
}
