/*
 * ASSERTION: %d prints signed int values.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d\n", 0, -5, 2147483647);
	exit(0);
}
