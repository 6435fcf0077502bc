/*
 * ASSERTION: a global array of exactly 1 MiB (262144 ints) works, its last
 *   element included.
 */

#pragma D option quiet

int a[262144];

BEGIN
{
	a[3] = 4;
	a[262143] = 5;
	printf("%d %d %d\n", a[3], a[262143], a[0]);
	exit(0);
}
