/*
 * ASSERTION: %X prints a 64-bit value in upper case hex.
 */

#pragma D option quiet

BEGIN
{
	printf("%X\n", (uint64_t)0xdeadbeefcafe);
	exit(0);
}
