/*
 * ASSERTION: $target is 0 when no -c or -p is given.
 */

#pragma D option quiet

BEGIN
{
	printf("%d\n", $target);
	exit(0);
}
