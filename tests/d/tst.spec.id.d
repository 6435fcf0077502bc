/*
 * ASSERTION: speculation() returns a non-zero identifier.
 */

#pragma D option quiet

BEGIN
{
	s = speculation();
	printf("%d\n", s != 0);
	exit(0);
}
