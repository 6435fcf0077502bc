/*
 * ASSERTION: Relational operators yield int 1 or 0.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d\n", 1 < 2, 2 < 1);
	exit(0);
}
