/*
 * ASSERTION: Decrementing an unsigned int 0 wraps to UINT_MAX.
 */

#pragma D option quiet

unsigned int u;

BEGIN
{
	u = 0;
	u--;
	printf("%u\n", u);
	exit(0);
}
