/*
 * ASSERTION: Signed division truncates toward zero and % has the sign
 *   of the dividend.
 */

#pragma D option quiet

BEGIN
{
	a = -7;
	b = 7;
	printf("%d %d %d %d\n", a / 2, a % 2, b / -2, b % -2);
	exit(0);
}
