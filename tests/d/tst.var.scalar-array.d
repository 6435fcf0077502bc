/*
 * ASSERTION: A declared scalar array holds independent elements
 *   initialised to 0.
 */

#pragma D option quiet

int a[5];

BEGIN
{
	a[0] = 1;
	a[4] = 5;
	printf("%d %d %d %d\n", a[0], a[1], a[4], sizeof (a));
	exit(0);
}
