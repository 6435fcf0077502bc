/*
 * ASSERTION: Integer keys of different values select different
 *   elements, including negative ones.
 */

#pragma D option quiet

BEGIN
{
	a[-1] = 1;
	a[0] = 2;
	a[1] = 3;
	printf("%d %d %d\n", a[-1], a[0], a[1]);
	exit(0);
}
