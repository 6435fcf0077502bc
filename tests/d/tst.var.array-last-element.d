/*
 * ASSERTION: the last element of a declared array is within its bounds.
 */

#pragma D option quiet

int a[5];

BEGIN
{
	a[4] = 7;
	printf("%d %d\n", a[0], a[4]);
	exit(0);
}
