/*
 * ASSERTION: Casting a variable truncates its value for the expression
 *   only.
 */

#pragma D option quiet

BEGIN
{
	x = 0x1ff;
	printf("%d %d\n", (unsigned char)x, x);
	exit(0);
}
