/*
 * ASSERTION: Escapes in string literals are translated before the
 *   string is used.
 */

#pragma D option quiet

BEGIN
{
	s = "a\tb\\c";
	printf("%s|%d\n", s, strlen(s));
	exit(0);
}
