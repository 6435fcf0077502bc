/*
 * ASSERTION: && and || do not evaluate their right operand when the
 *   left decides the result.
 */

#pragma D option quiet

BEGIN
{
	x = 0;
	y = 0;
	0 && (x = 1);
	1 || (y = 1);
	printf("%d %d\n", x, y);
	exit(0);
}
