/*
 * ASSERTION: Negating an unsigned int yields an unsigned int.
 */

#pragma D option quiet

BEGIN
{
	printf("%u\n", -(unsigned int)1);
	exit(0);
}
