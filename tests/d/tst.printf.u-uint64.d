/*
 * ASSERTION: %u prints a 64-bit unsigned value in full.
 */

#pragma D option quiet

BEGIN
{
	printf("%u\n", (uint64_t)-1);
	exit(0);
}
