/*
 * ASSERTION: Character constants accept the C escapes \n, \0, \\, \t
 *   and octal.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d %d\n", '\n', '\0', '\\', '\101', '\t');
	exit(0);
}
