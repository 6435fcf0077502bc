/*
 * ASSERTION: %d prints the most negative 64-bit value.
 */

#pragma D option quiet

BEGIN
{
	printf("%d\n", (int64_t)0x8000000000000000);
	exit(0);
}
