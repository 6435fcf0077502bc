/*
 * ASSERTION: Comparison of unsigned 64-bit values is unsigned.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d\n", (uint64_t)-1 > 1, (int64_t)-1 > 1);
	exit(0);
}
