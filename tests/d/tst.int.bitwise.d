/*
 * ASSERTION: Bitwise &, |, ^ and ~.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d %u\n", 0xf0 & 0x3c, 0xf0 | 0x3c, 0xf0 ^ 0x3c, ~0,
		~0u);
	exit(0);
}
