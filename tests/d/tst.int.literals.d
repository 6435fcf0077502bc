/*
 * ASSERTION: Decimal, octal and hex literals, upper and lower case.
 */

#pragma D option quiet

BEGIN
{
	printf("%d %d %d %d\n", 0x1F, 017, 0X10, 0xabcdef);
	exit(0);
}
