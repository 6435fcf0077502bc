/*
 * ASSERTION: Shifts work on the full 64 bits of a long long.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %x\n", (long long)1 << 40, (uint64_t)0xff00000000000000 >> 56);
	exit(0);
}
