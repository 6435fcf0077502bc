/*
 * ASSERTION: Strings are truncated to strsize bytes (including the
 *   terminating NUL).
 */

#pragma D option quiet

#pragma D option strsize=8

BEGIN
{
	s = strjoin("abcdef", "ghijkl");
	printf("%s\n", s);
	exit(0);
}
