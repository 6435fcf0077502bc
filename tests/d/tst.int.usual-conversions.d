/*
 * ASSERTION: Comparing a negative int with an unsigned value converts
 *   the int to unsigned, as in C.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d\n", -1 < (unsigned int)1, -1 < 1,
		-1 < (uint64_t)1);
	exit(0);
}
