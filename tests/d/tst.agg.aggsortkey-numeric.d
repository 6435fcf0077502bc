/*
 * ASSERTION: Integer keys sort numerically with aggsortkey.
 */

#pragma D option quiet

#pragma D option aggsortkey

BEGIN
{
	@a[10] = sum(1);
	@a[2] = sum(2);
	@a[33] = sum(3);
	exit(0);
}
