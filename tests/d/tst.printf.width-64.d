/*
 * ASSERTION: Widths apply to 64-bit values too.
 */

#pragma D option quiet

BEGIN
{
	printf("[%20d]\n", (int64_t)-1234567890123);
	exit(0);
}
