/*
 * ASSERTION: %u prints a negative int as its unsigned 32-bit value.
 */

#pragma D option quiet

BEGIN
{
	printf("%u\n", -1);
	exit(0);
}
