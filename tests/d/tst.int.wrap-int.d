/*
 * ASSERTION: Incrementing an int variable holding INT_MAX wraps to
 *   INT_MIN.
 */

#pragma D option quiet

int x;

BEGIN
{
	x = 2147483647;
	x++;
	printf("%d\n", x);
	exit(0);
}
