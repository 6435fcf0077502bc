/*
 * ASSERTION: Assigning 0 deletes an associative array element.
 */

#pragma D option quiet

BEGIN
{
	a[1] = 5;
	a[1] = 0;
	a[2] = a[1] + 1;
	printf("%d %d\n", a[1], a[2]);
	exit(0);
}
