/*
 * ASSERTION: %p prints a pointer or integer as hex without a 0x prefix.
 */

#pragma D option quiet

BEGIN
{
	printf("%p\n", 0x1234);
	exit(0);
}
