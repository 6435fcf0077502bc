/*
 * ASSERTION: An unsigned variable minus a larger value wraps in its
 *   type.
 */

#pragma D option quiet

unsigned int u;

BEGIN
{
	u = 3;
	u = u - 5;
	printf("%u\n", u);
	exit(0);
}
