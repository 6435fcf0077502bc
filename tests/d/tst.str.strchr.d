/*
 * ASSERTION: strchr() returns the string from the first occurrence of a
 *   character.
 */

#pragma D option quiet

BEGIN
{
	printf("%s|%s\n", strchr("hello", 'l'), strchr("hello", 'h'));
	exit(0);
}
