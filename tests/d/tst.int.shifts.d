/*
 * ASSERTION: Right shift is arithmetic for signed and logical for
 *   unsigned operands.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %u %d %u\n", 1 << 10, -16 >> 2,
		(unsigned int)0x80000000 >> 31, (int64_t)-1 >> 60,
		(uint64_t)-1 >> 60);
	exit(0);
}
