/*
 * ASSERTION: 64-bit multiplication wraps modulo 2^64.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d\n", (int64_t)0x4000000000000000 * 4,
		(int64_t)3037000500 * 3037000500);
	exit(0);
}
