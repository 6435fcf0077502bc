/*
 * ASSERTION: Casts to narrower integer types keep the low-order bits.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d\n", (char)257, (short)65537, (int)0x100000001,
		(unsigned char)-1);
	exit(0);
}
