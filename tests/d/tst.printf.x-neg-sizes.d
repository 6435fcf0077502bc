/*
 * ASSERTION: %x of negative values prints the unsigned value of the
 *   argument's own size.
 */

#pragma D option quiet

BEGIN
{
	printf("%x %x %x %x\n", (char)-1, (short)-1, -1, (long long)-1);
	exit(0);
}
