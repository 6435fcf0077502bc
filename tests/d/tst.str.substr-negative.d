/*
 * ASSERTION: A negative substr() index counts from the end of the
 *   string.
 */

#pragma D option quiet

BEGIN
{
	printf("%s|%s\n", substr("hello", -2), substr("hello", -3, 2));
	exit(0);
}
