/*
 * ASSERTION: Array indices can be expressions.
 */

#pragma D option quiet

int a[4];

BEGIN
{
	i = 2;
	a[i + 1] = 9;
	printf("%d\n", a[3]);
	exit(0);
}
